"""Typed units → articles: which block is a headline, where articles start and end.

The decisions are scored rather than fixed by layout order:

1. a short line between paragraphs is a headline when it sits with other headline
   material (subtitle, names line, kicker) or directly under a headline (its deck);
   otherwise one score decides (:func:`headline_score`): a closing byline above or a
   dateline below, the text above signing off or breaking off, the text below opening
   like a report, the place or the setting changing, the line leading with a place, a
   continued article's 上接 line under it count for a headline; a number (一、/2.), two
   clauses, a word that needs a continuation (的/和/在) or a loose line in a wrapped column
   count for an in-body subhead or a wrapped piece;
2. each headline block is attached to the body before or after it (headlines are
   printed after their body on some pages) by a dynamic programme over the page that
   weighs the usual order against how much of the headline's wording the body shares;
   a body claimed from both sides is split where its wording turns from one headline
   to the other;
3. a body without a headline is joined to the article whose headline follows it (a
   series intro) or precedes it, when their wording agrees, or stays a headless brief;
4. paragraphs are moved back to an earlier article they continue (an article interrupted
   by another and resumed later), judged by shared wording with a lower bar when the
   earlier article stopped mid-sentence; running text never jumps back into an article
   that was finished; a paragraph that finishes a number or quantity another article
   broke off on (``增长 3`` / ``成以上，``, ``经营主体`` / ``8600余户，``) always goes back to it;
   the bar is also lower after a finished dateline brief (本报讯… ending on a full stop, the
   usual shape of an item printed inside another) and for a paragraph set in the other
   article's column; a closing byline under the resumed text signs the resumed article;
5. page furniture cuts articles (上接/下转 lines), and a paragraph closed by its own credit
   (inline, or a names line of its own under it) is an item of its own (photo news, the next
   brief) when one score says a new report starts there (:func:`new_report_score`: the text
   above finished, the paragraph opens like a report, a dateline brief above, another county);
   an article's last paragraph with neither headline nor credit is judged by the same score,
   with a change of wording standing in for the credit (photo news, :func:`_split_trailing_items`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .classify import _UNFINISHED, SEPARATOR_LINE, Kind, Unit
from .furniture import frames_item, header_parts, is_buttons_line, is_image_name
from .places import find_mentions, is_place_led_headline, leads_with_division
from .text import (
    CIRCLED,
    REPORT_LEAD,
    BigramIndex,
    bigrams,
    content_chars,
    ends_on_measure_word,
    ends_sentence,
    is_han,
    opens_report,
)

GROUP_KINDS = (Kind.KICKER, Kind.HEADING, Kind.SUBTITLE, Kind.NAMES, Kind.AUTHOR)
BODY_KINDS = (Kind.BODY, Kind.LABEL)

# Scores of the headline-attachment programme (see attach_groups).
FORWARD_PRIOR = 1.0
SIMILARITY_WEIGHT = 3.0
NAMES_FORWARD_BONUS = 1.0
TRAILING_BONUS = 1.5
ORPHAN_PENALTY = -1.0
SPLIT_PENALTY = -0.5
TOPIC_SHIFT = 0.1  # below this shared-wording share two stretches of text are different articles
SWITCH_MARGIN = 0.35
HEADLINE_BAR = 2.0  # headline_score from which a short line between paragraphs starts an article
RESUME_CONTEXT = 4  # paragraphs of an article compared with a candidate continuation
_JUMP = re.compile(r"(上接|下转|接上|转第|接第)")


@dataclass
class Group:
    units: list[Unit] = field(default_factory=list)
    # An online dump's metadata (来源/作者/发布时间) printed right under it: it heads what follows.
    meta_below: bool = False

    @property
    def has_title(self) -> bool:
        """A headline or subtitle (a series line alone only labels the article)."""
        return any(u.kind in (Kind.HEADING, Kind.SUBTITLE) for u in self.units)

    @property
    def has_names(self) -> bool:
        return any(u.kind in (Kind.NAMES, Kind.AUTHOR) for u in self.units)

    @property
    def text(self) -> str:
        return " ".join(u.text for u in self.units if u.kind in (Kind.HEADING, Kind.SUBTITLE, Kind.KICKER))


@dataclass
class Run:
    paras: list[Unit] = field(default_factory=list)
    hard_end: bool = False  # ends with a closing byline
    dateline: bool = False  # starts with XX讯(记者…)
    end_credits: list[Unit] = field(default_factory=list)  # standalone closing bylines
    footer: bool = False  # closed by an online dump's footer (责任编辑, 来源, 打印/关闭): the item ends here


@dataclass
class Draft:
    """An article being assembled."""

    title_group: Group | None = None
    names_groups: list[Group] = field(default_factory=list)
    paras: list[Unit] = field(default_factory=list)
    captions: list[Unit] = field(default_factory=list)
    extra_credits: list[Unit] = field(default_factory=list)  # closing names lines, standalone credits
    hard_end: bool = False
    title_after_body: bool = False
    resumed: bool = False
    split: bool = False
    low_confidence: bool = False
    order: int = 0  # page position of the first material
    anchor: list[Unit] = field(default_factory=list)  # paragraphs next to the headline: the article's core
    tail: Draft | None = None  # the article whose headline is printed after this body (see assemble)
    intro: int = 0  # paragraphs of a series intro printed above the headline (the rest follow it)

    def profile(self, recent: int | None = None, exclude: tuple[Unit, ...] = ()) -> Counter[str]:
        """Bigrams of the headline and the paragraphs (only the last ``recent`` ones if given).

        An article with little text yet is described by its anchor paragraphs too, except
        those in ``exclude`` (the paragraphs whose place is being decided).
        """
        c: Counter[str] = Counter()
        if self.title_group:
            c.update(bigrams(self.title_group.text))
        paras = self.paras if recent is None else self.paras[-recent:]
        for p in paras:
            c.update(bigrams(p.text))
        if len(self.paras) < 2:
            for p in self.anchor:
                if p not in exclude and p not in self.paras:
                    c.update(bigrams(p.text))
        return c

    @property
    def open(self) -> bool:
        """Stopped mid-sentence: the rest may follow later on the page."""
        return bool(self.paras) and not self.hard_end and not ends_sentence(self.paras[-1].text)


@dataclass
class Assembly:
    drafts: list[Draft]
    furniture: list[Unit]


def _is_content(u: Unit) -> bool:
    return u.duplicate_of is None and u.kind not in (Kind.FURNITURE, Kind.CAPTION, Kind.CREDIT)


def _neighbours(units: list[Unit], i: int, step: int) -> Unit | None:
    j = i + step
    while 0 <= j < len(units):
        if _is_content(units[j]):
            return units[j]
        j += step
    return None


def _jump_between(units: list[Unit], i: int, j: int) -> bool:
    """A 上接/下转 line stands between units ``i`` and ``j``."""
    lo, hi = min(i, j), max(i, j)
    return any(u.kind == Kind.FURNITURE and _JUMP.search(u.text) for u in units[lo + 1 : hi])


def _continued_elsewhere(units: list[Unit], i: int, j: int) -> bool:
    """A 下转 line between units ``i`` and ``j``: the article of unit ``i`` goes on on another page."""
    return any(u.kind == Kind.FURNITURE and ("下转" in u.text or "转第" in u.text) for u in units[i + 1 : j])


def _window(units: list[Unit], i: int, step: int, limit: int = 8) -> str:
    """Up to ``limit`` body paragraphs next to unit ``i`` (stops at headline material)."""
    out: list[str] = []
    j = i + step
    while 0 <= j < len(units) and len(out) < limit:
        u = units[j]
        if u.duplicate_of is None:
            if u.kind in BODY_KINDS and not (u.kind == Kind.BODY and u.subhead):
                out.append(u.text)
                if step < 0 and u.closing:
                    break
                if step > 0 and u.closing:
                    break
            elif u.kind in GROUP_KINDS:
                break
        j += step
    return "".join(out)


# A report's last paragraph often closes on a quoted official: …。”县委主要负责人表示。
_SIGN_OFF = re.compile(r"[。！？]”[^“”。]{2,24}(表示|说|介绍|指出|坦言)。$")
# 一、 / 2. / （三）: a numbered line is a subhead inside a body, not a headline.
_CN = "一二三四五六七八九十"
_NUMBERED = re.compile(rf"^(\d{{1,2}}[、.．]|[{_CN}]{{1,3}}[、.．]|[（(][{_CN}\d]{{1,3}}[)）])")


def headline_score(units: list[Unit], first: int, last: int, index: BigramIndex, md_page: bool) -> float:
    """Evidence that the short lines ``first..last`` (between paragraphs) start a new article."""
    u = units[first]
    text = "".join(units[k].text for k in range(first, last + 1) if units[k].kind == Kind.HEADING)
    prev, nxt = _neighbours(units, first, -1), _neighbours(units, last, 1)
    score = 0.0
    if _NUMBERED.match(u.text):
        score -= 6.0  # 一、 / 2. / （三）: numbered lines are subheads whatever else holds
    if prev is not None and (prev.closing or _continued_elsewhere(units, prev.index, first)):
        # A closing byline or 下转第3版 ended the article above: what follows starts another.
        score += 4.0
    if nxt is not None and (nxt.dateline or nxt.opening_credit):
        score += 3.0  # 本报讯（记者 …）/ (文/李 茜)… opens the report under this line
    elif nxt is not None and nxt.kind == Kind.HEADING:
        # 岳阳县推行 / “一站式”殡葬惠民服务 / 本报讯…: the first words of a headline wrapped in a column
        below = _neighbours(units, nxt.index, 1)
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
    before, after = _window(units, first, -1, limit=4), _window(units, last, 1, limit=4)
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
        here, there = _counties(before), _counties(after)
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
        if u.kind == Kind.FURNITURE and _JUMP.search(u.text):
            return True
        if u.kind not in (Kind.FURNITURE, Kind.CAPTION, Kind.CREDIT):
            return False
    return False


_NUMBERED_ENTRY = re.compile(r"^\s*\d{1,2}\s*[.、．｜|丨]\s*\S")


def _unnumbered(text: str) -> str:
    return re.sub(r"\s+", "", _NUMBERED_ENTRY.sub(lambda m: m.group(0)[-1], text, count=1))


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
        if v is None or _jump_between(units, i, v.index):
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
        if _NUMBERED_ENTRY.match(line)
    }
    for _ in range(2):  # spreads along a headline block: names line → deck → headline
        for i in pending:
            u = units[i]
            if not u.strong and (
                anchored(_neighbours(units, i, -1), i)
                or anchored(_neighbours(units, i, 1), i)
                or _published_below(units, i)
                or re.sub(r"\s+", "", u.text) in listed
            ):
                u.strong = True
    # The rest, in clusters of adjacent short lines.
    clusters: list[list[int]] = []
    for i in pending:
        u = units[i]
        if u.strong:
            continue
        prev = _neighbours(units, i, -1)
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
        above = _neighbours(units, first, -1)
        # Right under a line just taken as a headline, a complete short line is its deck.
        deck = (
            above is not None
            and not _jump_between(units, above.index, first)
            and above.kind == Kind.HEADING
            and above.strong
            and units[first].block is not None
            and units[first].block.gap_before > 0
            and not _NUMBERED.match(units[first].text)
            and len(cluster) == 1
        )
        below = _neighbours(units, last, 1)
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
    return bool(_PUBLISHED.search(raw)) and frames_item(raw) or bool(_LIST_DATE.match(raw.strip()))


def _buttons_only(u: Unit) -> bool:
    return is_buttons_line(u.block.raw_joined if u.block else u.text)


_STAMPED = re.compile(
    r"^[^，。！？]{0,30}\d{4}(-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)\s*\d{1,2}:\d{2}(:\d{2})?[^，。！？]{0,16}$"
)


_LIST_DATE = re.compile(
    r"^[\[【(（]?(\d{4}[-/.]\d{1,2}[-/.]|\d{2}-)\d{1,2}[\]】)）]?$"
)  # (or 06-11, no year)


def _body_below(units: list[Unit], i: int) -> Unit | None:
    """The next body paragraph after unit ``i`` if nothing but captions and furniture lie between."""
    for u in units[i + 1 :]:
        if u.duplicate_of is not None or u.kind in (Kind.FURNITURE, Kind.CAPTION, Kind.CREDIT):
            continue
        return u if u.kind == Kind.BODY else None
    return None


def _photographers_of_captions(units: list[Unit], u: Unit) -> bool:
    """A names line crediting photographers only, right under a caption."""
    if not u.credits or any(c.role != "摄影" for c in u.credits) or u.index < 1:
        return False
    return units[u.index - 1].kind == Kind.CAPTION


def _web_line(u: Unit) -> bool:
    raw = u.block.raw_joined if u.block else u.text
    return frames_item(raw) or bool(_EDITOR_FOOTER.match(raw.strip()))


def _web_names(u: Unit) -> bool:
    """A names line printed as an online dump's metadata (作者：…, 来源：… 作者：…)."""
    raw = (u.block.raw_joined if u.block else u.text).strip()
    return bool(_WEB_NAMES.match(raw))


