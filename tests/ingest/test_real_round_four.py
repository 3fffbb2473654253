"""Shapes met in the fourth real-pages round (read on the third round's held-out set).

Every page here is written for the test, in our own sentences over shapes seen on public
pages: a column named after the province over a headline (央媒看湖南), an e-paper's issue
links (上一期 下一期), a government site's name and a list page of dated entries (详细>>), a
picture's file name and caption above a web item's text, a picture spread credited once for
the whole page, and a headed brief boxed inside another article.
"""

from __future__ import annotations

from archive.ingest import segment_page
from archive.ingest.bylines import parse_credit
from archive.ingest.furniture import is_navigation, is_web_metadata
from archive.ingest.gazetteer import is_column_line


def test_a_column_looking_at_the_province_is_a_column_line() -> None:
    assert is_column_line("央媒看湖南")
    assert is_column_line("乡村振兴看新化")
    assert not is_column_line("看湖南")
    assert not is_column_line("湖南日报")


def test_a_column_line_over_a_headline_is_its_kicker() -> None:
    page = segment_page(
        """第07版:县域 4上一版 下一版4
3 上一篇 放大 缩小 默认 下一篇 4
央媒看湖南
瑶山腊肉走俏年货市场
新华社长沙1月12日电（记者 欧阳明）江华瑶族自治县的腊肉加工车间里，工人们正把熏好的腊肉装箱发往外地。
近年来，当地把传统腊肉做成了标准化产品，带动两千多户群众增收。
"""
    )
    [article] = page.articles
    assert (article.kicker, article.title) == ("央媒看湖南", "瑶山腊肉走俏年货市场")


def test_an_e_papers_issue_links_are_navigation_not_a_headline() -> None:
    assert is_navigation("上一期 下一期 | 返回目录")
    assert is_navigation("版面导航 | 标题导航 | 上一期 | 下一期 | 往期检索")
    page = segment_page(
        """株洲日报数字报 | 2024年05月16日 星期四 | A03版：县域
上一期 下一期 | 返回目录
醴陵瓷企抱团闯海外
株洲日报·掌上株洲5月15日讯（记者/李晓红）醴陵市十二家陶瓷企业组团参加境外展会，现场签下订单三千余万元。
企业负责人说，抱团参展省下了不少费用。
"""
    )
    [article] = page.articles
    assert article.title == "醴陵瓷企抱团闯海外"
    assert article.kicker is None


def test_a_sites_name_and_a_related_links_line_are_chrome() -> None:
    assert is_web_metadata("桑植县人民政府")
    assert is_web_metadata("湘西土家族苗族自治州人民政府")
    assert is_web_metadata("相关链接：湖南省人民政府 | 张家界市人民政府")
    assert not is_web_metadata("桑植县人民政府召开常务会议")


LIST_PAGE = """桑植县人民政府
首页 | 政务公开 | 政务服务 | 互动交流
当前位置：首页 > 新闻中心 > 乡镇动态
乡镇动态
共 3 条
龙潭坪镇开展防溺水安全宣传
[2023-07-03]
    7月2日，龙潭坪镇组织镇村干部走进各村小组，向家长和学生发放防溺水宣传资料，提醒孩子们不到无人看管的河塘游泳

详细>>
马合口乡为留守儿童开设暑期课堂
[2023-07-02]
    近日，马合口乡在乡综合文化站开设暑期课堂，请来志愿者为留守儿童辅导作业、教授书法和手工

详细>>
官地坪镇召开烤烟生产调度会
[2023-06-30]
    6月29日，官地坪镇召开烤烟生产调度会，通报各村烤烟移栽和田间管理进度，部署下一阶段病虫害防治工作

详细>>
版权所有：桑植县人民政府办公室
"""


def test_a_list_pages_entries_are_items_with_their_titles() -> None:
    page = segment_page(LIST_PAGE)
    assert [a.title for a in page.articles] == [
        "龙潭坪镇开展防溺水安全宣传",
        "马合口乡为留守儿童开设暑期课堂",
        "官地坪镇召开烤烟生产调度会",
    ]
    # The site's name, the section's name and the entries' links are not in any article.
    for a in page.articles:
        assert "乡镇动态" not in a.body and "详细" not in a.body and "人民政府" not in (a.kicker or "")
    assert page.articles[0].date.isoformat() == "2023-07-03"


