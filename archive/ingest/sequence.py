"""A trained sequence model over the page's blocks: where articles start, what is a headline.

The recognisers (credits, datelines, jump lines, furniture, layout reflow, the assembler's
own proposal) become **features** of each block; a linear-chain CRF (CRFsuite) trained on
every annotated page labels the block sequence with ``O`` furniture, ``H`` headline block,
``N`` credits, ``C`` caption, ``B`` first body block of an article, ``I`` body continuing one.

Exact rules stay exact: the model does not re-read a dateline or a names line; it decides
what the rules cannot know for sure — whether a headless paragraph starts an item of its
own, whether a short exclamatory line is a headline or a sentence of the body, whether a
line over an article is its headline or page chrome — and says how sure it is, which is
what puts an article on the review list.  The model file is ``archive/data/segmenter.crfsuite``,
made by ``manage.py train_segmenter``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .classify import Kind, Unit, heading_shape
from .dedupe import mark_duplicates
from .drafts import Assembly, Draft, Group, counties_in
from .furniture import header_parts, is_jump_line, is_web_metadata
from .gazetteer import leads_with_division
from .layout import build_blocks
from .lines import NARROW_MAX
from .text import bigrams, content_chars, ends_sentence, opens_report
from .unit_context import classify_blocks

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "segmenter.crfsuite"

# A correction overrides the rules only when the model is at least this sure (chosen on the
# training sets by leave-one-set-out; see the train command's report).
OVERRIDE_P = 0.8
# An article is doubted when the model gives its start or its headline less than this.  The
# fourth round's model (trained on many more web pages) is less sure of printed pages: on the
# generated benchmark corpus (about 2,530 articles) 0.6 flagged 21.0 %, 0.5 17.0 %, 0.4 15.2 %
# and 0.35 14.1 % with the final model (the target is 15 %), so 0.35.  Retrained in the fifth round
# (31 sets): 0.35 flagged 15.9 % of 2,560, 0.32 15.1 %, 0.3 14.3 %.  The round's final model (33
# sets) is surer of printed pages: 0.3 12.3 %, 0.35 13.4 %, 0.38 14.0 %, 0.4 14.7 %, 0.45 16.0 %;
# so 0.38 (the highest bar with a margin under 15 %: more doubt flagged on web pages).
DOUBT_P = 0.38


@dataclass
class Labelled:
    """The page's units as the assembler left them, with the rules' and the model's labels."""

    units: list[Unit]
    rule: list[str]
    marginals: list[dict[str, float]] | None = None

    def p(self, i: int, label: str) -> float:
        return (
            self.marginals[i].get(label, 0.0) if self.marginals else (1.0 if self.rule[i] == label else 0.0)
        )

    @cached_property
    def index(self) -> dict[int, int]:
        """Each unit's position, by ``id``: built once per page, looked up for every article."""
        return {id(u): i for i, u in enumerate(self.units)}


def page_units(text: str) -> list[Unit]:
    """The non-repeated units of a page, classified (what the model and the assembler see)."""
    units = classify_blocks(build_blocks(text))
    mark_duplicates(units)
    return units


def rule_labels(units: list[Unit], assembly: Assembly) -> list[str]:
    """The label each unit gets from the assembler's articles (``O`` for what none took)."""
    where: dict[int, str] = {}
    for d in assembly.drafts:
        for g in [d.title_group] * bool(d.title_group) + d.names_groups:
            for u in g.units:
                where[id(u)] = "H" if u.kind in (Kind.HEADING, Kind.KICKER, Kind.SUBTITLE) else "N"
        for u in d.extra_credits:
            where[id(u)] = "N"
        for u in d.captions:
            where[id(u)] = "C"
        first = min(d.paras, key=lambda p: p.start) if d.paras else None
        for p in d.paras:
            where[id(p)] = "B" if p is first else "I"
    return [where.get(id(u), "O") for u in units]


