"""Executing a compiled query against the Whoosh index.

What must match and what ranks is decided by :mod:`search.engine.compiler`.

* **Execution** reads whole posting lists into arrays and evaluates the query
  tree with numpy (:mod:`search.engine.columnar`): exact totals and facet counts over
  every match, Whoosh's BM25F scores, and only the page shown is loaded. Whoosh's
  own matchers walk each match in Python (about a second for a common word at
  100k articles) and, in 2.7, mis-handle two of our query shapes (an exclusion
  can keep a segment's first match; the top N of an AndMaybe over an Or can miss
  the best documents); they remain the fallback for query types the evaluator
  does not know.
* One Whoosh searcher per process, refreshed when the index changes; facet
  columns, dates and field lengths are per-segment arrays built once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh import query as wq

from search.engine import columnar
from search.engine.compiler import CompiledQuery, compile_query, substring_query
from search.index import indexing
from search.query.gazetteer import Correction, Gazetteer, get_gazetteer
from search.query.parser import ParsedQuery
from search.text.analysis import query_words
from search.text.folding import has_cjk

log = logging.getLogger(__name__)

FACET_FIELDS = ("prefecture", "county", "topics", "year", "reporters")
# How many values of each facet a search reports, most frequent first (None: all),
# plus the value it is filtered by. The page shows fewer; years are listed by year,
# hence all of them.
FACET_VALUES: dict[str, int | None] = {
    "prefecture": None,
    "county": 50,
    "topics": None,
    "year": None,
    "reporters": 50,
}
# The fields whose terms are scored with BM25 (their lengths are read ahead).
SCORED_FIELDS = ("grams", "chars", "text", "headline", "headline_grams")
SORTS = ("relevance", "newest", "oldest")


# --- Searcher and facet arrays ------------------------------------------------------

_lock = threading.RLock()
_searcher = None
_searcher_path: str | None = None
_segment_arrays: dict[str, dict[str, Any]] = {}
# The index the facet arrays were built from (they outlive a searcher across a fork).
_arrays_path: str | None = None


def reset(keep_arrays: bool = False) -> None:
    """Forget the cached searcher (tests that point haystack at another index)."""
    global _searcher, _searcher_path
    with _lock:
        if _searcher is not None:
            with contextlib.suppress(Exception):
                _searcher.close()
        _searcher = None
        _searcher_path = None
        if not keep_arrays:
            _segment_arrays.clear()
            FacetTotals._cache.clear()


def _forget_after_fork() -> None:
    # A searcher opened before gunicorn forks would share file offsets with the
    # other workers; each worker opens its own on first use instead. The facet
    # arrays are plain data keyed by segment: the workers keep sharing them.
    global _searcher, _searcher_path
    _searcher = None
    _searcher_path = None


os.register_at_fork(after_in_child=_forget_after_fork)


def get_searcher():
    """This process's searcher, refreshed if the index changed since last time."""
    global _searcher, _searcher_path, _arrays_path
    indexing.sweep_stale_queue()
    backend = indexing.get_backend()
    with _lock:
        if _searcher is None or _searcher_path != backend.path:
            reset(keep_arrays=_arrays_path == backend.path)
            _searcher = backend.index.refresh().searcher()
            _searcher_path = _arrays_path = backend.path
        elif not _searcher.up_to_date():
            _searcher = _searcher.refresh()
        return _searcher


def _leaves(searcher) -> list[tuple[object, int]]:
    return list(searcher.subsearchers) if searcher.subsearchers else [(searcher, 0)]


