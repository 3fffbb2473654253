"""haystack's Whoosh backend with our Chinese analysis and non-blocking writes.

Only public extension points are used: :meth:`build_schema` is called on the
parent and the fields tagged by :mod:`search.search_indexes` are swapped for our
own Whoosh field types; :meth:`update` and :meth:`remove` go through
:mod:`search.index.indexing`, which never waits on Whoosh's single write lock (busy →
the work is queued in the database and applied by whoever gets the lock).

haystack's own ``SearchQuerySet`` reads the same index. Its ``highlight()`` and
``more_like_this()`` would ask Whoosh for text the index does not store, so they
are answered here instead: highlighting by :mod:`search.engine.highlight` on the
article's text from the database (``<mark>``), related articles by
:mod:`search.engine.related`.
"""

from __future__ import annotations

from django.utils.encoding import force_str
from haystack.backends import SearchNode
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.inputs import BaseInput
from haystack.models import SearchResult
from haystack.utils import get_identifier
from whoosh.fields import ID, KEYWORD

from search.text.analysis import CharField, GramField, WordField

# haystack's default page when a caller iterates without slicing (its ITERATOR_LOAD_PER_QUERY).
RELATED_PAGE = 10

# Query-time boosts live in search.engine.executor; these are the index-time field types.
FIELD_TYPES = {
    "cjk_words": lambda field: WordField(field_boost=field.boost or 1.0),
    "cjk_grams": lambda field: GramField(field_boost=field.boost or 1.0),
    "cjk_chars": lambda field: CharField(field_boost=field.boost or 1.0),
    "keyword": lambda field: ID(stored=False),
    "codes": lambda field: KEYWORD(stored=False, commas=True, scorable=False),
}


class ChineseWhooshSearchBackend(WhooshSearchBackend):
    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        for field in fields.values():
            factory = FIELD_TYPES.get(field.field_type)
            if factory is None:
                continue
            name = field.index_fieldname
            schema.remove(name)
            schema.add(name, factory(field))
        return content_field_name, schema

    def setup(self) -> None:
        super().setup()
        if not self.use_file_storage:
            return
        # haystack opens an existing index with the schema built from the code. Postings
        # must be read in the encoding they were written with, and an index written
        # before a change of field format (see analysis.PackedPositions) keeps its own
        # until it is rebuilt: open such an index with the schema stored in it.
        try:
            stored = self.storage.open_index()
            fields = stored.schema
        except Exception:  # empty or unreadable: haystack's choice stands
            return
        if sorted(fields.names()) == sorted(self.schema.names()) and any(
            type(fields[name].format) is not type(self.schema[name].format) for name in self.schema.names()
        ):
            self.index = stored

    def ensure_setup(self) -> None:
        if not self.setup_complete:
            self.setup()

    def update(self, index, iterable, commit=True):
        """Index ``iterable`` now if the write lock is free, else queue it durably."""
        from search.index.indexing import index_objects

        self.ensure_setup()
        index_objects(list(iterable), backend=self)

    def remove(self, obj_or_string, commit=True):
        from search.index.indexing import remove_identifiers

        self.ensure_setup()
        remove_identifiers([get_identifier(obj_or_string)], backend=self)

    def search(self, query_string, highlight=False, highlight_terms=(), **kwargs):
        """haystack's search, with ``highlighted`` filled by our highlighter (see
        :class:`ChineseWhooshSearchQuery` for ``highlight_terms``)."""
        results = super().search(query_string, highlight=False, **kwargs)
        if highlight and results.get("results"):
            add_highlights(results["results"], list(highlight_terms), self.content_field_name)
        return results

    def more_like_this(
        self,
        model_instance,
        additional_query_string=None,
        start_offset=0,
        end_offset=None,
        models=None,
        limit_to_registered_models=None,
        result_class=None,
        **kwargs,
    ):
        """Other articles about the same things (:func:`search.engine.related.related_hits`),
        best first; ``additional_query_string`` (filters on the queryset) narrows them."""
        from archive.models import Article
        from search.engine.related import related_hits

        self.ensure_setup()
        empty = {"results": [], "hits": 0}
        if not isinstance(model_instance, Article) or (models and Article not in models):
            return empty
        within = None
        if additional_query_string and additional_query_string != "*":
            within = self.parser.parse(force_str(additional_query_string))
        end = end_offset if end_offset is not None else start_offset + RELATED_PAGE
        hits, total = related_hits(model_instance, limit=max(end, 1), within=within)
        result_class = result_class or SearchResult
        app_label, model_name = Article._meta.app_label, Article._meta.model_name
        results = [
            result_class(app_label, model_name, str(hit.article_id), hit.score, **self._stored(hit.stored))
            for hit in hits[start_offset:end]
        ]
        return {"results": results, "hits": total}

    def _stored(self, stored: dict) -> dict:
        # What haystack's own results carry besides the identifiers (pub_date, as Python values).
        return {
            str(key): self._to_python(value)
            for key, value in stored.items()
            if key not in ("id", "django_ct", "django_id")
        }


def add_highlights(results: list, terms: list[str], content_field: str) -> None:
    """Give each result haystack's ``highlighted``: {content field: [snippets]}, the
    excerpts of the article around the matches, HTML-escaped, matches in ``<mark>``."""
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
        result.highlighted = {content_field: [str(s) for s in snippets(units, terms)]}


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


class ChineseWhooshSearchQuery(WhooshSearchQuery):
    def build_params(self, spelling_query=None):
        """haystack's parameters, plus the words to highlight when ``highlight()`` was asked for."""
        kwargs = super().build_params(spelling_query)
        if self.highlight:
            kwargs["highlight_terms"] = content_terms(self.query_filter, self.backend.content_field_name)
        return kwargs


class ChineseWhooshEngine(WhooshEngine):
    backend = ChineseWhooshSearchBackend
    query = ChineseWhooshSearchQuery
