"""What an imported article shows of its own likely errors: the review model's inputs.

An article comes out wrong in a few ways (glued to its neighbour, cut short, a wrong
headline, a wrong place or byline), and each leaves traces that no single rule can weigh:
the sequence model's uncertainty at its edges, a second dateline inside its body, a
headline shaped like a sentence, a place picked from a passing mention.  These functions
turn one article into named numbers; :mod:`archive.ingest.review_model` weighs them with
weights learned from the annotated pages (``manage.py train_review``).
"""

from __future__ import annotations

import math
import re

from .classify import Kind
from .drafts import Draft
from .gazetteer import find_mentions, gazetteer
from .sequence import Labelled
from .types import SegmentedArticle

_TITLE_PUNCT = re.compile(r"[，。！？；,!?;]")
_SENTENCE_END = re.compile(r"[。！？!?…”」』]$")
_INLINE_DATELINE = re.compile(r"(?:本报讯|日讯|记者站讯|客户端讯|融媒体中心讯|网讯)")
# A credit left in the body: a byline the parser did not take, or a neighbour's glued on.
_CREDIT_IN_BODY = re.compile(r"[（(][^（）()]{0,24}(?:记者|通讯员|摄|供图|编辑)[^（）()]{0,24}[）)]|讯[（(]")
# Openings that continue a text begun elsewhere: the piece has probably lost its start.
_CONTINUING = re.compile(
    r"^(?:目前|此外|同时|另外|与此同时|其中|据了解|据悉|据介绍|对此|为此|随后|此后|该[县市区镇村乡局]|这[一些里是]|此[次外前])"
)
_LABEL_WORDS = ("特约", "记者", "通讯员", "本报", "全媒体", "融媒", "编辑", "摄影")


def _p(lab: Labelled, index: dict[int, int], unit, label: str) -> float:
    i = index.get(id(unit))
    return 1.0 if i is None else lab.p(i, label)


def _argmax(lab: Labelled, i: int) -> str:
    if not lab.marginals:
        return lab.rule[i]
    m = lab.marginals[i]
    return max(m, key=m.get)


def page_signals(lab: Labelled, articles: int) -> dict[str, float]:
    """What the whole page says of the risk: printed pages wrapped into narrow columns, OCR
    slips and a model unsure throughout go wrong more often than a clean web page."""
    units = lab.units
    blocks = [u.block for u in units if u.block is not None]
    wrapped = sum(1 for b in blocks if len(b.lines) > 1 and b.narrow)
    unsure = [1.0 - max(m.values()) for m in lab.marginals] if lab.marginals else []
    gz = gazetteer()
    text = "".join(u.text for u in units)[:20000]
    slips = sum(1 for m in gz.pattern.finditer(text) if gz.surfaces[m.group(0)].form == "variant")
    return {
        "page.wrapped": wrapped / len(blocks) if blocks else 0.0,
        "page.unsure": sum(unsure) / len(unsure) if unsure else 0.0,
        "page.header": float(any(u.kind == Kind.FURNITURE for u in units)),
        "page.articles": math.log1p(articles),
        "page.slips": math.log1p(slips),
    }


