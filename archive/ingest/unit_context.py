"""Blocks → typed units, page by page: the passes that decide a unit's kind from its neighbours.

:func:`classify_blocks` classifies each block on its own (:func:`classify.classify_block`), then
reads the units in context: an e-paper's list of the page's items, numbered photo captions, captions
under a picture's file name or placeholder, the pictures between an item's frame and its dateline,
captions before their credit, photo news between items, a place alone over its headline, kickers
and three-line headline blocks.
"""

from __future__ import annotations

import re
from collections import Counter

from .bylines import (
    spaced_names,
)
from .classify import Kind, Unit, classify_block
from .furniture import is_image_name, list_entry_title
from .gazetteer import is_division_name, is_place_led_headline
from .layout import Block
from .text import CIRCLED, content_chars, despace, ends_sentence, is_series_line, opens_report


def classify_blocks(blocks: list[Block]) -> list[Unit]:
    units = _place_lines_into_headlines([classify_block(b) for b in blocks])
    for i, u in enumerate(units):
        u.index = i
    _apply_markdown_levels(units)
    _list_items(units)
    _spaced_names_under_headlines(units)
    _numbered_photo_captions(units)
    _captions_under_picture_names(units)
    _pictures_over_dateline(units)
    _caption_before_credit(units)
    _captions_credited_inline(units)
    _photo_news_between_items(units)
    _kickers_before_headings(units)
    _edition_list_entries(units)
    _list_entries_with_summaries(units)
    _photo_items_under_headlines(units)
    _numbered_item_headlines(units)
    _repeated_column_labels(units)
    _headlines_under_item_numbers(units)
    return units


def _headlines_under_item_numbers(units: list[Unit]) -> None:
    """01 / 市民服务中心推出周末“不打烊”服务 / 从5月11日起，…: a push numbers its items, and the short
    line under an item's number, over its text, is that item's headline."""
    for i in range(1, len(units) - 1):
        u, prev = units[i], units[i - 1]
        if (
            u.kind in (Kind.BODY, Kind.HEADING)
            and prev.kind == Kind.FURNITURE
            and re.fullmatch(r"0\d|[1-9]\d?", prev.text.strip())
            # (01 抱团出海拓宽销路: a feature numbers its sections too, under shorter subheads)
            and 10 <= len(content_chars(u.text)) <= 40
            and not ends_sentence(u.text)
            and not re.search(r"[，。；！？]", u.text)
            and (nxt := _next_content(units, i)) is not None
            and nxt.kind == Kind.BODY
        ):
            u.kind = Kind.HEADING
            u.strong = u.item_head = True


_BRACKETED = re.compile(r"[【\[][^】\]]{1,12}[】\]]")


def _repeated_column_labels(units: list[Unit]) -> None:
    """【快讯】 over each of a push's briefs, headlined or not: a bracketed label printed over
    three items or more is their column's name, page furniture between items (an in-body
    section label, 【重点提示】, is printed once, between paragraphs)."""
    marks = [u for u in units if u.kind in (Kind.LABEL, Kind.KICKER) and _BRACKETED.fullmatch(u.text.strip())]
    counts = Counter(u.text.strip() for u in marks)
    columns = any(n >= 3 for n in counts.values())
    for u in marks:
        # (【一句话新闻】 after a brief, signed off or among the push's columns: another column)
        prev = units[u.index - 1] if u.index > 0 else None
        signed_off = prev is not None and prev.kind == Kind.NAMES and prev.closing
        after_item = prev is not None and prev.kind == Kind.BODY and ends_sentence(prev.text) and columns
        if counts[u.text.strip()] >= 3 or (u.kind == Kind.LABEL and (signed_off or after_item)):
            u.kind = Kind.FURNITURE
            u.opens_item = True


_BARE_EDITION = re.compile(r"^(第\s*[A-Z]?\s*\d{1,3}\s*版|[A-Z]\s?\d{1,2}\s*版?)$")


def _edition_list_entries(units: list[Unit]) -> None:
    """An e-paper's list of pages (第01版 / 要闻 / 第02版 / 综合 …): each page's name is navigation."""
    for i in range(1, len(units)):
        u, prev = units[i], units[i - 1]
        prev_raw = (prev.block.raw_joined if prev.block else prev.text).strip()
        if (
            prev.kind == Kind.FURNITURE
            and _BARE_EDITION.match(prev_raw)
            and u.kind != Kind.FURNITURE
            and len(content_chars(u.text)) <= 8
            and not re.search(r"[，。！？；：:,!?;“”]", u.text)
        ):
            u.kind = Kind.FURNITURE