def test_a_pictures_caption_above_a_web_items_dateline_is_a_caption() -> None:
    page = segment_page(
        """湘西土家族苗族自治州人民政府
首页 > 新闻中心 > 县市动态
保靖黄金茶开园采摘
来源：保靖县融媒体中心    作者：彭小燕    发布时间：2024-03-20 09:30
【字体：大 中 小】
分享到：
20240320091512.jpg
3月19日，保靖县葫芦镇的茶农在茶园里采摘春茶。
保靖县融媒体中心3月19日讯（记者 彭小燕）3月19日，保靖县葫芦镇的黄金茶园正式开园，上千名茶农上山采摘。
今年全县黄金茶采摘面积比去年增加了两成，茶农收入有望继续增长。
【打印本页】【关闭窗口】
"""
    )
    [article] = page.articles
    assert article.title == "保靖黄金茶开园采摘"
    assert article.captions == ["3月19日，保靖县葫芦镇的茶农在茶园里采摘春茶。"]
    assert article.body.startswith("3月19日，保靖县葫芦镇的黄金茶园正式开园")


def test_a_pages_photo_credit_names_the_photographer() -> None:
    credit = parse_credit("本版图片均由 周 亮 摄")
    assert credit is not None
    assert [(c.name, c.role) for c in credit.credits] == [("周亮", "摄影")]
    supplied = parse_credit("本版图片除署名外均由县融媒体中心提供")
    assert supplied is not None and supplied.organisations == ["县融媒体中心"] and not supplied.credits


SPREAD_PAGE = """韶山抓好“两个确保”
本报3月14日讯（全媒体记者 王一帆）连日来，韶山市组织党员干部下村入户，宣传扶持政策，帮助农户落实种子化肥。
该市今年计划新增双季稻面积三千亩，已完成育秧准备。

▲湘潭县花石镇，农户在翻耕整地。
▲育秧工厂里的秧苗长势正好。
▲农机手在检修插秧机。
本版图片均由 李 敏 摄
湘潭县春耕备耕忙
本报3月14日讯（全媒体记者 陈思远）连日来，湘潭县抢抓晴好天气，组织农户翻耕整地、检修农机，育秧工厂里一派繁忙。
今年该县新建集中育秧点十二个，可满足五万亩大田用秧。
"""


def test_a_picture_spreads_captions_go_together_with_its_credit() -> None:
    page = segment_page(SPREAD_PAGE)
    first, second = page.articles
    assert first.captions == []
    assert len(second.captions) == 3
    assert ("李敏", "摄影") in [(r.name, r.role) for r in second.reporters]
    assert "李敏" not in [r.name for r in first.reporters]


BOXED_BRIEF = """汨罗推行“交地即交证”
本报讯（记者 方晓舟 通讯员 许文）6月20日，汨罗市一家新落户企业在签订土地出让合同的当天，就拿到了不动产权证书。
“以前拿证要等一个多月，现在当天就能开工准备。”企业负责人说。
临湘组织防汛演练
本报讯（通讯员 何丽）6月19日，临湘市在长江堤段组织防汛应急演练，三百余名队员参加。
为实现“交地即交证”，汨罗市自然资源、税务等部门提前介入，把审核和缴税合并在一个窗口办理。
今年以来，汨罗市已有六个工业项目实现“交地即交证”。
"""


def test_a_headed_brief_boxed_inside_an_article_does_not_take_its_end() -> None:
    page = segment_page(BOXED_BRIEF)
    miluo, linxiang = page.articles
    assert miluo.title == "汨罗推行“交地即交证”"
    assert "已有六个工业项目" in miluo.body and miluo.split
    assert linxiang.title == "临湘组织防汛演练"
    assert linxiang.body.endswith("三百余名队员参加。")


