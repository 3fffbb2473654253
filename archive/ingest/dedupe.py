"""Repeated text on a page: keep the first copy of every paragraph, sentence and spliced fragment."""

from __future__ import annotations

import re

from .classify import Kind, Unit
from .text import content_chars, norm_key

MIN_PARAGRAPH = 12  # shorter repeats (a names line, 记者 …) can legitimately recur
MIN_FRAGMENT = 20
_TEASER_CUT = re.compile(
    r"(…|\.{3}|……)?([\[【](详细|全文|详情|更多|阅读全文)[\]】]|(详细|全文|详情|更多|阅读全文)[>»]{1,3})$"
)
_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?[”’」』）)]*")

_GROUP_KINDS = (Kind.HEADING, Kind.SUBTITLE, Kind.KICKER, Kind.NAMES, Kind.AUTHOR, Kind.CAPTION, Kind.CREDIT)


def mark_duplicates(units: list[Unit]) -> int:
    """Mark repeated paragraphs (and the headline blocks printed with them); cut repeated fragments.

    Returns the number of units marked.  Marked units keep ``duplicate_of``, the index of the
    first copy, so their page span can still be shown with the article that kept the text.
    """
    seen: dict[str, int] = {}
    earlier_text: list[str] = []
    marked = _mark_stray_fragments(units)
    for i, u in enumerate(units):
        if (u.kind not in (Kind.BODY, Kind.LABEL) and not u.closing) or u.duplicate_of is not None:
            continue
        key = norm_key(u.text) + "|" + _credit_key(u)
        if len(norm_key(u.text)) >= MIN_PARAGRAPH and key in seen:
            u.duplicate_of = seen[key]
            marked += 1
            continue
        if u.kind == Kind.BODY and len(u.text) >= MIN_FRAGMENT + 4:
            _cut_repeated_fragments(u, "\x00".join(earlier_text))
        seen.setdefault(key, i)
        earlier_text.append(u.text)
    # Headline blocks, bylines and captions of a repeated article are repeats as well.
    for i, u in enumerate(units):
        if u.kind not in _GROUP_KINDS or u.duplicate_of is not None:
            continue
        first = _earlier_same(units, i)
        if first is None:
            continue
        follower = _next_body(units, i)
        if (
            follower is not None
            and follower.duplicate_of is None
            and len(norm_key(follower.text)) < MIN_PARAGRAPH
        ):
            # 本报讯（通讯员 田 静）alone over the text: too short to be a repeat by itself, it is one
            # when it was printed before and the text under it repeats.
            again = _earlier_same(units, follower.index)
            after = _next_body(units, follower.index)
            if again is not None and after is not None and after.duplicate_of is not None:
                follower.duplicate_of = again
                marked += 1
        if follower is None or follower.duplicate_of is not None:
            u.duplicate_of = first
            marked += 1
    return marked


def _mark_stray_fragments(units: list[Unit]) -> int:
    """A paragraph that is only a piece of a longer paragraph elsewhere on the page is a stray copy.

    Whichever comes first, the fuller copy keeps the text: a fragment printed inside another
    article (…持续擦亮“一馆一城”文旅名片…) must not take that sentence from its own article.
    """
    bodies = [u for u in units if u.kind == Kind.BODY and u.duplicate_of is None]
    # A list page's teaser is its item's lead cut off at a link (…[详细], …详细>>): the text before
    # the cut is what the item repeats.
    keys = {u.index: _TEASER_CUT.sub("", norm_key(u.text)) for u in bodies}
    marked = 0
    for u in bodies:
        key = keys[u.index]
        if len(key) < MIN_FRAGMENT:
            continue
        fuller = next((v for v in bodies if len(keys[v.index]) > len(key) and key in keys[v.index]), None)
        if fuller is not None and fuller.duplicate_of is None:
            u.duplicate_of = fuller.index
            marked += 1
            if fuller.index > u.index:
                marked += _mark_teaser_headline(units, u.index)
    return marked


def _mark_teaser_headline(units: list[Unit], i: int) -> int:
    """A list entry's headline over a teaser of an item printed further down is that item's
    headline printed first: a copy of the one over the item."""
    k = i - 1
    while k >= 0 and units[k].kind in (Kind.FURNITURE, Kind.CAPTION):
        k -= 1
    if k < 0 or units[k].kind != Kind.HEADING:
        return 0
    key = norm_key(units[k].text)
    later = next((v for v in units[i + 1 :] if v.kind == Kind.HEADING and norm_key(v.text) == key), None)
    if later is None:
        return 0
    units[k].duplicate_of = later.index
    return 1


def _credit_key(u: Unit) -> str:
    # Names with their roles: 作者：刘子安 over the text and 记 者：刘子安 under it are two credits.
    return ",".join(f"{c.name}/{c.role}" for c in u.credits)


def _earlier_same(units: list[Unit], i: int) -> int | None:
    u = units[i]
    key = norm_key(u.text) + "|" + _credit_key(u)
    if not key.strip("|"):
        return None
    for j in range(i):
        v = units[j]
        if v.kind == u.kind and norm_key(v.text) + "|" + _credit_key(v) == key:
            return j
    return None


def _next_body(units: list[Unit], i: int) -> Unit | None:
    for u in units[i + 1 :]:
        if u.kind in (Kind.BODY, Kind.LABEL):
            return u
    return None


def _longest_repeated_suffix(text: str, haystack: str) -> int:
    lo, hi = 0, len(text)
    while lo < hi:  # a repeated suffix's own suffixes repeat too: binary search the length
        mid = (lo + hi + 1) // 2
        if text[-mid:] in haystack:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _longest_repeated_prefix(text: str, haystack: str) -> int:
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text[:mid] in haystack:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _cut_repeated_fragments(u: Unit, haystack: str) -> None:
    """A sentence tail of one article spliced onto another paragraph: drop the repeated piece."""
    if not haystack:
        return
    text = u.text
    n = _longest_repeated_suffix(text, haystack)
    if n >= MIN_FRAGMENT and n < len(text):
        # Cut at a punctuation mark so no word is split between the kept and the dropped part.
        cut = len(text) - n
        while cut < len(text) and text[cut - 1].isalnum():
            cut += 1
        if len(text) - cut >= MIN_FRAGMENT:
            text = text[:cut].rstrip()
            u.fragment_removed = True
    n = _longest_repeated_prefix(text, haystack)
    if n >= MIN_FRAGMENT and n < len(text):
        cut = n
        while cut > 0 and text[cut - 1].isalnum():
            cut -= 1
        if cut >= MIN_FRAGMENT:
            text = text[cut:].lstrip()
            u.fragment_removed = True
    if content_chars(text):
        u.text = text


def drop_repeated_sentences(paragraphs: list[str], seen: set[str]) -> tuple[list[str], bool]:
    """Remove sentences already printed earlier on the page (``seen`` is updated)."""
    out: list[str] = []
    removed = False
    for para in paragraphs:
        kept: list[str] = []
        for sent in _SENTENCE.findall(para):
            key = norm_key(sent)
            if len(key) >= MIN_PARAGRAPH and key in seen:
                removed = True
                continue
            if len(key) >= MIN_PARAGRAPH:
                seen.add(key)
            kept.append(sent)
        text = "".join(kept).strip()
        if content_chars(text):
            out.append(text)
        elif para.strip():
            removed = True
    return out, removed
