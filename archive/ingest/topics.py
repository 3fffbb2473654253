"""Weighted-keyword topic assignment: one or two of the nine topics, each with the keywords that earned it."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from .types import TopicScore

TOPICS_JSON = Path(__file__).resolve().parent.parent / "data" / "topics.json"

# Chosen by leave-one-set-out validation on ~310 annotated articles from nine page sets (each set's
# figure measured with parameters picked on the other eight; mean held-out topic F1 0.848 → 0.855).
# Editors give an article one or two topics (three in 1 of 313), so a third is nearly always wrong.
TITLE_BOOST = 2.0  # a keyword in the headline block counts this many times over
RELATIVE_THRESHOLD = 0.25  # a second topic needs this share of the best topic's score
MIN_SCORE = 0.0  # and at least this absolute score (the relative bar alone did best held out)
MAX_TOPICS = 2


@lru_cache(maxsize=1)
def default_rules() -> dict[str, dict[str, float]]:
    """Topic name → {keyword: weight}, from archive/data/topics.json."""
    data = json.loads(TOPICS_JSON.read_text(encoding="utf-8"))
    return {t["name"]: {k: float(v) for k, v in t["keywords"].items()} for t in data}


def score_topics(
    title_text: str, body: str, rules: Mapping[str, Mapping[str, float]] | None = None
) -> list[TopicScore]:
    """All topics with a positive score, best first.  Repeated keywords count with diminishing returns."""
    rules = rules if rules is not None else default_rules()
    scores: list[TopicScore] = []
    for name, keywords in rules.items():
        total = 0.0
        hits: list[tuple[float, str]] = []
        for word, weight in keywords.items():
            if not word:
                continue
            n_body = body.count(word)
            n_title = title_text.count(word)
            if not (n_body or n_title):
                continue
            # log damping: one article repeating a word ten times is not ten times as much about it
            contribution = weight * (math.log1p(n_body) + TITLE_BOOST * math.log1p(n_title))
            total += contribution
            hits.append((contribution, word))
        if total > 0:
            hits.sort(reverse=True)
            scores.append(TopicScore(name, round(total, 2), [w for _, w in hits]))
    scores.sort(key=lambda t: -t.score)
    return scores


def assign_topics(
    title_text: str, body: str, rules: Mapping[str, Mapping[str, float]] | None = None
) -> list[TopicScore]:
    """The one or two topics an article is about: the best one, and others close enough to it."""
    scores = score_topics(title_text, body, rules)
    if not scores:
        return []
    best = scores[0].score
    chosen = [scores[0]]
    for t in scores[1:MAX_TOPICS]:
        if t.score >= RELATIVE_THRESHOLD * best and t.score >= MIN_SCORE:
            chosen.append(t)
    return chosen
