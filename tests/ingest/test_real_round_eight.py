"""Shapes met in the eighth real-pages round (read on the new blind sets ta, tb, te and tf).

Every page here is written for the test, in our own sentences over shapes seen on public pages:
county apps that print a prompt (打开…，阅读体验更佳), a copyright note and a comment box around every
item; printed pages that mark bylines and a column's signature with □; a county site that carries
its prefecture's news; WeChat pushes whose items stand under 01/02 numbers, a ▶ digest or a 【快讯】
mark repeated over each brief; a dated lead printed above its headline; a list page whose teasers
end in … before the full items; a picture's line signed by its photographer above a 报道 byline;
and an OCR column where a brief cuts into an article in mid-sentence.
"""

from __future__ import annotations

import pytest

from archive.ingest import segment_page
from archive.ingest.bylines import is_byline, parse_names_line
from archive.ingest.furniture import BREADCRUMB, is_web_metadata


@pytest.mark.parametrize(
    "line",
    [
        "打开掌上临武，阅读体验更佳",
        "打开时刻新闻，参与讨论",
        "打开新邵阳，查看更多精彩内容",
        "写评论...",
        "声明：本文版权归原作者所有，转载请注明出处。",
        "无障碍 长者模式 简体版",
        "预览时标签不可点",
        "【返回本版目录】【打印】",
        "掌上郴州",
        "郴州新闻网掌上郴州",
        "继续滑动看下一个",
        "嘉禾县融媒体中心出品",
        "本站稿件未经郴州日报社书面许可，不得转载、摘编。",
        "，时长02:15",
    ],
)
def test_app_and_site_chrome_of_this_round_is_furniture(line: str) -> None:
    assert is_web_metadata(line)


@pytest.mark.parametrize(
    "line", ["打开销路，农户增收有了底气", "掌上办事更方便了", "出品质量稳步提升，企业订单排到年底"]
)
def test_sentences_that_start_like_chrome_are_not(line: str) -> None:
    assert not is_web_metadata(line)


def test_a_breadcrumb_may_use_double_arrows() -> None:
    assert BREADCRUMB.match("您现在的位置：首页>>新闻中心>>乡镇动态")


def test_a_boxed_byline_is_a_byline() -> None:
    """□ marks a printed page's byline, and a column's signature when the names stand alone."""
    labelled = parse_names_line("□全媒体记者 陈 曦 通讯员 唐明远")
    assert labelled is not None
    assert [(c.name, c.role) for c in labelled.credits] == [("陈曦", "记者"), ("唐明远", "通讯员")]
    signed = parse_names_line("□ 邓 宁")
    assert signed is not None and [(c.name, c.role) for c in signed.credits] == [("邓宁", "作者")]
    assert is_byline("□ 邓 宁") and is_byline("□ 欧阳晓文")
    assert not is_byline("□ 产业兴旺") and parse_names_line("□ 产业兴旺") is None


COMMENTARY_IN_COLUMN = """县域新闻

嘉禾建成乡镇农机服务站12个
本报讯（记者 李 欣）今年以
来，嘉禾县在各乡镇建设农机
服务站，为农户提供农机维修、
代耕代收等服务，目前已建成12
个，覆盖全县主要粮食产区。

一线观察
让服务站“转”起来
□ 邓 宁
服务站建起来不难，难的是
长久转下去。既要有懂技术的人
守在站里，也要有稳定的订单让
机手愿意留下来。把站点和合作
社、种粮大户连在一起，服务站
才能真正成为农户身边的帮手。
"""


def test_a_commentary_signed_under_its_headline_keeps_headline_and_author_apart() -> None:
    page = segment_page(COMMENTARY_IN_COLUMN)
    comment = page.articles[-1]
    assert comment.title == "让服务站“转”起来"
    assert [(r.name, r.role) for r in comment.reporters] == [("邓宁", "作者")]
    assert comment.body.startswith("服务站建起来不难")


