"""What saving an article in the admin means beyond storing the form."""

from __future__ import annotations

from collections.abc import Collection

from archive.ingest.review import REVIEW_REASONS
from archive.models import Article, SourcePage
from archive.services.articles import derive_title

R = Article.ReviewReason


def apply_editor_changes(article: Article, *, changed_fields: Collection[str] | None) -> None:
    """Mark ``article`` as editor-corrected and keep its derived fields consistent with the edit.

    ``changed_fields`` are the form's changed field names (None for a new article).
    Re-imports never overwrite an edited article; unticking 待审核 clears the
    review reasons the editor has now dealt with.
    """
    changed = set(changed_fields or ())
    article.edited = True
    reasons = list(article.review_reasons or [])

    if "title" in changed and article.title.strip():
        if "display_title" not in changed:
            article.display_title = article.title.strip()
        article.title_derived = False
        reasons = [r for r in reasons if r != R.NO_TITLE]
    if not article.display_title.strip():
        article.display_title = article.title.strip() or derive_title(article.body)
        article.title_derived = not article.title.strip()

    if "pub_date" in changed and "date_estimated" not in changed:
        # A date the editor typed is a checked date, not an estimate.
        article.date_estimated = False
    if not article.date_estimated:
        reasons = [r for r in reasons if r != R.DATE_ESTIMATED]

    if "place" in changed and article.place_id:
        reasons = [r for r in reasons if r not in (R.PLACE_AMBIGUOUS, R.PLACE_UNKNOWN)]

    if "needs_review" in changed and not article.needs_review:
        reasons = [r for r in reasons if r not in REVIEW_REASONS]  # information stays
    article.review_reasons = reasons


def apply_page_date(page: SourcePage) -> list[int]:
    """Give the page's (editor-entered) date to its articles whose date was only estimated.

    Returns the ids of the articles changed; their index entries are queued.
    """
    from search.indexing import enqueue

    if page.pub_date is None:
        return []
    changed = []
    for article in page.articles.filter(date_estimated=True):
        article.pub_date = page.pub_date
        article.date_estimated = False
        article.review_reasons = [r for r in article.review_reasons if r != R.DATE_ESTIMATED]
        article.save(update_fields=["pub_date", "date_estimated", "review_reasons", "updated_at"])
        changed.append(article.pk)
    enqueue(changed)
    return changed
