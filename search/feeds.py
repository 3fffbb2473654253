"""A saved search as a feed: any search page's parameters, its newest matches as RSS or Atom."""

from __future__ import annotations

from dataclasses import replace

from django.urls import reverse

from archive.context_processors import SITE_NAME
from archive.feeds import FEED_SIZE, ArticleFeed, AtomFeedMixin, FeedLinks, FeedScope, feed_links

from . import services


def feed_params(params: services.SearchParams) -> services.SearchParams:
    """The search a feed runs: the same words and filters, newest first, from the first match."""
    return replace(params, sort="newest", page=1, q_cut_from=0)


def feed_title(params: services.SearchParams, active: list[services.ActiveFilter] | None = None) -> str:
    """检索：words · 县市区：东安县、年份：2024 年 (``active``: the filters' labels, when already known)."""
    parts = [params.q.strip()] if params.q.strip() else []
    active = services.active_filters(params) if active is None else active
    filters = "、".join(f"{f.label}：{f.value_label}" for f in active)
    if filters:
        parts.append(filters)
    return "检索：" + " · ".join(parts) if parts else "检索：（没有检索词）"


def feed_query(params: services.SearchParams) -> str:
    """The feed address's query string (urlencoded, ``?q=…``): the words and filters only,
    since a feed is always newest first from its first match; empty for an empty search."""
    query = params.query_string(sort="relevance", page=1)
    return "" if query == "?" else query


def search_feed_links(page: services.SearchPage) -> FeedLinks | None:
    """The feeds of the search a results page shows; None when it has nothing to search
    (its feed would be empty). A search the page corrected (没有找到 X，已显示 Y) follows Y."""
    params = page.params
    if page.corrected_to:
        params = replace(params, q=page.corrected_to)
    if not is_subscribable(params):
        return None
    return feed_links(feed_title(params, page.active_filters), "search:feed", query=feed_query(params))


def is_subscribable(params: services.SearchParams) -> bool:
    """Words to search, or at least one filter: a search of nothing would be every article,
    and one of only punctuation (``((((``) finds nothing."""
    if services.nothing_searchable(params.q, services.parse_query(params.q)):
        return False
    return bool(params.q.strip() or params.filters().active())


class SearchFeed(ArticleFeed):
    """The newest articles a search finds, exactly those the search page lists sorted by 最新."""

    def scope(self, request) -> FeedScope:
        params = feed_params(services.SearchParams.from_mapping(request.GET))
        title = feed_title(params)
        scope = FeedScope(
            title=f"{title} · {SITE_NAME}",
            description="",
            link=reverse("search:search") + params.query_string(),
            feed_url=reverse(request.resolver_match.view_name) + feed_query(params),
            versions=[],
            articles=[],
        )
        if not is_subscribable(params):
            scope.description = (
                services.NOTHING_SEARCHABLE
                if params.q.strip()
                else "没有检索词，也没有筛选条件：这个订阅是空的。全部新文章请订阅“最新文章”。"
            )
            return scope
        articles = [article for article, _ in services.export_hits(params, limit=FEED_SIZE)]
        scope.description = f"在{SITE_NAME}中{title}的最新报道，按出版日期由新到旧。"
        scope.articles = articles
        scope.versions = [(a.pk, a.updated_at) for a in articles]
        return scope


class SearchAtomFeed(AtomFeedMixin, SearchFeed):
    pass