COUNTY_SITE = """临武县人民政府
首页 | 新闻中心 | 政务公开 | 政务服务 | 互动交流
当前位置：首页 > 新闻中心 > 部门动态

郴州市启动秋冬季森林防火专项行动

发布时间：2024-10-21 09:30    信息来源：县林业局

近日，郴州市召开秋冬季森林防火工作部署会，要求各地压实防火责任，加强野外火源管控，在重点林区设立检查站，做到早发现、早处置。

会议明确，从11月起全市进入森林防火紧要期，各级护林员要增加巡山频次，确保不发生重大森林火灾。

主办：临武县人民政府办公室

临武县人民政府
首页 | 新闻中心 | 政务公开 | 政务服务 | 互动交流
当前位置：首页 > 新闻中心 > 乡镇动态

汾市镇：山塘清淤保灌溉

发布时间：2024-10-20 16:12    信息来源：汾市镇

入秋以来，汾市镇组织挖机对辖区23口山塘开展清淤扩容，新增蓄水量4万余立方米，为明年春耕灌溉打下基础。

镇里同步对山塘堤坝进行加固，并落实专人管护，确保汛期安全。

主办：临武县人民政府办公室
"""


def test_a_county_site_carries_its_prefectures_news_without_claiming_it() -> None:
    page = segment_page(COUNTY_SITE)
    by_title = {a.title: a for a in page.articles}
    city = by_title["郴州市启动秋冬季森林防火专项行动"]
    assert (city.place.county, city.place.prefecture) == (None, "郴州市")
    town = by_title["汾市镇：山塘清淤保灌溉"]
    assert town.place.county == "临武县"


PUSH_WITH_NUMBERS = """临武发布｜一周要闻

原创 临武发布 临武发布 2024年11月02日 18:00 湖南

今日导读
▶ 临武县“一件事一次办”新增12项
▶ 舜峰镇老旧小区改造完工
▶ 县人民医院开设夜间门诊

01
临武县“一件事一次办”新增12项

记者｜黄 晴

11月1日起，临武县政务服务中心新增企业迁移、残疾人服务等12项“一件事一次办”事项，群众提交一次材料即可办结。

县政务服务中心负责人表示，下一步将把更多高频事项纳入清单，让群众少跑腿。

02
舜峰镇老旧小区改造完工

10月底，舜峰镇5个老旧小区改造工程全部完工，改造内容包括管网更换、外墙修缮和增设停车位，惠及居民800余户。

“以前一下雨楼道就积水，现在再也不用担心了。”居民李大爷说。

03
县人民医院开设夜间门诊

为方便上班族就医，县人民医院从11月起开设夜间门诊，每天18时至21时安排内科、儿科医生坐诊。

开诊首周，夜间门诊已接诊患者320余人次。

来源：临武县融媒体中心
编辑：曹 敏
"""


def test_a_pushs_items_under_their_numbers_each_keep_their_headline() -> None:
    page = segment_page(PUSH_WITH_NUMBERS)
    assert [a.title for a in page.articles] == [
        "临武县“一件事一次办”新增12项",
        "舜峰镇老旧小区改造完工",
        "县人民医院开设夜间门诊",
    ]
    assert page.articles[1].body.startswith("10月底，舜峰镇") and "夜间门诊" not in page.articles[1].body


BRIEFS_UNDER_MARKS = """一周快讯丨这些好消息请收下

原创 嘉禾融媒 嘉禾发布 2024年06月21日 18:30 湖南

嘉禾县新建村级便民服务点16个

6月20日，嘉禾县新建的16个村级便民服务点全部投入使用，群众在家门口即可办理社保认证、医保缴费等38项业务。

【快讯】

6月18日，嘉禾县人民医院通过省级卒中中心现场评审，成为全县首家省级卒中中心。

（通讯员 何丽君）

【快讯】

袁家镇：夏季防溺水宣传进村入户

连日来，袁家镇组织网格员走村入户，向留守儿童家长发放防溺水宣传资料2000余份。

【快讯】

6月19日，嘉禾县生态环境部门对钟水河沿岸排污口开展专项检查，发现的3处问题已现场交办整改。

【一句话新闻】

县图书馆暑期少儿阅读活动即日起报名，共开设绘本、书法等6个主题班。

来源：嘉禾县融媒体中心
"""


