"""A deterministic synthetic corpus of newspaper page dumps for the benchmark.

Pages look like the seed pages (see ``seeds/``): the same prose, recombined
from seed paragraphs (``bench/corpus_material.json``), about all 122 county-level
divisions and the nine topics over ten years, with the seeds' layout quirks:

* a page header with paper, date, weekday, page number and section (most pages);
* headline blocks: kicker/series line, headline, ``——`` subtitle, names line;
  markdown ``#`` headings on some pages; a few headlines printed after the body
  and a few articles without a headline (briefs);
* bylines as a names line, ``XX日报讯(记者/… 通讯员/…)`` datelines, closing
  parentheses ``（甲 乙）``, ``(文/…)``; names with an inner space (李 蓉);
* photo captions (``… 某某 摄``, ``▲…``, ``（…供图）``);
* narrow hard-wrapped columns with a blank line between printed lines and
  stray spaces in numbers; a paragraph printed twice; ``上接A1版``/``下转…``;
* UTF-8, UTF-8 with BOM and GB18030 files, some with CRLF line ends.

Every choice comes from one seeded ``random.Random`` per page, so the same seed
always writes byte-identical files.  Pure Python, no Django.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(__file__).resolve().parent / "corpus_material.json"
DIVISIONS = ROOT / "archive" / "data" / "hunan_divisions.tsv"
TOPICS = ROOT / "archive" / "data" / "topics.json"

FIRST_DATE = dt.date(2015, 1, 1)
LAST_DATE = dt.date(2024, 12, 31)
WEEKDAYS = "一二三四五六日"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官")
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玲兰萍红玉梅莉辉建波宁斌志鹏飞凯丹倩婷雪琳晨"
    "慧颖文博宇浩然俊峰国庆春林海燕亮晖湘楠璐蓉瞰君睿武彬莹柳露欣怡嘉琪昊天佳乐根利卓越新德"
)
SECTIONS = ("县域经济", "要闻", "综合新闻", "县区新闻", "政务", "乡村振兴", "民生", "湖湘大地", "市州新闻")
ORGS = ("县融媒体中心", "县委宣传部", "县政务服务中心", "县农业农村局", "县行政审批服务局", "区融媒体中心")

# Lead sentences that name the place and a topic keyword, as real leads do.
LEADS = (
    "近日，{C}召开{k1}工作推进会，部署下一阶段{k2}重点任务。",
    "{M}月{D}日，{C}举行{k1}专题会议，研究推进{k2}工作。",
    "今年以来，{C}聚焦{k1}，持续在{k2}上下功夫，取得明显成效。",
    "近年来，{C}坚持把{k1}作为重点工作，推动{k2}提质增效。",
    "“{k1}办得好不好，群众说了算。”{M}月{D}日，{C}相关负责人介绍。",
    "记者从{P}获悉，{C}{k1}工作走在全市前列，{k2}各项指标稳步提升。",
)
HEADLINES = (
    "{c}扎实推进{k1}",
    "{c}：{k1}跑出“加速度”",
    "{C}多措并举抓{k1}",
    "{c}{k1}见实效",
    "以{k1}促{k2} {c}答好民生答卷",
    "{c}“{k1}”按下快进键",
    "{C}{k1}工作综述",
    "{c}：让{k1}更有温度",
)
SUBTITLES = (
    "——{C}推进{k1}工作纪实",
    "——{C}多措并举推动{k2}",
    "——{c}以{k1}助推高质量发展",
    "——{C}深化{k1}综述",
)
KICKERS = ("奔向现代化之{c}篇{n}", "真抓实干在{c}", "【发展感言】", "县域经济巡礼", "【基层治理看{c}】")
CAPTIONS = (
    "{c}工作人员为群众办理业务。",
    "{C}{k1}现场。",
    "{c}干部走访群众，了解{k1}情况。",
    "{C}某镇村民在田间劳作。",
    "{c}开展{k1}宣传活动。",
)


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    short: str
    prefecture: Place | None = None

    @property
    def pref(self) -> Place:
        return self.prefecture or self


@dataclass
class CorpusStats:
    pages: int = 0
    articles: int = 0
    characters: int = 0
    counties: Counter = field(default_factory=Counter)
    topics: Counter = field(default_factory=Counter)
    years: Counter = field(default_factory=Counter)
    encodings: Counter = field(default_factory=Counter)
    files: list[str] = field(default_factory=list)


def load_places() -> tuple[list[Place], list[Place]]:
    """(prefectures, counties) from the project's division table."""
    prefectures: dict[str, Place] = {}
    counties: list[Place] = []
    with DIVISIONS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            aliases = [a.strip() for a in row["aliases"].split(",") if a.strip()]
            short = aliases[0] if aliases else row["name"]
            if row["level"] == "prefecture":
                prefectures[row["code"]] = Place(row["code"], row["name"], short)
            else:
                counties.append(Place(row["code"], row["name"], short, prefectures[row["parent_code"]]))
    return list(prefectures.values()), counties


