"""Training and validating the topic model (``manage.py train_topics``); scikit-learn is needed here only.

Training is deterministic: the vocabulary is sorted, the solver (liblinear) is seeded, the weights are
rounded when written.  The same code that scores articles at run time (``TopicModel``) scores them here,
so the validation figures are those of the exported file's arithmetic.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .topic_data import TOPIC_NAMES, AnnotatedArticle
from .topic_model import N_KEYWORD_FEATURES, TopicModel, decide, keyword_features, ngram_counts
from .topics import keyword_assign, score_topics

Rules = Mapping[str, Mapping[str, float]]


@dataclass(frozen=True)
class TrainConfig:
    n_min: int = 1
    n_max: int = 2
    title_boost: float = 2.0
    min_df: int = 2  # an n-gram seen in a single article is noise, not vocabulary
    c: float = 10.0  # inverse regularisation strength
    kw_scale: float = 0.2  # keyword features' scale relative to the unit-length text vector
    max_topics: int = 2
    # Below this the model has next to nothing to go on: a lone word (天气晴。) lifted a topic to 0.11
    # in round six and to 0.16 once reports of farm work in 晴好天气 were added; no annotated
    # article's best topic falls between 0.15 and 0.2 (topic F1 is the same on every set at both).
    first_floor: float = 0.2
    keep: float = 0.3  # n-grams whose weight stays below this for every topic are left out of the file
    digits: int = 3  # weights are rounded to this many decimals


@dataclass
class Fold:
    set_name: str
    gold: list[tuple[str, ...]]
    keyword: list[list[str]]
    model: list[list[str]] = field(default_factory=list)


def _keyword_scores(a: AnnotatedArticle, rules: Rules | None) -> dict[str, float]:
    return {t.name: t.score for t in score_topics(a.head, a.body, rules)}


_COUNTS: dict[tuple, Counter[str]] = {}


def _counts(a: AnnotatedArticle, config: TrainConfig) -> Counter[str]:
    """An article's n-grams, computed once per process (validation fits many models on the same articles)."""
    key = (a.head, a.body, config.n_min, config.n_max, config.title_boost)
    if key not in _COUNTS:
        _COUNTS[key] = ngram_counts(a.head, a.body, config.n_min, config.n_max, config.title_boost)
    return _COUNTS[key]


def _matrix(
    counts: Sequence[Counter[str]], vocab: Mapping[str, int], idf: np.ndarray
):  # -> scipy.sparse.csr_matrix
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for r, c in enumerate(counts):
        items = [(vocab[g], v) for g, v in c.items() if g in vocab]
        if not items:
            continue
        idx = np.array([i for i, _ in items])
        v = (1.0 + np.log(np.array([x for _, x in items]))) * idf[idx]
        v /= np.linalg.norm(v)
        rows += [r] * len(idx)
        cols += idx.tolist()
        vals += v.tolist()
    return csr_matrix((vals, (rows, cols)), shape=(len(counts), len(vocab)))


def fit(
    articles: Sequence[AnnotatedArticle],
    rules: Rules | None = None,
    config: TrainConfig = TrainConfig(),
    second_threshold: float = 0.5,
) -> dict:
    """The model file's content for these articles (one logistic regression per topic)."""
    from scipy.sparse import hstack
    from sklearn.linear_model import LogisticRegression

    counts = [_counts(a, config) for a in articles]
    df: Counter[str] = Counter(g for c in counts for g in c)
    grams = sorted(g for g, n in df.items() if n >= config.min_df)
    vocab = {g: i for i, g in enumerate(grams)}
    n = len(articles)
    idf = np.array([math.log((1 + n) / (1 + df[g])) + 1.0 for g in grams])
    x_text = _matrix(counts, vocab, idf)
    kw_scores = [_keyword_scores(a, rules) for a in articles]

    coef = np.zeros((len(grams), len(TOPIC_NAMES)))
    kw_coef = np.zeros((len(TOPIC_NAMES), N_KEYWORD_FEATURES))
    intercept = np.zeros(len(TOPIC_NAMES))
    for t, topic in enumerate(TOPIC_NAMES):
        kw = np.array(
            [keyword_features(s.get(topic, 0.0), max(s.values(), default=0.0)) for s in kw_scores]
        ).reshape(n, N_KEYWORD_FEATURES)
        x = hstack([x_text, kw * config.kw_scale], format="csr")
        y = np.array([topic in a.topics for a in articles], dtype=int)
        clf = LogisticRegression(C=config.c, solver="liblinear", dual=True, random_state=0, max_iter=1000)
        clf.fit(x, y)
        w = clf.coef_[0]
        coef[:, t] = w[: len(grams)]
        kw_coef[t] = w[len(grams) :]
        intercept[t] = clf.intercept_[0]

    keep = np.abs(coef).max(axis=1) >= config.keep
    kept = [g for g, k in zip(grams, keep, strict=True) if k]
    d = config.digits
    return {
        "version": 1,
        "topics": list(TOPIC_NAMES),
        "ngram": [config.n_min, config.n_max],
        "title_boost": config.title_boost,
        "kw_scale": config.kw_scale,
        "vocab": kept,
        "words": [i for i, g in enumerate(kept) if _is_word(g)],
        "idf": [round(float(v), d) for v in idf[keep]],
        "coef": [[round(float(v), d) for v in row] for row in coef[keep]],
        "kw_coef": [[round(float(v), d) for v in row] for row in kw_coef],
        "intercept": [round(float(v), d) for v in intercept],
        "first_floor": config.first_floor,
        "second_threshold": second_threshold,
        "max_topics": config.max_topics,
        "trained_on": len(articles),
    }


