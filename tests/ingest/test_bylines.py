"""Names lines, datelines, closing parentheses, photo credits and commentary authors."""

from __future__ import annotations

import pytest

from archive.ingest.bylines import (
    parse_author_line,
    parse_credit,
    parse_names,
    parse_names_line,
    split_closing_byline,
    split_dateline,
)


def pairs(credits):
    return [(c.name, c.role) for c in credits] if credits is not None else None


def test_names_line_with_spaces_inside_two_character_names() -> None:
    assert pairs(parse_names("周 俊 袁新德 彭 瞰")) == [("周俊", None), ("袁新德", None), ("彭瞰", None)]
    assert pairs(parse_names("李梅花 李兵强 欧阳雷")) == [
        ("李梅花", None),
        ("李兵强", None),
        ("欧阳雷", None),
    ]


@pytest.mark.parametrize(
    "line", ["用心 用情 用力", "聚焦聚力 回应期盼", "古 楼 兰 家", "强基固本 粮食生产保供稳"]
)
def test_headline_words_are_not_names(line: str) -> None:
    assert parse_names(line) is None


def test_a_label_covers_all_following_names_up_to_the_next_label() -> None:
    assert pairs(parse_names("记者/刘毅 通讯员/林德建 韩崇洁")) == [
        ("刘毅", "记者"),
        ("林德建", "通讯员"),
        ("韩崇洁", "通讯员"),
    ]
    assert pairs(parse_names("本报记者 王 芳 实习生 陈一鸣")) == [("王芳", "记者"), ("陈一鸣", "通讯员")]


def test_dateline_byline_of_any_paper() -> None:
    paper, body, credits = split_dateline("衡阳日报讯(记者/曾凡宇 通讯员/谭晓梅 陆子豪) 3月8日，在耒阳市")
    assert paper == "衡阳日报讯"
    assert body == "3月8日，在耒阳市"
    assert pairs(credits) == [("曾凡宇", "记者"), ("谭晓梅", "通讯员"), ("陆子豪", "通讯员")]
    paper, body, credits = split_dateline("株洲日报·掌上株洲讯（记者/黎世伟） 12月1日,炎陵县")
    assert paper == "株洲日报·掌上株洲讯" and pairs(credits) == [("黎世伟", "记者")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("…规范履职。(鲁选择)", [("鲁选择", None)]),
        ("…上台领奖。（廖智慧 何茂金）", [("廖智慧", None), ("何茂金", None)]),
        ("…落到实处。(文/白天天)", [("白天天", "文")]),
        ("…贡献自己的力量。(图/文 王莉萍)", [("王莉萍", "图文")]),
        ("…早投产。（常德日报记者/龚 正）", [("龚正", "记者")]),
        ("（李 蓉）", [("李蓉", None)]),
    ],
)
def test_closing_parenthesis_byline(text: str, expected: list) -> None:
    result = split_closing_byline(text)
    assert result is not None
    assert pairs(result[1].credits) == expected


def test_a_parenthesis_that_is_not_a_byline_stays_in_the_text() -> None:
    assert split_closing_byline("在大唐华银攸县能源有限公司(下称大唐华银攸县公司)") is None
    assert split_closing_byline("其他(基料化、燃料化、肥料化)利用13家") is None


def test_photo_credits_of_people_and_of_organisations() -> None:
    assert pairs(parse_credit("肖柳梅 摄").credits) == [("肖柳梅", "摄影")]
    assert pairs(parse_credit("记者/罗曼 摄").credits) == [("罗曼", "摄影")]
    supplied = parse_credit("（望城区行政审批服务局供图）")
    assert supplied.credits == [] and supplied.organisations == ["望城区行政审批服务局"]
    labelled = parse_credit("株洲日报·掌上株洲 记者/邹怡敏 通讯员/肖霜 供图")
    assert pairs(labelled.credits) == [("邹怡敏", "记者"), ("肖霜", "通讯员")]
    assert labelled.publisher == "株洲日报·掌上株洲"


def test_signed_commentary_author() -> None:
    assert pairs(parse_author_line("涟源市委书记 刘杰")) == [("刘杰", "作者")]
    assert pairs(parse_author_line("中方县委书记 陈 斌")) == [("陈斌", "作者")]
    assert parse_author_line("强农富农 产业振兴促发展") is None


@pytest.mark.parametrize(
    ("line", "expected", "prefix"),
    [
        (
            "常德日报全媒体记者 王 强 通讯员 李 娜 张 伟",
            [("王强", "记者"), ("李娜", "通讯员"), ("张伟", "通讯员")],
            "常德日报全媒体记者",
        ),
        ("湖南日报通讯员 刘 洋 陈 静", [("刘洋", "通讯员"), ("陈静", "通讯员")], "湖南日报通讯员"),
        ("浏阳市融媒体中心记者 周 敏", [("周敏", "记者")], "浏阳市融媒体中心记者"),
        ("记者 彭 英 通讯员 向 杰", [("彭英", "记者"), ("向杰", "通讯员")], None),
        ("永顺县融媒体中心 彭 艳 向 鑫", [("彭艳", None), ("向鑫", None)], "永顺县融媒体中心"),
    ],
)
def test_names_line_behind_the_papers_name(line: str, expected: list, prefix: str | None) -> None:
    credits = parse_names_line(line)
    assert credits is not None
    assert pairs(credits.credits) == expected
    assert credits.printed_prefix == prefix


@pytest.mark.parametrize("line", ["记者看到，", "记者了解到：", "用心 用情 用力"])
def test_a_sentence_starting_with_a_label_is_not_a_names_line(line: str) -> None:
    assert parse_names_line(line) is None


def test_closing_parenthesis_with_the_media_centre_before_the_person() -> None:
    body, credit = split_closing_byline("…办事更方便。（宁乡市融媒体中心 欧阳敏）")
    assert body == "…办事更方便。"
    assert pairs(credit.credits) == [("欧阳敏", None)]
    assert credit.printed_prefix == "宁乡市融媒体中心"


def test_dateline_with_the_date_before_讯() -> None:
    paper, body, credits = split_dateline("湘潭日报5月3日讯（全媒体记者 赵 磊 通讯员 孙 丽）5月2日，韶山市")
    assert paper == "湘潭日报5月3日讯"
    assert body == "5月2日，韶山市"
    assert pairs(credits) == [("赵磊", "记者"), ("孙丽", "通讯员")]


def test_an_organisation_that_supplied_the_text_is_not_a_reporter() -> None:
    supplied = parse_credit("（石门县委宣传部供稿）")
    assert supplied.credits == [] and supplied.organisations == ["石门县委宣传部"]
    assert supplied.supplied == "供稿"
