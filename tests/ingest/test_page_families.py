"""Families of real page shapes met in the second real-pages round, each as a reader sees it.

Every page here is written for the test (our own sentences in the shapes of e-paper, web and
printed-page dumps): mastheads repeated above each item, chrome lines, photo columns and
spreads, picture captions of online items, columns 23–25 characters wide, datelines with their
月 missing, bylines behind a medium's name, dates printed beside list entries.
"""

from __future__ import annotations

import datetime as dt

import pytest

from archive.ingest import segment_page
from archive.ingest.bylines import parse_names_line, split_dateline
from archive.ingest.furniture import is_header_line, is_web_metadata
from archive.ingest.page_chrome import header_lines


def titles(text: str) -> list[str | None]:
    return [a.title for a in segment_page(text).articles]


@pytest.mark.parametrize(
    "line",
    [
        "国内统一刊号:CN43-0020 张家界日报社出版",
        "中共湘西土家族苗族自治州委员会机关报  国内统一连续出版物号 CN43-0024",
        "新湖南 | 湖南日报社主管主办",
        "CHENZHOU DAILY",
        "TUANJIE BAO",
    ],
)
def test_masthead_lines_are_furniture_anywhere(line: str) -> None:
    assert is_header_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "[打印本页]　[关闭窗口]",
        "相关阅读",
        "首页  时政要闻  乡镇动态  部门动态  视频新闻  专题专栏",
        "--> 2024-03-26 1 3 张家界日报 content_71235.html 1 /enpproperty-->",
        "来源：红网  作者：  编辑：谢婉  2024-06-19 10:48:31",
    ],
)
def test_site_chrome_is_recognised(line: str) -> None:
    assert is_web_metadata(line)


@pytest.mark.parametrize(
    "line",
    ["湘潭县主办全省农民运动会", "县域传真", "双峰农机产业“链”上发力", "首页设计大赛在长沙举行"],
)
def test_headlines_and_section_names_are_not_masthead_or_chrome(line: str) -> None:
    assert not is_header_line(line)
    assert not is_web_metadata(line)


def test_a_masthead_repeated_above_each_item_is_the_header_again() -> None:
    lines = ["怀化日报数字报", "2023年11月15日 星期三", "第03版：县域经济", "新晃黄牛“牛”起来", "正文。"]
    assert header_lines([*lines, "怀化日报数字报", "芷江：项目建设跑出加速度"]) == [
        *[True] * 3,
        False,
        False,
        True,
        False,
    ]


EPAPER = """国内统一刊号:CN43-0020 张家界日报社出版
2024年03月26日

桑植“归雁”返乡兴业

本报讯（记者 钟 晴）在桑植县洪家关白族乡，返乡青年把老家的旱地改成了蜂蜜展示点，县里为他们办好了用地手续。
桑植县人社局负责人说，今年还将举办返乡创业大赛。

国内统一刊号:CN43-0020 张家界日报社出版
2024年03月26日

你拍我晒

▲3月23日，武陵源区索溪峪街道的油菜花开了，游客在花海中拍照。春分过后，景区周边民宿生意红火。  覃建新 摄

国内统一刊号:CN43-0020 张家界日报社出版
2024年03月26日

永定区开展春季森林防火检查

本报讯（记者 符 亮）3月24日，永定区应急管理局联合林业部门，对重点林区的防火设施开展检查。
"""


def test_an_epaper_photo_item_between_mastheads_is_an_item_of_its_own() -> None:
    page = segment_page(EPAPER)
    assert [a.title for a in page.articles] == ["桑植“归雁”返乡兴业", None, "永定区开展春季森林防火检查"]
    photo = page.articles[1]
    assert photo.body.startswith("3月23日，武陵源区索溪峪街道")
    assert [(r.name, r.role) for r in photo.reporters] == [("覃建新", "摄影")]
    assert "你拍我晒" not in photo.body and "国内统一刊号" not in page.articles[0].body


SPREAD = """图片新闻
①3月11日，花垣县双龙镇村民在田间翻耕土地，准备春播。
②花垣县农技人员在育秧大棚内讲解育秧技术。
③花垣县一家农机合作社的机手在检修农机具。
文/图 龙海波

花垣：春耕备耕忙

连日来，花垣县抢抓农时，组织农技人员深入田间地头开展技术指导，全县已落实粮食播种面积32万亩。
"""


def test_a_numbered_photo_spread_gives_captions_to_the_article_below() -> None:
    page = segment_page(SPREAD)
    assert [a.title for a in page.articles] == ["花垣：春耕备耕忙"]
    article = page.articles[0]
    assert len(article.captions) == 3 and article.captions[0].startswith("①3月11日")
    assert "图片新闻" not in article.body and "育秧" not in article.body


WEB_ITEM = """当前位置：首页 > 县市区 > 衡阳

南岳区个体工商户“证照联办”一次办好

来源：红网 作者：分站记者 谭雅琳 通讯员 王思齐 编辑：宋文博 2024-05-20 16:45:08
—分享—

南岳区政务服务中心“证照联办”窗口。
工作人员为商户讲解办事流程。
红网时刻新闻衡阳5月20日讯（分站记者 谭雅琳 通讯员 王思齐）营业执照和食品经营许可证一起拿到手，前后一小时。
今年以来，全区已通过“证照联办”办结业务860件。
"""


