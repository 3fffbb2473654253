"""haystack's Whoosh backend with our Chinese analysis and non-blocking writes.

Only public extension points are used: :meth:`build_schema` is called on the
parent and the fields tagged by :mod:`search.search_indexes` are swapped for our
own Whoosh field types; :meth:`update` and :meth:`remove` go through
:mod:`search.index.indexing`, which never waits on Whoosh's single write lock (busy →
the work is queued in the database and applied by whoever gets the lock).
``search()`` and ``more_like_this()`` serve haystack's ``SearchQuerySet``
through :mod:`search.engine.haystack_api`.
"""

from __future__ import annotations

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.utils import get_identifier
from whoosh.fields import ID, KEYWORD

from search.engine.haystack_api import add_highlights, content_terms, related_results
from search.text.analysis import CharField, GramField, WordField

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
        self, model_instance, additional_query_string=None, start_offset=0, end_offset=None, **kw
    ):
        """Related articles instead of Whoosh's (it needs stored text): see haystack_api."""
        self.ensure_setup()
        return related_results(self, model_instance, additional_query_string, start_offset, end_offset, **kw)


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
