"""The seed pages against their hand-made gold annotation (copied into tests/ingest/gold_seeds.json).

The thresholds are the figures reached when this was written; a change that lowers one of
them has made segmentation worse on pages a reader checked line by line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.ingest import decode_page, segment_page
from archive.ingest.scoring import Tally, score_page

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((Path(__file__).parent / "gold_seeds.json").read_text(encoding="utf-8"))

# issue 3 targets, and the floor this code reaches (see the final report)
TARGETS = {
    "article_recall": 0.97,
    "article_precision": 0.95,
    "clean_articles": 0.95,
    "title_accuracy": 0.92,
    "reporter_f1": 0.95,
    "county_accuracy": 0.95,
    "prefecture_accuracy": 0.97,
    "topic_f1": 0.75,
    "coverage": 0.995,
}
REACHED = {
    "article_recall": 1.0,
    "article_precision": 1.0,
    "clean_articles": 1.0,
    "title_accuracy": 1.0,
    "reporter_f1": 1.0,
    "county_accuracy": 1.0,
    "prefecture_accuracy": 1.0,
    # topic parameters are chosen by leave-one-set-out over nine annotated sets, not on the seeds alone:
    # the held-out mean rose (0.848 → 0.855) while the seeds fell from 0.961 to 0.939
    "topic_f1": 0.93,
    "coverage": 0.999,
}


@pytest.fixture(scope="module")
def tally() -> Tally:
    t = Tally()
    for gold_page in GOLD["pages"]:
        raw = (ROOT / "seeds" / gold_page["file"]).read_bytes()
        text = decode_page(raw).text
        score_page(t, gold_page, segment_page(text, file=gold_page["file"]), text)
    return t


@pytest.mark.parametrize("figure", sorted(TARGETS))
def test_seed_figure_meets_target_and_reached_level(tally: Tally, figure: str) -> None:
    value = tally.figures()[figure]
    assert value >= TARGETS[figure], (figure, value, tally.misses)
    assert value >= REACHED[figure], (figure, value, tally.misses)


def test_little_is_set_aside_as_furniture_and_nothing_is_printed_twice(tally: Tally) -> None:
    figures = tally.figures()
    assert figures["furniture_share"] <= 0.02
    assert figures["dup_sentences"] == 0


def test_every_gold_article_is_found_once(tally: Tally) -> None:
    assert tally.found == tally.gold == 33
    assert tally.predicted == 33