# 作者：…, and a county media centre's staff list after the text (记 者：… / 通讯员：… / 摄 影：…).
_WEB_NAMES = re.compile(
    r"^[\[【(（]?\s*(作\s*者|来\s*源|稿\s*源|记\s*者|通讯员|摄\s*影|摄\s*像|文\s*字)\s*[:：]"
)


_EDITOR_FOOTER = re.compile(r"^[\[【(（]?\s*(责任编辑|责编|编辑|审核|校对)\s*[:：]")


def build_elements(units: list[Unit]) -> tuple[list[Group | Run], list[Unit], list[Unit]]:
    """Group headline material, collect runs of body paragraphs, set captions and furniture aside.

    Returns the elements in page order, the captions and credits (placed later), and the furniture.
    """
    elements: list[Group | Run] = []
    floating: list[Unit] = []
    furniture: list[Unit] = []
    group: Group | None = None
    run: Run | None = None
    footer_run: Run | None = None  # the online item whose footer is being read

    def close_group() -> None:
        nonlocal group
        if group is not None:
            elements.append(group)
            group = None

    def close_run() -> None:
        nonlocal run
        if run is not None and (run.paras or run.end_credits):
            elements.append(run)
        run = None

    for u in units:
        if u.duplicate_of is not None:
            continue
        if u.kind == Kind.FURNITURE:
            furniture.append(u)
            if group is not None and run is None and group.has_title and _LIST_DATE.match(u.text.strip()):
                group.meta_below = True  # 06-11 under a picture column's headline: its date line
            if _web_line(u):
                # An online dump frames each item: metadata under its headline, a footer after its body.
                if group is not None and run is None and group.has_title:
                    # 责任编辑：… right under a headline closes the item that headline ends (a
                    # page printing its headlines after the text); 来源/发布时间 open the one it heads.
                    raw = (u.block.raw_joined if u.block else u.text).strip()
                    group.meta_below = group.meta_below or not _EDITOR_FOOTER.match(raw)
                elif run is not None and run.paras:
                    run.hard_end = run.footer = True
                    footer_run = run
                    close_run()
                continue
            if SEPARATOR_LINE.match(u.text.strip()):
                # ■ between two paragraphs: the typesetter closed one item and opens another.
                if run is not None:
                    run.hard_end = True
                close_run()
                close_group()
            elif _JUMP.search(u.text):
                # 下转第X版 ends the article's part on this page; after 上接A1版 another one goes on.
                if run is not None and ("下转" in u.text or "转第" in u.text):
                    run.hard_end = True
                close_run()
                close_group()
            elif header_parts(u.text)[0]:
                # A masthead or a dated page header (repeated above each e-paper item) is
                # never inside a headline block or an item's text: what follows it is another item.
                if run is not None and run.paras:
                    run.hard_end = True
                close_run()
                close_group()
            continue
        if u.kind == Kind.CAPTION and _picture_item_text(units, u, group, run):
            # 图片新闻: under an online item's headline and metadata, a credited caption with no
            # text after it is the item's text.
            u.kind = Kind.BODY
            close_group()
            run = Run(paras=[u])
            run.hard_end = True
            close_run()
            continue
        if u.kind in (Kind.CAPTION, Kind.CREDIT):
            floating.append(u)
            if u.kind == Kind.CREDIT and run is not None and run.paras:
                # A photo-news credit closes the item above it, which may be an item of its own;
                # under a brief already signed in its dateline, the credit signs a second item.
                signed = bool(run.paras[0].dateline and run.paras[0].credits)
                if _own_item(run, elements, signed=signed):
                    last = run.paras.pop()
                    close_run()
                    run = Run(paras=[last])
                run.hard_end = True
                close_run()
            continue
        if u.kind == Kind.NAMES and _photographers_of_captions(units, u) and run is not None and run.paras:
            # 摄影 汤志恒 王诗琪 under a picture spread's captions: the pictures' credit, and the end of
            # the report they illustrate (not the byline of what follows).
            run.end_credits.append(u)
            run.hard_end = True
            close_run()
            continue
        if (
            u.kind == Kind.NAMES
            and _web_names(u)
            and (run is not None and run.paras or footer_run is not None)
        ):
            # 作者：… in an online item's footer, after its text: the credit of that item, which ends here.
            if run is not None and run.paras:
                run.hard_end = run.footer = True
                footer_run = run
                close_run()
            footer_run.end_credits.append(u)
            continue
        footer_run = None
        if u.kind == Kind.NAMES and u.closing and run is None and group is not None and group.has_title:
            # （文/杨 柳） right under a headline, before any body: the names line of that headline.
            group.units.append(u)
            continue
        if (
            u.kind == Kind.NAMES
            and run is None
            and group is None
            and elements
            and isinstance(elements[-1], Run)
            and elements[-1].end_credits
            and elements[-1].end_credits[-1].index == u.index - 1
        ):
            # 文字：何静 / 图片：蒋凡: a second credit line right under an item's credit signs it too.
            elements[-1].end_credits.append(u)
            continue
        if u.kind == Kind.NAMES and u.closing:
            # （廖智慧 何茂金）on a line of its own: the credit of the body above, which ends there;
            # the paragraph right above may be a brief of its own (same decision as for credits).
            if run is not None and _own_item(run, elements):
                item = [run.paras.pop()]
                while run.paras and run.paras[-1].kind == Kind.LABEL:  # the item's section label
                    item.insert(0, run.paras.pop())
                close_run()
                run = Run(paras=item)
            if run is None:
                close_group()
                run = Run()
            run.end_credits.append(u)
            run.hard_end = True
            close_run()
            continue
        bracketed_label = u.kind == Kind.KICKER and bool(re.fullmatch(r"[【\[][^】\]]{1,16}[】\]]", u.text))
        numbered = u.text[:1] in CIRCLED  # a digest's numbered headline is never a first sentence
        if (
            group is not None
            and group.meta_below
            and run is None
            and u.kind in (Kind.HEADING, Kind.KICKER)
            and not numbered
        ):
            if bracketed_label:
                # 【县域观察】 under the deck: the column's label, in the headline block.
                group.units.append(u)
                continue
            # Under an online item's headline and metadata the text begins: a short first line
            # (眼下，正是采摘的好时节！) is its first sentence, not another headline.
            u.kind = Kind.BODY
        if u.kind in GROUP_KINDS:
            close_run()
            if group is not None and _starts_new_group(group, u):
                close_group()
            if group is None:
                group = Group()
            group.units.append(u)
            continue
        # body paragraph
        close_group()
        if run is not None and (u.dateline or u.opening_credit):
            close_run()
        elif (
            run is not None
            and run.paras
            and u.bullet
            and (leads_with_division(u.text) or run.paras[-1].bullet and opens_report(u.text))
        ):
            # ★ 汨罗市政务服务中心推出…: a digest or brief column marks each item, its place first
            # or, under another marked item, a report's opening (◆ 近日，… ◆ 12月10日，…).
            run.hard_end = True
            close_run()
        if run is None:
            run = Run(dateline=bool(u.dateline))
        run.paras.append(u)
        if u.closing:
            if _own_item(run, elements, _body_below(units, u.index)):  # an item closed by its own byline
                item = [run.paras.pop()]
                while run.paras and run.paras[-1].kind == Kind.LABEL:  # the item's section label
                    item.insert(0, run.paras.pop())
                close_run()
                run = Run(paras=item)
            run.hard_end = True
            close_run()
    close_group()
    close_run()
    return elements, floating, furniture


