"""The feeds (RSS 2.0 and Atom 1.0) read as a feed reader reads them: valid XML for any scope and
any search, exactly the scope's newest articles, 304 while nothing changed; the pages that announce
and offer them. RSS titles and descriptions are HTML to a reader, so markup or entities typed in an
article must arrive as plain characters."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

import pytest
from django.db.models import Count
from django.urls import resolve, reverse
from hypothesis import HealthCheck, given, settings

from archive.feeds import FEED_SIZE
from archive.models import Article, County, Reporter, Topic, newest_first
from bench.fuzz import QUERY

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

HOSTILE = '<b>粗体</b> &amp; &lt;i&gt; <script>alert("x")</script><img src=x onerror=alert(1)>\x0b'


class ReaderView(HTMLParser):
    """What a reader renders from an HTML-valued feed element: its markup and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        self.tags.append("/" + tag)

    def handle_data(self, data):
        self.text += data


def rendered(value: str) -> ReaderView:
    view = ReaderView()
    view.feed(value)
    view.close()
    return view


def test_article_markup_reaches_the_feed_reader_as_plain_text(client):
    article = Article.objects.order_by(newest_first(), "-created_at", "-pk").first()
    article.title = article.display_title = "标题" + HOSTILE
    article.body = "导语" + HOSTILE
    article.pub_date = dt.date(2099, 1, 1)
    article.save()

    response = client.get(reverse("archive:feed"))
    item = ElementTree.fromstring(response.content).find("channel/item")
    typed = HOSTILE.replace("\x0b", "")
    for element, prefix in (("title", "标题"), ("description", "导语")):
        reader = rendered(item.findtext(element))
        assert reader.tags == [], element
        assert reader.text == prefix + typed, element


def test_atom_titles_are_text_and_summaries_html(client):
    # Atom says what its elements hold: <title> is text (shown as typed), <summary type="html"> is HTML.
    article = Article.objects.order_by(newest_first(), "-created_at", "-pk").first()
    article.title = article.display_title = "标题" + HOSTILE
    article.body = "导语" + HOSTILE
    article.pub_date = dt.date(2099, 1, 1)
    article.save()

    response = client.get(reverse("archive:feed_atom"))
    entry = ElementTree.fromstring(response.content).find(f"{ATOM}entry")
    typed = HOSTILE.replace("\x0b", "")
    assert entry.findtext(f"{ATOM}title") == "标题" + typed
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    reader = rendered(summary.text)
    assert reader.tags == [] and reader.text == "导语" + typed


# --- Every scope, RSS and Atom ------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass
class ParsedFeed:
    title: str
    self_link: str
    article_ids: list[int]
    links: list[str]


def parse_feed(response) -> ParsedFeed:
    """A feed as a reader sees it, RSS 2.0 or Atom 1.0 (which must parse as XML)."""
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    if root.tag == "rss":
        assert response["Content-Type"].startswith("application/rss+xml")
        channel = root.find("channel")
        title = channel.findtext("title")
        self_link = channel.find("{http://www.w3.org/2005/Atom}link").get("href")
        links = [item.findtext("link") for item in channel.findall("item")]
    else:
        assert root.tag == f"{ATOM}feed"
        assert response["Content-Type"].startswith("application/atom+xml")
        title = root.findtext(f"{ATOM}title")
        self_link = next(
            link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"
        )
        entries = root.findall(f"{ATOM}entry")
        for entry in entries:  # what Atom requires of every entry
            assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")
        links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    ids = []
    for link in links:
        match = resolve(urlsplit(link).path)
        assert match.view_name == "archive:article", link
        ids.append(match.kwargs["pk"])
    return ParsedFeed(title, self_link, ids, links)


def newest(articles) -> list[int]:
    return list(
        articles.order_by(newest_first(), "-created_at", "-pk").values_list("pk", flat=True)[:FEED_SIZE]
    )


def busiest_county() -> County:
    pk = (
        Article.objects.filter(place__level=County.Level.COUNTY)
        .values("place")
        .annotate(n=Count("pk"))
        .order_by("-n", "place")[0]["place"]
    )
    return County.objects.get(pk=pk)


