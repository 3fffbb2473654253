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

from .bylines import is_byline, parse_names, split_closing_byline, split_dateline
from .furniture import is_web_metadata, split_web_metadata
from .page_chrome import header_lines
from .places import is_column_line, is_place_led_headline
from .text import (
    CIRCLED,
    REPORT_LEAD,
    content_chars,
    despace,
    display_width,
    ends_sentence,
    is_series_line,
    join_lines,
    opens_report,
)

_MD = re.compile(r"^(#{1,6})\s*")
# A line that always starts a block of its own.
_STRONG_START = re.compile(r"^\s*(#|▲|△|■|——|—{2}|【|[（(][^（）()]{0,30}(供图|摄)\s*[)）]\s*$)")

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


def _column_width(lines: list[Line], i: int) -> int:
    """The usual width of the lines around line ``i`` (0 when there are too few)."""
    near = range(max(0, i - 4), min(len(lines), i + 5))
    widths = sorted(lines[j].width for j in near if j != i and lines[j].width <= NARROW_MAX)
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
    return [lines[j].width for j in range(lo, hi) if j != i and not lines[j].chrome]


def _is_narrow_context(lines: list[Line], i: int) -> bool:
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
    if _headline_over_lead(lines, i):
        return False  # a headline (and deck) between finished text and a report's opening
    if contiguous and b.gap:
        # Where wrapped lines touch, a blank line ends the block (a paragraph broken across a
        # column gap is re-joined later, when its text shows it runs on).
        return False
    if (
        a.raw.startswith("——")
        or _STRONG_START.match(b.raw)
        or _is_parenthetical(a.text)
        or re.fullmatch(r"【[^】]{1,16}】", a.text)
    ):
        return False
    if not _is_narrow_context(lines, i) or b.width > NARROW_MAX:
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


def _finished_before(lines: list[Line], i: int) -> bool:
    """Nothing runs on into line ``i``: page start, a finished sentence, or a closing credit."""
    if i == 0:
        return True
    prev = lines[i - 1].text
    return ends_sentence(prev) or bool(re.search(r"[（(][^（）()]{1,40}[)）]$", prev))


def _headline_over_lead(lines: list[Line], i: int) -> bool:
    """Line ``i`` is one of one or two short, complete lines sitting between finished text and
    a report's opening (今年以来，… / 4月12日，…): a headline, or a headline and its deck, however
    wide the column.  A single line only needs to hold no clause; a pair must be two phrases
    that each stand alone (see :func:`_complete_phrase`)."""
    for s, e in ((i, i), (i - 1, i), (i, i + 1)):
        if s < 0 or e + 1 >= len(lines) or not opens_report(lines[e + 1].text):
            continue
        if not _finished_before(lines, s):
            continue
        if s == e and _headline_phrase(lines[s].text):
            return True
        pair = s < e and all(_complete_phrase(lines[k].text) for k in (s, e))
        if pair and lines[e].gap <= lines[s].gap + 1:
            return True
    return False


def _headline_phrase(text: str) -> bool:
    """A line holding no clause: no comma or full stop, and a colon only after a short lead
    (邵阳经开区：产业项目“加速跑”), the way headlines name their subject."""
    if re.search(r"[，。、；,;]", text):
        return False
    colons = re.findall(r"[：:]", text)
    return not colons or (len(colons) == 1 and bool(re.match(r"^[^：:]{2,10}[：:][^：:]{4,}$", text)))


# A list item: a short key, a colon, its value (数说 boxes, 名单) - or a bullet.
_LIST_ITEM = re.compile(r"^([^，。：:、；\s]{1,12}[：:]|[·•●◆■□▪\-－]\s*)")


def _headline_over_report(prev: Line, line: Line) -> bool:
    """A short unpunctuated line right on top of a much longer one that opens a report: a headline."""
    if len(prev.text) < 6 or prev.width >= 0.6 * line.width:
        return False
    if is_place_led_headline(prev.text) and not re.search(r"[，。；！？、,;!?]", prev.text):
        # 汉寿：老旧小区今年加装电梯47部 over a brief's text: a place-led headline, whatever the text says.
        return True
    return not re.search(r"[，。；：！？、,;:!?]", prev.text) and opens_report(line.text)


_BULLETED_HEADLINE = re.compile(rf"^[■◆●★{CIRCLED}]\s*[^\s，。！？；,;!?]{{4,30}}$")


def _picture_line_cut(prev: Line, line: Line) -> bool:
    """``图为…`` cut off mid-sentence, its rest (and the photographer) on the next line."""
    whole = prev.text.startswith("图为") and not re.search(r"[。！？]|摄$", prev.text)
    return whole and ends_sentence(re.sub(r"[（(][^（）()]{1,20}[)）]$", "", line.text))


