"""Exact-substring recall: whatever occurs verbatim in an article finds that article.

Samples substrings of 1–8 characters from the titles, kickers, subtitles, bodies
and captions of the imported corpus (seeds and test pages) and compares the
search results with a plain substring scan of the database. Recall must be 1.00.
"""

from __future__ import annotations

import random

import pytest

from archive.models import Article

from .helpers import result_ids, searchable_fields

pytestmark = pytest.mark.django_db

SAMPLES = 400


def sample_substrings(rng: random.Random, n: int) -> list[str]:
    texts = [f for a in Article.objects.order_by("pk") for f in searchable_fields(a) if f]
    samples: list[str] = []
    while len(samples) < n:
        text = rng.choice(texts)
        size = rng.randint(1, 8)
        if len(text) < size:
            continue
        start = rng.randrange(len(text) - size + 1)
        sub = text[start : start + size]
        # A string of only punctuation/space is not something one can search for.
        if any(ch.isalnum() for ch in sub):
            samples.append(sub)
    return samples


def test_exact_substring_recall_is_one():
    rng = random.Random(20241121)
    samples = sample_substrings(rng, SAMPLES)
    articles = list(Article.objects.all())
    expected_pairs = 0
    found_pairs = 0
    misses = []
    for sub in samples:
        expected = {a.pk for a in articles if any(sub in f for f in searchable_fields(a) if f)}
        got = set(result_ids(sub))
        expected_pairs += len(expected)
        found_pairs += len(expected & got)
        if not expected <= got:
            misses.append((sub, sorted(expected - got)))
    recall = found_pairs / expected_pairs
    print(f"recall over {len(samples)} substrings / {expected_pairs} (query, article) pairs: {recall:.4f}")
    assert not misses, misses[:10]
    assert recall == 1.0
