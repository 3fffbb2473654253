"""The review model: learned weights over an article's signals decide what goes on the review list."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np

from archive.ingest import segment_page
from archive.ingest.review import needs_review
from archive.ingest.review_model import (
    MODEL_PATH,
    MODEL_REASONS,
    ReviewModel,
    default_model,
    read_model,
    suspicion,
)
from archive.ingest.review_signals import signals  # noqa: F401 - the names the model file must know
from archive.ingest.review_training import Example, choose_threshold, figures, fit_weights, train

SEED_PAGE = next((Path(__file__).resolve().parents[2] / "seeds").glob("001_*.txt"))


def _model(**weights: float) -> ReviewModel:
    names = sorted(weights)
    return ReviewModel(
        names=names,
        mean=[0.0] * len(names),
        scale=[1.0] * len(names),
        weights=[weights[n] for n in names],
        bias=-2.0,
        threshold=0.5,
    )


def test_the_reason_names_the_kind_of_error_that_raises_the_score_most() -> None:
    model = _model(**{"boundary.hidden_start": 3.0, "reporter.none": 1.0, "place.ambiguous": 2.0})
    glued = {"boundary.hidden_start": 1.5, "reporter.none": 1.0}
    unplaced = {"place.ambiguous": 2.0, "reporter.none": 1.0}
    assert suspicion(glued, model) == "suspect_boundary"
    assert suspicion(unplaced, model) == "suspect_place"
    # Below the threshold the article is left alone, whatever its signals say.
    assert suspicion({"reporter.none": 1.0}, model) is None
    assert {"suspect_boundary", "suspect_title", "suspect_byline", "suspect_place"} <= MODEL_REASONS
    assert needs_review(["no_byline", suspicion(glued, model)])


def test_a_regression_learns_which_signal_marks_wrong_articles() -> None:
    rng = random.Random(7)
    examples = []
    for k in range(600):
        hidden = rng.random()
        noise = rng.random()
        wrong = hidden > 0.8 and rng.random() < 0.9
        examples.append(
            Example(f"set{k % 6}", {"boundary.hidden_start": hidden, "title.chars": noise}, wrong)
        )
    model = train(examples, l2=1.0, max_share=0.3)
    weight = dict(zip(model.names, model.weights, strict=True))
    assert weight["boundary.hidden_start"] > 5 * abs(weight["title.chars"])
    held = model.info["held_out"]
    assert held["recall"] > 0.8 and held["flagged_share"] <= 0.3
    # The model flags what it learned: a high hidden-start probability, not a long headline.
    assert suspicion({"boundary.hidden_start": 0.95, "title.chars": 0.1}, model) == "suspect_boundary"
    assert suspicion({"boundary.hidden_start": 0.1, "title.chars": 0.95}, model) is None


def test_the_threshold_keeps_the_flagged_share_under_its_cap() -> None:
    p = np.linspace(0.0, 1.0, 101)
    wrong = (p > 0.7).astype(float)
    t = choose_threshold(p, wrong, max_share=0.2)
    assert figures(p, wrong, t)["flagged_share"] <= 0.2
    assert figures(p, wrong, t)["recall"] > 0.6


def test_fit_weights_standardises_constant_signals_without_dividing_by_zero() -> None:
    x = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0.0, 1.0, 0.0, 1.0])
    mean, scale, weights, _ = fit_weights(x, y, l2=0.1)
    assert scale[0] == 1.0 and np.isfinite(weights).all() and weights[1] > 0


def test_the_model_in_the_repository_knows_every_signal_the_segmenter_computes(tmp_path) -> None:
    model = default_model()
    assert model is not None and MODEL_PATH.exists()
    with open(SEED_PAGE, encoding="utf-8") as f:
        page = segment_page(f.read())
    computed = {n for a in page.articles for n in a.review_signals}
    assert computed == set(model.names)  # retrain (manage.py train_review) after changing the signals
    # The file round-trips.
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model.to_json(), ensure_ascii=False), encoding="utf-8")
    again = read_model(path)
    some = page.articles[0].review_signals
    assert abs(again.probability(some) - model.probability(some)) < 1e-12


def test_the_rules_alone_segment_a_page_without_the_review_model() -> None:
    # (train_segmenter --validate and --measure compare the rules with the model this way)
    with open(SEED_PAGE, encoding="utf-8") as f:
        text = f.read()
    rules = segment_page(text, use_model=False)
    assert rules.articles and all(not a.review_signals for a in rules.articles)
    assert not any(r in MODEL_REASONS for a in rules.articles for r in a.review_reasons)
