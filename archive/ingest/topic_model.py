"""The trained topic model at run time: features of an article and the model's scores, in plain numpy.

One logistic regression per topic (trained by ``manage.py train_topics``, see ``topic_training``) over

- the article's character n-grams (runs of Chinese characters only, the headline counted ``title_boost``
  times, sublinear tf × idf, L2-normalised): how real reports talk about a topic without its keyword;
- the topic's own keyword score from the editable keyword table (``topics.score_topics``): what editors
  set in the admin still moves the outcome, and a keyword the training data never saw still counts.

The file ``archive/data/topic_model.json`` holds the vocabulary with idf and per-topic weights, the
keyword-feature weights, intercepts and the decision thresholds; no scikit-learn is needed here.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_JSON = Path(__file__).resolve().parent.parent / "data" / "topic_model.json"

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def ngram_counts(
    head: str, body: str, n_min: int, n_max: int, title_boost: float, vocab: Container[str] | None = None
) -> Counter[str]:
    """Character n-grams inside runs of Chinese characters; headline n-grams count ``title_boost`` times.

    With ``vocab``, only the n-grams in it are counted (the model knows no others).
    """
    body_grams, head_grams = _grams(body, n_min, n_max), _grams(head, n_min, n_max)
    if vocab is not None:
        body_grams = [g for g in body_grams if g in vocab]
        head_grams = [g for g in head_grams if g in vocab]
    counts = Counter(body_grams)
    for gram, k in Counter(head_grams).items():
        counts[gram] += k * title_boost
    return counts


def _grams(text: str, n_min: int, n_max: int) -> list[str]:
    grams: list[str] = []
    for run in _HAN_RUN.findall(unicodedata.normalize("NFKC", text)):
        for n in range(n_min, min(n_max, len(run)) + 1):
            if n == 1:
                grams += run
            elif n == 2:
                grams += [a + b for a, b in zip(run, run[1:], strict=False)]
            else:
                grams += [run[i : i + n] for i in range(len(run) - n + 1)]
    return grams


def keyword_features(score: float, best: float) -> list[float]:
    """A topic's keyword evidence as model inputs: its damped score and its share of the best topic's."""
    return [math.log1p(score), score / best if best > 0 else 0.0]


N_KEYWORD_FEATURES = 2


@dataclass(frozen=True)
class TopicModel:
    topics: tuple[str, ...]
    vocab: dict[str, int]
    words: frozenset[str]  # the n-grams that are dictionary words, the only ones shown as evidence
    idf: np.ndarray  # (V,)
    coef: np.ndarray  # (V, T) n-gram weights
    kw_coef: np.ndarray  # (T, N_KEYWORD_FEATURES) each topic's weights of its own keyword features
    kw_scale: float  # keyword features are multiplied by this before the weights (as in training)
    intercept: np.ndarray  # (T,)
    n_min: int
    n_max: int
    title_boost: float
    first_floor: float  # the best topic is given when its probability reaches this
    second_threshold: float  # a second topic needs this probability
    max_topics: int

    @classmethod
    def from_dict(cls, data: Mapping) -> TopicModel:
        grams = data["vocab"]
        return cls(
            topics=tuple(data["topics"]),
            vocab={g: i for i, g in enumerate(grams)},
            words=frozenset(grams[i] for i in data["words"]),
            idf=np.asarray(data["idf"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64).reshape(len(grams), len(data["topics"])),
            kw_coef=np.asarray(data["kw_coef"], dtype=np.float64),
            kw_scale=float(data["kw_scale"]),
            intercept=np.asarray(data["intercept"], dtype=np.float64),
            n_min=int(data["ngram"][0]),
            n_max=int(data["ngram"][1]),
            title_boost=float(data["title_boost"]),
            first_floor=float(data["first_floor"]),
            second_threshold=float(data["second_threshold"]),
            max_topics=int(data["max_topics"]),
        )

    def text_vector(self, head: str, body: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Indices, tf-idf values (L2-normalised) and grams of the article's known n-grams."""
        vocab = self.vocab
        counts = ngram_counts(head, body, self.n_min, self.n_max, self.title_boost, vocab)
        if not counts:
            return np.zeros(0, dtype=np.intp), np.zeros(0), []
        grams = list(counts)
        idx = np.array([vocab[g] for g in grams], dtype=np.intp)
        tf = np.array(list(counts.values()), dtype=np.float64)
        values = (1.0 + np.log(tf)) * self.idf[idx]
        values /= np.linalg.norm(values)
        return idx, values, grams

    def contributions(
        self, head: str, body: str, keyword_scores: Mapping[str, float]
    ) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
        """Logits (T,), each n-gram's contribution (K, T), the n-grams (K) and keyword parts (T,)."""
        idx, values, grams = self.text_vector(head, body)
        parts = self.coef[idx] * values[:, None]
        best = max(keyword_scores.values(), default=0.0)
        kw = np.array(
            [keyword_features(keyword_scores.get(t, 0.0), best) for t in self.topics], dtype=np.float64
        )
        kw_part = (kw * self.kw_scale * self.kw_coef).sum(axis=1)
        logits = parts.sum(axis=0) + kw_part + self.intercept
        return logits, parts, grams, kw_part

    def probabilities(self, head: str, body: str, keyword_scores: Mapping[str, float]) -> np.ndarray:
        logits = self.contributions(head, body, keyword_scores)[0]
        return 1.0 / (1.0 + np.exp(-logits))


def decide(probs: Sequence[float], first_floor: float, second_threshold: float, max_topics: int) -> list[int]:
    """The chosen indices, best first: the best topic if it reaches the floor, others above the bar."""
    order = sorted(range(len(probs)), key=lambda i: -probs[i])
    if not order or probs[order[0]] < first_floor:
        return []
    return [order[0]] + [i for i in order[1:max_topics] if probs[i] >= second_threshold]


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_JSON) -> TopicModel | None:
    """The committed model, or None when the file is missing (keyword rules alone then decide)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return TopicModel.from_dict(data)