def _picture_item_text(units: list[Unit], u: Unit, group: Group | None, run: Run | None) -> bool:
    """A credited caption right under an online item's headline and metadata, with no text of the
    item after it (the next thing is another headline or the page's end): a picture page's item."""
    if run is not None:
        return False
    below = _next_kept(units, u.index, skip_furniture=True)
    # (the caption's credit may stand on the line below it: （龙山县融媒体中心 彭刚 摄）)
    credit_below = below is not None and below.kind in (Kind.CAPTION, Kind.CREDIT) and not below.text
    if not (u.credits or credit_below and below.credits):
        return False
    if group is not None:
        if not (group.meta_below and group.has_title):
            return False
    else:
        # (or under an item's metadata alone: a picture item printed without its headline)
        k = u.index - 1
        while k >= 0 and (units[k].duplicate_of is not None or is_image_name(units[k].text)):
            k -= 1
        above = units[k] if k >= 0 else None
        raw = (above.block.raw_joined if above.block else above.text).strip() if above else ""
        if not (above and above.kind == Kind.FURNITURE and frames_item(raw)) or _EDITOR_FOOTER.match(raw):
            return False
    last = below if credit_below else u
    for k in range(last.index + 1, len(units)):  # (indices, not a slice: the page is not copied per caption)
        nxt = units[k]
        if nxt.duplicate_of is not None:
            continue
        if nxt.kind == Kind.FURNITURE:
            if _web_line(nxt):
                return True  # the next item's metadata
            continue
        return nxt.kind not in (Kind.BODY, Kind.LABEL, Kind.CAPTION)
    return True


def _next_kept(units: list[Unit], i: int, *, skip_furniture: bool) -> Unit | None:
    for k in range(i + 1, len(units)):
        v = units[k]
        if v.duplicate_of is None and not (skip_furniture and v.kind == Kind.FURNITURE):
            return v
    return None


OWN_ITEM_BAR = 3.0  # new_report_score from which headless text is an item of its own
# An uncredited last paragraph sharing less wording than this with its article may be photo news
# (a real closing paragraph shares 0.4 and more; see _split_trailing_items).
TRAILING_SHIFT = 0.2
SHIFT_CONTEXT = 150  # characters of text above needed before its wording is compared


def new_report_score(
    before: list[Unit],
    para: Unit,
    *,
    closed: bool,
    after_dateline: bool,
    broken_off: bool = False,
    resumed_below: bool = False,
) -> float:
    """How strongly ``para``, running on after ``before`` without a headline, starts a report of its own.

    One decision for every place where headless text may begin a new item: the text above must
    be finished (a full stop, a closed quote or a credit); then a report's opening, a dateline
    brief above (such briefs are one thing each), a credit closing ``para`` itself and a county
    the text above does not name each count for a new item; naming the same places counts against,
    and so does running on mid-phrase while an earlier article broke off mid-sentence
    (``broken_off``): that is the rest of the interrupted article, not a new report.  Text above
    that breaks off mid-sentence and resumes right below ``para`` (``resumed_below``) counts for it.
    """
    # A section label (【县区快讯】) right above ``para`` heads what follows it: the text above
    # the label is what must be finished.
    while before and before[-1].kind == Kind.LABEL:
        before = before[:-1]
    if not before:
        return float("-inf")
    score = 0.0
    if resumed_below:
        score += 1.0  # the text above breaks off and goes on right below ``para``: ``para`` cut in
    elif not (ends_sentence(before[-1].text) or before[-1].closing):
        return float("-inf")
    if opens_report(para.text):
        score += 1.0
    elif broken_off:
        score -= 1.0
    if after_dateline:
        score += 1.0
    if closed:
        score += 1.0
    here = _counties(para.text)
    there = _prefectures("".join(p.text for p in before))
    if here and not here & there:
        score += 1.0
    elif here & there:
        score -= 1.5
    return score