EPAPER_ITEMS = """益阳日报
第03版：县域新闻  ◀上一版  ▶下一版
◀上一篇  放大 缩小 默认  下一篇▶
桃江竹木企业抱团参展
本报讯（记者 何雅琴）桃江县八家竹木企业日前组团参加一场家居博览会，签下意向订单两千余万元。
企业负责人说，抱团参展让小企业也能站到大展台上。

益阳日报
第03版：县域新闻  ◀上一版  ▶下一版
◀上一篇  放大 缩小 默认  下一篇▶
南县小龙虾进入上市旺季
本报讯（通讯员 罗文静）连日来，南县各地的小龙虾陆续上市，收购点前车来车往。
今年全县稻虾种养面积稳定在六十万亩以上。

益阳日报
第03版：县域新闻  ◀上一版  ▶下一版
◀上一篇  放大 缩小 默认  下一篇▶
安化黑茶产业园新添三条生产线
本报讯（记者 谌思远）安化县黑茶产业园近日又有三条自动化生产线投产。
"""


def test_chrome_printed_around_every_item_is_never_a_headline() -> None:
    page = segment_page(EPAPER_ITEMS)
    assert [a.title for a in page.articles] == [
        "桃江竹木企业抱团参展",
        "南县小龙虾进入上市旺季",
        "安化黑茶产业园新添三条生产线",
    ]
    assert all("上一版" not in a.body for a in page.articles)


def test_a_column_printed_three_times_over_is_not_chrome() -> None:
    # The same wrapped lines three times (a looping dump) are text, even though they repeat.
    column = (
        "据了解，会同县今年\n投入一千万元推\n进医共体建设，\n为乡镇卫生院配备\nDR和彩超设备，\n"
        "培训基层医护人员\n六百余人次，群众\n看病就医更加方\n便。\n"
    )
    page = segment_page(
        "医共体建设见成效\n本报讯（记者 李华）今年以来，会同县以县人民医院为牵头单位，\n"
        "组建县域医共体，推动优质医疗资源下沉到乡镇和村，县域内就诊率明显提高。\n"
        "“以前看个病要跑到城里，现在在镇上就能做检查。”一位村民说。\n" + column * 3
    )
    assert "投入一千万元推进医共体建设" in page.articles[0].body.replace("\n", "")


WEB_ITEM_WITH_STAFF_LIST = """新化新闻网
当前位置：首页 > 乡镇动态 > 正文
吉庆镇开通“赶场专线”
来源：新化县融媒体中心  作者：刘子安  编辑：伍嘉  发布时间：2024-05-20 16:30

吉庆镇近日开通两条“赶场专线”，逢赶场日从偏远村组发车，票价两元。

开通以来，专线已运送群众两千余人次。

记 者：刘子安
通讯员：谢雨桐
编 辑：伍嘉
二 审：罗一鸣
三 审：邹建新
版权作品，未经授权严禁转载。
"""


def test_a_media_centres_staff_list_credits_the_item_above_it() -> None:
    page = segment_page(WEB_ITEM_WITH_STAFF_LIST)
    [article] = page.articles
    assert article.title == "吉庆镇开通“赶场专线”"
    assert {(r.name, r.role) for r in article.reporters} >= {("刘子安", "记者"), ("谢雨桐", "通讯员")}
    assert "二审" not in article.body and "版权" not in article.body
    assert article.date.isoformat() == "2024-05-20"


def test_related_links_and_a_pages_headline_list_are_chrome() -> None:
    page = segment_page(
        """湘潭县开展防汛演练
本报讯（记者 周敏）湘潭县日前在涓水沿线开展防汛应急演练，四百余人参加。
相关阅读
· 韶山启动“韶峰护林”行动
· 湘乡新建三座应急避难场所
本版标题导航
· 湘潭县开展防汛演练
· 雨湖区老旧小区改造开工
"""
    )
    [article] = page.articles
    assert article.body == "湘潭县日前在涓水沿线开展防汛应急演练，四百余人参加。"


def test_a_headline_printed_again_over_its_text_heads_one_item() -> None:
    page = segment_page(
        """湘潭县人民政府门户网站
当前位置：首页 > 新闻中心 > 乡镇动态 > 详情
花石镇湘莲种植户用上烘干房

文章来源：湘潭县融媒体中心 时间：2024-07-23 16:42:08
大字号

花石镇湘莲种植户用上烘干房
镇里建起共享烘干房，莲农不再看天吃饭

湘潭县融媒体中心7月23日讯（记者 钟亦凡）花石镇近日建成两座共享烘干房，可同时烘干莲子六吨。

莲农说，以前遇上连阴雨，莲子容易发霉，现在心里踏实多了。
"""
    )
    [article] = page.articles
    assert article.title == "花石镇湘莲种植户用上烘干房"
    assert article.subtitle == "镇里建起共享烘干房，莲农不再看天吃饭"
    assert article.date.isoformat() == "2024-07-23"


