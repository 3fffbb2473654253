"""Chinese-aware highlighting on the stored text, without re-analysing it.

Matches are found in the folded text (:func:`search.text.folding.normalize_with_offsets`)
so that 政務 in the query marks 政务 in the text, then mapped back onto the
original characters. Output is HTML-escaped with matches in ``<mark>``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.text.folding import normalize_with_offsets

SNIPPET_CHARS = 110
LEAD_CHARS = 30
# Costs stay bounded on a 700,000-character one-line article: the opening SCAN_CHARS of
# a text are folded and searched in full; past them (folding is most of the cost) a
# term is looked up as typed, as most text is already folded, at most
# MATCHES_PER_TERM times.
SCAN_CHARS = 20_000
MATCHES_PER_TERM = 200


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: str


def find_matches(text: str, terms: Iterable[str]) -> list[Match]:
    """Non-overlapping matches of ``terms`` (folded) in ``text``, in order; longest term wins."""
    if not text:
        return []
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    head = text[:SCAN_CHARS]
    folded, offsets = normalize_with_offsets(head)
    spans: list[Match] = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            spans.append(Match(offsets[start], offsets[end - 1] + 1, term))
            start = folded.find(term, end)
    if len(text) > len(head):
        for term in terms:
            found = 0
            start = text.find(term, max(0, len(head) - len(term) + 1))
            while start != -1 and found < MATCHES_PER_TERM:
                spans.append(Match(start, start + len(term), term))
                found += 1
                start = text.find(term, start + len(term))
    spans.sort(key=lambda m: (m.start, -(m.end - m.start)))
    merged: list[Match] = []
    for match in spans:
        if merged and match.start < merged[-1].end:
            continue
        merged.append(match)
    return merged


def _inside(matches: list[Match], starts: list[int], start: int, end: int) -> list[Match]:
    """The matches within ``[start, end)``, found by bisection: matches are sorted and disjoint."""
    lo = bisect_left(starts, start)
    hi = bisect_right(starts, end)
    return [m for m in matches[lo:hi] if m.end <= end]


def render(text: str, matches: list[Match], start: int = 0, end: int | None = None) -> SafeString:
    """``text[start:end]`` escaped, with the matches inside it wrapped in ``<mark>``."""
    end = len(text) if end is None else end
    out: list[str] = []
    pos = start
    lo = max(0, bisect_left([m.start for m in matches], start) - 1) if len(matches) > 64 else 0
    for match in matches[lo:]:
        if match.start >= end:
            break
        if match.end <= start:
            continue
        m_start, m_end = max(match.start, start), min(match.end, end)
        out.append(escape(text[pos:m_start]))
        out.append(f"<mark>{escape(text[m_start:m_end])}</mark>")
        pos = m_end
    out.append(escape(text[pos:end]))
    return mark_safe("".join(out))


def highlight(text: str, terms: Iterable[str]) -> SafeString:
    """The whole of ``text`` with every match marked (titles)."""
    return render(text, find_matches(text, terms))


@dataclass(frozen=True)
class _Window:
    unit: int
    start: int
    end: int
    score: float


def snippets(units: list[str], terms: Iterable[str], limit: int = 3) -> list[SafeString]:
    """Up to ``limit`` excerpts of ``units`` (paragraphs, captions) around the matches.

    Windows that contain more different query terms win; the chosen excerpts are
    shown in reading order. Without any match, the opening of the first unit.
    """
    terms = [t for t in terms if t]
    windows: list[_Window] = []
    unit_matches: list[list[Match]] = []
    for index, text in enumerate(units):
        matches = find_matches(text, terms)
        unit_matches.append(matches)
        starts = [m.start for m in matches]
        for match in matches:
            start = max(0, match.start - LEAD_CHARS)
            end = min(len(text), start + SNIPPET_CHARS)
            start = max(0, min(start, end - SNIPPET_CHARS))
            inside = _inside(matches, starts, start, end)
            score = len({m.term for m in inside}) * 10 + len(inside) + sum(len(m.term) for m in inside) * 0.1
            windows.append(_Window(index, start, end, score))
    chosen: list[_Window] = []
    for window in sorted(windows, key=lambda w: (-w.score, w.unit, w.start)):
        if any(c.unit == window.unit and c.start < window.end and window.start < c.end for c in chosen):
            continue
        chosen.append(window)
        if len(chosen) == limit:
            break
    if not chosen:
        for text in units:
            if text.strip():
                end = min(len(text), SNIPPET_CHARS)
                return [_with_ellipses(text, 0, end, render(text, [], 0, end))]
        return []
    chosen.sort(key=lambda w: (w.unit, w.start))
    return [
        _with_ellipses(
            units[w.unit], w.start, w.end, render(units[w.unit], unit_matches[w.unit], w.start, w.end)
        )
        for w in chosen
    ]


def _with_ellipses(text: str, start: int, end: int, html: SafeString) -> SafeString:
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")