def _bucket(n: int) -> str:
    for bound in (0, 5, 12, 20, 30, 48, 100, 300):
        if n <= bound:
            return str(bound)
    return "more"


_QUOTE_OPEN = '“「『"‘'


def _own_features(u: Unit) -> dict[str, float]:
    t = u.text.strip()
    raw = u.block.raw_joined.strip() if u.block else t
    n = len(content_chars(t))
    f: dict[str, float] = {
        "kind=" + u.kind.value: 1.0,
        "len=" + _bucket(n): 1.0,
        "md=" + str(min(u.md_level, 3)): 1.0,
    }
    flags = {
        "narrow": u.narrow,
        "strong": u.strong,
        "subhead": u.subhead,
        "fragment": u.fragment,
        "list_item": u.list_item,
        "inline_caption": u.inline_caption,
        "photo_credited": u.photo_credited,
        "closing": u.closing,
        "dateline": bool(u.dateline),
        "opening_credit": u.opening_credit,
        "credits": bool(u.credits),
        "organisations": bool(u.organisations),
        "aside": bool(u.aside),
        "heading_shape": heading_shape(t) if t else False,
        "ends_sentence": ends_sentence(t) if t else False,
        "ends_exclaim": t.endswith(("！", "!", "？", "?")),
        "ends_quote": t.endswith(("”", "」", "』")),
        "ends_colon": t.endswith(("：", ":")),
        "ends_comma": t.endswith(("，", "、", ",")),
        "opens_quote": t[:1] in _QUOTE_OPEN,
        "opens_report": opens_report(t) if t else False,
        "place_led": bool(t) and leads_with_division(t[:6], variants=True),
        "colon_in_head": bool(re.match(r"^[\u4e00-\u9fff]{2,8}[：:]", t)),
        "jump": is_jump_line(raw) or bool(re.search(r"(上接|下转|转第|接第)", raw[-14:] + raw[:8])),
        "web_meta": is_web_metadata(raw),
        "chrome": bool(
            re.search(r"(上一篇|下一篇|头版|首页|返回|\.(jpe?g|png|gif)$|扫码|二维码|点击查看)", raw)
        ),
        "label_bar": bool(re.search(r"[丨|｜]", raw)) and n <= 20,
        "bracket_label": bool(re.match(r"^【[^】]{2,12}】$", t)),
        "edition": bool(re.search(r"第\s*\d{1,3}\s*版|[A-Z]\d{1,2}版?", raw)) and n <= 30,
        "sentence_inside": bool(re.search(r"[。；]", t[:-1])) if t else False,
        "digits_only": bool(t) and not re.search(r"[\u4e00-\u9fff]", t),
        "gap": bool(u.block and u.block.gap_before),
        "duplicate": u.duplicate_of is not None,
    }
    for name, on in flags.items():
        if on:
            f[name] = 1.0
    return f


