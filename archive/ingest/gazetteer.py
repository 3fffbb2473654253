"""Gazetteer of Hunan divisions: their names and where a text mentions them.

Every division is found by its full, short and former names (longest match first), with context
checks for short names that are also ordinary words (凤凰, 通道, 会同 …) or substrings of other
names (南县 in 湖南县域, 津市 in 天津市), and a small per-character confusion map for OCR and
typing slips (溁口区 → 渌口区, 湘谭 → 湘潭, 株州 → 株洲).  :mod:`archive.ingest.places` weighs
the mentions to decide where an article is set.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DIVISIONS_TSV = DATA_DIR / "hunan_divisions.tsv"

# Short names that are ordinary words or names elsewhere: accepted only with Hunan context.
CONTEXT_REQUIRED = set(
    [
        "凤凰",
        "洞口",
        "桃源",
        "津市",
        "芙蓉",
        "天元",
        "天心",
        "开福",
        "雨花",
        "荷塘",
        "武陵",
        "石门",
        "永定",
        "资阳",
        "东安",
        "永兴",
        "嘉禾",
        "安仁",
        "桂东",
        "平江",
        "华容",
        "新田",
        "江华",
        "龙山",
        "双峰",
        "蓝山",
        "宁远",
        "鹤城",
        "君山",
        "云溪",
        "北湖",
        "北塔",
        "双清",
        "石鼓",
        "衡山",
        "岳阳楼",
        "洪江",
        "湘西",
        "零陵",
        "沅江",
        "汉寿",
        "新化",
        "新宁",
        "长宁",
        "城步",
        "通道县",
        "岳麓",
        "雨湖",
        "珠晖",
        "雁峰",
        "蒸湘",
        "南岳",
        "大祥",
        "隆回",
        "新邵",
        "邵东",
        "云溪",
        "临湘",
        "汨罗",
        "鼎城",
        "慈利",
        "桑植",
        "赫山",
        "桃江",
        "安化",
        "苏仙",
        "宜章",
        "临武",
        "汝城",
        "江永",
        "双牌",
        "辰溪",
        "溆浦",
        "麻阳",
        "新晃",
        "芷江",
        "靖州",
        "会同县",
        "吉首",
        "泸溪",
        "花垣",
        "保靖",
        "古丈",
        "永顺",
        "冷水江",
        "涟源",
        "娄星",
        "望城",
        "星沙",
    ]
)
# Context-free exceptions in that list: names distinctive enough on their own.
DISTINCTIVE = set(
    [
        "汨罗",
        "慈利",
        "桑植",
        "赫山",
        "桃江",
        "苏仙",
        "宜章",
        "临武",
        "汝城",
        "江永",
        "双牌",
        "辰溪",
        "溆浦",
        "麻阳",
        "新晃",
        "芷江",
        "靖州",
        "吉首",
        "泸溪",
        "花垣",
        "保靖",
        "古丈",
        "永顺",
        "冷水江",
        "涟源",
        "娄星",
        "望城",
        "星沙",
        "隆回",
        "新邵",
        "邵东",
        "鼎城",
        "岳麓",
        "雨湖",
        "珠晖",
        "雁峰",
        "蒸湘",
        "南岳",
        "临湘",
        "通道县",
        "会同县",
        "城步",
        "溆浦",
        "新化",
    ]
)
# Short names never accepted without the suffix: far too common as words.
NEVER_SHORT = {"中方", "会同", "通道", "长宁"}

# Single-character county names: the character before must not form a word with them.
_BAD_BEFORE = {
    "南县": set("湖河云海济江华西东闽皖赣岭淮汉渭城镇以指向中"),
    "道县": set("通知报渠街轨频管跑赛大古水国省铁航栈步车人味门公称说难厚王霸孝布传讲论地坑隧要干匝主乡村"),
}

# Functional zones (not divisions): they belong to their prefecture, county None.
ZONES = {
    "湘潭高新区": "430300",
    "湖南湘潭高新技术产业园区": "430300",
    "湘潭高新技术产业开发区": "430300",
    "昭山示范区": "430300",
    "九华示范区": "430300",
    "松木经开区": "430400",
    "衡阳高新区": "430400",
    "屈原管理区": "430600",
    "屈原区": "430600",
    "西洞庭管理区": "430700",
    "大通湖区": "430900",
    "益阳高新区": "430900",
    "永州经开区": "431100",
    "永州经济技术开发区": "431100",
    "回龙圩管理区": "431100",
    "洪江管理区": "431200",
    "洪江区": "431200",
    # The old 洪江 city is the 洪江 zone, not today's 洪江市 (seat 黔城): its landmark names it.
    "洪江古商城": "431200",
    "洪江古城": "431200",
}
_ZONE_SUFFIXES = ("高新区", "经开区", "经济技术开发区", "高新技术产业开发区", "综合保税区", "综保区")

# OCR / typing confusions: correct character → variants seen in print (applied inside names only).
CONFUSIONS = {
    "渌": "溁溆淥碌逯涤",
    "潭": "谭覃",
    "洲": "州",
    "州": "洲",
    "汨": "汩",
    "祁": "祈",
    "耒": "来",
    "冈": "岗",
    "溆": "漵淑",
    "溪": "谿",
    "泸": "沪",
    "沅": "沆",
    "冷": "泠",
    "市": "巿",
    "陵": "凌",
    "县": "具",
}
# Variants that are real places outside Hunan (or common words): never rewritten.
NOT_HUNAN = {
    "禄口",
    "贵阳",
    "彬州",
    "遂宁",
    "芦溪",
    "桃园",
    "元江",
    "弋阳",
    "长宁",
    "荆州",
    "锦州",
    "莱阳",
    "泾县",
    "礼县",
    "宜阳",
    "林州",
    "柳州",
    "湘州",
    "永洲",
}


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # prefecture | county
    kind: str
    parent_code: str
    parent_name: str
    aliases: tuple[str, ...]

    @property
    def prefecture_code(self) -> str:
        return self.code if self.level == "prefecture" else self.parent_code


@dataclass(frozen=True)
class Surface:
    text: str
    code: str  # division code, or prefecture code for a zone
    form: str  # full | short | former | variant | zone
    canonical: str  # the correct spelling (for variants)


@dataclass
class Gazetteer:
    divisions: dict[str, Division]
    surfaces: dict[str, Surface]
    pattern: re.Pattern[str]
    prefecture_surfaces: dict[str, list[str]] = field(default_factory=dict)

    def division(self, code: str) -> Division:
        return self.divisions[code]


def _load_divisions(path: Path) -> dict[str, Division]:
    out: dict[str, Division] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split(",") if a.strip())
            out[row["code"]] = Division(
                row["code"],
                row["name"],
                row["level"],
                row["type"],
                row["parent_code"],
                row["parent_name"],
                aliases,
            )
    return out


def _variants(text: str) -> list[str]:
    out = []
    for i, ch in enumerate(text):
        for v in CONFUSIONS.get(ch, ""):
            cand = text[:i] + v + text[i + 1 :]
            if cand not in NOT_HUNAN:
                out.append(cand)
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The division list and matcher, built once per process."""
    divisions = _load_divisions(DIVISIONS_TSV)
    surfaces: dict[str, Surface] = {}

    def add(text: str, code: str, form: str, canonical: str | None = None) -> None:
        if len(text) < 2 or text in surfaces and surfaces[text].form in ("full", "zone"):
            return
        if text in surfaces and form in ("variant",):
            return
        surfaces[text] = Surface(text, code, form, canonical or text)

    for d in divisions.values():
        add(d.name, d.code, "full")
        for a in d.aliases:
            form = "full" if a.endswith(("县", "区", "州")) and len(a) >= 3 else "short"
            if a.endswith("市") and len(a) >= 3:
                form = "full"
            add(a, d.code, form)
    for name, pcode in ZONES.items():
        surfaces[name] = Surface(name, pcode, "zone", name)
    for d in divisions.values():
        if d.level == "prefecture":
            for short in [a for a in d.aliases if len(a) >= 2] + [d.name]:
                for suffix in _ZONE_SUFFIXES:
                    zone = short + suffix
                    if zone not in surfaces:
                        surfaces[zone] = Surface(zone, d.code, "zone", zone)
    for s in list(surfaces.values()):
        if s.form == "short" and len(s.text) < 2:
            continue
        for v in _variants(s.text):
            if v not in surfaces:
                surfaces[v] = Surface(v, s.code, "variant", s.text)
    ordered = sorted(surfaces, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(s) for s in ordered))
    pref_surfaces: dict[str, list[str]] = defaultdict(list)
    for s in surfaces.values():
        d = divisions.get(s.code)
        if d is not None and d.level == "prefecture" and s.form != "variant":
            pref_surfaces[d.code].append(s.text)
    return Gazetteer(divisions, surfaces, pattern, dict(pref_surfaces))


