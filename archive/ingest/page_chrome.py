"""Page-level chrome: the lines a page prints around its items, found by looking at the whole page.

A page header zone (masthead, date, edition, editors), a masthead repeated above each e-paper item,
a table of contents, chrome printed three times or more, 相关阅读 and unheaded link lists, a WeChat
push's account card and digest title, a title bar printed over an item's own headline, and the
section name a breadcrumb ends on.  The line-level recognisers are in :mod:`furniture`.
"""

from __future__ import annotations

import re
from collections import Counter

from .bylines import is_byline
from .furniture import (
    BREADCRUMB,
    header_parts,
    is_buttons_line,
    is_header_line,
    is_navigation,
    is_web_metadata,
    squash_line,
)
from .gazetteer import is_column_line


def header_lines(lines: list[str]) -> list[bool]:
    """Which of the page's lines (non-blank, in order) are header furniture.

    The header zone is the run of header-like lines at the top of the page; strong header
    lines (editors, dates with a page number) are furniture wherever they are printed.
    """
    flags = [is_header_line(t) for t in lines]
    i = 0
    while i < len(lines):
        if flags[i]:
            i += 1
            continue
        # (Two lone short lines do not vouch for each other: that is a two-line headline.)
        # (A line over an item's 发布时间/来源 is that item's headline, not more of the header.)
        more = (
            i + 1 < len(lines)
            and is_header_line(lines[i + 1], in_zone=True)
            and not (
                _ITEM_META.match(lines[i + 1].strip())
                and squash_line(lines[i])
                and not is_header_line(lines[i])
            )
        )
        if is_header_line(lines[i], in_zone=True, more_follow=more):
            flags[i] = True
            i += 1
            continue
        break
    # A zone of section names alone (全域布局 / 成链) is a spaced-out headline, not a header.
    if i and not any(sum(header_parts(t)[:2]) for t in lines[:i]):
        for j in range(i):
            flags[j] = is_header_line(lines[j])
    # An e-paper dump repeats the masthead above every article: a line naming the paper that
    # the header zone holds is the header again wherever it recurs.
    masthead = {squash_line(t) for t, f in zip(lines[:i], flags[:i], strict=True) if f and header_parts(t)[1]}
    for j in range(i, len(lines)):
        if not flags[j] and squash_line(lines[j]) in masthead:
            flags[j] = True
    for j in _contents_lines(lines, flags):
        flags[j] = True
    squashed = [squash_line(t) for t in lines]
    _repeated_chrome(lines, squashed, flags)
    _related_lists(lines, squashed, flags)
    _unlabelled_link_lists(lines, squashed, flags)
    _account_cards(squashed, flags)
    _digest_titles(squashed, flags)
    _title_bar_copies(squashed, flags)
    _section_names(lines, squashed, flags)
    # A header line cut at the column's edge leaves its last word on a line of its own
    # (头版 | 上一版 | 下一版 | 往期回 / 顾).
    for j in range(1, len(lines)):
        tail = squash_line(lines[j])
        if flags[j] or not 0 < len(tail) <= 2:
            continue
        whole = lines[j - 1] + tail
        if (flags[j - 1] and is_header_line(whole)) or is_navigation(whole):
            flags[j - 1] = flags[j] = True
    return flags


_RELATED = re.compile(
    r"^[【\[]?(相关阅读|相关新闻|相关报道|相关推荐|为你推荐|热门推荐|推荐阅读|延伸阅读|热点推荐|猜你喜欢|相关链接|(本版)?标题导航|本版导航|版面导航|版面目录|本期目录|本版目录|本版新闻|本版要闻|本期要目|本版导读|导读|今日导读|本期导读|今日看点|今日要闻|要闻速览|本期要闻|往期推荐|往期回顾|热点排行|热门排行"
    r"|阅读排行|点击排行|排行榜|热门文章|更多视频|相关视频|热门视频|精彩推荐|更多新闻)[】\]]?[:：]?[>＞»]{0,3}$"
)


