"""Training the review model (``manage.py train_review``).

Examples are the articles of every annotated page as the segmenter cuts them with a sequence
model that never saw the page's set (grouped folds), each labelled wrong or right against the
gold as :mod:`archive.ingest.scoring` counts it.  The weights are an L2-regularised logistic
regression on standardised signals; the threshold is chosen on predictions for sets left out
of the regression too, so neither step is judged on what it learned from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

from .review_model import ReviewModel


@dataclass
class Example:
    set_name: str
    signals: dict[str, float]
    wrong: bool
    flagged_by_rules: bool = False  # carries one of the rules' own doubts (for comparison only)


def _matrix(examples: Sequence[Example], names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([[e.signals.get(n, 0.0) for n in names] for e in examples], dtype=float)
    y = np.array([float(e.wrong) for e in examples])
    return x, y


def fit_weights(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(mean, scale, weights, bias) of a logistic regression with an L2 penalty on the weights."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        eps = 1e-12
        value = -(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)).sum() + l2 * (w[:-1] ** 2).sum() / 2
        grad = z.T @ (p - y)
        grad[:-1] += l2 * w[:-1]
        return value, grad

    w = minimize(loss, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B").x
    return mean, scale, w[:-1], float(w[-1])


def _probabilities(x: np.ndarray, mean, scale, weights, bias) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(((x - mean) / scale) @ weights + bias, -30, 30)))


def held_out_probabilities(examples: Sequence[Example], names: list[str], l2: float) -> np.ndarray:
    """Each example's probability from a regression fitted without its set."""
    x, y = _matrix(examples, names)
    sets = np.array([e.set_name for e in examples])
    out = np.zeros(len(examples))
    for s in sorted(set(sets)):
        test = sets == s
        if y[~test].sum() == 0:
            continue
        out[test] = _probabilities(x[test], *fit_weights(x[~test], y[~test], l2))
    return out


def figures(
    p: np.ndarray, wrong: np.ndarray, threshold: float, ruled: np.ndarray | None = None
) -> dict[str, float]:
    """Review recall, precision and flagged share when the model flags at ``threshold`` (and
    the rules flag ``ruled``)."""
    flagged = p >= threshold
    if ruled is not None:
        flagged = flagged | ruled
    hit = float((flagged & (wrong > 0)).sum())
    return {
        "recall": hit / max(1.0, float(wrong.sum())),
        "precision": hit / max(1.0, float(flagged.sum())),
        "flagged_share": float(flagged.mean()) if len(p) else 0.0,
    }


def choose_threshold(p: np.ndarray, wrong: np.ndarray, max_share: float) -> float:
    """The lowest threshold (most wrong articles found) whose flagged share stays under the cap
    and whose precision is at least twice the share of wrong articles."""
    base = float(wrong.mean()) if len(wrong) else 0.0
    best = 0.5
    for t in np.arange(0.95, 0.04, -0.01):
        f = figures(p, wrong, float(t))
        if f["flagged_share"] > max_share:
            break
        if f["precision"] >= 2 * base:
            best = float(round(t, 2))
    return best


def train(examples: Sequence[Example], l2: float = 1.0, max_share: float = 0.10) -> ReviewModel:
    names = sorted({n for e in examples for n in e.signals})
    x, y = _matrix(examples, names)
    held = held_out_probabilities(examples, names, l2)
    ruled = np.array([e.flagged_by_rules for e in examples])
    threshold = choose_threshold(held, y, max_share)
    mean, scale, weights, bias = fit_weights(x, y, l2)
    info = {
        "examples": len(examples),
        "wrong": int(y.sum()),
        "sets": len({e.set_name for e in examples}),
        "l2": l2,
        "held_out": figures(held, y, threshold),
        "rules_alone": figures(np.zeros(len(y)), y, 1.0, ruled),
    }
    return ReviewModel(
        names=names,
        mean=[round(float(v), 6) for v in mean],
        scale=[round(float(v), 6) for v in scale],
        weights=[round(float(v), 6) for v in weights],
        bias=round(bias, 6),
        threshold=threshold,
        info=info,
    )
