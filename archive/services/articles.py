"""Rules about an article's derived fields shared by the importer and the admin."""

from __future__ import annotations

import re
from collections.abc import Iterable

from archive.ingest import review as ingest_review

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
    """Only reasons that point at a likely error put an article on the review list (the rest inform)."""
    return ingest_review.needs_review(reasons)