def test_an_article_continued_under_its_headline_again_is_one_article() -> None:
    page = segment_page(
        """张家界日报
2024年05月16日
慈利：小水果串起增收链
本报记者 向丽君
5月中旬，慈利县江垭镇的枇杷进入采摘期，果农们忙着采摘装箱，收购商的货车在村口排起了长队。
江垭镇种植枇杷已有二十多年，过去主要靠果农自己挑到集镇上卖，如今镇里建起了冷库和分拣中心。
国内统一刊号:CN43-0020 张家界日报社出版
2024年05月16日
永定区“15分钟政务服务圈”覆盖全部乡镇
本报讯（记者 卓雅）永定区近日实现乡镇便民服务中心“15分钟政务服务圈”全覆盖。
国内统一刊号:CN43-0020 张家界日报社出版
2024年05月16日
慈利：小水果串起增收链
(上接1版①)
除了枇杷，江垭镇还发展了柑橘、猕猴桃等水果，形成“一季一果”的产业格局，果农一年四季都有收入。
慈利县农业农村部门负责人介绍，全县今年水果种植面积稳定在二十万亩以上。
"""
    )
    assert [a.title for a in page.articles] == [
        "慈利：小水果串起增收链",
        "永定区“15分钟政务服务圈”覆盖全部乡镇",
    ]
    assert "一季一果" in page.articles[0].body and page.articles[0].split


def test_a_separator_mark_and_a_photographers_line_under_captions_end_an_item() -> None:
    page = segment_page(
        """春回澧阳平原 农事渐次铺开
惊蛰过后，澧县各地抢抓晴好天气开展春耕备耕。
①3月10日，澧县城头山镇，农机手驾驶旋耕机翻整稻田。
②3月10日，澧县澧阳街道，农户在育秧大棚内查看秧苗长势。
摄影 汤志恒 王诗琪

芷江侗族自治县推行“村民说事”制度，每月固定一天由村干部听取群众意见。（吴欣然）
■
4月7日，双峰县井字镇的村民在油菜田里查看长势。
"""
    )
    lifu, zhijiang, shuangfeng = page.articles
    assert {r.name for r in lifu.reporters} == {"汤志恒", "王诗琪"} and len(lifu.captions) == 2
    assert zhijiang.body.startswith("芷江侗族自治县推行") and [r.name for r in zhijiang.reporters] == [
        "吴欣然"
    ]
    assert shuangfeng.body.startswith("4月7日，双峰县井字镇")


def test_an_agencys_photographer_is_a_person() -> None:
    credit = parse_credit("新华社记者 彭子墨 摄")
    assert credit is not None and [(c.name, c.role) for c in credit.credits] == [("彭子墨", "摄影")]


def test_a_campaign_slogan_over_a_headline_is_its_kicker() -> None:
    page = segment_page(
        """奋进新征程 建功新时代
石门县“红色代办员”跑出服务加速度
全媒体记者 田野
石门县在全县推行“红色代办员”制度，党员代办员帮群众跑腿办事。
"""
    )
    [article] = page.articles
    assert (article.kicker, article.title) == ("奋进新征程建功新时代", "石门县“红色代办员”跑出服务加速度")


def test_a_headline_wrapped_between_its_subject_and_its_verb_is_one_title() -> None:
    page = segment_page(
        """醴陵陶瓷产业园
新添8家入驻企业
本报记者 方卉 通讯员 吴志强
国庆假期刚过，醴陵市的陶瓷产业园里就热闹起来，新落户的企业正忙着调试生产线。
今年以来，醴陵市围绕日用陶瓷和工业陶瓷两条产业链招商，园区新添入驻企业8家。

衡南县新增3条
农产品加工生产线
湖南日报11月13日讯（全媒体记者 石磊）今天，衡南县车江镇一家粮油企业的精炼生产线正式投产。
至此，该县今年新增农产品加工生产线3条，预计新增年加工能力四万余吨。
"""
    )
    assert [a.title for a in page.articles] == [
        "醴陵陶瓷产业园新添8家入驻企业",
        "衡南县新增3条农产品加工生产线",
    ]
    assert all(a.subtitle is None for a in page.articles)


