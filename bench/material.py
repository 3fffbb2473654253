"""Build ``bench/corpus_material.json`` from the seed pages.

The synthetic corpus (``bench.corpus``) recombines real newspaper prose, so the
benchmark tokenizes, indexes and highlights text with the seeds' vocabulary and
sentence lengths.  This module cuts the seed pages into reusable pieces once:

* paragraphs of body text with every Hunan place name replaced by a placeholder
  (``{C}`` full county name, ``{c}`` short county name, ``{P}``/``{p}`` prefecture),
  each labelled with the topic its keywords point to;
* short headline-like lines and in-body subheads, placeholders likewise;
* the seeds' article body lengths (measured on the hand-checked gold
  segmentation of the five pages), so generated articles follow the same
  length distribution.

Run it again only when the seeds change::

    python -m bench.material seeds/ > bench/corpus_material.json
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIVISIONS = ROOT / "archive" / "data" / "hunan_divisions.tsv"
TOPICS = ROOT / "archive" / "data" / "topics.json"

# Body lengths (characters, whitespace removed) of the 33 articles of the five seed
# pages, from the gold segmentation.  Facts about the seeds, kept here so the
# generator needs nothing outside the project.
SEED_BODY_LENGTHS = [
    196, 212, 215, 291, 355, 397, 414, 467, 489, 509, 531, 544, 555, 566, 605, 628, 664,
    684, 743, 981, 1040, 1261, 1278, 1394, 1921, 1962, 2013, 2103, 2141, 2461, 2590, 3919, 4271,
]  # fmt: skip

# Short names that are also ordinary words: never turned into placeholders.
AMBIGUOUS_ALIASES = {"凤凰", "通道", "桃源", "津市", "会同", "石门", "永定", "资阳", "武陵", "双清", "北塔"}
SENTENCE_END = "。！？!?…”」』）)"
CJK_SPACE = re.compile(
    r"(?<=[\u3400-\u9fff\uff00-\uffef，。、；：“”‘’（）])\s+(?=[\u3400-\u9fff0-9\uff00-\uffef，。、；：“”‘’（）])"
)
DIGIT_SPACE = re.compile(r"(?<=\d)\s+(?=[\d%])")


def load_places() -> list[tuple[str, str]]:
    """(name, placeholder) pairs, longest name first, for every division and alias."""
    pairs: list[tuple[str, str]] = []
    with DIVISIONS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            prefecture = row["level"] == "prefecture"
            pairs.append((row["name"], "{P}" if prefecture else "{C}"))
            for alias in filter(None, (a.strip() for a in row["aliases"].split(","))):
                if alias in AMBIGUOUS_ALIASES or len(alias) < 2:
                    continue
                pairs.append((alias, "{p}" if prefecture else "{c}"))
    pairs.sort(key=lambda p: -len(p[0]))
    return pairs


def load_topic_keywords() -> dict[str, dict[str, float]]:
    return {t["name"]: t["keywords"] for t in json.loads(TOPICS.read_text(encoding="utf-8"))}


def substitute_places(text: str, pairs: list[tuple[str, str]]) -> str:
    pattern = re.compile("|".join(re.escape(name) for name, _ in pairs))
    mapping = dict(pairs)

    def repl(m: re.Match[str]) -> str:
        # 湖南县域: the 南县 there is not a place; 株洲日报 and the like stay as printed.
        if m.group(0) == "南县" and m.start() > 0 and text[m.start() - 1] == "湖":
            return m.group(0)
        if text.startswith("日报", m.end()):
            return m.group(0)
        return mapping[m.group(0)]

    return pattern.sub(repl, text)


def best_topic(text: str, keywords: dict[str, dict[str, float]]) -> str | None:
    scores = {
        name: sum(weight * text.count(word) for word, weight in words.items())
        for name, words in keywords.items()
    }
    name, score = max(scores.items(), key=lambda kv: kv[1])
    return name if score >= 2 else None


def clean(block: str) -> str:
    block = block.replace("\r", "")
    block = re.sub(r"^#+\s*", "", block.strip())
    block = DIGIT_SPACE.sub("", block)
    block = CJK_SPACE.sub("", block)
    return block.replace("\n", "")


def blocks_of(text: str) -> list[str]:
    """Blank-line separated blocks; hard-wrapped narrow columns are joined back into paragraphs."""
    raw = [b for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    lines = [clean(b) for b in raw]
    median = sorted(len(x) for x in lines)[len(lines) // 2] if lines else 0
    if median > 24:
        return [x for x in lines if x]
    # A narrow column: every printed line is its own block. Join lines until a
    # sentence ends at a line end after at least ~80 characters.
    out: list[str] = []
    buf = ""
    for line in lines:
        buf += line
        if buf.endswith(tuple(SENTENCE_END)) and (len(buf) >= 80 or len(line) < 12):
            out.append(buf)
            buf = ""
    if buf:
        out.append(buf)
    return out


def is_paragraph(block: str) -> bool:
    if len(block) < 40 or "。" not in block and "，" not in block:
        return False
    if re.search(r"日报[^，。]{0,8}讯|供图|上接|下转", block):
        return False
    return not re.search(r"\s\S{1,4}\s*摄$", block)


def is_headline(block: str) -> bool:
    if not 6 <= len(block) <= 40 or re.search(r"[。！？，]", block):
        return False
    if re.fullmatch(r"(?:[\u4e00-\u9fff]{2,4}\s*){1,5}", block):  # a names line
        return False
    return not re.search(r"摄|供图|上接|下转|^[（(]", block)


def extract(seed_dir: Path) -> dict:
    pairs = load_places()
    keywords = load_topic_keywords()
    paragraphs: list[dict] = []
    headlines: list[str] = []
    seen: set[str] = set()
    for path in sorted(seed_dir.glob("*.txt")):
        text = path.read_bytes().decode("utf-8-sig")
        for block in blocks_of(text):
            if block in seen:
                continue  # the seeds repeat paragraphs; the generator adds its own repeats
            seen.add(block)
            if is_paragraph(block):
                body = substitute_places(block, pairs)
                paragraphs.append({"text": body, "topic": best_topic(block, keywords)})
            elif is_headline(block):
                headlines.append(substitute_places(re.sub(r"\s+", " ", block), pairs))
    subheads = [h for h in headlines if "——" not in h and not h.startswith(("【", "——"))]
    return {
        "source": "seeds/*.txt, cut by bench/material.py",
        "body_lengths": SEED_BODY_LENGTHS,
        "paragraphs": paragraphs,
        "headlines": [h for h in headlines if not h.startswith("——")],
        "subheads": subheads,
    }


def main(argv: list[str]) -> int:
    seed_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "seeds"
    json.dump(extract(seed_dir), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