def prefecture_with_county_articles() -> County:
    return County.objects.get(
        pk=Article.objects.filter(place__parent__isnull=False).values_list("place__parent", flat=True)[0]
    )


FORMATS = [("", "rss"), ("_atom", "atom")]


@pytest.mark.parametrize(("suffix", "kind"), FORMATS)
def test_latest_feed_lists_the_newest_articles(client, suffix, kind):
    feed = parse_feed(client.get(reverse("archive:feed" + suffix)))
    assert feed.article_ids == newest(Article.objects.all())
    assert feed.self_link.endswith(reverse("archive:feed" + suffix))


@pytest.mark.parametrize(("suffix", "kind"), FORMATS)
def test_county_feed_holds_the_county_articles(client, suffix, kind):
    county = busiest_county()
    feed = parse_feed(client.get(reverse("archive:place_feed" + suffix, args=[county.code])))
    assert county.name in feed.title
    expected = Article.objects.filter(place=county)
    assert feed.article_ids == newest(expected) and feed.article_ids
    # Each item opens its article's page.
    for link, pk in zip(feed.links, feed.article_ids, strict=True):
        page = client.get(urlsplit(link).path)
        assert page.status_code == 200 and page.context["article"].pk == pk


@pytest.mark.parametrize(("suffix", "kind"), FORMATS)
def test_prefecture_feed_includes_its_counties(client, suffix, kind):
    prefecture = prefecture_with_county_articles()
    feed = parse_feed(client.get(reverse("archive:place_feed" + suffix, args=[prefecture.code])))
    assert feed.article_ids == newest(Article.objects.in_place(prefecture))
    places = set(Article.objects.filter(pk__in=feed.article_ids).values_list("place__parent", flat=True))
    assert prefecture.pk in places, "articles of the prefecture's counties are in its feed"


@pytest.mark.parametrize(("suffix", "kind"), FORMATS)
def test_topic_and_reporter_feeds(client, suffix, kind):
    topic = Topic.objects.annotate(n=Count("articles")).order_by("-n").first()
    feed = parse_feed(client.get(reverse("archive:topic_feed" + suffix, args=[topic.slug])))
    assert topic.name in feed.title
    assert feed.article_ids == newest(topic.articles.all()) and feed.article_ids

    reporter = Reporter.objects.annotate(n=Count("bylines")).order_by("-n").first()
    feed = parse_feed(client.get(reverse("archive:reporter_feed" + suffix, args=[reporter.pk])))
    assert reporter.name in feed.title
    credited = Article.objects.filter(bylines__reporter=reporter).distinct()
    assert feed.article_ids == newest(credited) and feed.article_ids


def page_ids(client, query: dict[str, str], page: int) -> list[int]:
    response = client.get(reverse("search:search"), {**query, "sort": "newest", "page": page})
    result = response.context["result"]
    return [item.article.pk for item in result.items] if result.page == page else []


SEARCHES = [
    {"q": "县"},
    {"q": "乡村振兴"},
    {"q": "县", "year": "2024"},
    {"q": "政务 -长沙"},
    {"q": "县", "from": "2022", "to": "2024-06"},
    {"q": "标题:乡村振兴"},
]


@pytest.mark.parametrize("query", SEARCHES)
@pytest.mark.parametrize(("suffix", "kind"), FORMATS)
def test_search_feed_is_the_search_newest_first(client, query, suffix, kind):
    feed = parse_feed(client.get(reverse("search:feed" + suffix), query))
    # Exactly what the search page lists when sorted by 最新, page after page.
    listed = page_ids(client, query, 1) + page_ids(client, query, 2)
    assert feed.article_ids == listed[:FEED_SIZE]
    assert feed.article_ids, query
    assert feed.title.startswith("检索：" + query["q"])


def test_search_feed_title_names_the_filters_and_keeps_them(client):
    county = busiest_county()
    query = {"q": "县", "county": county.code}
    response = client.get(reverse("search:feed"), query)
    feed = parse_feed(response)
    assert feed.title.startswith(f"检索：县 · 县市区：{county.name}")
    assert feed.article_ids and set(
        Article.objects.filter(pk__in=feed.article_ids).values_list("place", flat=True)
    ) == {county.pk}
    assert feed.self_link.endswith(reverse("search:feed") + "?" + urlencode(query))