def _numbered_item_headlines(units: list[Unit]) -> None:
    """①… ②… ③… headlines, each over its paragraph: a digest's items, each a headline for certain."""
    heads = [u for u in units if u.kind == Kind.HEADING and u.text[:1] in CIRCLED]
    numbers = [CIRCLED.index(u.text[0]) for u in heads]
    if len(heads) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(heads))):
        for u in heads:
            u.strong = True


def _photo_items_under_headlines(units: list[Unit]) -> None:
    """A credited picture line right under its own headline, with another headline (or nothing) after
    it: a picture column's item, whose text is its body (津市：毛里湖畔练龙舟 / 5月15日，… 许 亮 摄)."""
    for i in range(1, len(units)):
        u = units[i]
        if u.kind != Kind.CAPTION or not u.inline_caption or units[i - 1].kind != Kind.HEADING:
            continue
        nxt = _next_content(units, i)
        if nxt is None or nxt.kind in (Kind.HEADING, Kind.KICKER):
            u.kind = Kind.BODY
            u.closing = u.photo_credited = True


def _list_entries_with_summaries(units: list[Unit]) -> None:
    """A list page entry (· title　date) with its summary printed under it: the item's headline."""
    last_at: dict[str, int] | None = None  # each line's last position, built once a teaser shows up
    for i in range(len(units) - 1):
        u, nxt = units[i], units[i + 1]
        if u.kind != Kind.FURNITURE or nxt.kind != Kind.BODY or nxt.dateline:
            continue
        entry = list_entry_title(u.block.raw_joined if u.block else u.text)
        if entry and len(content_chars(nxt.text)) >= 20:
            if re.search(r"(…|\.{3})$", nxt.text.strip()):
                if last_at is None:
                    last_at = {content_chars(v.text): k for k, v in enumerate(units)}
                if last_at.get(content_chars(entry[0]), -1) > i + 1:
                    # A teaser cut short (…) under an entry whose item the page prints in full later.
                    nxt.kind = Kind.FURNITURE
                    continue
            u.kind = Kind.HEADING
            u.strong = True
            u.text = despace(entry[0])
            u.aside = [entry[1]]  # the entry's date dates the item


_LIST_ITEM = re.compile(r"^[^，。：:、；\s]{1,12}[：:]\S")


def _spaced_names_under_headlines(units: list[Unit]) -> None:
    """``周 磊 向 华`` right under a headline or its deck is the names line, not a spaced-out headline."""
    for i in range(1, len(units)):
        u, prev = units[i], units[i - 1]
        if u.kind != Kind.HEADING or prev.kind not in (Kind.HEADING, Kind.SUBTITLE) or u.block is None:
            continue
        names = spaced_names(u.block.raw_joined)
        if names:
            u.kind = Kind.NAMES
            u.credits = names
            u.text = ""


def _list_items(units: list[Unit]) -> None:
    """Two or more short ``key：value`` lines in a row are a list in a body (数说, 名单), not headlines."""
    i = 0
    while i < len(units):
        j = i
        while j < len(units) and units[j].kind == Kind.HEADING and _LIST_ITEM.match(units[j].text):
            j += 1
        if j - i >= 2:
            for u in units[i:j]:
                u.kind = Kind.BODY
                u.list_item = True
        i = max(j, i + 1)