def _is_word(gram: str) -> bool:
    """A word of jieba's dictionary: only such n-grams are shown to editors as evidence (not 县聚, 众增)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return len(gram) >= 2 and jieba.dt.FREQ.get(gram, 0) > 0


def probabilities(model: TopicModel, articles: Iterable[AnnotatedArticle], rules: Rules | None) -> np.ndarray:
    return np.array([model.probabilities(a.head, a.body, _keyword_scores(a, rules)) for a in articles])


def f1(gold: Sequence[Iterable[str]], predicted: Sequence[Iterable[str]]) -> float:
    """Micro F1 over (article, topic) pairs, as the shared scorer counts topics."""
    tp = fp = fn = 0
    for g, p in zip(gold, predicted, strict=True):
        g, p = set(g), set(p)
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 19))


def best_threshold(
    probs: np.ndarray, gold: Sequence[Iterable[str]], config: TrainConfig = TrainConfig()
) -> float:
    """The second topic's probability bar with the best F1 on these (out-of-fold) probabilities."""

    def score(th: float) -> float:
        chosen = [decide(p, config.first_floor, th, config.max_topics) for p in probs]
        return f1(gold, [[TOPIC_NAMES[i] for i in c] for c in chosen])

    # ties go to the middle of the best plateau: a bar at the edge of one is luck on this data
    scores = [score(th) for th in THRESHOLDS]
    top = max(scores)
    best = [th for th, s in zip(THRESHOLDS, scores, strict=True) if s >= top - 1e-9]
    return best[len(best) // 2]


def leave_one_set_out(
    articles: Sequence[AnnotatedArticle],
    rules: Rules | None = None,
    config: TrainConfig = TrainConfig(),
    progress: Callable[[str], None] | None = None,
) -> tuple[list[Fold], np.ndarray]:
    """Each set predicted by a model trained on the others: the folds and every out-of-fold probability.

    The second topic's bar for a held-out set is tuned on the other sets' out-of-fold probabilities, so
    no figure is measured with anything chosen on its own set.
    """
    sets = sorted({a.set_name for a in articles})
    probs = np.zeros((len(articles), len(TOPIC_NAMES)))
    for s in sets:
        train = [a for a in articles if a.set_name != s]
        test = [i for i, a in enumerate(articles) if a.set_name == s]
        model = TopicModel.from_dict(fit(train, rules, config))
        probs[test] = probabilities(model, [articles[i] for i in test], rules)
        if progress:
            progress(s)
    folds = []
    for s in sets:
        test = [i for i, a in enumerate(articles) if a.set_name == s]
        rest = [i for i, a in enumerate(articles) if a.set_name != s]
        th = best_threshold(probs[rest], [articles[i].topics for i in rest], config)
        fold = Fold(
            s,
            [articles[i].topics for i in test],
            [[t.name for t in keyword_assign(articles[i].head, articles[i].body, rules)] for i in test],
        )
        for i in test:
            chosen = decide(probs[i], config.first_floor, th, config.max_topics)
            fold.model.append([TOPIC_NAMES[j] for j in chosen])
        folds.append(fold)
    return folds, probs


def train(
    articles: Sequence[AnnotatedArticle],
    rules: Rules | None = None,
    config: TrainConfig = TrainConfig(),
    progress: Callable[[str], None] | None = None,
) -> tuple[dict, list[Fold]]:
    """The model file's content (the second topic's bar tuned on every set's out-of-fold probabilities)
    and the leave-one-set-out folds behind it."""
    folds, probs = leave_one_set_out(articles, rules, config, progress)
    threshold = best_threshold(probs, [a.topics for a in articles], config)
    model = fit(articles, rules, config, second_threshold=threshold)
    model["sets"] = dict(sorted(Counter(a.set_name for a in articles).items()))
    return model, folds