def features(units: list[Unit], rule: list[str]) -> list[dict[str, float]]:
    """CRFsuite features of each unit: its own, its neighbours', the rules' label and wording shifts."""
    own = [_own_features(u) for u in units]
    grams = [bigrams(u.text) for u in units]
    places = [counties_in(u.text) if u.kind not in (Kind.FURNITURE,) else set() for u in units]
    touching = _paragraphs_touch(units)
    out = []
    prev_body: Unit | None = None
    for i, u in enumerate(units):
        f = dict(own[i])
        f["rule=" + rule[i]] = 1.0
        # On a page whose paragraphs touch, a blank line between two paragraphs separates items.
        if u.kind == Kind.BODY and prev_body is not None and u.block and u.block.gap_before:
            f["gap_on_touching_page" if touching else "gap_on_spaced_page"] = 1.0
        if u.kind == Kind.BODY:
            prev_body = u
        elif u.kind not in (Kind.CREDIT, Kind.CAPTION):
            prev_body = None
        if i == 0:
            f["first"] = 1.0
        for step, tag in ((-1, "p"), (1, "n")):
            j = i + step
            if 0 <= j < len(units):
                f[f"{tag}:rule={rule[j]}"] = 1.0
                f[f"{tag}:kind={units[j].kind.value}"] = 1.0
                for name in ("heading_shape", "ends_sentence", "len=0", "len=5", "len=12", "opens_report"):
                    if name in own[j]:
                        f[f"{tag}:{name}"] = 1.0
            else:
                f[f"{tag}:none"] = 1.0
        # Shared wording with the body text just above: an item of its own shares little.
        above = set().union(*grams[max(0, i - 3) : i]) if i else set()
        if grams[i] and above:
            share = len(grams[i] & above) / len(grams[i])
            f[
                "share="
                + ("0" if share < 0.05 else "low" if share < 0.15 else "mid" if share < 0.3 else "high")
            ] = 1.0
        f[f"rule={rule[i]}&kind={u.kind.value}"] = 1.0
        # A county of its own, named nowhere in the text just above: a report from elsewhere.
        if places[i] and i:
            above_places = set().union(*places[max(0, i - 3) : i])
            f["new_place" if not places[i] & above_places else "same_place"] = 1.0
        # A photo credit (… 摄) right below: the end of a photo item.
        if any(units[j].kind == Kind.CREDIT for j in range(i + 1, min(len(units), i + 3))):
            f["credit_below"] = 1.0
        out.append(f)
    return out


def _paragraphs_touch(units: list[Unit]) -> bool:
    """The page prints an article's paragraphs on consecutive lines (one wide line each), so a
    blank line is left only between items: an online dump's style, unlike a printed page's."""
    for u in units:
        lines = u.block.lines if u.kind == Kind.BODY and u.block else []
        if len(lines) >= 2 and all(ln.width > NARROW_MAX and ends_sentence(ln.text) for ln in lines):
            return True
    return False


@lru_cache(maxsize=1)
def _tagger():
    """The trained model, or None when no model file exists (the rules then decide alone)."""
    if not MODEL_PATH.exists():
        return None
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    return tagger


def label_page(units: list[Unit], assembly: Assembly, tagger=None) -> Labelled:
    """The rules' labels and, when a model is available, the model's marginal probabilities."""
    rule = rule_labels(units, assembly)
    tagger = tagger if tagger is not None else _tagger()
    if tagger is None or not units:
        return Labelled(units, rule)
    tagger.set(features(units, rule))
    marginals = [{lab: tagger.marginal(lab, i) for lab in tagger.labels()} for i in range(len(units))]
    return Labelled(units, rule, marginals)


# --- Corrections: where the model overrides the rules ---------------------------------------


def correct(assembly: Assembly, labelled: Labelled, override: float = OVERRIDE_P) -> list[Draft]:
    """The assembler's drafts with the model's confident disagreements applied.

    * a body paragraph the model starts an article with (``B``) starts a headless item;
    * a headline the model reads as a sentence of the body (``I``) goes back into the
      article above it, with the paragraphs under it.

    (Setting aside headline lines the model reads as chrome was tried and dropped: on the
    annotated sets it removed more series lines than mastheads; chrome is matched by exact
    rules in :mod:`archive.ingest.furniture` instead.)
    """
    if labelled.marginals is None:
        return assembly.drafts
    index = labelled.index
    moved = [u for d in assembly.drafts for u in _captions_out_of_body(d, labelled, index, override)]
    drafts: list[Draft] = []
    for d in _attach_caption_drafts(sorted(assembly.drafts, key=_first_position)):
        if drafts and _headline_is_body(d, labelled, index, override) and _adjacent(drafts[-1], d):
            _absorb(drafts[-1], d)
            continue
        drafts.extend(_split_items(d, labelled, index, override))
    drafts = _join_continuations(drafts, labelled, index, override)
    drafts = _photo_items(drafts, labelled.units)
    return _join_bare_headlines(drafts, {id(u) for u in moved})


