"""The review model: how likely an imported article is to be wrong, and what to check.

A logistic regression over :func:`archive.ingest.review_signals.signals`, trained by
``manage.py train_review`` on the annotated pages as the segmenter cuts them when their own set
was left out of its training (so that the articles it learns from go wrong the way unseen
pages do).  An article whose probability reaches the model's threshold goes on the review list
with one reason: the kind of error (boundaries, headline, byline, place) whose signals raise
its score the most.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "review_model.json"

# The review reason for each group of signals (``boundary.…`` → suspect_boundary).
REASON_OF_GROUP = {
    "boundary": "suspect_boundary",
    "title": "suspect_title",
    "reporter": "suspect_byline",
    "place": "suspect_place",
    "page": "suspect_boundary",  # a risky page's usual error is a wrong cut
}
MODEL_REASONS = frozenset(REASON_OF_GROUP.values())


@dataclass
class ReviewModel:
    names: list[str]
    mean: list[float]
    scale: list[float]
    weights: list[float]
    bias: float
    threshold: float
    # How the model was trained and what it scored held out (written by train_review).
    info: dict = field(default_factory=dict)

    def _terms(self, signals: dict[str, float]) -> list[float]:
        return [
            w * (signals.get(n, 0.0) - m) / s
            for n, m, s, w in zip(self.names, self.mean, self.scale, self.weights, strict=True)
        ]

    def probability(self, signals: dict[str, float]) -> float:
        z = self.bias + sum(self._terms(signals))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def reason(self, signals: dict[str, float]) -> str:
        """The kind of error whose signals raise this article's score the most."""
        push: dict[str, float] = {}
        for name, term in zip(self.names, self._terms(signals), strict=True):
            group = name.split(".", 1)[0]
            push[group] = push.get(group, 0.0) + term
        return REASON_OF_GROUP[max(push, key=push.get)]

    def to_json(self) -> dict:
        return {
            "names": self.names,
            "mean": self.mean,
            "scale": self.scale,
            "weights": self.weights,
            "bias": self.bias,
            "threshold": self.threshold,
            "info": self.info,
        }


def read_model(path: Path) -> ReviewModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return ReviewModel(**data)


@lru_cache(maxsize=1)
def default_model() -> ReviewModel | None:
    return read_model(MODEL_PATH) if MODEL_PATH.exists() else None


def suspicion(signals: dict[str, float], model: ReviewModel | None = None) -> str | None:
    """The review reason for an article with these signals, or None if it is likely right."""
    model = model or default_model()
    if model is None or not signals:
        return None
    return model.reason(signals) if model.probability(signals) >= model.threshold else None
