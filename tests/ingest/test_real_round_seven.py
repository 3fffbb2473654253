"""Shapes met in the seventh real-pages round (read on the new blind sets sa and sb).

Every page here is written for the test, in our own sentences over shapes seen on public pages:
a municipal daily's 县域传真 briefs column hard-wrapped in a narrow column (a headline as wide
as the column over 5月以来，…, a closing credit wrapped over two lines), a picture column
(□name/摄, ▲ captions signed under them, a headless item after them), a commentary set as
短评 / headline / author on a page of unwrapped paragraphs, an OCR page with a brief cutting
into an article that resumes after it, a feature resumed after a column of signed briefs, a
WeChat morning push (农历 line, weather box, 今日导读 list, 【本地要闻】 section), and a
government page closing its article with （作者：… 编辑：…）.
"""

# ruff: noqa: E501 - the pages below print a paragraph per line, as the sites do.
from __future__ import annotations

from archive.ingest import segment_page
from archive.ingest.bylines import parse_credit

BRIEFS_COLUMN = """县域传真

芷江开展电梯安全“体检”
4月8日，芷江侗族自治县市场
监管局组织维保单位对城区住宅
小区的86台电梯逐台检查，发现
的12处隐患已全部督促整改。（通
讯员 杨雪梅 龙 飞）

麻阳集中整治农村危房
4月以来，麻阳苗族自治县住建
部门对全县农村房屋开展拉网式
排查，已对37户危房落实改造或
搬迁措施，确保群众住房安全。
（通讯员 滕子涵）

溆浦新建5个乡镇图书分馆
4月10日，溆浦县5个乡镇图书分
馆同时开馆，每个分馆配备图书
3000余册，群众凭身份证即可免
费借阅。（通讯员 舒晓琳）
"""


def test_a_narrow_briefs_column_keeps_each_briefs_headline() -> None:
    page = segment_page(BRIEFS_COLUMN)
    assert [a.title for a in page.articles] == [
        "芷江开展电梯安全“体检”",
        "麻阳集中整治农村危房",
        "溆浦新建5个乡镇图书分馆",
    ]
    # The headline after a credit wrapped over two lines (（通 / 讯员 … ）) is not glued to its text.
    second = page.articles[1]
    assert second.body.startswith("4月以来，麻阳苗族自治县") and "麻阳集中整治" not in second.body
    assert [r.name for r in page.articles[0].reporters] == ["杨雪梅", "龙飞"]


def test_a_picture_credit_may_carry_a_bullet_and_a_slash() -> None:
    for printed in ("□龙晓峰/摄", "龙晓峰/摄", "■记者 龙晓峰 摄"):
        credit = parse_credit(printed)
        assert credit is not None and [c.name for c in credit.credits] == ["龙晓峰"], printed


COMMENTARY = """湖南日报
2024年10月09日 星期三
06
县域经济
责任编辑 刘思远 版式 周 宁

  会同推行“山林管家”护林模式
  湖南日报10月8日讯（通讯员 粟明月）近日，会同县在全县推行“山林管家”模式，每个村聘请2至3名护林员，负责巡山、防火和林业政策宣传。

短评
给青山配上“管家”
向海波

  青山要护好，靠的是有人常年守在山里。会同给每座山配上“管家”，把护林责任落到了具体的人身上。

  管家不能只挂名，巡山记录、考核奖惩都要跟上，才能让好机制长久管用。
"""


def test_a_commentarys_column_and_author_stand_apart_from_its_headline() -> None:
    page = segment_page(COMMENTARY)
    assert [a.title for a in page.articles] == ["会同推行“山林管家”护林模式", "给青山配上“管家”"]
    comment = page.articles[1]
    assert comment.kicker == "短评"
    assert [r.name for r in comment.reporters] == ["向海波"]
    assert comment.body.startswith("青山要护好")