def paper_of(prefecture: Place) -> str:
    return "团结报" if prefecture.name.startswith("湘西") else f"{prefecture.short}日报"


class Material:
    """Seed paragraphs by topic, split into sentences for recombination."""

    def __init__(self, path: Path = MATERIAL) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.body_lengths: list[int] = data["body_lengths"]
        self.subheads: list[str] = [h for h in data["subheads"] if not h.startswith("【")]
        # Section labels (【重点提示】) and numbered subheads are not headlines.
        self.headlines: list[str] = [h for h in data["headlines"] if not re.match(r"[【\d]", h)]
        self.by_topic: dict[str | None, list[str]] = {}
        for p in data["paragraphs"]:
            self.by_topic.setdefault(p["topic"], []).append(p["text"])
        topics = json.loads(TOPICS.read_text(encoding="utf-8"))
        self.topic_names: list[str] = [t["name"] for t in topics]
        # Strong keywords first: those are what a reader (and the topic scorer) notices.
        self.keywords: dict[str, list[str]] = {
            t["name"]: [w for w, _ in sorted(t["keywords"].items(), key=lambda kv: -kv[1])][:10]
            for t in topics
        }
        self.generic = self.by_topic.get(None, [])

    def pool(self, topic: str) -> list[str]:
        return self.by_topic.get(topic) or self.generic


def _sentences(paragraph: str) -> list[str]:
    return [s for s in re.findall(r"[^。！？]*[。！？]”?|[^。！？]+$", paragraph) if s.strip()]


