"""Import page files into the archive: decode, segment, store, queue for indexing.

One transaction per page, so a failure part-way through a page leaves the
database as it was before that page. Re-importing is safe: an unchanged page is
skipped, a changed page is re-segmented and its articles are matched to the
stored ones so that they keep their pk (and URL); an article an editor has
corrected (``edited=True``) is never overwritten, only flagged for review.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import multiprocessing
import os
import re
import sys
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

from django.conf import settings
from django.db import transaction
from tqdm import tqdm

from archive.ingest import PageDecodeError, decode_page
from archive.ingest.publication import Publication
from archive.ingest.segment import segment_page_or_error
from archive.ingest.types import SegmentedArticle, SegmentedPage
from archive.models import Article, Byline, County, Reporter, SourcePage, Topic
from archive.services import duplicates
from archive.services.articles import derive_title, needs_review
from archive.services.dates import estimate_date
from archive.services.processes import exit_with_parent
from archive.services.replay import replay_corrections

logger = logging.getLogger(__name__)

R = Article.ReviewReason
# How alike two bodies must be (character-bigram Dice coefficient) to be the same article.
MATCH_THRESHOLD = 0.55
_NOT_WORD_RE = re.compile(r"[\W_]+")


# --- Results -----------------------------------------------------------------------------


@dataclass
class PageResult:
    path: str
    status: str  # new | changed | unchanged | failed
    reason: str = ""
    page_id: int | None = None
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)
    kept_edited: list[int] = field(default_factory=list)
    flagged: int = 0


@dataclass
class ImportSummary:
    pages: list[PageResult] = field(default_factory=list)

    def _count(self, status: str) -> int:
        return sum(1 for p in self.pages if p.status == status)

    @property
    def pages_new(self) -> int:
        return self._count("new")

    @property
    def pages_changed(self) -> int:
        return self._count("changed")

    @property
    def pages_unchanged(self) -> int:
        return self._count("unchanged")

    @property
    def failures(self) -> list[PageResult]:
        return [p for p in self.pages if p.status == "failed"]

    @property
    def pages_failed(self) -> int:
        return len(self.failures)

    @property
    def articles_created(self) -> int:
        return sum(len(p.created) for p in self.pages)

    @property
    def articles_updated(self) -> int:
        return sum(len(p.updated) for p in self.pages)

    @property
    def articles_deleted(self) -> int:
        return sum(len(p.deleted) for p in self.pages)

    @property
    def articles_kept_edited(self) -> int:
        return sum(len(p.kept_edited) for p in self.pages)

    @property
    def articles_flagged(self) -> int:
        return sum(p.flagged for p in self.pages)

    @property
    def ok(self) -> bool:
        return not self.failures


class PageImportError(Exception):
    """A page file that cannot be imported; ``str()`` is the reason shown to the user (Chinese)."""


# --- Entry points ------------------------------------------------------------------------


def collect_page_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into their ``*.txt`` files (recursively, sorted); keep files as given.

    Paths that do not exist are kept so that the import reports them by name.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() == ".txt" and p.is_file()))
        else:
            files.append(path)
    return files


def import_paths(
    paths: Sequence[str | Path],
    *,
    progress: bool = True,
    force: bool = False,
    jobs: int = 1,
    index: bool = True,
    manifest: Mapping[str, Publication] | None = None,
) -> ImportSummary:
    """Import page files and folders; a file that fails is reported, the others still import.

    ``force`` re-segments unchanged pages too (after topic keywords or the segmenter changed).
    ``jobs > 1`` segments pages in that many worker processes while this process
    stores them, in the order given (segmenting is pure and takes about half the time).
    ``index=False`` leaves the index work queued (for a bulk load followed by a rebuild).
    ``manifest`` maps bare file names to the paper, date, edition and page a file does not print.
    """
    files = collect_page_files(paths)
    summary = ImportSummary()
    topic_rules = current_topic_rules()
    indexing = _search_indexing()
    bar = tqdm(files, desc="导入版面", unit="页", file=sys.stderr, disable=not progress, dynamic_ncols=True)
    # Each page queues its index work in its own transaction; deferred() applies the whole
    # queue once at the end (process_pending(wait=True), then a merge) instead of a commit per page.
    jobs = jobs if len(files) >= MIN_FILES_FOR_JOBS else 1
    with indexing.deferred(apply=index), _segmenter(jobs) as segment:
        for result in _import_files(bar, topic_rules, force, segment, manifest or {}):
            bar.set_postfix_str(Path(result.path).name, refresh=False)
            summary.pages.append(result)
        bar.close()
    # The same report on other pages and papers: only the articles this import touched are compared.
    duplicates.refresh(pk for r in summary.pages for pk in r.created + r.updated + r.kept_edited)
    if summary.articles_deleted:
        duplicates.prune()
    return summary


def default_jobs() -> int:
    """Segmenting processes for an import: one per core, at most two (this machine's size)."""
    return max(1, min(2, os.cpu_count() or 1))


# Below this many files, starting worker processes costs more than it saves.
MIN_FILES_FOR_JOBS = 20
# Pages read ahead of the one being stored, per worker process.
READ_AHEAD_PER_JOB = 8


@dataclass
class _ReadPage:
    """A page file read and decoded, waiting to be segmented and stored."""

    path: Path
    data: bytes
    sha256: str
    text: str
    encoding: str
    same_bytes: bool
    force: bool = False


@contextlib.contextmanager
def _segmenter(jobs: int) -> Iterator[Callable]:
    """``segment(text, name, topic_rules)`` → a future-like object with ``result()``."""
    if jobs <= 1:
        yield lambda *args: _Done(segment_page_or_error(*args))
        return
    # spawn, not fork: this process has threads (the progress bar's, the index retrier's)
    # and an open database connection that a forked child must never touch.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=exit_with_parent, initargs=(os.getpid(),)
    )
    try:
        yield lambda *args: pool.submit(segment_page_or_error, *args)
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM): drop the queued pages and stop the workers now
        # rather than wait for them to segment pages nobody will store.
        pool.shutdown(wait=False, cancel_futures=True)
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        raise
    pool.shutdown()


