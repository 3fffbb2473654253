"""Rules about an article's derived fields shared by the importer and the admin."""

from __future__ import annotations

import re
from collections.abc import Iterable

from archive.models import Article

# Reasons that inform the editor but do not by themselves put an article on the review list:
# most pages print no date, so an estimated date alone would flood the list.
INFORMATIONAL_REASONS = frozenset({Article.ReviewReason.DATE_ESTIMATED.value})
DISPLAY_TITLE_CHARS = 40

_SENTENCE_END_RE = re.compile(r"[。！？!?；;]")
_LEADING_MARKS = "▲△■□●○◆◇★☆·•-—"


def derive_title(body: str) -> str:
    """A display title from the first sentence, for articles the page prints without one."""
    text = re.sub(r"\s+", "", body or "")
    if not text:
        return "（无标题）"
    match = _SENTENCE_END_RE.search(text)
    sentence = (text[: match.start()] if match else text).lstrip(_LEADING_MARKS)
    if len(sentence) > DISPLAY_TITLE_CHARS:
        sentence = sentence[: DISPLAY_TITLE_CHARS - 1].rstrip("，,、：:") + "…"
    return sentence or text[:DISPLAY_TITLE_CHARS]


def needs_review(reasons: Iterable[str]) -> bool:
    return any(reason not in INFORMATIONAL_REASONS for reason in reasons)