def _walls(units: list[Unit]) -> list[int]:
    """Where the page prints its header again (masthead, date, page number): between two items.

    A picture's file name or a share button is furniture too, but it sits inside an item.
    """
    # A jump line names a page (下转第4版②) but is no header: it sits inside an article's text.
    return sorted(
        u.start
        for u in units
        if u.kind == Kind.FURNITURE and header_parts(u.text)[0] and not is_jump_line(u.text)
    )


def _photo_items(drafts: list[Draft], units: list[Unit]) -> list[Draft]:
    """A picture's text printed between furniture lines is an item of its own, not a caption.

    An e-paper prints a photo item as a label (图片新闻, 你拍我晒) and the picture's text, with
    its masthead again above the next item: the text was placed as a caption of a neighbouring
    item across that masthead; it is the body of a headless item (or of the label's).
    """
    furniture = _walls(units)

    def walled_off(c: Unit, first: int, last: int) -> bool:
        if c.end <= first:
            return any(c.end <= f < first for f in furniture)
        return c.start >= last and any(last <= f < c.start for f in furniture)

    loose: list[Unit] = []
    for d in drafts:
        main = [*(d.title_group.units if d.title_group else []), *d.paras]
        if not main:
            continue
        first, last = min(u.start for u in main), max(u.end for u in main)
        away = [c for c in d.captions if walled_off(c, first, last)]
        if away:
            d.captions = [c for c in d.captions if c not in away]
            loose.extend(away)
    if not loose:
        return drafts
    items: list[list[Unit]] = []
    for c in sorted(loose, key=lambda u: u.start):
        if items and not any(items[-1][-1].end <= f < c.start for f in furniture):
            items[-1].append(c)
        else:
            items.append([c])
    out = sorted(drafts, key=_first_position)
    for item in items:
        for c in item:
            c.kind = Kind.BODY
        label = next(
            (
                d
                for d in out
                if d.title_group is not None and not d.paras and _last_position(d) <= item[0].start
            ),
            None,
        )
        if label is not None and not any(_last_position(label) <= f < item[0].start for f in furniture):
            label.paras, label.hard_end = list(item), True
        else:
            out.append(Draft(paras=list(item), order=item[0].start, hard_end=True))
        out.sort(key=_first_position)
    return out


def _join_continuations(
    drafts: list[Draft], lab: Labelled, index: dict[int, int], override: float
) -> list[Draft]:
    """Headless text the model reads as going on (``I``) rejoins the article right above it.

    A caption or a picture's file name printed between two paragraphs must not cut a report.
    """
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        first = min(d.paras, key=lambda p: p.start) if d.paras else None
        if (
            prev is not None
            and first is not None
            and d.title_group is None
            and not d.names_groups
            and not first.dateline
            and prev.paras
            and not prev.hard_end
            and _adjacent(prev, d)
            and lab.p(index[id(first)], "I") >= override
        ):
            _take_over(prev, d)
            continue
        out.append(d)
    return out


def _join_bare_headlines(drafts: list[Draft], moved: set[int]) -> list[Draft]:
    """A headline left with no text (its captions came out) heads the headless text right below it."""
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.title_group is not None
            and not prev.paras
            and d.title_group is None
            and d.paras
            and _adjacent(prev, d)
        ):
            _take_over(prev, d)
            continue
        out.append(d)
    for d in out:
        back = [c for c in d.captions if id(c) in moved]
        if d.title_group is not None and not d.paras and back:
            # Nothing below it to head: what the model took for captions is its text after all.
            d.paras = sorted(back, key=lambda u: u.start)
            d.captions = [c for c in d.captions if id(c) not in moved]
    return out


_REPORT_SENTENCE = re.compile(
    r"^(今年以来|近年来|近期|去年以来|截至|目前|下一步|据了解|据介绍|据悉|此外|同时)"
)


