"""Queries and text layout behind the browse pages and the admin; views stay thin."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr

from archive.models import Article, Byline, County, Reporter, SourcePage, Topic, newest_first

logger = logging.getLogger(__name__)

SPAN_COLOURS = 6


@dataclass(frozen=True)
class SiteTotals:
    articles: int
    pages: int
    counties: int
    reporters: int


def site_totals() -> SiteTotals:
    """The archive's size as the home page shows it."""
    return SiteTotals(
        articles=Article.objects.count(),
        pages=SourcePage.objects.count(),
        # EXISTS per county, distinct reporter ids of the bylines: index scans, no joins.
        counties=County.objects.filter(
            Exists(Article.objects.filter(place=OuterRef("pk"))), level=County.Level.COUNTY
        ).count(),
        reporters=Byline.objects.values("reporter_id").distinct().count(),
    )


def latest_articles(limit: int = 10) -> QuerySet[Article]:
    return Article.objects.for_listing().order_by(newest_first(), "-created_at", "-pk")[:limit]


def articles_per_place() -> dict[int, int]:
    """{County id: number of articles whose place it is}, grouped on the article table's place index."""
    return dict(
        Article.objects.order_by().filter(place__isnull=False).values_list("place_id").annotate(n=Count("pk"))
    )


def prefectures_with_counties() -> list[County]:
    """Every prefecture with ``counties`` (each with ``article_count``) and ``article_total``.

    ``article_total`` counts the prefecture's own articles and those of its counties.
    """
    counts = articles_per_place()
    divisions = list(County.objects.order_by("code"))
    prefectures = [d for d in divisions if d.is_prefecture]
    by_pk = {p.pk: p for p in prefectures}
    for prefecture in prefectures:
        prefecture.counties = []
        prefecture.own_count = counts.get(prefecture.pk, 0)
    for county in divisions:
        if not county.is_prefecture and county.parent_id in by_pk:
            county.article_count = counts.get(county.pk, 0)
            by_pk[county.parent_id].counties.append(county)
    for prefecture in prefectures:
        prefecture.article_total = prefecture.own_count + sum(c.article_count for c in prefecture.counties)
    return prefectures


def counties_of(prefecture: County) -> list[County]:
    """The prefecture's counties in code order, each with ``article_count``."""
    counties = list(prefecture.children.order_by("code"))
    counts = dict(
        Article.objects.order_by().filter(place__in=counties).values_list("place_id").annotate(n=Count("pk"))
    )
    for county in counties:
        county.article_count = counts.get(county.pk, 0)
    return counties


def topics_with_counts() -> list[Topic]:
    """The topics in order, each with ``article_count``.

    Counted on the article–topic table alone (its topic index), not joined with the articles.
    """
    counts = dict(Article.topics.through.objects.order_by().values_list("topic_id").annotate(n=Count("pk")))
    topics = list(Topic.objects.order_by("order", "name"))
    for topic in topics:
        topic.article_count = counts.get(topic.pk, 0)
    return topics


@functools.lru_cache(maxsize=65536)
def pinyin_key(name: str) -> str:
    """The name in toneless pinyin (王美慧 → wang mei hui), how Chinese name lists are ordered."""
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(name, style=Style.NORMAL, errors="default")).lower()


