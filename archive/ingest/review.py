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

# Likely wrong: check the boundaries, the headline or the place.
REVIEW_REASONS = frozenset(
    {
        "boundary_doubt",  # the sequence model doubts where this article starts or ends
        "title_doubt",  # the headline may be a sentence of the body, a label or chrome
        "low_confidence",
        "place_unknown",
        "place_ambiguous",
        "place_conflict",
        "orphaned",
        "correction_stale",  # an editor's boundary correction no longer applies to the re-imported page
        "page_changed",
        "short",
    }
)


def review_reasons(reasons: Iterable[str]) -> list[str]:
    """The reasons that put an article on the review list, in the order they were noted."""
    return [r for r in reasons if r in REVIEW_REASONS]


def needs_review(reasons: Iterable[str]) -> bool:
    return any(r in REVIEW_REASONS for r in reasons)
