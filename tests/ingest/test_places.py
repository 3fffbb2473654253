"""Place matching: full, short and former names, traps, development zones and OCR slips."""

from __future__ import annotations

import pytest

from archive.ingest.gazetteer import gazetteer
from archive.ingest.places import guess_place, home_prefecture


def place(title: str, body: str = "") -> tuple[str | None, str | None]:
    g = guess_place(title, body)
    return g.county, g.prefecture


def test_gazetteer_has_every_division_and_is_built_once() -> None:
    gz = gazetteer()
    assert sum(1 for d in gz.divisions.values() if d.level == "prefecture") == 14
    assert sum(1 for d in gz.divisions.values() if d.level == "county") == 122
    assert gazetteer() is gz


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "新晃设立“金融超市”",
            "近日，在新晃侗族自治县晃州镇创业的徐先生高兴地说。",
            ("新晃侗族自治县", "怀化市"),
        ),
        (
            "武陵源区持续深化行政执法体制改革",
            "近年来，张家界武陵源区持续深化改革。",
            ("武陵源区", "张家界市"),
        ),
        ("渌口区启动秋冬种", "株洲县撤县设区后，渌口区农业农村局……", ("渌口区", "株洲市")),
        ("望城县旧城改造回顾", "", ("望城区", "长沙市")),
        ("星沙街道举办招聘会", "长沙县星沙街道……", ("长沙县", "长沙市")),
    ],
)
def test_full_short_and_former_names(title: str, body: str, expected: tuple) -> None:
    assert place(title, body) == expected


def test_longest_match_and_single_character_traps() -> None:
    assert place("湖南县域经济发展论坛举行", "衡南县代表作交流发言。") == ("衡南县", "衡阳市")
    assert place("", "通道侗族自治县消防大队走进侗寨，畅通消防通道。") == ("通道侗族自治县", "怀化市")
    assert place("", "很多人不知道县城变化这么大，湖南县域经济持续向好。")[1] is None
    assert place("临澧县推进高标准农田建设", "")[0] == "临澧县"


@pytest.mark.parametrize(
    "body",
    [
        "天津市代表团到访，双方签署合作协议。",
        "宛如世外桃源，凤凰涅槃。",
        "中方一贯主张通过对话解决分歧，县纪委会同有关部门开辟绿色通道。",
        "芙蓉花开，天元围棋赛开幕。",
    ],
)
def test_ordinary_words_are_not_places_without_hunan_context(body: str) -> None:
    assert place("", body) == (None, None)


def test_short_ambiguous_names_count_with_hunan_context() -> None:
    assert place("", "湘西州凤凰县古城游客如织，凤凰旅游持续升温。") == ("凤凰县", "湘西土家族苗族自治州")
    assert place("津市市与天津市企业签约", "近日，津市市在天津市举办招商推介会。") == ("津市市", "常德市")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("株州市荷塘区推进老旧小区改造", ("荷塘区", "株洲市")),
        ("湘谭县莲乡迎来丰收", ("湘潭县", "湘潭市")),
        ("溁口区铲除加拿大一枝黄花", ("渌口区", "株洲市")),
        ("汩罗市龙舟赛开幕", ("汨罗市", "岳阳市")),
        ("武岗市推进惠企政策免申即享", ("武冈市", "邵阳市")),
    ],
)
def test_ocr_and_typing_slips_are_read_as_the_hunan_division(title: str, expected: tuple) -> None:
    guess = guess_place(title, "")
    assert (guess.county, guess.prefecture) == expected
    assert any("误写" in e for e in guess.evidence)


@pytest.mark.parametrize(
    "body", ["南京禄口机场航班正常。", "贵阳市白云区代表团来访。", "四川遂宁市客商洽谈合作。"]
)
def test_real_places_elsewhere_are_not_turned_into_hunan_ones(body: str) -> None:
    assert place("", body) == (None, None)


def test_development_zone_belongs_to_its_prefecture_without_county() -> None:
    guess = guess_place("湘潭高新区开设办事综窗、专窗", "走进湘潭高新区政务服务大厅……")
    assert (guess.county, guess.prefecture) == (None, "湘潭市")
    assert any("功能区" in e for e in guess.evidence)


def test_prefecture_wide_item_names_no_county() -> None:
    body = "永州市召开防汛调度会，要求宁远、江永、双牌、道县等县区压实责任。全市各级各部门严格值班。"
    assert place("", body) == (None, "永州市")
    assert place("湘潭市多措并举探索秸秆综合利用", "湘潭县、湘乡市是重要产粮区……") == (None, "湘潭市")


def test_headline_and_lead_outweigh_a_passing_mention() -> None:
    body = "近日，嘉禾县推广“百姓解忧站”。" + "嘉禾县调解纠纷。" * 3 + "此前，郴州市北湖区也曾试点。"
    guess = guess_place("嘉禾县推广『百姓解忧站』", body)
    assert (guess.county, guess.prefecture) == ("嘉禾县", "郴州市")
    assert guess.evidence and "标题" in guess.evidence[0]


def test_close_call_is_flagged_ambiguous() -> None:
    guess = guess_place("", "醴陵市和攸县联合举办招商推介会，醴陵、攸县两地企业参加。")
    assert guess.ambiguous


def test_unknown_place_falls_back_to_the_papers_prefecture() -> None:
    assert home_prefecture("衡阳日报") == "430400"
    assert home_prefecture("湖南日报") is None
    guess = guess_place("", "全市新增专精特新企业23家。", home="430400")
    assert guess.prefecture == "衡阳市" and guess.county is None and guess.ambiguous