OCR_PAGE = """沅陵县官庄镇冷链物流中心让茶叶
“保鲜”时间更长
11月5日，沅陵县官庄镇新建的冷
链物流中心投入使用，当地茶企生
产的黄茶可以就近冷藏保鲜，再通
过冷链车发往长沙、武汉等地。

城东社区为老人开设“爱心食堂”
本报11月6日讯（通讯员 向
 蕾）近日，鹤城区城东社区“爱心
食堂”开张，辖区70岁以上老人每
餐只需付8元就能吃上两荤一素。

今年以来，官庄镇围绕茶叶保鲜难
题建设冷链物流中心，冷库总容量
达到5000吨，茶叶从加工到上架的
时间缩短了一半，冷链物流让茶农
的收入更稳定。（通讯员 张 帆）
"""


def test_an_article_cut_into_by_a_signed_brief_resumes_after_it() -> None:
    page = segment_page(OCR_PAGE)
    assert len(page.articles) == 2
    tea, canteen = page.articles
    assert canteen.title == "城东社区为老人开设“爱心食堂”"
    # The rest of the 冷链 report, signed off after the brief, goes back to it.
    assert tea.body.endswith("收入更稳定。") and "爱心食堂" not in tea.body
    assert "今年以来，官庄镇" not in canteen.body


WIDE_HEADLINE = """组织交通部门对县乡道路开展隐患排
查，共整改临水临崖路段23处，确保
群众出行安全。（通讯员 李 嘉）

辰溪“夜间延时服务”方便上班族
11月18日，辰溪县政务服务中心推出
工作日夜间延时服务，上班族下班后
也能办理社保、医保等高频事项。
"""


def test_a_headline_as_wide_as_its_column_between_two_reports_is_a_headline() -> None:
    page = segment_page(WIDE_HEADLINE)
    assert [a.title for a in page.articles][-1] == "辰溪“夜间延时服务”方便上班族"
    assert page.articles[-1].body.startswith("11月18日，辰溪县政务服务中心")


FEATURE_AND_BRIEFS = """县域经济看亮点
一棵油茶树带富一方人
——祁阳市推进油茶产业提质增效
本报记者 唐海燕 通讯员 陈志远
深秋时节，祁阳市茅竹镇的油茶林里，
采摘工人正把一筐筐油茶果运下山。
在镇上的加工厂里，新上的生产线每
天能处理鲜果80吨，茶油从压榨到灌
装全部在厂里完成。
茅竹镇种植油茶已有几十年历史，过
去一家一户零散经营，品种老、产量
低，卖不上好价钱。

县域快讯
蓝山县开放夜间儿科门诊
本报讯（通讯员 黄 佳）近日，蓝山
县中医医院开设夜间儿科门诊，每晚
开诊至22时，方便家长下班后带孩子
看病。

江永县举办瑶族刺绣培训班
11月上旬，江永县人社局举办瑶族刺
绣培训班，45名留守妇女参训，结业
后可接企业订单在家加工。
（邓丽萍）

油茶加工厂建成后，茅竹镇又引进了
油茶果壳综合利用项目，果壳被加工
成有机肥，再回到油茶林里，油茶产
业链条越拉越长，全镇油茶综合产值
比三年前翻了一番。
（下转第4版）
"""


def test_a_feature_resumes_after_a_column_of_signed_briefs() -> None:
    page = segment_page(FEATURE_AND_BRIEFS)
    titles = [a.title for a in page.articles]
    assert titles == ["一棵油茶树带富一方人", "蓝山县开放夜间儿科门诊", "江永县举办瑶族刺绣培训班"]
    feature = page.articles[0]
    assert feature.body.endswith("比三年前翻了一番。")
    assert "果壳" not in page.articles[2].body


