"""Which printed lines are headlines, judged from the lines around them.

A wrapped paragraph and a headline set in the same narrow column look alike line by line; what
tells them apart is the neighbourhood: finished text above and a report's opening below
(5月以来，… / 本报讯（记者 …）), a byline or a —— deck under a short line, two complete phrases
over each other.  :mod:`archive.ingest.layout` asks these questions before joining lines.
"""

from __future__ import annotations

import re

from .bylines import is_byline, split_dateline
from .gazetteer import is_place_led_headline
from .lines import NARROW_MAX, SPACED_PAIR, Line, is_parenthetical
from .text import CIRCLED, REPORT_LEAD, content_chars, ends_sentence, opens_report


def _finished_before(lines: list[Line], i: int) -> bool:
    """Nothing runs on into line ``i``: page start, a finished sentence, or a closing credit."""
    if i == 0:
        return True
    prev = lines[i - 1].text
    if i >= 2 and not lines[i - 1].gap:
        # A closing credit wrapped across two lines: （通 / 讯员 储文杰 吴湘云）
        prev = lines[i - 2].text + prev
    return ends_sentence(prev) or bool(re.search(r"[（(][^（）()]{1,40}[)）]$", prev))


def headline_over_lead(lines: list[Line], i: int) -> bool:
    """Line ``i`` is one of one or two short, complete lines sitting between finished text and
    a report's opening (今年以来，… / 4月12日，…): a headline, or a headline and its deck, however
    wide the column.  A single line only needs to hold no clause; a pair must be two phrases
    that each stand alone (see :func:`_complete_phrase`)."""
    if _PICTURE_LABEL.match(lines[i].text):
        return False  # 图丨长庆村“屋场会”现场: where a picture stood, not a headline
    for s, e in ((i, i), (i - 1, i), (i, i + 1)):
        if s < 0 or e + 1 >= len(lines) or not _opens_lead(lines[e + 1].text):
            continue
        if not _finished_before(lines, s):
            continue
        if s == e and headline_phrase(lines[s].text):
            return True
        pair = s < e and all(_complete_phrase(lines[k].text) for k in (s, e))
        if pair and lines[e].gap <= lines[s].gap + 1:
            return True
    return False


# 5月以来，…: under a headline this opens a brief as a date does; inside an article it is only
# the next paragraph, so it is no report lead elsewhere.
_SINCE = re.compile(r"^(\d{1,2}月|年初|入[春夏秋冬]|开春)以来")


_PICTURE_LABEL = re.compile(r"^图\s*[丨|｜:：为]")


def _opens_lead(text: str) -> bool:
    return opens_report(text) or bool(_SINCE.match(text))


def lone_headline(lines: list[Line], i: int) -> bool:
    """One line holding no clause between finished text and a report's opening line: a brief's
    headline as wide as its column (安江镇冷链设施让鲜果“跑”得更远 / 11月18日，…)."""
    return (
        0 < i < len(lines) - 1
        and not _PICTURE_LABEL.match(lines[i].text)
        and _opens_lead(lines[i + 1].text)
        and _finished_before(lines, i)
        and headline_phrase(lines[i].text)
    )


def headline_phrase(text: str) -> bool:
    """A line holding no clause: no comma or full stop, and a colon only after a short lead
    (邵阳经开区：产业项目“加速跑”), the way headlines name their subject."""
    if re.search(r"[，。、；,;]", text):
        return False
    colons = re.findall(r"[：:]", text)
    return not colons or (len(colons) == 1 and bool(re.match(r"^[^：:]{2,10}[：:][^：:]{4,}$", text)))


def headline_over_report(prev: Line, line: Line) -> bool:
    """A short unpunctuated line right on top of a much longer one that opens a report: a headline."""
    if len(prev.text) < 6 or prev.width >= 0.6 * line.width:
        return False
    if is_place_led_headline(prev.text) and not re.search(r"[，。；！？、,;!?]", prev.text):
        # 汉寿：老旧小区今年加装电梯47部 over a brief's text: a place-led headline, whatever the text says.
        return True
    return not re.search(r"[，。；：！？、,;:!?]", prev.text) and opens_report(line.text)


BULLETED_HEADLINE = re.compile(rf"^[■◆●★{CIRCLED}]\s*[^\s，。！？；,;!?]{{4,30}}$")


def headline_between_paragraphs(lines: list[Line], i: int) -> bool:
    """A complete short phrase between a finished sentence and a line opening a report (a quote,
    本报讯, 今年以来…): a brief's headline set in the column, not a wrapped line of text."""
    if not 0 < i < len(lines) - 1:
        return False
    prev, line, nxt = lines[i - 1], lines[i], lines[i + 1]
    if not ends_sentence(prev.text) or not _complete_phrase(line.text) or line.gap or nxt.gap:
        return False
    return nxt.text.startswith("“") or opens_report(nxt.text) or bool(split_dateline(nxt.text))


def headline_under_body(lines: list[Line], i: int) -> bool:
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


def headline_pair(lines: list[Line], i: int) -> bool:
    """Lines ``i-1`` and ``i`` touch, stand between blank lines, and each is a complete headline
    phrase (鼎城“一站式”矛调中心 / 把矛盾化解在家门口): a two-line headline, title over deck,
    not one line wrapped (a wrap leaves a word or a quotation cut, see :func:`headline_wraps`)."""
    a, b = lines[i - 1], lines[i]
    alone = (a.gap > 0 or i == 1) and (i + 1 >= len(lines) or lines[i + 1].gap > 0)
    # A spaced-out line (长 沙 自 贸 会 展 区 …) is spread to fill the column, so the line under
    # it is its wrapped rest.
    spaced = SPACED_PAIR.search(a.raw) or SPACED_PAIR.search(b.raw)
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
        and not headline_wraps(a, b)
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


def headline_wraps(a: Line, b: Line) -> bool:
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


def headline_lines(lines: list[Line], header: list[bool]) -> list[bool]:
    """The lines of a headline block printed right above a names line or a dateline: each stands alone.

    Up to three short lines with no sentence punctuation over a byline (``记者 … 通讯员 …``,
    ``本报讯（记者 …``) are headline, deck and kicker, never the wrapped lines of a paragraph.
    """
    head = [False] * len(lines)
    for i, ln in enumerate(lines):
        if i == 0 or is_parenthetical(ln.text):
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
            and not (ends_sentence(lines[j].text) or is_parenthetical(lines[j].text))
            and lines[j].width <= NARROW_MAX
            and not _SENTENCE_INSIDE.search(lines[j + 1].text[-1:])
        ):
            # The text above runs on into these lines: they are the end of a paragraph after all.
            for k in range(j + 1, i):
                head[k] = head[k] and lines[k].gap > 0
    return head
