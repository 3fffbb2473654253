"""Feeds of the newest articles, RSS 2.0 and Atom 1.0: the whole archive, a place, a topic, a reporter
(the search's feed, :mod:`search.feeds`, builds on the same base).

A feed is a :class:`FeedScope` (what it is about and its newest articles' ids) and the items
rendered from it. The scope is found first and is cheap (one query of ids and update times),
so a reader polling an unchanged feed is answered 304 from the scope alone, before any
article is loaded or any XML written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.db.models import Count, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.views.decorators.http import condition

from archive.context_processors import SITE_NAME
from archive.models import Article, County, Reporter, Topic, newest_first

FEED_SIZE = 30

# Characters XML 1.0 cannot carry at all (the feed would not serialise).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return _XML_ILLEGAL.sub("", text)


def plain(text: str) -> str:
    """Article text as a feed carries it: readers treat RSS titles and descriptions as HTML,
    so the text is escaped for HTML here (then once more for XML by the feed generator);
    ``<b>`` or ``&amp;`` typed in an article reaches the reader as those characters."""
    return html.escape(xml_text(text), quote=False)


@dataclass
class FeedScope:
    """What one feed is about, and its newest articles as ``(id, updated_at)``, newest first."""

    title: str
    description: str
    link: str  # the page for people that lists the same articles
    feed_url: str  # this feed's own address (a search feed's carries the search's parameters)
    versions: list[tuple[int, dt.datetime]]
    articles: list[Article] | None = field(default=None, repr=False)  # when already loaded

    @property
    def last_modified(self) -> dt.datetime | None:
        return max((updated for _, updated in self.versions), default=None)

    def etag(self, kind: str) -> str:
        # Which articles, in which order, each as last edited, under which title: an article
        # added, removed, moved to another place or edited changes it.
        state = [kind, self.title, *(f"{pk}:{updated.timestamp()}" for pk, updated in self.versions)]
        return hashlib.sha256("\n".join(state).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def newest_versions(articles: QuerySet[Article], limit: int = FEED_SIZE) -> list[tuple[int, dt.datetime]]:
    """The ``limit`` newest of ``articles`` (by publication date, undated last) as (id, updated_at)."""
    ordered = articles.order_by(newest_first(), "-created_at", "-pk")
    return list(ordered.values_list("pk", "updated_at")[:limit])


def load_articles(ids: list[int]) -> list[Article]:
    """The articles with ``ids``, in that order, with what an item shows of them."""
    found = Article.objects.with_listing_fields().prefetch_related("topics", "bylines__reporter").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


class ArticleFeed(Feed):
    """RSS 2.0 feed of a scope's newest articles; subclasses say which scope (:meth:`scope`).

    Answers conditional requests (ETag, Last-Modified) from the scope alone.
    """

    language = "zh-hans"
    author_name = SITE_NAME
    # RSS readers render titles as HTML; Atom's <title> is plain text (see AtomFeedMixin).
    titles_are_html = True

    def scope(self, request, *args, **kwargs) -> FeedScope:
        raise NotImplementedError

    def __call__(self, request, *args, **kwargs) -> HttpResponse:
        scope = self.scope(request, *args, **kwargs)
        kind = type(self).__name__

        @condition(
            etag_func=lambda request: scope.etag(kind),
            last_modified_func=lambda request: scope.last_modified,
        )
        def respond(request) -> HttpResponse:
            feedgen = self.get_feed(scope, request)
            response = HttpResponse(content_type=feedgen.content_type)
            feedgen.write(response, "utf-8")
            return response

        return respond(request)

    def text(self, value: str) -> str:
        return plain(value) if self.titles_are_html else xml_text(value)

    # Channel --------------------------------------------------------------------

    def title(self, scope: FeedScope) -> str:
        return self.text(scope.title)

    def description(self, scope: FeedScope) -> str:  # RSS
        return self.text(scope.description)

    def subtitle(self, scope: FeedScope) -> str:  # Atom
        return self.text(scope.description)

    def link(self, scope: FeedScope) -> str:
        return scope.link

    def feed_url(self, scope: FeedScope) -> str:
        return scope.feed_url

    def items(self, scope: FeedScope) -> Iterable[Article]:
        if scope.articles is not None:
            return scope.articles
        return load_articles([pk for pk, _ in scope.versions])

    # Items ------------------------------------------------------------------------

    def item_title(self, item: Article) -> str:
        return self.text(item.display_title or item.title or str(item))

    def item_description(self, item: Article) -> str:
        lead = item.paragraphs[0] if item.paragraphs else ""
        return plain(Truncator(lead).chars(200))

    def item_link(self, item: Article) -> str:
        return reverse("archive:article", args=[item.pk])

    def item_pubdate(self, item: Article) -> dt.datetime | None:
        if item.pub_date is None:
            return item.created_at
        return timezone.make_aware(dt.datetime.combine(item.pub_date, dt.time(6, 0)))

    def item_updateddate(self, item: Article) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str | None:
        names = [b.reporter.name for b in item.bylines.all()]
        return self.text("、".join(names)) or None

    def item_categories(self, item: Article) -> list[str]:
        categories = [t.name for t in item.topics.all()]
        if item.place:
            categories.append(item.place.name)
        return [xml_text(c) for c in categories]


class AtomFeedMixin:
    """The same feed as Atom 1.0: titles are text there, summaries HTML."""

    feed_type = Atom1Feed
    titles_are_html = False


# --- Scopes ------------------------------------------------------------------------------


class LatestArticlesFeed(ArticleFeed):
    def scope(self, request) -> FeedScope:
        return FeedScope(
            title=f"{SITE_NAME} · 最新文章",
            description="湖南省县市区政务新闻报道，按出版日期由新到旧。",
            link=reverse("archive:home"),
            feed_url=request.path,
            versions=newest_versions(Article.objects.all()),
        )


class PlaceFeed(ArticleFeed):
    """A county's articles; a prefecture's include its counties', as its page does."""

    def scope(self, request, code: str) -> FeedScope:
        # A division code is six digits; anything else is no place (and never reaches the database).
        if not re.fullmatch(r"[0-9]{6}", code):
            raise Http404("没有这个地区")
        place = get_object_or_404(County.objects.select_related("parent"), code=code)
        covers = "及所辖县市区" if place.is_prefecture else ""
        return FeedScope(
            title=f"{place.name} · {SITE_NAME}",
            description=f"{place.name}{covers}的政务新闻报道，按出版日期由新到旧。",
            link=place.get_absolute_url(),
            feed_url=request.path,
            versions=newest_versions(Article.objects.in_place(place)),
        )