def test_a_deck_with_its_own_subject_stays_a_subtitle() -> None:
    page = segment_page(
        """田间包袱变绿色财富
湘潭市多措并举探索秸秆综合利用新路子
本报记者 李红
秋收过后，湘潭县的田野里，打捆机正把稻草压成方方正正的草捆，运往附近的饲料厂。
今年全市秸秆综合利用率预计超过九成。
"""
    )
    [article] = page.articles
    assert (article.title, article.subtitle) == ("田间包袱变绿色财富", "湘潭市多措并举探索秸秆综合利用新路子")


WEB_WITH_RELATED = """红网首页 | 时刻新闻 | 郴州站 | 县市区
当前位置：红网 > 郴州站 > 县市区
安仁：稻田里“养”出新产业
来源：红网 作者：侯兴 编辑：欧阳恬 2024-05-20 10:12:33
红网时刻新闻郴州5月20日讯（通讯员 侯兴）眼下，安仁县的稻虾田里一派繁忙，农户们正忙着捕捞小龙虾。
“一季虾、一季稻，一亩田的收入比单种水稻多了一倍。”种养大户说。
相关阅读：
汝城：热水镇温泉康养项目集中开工
嘉禾：铸造产业园新增标准厂房12栋
立即下载
红网首页 | 时刻新闻 | 郴州站 | 县市区
当前位置：红网 > 郴州站 > 县市区
汝城：热水镇温泉康养项目集中开工
来源：红网 作者：何琳 编辑：欧阳恬 2024-05-21 09:02:10
红网时刻新闻郴州5月21日讯（通讯员 何琳）5月20日，汝城县热水镇三个温泉康养项目集中开工，总投资十余亿元。
项目建成后可新增床位两千余张，带动周边村民就业。
相关阅读：
安仁：稻田里“养”出新产业
宜章：“跨省通办”专窗让湘粤群众办事少跑路
共 128 条 首页 上一页 1 2 3 4 5 下一页 尾页 转到 页
"""


def test_links_under_related_reading_are_chrome_and_the_items_keep_their_headlines() -> None:
    page = segment_page(WEB_WITH_RELATED)
    assert [a.title for a in page.articles] == [
        "安仁：稻田里“养”出新产业",
        "汝城：热水镇温泉康养项目集中开工",
    ]
    assert all("嘉禾" not in a.body and "宜章" not in a.body and "下载" not in a.body for a in page.articles)


def test_paging_bars_page_numbers_and_source_notes_are_chrome() -> None:
    for line in (
        "共 128 条 首页 上一页 1 2 3 4 5 下一页 尾页 转到 页",
        "— 3 —",
        "（来源：新华社）",
        "立即下载",
    ):
        assert is_web_metadata(line), line
    for line in ("1 2 3", "2023", "来源于群众的智慧"):
        assert not is_web_metadata(line), line


def test_an_articles_subhead_after_a_boxed_brief_takes_the_article_back() -> None:
    page = segment_page(
        """一枚印章管到底
——桂东县深化行政许可改革见闻
湖南日报全媒体记者 欧阳晨
去年以来，桂东县把分散在14个部门的186项行政许可事项划转至县行政审批服务局，
启用一枚“行政审批专用章”，推动审批从“多头管”变为“一家办”。

衡南县新增3条
农产品加工生产线
湖南日报11月13日讯（全媒体记者 石磊）今天，衡南县车江镇一家粮油企业的精炼生产线正式投产。

审管联动：放得开也管得住

审批权集中后，事中事后监管如何衔接？桂东县建立审批结果“即时推送”机制，许可信息同步推送到监管部门。
桂东县行政审批服务局负责人介绍，下一步将把更多涉企事项纳入“一枚印章”范围。
"""
    )
    guidong, hengnan = page.articles
    assert "即时推送" in guidong.body and guidong.split
    assert hengnan.title == "衡南县新增3条农产品加工生产线" and "即时推送" not in hengnan.body


