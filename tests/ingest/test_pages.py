"""Our own test pages (tests/pages/*.txt), each checked against its expected segmentation.

Every page comes from a different county and paper and exercises a different mix of the
defects real page dumps have (see the README of each expected file's fields below):
  title / subtitle / kicker  the headline block, whitespace-insensitive; null = no printed headline
  title_alternatives         other accepted readings of a two-line headline without ——
  note                       what the page exercises (documentation only)
  body_start / body_end      anchors that must open and close the article's body, in order
  body_has                   text the clean body must contain (stray spaces removed, wraps undone)
  reporters                  [name, role] pairs; role null when the page prints no label
  county / prefecture        full official names; county null for prefecture-wide items
  captions, topics_include, reasons_include, title_after_body
  topics_any                 the annotator's topics, at least one of which must be assigned
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from archive.ingest import decode_page, segment_page
from archive.ingest.scoring import _SENTENCE, norm

PAGES = Path(__file__).resolve().parents[1] / "pages"
# segment_only/ holds pages checked here but not imported by the web/search session fixture
# (tests/conftest.py imports tests/pages/*.txt only).
EXPECTED = sorted(PAGES.rglob("*.expected.json"))


def _load(expected_path: Path):
    spec = json.loads(expected_path.read_text(encoding="utf-8"))
    raw = expected_path.with_name(expected_path.name.replace(".expected.json", ".txt")).read_bytes()
    decoded = decode_page(raw)
    page = segment_page(decoded.text, file=expected_path.name)
    return spec, decoded, page


def _find(page, spec_article):
    start, end = norm(spec_article["body_start"]), norm(spec_article["body_end"])
    for a in page.articles:
        body = norm(a.body)
        i = body.find(start)
        if i >= 0 and body.find(end, i) >= 0:
            return a
    return None


def test_there_are_at_least_six_test_pages() -> None:
    assert len(EXPECTED) >= 6


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_page_is_cut_into_the_expected_articles(expected_path: Path) -> None:
    spec, decoded, page = _load(expected_path)
    assert decoded.encoding == spec["encoding"]
    if "newline" in spec:
        assert decoded.newline == spec["newline"]
    if "date" in spec:
        assert page.date == dt.date.fromisoformat(spec["date"])
        # An article dated by its own dateline (湖南日报7月2日讯) keeps that day, never after the page's.
        assert all(
            (a.date == page.date or a.date_source == "电头" and a.date <= page.date) and not a.date_estimated
            for a in page.articles
        )
    for piece in spec.get("furniture_contains", []):
        assert any(norm(piece) in norm(f) for f in page.furniture), (piece, page.furniture)

    assert len(page.articles) == len(spec["articles"]), [a.title for a in page.articles]
    matched = []
    for exp in spec["articles"]:
        a = _find(page, exp)
        assert a is not None, f"no article holds {exp['body_start']}…{exp['body_end']}"
        matched.append(a)
        # A two-line headline printed without —— may be read either way round (see title_alternatives).
        assert norm(a.title) in {norm(t) for t in [exp["title"], *exp.get("title_alternatives", [])]}
        for key in ("subtitle", "kicker"):
            if key in exp:
                assert norm(getattr(a, key)) == norm(exp[key]), key
        assert Counter((r.name, r.role) for r in a.reporters) == Counter(
            (name, role) for name, role in exp["reporters"]
        )
        assert a.place.county == exp["county"], a.place.evidence
        assert a.place.prefecture == exp["prefecture"], a.place.evidence
        if "captions" in exp:
            assert [norm(c) for c in a.captions] == [norm(c) for c in exp["captions"]]
        for text in exp.get("body_has", []):
            assert text in a.body.replace("\n\n", ""), text
        names = [t.name for t in a.topics]
        assert 1 <= len(names) <= 3
        assert set(exp.get("topics_include", [])) <= set(names), names
        if "topics_any" in exp:  # topics are a judgment call: one of the annotator's must be found
            assert set(exp["topics_any"]) & set(names), names
        assert set(exp.get("reasons_include", [])) <= set(a.review_reasons), a.review_reasons
        if "title_after_body" in exp:
            assert a.title_after_body is exp["title_after_body"]
    assert len({id(a) for a in matched}) == len(matched), "two expected articles matched one article"


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_nothing_is_lost_or_printed_twice(expected_path: Path) -> None:
    _, decoded, page = _load(expected_path)
    fields = list(page.furniture)
    for a in page.articles:
        fields += [a.title, a.kicker, a.subtitle, a.body, *a.captions, *(r.name for r in a.reporters)]
    hay = "\u0000".join(norm(f) for f in fields if f)
    lost = [line for line in decoded.text.splitlines() if not _covered(line, hay)]
    assert not lost
    sentences = Counter(s for a in page.articles for s in _SENTENCE.findall(norm(a.body)) if len(s) >= 12)
    assert not [s for s, n in sentences.items() if n > 1]


def _covered(line: str, hay: str) -> bool:
    """Every run of four or more word characters of the line is found somewhere in the output."""
    pieces = re.split(r"[\s\W_]+", unicodedata.normalize("NFKC", line))
    return all(norm(piece) in hay for piece in pieces if len(piece) >= 4)


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_spans_point_at_each_articles_own_text(expected_path: Path) -> None:
    spec, decoded, page = _load(expected_path)
    for exp in spec["articles"]:
        a = _find(page, exp)
        assert a is not None and a.spans
        covered = "".join(decoded.text[s.start : s.end] for s in a.spans)
        assert norm(exp["body_start"]) in norm(covered)
        assert norm(exp["body_end"]) in norm(covered)
        for s in a.spans:
            assert 0 <= s.start < s.end <= len(decoded.text)
