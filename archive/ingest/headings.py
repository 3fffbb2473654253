"""Which short lines between paragraphs are headlines (step 1 of :mod:`assemble`).

A short line is a headline when it sits with other headline material (subtitle, names line,
kicker), right under a headline (its deck), over its item's metadata, or where the page's digest
lists it; otherwise one score decides (:func:`headline_score`): a closing byline above or a
dateline below, the text above signing off or breaking off, the text below opening like a report,
the place or the setting changing, the line leading with a place count for a headline; a number
(一、/2.), two clauses, a word that needs a continuation (的/和/在) or a loose line in a wrapped
column count for an in-body subhead or a wrapped piece.
"""

from __future__ import annotations

import re

from .classify import _UNFINISHED, Kind, Unit
from .drafts import (
    HEADLINE_BAR,
    JUMP,
    TOPIC_SHIFT,
    continued_elsewhere,
    counties_in,
    jump_between,
    nearest_unit,
    text_window,
)
from .furniture import frames_item, is_buttons_line
from .gazetteer import find_mentions, is_place_led_headline
from .text import (
    DIGEST_ENTRY,
    BigramIndex,
    bigrams,
    ends_on_measure_word,
    ends_sentence,
    opens_report,
)

# A report's last paragraph often closes on a quoted official: …。”县委主要负责人表示。
_SIGN_OFF = re.compile(r"[。！？]”[^“”。]{2,24}(表示|说|介绍|指出|坦言)。$")


# 一、 / 2. / （三）: a numbered line is a subhead inside a body, not a headline.
_CN = "一二三四五六七八九十"


_NUMBERED = re.compile(rf"^(\d{{1,2}}[、.．]|[{_CN}]{{1,3}}[、.．]|[（(][{_CN}\d]{{1,3}}[)）])")


