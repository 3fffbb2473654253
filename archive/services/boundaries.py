"""Editors' boundary actions on stored articles: split, merge, move, set aside as furniture, restore.

Each action is one transaction and one history revision (django-reversion, with the
editor and a comment), records a :class:`BoundaryCorrection` that a re-import replays
(:mod:`archive.services.replay`), and saves the articles it touched, so their index
entries are queued by the usual signals.  A merged-away article leaves an
:class:`ArticleRedirect` behind: its URL leads to the article that absorbed it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from reversion.models import Version

from archive.history import ensure_baseline
from archive.models import (
    Article,
    ArticleRedirect,
    BoundaryCorrection,
    Byline,
    County,
    Reporter,
    SourcePage,
    Topic,
)
from archive.services import duplicates
from archive.services.articles import derive_title
from archive.services.boundary_text import (
    Piece,
    Proposal,
    anchor,
    give_paragraph,
    join_pieces,
    normalise_spans,
    paragraphs_of,
    propose,
    split_piece,
    take_caption,
    take_paragraph,
)

Action = BoundaryCorrection.Action


class BoundaryError(ValueError):
    """An action that cannot be done (no neighbour, last paragraph…); ``str()`` is shown to the editor."""


@dataclass
class Outcome:
    """What an action did: the article to show next and the page ranges to mark."""

    article: Article
    message: str
    marked: list[tuple[int, int]] = field(default_factory=list)


# --- Reading and writing articles as pieces -------------------------------------------


def piece_of(article: Article) -> Piece:
    spans = [(int(s), int(e)) for s, e in (article.spans or [])]
    return Piece(paragraphs_of(article.body), list(article.captions or []), spans)


def _store(article: Article, piece: Piece) -> None:
    from archive.services.importer import fingerprint

    article.body = piece.body
    article.captions = list(piece.captions)
    article.spans = [[s, e] for s, e in normalise_spans(piece.spans)]
    article.fingerprint = fingerprint(article.body)
    if article.title_derived or not (article.display_title or "").strip():
        text = article.body or " ".join(article.captions)
        article.display_title = article.title.strip() or derive_title(text)
    article.edited = True
    article.save()


def identity(article: Article) -> str:
    """The anchor a re-import finds this article by: its first paragraph (or caption, or title)."""
    paragraphs = paragraphs_of(article.body)
    return anchor(paragraphs[0] if paragraphs else (article.captions or [article.title])[0])


def neighbour(article: Article, direction: str) -> Article | None:
    siblings = Article.objects.filter(source_page_id=article.source_page_id).exclude(pk=article.pk)
    if direction == "previous":
        return siblings.filter(position__lte=article.position).order_by("-position", "-pk").first()
    if direction == "next":
        return siblings.filter(position__gte=article.position).order_by("position", "pk").first()
    raise BoundaryError("方向只能是上一篇或下一篇")


def _renumber(page_id: int) -> None:
    """Positions 0, 1, 2… in the current order; ties (a restored article) go by page order."""
    articles = sorted(
        Article.objects.filter(source_page_id=page_id).only("pk", "position", "spans"),
        key=lambda a: (a.position, min((s for s, _ in a.spans or []), default=1 << 30), a.pk),
    )
    for position, article in enumerate(articles):
        if article.position != position:
            Article.objects.filter(pk=article.pk).update(position=position)


@contextmanager
def _action(articles: Sequence[Article], user, comment: str) -> Iterator[list[BoundaryCorrection]]:
    """One transaction and one history revision; the articles' prior state is kept as a baseline.

    Yields a list for the correction the action records; it is linked to the revision saved.
    """
    recorded: list[BoundaryCorrection] = []
    with transaction.atomic():
        ensure_baseline(articles)
        with reversion.create_revision():
            if user is not None and user.is_authenticated:
                reversion.set_user(user)
            reversion.set_comment(comment)
            yield recorded
        saved = (
            Version.objects.get_for_object(articles[0]).order_by("-pk").first() if articles[0].pk else None
        )
        for correction in recorded:
            correction.revision_id = saved.revision_id if saved else None
            correction.save(update_fields=["revision", "anchor"])
        # Text moved between articles (or an article made or removed): regroup the page's printings.
        duplicates.refresh_pages({a.source_page_id for a in articles})


def _record(recorded: list, page_id: int, action: str, anchor_data: dict, user) -> BoundaryCorrection:
    correction = BoundaryCorrection.objects.create(
        source_page_id=page_id,
        action=action,
        anchor=anchor_data,
        user=user if user is not None and user.is_authenticated else None,
    )
    recorded.append(correction)
    return correction


def _locked(article: Article) -> Article:
    return Article.objects.select_for_update().select_related("source_page").get(pk=article.pk)


# --- Actions ----------------------------------------------------------------------------


@transaction.atomic  # the row locks below hold until the action commits
def split_article(article: Article, index: int, *, user=None) -> Outcome:
    """Split before paragraph ``index``; the new article gets the importer's proposed metadata."""
    article = _locked(article)
    page = article.source_page
    piece = piece_of(article)
    if not 0 < index < len(piece.paragraphs):
        raise BoundaryError("只能在第二段及以后的段落前拆分")
    from archive.services.importer import current_topic_rules

    first, second = split_piece(page.raw_text, piece, index)
    proposal = propose(page.raw_text, second, current_topic_rules())
    with _action([article], user, f"拆分：从第 {index + 1} 段起成为新文章") as recorded:
        at = anchor(piece.paragraphs[index])
        correction = _record(recorded, page.pk, Action.SPLIT, {"at": at, "articles": [article.pk]}, user)
        _store(article, first)
        later = Article.objects.filter(source_page=page, position__gt=article.position)
        later.update(position=F("position") + 1)
        new = _new_article(article, second, proposal)
        reversion.add_to_revision(new)
        correction.anchor["articles"].append(new.pk)  # made by this action: undoing it deletes it
    message = f"已拆分，新文章“{new}”的标题、作者、地点和主题由导入程序推测，请核对。"
    return Outcome(new, message, second.spans)


