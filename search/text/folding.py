"""Text normalisation shared by indexing and querying (pure Python, no Django).

Whatever the index sees, the query sees too: full-width forms folded (NFKC),
lower case, traditional characters converted to simplified, and stray spaces
between two CJK characters removed (print layouts split names like 李 蓉).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator

_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_SPACE_INSIDE_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
# A "run" is a maximal stretch of letters/digits/ideographs: the unit the n-gram
# field indexes. Punctuation, spaces, emoji and symbols separate runs.
_RUN = re.compile(r"[^\W_]+")
_CJK_CHAR = re.compile(rf"[{_CJK}]")

_converter_lock = threading.Lock()
_converter = None


def _t2s():
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                import opencc

                _converter = opencc.OpenCC("t2s")
    return _converter


def fold_char(char: str) -> str:
    """One character folded: NFKC, lower case, traditional → simplified.

    Characters are converted one at a time, never as phrases: OpenCC's phrase
    rules would turn 乾 into 干 alone but keep 乾隆, and a query must fold
    exactly like the text it is a substring of.
    """
    folded = unicodedata.normalize("NFKC", char).lower()
    if folded.isascii():
        return folded
    return "".join(_t2s().convert(ch) if ord(ch) > 0x2E7F else ch for ch in folded)


class _FoldTable(dict):
    """``str.translate`` table filled lazily, one entry per distinct character."""

    def __missing__(self, code: int) -> str:
        value = fold_char(chr(code))
        if len(value) != 1:
            _UNEVEN.add(chr(code))
            if not value:
                _VANISHING.add(code)
        self[code] = value
        return value


_FOLD = _FoldTable()
# Characters that fold to nothing. While there are none, a folded text as long as
# its source folded every character to exactly one (㈱ → (株) makes it longer).
_VANISHING: set[int] = set()
# Characters seen so far that fold to more or fewer than one (… → ...): the only
# ones whose offsets need working out once a text has been folded.
_UNEVEN: set[str] = set()
_uneven_pattern: tuple[int, re.Pattern[str] | None] = (0, None)


def _uneven_chars() -> re.Pattern[str]:
    global _uneven_pattern
    size, pattern = _uneven_pattern
    if pattern is None or size != len(_UNEVEN):
        chars = sorted(_UNEVEN)
        # "(?!)" matches nothing: no character seen so far folds unevenly.
        pattern = re.compile("[" + "".join(map(re.escape, chars)) + "]" if chars else "(?!)")
        _uneven_pattern = (len(chars), pattern)
    return pattern


def normalize(text: str) -> str:
    """Fold ``text`` the way both the index and the query parser see it."""
    if not text:
        return ""
    return _SPACE_INSIDE_CJK.sub("", text.translate(_FOLD))


def _char_offsets(text: str) -> tuple[str, list[int]]:
    """Folded ``text`` and offsets, for a text already folded once (the table knows its
    characters): stretches between uneven characters fold one to one."""
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for match in _uneven_chars().finditer(text):
        i = match.start()
        if i > pos:
            out.append(text[pos:i].translate(_FOLD))
            offsets.extend(range(pos, i))
        folded = _FOLD[ord(text[i])]
        out.append(folded)
        offsets.extend([i] * len(folded))
        pos = i + 1
    out.append(text[pos:].translate(_FOLD))
    offsets.extend(range(pos, len(text)))
    return "".join(out), offsets


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`normalize` plus, for each output character, its index in ``text``.

    Used by the highlighter to mark matches found in folded text on the
    original text.
    """
    if not text:
        return "", []
    folded = text.translate(_FOLD)  # also fills the table, and so _VANISHING and _UNEVEN
    if len(folded) == len(text) and (not _VANISHING or _VANISHING.isdisjoint(map(ord, text))):
        # Nearly every text folds one character to one: offsets are the identity,
        # and the per-character loop (most of a highlight's cost) is skipped.
        offsets = list(range(len(text)))
    else:
        folded, offsets = _char_offsets(text)
    removed = [m.span() for m in _SPACE_INSIDE_CJK.finditer(folded)]
    if not removed:
        return folded, offsets
    kept_text: list[str] = []
    kept_offsets: list[int] = []
    start = 0
    for begin, end in removed:
        kept_text.append(folded[start:begin])
        kept_offsets.extend(offsets[start:begin])
        start = end
    kept_text.append(folded[start:])
    kept_offsets.extend(offsets[start:])
    return "".join(kept_text), kept_offsets


def runs(normalized: str) -> list[str]:
    """The letter/digit/ideograph runs of an already normalised text."""
    return _RUN.findall(normalized)


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))


def is_cjk_char(char: str) -> bool:
    return bool(_CJK_CHAR.fullmatch(char))


def gram_terms(run: str) -> list[str]:
    """Overlapping bigrams of one run, then its last character alone.

    ``涟源市`` → ``涟源 源市 市``. A substring of two or more characters is then
    a phrase of consecutive bigrams, and a single character is a prefix of some
    term (the bigram it starts, or the trailing unigram), so every substring
    of the run can be found.
    """
    if len(run) == 1:
        return [run]
    grams = [run[i : i + 2] for i in range(len(run) - 1)]
    grams.append(run[-1])
    return grams


def iter_gram_positions(normalized: str) -> Iterator[tuple[str, int]]:
    """(term, position) for the n-gram field; a gap of one position between runs.

    The trailing unigram of a run takes the position after its last bigram, so
    positions stay strictly increasing and phrases never cross a run boundary.
    """
    pos = 0
    for run in _RUN.findall(normalized):
        for gram in gram_terms(run):
            yield gram, pos
            pos += 1
        pos += 1


def grouped_gram_positions(normalized: str) -> dict[str, list[int]]:
    """:func:`iter_gram_positions` as term -> ascending positions, built in one loop (indexing)."""
    grouped: dict[str, list[int]] = {}
    get = grouped.get
    pos = 0
    for run in _RUN.findall(normalized):
        for gram in gram_terms(run):
            found = get(gram)
            if found is None:
                grouped[gram] = [pos]
            else:
                found.append(pos)
            pos += 1
        pos += 1
    return grouped


def gram_phrase_checks(n_grams: int) -> list[int]:
    """Which bigrams of a ``n_grams``-bigram phrase need their positions checked.

    Two bigrams two positions apart are always in the same run (a run's last
    bigram is followed by its trailing unigram and a gap, see
    :func:`iter_gram_positions`), and inside a run positions are character
    offsets. So every other bigram plus the last one pin the whole phrase down;
    the bigrams between them need only occur. (A seven-character phrase: four
    position lists decoded instead of six.)
    """
    return sorted({*range(0, n_grams, 2), n_grams - 1})


def query_gram_terms(piece: str) -> list[str]:
    """The bigram phrase that finds ``piece`` (a normalised run) as a substring.

    One character is handled by the caller as a prefix query; longer pieces are
    their bigrams without the trailing unigram (the piece may continue in the text).
    """
    return [piece[i : i + 2] for i in range(len(piece) - 1)]
