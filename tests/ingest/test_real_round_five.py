"""Shapes met in the fifth real-pages round (read on the fourth round's held-out sets qc, qd and on
the new sets ua, ub).

Every page here is written for the test, in our own sentences over shapes seen on public pages:
a county media centre's list page whose teasers lead to the items printed in full below it, links
to other items printed without a 相关阅读 over them, paging bars and menus in more wordings, font
buttons inside a metadata line, a WeChat push's account card and 今日导读 digest, a picture's
short file name with its caption, an e-paper repeating its 标题导航 above every item, a line
running into the headline below it (…巡礼——), a town's brief between two briefs, captions printed
over a picture page's headline.
"""

# ruff: noqa: E501 - the pages below print a paragraph per line, as the sites do.
from __future__ import annotations

import pytest

from archive.ingest import segment_page
from archive.ingest.furniture import is_web_metadata, split_web_metadata
from archive.ingest.page_chrome import header_lines

TEASERS_THEN_ITEMS = """桃江县融媒体中心
首页 桃江新闻 乡镇动态 视频 专题
当前位置：首页 > 桃江新闻
修山镇竹林道路全线贯通
8月5日，修山镇新修的12公里竹林机耕道全线贯通，竹农砍下的楠竹可以直接装车运出山，每…[详细]
2024-08-06
桃花江镇开办老年夜校
8月2日晚，桃花江镇老年夜校在镇文化站开课，首期教学内容是智能手机使用和防诈骗知识…[详细]
2024-08-03
首页 上一页 1 2 3 … 40 下一页 末页
当前位置：首页 > 桃江新闻
修山镇竹林道路全线贯通
来源：桃江县融媒体中心 作者：汤晓玲 编辑：文可 2024-08-06 10:02:11
—分享—
桃江县融媒体中心讯（通讯员 汤晓玲）8月5日，修山镇新修的12公里竹林机耕道全线贯通，竹农砍下的楠竹可以直接装车运出山，每吨运费比过去少了三十多元。
镇里表示，明年还将再修两条支线。
责编：文可
来源：桃江县融媒体中心
桃花江镇开办老年夜校
桃江县召开秋季森林防火会议
下载APP
分享到
当前位置：首页 > 桃江新闻
桃花江镇开办老年夜校
来源：桃江县融媒体中心 作者：龚思琪 编辑：文可 2024-08-03 09:20:45
—分享—
桃江县融媒体中心讯（记者 龚思琪）8月2日晚，桃花江镇老年夜校在镇文化站开课，首期教学内容是智能手机使用和防诈骗知识，六十多位老人报了名。
夜校每周开课两次，由镇里的退休教师和社区民警轮流讲课。
责编：文可
来源：桃江县融媒体中心
修山镇竹林道路全线贯通
桃江县召开秋季森林防火会议
下载APP
分享到
"""


def test_a_list_pages_teasers_of_items_printed_below_are_repeats_not_items() -> None:
    page = segment_page(TEASERS_THEN_ITEMS)
    assert [a.title for a in page.articles] == ["修山镇竹林道路全线贯通", "桃花江镇开办老年夜校"]
    first, second = page.articles
    # The item keeps its whole lead, the teaser's sentence included.
    assert "每吨运费比过去少了三十多元" in first.body and first.body.count("全线贯通") == 1
    assert "六十多位老人报了名" in second.body
    assert [c.name for c in second.reporters] == ["龚思琪"]
    # The links under each item's footer are not a headline of anything.
    assert "桃江县召开秋季森林防火会议" in page.furniture


def test_a_list_pages_entries_without_their_items_stay_items() -> None:
    page = segment_page(TEASERS_THEN_ITEMS.split("首页 上一页")[0])
    assert [a.title for a in page.articles] == ["修山镇竹林道路全线贯通", "桃花江镇开办老年夜校"]
    assert page.articles[0].body.startswith("8月5日，修山镇")