_RELATED_ENTRY = re.compile(r"^[·•●▪■◆▶►▷★☆◇□\-]\s*[^。！？]{4,50}$")


_ITEM_META = re.compile(r"^[\[【(（]?\s*(来源|稿源|作者|发布时间|发布日期|时间|日期)\s*[:：]")


def _heads_item_here(below: str) -> bool:
    """What an item prints under its headline: 来源/作者/发布时间, a time stamp, a byline."""
    t = below.strip()
    return bool(_ITEM_META.match(t) or _TIME_STAMP.search(t)) or is_byline(t)


# (Anywhere on the line: 何雨萱 周文斌 道县融媒体中心 2024-10-09 15:43:15, …2024年05月20日 18:30 湖南.)
_TIME_STAMP = re.compile(r"\d{4}([-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日)\s*\d{1,2}:\d{2}")


_TEASER = re.compile(r"[。！？…]\s*([\[【](详细|全文|详情|更多)[\]】]|(详细|全文|详情|更多)\s*[>＞»]{1,3})$")


def _related_entry(line: str) -> bool:
    """A link under 相关阅读: a bulleted headline, a headline's words alone on the line, or a teaser
    sentence ending in its link ([详细], 详细>>)."""
    if _RELATED_ENTRY.match(line) or _TEASER.search(line):
        return True
    if (
        len(squash_line(line)) <= 50
        and re.search(r"(……|…|\.\.\.)$", line)
        and not re.search(r"[。！？]", line)
    ):
        return True  # a link's title cut short: 新宁新闻｜县委常委会召开会议；全县春季造林任务完成……
    t = squash_line(line)
    return 4 <= len(t) <= 40 and not re.search(r"[，。；！？,;!?]", t) and not is_web_metadata(line)


def _repeatable_chrome(squashed: str) -> bool:
    if not 2 <= len(squashed) <= 40 or re.search(r"[，。；！？,;!?]", squashed):
        return False
    if is_column_line(squashed) or re.fullmatch(r"[【\[].{2,12}[】\]]", squashed):
        return False  # 央媒看湖南, 【县区快讯】: a column's name over each of its items
    return not re.fullmatch(r"[（(].*[)）]|.*[摄]", squashed)  # a credit (（记者 王某）) repeats too


def _repeated_chrome(lines: list[str], squashed: list[str], flags: list[bool]) -> None:
    """A site or an e-paper prints its chrome again around every item (版次 and paging links,
    二审/三审 lines, app prompts): a short line printed three times or more on a page is no
    headline or sentence of any one item. Column names over several items stay kickers; a column
    of text printed three times over repeats its wrapped lines, pieces of sentences, with it; a
    headline also listed in other items' 相关阅读 heads its own item once (metadata under it)."""
    counts = Counter(squashed)

    def repeated_sentence(k: int) -> bool:
        if not 0 <= k < len(lines) or counts[squashed[k]] < 3 or is_web_metadata(lines[k]):
            return False  # (an app's prompt, 打开溪州云APP，查看更多精彩内容, is no piece of text)
        return bool(re.search(r"[，。；！？]", squashed[k])) and not re.search(r"[。！？]$", squashed[k])

    heads_item = {sq for j, sq in enumerate(squashed[:-1]) if _heads_item_here(lines[j + 1])}
    for j, sq in enumerate(squashed):
        if flags[j] or counts[sq] < 3 or not _repeatable_chrome(sq) or sq in heads_item:
            continue
        k = j + 1
        while k < len(lines) - 1 and k - j <= 2 and is_buttons_line(lines[k]):
            k += 1  # 【字体：大 中 小】 【打印本页】 between the headline and its metadata
        if k < len(lines) and _heads_item_here(lines[k]) and not is_header_line(lines[j]):
            continue
        if k + 1 < len(lines) and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", squashed[k]):
            k += 1  # a commentary's author under its headline: 邓启明
        if k < len(lines) and not flags[k] and _paragraph(lines[k]) and not is_header_line(lines[j]):
            continue  # this copy heads its item's text (the others are an e-paper's 标题导航)
        if not (repeated_sentence(j - 1) or repeated_sentence(j + 1)):
            flags[j] = True


