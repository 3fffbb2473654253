"""Mechanisms added for the fourth blind set: one byline recogniser that keeps credits out of
headlines, online-dump metadata as furniture, column lines as kickers, the 洪江 zone, jump
lines and wider blank gaps as article boundaries.

Every page here is constructed with counties, names and wording not used by the test pages.
"""

from __future__ import annotations

import datetime as dt

import pytest

from archive.ingest import segment_page
from archive.ingest.bylines import is_byline, parse_author_line
from archive.ingest.furniture import is_web_metadata, split_web_metadata
from archive.ingest.places import guess_place
from archive.ingest.text import nospace


def pairs(credits):
    return [(c.name, c.role) for c in credits]


def by_title(page, title):
    found = [a for a in page.articles if a.title and nospace(a.title) == nospace(title)]
    assert len(found) == 1, [a.title for a in page.articles]
    return found[0]


# --- one byline recogniser -------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "记者 卢 静 报道",
        "记者 廖 凡  通讯员 谭 晶",
        "作者：记者 石 岩 通讯员 易 欣 阳 波",
        "红网客户端记者 贺 平",
        "汝城县委书记 朱 红霞",
        "中共安仁县委书记、县长 侯 军",
        "龙 飞  麻晓燕",
    ],
)
def test_byline_lines_are_recognised(line: str) -> None:
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "成链",  # a lone two-character word: as likely a wrapped piece of text as a name
        "汝城县推行“一窗通办”",
        "县委书记谈发展",  # without a space the same words are a headline
        "今年以来，全县新增市场主体1200户。",
    ],
)
def test_text_is_not_a_byline(line: str) -> None:
    assert not is_byline(line)


def test_author_line_with_a_space_inside_the_name() -> None:
    assert pairs(parse_author_line("宜章县委书记 邝 明辉")) == [("邝明辉", "作者")]
    assert pairs(parse_author_line("宜章县委书记 邝明辉")) == [("邝明辉", "作者")]
    assert parse_author_line("宜章县委书记邝明辉") is None


_COMMENTARY_PAGE = """郴州日报  2025年3月4日  星期二  第3版  县区

汝城县推行“一窗通办”

今年以来，汝城县深化政务服务改革，将38个部门的520项事项纳入综合窗口，群众办事平均时间缩短一半。

该县还在14个乡镇便民服务中心推行“全科受理”，让群众就近办、一次办。

（通讯员 朱 琳）



【书记访谈】
把论文写在青山绿水间
汝城县委书记 朱 红霞

汝城是革命老区，也是生态大县。我们坚持生态优先、绿色发展，让好山好水变成群众增收的“绿色银行”。

守护好一江碧水，是我们义不容辞的责任。全县将持续推进林长制、河长制，让绿水青山成色更足。
"""


def test_signed_commentary_author_line_is_not_part_of_its_headline() -> None:
    page = segment_page(_COMMENTARY_PAGE)
    assert len(page.articles) == 2
    commentary = by_title(page, "把论文写在青山绿水间")
    assert commentary.kicker == "【书记访谈】"
    assert pairs(commentary.reporters) == [("朱红霞", "作者")]
    assert commentary.body.startswith("汝城是革命老区")
    news = by_title(page, "汝城县推行“一窗通办”")
    assert "汝城是革命老区" not in news.body


_TOUCHING_BYLINE_PAGE = """湘西团结报  2025年5月6日  星期二  第2版  综合

泸 溪 县 推 行 “ 院 落 议 事 ”
记者 符 晓  通讯员 向 宁

“院落里的事，大家坐下来商量着办。”泸溪县浦市镇一名居民说。今年以来，泸溪县推行“院落议事”，化解邻里纠纷120余件。

该县还组建院落志愿服务队46支，开展环境整治、邻里互助等活动。



保靖黄金茶春茶开采
记者 尚 文 报道

3月下旬，保靖县葫芦镇的黄金茶园里，茶农们正忙着采摘春茶。今年全县黄金茶采摘面积达12万亩。
"""