def headline_score(units: list[Unit], first: int, last: int, index: BigramIndex, md_page: bool) -> float:
    """Evidence that the short lines ``first..last`` (between paragraphs) start a new article."""
    u = units[first]
    text = "".join(units[k].text for k in range(first, last + 1) if units[k].kind == Kind.HEADING)
    prev, nxt = nearest_unit(units, first, -1), nearest_unit(units, last, 1)
    score = 0.0
    if _NUMBERED.match(u.text):
        score -= 6.0  # 一、 / 2. / （三）: numbered lines are subheads whatever else holds
    if prev is not None and (prev.closing or continued_elsewhere(units, prev.index, first)):
        # A closing byline or 下转第3版 ended the article above: what follows starts another.
        score += 4.0
    if nxt is not None and (nxt.dateline or nxt.opening_credit):
        score += 3.0  # 本报讯（记者 …）/ (文/李 茜)… opens the report under this line
    elif nxt is not None and nxt.kind == Kind.HEADING:
        # 岳阳县推行 / “一站式”殡葬惠民服务 / 本报讯…: the first words of a headline wrapped in a column
        below = nearest_unit(units, nxt.index, 1)
        if below is not None and (below.dateline or below.opening_credit):
            score += 3.0
    if nxt is not None and nxt.kind == Kind.BODY and nxt.closing and _credited_above(units, first):
        # The text above carries its byline and the paragraph below closes with a credit of its
        # own (记者/… 摄): two credited items, so this line heads the second (photo news, a brief).
        score += 1.5
    if first == last and _UNFINISHED.search(u.text):
        score -= 1.5  # ending on 的/和/在…: a piece of a sentence (loose column lines: see below)
    if prev is None and _jump_follows(units, last):
        score += 1.0  # 炎陵黄桃… / ▲… / 上接A1版: a continued article's headline heads the page
    cut_off = prev is not None and prev.kind == Kind.BODY and not ends_sentence(prev.text)
    in_column = u.narrow and (u.block is None or u.block.between_narrow)
    if cut_off and not in_column and len(prev.text) >= 30 and not prev.subhead:
        score += 2.0  # the text before stops mid-sentence: another article cuts in
    if nxt is not None and nxt.kind == Kind.BODY and opens_report(nxt.text):
        score += 1.0
        if _signed_above(units, first):
            score += 2.0  # a signed commentary (标题 / 县委书记 某某 / 正文) never goes on as a news report
    before, after = text_window(units, first, -1, limit=4), text_window(units, last, 1, limit=4)
    mentions = find_mentions(text, "title", context=text + after)
    if mentions:
        # Headlines name places; a subhead names one the article has named already (as a place:
        # 物流通道 above does not name 通道县).
        context = before + text + after
        named_before = {m.surface.canonical for m in find_mentions(before, "body", context=context)}
        fresh = not any(m.surface.canonical in named_before for m in mentions)
        score += 1.0 if fresh else 0.5
        if any(m.start == 0 for m in mentions) and fresh:
            score += 0.5  # 永兴：…, 祁东黄花菜…: a report's headline leads with its place
            if is_place_led_headline(text):
                score += 0.5  # place and colon (通道：…) is how a report's headline is written
    if prev is not None and prev.kind == Kind.BODY and _SIGN_OFF.search(prev.text):
        score += 1.0  # …”县农业农村局负责人表示。 is how a report usually ends
    if prev is None and nxt is not None and not nxt.narrow:
        score += 1.0  # the first line of the page, over a full-width paragraph
    if before and after:
        shared = min(
            index.coverage(bigrams(after), bigrams(before)), index.coverage(bigrams(before), bigrams(after))
        )
        if shared < TOPIC_SHIFT:
            score += 1.0
        here, there = counties_in(before), counties_in(after)
        if here and there and not here & there:
            score += 1.0  # the text before and after is about different counties
    both_body = prev is not None and nxt is not None and prev.kind == nxt.kind == Kind.BODY
    if both_body and prev.narrow != nxt.narrow:  # type: ignore[union-attr]
        score += 1.0  # the setting changes (full-width paragraphs ↔ a narrow column): another report
    set_apart = all(units[k].block is not None and units[k].block.set_apart for k in range(first, last + 1))
    if set_apart and (prev is None or ends_sentence(prev.text)):
        score += 1.0  # where a column's lines touch, lines set apart by blank lines after a finished text
    if u.block is not None and u.block.letter_spaced:
        score += 1.0  # typesetters space out headlines
    if u.block is not None and u.block.between_texts and not _SUBHEAD_LEAD.match(text):
        score += 1.0  # a brief's headline set between two texts (产业兴：… is a subhead's formula)
    if re.search(r"[，,]|.——", text):
        score -= 0.5  # 打造劳务品牌，端稳就业饭碗: two parallel clauses are how subheads are written
    town_brief = _TOWN_COLON.match(text) and nxt is not None and bool(nxt.dateline or nxt.opening_credit)
    if _SUBHEAD_LEAD.match(text) and not (is_place_led_headline(text) or town_brief):
        # (A town and a colon head a brief when a dateline opens the text below; inside a feature
        # touring the county's towns they are its subheads.)
        score -= 1.5  # 审管联动：放得开也管得住: a theme and a colon lead a subhead, not a report's headline
    if md_page and not u.md_level:
        score -= 2.0
    if all(_loose_piece(units[k]) for k in (first, last)):
        # A short line in a column of wrapped paragraphs is usually a piece of one; a block of
        # lines that ends over a full-width paragraph (headline / deck / text) is not in a column.
        score -= 2.0
    return score


# 夏塘镇：“屋场会”上解民忧: a town (乡镇, 街道) and a colon head a county page's brief too.
_TOWN_COLON = re.compile(r"^(?!乡镇|城镇|全镇|全乡|各乡|各镇|集镇)[\u4e00-\u9fff]{1,5}(镇|乡|街道)[：:]")