@dataclass
class _Done:
    value: SegmentedPage | str

    def result(self) -> SegmentedPage | str:
        return self.value


def _import_files(
    files: Iterable[Path],
    topic_rules: dict[str, dict[str, float]],
    force: bool,
    segment: Callable,
    manifest: Mapping[str, Publication],
) -> Iterator[PageResult]:
    """Read, segment (possibly ahead, in workers) and store each file, in order."""
    ahead: deque[tuple[_ReadPage | PageResult, object]] = deque()
    limit = READ_AHEAD_PER_JOB * max(1, os.cpu_count() or 1)
    for path in files:
        read = read_page(path, force=force)
        publication = manifest.get(path.name)
        future = (
            segment(read.text, path.name, topic_rules, publication) if isinstance(read, _ReadPage) else None
        )
        ahead.append((read, future))
        while len(ahead) > limit:
            yield _finish(*ahead.popleft())
    while ahead:
        yield _finish(*ahead.popleft())


def _finish(read: _ReadPage | PageResult, future) -> PageResult:
    if isinstance(read, PageResult):
        return read
    segmented = future.result()
    if isinstance(segmented, str):
        return PageResult(str(read.path), "failed", reason=f"切分失败：{segmented}")
    return store_segmented(read, segmented)


def read_page(path: Path, *, force: bool = False) -> _ReadPage | PageResult:
    """Read and decode ``path``; a final result instead if it failed or is already imported."""
    try:
        data = read_page_bytes(path)
        decoded = decode_page(data, max_bytes=settings.ARCHIVE_MAX_PAGE_BYTES)
    except (PageImportError, PageDecodeError) as exc:
        return PageResult(str(path), "failed", reason=str(exc))
    sha = hashlib.sha256(data).hexdigest()
    known, same_bytes = _already_imported(path, sha, force)
    return known or _ReadPage(path, data, sha, decoded.text, decoded.encoding, same_bytes, force)


