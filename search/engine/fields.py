"""Field terms (``标题:``, ``作者:``, ``地点:``, ``来源:``) as Whoosh queries on their own fields.

A field term matches in its field only, as an exact substring like every other
word (``标题:一次办`` finds 一件事一次办 in a headline, never in a body). A place
is resolved through the gazetteer (新晃 → 新晃侗族自治县) and matches the
article's county, or every article of a prefecture.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh import query as wq

from search.engine import columnar
from search.query.gazetteer import Gazetteer, Place
from search.query.parser import Term
from search.text.folding import gram_phrase_checks, query_gram_terms

# Index fields searched by each text field: (n-gram field, one-character field).
TEXT_FIELDS = {
    "title": ("headline_grams", "headline_chars"),
    "author": ("author_grams", "author_chars"),
    "paper": ("paper_grams", "paper_chars"),
}
# What the understanding box says for each field: 标题包含：一件事一次办.
FIELD_LABELS = {"title": "标题包含", "author": "作者", "place": "地点", "paper": "来源"}
# A place value no division has: the term matches nothing (no code is empty).
NO_PLACE = wq.Term("place", "")


@dataclass
class FieldMatch:
    query: wq.Query
    places: list[Place] = field(default_factory=list)


def substring_in(piece: str, grams: str, chars: str) -> wq.Query:
    """Documents whose ``grams`` field contains ``piece`` (one normalised run) exactly."""
    if len(piece) == 1:
        return wq.Term(chars, piece)
    terms = query_gram_terms(piece)
    if len(terms) == 1:
        return wq.Term(grams, terms[0])
    return columnar.SparsePhrase(grams, terms, checked=gram_phrase_checks(len(terms)))


def field_match(term: Term, gaz: Gazetteer) -> FieldMatch:
    """What a field term requires (``term.field`` must be set)."""
    if term.field == "place":
        value = "".join(term.pieces)
        # A name (新晃, 新晃侗族自治县, 怀化), a division code, or its pinyin (xinhuang).
        places = gaz.lookup(value) or ([gaz.places[value]] if value in gaz.places else [])
        places = places or gaz.from_pinyin(value)[:1]
        alternatives: list[wq.Query] = []
        for place in places:
            name = "prefecture" if place.is_prefecture else "place"
            alternatives.append(wq.Term(name, place.code))
        if not alternatives:
            return FieldMatch(NO_PLACE)
        return FieldMatch(alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives), list(places))
    grams, chars = TEXT_FIELDS[term.field]
    parts = [substring_in(piece, grams, chars) for piece in term.pieces]
    return FieldMatch(parts[0] if len(parts) == 1 else wq.And(parts))


def field_label(term: Term, places: list[Place]) -> str:
    """标题包含：一件事一次办 · 地点：新晃侗族自治县 · 地点：未找到“火星”."""
    label = FIELD_LABELS[term.field]
    if term.field == "place":
        if not places:
            return f"{label}：未找到“{term.raw}”"
        return f"{label}：" + "、".join(
            place.name + ("（含下辖县市区）" if place.is_prefecture else "") for place in places
        )
    value = "".join(term.pieces) if len(term.pieces) == 1 else " ".join(term.pieces)
    return f"{label}：{value}"
