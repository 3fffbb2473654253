"""Bodies without headlines and articles interrupted by others (steps 3 and 4 of :mod:`assemble`).

A body without a headline is joined to the article whose headline follows it (a series intro) or
precedes it, when their wording agrees, or stays a headless brief.  Paragraphs are moved back to an
earlier article they continue (an article interrupted by another and resumed later), judged by
shared wording with a lower bar when the earlier article stopped mid-sentence; running text never
jumps back into an article that was finished; a paragraph that finishes a number or quantity another
article broke off on always goes back to it.
"""

from __future__ import annotations

import re
from collections import Counter

from .classify import Kind, Unit
from .drafts import (
    RESUME_CONTEXT,
    SWITCH_MARGIN,
    Draft,
    Run,
    affinity,
    best_split,
    counties_in,
    draft_grams,
    prefectures_in,
)
from .text import (
    REPORT_LEAD,
    BigramIndex,
    bigrams,
    content_chars,
    ends_sentence,
    is_han,
    opens_report,
)


def rejoin_continued_headlines(drafts: list[Draft], units: list[Unit]) -> list[Draft]:
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


def merge_headless(drafts: list[Draft], index: BigramIndex, units: list[Unit]) -> list[Draft]:
    """A body without headline: the intro of the article whose headline follows, or a continuation."""
    out: list[Draft] = []
    i = 0
    while i < len(drafts):
        d = drafts[i]
        if _under_item_mark(units, d):
            # 【快讯】 over it: the column says an item begins here, headline or not.
            _return_resumed_tail(d, out)
            out.append(d)
            i += 1
            continue
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
        # 本报讯（…）10月15日，… over 双峰“帮代办”让项目落地提速 / 今年以来，…: a dated lead printed
        # above the headline of a report that has no dateline of its own is that report's lead.
        dated_lead = (
            _starts_with_dateline(d) and not out and nxt is not None and not _starts_with_dateline(nxt)
        )
        if (
            d.title_group is None
            and d.paras
            and not d.hard_end
            and (dated_lead or not _starts_with_dateline(d))
        ):
            if (
                nxt is not None
                and nxt.title_group is not None
                and not nxt.title_after_body
                and nxt.paras
                and not _opens_continuation(units, d)
                and affinity(index, draft_grams(d), draft_grams(nxt)) >= 0.3
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
            if resumed is not None and continues_sentence(resumed.paras[-1].text, d.paras[0].text):
                # The rest of a sentence cut off above (…缩短至 / 15个工作日。): the article resumes here.
                _absorb_resumed(resumed, d)
                i += 1
                continue
            prev = out[-1] if out else None
            if (
                prev is not None
                and not prev.hard_end
                and not d.names_groups
                and index.coverage(bigrams(d.paras[0].text), draft_grams(prev)) >= 0.35
            ):
                prev.paras += d.paras
                prev.hard_end = d.hard_end
                prev.extra_credits += d.extra_credits
                i += 1
                continue
        _return_resumed_tail(d, out)
        _return_tail_after_boxed_brief(d, out, index)
        return_parallel_sections(d, out)
        out.append(d)
        i += 1
    return out


def _under_item_mark(units: list[Unit], d: Draft) -> bool:
    """The draft's first line is printed under a column's item mark (pictures between them)."""
    if d.title_group is not None or not d.paras:
        return False
    k = min(p.index for p in d.paras) - 1
    while k >= 0 and units[k].kind in (Kind.FURNITURE, Kind.CAPTION) and not units[k].opens_item:
        k -= 1
    return k >= 0 and units[k].opens_item


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
    named = counties_in(para.text)
    below = counties_in(nxt.title_group.text + " ".join(p.text for p in nxt.paras[:2]))
    above = counties_in(" ".join(p.text for p in prev.paras)) if prev is not None else set()
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
        if ends_sentence(d.paras[k - 1].text) and continues_sentence(host.paras[-1].text, d.paras[k].text):
            host.paras += d.paras[k:]
            host.hard_end, d.hard_end = d.hard_end, False
            host.extra_credits += d.extra_credits
            d.extra_credits = []
            host.resumed = host.split = True
            d.paras = d.paras[:k]
            return


def _section_shape(text: str) -> str:
    """A subhead's shape: its characters as H, its punctuation kept (种好“一棵树” → HH“HHH”)."""
    return re.sub(r"[\u4e00-\u9fff]", "H", re.sub(r"\s+", "", text))


def return_parallel_sections(d: Draft, out: list[Draft]) -> None:
    """A short item printed inside a feature (a 短评, a picture, a brief) and the feature's next
    section after it: a subhead shaped like the feature's own (种好“一棵树” … 做强“一条链”, 老林换新颜 …
    链条拉长了) takes the text from there back to the feature."""
    host = next((x for x in reversed(out[-2:]) if x.title_group is not None), None)
    if host is None or host is d:
        return
    shapes = {_section_shape(p.text) for p in host.paras if p.subhead and len(content_chars(p.text)) >= 4}
    if not shapes:
        return
    paras = sorted(d.paras, key=lambda q: q.start)
    for k in range(1, len(paras)):
        p = paras[k]
        if not (p.subhead and _section_shape(p.text) in shapes):
            continue
        if sum(len(q.text) for q in paras[:k]) > 600:
            return  # a long piece is an article of its own, not an inset
        cut = p.start  # (the inset keeps its own captions and credits, printed before the cut)
        host.paras += paras[k:]
        host.captions += [u for u in d.captions if u.start >= cut]
        host.extra_credits += [u for u in d.extra_credits if u.start >= cut]
        d.captions = [u for u in d.captions if u.start < cut]
        d.extra_credits = [u for u in d.extra_credits if u.start < cut]
        host.hard_end, d.hard_end = d.hard_end, False
        host.resumed = host.split = True
        d.paras = paras[:k]
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
    host_places = counties_in(" ".join(p.text for p in host.paras))
    for k in range(1, len(d.paras)):
        lead, rest = d.paras[:k], d.paras[k:]
        if not ends_sentence(lead[-1].text):
            continue
        lead_places = counties_in(" ".join(p.text for p in lead))
        rest_places = counties_in(" ".join(p.text for p in rest))
        if (
            not lead_places
            or lead_places & host_places
            or not rest_places & host_places
            or rest_places & lead_places
        ):
            continue
        grams = bigrams("".join(p.text for p in rest))
        if index.coverage(grams, draft_grams(host)) <= index.coverage(
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
    if len(out) < 2:
        return None
    brief = out[-1]
    # A brief opening with its signed dateline and ending on a full stop may have finished
    # without a closing credit; then the piece must share the earlier article's wording more
    # than the brief's (it may be the brief's second paragraph).
    signed = (
        brief.title_group is not None and _starts_with_dateline(brief) and ends_sentence(brief.paras[-1].text)
    )
    if not (brief.hard_end or signed):
        return None
    # 今年以来，安江镇…（通讯员 刘 苹） after a headed brief: opening like a report, the piece may
    # be headless news of its own; signed off and sharing the earlier article's wording well
    # beyond chance, it is that article's rest.
    reportlike = opens_report(d.paras[0].text)
    if reportlike and not (d.hard_end and brief.title_group is not None and not d.paras[-1].photo_credited):
        return None
    grams = draft_grams(d)
    host = _resumed_host(d, out, index, grams, reportlike, skip_briefs=False)
    if host is None and not reportlike:
        # A column of signed briefs may stand between the article and its rest.
        host = _resumed_host(d, out, index, grams, reportlike, skip_briefs=True)
    return host


def _resumed_host(
    d: Draft, out: list[Draft], index: BigramIndex, grams: Counter[str], reportlike: bool, skip_briefs: bool
) -> Draft | None:
    """The nearest headed article above that ``d`` goes on (see :func:`_resumed_after_brief`);
    with ``skip_briefs``, closed briefs are passed over, and the rest must share the article's
    wording clearly more than any of theirs."""
    brief = out[-1]
    skipped = 0.0
    for x in reversed(out[:-1]):
        if x.title_group is None or not x.paras:
            continue
        if skip_briefs and _closed_brief(x):
            skipped = max(skipped, index.coverage(grams, draft_grams(x)))
            continue
        if x.hard_end:
            return None  # the nearest headed article above finished: nothing to resume
        share = index.coverage(grams, draft_grams(x))
        # Without a closing credit the piece may be a brief of its own; an article stopped
        # mid-sentence (…开展订单式职业技能培训，) makes it a resumption, and so does, past a
        # column of signed briefs, wording shared with the article well beyond chance.
        if not d.hard_end and not x.open and not (skip_briefs and share >= 0.45):
            return None
        lead = counties_in(d.paras[0].text[:16])
        if lead and not lead & counties_in(" ".join(p.text for p in x.paras)):
            return None  # 芷江侗族自治县推行…: a brief about a county the article never names
        if skip_briefs and share <= skipped + 0.1:
            return None
        if not brief.hard_end and share <= index.coverage(grams, draft_grams(brief)) + 0.1:
            return None
        return x if share >= (0.45 if reportlike else 0.35) else None
    return None


def _closed_brief(d: Draft) -> bool:
    """A short headed item, signed off at its end or in its dateline: one of a column of briefs."""
    signed = d.hard_end or (bool(d.paras[0].dateline) and ends_sentence(d.paras[-1].text))
    return (
        signed
        and d.title_group is not None
        and len(d.paras) <= 2
        and sum(len(p.text) for p in d.paras) <= 240
    )


def _starts_with_dateline(d: Draft) -> bool:
    """The draft opens with a dateline: in its first paragraph, or on a line of its own above
    it (本报讯（记者 … 通讯员 …） / 10月14日，…): a report of its own, not a series intro."""
    if not d.paras:
        return False
    if d.paras[0].dateline:
        return True
    first = d.paras[0].start
    return any(u.dateline for g in d.names_groups for u in g.units if u.start < first)


def continues_sentence(prev_text: str, text: str) -> bool:
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


class Resumer:
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
            self._places[id(d)] = prefectures_in("".join(texts))
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
        look_places = prefectures_in(p.text + (nxt.text if nxt else ""))
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
                if continues_sentence(cand.paras[-1].text, p.text):
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
                split = best_split(Run(paras=own), d.title_group, tail.title_group, self.index)
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
