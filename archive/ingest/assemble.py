"""Typed units → articles: which block is a headline, where articles start and end.

This module runs the steps and attaches headline blocks to bodies (step 2); step 1 is in
:mod:`headings`, step 5's reading of the page into elements in :mod:`elements`, steps 3 and 4 in
:mod:`resume`, and captions and credits are placed by :mod:`floating` (the pieces they share are in
:mod:`drafts`).

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

from .classify import Kind, Unit
from .drafts import (
    BODY_KINDS,
    FORWARD_PRIOR,
    NAMES_FORWARD_BONUS,
    ORPHAN_PENALTY,
    SIMILARITY_WEIGHT,
    SPLIT_PENALTY,
    TOPIC_SHIFT,
    TRAILING_BONUS,
    Assembly,
    Draft,
    Group,
    Run,
    best_split,
    counties_in,
    run_bigrams,
)
from .elements import OWN_ITEM_BAR, SHIFT_CONTEXT, TRAILING_SHIFT, build_elements, new_report_score
from .floating import place_floating
from .headings import resolve_headings
from .resume import Resumer, merge_headless, rejoin_continued_headlines, return_parallel_sections
from .text import (
    BigramIndex,
    bigrams,
)


def attach_groups(elements: list[Group | Run], index: BigramIndex) -> dict[int, str]:
    """Choose for every headline group: the body after it, the body before it, or none.

    Dynamic programme over the groups in page order; returns {element index: 'fwd'|'bwd'|'none'}.
    """
    gidx = [i for i, e in enumerate(elements) if isinstance(e, Group)]
    if not gidx:
        return {}
    grams = {i: bigrams(elements[i].text) for i in gidx}  # type: ignore[union-attr]
    run_grams: dict[int, set[str]] = {i: run_bigrams(e) for i, e in enumerate(elements) if isinstance(e, Run)}

    def option_scores(i: int) -> dict[str, float]:
        g: Group = elements[i]  # type: ignore[assignment]
        prev = elements[i - 1] if i > 0 else None
        nxt = elements[i + 1] if i + 1 < len(elements) else None
        out = {"none": ORPHAN_PENALTY if g.has_title else -0.5}
        if isinstance(nxt, Run) and nxt.paras:
            s = FORWARD_PRIOR + SIMILARITY_WEIGHT * index.coverage(grams[i], run_grams[i + 1])
            if g.has_names or nxt.paras[0].dateline:
                # a byline under the headline, or a dateline opening the text below it
                # (本报10月21日讯（记者 …）…): the headline heads what follows
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
                        split = best_split(run, left, right, index)  # type: ignore[arg-type]
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
    drafts = merge_headless(drafts, index, units)
    drafts = rejoin_continued_headlines(drafts, units)
    drafts = Resumer(drafts, index, units).run()
    drafts = _split_trailing_items(drafts, index)
    drafts = _split_items_about_another_county(drafts)
    _promote_subheads(drafts)
    place_floating(drafts, floating, index)
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
            named = counties_in(p.text[lead.end() : lead.end() + 12])
            seen = counties_in(head + " ".join(q.text for q in paras[:k]))
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
            # (a picture item inside a feature: the feature's next section after it is its own)
            return_parallel_sections(item, out[:-1])
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
            # (see Resumer), anchored by the paragraphs printed just above that headline.
            head = Draft(paras=list(e.paras), title_group=fwd, anchor=list(e.paras[:2]))
            # The trailing article's anchor stays on its side of where the wording turns: in a narrow
            # column three paragraphs may still be the leading headline's.
            split = best_split(e, fwd, bwd, index)
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


def _promote_subheads(drafts: list[Draft]) -> None:
    """An article without headline whose first block is a subhead-like line: that line is its title."""
    for d in drafts:
        if d.title_group is None and len(d.paras) > 1 and d.paras[0].subhead and not d.paras[0].md_level:
            first = d.paras.pop(0)
            first.kind = Kind.HEADING
            d.title_group = Group(units=[first])