def signals(
    article: SegmentedArticle, draft: Draft, lab: Labelled, page: dict[str, float] | None = None
) -> dict[str, float]:
    """Named numbers describing how likely this article is to be cut or labelled wrong.

    Each name starts with its group (``boundary.``, ``title.``, ``reporter.``, ``place.``) so
    that the review reason can name the kind of error.
    """
    index = lab.index
    paras = sorted(draft.paras, key=lambda p: p.start)
    heads = draft.title_group.units if draft.title_group else []
    s: dict[str, float] = dict(page or {})

    # --- boundaries: the model's confidence at the edges and inside
    start_p = _p(lab, index, paras[0], "B") if paras else 0.0
    inner_i = [_p(lab, index, p, "I") for p in paras[1:]]
    inner_b = [_p(lab, index, p, "B") for p in paras[1:]]
    s["boundary.start_doubt"] = 1.0 - start_p
    s["boundary.inner_doubt"] = 1.0 - min(inner_i, default=1.0)
    s["boundary.hidden_start"] = max(inner_b, default=0.0)
    own = [index[id(u)] for u in [*heads, *paras] if id(u) in index]
    s["boundary.disagree"] = (
        sum(1 for i in own if lab.rule[i] != _argmax(lab, i)) / len(own) if own and lab.marginals else 0.0
    )
    s["boundary.datelines_inside"] = float(sum(1 for p in paras[1:] if p.dateline or p.opening_credit))
    s["boundary.inline_datelines"] = float(len(_INLINE_DATELINE.findall(article.body[60:])))
    s["boundary.closed_inside"] = float(sum(1 for p in paras[:-1] if p.closing))
    s["boundary.paragraphs"] = math.log1p(len(paras))
    s["boundary.chars"] = math.log1p(len(article.body))
    s["boundary.short"] = float(len(article.body) < 80)
    s["boundary.bullets"] = float(sum(1 for p in paras if p.bullet))
    s["boundary.resumed"] = float(draft.resumed or draft.split)
    s["boundary.low_confidence"] = float(draft.low_confidence)
    s["boundary.captions"] = float(len(article.captions))
    s["boundary.ends_open"] = float(bool(article.body) and not _SENTENCE_END.search(article.body.rstrip()))
    s["boundary.opens_mid"] = float(bool(_CONTINUING.match(article.body.lstrip())))
    opening = paras[0].text.strip() if paras else ""
    s["boundary.opens_short"] = float(0 < len(opening) <= 26 and not _SENTENCE_END.search(opening))

    # The rules' own notes (see segment._article and sequence.doubt), weighed like any signal.
    notes = set(article.review_reasons)
    s["boundary.rule_doubt"] = float("boundary_doubt" in notes)
    s["boundary.repeat_removed"] = float("duplicate_removed" in notes)
    s["title.rule_doubt"] = float("title_doubt" in notes)
    s["place.rule_conflict"] = float("place_conflict" in notes)

    # --- headline
    title = article.title or ""
    # A headline-shaped line just above the text that no article took: the headline lost.
    start = min((index[id(u)] for u in [*heads, *paras] if id(u) in index), default=None)
    above = lab.units[max(0, start - 3) : start] if start is not None else []
    s["title.orphan_above"] = float(
        any(u.kind in (Kind.HEADING, Kind.KICKER) and lab.rule[index[id(u)]] == "O" for u in above)
    )
    s["title.none"] = float(not title)
    s["title.doubt"] = 1.0 - min((_p(lab, index, u, "H") for u in heads if u.kind != Kind.NAMES), default=1.0)
    s["title.chars"] = math.log1p(len(title))
    s["title.long"] = float(len(title) > 28)
    s["title.punct"] = float(bool(_TITLE_PUNCT.search(title)))
    s["title.sentence_end"] = float(bool(_SENTENCE_END.search(title)))
    s["title.after_body"] = float(draft.title_after_body)
    s["title.kicker"] = float(bool(article.kicker))
    s["title.subtitle"] = float(bool(article.subtitle))

    # --- bylines
    reps = article.reporters
    s["reporter.none"] = float(not reps)
    s["reporter.count"] = math.log1p(len(reps))
    s["reporter.unlabelled"] = float(sum(1 for r in reps if r.role is None))
    s["reporter.author_line"] = float(any(r.role == "作者" for r in reps))
    s["reporter.odd_name"] = float(sum(1 for r in reps if not 2 <= len(r.name) <= 3))
    s["reporter.credit_units"] = float(sum(1 for p in paras if p.credits))
    s["reporter.credit_in_body"] = math.log1p(len(_CREDIT_IN_BODY.findall(article.body)))
    photographers = sum(1 for r in reps if r.role == "摄影")
    s["reporter.photographers"] = math.log1p(photographers)
    s["reporter.photo_no_caption"] = float(photographers > 0 and not article.captions)
    s["reporter.roles"] = float(len({r.role for r in reps}))
    s["reporter.label_as_name"] = float(any(w in r.name for r in reps for w in _LABEL_WORDS))

    # --- place
    place = article.place
    s["place.none"] = float(place.prefecture is None)
    s["place.prefecture_only"] = float(place.prefecture is not None and place.county is None)
    s["place.ambiguous"] = float(place.ambiguous)
    s["place.confidence"] = min(place.confidence, 20.0) / 20.0
    gz = gazetteer()
    counties = {
        m.surface.code
        for m in find_mentions(article.body[:2000], "body")
        if m.surface.form != "zone" and gz.division(m.surface.code).level == "county"
    }
    s["place.counties"] = math.log1p(len(counties))
    s["place.slip"] = float(
        any(
            gz.surfaces[m.group(0)].form == "variant" for m in gz.pattern.finditer(title + article.body[:400])
        )
    )
    s["place.in_title"] = float(
        bool(place.county_code)
        and any(m.surface.code == place.county_code for m in find_mentions(title, "title"))
    )
    return s


def with_neighbours(all_signals: list[dict[str, float]]) -> None:
    """Add what the page's other articles say: an article without a byline or a headline where
    the others have one has probably lost it (to furniture, or to a neighbour)."""
    n = len(all_signals)
    if n < 2:
        return
    signed = sum(1 for s in all_signals if not s.get("reporter.none"))
    titled = sum(1 for s in all_signals if not s.get("title.none"))
    for s in all_signals:
        others_signed = (signed - (0 if s.get("reporter.none") else 1)) / (n - 1)
        others_titled = (titled - (0 if s.get("title.none") else 1)) / (n - 1)
        s["reporter.none_among_signed"] = s.get("reporter.none", 0.0) * others_signed
        s["title.none_among_titled"] = s.get("title.none", 0.0) * others_titled