def _own_item(
    run: Run, earlier: list[Group | Run], below: Unit | None = None, *, signed: bool = False
) -> bool:
    """The run's last paragraph, closed by a credit, is an item of its own (photo news, a brief).

    ``below`` is the paragraph printed after it: when it finishes the sentence the run broke off
    before its last paragraph, that paragraph is a whole item printed inside another article.
    """
    if len(run.paras) < 2:
        return False
    broken_off = any(isinstance(e, Run) and e.paras and not ends_sentence(e.paras[-1].text) for e in earlier)
    resumed = below is not None and _continues(run.paras[-2].text, below.text)
    score = new_report_score(
        run.paras[:-1],
        run.paras[-1],
        closed=True,
        after_dateline=run.dateline,
        broken_off=broken_off,
        resumed_below=resumed,
    )
    if signed and len(run.paras) == 2:
        score += 1.5
    return score >= OWN_ITEM_BAR


def _starts_new_group(group: Group, u: Unit) -> bool:
    kinds = [g.kind for g in group.units]
    if u.kind == Kind.HEADING and u.text[:1] in CIRCLED and Kind.HEADING in kinds:
        return True  # ①梅城镇… under a digest's own heading: the digest's first item
    if u.kind == Kind.KICKER and any(k != Kind.KICKER for k in kinds):
        return True
    if u.kind in (Kind.HEADING, Kind.SUBTITLE, Kind.KICKER) and any(
        k in (Kind.NAMES, Kind.AUTHOR) for k in kinds
    ):
        return True
    if u.kind == Kind.HEADING and u.md_level:
        same = [g for g in group.units if g.kind == Kind.HEADING and g.md_level == u.md_level]
        if same:
            return True
    return u.kind == Kind.HEADING and sum(1 for k in kinds if k == Kind.HEADING) >= 2


def _run_bigrams(run: Run) -> set[str]:
    out: set[str] = set()
    for p in run.paras:
        out |= bigrams(p.text)
    return out


def _best_split(run: Run, left: Group, right: Group, index: BigramIndex) -> tuple[int, float] | None:
    """Where a body claimed by two headlines turns from the first to the second."""
    n = len(run.paras)
    if n < 2:
        return None
    lg, rg = bigrams(left.text), bigrams(right.text)
    para_grams = [bigrams(p.text) for p in run.paras]
    sl = [index.coverage(lg, g) for g in para_grams]
    sr = [index.coverage(rg, g) for g in para_grams]
    best: tuple[float, int] | None = None
    for k in range(1, n):
        before = set().union(*para_grams[max(0, k - 3) : k])
        after = set().union(*para_grams[k : k + 3])
        coherence = index.coverage(after, before)
        mean_l = sum(sl[:k]) / k - sum(sl[k:]) / (n - k)
        mean_r = sum(sr[k:]) / (n - k) - sum(sr[:k]) / k
        score = mean_l + mean_r - 2.0 * coherence
        if ends_sentence(run.paras[k - 1].text):
            score += 0.1
        if best is None or score > best[0]:
            best = (score, k)
    assert best is not None
    k = best[1]
    prefix = set().union(*para_grams[:k])
    suffix = set().union(*para_grams[k:])
    if index.coverage(lg, prefix) < 0.2 or index.coverage(rg, suffix) < 0.2:
        return None
    return k, index.coverage(lg, prefix) + index.coverage(rg, suffix)


def attach_groups(elements: list[Group | Run], index: BigramIndex) -> dict[int, str]:
    """Choose for every headline group: the body after it, the body before it, or none.

    Dynamic programme over the groups in page order; returns {element index: 'fwd'|'bwd'|'none'}.
    """
    gidx = [i for i, e in enumerate(elements) if isinstance(e, Group)]
    if not gidx:
        return {}
    grams = {i: bigrams(elements[i].text) for i in gidx}  # type: ignore[union-attr]
    run_grams: dict[int, set[str]] = {
        i: _run_bigrams(e) for i, e in enumerate(elements) if isinstance(e, Run)
    }

    def option_scores(i: int) -> dict[str, float]:
        g: Group = elements[i]  # type: ignore[assignment]
        prev = elements[i - 1] if i > 0 else None
        nxt = elements[i + 1] if i + 1 < len(elements) else None
        out = {"none": ORPHAN_PENALTY if g.has_title else -0.5}
        if isinstance(nxt, Run) and nxt.paras:
            s = FORWARD_PRIOR + SIMILARITY_WEIGHT * index.coverage(grams[i], run_grams[i + 1])
            if g.has_names:
                s += NAMES_FORWARD_BONUS
            if not g.has_title:
                s += 1.0
            if g.meta_below:
                s += 3.0
            out["fwd"] = s
        if isinstance(prev, Run) and prev.paras and not prev.footer and not g.meta_below:
            s = SIMILARITY_WEIGHT * index.coverage(grams[i], run_grams[i - 1])
            if nxt is None or isinstance(nxt, Group):
                s += TRAILING_BONUS
            if not g.has_title:
                s = min(s, 0.2)
            out["bwd"] = s
        return out

    opts = [option_scores(i) for i in gidx]
    # best[k][state] = (score, back-pointer)
    best: list[dict[str, tuple[float, str | None]]] = []
    for k, i in enumerate(gidx):
        row: dict[str, tuple[float, str | None]] = {}
        for state, s in opts[k].items():
            if k == 0:
                row[state] = (s, None)
                continue
            cands = []
            j = gidx[k - 1]
            for pstate, (ps, _) in best[k - 1].items():
                extra = 0.0
                if j + 2 == i and pstate == "fwd" and state == "bwd":
                    left, right = elements[j], elements[i]
                    run = elements[j + 1]
                    if left.has_title and right.has_title:  # type: ignore[union-attr]
                        split = _best_split(run, left, right, index)  # type: ignore[arg-type]
                        if split is None:
                            continue
                        extra = SPLIT_PENALTY
                cands.append((ps + s + extra, pstate))
            if cands:
                row[state] = max(cands)
        best.append(row)
    # backtrack
    k = len(gidx) - 1
    state = max(best[k], key=lambda st: best[k][st][0])
    choice: dict[int, str] = {}
    while k >= 0:
        choice[gidx[k]] = state
        prev_state = best[k][state][1]
        k -= 1
        if prev_state is not None:
            state = prev_state
    return choice


def assemble(units: list[Unit]) -> Assembly:
    """Cut the page's units into articles (see the module docstring for the steps)."""
    index = BigramIndex(u.text for u in units if u.kind in BODY_KINDS or u.kind == Kind.HEADING)
    resolve_headings(units, index)
    elements, floating, furniture = build_elements(units)
    choice = attach_groups(elements, index)
    drafts = _drafts(elements, choice, index)
    drafts = _merge_headless(drafts, index, units)
    drafts = _rejoin_continued_headlines(drafts, units)
    drafts = _Resumer(drafts, index, units).run()
    drafts = _split_trailing_items(drafts, index)
    drafts = _split_items_about_another_county(drafts)
    _promote_subheads(drafts)
    _place_floating(drafts, floating, index)
    drafts = [d for d in drafts if d.paras or d.title_group or d.captions]
    return Assembly(drafts, furniture)


# 6月18日，城步苗族自治县…, 近日，保靖县…: a date, then the place the item is about.
_DATE_LEAD = re.compile(r"^(\d{1,2}月\d{1,2}日|近日|日前|连日来)[，,]?")


def _split_items_about_another_county(drafts: list[Draft]) -> list[Draft]:
    """A paragraph opening with a date and a county that the article above never names is a
    headless item of its own (photo news, a brief without headline), not the article's next
    paragraph: a report goes on about its own county, and when it turns to another it does not
    open the paragraph with a date.
    """
    out: list[Draft] = []
    for d in drafts:
        out.append(d)
        if len(d.paras) < 2 or d.resumed or d.tail is not None or d.title_after_body:
            continue
        paras = sorted(d.paras, key=lambda p: p.start)
        head = d.title_group.text if d.title_group is not None else ""
        for k in range(1, len(paras)):
            p = paras[k]
            lead = _DATE_LEAD.match(p.text)
            if lead is None or p.subhead or p.dateline:
                continue
            named = _counties(p.text[lead.end() : lead.end() + 12])
            seen = _counties(head + " ".join(q.text for q in paras[:k]))
            if not named or not seen or named & seen:
                continue
            cut = p.start
            item = Draft(paras=paras[k:], order=cut, hard_end=d.hard_end)
            item.extra_credits = [u for u in d.extra_credits if u.start > cut]
            item.captions = [u for u in d.captions if u.start > cut]
            d.paras = paras[:k]
            d.extra_credits = [u for u in d.extra_credits if u.start <= cut]
            d.captions = [u for u in d.captions if u.start <= cut]
            d.hard_end = True
            out.append(item)
            break
    return out


