"""Segmentation figures against a gold annotation (the definitions of the team's shared scorer).

Used by the tests (seed figures) and by ``manage.py train_segmenter`` to compare the rules
with the trained model set by set, review flags included.

Text is compared NFKC-normalised with whitespace and decoration removed.  A gold article
is *found* when one predicted body holds its first and last 20 characters in order, and
*clean* when that body holds no other gold article's start.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from archive.ingest.types import SegmentedPage

_WS = re.compile(r"\s+")
_DECOR = re.compile(r"[#▲△■□●◆★☆◎*]")
_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")
_PIECE_SPLIT = re.compile(r"[\s\W_]+")


def norm(text: str | None) -> str:
    return _DECOR.sub("", _WS.sub("", unicodedata.normalize("NFKC", text or "")))


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    clean: int = 0
    predicted: int = 0
    matched: int = 0
    titles: int = 0
    titles_ok: int = 0
    county_ok: int = 0
    prefecture_ok: int = 0
    rep: list[int] = field(default_factory=lambda: [0, 0, 0])  # tp, fp, fn
    top: list[int] = field(default_factory=lambda: [0, 0, 0])
    pieces: int = 0
    covered: int = 0
    chars: int = 0
    furniture_chars: int = 0
    dup_sentences: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: int = 0  # predicted articles that are not a clean, correct match
    flagged: int = 0
    flagged_wrong: int = 0
    # Every predicted article's notes (review reasons and information alike) and whether it is wrong.
    notes: list[tuple[tuple[str, ...], bool]] = field(default_factory=list)

    @staticmethod
    def _f1(tp: int, fp: int, fn: int) -> float:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "article_recall": ratio(self.found, self.gold),
            "article_precision": ratio(self.matched, self.predicted),
            "clean_articles": ratio(self.clean, self.gold),
            "title_accuracy": ratio(self.titles_ok, self.titles),
            "county_accuracy": ratio(self.county_ok, self.found),
            "prefecture_accuracy": ratio(self.prefecture_ok, self.found),
            "reporter_f1": self._f1(*self.rep),
            "topic_f1": self._f1(*self.top),
            "coverage": ratio(self.covered, self.pieces),
            "furniture_share": ratio(self.furniture_chars, self.chars),
            "dup_sentences": float(self.dup_sentences),
            "review_recall": ratio(self.flagged_wrong, self.wrong),
            "review_precision": ratio(self.flagged_wrong, self.flagged),
            "flagged_share": ratio(self.flagged, self.predicted),
        }


def score_page(tally: Tally, gold_page: dict, page: SegmentedPage, raw_text: str) -> None:
    arts = page.articles
    bodies = [norm(a.body) for a in arts]
    tally.predicted += sum(1 for b in bodies if b)
    starts = [norm(g["body_start"]) for g in gold_page["articles"]]
    used: set[int] = set()
    right: set[int] = set()
    for g in gold_page["articles"]:
        tally.gold += 1
        s, e = norm(g["body_start"]), norm(g["body_end"])
        hit = next((i for i, b in enumerate(bodies) if b.find(s) >= 0 and b.find(e, b.find(s)) >= 0), None)
        if hit is None:
            tally.misses.append(f"{g['id']}: not found")
            continue
        tally.found += 1
        if not any(x and x != s and x in bodies[hit] for x in starts):
            tally.clean += 1
            used.add(hit)
        else:
            tally.misses.append(f"{g['id']}: merged")
        a = arts[hit]
        ok = hit in used
        if g.get("title"):
            tally.titles += 1
            accepted = {norm(t) for t in [g["title"], *g.get("title_alternatives", [])]}
            if norm(a.title) in accepted:
                tally.titles_ok += 1
            else:
                ok = False
                tally.misses.append(f"{g['id']}: title {a.title!r}")
        county_ok = (a.place.county or None) == (g.get("county") or None)
        tally.county_ok += county_ok
        tally.prefecture_ok += (a.place.prefecture or None) == (g.get("prefecture") or None)
        gr = {norm(r["name"]) for r in g.get("reporters", [])}
        pr = {norm(r.name) for r in a.reporters}
        if ok and county_ok and gr == pr:
            right.add(hit)
        for k, v in enumerate((len(gr & pr), len(pr - gr), len(gr - pr))):
            tally.rep[k] += v
        gt, pt = set(g.get("topics", [])), {t.name for t in a.topics}
        for k, v in enumerate((len(gt & pt), len(pt - gt), len(gt - pt))):
            tally.top[k] += v
    tally.matched += len(used)
    for i, a in enumerate(arts):
        if not bodies[i]:
            continue
        wrong = i not in right
        tally.notes.append((tuple(a.review_reasons), wrong))
        tally.wrong += wrong
        tally.flagged += a.needs_review
        tally.flagged_wrong += wrong and a.needs_review

    fields = list(page.furniture)
    for a in arts:
        fields += [a.title, a.kicker, a.subtitle, a.body, *a.captions, *(r.name for r in a.reporters)]
    hay = "\u0000".join(norm(f) for f in fields if f)
    for piece in _PIECE_SPLIT.split(unicodedata.normalize("NFKC", raw_text)):
        if len(piece) >= 4:
            tally.pieces += 1
            tally.covered += norm(piece) in hay
    tally.chars += len(norm(raw_text))
    tally.furniture_chars += sum(len(norm(f)) for f in page.furniture)
    counts: dict[str, int] = {}
    for b in bodies:
        for sent in _SENTENCE.findall(b):
            if len(sent) >= 12:
                counts[sent] = counts.get(sent, 0) + 1
    tally.dup_sentences += sum(c - 1 for c in counts.values() if c > 1)
