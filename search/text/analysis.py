"""Tokenizers for the index: jieba words for ranking, character n-grams for recall.

Both analyses run on :func:`search.text.folding.normalize`d text, at index and at query
time alike. jieba's own Whoosh ``ChineseAnalyzer`` is not used: it ignores
``tokenize=False`` (match-all queries come back empty), numbers tokens by
character offset (phrases never match) and adds a stemmer.
"""

from __future__ import annotations

import csv
import json
import logging
import sys
import threading
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from whoosh.analysis import Token, Tokenizer
from whoosh.fields import TEXT
from whoosh.formats import Positions
from whoosh.system import pack_uint

from search.text.folding import grouped_gram_positions, iter_gram_positions, normalize
from search.text.wordseg import DictionarySegmenter

ARCHIVE_DATA = Path(__file__).resolve().parents[2] / "archive" / "data"
SEARCH_DATA = Path(__file__).resolve().parents[1] / "data"

_BIG_ENDIAN = sys.byteorder == "big"
_UINT32 = next(code for code in "IL" if array(code).itemsize == 4)

_jieba_lock = threading.Lock()
_jieba = None
_segmenter: DictionarySegmenter | None = None


def dictionary_words() -> list[str]:
    """Words added to jieba's dictionary: the gazetteer, topic keywords, corpus terms.

    Read from files shipped with the project (not the database) so that every
    process, and every rebuild, segments identically.
    """
    words: list[str] = []
    with open(ARCHIVE_DATA / "hunan_divisions.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            words.append(row["name"])
            words.extend(a for a in row["aliases"].split(",") if a)
    for topic in json.loads((ARCHIVE_DATA / "topics.json").read_text(encoding="utf-8")):
        words.append(topic["name"])
        words.extend(topic["keywords"])
    for line in (SEARCH_DATA / "terms.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line)
    seen: dict[str, None] = {}
    for word in words:
        word = normalize(word)
        if len(word) >= 2:
            seen.setdefault(word, None)
    return list(seen)


def get_jieba():
    """jieba's default tokenizer with our dictionary, initialised once per process."""
    global _jieba, _segmenter
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba

                # jieba announces "Building prefix dict..." on stderr at every start.
                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                for word in dictionary_words():
                    jieba.add_word(word, freq=max(jieba.suggest_freq(word), 1000))
                _segmenter = DictionarySegmenter(jieba.dt)
                _jieba = jieba
    return _jieba


def get_segmenter() -> DictionarySegmenter:
    """jieba's default-mode segmentation (HMM off) over :func:`get_jieba`'s dictionary."""
    get_jieba()
    return _segmenter


def _is_word(token: str) -> bool:
    # isalnum() settles nearly every token (words) in C; the loop is for mixed ones like "5.8".
    return token.isalnum() or any(ch.isalnum() for ch in token)


def _subwords(word: str, freq: dict[str, int]) -> list[str]:
    """The dictionary words of two and three characters inside ``word`` (jieba's search mode), once each."""
    subs = [
        sub
        for size in (2, 3)
        if len(word) > size
        for i in range(len(word) - size + 1)
        if freq.get(sub := word[i : i + size])
    ]
    return list(dict.fromkeys(subs)) if len(subs) > 1 else subs


def word_positions(normalized: str, *, for_index: bool) -> Iterator[tuple[str, int]]:
    """(word, position) pairs from jieba, in text order; positions count words, not characters.

    For indexing, the sub-words that jieba's search mode would add (两字/三字词
    inside a longer word) share the position of the word they came from, so a
    phrase query over default-mode words still lines up.
    """
    segmenter = get_segmenter()
    freq = _jieba.dt.FREQ
    pos = 0
    # HMM off: new-word guessing costs ~40% of the time and recall does not depend on it.
    for word in segmenter.cut(normalized):
        if not _is_word(word):
            continue
        yield word, pos
        if for_index and len(word) > 2:
            for sub in _subwords(word, freq):
                yield sub, pos
        pos += 1


def grouped_word_positions(normalized: str) -> dict[str, list[int]]:
    """What :func:`word_positions` gives for indexing, as word -> ascending positions.

    Built in one loop because indexing spends its time here.
    """
    segmenter = get_segmenter()
    freq = _jieba.dt.FREQ
    grouped: dict[str, list[int]] = {}
    get = grouped.get
    pos = 0
    for word in segmenter.cut(normalized):
        if not (word.isalnum() or _is_word(word)):
            continue
        found = get(word)
        if found is None:
            grouped[word] = [pos]
        else:
            found.append(pos)
        if len(word) > 2:
            for sub in _subwords(word, freq):
                found = get(sub)
                if found is None:
                    grouped[sub] = [pos]
                else:
                    found.append(pos)
        pos += 1
    return grouped


def query_words(text: str) -> list[str]:
    """The words jieba finds in a query fragment (default mode, normalised)."""
    return [w for w, _ in word_positions(normalize(text), for_index=False)]


class _NormalizingTokenizer(Tokenizer):
    """Base for our tokenizers: normalises, honours ``tokenize=False``."""

    def terms(self, normalized: str, mode: str) -> Iterable[tuple[str, int]]:
        raise NotImplementedError

    def grouped(self, normalized: str) -> dict[str, list[int]]:
        """The terms indexed for ``normalized``, each with its ascending positions."""
        grouped: dict[str, list[int]] = defaultdict(list)
        for text, pos in self.terms(normalized, "index"):
            grouped[text].append(pos)
        return grouped

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            # Whoosh asks for the whole value as one term (prefix/wildcard text,
            # match-all queries): normalise it but do not split it.
            token.original = token.text = normalize(value)
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        for text, pos in self.terms(normalize(value), mode):
            token.text = text
            token.boost = 1.0
            if keeporiginal:
                token.original = text
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            if chars:
                # Offsets into the normalised text are not offsets into the
                # stored text; highlighting works on the stored text instead.
                token.startchar = start_char
                token.endchar = start_char
            yield token


class JiebaTokenizer(_NormalizingTokenizer):
    """jieba words; search-mode sub-words added at index time."""

    def terms(self, normalized: str, mode: str) -> Iterable[tuple[str, int]]:
        return word_positions(normalized, for_index=(mode == "index"))

    def grouped(self, normalized: str) -> dict[str, list[int]]:
        return grouped_word_positions(normalized)


class GramTokenizer(_NormalizingTokenizer):
    """Overlapping character bigrams per run, plus the run's last character."""

    def terms(self, normalized: str, mode: str) -> Iterable[tuple[str, int]]:
        return iter_gram_positions(normalized)

    def grouped(self, normalized: str) -> dict[str, list[int]]:
        return grouped_gram_positions(normalized)


# Encoded single positions, per format class (an index keeps the format it was created with).
_SINGLE_POSITION: dict[type, dict[int, bytes]] = {}
_last_normalized: tuple[str, str] = ("", "")


def _normalized_once(value: str) -> str:
    """``normalize(value)``, reusing the last result: the word, n-gram and
    character fields of a document index the same content one after another."""
    global _last_normalized
    source, result = _last_normalized
    if value is not source:
        result = normalize(value)
        _last_normalized = (value, result)
    return result


class PackedPositions(Positions):
    """Positions stored as little-endian 32-bit integers, nothing else.

    Whoosh's ``Positions`` stores a 4-byte count and a pickled list of deltas:
    13 bytes for one occurrence, and one ``pickle.loads`` per posting to read
    it back. Packed, one occurrence takes 4 bytes and a phrase check reads the
    positions of thousands of postings with one ``numpy.frombuffer`` (see
    :mod:`search.engine.columnar`). The count is the value's length / 4.
    """

    def encode(self, poslist) -> bytes:
        packed = array(_UINT32, poslist)
        if _BIG_ENDIAN:
            packed.byteswap()
        return packed.tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        packed = array(_UINT32)
        packed.frombytes(valuestring)
        if _BIG_ENDIAN:
            packed.byteswap()
        return packed.tolist()

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // 4

    def combine(self, vs):
        return self.encode(sorted({pos for v in vs for pos in self.decode_positions(v)}))


# What :meth:`_DirectPostingsField.add_postings` fills, per field: term -> (docnums, weights, values).
Postings = dict[str, tuple[array, array, list[bytes]]]


def _new_entry() -> tuple[array, array, list[bytes]]:
    return array("I"), array("d"), []


class _DirectPostingsField(TEXT):
    """A TEXT field that adds a document's postings straight to a writer's buffers.

    :meth:`add_postings` is what :class:`search.index.segments.BulkSegmentWriter`
    calls: one loop from the analysed terms to the per-term arrays, instead of
    Whoosh's route (a tuple yielded per posting, encoded to bytes, unpacked by
    the writer). Indexing time is dominated by this loop. :meth:`index`, for
    Whoosh's own writers, yields the same postings.
    """

    def add_postings(self, value, docnum: int, boost: float, postings: Postings) -> tuple[int, int]:
        """Append this document's postings to ``postings``; returns (field length, postings added)."""
        raise NotImplementedError

    def index(self, value, **kwargs):
        postings: Postings = {}
        self.add_postings(value, 0, 1.0, postings)
        frequency = self.format.decode_frequency
        for text, (_, weights, values) in postings.items():
            yield text.encode("utf-8"), frequency(values[0]), weights[0], values[0]


class _FastTextField(_DirectPostingsField):
    """A positional field whose tokenizer groups positions by term (see ``grouped``)."""

    tokenizer_class: type[_NormalizingTokenizer]

    def __init__(self, field_boost: float = 1.0, stored: bool = False):
        super().__init__(
            analyzer=self.tokenizer_class(),
            phrase=True,
            stored=stored,
            field_boost=field_boost,
            spelling=False,
        )
        self.format = PackedPositions(field_boost=field_boost)

    def add_postings(self, value, docnum: int, boost: float, postings: Postings) -> tuple[int, int]:
        if isinstance(value, (list, tuple)):
            value = "\n".join(value)
        fmt = self.format
        weight = fmt.field_boost * boost
        grouped = self.analyzer.grouped(_normalized_once(value))
        # Most terms occur once; their encoding depends only on the position.
        single = _SINGLE_POSITION.setdefault(type(fmt), {})
        length = 0
        get = postings.get
        for text, poslist in grouped.items():
            entry = get(text)
            if entry is None:
                entry = postings[text] = _new_entry()
            entry[0].append(docnum)
            count = len(poslist)
            length += count
            if count == 1:
                pos = poslist[0]
                vbytes = single.get(pos)
                if vbytes is None:
                    vbytes = single[pos] = fmt.encode(poslist)
                entry[1].append(weight)
                entry[2].append(vbytes)
            else:
                entry[1].append(count * weight)
                entry[2].append(fmt.encode(poslist))
        return length, len(grouped)


class CharTokenizer(_NormalizingTokenizer):
    """Each letter, digit or ideograph on its own (one-character queries)."""

    def terms(self, normalized: str, mode: str) -> Iterable[tuple[str, int]]:
        return ((ch, i) for i, ch in enumerate(normalized) if ch.isalnum())


class CharField(_DirectPostingsField):
    """Which characters a document contains, with counts but no positions.

    A one-character query is then a single term lookup instead of a prefix
    expansion over every bigram that starts with the character.
    """

    def __init__(self, field_boost: float = 1.0):
        super().__init__(analyzer=CharTokenizer(), phrase=False, field_boost=field_boost, spelling=False)

    def add_postings(self, value, docnum: int, boost: float, postings: Postings) -> tuple[int, int]:
        if isinstance(value, (list, tuple)):
            value = "\n".join(value)
        weight = self.format.field_boost * boost
        length = added = 0
        get = postings.get
        # Counting every character is one C call; the non-alphanumeric ones are dropped after.
        for ch, count in Counter(_normalized_once(value)).items():
            if not ch.isalnum():
                continue
            entry = get(ch)
            if entry is None:
                entry = postings[ch] = _new_entry()
            entry[0].append(docnum)
            entry[1].append(count * weight)
            entry[2].append(pack_uint(count))
            length += count
            added += 1
        return length, added


class WordField(_FastTextField):
    tokenizer_class = JiebaTokenizer


class GramField(_FastTextField):
    tokenizer_class = GramTokenizer


# Whoosh pickles the schema into the index's TOC; keep analyzers importable by name.
__all__ = [
    "CharField",
    "CharTokenizer",
    "GramField",
    "GramTokenizer",
    "JiebaTokenizer",
    "PackedPositions",
    "WordField",
    "get_jieba",
]
