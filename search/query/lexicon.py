"""What the query understanding knows besides places: topic names and keywords.

Read from the database (editors change topics' keywords in the admin), folded
the way queries are folded, so a traditional or full-width query finds the same
entries. Plain functions: the engine receives the result, it never reads models.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from search.text.folding import normalize

# A keyword this strong (see Topic.keywords) names the topic by itself; weaker
# ones (窗口, 安全, 学校) are too common to pull in a whole topic's articles.
TOPIC_KEYWORD_MIN_WEIGHT = 3.0


@dataclass(frozen=True)
class TopicRef:
    slug: str
    name: str


def topic_lexicon() -> dict[str, list[TopicRef]]:
    """{folded topic name or strong keyword: the topics it names}."""
    from archive.models import Topic

    lexicon: dict[str, list[TopicRef]] = {}
    for topic in Topic.objects.order_by("order", "name"):
        ref = TopicRef(topic.slug, topic.name)
        words = [topic.name]
        words += [w for w, weight in topic.keyword_weights().items() if weight >= TOPIC_KEYWORD_MIN_WEIGHT]
        for word in words:
            key = normalize(word).replace(" ", "")
            if len(key) >= 2 and ref not in lexicon.setdefault(key, []):
                lexicon[key].append(ref)
    return lexicon


def related_lexicon() -> dict[str, list[str]]:
    """{folded word: the other words of its groups} from the editable related terms."""
    from search.models import RelatedTerms

    lexicon: dict[str, list[str]] = {}
    for group in RelatedTerms.objects.filter(enabled=True):
        words = [normalize(w).replace(" ", "") for w in group.word_list()]
        for word in words:
            others = lexicon.setdefault(word, [])
            others.extend(w for w in words if w != word and w and w not in others)
    return lexicon


@dataclass(frozen=True)
class Lexicon:
    """Everything beyond the gazetteer that query compilation consults."""

    topics: dict[str, list[TopicRef]]
    related: dict[str, list[str]]


# Read from the database on every search it cost ~3 ms a page. Kept per process: an edit in
# this process clears it at once (signals in search.apps), the other workers' copies expire.
LEXICON_TTL = 30.0
_cached: tuple[float, Lexicon] | None = None


def load_lexicon() -> Lexicon:
    """The topics and related words queries consult, at most :data:`LEXICON_TTL` seconds old."""
    global _cached
    now = time.monotonic()
    if _cached is None or now - _cached[0] > LEXICON_TTL:
        _cached = (now, Lexicon(topic_lexicon(), related_lexicon()))
    return _cached[1]


def reset_lexicon(**kwargs) -> None:
    """Forget the cached lexicon (a topic or a related-terms group was edited)."""
    global _cached
    _cached = None
