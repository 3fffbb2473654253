"""Shapes met in the third real-pages round (county e-papers, municipal dailies' county pages).

Every page here is written for the test, in our own sentences over the shapes seen on public
pages: datelines naming only the county (临武讯, 本报通道讯), an e-paper's item links behind its
own name, a page's table of contents printed above its items, a navigation bar wrapped at the
column's edge, and a dateline printed on a line of its own above a headless brief.
"""

from __future__ import annotations

import pytest

from archive.ingest import segment_page
from archive.ingest.bylines import parse_names_line, split_dateline
from archive.ingest.furniture import is_navigation
from archive.ingest.gazetteer import is_column_line
from archive.ingest.page_chrome import header_lines


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("临武讯 5月12日，临武县首批“村播”学员结业。", "临武讯"),
        ("本报通道讯 近日，通道侗族自治县的侗锦工坊迎来订单高峰。", "本报通道讯"),
        ("隆回县融媒体中心讯 今年以来，隆回县新建村级文化广场14个。", "隆回县融媒体中心讯"),
        ("湖南日报·新湖南客户端6月5日讯 6月4日，溆浦县召开项目调度会。", "湖南日报·新湖南客户端6月5日讯"),
    ],
)
def test_datelines_naming_only_the_county_or_the_medium(line: str, dateline: str) -> None:
    found = split_dateline(line)
    assert found is not None and found[0] == dateline
    assert found[1] and not found[2]


@pytest.mark.parametrize(
    "line",
    [
        "喜讯 传来，全村人都很高兴。",  # 喜 is no county
        "春风讯 今年的花开得早。",
        "本报讯",  # nothing after it: a dateline alone says nothing about where a report starts
    ],
)
def test_words_ending_in_xun_are_not_datelines(line: str) -> None:
    assert split_dateline(line) is None


def test_an_e_papers_item_links_behind_its_own_name_are_navigation() -> None:
    assert is_navigation("张家界日报数字报 上一篇 下一篇 返回目录")
    assert is_navigation("郴州日报 上一篇    下一篇")
    assert not is_navigation("张家界日报社召开全媒体改革推进会")


CONTENTS_PAGE = """娄底日报
2024年6月12日 星期三
第03版：县市区

本版标题导航
双峰：农机产业链上新项目落地
新化：紫鹊界梯田迎来插秧季
冷水江：锑矿区复绿三千亩

双峰：农机产业链上新项目落地
本报讯（记者 曾晓燕）6月10日，双峰县农机产业园又有两个整机项目签约落地，园区今年新增规上企业五家。
园区负责人介绍，新项目投产后可带动就业八百余人。

新化：紫鹊界梯田迎来插秧季
本报讯（通讯员 罗建平）连日来，新化县水车镇紫鹊界梯田的农户们抢抓晴好天气插秧，梯田里一派繁忙。
当地今年推广机插秧面积比去年扩大了一成。

冷水江：锑矿区复绿三千亩
本报讯（记者 刘星宇）冷水江市锡矿山一带的废渣堆场今年完成复绿三千亩，昔日的“灰山”重新长出了草木。
"""


def test_a_pages_table_of_contents_is_not_an_article() -> None:
    page = segment_page(CONTENTS_PAGE)
    assert [a.title for a in page.articles] == [
        "双峰：农机产业链上新项目落地",
        "新化：紫鹊界梯田迎来插秧季",
        "冷水江：锑矿区复绿三千亩",
    ]
    assert [a.place.county for a in page.articles] == ["双峰县", "新化县", "冷水江市"]
    assert page.articles[0].body.startswith("6月10日，双峰县农机产业园")


def test_a_block_printed_twice_is_not_a_table_of_contents() -> None:
    lines = [
        "产业园迎来新项目",
        "正文第一段，说清楚发生了什么。",
        "（图/文 李 娜）",
        "村级调解员扎根村组",
        "正文又一段。",
        "（图/文 李 娜）",
        "村级调解员扎根村组",
        "正文又一段。",
    ]
    assert not any(header_lines(lines)[2:5])


def test_a_navigation_bar_wrapped_at_the_columns_edge_is_navigation_to_its_last_word() -> None:
    for bar in ("头版 上一版 下一版 往期回", "头版 | 上一版 | 下一版 | 往期回"):
        flags = header_lines(["郴州日报", "2024年5月20日", bar, "顾", "宜章：政务服务进村组"])
        assert flags[2] and flags[3], bar
        assert not flags[4]


DATELINE_ALONE = """常德日报
2024年4月9日 星期二

本报讯（记者 周 敏 通讯员 李 青）
4月7日，汉寿县甲鱼养殖协会换届，新一届协会将牵头组织甲鱼养殖户统一购买饲料、统一对接甲鱼加工企业。

汉寿：甲鱼产业链延到餐桌
本报讯（记者 周 敏）汉寿县今年新建甲鱼深加工生产线两条，甲鱼产品从养殖户的塘口直接走进了超市冷柜。
县里还组织甲鱼养殖户到加工企业参观，签订保底收购协议，养殖户心里更有底了。
"""


def test_a_dateline_on_its_own_line_starts_a_report_of_its_own() -> None:
    page = segment_page(DATELINE_ALONE)
    assert len(page.articles) == 2
    brief, report = page.articles
    assert brief.body.startswith("4月7日，汉寿县甲鱼养殖协会换届")
    assert report.title == "汉寿：甲鱼产业链延到餐桌"
    assert report.body.startswith("汉寿县今年新建甲鱼深加工生产线")
    assert {c.name for c in brief.reporters} == {"周敏", "李青"}


