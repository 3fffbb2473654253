"""Query understanding a reader notices: topics named by a word, explained matches."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from archive.models import Article

from .helpers import scan

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:search")
API = reverse("search:api")


def api(client, **params) -> dict:
    response = client.get(API, params)
    assert response.status_code == 200
    return json.loads(response.content)


def all_result_ids(client, q: str) -> list[int]:
    ids: list[int] = []
    page = 1
    while True:
        data = api(client, q=q, page=page)
        if not data["results"]:
            return ids
        ids.extend(r["id"] for r in data["results"])
        page += 1


def tagged_but_silent(slug: str, word: str) -> set[int]:
    """Articles tagged with the topic that never print its name."""
    tagged = set(Article.objects.filter(topics__slug=slug).values_list("pk", flat=True))
    return tagged - scan(word, folded=True)


def test_topic_name_finds_tagged_articles_below_the_literal_matches(client):
    silent = tagged_but_silent("rural-revitalization", "乡村振兴")
    literal = scan("乡村振兴")
    assert silent and literal, "the test corpus has both kinds of article"
    ids = all_result_ids(client, "乡村振兴")
    assert silent <= set(ids)
    assert literal <= set(ids)
    # Every article that prints the words comes before every one found by its tag only.
    assert max(ids.index(pk) for pk in literal) < min(ids.index(pk) for pk in silent)


def test_among_articles_printing_a_topic_name_those_about_the_topic_rank_higher(client):
    """营商环境 named once in passing does not outrank a report tagged with the topic, text alike."""
    from search.engine import compiler
    from search.query.lexicon import load_lexicon
    from search.query.parser import parse_query

    lexicon = load_lexicon()
    with_topics = compiler.compile_query(
        parse_query("营商环境"), topics=lexicon.topics, related=lexicon.related
    )
    text_only = compiler.compile_query(parse_query("营商环境"), topics=None, related=lexicon.related)
    tagged = set(Article.objects.filter(topics__slug="business-environment").values_list("pk", flat=True))
    literal = scan("营商环境")
    assert literal & tagged and literal - tagged, "the test corpus has both kinds of article"

    def order(query) -> list[int]:
        from search.engine import executor

        raw = executor.execute(query, executor.Filters(), "relevance", offset=0, limit=200, facets=False)
        return [h.article_id for h in raw.hits if h.article_id in literal]

    def mean_rank_of_tagged(ids: list[int]) -> float:
        ranks = [ids.index(pk) for pk in ids if pk in tagged]
        return sum(ranks) / len(ranks)

    assert mean_rank_of_tagged(order(with_topics)) < mean_rank_of_tagged(order(text_only))


def test_traditional_topic_name_and_strong_keyword_name_the_topic(client):
    html = client.get(SEARCH, {"q": "鄉村振興"}).content.decode()
    assert "并检索主题：乡村振兴" in html
    data = api(client, q="优化营商")
    assert data["understood"][0]["topics"] == ["营商环境"]


def test_quoted_topic_name_searches_the_text_only(client):
    data = api(client, q='"乡村振兴"')
    assert data["understood"][0]["topics"] == []
    assert data["total"] == len(scan("乡村振兴"))


def test_understanding_box_names_the_topic(client):
    html = client.get(SEARCH, {"q": "乡村振兴"}).content.decode()
    assert "并检索主题：乡村振兴" in html


def reasons_by_id(client, q: str) -> dict[int, list[str]]:
    reasons: dict[int, list[str]] = {}
    page = 1
    while True:
        data = api(client, q=q, page=page)
        if not data["results"]:
            return reasons
        reasons.update({r["id"]: r["matched_by"] for r in data["results"]})
        page += 1


def test_a_hit_through_its_place_says_so(client):
    reasons = reasons_by_id(client, "县")
    unprinted = set(reasons) - scan("县")
    assert unprinted, "some articles match 县 through their place only"
    for pk in unprinted:
        place = Article.objects.get(pk=pk).place
        assert f"地点匹配：{place.name}" in reasons[pk]
    # Articles that print the word need no explanation.
    assert not any(reasons[pk] for pk in set(reasons) & scan("县"))
    last_page = client.get(SEARCH, {"q": "县", "page": 999}).content.decode()  # ranked last
    assert '<p class="result__why"><span>地点匹配：' in last_page


def test_a_hit_through_its_topic_or_reporter_says_so(client):
    reasons = reasons_by_id(client, "乡村振兴")
    for pk in tagged_but_silent("rural-revitalization", "乡村振兴"):
        assert "主题匹配：乡村振兴" in reasons[pk]
    article = next(
        a
        for a in Article.objects.filter(bylines__isnull=False).prefetch_related("bylines__reporter")
        if len(a.bylines.all()[0].reporter.name) >= 2
        # Printed in its credit line only: the snippet does not show it, the result must say why.
        and not any(
            a.bylines.all()[0].reporter.name in f
            for f in (a.title, a.kicker, a.subtitle, a.body, *(a.captions or []))
            if f
        )
    )
    name = article.bylines.all()[0].reporter.name
    assert f"作者匹配：{name}" in reasons_by_id(client, name)[article.pk]


@pytest.mark.parametrize("q", ["((((", "？！。", "- --"])
def test_a_query_with_nothing_searchable_says_so_instead_of_listing_everything(client, q):
    html = client.get(SEARCH, {"q": q}).content.decode()
    assert "检索词中没有可检索的文字" in html
    assert 'class="result"' not in html
    data = api(client, q=q)
    assert data["total"] == 0 and data["results"] == []


def test_related_words_are_seeded_editable_and_shown(admin_client):
    response = admin_client.get(reverse("admin:search_relatedterms_changelist"))
    assert response.status_code == 200
    assert "养老 / 老年人 / 助老" in response.content.decode()
    html = admin_client.get(SEARCH, {"q": "养老"}).content.decode()
    assert "相关词：老年人、助老" in html
    assert api(admin_client, q="河长制")["understood"][0]["related"] == ["河长"]


def test_a_related_word_finds_articles_printing_only_the_other_word_below_the_literal_ones(client):
    from search.models import RelatedTerms

    RelatedTerms.objects.create(words="黄精 秸秆")
    literal, related = scan("黄精"), scan("秸秆") - scan("黄精")
    assert literal and related
    data = api(client, q="黄精")
    assert data["understood"][0]["related"] == ["秸秆"]
    ids = all_result_ids(client, "黄精")
    assert set(ids) == literal | related
    assert set(ids[: len(literal)]) == literal  # the word typed first
    reasons = reasons_by_id(client, "黄精")
    assert all("相关词匹配：秸秆" in reasons[pk] for pk in related)
    group = RelatedTerms.objects.get(words="黄精 秸秆")
    group.enabled = False  # as the admin's list does: saved, so the change applies at once
    group.save()
    assert set(all_result_ids(client, "黄精")) == literal


def test_few_complete_matches_are_followed_by_partial_matches_clearly_separated(client):
    html = client.get(SEARCH, {"q": "黄精 饕餮盛宴"}).content.decode()
    assert "以下结果只包含部分检索词" in html
    assert "没有找到相关报道：没有文章同时包含全部检索词" in html
    data = api(client, q="黄精 饕餮盛宴")
    assert data["total"] == 0 and data["results"] == []
    assert data["partial"]["total"] == len(scan("黄精"))
    assert {r["id"] for r in data["partial"]["results"]} <= scan("黄精")
    # Enough complete matches: no partial section.
    from search.services import PARTIAL_BELOW

    assert api(client, q="政务 服务")["total"] >= PARTIAL_BELOW
    assert "以下结果只包含部分检索词" not in client.get(SEARCH, {"q": "政务 服务"}).content.decode()