@dataclass
class FacetColumn:
    """One facet field of one segment, as arrays.

    Single-valued fields: ``codes[docnum]`` indexes ``values`` (-1: none).
    Multi-valued fields (topics, reporters): parallel ``docs``/``codes`` pairs.
    """

    values: list[str]
    codes: np.ndarray
    docs: np.ndarray | None = None

    def count(self, matched: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
        """How many of the ``matched`` documents have each value."""
        if self.docs is None:
            codes = self.codes[matched]
        else:
            codes = self.codes[mask[self.docs]]
        codes = codes[codes >= 0]
        return np.bincount(codes, minlength=len(self.values))

    def having(self, value: str, size: int) -> np.ndarray:
        """Which of the segment's ``size`` documents have ``value`` (a boolean mask)."""
        at = bisect_left(self.values, value)  # values are in lexicon (sorted) order
        if at == len(self.values) or self.values[at] != value:
            return np.zeros(size, dtype=bool)
        if self.docs is None:
            return self.codes == at
        mask = np.zeros(size, dtype=bool)
        mask[self.docs[self.codes == at]] = True
        return mask


def _arrays_for(segment_searcher) -> dict[str, Any]:
    """Per-segment arrays built once from the postings: facet columns, the day of
    each document (for sorting by date) and, filled on first use, field lengths.

    Plain numpy data keyed by segment: built in gunicorn's master, shared by workers.
    """
    reader = segment_searcher.reader()
    key = reader.segment().segment_id() if hasattr(reader, "segment") else str(id(reader))
    arrays = _segment_arrays.get(key)
    if arrays is not None:
        return arrays
    size = reader.doc_count_all()
    names = reader.schema.names()
    arrays: dict[str, Any] = {"key": key, "size": size, "lengths": {}}
    for name in FACET_FIELDS:
        multi = name in ("topics", "reporters")
        values: list[str] = []
        code_parts: list[np.ndarray] = []
        doc_parts: list[np.ndarray] = []
        codes = np.full(size, -1, dtype=np.int32)
        for btext in reader.lexicon(name) if name in names else ():
            docnums = columnar.term_ids(reader, name, btext)
            if multi:
                doc_parts.append(docnums)
                code_parts.append(np.full(len(docnums), len(values), dtype=np.int32))
            else:
                codes[docnums] = len(values)
            values.append(btext.decode("utf-8"))
        if multi:
            docs = np.concatenate(doc_parts) if doc_parts else np.zeros(0, dtype=np.int64)
            codes = np.concatenate(code_parts) if code_parts else np.zeros(0, dtype=np.int32)
            arrays[name] = FacetColumn(values, codes, docs)
        else:
            arrays[name] = FacetColumn(values, codes)
    # Days are indexed as YYYYMMDD: as integers they sort like the strings; none = -1.
    day = np.full(size, -1, dtype=np.int64)
    for btext in reader.lexicon("day") if "day" in names else ():
        if btext.isdigit():
            day[columnar.term_ids(reader, "day", btext)] = int(btext)
    arrays["day"] = day
    _segment_arrays[key] = arrays
    return arrays


def _prepare_arrays(searcher) -> None:
    """Build every per-segment array a query needs, and the facet value index."""
    leaf_arrays = []
    for leaf, _ in _leaves(searcher):
        arrays = _arrays_for(leaf)
        for name in SCORED_FIELDS:
            if name in leaf.schema:
                columnar.field_lengths(leaf.reader(), name, arrays)
        leaf_arrays.append(arrays)
    FacetTotals(leaf_arrays)  # cached


def _prune_arrays(searcher) -> None:
    live = set()
    for leaf, _ in _leaves(searcher):
        reader = leaf.reader()
        if hasattr(reader, "segment"):
            live.add(reader.segment().segment_id())
    for key in list(_segment_arrays):
        if key not in live:
            del _segment_arrays[key]


# --- Building Whoosh queries -----------------------------------------------------------


# --- Filters, facets, execution ----------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    prefecture: str = ""
    county: str = ""
    topic: str = ""
    year: str = ""
    reporter: str = ""

    def query(self) -> wq.Query | None:
        terms = []
        for name, value in self.by_field().items():
            if value:
                terms.append(wq.Term(name, value))
        if not terms:
            return None
        return terms[0] if len(terms) == 1 else wq.And(terms)

    def active(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}

    def by_field(self) -> dict[str, str]:
        """The filtered values by index field name."""
        return {
            "prefecture": self.prefecture,
            "county": self.county,
            "topics": self.topic,
            "year": self.year,
            "reporters": self.reporter,
        }


@dataclass
class RawHit:
    article_id: int
    score: float


@dataclass
class RawResults:
    total: int
    hits: list[RawHit]
    facets: dict[str, list[tuple[str, int]]]


def _combine(query: wq.Query | None, filters: wq.Query | None) -> wq.Query:
    if query is None:
        return filters if filters is not None else wq.Every()
    if filters is None:
        return query
    return wq.And([query, filters])


def _article_id(searcher, docnum: int) -> int:
    return int(searcher.stored_fields(docnum)["django_id"])


class FacetTotals:
    """Facet counts summed over segments, in one array per facet field.

    Each segment numbers its own values; a searcher-wide index (cached per set of
    segments) maps them to one sorted list, so counts add up as arrays.
    """

    _cache: dict[tuple[str, ...], tuple[dict[str, list[str]], list[dict[str, np.ndarray]]]] = {}

    def __init__(self, leaf_arrays: list[dict[str, Any]]):
        key = tuple(arrays["key"] for arrays in leaf_arrays)
        index = self._cache.get(key)
        if index is None:
            values: dict[str, list[str]] = {}
            to_global: list[dict[str, np.ndarray]] = [{} for _ in leaf_arrays]
            for name in FACET_FIELDS:
                values[name] = sorted({v for arrays in leaf_arrays for v in arrays[name].values})
                position = {v: i for i, v in enumerate(values[name])}
                for mapping, arrays in zip(to_global, leaf_arrays, strict=True):
                    mapping[name] = np.array([position[v] for v in arrays[name].values], dtype=np.int64)
            index = self._cache[key] = (values, to_global)
            while len(self._cache) > 4:  # searchers come and go with index changes
                del self._cache[next(iter(self._cache))]
        self.values, self._to_global = index
        self.counts = {name: np.zeros(len(self.values[name]), dtype=np.int64) for name in FACET_FIELDS}

    def add(self, leaf: int, arrays: dict[str, Any], matched: np.ndarray) -> None:
        mask = None
        for name in FACET_FIELDS:
            column: FacetColumn = arrays[name]
            if column.docs is not None and mask is None:
                mask = np.zeros(arrays["size"], dtype=bool)
                mask[matched] = True
            self.counts[name][self._to_global[leaf][name]] += column.count(matched, mask)

    def lists(self, keep: dict[str, str] | None = None) -> dict[str, list[tuple[str, int]]]:
        """Per field: (value, count) with count > 0, most frequent first, then by value;
        at most :data:`FACET_VALUES` values where a field has a limit, plus the value
        ``keep`` names for the field (a filter in use) wherever it ranks."""
        out = {}
        for name in FACET_FIELDS:
            counts = self.counts[name]
            present = np.flatnonzero(counts)
            limit = FACET_VALUES[name]
            if limit is not None and len(present) > limit:
                # A common word has thousands of reporters: select by array before sorting.
                kth = len(present) - limit
                threshold = np.partition(counts[present], kth)[kth]
                present = present[counts[present] >= threshold]
            order = present[np.lexsort((present, -counts[present]))][:limit].tolist()
            values = self.values[name]
            wanted = (keep or {}).get(name)
            if wanted:
                at = bisect_left(values, wanted)
                if at < len(values) and values[at] == wanted and counts[at] and at not in order:
                    order.append(at)
            out[name] = [(values[i], int(counts[i])) for i in order if values[i]]
        return out


def _leaf_matches(searcher, leaf, arrays, query: wq.Query | None, filters: Filters, scored: bool):
    """One segment's matches (scored or not), by array operations."""
    evaluator = columnar.SegmentEvaluator(searcher, leaf, static=arrays)
    if query is None:
        matches = columnar.Matches(evaluator.all_ids())
    else:
        matches = evaluator.evaluate(query, scored=scored)
    # Filters are the facet fields, whose columns are in memory: no posting list to read.
    for name, value in filters.by_field().items():
        if value and len(matches):
            column: FacetColumn = arrays[name]
            matches = matches.where(column.having(value, arrays["size"])[matches.ids])
    return matches


def _leaf_matches_by_whoosh(leaf, query, filter_q):
    # The reference path, for a query the array evaluator does not implement:
    # scores are filled in from Whoosh's own top N (see execute()).
    matching = _combine(query, filter_q)
    return columnar.Matches(np.array(sorted(matching.docs(leaf)), dtype=np.int64))


def execute(
    compiled: CompiledQuery | None,
    filters: Filters = Filters(),
    sort: str = "relevance",
    offset: int = 0,
    limit: int = 20,
    facets: bool = True,
) -> RawResults:
    """Run a compiled query (None = every article) with filters; one page of hits.

    Totals and facet counts are exact: every match is found, with array
    operations over whole posting lists (:mod:`search.engine.columnar`); only the page
    shown is loaded.
    """
    searcher = get_searcher()
    filter_q = filters.query()
    scoring = compiled.scoring_query() if compiled else None
    if sort not in SORTS:
        sort = "relevance"
    by_relevance = sort == "relevance" and scoring is not None
    query = scoring if by_relevance else (compiled.matching_query() if compiled else None)
    leaves = _leaves(searcher)
    with _lock:
        _prune_arrays(searcher)
        leaf_arrays = [_arrays_for(leaf) for leaf, _ in leaves]
    try:
        per_leaf = [
            _leaf_matches(searcher, leaf, arrays, query, filters, by_relevance)
            for (leaf, _), arrays in zip(leaves, leaf_arrays, strict=True)
        ]
        whoosh_top = None
    except columnar.Unsupported:
        log.warning("query evaluated by Whoosh: %r", query, exc_info=True)
        per_leaf = [_leaf_matches_by_whoosh(leaf, query, filter_q) for leaf, _ in leaves]
        whoosh_top = by_relevance
    with _lock:  # FacetTotals keeps a shared cache
        facet_totals = FacetTotals(leaf_arrays) if facets else None
    total = 0
    for leaf, (matches, arrays) in enumerate(zip(per_leaf, leaf_arrays, strict=True)):
        total += len(matches)
        if facet_totals is not None and len(matches):
            facet_totals.add(leaf, arrays, matches.ids)
    end = offset + limit
    bases = [base for _, base in leaves]
    if whoosh_top:
        results = searcher.search(query, filter=filter_q, limit=max(end, 1), terms=False)
        page = [(float(score or 0.0), docnum) for score, docnum in results.top_n]
    elif by_relevance:
        page = columnar.top(list(zip(per_leaf, bases, strict=True)), end)
    else:
        # Newest first (also the order of an empty query) or oldest first.
        page = _by_date(per_leaf, leaf_arrays, bases, end, newest=sort != "oldest")
    hits = [RawHit(_article_id(searcher, docnum), score) for score, docnum in page[offset:end]]
    return RawResults(
        total=total, hits=hits, facets=facet_totals.lists(filters.by_field()) if facet_totals else {}
    )


def _by_date(per_leaf, leaf_arrays, bases, n: int, newest: bool) -> list[tuple[float, int]]:
    """The first ``n`` matches by (day, docnum): descending if ``newest``, else ascending."""
    days = [arrays["day"][m.ids] for m, arrays in zip(per_leaf, leaf_arrays, strict=True)]
    docnums = [m.ids + base for m, base in zip(per_leaf, bases, strict=True)]
    if not docnums:
        return []
    day = np.concatenate(days)
    docnum = np.concatenate(docnums)
    order = np.lexsort((-docnum, -day) if newest else (docnum, day))[:n]
    return [(0.0, int(docnum[i])) for i in order]


def count(q: wq.Query) -> int:
    """How many documents match ``q`` (no scoring)."""
    searcher = get_searcher()
    return sum(1 for _ in searcher.docs_for_query(q))


def has_match(q: wq.Query) -> bool:
    searcher = get_searcher()
    return next(iter(searcher.docs_for_query(q)), None) is not None


def run_query(
    text: str,
    filters: Filters | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    facets: bool = True,
) -> RawResults:
    """The raw query path (parse, compile, execute) without Django models or markup.

    This is what the benchmark times against the full page and the API.
    """
    from search.query.lexicon import load_lexicon
    from search.query.parser import parse_query

    parsed = parse_query(text)
    lexicon = load_lexicon()
    compiled = (
        None if parsed.is_empty else compile_query(parsed, topics=lexicon.topics, related=lexicon.related)
    )
    return execute(
        compiled,
        filters or Filters(),
        sort,
        offset=(max(page, 1) - 1) * per_page,
        limit=per_page,
        facets=facets,
    )


def corrections_for(parsed: ParsedQuery, gaz: Gazetteer | None = None) -> list[Correction]:
    """Near-miss place names for words of the query that occur nowhere in the index."""
    gaz = gaz or get_gazetteer()
    found: list[Correction] = []
    for term in parsed.terms:
        for piece in term.pieces:
            if not has_cjk(piece) or gaz.lookup(piece):
                continue
            candidates = [piece] + [w for w in query_words(piece) if len(w) >= 2 and w != piece]
            for word in candidates:
                if gaz.lookup(word) or has_match(substring_query(word)):
                    continue
                misses = gaz.near_misses(word)
                if misses:
                    found.append(misses[0])
                    break
    return found


def prepare_searcher() -> None:
    """Open this process's searcher and build its facet arrays ahead of the first query.

    On a 100k-article index that takes a second or more; a gunicorn worker does it
    in a background thread right after the fork (see ``config.wsgi``).
    """
    try:
        searcher = get_searcher()
        with _lock:
            _prepare_arrays(searcher)
    except Exception:  # no index yet, or it is being replaced: the first query will open it
        log.warning("could not open the search index ahead of the first query", exc_info=True)


def warm_up() -> None:
    """Load what every process needs before its first query (jieba, OpenCC, pinyin).

    Call it from gunicorn's master with ``--preload`` so workers share the
    dictionaries copy-on-write instead of each paying ~0.6 s and ~95 MiB. The
    per-segment arrays (facets, dates, field lengths) are built here too (~13 s at 124k
    articles, which every worker would otherwise repeat before its first
    query); the searcher used for that is closed again, each worker opens its own.
    """
    from search.query.gazetteer import place_pinyin
    from search.text.analysis import get_jieba
    from search.text.folding import normalize as fold

    get_jieba()
    fold("預熱")
    place_pinyin("预热")
    # Not through get_searcher(): that also checks the index queue (a database
    # connection, maybe a retry thread), which must not exist in a process that forks.
    global _arrays_path
    try:
        backend = indexing.get_backend()
        searcher = backend.index.refresh().searcher()
    except Exception:  # no index yet: the workers build the arrays on first use
        log.warning("no search index to prepare facet arrays from", exc_info=True)
        return
    try:
        with _lock:
            _segment_arrays.clear()
            _prepare_arrays(searcher)
            _arrays_path = backend.path
    finally:
        searcher.close()
