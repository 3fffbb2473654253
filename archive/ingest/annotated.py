"""The annotated pages the segmenter learns from and is measured on, and their block labels.

Two annotation files exist in the repository, both made by people reading every line:
the gold schema of the seed pages (``{"pages": [{"file", "articles": [...], "unassigned"}]}``,
body anchors ``body_start`` / ``body_end``) and the test pages' ``*.expected.json`` (one page
each, the same anchors).  :func:`annotated_sets` reads both into :class:`GoldPage` objects,
grouped by set (the letter a test page's name starts with, ``seeds`` for the seed pages), and
:func:`unit_labels` turns a page's gold articles into one label per unit of the segmenter's own
block sequence, which is what the sequence model (:mod:`archive.ingest.sequence`) is trained on.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .classify import Kind, Unit
from .decode import decode_page

ROOT = Path(__file__).resolve().parents[2]
# Where the annotated sets live in the repository: (folder, how its annotation is stored).
SET_FOLDERS = (
    ("seeds", "tests/ingest/gold_seeds.json"),
    ("tests/pages", None),
    ("tests/pages/segment_only", None),
    ("tests/pages/real", "gold.json"),
)

# Block labels: furniture, headline block (kicker, headline, subtitle), credits (names, author,
# credit lines), caption, the first body block of an article, a body block continuing one.
LABELS = ("O", "H", "N", "C", "B", "I")


@dataclass
class GoldArticle:
    title: str | None
    kicker: str | None
    subtitle: str | None
    body_start: str
    body_end: str
    captions: list[str] = field(default_factory=list)
    reporters: list[tuple[str, str | None]] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    county: str | None = None
    prefecture: str | None = None
    title_alternatives: list[str] = field(default_factory=list)  # other readings the gold accepts


@dataclass
class GoldPage:
    set_name: str
    path: Path
    articles: list[GoldArticle]
    text: str = ""

    @property
    def name(self) -> str:
        return self.path.name

    def as_gold(self) -> dict:
        """The page in the gold schema's shape, as :func:`archive.ingest.scoring.score_page` reads it."""
        return {
            "file": self.name,
            "articles": [
                {
                    "id": f"{self.path.stem}-{k:02d}",
                    "title": a.title,
                    "title_alternatives": a.title_alternatives,
                    "body_start": a.body_start,
                    "body_end": a.body_end,
                    "county": a.county,
                    "prefecture": a.prefecture,
                    "topics": a.topics,
                    "reporters": [{"name": n, "role": r} for n, r in a.reporters],
                }
                for k, a in enumerate(self.articles, 1)
            ],
        }


def _article(a: dict) -> GoldArticle:
    reporters = [
        (r["name"], r.get("role")) if isinstance(r, dict) else (r[0], r[1] if len(r) > 1 else None)
        for r in a.get("reporters", [])
    ]
    return GoldArticle(
        title=a.get("title"),
        kicker=a.get("kicker"),
        subtitle=a.get("subtitle"),
        body_start=a["body_start"],
        body_end=a["body_end"],
        captions=list(a.get("captions") or []),
        reporters=reporters,
        topics=list(a.get("topics") or a.get("topics_any") or []),
        county=a.get("county"),
        prefecture=a.get("prefecture"),
        title_alternatives=list(a.get("title_alternatives") or []),
    )


def set_of(file_name: str) -> str:
    """The set a test page belongs to: the letters its name starts with (``k03_…`` → ``k``)."""
    m = re.match(r"[A-Za-z]+", file_name)
    return m.group(0).lower() if m else file_name


def read_gold_file(path: Path, pages_dir: Path, set_name: str | None = None) -> list[GoldPage]:
    """Pages of a gold file (seed schema) whose page files are in ``pages_dir``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for p in data["pages"]:
        file = pages_dir / Path(p["file"]).name
        if file.exists():
            name = set_name or set_of(file.name)
            out.append(GoldPage(name, file, [_article(a) for a in p["articles"]]))
    return out


def read_expected(path: Path) -> GoldPage:
    """A test page's ``NAME.expected.json`` (its page file is ``NAME.txt`` beside it)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    page = path.with_name(path.name.replace(".expected.json", ".txt"))
    return GoldPage(set_of(page.name), page, [_article(a) for a in data["articles"]])


