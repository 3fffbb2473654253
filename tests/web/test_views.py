"""The browse pages, as a reader sees them, on the seeded archive."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils.html import escape

from archive.models import Article, Byline, County, Reporter, SourcePage, Topic, newest_first
from archive.services.browse import initial_letter

pytestmark = pytest.mark.django_db


def html_text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def article_with(**filters) -> Article:
    article = Article.objects.filter(**filters).select_related("place", "source_page").order_by("pk").first()
    assert article is not None, f"no seeded article with {filters}"
    return article


def test_seed_import_produced_articles(seed_summary):
    assert seed_summary.ok
    assert SourcePage.objects.count() >= 5
    assert Article.objects.count() >= 10
    assert Article.objects.filter(place__isnull=False).count() >= Article.objects.count() * 0.8


def test_base_layout_has_nav_search_form_and_opensearch(client):
    page = html_text(client.get(reverse("archive:home")))
    assert '<html lang="zh-hans">' in page
    assert "湖南县域政务报道库" in page
    for label in ("首页", "地区", "主题", "作者", "报纸", "检索"):
        assert f">{label}</a>" in page
    assert f'action="{reverse("search:search")}"' in page
    assert 'name="q"' in page
    assert (
        f'rel="search" type="application/opensearchdescription+xml" href="{reverse("search:opensearch")}"'
        in page
    )
    assert "//cdn" not in page and "googleapis" not in page


def test_search_box_keeps_the_query(client):
    page = html_text(client.get(reverse("archive:places"), {"q": "乡村<振兴>"}))
    assert 'value="乡村&lt;振兴&gt;"' in page


@pytest.mark.parametrize("name", ["archive:home", "archive:places", "archive:topics", "search:search"])
def test_one_search_box_per_page(client, name):
    page = html_text(client.get(reverse(name), {"q": "乡村振兴"}))
    assert page.count('type="search"') == 1


def test_home_shows_totals_latest_articles_and_entry_points(client):
    page = html_text(client.get(reverse("archive:home")))
    stats = dict(re.findall(r"<strong>([\d,]+)</strong><span>([^<]+)</span>", page))
    totals = {label: int(number.replace(",", "")) for number, label in stats.items()}
    assert totals["篇文章"] == Article.objects.count()
    assert totals["个版面"] == SourcePage.objects.count()
    counties = County.objects.filter(level="county", articles__isnull=False).distinct().count()
    assert totals["个县市区有报道"] == counties
    assert totals["位作者"] == Reporter.objects.filter(bylines__isnull=False).distinct().count()
    latest = Article.objects.order_by(newest_first(), "-created_at", "-pk").first()
    assert escape(latest.display_title) in page
    assert reverse("archive:article", args=[latest.pk]) in page
    for topic in Topic.objects.all():
        assert reverse("archive:topic", args=[topic.slug]) in page
    assert reverse("archive:place", args=["430100"]) in page
    assert reverse("archive:places") in page


def test_places_lists_every_prefecture_and_county_with_counts(client):
    page = html_text(client.get(reverse("archive:places")))
    for county in County.objects.all():
        assert reverse("archive:place", args=[county.code]) in page
        assert county.name in page
    busiest = County.objects.filter(level="county").annotate(n=Count("articles")).order_by("-n").first()
    assert busiest.n > 0
    assert f'{busiest.name}</a><span class="count">（{busiest.n}）</span>' in page


def test_prefecture_page_lists_its_own_and_its_counties_articles(client):
    article = article_with(place__level="county")
    prefecture = article.place.parent
    page = html_text(client.get(reverse("archive:place", args=[prefecture.code])))
    assert f'<h1 class="page-title">{prefecture.name}</h1>' in page
    assert reverse("archive:article", args=[article.pk]) in page
    expected = Article.objects.in_place(prefecture).count()
    assert f"<dd>{expected} 篇（含所辖县市区）</dd>" in page
    for county in prefecture.children.all():
        assert reverse("archive:place", args=[county.code]) in page


def test_county_page_shows_aliases_parent_and_articles(client):
    article = article_with(place__level="county")
    county = article.place
    page = html_text(client.get(reverse("archive:place", args=[county.code])))
    assert county.name in page
    assert "、".join(county.aliases) in page
    assert reverse("archive:place", args=[county.parent.code]) in page
    assert escape(article.display_title) in page
    other = Article.objects.exclude(place=county).exclude(place__isnull=True).first()
    if other is not None:
        assert reverse("archive:article", args=[other.pk]) not in page


def test_place_with_no_articles_and_unknown_codes(client):
    empty = County.objects.filter(level="county", articles__isnull=True).first()
    page = html_text(client.get(reverse("archive:place", args=[empty.code])))
    assert "暂无这个地区的文章" in page
    assert client.get(reverse("archive:place", args=["999999"])).status_code == 404
    assert client.get("/places/长沙/").status_code == 404


def test_place_pages_paginate(client):
    prefecture = max(
        County.objects.filter(level="prefecture"), key=lambda p: Article.objects.in_place(p).count()
    )
    total = Article.objects.in_place(prefecture).count()
    response = client.get(reverse("archive:place", args=[prefecture.code]), {"page": 1})
    assert response.context["page_obj"].paginator.count == total
    assert len(response.context["articles"]) == min(total, 20)
    assert client.get(reverse("archive:place", args=[prefecture.code]), {"page": 999}).status_code == 404


def test_listing_pages_take_the_same_queries_for_few_or_many_articles(client):
    """Listings load what they show with the page, not once per article (a deferred
    field or an unprefetched relation read by the template would add a query per row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    places = sorted(County.objects.filter(level="county"), key=lambda p: Article.objects.in_place(p).count())
    few = next(p for p in places if Article.objects.in_place(p).exists())
    many = places[-1]
    assert Article.objects.in_place(many).count() > Article.objects.in_place(few).count()
    counts = []
    for place in (few, many):
        with CaptureQueriesContext(connection) as queries:
            html_text(client.get(reverse("archive:place", args=[place.code])))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_topics_and_topic_page(client):
    page = html_text(client.get(reverse("archive:topics")))
    for topic in Topic.objects.all():
        assert topic.name in page and topic.description in page
    topic = Topic.objects.filter(articles__isnull=False).first()
    page = html_text(client.get(reverse("archive:topic", args=[topic.slug])))
    assert topic.description in page
    strongest, weight = max(topic.keyword_weights().items(), key=lambda kv: kv[1])
    assert strongest in page
    # Weights are the admin's business: the public page lists the words only.
    assert f"×{weight:g}" not in page
    assert f"{topic.articles.count()} 篇文章" in page
    for article in topic.articles.all()[:20]:
        assert reverse("archive:article", args=[article.pk]) in page
    assert client.get(reverse("archive:topic", args=["no-such-topic"])).status_code == 404


def test_reporters_list_and_reporter_page_with_roles(client):
    byline = Byline.objects.exclude(role="").select_related("reporter", "article").first()
    assert byline is not None
    letter = initial_letter(byline.reporter.name)
    page = html_text(client.get(reverse("archive:reporters"), {"letter": letter}))
    assert reverse("archive:reporter", args=[byline.reporter.pk]) in page
    page = html_text(client.get(reverse("archive:reporter", args=[byline.reporter.pk])))
    assert f'<h1 class="page-title">{byline.reporter.name}</h1>' in page
    assert escape(byline.article.display_title) in page
    assert f'<span class="badge badge--muted">{byline.get_role_display()}</span>' in page
    assert client.get(reverse("archive:reporter", args=[10**9])).status_code == 404


def test_article_page_headline_bylines_place_topics_body(client):
    article = article_with(place__level="county", bylines__isnull=False, topics__isnull=False)
    page = html_text(client.get(reverse("archive:article", args=[article.pk])))
    assert f'<h1 id="article-title">{escape(article.display_title)}</h1>' in page
    if article.kicker:
        assert escape(article.kicker) in page
    if article.subtitle:
        assert escape(article.subtitle) in page
    for byline in article.bylines.select_related("reporter"):
        assert reverse("archive:reporter", args=[byline.reporter.pk]) in page
        assert byline.reporter.name in page
    assert reverse("archive:place", args=[article.place.code]) in page
    assert reverse("archive:place", args=[article.place.parent.code]) in page
    for topic in article.topics.all():
        assert reverse("archive:topic", args=[topic.slug]) in page
    # Topic scores and place evidence belong to the admin, not to readers.
    assert "得分" not in page and "依据" not in page
    for reason in (article.place_evidence or {}).get("evidence") or []:
        assert escape(reason) not in page
    for paragraph in article.paragraphs:
        shown = (
            f"<p>{escape(paragraph)}</p>" in page or f'<h2 class="subhead">{escape(paragraph)}</h2>' in page
        )
        assert shown, paragraph
    assert reverse("archive:source_page", args=[article.source_page_id]) in page


def test_article_page_marks_estimated_dates_captions_and_review(client):
    article = article_with(date_estimated=True)
    page = html_text(client.get(reverse("archive:article", args=[article.pk])))
    assert article.pub_date.strftime("%Y年").lstrip("0") in page
    assert "估计</span>" in page
    captioned = Article.objects.exclude(captions=[]).first()
    if captioned is not None:
        page = html_text(client.get(reverse("archive:article", args=[captioned.pk])))
        for caption in captioned.captions:
            assert f"<figcaption>{escape(caption)}</figcaption>" in page
    flagged = article_with(needs_review=True)
    page = html_text(client.get(reverse("archive:article", args=[flagged.pk])))
    assert "这篇文章等待编辑核对" in page
    for label in flagged.review_reason_labels():
        assert f"<li>{label}</li>" in page


def test_article_page_links_to_the_other_articles_of_its_page_and_related(client):
    page_with_many = max(SourcePage.objects.all(), key=lambda p: p.articles.count())
    first, *others = page_with_many.articles.order_by("position")
    page = html_text(client.get(reverse("archive:article", args=[first.pk])))
    for other in others:
        assert reverse("archive:article", args=[other.pk]) in page
    response = client.get(reverse("archive:article", args=[first.pk]))
    related = response.context["related_articles"]
    assert len(related) <= 5
    assert first not in related


def test_unknown_article_is_404_with_the_site_layout(client):
    response = client.get(reverse("archive:article", args=[10**9]))
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_source_page_list_and_view_mark_every_article_span(client):
    page = html_text(client.get(reverse("archive:source_pages")))
    for source in SourcePage.objects.all():
        assert reverse("archive:source_page", args=[source.pk]) in page
    source = max(SourcePage.objects.all(), key=lambda p: p.articles.count())
    response = client.get(reverse("archive:source_page", args=[source.pk]))
    page = html_text(response)
    for article in source.articles.all():
        assert f'id="article-{article.pk}"' in page
        assert f'href="{reverse("archive:article", args=[article.pk])}"' in page
        start, end = article.spans[0]
        assert escape(source.raw_text[start:end].strip()[:20]) in page
    # Nothing of the raw text is lost or duplicated by the marking.
    pieces = response.context["pieces"]
    assert "".join(p.text for p in pieces) == source.raw_text

    def set_apart(page: SourcePage) -> bool:
        """Some furniture lies outside every article (a jump line cut from a paragraph does not)."""
        spans = [s for a in page.articles.all() for s in a.spans]
        return any(
            f.get("start") is not None and not any(s <= f["start"] and f["end"] <= e for s, e in spans)
            for f in page.furniture
        )

    furnished = next((p for p in SourcePage.objects.exclude(furniture=[]) if set_apart(p)), None)
    if furnished is not None:
        page = html_text(client.get(reverse("archive:source_page", args=[furnished.pk])))
        assert '<span class="furniture"' in page
    assert client.get(reverse("archive:source_page", args=[10**9])).status_code == 404


def test_rss_feed_of_latest_articles(client):
    response = client.get(reverse("archive:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert 0 < len(items) <= 30
    latest = Article.objects.order_by(newest_first(), "-created_at", "-pk").first()
    assert items[0].findtext("title") == latest.display_title
    assert items[0].findtext("link").endswith(reverse("archive:article", args=[latest.pk]))


def test_sitemap_lists_articles_places_and_topics(client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    body = response.content.decode()
    for article in Article.objects.all():
        assert reverse("archive:article", args=[article.pk]) + "</loc>" in body
    assert reverse("archive:place", args=["430100"]) + "</loc>" in body
    for topic in Topic.objects.all():
        assert reverse("archive:topic", args=[topic.slug]) + "</loc>" in body


def test_related_articles_fall_back_to_place_and_topics_without_an_index(client, isolated_index):
    # An empty index (e.g. before the first rebuild) finds nothing; the page still offers related reading.
    article = article_with(place__isnull=False, topics__isnull=False)
    related = client.get(reverse("archive:article", args=[article.pk])).context["related_articles"]
    assert related, "articles sharing the place or a topic exist in the seeds"
    topics = set(article.topics.all())
    for other in related:
        assert other.source_page_id != article.source_page_id
        assert other.place_id == article.place_id or topics & set(other.topics.all())
