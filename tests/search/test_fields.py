"""Field search (标题/作者/地点/来源), the date range, the paper facet, the results-over-time
histogram and the advanced search form, through the test client and against database scans."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from archive.models import Article, Byline, County, SourcePage
from search.index import indexing
from search.search_indexes import article_headline
from search.text.folding import normalize

from .helpers import result_ids

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:search")
API = reverse("search:api")


def api(client, **params) -> dict:
    response = client.get(API, params)
    assert response.status_code == 200
    return json.loads(response.content)


def found(client, **params) -> set[int]:
    data = api(client, **params)
    assert data["total"] == len(data["results"]) or data["num_pages"] > 1
    ids = {r["id"] for r in data["results"]}
    for page in range(2, data["num_pages"] + 1):
        ids |= {r["id"] for r in api(client, **params, page=page)["results"]}
    return ids


def headline_ids(text: str) -> set[int]:
    return {a.pk for a in Article.objects.all() if normalize(text) in normalize(article_headline(a))}


def body_only_word() -> tuple[str, set[int]]:
    """A two-character word printed in some bodies and in no headline."""
    headlines = "\n".join(normalize(article_headline(a)) for a in Article.objects.all())
    for article in Article.objects.order_by("pk"):
        body = normalize(article.body)
        for i in range(len(body) - 1):
            word = body[i : i + 2]
            if all("\u4e00" <= ch <= "\u9fff" for ch in word) and word not in headlines:
                return word, {a.pk for a in Article.objects.all() if word in normalize(a.body)}
    raise AssertionError("no body-only word in the test data")


# --- field search --------------------------------------------------------------------


def test_title_field_finds_headline_words_only(client):
    article = Article.objects.exclude(title="").order_by("pk").first()
    word = normalize(article.title)[:2]
    assert found(client, q=f"标题:{word}") == headline_ids(word)
    assert article.pk in found(client, q=f"title：{word}")
    body_word, in_bodies = body_only_word()
    assert in_bodies and in_bodies <= found(client, q=body_word)
    assert found(client, q=f"标题:{body_word}") == set()


def test_quoted_title_value_and_understanding(client):
    article = Article.objects.exclude(title="").order_by("-pk").first()
    phrase = normalize(article.title)[:4]
    html = client.get(SEARCH, {"q": f'标题："{phrase}"'}).content.decode()
    assert f"标题包含：{phrase}" in html
    assert found(client, q=f'标题:"{phrase}"') == headline_ids(phrase)


def test_author_field_finds_reporters_and_credit_lines(client):
    reporter = Byline.objects.filter(role__in=["", "记者"]).select_related("reporter").first()
    credit = Byline.objects.filter(role__in=["摄影", "通讯员", "文", "图"]).select_related("reporter").first()
    for byline in (reporter, credit):
        name = byline.reporter.name
        expected = set(
            Byline.objects.filter(reporter__name__contains=name).values_list("article_id", flat=True)
        )
        assert byline.article_id in found(client, q=f"作者:{name}")
        assert found(client, q=f"作者:{name}") == expected
    html = client.get(SEARCH, {"q": f"author:{reporter.reporter.name}"}).content.decode()
    assert f"作者：{reporter.reporter.name}" in html
    body_word, _ = body_only_word()
    assert found(client, q=f"作者:{body_word}") == set()


def test_place_field_resolves_short_names_and_prefectures(client):
    county = County.objects.filter(articles__isnull=False, parent__isnull=False).order_by("code").first()
    short = county.short_name or county.name
    expected = set(Article.objects.filter(place=county).values_list("pk", flat=True))
    assert found(client, q=f"地点:{short}") == expected
    html = client.get(SEARCH, {"q": f"地点:{short}"}).content.decode()
    assert f"地点：{county.name}" in html
    prefecture = county.parent
    in_prefecture = set(
        Article.objects.filter(place__in=[prefecture, *prefecture.children.all()]).values_list(
            "pk", flat=True
        )
    )
    assert found(client, q=f"place:{prefecture.name}") == in_prefecture


def test_unknown_place_finds_nothing_and_says_so(client):
    html = client.get(SEARCH, {"q": "地点:不存在的地方"}).content.decode()
    assert "没有找到相关报道" in html
    assert "地点：未找到“不存在的地方”" in html


def test_paper_field_filter_and_facet(client):
    paper = SourcePage.objects.exclude(paper="").order_by("paper").values_list("paper", flat=True).first()
    expected = set(Article.objects.filter(source_page__paper=paper).values_list("pk", flat=True))
    assert expected
    assert found(client, q=f"来源:{paper}") == expected
    assert found(client, q=f"报纸:{paper[:2]}") >= expected
    assert found(client, paper=paper) == expected
    facet = {f["value"]: f["count"] for f in api(client)["facets"]["paper"]}
    for name, count in facet.items():
        assert count == Article.objects.filter(source_page__paper=name).count()
    assert facet[paper] == len(expected)
    assert api(client, paper="没有这份报纸")["total"] == Article.objects.count()
    hit = api(client, q=f"来源:{paper}")["results"][0]
    assert f"来源匹配：{paper}" in hit["matched_by"]


def test_fields_combine_with_words_or_and_exclusion(client):
    paper = SourcePage.objects.exclude(paper="").values_list("paper", flat=True).first()
    on_paper = set(Article.objects.filter(source_page__paper=paper).values_list("pk", flat=True))
    everything = set(Article.objects.values_list("pk", flat=True))
    assert found(client, q=f"县 -来源:{paper}") == set(result_ids("县")) - on_paper
    assert f"排除：来源:{paper}" in client.get(SEARCH, {"q": f"县 -来源:{paper}"}).content.decode()
    understood = api(client, q=f"县 来源:{paper}")["understood"]
    assert [(u["field"], u["field_label"]) for u in understood] == [("", ""), ("paper", f"来源：{paper}")]
    article = Article.objects.exclude(title="").order_by("pk").first()
    word = normalize(article.title)[:2]
    assert found(client, q=f"标题:{word} OR 来源:{paper}") == headline_ids(word) | on_paper
    assert found(client, q=f"标题:{word} 来源:{paper}") == headline_ids(word) & on_paper
    assert on_paper < everything


# --- dates ---------------------------------------------------------------------------


def dated(start, end) -> set[int]:
    return set(Article.objects.filter(pub_date__gte=start, pub_date__lte=end).values_list("pk", flat=True))


def test_date_range_by_year_month_and_day(client):
    import datetime as dt

    assert found(client, **{"from": "2024"}) == dated(dt.date(2024, 1, 1), dt.date(9999, 12, 31))
    assert found(client, **{"from": "2024-03", "to": "2024-06"}) == dated(
        dt.date(2024, 3, 1), dt.date(2024, 6, 30)
    )
    some = Article.objects.exclude(pub_date=None).order_by("pk").first().pub_date
    assert found(client, **{"from": some.isoformat(), "to": some.isoformat()}) == dated(some, some)
    assert found(client, **{"to": "2023"}) == dated(dt.date(1, 1, 1), dt.date(2023, 12, 31))
    # Typed the wrong way round: the period between.
    assert found(client, **{"from": "2024-06", "to": "2024-03"}) == dated(
        dt.date(2024, 3, 1), dt.date(2024, 6, 30)
    )
    # The old year parameter still works, alone and with a range.
    assert found(client, year="2024") == dated(dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.mark.parametrize(
    "junk", ["2024-13", "2024-02-30", "abcd", "２０２４", "²⁰²⁴", "0000", "2024-06-22x", "\x00", ""]
)
def test_invalid_dates_are_dropped(client, junk):
    data = api(client, **{"from": junk, "to": junk})
    assert data["total"] == Article.objects.count()
    assert "from" not in data["filters"]


def test_date_filter_is_shown_with_a_remove_link_and_kept_in_the_form(client):
    html = client.get(SEARCH, {"q": "县", "from": "2024-3", "to": "2024-06-30"}).content.decode()
    assert "起始日期：2024年3月" in html
    assert "截止日期：2024年6月30日" in html
    remove = re.search(r'href="([^"]*)"[^>]*title="去掉这个条件">起始日期', html).group(1)
    query = parse_qs(urlsplit(unescape(remove)).query)
    assert "from" not in query and query["to"] == ["2024-06-30"]
    assert '<input type="hidden" name="from" value="2024-03">' in html


def test_date_range_in_api_and_csv(client):
    import datetime as dt

    data = api(client, **{"from": "2024-03", "to": "2024-06"})
    assert data["filters"] == {"from": "2024-03", "to": "2024-06"}
    response = client.get(reverse("search:export"), {"from": "2024-03", "to": "2024-06"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
    assert {int(r[0]) for r in rows} == dated(dt.date(2024, 3, 1), dt.date(2024, 6, 30))


# --- histogram -----------------------------------------------------------------------


def timeline(client, **params):
    response = client.get(SEARCH, params)
    return response.context["result"], response.content.decode()


def test_histogram_counts_equal_the_facets_and_bars_filter(client):
    result, html = timeline(client, q="县")
    bars = result.timeline
    assert bars
    dated_total = sum(1 for pk in result_ids("县") if Article.objects.get(pk=pk).pub_date)
    assert sum(t.bar.count for t in bars) == dated_total
    years = {o.value: o.count for o in result.facets["year"]}
    if result.timeline_by_month:
        for year, count in years.items():
            assert sum(t.bar.count for t in bars if t.bar.start.startswith(year)) == count
    else:
        assert {t.bar.start: t.bar.count for t in bars if t.bar.count} == years
    assert "<svg" in html and "<title>" in html and "style=" not in html.split('class="timeline"')[1][:4000]
    busiest = max(bars, key=lambda t: t.bar.count)
    href = unescape(busiest.url)
    assert f'href="{SEARCH}{busiest.url}"'.replace("&", "&amp;") in html
    filtered = api(client, **{k: v[0] for k, v in parse_qs(urlsplit(href).query).items()})
    assert filtered["total"] == busiest.bar.count
    assert [(t["from"], t["count"]) for t in api(client, q="县")["timeline"]] == [
        (t.bar.start, t.bar.count) for t in bars
    ]


def test_histogram_is_by_month_within_a_year(client):
    result, html = timeline(client, year="2024")
    assert result.timeline_by_month
    assert all(t.bar.start.startswith("2024-") for t in result.timeline)
    assert "检索结果按月分布" in html
    assert sum(t.bar.count for t in result.timeline) == result.total


# --- advanced form -------------------------------------------------------------------


def test_advanced_form_builds_the_query_and_lands_on_the_results(client):
    advanced = reverse("search:advanced")
    form = client.get(advanced).content.decode()
    for name in ("all_words", "phrase", "any_words", "none_words", "title", "author", "place", "paper"):
        assert f'<label for="id_{name}">' in form and f'id="id_{name}"' in form
    assert f'href="{advanced}"' in client.get(SEARCH).content.decode()
    response = client.get(
        advanced,
        {
            "all_words": "政务 服务",
            "phrase": "一件事 一次办",
            "any_words": "涟源 新化",
            "none_words": "永州",
            "title": "一次办",
            "author": "",
            "place": "新晃",
            "paper": "湖南日报",
            "date_from": "2024-6",
            "date_to": "junk",
        },
    )
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == SEARCH
    query = parse_qs(target.query)
    assert query["q"] == ['政务 服务 "一件事 一次办" 涟源 OR 新化 标题:一次办 地点:新晃 来源:湖南日报 -永州']
    assert query["from"] == ["2024-06"] and "to" not in query
    html = client.get(response["Location"]).content.decode()
    assert 'value="政务 服务 &quot;一件事 一次办&quot; 涟源 OR 新化 标题:一次办' in html


def test_empty_advanced_form_stays_on_the_form(client):
    response = client.get(reverse("search:advanced"), {"all_words": " ", "date_from": "x"})
    assert response.status_code == 200
    assert "请至少填写一项检索条件" in response.content.decode()


# --- index upkeep --------------------------------------------------------------------


def test_editing_a_pages_paper_reindexes_its_articles(isolated_index):
    indexing.rebuild(batch_size=7)
    page = SourcePage.objects.filter(articles__isnull=False).order_by("pk").first()
    page.paper = "潇湘测试晚报"
    page.save()
    indexing.process_pending()
    expected = set(page.articles.values_list("pk", flat=True))
    assert set(result_ids("来源:潇湘测试晚报")) == expected