def _ends_with_closing_credit(text: str) -> bool:
    """…明显改善。(张晓敏) or （杨秀梅 吴昊天） alone: a report signed off at the end of this line;
    the next line starts anew."""
    m = re.search(r"(^|[。！？”])\s*[（(][^（）()]{2,24}[)）]$", text.strip())
    return m is not None and split_closing_byline(text) is not None


def _headline_between_paragraphs(lines: list[Line], i: int) -> bool:
    """A complete short phrase between a finished sentence and a line opening a report (a quote,
    本报讯, 今年以来…): a brief's headline set in the column, not a wrapped line of text."""
    if not 0 < i < len(lines) - 1:
        return False
    prev, line, nxt = lines[i - 1], lines[i], lines[i + 1]
    if not ends_sentence(prev.text) or not _complete_phrase(line.text) or line.gap or nxt.gap:
        return False
    return nxt.text.startswith("“") or opens_report(nxt.text) or bool(split_dateline(nxt.text))


def _headline_under_body(lines: list[Line], i: int) -> bool:
    """A short unpunctuated line right under a finished paragraph, with a —— deck or names line
    below it: the headline printed after its body, not the paragraph's last line."""
    prev, line = lines[i - 1], lines[i]
    if (
        not ends_sentence(prev.text)
        or re.search(r"[，。；：！？、,;:!?]", line.text)
        or line.width > NARROW_MAX
    ):
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is not None and (nxt.raw.startswith("——") or is_byline(nxt.raw))


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