def _new_article(origin: Article, piece: Piece, proposal: Proposal) -> Article:
    from archive.services.importer import fingerprint

    if proposal.title_was_first_paragraph:
        piece = Piece(piece.paragraphs[1:], piece.captions, piece.spans)
    place_code = proposal.place.county_code or proposal.place.prefecture_code
    new = Article(
        source_page_id=origin.source_page_id,
        position=origin.position + 1,
        title=proposal.title[:255],
        kicker=proposal.kicker[:255],
        subtitle=proposal.subtitle[:255],
        body=piece.body,
        captions=list(piece.captions),
        spans=[[s, e] for s, e in normalise_spans(piece.spans)],
        place=County.objects.filter(code=place_code).first() if place_code else None,
        place_evidence={"evidence": list(proposal.place.evidence), "ambiguous": proposal.place.ambiguous},
        topic_evidence={t.name: {"score": t.score, "keywords": list(t.keywords)} for t in proposal.topics},
        pub_date=origin.pub_date,
        date_estimated=origin.date_estimated,
        edited=True,
    )
    new.display_title = new.title or derive_title(new.body or " ".join(new.captions))
    new.title_derived = not new.title
    new.fingerprint = fingerprint(new.body)
    new.save()
    _add_bylines(new, [(c.name, c.role or "") for c in proposal.reporters])
    new.topics.set(Topic.objects.filter(name__in=[t.name for t in proposal.topics]))
    return new


def _add_bylines(article: Article, credits: Sequence[tuple[str, str]]) -> None:
    roles = set(Byline.Role.values)
    order = article.bylines.count()
    for name, role in credits:
        name = "".join(name.split())[: Reporter._meta.get_field("name").max_length]
        if not name:
            continue
        reporter, _ = Reporter.objects.get_or_create(name=name)
        _, created = Byline.objects.get_or_create(
            article=article, reporter=reporter, role=role if role in roles else "", defaults={"order": order}
        )
        order += created


