"""Where article boundaries run on a page's text: pure functions, no database.

An article is held here as a :class:`Piece` (paragraphs, captions, spans into the
page text). Editors' boundary actions (split, merge, move, set aside as furniture)
are operations on pieces; the admin applies them to stored articles and a re-import
replays them onto the new segmentation, so both share this code.  New metadata for a
piece split off is proposed by the importer's own functions in :mod:`archive.ingest`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from archive.ingest.bylines import split_closing_byline
from archive.ingest.classify import Kind, heading_shape
from archive.ingest.layout import build_blocks
from archive.ingest.places import guess_place
from archive.ingest.text import to_simplified
from archive.ingest.topics import assign_topics
from archive.ingest.types import PlaceGuess, ReporterCredit, TopicScore
from archive.ingest.unit_context import classify_blocks

ANCHOR_CHARS = 30
_NOT_WORD = re.compile(r"[\W_]+")
# Marks the layout step removes from a printed line (markdown, bullets): skipped when locating text.
_SKIPPABLE = r"[\s#*▲△■□●◆★☆◎·•]*"


@dataclass
class Piece:
    paragraphs: list[str]
    captions: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class Proposal:
    """Headline, credits, place and topics the importer's functions read off a piece of page."""

    title: str = ""
    kicker: str = ""
    subtitle: str = ""
    reporters: list[ReporterCredit] = field(default_factory=list)
    place: PlaceGuess = field(default_factory=PlaceGuess)
    topics: list[TopicScore] = field(default_factory=list)
    title_was_first_paragraph: bool = False


