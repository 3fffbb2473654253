"""The index-time analysis: jieba's segmentation and the postings our fields write (pure)."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.fields import TEXT
from whoosh.formats import Positions

from archive.ingest.decode import decode_page
from search.text.analysis import (
    CharField,
    GramField,
    GramTokenizer,
    JiebaTokenizer,
    WordField,
    _NormalizingTokenizer,
    get_jieba,
    get_segmenter,
    word_positions,
)
from search.text.folding import normalize
from search.text.wordseg import DictionarySegmenter

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def _seed_texts() -> list[str]:
    return [decode_page(path.read_bytes()).text for path in SEEDS]


def test_the_segmenter_cuts_seed_pages_exactly_like_jieba():
    tokenizer = get_jieba().dt
    segmenter = get_segmenter()
    assert SEEDS
    for text in _seed_texts():
        for variant in (text, normalize(text)):
            assert list(segmenter.cut(variant)) == list(tokenizer.cut(variant, HMM=False))


# Dictionary words and their pieces, letters and digits jieba joins, the symbols its
# blocks keep (+#&._%-), punctuation, spaces, ideographs outside its block range.
_ALPHABET = [*"湘潭县一件事一次办政务服务乡村振兴人民中国新晃侗族自治", *"abZ09+#&._%-", *"，。“” \n\t〇㐀😀"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=80))
def test_the_segmenter_cuts_any_text_exactly_like_jieba(text):
    assert list(get_segmenter().cut(text)) == list(get_jieba().dt.cut(text, HMM=False))


def test_equal_scores_go_to_the_longer_first_word_as_in_jieba(tmp_path):
    # 甲乙+丙 and 甲+乙丙 score exactly the same; jieba's max() keeps the longer first word.
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("甲 5\n乙 7\n丙 5\n甲乙 5\n乙丙 5\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(dictionary=str(dictionary))
    tokenizer.tmp_dir = str(tmp_path)
    expected = list(tokenizer.cut("甲乙丙", HMM=False))
    assert expected == ["甲乙", "丙"]
    assert list(DictionarySegmenter(tokenizer).cut("甲乙丙")) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=80))
def test_grouped_positions_are_the_token_streams_grouped(text):
    # The base class groups whatever terms() yields: the reference for the fast versions.
    normalized = normalize(text)
    for tokenizer in (JiebaTokenizer(), GramTokenizer()):
        assert tokenizer.grouped(normalized) == _NormalizingTokenizer.grouped(tokenizer, normalized)


def test_word_positions_keep_text_order_with_sub_words_at_their_words_position():
    pairs = list(word_positions(normalize("推进一件事一次办，一件事一次办好"), for_index=True))
    words = [w for w, _ in pairs]
    assert words.index("推进") < words.index("一件事一次办")
    assert ("一件", pairs[words.index("一件事一次办")][1]) in pairs
    # Every (term, position) once, even when a sub-word occurs twice inside one word.
    assert len(pairs) == len(set(pairs))


def _with_whooshs_positions(field):
    # As in an index written before PackedPositions, opened with its stored schema.
    field.format = Positions(field_boost=field.format.field_boost)
    return field


@pytest.mark.parametrize(
    "field",
    [
        WordField(),
        WordField(field_boost=2.0),
        GramField(),
        CharField(),
        _with_whooshs_positions(WordField()),
        _with_whooshs_positions(GramField()),
    ],
)
def test_fields_write_the_postings_whooshs_analyzer_route_gives(field):
    """Our fields group and encode postings themselves; Whoosh's own route (tokens from
    the tokenizer, grouped and encoded by the field's format) must give the same."""
    for text in _seed_texts()[:2] + ["涟源市 一件事一次办，一件事一次办 ＡＢ12"]:
        ours = sorted(field.index(text))
        whooshs = sorted(TEXT.index(field, text))
        assert ours == whooshs
        assert ours
