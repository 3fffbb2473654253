"""The search page, JSON API, CSV export and OpenSearch description, through the test client."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Article, County

from .helpers import scan

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:search")
API = reverse("search:api")


def page(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return response.content.decode()


def api(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_page_shows_count_highlighted_snippets_and_understanding(client):
    html = page(client, q="黄精")
    assert f"找到 <strong>{len(scan('黄精'))}</strong> 篇" in html
    assert "<mark>黄精</mark>" in html
    assert "检索理解" in html
    first = html.split('class="result"')[1].split("</li>")[0]
    assert 1 <= first.count('class="result__snippet"') <= 3


def test_traditional_query_shows_the_conversion(client):
    html = page(client, q="政務服務")
    assert "政務服務 → 政务服务" in html
    assert "<mark>政务服务</mark>" in html


def test_one_character_query_page(client):
    html = page(client, q="县")
    assert "<mark>县</mark>" in html


def test_place_expansion_is_explained(client):
    html = page(client, q="娄底")
    assert "娄底市，含下辖县市区" in html


def test_pinyin_is_offered_as_a_place(client):
    html = page(client, q="lianyuan")
    assert "您是不是要找" in html and "涟源市" in html
    data = api(client, q="lianyuan")
    assert data["suggestions"][0]["text"] == "涟源市"
    assert data["corrected_to"] == "涟源市"
    assert data["total"] > 0


def test_near_miss_place_is_corrected(client):
    data = api(client, q="莲源")
    assert data["corrected_to"] == "涟源"
    assert data["total"] == len(api(client, q="涟源")["results"])


def test_empty_result_page_names_the_words_that_matched_nothing(client):
    html = page(client, q="黄精 饕餮盛宴")
    assert "没有找到相关报道" in html
    assert "<strong>饕餮盛宴</strong>" in html or "<strong>饕餮</strong>" in html


def test_filters_combine_show_counts_and_are_removable_one_by_one(client):
    data = api(client, q="政务服务")
    prefecture = data["facets"]["prefecture"][0]
    narrowed = api(client, q="政务服务", prefecture=prefecture["value"])
    assert narrowed["total"] == prefecture["count"]
    topic = narrowed["facets"]["topics"][0]
    html = page(client, q="政务服务", prefecture=prefecture["value"], topic=topic["value"])
    assert f"找到 <strong>{topic['count']}</strong> 篇" in html
    removals = re.findall(r'class="facet-remove" href="([^"]+)"', html)
    assert len(removals) == 2
    kept = [set(parse_qs(urlsplit(url.replace("&amp;", "&")).query)) for url in removals]
    assert kept == [{"q", "topic"}, {"q", "prefecture"}]


def test_filters_accept_names_and_ignore_garbage(client):
    loudi = County.objects.get(name="娄底市")
    by_code = api(client, q="", prefecture=loudi.code)
    by_name = api(client, q="", prefecture="娄底市")
    assert by_code["total"] == by_name["total"] == Article.objects.in_place(loudi).count()
    garbage = api(client, q="县", prefecture="<b>", year="20x4", reporter="'; drop", sort="nope", page="-3")
    assert garbage["filters"] == {}
    assert garbage["page"] == 1


def test_pagination_urls_are_stable_and_shareable(client):
    html = page(client, q="县", sort="newest")
    next_link = re.search(r'rel="next" href="([^"]+)"', html)
    if next_link is None:
        pytest.skip("fewer than two pages of results")
    assert next_link.group(1).replace("&amp;", "&") == f"{SEARCH}?q=%E5%8E%BF&sort=newest&page=2"
    second = page(client, q="县", sort="newest", page=2)
    assert 'aria-current="page">2<' in second


def test_api_result_shape(client):
    data = api(client, q="黄精")
    hit = data["results"][0]
    assert set(hit) >= {
        "id",
        "url",
        "title",
        "place",
        "prefecture",
        "topics",
        "date",
        "reporters",
        "snippets",
        "score",
    }
    assert hit["url"].endswith(Article.objects.get(pk=hit["id"]).get_absolute_url())
    assert any("<mark>黄精</mark>" in s for s in hit["snippets"])
    assert set(data["facets"]) == {"prefecture", "county", "topics", "year", "reporters", "paper"}


def _result_meta(html: str) -> list[str]:
    return [block.split("</p>")[0] for block in html.split('class="result__meta"')[1:]]


def test_each_result_shows_its_place_topics_and_reporters_in_the_same_number_of_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def render(q: str) -> tuple[list[str], int]:
        with CaptureQueriesContext(connection) as queries:
            html = page(client, q=q)
        # The index queue's sweep (one query at most every 10 s) falls in either request by timing.
        counted = [c for c in queries.captured_queries if "search_indexqueue" not in c["sql"]]
        return _result_meta(html), len(counted)

    page(client, q="乡村")  # the first request of a process loads the gazetteer
    many, many_queries = render("县")
    few, few_queries = render("涟源")
    assert len(many) > len(few) >= 1
    # Related data is loaded per page, not per result.
    assert many_queries == few_queries
    data = api(client, q="县")
    for meta, hit in zip(many, data["results"], strict=True):
        article = Article.objects.get(pk=hit["id"])
        if article.place:
            assert f'href="{article.place.get_absolute_url()}">{article.place.name}</a>' in meta
        for topic in article.topics.all():
            assert f'href="{topic.get_absolute_url()}">{topic.name}</a>' in meta
        names = [b.reporter.name for b in article.bylines.order_by("order", "pk")]
        assert [r["name"] for r in hit["reporters"]] == names
        if names:
            assert " ".join(names) in meta


def test_csv_export_lists_every_result(client):
    response = client.get(reverse("search:export"), {"q": "政务服务"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["编号", "标题"]
    assert {int(r[0]) for r in rows[1:]} >= scan("政务服务")


def test_opensearch_description(client):
    response = client.get(reverse("search:opensearch"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    body = response.content.decode()
    assert "{searchTerms}" in body and "http://testserver/search/" in body


@pytest.mark.parametrize(
    "q",
    [
        "",
        "县" * 10_000,
        "\x00\x01\x1f\x7f",
        '"unbalanced',
        "((((]]]",
        "OR",
        "- -- ---",
        "title:乡村 body:",
        "政*务? ~1 ^2",
        "😀🇨🇳",
        "<script>alert('x')</script>",
        "' OR 1=1; DROP TABLE archive_article; --",
        "\u202e\u200b\ufeff",
    ],
)
def test_odd_input_gets_a_normal_page_and_json(client, q):
    html = page(client, q=q)
    assert "<script>alert" not in html
    data = api(client, q=q)
    assert isinstance(data["results"], list)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=300), sort=st.sampled_from(["", "newest", "oldest", "x"]), pg=st.text(max_size=5))
def test_any_input_gives_a_normal_page(client, q, sort, pg):
    response = client.get(SEARCH, {"q": q, "sort": sort, "page": pg})
    assert response.status_code == 200
    assert "<script" not in response.content.decode().split("<main", 1)[1].split("</main>")[0]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    q=st.text(max_size=300),
    prefecture=st.text(max_size=8),
    year=st.text(max_size=6),
    reporter=st.text(max_size=8),
)
def test_any_input_gives_json(client, q, prefecture, year, reporter):
    response = client.get(API, {"q": q, "prefecture": prefecture, "year": year, "reporter": reporter})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["total"] >= len(data["results"])