class PageWriter:
    """Builds one page's text from its own RNG."""

    def __init__(
        self, material: Material, prefectures: list[Place], counties: list[Place], rng: random.Random
    ):
        self.m = material
        self.prefectures = prefectures
        self.counties = counties
        self.rng = rng

    # --- small pieces ---------------------------------------------------------
    def person(self) -> str:
        r = self.rng
        surname = r.choice(COMPOUND_SURNAMES) if r.random() < 0.02 else r.choice(SURNAMES)
        return surname + "".join(r.choice(GIVEN) for _ in range(1 if r.random() < 0.35 else 2))

    def spaced(self, name: str) -> str:
        # Two-character names are often printed with a space inside (李 蓉).
        return f"{name[0]} {name[1]}" if len(name) == 2 and self.rng.random() < 0.4 else name

    def fill(self, text: str, place: Place, topics: list[str], date: dt.date) -> str:
        r = self.rng
        k1 = r.choice(self.m.keywords[topics[0]])
        k2 = r.choice(self.m.keywords[topics[-1]])
        county = place if place.prefecture else None
        values = {
            "{C}": place.name,
            "{c}": place.short if r.random() < 0.7 else place.name,
            "{P}": place.pref.name,
            "{p}": place.pref.short,
            "{k1}": k1,
            "{k2}": k2,
            "{M}": str(date.month),
            "{D}": str(max(1, date.day - r.randint(0, 3))),
            "{n}": r.choice(CIRCLED),
        }
        if county is None:
            values["{C}"] = place.name
            values["{c}"] = place.short
        text = re.sub(r"\{[A-Za-z0-9]+\}", lambda m: values.get(m.group(0), m.group(0)), text)
        return self.numbers(text, date)

    def numbers(self, text: str, date: dt.date) -> str:
        """Years follow the page date; other figures vary so the index sees many distinct numbers."""
        r = self.rng

        def year(m: re.Match[str]) -> str:
            return str(date.year - (1 if r.random() < 0.3 else 0))

        text = re.sub(r"20[12]\d(?=\s*年)", year, text)

        def figure(m: re.Match[str]) -> str:
            digits = m.group(0)
            if len(digits) == 4 and digits.startswith("20"):
                return digits
            value = int(digits) * r.uniform(0.5, 1.8)
            return str(max(1, round(value)))

        # Dates and times (11月30日, 8时) stay as printed.
        return re.sub(r"(?<![\d.月])\d{2,}(?![\d.]|\s*[月日号时点])", figure, text)

    def paragraph(self, topic: str) -> str:
        r = self.rng
        pool = self.m.pool(topic)
        if r.random() < 0.5 or len(pool) < 2:
            return r.choice(pool)
        # Recombine sentences of two paragraphs on the same topic into a new one.
        a, b = r.sample(pool, 2)
        sa, sb = _sentences(a), _sentences(b)
        cut_a = r.randint(1, max(1, len(sa)))
        cut_b = r.randint(0, max(0, len(sb) - 1))
        return "".join(sa[:cut_a] + sb[cut_b:]) or a

    # --- an article -----------------------------------------------------------
    def article(self, place: Place, date: dt.date, paper: str, *, layout: dict) -> tuple[list[str], dict]:
        """Lines of one article (blank lines between blocks added by the page) and its facts."""
        r = self.rng
        primary = r.choice(self.m.topic_names)
        topics = [primary]
        if r.random() < 0.4:
            topics.append(r.choice([t for t in self.m.topic_names if t != primary]))
        target = int(r.choice(self.m.body_lengths) * r.uniform(0.8, 1.2))

        def fill(text: str) -> str:
            return self.fill(text, place, topics, date)

        paragraphs = [fill(r.choice(LEADS))]
        length = len(paragraphs[0])
        while length < target:
            roll = r.random()
            topic = primary if roll < 0.7 else topics[-1] if roll < 0.9 else None
            para = fill(self.paragraph(topic) if topic else r.choice(self.m.generic or self.m.pool(primary)))
            paragraphs.append(para)
            length += len(para)
        # Long features carry subheads between their paragraphs.
        if length > 1500 and self.m.subheads:
            for _ in range(min(3, len(paragraphs) // 3)):
                at = r.randint(2, len(paragraphs) - 1)
                paragraphs.insert(at, fill(r.choice(self.m.subheads)))
        if r.random() < 0.04 and len(paragraphs) > 2:  # a paragraph printed twice in a row
            at = r.randint(1, len(paragraphs) - 1)
            paragraphs.insert(at, paragraphs[at])

        reporters = [self.person() for _ in range(r.choice((1, 1, 2, 2, 3)))]
        style = r.choices(("names", "dateline", "closing", "wen", "none"), (35, 30, 22, 5, 8))[0]
        headline_style = r.choices(("normal", "after", "none"), (90, 5, 5))[0]
        md = layout["markdown"]
        head: list[str] = []
        title = ""
        if headline_style != "none":
            if r.random() < 0.08:
                head.append(("### " if md else "") + fill(r.choice(KICKERS)))
            source = r.choice(self.m.headlines) if r.random() < 0.25 else r.choice(HEADLINES)
            title = fill(source)
            head.append(("# " if md else "") + title)
            if r.random() < 0.3:
                head.append(("## " if md else "") + fill(r.choice(SUBTITLES)))
            if style == "names":
                head.append(" ".join(self.spaced(n) for n in reporters))
        if r.random() < 0.18:
            photographer = self.person()
            caption = fill(r.choice(CAPTIONS))
            credit = f"（{place.short}{r.choice(ORGS)}供图）" if r.random() < 0.25 else f" {photographer} 摄"
            head.append(caption + credit)
        if layout["continued"]:
            head.append("上接A1版")
            layout["continued"] = False
        if style == "dateline":
            roles = f"记者/{reporters[0]}"
            if len(reporters) > 1:
                roles += " 通讯员/" + " ".join(reporters[1:])
            opener = f"{paper}讯({roles})" if r.random() < 0.6 else f"{paper}讯（{roles}）"
            paragraphs[0] = f"{opener} {paragraphs[0]}"
        body = list(paragraphs)
        if r.random() < 0.1 and len(body) > 3:
            at = r.randint(2, len(body) - 1)
            body.insert(at, "▲" + fill(r.choice(CAPTIONS)))
        if style == "closing":
            body.append("（" + " ".join(self.spaced(n) for n in reporters) + "）")
        elif style == "wen":
            body[-1] += f"(文/{reporters[0]})"
        if layout["wrapped"]:
            body = [self.wrap(p) for p in body]
        lines = body + head if headline_style == "after" else head + body
        facts = {
            "title": title,
            "place": place.name,
            "prefecture": place.pref.name,
            "topics": topics,
            "date": date.isoformat(),
            "reporters": reporters if style != "none" else [],
            "chars": length,
        }
        return lines, facts

    def wrap(self, paragraph: str) -> str:
        """A narrow column: 12-16 characters a line, blank line between lines, spaced numbers."""
        r = self.rng
        width = r.randint(12, 16)
        text = (
            re.sub(r"(?<=[\u4e00-\u9fff])(\d+)(?=[\u4e00-\u9fff])", r" \1 ", paragraph)
            if r.random() < 0.5
            else paragraph
        )
        return "\n\n".join(text[i : i + width] for i in range(0, len(text), width))

    # --- a page ---------------------------------------------------------------
    def page(self, n_articles: int, lead_county: Place | None = None) -> tuple[str, dict]:
        r = self.rng
        days = (LAST_DATE - FIRST_DATE).days
        date = FIRST_DATE + dt.timedelta(days=r.randint(0, days))
        first = lead_county or r.choice(self.counties)
        provincial = r.random() < 0.25
        paper = "湖南日报" if provincial else paper_of(first.pref)
        layout = {
            "markdown": r.random() < 0.2,
            "wrapped": r.random() < 0.1,
            "continued": r.random() < 0.08,
        }
        label = r.choice(("A1", "A2", "A3", "A4", "05", "06", "07", "08"))
        section = r.choice(SECTIONS)
        weekday = WEEKDAYS[date.weekday()]
        header_style = r.choices(range(4), (40, 25, 20, 15))[0]
        lines: list[str] = []
        if header_style == 0:
            lines.append(
                f"{paper}  {date.year}年{date.month}月{date.day}日  星期{weekday}  {label}  {section}"
            )
        elif header_style == 1:
            lines.append(f"{label}版 {section}    {date.year}年{date.month}月{date.day}日 星期{weekday}")
        elif header_style == 2:
            lines.append(f"{date:%Y.%m.%d} 星期{weekday} | {paper} | {section} | {label}")
        # header_style 3: no header; the date must be estimated from the text.
        articles = []
        for i in range(n_articles):
            if i == 0:
                place = first
            elif provincial:
                place = r.choice(self.counties)
            else:
                place = r.choice([c for c in self.counties if c.pref == first.pref])
            if r.random() < 0.08:
                place = place.pref  # a prefecture-wide report
            art_lines, facts = self.article(place, date, paper, layout=layout)
            lines.extend(art_lines)
            articles.append(facts)
        if r.random() < 0.05:
            lines.append(f"下转{r.choice(('A2', 'A3', '06', '07'))}版")
        sep = "\n\n"
        text = "\n\n" + sep.join(lines) + "\n"
        return text, {
            "date": date.isoformat(),
            "paper": paper,
            "articles": articles,
            "header": header_style != 3,
        }


def encode_page(text: str, rng: random.Random) -> tuple[bytes, str]:
    roll = rng.random()
    if rng.random() < 0.1:
        text = text.replace("\n", "\r\n")
    if roll < 0.15:
        return text.encode("gb18030"), "gb18030"
    if roll < 0.2:
        return text.encode("utf-8-sig"), "utf-8-sig"
    return text.encode("utf-8"), "utf-8"


def generate(
    out_dir: Path,
    *,
    pages: int | None = None,
    articles: int | None = None,
    seed: int = 0,
    manifest: Path | None = None,
    long_article_chars: int = 0,
) -> CorpusStats:
    """Write ``pages`` page files (or as many as ``articles`` articles need) into ``out_dir``."""
    if (pages is None) == (articles is None):
        raise ValueError("give exactly one of pages or articles")
    out_dir.mkdir(parents=True, exist_ok=True)
    material = Material()
    prefectures, counties = load_places()
    stats = CorpusStats()
    records = []
    # The first article of page i is about the (i mod 122)-th county of a seeded
    # shuffle, so any corpus of 122 pages or more covers every county.
    lead_order = list(counties)
    random.Random(f"{seed}:counties").shuffle(lead_order)
    index = 0
    while (pages is not None and index < pages) or (articles is not None and stats.articles < articles):
        rng = random.Random(f"{seed}:{index}")
        n = rng.choice((3, 4, 5, 6, 6, 7, 8, 8))
        if articles is not None:
            n = min(n, articles - stats.articles)
        writer = PageWriter(material, prefectures, counties, rng)
        text, facts = writer.page(n, lead_county=lead_order[index % len(lead_order)])
        data, encoding = encode_page(text, rng)
        name = f"{index:06d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
        (out_dir / name).write_bytes(data)
        stats.pages += 1
        stats.articles += n
        stats.characters += len(text)
        stats.encodings[encoding] += 1
        stats.files.append(name)
        stats.years[facts["date"][:4]] += n
        for a in facts["articles"]:
            stats.counties[a["place"]] += 1
            stats.topics[a["topics"][0]] += 1
        records.append({"file": name, "encoding": encoding, **facts})
        index += 1
    if long_article_chars:
        from bench.long_article import long_page

        # One article of that many characters on one line: the costs that grow with an article's size.
        text = long_page(long_article_chars, seed)
        name = f"{index:06d}_long_{long_article_chars}.txt"
        (out_dir / name).write_text(text, encoding="utf-8")
        stats.pages += 1
        stats.articles += 1
        stats.characters += len(text)
        stats.encodings["utf-8"] += 1
        stats.files.append(name)
    if manifest is not None:
        manifest.parent.mkdir(parents=True, exist_ok=True)
        with manifest.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return stats