@pytest.mark.parametrize(("suffix", "kind"), FORMATS)
@pytest.mark.parametrize(
    ("query", "says"),
    [
        ({}, "没有检索词"),
        ({"q": "(((("}, "(((("),
        ({"q": "？！、"}, "？！、"),
        ({"county": "不存在"}, "没有检索词"),
    ],
)
def test_a_search_of_nothing_is_an_empty_feed_that_says_so(client, suffix, kind, query, says):
    # Never every article: a search with nothing to search has nothing to follow.
    response = client.get(reverse("search:feed" + suffix), query)
    feed = parse_feed(response)
    assert feed.article_ids == []
    assert says in feed.title
    root = ElementTree.fromstring(response.content)
    explanation = root.findtext("channel/description") or root.findtext(f"{ATOM}subtitle")
    assert "没有" in explanation


ODD = [
    {"q": "黄精\x00\x01\x0b\x1f<b>&amp;"},
    {"q": "乡村" * 3000},
    {"q": "\ufffe\uffff县"},
    {"q": "县", "reporter": "x\x00", "county": "①②", "year": "２０２４", "page": "-1", "sort": "x"},
    {"q": '"乡村振兴" OR -永州 标题:'},
    {"q": "]]></title><title>x"},
]


@pytest.mark.parametrize(("suffix", "kind"), FORMATS)
@pytest.mark.parametrize("query", ODD)
def test_odd_search_parameters_give_a_valid_feed(client, suffix, kind, query):
    feed = parse_feed(client.get(reverse("search:feed" + suffix), query))
    assert feed.title.startswith("检索：")
    assert len(feed.title) < 300


@FUZZ
@given(query=QUERY)
def test_search_feed_answers_any_parameters(client, query):
    for name in ("search:feed", "search:feed_atom"):
        parse_feed(client.get(reverse(name), query))


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/places/999999/",
        "/feeds/places/abc/atom/",
        "/feeds/places/43010%00/",
        "/feeds/topics/no-such-topic/",
        "/feeds/topics/no-such-topic/atom/",
        "/feeds/reporters/999999999/",
        "/feeds/reporters/99999999999999999999999999/atom/",
    ],
)
def test_unknown_scopes_are_404(client, url):
    assert client.get(url).status_code == 404


# --- Conditional requests ---------------------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "kind"), FORMATS)
def test_unchanged_feed_answers_304_and_a_change_is_seen(client, suffix, kind):
    county = busiest_county()
    url = reverse("archive:place_feed" + suffix, args=[county.code])
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    # An article moved to another county leaves the feed: the reader must get the new feed.
    moved = Article.objects.filter(place=county).order_by(newest_first()).last()
    moved.place = County.objects.exclude(pk=county.pk).filter(level=County.Level.COUNTY).first()
    moved.save()
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag
    assert moved.pk not in parse_feed(again).article_ids


def test_search_feed_answers_304_until_a_listed_article_changes(client):
    url = reverse("search:feed") + "?" + urlencode({"q": "乡村振兴"})
    first = client.get(url)
    etag = first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    edited = Article.objects.get(pk=parse_feed(first).article_ids[0])
    edited.title = edited.title + "（更正）"
    edited.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


# --- Pages announce and offer their feeds ------------------------------------------------------------

ALTERNATE = re.compile(
    r'<link rel="alternate" type="(application/(?:rss|atom)\+xml)" href="([^"]+)" title="([^"]+)">'
)
SUBSCRIBE = re.compile(r'<p class="subscribe">(.*?)</p>', re.S)


def page_feeds(client, url: str, params: dict[str, str] | None = None) -> tuple[dict[str, str], list[str]]:
    """The page's own alternate links (its first of each type) and its visible 订阅 links."""
    page = client.get(url, params or {}).content.decode()
    head = page.split("</head>")[0]
    own: dict[str, str] = {}
    for kind, href, _title in ALTERNATE.findall(head):
        own.setdefault(kind, html.unescape(href))
    box = SUBSCRIBE.search(page.split("</head>")[1])
    visible = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', box.group(1))] if box else []
    return own, visible