def test_headline_touching_its_byline_stays_a_headline() -> None:
    page = segment_page(_TOUCHING_BYLINE_PAGE)
    assert len(page.articles) == 2
    luxi = by_title(page, "泸溪县推行“院落议事”")
    assert pairs(luxi.reporters) == [("符晓", "记者"), ("向宁", "通讯员")]
    assert luxi.place.county == "泸溪县"
    tea = by_title(page, "保靖黄金茶春茶开采")
    assert pairs(tea.reporters) == [("尚文", "记者")]


# --- online dumps -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "郴州新闻网 > 县区 > 正文",
        "您现在的位置：首页 > 新闻中心",
        "发布时间：2025-03-02 08:15:20  浏览次数：931",
        "发布日期：2025-03-02  信息来源：郴州日报",
        "【来源：红网】",
        "来源：宜章县融媒体中心",
        "分享到：微信 微博",
        "上一篇：安仁县举办春季招聘会",
        "（责任编辑：邓 洁）",
    ],
)
def test_web_metadata_lines(line: str) -> None:
    assert is_web_metadata(line)


@pytest.mark.parametrize(
    "line", ["来源于群众的智慧", "发布时间定在明年春天", "长沙>株洲", "分享经验", "作者：记者 李 平"]
)
def test_text_is_not_web_metadata(line: str) -> None:
    assert not is_web_metadata(line)


def test_byline_sharing_a_line_with_metadata() -> None:
    rest, pieces = split_web_metadata("来源：郴州日报  作者：记者 何 苗")
    assert pieces == ["来源：郴州日报"]
    assert is_byline(rest)


_WEB_DUMP = """郴州新闻网 > 县区 > 正文

宜章：“一件事一次办”跑出加速度
发布时间：2025-03-02 08:15:20  浏览次数：931
作者：记者 何 苗 通讯员 欧 琳
【来源：郴州日报】
今年以来，宜章县梳理出企业开办、不动产登记等32个“一件事”套餐，申请材料平均减少六成，办理时限压缩七成以上。
“以前办个证要跑好几个部门，现在一个窗口就办完了。”在宜章县政务服务中心，刚办完手续的个体户黄先生说。
编辑：邓洁
责任编辑：曹敏
分享到：微信 微博 QQ空间

临武县通江湖香芋喜获丰收
发布时间：2025-03-01 16:02:11  来源：临武县融媒体中心
2月下旬，临武县舜峰镇的香芋种植基地里，村民们正忙着采挖、分拣、装车，今年全县香芋种植面积达到2.8万亩。
该县推行“合作社+基地+农户”模式，带动1200余户农户增收。
（唐 杰）
编辑：邓洁
上一篇：宜章：“一件事一次办”跑出加速度
"""


def test_online_dump_metadata_is_furniture_and_articles_stay_apart() -> None:
    page = segment_page(_WEB_DUMP)
    assert [nospace(a.title) for a in page.articles] == [
        "宜章：“一件事一次办”跑出加速度",
        "临武县通江湖香芋喜获丰收",
    ]
    yizhang, linwu = page.articles
    assert pairs(yizhang.reporters) == [("何苗", "记者"), ("欧琳", "通讯员")]
    assert pairs(linwu.reporters) == [("唐杰", None)]
    assert yizhang.place.county == "宜章县" and linwu.place.county == "临武县"
    for article in page.articles:
        assert "发布时间" not in article.body and "来源" not in article.body
    # Each item is dated by its own 发布时间 line; the breadcrumb and share buttons are furniture.
    assert (yizhang.date, linwu.date) == (dt.date(2025, 3, 2), dt.date(2025, 3, 1))
    furniture = "|".join(nospace(f) for f in page.furniture)
    for piece in ("郴州新闻网>县区>正文", "【来源：郴州日报】", "分享到：微信微博QQ空间", "上一篇："):
        assert piece in furniture