def _already_imported(path: Path, sha: str, force: bool) -> tuple[PageResult | None, bool]:
    """(the result if this file needs no import, whether a page of this name has these bytes)."""
    existing = SourcePage.objects.filter(file_name=path.name).first()
    same_bytes = existing is not None and existing.sha256 == sha
    if same_bytes and not force:
        return PageResult(str(path), "unchanged", page_id=existing.pk), same_bytes
    if existing is None:
        twin = SourcePage.objects.filter(sha256=sha).first()
        if twin is not None:
            # The same bytes under another name: importing them again would duplicate every article.
            reason = f"内容与已导入的 {twin.file_name} 相同"
            return PageResult(str(path), "unchanged", reason=reason, page_id=twin.pk), same_bytes
    return None, same_bytes


def store_segmented(read: _ReadPage, segmented: SegmentedPage) -> PageResult:
    """Store one segmented page in its own transaction; a failure is reported, nothing half-stored."""
    path = read.path
    # Asked again: a page read ahead may have been stored meanwhile (the same file twice).
    known, same_bytes = _already_imported(path, read.sha256, read.force)
    if known is not None:
        return known
    if not any(has_article_text(article.body) for article in segmented.articles):
        # Nothing but furniture (a mailbox line, an editor's name) or nothing at all.
        return PageResult(str(path), "failed", reason="未识别出文章")
    try:
        with transaction.atomic():
            return store_page(
                path,
                segmented,
                sha256=read.sha256,
                encoding=read.encoding,
                file_date=_file_date(path),
                page_changed=not same_bytes,
            )
    except Exception as exc:  # any failure rolls the page back and is reported by name
        logger.exception("Import of %s failed", path)
        return PageResult(str(path), "failed", reason=f"保存失败：{exc}")


# A line of contact details or production credits, not article text.
_FURNITURE_LINE = re.compile(
    r"^\s*(本版|投稿|新闻|报料)?(邮箱|信箱|电话|热线|传真|地址|邮编|网址|微信|微博|"
    r"责任编辑|责编|编辑|校对|版式|美编|组版|审核|值班)"
)
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+|www\.\S+")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
MIN_ARTICLE_HAN_CHARS = 10


def has_article_text(body: str) -> bool:
    """Whether ``body`` holds some text of an article once contact and credit lines are set aside."""
    lines = [_CONTACT.sub("", line) for line in body.splitlines() if not _FURNITURE_LINE.match(line)]
    return sum(len(_HAN_CHAR.findall(line)) for line in lines) >= MIN_ARTICLE_HAN_CHARS


def read_page_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what is missing, not a file, or over the size limit."""
    limit = settings.ARCHIVE_MAX_PAGE_BYTES
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise PageImportError("文件不存在") from None
    except OSError as exc:
        raise PageImportError(f"无法读取文件：{exc.strerror or exc}") from None
    if not path.is_file():
        raise PageImportError("不是普通文件")
    if size > limit:
        # Checked before reading so that a huge file is never loaded into memory.
        raise PageImportError(f"文件过大（{size / 1024:.0f} KB，上限 {limit / 1024:.0f} KB）")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PageImportError(f"无法读取文件：{exc.strerror or exc}") from None


def current_topic_rules() -> dict[str, dict[str, float]]:
    """The topics' keyword weights as editors last saved them in the admin."""
    return {topic.name: topic.keyword_weights() for topic in Topic.objects.all()}


# --- Storing one page --------------------------------------------------------------------


