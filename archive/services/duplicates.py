"""Keeping the groups of printings of one report current (detection: archive/ingest/near_duplicates.py).

Each article's LSH band keys are stored (:class:`DuplicateBand`), so an import or an edit
compares only the articles it touched with the stored ones sharing a key; :func:`rebuild`
recomputes everything.  An article an editor took out of its group
(``story_group_excluded``) gets no band keys and is never grouped again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

from django.db import connection, models, transaction
from django.db.models import Count
from django.db.models.functions import RowNumber

from archive.ingest import near_duplicates as nd
from archive.models import Article, DuplicateBand, StoryGroup, numbered_urls
from archive.services.papers import page_title

CHUNK = 500  # ids or keys per IN (…) query: SQLite's variable limit, PostgreSQL's plan size


def _chunks(values: Collection[int], size: int = CHUNK) -> Iterator[list[int]]:
    items = list(values)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _store_bands(keys: dict[int, list[int]]) -> None:
    # Forty rows per article: executemany without building a model instance for each
    # (bulk_create spent two thirds of a rebuild doing that).
    quote = connection.ops.quote_name
    table, article_column, key_column = quote(DuplicateBand._meta.db_table), quote("article_id"), quote("key")
    rows = [(pk, key) for pk, article_keys in keys.items() for key in article_keys]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(
                f"INSERT INTO {table} ({article_column}, {key_column}) VALUES (%s, %s)",
                rows[start : start + 5000],
            )


def refresh(article_ids: Iterable[int]) -> None:
    """Regroup the given (new, re-imported or edited) articles against all stored ones.

    An article that no longer matches leaves its group; a group left with one article is
    dissolved; matches in different groups merge their groups.
    """
    ids = set(article_ids)
    if not ids:
        return
    with transaction.atomic():
        rows = {
            pk: (body, excluded)
            for chunk in _chunks(ids)
            for pk, body, excluded in Article.objects.filter(pk__in=chunk).values_list(
                "pk", "body", "story_group_excluded"
            )
        }
        for chunk in _chunks(ids):
            DuplicateBand.objects.filter(article_id__in=chunk).delete()
            Article.objects.filter(pk__in=chunk).update(story_group=None)
        grams = {pk: nd.shingles(body) for pk, (body, excluded) in rows.items() if not excluded}
        keys = {pk: nd.band_keys(g) for pk, g in grams.items()}
        _store_bands(keys)

        sharing: dict[int, set[int]] = defaultdict(set)
        for chunk in _chunks({k for ks in keys.values() for k in ks}):
            for key, pk in DuplicateBand.objects.filter(key__in=chunk).values_list("key", "article_id"):
                sharing[key].add(pk)
        candidates = {pk: {o for k in ks for o in sharing[k]} - {pk} for pk, ks in keys.items()}
        others = {o for found in candidates.values() for o in found} - grams.keys()
        other_groups: dict[int, int | None] = {}
        for chunk in _chunks(others):
            for pk, body, group in Article.objects.filter(pk__in=chunk).values_list(
                "pk", "body", "story_group_id"
            ):
                grams[pk] = nd.shingles(body)
                other_groups[pk] = group
        pairs = [
            (pk, other)
            for pk, found in candidates.items()
            for other in found
            if nd.same_story(grams[pk], grams[other])
        ]
        if pairs:
            _join(nd.components(grams.keys(), pairs), other_groups)
        prune()


def _join(components: list[list[int]], other_groups: dict[int, int | None]) -> None:
    """Give each component one group: the oldest group one of its stored members has, else a new one."""
    for members in components:
        groups = sorted({g for pk in members if (g := other_groups.get(pk)) is not None})
        if groups:
            target = groups[0]
            # Matches from two groups join them: the report links both sets of printings.
            Article.objects.filter(story_group_id__in=groups[1:]).update(story_group=target)
        else:
            target = StoryGroup.objects.create().pk
        for chunk in _chunks(members):
            Article.objects.filter(pk__in=chunk).update(story_group=target)


def prune() -> int:
    """Dissolve groups with fewer than two articles left; returns how many."""
    lonely = list(
        StoryGroup.objects.annotate(n=Count("articles")).filter(n__lt=2).values_list("pk", flat=True)
    )
    for chunk in _chunks(lonely):
        Article.objects.filter(story_group_id__in=chunk).update(story_group=None)
        StoryGroup.objects.filter(pk__in=chunk).delete()
    return len(lonely)


def refresh_pages(page_ids: Iterable[int]) -> None:
    """Regroup every article of these pages (after a split, merge, move or undo on them)."""
    refresh(Article.objects.filter(source_page_id__in=set(page_ids)).values_list("pk", flat=True))


def exclude(article_ids: Iterable[int]) -> None:
    """An editor's decision: these articles are not printings of another; regrouping keeps them apart."""
    ids = list(article_ids)
    with transaction.atomic():
        for chunk in _chunks(ids):
            Article.objects.filter(pk__in=chunk).update(story_group=None, story_group_excluded=True)
            DuplicateBand.objects.filter(article_id__in=chunk).delete()
        prune()


@dataclass(frozen=True)
class RebuildSummary:
    articles: int
    groups: int
    grouped: int