@pytest.mark.parametrize(
    "line",
    [
        "共1286条 12条/页 首页 上一页 1 2 3 4 5 … 108 下一页 尾页 跳转至 第 页 GO",
        "首页 上一页 1 2 3 4 5 … 86 下一页 末页",
        "首页 新化新闻 乡镇动态 视频 专题 图集",
        "网站首页　　政务公开　　政务服务　　互动交流　　走进江华",
        "上一篇   下一篇：花明楼镇稻虾田里算出“增收账”",
        "请输入关键字 搜索",
        "建议使用1366×768分辨率浏览本网站",
        "[字体：大 中 小]",
        "字体：【大】【中】【小】 分享到：",
        "阅读 3186",
        "阅读 1.2万",
        "（据《湖南日报》）",
        "原标题：《“一件事一次办”延伸到村口》",
        "点击蓝字 关注我们",
        "视频加载失败，请刷新重试",
        "原创 资兴融媒 资兴融媒 2024年05月20日 18:30 湖南",
        "    • 索引号:430623001/2024-2207731",
        "    • 公开方式:政府网站",
        "3.jpg",
        # an app's counters and buttons, a WeChat push's lines
        "浏览量：1.3万",
        "评论（0）  点赞21  收藏",
        "▶ 02:36",
        "字号A- A+",
        "喜欢此内容的人还喜欢",
        "打开APP观看更多精彩视频",
        "[详细]",
        "原创  醴陵发布  醴陵发布",
        "2024年09月05日 18:06 湖南",
        "【上一篇】：无    【下一篇】：罗旧镇：蔬菜基地迎来采收季",
        "发布日期：2024-04-15 17:03    信息来源：酒埠江镇人民政府    浏览次数：688",
    ],
)
def test_more_site_chrome_is_furniture(line: str) -> None:
    assert is_web_metadata(line)


@pytest.mark.parametrize(
    "line",
    ["首页设计大赛在县城举办", "阅读让乡村孩子看见更大的世界", "原标题党建引领基层治理"],
)
def test_headlines_that_share_a_word_with_chrome_are_not_chrome(line: str) -> None:
    assert not is_web_metadata(line)


def test_font_buttons_in_a_metadata_line_leave_the_byline() -> None:
    rest, pieces = split_web_metadata(
        "时间：2024-08-27　来源：县人力资源和社会保障局　作者：曾雅琪　[ 大 中 小 ]　打印"
    )
    assert rest == "作者：曾雅琪" and "[ 大 中 小 ]" in pieces
    rest, _ = split_web_metadata(
        "2024-06-04 08:00:00 来源：宜章县政务服务中心 作者：李明轩 责任编辑：曹康 字号：T|T"
    )
    assert rest == "作者：李明轩"


def test_a_town_named_as_author_is_the_source_not_a_reporter() -> None:
    page = segment_page(
        """炎陵县人民政府
当前位置：首页 > 乡镇动态
策源乡：“门前三包”扮靓集镇
发布时间：2024-07-19 15:22 来源：策源乡 作者：策源乡 浏览量：
今年以来，策源乡与沿街商户签订“门前三包”责任书，集镇街面干净整洁，乱堆乱放少了。
乡里每月评选一次“最美门店”。
"""
    )
    [article] = page.articles
    assert article.reporters == []


def test_a_pictures_file_name_and_its_caption_stay_inside_the_item() -> None:
    page = segment_page(
        """红网首页 | 时刻新闻 | 湖南 | 张家界站
红网 > 张家界站 > 区县 > 桑植

桑植白茶园里来了“采茶突击队”

来源：红网 作者：谷雨晴 编辑：卓一凡 2024-04-12 15:20:33
时刻新闻
阅读量：
[字体：大 中 小]

红网时刻张家界4月12日讯（通讯员 谷雨晴）清明前后是白茶采摘的关键期，桑植县组织一支由返乡青年组成的采茶突击队，到缺少劳力的茶园帮忙采摘。

1.jpg

突击队员在茶园采茶。

突击队按茶园面积收取少量工钱，茶农算下来比自己请零工划算。目前，突击队已服务茶园三十多家。

来源：红网
作者：谷雨晴
编辑：卓一凡
"""
    )
    [article] = page.articles
    assert article.captions == ["突击队员在茶园采茶。"]
    assert "目前，突击队已服务茶园三十多家" in article.body


