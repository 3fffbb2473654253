"""Place names as readers type them: short and former names, pinyin, near-misses.

:class:`Gazetteer` is pure (built from :class:`Place` records); :func:`get_gazetteer`
builds it once per process from the County table and is reset when a division
is edited.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from search.text.folding import normalize

SHAPES_FILE = Path(__file__).resolve().parents[1] / "data" / "similar_shapes.txt"

# Initials/finals that many speakers (and typists) confuse: 模糊音.
_FUZZY_INITIALS = [("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("f", "h"), ("r", "l")]
_FUZZY_FINALS = [("ang", "an"), ("eng", "en"), ("ing", "in"), ("iang", "ian"), ("uang", "uan")]


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    short_name: str
    level: str  # "prefecture" or "county"
    parent_code: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def is_prefecture(self) -> bool:
        return self.level == "prefecture"

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the place goes by, full name first."""
        return tuple(dict.fromkeys(n for n in (self.name, self.short_name, *self.aliases) if n))


@dataclass(frozen=True)
class Correction:
    """A near-miss: ``typed`` was probably ``name`` (of ``place``)."""

    typed: str
    name: str
    place: Place
    reason: str  # 字音相近 / 字形相近


@lru_cache(maxsize=1)
def _shape_groups() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for line in SHAPES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        chars = set(line.split())
        for ch in chars:
            groups.setdefault(ch, set()).update(chars - {ch})
    return {ch: frozenset(others) for ch, others in groups.items()}


@lru_cache(maxsize=4096)
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    # A character without a reading (a Latin letter, a digit, a symbol) yields no syllable list at all.
    readings = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return frozenset(readings[0]) if readings else frozenset()


def _fuzzy(syllable: str) -> str:
    for long, short in _FUZZY_INITIALS:
        if syllable.startswith(long):
            syllable = short + syllable[len(long) :]
            break
    for long, short in _FUZZY_FINALS:
        if syllable.endswith(long):
            syllable = syllable[: -len(long)] + short
            break
    return syllable


def char_similarity(typed: str, intended: str) -> str | None:
    """Why ``typed`` may stand for ``intended``: 字音相近, 字形相近, or None."""
    a, b = _readings(typed), _readings(intended)
    if a & b or ({_fuzzy(s) for s in a} & {_fuzzy(s) for s in b}):
        return "字音相近"
    if intended in _shape_groups().get(typed, ()):
        return "字形相近"
    return None


def place_pinyin(name: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(name, style=Style.NORMAL, errors="ignore")).lower()


class Gazetteer:
    def __init__(self, places: list[Place]):
        self.places = {p.code: p for p in places}
        self.by_name: dict[str, list[Place]] = {}
        self.by_pinyin: dict[str, list[Place]] = {}
        self.children: dict[str, list[Place]] = {}
        for place in places:
            for name in place.names:
                self._add(self.by_name, normalize(name), place)
                if len(name) >= 2:
                    self._add(self.by_pinyin, place_pinyin(name), place)
            if place.parent_code:
                self.children.setdefault(place.parent_code, []).append(place)

    @staticmethod
    def _add(table: dict[str, list[Place]], key: str, place: Place) -> None:
        bucket = table.setdefault(key, [])
        if place not in bucket:
            bucket.append(place)

    def lookup(self, word: str) -> list[Place]:
        """Divisions called ``word`` (full, short or former name)."""
        return list(self.by_name.get(normalize(word), ()))

    def parent(self, place: Place) -> Place | None:
        return self.places.get(place.parent_code)

    def from_pinyin(self, latin: str) -> list[Place]:
        """Divisions whose name is spelt ``latin`` in toneless pinyin (spaces ignored)."""
        key = "".join(ch for ch in latin.lower() if ch.isalpha())
        if len(key) < 4:
            return []
        places = self.by_pinyin.get(key, [])
        # A short name and the full name spell differently; prefer full divisions.
        return sorted(places, key=lambda p: (p.is_prefecture, p.code))

    def near_misses(self, word: str) -> list[Correction]:
        """Place names ``word`` could be with one character mistyped (by sound or shape)."""
        word = normalize(word)
        if not 2 <= len(word) <= 10 or word in self.by_name:
            return []
        found: dict[str, Correction] = {}
        for name, places in self.by_name.items():
            if len(name) != len(word) or len(name) < 2:
                continue
            diffs = [i for i, (a, b) in enumerate(zip(word, name, strict=True)) if a != b]
            if len(diffs) != 1:
                continue
            i = diffs[0]
            reason = char_similarity(word[i], name[i])
            if reason is None:
                continue
            for place in places:
                found.setdefault(place.code + name, Correction(word, name, place, reason))
        # Sound before shape, then county-level names (more specific) before prefectures.
        return sorted(found.values(), key=lambda c: (c.reason != "字音相近", c.place.is_prefecture, c.name))


def places_from_tsv(path: Path) -> list[Place]:
    """Places from the shipped division list (archive/data/hunan_divisions.tsv)."""
    import csv

    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    places = []
    for row in rows:
        aliases = tuple(a for a in row["aliases"].split(",") if a)
        parent = row["parent_code"] if row["level"] == "county" else ""
        places.append(
            Place(
                row["code"],
                row["name"],
                aliases[0] if aliases else row["name"],
                row["level"],
                parent,
                aliases,
            )
        )
    return places


_lock = threading.Lock()
_cached: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The gazetteer of this process, built from the County table on first use."""
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                from archive.models import County

                rows = County.objects.select_related("parent").order_by("code")
                _cached = Gazetteer(
                    [
                        Place(
                            code=c.code,
                            name=c.name,
                            short_name=c.short_name,
                            level=c.level,
                            parent_code=c.parent.code if c.parent else "",
                            aliases=tuple(c.aliases or ()),
                        )
                        for c in rows
                    ]
                )
    return _cached


def reset_gazetteer(**kwargs) -> None:
    global _cached
    _cached = None