def test_a_column_mark_over_each_brief_opens_an_item_with_or_without_a_headline() -> None:
    page = segment_page(BRIEFS_UNDER_MARKS)
    starts = [a.body[:8] for a in page.articles]
    assert starts == [
        "6月20日，嘉禾",
        "6月18日，嘉禾",
        "连日来，袁家镇组",
        "6月19日，嘉禾",
        "县图书馆暑期少儿",
    ]
    hospital = page.articles[1]
    assert hospital.title is None and [r.name for r in hospital.reporters] == ["何丽君"]
    assert page.articles[2].title == "袁家镇：夏季防溺水宣传进村入户"
    assert all("【快讯】" not in a.body for a in page.articles)


DATED_LEAD_ABOVE_HEADLINE = """郴州日报
2024年9月12日 星期四
县域新闻 3

本报讯（记者 刘 畅 通讯员
何思远）9月10日，在安仁县政务
服务中心，一家新能源企业负责人
拿到了项目施工许可证，从提交材
料到拿证只用了7个工作日。

安仁“帮代办”跑出项目加速度

今年以来，安仁县组建项目帮代
办专班，对重点项目实行一对一
跟踪服务，提前介入选址、规划
等环节，帮企业梳理审批材料。
截至8月底，专班已为31个项目
提供帮代办服务，审批时限平均
压缩四成。
"""


def test_a_dated_lead_printed_above_its_headline_is_the_articles_lead() -> None:
    page = segment_page(DATED_LEAD_ABOVE_HEADLINE)
    assert len(page.articles) == 1
    article = page.articles[0]
    assert article.title == "安仁“帮代办”跑出项目加速度"
    assert article.body.startswith("9月10日，在安仁县政务") and "审批时限平均压缩四成" in article.body
    assert [r.name for r in article.reporters] == ["刘畅", "何思远"]


LIST_WITH_TEASERS = """汝城县人民政府
首页 | 新闻中心 | 政务公开
当前位置：首页 > 新闻中心 > 乡镇动态

乡镇动态

热水镇：温泉民宿迎来旅游旺季  2024-10-08

国庆假期，热水镇温泉民宿入住率超过九成，镇里组织志愿者在景区路口疏导交通，…

土桥镇完成秋季征兵体检  2024-10-07

汝城县人民政府
当前位置：首页 > 新闻中心 > 乡镇动态

热水镇：温泉民宿迎来旅游旺季

信息来源：热水镇  发布时间：2024-10-08 09:15

国庆假期，热水镇温泉民宿入住率超过九成，镇里组织志愿者在景区路口疏导交通，引导游客错峰出行。

今年以来，热水镇新增精品民宿14家，带动周边农户销售土特产200余万元。
"""


def test_a_list_pages_teaser_is_not_an_item_when_the_item_follows_in_full() -> None:
    page = segment_page(LIST_WITH_TEASERS)
    assert [a.title for a in page.articles] == ["热水镇：温泉民宿迎来旅游旺季"]
    assert page.articles[0].body.startswith("国庆假期") and "新增精品民宿14家" in page.articles[0].body


SIGNED_PICTURE_OVER_BYLINE = """红网首页 | 时刻新闻 | 郴州站
红网 > 郴州站 > 区县

北湖区开展秋季河道保洁行动

来源：红网 作者：罗 兰 编辑：谭 文 2024-10-15 10:20:31

10月14日，保洁人员在郴江北湖段打捞水面垃圾。 红网时刻新闻记者 罗兰 摄

红网时刻新闻记者 罗兰 通讯员 黄晓雨 郴州报道

近日，北湖区启动秋季河道保洁行动，组织保洁队伍对辖区郴江、燕泉河等河段开展集中清理。

行动将持续到11月底，同步对沿河排污口开展排查。
"""


def test_a_pictures_signed_line_above_the_byline_is_a_caption() -> None:
    page = segment_page(SIGNED_PICTURE_OVER_BYLINE)
    assert len(page.articles) == 1
    article = page.articles[0]
    assert article.title == "北湖区开展秋季河道保洁行动"
    assert article.body.startswith("近日，北湖区启动")
    assert any("打捞水面垃圾" in c for c in article.captions)