def test_credits_printed_without_brackets_after_the_dateline() -> None:
    found = split_dateline("本报讯 记者 任婕 通讯员 彭志远 走进岳阳县筻口镇潼溪村，新修的通组公路平坦整洁。")
    assert found is not None
    _, rest, credits = found
    assert [(c.name, c.role) for c in credits] == [("任婕", "记者"), ("彭志远", "通讯员")]
    assert rest.startswith("走进岳阳县筻口镇")
    # A sentence opening with 记者 is no credit: 记者近日从县里获悉…
    assert split_dateline("本报讯 记者近日从县里获悉，全县新建便民驿站20个。")[2] == []


PLACE_OVER_HEADLINE = """岳阳日报
2024年6月22日 星期六

华容县：
“稻虾共作”带火湖乡

本报讯（通讯员 陈星宇）6月下旬，华容县注滋口镇的稻虾田迎来小龙虾集中上市，收购商的冷链车一早就停满了田边。

岳阳县
“四议两公开”
议出和美新村貌

本报讯 记者 任婕 通讯员 彭志远 走进岳阳县筻口镇潼溪村，新修的通组公路平坦整洁，修哪条路由村民代表议定。

岳阳日报社出版  地址：岳阳市岳阳楼区巴陵中路  邮编：414000
"""


def test_a_place_printed_above_a_headline_belongs_to_the_headline_not_to_the_reporters() -> None:
    page = segment_page(PLACE_OVER_HEADLINE)
    first, second = page.articles
    assert first.title == "华容县：“稻虾共作”带火湖乡"
    assert first.place.county == "华容县"
    assert "“四议两公开”" in second.title
    assert ((second.kicker or "") + second.title).startswith("岳阳县")
    assert {c.name for c in second.reporters} == {"任婕", "彭志远"}
    assert second.place.county == "岳阳县"
    # The imprint at the page's foot is furniture, not an article or a headline.
    assert not any("邮编" in (a.title or "") + a.body for a in page.articles)


WEB_ITEM_WITH_BUTTONS = """白地市镇开展“营商环境回头看”走访活动

发布时间：2024-06-17 16:30  来源：白地市镇  作者：唐志刚  字号：大 中 小  打印本页  分享到

6月中旬，白地市镇组织镇村干部走访辖区内的规模企业，逐一了解企业生产经营情况，收集到意见建议14条。

下载新湖南客户端扫码关注
"""


def test_share_buttons_beside_the_author_and_app_prompts_are_chrome() -> None:
    page = segment_page(WEB_ITEM_WITH_BUTTONS)
    assert [a.title for a in page.articles] == ["白地市镇开展“营商环境回头看”走访活动"]
    assert [c.name for c in page.articles[0].reporters] == ["唐志刚"]
    assert "扫码" not in page.articles[0].body


PICTURE_ABOVE_HEADLINE = """连日来，平江县加义镇的油茶林里，村民们正忙着
给油茶树除草施肥。 文/图 通讯员 余晓峰

平江：油茶林里
“长”出好日子

  初秋的平江县加义镇，漫山遍野的油
茶树长势正旺，枝头挂满了青绿色的茶果
。村民们一早就来到自家的油茶林，给新
栽的茶苗培土、除草。
  “以前山上都是荒坡，现在种上油茶
，一亩能收入三千多元。”一位老人说。
"""


def test_a_pictures_text_printed_above_the_headline_is_the_articles_caption() -> None:
    page = segment_page(PICTURE_ABOVE_HEADLINE)
    assert len(page.articles) == 1
    article = page.articles[0]
    assert article.title == "平江：油茶林里"
    assert article.body.startswith("初秋的平江县加义镇")
    assert any("除草施肥" in c for c in article.captions)
    assert [c.name for c in article.reporters] == ["余晓峰"]


@pytest.mark.parametrize(
    ("line", "name", "paper"),
    [
        ("作者：人民日报记者 申林海", "申林海", "人民日报"),
        ("作者：湘潭日报全媒体记者 苏明", "苏明", "湘潭日报"),
    ],
)
def test_an_author_line_naming_the_reporters_paper(line: str, name: str, paper: str) -> None:
    credits = parse_names_line(line)
    assert credits is not None
    assert [(c.name, c.role) for c in credits.credits] == [(name, "记者")]
    assert credits.publisher == paper


@pytest.mark.parametrize("line", ["清廉益阳建设进行时", "图说益阳", "法治郴州在行动"])
def test_standing_column_names_are_column_lines(line: str) -> None:
    assert is_column_line(line)


@pytest.mark.parametrize("line", ["春回大地农事忙", "赫山区“小微权力”晒在阳光下", "图书馆开进村里"])
def test_headlines_are_not_column_lines(line: str) -> None:
    assert not is_column_line(line)


HEADLINE_AFTER_TEXT = """首页 > 县市区 > 岳阳 > 临湘
红网时刻新闻5月19日讯（通讯员 方淑贞）5月17日，临湘市儒溪镇长江岸线的砂石堆场已种上意杨和芦竹，绿意连片。
近年来，临湘市清理长江岸线的非法码头和砂石堆场，复绿面积达2300余亩。
临湘：长江岸线复绿见成效
责任编辑：周怡
首页 > 县市区 > 岳阳 > 湘阴
红网时刻新闻6月20日讯（通讯员 彭蓉）近日，湘阴县鹤龙湖镇建成矛盾纠纷调处化解中心，已受理各类纠纷46件。
湘阴：矛盾纠纷化解有了“终点站”
责任编辑：周怡
"""


def test_a_headline_printed_after_its_text_and_above_the_editors_footer_is_that_texts() -> None:
    page = segment_page(HEADLINE_AFTER_TEXT)
    assert [a.title for a in page.articles] == ["临湘：长江岸线复绿见成效", "湘阴：矛盾纠纷化解有了“终点站”"]
    assert page.articles[1].body.startswith("近日，湘阴县鹤龙湖镇")
