"""Evaluating a compiled query a posting list at a time, with arrays.

Whoosh evaluates a query by walking every matching document in Python
(``id()``/``score()``/``next()`` on a tree of matchers), several microseconds per
document and clause. The search page needs every match anyway (exact totals and
facet counts), so on a 100,000-article index a common word costs about a second.
Here each term's posting list is read in one pass (:class:`~search.index.codec.BulkPostingReader`)
into numpy arrays of document numbers and weights, and the query tree becomes
array operations: sorted intersections for AND, a grouped sum for OR, a mask
for AND NOT, consecutive-position checks for phrases.

Scores are Whoosh's own: BM25F with the same statistics (the scorer object
Whoosh makes for the term gives idf, average length, B and K1) over the same
stored field lengths, combined as Whoosh combines them (the sum of the matching
clauses, times each clause's boost). Only the summation order may differ, which
moves a score by a few units in the last place; ties are broken by document
number as Whoosh does. ``tests/search/test_columnar.py`` checks totals, scores
and order against Whoosh's searcher.

Query types outside what :mod:`search.engine.executor` compiles raise :class:`Unsupported`.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pickle import loads
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.formats import Positions
from whoosh.matching import FilterMatcher
from whoosh.query.qcore import _NullQuery
from whoosh.scoring import BM25FScorer, WeightScorer
from whoosh.system import _INT_SIZE

from search.index.codec import BulkPostingReader
from search.text.analysis import PackedPositions

EMPTY_IDS = np.zeros(0, dtype=np.int64)
EMPTY_SCORES = np.zeros(0, dtype=np.float64)


class Unsupported(Exception):
    """The query uses something this evaluator does not implement."""


class SparsePhrase(wq.Phrase):
    """A phrase whose positions are pinned down by some of its words.

    Only the words at ``checked`` (indexes into ``words``) have their positions
    compared here; the others need only occur in the document. The caller
    guarantees that this finds the same documents as the full phrase (the
    n-gram field's layout does: see :func:`search.text.folding.gram_phrase_checks`).
    Whoosh's own matchers treat it as a plain phrase.
    """

    def __init__(self, fieldname, words, slop=1, boost=1.0, char_ranges=None, checked=None):
        super().__init__(fieldname, words, slop=slop, boost=boost, char_ranges=char_ranges)
        self.checked = list(checked) if checked is not None else list(range(len(words)))


@dataclass
class Pending:
    """An optional phrase clause not checked yet (checking positions is the costly part).

    If a document among ``ids`` has the phrase, the clause adds exactly ``bound``
    to its score (the sum of the phrase's term scores); otherwise nothing. Only
    documents that could still reach the page get checked (see :func:`top`).
    """

    ids: np.ndarray
    bound: np.ndarray
    check: Callable[[np.ndarray], np.ndarray]  # ids (a subset) -> which have the phrase

    def where(self, keep: np.ndarray) -> Pending:
        return Pending(self.ids[keep], self.bound[keep], self.check)

    def as_matches(self, scored: bool) -> Matches:
        """These documents, as if the phrase were found in each."""
        return Matches(self.ids, self.bound if scored else None)


@dataclass
class Matches:
    """Sorted segment document numbers and, when asked for, their scores.

    With ``pending`` clauses the scores are lower bounds: each pending clause may
    still add its bound to some documents.
    """

    ids: np.ndarray
    scores: np.ndarray | None = None
    pending: list[Pending] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    def where(self, keep: np.ndarray) -> Matches:
        ids = self.ids[keep]
        pending = [p.where(np.isin(p.ids, ids, assume_unique=True)) for p in self.pending]
        return Matches(
            ids, None if self.scores is None else self.scores[keep], [p for p in pending if len(p.ids)]
        )

    def resolved(self) -> Matches:
        """The same matches with every pending clause checked: exact scores."""
        if not self.pending:
            return self
        scores = self.scores.copy()
        for p in self.pending:
            hit = p.check(p.ids)
            scores[np.searchsorted(self.ids, p.ids[hit])] += p.bound[hit]
        return Matches(self.ids, scores)


@dataclass
class _Postings:
    ids: np.ndarray  # int64, sorted, deleted documents removed
    weights: np.ndarray  # float64
    # Encoded positions as stored, deleted documents included (fields with positions only),
    # and for each of ``ids`` its index there (None: nothing was deleted).
    values: list | None
    rows: np.ndarray | None = None

    def values_at(self, positions: np.ndarray) -> list:
        """The encoded positions of the postings at ``positions`` (indexes into ``ids``)."""
        if self.rows is not None:
            positions = self.rows[positions]
        values = self.values
        return [values[i] for i in positions.tolist()]


def term_ids(reader, fieldname: str, btext: bytes) -> np.ndarray:
    """Every document number in the term's posting list, deleted or not."""
    matcher = reader.postings(fieldname, btext)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    return _read_postings(matcher)[0]


def _as_array(block: array | tuple, dtype) -> np.ndarray:
    # Arrays (current blocks) are read in place; tuples (blocks written before) converted.
    if type(block) is array:
        return np.frombuffer(block, dtype=block.typecode)
    return np.array(block, dtype=dtype)


def _read_postings(matcher) -> tuple[np.ndarray, np.ndarray, list | None]:
    """(ids, weights, values) of a whole posting list; values only for positional
    fields, whose blocks hold them as a tuple (kept as is, no per-posting work)."""
    with_values = matcher.format.supports("positions")
    if isinstance(matcher, BulkPostingReader):
        counts: list[int] = []
        deltas: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        values: list | None = [] if with_values else None
        for block_deltas, block_weights, block_values in matcher.blocks():
            n = len(block_deltas)
            counts.append(n)
            deltas.append(_as_array(block_deltas, np.int64))
            if block_weights is None:
                weights.append(np.ones(n))
            elif isinstance(block_weights, float):
                weights.append(np.full(n, block_weights))
            else:
                weights.append(_as_array(block_weights, np.float64))
            if values is not None:
                values.extend(block_values)
        running = np.cumsum(np.concatenate(deltas, dtype=np.int64))
        if len(counts) > 1:
            # Each block's deltas restart from 0: subtract the running sum at the block's start.
            ends = np.cumsum(counts)
            offsets = np.zeros(len(counts), dtype=np.int64)
            offsets[1:] = running[ends[:-1] - 1]
            running -= np.repeat(offsets, counts)
        return running, np.concatenate(weights, dtype=np.float64), values
    # Any other matcher (postings inlined in the term info, another codec): walk it.
    ids: list[int] = []
    weights = []
    values = [] if with_values else None
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if values is not None:
            values.append(matcher.value())
        matcher.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64), values


def field_lengths(reader, fieldname: str, static: dict[str, Any]) -> np.ndarray:
    """Every document's stored length of ``fieldname`` (0 where it has none),
    cached in the segment's ``static`` dict (lengths never change in a segment)."""
    cache = static.setdefault("lengths", {})
    column = cache.get(fieldname)
    if column is None:
        size = reader.doc_count_all()
        length = reader.doc_field_length
        column = np.fromiter(
            (length(d, fieldname, 0) or 0 for d in range(size)), dtype=np.float64, count=size
        )
        cache[fieldname] = column
    return column


class SegmentEvaluator:
    """Evaluates queries against one segment of a (multi-segment) searcher.

    ``static`` is a per-segment cache that outlives searchers (field lengths
    never change in a segment; deletions do, and are read per evaluator).
    """

    def __init__(self, top_searcher, leaf_searcher, static: dict[str, Any] | None = None):
        self.leaf = leaf_searcher
        self.reader = leaf_searcher.reader()
        self.schema = self.reader.schema
        self.weighting = top_searcher.weighting
        self.static = static if static is not None else {}
        self.size = self.reader.doc_count_all()
        deleted: list[int] = []
        if self.reader.has_deletions():
            if hasattr(self.reader, "segment"):
                deleted = list(self.reader.segment().deleted_docs())
            else:
                deleted = [d for d in range(self.size) if self.reader.is_deleted(d)]
        self.live: np.ndarray | None = None
        if deleted:
            self.live = np.ones(self.size, dtype=bool)
            self.live[np.array(deleted, dtype=np.int64)] = False
        self._postings: dict[tuple[str, bytes], _Postings | None] = {}

    # --- inputs -------------------------------------------------------------------

    def lengths(self, fieldname: str) -> np.ndarray:
        return field_lengths(self.reader, fieldname, self.static)

    def all_ids(self) -> np.ndarray:
        ids = np.arange(self.size, dtype=np.int64)
        return ids if self.live is None else ids[self.live]

    def postings(self, fieldname: str, text: str | bytes) -> _Postings | None:
        if fieldname not in self.schema:
            return None
        try:
            btext = text if isinstance(text, bytes) else self.schema[fieldname].to_bytes(text)
        except ValueError:
            return None
        key = (fieldname, btext)
        if key in self._postings:
            return self._postings[key]
        found = None
        if (fieldname, btext) in self.reader:
            matcher = self.reader.postings(fieldname, btext)
            if isinstance(matcher, FilterMatcher):  # deletions: applied below, on arrays
                matcher = matcher.child
            ids, weights, values = _read_postings(matcher)
            rows = None
            if self.live is not None:
                rows = np.flatnonzero(self.live[ids])
                ids, weights = ids[rows], weights[rows]
            found = _Postings(ids, weights, values, rows)
        self._postings[key] = found
        return found

    def term_scores(self, fieldname: str, text: str | bytes, postings: _Postings, ids=None, weights=None):
        """Whoosh's score of the term for ``ids`` (default: all its postings)."""
        ids = postings.ids if ids is None else ids
        weights = postings.weights if weights is None else weights
        scorer = self.weighting.scorer(self.leaf, fieldname, text)
        if type(scorer) is BM25FScorer:
            idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
            fl = self.lengths(fieldname)[ids]
            # The same expression, in the same order, as whoosh.scoring.bm25.
            return idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * fl / avgfl)))
        if type(scorer) is WeightScorer:
            return weights.copy()
        raise Unsupported(f"scorer {type(scorer).__name__}")

    # --- the query tree ---------------------------------------------------------------

    def evaluate(self, q: wq.Query, scored: bool = True) -> Matches:
        kind = type(q)
        if isinstance(q, _NullQuery):
            return _empty(scored)
        if kind is wq.Term:
            return self._term(q, scored)
        if kind is wq.And:
            return self._and(q, scored)
        if kind is wq.Or:
            return self._or(q, scored)
        if kind is wq.AndMaybe:
            return self._and_maybe(q, scored)
        if kind is wq.AndNot:
            positive = self.evaluate(q.a, scored)
            negative = self.evaluate(q.b, False)
            return positive.where(~np.isin(positive.ids, negative.ids, assume_unique=True))
        if kind is wq.Phrase or kind is SparsePhrase:
            return self._phrase(q, scored)
        if kind is wq.Every and not q.fieldname:
            ids = self.all_ids()
            return Matches(ids, np.ones(len(ids)) if scored else None)
        raise Unsupported(kind.__name__)

    def _term(self, q: wq.Term, scored: bool) -> Matches:
        postings = self.postings(q.fieldname, q.text)
        if postings is None:
            return _empty(scored)
        if not scored:
            return Matches(postings.ids)
        scores = self.term_scores(q.fieldname, q.text, postings)
        return Matches(postings.ids, _boosted(scores, q.boost))

    def _and(self, q: wq.And, scored: bool) -> Matches:
        if len(q.subqueries) == 1:  # Whoosh returns the only clause's matcher, boost and all
            return self.evaluate(q.subqueries[0], scored)
        parts = [self.evaluate(sub, scored).resolved() for sub in q.subqueries]
        if not parts:
            return _empty(scored)
        parts.sort(key=len)
        ids = parts[0].ids
        scores = parts[0].scores
        for part in parts[1:]:
            if not len(ids):
                break
            ids, left, right = np.intersect1d(ids, part.ids, assume_unique=True, return_indices=True)
            if scored:
                scores = scores[left] + part.scores[right]
        if not len(ids):
            return _empty(scored)
        return Matches(ids, _boosted(scores, q.boost) if scored else None)

    def _or(self, q: wq.Or, scored: bool) -> Matches:
        if q.minmatch or q.scale:
            raise Unsupported("Or with minmatch/scale")
        if len(q.subqueries) == 1:
            return self.evaluate(q.subqueries[0], scored)
        parts = [self.evaluate(sub, scored).resolved() for sub in q.subqueries]
        parts = [p for p in parts if len(p)]
        if not parts:
            return _empty(scored)
        if len(parts) == 1:
            only = parts[0]
            return Matches(only.ids, _boosted(only.scores, q.boost) if scored else None)
        ids, inverse = np.unique(np.concatenate([p.ids for p in parts]), return_inverse=True)
        if not scored:
            return Matches(ids)
        scores = np.bincount(inverse, weights=np.concatenate([p.scores for p in parts]), minlength=len(ids))
        return Matches(ids, _boosted(scores, q.boost))

    def _and_maybe(self, q: wq.AndMaybe, scored: bool) -> Matches:
        required = self.evaluate(q.a, scored)
        if not scored or not len(required):
            return required
        # Phrases among the optional clauses are left pending (see Pending).
        clauses, boost = [q.b], 1.0
        if type(q.b) is wq.Or and len(q.b.subqueries) > 1 and not (q.b.minmatch or q.b.scale):
            clauses, boost = q.b.subqueries, q.b.boost
        phrases = [c for c in clauses if isinstance(c, wq.Phrase)]
        others = [c for c in clauses if not isinstance(c, wq.Phrase)]
        scores = required.scores.copy()
        pending = list(required.pending)
        if others:
            rest = self.evaluate(others[0] if len(others) == 1 else wq.Or(others), True).resolved()
            _, left, right = np.intersect1d(required.ids, rest.ids, assume_unique=True, return_indices=True)
            scores[left] += _boosted(rest.scores[right], boost)
        for phrase in phrases:
            found = self._pending_phrase(phrase, required.ids, boost)
            if found is not None:
                pending.append(found)
        return Matches(required.ids, scores, pending)

    def _pending_phrase(self, q: wq.Phrase, within: np.ndarray | None, boost: float) -> Pending | None:
        """``q`` as a pending clause over the documents (of ``within``) that have all its words."""
        if q.slop != 1:
            raise Unsupported("Phrase with slop")
        field = self.schema[q.fieldname] if q.fieldname in self.schema else None  # noqa: SIM401 (no .get)
        if field is None or not q.words:
            return None
        if not field.format or not field.format.supports("positions"):
            raise Unsupported("Phrase on a field without positions")
        words = [self.postings(q.fieldname, word) for word in q.words]
        if any(p is None for p in words):
            return None
        candidates = words[0].ids if within is None else within
        for p in words:
            candidates = np.intersect1d(candidates, p.ids, assume_unique=True)
        if not len(candidates):
            return None
        bound = np.zeros(len(candidates))
        for word, p in zip(q.words, words, strict=True):
            at = np.searchsorted(p.ids, candidates)
            bound += self.term_scores(q.fieldname, word, p, ids=candidates, weights=p.weights[at])
        bound = _boosted(_boosted(bound, q.boost), boost)
        decoder = _position_decoder(field.format)
        checked = q.checked if isinstance(q, SparsePhrase) else list(range(len(words)))

        def check(ids: np.ndarray) -> np.ndarray:
            def values_of(p: _Postings) -> Callable[[np.ndarray], list[bytes]]:
                at = np.searchsorted(p.ids, ids)
                return lambda rows: p.values_at(at[rows])

            return _consecutive(ids, [values_of(words[i]) for i in checked], checked, decoder)

        return Pending(candidates, bound, check)

    def _phrase(self, q: wq.Phrase, scored: bool) -> Matches:
        phrase = self._pending_phrase(q, None, 1.0)
        if phrase is None:
            return _empty(scored)
        return phrase.where(phrase.check(phrase.ids)).as_matches(scored)


