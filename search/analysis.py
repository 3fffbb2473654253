"""Tokenizers for the index: jieba words for ranking, character n-grams for recall.

Both analyses run on :func:`search.text.normalize`d text, at index and at query
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

from .text import iter_gram_positions, normalize

ARCHIVE_DATA = Path(__file__).resolve().parent.parent / "archive" / "data"
SEARCH_DATA = Path(__file__).resolve().parent / "data"

_BIG_ENDIAN = sys.byteorder == "big"
_UINT32 = next(code for code in "IL" if array(code).itemsize == 4)

_jieba_lock = threading.Lock()
_jieba = None


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
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba

                # jieba announces "Building prefix dict..." on stderr at every start.
                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                for word in dictionary_words():
                    jieba.add_word(word, freq=max(jieba.suggest_freq(word), 1000))
                _jieba = jieba
    return _jieba


def _is_word(token: str) -> bool:
    # isalnum() settles nearly every token (words) in C; the loop is for mixed ones like "5.8".
    return token.isalnum() or any(ch.isalnum() for ch in token)


def word_positions(normalized: str, *, for_index: bool) -> Iterator[tuple[str, int]]:
    """(word, position) pairs from jieba; positions count words, not characters.

    For indexing, the sub-words that jieba's search mode would add (两字/三字词
    inside a longer word) share the position of the word they came from, so a
    phrase query over default-mode words still lines up.
    """
    jieba = get_jieba()
    freq = jieba.dt.FREQ
    pos = 0
    # HMM off: new-word guessing costs ~40% of the time and recall does not depend on it.
    for word in jieba.cut(normalized, HMM=False):
        if not _is_word(word):
            continue
        yield word, pos
        if for_index and len(word) > 2:
            for size in (2, 3):
                if len(word) <= size:
                    continue
                for i in range(len(word) - size + 1):
                    sub = word[i : i + size]
                    if freq.get(sub):
                        yield sub, pos
        pos += 1


def query_words(text: str) -> list[str]:
    """The words jieba finds in a query fragment (default mode, normalised)."""
    return [w for w, _ in word_positions(normalize(text), for_index=False)]


class _NormalizingTokenizer(Tokenizer):
    """Base for our tokenizers: normalises, honours ``tokenize=False``."""

    def terms(self, normalized: str, mode: str) -> Iterable[tuple[str, int]]:
        raise NotImplementedError

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


class GramTokenizer(_NormalizingTokenizer):
    """Overlapping character bigrams per run, plus the run's last character."""

    def terms(self, normalized: str, mode: str) -> Iterable[tuple[str, int]]:
        return iter_gram_positions(normalized)


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
    :mod:`search.columnar`). The count is the value's length / 4.
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


class _FastTextField(TEXT):
    """A positional TEXT field that indexes straight from (term, position) pairs.

    Same postings as the analyzer path would produce, without building a Token
    object per term: indexing time is dominated by this loop.
    """

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

    def index(self, value, **kwargs):
        if isinstance(value, (list, tuple)):
            value = "\n".join(value)
        fmt = self.format
        fb = fmt.field_boost
        positions: dict[str, list[int]] = defaultdict(list)
        for text, pos in self.analyzer.terms(_normalized_once(value), "index"):
            positions[text].append(pos)
        single = _SINGLE_POSITION.setdefault(type(fmt), {})
        for text, poslist in positions.items():
            if len(poslist) == 1:
                # Most terms occur once; their encoding depends only on the position.
                pos = poslist[0]
                vbytes = single.get(pos)
                if vbytes is None:
                    vbytes = single[pos] = fmt.encode(poslist)
                yield text.encode("utf-8"), 1, fb, vbytes
            else:
                yield text.encode("utf-8"), len(poslist), len(poslist) * fb, fmt.encode(poslist)


class CharTokenizer(_NormalizingTokenizer):
    """Each letter, digit or ideograph on its own (one-character queries)."""

    def terms(self, normalized: str, mode: str) -> Iterable[tuple[str, int]]:
        return ((ch, i) for i, ch in enumerate(normalized) if ch.isalnum())


class CharField(TEXT):
    """Which characters a document contains, with counts but no positions.

    A one-character query is then a single term lookup instead of a prefix
    expansion over every bigram that starts with the character.
    """

    def __init__(self, field_boost: float = 1.0):
        super().__init__(analyzer=CharTokenizer(), phrase=False, field_boost=field_boost, spelling=False)

    def index(self, value, **kwargs):
        if isinstance(value, (list, tuple)):
            value = "\n".join(value)
        fb = self.format.field_boost
        for ch, count in Counter(ch for ch in _normalized_once(value) if ch.isalnum()).items():
            yield ch.encode("utf-8"), count, count * fb, pack_uint(count)


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