def _split_trailing_items(drafts: list[Draft], index: BigramIndex) -> list[Draft]:
    """An article's last paragraph, printed without headline or credit, may be an item of its own.

    Photo news often has neither: it is told apart by the same score as a credited item, with
    the change of wording (little shared vocabulary with the paragraphs above) in place of the credit.
    """
    out: list[Draft] = []
    for d in drafts:
        out.append(d)
        # A closing credit under an article already signed under its headline signs an item of its own.
        second_credit = (
            d.title_group is not None
            and not d.title_after_body
            and len(d.paras) >= 2
            and any(u.kind == Kind.NAMES for u in d.title_group.units)
            and (bool(d.extra_credits) or any(g.units[0].start > d.paras[-1].start for g in d.names_groups))
        )
        if len(d.paras) < 2 or d.hard_end or d.resumed or d.tail is not None:
            continue
        if d.extra_credits and not second_credit:
            continue
        last, before = d.paras[-1], d.paras[:-1]
        if last.subhead or last.credits or last.closing or last.dateline:
            continue
        # The headline counts as wording of the article: a closing paragraph names its subject.
        above: set[str] = bigrams(d.title_group.text) if d.title_group is not None else set()
        for p in before:
            above |= bigrams(p.text)
        # Shared wording only tells when there is enough text above to share it with.
        judged = sum(len(p.text) for p in before) >= SHIFT_CONTEXT
        shared = index.coverage(bigrams(last.text), above) if judged else 1.0
        score = new_report_score(before, last, closed=shared < TRAILING_SHIFT, after_dateline=False)
        if shared < TOPIC_SHIFT:
            score += 1.0  # next to nothing in common: as telling as a credit of its own
        if second_credit:
            score += 1.0
        if score >= OWN_ITEM_BAR:
            d.paras = before
            item = Draft(paras=[last], order=last.start)
            if second_credit:
                item.extra_credits, d.extra_credits = d.extra_credits, []
                item.names_groups = [g for g in d.names_groups if g.units[0].start > last.start]
                d.names_groups = [g for g in d.names_groups if g not in item.names_groups]
            out.append(item)
    return out


def _drafts(elements: list[Group | Run], choice: dict[int, str], index: BigramIndex) -> list[Draft]:
    """One article per run of body paragraphs, with the headline blocks attached to it.

    Names lines attached to nothing are left out; segment_page sets them aside as furniture.
    """
    drafts: list[Draft] = []
    for i, e in enumerate(elements):
        if not isinstance(e, Run):
            continue
        left = elements[i - 1] if i > 0 else None
        right = elements[i + 1] if i + 1 < len(elements) else None
        fwd = left if isinstance(left, Group) and choice.get(i - 1) == "fwd" else None
        bwd = right if isinstance(right, Group) and choice.get(i + 1) == "bwd" else None
        if fwd is not None and bwd is not None and fwd.has_title and bwd.has_title:
            # Claimed from both sides: the body runs from one headline's article into the other's.
            # The trailing headline's article is a candidate the paragraphs can switch to
            # (see _Resumer), anchored by the paragraphs printed just above that headline.
            head = Draft(paras=list(e.paras), title_group=fwd, anchor=list(e.paras[:2]))
            # The trailing article's anchor stays on its side of where the wording turns: in a narrow
            # column three paragraphs may still be the leading headline's.
            split = _best_split(e, fwd, bwd, index)
            first = max(len(e.paras) - 3, split[0] if split else 0)
            tail = Draft(title_group=bwd, anchor=list(e.paras[first:]), title_after_body=True)
            head.tail = tail
            head.hard_end, head.extra_credits = e.hard_end, list(e.end_credits)
            head.order = min(u.start for u in [*e.paras, *fwd.units])
            tail.order = e.paras[-1].start
            drafts += [head, tail]
            continue
        d = Draft(paras=list(e.paras))
        for g in (fwd, bwd):
            if g is None:
                continue
            if g.has_title and d.title_group is None:
                d.title_group = g
            else:
                d.names_groups.append(g)
        d.title_after_body = bwd is not None and bwd.has_title and bool(e.paras)
        if d.title_group is not None:
            d.anchor = list(e.paras[-3:] if d.title_after_body else e.paras[:2])
        d.hard_end = e.hard_end
        d.extra_credits += e.end_credits
        groups = [g for g in (fwd, bwd) if g is not None]
        starts = [u.start for u in d.paras] + [u.start for g in groups for u in g.units]
        d.order = min(starts) if starts else 0
        drafts.append(d)
    for i, e in enumerate(elements):
        if isinstance(e, Group) and e.has_title and choice.get(i, "none") == "none":
            # A headline with no body next to it: kept as an article for an editor to check.
            drafts.append(Draft(title_group=e, order=e.units[0].start, low_confidence=True))
    drafts.sort(key=lambda d: d.order)
    return drafts


def _draft_grams(d: Draft) -> set[str]:
    return set(d.profile())


def _rejoin_continued_headlines(drafts: list[Draft], units: list[Unit]) -> list[Draft]:
    """An article continued on the same page under its headline printed again and a 上接 line
    (慈利：小水果串起增收链 / (上接1版①) / 除了枇杷…): the rest of the article of that headline."""
    out: list[Draft] = []
    for d in drafts:
        same = None
        if d.title_group is not None and d.paras and _opens_continuation(units, d):
            title = re.sub(r"\s+", "", d.title_group.text)
            same = next(
                (
                    x
                    for x in out
                    if x.title_group is not None and re.sub(r"\s+", "", x.title_group.text) == title
                ),
                None,
            )
        if same is None:
            out.append(d)
            continue
        _absorb_resumed(same, d)
        same.captions += d.captions
    return out


def _absorb_resumed(resumed: Draft, piece: Draft) -> None:
    """Append ``piece`` (the rest of an interrupted article) to the article it resumes."""
    resumed.paras += piece.paras
    resumed.hard_end = piece.hard_end
    resumed.extra_credits += piece.extra_credits
    resumed.names_groups += piece.names_groups
    resumed.resumed = resumed.split = True


def _opens_continuation(units: list[Unit], d: Draft) -> bool:
    """The draft's text comes right under a 上接 line: it is the rest of an article from another page."""
    first = d.paras[0]
    if first.furniture_head:
        return True
    for u in reversed(units[: first.index]):
        if u.kind != Kind.FURNITURE:
            return False
        if "上接" in u.text or "接上" in u.text or "接第" in u.text:
            return True
    return False


