"""Typed units → elements: headline groups and runs of body text, with captions, credits and
furniture set aside (step 5 of :mod:`assemble`).

Page furniture cuts articles (上接/下转 lines, mastheads, an online item's metadata and footer),
and a paragraph closed by its own credit (inline, or a names line of its own under it) is an item
of its own (photo news, the next brief) when one score says a new report starts there
(:func:`new_report_score`: the text above finished, the paragraph opens like a report, a dateline
brief above, another county).  On a picture column a credited caption under an item's headline and
metadata is the item's text.
"""

from __future__ import annotations

import re

from .classify import SEPARATOR_LINE, Kind, Unit
from .drafts import GROUP_KINDS, JUMP, Group, Run, counties_in, prefectures_in
from .furniture import frames_item, header_parts, is_image_name
from .gazetteer import leads_with_division
from .headings import LIST_DATE
from .resume import continues_sentence
from .text import (
    CIRCLED,
    ends_sentence,
    opens_report,
)


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
            if group is not None and run is None and group.has_title and LIST_DATE.match(u.text.strip()):
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
            if SEPARATOR_LINE.match(u.text.strip()) or u.opens_item:
                # ■ between two paragraphs, 【快讯】 over each brief: one item ends, another opens.
                if run is not None:
                    run.hard_end = True
                close_run()
                close_group()
            elif JUMP.search(u.text):
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
            elif (
                u.kind == Kind.CAPTION and not u.text and u.index and units[u.index - 1].kind == Kind.CAPTION
            ):
                # ▲…▲… / 通讯员 石 林 摄 / 9月20日，…: the photographer under a picture report's
                # captions ends it when what follows opens a report of its own.
                nxt = next((x for x in units[u.index + 1 :] if x.kind != Kind.FURNITURE), None)
                opens = nxt is not None and nxt.kind == Kind.BODY and opens_report(nxt.text)
                if opens and run is not None and run.paras:
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
        if group is not None and group.meta_below and run is None and u.item_head:
            # A push's title and account line, then 01 / the first item's headline (listed in
            # the push's digest, or under its number): the item's own headline block.
            close_group()
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
    below = _next_kept(units, u.index)
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
        if nxt.kind == Kind.NAMES and not nxt.closing and nxt.credits:
            continue  # 红网时刻新闻记者 张鹏 通讯员 刘晓雯 长沙报道: the byline over the item's text
        return nxt.kind not in (Kind.BODY, Kind.LABEL, Kind.CAPTION)
    return True


def _next_kept(units: list[Unit], i: int) -> Unit | None:
    """The next unit after ``i`` that is neither a repeat nor furniture."""
    for k in range(i + 1, len(units)):
        v = units[k]
        if v.duplicate_of is None and v.kind != Kind.FURNITURE:
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
    here = counties_in(para.text)
    there = prefectures_in("".join(p.text for p in before))
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
    resumed = below is not None and continues_sentence(run.paras[-2].text, below.text)
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
