"""Where an article is set: the mentions of Hunan divisions (:mod:`archive.ingest.gazetteer`)
weighed by where they stand (headline, lead, body, caption), with the paper's home prefecture and
the publisher's county as fallbacks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .gazetteer import Division, find_mentions, gazetteer
from .types import PlaceGuess

# A headline about the whole prefecture: 覆盖全市中小学, 全州推行…, 市级….
_WHOLE_PREFECTURE = re.compile(r"全(市|州)(?!场)|市州级|全市域")
_ENTERPRISE_AFTER = re.compile(
    r"^市?[\u4e00-\u9fff]{0,6}?(供电公司|公司|集团|银行|所|厂|电力|烟草|移动|电信|联通|邮政|分行|支行)"
)
_ZONE_AFTER = re.compile(r"^市?(自贸|会展|片区|新区|高新|经开|园区|开发区|示范区|综保区)")


@dataclass
class _Tally:
    county: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    prefecture: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    county_hits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    evidence: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


ZONE_WEIGHT = {"title": 4.0, "lead": 2.0, "body": 1.0, "caption": 0.5}
FORM_WEIGHT = {"full": 1.0, "short": 0.8, "former": 0.8, "variant": 0.7, "zone": 1.0}
ZONE_LABEL = {"title": "标题", "lead": "导语", "body": "正文", "caption": "图片说明"}


def home_prefecture(paper: str | None) -> str | None:
    """The prefecture a local paper belongs to: 衡阳日报 → 430400; 湖南日报 → None."""
    if not paper:
        return None
    county = home_county(paper)
    if county is not None:
        return county.prefecture_code  # 通道融媒: the county's prefecture, whatever else 通道 could be
    codes = {
        gazetteer().divisions[m.surface.code].prefecture_code
        for m in find_mentions(paper, "title")
        if m.surface.code in gazetteer().divisions
    }
    return codes.pop() if len(codes) == 1 else None


def home_county(publisher: str | None) -> Division | None:
    """The county-level division a county medium belongs to: 宁乡市融媒体中心 → 宁乡市; 湖南日报 → None."""
    if not publisher:
        return None
    gz = gazetteer()
    m = gz.pattern.match(publisher)
    if m is None:
        # 通道融媒, 醴陵发布, 今日华容: a county medium's short name, though the bare place word is too
        # common a word to be read as a place in text
        short = re.match(r"^(?:今日|掌上|新)?([\u4e00-\u9fff]{2,6}?)(融媒体中心|融媒|发布|新闻)?$", publisher)
        named = [
            d for d in gz.divisions.values() if short and d.level == "county" and short.group(1) in d.aliases
        ]
        return named[0] if len(named) == 1 else None
    division = gz.divisions.get(gz.surfaces[m.group(0)].code)
    if division is not None and division.level != "county":
        # 张家界市永定区人民政府: the prefecture's name in front of its county's
        inner = gz.pattern.match(publisher, m.end())
        below = gz.divisions.get(gz.surfaces[inner.group(0)].code) if inner else None
        if below is not None and below.prefecture_code == division.code:
            division = below
    return division if division is not None and division.level == "county" else None


def guess_place(
    title_text: str,
    body: str,
    captions: list[str] | None = None,
    *,
    home: str | None = None,
    series: str = "",
) -> PlaceGuess:
    """Decide the county-level division (or the prefecture alone) an article is about.

    ``home`` is the prefecture code of the page's paper, used when the article names no place.
    ``series`` is the kicker (series or column line) over the headline: a county it names counts
    as named in the headline (真抓实干在资兴), but a prefecture it names is the scope of the whole
    series (县域治理看岳阳①), not the subject of this article.
    """
    gz = gazetteer()
    context = "\n".join([series, title_text, body, *(captions or [])])
    if home and home in gz.divisions:
        # A prefecture's own paper reports on its counties: that is Hunan context for short names.
        context += "\n" + gz.divisions[home].name
    lead_len = 150
    series_mentions = find_mentions(series, "title", context=context) if series else []
    mentions = series_mentions + find_mentions(title_text, "title", context=context)
    scope_only = {id(m) for m in series_mentions}
    for m in find_mentions(body, "body", context=context):
        if m.start < lead_len:
            m.zone = "lead"
        mentions.append(m)
    for cap in captions or []:
        mentions += find_mentions(cap, "caption", context=context)

    tally = _Tally()
    title_pref_subject = False
    title_counties: set[str] = set()
    modifiers: set[int] = set()
    for m in mentions:
        s = m.surface
        w = ZONE_WEIGHT[m.zone] * FORM_WEIGHT[s.form]
        d = gz.divisions.get(s.code)
        label = ZONE_LABEL[m.zone]
        note = f"{label}提到“{s.text}”"
        if s.form == "variant":
            note += f"（疑为“{s.canonical}”的误写）"
        if s.form == "zone":
            tally.prefecture[s.code] += w
            tally.evidence[s.code].append(f"{note}：功能区，归属{gz.divisions[s.code].name}")
            if m.zone == "title":
                title_pref_subject = True  # a development zone in the headline: prefecture-wide item
            continue
        if d is None:
            continue
        if d.level == "prefecture":
            tally.prefecture[d.code] += w
            tally.evidence[d.code].append(note)
            if m.zone == "title":
                following = (series if id(m) in scope_only else title_text)[m.start + len(s.text) :]
                # "长沙自贸会展区": a zone inside the prefecture names no county; the body decides.
                if _ZONE_AFTER.match(following):
                    modifiers.add(id(m))
                elif id(m) not in scope_only:
                    title_pref_subject = True
        else:
            tally.county[d.code] += w
            tally.county_hits[d.code] += 1
            tally.prefecture[d.parent_code] += 0.6 * w
            tally.evidence[d.code].append(note)
            if m.zone == "title":
                title_counties.add(d.code)

    guess = PlaceGuess(prefecture_subject=title_pref_subject and not title_counties)
    if not tally.prefecture:
        guess.evidence.append("未在标题和正文中找到湖南的行政区名称")
        if home and home in gz.divisions:
            guess.prefecture_code, guess.prefecture = home, gz.divisions[home].name
            guess.ambiguous = True
            guess.confidence = 0.3
            guess.evidence.append(f"按版面所属报纸的市州处理：{gz.divisions[home].name}")
        return guess
    if (
        home
        and home in gz.divisions
        and _WHOLE_PREFECTURE.search(title_text)
        and not any(m.zone == "title" for m in mentions)
    ):
        # 全市… in a prefecture's own paper is that prefecture, whatever other places the body
        # names on the way (结对帮扶的湘西泸溪县).
        guess.prefecture_code, guess.prefecture = home, gz.divisions[home].name
        guess.confidence = 1.0
        guess.evidence.append(f"标题说的是全市范围，本报所在市州：{gz.divisions[home].name}")
        return guess
    ranked = sorted(tally.prefecture.items(), key=lambda kv: -kv[1])
    pcode, pscore = ranked[0]
    pref = gz.divisions[pcode]
    guess.prefecture_code, guess.prefecture = pcode, pref.name
    if len(ranked) > 1 and ranked[1][1] >= 0.8 * pscore:
        guess.ambiguous = True
        guess.evidence.append(f"另一地级行政区得分接近：{gz.divisions[ranked[1][0]].name}")
    guess.evidence = tally.evidence.get(pcode, [])[:6] + guess.evidence

    counties = sorted(
        ((c, v) for c, v in tally.county.items() if gz.divisions[c].parent_code == pcode),
        key=lambda kv: -kv[1],
    )
    direct = sum(
        ZONE_WEIGHT[m.zone] * FORM_WEIGHT[m.surface.form]
        for m in mentions
        if m.surface.code == pcode and m.surface.form != "zone" and id(m) not in modifiers
    )
    total = sum(v for _, v in counties)
    guess.confidence = round(pscore / (pscore + sum(v for _, v in ranked[1:]) + 1e-9), 2)
    if not counties:
        guess.evidence.append("未提到具体县市区：按全市州报道处理")
        return guess
    ccode, cscore = counties[0]
    in_title = [c for c in counties if c[0] in title_counties]
    if in_title:
        ccode, cscore = in_title[0]
    reason = None
    if not in_title and _WHOLE_PREFECTURE.search(title_text):
        reason = "标题说的是全市（州）范围：按全市州报道处理"
    elif not in_title and title_pref_subject:
        reason = "标题以市州（或功能区）为主体：按全市州报道处理"
    elif not in_title and len(counties) >= 3 and cscore < 0.5 * total:
        reason = "提到多个县市区且无一为主：按全市州报道处理"
    elif not in_title and direct >= 3 * cscore and cscore < 3:
        reason = "以市州为主，县市区只是顺带提及：按全市州报道处理"
    if reason:
        guess.evidence.append(reason)
        return guess
    county = gz.divisions[ccode]
    guess.county_code, guess.county = ccode, county.name
    guess.evidence = tally.evidence.get(ccode, [])[:6] + guess.evidence
    if len(counties) > 1 and counties[1][1] >= 0.7 * cscore and not in_title:
        guess.ambiguous = True
        guess.evidence.append(f"另一县市区得分接近：{gz.divisions[counties[1][0]].name}")
    guess.confidence = round(min(1.0, cscore / (total + 1e-9)), 2)
    return guess