def _captions_out_of_body(d: Draft, lab: Labelled, index: dict[int, int], override: float) -> list[Unit]:
    """Paragraphs the model reads as photo captions (one sentence over a picture) leave the body."""
    # A paragraph closed by a reporter's credit （陈 晨） is a brief's text; a caption's credit is a photo's.
    # A series intro printed above the headline (the rules matched its wording to the article) is the lead.
    intro = set(map(id, d.paras[: d.intro]))
    title_at = d.title_group.units[0].start if d.title_group is not None else -1
    captions = [
        p
        for p in d.paras
        if lab.p(index[id(p)], "C") >= override
        and id(p) not in intro
        and not p.dateline
        and not (p.credits and not p.photo_credited)
        # …参观了书画展。(图/文 王莉萍) under the headline: signed for its words too, it is text, not a
        # picture's line (printed above the headline, such a line is the picture's).
        and not (p.start > title_at and any(c.role in ("图文", "文") for c in p.credits))
        # 今年以来，… / 据了解，…: a span of time or a source of facts opens a report's sentence;
        # a picture shows a moment.
        and not _REPORT_SENTENCE.match(p.text)
    ]
    # A headless draft of nothing but such lines is photo news: its one paragraph is its body.
    if captions and (d.title_group is not None or len(captions) < len(d.paras)):
        d.paras = [p for p in d.paras if p not in captions]
        d.captions.extend(captions)
        return captions
    return []


def _attach_caption_drafts(drafts: list[Draft]) -> list[Draft]:
    """Captions printed before their article (nothing but captions left in a draft) join the next one.

    Across a repeated masthead they are a photo item of their own: :func:`_photo_items` takes them out.
    """
    out: list[Draft] = []
    pending: list = []
    for d in drafts:
        if not d.paras and d.title_group is None and not d.names_groups and d.captions:
            pending.extend(d.captions)
            continue
        if pending:
            d.captions[:0] = pending
            pending = []
        out.append(d)
    if pending and out:
        out[-1].captions.extend(pending)
    return out


def _first_position(d: Draft) -> int:
    material = [*(d.title_group.units if d.title_group else []), *d.paras, *d.captions]
    return min((u.start for u in material), default=0)


def _last_position(d: Draft) -> int:
    material = [*(d.title_group.units if d.title_group else []), *d.paras, *d.captions, *d.extra_credits]
    return max((u.end for u in material), default=0)


def _adjacent(a: Draft, b: Draft) -> bool:
    """``b`` follows ``a`` directly (nothing of a third article printed between them)."""
    return _last_position(a) <= _first_position(b)


def _headline_is_body(d: Draft, lab: Labelled, index: dict[int, int], override: float) -> bool:
    if d.title_group is None or d.resumed or d.title_after_body or not d.paras:
        return False
    heads = [u for u in d.title_group.units if u.kind in (Kind.HEADING, Kind.SUBTITLE)]
    if len(heads) != 1 or len(d.title_group.units) != 1 or d.names_groups:
        return False
    i = index[id(heads[0])]
    first = index[id(min(d.paras, key=lambda p: p.start))]
    return lab.p(i, "I") >= override and lab.p(first, "B") < 1 - override


def _absorb(prev: Draft, d: Draft) -> None:
    for u in d.title_group.units if d.title_group else []:
        u.kind = Kind.BODY
        prev.paras.append(u)
    d.title_group = None
    _take_over(prev, d)


def _take_over(prev: Draft, d: Draft) -> None:
    """``prev`` takes ``d``'s text, captions and credits, and ends where ``d`` ended."""
    prev.paras = sorted([*prev.paras, *d.paras], key=lambda p: p.start)
    prev.captions.extend(d.captions)
    prev.extra_credits.extend(d.extra_credits)
    prev.names_groups.extend(d.names_groups)
    prev.hard_end = d.hard_end