LIST_WITH_SUMMARIES = """慈利县人民政府门户网站
www.cili.gov.cn
当前位置：首页 > 新闻中心 > 乡镇动态
· 江垭镇开展汛后水毁设施排查修复　　2024-09-12
江垭镇组织镇村干部对辖区内的山塘、渠道、村道逐一排查，登记水毁点位二十三处，已修复十五处。
· 溪口镇“屋场课堂”把政策送到群众身边　　2024-09-11
溪口镇组织驻村干部和党员志愿者走进屋场院落，用拉家常的方式讲解医保、养老等惠民政策。
共 236 条　每页 7 条　首页　上一页　下一页　尾页
"""


def test_a_list_pages_dated_entries_with_summaries_are_items() -> None:
    page = segment_page(LIST_WITH_SUMMARIES)
    assert [(a.title, a.date.isoformat()) for a in page.articles] == [
        ("江垭镇开展汛后水毁设施排查修复", "2024-09-12"),
        ("溪口镇“屋场课堂”把政策送到群众身边", "2024-09-11"),
    ]
    assert all("cili" not in f"{a.title}{a.kicker}{a.body}" for a in page.articles)


def test_more_web_chrome_lines() -> None:
    for line in (
        "www.cili.gov.cn",
        "本文转自衡阳日报，转载请注明出处。",
        "红网衡阳站",
        "您当前的位置：怀化新闻网>县市区>溆浦",
        "PDF «上一版  下一版» 本期共8版(A01-A02-A03-A04)",
    ):
        assert is_web_metadata(line), line
    assert not is_web_metadata("红网记者走进衡阳县的油茶林")


def test_metadata_with_a_spaced_editors_name_credits_only_the_author() -> None:
    page = segment_page(
        """溆浦：“山背梯田”种出“订单稻”
来源：怀化新闻网  作者：舒 畅  编辑：向 莉  发布时间：2024-05-09 10:12:33
溆浦县融媒体中心讯 今年，溆浦县统溪河镇的山背梯田里种上了订单水稻，收购价比市场价高出一成。
种粮大户说，有了订单，种田心里有底。
"""
    )
    [article] = page.articles
    assert article.title == "溆浦：“山背梯田”种出“订单稻”"
    assert [r.name for r in article.reporters] == ["舒畅"]
    assert "向莉" not in article.body


def test_a_pictures_line_between_the_headline_and_the_byline_is_a_caption() -> None:
    page = segment_page(
        """红网 岳阳站
平江“一件事一次办”延伸到村级便民服务点
2024-03-21 16:42:08 字号：
微信图片_20240321154210.jpg
村民在便民服务点办理社保待遇资格认证。
红网时刻新闻记者 罗丹 通讯员 方芸 岳阳报道
“原来要跑到县城办的事，现在在村部十分钟就办好了。”一位村民说。
今年以来，平江县把“一件事一次办”事项清单下沉到乡镇和村，村民在家门口就能办。
"""
    )
    [article] = page.articles
    assert article.title == "平江“一件事一次办”延伸到村级便民服务点"
    assert article.captions == ["村民在便民服务点办理社保待遇资格认证。"]
    assert article.body.startswith("“原来要跑到县城办的事")


def test_a_headline_ending_in_a_new_chapter_is_no_series_line() -> None:
    page = segment_page(
        """县域经济高质量发展调研行

铸造之乡“智”造新篇

——嘉禾县推动铸造产业数字化转型见闻

记者 黄晓洋 通讯员 雷凯

走进嘉禾县坦塘工业园一家铸件企业，机器人正在浇注线上忙碌，车间里几乎看不到工人。
“这条线改造以后，一个班组从18个人减到了5个人。”企业负责人说。
"""
    )
    [article] = page.articles
    assert (article.kicker, article.title) == ("县域经济高质量发展调研行", "铸造之乡“智”造新篇")
    assert article.subtitle == "嘉禾县推动铸造产业数字化转型见闻"


def test_headline_wrapping_does_not_depend_on_the_search_dictionary() -> None:
    # Search adds place and topic words (政务服务中心) to jieba's default dictionary; reading a
    # headline must come out the same whether or not search has run in the process.
    text = (
        "桃源县政务服务中心\n推出帮办代办服务\n本报通讯员 李华\n"
        "近日，桃源县政务服务中心组建帮办代办队伍，为企业和群众提供全程代办服务，办事不再来回跑。\n"
        "今年以来，中心已为两百余家企业代办各类事项一千余件。\n"
    )
    from search.text.analysis import get_jieba

    get_jieba()
    assert segment_page(text).articles[0].title == "桃源县政务服务中心推出帮办代办服务"


