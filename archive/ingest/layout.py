"""Lines → blocks: undo hard wraps of narrow columns and strip typesetting spaces.

A *block* is what a reader sees as one unit: a paragraph, a headline line, a byline,
a caption.  Pages come in two styles: paragraphs separated by blank lines (then
consecutive lines form one block) or one paragraph per line.  Narrow columns
(8–20 characters a line) are re-joined when a line is as wide as its column,
whether or not a blank line sits between the wrapped lines (on pages whose wrapped
lines touch, a blank line always ends a block).

Some lines never take part in a wrap, whatever their width: page-header lines
(:mod:`furniture`), names lines and the headline lines printed right above one, list
items (``826名：三级林长``), ``【…】`` labels, and a short unpunctuated line sitting on a
full-width paragraph that opens a report (a headline).  The column width a line is
compared with comes from the narrow lines around it only, so the cut-off end of a
paragraph (``…由原来的 3 个工`` / ``作日压缩至``) still joins its paragraph when another
article's full-width text follows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .bylines import is_byline, looks_like_name, parse_names, split_closing_byline
from .furniture import is_web_metadata, split_web_metadata
from .gazetteer import is_column_line
from .line_headlines import (
    BULLETED_HEADLINE,
    headline_between_paragraphs,
    headline_lines,
    headline_over_lead,
    headline_over_report,
    headline_pair,
    headline_phrase,
    headline_under_body,
    headline_wraps,
    lone_headline,
)
from .lines import (
    NARROW_MAX,
    Line,
    between_blanks,
    is_narrow_context,
    is_parenthetical,
    spaced_out_line,
    split_lines,
    wider_than_column,
)
from .page_chrome import header_lines
from .text import (
    CIRCLED,
    ends_sentence,
    is_series_line,
    join_lines,
)

_STRONG_START = re.compile(r"^\s*(#|▲|△|■|——|—{2}|【|[（(][^（）()]{0,30}(供图|摄)\s*[)）]\s*$)")


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
    # a complete phrase between a finished sentence and a report's opening line: set like a headline
    between_texts: bool = False
    furniture: bool = False  # page header lines (paper, date, page number, section, editors)
    beside_wrapped: bool = False  # the block above or below is a paragraph wrapped over several lines

    @property
    def loose_in_column(self) -> bool:
        """A short line inside a narrow column that may be a piece of a wrapped paragraph."""
        return self.narrow and not (
            self.atomic or self.wide or self.set_apart or self.letter_spaced or self.between_texts
        )

    @property
    def raw(self) -> str:
        return "\n".join(ln.raw for ln in self.lines)

    @property
    def raw_joined(self) -> str:
        """The printed text with only the line breaks removed (spaces kept: names lines need them)."""
        return " ".join(ln.raw.strip() for ln in self.lines)


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
    if headline_over_lead(lines, i):
        return False  # a headline (and deck) between finished text and a report's opening
    if contiguous and b.gap:
        # Where wrapped lines touch, a blank line ends the block (a paragraph broken across a
        # column gap is re-joined later, when its text shows it runs on).
        return False
    if (
        a.raw.startswith("——")
        or _STRONG_START.match(b.raw)
        or is_parenthetical(a.text)
        or re.fullmatch(r"【[^】]{1,16}】", a.text)
    ):
        return False
    if not is_narrow_context(lines, i) or b.width > NARROW_MAX:
        return False
    if parse_names(b.raw) or parse_names(a.raw) or is_byline(b.raw) or is_byline(a.raw):
        return False
    if _LIST_ITEM.match(a.text) and (_LIST_ITEM.match(b.text) or (i and _LIST_ITEM.match(lines[i - 1].text))):
        return False  # 826名：三级林长 / 35万亩：林下经济面积: a list prints one item a line
    if (
        i + 2 < len(lines)
        and lines[i + 2].width > NARROW_MAX
        and not ends_sentence(b.text)
        and not re.search(r"[，。；、,;]", a.text + b.text)
    ):
        return False  # two unpunctuated lines over a full-width paragraph: a headline and its deck
    if inside and a.width >= 0.85 * lines[i - 1].width:
        return True  # the paragraph already wraps into this line and it is as full as the one above
    # Only the lines of the column count: a full-width paragraph below (another article
    # printed after a cut-off line) says nothing about how wide this column is.
    nxt = [j for j in range(i + 1, min(len(lines), i + 4)) if lines[j].width <= NARROW_MAX] or [i + 1]
    # The column is set by the lines the text runs into; a wrapped line is about as wide
    # as they are and never wider.  Dumps wrap either by display width or by a count of
    # characters (spaces and half-width digits included), so either measure may show it.
    column = max(lines[j].width for j in nxt)
    if a.width >= 0.72 * column and a.width <= column + 4:
        return True
    chars = max(len(lines[j].raw) for j in nxt)
    return len(a.raw) >= 0.72 * chars and len(a.raw) <= chars + 2


# A list item: a short key, a colon, its value (数说 boxes, 名单) - or a bullet.
_LIST_ITEM = re.compile(r"^([^，。：:、；\s]{1,12}[：:]|[·•●◆■□▪\-－]\s*)")


def _picture_line_cut(prev: Line, line: Line) -> bool:
    """``图为…`` cut off mid-sentence, its rest (and the photographer) on the next line."""
    whole = prev.text.startswith("图为") and not re.search(r"[。！？]|摄$", prev.text)
    return whole and ends_sentence(re.sub(r"[（(][^（）()]{1,20}[)）]$", "", line.text))


def _ends_with_closing_credit(text: str) -> bool:
    """…明显改善。(张晓敏) or （杨秀梅 吴昊天） alone: a report signed off at the end of this line;
    the next line starts anew."""
    m = re.search(r"(^|[。！？”])\s*[（(][^（）()]{2,24}[)）]$", text.strip())
    return m is not None and split_closing_byline(text) is not None


_OPENS = "（(「“"
_CLOSES = "）)」”"
_RUN_ON_START = re.compile(r"^[。，、；：！？,.;:!?）)」”』]")


def _runs_on(a: Line, b: Line) -> bool:
    """Line ``b`` cannot stand alone: it closes a bracket left open in ``a``, or starts with the
    punctuation that ends ``a``'s sentence.  Narrow columns wrap credit parentheses anywhere
    (``（通讯员 吴 琼`` / ``杨帆）``), and no headline or byline starts with ``。`` or ``）``
    or, where lines touch, is cut off after a comma."""
    if a.md_level or b.md_level or _STRONG_START.match(b.raw):
        return False
    unclosed = sum(a.text.count(c) for c in _OPENS) > sum(a.text.count(c) for c in _CLOSES)
    closes_it = any(c in b.text for c in _CLOSES) and len(b.text) <= 40
    # A line touching the one above that stops on a comma (``…王兰) 近日，`` / ``走进…``) goes on.
    clause_open = b.gap == 0 and a.text.endswith(("，", "、", ","))
    return (unclosed and closes_it) or clause_open or bool(_RUN_ON_START.match(b.text))


STYLE_WINDOW = 8  # lines either side that decide how this part of the page is set


def _blank_styles(lines: list[Line]) -> list[bool]:
    """Per line: is this part of the page set with blank lines between its lines?

    One dump can switch style (a column with a blank line after every wrapped line above
    columns whose lines touch), so the style is read from the lines around each line.
    """
    gapped = [ln.gap > 0 for ln in lines]
    out = []
    for i in range(len(lines)):
        window = gapped[max(1, i - STYLE_WINDOW) : i + STYLE_WINDOW + 1] or [False]
        out.append(sum(window) >= 0.5 * len(window))
    # Five or more touching lines are a wrapped paragraph: a headline block or a caption with its
    # credit (and the line under it) never runs that long.
    start = 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or gapped[i]:
            if i - start >= 5:
                out[start:i] = [False] * (i - start)
            start = i
    return out


def build_blocks(text: str) -> list[Block]:
    lines = split_lines(text)
    if not lines:
        return []
    blank_style = _blank_styles(lines)

    # Lines that sit directly on top of each other in a blank-separated page form an atomic
    # unit (a two-line headline, a caption with its credit): no wrap-joins into or out of it.
    atomic = [False] * len(lines)
    for i in range(1, len(lines)):
        if blank_style[i] and blank_style[i - 1] and lines[i].gap == 0:
            atomic[i] = atomic[i - 1] = True
    for ln in lines:
        # 【打印本页】【关闭窗口】 / 责任编辑：周婷 are short, but they make no column of the page.
        ln.chrome = ln.width <= NARROW_MAX and is_web_metadata(ln.raw)
    narrow = [is_narrow_context(lines, i) for i in range(len(lines))]
    header = header_lines([ln.raw for ln in lines])
    # The usual number of blank lines between lines of a column (some dumps double them).
    gaps = Counter(ln.gap for ln in lines[1:] if ln.gap)
    line_gap = max(1, gaps.most_common(1)[0][0]) if gaps else 1
    wraps: list[bool] = []
    for i in range(len(lines)):
        inside = bool(wraps) and wraps[-1]
        wraps.append(
            not atomic[i]
            and not header[i]
            and not (i + 1 < len(lines) and header[i + 1])
            and _is_wrap(lines, i, inside=inside, line_gap=line_gap, contiguous=not blank_style[i])
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
                    set_apart=len(current) == 1
                    and not blank_style[current[0]]
                    and between_blanks(lines, current[0]),
                    wide=len(current) == 1 and wider_than_column(lines, current[0]),
                    letter_spaced=len(current) == 1 and spaced_out_line(lines, current[0]),
                    between_texts=len(current) == 1
                    and (headline_between_paragraphs(lines, current[0]) or lone_headline(lines, current[0])),
                    furniture=all(header[j] for j in current),
                    between_narrow=all(
                        0 <= j < len(lines) and lines[j].width <= NARROW_MAX
                        for j in (current[0] - 1, current[-1] + 1)
                    ),
                )
            )
            current.clear()

    head = headline_lines(lines, header)
    widths = sorted(ln.width for ln in lines)
    typical = widths[3 * len(widths) // 4]  # the page's text lines: a column's width, or a paragraph's
    for i in range(len(lines) - 1):
        if head[i] and head[i + 1] and headline_wraps(lines[i], lines[i + 1]):
            wraps[i] = True  # 溆浦：荒山坡种出 / “致富果”: one headline wrapped in a narrow column
        elif head[i] or head[i + 1]:
            wraps[i] = False
    # An online item's metadata line (来源：… 作者：… 发布时间：…) stands alone, names and all.
    meta = [len(ln.raw) <= 200 and bool(split_web_metadata(ln.raw)[1]) for ln in lines]
    for i, line in enumerate(lines):
        if current:
            prev = lines[i - 1]
            join = False
            if header[i] != header[i - 1] or meta[i] or meta[i - 1]:
                join = False
            elif not header[i] and line.gap <= line_gap and _runs_on(prev, line) and not head[i]:
                # (…“三无”食品销售、 / 安乡秋冬种油菜超45万亩 / 本报讯（…）: a brief printed into
                # an article cut off mid-sentence; its headline over its dateline stands alone)
                join = True
            elif line.gap == 0 and blank_style[i]:
                join = not (
                    _STRONG_START.match(line.raw)
                    # a byline never joins a headline on top of it (标题 / 记者 张 凯 报道)
                    or is_byline(line.raw)
                    or is_byline(prev.raw)
                    # 让协作机制真正“长牙齿” / 邹文凯: a commentary's author under its headline on a
                    # page of unwrapped paragraphs (in a narrow column the same shape is a
                    # headline's wrapped last word: 全域布局 景区串珠 / 成链)
                    or (
                        typical > NARROW_MAX
                        and headline_phrase(prev.text)
                        and len(line.text) <= 4
                        and looks_like_name(line.text)
                    )
                    or headline_over_report(prev, line)
                    or headline_under_body(lines, i)
                    or prev.md_level
                    or line.md_level
                    or prev.raw.startswith("——")
                    # a ▲ caption ends with its sentence; the touching lines below are body
                    or (lines[current[0]].raw.startswith(("▲", "△")) and ends_sentence(prev.text))
                    or headline_pair(lines, i)
                    # a label or a column line (乡村振兴看新化) stands over the headline, apart from it
                    or re.fullmatch(r"【[^】]{1,16}】", prev.text)
                    or is_column_line(prev.text)
                    or is_series_line(prev.text)
                    or is_parenthetical(prev.text)
                    or (line.raw.startswith(("（", "(")) and is_parenthetical(line.text))
                )
            elif not (atomic[i - 1] or atomic[i]):
                join = wraps[i - 1]
            if (
                join
                and (
                    headline_between_paragraphs(lines, i)
                    or headline_between_paragraphs(lines, i - 1)
                    or _ends_with_closing_credit(prev.text)
                    or bool(re.fullmatch(r"【[^】]{1,16}】", line.text))  # a label starts a block of its own
                    # ②… after a finished ①…: the next numbered picture's caption (or list item)
                    or (line.text[:1] in CIRCLED and ends_sentence(prev.text))
                    # ■涟源为乡村学校配齐心理辅导室 or ②小淹镇… over its text: a bulleted or numbered headline
                    or bool(BULLETED_HEADLINE.match(prev.raw))
                )
            ):
                join = False
            if not join and current == [i - 1] and _picture_line_cut(prev, line):
                join = True  # 图为…沿线清理 / 垃圾。（吴丽 摄）: a caption wrapped at the column's edge
            if not join:
                flush()
        current.append(i)
    flush()
    for k, b in enumerate(blocks):
        b.beside_wrapped = any(0 <= j < len(blocks) and len(blocks[j].lines) > 1 for j in (k - 1, k + 1))
    return blocks