BRIEF_CUT_INTO_ARTICLE = """资兴巿开展校园周边食品安全检查
本报讯（通讯员 袁 丽）10月以来，资
兴巿市场监管局对全巿中小学周边食品
店开展拉网式检查，重点查看进货台账、
保质期标识和
宜章秋冬种油菜超20万亩
本报讯（通讯员 邝 晨）眼下正是油菜
播种时节，宜章县组织农技人员分片指
导，推广机械直播技术。
从业人员健康证明等情况。截至目前，
共检查门店186家，督促整改问题23个。
"""


def test_a_briefs_headline_over_its_dateline_is_not_glued_to_the_sentence_it_cuts() -> None:
    page = segment_page(BRIEF_CUT_INTO_ARTICLE)
    titles = [a.title for a in page.articles]
    assert "宜章秋冬种油菜超20万亩" in titles
    assert all("宜章秋冬种油菜超20万亩" not in a.body for a in page.articles)


WRAPPED_HEADLINES = """湘潭日报 2024年11月5日 星期二 县区新闻 3

雨湖区：“红色驿站”里
办成群众身边事
本报讯（通讯员 罗 佳）今年以来，雨湖区在
12个社区建起“红色驿站”，居民在家门口就能
办理社保认证、老年证申领等业务。

田间“包袱”变绿色财富
湘潭县多措并举推进秸秆综合利用
本报讯（通讯员 周 莹）秋收过后，湘潭县组织
农机合作社开展秸秆打捆回收，今年秸秆综合利
用率已达到九成以上。
"""


def test_a_headline_wrapped_after_its_subject_is_one_title_and_a_deck_stays_a_deck() -> None:
    page = segment_page(WRAPPED_HEADLINES)
    first, second = page.articles
    assert (first.title, first.subtitle) == ("雨湖区：“红色驿站”里办成群众身边事", None)
    assert (second.title, second.subtitle) == ("田间“包袱”变绿色财富", "湘潭县多措并举推进秸秆综合利用")


COMMENTARY_INSIDE_FEATURE = """湖南日报 2024年10月15日 星期二 县域经济 07

汝城：一片茶叶的“富民经”
湖南日报全媒体记者 周 宁

  深秋时节，汝城县的高山茶园里仍
有茶农在修剪茶树，为明年春茶蓄力。
这个山区县的茶园面积已达12万亩。
育好“一株苗”
  “苗好一半收。”在县里的茶苗繁育
基地，技术员正在查看新扦插的茶苗。
县里每年免费向农户发放良种茶苗。

短评
茶香里有好日子
□ 李 然
  一片茶叶撑起一个产业，靠的是把
种苗、加工、品牌一环一环抓实。
做优“一杯茶”
  在县城的一家茶叶加工厂，新上的
生产线正在运转，每天可加工鲜叶20
吨。去年全县茶叶综合产值突破30亿
元。
"""


def test_a_features_next_section_after_an_inset_commentary_returns_to_the_feature() -> None:
    page = segment_page(COMMENTARY_INSIDE_FEATURE)
    feature = next(a for a in page.articles if a.title == "汝城：一片茶叶的“富民经”")
    comment = next(a for a in page.articles if a.title == "茶香里有好日子")
    assert "新上的生产线正在运转" in feature.body and "做优“一杯茶”" in feature.body
    assert "生产线" not in comment.body and comment.body.startswith("一片茶叶撑起一个产业")


def test_the_accounts_name_alone_at_a_pushs_foot_is_no_article() -> None:
    text = BRIEFS_UNDER_MARKS.replace("嘉禾发布 2024年06月21日", "嘉禾视界 2024年06月21日") + "\n嘉禾视界\n"
    page = segment_page(text)
    assert page.paper == "嘉禾视界"
    assert all(a.body.strip() != "嘉禾视界" for a in page.articles)
    assert "嘉禾视界" in page.furniture
