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
from .text import REPORT_LEAD, despace, display_width, ends_sentence, join_lines

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
    wide: bool = False  # clearly wider than the narrow column around it: not a piece of that column
    set_apart: bool = False  # one line between blank lines on a page whose wrapped lines touch
    letter_spaced: bool = False  # 华 容 护 好 一 湖 清 水 after a finished sentence: set like a headline

    @property
    def loose_in_column(self) -> bool:
        """A short line inside a narrow column that may be a piece of a wrapped paragraph."""
        return self.narrow and not (self.atomic or self.wide or self.set_apart or self.letter_spaced)

    @property
    def raw(self) -> str:
        return "\n".join(ln.raw for ln in self.lines)

    @property
    def raw_joined(self) -> str:
        """The printed text with only the line breaks removed (spaces kept: names lines need them)."""
        return " ".join(ln.raw.strip() for ln in self.lines)


def _column_width(lines: list[Line], i: int) -> int:
    """The usual width of the lines around line ``i`` (0 when there are too few)."""
    near = range(max(0, i - 4), min(len(lines), i + 5))
    widths = sorted(lines[j].width for j in near if j != i and lines[j].width <= 46)
    return widths[len(widths) // 2] if len(widths) >= 3 else 0


_SPACED_PAIR = re.compile(r"[\u4e00-\u9fff] (?=[\u4e00-\u9fff])")
_HAN_PAIR = re.compile(r"[\u4e00-\u9fff](?= ?[\u4e00-\u9fff])")


def _spaced_out_line(lines: list[Line], i: int) -> bool:
    """Nearly every Han character stands apart, and the text above finished its sentence.

    Some dumps space out stray body lines as well; those run on from an unfinished line.
    """
    raw = lines[i].raw
    pairs = len(_HAN_PAIR.findall(raw))
    if pairs < 3 or len(_SPACED_PAIR.findall(raw)) < 0.8 * pairs:
        return False
    return i == 0 or ends_sentence(lines[i - 1].text) or _is_parenthetical(lines[i - 1].text)


def _wider_than_column(lines: list[Line], i: int) -> bool:
    return lines[i].width > 1.15 * max(_column_width(lines, i), 1)


def _between_blanks(lines: list[Line], i: int) -> bool:
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
    w, c = lines[i].width, len(lines[i].raw)
    # Alike in display width or in printed characters (a line of spaced-out digits is narrow
    # in display width but holds as many characters as its neighbours).
    alike = sum(
        1
        for j in range(max(0, i - 6), min(len(lines), i + 7))
        if j != i and (0.75 * w <= lines[j].width <= 1.3 * w or 0.75 * c <= len(lines[j].raw) <= 1.3 * c)
    )
    return median <= 40 and alike >= 3


def _is_wrap(
    lines: list[Line], i: int, inside: bool = False, line_gap: int = 1, contiguous: bool = False
) -> bool:
    """Line ``i`` fills its narrow column, so the text goes on in line ``i+1``."""
    a = lines[i]
    if i + 1 >= len(lines):
        return False
    b = lines[i + 1]
    if b.gap > line_gap or a.md_level or b.md_level or ends_sentence(a.text):
        return False
    after_sentence = i == 0 or ends_sentence(lines[i - 1].text) or _is_parenthetical(lines[i - 1].text)
    if after_sentence and REPORT_LEAD.match(b.text) and not re.search(r"[，。、；：,;:]", a.text):
        return False  # a line with no clause in it, between finished text and a report's opening
    if contiguous and a.gap and b.gap:
        return False  # where wrapped lines touch, a line set apart by blank lines stands alone
    if a.raw.startswith(("——", "▲")) or _STRONG_START.match(b.raw) or _is_parenthetical(a.text):
        return False
    if not _is_narrow_context(lines, i) or b.width > 46:
        return False
    if parse_names(b.raw) or parse_names(a.raw):
        return False
    if inside and a.width >= 0.85 * lines[i - 1].width:
        return True  # the paragraph already wraps into this line and it is as full as the one above
    nxt = range(i + 1, min(len(lines), i + 4))
    # The column is set by the lines the text runs into; a wrapped line is about as wide
    # as they are and never wider.  Dumps wrap either by display width or by a count of
    # characters (spaces and half-width digits included), so either measure may show it.
    column = max(lines[j].width for j in nxt)
    if a.width >= 0.72 * column and a.width <= column + 4:
        return True
    chars = max(len(lines[j].raw) for j in nxt)
    return len(a.raw) >= 0.72 * chars and len(a.raw) <= chars + 2


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
        wraps.append(
            not atomic[i] and _is_wrap(lines, i, inside=inside, line_gap=line_gap, contiguous=not blank_style)
        )

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
                    set_apart=not blank_style and len(current) == 1 and _between_blanks(lines, current[0]),
                    wide=len(current) == 1 and _wider_than_column(lines, current[0]),
                    letter_spaced=len(current) == 1 and _spaced_out_line(lines, current[0]),
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
