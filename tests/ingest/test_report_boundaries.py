"""Where a headless report starts inside running text, and headline blocks a report's byline opens.

Constructed pages with counties, names and wording not used by the test pages.
"""

from __future__ import annotations

import pytest

from archive.ingest import segment_page
from archive.ingest.text import opens_report


def _by_start(page, start: str):
    return next(a for a in page.articles if a.body.startswith(start))


@pytest.mark.parametrize(
    "text",
    ["近日，桃江县…", "10月9日，…", "今年以来，…", "安化县梅城镇日前举办茶旅节", "县人社局近日发布…"],
)
def test_report_openings(text: str) -> None:
    assert opens_report(text)


@pytest.mark.parametrize(
    "text",
    [
        "该县还将推动茶园提质，",
        "讯员 蒋 文）5月8日，双",
        "“我们村的路修好了。”村民说。",
        "一是强化统筹，明确责任到人到岗位到事项",
    ],
)
def test_not_report_openings(text: str) -> None:
    assert not opens_report(text)


# A finished article, then in the same column a brief about another county with no headline,
# closed by its own credit on a line of its own.
BRIEF_AFTER_ARTICLE = """益阳日报 2025年3月4日 星期二 第5版 县域

桃江县竹产业园

新增企业十二家

胡 琴  钟 亮

今年以来，桃江县围绕竹
产业链招商引资，新引进
竹制品加工企业12家，
总投资达18亿元，带动
就业1500余人。县竹产
业办负责人介绍，该县为
每家企业配备一名服务专
员，项目平均落地周期缩
短到两个月。

日前，安化县梅城镇的“茶
旅驿站”正式对外开放，游
客可在驿站品茶、购茶、
体验制茶工艺。今年以来，
安化县已建成茶旅驿站9
个，接待游客3万余人次。

（通讯员 谭 玲）

沅江市新建十座口袋公园

记者 龚 超

近日，沅江市琼湖街道的口
袋公园建成开放，周边居民
步行五分钟就能到达。沅江
市今年计划建成口袋公园十
座，目前已完工六座。
"""


# The same column set tight: no blank line between the paragraphs and the credit.
TIGHT = BRIEF_AFTER_ARTICLE.replace("两个月。\n\n日前", "两个月。\n日前")
TIGHT = TIGHT.replace("人次。\n\n（", "人次。\n（")


@pytest.mark.parametrize("page_text", [BRIEF_AFTER_ARTICLE, TIGHT], ids=["blank_lines", "tight"])
def test_brief_closed_by_its_own_credit_is_an_article_of_its_own(page_text: str) -> None:
    page = segment_page(page_text)
    assert len(page.articles) == 3
    bamboo = _by_start(page, "今年以来，桃江县")
    tea = _by_start(page, "日前，安化县")
    assert bamboo.body.endswith("缩短到两个月。")
    assert [r.name for r in bamboo.reporters] == ["胡琴", "钟亮"]
    assert tea.title is None
    assert [(r.name, r.role) for r in tea.reporters] == [("谭玲", "通讯员")]
    assert tea.place.county == "安化县"


def test_a_credited_paragraph_about_the_same_county_stays_in_its_article() -> None:
    same = BRIEF_AFTER_ARTICLE.replace("日前，安化县梅城镇", "日前，桃江县桃花江镇").replace(
        "安化县已建成", "桃江县已建成"
    )
    page = segment_page(same)
    assert len(page.articles) == 2
    bamboo = _by_start(page, "今年以来，桃江县")
    assert "茶旅驿站" in bamboo.body


# A headline whose report opens with its byline in parentheses, in a wrapped column with a blank
# line between every printed line.
OPENING_CREDIT = """常宁市推行“一件事一次办”

记者 罗 丹

常宁市政务服务中心设立“一件

事一次办”专窗，企业开办、

不动产登记等事项实现一窗受理。

祁东县“黄花菜”走俏粤港澳

(文/颜 晖)走进祁东县官家嘴

镇的黄花菜基地，村民们正忙着

晾晒、分拣、打包。今年祁东县

黄花菜种植面积达到18万亩。
"""


def test_a_byline_opening_the_first_paragraph_marks_the_line_above_as_a_headline() -> None:
    page = segment_page(OPENING_CREDIT)
    assert [a.title for a in page.articles] == ["常宁市推行“一件事一次办”", "祁东县“黄花菜”走俏粤港澳"]
    daylily = page.articles[1]
    assert daylily.body.startswith("走进祁东县")
    assert [(r.name, r.role) for r in daylily.reporters] == [("颜晖", "文")]


THREE_LINE_HEAD = """郴州日报 2025年5月6日 星期二 第3版

聚力“三新”产业升级

宜章：硅材料产业链加速成形

硅材料年产值有望突破百亿元

记者 陈 曦 通讯员 黄 平

走进宜章县经济开发区，一条条硅材料生产线正开足马力运转。
今年一季度，宜章县硅材料产业实现产值26亿元，同比增长21%。
"""


def test_three_short_lines_over_a_names_line_are_kicker_headline_and_deck() -> None:
    page = segment_page(THREE_LINE_HEAD)
    assert len(page.articles) == 1
    a = page.articles[0]
    assert a.kicker == "聚力“三新”产业升级"
    assert a.title == "宜章：硅材料产业链加速成形"
    assert a.subtitle == "硅材料年产值有望突破百亿元"
    assert a.body.startswith("走进宜章县")


def test_hu_for_lu_in_luxi_is_read_as_the_county() -> None:
    page = segment_page("沪溪县新建一座水厂\n\n近日，沪溪县浦市镇的新水厂建成通水，3万群众喝上放心水。\n")
    assert page.articles[0].place.county == "泸溪县"