def _paragraph(line: str) -> bool:
    t = squash_line(line)
    return len(t) >= 24 and bool(re.search(r"[，。]", t)) and not is_web_metadata(line)


def _title_bar_copies(squashed: list[str], flags: list[bool]) -> None:
    """A site prints an item's headline twice, over its metadata and again over its text (with
    the deck), a WeChat push over its account card and digest and again over its first item:
    the first copy is the page's title bar."""
    for j, sq in enumerate(squashed):
        if not 4 <= len(sq) <= 48 or re.search(r"[。！？]$", sq):
            continue
        for k in range(max(0, j - 24), j):
            between = flags[k + 1 : j]
            # (今日慈利丨…: the push's title may carry its column's label in front)
            same = squashed[k] == sq or re.sub(r"^[\u4e00-\u9fff]{2,8}[丨｜|]", "", squashed[k]) == sq
            if same and not flags[k] and between and all(between):
                flags[k] = True


def _related_lists(lines: list[str], squashed: list[str], flags: list[bool]) -> None:
    """相关阅读, 本版标题导航, 往期推荐 and the links under them (headlines, teasers ending in
    [详细]); the list ends at the page's header or at a headline it has already listed."""
    for j, sq in enumerate(squashed):
        if not _RELATED.match(sq):
            continue
        flags[j] = True
        listed: set[str] = set()
        k = j + 1
        # (· 溆浦：… listed, 溆浦：… the item's own headline below: compared without the bullet)
        while k < len(lines) and k - j <= 8 and _unbulleted(squashed[k]) not in listed:
            if not _related_entry(lines[k].strip()) or is_header_line(lines[k]):
                break
            if re.fullmatch(r"[【\[][^】\]]{2,12}[】\]]", squashed[k]):
                break  # 【本地要闻】: the next section of the push, whose items follow

            listed.add(_unbulleted(squashed[k]))
            flags[k] = True
            k += 1


def _unbulleted(squashed: str) -> str:
    # (· 溆浦：…, 1.溆浦：…, 01｜溆浦：…: a digest numbers its entries)
    return re.sub(r"^([·•●▪■◆▶►▷★☆◇□\-]|\d{1,2}[.、．｜|])", "", squashed)


def _unlabelled_link_lists(lines: list[str], squashed: list[str], flags: list[bool]) -> None:
    """Links to other items printed without a 相关阅读 over them, between an item's footer and the
    site's chrome (来源：… / three headlines / 下载APP): a run of two or more headlines with chrome
    on both sides and nothing under them, one of them a headline the page prints elsewhere."""
    counts = Counter(squashed)

    def entry(k: int) -> bool:
        if _heads_item_here(lines[k]) or (k + 1 < len(lines) and _heads_item_here(lines[k + 1])):
            return False  # a headline over its own item's metadata
        # (Teasers and dates are a list page's entries, items of their own unless printed again.)
        t = lines[k].strip()
        return _related_entry(t) and not _TEASER.search(t) and not re.search(r"\d{4}[-/.年]\d{1,2}", t)

    j = 0
    while j < len(lines):
        if not (j and flags[j - 1]) or flags[j] and not entry(j):
            j += 1
            continue
        k = j
        while k < len(lines) and entry(k):
            k += 1
        after_chrome = k == len(lines) or (flags[k] and not _heads_item_here(lines[k]))
        if k - j >= 2 and after_chrome and any(counts[squashed[x]] >= 2 for x in range(j, k)):
            for x in range(j, k):
                flags[x] = True
        j = max(k, j + 1)