@dataclass
class Mention:
    surface: Surface
    start: int
    zone: str  # title | lead | body | caption


def leads_with_division(text: str, *, variants: bool = False) -> bool:
    """``text`` opens with a division's name in any of its forms (新化, 沅江市, 桃江县).

    For a headline's shape only (沅江：…, …看沅江): no context check, since the shape itself
    says a place is meant.  A misprinted name (淑浦 for 溆浦) counts only with ``variants``,
    where the shape alone (the place and a colon) leaves no other reading.
    """
    m = gazetteer().pattern.match(text)
    return m is not None and (variants or gazetteer().surfaces[m.group(0)].form != "variant")


def is_division_name(text: str) -> bool:
    """``text`` is exactly a division's name in one of its correct forms (临武, 通道, 衡阳市)."""
    surface = gazetteer().surfaces.get(text)
    return surface is not None and surface.form in ("full", "short", "former")


_PLACE_COLON = re.compile(r"^[\u4e00-\u9fff]{2,8}[：:]\S")


def is_place_led_headline(text: str) -> bool:
    """``攸县：“一老一小”有人管`` / ``通道：侗寨民宿…``: a division, a colon, then the news.

    Papers write report headlines this way; an in-body subhead does not lead with a place.
    """
    return bool(_PLACE_COLON.match(text)) and leads_with_division(text)


