"""haystack's own SearchQuerySet is a working way into the same index.

Whoever knows haystack can filter, auto_query, count, facet, slice, restrict to a
model, ask for related articles and for highlighted excerpts, on the index the
site searches.
"""

from __future__ import annotations

from collections import Counter

import pytest
from haystack.query import SearchQuerySet

from archive.models import Article
from search.index import indexing
from search.text.folding import normalize

from .helpers import scan

pytestmark = pytest.mark.django_db


def ids(sqs) -> list[int]:
    return [int(result.pk) for result in sqs]


def common_word() -> str:
    """A two-character word printed in several articles but not all (chosen from the data)."""
    counts: Counter[str] = Counter()
    for article in Article.objects.all()[:40]:
        title = normalize(article.title or "")
        counts.update({title[i : i + 2] for i in range(len(title) - 1) if title[i : i + 2].isalpha()})
    total = Article.objects.count()
    for word, _ in counts.most_common():
        if 3 <= len(scan(word, folded=True)) < total // 2:
            return word
    pytest.skip("no suitable word in the seed data")


def test_filter_on_content_finds_articles_printing_the_word():
    word = common_word()
    found = ids(SearchQuerySet().filter(content=word))
    assert found
    assert set(found) <= scan(word, folded=True)


def test_auto_query_excludes_a_minus_word_and_count_agrees():
    word = common_word()
    with_word = SearchQuerySet().auto_query(word)
    assert with_word.count() == len(ids(with_word)) > 0
    other = normalize(Article.objects.get(pk=ids(with_word)[0]).title)[:2]
    without = SearchQuerySet().auto_query(f"{word} -{other}")
    assert set(ids(without)) <= set(ids(with_word))
    assert not set(ids(without)) & scan(other, folded=True)
    assert without.count() < with_word.count()


def test_models_count_and_slicing():
    sqs = SearchQuerySet().models(Article).order_by("pub_date")
    assert sqs.count() == Article.objects.count()
    every = ids(sqs)
    assert ids(sqs[3:7]) == every[3:7]
    assert int(sqs[5].pk) == every[5]


def test_facet_counts_articles_per_county():
    counts = SearchQuerySet().models(Article).facet("county").facet_counts()["fields"]["county"]
    expected = Counter(
        a.place.code for a in Article.objects.select_related("place") if a.place and not a.place.is_prefecture
    )
    assert {code: n for code, n in counts if code} == dict(expected)


def test_highlight_marks_the_word_asked_for_in_every_result():
    word = common_word()
    results = list(SearchQuerySet().auto_query(word).highlight()[:5])
    assert results
    for result in results:
        excerpts = result.highlighted["text"]
        assert excerpts and all(isinstance(e, str) for e in excerpts)
        assert f"<mark>{word}</mark>" in normalize(" ".join(excerpts))


def test_highlight_with_a_filter_on_another_field():
    article = next(
        a
        for a in Article.objects.exclude(title="").select_related("place").order_by("pk")
        if a.place and not a.place.is_prefecture
    )
    word = normalize(article.title)[:2]
    sqs = SearchQuerySet().filter(content=word, county=article.place.code).highlight()
    assert article.pk in ids(sqs)
    for result in sqs[:5]:
        text = normalize(" ".join(result.highlighted["text"]))
        assert f"<mark>{word}</mark>" in text


def test_highlighted_text_is_escaped():
    article = Article.objects.exclude(title="").order_by("pk").first()
    word = normalize(article.title)[:2]
    for result in SearchQuerySet().filter(content=word).highlight()[:10]:
        text = " ".join(result.highlighted["text"])
        assert "<" not in text.replace("<mark>", "").replace("</mark>", "")


def test_more_like_this_puts_a_copy_first_and_never_the_article_itself(isolated_index):
    indexing.rebuild(batch_size=50)
    original, other = Article.objects.exclude(title="").order_by("pk")[:2]
    other.title, other.subtitle, other.body = original.title, original.subtitle, original.body
    other.place, other.pub_date = original.place, original.pub_date
    other.save()
    indexing.process_pending()
    related = SearchQuerySet().more_like_this(original)
    found = ids(related[:5])
    assert original.pk not in found
    assert found[0] == other.pk
    assert related.count() >= len(found)
    assert ids(related[1:3]) == ids(related[:3])[1:]


def test_more_like_this_respects_filters():
    article = Article.objects.exclude(place=None).order_by("pk").first()
    county = article.place.code
    narrowed = ids(SearchQuerySet().more_like_this(article).filter(county=county)[:10])
    assert article.pk not in narrowed
    places = {a.place.code for a in Article.objects.filter(pk__in=narrowed).select_related("place")}
    assert places <= {county}


def test_an_index_written_before_the_layered_layout_still_opens():
    """Whoosh pickles the schema and the segments' codec by module path; an index
    written when search.analysis and search.codec were top-level modules names them."""
    import pickle

    from haystack import connections

    from search.index.codec import ArchiveCodec

    backend = connections["default"].get_backend()
    backend.setup()
    data = pickle.dumps((backend.schema, ArchiveCodec()), protocol=0)
    old = data.replace(b"search.text.analysis\n", b"search.analysis\n").replace(
        b"search.index.codec\n", b"search.codec\n"
    )
    assert b"search.analysis\n" in old and b"search.codec\n" in old
    schema, codec = pickle.loads(old)
    assert schema.names() == backend.schema.names()
    assert [type(schema[n]) for n in schema.names()] == [type(backend.schema[n]) for n in schema.names()]
    assert type(codec) is ArchiveCodec