def _is_parenthetical(text: str) -> bool:
    return bool(re.fullmatch(r"[（(][^（）()]{1,40}[)）]", text.strip()))


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
    narrow = [_is_narrow_context(lines, i) for i in range(len(lines))]
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
                    and _between_blanks(lines, current[0]),
                    wide=len(current) == 1 and _wider_than_column(lines, current[0]),
                    letter_spaced=len(current) == 1 and _spaced_out_line(lines, current[0]),
                    between_texts=len(current) == 1 and _headline_between_paragraphs(lines, current[0]),
                    furniture=all(header[j] for j in current),
                    between_narrow=all(
                        0 <= j < len(lines) and lines[j].width <= NARROW_MAX
                        for j in (current[0] - 1, current[-1] + 1)
                    ),
                )
            )
            current.clear()

    head = _headline_lines(lines, header)
    for i in range(len(lines) - 1):
        if head[i] and head[i + 1] and _headline_wraps(lines[i], lines[i + 1]):
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
            elif not header[i] and line.gap <= line_gap and _runs_on(prev, line):
                join = True
            elif line.gap == 0 and blank_style[i]:
                join = not (
                    _STRONG_START.match(line.raw)
                    # a byline never joins a headline on top of it (标题 / 记者 张 凯 报道)
                    or is_byline(line.raw)
                    or is_byline(prev.raw)
                    or _headline_over_report(prev, line)
                    or _headline_under_body(lines, i)
                    or prev.md_level
                    or line.md_level
                    or prev.raw.startswith("——")
                    # a ▲ caption ends with its sentence; the touching lines below are body
                    or (lines[current[0]].raw.startswith(("▲", "△")) and ends_sentence(prev.text))
                    or _headline_pair(lines, i)
                    # a label or a column line (乡村振兴看新化) stands over the headline, apart from it
                    or re.fullmatch(r"【[^】]{1,16}】", prev.text)
                    or is_column_line(prev.text)
                    or is_series_line(prev.text)
                    or _is_parenthetical(prev.text)
                    or (line.raw.startswith(("（", "(")) and _is_parenthetical(line.text))
                )
            elif not (atomic[i - 1] or atomic[i]):
                join = wraps[i - 1]
            if (
                join
                and (
                    _headline_between_paragraphs(lines, i)
                    or _headline_between_paragraphs(lines, i - 1)
                    or _ends_with_closing_credit(prev.text)
                    or bool(re.fullmatch(r"【[^】]{1,16}】", line.text))  # a label starts a block of its own
                    # ②… after a finished ①…: the next numbered picture's caption (or list item)
                    or (line.text[:1] in CIRCLED and ends_sentence(prev.text))
                    # ■涟源为乡村学校配齐心理辅导室 or ②小淹镇… over its text: a bulleted or numbered headline
                    or bool(_BULLETED_HEADLINE.match(prev.raw))
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


_SENTENCE_INSIDE = re.compile(r"[，。；！？,;!?]")


_UNFINISHED_END = re.compile(r"[的和与及至把被将向从对给在为：:、—]$")


def _complete_phrase(text: str) -> bool:
    """A short line that can stand alone as a headline line: no clause punctuation, its quotes
    closed, not ending on a word that needs a continuation."""
    n = len(content_chars(text))
    return (
        4 <= n <= 24
        and not re.search(r"[，。；！？,;!?、]", text)
        and text.count("“") == text.count("”")
        and text.count("『") == text.count("』")
        and not _UNFINISHED_END.search(text)
        and not text.startswith(("（", "(", "—", "《"))
    )


def _headline_pair(lines: list[Line], i: int) -> bool:
    """Lines ``i-1`` and ``i`` touch, stand between blank lines, and each is a complete headline
    phrase (鼎城“一站式”矛调中心 / 把矛盾化解在家门口): a two-line headline, title over deck,
    not one line wrapped (a wrap leaves a word or a quotation cut, see :func:`_headline_wraps`)."""
    a, b = lines[i - 1], lines[i]
    alone = (a.gap > 0 or i == 1) and (i + 1 >= len(lines) or lines[i + 1].gap > 0)
    # A spaced-out line (长 沙 自 贸 会 展 区 …) is spread to fill the column, so the line under
    # it is its wrapped rest.
    spaced = _SPACED_PAIR.search(a.raw) or _SPACED_PAIR.search(b.raw)
    # A line much shorter than the one above is its wrapped end (…地理标志 / 运营推广项目).
    balanced = len(content_chars(b.text)) > 0.5 * len(content_chars(a.text))
    return (
        alone
        and balanced
        and not spaced
        and _complete_phrase(a.text)
        and (_complete_phrase(b.text) or _deck_phrase(b.text))
        and not is_byline(b.raw)
        and not is_byline(a.raw)
        and not _headline_wraps(a, b)
    )


def _deck_phrase(text: str) -> bool:
    """A deck of two clauses (射埠镇引导各村发展特色产业，村集体和农户“双增收”): commas inside, no
    sentence end, quotes closed."""
    n = len(content_chars(text))
    return (
        8 <= n <= 30
        and not re.search(r"[。；！？;!?、]", text)
        and not text.endswith(("，", ","))
        and text.count("“") == text.count("”")
        and not _UNFINISHED_END.search(text)
        and not REPORT_LEAD.match(text)
    )


def _headline_wraps(a: Line, b: Line) -> bool:
    """The second line of a headline block is only the wrapped end of the first (a word or two)."""
    return (
        b.gap == 0
        and len(content_chars(b.text)) <= 5
        and not re.search(r"[，。；：！？、,;:!?—】]$", a.text)  # 【县长论坛】 labels the headline below
        and not b.text.startswith(("—", "（", "("))
        and not is_byline(b.raw)
    )


# 本报讯（记者 … / 衡阳日报5月7日讯( / (文/李 茜)走进…: a dateline or an opening credit opens a
# report, it never continues a line above.
_DATELINE_OPENING = re.compile(
    r"^([\u4e00-\u9fff·]{1,20}?(\d{1,2}月\d{1,2}日)?讯[（(]|[（(](文|图|图/文|文/图|记者|通讯员)\s*[/／ ])"
)


def _headline_lines(lines: list[Line], header: list[bool]) -> list[bool]:
    """The lines of a headline block printed right above a names line or a dateline: each stands alone.

    Up to three short lines with no sentence punctuation over a byline (``记者 … 通讯员 …``,
    ``本报讯（记者 …``) are headline, deck and kicker, never the wrapped lines of a paragraph.
    """
    head = [False] * len(lines)
    for i, ln in enumerate(lines):
        if i == 0 or _is_parenthetical(ln.text):
            continue
        if not is_byline(ln.raw):
            # Over a dateline or an opening credit only the line right above, when it is a phrase
            # that stands alone after finished text (not the cut-off end of another article's
            # sentence: …由原来的3个工 / 作日压缩至).
            if (
                _DATELINE_OPENING.match(ln.text)
                and not header[i - 1]
                and _complete_phrase(lines[i - 1].text)
                and (_finished_before(lines, i - 1) or "讯" in ln.text[:24])
            ):
                head[i - 1] = True
            continue
        j = i - 1
        while (
            j >= 0
            and i - j <= 3
            and not header[j]
            and lines[j].width <= 70
            and not _SENTENCE_INSIDE.search(lines[j].text)
        ):
            head[j] = True
            j -= 1
        if (
            j >= 0
            and i - j > 1
            and not header[j]
            and not (ends_sentence(lines[j].text) or _is_parenthetical(lines[j].text))
            and lines[j].width <= NARROW_MAX
            and not _SENTENCE_INSIDE.search(lines[j + 1].text[-1:])
        ):
            # The text above runs on into these lines: they are the end of a paragraph after all.
            for k in range(j + 1, i):
                head[k] = head[k] and lines[k].gap > 0
    return head
