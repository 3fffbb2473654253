"""The pieces an article is assembled from — headline groups, runs of body text, drafts — and the
page-reading helpers every assembly step shares (neighbouring units, places named, shared wording)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .classify import Kind, Unit
from .gazetteer import find_mentions
from .text import (
    BigramIndex,
    bigrams,
    ends_sentence,
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


JUMP = re.compile(r"(上接|下转|接上|转第|接第)")


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


def nearest_unit(units: list[Unit], i: int, step: int) -> Unit | None:
    j = i + step
    while 0 <= j < len(units):
        if _is_content(units[j]):
            return units[j]
        j += step
    return None


def jump_between(units: list[Unit], i: int, j: int) -> bool:
    """A 上接/下转 line stands between units ``i`` and ``j``."""
    lo, hi = min(i, j), max(i, j)
    return any(u.kind == Kind.FURNITURE and JUMP.search(u.text) for u in units[lo + 1 : hi])


def continued_elsewhere(units: list[Unit], i: int, j: int) -> bool:
    """A 下转 line between units ``i`` and ``j``: the article of unit ``i`` goes on on another page."""
    return any(u.kind == Kind.FURNITURE and ("下转" in u.text or "转第" in u.text) for u in units[i + 1 : j])


def text_window(units: list[Unit], i: int, step: int, limit: int = 8) -> str:
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


def draft_grams(d: Draft) -> set[str]:
    return set(d.profile())


def affinity(index: BigramIndex, a: set[str], b: set[str]) -> float:
    """Shared wording of two texts of unequal length: the shorter one's share found in the longer."""
    return max(index.coverage(a, b), index.coverage(b, a))


def prefectures_in(text: str) -> set[str]:
    """The Hunan places named in ``text``: county codes, and prefecture codes for each."""
    from .gazetteer import gazetteer

    gz = gazetteer()
    out: set[str] = set()
    for m in find_mentions(text, "body"):
        d = gz.divisions.get(m.surface.code)
        out.add(m.surface.code)
        if d is not None:
            out.add(d.prefecture_code)
    return out


def counties_in(text: str) -> set[str]:
    return {c for c in prefectures_in(text) if not c.endswith("00")}


def run_bigrams(run: Run) -> set[str]:
    out: set[str] = set()
    for p in run.paras:
        out |= bigrams(p.text)
    return out


def best_split(run: Run, left: Group, right: Group, index: BigramIndex) -> tuple[int, float] | None:
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
