"""The map of Hunan's counties: shapes from archive/data/hunan_map.json, shaded by article counts.

The shapes were projected and simplified once by tools/build_hunan_map.py; here they are
only read, cropped to a prefecture and given a shade, so pages draw the map as plain SVG.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MAP_FILE = Path(__file__).resolve().parent.parent / "data" / "hunan_map.json"
SHADES = 5  # article-count classes beside "none"
_NUMBER = re.compile(r"-?\d+")


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )

    def view_box(self, margin: int = 6) -> str:
        return (
            f"{self.left - margin} {self.top - margin} "
            f"{self.right - self.left + 2 * margin} {self.bottom - self.top + 2 * margin}"
        )


@dataclass(frozen=True)
class Shapes:
    width: int
    height: int
    counties: dict[str, str]
    prefectures: dict[str, str]
    boxes: dict[str, Box]


def path_box(path: str) -> Box:
    """The bounding box of path data written as ``M x y`` then relative ``l`` steps, ``z``."""
    xs, ys = [], []
    for ring in path.split("M")[1:]:
        numbers = [int(n) for n in _NUMBER.findall(ring)]
        x, y = numbers[0], numbers[1]
        xs.append(x)
        ys.append(y)
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=False):
            x, y = x + dx, y + dy
            xs.append(x)
            ys.append(y)
    return Box(min(xs), min(ys), max(xs), max(ys))


@functools.cache
def shapes() -> Shapes:
    data = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    boxes = {code: path_box(d) for code, d in {**data["counties"], **data["prefectures"]}.items()}
    return Shapes(data["width"], data["height"], data["counties"], data["prefectures"], boxes)


@dataclass(frozen=True)
class Shade:
    level: int  # 0: no articles; 1..SHADES darker with more
    low: int
    high: int

    @property
    def label(self) -> str:
        if self.level == 0:
            return "无文章"
        return f"{self.low} 篇" if self.low == self.high else f"{self.low}–{self.high} 篇"


def shades_for(counts: Iterable[int]) -> list[Shade]:
    """Up to SHADES classes of equal numbers of counties (quantiles of the non-zero counts)."""
    values = sorted(c for c in counts if c > 0)
    result = [Shade(0, 0, 0)]
    if not values:
        return result
    bounds: list[int] = []
    for level in range(1, SHADES + 1):
        index = len(values) - 1 if level == SHADES else max(0, len(values) * level // SHADES - 1)
        high = values[index]
        if not bounds or high > bounds[-1]:
            bounds.append(high)
    low = values[0]
    for level, high in enumerate(bounds, start=1):
        result.append(Shade(level, low, high))
        low = high + 1
    return result


def shade_of(count: int, shades: list[Shade]) -> Shade:
    for shade in shades:
        if shade.level and shade.low <= count <= shade.high:
            return shade
    return shades[0]


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    url: str
    count: int
    path: str
    shade: Shade
    current: bool = False


@dataclass(frozen=True)
class CountyMap:
    view_box: str
    areas: list[MapArea]
    outlines: list[str]
    shades: list[Shade]


def county_map(counties: Iterable, prefecture_codes: Iterable[str], current: str = "") -> CountyMap:
    """The map of ``counties`` (County rows with ``article_count``), outlined by the given prefectures;
    the county coded ``current`` is marked (a county page shows itself among its neighbours).

    Counties without a shape are left out of the drawing (the text list beside it still has them).
    """
    drawing = shapes()
    counties = [c for c in counties if c.code in drawing.counties]
    scale = shades_for(c.article_count for c in counties)
    areas = [
        MapArea(
            code=c.code,
            name=c.name,
            url=c.get_absolute_url(),
            count=c.article_count,
            path=drawing.counties[c.code],
            shade=shade_of(c.article_count, scale),
            current=c.code == current,
        )
        for c in counties
    ]
    outlines = [drawing.prefectures[code] for code in prefecture_codes if code in drawing.prefectures]
    boxes = [drawing.boxes[a.code] for a in areas]
    if boxes:
        box = boxes[0]
        for other in boxes[1:]:
            box = box.union(other)
        view_box = box.view_box()
    else:
        view_box = f"0 0 {drawing.width} {drawing.height}"
    return CountyMap(view_box=view_box, areas=areas, outlines=outlines, shades=scale)