def anchor(text: str) -> str:
    """A paragraph's identity across re-imports: its first characters, width-folded, words only."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text or "")).lower()[:ANCHOR_CHARS]


def paragraphs_of(body: str) -> list[str]:
    return [p for p in (body or "").split("\n\n") if p.strip()]


def normalise_spans(spans: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Sorted, non-empty, overlapping or touching ranges joined."""
    out: list[list[int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in spans if int(e) > int(s)):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def subtract(spans: Sequence[Sequence[int]], cut: tuple[int, int]) -> list[tuple[int, int]]:
    lo, hi = cut
    out: list[tuple[int, int]] = []
    for s, e in normalise_spans(spans):
        if e <= lo or s >= hi:
            out.append((s, e))
            continue
        if s < lo:
            out.append((s, lo))
        if e > hi:
            out.append((hi, e))
    return out


def clip(spans: Sequence[Sequence[int]], lo: int, hi: int) -> list[tuple[int, int]]:
    return [(max(s, lo), min(e, hi)) for s, e in normalise_spans(spans) if min(e, hi) > max(s, lo)]


def locate(text: str, piece: str, within: Sequence[Sequence[int]] = ()) -> tuple[int, int] | None:
    """Where ``piece`` (a cleaned paragraph or caption) is printed in the page ``text``.

    Printed text has hard wraps, typesetting spaces and bullets the cleaned text lacks, so
    those are skipped between characters.  Searched inside ``within`` first, then the page.
    A paragraph the importer re-joined across other material is found by its two ends.
    """
    chars = [c for c in piece if not c.isspace()]
    if not chars:
        return None
    regions = [(s, e) for s, e in normalise_spans(within)] + [(0, len(text))]
    whole = _SKIPPABLE.join(re.escape(c) for c in chars)
    for lo, hi in regions:
        m = re.search(whole, text[lo:hi])
        if m:
            return lo + m.start(), lo + m.end()
    head = _SKIPPABLE.join(re.escape(c) for c in chars[:12])
    tail = _SKIPPABLE.join(re.escape(c) for c in chars[-12:])
    for lo, hi in regions:
        m1 = re.search(head, text[lo:hi])
        if not m1:
            continue
        ends = list(re.finditer(tail, text[lo + m1.start() : hi]))
        if ends:
            m2 = ends[-1]
            return lo + m1.start(), lo + m1.start() + m2.end()
    return None


def split_piece(text: str, piece: Piece, index: int) -> tuple[Piece, Piece]:
    """Cut ``piece`` before paragraph ``index``: what the page prints up to the paragraph before
    it stays, the rest goes to the second piece."""
    if not 0 < index < len(piece.paragraphs):
        raise ValueError("split index out of range")
    first = Piece(piece.paragraphs[:index])
    second = Piece(piece.paragraphs[index:])
    where = locate(text, piece.paragraphs[index], piece.spans)
    if where is None:
        first.spans = list(normalise_spans(piece.spans))
        first.captions = list(piece.captions)
        return first, second
    # What the page prints between the last paragraph kept and the first one moved (a brief's
    # headline and byline) goes with the new piece.
    before = locate(text, piece.paragraphs[index - 1], piece.spans)
    cut = before[1] if before is not None and before[1] <= where[0] else where[0]
    first.spans = clip(piece.spans, 0, cut)
    second.spans = clip(piece.spans, cut, len(text))
    for caption in piece.captions:
        found = locate(text, caption, piece.spans)
        (second if found is not None and found[0] >= cut else first).captions.append(caption)
    return first, second


def join_pieces(first: Piece, second: Piece) -> Piece:
    return Piece(
        first.paragraphs + second.paragraphs,
        first.captions + second.captions,
        normalise_spans([*first.spans, *second.spans]),
    )


def take_paragraph(text: str, piece: Piece, index: int) -> tuple[str, tuple[int, int] | None]:
    """Remove paragraph ``index`` from ``piece``; its text and where the page prints it."""
    paragraph = piece.paragraphs.pop(index)
    where = locate(text, paragraph, piece.spans)
    if where is not None:
        piece.spans = subtract(piece.spans, where)
    return paragraph, where


def take_caption(text: str, piece: Piece, index: int) -> tuple[str, tuple[int, int] | None]:
    caption = piece.captions.pop(index)
    where = locate(text, caption, piece.spans)
    if where is not None:
        piece.spans = subtract(piece.spans, where)
    return caption, where


def give_paragraph(
    text: str, piece: Piece, paragraph: str, where: tuple[int, int] | None, position: int | None = None
) -> None:
    """Put ``paragraph`` into ``piece`` at ``position``, or (None) in page order among its paragraphs."""
    if position is not None:
        piece.paragraphs.insert(position, paragraph)
        if where is not None:
            piece.spans = normalise_spans([*piece.spans, where])
        return
    position = len(piece.paragraphs)
    if where is not None:
        for k, other in enumerate(piece.paragraphs):
            found = locate(text, other, piece.spans)
            if found is not None and found[0] > where[0]:
                position = k
                break
        piece.spans = normalise_spans([*piece.spans, where])
    piece.paragraphs.insert(position, paragraph)


def propose(
    text: str,
    piece: Piece,
    topic_rules: Mapping[str, Mapping[str, float]] | None = None,
) -> Proposal:
    """Headline, credits, place and topics for ``piece``, read by the importer's own functions.

    The printed material of the piece is classified block by block; a first paragraph
    shaped like a headline (the importer took a brief's headline for a subhead) becomes
    the title.
    """
    proposal = Proposal()
    printed = "\n\n".join(text[s:e] for s, e in normalise_spans(piece.spans))
    units = classify_blocks(build_blocks(printed)) if printed.strip() else []
    body_seen = False
    for unit in units:
        if unit.kind == Kind.BODY:
            body_seen = True
        elif not body_seen and unit.kind == Kind.HEADING and not proposal.title:
            proposal.title = unit.text
        elif not body_seen and unit.kind == Kind.KICKER and not proposal.kicker:
            proposal.kicker = unit.text
        elif not body_seen and unit.kind == Kind.SUBTITLE and not proposal.subtitle:
            proposal.subtitle = unit.text.strip("—- ")
        for credit in unit.credits:
            if credit not in proposal.reporters:
                proposal.reporters.append(credit)
    first = piece.paragraphs[0] if piece.paragraphs else ""
    if not proposal.title and heading_shape(first) and len(piece.paragraphs) > 1:
        proposal.title = first
        proposal.title_was_first_paragraph = True
    if piece.paragraphs and not proposal.reporters:
        closing = split_closing_byline(piece.paragraphs[-1])
        if closing is not None:
            proposal.reporters = list(closing[1].credits)
    body = "\n\n".join(piece.paragraphs[1:] if proposal.title_was_first_paragraph else piece.paragraphs)
    headline = to_simplified(" ".join(x for x in (proposal.title, proposal.subtitle) if x))
    proposal.place = guess_place(headline, to_simplified(body), piece.captions, series=proposal.kicker)
    head_text = to_simplified(" ".join(x for x in (proposal.kicker, proposal.title, proposal.subtitle) if x))
    proposal.topics = assign_topics(head_text, to_simplified(body), topic_rules)
    return proposal