def rebuild(progress: Callable[[int], None] | None = None) -> RebuildSummary:
    """Recompute every article's band keys and all groups; editors' exclusions stay."""
    with transaction.atomic():
        DuplicateBand.objects.all().delete()
        Article.objects.exclude(story_group=None).update(story_group=None)
        StoryGroup.objects.all().delete()
        bodies: dict[int, str] = {}
        keys: dict[int, list[int]] = {}
        total = 0
        rows = Article.objects.filter(story_group_excluded=False).order_by("pk").values_list("pk", "body")
        for pk, body in rows.iterator(chunk_size=1000):
            total += 1
            article_keys = nd.band_keys(nd.shingles(body))
            if article_keys:
                bodies[pk] = body
                keys[pk] = article_keys
            if progress is not None:
                progress(1)
        _store_bands(keys)
        cache: dict[int, frozenset[str]] = {}

        def grams(pk: int) -> frozenset[str]:
            if pk not in cache:
                cache[pk] = nd.shingles(bodies[pk])
            return cache[pk]

        confirmed = [(a, b) for a, b in sorted(nd.candidate_pairs(keys)) if nd.same_story(grams(a), grams(b))]
        components = nd.components(bodies.keys(), confirmed)
        _join(components, {})
    return RebuildSummary(total, len(components), sum(len(c) for c in components))


@dataclass(frozen=True)
class Printing:
    """Another printing of an article's report, as a result or the article page names it."""

    article_id: int
    url: str
    title: str
    label: str  # 湖南日报 2024年6月22日 第3版


@dataclass(frozen=True)
class OtherPrintings:
    """The other printings of an article's report: the first ``shown`` (oldest first) and how many."""

    shown: list[Printing]
    total: int

    def __bool__(self) -> bool:
        return self.total > 0


_COLUMNS = (
    "pk",
    "story_group_id",
    "size",
    "display_title",
    "title",
    "source_page__file_name",
    "source_page__paper",
    "source_page__pub_date",
    "source_page__pub_date_estimated",
    "source_page__page_label",
    "source_page__section",
)


def _printings_query(groups: list[int], limit: int | None) -> models.QuerySet:
    """The members of ``groups`` (with ``limit``, each group's first ``limit + 1`` by date), each
    with its group's size."""
    rows = Article.objects.filter(story_group_id__in=groups)
    if limit is not None:
        # Ranked on the article table alone: the source pages (each row holds a whole page's
        # text) are read for the printings named, not for every member of a large group.
        first = rows.annotate(
            rank=models.Window(
                RowNumber(),
                partition_by=models.F("story_group_id"),
                order_by=[models.F("pub_date").asc(nulls_last=True), "pk"],
            )
        ).filter(rank__lte=limit + 1)
        rows = Article.objects.filter(pk__in=first.values("pk"))
    group_size = (
        Article.objects.filter(story_group_id=models.OuterRef("story_group_id"))
        .order_by()
        .values("story_group_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = rows.annotate(size=models.Subquery(group_size))
    by_date = models.F("pub_date").asc(nulls_last=True)
    return rows.order_by("story_group_id", by_date, "pk").values_list(*_COLUMNS)


# Stand-ins for the group ids while the query is compiled: no group has a negative id.
_SENTINEL = -(10**9)


@lru_cache(maxsize=128)
def _printings_sql(n_groups: int, limit: int | None, vendor: str) -> tuple[str, tuple]:
    """The query's SQL for ``n_groups`` groups, compiled once per process.

    Building and compiling the window-function query cost a results page ~2 ms, six times
    what the database spends running it; the SQL differs only in the group ids.
    """
    sentinels = [_SENTINEL - k for k in range(n_groups)]
    return _printings_query(sentinels, limit).query.sql_with_params()


def _as_date(value: object) -> dt.date | None:
    # Through a plain cursor SQLite returns dates as ISO text; PostgreSQL as dates.
    return dt.date.fromisoformat(value) if isinstance(value, str) else value  # type: ignore[return-value]


def other_printings(articles: Iterable[Article], limit: int | None = None) -> dict[int, OtherPrintings]:
    """{article id: the other printings of its report}, oldest first.

    One query for all the articles together: each group's members by date, with the group's
    size, and with ``limit`` only the first ``limit + 1`` of each group (a results page names
    three and counts the rest; one of the first four may be the article itself).
    """
    group_of = {a.pk: a.story_group_id for a in articles if a.story_group_id is not None}
    if not group_of:
        return {}
    groups = sorted(set(group_of.values()))
    sql, params = _printings_sql(len(groups), limit, connection.vendor)
    real = {_SENTINEL - k: group for k, group in enumerate(groups)}
    with connection.cursor() as cursor:
        cursor.execute(sql, [real.get(p, p) if isinstance(p, int) else p for p in params])
        rows = cursor.fetchall()
    article_url = numbered_urls("archive:article")
    members: dict[int, list[Printing]] = defaultdict(list)
    sizes: dict[int, int] = {}
    for row in rows:
        pk, group, size, display_title, title, file_name, paper, date, estimated, label, section = row
        # page_title reads these attributes only: a model instance per row would cost more than the rest.
        page = SimpleNamespace(
            file_name=file_name,
            paper=paper,
            pub_date=_as_date(date),
            pub_date_estimated=bool(estimated),
            page_label=label,
            section=section,
        )
        members[group].append(Printing(pk, article_url(pk), display_title or title, page_title(page)))
        sizes[group] = size
    found = {}
    for pk, group in group_of.items():
        others = [p for p in members[group] if p.article_id != pk]
        found[pk] = OtherPrintings(others if limit is None else others[:limit], sizes.get(group, 1) - 1)
    return found
