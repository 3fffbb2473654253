"""Lines → blocks: undo hard wraps of narrow columns and strip typesetting spaces.

A *block* is what a reader sees as one unit: a paragraph, a headline line, a byline,
a caption.  Pages come in two styles: paragraphs separated by blank lines (then
consecutive lines form one block) or one paragraph per line.  Narrow columns
(8–20 characters a line) are re-joined when a line is as wide as its column,
whether or not a blank line sits between the wrapped lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .bylines import parse_names
from .text import despace, display_width, ends_sentence, join_lines

_MD = re.compile(r"^(#{1,6})\s*")
# A line that always starts a block of its own.
_STRONG_START = re.compile(r"^\s*(#|▲|△|■|——|—{2}|【|[（(][^（）()]{0,30}(供图|摄)\s*[)）]\s*$)")


@dataclass
class Line:
    start: int  # offset of the first non-space character in the page text
    end: int  # offset after the last non-space character
    raw: str
    text: str  # despaced
    width: int  # display width of the despaced text
    gap: int  # blank lines before this line
    md_level: int = 0

    @property
    def raw_width(self) -> int:
        """Width as printed, spaces included: typesetters pad narrow lines with spaces."""
        return display_width(_MD.sub("", self.raw))


@dataclass
class Block:
    text: str
    start: int
    end: int
    lines: list[Line] = field(default_factory=list)
    md_level: int = 0
    gap_before: int = 0
    narrow: bool = False  # set in a narrow column
    between_narrow: bool = False  # the lines just above and below are narrow too
    atomic: bool = False  # lines printed directly on top of each other in a blank-separated page

    @property
    def raw(self) -> str:
        return "\n".join(ln.raw for ln in self.lines)

    @property
    def raw_joined(self) -> str:
        """The printed text with only the line breaks removed (spaces kept: names lines need them)."""
        return " ".join(ln.raw.strip() for ln in self.lines)


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
    return [lines[j].width for j in range(lo, hi) if j != i]


def _is_narrow_context(lines: list[Line], i: int) -> bool:
    """Line ``i`` sits in a narrow column: several neighbours are about as wide as it is."""
    if lines[i].width > 46:
        return False
    # A narrow column has narrow lines right next to it (a short line between paragraphs does not).
    if not any(0 <= j < len(lines) and lines[j].width <= 46 for j in (i - 1, i + 1)):
        return False
    widths = _narrow_neighbours(lines, i, 6, 6)
    if len(widths) < 4:
        return False
    median = sorted(widths + [lines[i].width])[len(widths) // 2]
    w = lines[i].width
    alike = sum(
        1
        for j in range(max(0, i - 6), min(len(lines), i + 7))
        if j != i and 0.75 * w <= lines[j].width <= 1.3 * w
    )
    return median <= 40 and alike >= 3


def _is_wrap(lines: list[Line], i: int, inside: bool = False, line_gap: int = 1) -> bool:
    """Line ``i`` fills its narrow column, so the text goes on in line ``i+1``."""
    a = lines[i]
    if i + 1 >= len(lines):
        return False
    b = lines[i + 1]
    if b.gap > line_gap or a.md_level or b.md_level or ends_sentence(a.text):
        return False
    if a.raw.startswith(("——", "▲")) or _STRONG_START.match(b.raw) or _is_parenthetical(a.text):
        return False
    if not _is_narrow_context(lines, i) or b.width > 46:
        return False
    if parse_names(b.raw) or parse_names(a.raw):
        return False
    if inside and a.width >= 0.85 * lines[i - 1].width:
        return True  # the paragraph already wraps into this line and it is as full as the one above
    nxt = range(i + 1, min(len(lines), i + 4))
    following = [lines[j].width for j in nxt]
    # The column is set by the lines the text runs into; a wrapped line is about as wide
    # as they are and never wider.
    column = max(following)
    return a.width >= 0.72 * column and a.width <= column + 4


def _is_parenthetical(text: str) -> bool:
    return bool(re.fullmatch(r"[（(][^（）()]{1,40}[)）]", text.strip()))


def build_blocks(text: str) -> list[Block]:
    lines = split_lines(text)
    if not lines:
        return []
    followed_by_blank = sum(1 for ln in lines[1:] if ln.gap > 0)
    blank_style = followed_by_blank >= 0.5 * max(len(lines) - 1, 1)

    # Lines that sit directly on top of each other in a blank-separated page form an atomic
    # unit (a two-line headline, a caption with its credit): no wrap-joins into or out of it.
    atomic = [False] * len(lines)
    if blank_style:
        for i in range(1, len(lines)):
            if lines[i].gap == 0:
                atomic[i] = atomic[i - 1] = True
    narrow = [_is_narrow_context(lines, i) for i in range(len(lines))]
    # The usual number of blank lines between lines of a column (some dumps double them).
    gaps = Counter(ln.gap for ln in lines[1:] if ln.gap)
    line_gap = max(1, gaps.most_common(1)[0][0]) if gaps else 1
    wraps: list[bool] = []
    for i in range(len(lines)):
        inside = bool(wraps) and wraps[-1]
        wraps.append(not atomic[i] and _is_wrap(lines, i, inside=inside, line_gap=line_gap))

    blocks: list[Block] = []
    current: list[int] = []

    def flush() -> None:
        if current:
            members = [lines[j] for j in current]
            blocks.append(
                Block(
                    text=join_lines(ln.text for ln in members),
                    start=members[0].start,
                    end=members[-1].end,
                    lines=members,
                    md_level=members[0].md_level,
                    gap_before=members[0].gap,
                    narrow=any(narrow[j] for j in current),
                    atomic=any(atomic[j] for j in current),
                    between_narrow=all(
                        0 <= j < len(lines) and lines[j].width <= 46
                        for j in (current[0] - 1, current[-1] + 1)
                    ),
                )
            )
            current.clear()

    for i, line in enumerate(lines):
        if current:
            prev = lines[i - 1]
            join = False
            if line.gap == 0 and blank_style:
                join = not (
                    _STRONG_START.match(line.raw)
                    or prev.md_level
                    or line.md_level
                    or prev.raw.startswith("——")
                    or _is_parenthetical(prev.text)
                    or (line.raw.startswith(("（", "(")) and _is_parenthetical(line.text))
                )
            elif not (atomic[i - 1] or atomic[i]):
                join = wraps[i - 1]
            if not join:
                flush()
        current.append(i)
    flush()
    return blocks