def _merge_headless(drafts: list[Draft], index: BigramIndex, units: list[Unit]) -> list[Draft]:
    """A body without headline: the intro of the article whose headline follows, or a continuation."""
    out: list[Draft] = []
    i = 0
    while i < len(drafts):
        d = drafts[i]
        resumed = _resumed_after_brief(d, out, index)
        if resumed is not None:
            # The rest of an article cut off mid-sentence (or its credited last paragraph),
            # printed after a brief that cut in.
            _absorb_resumed(resumed, d)
            i += 1
            continue
        nxt = drafts[i + 1] if i + 1 < len(drafts) else None
        if _picture_then_headline(d, nxt):
            # 连日来，…施肥。 文/图 通讯员 余晓峰 / 平江：油茶林里“长”出好日子 / 初秋的…: the picture's
            # text and its credit over a headline whose report follows: headline and caption go with it.
            nxt.title_group, nxt.captions[:0] = d.title_group, d.paras  # type: ignore[union-attr]
            nxt.names_groups[:0] = d.names_groups  # type: ignore[union-attr]
            nxt.order = d.order  # type: ignore[union-attr]
            for p in d.paras:
                p.kind = Kind.CAPTION
            i += 1
            continue
        if _picture_over_headline(d, nxt, out[-1] if out else None, units):
            # A credited picture's text right over a headline, about that report's county: its caption.
            nxt.captions[:0] = d.paras  # type: ignore[union-attr]
            nxt.extra_credits[:0] = d.extra_credits  # type: ignore[union-attr]
            for p in d.paras:
                p.kind = Kind.CAPTION
            i += 1
            continue
        if d.title_group is None and d.paras and not d.hard_end and not _starts_with_dateline(d):
            if (
                nxt is not None
                and nxt.title_group is not None
                and not nxt.title_after_body
                and nxt.paras
                and not _opens_continuation(units, d)
                and _affinity(index, _draft_grams(d), _draft_grams(nxt)) >= 0.3
            ):
                # Series intro printed above the headline: the intro is the article's lead.
                nxt.intro = len(d.paras)
                nxt.paras = d.paras + nxt.paras
                nxt.names_groups = d.names_groups + nxt.names_groups
                nxt.title_after_body = True
                nxt.order = d.order
                i += 1
                continue
            resumed = next((x for x in reversed(out) if x.open), None)
            if resumed is not None and _continues(resumed.paras[-1].text, d.paras[0].text):
                # The rest of a sentence cut off above (…缩短至 / 15个工作日。): the article resumes here.
                _absorb_resumed(resumed, d)
                i += 1
                continue
            prev = out[-1] if out else None
            if (
                prev is not None
                and not prev.hard_end
                and not d.names_groups
                and index.coverage(bigrams(d.paras[0].text), _draft_grams(prev)) >= 0.35
            ):
                prev.paras += d.paras
                prev.hard_end = d.hard_end
                prev.extra_credits += d.extra_credits
                i += 1
                continue
        _return_resumed_tail(d, out)
        _return_tail_after_boxed_brief(d, out, index)
        out.append(d)
        i += 1
    return out


def _picture_then_headline(d: Draft, nxt: Draft | None) -> bool:
    """A draft of one photo-credited line with its headline printed after it, and the text that
    headline heads printed next without one."""
    if d.title_group is None or not d.title_after_body or len(d.paras) != 1 or not d.paras[0].photo_credited:
        return False
    return nxt is not None and nxt.title_group is None and bool(nxt.paras) and not _starts_with_dateline(nxt)


def _picture_over_headline(d: Draft, nxt: Draft | None, prev: Draft | None, units: list[Unit]) -> bool:
    """One credited picture text with no headline, right above a headed report on the county it
    names (4月10日，新晃…窗口… / 通讯员 姚远 摄 / 新晃：“办不成事”有人管), the article above being
    about another: that report's caption."""
    if d.title_group is not None or len(d.paras) != 1 or nxt is None or nxt.title_group is None:
        return False
    para = d.paras[0]
    after = units[para.index + 1] if para.index + 1 < len(units) else None
    credited = para.photo_credited or (after is not None and after.kind == Kind.CREDIT)
    if not credited or para.dateline or nxt.title_after_body or not nxt.paras:
        return False
    named = _counties(para.text)
    below = _counties(nxt.title_group.text + " ".join(p.text for p in nxt.paras[:2]))
    above = _counties(" ".join(p.text for p in prev.paras)) if prev is not None else set()
    return bool(named) and named <= below and not named & above


def _return_resumed_tail(d: Draft, out: list[Draft]) -> None:
    """A headless dateline brief cut into an article mid-sentence: what follows the brief is the article's.

    ``…查询办事指南、`` / ``本报讯（…）汩罗市…更方便。`` / ``预约办理、查看进度。…``: the paragraph after the
    brief's finished sentence completes the interrupted one, so it and the rest go back to the article.
    """
    if d.title_group is not None or len(d.paras) < 2 or not _starts_with_dateline(d):
        return
    host = next((x for x in reversed(out) if x.open and x.title_group is not None), None)
    if host is None:
        return
    for k in range(1, len(d.paras)):
        if ends_sentence(d.paras[k - 1].text) and _continues(host.paras[-1].text, d.paras[k].text):
            host.paras += d.paras[k:]
            host.hard_end, d.hard_end = d.hard_end, False
            host.extra_credits += d.extra_credits
            d.extra_credits = []
            host.resumed = host.split = True
            d.paras = d.paras[:k]
            return


def _return_tail_after_boxed_brief(d: Draft, out: list[Draft], index: BigramIndex) -> None:
    """A headed brief printed in a box inside the article above: the paragraphs after the brief's
    own go back to that article.

    ``汨罗“交房即交证”…`` / ``临湘开展防汛应急演练`` / ``本报讯（通讯员 …）6月19日，临湘市…`` /
    ``为破解“办证难”，汨罗市…``: the paragraph after the brief names the article's county and not
    the brief's, and shares the article's wording more than the brief's.
    """
    host = out[-1] if out else None
    if d.title_group is None or len(d.paras) < 2 or not _starts_with_dateline(d):
        return
    if host is None or host.title_group is None or host.hard_end or not host.paras:
        return
    host_places = _counties(" ".join(p.text for p in host.paras))
    for k in range(1, len(d.paras)):
        lead, rest = d.paras[:k], d.paras[k:]
        if not ends_sentence(lead[-1].text):
            continue
        lead_places = _counties(" ".join(p.text for p in lead))
        rest_places = _counties(" ".join(p.text for p in rest))
        if (
            not lead_places
            or lead_places & host_places
            or not rest_places & host_places
            or rest_places & lead_places
        ):
            continue
        grams = bigrams("".join(p.text for p in rest))
        if index.coverage(grams, _draft_grams(host)) <= index.coverage(
            grams, bigrams("".join(p.text for p in lead))
        ):
            continue
        host.paras += rest
        host.resumed = host.split = True
        # A credit or a jump line closing the rest closes the article it goes back to.
        cut = rest[0].start
        host.extra_credits += [u for u in d.extra_credits if u.start > cut]
        d.extra_credits = [u for u in d.extra_credits if u.start <= cut]
        host.hard_end, d.hard_end = d.hard_end, True
        d.paras = lead
        return


def _resumed_after_brief(d: Draft, out: list[Draft], index: BigramIndex) -> Draft | None:
    """A headless piece right after a closed brief that goes on an earlier article.

    ``耒阳市还建立了…（记者 彭 婷）`` after a credited brief about 常宁 is the end of the 耒阳
    article above the brief, not photo news: it does not open like a report and shares the
    earlier article's wording.
    """
    if d.title_group is not None or not d.paras or _starts_with_dateline(d):
        return None
    if opens_report(d.paras[0].text) or len(out) < 2 or not out[-1].hard_end:
        return None
    grams = _draft_grams(d)
    for x in reversed(out[:-1]):
        if x.title_group is None or not x.paras:
            continue
        if x.hard_end:
            return None  # the nearest headed article above finished: nothing to resume
        if not d.hard_end and not x.open:
            # Without a closing credit the piece may be a brief of its own; an article
            # stopped mid-sentence (…开展订单式职业技能培训，) is what makes it a resumption.
            return None
        lead = _counties(d.paras[0].text[:16])
        if lead and not lead & _counties(" ".join(p.text for p in x.paras)):
            return None  # 芷江侗族自治县推行…: a brief about a county the article never names
        return x if index.coverage(grams, _draft_grams(x)) >= 0.35 else None
    return None


def _affinity(index: BigramIndex, a: set[str], b: set[str]) -> float:
    """Shared wording of two texts of unequal length: the shorter one's share found in the longer."""
    return max(index.coverage(a, b), index.coverage(b, a))


def _starts_with_dateline(d: Draft) -> bool:
    """The draft opens with a dateline: in its first paragraph, or on a line of its own above
    it (本报讯（记者 … 通讯员 …） / 10月14日，…): a report of its own, not a series intro."""
    if not d.paras:
        return False
    if d.paras[0].dateline:
        return True
    first = d.paras[0].start
    return any(u.dateline for g in d.names_groups for u in g.units if u.start < first)