def _apply_markdown_levels(units: list[Unit]) -> None:
    """Markdown pages: the shallowest heading level carries headlines, deeper ones subheads."""
    levels = [u.md_level for u in units if u.md_level]
    if not levels:
        return
    top = min(levels)
    for i, u in enumerate(units):
        if not u.md_level or u.kind in (Kind.NAMES, Kind.AUTHOR, Kind.CREDIT, Kind.FURNITURE, Kind.CAPTION):
            continue
        if u.kind == Kind.SUBTITLE:
            continue
        if u.md_level == top:
            if u.kind in (Kind.BODY, Kind.HEADING, Kind.KICKER):
                u.kind = Kind.HEADING
                u.strong = True
            continue
        # Deeper level: a subhead, unless its neighbours make it a headline or a kicker.
        nxt = _next_content(units, i)
        prv = _prev_content(units, i)
        if prv is not None and prv.kind == Kind.LABEL:
            prv = None  # a label above (【发展感言】) does not make this a body subhead
        if u.kind in (Kind.LABEL, Kind.KICKER):
            continue  # 【…】 labels and series lines are decided by what follows them
        if nxt is not None and nxt.md_level and nxt.md_level < u.md_level and nxt.md_level == top:
            u.kind = Kind.KICKER
        elif is_place_led_headline(u.text):
            # 攸县：“一老一小”有人管 — a place and a colon open a report's headline, never a subhead
            u.kind = Kind.HEADING
            u.strong = True
        elif (
            nxt is not None and nxt.kind in (Kind.AUTHOR, Kind.NAMES) and not (prv and prv.kind == Kind.BODY)
        ):
            u.kind = Kind.HEADING
            u.strong = True
        else:
            u.kind = Kind.BODY
            u.subhead = True


def _next_content(units: list[Unit], i: int) -> Unit | None:
    for u in units[i + 1 :]:
        if u.kind not in (Kind.FURNITURE, Kind.CAPTION, Kind.CREDIT):
            return u
    return None


def _prev_content(units: list[Unit], i: int) -> Unit | None:
    for u in reversed(units[:i]):
        if u.kind not in (Kind.FURNITURE, Kind.CAPTION, Kind.CREDIT):
            return u
    return None


def _numbered_photo_captions(units: list[Unit]) -> None:
    """①… ②… ③…: a photo spread numbers its pictures, one finished sentence each.

    A numbered list inside a report runs on with ；or ， and is longer; two or more short
    numbered sentences in a row, in order, are the captions of the pictures.
    """
    i = 0
    while i < len(units):
        run = []
        j = i
        while j < len(units):
            t = units[j].text.strip()
            if (
                units[j].kind in (Kind.BODY, Kind.CAPTION)
                and t[:1] == CIRCLED[len(run) : len(run) + 1]
                and t.endswith("。")
                and len(content_chars(t)) <= 60
                and "。" not in t[:-1]
            ):
                run.append(units[j])
                j += 1
                continue
            break
        if len(run) >= 2:
            for u in run:
                u.kind = Kind.CAPTION
            i = j
        else:
            i += 1


_PICTURE_SOURCE = re.compile(
    r"[（(]\s*(资料图|资料照片|资料图片|图片来源[^（）()]{0,16}|[^（）()]{1,12}供图)\s*[)）]$"
)


def _captions_under_picture_names(units: list[Unit]) -> None:
    """A dump leaves a picture's file name where the picture was (1.jpg): the one short sentence
    under it is the picture's caption, inside the item, not an item of its own."""
    for i, u in enumerate(units[:-1]):
        nxt = units[i + 1]
        # (…库区风光。（资料图）: where the picture comes from is part of its caption)
        t = _PICTURE_SOURCE.sub("", nxt.text.strip())
        if (
            u.kind == Kind.FURNITURE
            and is_image_name(u.text)
            # (A headline under a picture, 1.jpg / 网岭镇早稻机插进入高峰期 / 发布日期：…, ends on no 。)
            and (nxt.kind == Kind.BODY or nxt.kind == Kind.HEADING and t.endswith("。"))
            and len(content_chars(t)) <= 30
            and t.count("，") <= 1
            and not re.search(r"[。！？].", t)
            # (under a bare 图片 placeholder, a dated sentence may be the text's first: 9月2日，…启动。)
            and not (not re.search(r"\.\w+$", u.text.strip()) and opens_report(t))
        ):
            nxt.kind = Kind.CAPTION


