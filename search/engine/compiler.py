"""Compiling a parsed query into Whoosh queries: what must match, what ranks.

* **Recall** comes from the character fields: every word a reader typed must
  occur as a substring (a phrase of consecutive bigrams in ``grams``, or a
  term in ``chars`` for a single character), so whatever occurs verbatim is found.
* **Ranking** comes from optional clauses that only add score: the exact phrase,
  the same phrase in the headline, jieba words in ``text`` and ``headline``, the
  article being *about* a named place, a topic it is tagged with, a related word.
* What each typed word was understood as (a place, a topic, related words) is
  noted for the page (:class:`TermNote`).

No searcher here: :mod:`search.engine.executor` runs what this builds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh import query as wq

from search.engine import columnar
from search.engine.fields import field_label, field_match
from search.query.gazetteer import Gazetteer, Place, get_gazetteer
from search.query.lexicon import TopicRef
from search.query.parser import ParsedQuery, Term
from search.text.analysis import query_words
from search.text.folding import gram_phrase_checks, is_cjk_char, normalize, query_gram_terms

# Query-time weights (the index stores plain term frequencies).
W_PHRASE = 2.0  # the typed text as one contiguous phrase
W_HEADLINE_PHRASE = 6.0  # ... in the kicker/title/subtitle
W_JOINED_PHRASE = 4.0  # two typed words found next to each other
W_WORD = 1.0  # a jieba word of the query in the text
W_HEADLINE_WORD = 3.0  # ... in the headline
W_ABOUT_PLACE = 4.0  # the article's place is the division named
W_IN_PREFECTURE = 0.3  # a county article found through its prefecture's name
# An article tagged with the topic a query names but not printing the words: found,
# and ranked below every article that prints them (whose text scores are far above).
W_TOPIC_ONLY = 0.01
W_ABOUT_TOPIC = 8.0  # printing the topic's name and tagged with the topic
W_RELATED = 0.3  # a related word (养老 → 老年人) printed instead of the word typed


def substring_query(piece: str, grams: str = "grams", chars: str = "chars", exact: bool = True) -> wq.Query:
    """Documents whose text contains ``piece`` (normalised, one run).

    ``exact``: as a contiguous phrase of bigrams. Otherwise every bigram of the
    piece must occur, in any order: a superset of the exact matches (so recall is
    untouched) that Whoosh evaluates by intersecting posting lists instead of
    comparing positions, several times faster on common words. A document with
    all the bigrams but not the phrase is rare and ranks below exact phrases.
    """
    if len(piece) == 1:
        return wq.Term(chars, piece)
    terms = query_gram_terms(piece)
    if len(terms) == 1:
        return wq.Term(grams, terms[0])
    if exact or not all(is_cjk_char(ch) for ch in piece):
        # Digits and Latin repeat bigrams too often (2024 vs 2002…24) to drop positions.
        return columnar.SparsePhrase(grams, terms, checked=gram_phrase_checks(len(terms)))
    return wq.And([wq.Term(grams, t) for t in dict.fromkeys(terms)])


@dataclass
class WordNote:
    """How one word of the query was understood (shown on the page)."""

    word: str
    places: list[Place] = field(default_factory=list)
    via_prefecture: bool = False


@dataclass
class TermNote:
    raw: str
    normalized: str
    phrase: bool
    words: list[WordNote] = field(default_factory=list)
    topics: list[TopicRef] = field(default_factory=list)  # also searched as topic tags
    related: list[str] = field(default_factory=list)  # also searched, at a lower weight
    field: str = ""  # a field term (标题:…): see search.engine.fields
    field_label: str = ""  # 标题包含：一件事一次办, 地点：新晃侗族自治县

    @property
    def converted(self) -> bool:
        """Folding changed the text (full-width, traditional characters, case)."""
        return normalize(self.raw).replace(" ", "") != self.raw.replace(" ", "")


@dataclass
class CompiledQuery:
    required: wq.Query | None
    optional: list[wq.Query]
    excluded: wq.Query | None
    notes: list[TermNote]
    clauses: list[wq.Query] = field(default_factory=list)  # what ``required`` requires all of

    def partial(self) -> CompiledQuery | None:
        """The articles matching some but not all clauses (养老 助餐: either word),
        scored the same way; None for a query of one clause."""
        if len(self.clauses) < 2 or self.required is None:
            return None
        excluded = [self.required] if self.excluded is None else [self.required, self.excluded]
        return CompiledQuery(
            required=wq.Or(self.clauses),
            optional=self.optional,
            excluded=excluded[0] if len(excluded) == 1 else wq.Or(excluded),
            notes=self.notes,
        )

    def scoring_query(self) -> wq.Query | None:
        if self.required is None:
            return None
        q = self.required
        if self.optional:
            q = wq.AndMaybe(q, wq.Or(self.optional))
        if self.excluded is not None:
            q = wq.AndNot(q, self.excluded)
        return q

    def matching_query(self) -> wq.Query | None:
        if self.required is None:
            return None
        if self.excluded is not None:
            return wq.AndNot(self.required, self.excluded)
        return self.required


def _place_alternatives(place: Place, gaz: Gazetteer) -> tuple[list[wq.Query], list[wq.Query]]:
    """(ways to match, score boosts) for a word naming ``place``."""
    names = [normalize(n) for n in place.names if len(normalize(n)) >= 2]
    match: list[wq.Query] = [substring_query(n, exact=False) for n in dict.fromkeys(names)]
    boosts: list[wq.Query] = [wq.Term("place", place.code, boost=W_ABOUT_PLACE)]
    if place.is_prefecture:
        match.append(wq.Term("prefecture", place.code, boost=W_IN_PREFECTURE))
    return match, boosts


def _required_grams(q: wq.Query) -> frozenset[tuple[str, str]] | None:
    """The (field, bigram) terms a gram query requires, or None for any other query."""
    if isinstance(q, wq.Term):
        return frozenset([(q.fieldname, q.text)])
    if isinstance(q, wq.And) and all(isinstance(sub, wq.Term) for sub in q.subqueries):
        return frozenset((sub.fieldname, sub.text) for sub in q.subqueries)
    return None


def absorb_alternatives(alternatives: list[wq.Query]) -> list[wq.Query]:
    """Drop alternatives implied by another one (``a OR (a AND b)`` is ``a``).

    A place's names usually contain the word typed (涟源 → 涟源市, 涟源县): every
    document they match is already matched by the word, and evaluating them only
    costs time (and would count the same occurrence several times in the score).
    """
    needs = [_required_grams(q) for q in alternatives]
    kept: list[wq.Query] = []
    for i, (q, need) in enumerate(zip(alternatives, needs, strict=True)):
        if need is not None and any(
            other is not None and (other < need or (other == need and j < i))
            for j, other in enumerate(needs)
            if j != i
        ):
            continue
        kept.append(q)
    return kept


def merge_boosts(optional: list[wq.Query]) -> list[wq.Query]:
    """One clause per repeated term, its boosts added up: the same score, fewer matchers.

    (A single-word query asks for its word in the text both as "the phrase typed"
    and as "a word of the query"; Whoosh's score is linear in the boost.)
    """
    boosts: dict[tuple[str, str], float] = {}
    others: list[wq.Query] = []
    for q in optional:
        if type(q) is wq.Term:
            key = (q.fieldname, q.text)
            boosts[key] = boosts.get(key, 0.0) + q.boost
        else:
            others.append(q)
    return [wq.Term(field, text, boost=boost) for (field, text), boost in boosts.items()] + others


def _topic_alternatives(
    term: Term, topics: dict[str, list[TopicRef]] | None, note: TermNote
) -> list[wq.Query]:
    """Topic tags an unquoted term names (乡村振兴, 優化營商): articles about the topic
    match even where they do not print the words. A quoted phrase asks for the text only."""
    if term.phrase or not topics:
        return []
    refs = topics.get("".join(term.pieces), [])
    note.topics.extend(refs)
    return [wq.Term("topics", ref.slug, boost=W_TOPIC_ONLY) for ref in refs]


def _term_query(
    term: Term,
    gaz: Gazetteer,
    topics: dict[str, list[TopicRef]] | None = None,
    related: dict[str, list[str]] | None = None,
) -> tuple[wq.Query, list[wq.Query], TermNote]:
    note = TermNote(raw=term.raw, normalized=" ".join(term.pieces), phrase=term.phrase, field=term.field)
    if term.field:
        return _field_term_query(term, gaz, note)
    required: list[wq.Query] = []
    optional: list[wq.Query] = []
    for piece in term.pieces:
        words = [w for w in query_words(piece)] or [piece]
        if len(piece) > 1:
            # The piece as typed, in the headline, and (by word positions) in the text.
            optional.append(
                substring_query(piece, grams="headline_grams", exact=False).with_boost(W_HEADLINE_PHRASE)
            )
            if len(words) > 1:
                optional.append(wq.Phrase("text", words, boost=W_PHRASE))
            else:
                optional.append(wq.Term("text", words[0], boost=W_PHRASE))
        if term.phrase:
            required.append(substring_query(piece, exact=True))
            for word in words:
                optional.append(wq.Term("text", word, boost=W_WORD))
            note.words.extend(WordNote(w) for w in words)
            continue
        # Unquoted: every word must occur somewhere (the exact phrase ranks first),
        # a place's other names count as the place.
        whole_places = gaz.lookup(piece) if len(words) > 1 else []
        if whole_places:
            words = [piece]
        for word in words:
            word_note = WordNote(word)
            places = whole_places or gaz.lookup(word)
            alternatives = [substring_query(word, exact=False)]
            for place in places:
                match, boosts = _place_alternatives(place, gaz)
                alternatives.extend(match)
                optional.extend(boosts)
                word_note.places.append(place)
                word_note.via_prefecture = word_note.via_prefecture or place.is_prefecture
            alternatives = absorb_alternatives(alternatives)
            required.append(alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives))
            optional.append(wq.Term("text", word, boost=W_WORD))
            optional.append(wq.Term("headline", word, boost=W_HEADLINE_WORD))
            note.words.append(word_note)
    matched = required[0] if len(required) == 1 else wq.And(required)
    # A related word whose bigrams include all the typed word's adds no article:
    # left out, and not claimed in the understanding box either.
    need = _required_grams(matched)
    by_word = [
        (word, q)
        for word, q in _related_alternatives(term, related)
        if need is None or not need <= (_required_grams(q) or frozenset())
    ]
    note.related.extend(word for word, _ in by_word)
    others = [q for _, q in by_word] + _topic_alternatives(term, topics, note)
    # Among the articles printing a topic's name, those tagged with the topic are about it
    # (an article naming 营商环境 once in passing is not): they rank first.
    optional.extend(
        wq.And([wq.Term("topics", ref.slug, boost=W_ABOUT_TOPIC), matched.with_boost(0.0)])
        for ref in note.topics
    )
    if others:
        matched = wq.Or([matched, *others])
    return matched, optional, note


def _field_term_query(
    term: Term, gaz: Gazetteer, note: TermNote
) -> tuple[wq.Query, list[wq.Query], TermNote]:
    """A field term matches in its field only; a title term also ranks by its words in the headline."""
    found = field_match(term, gaz)
    note.field_label = field_label(term, found.places)
    if term.field == "place":
        note.words.append(WordNote(note.normalized, places=found.places))
    optional: list[wq.Query] = []
    if term.field == "title":
        for piece in term.pieces:
            optional.extend(
                wq.Term("headline", w, boost=W_HEADLINE_WORD) for w in query_words(piece) or [piece]
            )
    return found.query, optional, note


def _related_alternatives(term: Term, related: dict[str, list[str]] | None) -> list[tuple[str, wq.Query]]:
    """Related words (养老 → 老年人、助老) an unquoted term also finds, at a lower weight."""
    if term.phrase or not related:
        return []
    words = related.get("".join(term.pieces), [])
    return [(word, substring_query(word, exact=False).with_boost(W_RELATED)) for word in words]


def compile_query(
    parsed: ParsedQuery,
    gaz: Gazetteer | None = None,
    topics: dict[str, list[TopicRef]] | None = None,
    related: dict[str, list[str]] | None = None,
) -> CompiledQuery:
    """``topics`` and ``related``: the lexicons of :mod:`search.query.lexicon`; without
    them, topic names and related words are searched as text only."""
    gaz = gaz or get_gazetteer()
    clauses: list[wq.Query] = []
    optional: list[wq.Query] = []
    notes: list[TermNote] = []
    for clause in parsed.clauses:
        alternatives = []
        for term in clause.terms:
            q, opt, note = _term_query(term, gaz, topics, related)
            alternatives.append(q)
            optional.extend(opt)
            notes.append(note)
        clauses.append(alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives))
    # Words typed apart may still be printed together (政务 服务 → 政务服务):
    # the joined text, as an exact phrase, outranks scattered occurrences.
    loose = [
        c.terms[0]
        for c in parsed.clauses
        if len(c.terms) == 1 and not c.terms[0].phrase and not c.terms[0].field
    ]
    for left, right in zip(loose, loose[1:], strict=False):
        joined = left.pieces[-1] + right.pieces[0]
        words = query_words(joined) or [joined]
        text_q = wq.Phrase("text", words) if len(words) > 1 else wq.Term("text", words[0])
        optional.append(text_q.with_boost(W_JOINED_PHRASE))
        optional.append(
            substring_query(joined, grams="headline_grams", exact=False).with_boost(W_HEADLINE_PHRASE)
        )
    excluded = None
    if parsed.excluded:
        parts = []
        for term in parsed.excluded:
            if term.field:
                parts.append(field_match(term, gaz).query)
                continue
            pieces = [substring_query(p) for p in term.pieces]
            parts.append(pieces[0] if len(pieces) == 1 else wq.And(pieces))
        excluded = parts[0] if len(parts) == 1 else wq.Or(parts)
    required = None
    if clauses:
        required = clauses[0] if len(clauses) == 1 else wq.And(clauses)
    return CompiledQuery(
        required=required, optional=merge_boosts(optional), excluded=excluded, notes=notes, clauses=clauses
    )


def pinyin_places(parsed: ParsedQuery, gaz: Gazetteer | None = None) -> list[Place]:
    """Places whose pinyin the reader typed (lianyuan → 涟源市)."""
    gaz = gaz or get_gazetteer()
    latin_terms = [t for t in parsed.terms if all(p.isascii() and p.isalpha() for p in t.pieces)]
    places: list[Place] = []
    candidates = ["".join(t.pieces) for t in latin_terms]
    if len(latin_terms) > 1:
        candidates.append("".join("".join(t.pieces) for t in latin_terms))
    for text in candidates:
        for place in gaz.from_pinyin(text):
            if place not in places:
                places.append(place)
    return places
