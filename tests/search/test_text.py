"""Normalisation and the character n-grams that guarantee substring recall (pure)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from search.text.folding import (
    fold_char,
    iter_gram_positions,
    normalize,
    normalize_with_offsets,
    query_gram_terms,
    runs,
)


def test_normalize_folds_width_case_traditional_and_spaces_inside_cjk():
    assert normalize("政務服務 ＡＢＣ１２３ 李 蓉") == "政务服务 abc123 李蓉"


def test_traditional_conversion_is_per_character_so_substrings_fold_like_their_text():
    # OpenCC keeps 乾隆 but turns 乾 alone into 干; per-character folding keeps them consistent.
    assert normalize("乾隆")[0] == normalize("乾")


def test_offsets_map_folded_text_back_to_the_original():
    text = "李 蓉在①號"
    folded, offsets = normalize_with_offsets(text)
    assert folded == normalize(text)
    assert [text[i] for i in offsets] == ["李", "蓉", "在", "①", "號"]


def test_grams_are_bigrams_plus_the_last_character_with_gaps_between_runs():
    assert list(iter_gram_positions(normalize("涟源市，县 ab"))) == [
        ("涟源", 0),
        ("源市", 1),
        ("市", 2),
        ("县", 4),
        ("ab", 6),
        ("b", 7),
    ]


def _phrase_present(grams: list[tuple[str, int]], piece: str) -> bool:
    """What Whoosh does for our queries, on the token stream: bigram phrase or any char."""
    if len(piece) == 1:
        return any(g.startswith(piece) for g, _ in grams)
    terms = query_gram_terms(piece)
    positions: dict[str, set[int]] = {}
    for gram, pos in grams:
        positions.setdefault(gram, set()).add(pos)
    return any(
        all(p + i in positions.get(t, ()) for i, t in enumerate(terms)) for p in positions.get(terms[0], ())
    )


alphabet = st.sampled_from(list("政务服务县乡村振兴涟源乾隆后發①Ａa1 ，。\n　-“”"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=alphabet, min_size=1, max_size=60), st.data())
def test_every_substring_is_found_by_the_gram_stream(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 8)))
    query = text[start:end]
    grams = list(iter_gram_positions(normalize(text)))
    for piece in runs(normalize(query)):
        assert _phrase_present(grams, piece), (text, query, piece)


def test_offsets_when_folding_changes_the_length():
    # ㈱ folds to three characters, ﬁ to two: each output character still points at its source.
    text = "㈱長沙 ﬁ 李 蓉"
    folded, offsets = normalize_with_offsets(text)
    assert folded == normalize(text)
    assert len(offsets) == len(folded)
    assert [text[i] for i in offsets] == ["㈱", "㈱", "㈱", "長", "沙", " ", "ﬁ", "ﬁ", " ", "李", "蓉"]


@given(st.text(alphabet=st.sampled_from("政務服务 ＡＢａb１2①㈱ﬁ李蓉\n，。"), max_size=40))
def test_offsets_agree_with_normalize_for_any_text(text):
    folded, offsets = normalize_with_offsets(text)
    assert folded == normalize(text)
    assert len(offsets) == len(folded)
    assert offsets == sorted(offsets)
    assert all(ch in fold_char(text[i]) for ch, i in zip(folded, offsets, strict=True))
