"""Character-level helpers shared by the ingest stages: widths, stray spaces, punctuation, bigrams."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Punctuation that ends a sentence (a paragraph ending elsewhere was cut mid-sentence).
TERMINAL = "。！？!?…"
CLOSERS = "”’」』）)》〉"
# How a news report's first paragraph usually opens: a date, 近日, 本报讯, a season ...
REPORT_LEAD = re.compile(
    r"^[“\"]?(\d{1,2}月(\d{1,2}日|上旬|中旬|下旬|初|底|末)|近日|日前|近期|近年来|今年以来|今年来|今年\d"
    r"|本月|上月|本报讯|记者从|连日来|\d{4}年|[\u4e00-\u9fff]{2}时节)"
)
# A report's subject, then the time word (武冈市湾头桥镇日前举行…, 市民政局近日…).
_SUBJECT_THEN_TIME = re.compile(r"^[\u4e00-\u9fff]{2,14}?[：:]?(近日|日前|近期|连日来|\d{1,2}月\d{1,2}日)")


# A digest's or contents list's numbered entry: 1.县政府常务会议…, 3、…, 01｜… (the number, then text).
DIGEST_ENTRY = re.compile(r"^\s*\d{1,2}\s*[.、．｜|丨]\s*\S")


def opens_report(text: str) -> bool:
    """The paragraph opens the way a news report does (a date, 近日…, 某镇日前…)."""
    return bool(REPORT_LEAD.match(text) or _SUBJECT_THEN_TIME.match(text))


# Characters that read as CJK for spacing purposes although Unicode calls them "ambiguous".
_CJK_PUNCT = set("“”‘’…—·、。，；：！？「」『』（）《》【】〔〕〈〉％")


def is_cjk(ch: str) -> bool:
    if not ch:
        return False
    if ch in _CJK_PUNCT:
        return True
    return unicodedata.east_asian_width(ch) in ("W", "F")


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError:  # matching then sees traditional characters as printed
        return None
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified characters, for matching only (printed text is kept as is)."""
    converter = _t2s()
    if converter is None or not text or text.isascii():
        return text
    return converter.convert(text)


def display_width(text: str) -> int:
    """Width in half-width cells: a CJK character or full-width mark counts 2."""
    return sum(2 if is_cjk(c) else 1 for c in text)


_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]+")


def despace(text: str) -> str:
    """Remove typesetting spaces inside CJK text and numbers, keep the space between Latin words.

    ``工 作 日`` → ``工作日``, ``1 5 %`` → ``15%``, ``52MW D175`` stays as printed.
    """

    def repl(m: re.Match[str]) -> str:
        left = text[m.start() - 1] if m.start() > 0 else ""
        right = text[m.end()] if m.end() < len(text) else ""
        if not left or not right:
            return ""
        if is_cjk(left) or is_cjk(right):
            return ""
        if (left.isdigit() or left in ".．") and (right.isdigit() or right in "%.％．"):
            return ""
        return " "

    return _SPACE_RUN.sub(repl, text).strip()


def join_lines(parts: Iterable[str]) -> str:
    """Join wrapped line fragments: no space between CJK, one space between Latin words."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not is_cjk(out[-1]) and not is_cjk(part[0]) and out[-1] not in "-/" and out[-1].isalnum():
            out += " "
        out += part
    return out


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (possibly followed by closing quotes)."""
    t = text.rstrip()
    while t and t[-1] in CLOSERS:
        t = t[:-1]
    if not t:
        return False
    if t[-1] in TERMINAL:
        return True
    # Pages set in half-width punctuation end sentences with "." - but "2." closing a line is
    # a number broken across the column (2. / 6万件), not a full stop.
    return t[-1] in ".．" and len(t) > 1 and (is_cjk(t[-2]) or t[-2] in "%)")


_NOT_CONTENT = re.compile(r"[\W_]+")


def content_chars(text: str) -> str:
    """Letters, digits and Han characters only (punctuation and spaces dropped)."""
    return _NOT_CONTENT.sub("", text)


@lru_cache(maxsize=8192)
def _bigrams(text: str) -> frozenset[str]:
    s = content_chars(text)
    return frozenset(s[i : i + 2] for i in range(len(s) - 1))


def bigrams(text: str) -> set[str]:
    """Character bigrams of the letters, digits and Han characters of ``text``."""
    return set(_bigrams(text))


def nospace(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def norm_key(text: str) -> str:
    """Comparison key for duplicate detection: NFKC, no whitespace, no decoration."""
    return re.sub(r"[\s#▲△■□●◆★☆◎*]+", "", unicodedata.normalize("NFKC", text))


class BigramIndex:
    """Inverse-document-frequency weights of character bigrams over a page's blocks.

    Only bigrams printed in at least two blocks carry a weight: one found in a single
    block says nothing about which blocks belong together.
    """

    def __init__(self, documents: Iterable[str]):
        df: dict[str, int] = {}
        n = 0
        for doc in documents:
            n += 1
            for b in _bigrams(doc):
                df[b] = df.get(b, 0) + 1
        self.df = df
        self.n = max(n, 1)
        self.weights = {g: math.log((self.n + 1) / (c + 0.5)) for g, c in df.items() if c >= 2}

    def coverage(self, grams: set[str] | frozenset[str], profile: set[str] | dict[str, int]) -> float:
        """Weighted share of ``grams`` that also occur in ``profile`` (0..1)."""
        total = 0.0
        hit = 0.0
        weights = self.weights
        for g in grams:
            w = weights.get(g)
            if w is None:
                continue
            total += w
            if g in profile:
                hit += w
        return hit / total if total else 0.0


# 奔向现代化之涟源篇⑤, 奋进新征程·县域行, …系列报道: the name of a series printed over its headline.
_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|「[^」]*」")
_SERIES_LINE = re.compile(
    r"(之[\u4e00-\u9fff]{1,8}(?<![新华章])篇[①-⑳\d]*|系列报道|[①-⑳]$|（[一二三四五六七八九十]+）$|·.{2,8}$)"
)


def is_series_line(text: str) -> bool:
    """A short line naming a series (a kicker), not a headline or a piece of a sentence."""
    t = text.strip()
    # A · inside quotes joins a brand name (打造“世外桃源·办事无忧”品牌), not a series and its part.
    bare = _QUOTED.sub("", t)
    return len(t) <= 20 and bool(_SERIES_LINE.search(bare)) and not re.search(r"[，。；！？,;!?]", t)


# 衡南县新增3条 / 农产品加工生产线: a number and its measure word wait for the noun they count.
_MEASURE_END = re.compile(r"[0-9０-９一二三四五六七八九十百千万两几多]+[条家个项座所台辆名户栋亩处批场件]$")


def ends_on_measure_word(text: str) -> bool:
    """The line stops after a number and its measure word (新增3条): the phrase goes on below."""
    return bool(_MEASURE_END.search(text.strip()))


# Circled numbers: a photo spread's pictures, a digest's items (①…②…).
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
