"""Rules about an article's derived fields shared by the importer and the admin."""

from __future__ import annotations

import re
from collections.abc import Iterable

from archive.ingest import review as ingest_review

DISPLAY_TITLE_CHARS = 40

_SENTENCE_END_RE = re.compile(r"[。！？!?；;]")
_LEADING_MARKS = "▲△■□●○◆◇★☆·•-—"
_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」", "『": "』", "【": "】"}
_CLOSERS = {closer: opener for opener, closer in _PAIRS.items()}


def balance_brackets(text: str) -> str:
    """Quotes and brackets paired: an opener the cut left open is closed at the end,
    a closer whose opener lies outside the text is dropped."""
    open_stack: list[str] = []
    kept: list[str] = []
    for char in text:
        if char in _PAIRS:
            open_stack.append(char)
        elif char in _CLOSERS:
            if not open_stack or open_stack[-1] != _CLOSERS[char]:
                continue
            open_stack.pop()
        kept.append(char)
    result = "".join(kept)
    if result.count('"') % 2:
        cut = result.rfind('"')
        result = result[:cut] + result[cut + 1 :]
    return result + "".join(_PAIRS[opener] for opener in reversed(open_stack))


def derive_title(body: str) -> str:
    """A display title from the first sentence, for articles the page prints without one."""
    text = re.sub(r"\s+", "", body or "")
    if not text:
        return "（无标题）"
    match = _SENTENCE_END_RE.search(text)
    sentence = (text[: match.start()] if match else text).lstrip(_LEADING_MARKS)
    if len(sentence) > DISPLAY_TITLE_CHARS:
        sentence = sentence[: DISPLAY_TITLE_CHARS - 1].rstrip("，,、：:") + "…"
    return balance_brackets(sentence or text[:DISPLAY_TITLE_CHARS])


def needs_review(reasons: Iterable[str]) -> bool:
    """Only reasons that point at a likely error put an article on the review list (the rest inform)."""
    return ingest_review.needs_review(reasons)
