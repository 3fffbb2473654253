"""The archive's articles in the gold-annotation schema (``shared/gold/seeds.json``).

What editors decided becomes evaluation data: ``segscore.py`` scores the importer
against an export, and an export of untouched pages is the importer's own output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from django.db.models import Exists, OuterRef, Prefetch, Q

from archive.models import Article, BoundaryCorrection, Byline, SourcePage
from archive.services.boundary_text import locate, normalise_spans, paragraphs_of

ANCHOR_LENGTH = 20
_WS = re.compile(r"\s+")
_LEADING_NUMBER = re.compile(r"^(\d+)")
R = Article.ReviewReason


def gold_pages(pages: Iterable[SourcePage]) -> Iterator[dict]:
    for number, page in enumerate(pages):
        articles = sorted(page.articles.all(), key=lambda a: (a.position, a.pk))
        prefix = _LEADING_NUMBER.match(page.file_name)
        page_id = prefix.group(1) if prefix else f"{number:03d}"
        yield {
            "file": page.file_name,
            "articles": [
                gold_article(article, page, f"{page_id}-{n:02d}", articles)
                for n, article in enumerate(articles, 1)
            ],
            "unassigned": [item.get("text", "") for item in page.furniture or [] if isinstance(item, dict)],
        }


def export(edited_only: bool = False) -> dict:
    """Every stored page (or only those an editor corrected) as ``{"version": 1, "pages": [...]}``."""
    pages = SourcePage.objects.order_by("file_name").prefetch_related(
        Prefetch(
            "articles",
            queryset=Article.objects.select_related("place", "place__parent").prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("reporter")), "topics"
            ),
        )
    )
    if edited_only:
        corrected = BoundaryCorrection.objects.filter(source_page=OuterRef("pk"))
        pages = pages.filter(Q(articles__edited=True) | Exists(corrected)).distinct()
    return {"version": 1, "pages": list(gold_pages(pages))}


def printed_anchor(body: str, printed: str, *, from_end: bool) -> str:
    """The first (last) 20 characters of ``body`` that the page prints as they are.

    Gold anchors are copied from the file; a body the importer re-joined or cut a repeat
    from may end in text the file does not print in one piece, so the nearest run it does is used.
    Both arguments are whitespace-free.
    """
    n = ANCHOR_LENGTH
    edge = body[-n:] if from_end else body[:n]
    if edge in printed or len(body) <= n:
        return edge
    starts = range(len(body) - n, -1, -1) if from_end else range(len(body) - n + 1)
    return next((body[i : i + n] for i in starts if body[i : i + n] in printed), edge)


def gold_article(article: Article, page: SourcePage, article_id: str, siblings: list[Article]) -> dict:
    body = _WS.sub("", article.body or "")
    printed = _WS.sub("", page.raw_text)
    evidence = article.topic_evidence or {}

    def topic_rank(topic) -> tuple:
        score = (evidence.get(topic.name) or {}).get("score") if isinstance(evidence, dict) else None
        return (-(score or 0), topic.order, topic.name)

    return {
        "id": article_id,
        "title": article.title or None,
        "kicker": article.kicker or None,
        "subtitle": article.subtitle or None,
        "reporters": [{"name": b.reporter.name, "role": b.role or None} for b in article.bylines.all()],
        "captions": list(article.captions or []),
        "county": article.county.name if article.county else None,
        "prefecture": article.prefecture.name if article.prefecture else None,
        "topics": [t.name for t in sorted(article.topics.all(), key=topic_rank)],
        "body_start": printed_anchor(body, printed, from_end=False),
        "body_end": printed_anchor(body, printed, from_end=True),
        "title_after_body": _title_after_body(article, page),
        "split": _interrupted(article, siblings),
        "duplicated_in_source": R.DUPLICATE_REMOVED in (article.review_reasons or []),
        "notes": "编辑已修改" if article.edited else "",
    }


def _title_after_body(article: Article, page: SourcePage) -> bool:
    """The headline is printed after the article's first body text."""
    paragraphs = paragraphs_of(article.body)
    if not article.title or not paragraphs:
        return False
    head = locate(page.raw_text, article.title, article.spans or [])
    first = locate(page.raw_text, paragraphs[0], article.spans or [])
    if head is None or first is None:
        return R.TITLE_AFTER_BODY in (article.review_reasons or [])
    return head[0] > first[0]


def _interrupted(article: Article, siblings: list[Article]) -> bool:
    """Another article's text is printed inside this one's extent (between two of its spans)."""
    spans = normalise_spans(article.spans or [])
    gaps = [(a[1], b[0]) for a, b in zip(spans, spans[1:], strict=False)]
    return any(
        lo <= s and e <= hi
        for other in siblings
        if other.pk != article.pk
        for s, e in other.spans or []
        for lo, hi in gaps
    )
