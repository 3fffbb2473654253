"""Every annotated article the repository holds, with its text and its annotator's topics.

The topic model (``archive.ingest.topic_model``) is trained on these.  Gold annotations come in two
shapes, both anchoring an article by the first and last characters of its body with whitespace removed:

- *gold sets*: a ``gold.json`` in the schema of ``tests/ingest/gold_seeds.json`` (``pages`` → ``file``,
  ``articles`` with ``title``/``kicker``/``subtitle``/``topics``/``body_start``/``body_end``) beside
  the page files, or the seed gold with its pages in ``seeds/``;
- *expected pages*: ``NAME.expected.json`` beside ``NAME.txt`` (``articles`` with ``topics_any``, the
  annotator's topics).  The oldest constructed pages give only ``topics_include`` (one topic that must be
  among them, not the whole annotation): read as gold, their missing second topics would teach the model
  to leave second topics out, so those articles are not used.

Each article belongs to a *set* for leave-one-set-out validation: the letter that starts the page's file
name for the test pages (h01…h08 are set ``h``), ``seeds`` for the seeds, the folder's name for a folder
of real-layout pages (``x``, ``z``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .annotated import set_of
from .decode import decode_page

REPO = Path(__file__).resolve().parents[2]
TOPIC_NAMES = (
    "政务服务",
    "营商环境",
    "乡村振兴",
    "产业经济",
    "民生保障",
    "党建廉政",
    "社会治理",
    "生态环保",
    "文教卫体",
)

_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class AnnotatedArticle:
    set_name: str  # the group it is held out with in validation
    file: str  # the page file's name
    head: str  # kicker, headline and subtitle, space-separated
    body: str  # the body between its anchors, whitespace removed, other articles printed inside it cut out
    topics: tuple[str, ...]  # the annotator's topics, most central first


def _squeeze(text: str | None) -> str:
    return _WS.sub("", unicodedata.normalize("NFKC", text or ""))


def _page_text(path: Path) -> str:
    """The page's text NFKC-folded with whitespace removed, the form the anchors are compared in."""
    return _squeeze(decode_page(path.read_bytes()).text)


def _spans(text: str, anchors: list[tuple[str, str]]) -> list[tuple[int, int] | None]:
    """Each article's [start, end) in the page, from its first start anchor to the next end anchor."""
    spans: list[tuple[int, int] | None] = []
    for start, end in anchors:
        s = text.find(start)
        e = text.find(end, s) if s >= 0 else -1
        spans.append((s, e + len(end)) if s >= 0 and e >= 0 else None)
    return spans


def _bodies(text: str, spans: list[tuple[int, int] | None]) -> list[str | None]:
    """Each span's text with any other article printed inside it (an interrupted report) cut out."""
    out: list[str | None] = []
    for i, span in enumerate(spans):
        if span is None:
            out.append(None)
            continue
        s, e = span
        inner = sorted(o for j, o in enumerate(spans) if j != i and o and s < o[0] and o[1] <= e)
        pieces, pos = [], s
        for a, b in inner:
            if a >= pos:
                pieces.append(text[pos:a])
                pos = b
        pieces.append(text[pos:e])
        out.append("".join(pieces))
    return out


def _articles(set_name: str, path: Path, specs: list[dict], topics_key: str) -> Iterator[AnnotatedArticle]:
    text = _page_text(path)
    bodies = _bodies(
        text, _spans(text, [(_squeeze(a["body_start"]), _squeeze(a["body_end"])) for a in specs])
    )
    for spec, body in zip(specs, bodies, strict=True):
        topics = spec.get(topics_key)
        if not topics or body is None:
            continue
        head = " ".join(spec.get(k) or "" for k in ("kicker", "title", "subtitle")).strip()
        yield AnnotatedArticle(set_name, path.name, head, body, tuple(t for t in topics if t in TOPIC_NAMES))


def read_gold_set(gold: Path, pages: Path, set_name: str | None = None) -> list[AnnotatedArticle]:
    """A gold file in the seeds' schema; ``set_name`` None names each page's set by its file's letter."""
    data = json.loads(gold.read_text(encoding="utf-8"))
    out: list[AnnotatedArticle] = []
    for page in data["pages"]:
        path = pages / page["file"]
        name = set_name or set_of(page["file"])
        out.extend(_articles(name, path, page["articles"], "topics"))
    return out


def read_expected_pages(folder: Path) -> list[AnnotatedArticle]:
    """``*.expected.json`` pages in one folder, each page in the set of its file name's first letter."""
    out: list[AnnotatedArticle] = []
    for spec_path in sorted(folder.glob("*.expected.json")):
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        page = spec_path.with_name(spec_path.name.replace(".expected.json", ".txt"))
        out.extend(_articles(set_of(page.name), page, spec["articles"], "topics_any"))
    return out


def default_set_folders() -> list[Path]:
    """The real-layout sets committed under tests/pages/real/ (each a folder of *.txt + gold.json)."""
    real = REPO / "tests" / "pages" / "real"
    return sorted(p.parent for p in real.glob("*/gold.json")) if real.is_dir() else []


def read_training_data(set_folders: Iterable[Path] | None = None) -> list[AnnotatedArticle]:
    """Every annotated article in the repository, plus those of ``set_folders`` (default: tests/pages/real/*).

    A set folder holds page files and a ``gold.json`` beside them; its articles form one set named after
    the folder.  The seeds, the test pages and the pending pages are always read.
    """
    tests = REPO / "tests"
    out = read_gold_set(tests / "ingest" / "gold_seeds.json", REPO / "seeds", "seeds")
    out += read_expected_pages(tests / "pages")
    out += read_expected_pages(tests / "pages" / "segment_only")
    pending = tests / "pages" / "pending" / "gold.json"
    if pending.is_file():
        out += read_gold_set(pending, pending.parent)
    folders = default_set_folders() if set_folders is None else list(set_folders)
    seen: set[Path] = set()
    for folder in folders:
        folder = Path(folder).resolve()
        if folder in seen:
            continue
        seen.add(folder)
        out += read_gold_set(folder / "gold.json", folder, folder.name)
    return out