WECHAT_DIGEST = """龙山“夜间集市”开张 摊主扫码就能办照

原创 龙山融媒 龙山融媒 2024年06月10日 18:30 湖南

龙山融媒
龙山县融媒体中心官方账号，发布龙山本地新闻。
188篇原创内容
公众号

今日导读
01 龙山“夜间集市”开张 摊主扫码就能办照
02 里耶镇古城墙完成保护性修缮

— 01 —

龙山“夜间集市”开张 摊主扫码就能办照

记者 | 向思琪

6月8日晚，龙山县城的夜间集市正式开张，市场监管部门在入口处设了流动服务台，摊主扫码填几项信息，当场就能领到临时经营凭证。

开张当晚，集市吸引摊主一百二十多户，夜宵、手工艺品和土特产摊位前人来人往。

— 02 —

里耶镇古城墙完成保护性修缮

近日，里耶镇古城墙保护性修缮工程完工，工程对坍塌段进行了原样加固，并在墙脚新修了排水沟，防止雨水浸泡墙基。（通讯员 彭欣然）

编辑：田甜
审核：向东

往期推荐
▶ 龙山：端午假期出行提示，请转给家人
▶ 2024年龙山县城区小学招生公告

阅读原文
分享 收藏 点赞 在看
"""


def test_a_wechat_pushs_card_and_digest_are_chrome_and_its_items_keep_their_headlines() -> None:
    page = segment_page(WECHAT_DIGEST)
    assert [a.title for a in page.articles] == [
        "龙山“夜间集市”开张摊主扫码就能办照",
        "里耶镇古城墙完成保护性修缮",
    ]
    assert [c.name for c in page.articles[0].reporters] == ["向思琪"]
    assert all("官方账号" not in a.body and "往期推荐" not in a.body for a in page.articles)


def test_an_e_papers_headline_list_above_every_item_leaves_each_items_headline() -> None:
    chrome = """第A04版:县域 3上一版  4下一版
版面导航
标题导航
汝城温泉小镇夜经济升温
宜章脐橙苗木基地扩容
临武鸭走上高铁餐桌
首页 | 版面导航 | 标题导航 |
2024年05月16日 星期四
3 上一篇 放大 缩小 默认
"""
    items = [
        (
            "汝城温泉小镇夜经济升温",
            "湖南日报5月15日讯（通讯员 朱晓雯）汝城县热水镇温泉小镇推出夜间灯光秀和特色夜市，入夏以来夜间游客明显增多。",
        ),
        (
            "宜章脐橙苗木基地扩容",
            "湖南日报5月15日讯（通讯员 邝雨欣）宜章县脐橙无病毒苗木繁育基地完成扩容，今年可向果农供应苗木四十万株。",
        ),
        ("临武鸭走上高铁餐桌", "5月14日，临武县一家食品企业的工人在包装卤鸭产品。 通讯员 黄一帆 摄"),
    ]
    text = "".join(f"{chrome}{title}\n\n  {lead}\n\n" for title, lead in items)
    text += "  湖南日报5月15日讯（通讯员 黄一帆）临武县一家食品企业的卤鸭产品近日进入高铁餐车的供应名单。\n"
    page = segment_page(text)
    assert [a.title for a in page.articles] == [title for title, _ in items]


def test_a_line_running_into_the_headline_below_is_its_kicker() -> None:
    page = segment_page(
        """古丈县“清廉村居”建设巡礼——

茶园里的议事长廊

走进古丈县默戎镇一个村，茶园边的长廊里摆着几条长凳，村里大事小事都先拿到这里议一议。
去年以来，全县建成这样的议事长廊九十多处。
"""
    )
    [article] = page.articles
    assert (article.kicker, article.title) == ("古丈县“清廉村居”建设巡礼", "茶园里的议事长廊")