def _credited_above(units: list[Unit], i: int) -> bool:
    """The article above unit ``i`` has printed its byline (a names line or an opening credit)."""
    for u in reversed(units[:i]):
        if u.kind == Kind.NAMES or (u.kind == Kind.BODY and (u.opening_credit or u.credits)):
            return True
        if u.kind == Kind.HEADING and u.strong:
            return False
    return False


def _signed_above(units: list[Unit], i: int) -> bool:
    """The text just above unit ``i`` is a signed commentary: its author line heads the body."""
    for u in reversed(units[:i]):
        if u.kind in (Kind.CAPTION, Kind.FURNITURE):
            continue
        if u.kind == Kind.BODY and not (u.dateline or u.credits or u.closing or u.opening_credit):
            continue
        return u.kind == Kind.AUTHOR
    return False


# 产业兴：…, 人才聚：…: a short theme and a colon lead an article's subheads, not a report's headline.
_SUBHEAD_LEAD = re.compile(r"^[\u4e00-\u9fff]{2,4}[：:]")


def _loose_piece(u: Unit) -> bool:
    b = u.block
    return b is not None and b.loose_in_column and b.beside_wrapped and b.between_narrow


def _jump_follows(units: list[Unit], i: int) -> bool:
    """A 上接 line sits between unit ``i`` and the next paragraph (captions aside)."""
    for u in units[i + 1 :]:
        if u.kind == Kind.FURNITURE and JUMP.search(u.text):
            return True
        if u.kind not in (Kind.FURNITURE, Kind.CAPTION, Kind.CREDIT):
            return False
    return False


# ▶ 资江禁渔执法巡查不停歇: a push's 今日导读 marks its entries instead of numbering them.
_BULLETED_ENTRY = re.compile(r"^\s*[▶►▷★☆◆◇●○■·•▪]\s*(?=\S)")


def _unnumbered(text: str) -> str:
    text = _BULLETED_ENTRY.sub("", text, count=1)
    return re.sub(r"\s+", "", DIGEST_ENTRY.sub(lambda m: m.group(0)[-1], text, count=1))


