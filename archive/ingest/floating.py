"""Captions and credits set aside while reading the page go to the article printed around them, the
one their wording matches, or stand as photo news of their own."""

from __future__ import annotations

from .classify import Kind, Unit
from .drafts import Draft, counties_in, draft_grams
from .gazetteer import find_mentions
from .text import (
    BigramIndex,
    bigrams,
)


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


def place_floating(drafts: list[Draft], floating: list[Unit], index: BigramIndex) -> None:
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
            sp = index.coverage(grams, draft_grams(prev_d))
            sn = index.coverage(grams, draft_grams(next_d))
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
    named = counties_in(u.text)

    def names(d: Draft | None) -> set[str]:
        if d is None:
            return set()
        head = d.title_group.text if d.title_group is not None else ""
        return counties_in(head + " ".join(p.text for p in d.paras))

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
