"""Search over the imported seed pages: words, characters, syntax, places, filters, facets."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db.models import Q

from archive.models import Article
from search.engine import executor as engine

from .helpers import result_ids, scan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("word", ["政务服务", "乡村振兴", "黄精", "一件事一次办", "湘易办", "秸秆", "产业园"])
def test_a_chinese_word_finds_every_article_containing_it(word):
    expected = scan(word)
    assert expected, f"the seeds should contain {word}"
    assert expected <= set(result_ids(word))


def test_results_for_a_word_put_articles_containing_it_first():
    ids = result_ids("黄精")
    expected = scan("黄精")
    assert set(ids[: len(expected)]) == expected


@pytest.mark.parametrize("char", ["县", "镇", "办", "4"])
def test_one_character_queries_work(char):
    expected = scan(char)
    assert expected
    assert expected <= set(result_ids(char))


def test_words_inside_longer_words_are_not_lost():
    # jieba cuts 涟源市委 into 涟源/市委 and 湘易办 into one word: substrings still match.
    for text in ("市委", "湘易", "源市"):
        expected = scan(text)
        assert expected <= set(result_ids(text)), text


def test_several_words_must_all_match_and_exact_phrases_rank_first():
    ids = result_ids("政务 服务")
    both = {pk for pk in scan("政务") if pk in scan("服务")}
    assert set(ids) >= both
    assert all(pk in both for pk in ids)
    phrase = scan("政务服务")
    assert set(ids[: len(phrase)]) == phrase


def test_quoted_phrase_matches_exactly():
    assert set(result_ids('"一件事一次办"')) == scan("一件事一次办")


def test_exclusion_removes_articles_with_the_word():
    ids = set(result_ids("政务服务 -营商环境"))
    assert ids >= scan("政务服务") - scan("营商环境")
    assert not ids & scan("营商环境")


def test_or_accepts_either_word():
    assert set(result_ids("黄精 OR 砂糖橘")) == scan("黄精") | scan("砂糖橘")


def test_traditional_characters_and_full_width_digits_fold():
    assert result_ids("政務服務") == result_ids("政务服务")
    assert set(result_ids("２０２４")) == set(result_ids("2024"))
    assert scan("2024") <= set(result_ids("２０２４"))


def _places(ids):
    return [Article.objects.select_related("place").get(pk=pk).place.name for pk in ids]


def test_a_former_name_finds_the_division():
    wangcheng = set(Article.objects.filter(place__name="望城区").values_list("pk", flat=True))
    assert wangcheng
    assert wangcheng <= set(result_ids("望城县"))


def test_a_short_name_finds_the_autonomous_prefecture():
    xiangxi = set(Article.objects.filter(place__name="湘西土家族苗族自治州").values_list("pk", flat=True))
    assert xiangxi
    assert xiangxi <= set(result_ids("湘西州"))


def test_a_prefecture_name_finds_its_counties_after_direct_mentions():
    ids = result_ids("娄底")
    places = set(_places(ids))
    assert {"涟源市", "新化县"} <= places
    direct = scan("娄底")
    # Articles naming 娄底 come first, county articles found only through the prefecture after.
    assert set(ids[: len(direct)]) == direct
    assert len(ids) > len(direct)


def test_facet_counts_are_exact_for_query_and_filters():
    raw = engine.run_query("政务服务", per_page=100)
    ids = [h.article_id for h in raw.hits]
    articles = Article.objects.select_related("place__parent").prefetch_related("topics").in_bulk(ids)
    expected_pref = Counter(a.prefecture.code for a in articles.values() if a.prefecture)
    assert dict(raw.facets["prefecture"]) == dict(expected_pref)
    expected_topics = Counter(t.slug for a in articles.values() for t in a.topics.all())
    assert dict(raw.facets["topics"]) == dict(expected_topics)
    expected_years = Counter(str(a.pub_date.year) for a in articles.values() if a.pub_date)
    assert dict(raw.facets["year"]) == dict(expected_years)

    code, count = raw.facets["prefecture"][0]
    narrowed = engine.run_query("政务服务", engine.Filters(prefecture=code), per_page=100)
    assert narrowed.total == count
    assert {a for a, _ in narrowed.facets["prefecture"]} == {code}
    topic, topic_count = narrowed.facets["topics"][0]
    both = engine.run_query("政务服务", engine.Filters(prefecture=code, topic=topic), per_page=100)
    assert both.total == topic_count


def test_long_facets_keep_their_most_frequent_values(monkeypatch):
    monkeypatch.setitem(engine.FACET_VALUES, "reporters", None)
    monkeypatch.setitem(engine.FACET_VALUES, "county", None)
    full = engine.run_query("", per_page=5).facets
    assert len(full["reporters"]) > 3 and len(full["county"]) > 3
    monkeypatch.setitem(engine.FACET_VALUES, "reporters", 3)
    monkeypatch.setitem(engine.FACET_VALUES, "county", 3)
    capped = engine.run_query("", per_page=5).facets
    assert capped["reporters"] == full["reporters"][:3]
    assert capped["county"] == full["county"][:3]
    assert capped["topics"] == full["topics"]
    # The reporter a search is filtered by stays listed, however many share its count.
    monkeypatch.setitem(engine.FACET_VALUES, "reporters", 1)
    for reporter, _ in full["reporters"]:
        narrowed = engine.run_query("", engine.Filters(reporter=reporter), per_page=5).facets
        assert reporter in dict(narrowed["reporters"])


@pytest.mark.parametrize("q", ["", "服务"])
def test_each_filter_keeps_exactly_the_articles_it_names(q):
    matching = set(Article.objects.values_list("pk", flat=True)) if not q else scan(q)
    article = (
        Article.objects.filter(pk__in=matching, place__parent__isnull=False, pub_date__isnull=False)
        .exclude(topics=None)
        .exclude(bylines=None)
        .first()
    )
    reporter = article.bylines.first().reporter
    topic = article.topics.first()
    cases = {
        "prefecture": (
            article.prefecture.code,
            Article.objects.filter(Q(place=article.prefecture) | Q(place__parent=article.prefecture)),
        ),
        "county": (article.place.code, Article.objects.filter(place=article.place)),
        "topic": (topic.slug, Article.objects.filter(topics=topic)),
        "year": (str(article.pub_date.year), Article.objects.filter(pub_date__year=article.pub_date.year)),
        "reporter": (str(reporter.pk), Article.objects.filter(bylines__reporter=reporter)),
    }
    for name, (value, queryset) in cases.items():
        expected = matching & set(queryset.values_list("pk", flat=True))
        assert set(result_ids(q, **{name: value})) == expected, name
    # Combined, and a value no article has.
    both = cases["county"][1].filter(topics=topic).values_list("pk", flat=True)
    assert set(result_ids(q, county=article.place.code, topic=topic.slug)) == matching & set(both)
    assert result_ids(q, county="999999") == []


def test_empty_query_lists_everything_with_facets():
    raw = engine.run_query("", per_page=5)
    assert raw.total == Article.objects.count()
    assert sum(n for _, n in raw.facets["prefecture"]) == Article.objects.exclude(place=None).count()


def test_sort_by_date():
    newest = engine.run_query("县", sort="newest", per_page=100)
    dates = [Article.objects.get(pk=h.article_id).pub_date for h in newest.hits]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True)
    oldest = engine.run_query("县", sort="oldest", per_page=100)
    dates = [Article.objects.get(pk=h.article_id).pub_date for h in oldest.hits]
    known = [d for d in dates if d]
    assert known == sorted(known)


def test_pages_do_not_overlap():
    first = engine.run_query("县", per_page=5, page=1)
    second = engine.run_query("县", per_page=5, page=2)
    assert first.total == second.total > 5
    assert not {h.article_id for h in first.hits} & {h.article_id for h in second.hits}


def test_headline_matches_rank_above_body_matches():
    ids = result_ids("黄精小镇")
    top = Article.objects.get(pk=ids[0])
    assert "黄精小镇" in (top.title + top.subtitle + top.kicker)


def test_place_names_that_contain_the_word_typed_add_no_clauses():
    """涟源 already matches every document 涟源市/涟源县 would: one alternative is enough."""
    from whoosh import query as wq

    from search.engine.compiler import absorb_alternatives, merge_boosts, substring_query

    word = substring_query("涟源", exact=False)
    names = [substring_query(n, exact=False) for n in ("涟源市", "涟源", "涟源县")]
    prefecture = wq.Term("prefecture", "4313")
    assert absorb_alternatives([word, *names, prefecture]) == [word, prefecture]
    # A name that does not contain the word stays an alternative.
    other = substring_query("蓝田", exact=False)
    assert absorb_alternatives([word, other]) == [word, other]
    merged = merge_boosts([wq.Term("text", "涟源", boost=2.0), wq.Term("text", "涟源"), other])
    assert merged == [wq.Term("text", "涟源", boost=3.0), other]


def test_prepare_searcher_builds_the_facet_arrays_before_the_first_query():
    engine.reset()
    engine.prepare_searcher()
    assert engine._segment_arrays
    leaf_arrays = list(engine._segment_arrays.values())
    assert sum(a["size"] for a in leaf_arrays) >= engine.get_searcher().doc_count()
    assert all(set(a["lengths"]) == set(engine.SCORED_FIELDS) for a in leaf_arrays)


def test_facet_arrays_built_in_the_master_are_kept_by_forked_workers():
    """gunicorn --preload: warm_up() builds them once, workers reuse them (no 8 s first query)."""
    engine.reset()
    engine.warm_up()
    built = dict(engine._segment_arrays)
    assert built
    engine._forget_after_fork()  # what a forked worker runs
    engine.get_searcher()
    assert all(engine._segment_arrays.get(key) is arrays for key, arrays in built.items())
    assert engine.run_query("").total == engine.get_searcher().doc_count()