def annotated_sets(root: Path = ROOT, extra: Iterable[Path] = ()) -> dict[str, list[GoldPage]]:
    """Every annotated page in the repository (and in ``extra`` set folders), by set."""
    pages: list[GoldPage] = []
    pages += read_gold_file(root / "tests/ingest/gold_seeds.json", root / "seeds", "seeds")
    for folder in (root / "tests/pages", root / "tests/pages/segment_only"):
        pages += [read_expected(p) for p in sorted(folder.glob("*.expected.json"))]
    real = root / "tests/pages/real"
    folders = sorted(p for p in real.iterdir() if p.is_dir()) if real.is_dir() else []
    for folder in [*folders, *extra]:
        if (folder / "gold.json").exists():
            pages += read_gold_file(folder / "gold.json", folder)
    by_set: dict[str, list[GoldPage]] = {}
    for page in pages:
        page.text = decode_page(page.path.read_bytes()).text
        by_set.setdefault(page.set_name, []).append(page)
    return by_set


# --- Labels of the segmenter's units ------------------------------------------------------


_DECOR = re.compile(r"[#▲△■□●◆★☆◎*]")


def _squash(text: str | None) -> str:
    return _DECOR.sub("", re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")))


class _Squashed:
    """The page without whitespace, NFKC-folded, with a map back from raw offsets."""

    def __init__(self, text: str):
        chars: list[str] = []
        self.before: list[int] = []  # squashed length before each raw offset
        for ch in text:
            self.before.append(len(chars))
            if not ch.isspace():
                chars.extend(unicodedata.normalize("NFKC", ch))
        self.before.append(len(chars))
        self.text = "".join(chars)

    def range(self, start: int, end: int) -> tuple[int, int]:
        return self.before[start], self.before[end]


def article_ranges(text: str, articles: list[GoldArticle]) -> list[tuple[int, int]]:
    """Each gold article's body as a range of the squashed page (first start, then its end)."""
    sq = _Squashed(text)
    out = []
    for a in articles:
        s = sq.text.find(_squash(a.body_start))
        end_anchor = _squash(a.body_end)
        e = sq.text.find(end_anchor, max(s, 0))
        out.append((s, e + len(end_anchor)) if s >= 0 and e >= 0 else (-1, -1))
    return out


def unit_labels(text: str, units: list[Unit], articles: list[GoldArticle]) -> list[tuple[str, int | None]]:
    """(label, gold article index or None) for each unit, from the page's gold articles."""
    sq = _Squashed(text)
    ranges = article_ranges(text, articles)
    heads = {
        _squash(x): k
        for k, a in enumerate(articles)
        for x in (a.title, a.kicker, a.subtitle)
        if x and _squash(x)
    }
    captions = {_squash(c): k for k, a in enumerate(articles) for c in a.captions if _squash(c)}
    out: list[tuple[str, int | None]] = []
    for u in units:
        us, ue = sq.range(u.start, u.end)
        piece = _squash(u.text)  # the unit's clean text (markdown marks, bullets, credits removed)
        inside = [
            (e - s, k)
            for k, (s, e) in enumerate(ranges)
            if s >= 0 and us < e and ue > s and s - 2 <= us + (ue - us) // 2 < e
        ]
        owner = min(inside)[1] if inside else None
        label = _label(u, piece, us, ue, owner, ranges, heads, captions)
        if owner is None and label != "O":
            owner = heads.get(piece, captions.get(piece))
        out.append((label, owner))
    return out


def _label(
    u: Unit,
    piece: str,
    us: int,
    ue: int,
    owner: int | None,
    ranges: list[tuple[int, int]],
    heads: dict[str, int],
    captions: dict[str, int],
) -> str:
    # A line of a headline printed over two or three lines (岳阳县 / “四议两公开” / 议出和美新村貌)
    # is part of the headline, however short; a paragraph is never inside one.
    if piece and (piece in heads or any(piece in h and (len(piece) >= min(3, 0.6 * len(h))) for h in heads)):
        return "H"
    if piece and (piece in captions or any(c in piece for c in captions if len(c) >= 8 and owner is None)):
        return "C"
    if owner is not None and u.kind == Kind.FURNITURE and not (us <= ranges[owner][0] < ue):
        return "O"  # an image file name or a jump line printed inside the body is not body text
    if owner is not None:
        s, _ = ranges[owner]
        if u.kind in (Kind.NAMES, Kind.AUTHOR, Kind.CREDIT) and not (us <= s < ue):
            return "N"
        return "B" if us - 2 <= s < ue else "I"
    if u.kind in (Kind.NAMES, Kind.AUTHOR, Kind.CREDIT):
        return "N"
    return "O"
