"""Ranking quality: nDCG@10 over a labelled query set (tests/search/queries.json)."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from archive.models import Article
from search import services

pytestmark = pytest.mark.django_db

QUERIES = json.loads((Path(__file__).parent / "queries.json").read_text(encoding="utf-8"))["queries"]
TARGET = 0.9


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def resolve(judgement: dict) -> set[int]:
    """The article(s) a judgement's title or body anchor identifies."""
    ids = set()
    for article in Article.objects.all():
        title = _squash(article.title) + "\n" + _squash(article.display_title)
        if "title" in judgement and _squash(judgement["title"]) in title:
            ids.add(article.pk)
        if "body" in judgement and _squash(judgement["body"]) in _squash(article.body):
            ids.add(article.pk)
    return ids


def ndcg_at_10(ranked: list[int], grades: dict[int, int]) -> float:
    def dcg(gains: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:10]))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(pk, 0) for pk in ranked]) / ideal if ideal else 0.0


def test_query_set_is_large_enough():
    assert len(QUERIES) >= 30


def test_ndcg_at_10_meets_the_target():
    scores = {}
    for entry in QUERIES:
        grades: dict[int, int] = {}
        for judgement in entry["relevant"]:
            ids = resolve(judgement)
            assert ids, f"judgement for {entry['q']!r} matches no article: {judgement}"
            for pk in ids:
                grades[pk] = max(grades.get(pk, 0), judgement["grade"])
        params = services.SearchParams.from_mapping({"q": entry["q"], **entry.get("filters", {})})
        page = services.search(params)
        label = entry["q"] + (f" {entry['filters']}" if "filters" in entry else "")
        scores[label] = ndcg_at_10([item.article.pk for item in page.items], grades)
    mean = sum(scores.values()) / len(scores)
    worst = sorted(scores.items(), key=lambda kv: kv[1])[:5]
    print(f"nDCG@10 over {len(scores)} queries: {mean:.3f}; lowest: {worst}")
    assert mean >= TARGET, worst