def store_page(
    path: Path,
    segmented: SegmentedPage,
    *,
    sha256: str,
    encoding: str | None,
    file_date: dt.date | None,
    page_changed: bool = True,
) -> PageResult:
    """Write one segmented page and its articles; call inside a transaction.

    ``page_changed`` is False when an unchanged page is re-segmented on request: the
    editors' articles are then left as they are, without a page_changed flag.
    """
    page = SourcePage.objects.select_for_update().filter(file_name=path.name).first()
    status = "changed" if page is not None else "new"
    # Editors' boundary corrections first: the articles they made are then matched like any other.
    stale = replay_corrections(page.pk if page is not None else None, segmented, current_topic_rules)
    if page is None:
        page = SourcePage(file_name=path.name)
    page.sha256 = sha256
    page.raw_text = segmented.text
    page.encoding = (encoding or segmented.encoding or "")[:16]
    page.paper = (segmented.paper or "")[:64]
    page.section = (segmented.section or "")[:64]
    page.page_label = (segmented.page_label or "")[:16]
    page.metadata_sources = dict(segmented.metadata_sources)
    page_date, page_date_estimated = _page_date(segmented, file_date)
    # The page's date as printed or supplied; else the estimate its articles get, marked as such.
    page.pub_date, page.pub_date_estimated = page_date, bool(page_date_estimated and page_date)
    page.furniture = [
        {"text": text, "start": span.start if span else None, "end": span.end if span else None}
        for text, span in zip_longest(segmented.furniture, segmented.furniture_spans)
        if text is not None
    ]
    page.save()

    result = PageResult(str(path), status, page_id=page.pk)
    places = {c.code: c for c in County.objects.all()}
    topics = {t.name: t for t in Topic.objects.all()}

    old_articles = list(page.articles.all()) if status == "changed" else []
    new_fields = [
        _article_fields(position, seg, page_date, page_date_estimated, places, topics)
        for position, seg in enumerate(segmented.articles)
    ]
    pairs = match_articles(old_articles, [f.match_key for f in new_fields])
    matched_old = set()
    for new_index, fields in enumerate(new_fields):
        old = pairs.get(new_index)
        if old is None:
            article = Article(source_page=page)
            _apply(article, fields)
            result.created.append(article.pk)
        elif old.edited:
            matched_old.add(old.pk)
            _keep_edited(old, fields, R.PAGE_CHANGED if page_changed else None, page_changed=page_changed)
            result.kept_edited.append(old.pk)
        else:
            matched_old.add(old.pk)
            if _apply(old, fields):
                result.updated.append(old.pk)
    for old in old_articles:
        if old.pk in matched_old:
            continue
        if old.edited:
            _keep_edited(old, None, R.ORPHANED, page_changed=page_changed)
            result.kept_edited.append(old.pk)
        else:
            result.deleted.append(old.pk)
            old.delete()

    _flag_stale_corrections(page, stale, result)
    if not page_changed and not (result.created or result.updated or result.deleted):
        result.status = "unchanged"
    result.flagged = page.articles.filter(needs_review=True).count()
    indexing = _search_indexing()
    # Queued in the page's transaction: the index work commits (or rolls back) with the page.
    touched = result.created + result.updated + (result.kept_edited if page_changed else [])
    if touched:
        indexing.enqueue(touched)
    if result.deleted:
        indexing.enqueue(result.deleted, delete=True)
    return result


def _flag_stale_corrections(page: SourcePage, stale: Sequence, result: PageResult) -> None:
    """Articles an editor's correction concerned, when it no longer applies, go on the review list."""
    ids = {pk for correction in stale for pk in (correction.anchor or {}).get("articles", [])}
    for article in page.articles.filter(pk__in=ids):
        if R.CORRECTION_STALE not in article.review_reasons:
            article.review_reasons = [*article.review_reasons, R.CORRECTION_STALE.value]
        article.needs_review = True
        article.save(update_fields=["review_reasons", "needs_review", "updated_at"])
        if article.pk not in result.kept_edited + result.updated + result.created:
            result.updated.append(article.pk)


@dataclass
class _ArticleFields:
    values: dict
    bylines: list[tuple[str, str]]  # (name, role)
    topic_ids: list[int]
    match_key: _MatchKey


@dataclass
class _MatchKey:
    fingerprint: str
    title: str
    bigrams: frozenset[str]