def initial_letter(name: str) -> str:
    """A–Z by the pinyin of the name's first character; # when it has none."""
    first = pinyin_key(name[:1])[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def _letter_order(letter: str) -> tuple[bool, str]:
    return (letter == "#", letter)


def _credited_first_characters() -> QuerySet:
    return (
        Reporter.objects.filter(Exists(Byline.objects.filter(reporter=OuterRef("pk"))))
        .annotate(first=Substr("name", 1, 1))
        .order_by()
    )


def reporter_initials() -> list[tuple[str, int]]:
    """(initial letter, number of credited reporters) in index order.

    Grouped by the name's first character in the database (a few hundred surnames),
    so that only those characters are spelt in pinyin, not every name.
    """
    counts: dict[str, int] = {}
    for first, n in _credited_first_characters().values_list("first").annotate(n=Count("pk")):
        letter = initial_letter(first)
        counts[letter] = counts.get(letter, 0) + n
    return sorted(counts.items(), key=lambda item: _letter_order(item[0]))


def reporters_with_initial(letter: str) -> list[Reporter]:
    """Credited reporters whose name starts with ``letter`` in pinyin, sorted by pinyin,
    each with ``article_count``."""
    firsts = {
        first
        for first in _credited_first_characters().values_list("first", flat=True).distinct()
        if initial_letter(first) == letter
    }
    reporters = _credited_reporters().annotate(first=Substr("name", 1, 1)).filter(first__in=firsts)
    return sorted(reporters, key=lambda r: (pinyin_key(r.name), r.name))


def _credited_reporters() -> QuerySet[Reporter]:
    return Reporter.objects.annotate(article_count=Count("bylines__article", distinct=True)).filter(
        article_count__gt=0
    )


def reporters_with_counts() -> list[Reporter]:
    """Reporters by number of articles, then by the pinyin of their names: sorted here,
    not by the database, whose collation orders Chinese differently on SQLite and on
    PostgreSQL (and between PostgreSQL locales)."""
    return sorted(_credited_reporters(), key=lambda r: (-r.article_count, pinyin_key(r.name), r.name))


def source_pages_with_counts() -> QuerySet[SourcePage]:
    # Explicit order: Meta.ordering does not apply to aggregated queries.
    return SourcePage.objects.annotate(article_count=Count("articles")).order_by(newest_first(), "file_name")


def related_articles(article: Article, limit: int = 5) -> list[Article]:
    """Articles like this one: from the search index, or same place/topic when search is unavailable."""
    try:
        from search.services import related_articles as search_related

        related = list(search_related(article, limit=limit))
    except Exception:  # a broken or missing index must not break the article page
        logger.warning("Related articles from search failed for article %s", article.pk, exc_info=True)
        related = []
    if related:
        return related[:limit]
    return related_from_database(article, limit=limit)


def related_from_database(article: Article, limit: int = 5) -> list[Article]:
    """Other pages' articles sharing the place and topics, best overlap first."""
    condition = Q(topics__in=article.topics.all())
    if article.place_id:
        condition |= Q(place_id=article.place_id)
    return list(
        Article.objects.filter(condition)
        .exclude(source_page_id=article.source_page_id)
        .annotate(
            shared_topics=Count("topics", filter=Q(topics__in=article.topics.all()), distinct=True),
            same_place=Count("pk", filter=Q(place_id=article.place_id), distinct=True),
        )
        .select_related("place", "place__parent")
        .order_by("-same_place", "-shared_topics", newest_first(), "-pk")[:limit]
    )


# --- Marking article spans in a page's raw text ------------------------------------------


@dataclass
class TextPiece:
    """A run of page text that is uniformly inside one owner's span, or furniture, or neither."""

    text: str
    owner: Any = None
    furniture: bool = False
    starts_span: bool = False
    first_of_owner: bool = False  # the owner's first span: where links to it should land
    # Where a reader needs a label: the article starts here, or resumes after other text.
    opens_run: bool = False
    colour: int = 0
    label: str = ""


def split_by_spans(
    text: str,
    owned_spans: Iterable[tuple[int, int, Any]],
    furniture_spans: Iterable[tuple[int, int]] = (),
) -> list[TextPiece]:
    """Cut ``text`` at every span boundary.

    ``owned_spans`` are ``(start, end, owner)``; the owner of a piece is the first
    span covering it. Out-of-range or empty spans are clipped or ignored, so stale
    spans never break the page.
    """
    size = len(text)

    def clip(start: int, end: int) -> tuple[int, int] | None:
        start, end = max(0, int(start)), min(size, int(end))
        return (start, end) if start < end else None

    owned: list[tuple[int, int, Any, int]] = []
    colours: dict[int, int] = {}
    for start, end, owner in owned_spans:
        clipped = clip(start, end)
        if clipped is None:
            continue
        colour = colours.setdefault(id(owner), len(colours) % SPAN_COLOURS)
        owned.append((*clipped, owner, colour))
    furniture = [c for c in (clip(s, e) for s, e in furniture_spans) if c is not None]

    cuts = {0, size}
    for start, end, *_ in owned:
        cuts.update((start, end))
    for start, end in furniture:
        cuts.update((start, end))
    points = sorted(cuts)

    pieces: list[TextPiece] = []
    seen_owners: set[int] = set()
    for left, right in zip(points, points[1:], strict=False):
        cover = next((o for o in owned if o[0] <= left and right <= o[1]), None)
        is_furniture = cover is None and any(s <= left and right <= e for s, e in furniture)
        owner = cover[2] if cover else None
        starts = cover is not None and cover[0] == left
        last = pieces[-1] if pieces else None
        if last and not starts and last.owner is owner and last.furniture == is_furniture:
            last.text += text[left:right]
            continue
        first = starts and id(owner) not in seen_owners
        if starts:
            seen_owners.add(id(owner))
        pieces.append(
            TextPiece(
                text=text[left:right],
                owner=owner,
                furniture=is_furniture,
                starts_span=starts,
                first_of_owner=first,
                colour=cover[3] if cover else 0,
            )
        )
    last_owner = None
    for piece in pieces:
        if piece.owner is not None:
            piece.opens_run = piece.starts_span and piece.owner is not last_owner
            last_owner = piece.owner
        elif piece.furniture or piece.text.strip():
            last_owner = None
    return pieces


def page_pieces(page: SourcePage, articles: Sequence[Article]) -> list[TextPiece]:
    """The page's raw text cut into each article's spans and the furniture."""
    owned = [(start, end, article) for article in articles for start, end in (article.spans or [])]
    furniture = [
        (item["start"], item["end"])
        for item in page.furniture or []
        if isinstance(item, dict) and item.get("start") is not None and item.get("end") is not None
    ]
    pieces = split_by_spans(page.raw_text, owned, furniture)
    # Number the spans like the page's article list, so reader can match the two.
    numbers = {article.pk: str(index) for index, article in enumerate(articles, start=1)}
    for piece in pieces:
        if piece.owner is not None:
            piece.label = numbers[piece.owner.pk]
    return pieces


# --- Reporters ----------------------------------------------------------------------------


def reporter_roles(reporter: Reporter) -> list[tuple[str, int]]:
    """(role as printed, number of credits) for the reporter, most frequent first."""
    labels = dict(Byline.Role.choices)
    rows = reporter.bylines.order_by().values_list("role").annotate(n=Count("pk"))
    return sorted(((labels.get(role, role), n) for role, n in rows), key=lambda r: (-r[1], r[0]))


def coauthors(reporter: Reporter, limit: int = 12) -> QuerySet[Reporter]:
    """Others credited on the reporter's articles, with ``shared`` (articles in common)."""
    articles = reporter.bylines.values("article_id")
    return (
        Reporter.objects.filter(bylines__article_id__in=articles)
        .exclude(pk=reporter.pk)
        .annotate(shared=Count("bylines__article", distinct=True))
        .order_by("-shared", "name")[:limit]
    )