def _account_cards(squashed: list[str], flags: list[bool]) -> None:
    """A WeChat push prints its account's card under the headline: the account's name, one line
    about it, 236篇原创内容, 公众号."""
    for j, sq in enumerate(squashed):
        if not re.fullmatch(r"\d+篇原创内容", sq):
            continue
        card = [j]
        if j + 1 < len(squashed) and squashed[j + 1] == "公众号":
            card.append(j + 1)
        if j >= 2 and len(squashed[j - 2]) <= 12 and len(squashed[j - 1]) <= 60:
            card += [j - 2, j - 1]
        for k in card:
            flags[k] = True


def _digest_titles(squashed: list[str], flags: list[bool]) -> None:
    """A WeChat push that carries several items is titled with their headlines strung together
    (今日要闻｜A；B……) over its account line: that title is no one item's headline."""
    for j, sq in enumerate(squashed[:-1]):
        card = flags[j + 1] and bool(
            _TIME_STAMP.search(squashed[j + 1]) or squashed[j + 1].startswith("原创")
        )
        if not card or flags[j]:
            continue
        wechat = bool(re.search(r"\d{4}年\d{1,2}月\d{1,2}日", squashed[j + 1]))
        if (
            "；" in sq
            or re.search(r"(……|…|\.\.\.)$", sq)
            or wechat
            and _headline_follows(squashed, flags, j + 2)
        ):
            flags[j] = True


def _headline_follows(squashed: list[str], flags: list[bool], k: int) -> bool:
    """Under a push's card another headline (◆ 梅花镇…) over its text: the push is a roundup."""
    rest = [x for x in range(k, min(len(squashed), k + 6)) if not flags[x] and squashed[x]]
    if len(rest) < 2:
        return False
    head, text = squashed[rest[0]], squashed[rest[1]]
    return (
        4 <= len(head) <= 40
        and not re.search(r"[。！？，,；]", head)
        and not head.startswith(("—", "-"))
        and len(text) >= 24
        and "。" in text
    )


def _section_names(lines: list[str], squashed: list[str], flags: list[bool]) -> None:
    """A list page prints its section's name over the list (乡镇动态): the name a breadcrumb ends on."""
    sections = {
        squash_line(c) for t in lines if BREADCRUMB.match(t.strip()) for c in re.split(r"[>＞»›]", t)[1:]
    }
    for j, sq in enumerate(squashed):
        if not flags[j] and sq in sections:
            flags[j] = True


def _contents_lines(lines: list[str], chrome: list[bool]) -> list[int]:
    """A page's table of contents (本版标题导航): a run of two or more short lines, each printed
    again further down as a line of its own (the headlines of the page's items). A block printed
    twice is not one: there the repeats follow each other as closely as the originals do."""
    squashed = [squash_line(t) for t in lines]
    first_after: dict[int, int] = {}
    seen: dict[str, int] = {}
    for j in range(len(squashed) - 1, -1, -1):
        if squashed[j] in seen:
            first_after[j] = seen[squashed[j]]
        seen[squashed[j]] = j
    found: list[int] = []
    run: list[int] = []
    for j, t in enumerate(squashed + [""]):
        # (A line already known as chrome is no entry: the e-paper repeats it above every item.)
        listed = (
            4 <= len(t) <= 40
            and not re.search(r"[，。；！？,;!?]", t)
            and j in first_after
            and not (j < len(chrome) and chrome[j])
            and not is_web_metadata(lines[j])
            # (a headline over its item's metadata heads that item, wherever else it is listed)
            and not (j + 1 < len(lines) and _heads_item_here(lines[j + 1]))
        )
        # Entries of a contents list point at items with bodies between them.
        if (
            listed
            and run
            and t not in (squashed[k] for k in run)
            and abs(first_after[j] - first_after[run[-1]]) > 2
        ):
            run.append(j)
            continue
        if len(run) >= 2:
            found += run
        run = [j] if listed else []
    return found