MORNING_PUSH = """今日要闻丨2024年5月9日 星期四
宁远发布 2024年05月09日 07:10 湖南

农历四月初二
【天气预报】
今天：晴转多云，18℃~27℃，南风2级
明天：多云，19℃~28℃，南风2级

【今日导读】
★宁远县召开春季森林防火调度会
★湾井镇建成10个农事服务点

【本地要闻】

◆宁远县召开春季森林防火调度会
5月8日，宁远县召开春季森林防火调度会，要求各乡镇落实巡山护林责任，严防野外用火。

◆湾井镇建成10个农事服务点
近日，湾井镇在10个行政村建成农事服务点，为种粮户提供代耕、代育秧和农资配送服务。

来源：宁远县融媒体中心
编辑：周晓雯
"""


def test_a_morning_pushs_calendar_weather_and_contents_are_chrome() -> None:
    page = segment_page(MORNING_PUSH)
    assert [a.title for a in page.articles] == ["宁远县召开春季森林防火调度会", "湾井镇建成10个农事服务点"]
    assert page.articles[0].body.startswith("5月8日，宁远县召开")
    for chrome in ("农历四月初二", "今天：晴转多云，18℃~27℃，南风2级", "★宁远县召开春季森林防火调度会"):
        assert any(chrome.replace(" ", "") in f.replace(" ", "") for f in page.furniture), chrome


GOVERNMENT_PAGES = """新田县人民政府
当前位置：首页 > 新闻中心 > 部门动态

新田县新建村级快递服务站28个
来源：新田县商务局  发布时间：2024-06-11 10:20

6月以来，新田县在28个行政村建成村级快递服务站，村民在家门口就能收寄包裹。
县商务局负责人介绍，年底前将实现行政村快递服务全覆盖。
（作者：邓晓琳 编辑：骆青）

【打印本页】 【关闭窗口】
下一篇：金盆圩乡“院落议事会”化解邻里纠纷

新田县人民政府
当前位置：首页 > 新闻中心 > 乡镇动态

金盆圩乡“院落议事会”化解邻里纠纷
来源：金盆圩乡人民政府  发布时间：2024-06-12 09:05

通讯员 彭思远
“两家的排水沟终于说开了。”近日，金盆圩乡一个村的院落议事会上，两户村民握手言和。
今年以来，全乡已召开院落议事会46场，化解矛盾纠纷31起。
"""


def test_a_bracketed_author_and_editor_line_signs_the_article_above() -> None:
    page = segment_page(GOVERNMENT_PAGES)
    assert [a.title for a in page.articles] == [
        "新田县新建村级快递服务站28个",
        "金盆圩乡“院落议事会”化解邻里纠纷",
    ]
    first, second = page.articles
    assert [r.name for r in first.reporters] == ["邓晓琳"]
    assert second.body.startswith("“两家的排水沟终于说开了。”")
    assert [r.name for r in second.reporters] == ["彭思远"]


def test_a_town_or_office_in_front_of_a_closing_credits_names_is_no_reporter() -> None:
    from archive.ingest.bylines import looks_like_name, split_closing_byline

    for printed, names, office in (
        ("（柏坊镇 李菁）", ["李菁"], "柏坊镇"),
        ("（城南街道 王芳 刘强）", ["王芳", "刘强"], "城南街道"),
    ):
        _, credit = split_closing_byline(printed)
        assert [c.name for c in credit.credits] == names and credit.printed_prefix == office
    assert not looks_like_name("柏坊镇") and looks_like_name("柏芳")


def test_bylines_behind_a_county_apps_short_name_or_a_video_label() -> None:
    from archive.ingest.bylines import parse_names_line

    app = parse_names_line("洞口融媒记者 毛宇航 通讯员 邓欣悦")
    assert [(c.name, c.role) for c in app.credits] == [("毛宇航", "记者"), ("邓欣悦", "通讯员")]
    assert app.publisher == "洞口融媒"
    video = parse_names_line("■文/视频 三湘都市报全媒体记者 谭思远 通讯员 夏志强")
    assert [c.name for c in video.credits] == ["谭思远", "夏志强"] and video.publisher == "三湘都市报"