def test_pages_announce_their_feeds_in_head_and_offer_subscribe_links(client):
    county = busiest_county()
    topic = Topic.objects.annotate(n=Count("articles")).order_by("-n").first()
    reporter = Reporter.objects.annotate(n=Count("bylines")).order_by("-n").first()
    search = reverse("search:search")
    pages = [
        (county.get_absolute_url(), None, reverse("archive:place_feed", args=[county.code])),
        (topic.get_absolute_url(), None, reverse("archive:topic_feed", args=[topic.slug])),
        (reporter.get_absolute_url(), None, reverse("archive:reporter_feed", args=[reporter.pk])),
        (search, {"q": "乡村 振兴", "county": county.code}, reverse("search:feed")),
    ]
    for url, params, feed_path in pages:
        own, visible = page_feeds(client, url, params)
        rss, atom = own["application/rss+xml"], own["application/atom+xml"]
        assert urlsplit(rss).path == feed_path, url
        assert urlsplit(atom).path == feed_path + "atom/", url
        assert visible[:2] == [rss, atom], url
        assert parse_feed(client.get(rss)).article_ids == parse_feed(client.get(atom)).article_ids
        help_page = client.get(visible[2])
        assert help_page.status_code == 200 and help_page.resolver_match.view_name == "archive:feeds"

    # The search's feed carries the search's words and filters, whatever the page's sort and page.
    own, _ = page_feeds(
        client, search, {"q": "乡村 振兴", "county": county.code, "sort": "oldest", "page": "2"}
    )
    assert own["application/rss+xml"] == reverse("search:feed") + "?" + urlencode(
        {"q": "乡村 振兴", "county": county.code}
    )


@pytest.mark.parametrize("params", [{}, {"q": "(((("}])
def test_search_of_nothing_offers_no_feed_of_its_own(client, params):
    own, visible = page_feeds(client, reverse("search:search"), params)
    assert urlsplit(own["application/rss+xml"]).path == reverse("archive:feed")  # the site's, only
    assert visible == []


def test_feeds_page_explains_each_kind_with_working_examples(client):
    page = client.get(reverse("archive:feeds")).content.decode()
    for name in ("archive:feed", "archive:feed_atom"):
        assert f'href="{reverse(name)}"' in page
    hrefs = [html.unescape(h) for h in re.findall(r'href="(/feeds/[^"]+)"', page)]
    kinds = {resolve(urlsplit(h).path).view_name for h in hrefs}
    assert {
        "archive:place_feed",
        "archive:place_feed_atom",
        "archive:topic_feed",
        "archive:reporter_feed",
        "search:feed",
        "search:feed_atom",
    } <= kinds
    for href in hrefs:
        assert parse_feed(client.get(href)).article_ids, href


def test_a_corrected_search_offers_the_feed_of_what_it_shows(client):
    # 没有找到 lianyuan，已显示 涟源市: the page's feed follows what the reader sees.
    response = client.get(reverse("search:search"), {"q": "lianyuan"})
    result = response.context["result"]
    assert result.corrected_to == "涟源市"
    own, visible = page_feeds(client, reverse("search:search"), {"q": "lianyuan"})
    assert own["application/rss+xml"] == reverse("search:feed") + "?" + urlencode({"q": "涟源市"})
    feed = parse_feed(client.get(own["application/rss+xml"]))
    assert set(feed.article_ids) == {item.article.pk for item in result.items}


def test_typed_markup_in_a_search_reaches_the_reader_as_typed(client):
    typed = '<b>县</b> &amp; <script>alert("x")</script>'
    rss = ElementTree.fromstring(client.get(reverse("search:feed"), {"q": typed}).content).find("channel")
    for element in ("title", "description"):
        reader = rendered(rss.findtext(element))
        assert reader.tags == [] and typed in reader.text, element
    atom = ElementTree.fromstring(client.get(reverse("search:feed_atom"), {"q": typed}).content)
    assert atom.findtext(f"{ATOM}title").startswith("检索：" + typed)
    assert typed in atom.findtext(f"{ATOM}subtitle")