def _continues(prev_text: str, text: str) -> bool:
    """``text`` reads as the rest of a sentence cut at the end of ``prev_text``."""
    if ends_sentence(prev_text):
        return False
    head = text[:4]
    if any(c in "，、”’）；：,;:)" for c in head[:3]) or not content_chars(text[:1]):
        return True
    if _split_number(prev_text, text):
        return True
    # A first "sentence" too short to stand alone (15个工作日。) finishes the one cut off.
    first = re.match(r"[^。！？!?，,；;]*[。！？!?]", text)
    return first is not None and len(content_chars(first.group(0))) <= 8


_NUMBER_TAIL = re.compile(r"\d[.．]?$")
_NUMBER_REST = re.compile(
    r"^[\d.．%％]|^[成万亿千百倍余多个年月日元吨亩人次项家户所台条座]+[，。、；以多余左,;]"
)


# A bare quantity opening a clause (8600余户，…): no paragraph starts so, unless it is a date.
_QUANTITY_OPENING = re.compile(
    r"^\d[\d.．,，]*\s*(余|多)?[万亿千百]?(?![年月日时点号])[\u4e00-\u9fff]{0,2}[，、；,;]"
)


def _split_number(prev_text: str, text: str) -> bool:
    """A sentence broken at a number: ``同比增长 3`` / ``成以上，…``, ``2.`` / ``6万件``.

    Also a quantity that cannot open a paragraph: ``经营主体`` / ``8600余户，…``.
    """
    prev, text = prev_text.rstrip(), text.lstrip()
    if _NUMBER_TAIL.search(prev) and _NUMBER_REST.match(text):
        return True
    return (
        bool(prev)
        and is_han(prev[-1])
        and bool(_QUANTITY_OPENING.match(text))
        and not REPORT_LEAD.match(text)
    )


def _set_like(cand: Draft, p: Unit, last: Unit | None) -> bool:
    """Paragraph ``p`` is set like ``cand``'s last one (narrow column or full width), unlike ``last``."""
    return last is not None and p.narrow == cand.paras[-1].narrow != last.narrow


def _cut_at_clause(prev_text: str, text: str) -> bool:
    """``prev_text`` stops after a comma (…12万余户，) and ``text`` does not open a report."""
    return prev_text.rstrip().endswith(("，", "、", "；", ",", ";")) and not opens_report(text)


def _interrupted(units: list[Unit], a: Unit, b: Unit) -> bool:
    """Other printed material (a caption, a repeat, another article) lies between paragraphs a and b."""
    return any(
        content_chars(u.text or (u.block.raw if u.block else "")) for u in units[a.index + 1 : b.index]
    )


class _Resumer:
    """Reads each article's paragraphs in order and moves those that continue another article.

    A paragraph switches to another (earlier, not yet closed) article when it shares clearly
    more wording with that article's last paragraphs than with the current one's.  The bar
    is lower when the current article broke off mid-sentence, when the other article did,
    when other material (a caption, a repeat) sits in between, and higher when the paragraph
    names the current article's places but not the other's.  Contiguous text that runs on
    from a paragraph cut mid-sentence never switches.
    """

    def __init__(self, drafts: list[Draft], index: BigramIndex, units: list[Unit]):
        self.drafts = drafts
        self.index = index
        self.units = units
        self._profiles: dict[int, Counter[str]] = {}
        self._places: dict[int, set[str]] = {}
        self._gap_cut: int | None = None

    def profile(self, d: Draft, exclude: tuple[Unit, ...] = (), recent: int = RESUME_CONTEXT) -> Counter[str]:
        # Same-sized profiles (headline + last paragraphs) so a long article does not win by size.
        if any(u in d.anchor for u in exclude) or recent != RESUME_CONTEXT:
            return d.profile(recent=recent, exclude=exclude)
        if id(d) not in self._profiles:
            self._profiles[id(d)] = d.profile(recent=recent)
        return self._profiles[id(d)]

    def places(self, d: Draft) -> set[str]:
        if id(d) not in self._places:
            texts = [d.title_group.text] if d.title_group else []
            texts += [u.text for u in (d.paras[-RESUME_CONTEXT:] or d.anchor)]
            self._places[id(d)] = _prefectures("".join(texts))
        return self._places[id(d)]

    def append(self, d: Draft, p: Unit) -> None:
        d.paras.append(p)
        d.hard_end = d.hard_end or p.closing
        self._profiles.pop(id(d), None)
        self._places.pop(id(d), None)

    def run(self) -> list[Draft]:
        tails = {id(d.tail) for d in self.drafts if d.tail is not None}
        for pos, d in enumerate(self.drafts):
            if d.paras and id(d) not in tails:  # a tail is filled while its body's run is read
                self.read(d, [x for x in self.drafts[:pos] if x.paras and not x.hard_end])
        return self.drafts

    def read(self, d: Draft, earlier: list[Draft]) -> None:
        original = list(d.paras)
        d.paras = []
        end_credits, hard_end = d.extra_credits, d.hard_end
        if d.tail is not None:
            earlier = [*earlier, d.tail]
            d.extra_credits, d.hard_end = [], False
        current = d
        self._gap_cut = _article_gap(original) if d.tail is not None else None
        for j, p in enumerate(original):
            if j == self._gap_cut and d.tail is not None:
                # The page sets articles apart with wider blank gaps: the trailing headline's
                # article starts at the one wide gap in the body the two headlines share.
                current = d.tail
                self.append(current, p)
                continue
            headline_claims = j == 0 and d.title_group is not None and not d.title_after_body
            # After a series intro the paragraph printed right under the headline is the headline's too.
            headline_claims = headline_claims or (d.intro > 0 and j == d.intro)
            # A brief or photo-news item that opens like a report and is closed by its own
            # byline stands on its own: it is not the continuation of another article.
            headline_claims = headline_claims or (j == 0 and d.hard_end and opens_report(p.text))
            if not headline_claims and earlier:
                nxt = original[j + 1] if j + 1 < len(original) else None
                current = self.choose(d, current, p, nxt, earlier)
            self.append(current, p)
        if d.tail is not None:
            self.finish_tail(d, end_credits, hard_end)
        elif current is not d and end_credits:
            # The run's last paragraphs went back to an article resumed here: the closing byline
            # printed under them (（文/蒋 健）) signs that article, not the one that cut in.
            current.extra_credits += end_credits
            d.extra_credits = []
            current.hard_end = current.hard_end or hard_end

    def choose(self, d: Draft, current: Draft, p: Unit, nxt: Unit | None, earlier: list[Draft]) -> Draft:
        last = current.paras[-1] if current.paras else None
        interrupted = last is not None and _interrupted(self.units, last, p)
        broken = last is not None and not ends_sentence(last.text)
        # The current article is a finished dateline item (本报讯… ending on a full stop).
        finished_item = not broken and bool(current.paras) and bool(current.paras[0].dateline)
        if broken and not interrupted:
            return current  # contiguous text cut mid-sentence goes on here
        look = bigrams(p.text) | (bigrams(nxt.text) if nxt else set())
        look_places = _prefectures(p.text + (nxt.text if nxt else ""))
        has_text = bool(current.paras or current.title_group)
        scored = (p, nxt) if nxt else (p,)
        # Compare with as many paragraphs of each article as the current one has so far.
        recent = max(1, min(RESUME_CONTEXT, len(current.paras)))
        base = self.index.coverage(look, self.profile(current, scored, recent)) if has_text else 0.0
        best, best_gain = current, 0.0
        for cand in [d, *earlier]:
            if cand is current or (cand.hard_end and cand is not d) or not (cand.paras or cand.title_group):
                continue
            if cand is d and current is d.tail:
                continue  # the trailing headline's article runs on to the end of the body
            if cand is d.tail and self._gap_cut is not None:
                continue  # it starts at the wide gap (see read)
            if not interrupted and not cand.open and cand is not d and cand is not d.tail:
                continue  # running text does not jump back into an article that was finished
            share = self.index.coverage(look, self.profile(cand, scored, recent))
            margin = SWITCH_MARGIN
            if broken:
                margin -= 0.12  # the current article broke off: a switch is expected
            if cand.open:
                margin -= 0.10
                if _continues(cand.paras[-1].text, p.text):
                    margin -= 0.08
                    if not broken and _split_number(cand.paras[-1].text, p.text):
                        # It broke off inside a number (增长 3 / 成以上): only that article
                        # can go on here, whatever the wording says.
                        best, best_gain = cand, float("inf")
                        break
                if finished_item and _set_like(cand, p, last) and _cut_at_clause(cand.paras[-1].text, p.text):
                    # A complete dateline brief was printed inside an article cut off after a
                    # comma, and this text is set in that article's column, not the brief's:
                    # only that article goes on here, whatever the wording says.
                    best, best_gain = cand, float("inf")
                    break
            if cand is d or cand is d.tail:
                margin -= 0.10
            if cand.open and finished_item:
                margin -= 0.10  # a dateline brief printed inside another article ends complete
            if cand.open and _set_like(cand, p, last):
                margin -= 0.08  # set in the candidate's column, not in the current article's
            margin += _place_conflict(look_places, self.places(cand), self.places(current))
            if interrupted:
                margin -= 0.08  # other material sits in between: a resumption is plausible
                if base > 0 and share >= 2.5 * base and share >= 0.2:
                    margin = min(margin, 0.0)
            if share - base - margin > best_gain:
                best, best_gain = cand, share - base - margin
        if best is not current and best is not d and best is not d.tail:
            best.resumed = best.split = d.split = True
        return best

    def finish_tail(self, d: Draft, end_credits: list[Unit], hard_end: bool) -> None:
        tail = d.tail
        assert tail is not None
        if not tail.paras:
            # Never switched: cut where the wording turns to the trailing headline.
            split = None
            # A series intro printed above the leading headline is not where the trailing article starts.
            own = d.paras[d.intro :]
            if d.title_group is not None and tail.title_group is not None and len(own) > 1:
                split = _best_split(Run(paras=own), d.title_group, tail.title_group, self.index)
            k = d.intro + split[0] if split else len(d.paras)
            tail.paras, d.paras = d.paras[k:], d.paras[:k]
        holder = tail if tail.paras else d
        holder.extra_credits += end_credits
        holder.hard_end = holder.hard_end or hard_end
        if tail.paras:
            tail.order = tail.paras[0].start


