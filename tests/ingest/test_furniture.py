"""Page-header furniture: headers on one line or spread over several, editors' lines anywhere."""

from __future__ import annotations

import pytest

from archive.ingest import segment_page
from archive.ingest.furniture import is_header_line, is_jump_line
from archive.ingest.page_chrome import header_lines


@pytest.mark.parametrize(
    "line",
    [
        "益阳日报 | 2024年9月3日 星期二 | 06 | 县市区 | 责任编辑：郭 亮",
        "2024年9月3日  星期二",
        "责编：覃 岚  校对：聂 文",
        "编辑/曾 卉  版式/易 红",
        "主编 罗 成 版式编辑 彭 翔",
        "第B02版 · 乡村",
        "本版编辑：龙 霞",
        "（下转第6版）",
    ],
)
def test_strong_header_lines_are_furniture_anywhere(line: str) -> None:
    assert is_header_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "安化黑茶香飘海外",  # a headline
        "全域布局 景区串珠",  # a spaced headline made of two short phrases
        "奋进新征程·资兴篇",  # a series kicker
        "记者 刘 敏 通讯员 王 哲",  # a names line
        "编辑部主任李华介绍，今年以来共编发稿件3000余篇。",  # 编辑 inside a sentence
    ],
)
def test_headlines_kickers_bylines_and_sentences_are_not_header_lines(line: str) -> None:
    assert not is_header_line(line)


def test_a_header_spread_over_several_lines_is_one_zone() -> None:
    lines = [
        "怀化日报",
        "2024年5月8日 星期三",
        "07",
        "县域传真",
        "编辑 舒 琴",
        "会同：杨梅丰收",
        "记者 刘 敏",
    ]
    assert header_lines(lines) == [True, True, True, True, True, False, False]


def test_a_section_name_ending_the_zone_stays_a_kicker_or_headline() -> None:
    lines = ["常德日报 2024年5月8日 星期三 A3", "澧县篇", "澧县：稻虾共作富农家"]
    assert header_lines(lines) == [True, False, False]


def test_jump_lines() -> None:
    assert is_jump_line("上接第1版") and is_jump_line("（转A4版）")
    assert not is_jump_line("上接群众诉求")


def test_multi_line_header_gives_paper_date_and_page_label_and_is_set_aside() -> None:
    text = (
        "岳阳晚报\n\n2024年8月6日 星期二\n\n第A06版 · 县区\n\n责任编辑 许 诺\n\n"
        "平江：油茶林里话丰收\n\n"
        "8月5日，平江县三市镇的油茶基地里，村民正在给油茶林除草施肥。近年来，平江县油茶种植面积"
        "达到60万亩，油茶产业综合产值突破30亿元。\n"
    )
    page = segment_page(text)
    assert page.paper == "岳阳晚报" and page.page_label == "第A06版"
    assert str(page.date) == "2024-08-06"
    assert [a.title for a in page.articles] == ["平江：油茶林里话丰收"]
    assert "责任编辑 许 诺" in page.furniture
    assert page.articles[0].place.county == "平江县"