# --- kickers -------------------------------------------------------------------------------------


_KICKER_PAGE = """益阳日报  2025年4月8日  星期二  第2版  县域

产业振兴看桃江
桃江：小楠竹撑起大产业

近日，桃江县一家竹木加工企业的生产线上，工人们正在赶制出口订单。全县竹产业综合产值今年有望突破百亿元。

（曹 宇 邹 敏）



文明新风在沅江
移风易俗树新风

今年以来，沅江市各村修订村规民约，推行红白喜事简办，群众人情负担明显减轻。

（戴 颖）
"""


def test_column_line_over_a_headline_is_its_kicker() -> None:
    page = segment_page(_KICKER_PAGE)
    assert len(page.articles) == 2
    taojiang = by_title(page, "桃江：小楠竹撑起大产业")
    assert taojiang.kicker == "产业振兴看桃江"
    assert taojiang.place.county == "桃江县"
    yuanjiang = by_title(page, "移风易俗树新风")
    assert yuanjiang.kicker == "文明新风在沅江"


def test_column_shaped_line_alone_is_a_headline() -> None:
    page = segment_page(
        "幸福生活在汝城\n\n今年以来，汝城县新建城乡社区综合服务设施18处，群众家门口就能办事。\n\n（朱 琳）\n"
    )
    assert [a.title for a in page.articles] == ["幸福生活在汝城"]


# --- places: the 洪江 zone ---------------------------------------------------------------------------


def test_hongjiang_old_merchant_town_is_the_zone_not_hongjiang_city() -> None:
    guess = guess_place("洪江古商城迎来旅游旺季", "国庆期间，洪江古商城接待游客8万人次，窨子屋里游人如织。")
    assert guess.county is None
    assert guess.prefecture == "怀化市"
    city = guess_place("洪江市柑橘喜获丰收", "近日，洪江市岔头乡的柑橘基地迎来采摘季。")
    assert city.county == "洪江市"


# --- jump lines and blank gaps -------------------------------------------------------------------------


_CONTINUED_PAGE = """# 苏仙区：让群众办事“一次成”

## ——苏仙区深化政务服务改革见闻

上接第1版

“帮办代办”暖人心

“多亏了帮办员，我的营业执照两天就拿到了。”苏仙区一家餐馆的老板说。今年以来，苏仙区在各街道设立帮办代办窗口，累计办件5600件。

“数据跑”代替“群众跑”

苏仙区打通不动产、税务等部门数据，实现不动产登记“一次申请、同步办理”，网上可办率达到98%。

下转第3版



产业振兴看桂东
桂东：小茶叶成为富民大产业

桂东县结合各乡镇资源禀赋发展茶产业，全县茶园面积达到8万亩，带动1.5万人增收。

（黄 敏）
"""


def test_subhead_under_a_jump_line_stays_in_the_continued_article() -> None:
    page = segment_page(_CONTINUED_PAGE)
    assert len(page.articles) == 2
    suxian = by_title(page, "苏仙区：让群众办事“一次成”")
    assert suxian.body.startswith("“帮办代办”暖人心")
    assert "网上可办率达到98%" in suxian.body
    guidong = by_title(page, "桂东：小茶叶成为富民大产业")
    assert guidong.kicker == "产业振兴看桂东"


_GAP_PAGE = """团结报  2025年6月3日  星期二  第2版  综合

龙山县推行“屋场议事”
记者 彭 程  通讯员 田 甜

“屋场里的事，大家坐下来商量着办。”龙山县里耶镇一名村民说。今年以来，龙山县推行“屋场议事”，化解纠纷200余件。

“以前为了一条排水沟，两家人吵了好几年，现在屋场会上一次就说通了。”里耶镇一名网格员说。

龙山县还把屋场议事与积分制结合，群众参与治理的积极性明显提高。



“绣一幅花带能卖两百元，在家就能挣钱。”在永顺县松柏镇的土家织锦工坊里，织娘们正忙个不停。

永顺县把土家织锦作为带动妇女就业的特色产业，建成织锦工坊26家，带动1800余名妇女就业。

永顺织锦织出致富路
——永顺县土家织锦产业带动妇女家门口就业
彭 莉  向 敏
"""


