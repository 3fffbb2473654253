"""Replay editors' boundary corrections onto a page's new segmentation at re-import.

Corrections name text (anchors), not offsets, so they apply to a re-segmented or
changed page as long as the text they name is still there.  One that no longer applies
is marked stale and the articles it concerned are flagged for review: nothing an
editor did is dropped silently.  Runs on the segmenter's plain data, before the
importer matches new articles to stored ones, so a split article's two halves find
their two stored articles again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from archive.ingest.types import ReporterCredit, SegmentedArticle, SegmentedPage, Span, TopicScore
from archive.models import BoundaryCorrection
from archive.services.boundary_text import (
    Piece,
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


def replay_corrections(
    page_id: int | None,
    segmented: SegmentedPage,
    topic_rules: Callable[[], Mapping[str, Mapping[str, float]]] | None = None,
) -> list[BoundaryCorrection]:
    """Apply the page's stored corrections, in order, to ``segmented`` (changed in place).

    Returns the corrections that no longer apply; their status is saved as stale,
    and those that apply again are saved as applied.  ``topic_rules`` is called only
    when the page has corrections (a new article split off needs topics).
    """
    if page_id is None:
        return []
    corrections = list(BoundaryCorrection.objects.filter(source_page_id=page_id).order_by("created_at", "pk"))
    rules = topic_rules() if corrections and topic_rules is not None else None
    stale: list[BoundaryCorrection] = []
    for correction in corrections:
        applied = _apply(correction, segmented, rules)
        status = BoundaryCorrection.Status.APPLIED if applied else BoundaryCorrection.Status.STALE
        if correction.status != status:
            correction.status = status
            correction.save(update_fields=["status"])
        if not applied:
            stale.append(correction)
    return stale


def _apply(correction: BoundaryCorrection, page: SegmentedPage, rules) -> bool:
    data = correction.anchor or {}
    action = correction.action
    if action == Action.SPLIT:
        return _split(page, data.get("at", ""), rules)
    if action == Action.MERGE:
        return _merge(page, data.get("first", ""), data.get("second", ""))
    if action == Action.MOVE:
        return _move(page, data.get("kind", ""), data.get("text", ""), data.get("to", ""))
    if action == Action.FURNITURE:
        return _set_aside(page, data.get("text", ""))
    if action == Action.RESTORE:
        return _restore(page, data.get("text", ""), data.get("to", ""))
    return False


def _piece(article: SegmentedArticle) -> Piece:
    spans = [(s.start, s.end) for s in article.spans]
    return Piece(paragraphs_of(article.body), list(article.captions), spans)


def _write(article: SegmentedArticle, piece: Piece) -> None:
    article.body = piece.body
    article.captions = list(piece.captions)
    article.spans = [Span(s, e) for s, e in normalise_spans(piece.spans)]


def _find(page: SegmentedPage, text_anchor: str) -> tuple[int, int] | None:
    """(article index, paragraph index) of the paragraph that starts with ``text_anchor``."""
    if not text_anchor:
        return None
    for ai, article in enumerate(page.articles):
        for pi, paragraph in enumerate(paragraphs_of(article.body)):
            if anchor(paragraph).startswith(text_anchor):
                return ai, pi
    return None


def _owner(page: SegmentedPage, identity: str) -> int | None:
    """The article whose paragraphs, captions or title hold the anchor ``identity``."""
    found = _find(page, identity)
    if found is not None:
        return found[0]
    for ai, article in enumerate(page.articles):
        captions = (anchor(c) for c in article.captions)
        if any(c.startswith(identity) for c in captions) or anchor(article.title or "") == identity:
            return ai
    return None


def _split(page: SegmentedPage, at: str, rules) -> bool:
    found = _find(page, at)
    if found is None:
        return False
    ai, pi = found
    if pi == 0:
        return True  # already where the editor put the boundary
    article = page.articles[ai]
    first, second = split_piece(page.text, _piece(article), pi)
    proposal = propose(page.text, second, rules)
    _write(article, first)
    if proposal.title_was_first_paragraph:
        second = Piece(second.paragraphs[1:], second.captions, second.spans)
    new = SegmentedArticle(
        title=proposal.title or None,
        kicker=proposal.kicker or None,
        subtitle=proposal.subtitle or None,
        reporters=list(proposal.reporters),
        place=proposal.place,
        topics=list(proposal.topics),
        date=article.date,
        date_estimated=article.date_estimated,
    )
    _write(new, second)
    page.articles.insert(ai + 1, new)
    return True


def _merge(page: SegmentedPage, first: str, second: str) -> bool:
    a, b = _owner(page, first), _owner(page, second)
    if a is None or b is None:
        return False
    if a == b:
        return True
    if abs(a - b) != 1:
        return False
    a, b = min(a, b), max(a, b)
    earlier, later = page.articles[a], page.articles[b]
    _write(earlier, join_pieces(_piece(earlier), _piece(later)))
    known = {(r.name, r.role) for r in earlier.reporters}
    for r in later.reporters:
        if (r.name, r.role) not in known:
            earlier.reporters.append(ReporterCredit(r.name, r.role))
    names = {t.name for t in earlier.topics}
    earlier.topics += [
        TopicScore(t.name, t.score, list(t.keywords)) for t in later.topics if t.name not in names
    ]
    del page.articles[b]
    return True


def _move(page: SegmentedPage, kind: str, text: str, to: str) -> bool:
    target = _owner(page, to)
    if target is None:
        return False
    if kind == "byline":
        return True  # credits follow the stored article's own bylines, which a re-import keeps
    if kind == "paragraph":
        found = _find(page, text)
        if found is None:
            return False
        ai, pi = found
        if ai == target:
            return True
        if abs(ai - target) != 1:
            return False
        source, receiver = _piece(page.articles[ai]), _piece(page.articles[target])
        paragraph, where = take_paragraph(page.text, source, pi)
        give_paragraph(page.text, receiver, paragraph, where, len(receiver.paragraphs) if target < ai else 0)
    else:
        hits = [
            (ai, ci)
            for ai, article in enumerate(page.articles)
            for ci, caption in enumerate(article.captions)
            if anchor(caption).startswith(text)
        ]
        if not hits:
            return False
        ai, ci = hits[0]
        if ai == target:
            return True
        source, receiver = _piece(page.articles[ai]), _piece(page.articles[target])
        caption, where = take_caption(page.text, source, ci)
        receiver.captions.append(caption)
        if where:
            receiver.spans = normalise_spans([*receiver.spans, where])
    _write(page.articles[ai], source)
    _write(page.articles[target], receiver)
    return True


def _set_aside(page: SegmentedPage, text: str) -> bool:
    found = _find(page, text)
    if found is None:
        return any(anchor(f).startswith(text) for f in page.furniture)
    ai, pi = found
    piece = _piece(page.articles[ai])
    paragraph, where = take_paragraph(page.text, piece, pi)
    _write(page.articles[ai], piece)
    page.furniture.append(paragraph)
    page.furniture_spans.append(Span(*where) if where else Span(0, 0))
    return True


def _restore(page: SegmentedPage, text: str, to: str) -> bool:
    target = _owner(page, to)
    index = next((k for k, f in enumerate(page.furniture) if anchor(f).startswith(text)), None)
    if target is None:
        return False
    if index is None:
        return _find(page, text) is not None  # already part of an article
    item = page.furniture.pop(index)
    span = page.furniture_spans.pop(index) if index < len(page.furniture_spans) else None
    piece = _piece(page.articles[target])
    give_paragraph(page.text, piece, item, (span.start, span.end) if span and span.end > span.start else None)
    _write(page.articles[target], piece)
    return True