def _pictures_over_dateline(units: list[Unit]) -> None:
    """An item shows its pictures between its headline (or metadata) and its text: the
    one-sentence lines there, above the paragraph that opens with the dateline, above a
    文/图 credit or above the byline, are the pictures' captions."""
    for i, u in enumerate(units):
        raw = u.block.raw_joined if u.block else u.text
        photo_credit = u.kind == Kind.NAMES and bool(
            re.match(r"^(文\s*[/／]\s*图|图\s*[/／]\s*文)", raw.strip())
        )
        # (a byline over the text; one under it, before the footer, signs the text above)
        below = next((x for x in units[i + 1 :] if x.kind != Kind.FURNITURE), None)
        byline = (
            u.kind == Kind.NAMES
            and not u.closing
            and bool(u.credits)
            and below is not None
            and below.kind == Kind.BODY
        )
        if not (u.kind == Kind.BODY and u.dateline or photo_credit or byline):
            continue
        j = i - 1
        lines: list[Unit] = []
        while j >= 0 and units[j].kind == Kind.BODY and not units[j].credits and len(lines) < 4:
            t = units[j].text.strip()
            if not (t.endswith("。") and "。" not in t[:-1] and len(content_chars(t)) <= 40):
                break
            lines.append(units[j])
            j -= 1
        if not lines or j < 0 or len(lines) != i - 1 - j:
            continue
        # Only right under an item's frame: a headline, then its metadata lines (来源/作者/发布时间,
        # 字号, 分享到, the picture's file name), however many the site prints.
        k = j
        while k >= 0 and j - k < 8 and units[k].kind in (Kind.FURNITURE, Kind.NAMES):
            k -= 1
        if k >= 0 and units[k].kind == Kind.HEADING:
            for c in lines:
                c.kind = Kind.CAPTION


def _caption_before_credit(units: list[Unit]) -> None:
    """A short line ending in 。 right before a photo credit is that photo's caption.

    A ▲ caption followed by a credit line takes that credit as its photographer's.
    """
    for i in range(len(units) - 1):
        u, nxt = units[i], units[i + 1]
        if nxt.kind != Kind.CREDIT:
            continue
        bulleted = u.kind == Kind.CAPTION and not u.credits and not u.organisations
        if bulleted or (
            u.kind in (Kind.BODY, Kind.HEADING)
            and len(content_chars(u.text)) <= 40
            and not u.closing
            and not u.dateline
        ):
            # ▲ caption with its credit on the next line: the credit is the photo's, it does not
            # end the article around the photo.
            u.kind = Kind.CAPTION
            u.credits = list(nxt.credits)
            u.organisations = list(nxt.organisations)
            u.aside = list(nxt.aside)
            nxt.aside = []
            nxt.kind = Kind.CAPTION
            nxt.text = ""
            nxt.credits, nxt.organisations = [], []


def _captions_credited_inline(units: list[Unit]) -> None:
    """``皇都侗文化村村级政务服务站，代办员为村民办理业务。（图/文 吴远东）`` between paragraphs.

    A short sentence closed by a photo credit, with the article's text going on below it, is
    a photo's caption; at the end of an item the same shape is the last paragraph of photo news.
    """
    for i, u in enumerate(units):
        if u.kind != Kind.BODY or not u.photo_credited or len(content_chars(u.text)) > 40:
            continue
        # (Past the other pictures' captions printed with it.)
        nxt = next(
            (
                v
                for v in units[i + 1 :]
                if v.kind not in (Kind.FURNITURE, Kind.CAPTION)
                and not (v.kind == Kind.BODY and v.photo_credited and len(content_chars(v.text)) <= 40)
            ),
            None,
        )
        # The text below goes on - unless it is an item of its own (opens like a report and is
        # closed by its own credit: the next photo news).
        own_item = nxt is not None and nxt.closing and opens_report(nxt.text)
        # (A picture page prints an item's pictures over its headline: 便江沿岸…。（黄颖 摄）/ 标题.)
        heads_below = nxt is not None and nxt.kind == Kind.HEADING
        if nxt is not None and (nxt.kind == Kind.BODY and not nxt.dateline and not own_item or heads_below):
            u.kind = Kind.CAPTION
            u.closing = False


def _photo_news_between_items(units: list[Unit]) -> None:
    """``10月2日，…相映成趣。 江永县融媒体中心供图`` on its own between finished items is photo news.

    A captioned photo sits inside its article; a credited sentence that opens like a report,
    with nothing unfinished above it and no paragraph of its own article below, is an item.
    """
    for i, u in enumerate(units):
        if u.kind != Kind.CAPTION or not u.inline_caption or not opens_report(u.text):
            continue
        prev = next((v for v in reversed(units[:i]) if v.kind != Kind.FURNITURE), None)
        nxt = next((v for v in units[i + 1 :] if v.kind != Kind.FURNITURE), None)
        prev_done = prev is None or prev.closing or (prev.kind == Kind.BODY and ends_sentence(prev.text))
        prev_done = prev_done and not (prev is not None and prev.kind in (Kind.HEADING, Kind.NAMES))
        next_new = nxt is None or nxt.kind in (Kind.HEADING, Kind.KICKER) or opens_report(nxt.text)
        if prev_done and next_new and (prev is None or prev.kind != Kind.BODY or prev.closing):
            u.kind = Kind.BODY
            u.closing = True
            u.photo_credited = True