def _article_fields(
    position: int,
    seg: SegmentedArticle,
    page_date: dt.date | None,
    page_date_estimated: bool,
    places: dict[str, County],
    topics: dict[str, Topic],
) -> _ArticleFields:
    reasons = list(seg.review_reasons)
    title = (seg.title or "").strip()
    display_title = title
    title_derived = False
    if not title:
        display_title = derive_title(seg.body or " ".join(seg.captions))
        title_derived = True
        reasons.append(R.NO_TITLE)
    if seg.title_after_body:
        reasons.append(R.TITLE_AFTER_BODY)
    if seg.split:
        reasons.append(R.RESUMED)
    if seg.duplicate_removed:
        reasons.append(R.DUPLICATE_REMOVED)

    if seg.date is not None and not seg.date_estimated:
        pub_date, date_estimated = seg.date, False  # printed on the page or in the article
    else:
        pub_date, date_estimated = page_date, page_date_estimated
    if date_estimated and pub_date is not None:
        reasons.append(R.DATE_ESTIMATED)

    place_code = seg.place.county_code or seg.place.prefecture_code
    place = places.get(place_code) if place_code else None
    if place is None:
        reasons.append(R.PLACE_UNKNOWN)
    elif seg.place.ambiguous:
        reasons.append(R.PLACE_AMBIGUOUS)

    bylines: list[tuple[str, str]] = []
    valid_roles = set(Byline.Role.values)
    for credit in seg.reporters:
        name = re.sub(r"\s+", "", credit.name or "")
        role = credit.role if credit.role in valid_roles else ""
        if not name:
            continue
        if len(name) > Reporter._meta.get_field("name").max_length:
            reasons.append(R.LOW_CONFIDENCE)
            continue
        if (name, role) not in bylines:
            bylines.append((name, role))

    topic_ids = [topics[t.name].pk for t in seg.topics if t.name in topics]
    reasons = list(dict.fromkeys(str(r) for r in reasons))
    values = {
        "position": position,
        "title": title[:255],
        "display_title": display_title[:255],
        "title_derived": title_derived,
        "kicker": (seg.kicker or "").strip()[:255],
        "subtitle": (seg.subtitle or "").strip()[:255],
        "body": seg.body,
        "captions": list(seg.captions),
        "credit_lines": "\n".join(seg.credit_lines),
        "place": place,
        "place_evidence": {
            "county": seg.place.county,
            "prefecture": seg.place.prefecture,
            "confidence": round(seg.place.confidence, 3),
            "ambiguous": seg.place.ambiguous,
            "evidence": list(seg.place.evidence),
        },
        "topic_evidence": {
            t.name: {"score": round(t.score, 2), "keywords": list(t.keywords)} for t in seg.topics
        },
        "pub_date": pub_date,
        "date_estimated": bool(date_estimated and pub_date is not None),
        "review_reasons": reasons,
        "needs_review": needs_review(reasons),
        "spans": [[s.start, s.end] for s in seg.spans],
        "fingerprint": fingerprint(seg.body),
    }
    key = _MatchKey(values["fingerprint"], normalise_text(title), _bigrams(seg.body))
    return _ArticleFields(values, bylines, topic_ids, key)


def _apply(article: Article, fields: _ArticleFields) -> bool:
    """Write ``fields`` onto ``article`` (saving it); True when anything changed."""
    changed = article.pk is None
    for name, value in fields.values.items():
        if getattr(article, name) != value:
            setattr(article, name, value)
            changed = True
    if changed:
        article.save()
    current_bylines = [(b.reporter.name, b.role) for b in article.bylines.select_related("reporter")]
    if current_bylines != fields.bylines:
        article.bylines.all().delete()
        for order, (name, role) in enumerate(fields.bylines):
            reporter, _ = Reporter.objects.get_or_create(name=name)
            Byline.objects.create(article=article, reporter=reporter, role=role, order=order)
        changed = True
    if sorted(article.topics.values_list("pk", flat=True)) != sorted(fields.topic_ids):
        article.topics.set(fields.topic_ids)
        changed = True
    return changed