def test_an_online_items_picture_lines_above_its_dateline_are_captions() -> None:
    page = segment_page(WEB_ITEM)
    assert [a.title for a in page.articles] == ["南岳区个体工商户“证照联办”一次办好"]
    article = page.articles[0]
    assert article.captions == ["南岳区政务服务中心“证照联办”窗口。", "工作人员为商户讲解办事流程。"]
    assert article.body.startswith("营业执照和食品经营许可证")
    assert article.date == dt.date(2024, 5, 20)


# A printed column 22 characters wide; numbers and punctuation wrap onto the next line.
COLUMN = """醴陵“办不成事”窗口兜住最后一环

株洲日报·掌上株洲讯（记者/易思远）今年以来，
醴陵市在政务服务中心和24个镇（街道）便民服
务中心全部设立“办不成事”反映窗口，由业务骨干
轮流值守，专门受理群众在办事过程中遇到的问题
。窗口实行“首接负责、限时回复”，能当场协调的
当场解决，一般事项3个工作日内给出答复。目前，
该市已据此取消证明材料17项，办结率达98.6%
，群众满意率保持在99%以上。
"""


def test_a_column_of_twenty_two_characters_is_reflowed_into_one_article() -> None:
    page = segment_page(COLUMN)
    assert [a.title for a in page.articles] == ["醴陵“办不成事”窗口兜住最后一环"]
    assert "便民服务中心全部设立" in page.articles[0].body


def test_a_line_referring_back_to_the_text_above_is_never_a_headline() -> None:
    text = (
        "冷水江锑矿区生态修复见成效\n\n"
        "近年来，冷水江市以锑矿区生态修复为重点，累计投入资金12.6亿元，实施废渣治理项目38个。\n\n"
        "该市成立由市委、市政府主要负\n\n\n"
        "责人任组长的领导小组，按月调度、按季讲评，把治理列入重点督查内容。\n"
    )
    assert titles(text) == ["冷水江锑矿区生态修复见成效"]


@pytest.mark.parametrize(
    ("line", "dateline", "names"),
    [
        ("本报518日讯（记者 唐雪芬 通讯员 盘晓燕）5月17日傍晚", "本报518日讯", ["唐雪芬", "盘晓燕"]),
        ("红网时刻519日讯（记者 张 三）今天上午", "红网时刻519日讯", ["张三"]),
    ],
)
def test_a_dateline_with_its_month_missing_is_still_a_dateline(line: str, dateline: str, names: list) -> None:
    found = split_dateline(line)
    assert found is not None
    assert found[0] == dateline and [c.name for c in found[2]] == names


def test_a_month_missing_dateline_dates_its_article_in_the_pages_year() -> None:
    text = (
        "永州日报\n2024年5月19日 星期日\n\n江华：“瑶山警格”织密平安网\n\n"
        "本报518日讯（记者 唐雪芬）5月17日傍晚，江华瑶族自治县大圩镇的网格警务员十分钟赶到现场化解了纠纷。\n"
    )
    assert segment_page(text).articles[0].date == dt.date(2024, 5, 18)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("红网时刻新闻记者 刘子恒 通讯员 王思远 娄底报道", [("刘子恒", "记者"), ("王思远", "通讯员")]),
        ("文/图 湘潭日报全媒体记者 苏明", [("苏明", "记者")]),
    ],
)  # fmt: skip
def test_bylines_behind_a_mediums_name(line: str, names: list) -> None:
    credits = parse_names_line(line)
    assert credits is not None
    assert [(c.name, c.role) for c in credits.credits] == names


LIST_PAGE = """汝城县人民政府门户网站
当前位置：首页 > 新闻中心 > 乡镇动态

热水镇开展汛前地质灾害隐患排查
2021-06-07
6月5日，热水镇组织国土、应急、水利等站所工作人员，对辖区12处地质灾害隐患点逐一开展汛前排查，确保群众安全度汛。
来源：热水镇

暖水镇为留守儿童送去“六一”礼物
2021-06-02
6月1日，暖水镇党委、政府联合镇中心学校，为辖区56名留守儿童送去书包和课外读物。
来源：暖水镇
"""


def test_a_list_entrys_printed_date_dates_the_entry() -> None:
    page = segment_page(LIST_PAGE)
    assert [(a.title, a.date) for a in page.articles] == [
        ("热水镇开展汛前地质灾害隐患排查", dt.date(2021, 6, 7)),
        ("暖水镇为留守儿童送去“六一”礼物", dt.date(2021, 6, 2)),
    ]


def test_an_epaper_header_with_labels_gives_edition_and_page_name() -> None:
    text = (
        "永州日报数字报\n日期：[2024年05月19日]  --  永州日报  --  版次：[03]  县区传真\n"
        "上一篇    下一篇    返回目录\n江华：“瑶山警格”织密平安网\n"
        "本报讯（记者 唐雪芬）5月17日傍晚，江华瑶族自治县大圩镇的网格警务员赶到现场化解了纠纷。\n"
    )
    page = segment_page(text).to_segscore()  # as ``manage.py segment --json`` reports it
    assert [page[k] for k in ("paper", "edition", "page_name", "date")] == [
        "永州日报",
        "03",
        "县区传真",
        "2024-05-19",
    ]