def _article_gap(paras: list[Unit]) -> int | None:
    """The one paragraph after a clearly wider blank gap than the others (an article boundary)."""
    gaps = [p.block.gap_before if p.block else 0 for p in paras]
    if len(gaps) < 3:
        return None
    usual = sorted(gaps[1:])[(len(gaps) - 1) // 2]
    wide = [k for k in range(1, len(gaps)) if gaps[k] >= usual + 2]
    return wide[0] if len(wide) == 1 else None


def _prefectures(text: str) -> set[str]:
    """The Hunan places named in ``text``: county codes, and prefecture codes for each."""
    from .places import gazetteer

    gz = gazetteer()
    out: set[str] = set()
    for m in find_mentions(text, "body"):
        d = gz.divisions.get(m.surface.code)
        out.add(m.surface.code)
        if d is not None:
            out.add(d.prefecture_code)
    return out


def _counties(text: str) -> set[str]:
    return {c for c in _prefectures(text) if not c.endswith("00")}


def _place_conflict(look: set[str], cand: set[str], current: set[str]) -> float:
    """Extra margin when the paragraph names places of the current article and not the candidate's."""
    if not look:
        return 0.0
    # Compare the most specific level both sides name (a county when there is one).
    counties = {c for c in look if not c.endswith("00")}
    if counties:
        look = counties
    if look & current and not look & cand:
        return 0.3
    if look & cand and not look & current:
        return -0.05
    return 0.0


def _promote_subheads(drafts: list[Draft]) -> None:
    """An article without headline whose first block is a subhead-like line: that line is its title."""
    for d in drafts:
        if d.title_group is None and len(d.paras) > 1 and d.paras[0].subhead and not d.paras[0].md_level:
            first = d.paras.pop(0)
            first.kind = Kind.HEADING
            d.title_group = Group(units=[first])


def _named_elsewhere(
    caption: Unit, drafts: list[Draft], prev_d: Draft | None, next_d: Draft | None
) -> Draft | None:
    """The one article whose headline or lead names the place the caption names, if not a neighbour."""
    named = {m.surface.canonical for m in find_mentions(caption.text, "caption")}
    if not named:
        return None

    def names_it(d: Draft) -> bool:
        head = (d.title_group.text if d.title_group else "") + (d.paras[0].text[:80] if d.paras else "")
        return any(n in head for n in named)

    if any(d is not None and names_it(d) for d in (prev_d, next_d)):
        return None
    matches = [d for d in drafts if names_it(d)]
    return matches[0] if len(matches) == 1 else None


def _place_floating(drafts: list[Draft], floating: list[Unit], index: BigramIndex) -> None:
    """Captions and credits go to the article printed around them, or the one their wording matches."""
    if not drafts:
        return
    by_start = sorted(
        [(u.start, d) for d in drafts for u in d.paras]
        + [(u.start, d) for d in drafts if d.title_group for u in d.title_group.units]
        + [(u.start, d) for d in drafts for g in d.names_groups for u in g.units]
    )
    for run in _caption_runs(floating):
        u = run[0]
        before = [d for s, d in by_start if s < u.start]
        after = [d for s, d in by_start if s > u.start]
        prev_d = before[-1] if before else None
        next_d = after[0] if after else None
        target: Draft | None
        elsewhere = (
            _named_elsewhere(u, drafts, prev_d, next_d) if len(run) == 1 and u.kind == Kind.CAPTION else None
        )
        if elsewhere is not None:
            target = elsewhere  # a photo printed away from its article, named in the caption
        elif _photo_of_its_own(run, prev_d, next_d) and not _beside_other_pictures(run, floating):
            # 4月11日，通道侗族自治县…侗族大歌。 / 新华社记者 陈思汗 摄 between two reports about other
            # counties: photo news of its own, its picture's text the body.
            item = Draft(paras=[run[0]], order=run[0].start, hard_end=True)
            run[0].kind = Kind.BODY
            item.extra_credits = [run[0], *run[1:]]
            drafts.insert(drafts.index(prev_d) + 1 if prev_d in drafts else len(drafts), item)
            continue
        elif prev_d is None or next_d is None or prev_d is next_d:
            target = prev_d or next_d
        elif len(run) == 1 and u.kind == Kind.CREDIT:
            target = prev_d
        else:
            grams = bigrams("".join(x.text for x in run))
            sp = index.coverage(grams, _draft_grams(prev_d))
            sn = index.coverage(grams, _draft_grams(next_d))
            target = prev_d if sp >= sn else next_d
        if target is None:
            continue
        for x in run:
            if x.kind == Kind.CAPTION and x.text:
                target.captions.append(x)
            else:
                target.extra_credits.append(x)


def _photo_of_its_own(run: list[Unit], prev_d: Draft | None, next_d: Draft | None) -> bool:
    """One credited picture text naming a county that neither article around it names."""
    u = run[0]
    if len(run) > 2 or u.kind != Kind.CAPTION or not u.text or not u.credits or prev_d is None:
        return False
    named = _counties(u.text)

    def names(d: Draft | None) -> set[str]:
        if d is None:
            return set()
        head = d.title_group.text if d.title_group is not None else ""
        return _counties(head + " ".join(p.text for p in d.paras))

    around = names(prev_d) | names(next_d)
    return bool(named) and bool(around) and not named & around


def _beside_other_pictures(run: list[Unit], floating: list[Unit]) -> bool:
    """Other captions printed right above or below: a picture column, whose pictures go together."""
    lo, hi = run[0].index, run[-1].index
    return any(
        u not in run and u.kind == Kind.CAPTION and u.text and lo - 2 <= u.index <= hi + 2 for u in floating
    )


def _caption_runs(floating: list[Unit]) -> list[list[Unit]]:
    """Captions printed one under the other (a picture spread's ▲ lines and their credit) go to
    one article together; a credit alone goes on its own."""
    runs: list[list[Unit]] = []
    for u in sorted(floating, key=lambda x: x.start):
        last = runs[-1][-1] if runs else None
        uncredited_caption = last is not None and last.kind == Kind.CAPTION and last.text and not last.credits
        if uncredited_caption and u.index == last.index + 1:
            runs[-1].append(u)
        else:
            runs.append([u])
    return runs
