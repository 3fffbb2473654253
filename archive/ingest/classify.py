"""Blocks → typed units: headline candidates, bylines, captions, credits, furniture, body.

Each block is scored on its own features here (:func:`classify_block`); the passes that
re-read a unit with its neighbours (captions under a picture, kickers, list entries) are in
:mod:`unit_context`, and the decisions about articles (is this short line a headline or an
in-body subhead?  which article does a headline belong to?) are taken in :mod:`assemble`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from .bylines import (
    Credits,
    parse_author_line,
    parse_credit,
    parse_names,
    parse_names_line,
    split_closing_byline,
    split_dateline,
)
from .furniture import JUMP_LINE, is_web_metadata, split_web_metadata
from .gazetteer import is_column_line, is_place_led_headline
from .layout import Block
from .text import REPORT_LEAD, content_chars, despace, ends_sentence, is_series_line
from .types import ReporterCredit


class Kind(StrEnum):
    FURNITURE = "furniture"
    KICKER = "kicker"
    HEADING = "heading"  # headline candidate; assemble decides headline vs subhead
    SUBTITLE = "subtitle"
    NAMES = "names"
    AUTHOR = "author"
    CREDIT = "credit"
    CAPTION = "caption"
    LABEL = "label"  # 【重点提示】: a section label inside a body
    BODY = "body"


_CN_NUM = "一二三四五六七八九十"
# A headline never ends on a preposition or conjunction: such a short line is a piece of a sentence.
_UNFINISHED = re.compile(r"[的和与及至把被将向从对给在为]$")
_PHOTO_ROLES = {"图文", "图", "摄影"}
_DATE = r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?"
# A decoration alone on a line (■, ★★★): the typesetter's mark between two items.
SEPARATOR_LINE = re.compile(r"^([■□◆◇★☆●○◎※◢◣▼▽]{1,5}|[—－\-=＝_~～]{4,})$")  # (or a rule: ——————)
_FURNITURE = [
    JUMP_LINE,
    re.compile(r"^(责任编辑|责编|编辑|美编|校对|版式|组版|审读|值班编委|总编辑)\s*[:：]"),
    re.compile(r"^(第\s*\d{1,3}\s*版|[A-Z]\d{1,2}(版)?|\d{1,2}\s*版)$"),
    # The name of a picture column (图片新闻, 你拍我晒) over a photo item: the page's, not the item's.
    re.compile(
        r"^[【\[]?(图片新闻|新闻图片|图片报道|图说(新闻)?|图闻|看图说话|你拍我晒|随手拍|一线镜头|新闻镜头|镜头)[】\]]?$"
    ),
    SEPARATOR_LINE,
    # 【天气预报】 今天：多云转小雨，12℃~19℃，北风2级: a daily push's weather box.
    re.compile(
        r"^(【\s*天气(预报)?\s*】|(今天|明天|后天|今日|明日|白天|夜间)\s*[:：][^。]{0,30}-?\d{1,2}\s*℃.{0,20})$"
    ),
    # 农历二月十二 / 农历甲辰年冬月初七: a daily push's calendar line under its date.
    re.compile(
        r"^农历\s*([甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年\s*)?[正一二三四五六七八九十冬腊]{1,2}月\s*[初十廿卅一二三四五六七八九十]{2}$"
    ),
]
_HEADER_HINT = re.compile(
    r"(星期[一二三四五六日天]|周[一二三四五六日]|第\s*[0-9一二三四五六七八九十]{1,3}\s*版|[A-Z]\d{1,2}\b|版|日报|晚报)"
)
_EMBEDDED_FURNITURE = re.compile(r"\s*[（(]\s*(上接|下转|转第|接第)[^（）()]{1,10}版\s*[①-⑳]?\s*[)）]\s*$")
_LABEL = re.compile(r"^【[^】]{2,12}】$")
_CAPTION_BULLET = re.compile(r"^[▲△]\s*")
# ■ 龙山县举办农民丰收节: a bullet that marks the headline of a brief.
_BRIEF_BULLET = re.compile(r"^[■◆●★□◇○▌▍]\s*")
_LEADING_FURNITURE = re.compile(r"^[（(]\s*(上接|接上|接第)[^（）()]{0,10}版?\s*[①-⑳]?\s*[)）]\s*")
_NUMBERED = re.compile(rf"^(\d{{1,2}}|[{_CN_NUM}]{{1,3}})[、.．\s]|^[（(][{_CN_NUM}\d]{{1,3}}[)）]")


@dataclass
class Unit:
    kind: Kind
    text: str  # clean text (markdown marks, bullets, credits and bylines removed)
    start: int
    end: int
    block: Block | None = None
    md_level: int = 0
    credits: list[ReporterCredit] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    closing: bool = False  # paragraph ended with a closing byline: its article ends here
    dateline: str | None = None  # "株洲日报·掌上株洲讯": an article starts here
    opening_credit: bool = False  # (文/李 茜)走进…: a byline opening the paragraph, an article starts here
    furniture_tail: str | None = None  # "（下转第2版）" cut from the end of a paragraph
    furniture_head: str | None = None  # "（上接第一版）" cut from the start of a paragraph
    strong: bool = False  # for HEADING: certainly a headline (markdown top level, …)
    subhead: bool = False  # for BODY: an in-body subhead
    item_head: bool = False  # for HEADING: named by the page's digest or under an item number
    opens_item: bool = False  # for FURNITURE: a column's name printed over each of its items (【快讯】)
    duplicate_of: int | None = None  # index of the unit this one repeats
    fragment_removed: bool = False  # a repeated piece of another paragraph was cut from this one
    narrow: bool = False
    index: int = 0  # position among the page's units
    # Printed text that belongs to no article field (a paper's dateline, a photo supplier,
    # an author's official title): kept as page furniture so nothing is lost.
    aside: list[str] = field(default_factory=list)
    fragment: bool = False  # heading-shaped, but loose in a narrow column: likely a wrapped piece
    photo_credited: bool = False  # closed by a photo credit such as （图/文 吴远东）
    list_item: bool = False  # one line of a list (826名：三级林长) inside a body
    inline_caption: bool = False  # a short sentence with its photo credit on the same line
    bullet: str = ""  # ★ / ■ in front of a paragraph: a digest's or a brief column's item mark

    @property
    def is_heading_like(self) -> bool:
        return self.kind in (Kind.HEADING, Kind.KICKER, Kind.SUBTITLE)


def is_page_header(text: str) -> bool:
    """A page header: a date together with a page number, weekday, section or paper name."""
    if len(text) > 80:
        return False
    return bool(re.search(_DATE, text) and _HEADER_HINT.search(text))


def is_furniture(text: str) -> bool:
    t = text.strip()
    return any(p.match(t) for p in _FURNITURE) or is_page_header(t)


def heading_shape(text: str) -> bool:
    """Short, with no sentence-final punctuation: could be a headline or a subhead."""
    t = text.strip()
    n = len(content_chars(t))
    if n < 2 or len(t) > 48 or ends_sentence(t) and not t.endswith(("！", "？", "!", "?")):
        return False
    if re.search(r"[。；;]", t[:-1]) or _ANAPHORIC_START.match(t):
        return False
    return not t.endswith(("，", "、", "：", ":", ",", "；"))


# 该市成立… / 该县还…: a sentence referring back to the text above, never a headline's first word.
_ANAPHORIC_START = re.compile(r"^该(市|县|区|州|镇|乡|村|街道|社区|局|中心|公司|企业|项目|园区|院|校|合作社)")


def classify_block(block: Block) -> Unit:
    text = block.text
    raw = block.raw_joined
    unit = Unit(Kind.BODY, text, block.start, block.end, block, md_level=block.md_level, narrow=block.narrow)

    # An online dump may print the byline on its metadata line (来源：益阳日报  作者：记者 李娜).
    # （作者：邓雨婷 编辑：骆志华）: the same line closing an article in brackets.
    rest, metadata = split_web_metadata(re.sub(r"^[（(]\s*(.*?)\s*[)）]$", r"\1", raw.strip()))
    names_line = parse_names_line(rest) if metadata and len(rest) <= 48 else None
    if names_line is not None:
        unit.kind = Kind.NAMES
        unit.credits = names_line.credits
        unit.aside = metadata + _aside_of_credit("", names_line)
        unit.text = ""
        return unit
    # Metadata is matched as printed: its spaces separate 来源：… from what follows.
    if block.furniture or is_furniture(text) or is_web_metadata(raw):
        unit.kind = Kind.FURNITURE
        return unit
    bullet = _CAPTION_BULLET.match(text)
    if bullet:
        unit.kind = Kind.CAPTION
        unit.text = text[bullet.end() :]
        _split_caption_credit(unit)
        return unit
    bullet = _BRIEF_BULLET.match(text)
    # □平江县委书记 李明 / □粟文华/摄: a bullet also marks a byline, an official's author line
    # or a photo credit.
    unbulleted = _BRIEF_BULLET.sub("", raw)
    signed = bullet and (
        parse_names_line(unbulleted) or parse_author_line(unbulleted) or parse_credit(unbulleted)
    )
    if bullet and heading_shape(text[bullet.end() :]) and not signed:
        unit.kind = Kind.HEADING
        unit.strong = True
        unit.text = text[bullet.end() :]
        return unit
    if text.startswith(("——", "—— ")) and len(text) <= 70:
        unit.kind = Kind.SUBTITLE
        unit.text = text.lstrip("—- ").strip()
        return unit
    if _LABEL.match(text):
        unit.kind = Kind.LABEL
        return unit

    # Markdown marks and a decorative bullet (■ 本报记者 …) are not part of a byline.
    raw_clean = _BRIEF_BULLET.sub("", re.sub(r"^#+\s*", "", raw))
    credit = parse_credit(raw_clean)
    if credit is not None and len(text) <= 50:
        unit.kind = Kind.CREDIT
        unit.credits, unit.organisations = credit.credits, credit.organisations
        unit.aside = _aside_of_credit(raw_clean, credit)
        unit.text = ""
        return unit
    names_line = None
    if len(raw_clean) <= 48:
        # □ 邓 宁: the box is part of a signature (its bare names are the column's author).
        boxed = re.sub(r"^#+\s*", "", raw).strip()
        names_line = (parse_names_line(boxed) if boxed.startswith(("□", "■")) else None) or parse_names_line(
            raw_clean
        )
    if names_line is not None:
        unit.kind = Kind.NAMES
        unit.credits = names_line.credits
        unit.aside = _aside_of_credit("", names_line)
        unit.text = ""
        return unit
    dl = split_dateline(raw_clean)
    if dl and not content_chars(dl[1]):
        # 本报讯(记者 贺 艳 通讯员 周 平) on a line of its own: the byline of the article below.
        unit.kind = Kind.NAMES
        unit.dateline = dl[0]
        unit.credits = list(dl[2])
        unit.aside = [a for a in [_dateline_aside(raw_clean, dl[1], dl[0])] if a]
        unit.text = ""
        return unit
    author = parse_author_line(raw_clean)
    if author:
        unit.kind = Kind.AUTHOR
        unit.credits = author
        name_at_end = r"\s*".join(re.escape(c) for c in author[0].name) + r"\s*$"
        unit.aside = [despace(re.sub(name_at_end, "", raw_clean))]
        unit.text = ""
        return unit
    # A paragraph that is only a closing byline: （廖智慧 何茂金）
    closing = split_closing_byline(raw_clean)
    if closing and not content_chars(closing[0]):
        unit.kind = Kind.NAMES
        unit.closing = True
        unit.credits = closing[1].credits
        unit.organisations = closing[1].organisations
        unit.aside = _aside_of_credit("", closing[1])
        unit.text = ""
        return unit

    if _caption_with_credit(unit):
        unit.inline_caption = True
        return unit

    # A line opening like a report (今年以来，…) and cut off without a full stop is a paragraph
    # broken off by another article, not a deck line.
    report_piece = bool(REPORT_LEAD.match(text)) and bool(re.search(r"[，,]", text))
    if heading_shape(text) and not report_piece and not (block.narrow and not block.atomic and "，" in text):
        unit.kind = Kind.HEADING
        # In a narrow column a loose short line is usually a piece of a wrapped paragraph.
        # A place-led line (靖州：杨梅花开迎春来) is how a report's headline reads, not a wrapped piece.
        unit.fragment = (
            block.loose_in_column
            and ((block.between_narrow and block.beside_wrapped) or bool(_UNFINISHED.search(text)))
            and not is_place_led_headline(text)
        )
        if is_series_line(text) or is_column_line(text):
            unit.kind = Kind.KICKER  # a column line over a headline; alone it becomes a headline again
        return unit

    _split_body(unit)
    mark = _BRIEF_BULLET.match(raw.strip())
    if mark and unit.kind == Kind.BODY:
        unit.bullet = mark.group(0).strip()
        unit.text = _BRIEF_BULLET.sub("", unit.text)
    return unit


def _split_body(unit: Unit) -> None:
    """Cut a dateline byline from the start and a closing byline / jump line from the end.

    Works on the printed text (spaces kept) because spaces separate the names.
    """
    text = unit.block.raw_joined if unit.block else unit.text
    text = re.sub(r"^#+\s*", "", text)
    m = _LEADING_FURNITURE.match(text)
    if m:
        unit.furniture_head = despace(m.group(0))
        text = text[m.end() :]
    m = _EMBEDDED_FURNITURE.search(text)
    if m:
        unit.furniture_tail = despace(text[m.start() :])
        text = text[: m.start()].rstrip()
        # The article goes on on another page: its part on this page ends here.
        unit.closing = "下转" in m.group(0) or "转第" in m.group(0)
    opening = _OPENING_CREDIT.match(text)
    opening_names = (
        parse_names(
            opening.group("inner") or opening.group("reported") or opening.group("named"), strict=False
        )
        if opening
        else None
    )
    if opening and opening_names:
        # (文/李 茜)走进桃源县…: the byline printed in front of the first sentence.
        unit.opening_credit = True
        unit.credits = list(opening_names)
        text = text[opening.end() :].lstrip()
    dl = split_dateline(text)
    if dl:
        aside = _dateline_aside(text, dl[1], dl[0])
        if aside:
            unit.aside.append(aside)
        unit.dateline, rest, credits = dl
        unit.credits = list(credits)
        if credits:
            # A dateline with names (本报讯（记者 …）) is the byline; a bare one (本报讯　为推动…)
            # is printed as the paragraph's first words and stays in the body.
            text = rest
    closing = split_closing_byline(text)
    if closing:
        text = closing[0]
        unit.credits = unit.credits + closing[1].credits
        unit.organisations = unit.organisations + closing[1].organisations
        unit.aside += _aside_of_credit("", closing[1])
        unit.closing = True
        roles = {c.role for c in closing[1].credits}
        unit.photo_credited = bool(roles) and roles <= _PHOTO_ROLES and not unit.dateline
    else:
        tail = _TRAILING_CREDIT.search(text)
        credit = parse_credit(tail.group("credit")) if tail else None
        if tail and credit is not None:
            # …增添了节日气氛。 澧县融媒体中心供图 / … 刘 明 摄: photo news closed by a bare credit.
            text = text[: tail.start("credit")].rstrip()
            unit.credits = unit.credits + credit.credits
            unit.organisations = unit.organisations + credit.organisations
            unit.aside += _aside_of_credit("", credit)
            unit.closing = True
            unit.photo_credited = not unit.dateline
        else:
            labelled = _TRAILING_PICTURE_WRITER.search(text)
            names = parse_names(labelled.group("credit"), strict=False) if labelled else None
            if labelled and names:
                # …确保颗粒归仓。 图/文 张志明: photo news signed by whoever took and wrote it.
                text = text[: labelled.start("credit")].rstrip()
                unit.credits = unit.credits + list(names)
                unit.closing = True
                unit.photo_credited = not unit.dateline
    unit.text = despace(text)


# A byline in parentheses in front of a paragraph's first sentence: (文/李 茜)走进…
_OPENING_CREDIT = re.compile(
    r"^[（(](?P<inner>(文|图|图/文|文/图|记者|通讯员)\s*[/／ ][^（）()]{1,40})[)）]\s*(?=\S)"
    # 记者 周 涛 报道 8月25日，…: a labelled names run closed by 报道 run into the first sentence.
    r"|^(?P<reported>(本报|全媒体|融媒体)?(记者|通讯员)\s*[/／:：]?\s*[^，。,.；;：:]{2,40}?\s*报道)\s+(?=\S)"
    # 怀化日报全媒体记者 胡 蓉 记者从…获悉，…: the names run straight into the first sentence.
    r"|^([\u4e00-\u9fff·]{1,16}?(日报|晚报|融媒体中心|客户端))?"
    r"(?P<named>(本报|全媒体|融媒体)?(记者|通讯员)(\s+[\u4e00-\u9fff]{1,4}){1,6}?)\s+(?=[^\s，。,]{2,}[，。,])"
)


# A credit printed after the last sentence without parentheses, set off by a space.
_TRAILING_CREDIT = re.compile(
    r"[。！？!?”]\s+(?P<credit>[^。！？，,；;：:“”（）()]{2,30}?(供图|供稿|摄影?))\s*$"
)


_TRAILING_PICTURE_WRITER = re.compile(
    r"[。！？!?”]\s+(?P<credit>(图\s*[/／]\s*文|文\s*[/／]\s*图)\s*[\u4e00-\u9fff](\s?[\u4e00-\u9fff]){1,3}"
    r"(\s+[\u4e00-\u9fff](\s?[\u4e00-\u9fff]){1,3})?)\s*$"
)


_INLINE_CREDIT = re.compile(
    r"^(?P<cap>.{2,80}?[。！？.!?])\s*(?P<credit>[（(]?[^。！？（）()]{1,40}?(摄影?|供图)[)）]?)$"
)
# …除草施肥。 文/图 通讯员 余晓峰: a picture's text with its photographer-writer's credit after it.
_PICTURE_TEXT_CREDIT = re.compile(
    r"^(?P<cap>.{2,80}?[。！？.!?])\s+(?P<credit>(文/图|图/文|文图|图文)\s*[/／:：]?\s*[^。！？（）()，,]{2,30})$"
)


def _caption_with_credit(unit: Unit) -> bool:
    """``绥宁县数据局开展政务服务推广活动。 杨文凯 摄`` or ``…大厅。(市政务服务中心供图)``."""
    raw = unit.block.raw_joined if unit.block else unit.text
    m = _INLINE_CREDIT.match(raw.strip())
    if not m:
        m = _PICTURE_TEXT_CREDIT.match(raw.strip())
        names = parse_names(m.group("credit"), strict=False) if m else None
        if m and names and len(content_chars(m.group("cap"))) <= 40:
            unit.kind = Kind.CAPTION
            unit.text = despace(m.group("cap"))
            unit.credits = names
            unit.aside = _aside_of_credit(m.group("credit"), Credits(credits=names))
            return True
        return False
    if len(content_chars(m.group("cap"))) > 40:
        return False
    credit_text = m.group("credit").strip()
    if credit_text.startswith(("（", "(")) and not credit_text.endswith(("供图）", "供图)")):
        # （记者 李 平 摄） closing a short paragraph: a caption between paragraphs, the last
        # paragraph of photo news at the end of an item - decided by position later.
        return False
    credit = parse_credit(m.group("credit"))
    if credit is None:
        return False
    unit.kind = Kind.CAPTION
    unit.text = despace(m.group("cap"))
    unit.credits, unit.organisations = credit.credits, credit.organisations
    unit.aside = _aside_of_credit(m.group("credit"), credit)
    return True


_LONG_LABEL = re.compile(r"(本报|特约|见习|实习|全媒体|融媒体|融媒|首席|驻站)(记者|通讯员)")


_OWN_PAPER_DATELINE = re.compile(r"本(报|刊)(\d{1,2}月\d{1,2}日)?讯")


def _dateline_aside(printed: str, rest: str, paper: str) -> str:
    """What of a dateline no article field holds: the paper, and a long label such as 全媒体记者.

    The names are already the article's reporters, so they are not repeated here.
    """
    head = printed[: len(printed) - len(rest)].strip() if rest else printed.strip()
    labels = [m.group(0) for m in _LONG_LABEL.finditer(despace(head)[len(paper) :])]
    if not labels and _OWN_PAPER_DATELINE.fullmatch(paper):
        # 本报讯 names no paper and no one: it stays inside the article's span on the source
        # page and is not repeated as furniture.
        return ""
    return " ".join([paper, *dict.fromkeys(labels)])


def _aside_of_credit(raw: str, credit: Credits) -> list[str]:
    """The parts of a photo credit that are not people: the supplier organisation, the paper name."""
    if credit.printed_supply:
        return [credit.printed_supply]
    out = [f"{o}{credit.supplied}" for o in credit.organisations]
    if credit.printed_prefix or credit.publisher:
        out.append(credit.printed_prefix or credit.publisher or "")
    return out


def _split_caption_credit(unit: Unit) -> None:
    m = _INLINE_CREDIT.match(unit.text)
    if m:
        credit = parse_credit(m.group("credit"))
        if credit is not None:
            unit.text = m.group("cap")
            unit.credits, unit.organisations = credit.credits, credit.organisations
            unit.aside = _aside_of_credit(m.group("credit"), credit)


__all__ = ["Kind", "Unit", "classify_block", "heading_shape", "is_furniture", "is_page_header"]
