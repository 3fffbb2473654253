"""Topic assignment: one or two of the nine topics, each with the evidence that earned it.

A trained model (``topic_model``) decides; the weighted keyword table (archive/data/topics.json, edited in
the admin) gives one of its inputs and the first part of the evidence shown to editors.
"""

from __future__ import annotations

import json
import math
from collections.abc import Container, Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np

from .topic_model import decide, load_model
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
    # A word occurs only where its first two characters do: one set lookup spares most str.count scans.
    pairs = _pairs(body) | _pairs(title_text)
    scores: list[TopicScore] = []
    for name, keywords in rules.items():
        total = 0.0
        hits: list[tuple[float, str]] = []
        for word, weight in keywords.items():
            if not word or (len(word) > 1 and word[:2] not in pairs):
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


def _pairs(text: str) -> set[str]:
    return {a + b for a, b in zip(text, text[1:], strict=False)}


def keyword_assign(
    title_text: str, body: str, rules: Mapping[str, Mapping[str, float]] | None = None
) -> list[TopicScore]:
    """Keywords alone: the best-scoring topic, and a second close enough to it."""
    scores = score_topics(title_text, body, rules)
    if not scores:
        return []
    best = scores[0].score
    chosen = [scores[0]]
    for t in scores[1:MAX_TOPICS]:
        if t.score >= RELATIVE_THRESHOLD * best and t.score >= MIN_SCORE:
            chosen.append(t)
    return chosen


EVIDENCE_SIZE = 6  # matched keywords and strongest n-grams listed for editors per topic


def assign_topics(
    title_text: str, body: str, rules: Mapping[str, Mapping[str, float]] | None = None
) -> list[TopicScore]:
    """The one or two topics an article is about, each with its evidence for editors.

    The trained model (``topic_model``) decides from the article's character n-grams and each topic's
    keyword score under ``rules`` (the admin's keyword table), so editors' keywords still weigh.  A
    chosen topic's ``score`` is the model's probability; its ``keywords`` are the keywords that matched,
    then the n-grams that pushed the model hardest towards it.  Without a model file, keywords decide alone.
    """
    model = load_model()
    if model is None:
        return keyword_assign(title_text, body, rules)
    by_keywords = {t.name: t for t in score_topics(title_text, body, rules)}
    logits, parts, grams, _ = model.contributions(
        title_text, body, {name: t.score for name, t in by_keywords.items()}
    )
    probs = 1.0 / (1.0 + np.exp(-logits))
    chosen = decide(probs, model.first_floor, model.second_threshold, model.max_topics)
    out = []
    for i in chosen:
        name = model.topics[i]
        matched = by_keywords[name].keywords if name in by_keywords else []
        evidence = _evidence(matched, parts[:, i], grams, model.words)
        out.append(TopicScore(name, round(float(probs[i]), 2), evidence))
    # Strongest first as shown (two decimals), ties in the topics' own order: the order the
    # archive lists an article's topics in after import.
    out.sort(key=lambda t: (-t.score, model.topics.index(t.name)))
    return out


def _evidence(
    matched: list[str], contributions: np.ndarray, grams: list[str], words: Container[str]
) -> list[str]:
    """The matched keywords, then the strongest n-grams that are words and not part of a listed one."""
    listed = list(matched[:EVIDENCE_SIZE])
    for j in np.argsort(-contributions, kind="stable"):
        if len(listed) >= EVIDENCE_SIZE or contributions[j] <= 0:
            break
        gram = grams[j]
        if gram not in words or any(gram in w or w in gram for w in listed):
            continue
        listed.append(gram)
    return listed