def resolve_headings(units: list[Unit], index: BigramIndex) -> None:
    """Decide for each short line whether it is a headline or an in-body subhead.

    Short lines next to certain headline material (a subtitle, a names line, a kicker, an
    author line, a markdown headline) are headlines.  The others, alone or two in a row
    (a two-line subhead looks like a headline with its deck), are headlines only when the
    evidence adds up (see :func:`headline_score`); otherwise they are in-body subheads.
    """
    # A page that marks its headlines with #: one marked line (a feature's headline over plain
    # briefs) does not make the page's other headlines unlikely.
    md_page = sum(1 for u in units if u.md_level and u.kind == Kind.HEADING) >= 2
    pending = [
        i for i, u in enumerate(units) if u.kind == Kind.HEADING and not u.strong and u.duplicate_of is None
    ]

    def anchored(v: Unit | None, i: int) -> bool:
        if v is None or jump_between(units, i, v.index):
            # 上接第1版 under a headline block: the line below it opens the continued text.
            return False
        if v.kind == Kind.NAMES:
            # A closing byline （…） ends the body above it; right under a short line that is
            # not a paragraph's end, (文/杨 柳) is the names line of that headline.
            return not v.closing or (v.index > i and not ends_sentence(units[i].text))
        if v.kind == Kind.HEADING:
            return v.strong
        return v.kind in (Kind.KICKER, Kind.SUBTITLE, Kind.AUTHOR)

    # A digest or contents list the page prints (1.企业开办“一件事”最快半天办结) names its items'
    # headlines: a short line it lists, printed again between paragraphs, heads an item.
    listed = {
        _unnumbered(line)
        for u in units
        if u.kind == Kind.FURNITURE
        for line in ([ln.text for ln in u.block.lines] if u.block else [u.text])
        if DIGEST_ENTRY.match(line) or _BULLETED_ENTRY.match(line)
    }
    for _ in range(2):  # spreads along a headline block: names line → deck → headline
        for i in pending:
            u = units[i]
            if u.strong:
                continue
            u.item_head = re.sub(r"\s+", "", u.text) in listed
            if (
                u.item_head
                or anchored(nearest_unit(units, i, -1), i)
                or anchored(nearest_unit(units, i, 1), i)
                or _published_below(units, i)
            ):
                u.strong = True
    # The rest, in clusters of adjacent short lines.
    clusters: list[list[int]] = []
    for i in pending:
        u = units[i]
        if u.strong:
            continue
        prev = nearest_unit(units, i, -1)
        continued = prev is not None and ends_on_measure_word(prev.text)  # 衡南县新增3条 / 农产品…
        if (
            clusters
            and prev is not None
            and prev is units[clusters[-1][-1]]
            and (not u.fragment or continued)
        ):
            clusters[-1].append(i)
        else:
            clusters.append([i])
    for cluster in clusters:
        first, last = cluster[0], cluster[-1]
        above = nearest_unit(units, first, -1)
        # Right under a line just taken as a headline, a complete short line is its deck.
        deck = (
            above is not None
            and not jump_between(units, above.index, first)
            and above.kind == Kind.HEADING
            and above.strong
            and units[first].block is not None
            and units[first].block.gap_before > 0
            and not _NUMBERED.match(units[first].text)
            and len(cluster) == 1
        )
        below = nearest_unit(units, last, 1)
        # A headline's second line in a narrow column touches it and reads like a cut-off piece
        # of text; a report opening after a blank line below says the block was a headline.
        second_line = (
            above is not None
            and above.kind == Kind.HEADING
            and above.strong
            and len(cluster) == 1
            and units[first].block is not None
            and units[first].block.gap_before == 0
            and below is not None
            and below.block is not None
            # (a dateline below says so as surely as a blank line before the text)
            and (below.block.gap_before > 0 or bool(below.dateline))
            and bool(below.dateline or opens_report(below.text))
        )
        strong = deck or second_line or headline_score(units, first, last, index, md_page) >= HEADLINE_BAR
        for k in cluster:
            if strong:
                units[k].strong = True
            else:
                units[k].kind = Kind.BODY
                units[k].subhead = not units[k].fragment


# (A WeChat push: 原创 安化县融媒体中心 安化发布 2024年07月16日 19:02 湖南.)
_PUBLISHED = re.compile(
    r"(发布时间|发表时间|发布日期|来源|稿源|信息来源|作者)\s*[:：]|\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}"
)


def _published_below(units: list[Unit], i: int) -> bool:
    """An online item prints when and where it was published right under its headline."""
    k = i + 1
    while k < len(units) - 1 and k - i <= 2 and units[k].kind == Kind.FURNITURE and _buttons_only(units[k]):
        k += 1  # 【字体：大 中 小】 【打印本页】 or a video's length (▶ 01:55) between headline and metadata
    below = units[k] if k < len(units) else None
    if below is None or below.kind not in (Kind.FURNITURE, Kind.NAMES):
        return False
    raw = below.block.raw_joined if below.block else below.text
    # A list page prints each entry's date alone under its linked title ([2023-09-11]).
    if _STAMPED.search(raw):
        return True  # 道县融媒体中心 2024-10-14 20:05:30: who published the item, and when
    return bool(_PUBLISHED.search(raw)) and frames_item(raw) or bool(LIST_DATE.match(raw.strip()))


def _buttons_only(u: Unit) -> bool:
    return is_buttons_line(u.block.raw_joined if u.block else u.text)


_STAMPED = re.compile(
    r"^[^，。！？]{0,30}\d{4}(-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)\s*\d{1,2}:\d{2}(:\d{2})?[^，。！？]{0,16}$"
)


LIST_DATE = re.compile(r"^[\[【(（]?(\d{4}[-/.]\d{1,2}[-/.]|\d{2}-)\d{1,2}[\]】)）]?$")  # (or 06-11, no year)