WECHAT_DIGEST = """今日安化丨7月16日

安化县融媒体中心 安化发布 2024-07-16

①梅城镇启动农村供水提质改造

7月15日，安化县梅城镇农村供水提质改造工程开工，将新建管网四十公里，惠及群众一万余人。

②小淹镇开展防溺水安全巡查

暑假以来，小淹镇组织镇村干部和志愿者每天巡查资江沿岸重点水域，劝离下河游泳的学生。

③清塘铺镇：政务服务“帮代办”进企业

清塘铺镇为辖区企业配备帮代办员，上门代办证照变更等事项，今年已服务企业六十余家。

编辑：黄婉婷 审核：刘志勇

往期推荐
安化：夏季防汛“演”在前
东坪镇：夜市经济点亮小城夏夜

点击“阅读原文”了解更多

分享 收藏 点赞 在看
"""


def test_a_wechat_digests_numbered_items_and_buttons() -> None:
    page = segment_page(WECHAT_DIGEST)
    titles = [a.title for a in page.articles if a.title != "7月16日"]
    assert titles == [
        "梅城镇启动农村供水提质改造",
        "小淹镇开展防溺水安全巡查",
        "清塘铺镇：政务服务“帮代办”进企业",
    ]
    assert all("阅读原文" not in a.body and "夜市" not in a.body for a in page.articles)


def test_starred_items_of_a_gazette_are_items_of_their_own() -> None:
    page = segment_page(
        """《汨罗政报》2024年第6期　政务动态
发布时间：2024-06-21 08:30　来源：市政府办
★ 汨罗市政务服务中心推出“午间不打烊”服务。自6月1日起，中心在工作日中午安排专人值守综合窗口。

★ 汨罗市启动2024年城乡适龄妇女“两癌”免费筛查。6月起，全市各乡镇卫生院为适龄妇女免费检查。

★ 汨罗市召开优化营商环境工作推进会。会议通报了一季度营商环境评价情况，部署下一阶段整改任务。
"""
    )
    bodies = [a.body for a in page.articles]
    assert len(bodies) == 3 and all(b.startswith("汨罗市") for b in bodies)
    assert all("汨罗政报" not in (a.title or "") for a in page.articles)


def test_a_picture_column_items_text_under_its_headline_is_its_body() -> None:
    page = segment_page(
        """县域掠影

津市：毛里湖畔练龙舟

5月15日，津市市毛里湖镇的龙舟队员在湖面上开展训练，备战即将举行的端午龙舟赛。 本报通讯员 许 亮 摄

临澧“清廉村居”建设向村级延伸

本报记者 黄敏 通讯员 张强

今年以来，临澧县把清廉建设的触角延伸到村级，推行村级小微权力清单，村务公开栏每月更新。
"""
    )
    jinshi, linli = page.articles
    assert (jinshi.title, jinshi.body[:5]) == ("津市：毛里湖畔练龙舟", "5月15日")
    assert [(r.name, r.role) for r in jinshi.reporters] == [("许亮", "摄影")]
    assert linli.title == "临澧“清廉村居”建设向村级延伸" and linli.subtitle is None


def test_a_related_news_teaser_does_not_take_the_article_text() -> None:
    page = segment_page(
        """湘西网
花垣边城镇：“订单农业”让菜农心里有底
团结报讯（记者 石秀英）10月上旬，花垣县边城镇的高山蔬菜基地迎来秋季采收，一车车萝卜从地头运往超市。
为破解菜农“丰产不丰收”难题，边城镇引导合作社与超市、学校食堂签订订单。
【打印】【关闭】
湘西网
永顺县开展森林防火巡查
永顺县融媒体中心讯（通讯员 彭丽）连日来，永顺县组织护林员对重点林区开展巡查。
相关新闻
花垣边城镇：“订单农业”让菜农心里有底
10月上旬，花垣县边城镇的高山蔬菜基地迎来秋季采收，一车车萝卜从地头运往超市。[详细]
"""
    )
    huayuan, yongshun = page.articles
    assert huayuan.body.startswith("10月上旬，花垣县边城镇")
    assert "订单农业" not in yongshun.body and "湘西网" not in (huayuan.title or "")
