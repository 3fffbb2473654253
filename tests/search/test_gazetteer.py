"""Place names as typed: aliases, pinyin, one-character near-misses (pure, from the shipped TSV)."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.query.gazetteer import Gazetteer, char_similarity, places_from_tsv

TSV = Path(__file__).resolve().parents[2] / "archive" / "data" / "hunan_divisions.tsv"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(places_from_tsv(TSV))


def names(places):
    return [p.name for p in places]


def test_short_and_former_names_find_the_division(gaz):
    assert names(gaz.lookup("望城县")) == ["望城区"]
    assert names(gaz.lookup("湘西州")) == ["湘西土家族苗族自治州"]
    assert names(gaz.lookup("娄底")) == ["娄底市"]
    assert names(gaz.lookup("大庸")) == ["张家界市"]


def test_traditional_form_of_a_name_is_found(gaz):
    assert names(gaz.lookup("瀏陽")) == ["浏阳市"]


def test_counties_of_a_prefecture(gaz):
    loudi = gaz.lookup("娄底")[0]
    assert {"涟源市", "新化县", "双峰县", "冷水江市", "娄星区"} == set(names(gaz.children[loudi.code]))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("lianyuan", "涟源市"), ("xinhuang", "新晃侗族自治县"), ("LianYuan", "涟源市"), ("changsha", "长沙市")],
)
def test_pinyin_is_recognised(gaz, typed, expected):
    assert names(gaz.from_pinyin(typed))[0] == expected


def test_short_latin_strings_are_not_taken_for_pinyin(gaz):
    assert gaz.from_pinyin("an") == []


@pytest.mark.parametrize(
    ("typed", "expected", "reason"),
    [
        ("莲源", "涟源", "字音相近"),
        ("连源市", "涟源市", "字音相近"),
        ("新晁", "新晃", "字形相近"),
        ("溆蒲", "溆浦", "字音相近"),
        ("醴陵市", None, None),  # a correct name is not "corrected"
    ],
)
def test_one_wrong_character_is_corrected_by_sound_or_shape(gaz, typed, expected, reason):
    misses = gaz.near_misses(typed)
    if expected is None:
        assert misses == []
    else:
        assert misses[0].name == expected
        assert misses[0].reason == reason


def test_unrelated_characters_are_not_similar():
    assert char_similarity("猫", "源") is None
    assert char_similarity("晁", "晃") == "字形相近"
