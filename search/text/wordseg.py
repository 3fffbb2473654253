"""jieba's default segmentation (HMM off), computed in one pass per block.

Indexing spends about a third of its time in ``jieba.cut``: for each character
jieba first lists every dictionary word starting there (``get_DAG``), then
takes the best route with a generator, a dictionary lookup and a ``log`` per
candidate word (``calc``). :class:`DictionarySegmenter` does the same
maximum-probability search over jieba's own dictionary, computing each
distinct word frequency's score once (``log(freq) - log(total)``) and finding
the candidates and the best route in a single backward pass: about twice as
fast, with no copy of the dictionary. Its output (a list) is
token for token what ``tokenizer.cut(text, HMM=False)`` yields — including how
ties are broken, how single ASCII letters and digits are joined, and how
punctuation and spaces come out — which the tests check against jieba itself
on seed text and on random text.

Pure Python, no Django: built from a jieba ``Tokenizer`` whose dictionary is
complete (words added with ``add_word`` afterwards are not seen).
"""

from __future__ import annotations

from math import log

# jieba joins consecutive one-character words made of these (its ``re_eng``).
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


class DictionarySegmenter:
    """``tokenizer.cut(text, HMM=False)``, faster; see the module docstring."""

    def __init__(self, tokenizer) -> None:
        import jieba

        tokenizer.check_initialized()
        # Word -> frequency; 0 for prefixes of words, which are not words themselves.
        self._frequencies: dict[str, int] = tokenizer.FREQ
        # jieba's score of a word is log(freq or 1) - log(total), plus the best score
        # of the rest of the block. Scores per distinct frequency: a few thousand.
        self._scores = _Scores(log(tokenizer.total))
        # A character that starts no word is a word of its own with freq "1".
        self._unknown = log(1) - log(tokenizer.total)
        self._blocks = jieba.re_han_default
        self._spaces = jieba.re_skip_default

    def cut(self, text: str) -> list[str]:
        """The tokens of ``text``, as jieba's ``cut(text, HMM=False)`` yields them."""
        tokens: list[str] = []
        for block in self._blocks.split(text):
            if not block:
                continue
            if self._blocks.match(block):
                self._cut_block(block, tokens)
                continue
            for piece in self._spaces.split(block):
                if self._spaces.match(piece):
                    tokens.append(piece)
                else:
                    tokens.extend(piece)
        return tokens

    def _cut_block(self, block: str, tokens: list[str]) -> None:
        scores = self._scores
        get = self._frequencies.get
        unknown = self._unknown
        n = len(block)
        # best[i]: score of the best route through block[i:]; ends[i]: where its first word ends.
        best = [0.0] * (n + 1)
        ends = list(range(1, n + 1))
        for start in range(n - 1, -1, -1):
            top = None
            stop = start
            fragment = block[start]
            while True:
                frequency = get(fragment)
                if frequency is None:
                    break
                stop += 1
                if frequency:
                    total = scores[frequency] + best[stop]
                    # ">=": on equal scores jieba's max() keeps the longer word.
                    if top is None or total >= top:
                        top = total
                        ends[start] = stop
                if stop == n:
                    break
                fragment = block[start : stop + 1]
            best[start] = unknown + best[start + 1] if top is None else top
        # Walk the route; single ASCII letters/digits in a row become one token.
        append = tokens.append
        pending = ""
        start = 0
        while start < n:
            stop = ends[start]
            word = block[start:stop]
            if stop - start == 1 and word in _ASCII_ALNUM:
                pending += word
            else:
                if pending:
                    append(pending)
                    pending = ""
                append(word)
            start = stop
        if pending:
            append(pending)


class _Scores(dict):
    """log(freq) - log(total) per frequency, computed on first use."""

    def __init__(self, log_total: float) -> None:
        super().__init__()
        self._log_total = log_total

    def __missing__(self, frequency: int) -> float:
        score = self[frequency] = log(frequency) - self._log_total
        return score
