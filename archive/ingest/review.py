"""Which of an article's notes put it on the editors' review list.

The segmenter notes everything unusual about an article; most of it is information
(the page prints no date, the article has no byline, a repeated paragraph was dropped)
and not a sign that the article is wrong.  Only reasons that point at a *likely error*,
one an editor can check and fix, put an article on the review list.  Which reasons those
are was measured on the annotated page sets: a reason is a review reason when the
articles carrying it are wrong far more often than the others (see ``manage.py
review_report``).
"""

from __future__ import annotations

from collections.abc import Iterable

from .review_model import MODEL_REASONS

# The rules' own doubts: the sequence model unsure of a boundary, a headline shaped like a
# sentence, no place or an ambiguous one, a very short body.  They are signals of the review
# model and are shown to editors as information; on their own they would flag fewer wrong
# articles (``manage.py train_review`` prints both, held out).
RULE_DOUBTS = frozenset(
    {
        "boundary_doubt",
        "title_doubt",
        "low_confidence",
        "place_unknown",
        "place_ambiguous",
        "place_conflict",
        "short",
    }
)

# Likely wrong: the review model's reasons (boundaries, headline, byline or place suspect; see
# :mod:`archive.ingest.review_model`), and an editor's correction that no longer fits a
# re-imported page.
REVIEW_REASONS = MODEL_REASONS | frozenset(
    {
        "orphaned",
        "correction_stale",  # an editor's boundary correction no longer applies to the re-imported page
        "page_changed",
    }
)


def review_reasons(reasons: Iterable[str]) -> list[str]:
    """The reasons that put an article on the review list, in the order they were noted."""
    return [r for r in reasons if r in REVIEW_REASONS]


def needs_review(reasons: Iterable[str]) -> bool:
    return any(r in REVIEW_REASONS for r in reasons)