def _position_decoder(fmt) -> Callable[[list[bytes]], tuple[np.ndarray, np.ndarray]]:
    """A function from encoded values to (number of positions of each value,
    all positions value after value)."""
    if type(fmt) is PackedPositions:
        return _packed_positions
    if type(fmt) is Positions:
        # Whoosh's own: a 4-byte count, then the pickled list of deltas.
        def decode(value: bytes) -> list[int]:
            body = value[_INT_SIZE:]
            return loads(body if body.endswith(b".") else body + b".")

        return partial(_decoded_positions, decode=decode, deltas=True)
    return partial(_decoded_positions, decode=lambda value: list(fmt.decode_positions(value)), deltas=False)


def _packed_positions(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    counts = np.fromiter(map(len, values), dtype=np.int64, count=len(values)) >> 2
    return counts, np.frombuffer(b"".join(values), dtype="<u4").astype(np.int64)


def _decoded_positions(values: list[bytes], decode, deltas: bool) -> tuple[np.ndarray, np.ndarray]:
    # Each distinct value is decoded once (documents share many encodings: one
    # occurrence at position 3, …); the rest is array work.
    distinct = list(dict.fromkeys(values))
    row_of = dict(zip(distinct, range(len(distinct)), strict=True))
    rows = np.fromiter(map(row_of.__getitem__, values), dtype=np.int64, count=len(values))
    decoded = [decode(value) for value in distinct]
    counts = np.fromiter(map(len, decoded), dtype=np.int64, count=len(decoded))
    flat = np.fromiter(chain.from_iterable(decoded), dtype=np.int64, count=int(counts.sum()))
    starts = np.cumsum(counts) - counts
    if deltas and len(flat):
        running = np.cumsum(flat)
        # Each value's deltas restart from 0: subtract the running sum before its start.
        flat = running - np.repeat(running[starts] - flat[starts], counts)
    # Gather the rows' positions in order of ``values``.
    wanted = counts[rows]
    total = int(wanted.sum())
    first = np.cumsum(wanted) - wanted
    gather = np.repeat(starts[rows] - first, wanted) + np.arange(total, dtype=np.int64)
    return wanted, flat[gather]


def _consecutive(
    candidates: np.ndarray,
    word_values: list[Callable[[np.ndarray], list[bytes]]],
    offsets: list[int],
    decoder,
) -> np.ndarray:
    """Which candidates have, for some p, each checked word i at position p + offsets[i]
    (a boolean mask).

    ``word_values[i](rows)``: the encoded positions of word i in the candidates at ``rows``.
    """
    alive = np.arange(len(candidates), dtype=np.int64)
    keys: np.ndarray | None = None
    for values_of, offset in zip(word_values, offsets, strict=True):
        counts, positions = decoder(values_of(alive))
        owners = np.repeat(alive, counts)
        # One key per (candidate, phrase start) this word allows; sorted, as owners
        # ascend and each value's positions ascend. ``+ 2**31``: p - offset may be negative.
        word_keys = owners << 32 | (positions - offset + (1 << 31))
        if keys is None or not len(word_keys):
            keys = word_keys
        else:
            at = np.searchsorted(word_keys, keys)
            at[at == len(word_keys)] = 0
            keys = keys[word_keys[at] == keys]
        if not len(keys):
            break
        alive = np.unique(keys >> 32)
    mask = np.zeros(len(candidates), dtype=bool)
    if keys is not None and len(keys):
        mask[alive] = True
    return mask


def _empty(scored: bool) -> Matches:
    return Matches(EMPTY_IDS, EMPTY_SCORES if scored else None)


def _boosted(scores: np.ndarray, boost: float) -> np.ndarray:
    return scores if boost == 1.0 else scores * boost


def top(leaves: list[tuple[Matches, int]], n: int) -> list[tuple[float, int]]:
    """The ``n`` best (score, global docnum) over segments: highest score, then lowest docnum.

    Pending phrase clauses are checked only for documents whose best possible
    score still reaches the ``n``-th best score known for certain, best first,
    a chunk at a time, until no unchecked document can reach it.
    """
    ids_parts, lower_parts, upper_parts = [], [], []
    pending: list[tuple[int, Pending, np.ndarray]] = []  # (offset in the concatenation, clause, positions)
    offset = 0
    for matches, base in leaves:
        lower = matches.scores.astype(np.float64, copy=True)
        upper = lower.copy()
        for p in matches.pending:
            at = np.searchsorted(matches.ids, p.ids)
            upper[at] += p.bound
            pending.append((offset, p, at))
        ids_parts.append(matches.ids + base)
        lower_parts.append(lower)
        upper_parts.append(upper)
        offset += len(matches.ids)
    if not ids_parts or not offset:
        return []
    ids = np.concatenate(ids_parts)
    lower = np.concatenate(lower_parts)
    if pending:
        upper = np.concatenate(upper_parts)
        unchecked = np.zeros(len(ids), dtype=bool)
        for start, _, at in pending:
            unchecked[start + at] = True
        _check_pending(ids, lower, upper, unchecked, pending, n)
    keep = best_positions(lower, n)
    order = keep[np.lexsort((ids[keep], -lower[keep]))]
    return [(float(lower[i]), int(ids[i])) for i in order]


PENDING_CHUNK = 256


def _check_pending(ids, lower, upper, unchecked, pending, n: int) -> None:
    """Make ``lower`` exact for every document that can still reach the top ``n``."""
    by_upper = np.flatnonzero(unchecked)
    by_upper = by_upper[np.argsort(-upper[by_upper], kind="stable")]
    done = 0
    while done < len(by_upper):
        threshold = np.partition(lower, len(lower) - n)[len(lower) - n] if len(lower) >= n else -np.inf
        if upper[by_upper[done]] < threshold:
            return  # no unchecked document can reach the page
        chunk = np.sort(by_upper[done : done + PENDING_CHUNK])
        done += len(chunk)
        for start, clause, at in pending:
            rows = at + start
            inside = np.isin(rows, chunk, assume_unique=True)
            if not inside.any():
                continue
            hit = clause.check(clause.ids[inside])
            lower[rows[inside][hit]] += clause.bound[inside][hit]
        upper[chunk] = lower[chunk]


def best_positions(scores: np.ndarray, n: int) -> np.ndarray:
    """Positions of the ``n`` highest scores; among equal scores the earliest positions."""
    if len(scores) <= n:
        return np.arange(len(scores))
    kth = np.partition(scores, len(scores) - n)[len(scores) - n]
    above = np.flatnonzero(scores > kth)
    ties = np.flatnonzero(scores == kth)[: n - len(above)]
    return np.concatenate([above, ties])