def test_wider_blank_gap_is_where_two_headlines_share_a_body() -> None:
    page = segment_page(_GAP_PAGE)
    assert len(page.articles) == 2
    longshan = by_title(page, "龙山县推行“屋场议事”")
    assert longshan.body.rstrip().endswith("积极性明显提高。")
    yongshun = by_title(page, "永顺织锦织出致富路")
    assert yongshun.title_after_body
    assert yongshun.body.startswith("“绣一幅花带能卖两百元")


_WEB_DUMP_BLANK_LINES = """首页 > 新闻中心 > 县域动态

汨罗市“屋场恳谈会”化解群众急难愁盼

来源：岳阳日报  作者：记者 周 平  发布时间：2025-02-10

今年以来，汨罗市在全市推行“屋场恳谈会”，累计召开恳谈会1200余场，收集群众意见建议3600余条。

“有事大家商量着办，心里舒坦多了。”汨罗市长乐镇一名村民说。

【责任编辑：陈 敏】

平江县新建10所乡村幼儿园

来源：平江县融媒体中心  发布时间：2025-02-09

近日，平江县新建的10所乡村幼儿园全部投入使用，新增学位2400个，让农村孩子在家门口就能上好幼儿园。
"""


def test_byline_printed_inside_a_metadata_line() -> None:
    page = segment_page(_WEB_DUMP_BLANK_LINES)
    assert [nospace(a.title) for a in page.articles] == [
        "汨罗市“屋场恳谈会”化解群众急难愁盼",
        "平江县新建10所乡村幼儿园",
    ]
    miluo, pingjiang = page.articles
    assert pairs(miluo.reporters) == [("周平", "记者")]
    assert miluo.date == dt.date(2025, 2, 10) and pingjiang.date == dt.date(2025, 2, 9)
    assert pingjiang.kicker is None  # 【责任编辑：…】 is furniture, not a label over the next headline
    furniture = "|".join(nospace(f) for f in page.furniture)
    assert "来源：岳阳日报" in furniture and "【责任编辑：陈敏】" in furniture


_NARROW_COMMENTARY = """【县长论坛】
以改革激发
县域发展活力
宁远县委副书记、县长 欧阳 峰

宁远地处湘南，区位
优越。近年来，我们坚
持改革创新，持续优化
营商环境，县域经济实
现了量质齐升。

今年，我们将继续深
化“放管服”改革，让企
业和群众办事更便捷。
"""


def test_commentary_in_a_narrow_column_is_placed_by_its_authors_county() -> None:
    (article,) = segment_page(_NARROW_COMMENTARY).articles
    assert article.kicker == "【县长论坛】"  # the label is not wrapped into the headline
    assert pairs(article.reporters) == [("欧阳峰", "作者")]
    # 宁远 alone is a common word; the official's title names the county.
    assert article.place.county == "宁远县"


def test_column_line_touching_its_headline_under_the_page_header() -> None:
    page = segment_page(
        "常德日报  2025年1月7日  星期二  第2版\n\n"
        "乡村振兴看桃源\n雷打茶飘出致富香\n——桃源县发展特色茶产业纪实\n记者 龚 琪\n\n"
        "桃源县茶庵铺镇的茶园里，今年的春茶又卖出了好价钱。全县茶园面积达到26万亩。\n\n"
        "该县还推动茶旅融合发展，茶园景区年接待游客超过50万人次。\n"
    )
    (article,) = page.articles
    # Neither a section name of the header nor a piece of the headline.
    assert (article.kicker, article.title) == ("乡村振兴看桃源", "雷打茶飘出致富香")
    assert article.subtitle == "桃源县发展特色茶产业纪实"
    assert article.place.county == "桃源县"