SITE_PAGES = """常宁市人民政府
首页 | 政务公开 | 政务服务 | 互动交流 | 走进常宁
当前位置：首页 > 新闻中心 > 乡镇动态

柏坊镇：便民服务站延伸到村组

发布时间：2024-09-06 15:42    信息来源：柏坊镇    浏览次数：

“不出村就把医保报销材料交上去了。”9月5日，柏坊镇一名村民在村便民服务站办完业务后说。
今年以来，柏坊镇在各村配备代办员，为群众代办社保、医保等事项，已累计代办1200余件。

（柏坊镇 李菁）

【打印本页】 【关闭窗口】
本站原创文章，转载请附上原文链接。
网站地图 | 联系我们
"""


def test_a_government_sites_name_over_its_menu_publishes_the_page_and_places_its_towns() -> None:
    page = segment_page(SITE_PAGES)
    assert page.paper == "常宁市人民政府"
    (article,) = page.articles
    assert article.place.county == "常宁市"  # 柏坊镇 is one of its towns: the site's county
    assert [r.name for r in article.reporters] == ["李菁"]
    assert "本站原创文章，转载请附上原文链接。" in page.furniture and "网站地图 | 联系我们" in page.furniture


APP_PAGES = """＜ 洞口融媒 ···
洞口县开展禁渔巡查
洞口县融媒体中心  2024-06-13 10:12  阅读 1402

洞口融媒记者 毛宇航 通讯员 邓欣悦

6月12日，洞口县农业农村局联合公安、水利部门沿平溪江开展禁渔巡查，清理违规网具30余副。

下载“洞口融媒”客户端，看更多洞口新闻

＜ 洞口融媒 ···
山门镇橘农学修剪
洞口县融媒体中心  2024-06-14 09:20  阅读 980

6月13日，山门镇请来农技专家在橘园现场教学，60多名橘农学习夏季修剪和疏果技术。

下载“洞口融媒”客户端，看更多洞口新闻
"""


def test_an_apps_prompt_in_quotes_is_chrome_and_its_byline_is_read() -> None:
    page = segment_page(APP_PAGES)
    assert [a.title for a in page.articles] == ["洞口县开展禁渔巡查", "山门镇橘农学修剪"]
    assert [r.name for r in page.articles[0].reporters] == ["毛宇航", "邓欣悦"]
    assert all("下载" not in a.body for a in page.articles)


WECHAT_BRIEFS = """今日祁东
祁东发布 2024年05月20日 18:30 湖南

▌县人民医院开设“一站式”结算窗口
5月19日，县人民医院在门诊大厅开设“一站式”结算窗口，住院患者出院时可一次办完医保结算和费用清算。

▌归阳镇开展防溺水宣传
连日来，归阳镇组织干部和志愿者走进学校和村组，发放防溺水宣传资料3000余份。
"""


def test_bar_bulleted_briefs_keep_their_headlines_without_the_bar() -> None:
    page = segment_page(WECHAT_BRIEFS)
    assert [a.title for a in page.articles] == ["县人民医院开设“一站式”结算窗口", "归阳镇开展防溺水宣传"]


def test_a_commentary_columns_name_is_a_kicker() -> None:
    from archive.ingest.gazetteer import is_column_line

    assert is_column_line("雁城时评") and is_column_line("潇湘论坛")
    assert not is_column_line("县政务服务中心开展评议")


def test_the_rest_of_a_feature_after_a_briefs_column_goes_back_to_it_unsigned_too() -> None:
    # (no jump line, no credit closing the rest: the wording it shares with the feature decides)
    page = segment_page(FEATURE_AND_BRIEFS.replace("（下转第4版）\n", ""))
    assert [a.title for a in page.articles] == [
        "一棵油茶树带富一方人",
        "蓝山县开放夜间儿科门诊",
        "江永县举办瑶族刺绣培训班",
    ]
    assert page.articles[0].body.endswith("比三年前翻了一番。")
