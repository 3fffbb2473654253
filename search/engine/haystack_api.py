"""haystack's ``SearchQuerySet.highlight()`` and ``more_like_this()`` on our index.

Whoosh would answer both from stored or vectored text, which the index does not
keep (the text is the database's). Highlighting: the words a reader asked for in
the document field (read by our query parser) marked with ``<mark>`` in excerpts
of each result's article (:mod:`search.engine.highlight`). Related articles: the
article page's query (:mod:`search.engine.related`), best first.
"""

from __future__ import annotations

from django.utils.encoding import force_str
from haystack.backends import SearchNode
from haystack.inputs import BaseInput
from haystack.models import SearchResult

# haystack's default page when a caller iterates without slicing (its ITERATOR_LOAD_PER_QUERY).
RELATED_PAGE = 10


def add_highlights(results: list, terms: list[str], content_field: str) -> None:
    """Give each result haystack's ``highlighted``: {content field: [snippets]}, the
    excerpts of the article around the matches: safe HTML, escaped, matches in ``<mark>``."""
    from archive.models import Article
    from search.engine.highlight import snippets
    from search.search_indexes import article_headline

    ids = [int(r.pk) for r in results if r.model is Article]
    articles = Article.objects.in_bulk(ids)
    for result in results:
        article = articles.get(int(result.pk)) if result.model is Article else None
        if article is None:
            result.highlighted = {content_field: []}
            continue
        units = [article_headline(article), *article.paragraphs, *(article.captions or [])]
        result.highlighted = {content_field: list(snippets(units, terms))}


def content_terms(node: SearchNode, content_field: str, negated: bool = False) -> list[str]:
    """The folded words a reader asked for in the document field, as our parser reads
    them: what highlighting marks. Excluded words and other fields' values are not."""
    from search.query.parser import parse_query

    negated = negated != bool(node.negated)
    terms: list[str] = []
    for child in node.children:
        if isinstance(child, SearchNode):
            terms.extend(content_terms(child, content_field, negated))
            continue
        expression, value = child
        field, _ = node.split_expression(expression)
        if negated or field not in ("content", content_field):
            continue
        raw = value.query_string if isinstance(value, BaseInput) else force_str(value)
        for term in parse_query(raw).terms:
            terms.extend(term.pieces)
    return list(dict.fromkeys(terms))


def related_results(
    backend,
    model_instance,
    additional_query_string=None,
    start_offset=0,
    end_offset=None,
    models=None,
    result_class=None,
    **kwargs,
) -> dict:
    """haystack's ``more_like_this`` answer: other articles about the same things,
    best first; ``additional_query_string`` (filters on the queryset) narrows them."""
    from archive.models import Article
    from search.engine.related import related_hits

    if not isinstance(model_instance, Article) or (models and Article not in models):
        return {"results": [], "hits": 0}
    within = None
    if additional_query_string and additional_query_string != "*":
        within = backend.parser.parse(force_str(additional_query_string))
    end = end_offset if end_offset is not None else start_offset + RELATED_PAGE
    hits, total = related_hits(model_instance, limit=max(end, 1), within=within)
    result_class = result_class or SearchResult
    app_label, model_name = Article._meta.app_label, Article._meta.model_name
    results = []
    for hit in hits[start_offset:end]:
        # What haystack's own results carry besides the identifiers (pub_date, as Python values).
        stored = {
            str(key): backend._to_python(value)
            for key, value in hit.stored.items()
            if key not in ("id", "django_ct", "django_id")
        }
        results.append(result_class(app_label, model_name, str(hit.article_id), hit.score, **stored))
    return {"results": results, "hits": total}