_PLACE_ALONE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,12})\s*[：:]$")


def _place_lines_into_headlines(units: list[Unit]) -> list[Unit]:
    """``华容县：`` on a line of its own right above a headline is the headline's first words
    (the place-led headline wrapped after its colon), not a paragraph."""
    out: list[Unit] = []
    for u in units:
        prev = out[-1] if out else None
        m = _PLACE_ALONE.match(prev.text) if prev is not None and prev.kind != Kind.FURNITURE else None
        touching = u.block is None or u.block.gap_before <= 1
        if m and touching and u.kind == Kind.HEADING and is_division_name(m.group("place")):
            u.text = prev.text.strip() + u.text
            u.start = prev.start
            out[-1] = u
            continue
        out.append(u)
    return out


def _kickers_before_headings(units: list[Unit]) -> None:
    """【发展感言】 or a series line directly above a headline is that headline's kicker."""
    for i, u in enumerate(units):
        if u.kind == Kind.LABEL:
            nxt = _next_content(units, i)
            prev = _prev_content(units, i)
            if nxt is not None and nxt.kind == Kind.HEADING and (nxt.strong or not nxt.md_level):
                u.kind = Kind.KICKER
            elif (
                prev is not None
                and prev.kind in (Kind.HEADING, Kind.SUBTITLE)
                and nxt is not None
                and nxt.kind == Kind.NAMES
            ):
                # 平江：… / ——… / 【县域观察】 / 记者 …: the column's label printed inside the headline block.
                u.kind = Kind.KICKER
        elif u.kind == Kind.KICKER and not is_series_line(u.text):
            nxt = _next_content(units, i)
            if nxt is None or nxt.kind not in (Kind.HEADING, Kind.SUBTITLE):
                u.kind = Kind.HEADING
        elif u.kind == Kind.HEADING and _is_slogan(u.block.raw_joined if u.block else u.text):
            # 奋进新征程 建功新时代 over a headline: a campaign's slogan, printed as its kicker.
            nxt = _next_content(units, i)
            if (
                nxt is not None
                and nxt.kind == Kind.HEADING
                and not _is_slogan(nxt.block.raw_joined if nxt.block else nxt.text)
            ):
                u.kind = Kind.KICKER
        elif u.kind == Kind.HEADING and is_division_name(u.text.strip()):
            # 岳阳县 alone over a headline names where the report is from: a kicker.
            nxt = _next_content(units, i)
            if nxt is not None and nxt.kind == Kind.HEADING:
                u.kind = Kind.KICKER
        elif u.kind == Kind.HEADING and not u.md_level and _three_line_head(units, i):
            # 聚焦“五好”园区建设 / 溆浦：… / 从卖原竹到…: three short lines over a names line are
            # kicker, headline and deck, in that order.
            u.kind = Kind.KICKER
            u.fragment = False


# Campaign slogans are long parallel phrases (奋进新征程 建功新时代); two short ones (小村庄 大治理)
# are a report's own headline.
_SLOGAN = re.compile(r"^\s*([\u4e00-\u9fff]{5,7})([ \u3000]+[\u4e00-\u9fff]{5,7})+\s*$")


def _is_slogan(text: str) -> bool:
    """Parallel phrases of one length set apart by spaces: 奋进新征程 建功新时代."""
    m = _SLOGAN.match(text)
    return bool(m) and len({len(p) for p in text.split()}) == 1


def _three_line_head(units: list[Unit], i: int) -> bool:
    seq = [units[i]]
    for _ in range(3):
        nxt = _next_content(units, seq[-1].index)
        if nxt is None:
            return False
        seq.append(nxt)
    heads, byline = seq[:3], seq[3]
    return (
        all(h.kind == Kind.HEADING and not h.md_level for h in heads)
        and byline.kind in (Kind.NAMES, Kind.AUTHOR)
        and not byline.closing
    )


__all__ = ["classify_blocks"]