def _keep_edited(
    article: Article, fields: _ArticleFields | None, reason: str | None, *, page_changed: bool
) -> None:
    """Leave an editor's corrections alone; point the article at its new position, flag it if asked."""
    if fields is not None:
        # Where the text now sits on the page is provenance, not editorial content.
        article.spans = fields.values["spans"]
        article.position = fields.values["position"]
    elif page_changed:
        # The old spans point into text that no longer exists.
        article.spans = []
    update = ["spans", "position", "updated_at"]
    if reason:
        reasons = [r for r in article.review_reasons if r not in (R.PAGE_CHANGED, R.ORPHANED)]
        article.review_reasons = [*reasons, reason]
        article.needs_review = True
        update += ["review_reasons", "needs_review"]
    article.save(update_fields=update)


# --- Matching re-segmented articles to stored ones ---------------------------------------


def normalise_text(text: str) -> str:
    """Text reduced to its words: width-folded, without spaces or punctuation."""
    return _NOT_WORD_RE.sub("", unicodedata.normalize("NFKC", text or "")).lower()


def fingerprint(body: str) -> str:
    return hashlib.sha256(normalise_text(body).encode("utf-8")).hexdigest()


def _bigrams(text: str) -> frozenset[str]:
    norm = normalise_text(text)
    return frozenset(norm[i : i + 2] for i in range(len(norm) - 1)) or frozenset([norm])


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def match_articles(old: Sequence[Article], new_keys: Sequence[_MatchKey]) -> dict[int, Article]:
    """Pair new articles (by index) with stored ones: same body first, then same title, then overlap.

    Greedy on the best score so that each stored article is claimed at most once.
    """
    if not old:
        return {}
    old_keys = [
        _MatchKey(a.fingerprint, normalise_text(a.title), _bigrams(a.body)) if a.body else None for a in old
    ]
    candidates: list[tuple[float, int, int]] = []
    for ni, nk in enumerate(new_keys):
        for oi, ok in enumerate(old_keys):
            if ok is None:
                continue
            if nk.fingerprint == ok.fingerprint or old[oi].fingerprint == nk.fingerprint:
                score = 3.0
            else:
                score = similarity(nk.bigrams, ok.bigrams)
                if nk.title and nk.title == ok.title:
                    score += 1.0
                if score < MATCH_THRESHOLD:
                    continue
            candidates.append((score, ni, oi))
    pairs: dict[int, Article] = {}
    taken: set[int] = set()
    for _score, ni, oi in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if ni in pairs or oi in taken:
            continue
        pairs[ni] = old[oi]
        taken.add(oi)
    return pairs


# --- Dates ----------------------------------------------------------------------------


def _page_date(segmented: SegmentedPage, file_date: dt.date | None) -> tuple[dt.date | None, bool]:
    """The page's publication date and whether it is an estimate.

    A page is published on one day, after every event it reports, so its undated
    articles share one estimate: the latest of the segmenter's per-article estimates
    and of the dates the whole page mentions; failing both, the file's date.
    Estimates never fall after the file's date.
    """
    if segmented.date is not None:
        return segmented.date, False
    # An online dump prints no page date; items that all carry one day's date (发布时间, datelines) date it.
    own = {a.date for a in segmented.articles if a.date is not None and not a.date_estimated}
    if len(own) == 1 and segmented.articles:
        return own.pop(), False
    estimates = [a.date for a in segmented.articles if a.date is not None and a.date_estimated]
    estimates.append(estimate_date(segmented.text, not_after=file_date))
    estimates = [d for d in estimates if d is not None and (file_date is None or d <= file_date)]
    if estimates:
        return max(estimates), True
    return file_date, file_date is not None


def _file_date(path: Path) -> dt.date | None:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def _search_indexing():
    # Imported late: the search app imports the models, and the importer must not import it at load time.
    from search.index import indexing

    return indexing
