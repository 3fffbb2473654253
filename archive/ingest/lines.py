"""Printed lines and the column they sit in: the raw material of :mod:`archive.ingest.layout`.

A :class:`Line` is one line of the dump with its width (display width of the despaced text)
and the blank lines above it; the helpers here say how wide the column around a line is,
whether the line is set apart, spaced out or wider than its column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import despace, display_width, ends_sentence

_MD = re.compile(r"^(#{1,6})\s*")
# A line that always starts a block of its own.

# The widest line a narrow column holds (display width: 25 CJK characters). Printed columns
# run 10–24 characters; a line wider than this is a full-width paragraph of an online dump.
NARROW_MAX = 50


@dataclass
class Line:
    start: int  # offset of the first non-space character in the page text
    end: int  # offset after the last non-space character
    raw: str
    text: str  # despaced
    width: int  # display width of the despaced text
    gap: int  # blank lines before this line
    md_level: int = 0
    chrome: bool = False  # a site's metadata or button line: no part of any column

    @property
    def raw_width(self) -> int:
        """Width as printed, spaces included: typesetters pad narrow lines with spaces."""
        return display_width(_MD.sub("", self.raw))


def _column_width(lines: list[Line], i: int) -> int:
    """The usual width of the lines around line ``i`` (0 when there are too few)."""
    near = range(max(0, i - 4), min(len(lines), i + 5))
    widths = sorted(lines[j].width for j in near if j != i and lines[j].width <= NARROW_MAX)
    return widths[len(widths) // 2] if len(widths) >= 3 else 0


SPACED_PAIR = re.compile(r"[\u4e00-\u9fff] (?=[\u4e00-\u9fff])")
_HAN_PAIR = re.compile(r"[\u4e00-\u9fff](?= ?[\u4e00-\u9fff])")


def spaced_out_line(lines: list[Line], i: int) -> bool:
    """Nearly every Han character stands apart, and the text above finished its sentence.

    Some dumps space out stray body lines as well; those run on from an unfinished line.
    """
    raw = lines[i].raw
    pairs = len(_HAN_PAIR.findall(raw))
    if pairs < 3 or len(SPACED_PAIR.findall(raw)) < 0.8 * pairs:
        return False
    return i == 0 or ends_sentence(lines[i - 1].text) or is_parenthetical(lines[i - 1].text)


def wider_than_column(lines: list[Line], i: int) -> bool:
    return lines[i].width > 1.15 * max(_column_width(lines, i), 1)


def between_blanks(lines: list[Line], i: int) -> bool:
    return lines[i].gap > 0 and (i + 1 >= len(lines) or lines[i + 1].gap > 0)


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    gap = 0
    for chunk in text.split("\n"):
        stripped = chunk.strip()
        if not stripped:
            gap += 1
        else:
            lead = len(chunk) - len(chunk.lstrip())
            start = pos + lead
            end = start + len(stripped)
            m = _MD.match(stripped)
            level = len(m.group(1)) if m else 0
            body = stripped[m.end() :] if m else stripped
            clean = despace(body)
            lines.append(Line(start, end, stripped, clean, display_width(clean), gap, level))
            gap = 0
        pos += len(chunk) + 1
    return lines


def _narrow_neighbours(lines: list[Line], i: int, before: int, after: int) -> list[int]:
    lo = max(0, i - before)
    hi = min(len(lines), i + after + 1)
    return [lines[j].width for j in range(lo, hi) if j != i and not lines[j].chrome]


def is_narrow_context(lines: list[Line], i: int) -> bool:
    """Line ``i`` sits in a narrow column: several neighbours are about as wide as it is."""
    if lines[i].width > NARROW_MAX:
        return False
    # A narrow column has narrow lines right next to it (a short line between paragraphs does not).
    if lines[i].chrome or not any(
        0 <= j < len(lines) and lines[j].width <= NARROW_MAX and not lines[j].chrome for j in (i - 1, i + 1)
    ):
        return False
    widths = _narrow_neighbours(lines, i, 6, 6)
    if len(widths) < 4:
        return False
    median = sorted(widths + [lines[i].width])[len(widths) // 2]
    w, c = lines[i].width, len(lines[i].raw)
    # Alike in display width or in printed characters (a line of spaced-out digits is narrow
    # in display width but holds as many characters as its neighbours).
    alike = sum(
        1
        for j in range(max(0, i - 6), min(len(lines), i + 7))
        if j != i
        and not lines[j].chrome
        and (0.75 * w <= lines[j].width <= 1.3 * w or 0.75 * c <= len(lines[j].raw) <= 1.3 * c)
    )
    return median <= NARROW_MAX - 2 and alike >= 3


def is_parenthetical(text: str) -> bool:
    return bool(re.fullmatch(r"[（(][^（）()]{1,40}[)）]", text.strip()))