@transaction.atomic  # the row locks below hold until the action commits
def merge_article(article: Article, direction: str, *, user=None) -> Outcome:
    """Join ``article`` with its previous or next article on the page; the earlier one absorbs the later."""
    article = _locked(article)
    other = neighbour(article, direction)
    if other is None:
        raise BoundaryError("本版没有上一篇文章" if direction == "previous" else "本版没有下一篇文章")
    earlier, later = (other, article) if direction == "previous" else (article, other)
    later_id = later.pk
    with _action([earlier, later], user, f"合并：文章 {later_id} 并入文章 {earlier.pk}") as recorded:
        _record(
            recorded,
            earlier.source_page_id,
            Action.MERGE,
            {"first": identity(earlier), "second": identity(later), "articles": [earlier.pk, later_id]},
            user,
        )
        merged = join_pieces(piece_of(earlier), piece_of(later))
        _add_bylines(earlier, [(b.reporter.name, b.role) for b in later.bylines.select_related("reporter")])
        earlier.topics.add(*later.topics.all())
        lines = [*earlier.credit_lines.splitlines(), *later.credit_lines.splitlines()]
        earlier.credit_lines = "\n".join(dict.fromkeys(lines))
        if earlier.place_id is None:
            earlier.place_id = later.place_id
        ArticleRedirect.objects.filter(target=later).update(target=earlier)
        later.delete()
        ArticleRedirect.objects.update_or_create(old_id=later_id, defaults={"target": earlier})
        _store(earlier, merged)
        _renumber(earlier.source_page_id)
    return Outcome(earlier, f"已合并，原文章 {later_id} 的网址现在转到这篇文章。", merged.spans)


@transaction.atomic  # the row locks below hold until the action commits
def move_part(article: Article, kind: str, index: int, direction: str, *, user=None) -> Outcome:
    """Move paragraph, caption or byline ``index`` of ``article`` to its previous or next article."""
    article = _locked(article)
    target = neighbour(article, direction)
    if target is None:
        raise BoundaryError("本版没有相邻的文章可以接收")
    page = article.source_page
    labels = {"paragraph": "段落", "caption": "图片说明", "byline": "署名"}
    if kind not in labels:
        raise BoundaryError("只能移动段落、图片说明或署名")
    comment = f"移动{labels[kind]}：文章 {article.pk} → 文章 {target.pk}"
    with _action([article, target], user, comment) as recorded:
        source, receiver = piece_of(article), piece_of(target)
        marked: list[tuple[int, int]] = []
        if kind == "byline":
            bylines = list(article.bylines.select_related("reporter"))
            if not 0 <= index < len(bylines):
                raise BoundaryError("没有这条署名")
            byline = bylines[index]
            text = f"{byline.role} {byline.reporter.name}".strip()
            _add_bylines(target, [(byline.reporter.name, byline.role)])
            byline.delete()
        elif kind == "paragraph":
            if not 0 <= index < len(source.paragraphs) or len(source.paragraphs) < 2 and not source.captions:
                raise BoundaryError("没有这一段，或这是文章仅有的一段（请用合并）")
            text, where = take_paragraph(page.raw_text, source, index)
            # Moving across a boundary: the paragraph ends the previous article or opens the next.
            give_paragraph(
                page.raw_text,
                receiver,
                text,
                where,
                len(receiver.paragraphs) if direction == "previous" else 0,
            )
            marked = [where] if where else []
        else:
            if not 0 <= index < len(source.captions):
                raise BoundaryError("没有这条图片说明")
            text, where = take_caption(page.raw_text, source, index)
            receiver.captions.append(text)
            if where:
                receiver.spans = normalise_spans([*receiver.spans, where])
                marked = [where]
        _record(
            recorded,
            page.pk,
            Action.MOVE,
            {"kind": kind, "text": anchor(text), "to": identity(target), "articles": [article.pk, target.pk]},
            user,
        )
        _store(article, source)
        _store(target, receiver)
    return Outcome(target, f"已把{labels[kind]}移到“{target}”。", marked)


@transaction.atomic  # the row locks below hold until the action commits
def set_aside(article: Article, index: int, *, user=None) -> Outcome:
    """Take paragraph ``index`` out of the article and keep it as page furniture."""
    article = _locked(article)
    page = SourcePage.objects.select_for_update().get(pk=article.source_page_id)
    piece = piece_of(article)
    if not 0 <= index < len(piece.paragraphs):
        raise BoundaryError("没有这一段")
    with _action([article], user, f"第 {index + 1} 段标为版面附属文字") as recorded:
        text, where = take_paragraph(page.raw_text, piece, index)
        data = {
            "text": anchor(text),
            "articles": [article.pk],
            "furniture_before": list(page.furniture or []),
        }
        _record(recorded, page.pk, Action.FURNITURE, data, user)
        furniture = list(page.furniture or [])
        start, end = where if where else (None, None)
        furniture.append({"text": text, "start": start, "end": end})
        page.furniture = sorted(furniture, key=lambda f: (f.get("start") is None, f.get("start") or 0))
        page.save(update_fields=["furniture", "updated_at"])
        _store(article, piece)
    return Outcome(article, "已标为版面附属文字，不再属于文章正文。", [where] if where else [])