# 乡村振兴看新化, 真抓实干在资兴: a column's name is a theme followed by 看/在 and a place.
_COLUMN = re.compile(r"^[\u4e00-\u9fff]{2,8}(看|在)(?P<place>[\u4e00-\u9fff]{2,5})$")
PROVINCE_NAMES = frozenset({"湖南", "湖湘", "三湘", "潇湘"})


# 县域经济一线观察, 县域传真, 基层快讯: a standing column's name ends in a word naming the kind
# of column; a report's headline says what happened instead.
_COLUMN_KIND = re.compile(
    r"^[\u4e00-\u9fff·]{2,10}(一线观察|观察|传真|速递|快讯|扫描|巡礼|直击|视点|纵横|短波|简讯|速览|进行时|在行动"
    r"|时评|快评|短评|锐评|热评|论坛)$"
    r"|^(图说|镜头下的|镜头里的|光影)[\u4e00-\u9fff]{2,6}$"  # 图说益阳, 镜头下的县域: a picture column
    r"|^(短评|时评|快评|点评|锐评|热评|微评|评论|言论|编后)$"  # an opinion column over its piece
)


def is_column_line(text: str, *, named_by_kind: bool = True) -> bool:
    """A column (series) line such as 乡村振兴看新化 or 县域传真: printed over a headline as its kicker.

    ``named_by_kind=False`` leaves out names like 县域传真, which a page header uses as the
    page's name too.
    """
    t = text.strip()
    m = _COLUMN.match(t)
    # 央媒看湖南: a column may look at the whole province, which is no division of its own.
    at_place = bool(m) and (m.group("place") in PROVINCE_NAMES or leads_with_division(m.group("place")))
    return at_place or named_by_kind and bool(_COLUMN_KIND.match(t))


def find_mentions(text: str, zone: str, *, context: str = "") -> list[Mention]:
    """Division names in ``text``, after context checks.  ``context`` is the whole article."""
    gz = gazetteer()
    out: list[Mention] = []
    ctx = context or text
    for m in gz.pattern.finditer(text):
        s = gz.surfaces[m.group(0)]
        if not _accept(s, text, m.start(), m.end(), ctx, gz):
            continue
        out.append(Mention(s, m.start(), zone))
    return out


def _has_hunan_context(s: Surface, ctx: str, gz: Gazetteer) -> bool:
    d = gz.divisions.get(s.code)
    if d is None:
        return True
    if d.name in ctx:
        return True
    pcode = d.prefecture_code
    if d.level == "prefecture":
        return "湖南" in ctx or any(other in ctx for other in (d.name,))
    return any(p in ctx for p in gz.prefecture_surfaces.get(pcode, []))


def _accept(s: Surface, text: str, start: int, end: int, ctx: str, gz: Gazetteer) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if s.text in _BAD_BEFORE and before in _BAD_BEFORE[s.text]:
        return False
    if s.text in ("南县", "道县") and after and after in "域级":
        return False
    if s.text == "津市" and before == "天":
        return False
    if s.form == "short" and after and after in "江河" and not s.text.endswith(("江", "河")):
        return False  # 汨罗江, 浏阳河: the river named like the county, wherever it flows
    canonical = s.canonical
    if s.form in ("short", "variant") and canonical in NEVER_SHORT:
        # 通道：侗寨民宿…: only a headline's place-colon shape, with the full name in the article,
        # means the county
        d = gz.divisions.get(s.code)
        return s.form == "short" and start == 0 and after in "：:" and d is not None and d.name in ctx
    if s.form == "variant":
        # A slip is accepted when it reads as a division name (suffix follows) or Hunan context is present.
        d = gz.divisions.get(s.code)
        if d is not None and not (
            s.text.endswith(("县", "区", "市", "州", "巿", "具"))  # (the suffix misprinted too: 祁阳巿)
            or (after and after in "县区市州镇乡")
            or re.search(re.escape(s.text) + "[县区市州]", ctx)  # 武岗建成… over 武岗市在…
        ):
            return _has_hunan_context(s, ctx, gz)
        return True
    if s.form == "short" and canonical in CONTEXT_REQUIRED and canonical not in DISTINCTIVE:
        if after and after in "县区市" and len(canonical) >= 2:
            return True
        return _has_hunan_context(s, ctx, gz)
    return True
