"""The same report printed more than once: near-duplicate articles across pages and papers.

A county report often appears in 湖南日报, in the municipal daily and on the county site,
each time lightly edited: another headline, a sentence added or cut, other credits or a
dateline, full-width or traditional characters, other line breaks.  Headlines are left out
(papers rewrite them); the body is folded (NFKC, traditional → simplified, punctuation,
spaces and credit brackets dropped) and cut into character 5-grams.

Finding candidates never compares all pairs: each article's 5-grams get a MinHash signature
(datasketch) cut into ``BANDS`` bands of ``ROWS`` values; two articles are candidates when
one band is equal, so work grows with the number of articles.  Each candidate is then
confirmed on the exact 5-gram sets (:func:`same_story`).

Thresholds, and why:

* 5-grams, not bigrams: two different reports on one subject share most bigrams
  (乡村振兴, 人居环境 …) but few runs of five characters.
* ``MIN_CHARS`` = 60 folded characters: a shorter text is a caption or a names line; two
  such pieces match on their formula alone.
* ``MIN_SHARED`` = 40 common 5-grams: a two-line brief sharing a stock sentence
  (为深入贯彻落实…) with another must not be enough.
* Confirmed when the Jaccard similarity is at least ``MIN_JACCARD`` (0.6: a lightly edited
  printing of a 300-character brief with one sentence changed stays near 0.7, two reports
  from one county and month with the same boilerplate stay below 0.2), or when the
  shorter text is at least ``MIN_CONTAINMENT`` (0.85) inside the longer and the Jaccard
  is at least ``MIN_JACCARD_CONTAINED`` (0.4): a paper's cut printing of a longer county
  report, not a short brief that merely repeats the lead paragraph of a long article.
* 40 bands of 3 rows catch a pair of Jaccard 0.4 with probability 0.93, of 0.5 with 0.995
  and of 0.6 with 0.9999, while an unrelated pair (Jaccard ≈ 0.02) becomes a candidate
  with probability 0.0003.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .text import content_chars, to_simplified

SHINGLE = 5
BANDS = 40
ROWS = 3
NUM_PERM = BANDS * ROWS
SEED = 16  # fixed: stored band keys must stay comparable across processes and runs

MIN_CHARS = 60
MIN_SHARED = 40
MIN_JACCARD = 0.6
MIN_CONTAINMENT = 0.85
MIN_JACCARD_CONTAINED = 0.4

# A credit or dateline in brackets differs between printings of one report:
# （记者 张三 通讯员 李四）、(本报记者 王五 摄).
_CREDIT_WORDS = "记者|通讯员|编辑|作者|实习生|摄|供图|报道"
_INSIDE = r"[^（()）【】\[\]]{0,60}?"
_CREDIT = re.compile(rf"[（(【\[]{_INSIDE}(?:{_CREDIT_WORDS}){_INSIDE}[）)】\]]")


def normalise(body: str) -> str:
    """The body as compared: folded, without credits, punctuation, spaces or line breaks."""
    text = unicodedata.normalize("NFKC", body or "")
    text = _CREDIT.sub("", text)
    return content_chars(to_simplified(text)).lower()


def shingles(body: str) -> frozenset[str]:
    """The character 5-grams of the normalised body; empty when it is too short to compare."""
    text = normalise(body)
    if len(text) < MIN_CHARS:
        return frozenset()
    return frozenset(text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1))


def band_keys(grams: frozenset[str]) -> list[int]:
    """The LSH band keys of a 5-gram set (signed 63-bit integers, one per band); none if empty."""
    if not grams:
        return []
    from datasketch import MinHash  # here: importing datasketch takes about a second

    # CRC-32 (C, stable across processes) instead of datasketch's per-shingle SHA-1: a quarter
    # of the cost, and 32 bits are all a MinHash value keeps.
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)
    sketch.update_batch([g.encode("utf-8") for g in sorted(grams)])
    values = sketch.hashvalues
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)  # fits a signed BIGINT column
    return keys


@dataclass(frozen=True)
class Similarity:
    shared: int
    jaccard: float
    containment: float  # of the smaller set in the larger


def similarity(a: frozenset[str], b: frozenset[str]) -> Similarity:
    shared = len(a & b)
    union = len(a) + len(b) - shared
    smaller = min(len(a), len(b))
    return Similarity(shared, shared / union if union else 0.0, shared / smaller if smaller else 0.0)


def same_story(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when two 5-gram sets are printings of one report (thresholds: module docstring)."""
    if not a or not b:
        return False
    s = similarity(a, b)
    if s.shared < MIN_SHARED:
        return False
    contained = s.containment >= MIN_CONTAINMENT and s.jaccard >= MIN_JACCARD_CONTAINED
    return s.jaccard >= MIN_JACCARD or contained


def candidate_pairs(keys: Mapping[int, Iterable[int]]) -> set[tuple[int, int]]:
    """Pairs of ids (smaller first) that share at least one band key."""
    buckets: dict[int, list[int]] = defaultdict(list)
    for doc, doc_keys in keys.items():
        for key in doc_keys:
            buckets[key].append(doc)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a != b:
                    pairs.add((min(a, b), max(a, b)))
    return pairs


def components(ids: Iterable[int], pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Groups (two or more ids, each sorted) of the confirmed pairs, each a star: every member
    is itself confirmed against the group's centre (the id with the most confirmed matches).

    Not connected components: reports built from shared stock paragraphs can chain A~B~C~…
    through dozens of different stories; a star keeps each group to printings of one text.
    """
    known = set(ids)
    adjacent: dict[int, set[int]] = defaultdict(set)
    for a, b in pairs:
        if a in known and b in known and a != b:
            adjacent[a].add(b)
            adjacent[b].add(a)
    remaining = set(adjacent)
    groups: list[list[int]] = []
    while remaining:
        centre = max(remaining, key=lambda n: (len(adjacent[n] & remaining), -n))
        members = {centre} | (adjacent[centre] & remaining)
        remaining -= members
        if len(members) > 1:
            groups.append(sorted(members))
    return sorted(groups)


def group_bodies(bodies: Mapping[int, str]) -> list[list[int]]:
    """Groups of near-duplicate bodies among ``bodies`` ({id: body}), all in memory."""
    grams = {doc: shingles(body) for doc, body in bodies.items()}
    keys = {doc: band_keys(g) for doc, g in grams.items()}
    confirmed = [(a, b) for a, b in candidate_pairs(keys) if same_story(grams[a], grams[b])]
    return components(bodies.keys(), confirmed)
