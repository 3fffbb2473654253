"""Any request, however odd, gets a normal page: property tests over the GET parameters of
the search page, the JSON API, the CSV export and the paginated browse pages.

The full-size run (>= 10,000 requests) is ``python -m bench.fuzz``.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz import QUERY, VALUES, endpoints
from search.forms import MAX_QUERY_CHARS

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SEARCH_URLS = [reverse("search:search"), reverse("search:api"), reverse("search:export")]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "涟x"},
        {"q": "长沙A"},
        {"q": "a涟源b"},
        {"reporter": "²"},
        {"reporter": "①"},
        {"page": "²"},
        {"year": "２０２４"},
        {"county": "①②③④⑤⑥"},
        {"q": "黄精\x00"},
        {"reporter": "x\x00"},
        {"q": "标题:"},
        {"q": "作者::"},
        {"q": "地点:不存在的地方"},
        {"q": '来源:"' + "湖" * 3000},
        {"q": "((((标题:((((", "from": "((((", "to": "))))"},
        {"q": "标题:\x00", "paper": "\x00", "from": "2024-\x00"},
        {"from": "2024", "to": "2023-13-45"},
        {"from": "99999999999999999999", "to": "-1"},
        {"from": "2024-06", "to": "2024-06", "year": "2020", "paper": "邵阳日报"},
        {"paper": "邵阳日报" * 100},
    ],
)
@pytest.mark.parametrize("url", SEARCH_URLS)
def test_inputs_that_once_answered_500(client, url, params):
    assert client.get(url, params).status_code == 200


@FUZZ
@given(query=QUERY)
def test_search_endpoints_answer_any_parameters(client, query):
    for url in SEARCH_URLS:
        assert client.get(url, query).status_code == 200


ADVANCED_FIELDS = ["all_words", "phrase", "any_words", "none_words", "title", "author", "place", "paper"]


@FUZZ
@given(
    fields=st.dictionaries(st.sampled_from([*ADVANCED_FIELDS, "date_from", "date_to"]), VALUES, max_size=6)
)
def test_advanced_form_answers_any_input(client, fields):
    response = client.get(reverse("search:advanced"), fields)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code == 200


@FUZZ
@given(page=VALUES, extra=QUERY)
def test_browse_pages_answer_any_page_parameter(client, page, extra):
    for url in endpoints()[3:]:
        # Not a page number, or past the end: 404, as Django's ListView says; never a 500.
        assert client.get(url, {**extra, "page": page}).status_code in (200, 404)


def test_undecodable_query_string_is_a_normal_page(client):
    for url in SEARCH_URLS:
        assert client.get(url + "?q=%FF%FE%E6%B6&county=%C0&page=%B2").status_code == 200


def test_api_page_past_the_end_is_empty_with_the_true_total(client):
    first = json.loads(client.get(reverse("search:api"), {"q": "县"}).content)
    assert first["total"] > 0 and first["results"]
    past = json.loads(client.get(reverse("search:api"), {"q": "县", "page": first["num_pages"] + 1}).content)
    assert past["results"] == []
    assert past["total"] == first["total"]
    assert past["page"] == first["num_pages"] + 1


def test_html_page_past_the_end_still_shows_the_last_page(client):
    response = client.get(reverse("search:search"), {"q": "县", "page": 400})
    assert response.context["result"].items


def test_overlong_query_is_cut_with_a_chinese_message(client):
    typed = "湖南县域政务服务" * 200
    html = client.get(reverse("search:search"), {"q": typed}).content.decode()
    assert f"检索词过长（{len(typed)} 字），只检索了前 {MAX_QUERY_CHARS} 字" in html
    data = json.loads(client.get(reverse("search:api"), {"q": typed}).content)
    assert len(data["query"]) == MAX_QUERY_CHARS


def test_the_longest_search_url_fits_gunicorns_request_line(client):
    """A query of MAX_QUERY_CHARS characters (4-byte ones, the widest when percent-encoded)
    with every filter set reaches the app, which answers in Chinese; gunicorn would
    answer a longer request line with its bare 414."""
    from config import gunicorn
    from search.services import SearchParams

    widest = SearchParams.from_mapping({"q": "𠀀" * (MAX_QUERY_CHARS + 100), "year": "2024", "page": "3"})
    params = widest.__class__(**{**widest.__dict__, "county": "430111", "prefecture": "430100"})
    request_line = f"GET {reverse('search:search')}{params.query_string()} HTTP/1.1"
    assert len(request_line.encode()) <= gunicorn.limit_request_line
    # The issue's case: 500 Chinese characters (refused with a bare 414 at gunicorn's default 4,094).
    issue = f"GET {reverse('search:search')}{SearchParams(q='政' * 500).query_string()} HTTP/1.1"
    assert 4094 < len(issue.encode()) <= gunicorn.limit_request_line
    assert client.get(reverse("search:search") + params.query_string()).status_code == 200