def _split_items(d: Draft, lab: Labelled, index: dict[int, int], override: float) -> list[Draft]:
    """Cut a draft where the model starts an article: at a headless item (``B``) or a headline (``H``)."""
    paras = sorted(d.paras, key=lambda p: p.start)

    def cut_here(k: int) -> bool:
        p = paras[k]
        if not k or not any(q.kind != Kind.LABEL for q in paras[:k]):
            return False  # a 【县区快讯】 label alone above the first brief stays with it
        headline = lab.p(index[id(p)], "H") >= override and k + 1 < len(paras) and not ends_sentence(p.text)
        return headline or lab.p(index[id(p)], "B") >= override

    cuts = [k for k in range(len(paras)) if cut_here(k)]
    if not cuts or d.resumed:
        return [d]
    out = [d]
    pieces = [paras[a:b] for a, b in zip([0, *cuts], [*cuts, len(paras)], strict=True)]
    d.paras = pieces[0]
    tail_credits, tail_captions = list(d.extra_credits), list(d.captions)
    d.extra_credits, d.captions = [], []
    title_at = d.title_group.units[0].start if d.title_group and d.title_after_body else None
    for piece in pieces[1:]:
        head = piece[0]
        if title_at is not None and out[-1].paras and out[-1].paras[-1].start < title_at < head.start:
            # The model starts the article right under the headline printed after some text:
            # the headline is this piece's; the text above it is a caption or an item of its own.
            out.append(_headline_moved_down(d, piece, title_at, lab, index))
            continue
        if lab.p(index[id(head)], "H") > lab.p(index[id(head)], "B"):
            head.kind, head.subhead = Kind.HEADING, False
            out.append(Draft(title_group=Group([head]), paras=piece[1:], order=head.start))
        else:
            out.append(Draft(paras=piece, order=head.start))
    # Closing credits and captions go to the item they are printed with.
    for u in tail_credits + tail_captions:
        owner = max((x for x in out if x.order <= u.start), key=lambda x: x.order, default=d)
        (owner.extra_credits if u in tail_credits else owner.captions).append(u)
    out[-1].hard_end = d.hard_end
    d.hard_end = True
    if not d.paras and d.title_group is None and len(out) > 1:
        # All of it went on as captions of the article below; so does anything printed with it.
        out[1].captions[:0] = d.captions
        out[1].extra_credits[:0] = d.extra_credits
        out[1].names_groups[:0] = d.names_groups
        out.remove(d)
    return out


def _headline_moved_down(
    d: Draft, piece: list[Unit], title_at: int, lab: Labelled, index: dict[int, int]
) -> Draft:
    """The article under ``d``'s headline, starting at ``piece``; what ``d`` printed above the
    headline stays behind, except picture text (credited to a photographer, or read as a caption by
    the model), which goes with the article as its captions."""
    moved = Draft(title_group=d.title_group, paras=piece, order=title_at)
    moved.names_groups = [g for g in d.names_groups if g.units[0].start > title_at]
    d.names_groups = [g for g in d.names_groups if g.units[0].start < title_at]
    d.title_group, d.title_after_body, d.intro = None, False, 0
    pictures = [p for p in d.paras if p.photo_credited or lab.p(index[id(p)], "C") > lab.p(index[id(p)], "B")]
    if len(pictures) == len(d.paras):
        moved.captions = pictures
        d.paras = []
    return moved


def doubt(d: Draft, lab: Labelled, threshold: float = DOUBT_P) -> bool:
    """The model is unsure of where this article starts or ends, or of its headline."""
    if lab.marginals is None:
        return False
    index = lab.index
    paras = sorted(d.paras, key=lambda p: p.start)
    checks = [
        (u, "H" if u.kind in (Kind.HEADING, Kind.KICKER, Kind.SUBTITLE) else "N")
        for u in (d.title_group.units if d.title_group else [])
    ]
    checks += [(p, "B" if k == 0 else "I") for k, p in enumerate(paras)]
    return any(lab.p(index[id(u)], label) < threshold for u, label in checks if id(u) in index)