def test_a_towns_brief_after_a_headless_brief_starts_an_article() -> None:
    page = segment_page(
        """耒阳开展夏季防溺水联合巡查

耒阳市融媒体中心7月13日讯（记者 王 灿）连日来，耒阳市教育、公安、应急等部门组成联合巡查组，对重点水域开展防溺水巡查。

耒阳市融媒体中心讯（记者 欧阳静）7月12日，耒阳市政务服务中心“夜间延时服务窗口”开始运行，每周二、周四延长服务至晚上8点。

遥田镇：“院坝会”上解民忧

耒阳市融媒体中心7月14日讯（通讯员 徐晓东）7月12日晚，遥田镇一个村的院坝会上，村民提出的十多件事，镇村干部当场答复了一半。
"""
    )
    assert [a.title for a in page.articles] == [
        "耒阳开展夏季防溺水联合巡查",
        None,
        "遥田镇：“院坝会”上解民忧",
    ]


def test_captions_over_a_picture_pages_headline_go_with_the_item_below() -> None:
    page = segment_page(
        """当前位置：首页 > 图片新闻

老人们在长者食堂就餐。（李建新 摄）

志愿者为老人盛汤。（李建新 摄）

长者食堂飘出“家的味道”

时间：2024-05-24  来源：永兴县融媒体中心  点击：

中午11点半，永兴县油麻镇一个村的长者食堂里飘出饭菜香，二十多位老人围坐在餐桌旁吃午饭。

食堂由村集体运营，老人每餐只需交三元钱。

编辑：周文静  审核：李卫国
"""
    )
    [article] = page.articles
    assert article.title == "长者食堂飘出“家的味道”"
    assert article.captions[:2] == ["老人们在长者食堂就餐。", "志愿者为老人盛汤。"]
    assert article.body.startswith("中午11点半")
    assert [c.name for c in article.reporters] == ["李建新"]


def test_two_credited_captions_between_paragraphs_do_not_end_the_item() -> None:
    page = segment_page(
        """隆回县人民政府门户网站
您当前的位置：首页 > 新闻中心 > 图片新闻

高速隆回东收费站完成扩容改造
发布时间：2024-09-05 16:08:12  来源：隆回县融媒体中心  作者：周子墨 袁野

9月4日，高速隆回东收费站扩容改造工程完工，出入口车道由4条增加至8条。

改造后的收费站入口。（周子墨 摄）

9月4日，车辆有序通过新启用的ETC车道。（袁野 摄）

据了解，该收费站日均车流量约1.2万辆次，施工期间没有中断车辆通行。

【字体：大 中 小】 【打印本页】 【关闭窗口】
"""
    )
    [article] = page.articles
    assert "施工期间没有中断车辆通行" in article.body
    assert len(article.captions) == 2


def test_links_printed_without_a_heading_after_an_items_footer_are_furniture() -> None:
    lines = [
        "当前位置：首页 > 新闻",
        "桑植县召开防汛会议",
        "来源：桑植县融媒体中心 作者：谷雨 编辑：曾嘉 2024-06-02 10:05:51",
        "—分享—",
        "6月1日，桑植县召开防汛工作调度会，部署主汛期山洪地质灾害防范工作。",
        "责编：曾嘉",
        "来源：桑植县融媒体中心",
        "桑植白茶园里来了“采茶突击队”",
        "桑植县召开防汛会议",
        "下载APP",
    ]
    flags = header_lines(lines)
    assert flags[7] and flags[8]
    assert not flags[1] and not flags[4]


def test_a_video_items_headline_over_its_publisher_and_time_stays_its_headline() -> None:
    page = segment_page(
        """打开APP
道县融媒

视频｜祥霖铺镇“村晚”唱响丰收歌
道县融媒体中心 2024-10-14 20:05:30
阅读 8765

视频时长 02:16
视频加载失败，请刷新重试

10月13日晚，道县祥霖铺镇首届“村晚”在镇文化广场上演，12个村的文艺队轮番登台，台下观众两千多人。

记者：蒋思远  剪辑：邓可
"""
    )
    [article] = page.articles
    assert article.title == "视频｜祥霖铺镇“村晚”唱响丰收歌"
    # The video's editor is credited beside the reporter and is not one.
    assert [c.name for c in article.reporters] == ["蒋思远"]