@transaction.atomic  # the row locks below hold until the action commits
def restore_furniture(article: Article, furniture_index: int, *, user=None) -> Outcome:
    """Put the page's furniture item ``furniture_index`` back into ``article`` as a paragraph."""
    article = _locked(article)
    page = SourcePage.objects.select_for_update().get(pk=article.source_page_id)
    furniture = list(page.furniture or [])
    if not 0 <= furniture_index < len(furniture):
        raise BoundaryError("没有这条版面附属文字")
    before = list(furniture)
    item = furniture.pop(furniture_index)
    with _action([article], user, "版面附属文字恢复为正文") as recorded:
        data = {
            "text": anchor(item["text"]),
            "to": identity(article),
            "articles": [article.pk],
            "furniture_before": before,
        }
        _record(recorded, page.pk, Action.RESTORE, data, user)
        piece = piece_of(article)
        where = (item["start"], item["end"]) if item.get("start") is not None else None
        give_paragraph(page.raw_text, piece, item["text"], where)
        page.furniture = furniture
        page.save(update_fields=["furniture", "updated_at"])
        _store(article, piece)
    return Outcome(article, "已恢复为文章正文。", [where] if where else [])


def last_correction(page_id: int) -> BoundaryCorrection | None:
    """The page's most recent boundary action: the one :func:`undo_last` would undo."""
    return (
        BoundaryCorrection.objects.filter(source_page_id=page_id, revision__isnull=False)
        .select_related("user")
        .order_by("-created_at", "-pk")
        .first()
    )


@transaction.atomic  # the row locks below hold until the action commits
def undo_last(article: Article, *, user=None) -> Outcome:
    """Undo the latest boundary action on ``article``'s page: the articles it changed go back to
    their versions before it, an article it made is deleted, one it merged away comes back
    (with its URL, bylines and topics); the correction is dropped, so re-imports no longer replay it.
    """
    correction = last_correction(article.source_page_id)
    if correction is None:
        raise BoundaryError("本版没有可以撤销的切分操作")
    ids = [int(pk) for pk in (correction.anchor or {}).get("articles", [])]
    restored: list[Article] = []
    with transaction.atomic(), reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(f"撤销：{correction.get_action_display()}")
        for pk in ids:
            previous = (
                Version.objects.get_for_object_reference(Article, pk)
                .filter(revision_id__lt=correction.revision_id)
                .order_by("-revision_id")
                .first()
            )
            if previous is None:
                Article.objects.filter(pk=pk).delete()  # the action made it
                continue
            _restore(previous, pk)
            ArticleRedirect.objects.filter(old_id=pk).delete()
            restored.append(Article.objects.get(pk=pk))
        furniture = (correction.anchor or {}).get("furniture_before")
        if furniture is not None:
            SourcePage.objects.filter(pk=article.source_page_id).update(furniture=furniture)
        correction.delete()
        _renumber(article.source_page_id)
        for item in restored:
            item.refresh_from_db()
            item.save()  # a normal save: queued for the index, recorded in this revision
    if not restored:
        raise BoundaryError("撤销失败：找不到操作之前的版本")
    marked = [(s, e) for item in restored for s, e in item.spans or []]
    return Outcome(restored[0], f"已撤销：{correction.get_action_display()}。", marked)


def _restore(version: Version, pk: int) -> None:
    """Put article ``pk`` back as ``version`` has it, with the bylines saved beside it."""
    Byline.objects.filter(article_id=pk).delete()
    version.revert()
    byline_type = ContentType.objects.get_for_model(Byline)
    for saved in version.revision.version_set.filter(content_type=byline_type):
        if saved.field_dict.get("article_id") == pk:
            saved.revert()