class TopicFeed(ArticleFeed):
    def scope(self, request, slug: str) -> FeedScope:
        topic = get_object_or_404(Topic, slug=slug)
        return FeedScope(
            title=f"主题：{topic.name} · {SITE_NAME}",
            description=f"归入“{topic.name}”主题的报道，按出版日期由新到旧。",
            link=topic.get_absolute_url(),
            feed_url=request.path,
            versions=newest_versions(topic.articles.all()),
        )


class ReporterFeed(ArticleFeed):
    def scope(self, request, pk: int) -> FeedScope:
        reporter = get_object_or_404(Reporter, pk=pk)
        return FeedScope(
            title=f"作者：{reporter.name} · {SITE_NAME}",
            description=f"{reporter.name}署名的报道，按出版日期由新到旧。",
            link=reporter.get_absolute_url(),
            feed_url=request.path,
            versions=newest_versions(Article.objects.filter(pk__in=reporter.bylines.values("article_id"))),
        )


class LatestArticlesAtomFeed(AtomFeedMixin, LatestArticlesFeed):
    pass


class PlaceAtomFeed(AtomFeedMixin, PlaceFeed):
    pass


class TopicAtomFeed(AtomFeedMixin, TopicFeed):
    pass


class ReporterAtomFeed(AtomFeedMixin, ReporterFeed):
    pass


# --- Links to feeds, for pages ---------------------------------------------------------------


@dataclass(frozen=True)
class FeedLinks:
    """A page's feeds, for its <head> (rel="alternate") and its visible 订阅 links."""

    title: str
    rss: str
    atom: str


def feed_links(title: str, name: str, args: list | None = None, query: str = "") -> FeedLinks:
    """The RSS and Atom addresses of feed ``name`` (its Atom twin is ``name + "_atom"``);
    ``query`` is an encoded query string (``?q=…``, as :func:`urllib.parse.urlencode` makes it)."""
    return FeedLinks(
        title=title,
        rss=reverse(name, args=args) + query,
        atom=reverse(name + "_atom", args=args) + query,
    )


@dataclass(frozen=True)
class FeedExample:
    """One kind of feed, explained on the feeds page with a real example."""

    kind: str  # 地区, 主题 …
    explanation: str
    example: str  # what the example follows
    page: str  # the page for people that offers the example's feed
    links: FeedLinks


def feed_examples() -> list[FeedExample]:
    """An example of each kind of feed, from the archive's own best-covered place, topic and reporter."""
    from archive.services import browse

    examples = []
    prefectures = sorted(browse.prefectures_with_counties(), key=lambda p: (-p.article_total, p.code))
    if prefectures and prefectures[0].article_total:
        prefecture = prefectures[0]
        examples.append(
            FeedExample(
                "市州",
                "一个市州及其所辖全部县市区的新文章。",
                prefecture.name,
                prefecture.get_absolute_url(),
                feed_links(prefecture.name, "archive:place_feed", [prefecture.code]),
            )
        )
        counties = sorted(prefecture.counties, key=lambda c: (-c.article_count, c.code))
        if counties and counties[0].article_count:
            county = counties[0]
            examples.append(
                FeedExample(
                    "县市区",
                    "一个县市区的新文章。",
                    county.name,
                    county.get_absolute_url(),
                    feed_links(county.name, "archive:place_feed", [county.code]),
                )
            )
    topics = sorted(browse.topics_with_counts(), key=lambda t: -t.article_count)
    if topics and topics[0].article_count:
        topic = topics[0]
        examples.append(
            FeedExample(
                "主题",
                "归入一个主题的新文章。",
                topic.name,
                topic.get_absolute_url(),
                feed_links(topic.name, "archive:topic_feed", [topic.slug]),
            )
        )
    reporter = Reporter.objects.annotate(n=Count("bylines")).filter(n__gt=0).order_by("-n", "pk").first()
    if reporter is not None:
        examples.append(
            FeedExample(
                "作者",
                "一位作者署名的新文章。",
                reporter.name,
                reporter.get_absolute_url(),
                feed_links(reporter.name, "archive:reporter_feed", [reporter.pk]),
            )
        )
    if topics and prefectures:
        query = "?" + urlencode({"q": topics[0].name, "prefecture": prefectures[0].code})
        examples.append(
            FeedExample(
                "检索",
                "任何一次检索：检索词和全部筛选条件都保留，按出版日期列出最新的匹配文章。"
                "在检索结果页点“订阅”即可得到它的订阅地址。",
                f"{topics[0].name}（{prefectures[0].name}）",
                reverse("search:search") + query,
                feed_links(topics[0].name, "search:feed", query=query),
            )
        )
    return examples