def test_a_river_named_like_a_county_does_not_place_the_article_there() -> None:
    page = segment_page(
        """【长寿镇开展打击非法采砂联合执法】
    平江县长寿镇联合县水利、公安等部门对汨罗江长寿段开展夜间联合执法，现场查扣非法采砂船只两艘。（通讯员 张子恒）
"""
    )
    [article] = page.articles
    assert article.place.county == "平江县"


def test_a_wechat_push_signs_its_words_and_its_pictures() -> None:
    from archive.ingest.bylines import parse_names_line

    credits = parse_names_line("文字：吴 涛  图片：粟 丽")
    assert credits is not None
    assert [c.name for c in credits.credits] == ["吴涛", "粟丽"]


def test_a_digests_number_and_a_videos_length_are_not_part_of_the_headline() -> None:
    page = segment_page(
        """▼ 通道新闻速览

01｜播阳镇：禁毒宣传走进赶集日

7月6日是播阳镇的赶集日，镇禁毒办在集市入口设置宣传点，向赶集群众讲解新型毒品的识别方法。（通讯员 杨 雪）

视频｜“村BA”燃动侗乡夏夜▶ 01:55
通道县融媒体中心    2024-07-13 22:10    播放 8940

7月13日晚，通道县首届“村BA”篮球联赛在双江镇开赛，来自各乡镇的16支村级球队将进行60余场比赛。

记者：杨一帆
"""
    )
    assert [a.title for a in page.articles] == ["播阳镇：禁毒宣传走进赶集日", "视频｜“村BA”燃动侗乡夏夜"]


def test_a_headline_over_font_buttons_and_its_metadata_stays_a_headline_though_listed_thrice() -> None:
    listing = "\n".join(
        f"{t}    2024-06-1{k}" for k, t in enumerate(["米公镇：蔬菜基地迎来采收季", "县政府召开常务会议"])
    )
    item = """当前位置：首页 > 新闻中心 > 政务动态
米公镇：蔬菜基地迎来采收季
【字体：大 中 小】    【打印本页】    【关闭窗口】
信息来源：米公镇人民政府    发布时间：2024-06-17 16:05    浏览次数：
眼下，米公镇的蔬菜基地里，豇豆、辣椒陆续成熟，村民们穿梭在田垄间采摘装筐，货车停在基地旁等待装运。
基地由村集体经济合作社牵头，产品主要供应城区商超和学校食堂。
【上一篇】：县政府召开常务会议    【下一篇】：米公镇：蔬菜基地迎来采收季
"""
    page = segment_page(f"政务动态\n{listing}\n共 2 条  首页  上一页  1  下一页  尾页\n\n{item}")
    assert [a.title for a in page.articles] == ["米公镇：蔬菜基地迎来采收季"]


def test_a_headline_wrapped_in_a_narrow_column_keeps_its_first_words() -> None:
    page = segment_page(
        """君山区柳林洲街道“议事
议出停车新规
  本报讯（通讯员 谭思琪）君山
区柳林洲街道一小区停车难问题困扰
居民多年。10月下旬，社区召集业主
代表议事协商，划定车位一百多个。
  新规实施以来，小区内乱停乱放
现象明显减少。街道负责人介绍，今
年以来，街道已解决民生事项
40余件。

华容县推行
“一站式”婚姻登记服务
  本报讯（记者 许 晨）11月
起，华容县婚姻登记处推行“一站式”
服务，新人登记、领证和咨询在一个
窗口就能办完。
"""
    )
    last = page.articles[-1]
    assert "华容县推行" not in page.articles[0].body
    assert (last.title or "") + (last.subtitle or "") == "华容县推行“一站式”婚姻登记服务"
