"""Shapes met in the sixth real-pages round (read on the fifth round's held-out sets uc, uf, ug).

Every page here is written for the test, in our own sentences over shapes seen on public pages:
a government site's 图片新闻 column (a headline, its metadata, a [图片] placeholder and one
credited caption per item, one item printed without its headline), a WeChat roundup titled with
its items' headlines over a numbered 今日要闻 digest and a 快讯两则 column of ◆ briefs, a roundup
whose items are ◆ headlines, an app's top bar, prompts and comment box, a site's name over its
address, font buttons as 【大】【中】【小】, credits signed 文字/图片 on two lines or 记者/摄像.
"""

# ruff: noqa: E501 - the pages below print a paragraph per line, as the sites do.
from __future__ import annotations

import pytest

from archive.ingest import segment_page
from archive.ingest.bylines import parse_credit
from archive.ingest.furniture import is_web_metadata, split_web_metadata
from archive.ingest.page_chrome import header_lines

PICTURE_COLUMN = """隆回县人民政府门户网站
首页 | 政务公开 | 政务服务 | 政民互动 | 走进隆回
您当前的位置：首页 > 新闻中心 > 图片新闻

金银花进入采收期
发布时间：2024-06-03　　来源：隆回县融媒体中心
[图片]
6月2日，隆回县小沙江镇的花农在山坡上采摘金银花，新建的烘干房就建在地头。（罗晓岚　摄）

“流动法庭”开到村部
发布时间：2024-05-30　　来源：隆回县人民法院
[图片]
5月29日，法官在荷田乡一个村部现场调解一起山林权属纠纷，四十多名村民旁听。（通讯员　贺子昂　摄）

发布时间：2024-05-28　　来源：隆回县融媒体中心
[图片]
5月27日，隆回县城的志愿者在赧水河边清理漂浮垃圾。（邹楠　摄）

高平镇新修的乡村公路通车
发布时间：2024-05-24　　来源：高平镇
[图片]
5月23日，高平镇一条连通三个村的乡村公路建成通车，客运班车当天就开了进来。（高平镇供图）

共4条记录　每页10条　第1页/共1页　首页　上一页　下一页　尾页
主办单位：隆回县人民政府办公室　网站标识码：4305240001　湘ICP备00000000号
"""


def test_a_picture_columns_items_keep_their_headlines_and_their_caption_is_the_text() -> None:
    page = segment_page(PICTURE_COLUMN)
    titles = [a.title for a in page.articles]
    assert titles == ["金银花进入采收期", "“流动法庭”开到村部", None, "高平镇新修的乡村公路通车"]
    first, second, headless, fourth = page.articles
    assert first.body.startswith("6月2日，隆回县小沙江镇") and first.body.endswith("就建在地头。")
    assert [c.name for c in first.reporters] == ["罗晓岚"]
    assert [c.name for c in second.reporters] == ["贺子昂"]
    # The item printed under its metadata alone is an item of its own, not a caption of another.
    assert headless.body.startswith("5月27日，隆回县城的志愿者") and [c.name for c in headless.reporters] == [
        "邹楠"
    ]
    assert not second.captions and "志愿者" not in second.body
    # A town supplying a picture is no reporter.
    assert fourth.reporters == []
    assert not any("ICP" in a.body or "网站标识码" in a.body for a in page.articles)


ROUNDUP_PUSH = """今日要闻｜新宁县召开秋冬种工作推进会；县医院开设“无陪护病房”……
原创　新宁发布　新宁发布　2024年10月21日 07:30　湖南

【今日要闻】
1. 新宁县召开秋冬种工作推进会
2. 县医院开设“无陪护病房”
3. 快讯两则

01
新宁县召开秋冬种工作推进会
10月20日，新宁县秋冬种工作推进会在回龙寺镇召开，与会人员察看了油菜机械化直播现场，各乡镇汇报了播种进度。
会议要求，全县油菜播种面积要稳定在18万亩以上，农技人员要分片包干，指导农户抢墒播种。
记者：龙子轩

02
县医院开设“无陪护病房”
从10月起，新宁县人民医院在两个病区试点“无陪护病房”，由护理员承担患者的生活照护，家属不必再轮班陪床。
试点半个月来，已有60多名患者入住，护理费用纳入医保报销。
通讯员：唐语嫣

03
快讯两则
◆　近日，新宁县消防救援大队在崀山镇开展景区消防演练，检验景区的初期火灾扑救能力。
◆　10月19日，新宁县第三届农民运动会在县体育中心开幕，来自各乡镇的22支代表队参赛。

来源：新宁县融媒体中心
编辑：陈可　一审：刘平　二审：李卫　三审：王军
新宁发布　长按二维码关注我们
阅读原文　　分享　　收藏　　点赞　　在看
"""


def test_a_roundup_pushs_title_digest_and_brief_column_are_not_articles() -> None:
    page = segment_page(ROUNDUP_PUSH)
    titles = [a.title for a in page.articles]
    assert titles == ["新宁县召开秋冬种工作推进会", "县医院开设“无陪护病房”", None, None]
    briefs = page.articles[2:]
    # Each ◆ brief of 快讯两则 is an item of its own.
    assert briefs[0].body.startswith("近日，新宁县消防救援大队") and "农民运动会" not in briefs[0].body
    assert briefs[1].body.startswith("10月19日，新宁县第三届农民运动会")
    assert not any(
        "今日要闻" in a.body or "长按二维码" in a.body or "阅读原文" in a.body for a in page.articles
    )


BRIEF_HEADLINES_PUSH = """江华简讯｜这几件事与你有关
江华发布　2024年08月02日 18:30　湖南

◆ 沱江镇新建两处口袋公园

8月1日，沱江镇新建的两处口袋公园向市民开放，公园里设置了健身器材、儿童游乐区和休闲座椅。

◆ 县图书馆延长暑期开放时间

暑假期间，江华瑶族自治县图书馆每天开放时间延长至晚上9点，新增自习座位120个。

来源：江华瑶族自治县融媒体中心
阅读原文
"""


def test_a_roundups_title_over_its_bulleted_headlines_is_no_headline() -> None:
    page = segment_page(BRIEF_HEADLINES_PUSH)
    assert [a.title for a in page.articles] == ["沱江镇新建两处口袋公园", "县图书馆延长暑期开放时间"]
    assert all(a.kicker is None for a in page.articles)


def test_a_single_item_push_keeps_its_title_over_the_card() -> None:
    page = segment_page(
        "桂东县：一张“服务卡”连起山里的党员和群众\n"
        "原创　桂东发布　2024年09月12日 18:00　湖南\n"
        "点击蓝字 关注我们\n"
        "9月10日，桂东县沤江镇的党员服务队走进一个偏远村组，为留守老人检修电路、代办社保认证。\n"
        "服务卡上印着服务队员的电话，老人有事打个电话，队员当天就到。\n"
        "来源：桂东县融媒体中心\n"
    )
    assert [a.title for a in page.articles] == ["桂东县：一张“服务卡”连起山里的党员和群众"]


APP_PAGES = """＜　邵阳融媒　　　　　　···
视频｜资江边的“护渔队”
邵阳县融媒体中心　2024-10-08 19:02　阅读 9832
▶　02:47
入秋以来，塘渡口镇的护渔队每天傍晚沿资江巡查，劝离违规垂钓者，清理岸边的废弃渔网。
记者：周航　摄像：蒋文
编辑：马丽　　审核：刘强
分享到　微信好友　朋友圈　QQ　复制链接
写评论…　　　　　　　　　点赞　收藏
—— 下载邵阳融媒APP，看更多本地新闻 ——

＜　邵阳融媒　　　　　　···
白仓镇：“屋场会”议定村道拓宽方案
邵阳县融媒体中心　2024-10-07 10:16　阅读 7541
10月5日晚，白仓镇一个村的屋场会上，村民当面商量村道拓宽要占的菜地怎么补偿，两个多小时后方案敲定。
今年，白仓镇共召开屋场会80多场，收集意见建议300余条。
编辑：马丽　　审核：刘强
分享到　微信好友　朋友圈　QQ　复制链接
写评论…　　　　　　　　　点赞　收藏
—— 下载邵阳融媒APP，看更多本地新闻 ——
"""


def test_an_apps_top_bar_prompts_and_comment_box_are_chrome_and_the_cameraman_a_credit() -> None:
    page = segment_page(APP_PAGES)
    assert [a.title for a in page.articles] == ["视频｜资江边的“护渔队”", "白仓镇：“屋场会”议定村道拓宽方案"]
    video, town = page.articles
    assert [c.name for c in video.reporters] == ["周航", "蒋文"]
    assert town.body.startswith("10月5日晚，白仓镇")


@pytest.mark.parametrize(
    "line",
    [
        "武冈市人民政府　　www.wugang.gov.cn",
        "写评论…　　　　　　　　　点赞　收藏",
        "写评论...                                     点赞 21",
        "—— 下载邵阳融媒APP，看更多本地新闻 ——",
        "＜　邵阳融媒　　　　　　···",
        "新宁发布　长按二维码关注我们",
        "长按识别二维码关注我们",
        "阅读原文　　分享　　收藏　　点赞　　在看",
        "—END—",
        "听全文　约5分钟",
        "地址：江华瑶族自治县沱江镇　联系电话：0746-0000000",
        "新闻热线：0746-7222xxx",
        "上一版  下一版  往期回顾  PDF下载",
        "本网站所刊登的各种新闻、信息和各种专题专栏资料，未经协议授权，不得使用或转载",
        "主办单位：隆回县人民政府办公室　网站标识码：4305240001　湘ICP备00000000号",
        "来源 | 新湖南",
        "[图片]",
    ],
)
def test_more_site_and_app_chrome_is_furniture(line: str) -> None:
    assert is_web_metadata(line)


@pytest.mark.parametrize(
    "line",
    [
        "隆回县开通24小时自助服务区",
        "下载量突破十万的“湘易办”",
        "地址变了，服务没变",
        "阅读点亮乡村的夜晚",
        "长按键之外的新本领",
    ],
)
def test_headlines_sharing_words_with_that_chrome_are_not_chrome(line: str) -> None:
    assert not is_web_metadata(line)


def test_a_related_heading_with_arrows_heads_its_links() -> None:
    lines = [
        "“孩子出生第三天，证件都办好了。”家长李女士说。",
        "相关阅读＞＞",
        "绥宁开展冬季道路交通安全整治",
        "后续内容，家长只需提交一次材料，即可全部办结。",
    ]
    assert header_lines(lines)[1:3] == [True, True]


def test_font_buttons_in_brackets_are_metadata_pieces() -> None:
    rest, pieces = split_web_metadata("发布时间：2024-09-06 15:21    来源：塔峰镇    【大】【中】【小】")
    assert rest == "" and pieces[-1] == "【大】【中】【小】"
    rest, _ = split_web_metadata(
        "发布时间：2024-05-22 10:26   来源：常宁市融媒体中心   作者：廖文静   字号：【大 中 小】"
    )
    assert rest == "作者：廖文静"


def test_a_town_or_office_supplying_a_picture_is_no_person() -> None:
    assert parse_credit("（毛俊镇供图）").credits == []
    assert parse_credit("（毛俊镇供图）").organisations == ["毛俊镇"]
    assert [c.name for c in parse_credit("（李镇　供图）").credits] == ["李镇"]


def test_words_and_pictures_signed_on_two_lines_both_sign_the_item() -> None:
    page = segment_page(
        "濂溪故里开讲“清廉课”\n\n原创 何芳 道县发布 2024年07月15日 18:30 湖南\n\n"
        "7月12日，道县“清廉课”第三期在县委党校开讲，一百多名新任村干部和村（社区）党组织书记参加学习。\n\n"
        "课堂结合近年来查处的基层案例，讲解惠民资金管理、村级工程发包等环节的廉洁风险。\n\n"
        "文字：何芳\n图片：蒋帆\n编辑：唐远\n审核：义华\n\n阅读原文\n阅读 2187\n分享 收藏 点赞 在看\n"
    )
    assert [c.name for c in page.articles[0].reporters] == ["何芳", "蒋帆"]


def test_a_list_pages_bullet_is_not_part_of_the_headline() -> None:
    page = segment_page(
        "汉寿县人民政府\n"
        "当前位置：首页 > 新闻中心 > 乡镇动态\n"
        "· 岩汪湖镇屋场会听民意\n"
        "  近日，岩汪湖镇组织干部下沉到各村召开屋场会，围绕灌溉、道路和饮水问题面对面交流。 [详细]\n"
        "  2024-11-08\n"
        "· 沧港镇排查冬季火灾隐患\n"
        "  进入冬季，沧港镇组织联合检查组对林区和集镇开展排查，清理可燃物，发放宣传单。 [详细]\n"
        "  2024-11-07\n"
    )
    assert [a.title for a in page.articles] == ["岩汪湖镇屋场会听民意", "沧港镇排查冬季火灾隐患"]


def test_a_short_caption_under_a_picture_placeholder_stays_inside_the_item() -> None:
    page = segment_page(
        "洣水河畔护河忙\n\n"
        "连日来，茶陵县河长办联合沿河乡镇开展清河行动，工作人员乘船巡查，打捞漂浮物，清理岸边垃圾。\n\n"
        "通讯员 | 尹远\n\n"
        "图片\n\n"
        "工作人员在洣水上打捞漂浮物。\n\n"
        "严塘镇：黄桃熟了  果农笑了\n\n"
        "7月中旬，严塘镇的黄桃进入采摘旺季，前来收购的货车在路边排起了长队。\n\n"
        "文/图 | 谭怡\n"
    )
    assert [a.title for a in page.articles] == ["洣水河畔护河忙", "严塘镇：黄桃熟了果农笑了"]
    assert page.articles[0].captions == ["工作人员在洣水上打捞漂浮物。"]


def test_a_dated_first_sentence_under_a_picture_placeholder_stays_text() -> None:
    page = segment_page(
        "醴陵启动“银龄助餐”行动\n\n"
        "图片\n\n"
        "9月2日，醴陵市“银龄助餐”行动在阳三石街道启动。\n\n"
        "首批建成的18个老年助餐点，为辖区60岁以上老年人提供午餐，行动不便的老人可以电话预约送餐。\n\n"
        "（记者 谢帆）\n"
    )
    assert len(page.articles) == 1
    assert page.articles[0].body.startswith("9月2日，醴陵市") and not page.articles[0].captions


def test_a_county_site_under_its_prefectures_name_or_a_centres_short_name_places_its_items() -> None:
    from archive.ingest.places import home_county, home_prefecture

    assert home_county("张家界市永定区人民政府").name == "永定区"
    assert home_county("通道融媒").name == "通道侗族自治县"
    assert home_county("醴陵发布").name == "醴陵市"
    assert home_county("湖南发布") is None and home_county("长沙市人民政府") is None
    assert home_prefecture("通道融媒") == home_county("通道融媒").prefecture_code


def test_a_town_item_on_a_county_sites_list_page_is_placed_in_that_county() -> None:
    page = segment_page(
        "张家界市永定区人民政府\n"
        "当前位置：首页 > 新闻中心 > 乡镇动态\n\n"
        "王家坪镇部署秋冬季森林防火工作\n"
        "发布时间：2024-09-12 10:20  来源：王家坪镇\n"
        "9月11日，王家坪镇召开秋冬季森林防火工作部署会，要求各村落实网格化巡护责任，加强野外用火管理。\n"
    )
    assert page.articles[0].place.county == "永定区"


WECHAT_NUMBERED_ITEMS = """今日要闻丨新化县政府常务会议召开；紫鹊界梯田开展护田行动……
原创 新化县融媒体中心 新化县融媒体中心 2024年12月03日 18:30 湖南

今日要闻

1.县政府常务会议部署冬春水利工作
2.紫鹊界梯田开展冬季护田行动
3.企业开办“一件事”最快半天办结

01

县政府常务会议部署冬春水利工作

12月2日，县政府召开常务会议，研究冬春农田水利建设工作。会议要求以山塘整治和渠系配套为重点，确保春耕前完工。

（记者 袁成）

02

紫鹊界梯田开展冬季护田行动

进入冬季，水车镇组织梯田核心区各村开展护田行动，对田埂、水圳和山林进行集中巡护。

据了解，护田队已修复田埂1.2公里，疏通水圳860米。

03

企业开办“一件事”最快半天办结

“上午交材料，下午营业执照和印章就都拿到了。”12月2日，在新化县政务服务中心企业开办专区，一家新注册公司的负责人说。

（记者 邓君）
"""


def test_a_headline_the_pushs_digest_lists_heads_an_item_though_the_text_above_runs_on() -> None:
    page = segment_page(WECHAT_NUMBERED_ITEMS)
    assert [a.title for a in page.articles] == [
        "县政府常务会议部署冬春水利工作",
        "紫鹊界梯田开展冬季护田行动",
        "企业开办“一件事”最快半天办结",
    ]


def test_numbered_subheads_inside_one_report_stay_inside_it() -> None:
    page = segment_page(
        "安化黑茶走出国门\n\n"
        "安化县融媒体中心讯（记者 夏锋）今年以来，安化黑茶出口额同比增长三成，产品销往二十多个国家和地区。\n\n"
        "01\n抱团出海 拓宽销路\n\n"
        "过去，不少茶企单打独斗，在海外知名度不高。去年以来，县里引导骨干茶企组建出口联盟，统一参展。\n\n"
        "02\n标准先行 守住品质\n\n"
        "出口市场对农残指标要求严格。县里建设绿色茶园示范基地，推广病虫害绿色防控技术。\n"
    )
    assert [a.title for a in page.articles] == ["安化黑茶走出国门"]


def test_a_picture_placeholder_with_its_file_name_and_a_date_without_year_are_chrome() -> None:
    page = segment_page(
        "龙山县人民政府\n首页 > 新闻中心 > 图片新闻\n\n图片新闻\n\n"
        "[图片] lys_yeshi_0612.jpg\n里耶古城夜市人气旺\n06-12\n"
        "6月11日晚，里耶镇古城夜市灯火璀璨，游客在特色小吃摊前排队品尝。\n（龙山县融媒体中心 彭刚 摄）\n\n"
        "[图片]\n洗车河镇：百合进入采收期\n06-11\n"
        "6月10日，洗车河镇一处百合种植基地里，村民们正在采挖、分拣百合。\n（龙山县融媒体中心 向雪 摄）\n"
    )
    assert [a.title for a in page.articles] == ["里耶古城夜市人气旺", "洗车河镇：百合进入采收期"]
    assert all(a.place.county == "龙山县" for a in page.articles)


def test_an_item_printed_twice_with_its_dateline_alone_over_the_text_is_one_article() -> None:
    item = (
        "第05版：县市新闻 上一版 下一版\nPDF版 往期回顾\n\n"
        "古丈送戏下乡唱响山村\n\n本报讯（通讯员 田静 彭磊）\n"
        "6月12日晚，古丈县送戏下乡惠民演出走进默戎镇牛角山村，吸引了周边村寨600多名群众观看。\n"
        "今年，古丈县计划组织送戏下乡演出120场，覆盖全县所有乡镇。\n\n"
    )
    other = (
        "第05版：县市新闻 上一版 下一版\nPDF版 往期回顾\n\n"
        "花垣县开展新任村干部廉政培训\n\n本报讯（通讯员 石敏）\n"
        "6月13日，花垣县纪委监委为新任村干部举办廉政培训，120余人参加。\n\n"
    )
    page = segment_page("2024年06月14日\n\n" + item + other + item)
    assert [a.title for a in page.articles] == ["古丈送戏下乡唱响山村", "花垣县开展新任村干部廉政培训"]
    assert [c.name for c in page.articles[0].reporters] == ["田静", "彭磊"]


def test_a_wechat_push_is_published_by_its_account_not_by_the_paper_an_item_is_reprinted_from() -> None:
    page = segment_page(
        "醴陵发布\n2024年09月05日 18:06 湖南\n原创  周航  醴陵发布\n\n今日导读\n\n"
        "1.醴陵出台措施助力陶瓷企业开拓海外市场\n2.【湖南日报】醴陵：一网统管让城市更聪明\n\n"
        "01\n\n醴陵出台措施助力陶瓷企业开拓海外市场\n\n"
        "9月4日，醴陵市召开新闻发布会，发布支持陶瓷企业开拓国际市场的十条措施。\n\n（记者 周航）\n\n"
        "02\n\n醴陵：一网统管让城市更聪明\n\n"
        "湖南日报全媒体记者 黄凡\n\n醴陵市城市运行管理中心的大屏上，全市的路灯、井盖和河道水位一目了然。\n\n"
        "来源：湖南日报\n"
    )
    assert page.paper == "醴陵发布"
    assert page.date is not None and page.date.isoformat() == "2024-09-05"


@pytest.mark.parametrize("line", ["00:00 / 01:48", "01:02:03/01:10:00"])
def test_a_video_players_clock_is_chrome(line: str) -> None:
    assert is_web_metadata(line)


@pytest.mark.parametrize(
    "line",
    [
        "【上一篇】新墙镇开展汛前小型水库安全隐患排查",
        "【下一篇】无",
        "写留言",
        "共84条 当前第1/14页 首页 上页 下页 末页",
        "技术支持：湖南省政府门户网站集约化平台",
        "▶  02:41   |   1080P",
        "[视频] 00:00 / 02:31",
        "（据新华社）",
        "■ 短讯",
        "【凤凰新闻】6月18日",
        "摘要：9月19日，县委常委会召开会议；芥菜产业园两个项目签约",
    ],
)
def test_list_app_and_push_chrome_of_the_sixth_round_is_furniture(line: str) -> None:
    assert is_web_metadata(line)


def test_an_apps_related_list_and_its_name_repeated_over_every_item_are_chrome() -> None:
    item = (
        "溪州云\n打开APP\n\n{title}\n\n永顺县融媒体中心  2024-03-2{d} 18:05\n\n"
        "{text}\n\n记者：彭庆\n编辑：贾华  审核：谭玲\n\n阅读 5829    点赞 132\n\n"
        "相关推荐\n· {other1}\n· {other2}\n\n打开溪州云APP，查看更多精彩内容\n\n"
    )
    heads = ["松柏镇油茶林迎来抚育管护期", "永顺县跨省通办专窗累计办件破千", "灵溪镇长者食堂开饭啦"]
    texts = [
        "连日来，永顺县松柏镇的油茶基地里，村民们正忙着除草、施肥、修枝。",
        "3月20日，在永顺县政务服务中心跨省通办专窗，刚返乡的村民不到半小时就拿到了受理回执。",
        "3月18日，灵溪镇一个社区的长者食堂开饭，六十多位老人在这里吃上了热乎的午饭。",
    ]
    page = segment_page(
        "".join(
            item.format(title=h, d=k, text=t, other1=heads[(k + 1) % 3], other2=heads[(k + 2) % 3])
            for k, (h, t) in enumerate(zip(heads, texts, strict=True))
        )
    )
    assert [a.title for a in page.articles] == heads


def test_a_masthead_spaced_across_the_page_is_the_header() -> None:
    page = segment_page(
        "2024年7月12日 星期五\n团 结 报\n县域·新闻 03\n责任编辑：张德芝  版式：鲁晓丹\n\n"
        "保靖县开展夏季防汛应急演练\n本报讯（全媒体记者 彭涛）7月9日，保靖县在迁陵镇酉水河段开展防汛应急演练，200余人参加。\n"
    )
    assert [a.title for a in page.articles] == ["保靖县开展夏季防汛应急演练"]
    assert page.paper == "团结报"


def test_a_county_mediums_item_naming_another_prefecture_in_passing_stays_in_its_county() -> None:
    page = segment_page(
        "沙洲村迎来暑期研学团\n原创 汝城发布 2024年07月20日 18:30 湖南\n"
        "7月19日，来自长沙、株洲等地的300余名中小学生走进文明瑶族乡沙洲村，开展为期两天的研学活动。\n"
        "来源：汝城县融媒体中心\n"
    )
    assert page.articles[0].place.county == "汝城县"


def test_a_rule_between_a_pushs_items_ends_one_and_a_pipe_byline_signs_it() -> None:
    page = segment_page(
        "韶山发布 韶山发布 2024年07月09日 18:30 湖南\n\n点击蓝字 关注我们\n\n↓↓↓\n\n01\n\n"
        "政务大厅推出午间不断档服务\n\n文 | 毛凡  图 | 彭湘\n\n"
        "从7月1日起，韶山市政务服务中心在12个高频窗口推行午间不断档服务，方便上班族午休时办事。\n\n"
        "——————\n\n02\n\n"
        "银田镇：禾田里的共富经\n\n"
        "盛夏时节，银田镇银田村的千亩优质稻基地稻浪翻滚，合作社正忙着检修收割机。\n\n"
        "（来源：韶山市融媒体中心  记者 彭言 通讯员 毛航）\n\n——————\n"
    )
    assert [a.title for a in page.articles] == ["政务大厅推出午间不断档服务", "银田镇：禾田里的共富经"]
    first, second = page.articles
    assert [c.name for c in first.reporters] == ["毛凡", "彭湘"]
    assert [c.name for c in second.reporters] == ["彭言", "毛航"]
    assert page.paper == "韶山发布"
    assert all(a.place.county == "韶山市" for a in page.articles)


def test_a_caption_noting_its_picture_is_from_the_archive_stays_inside_the_item() -> None:
    page = segment_page(
        "攸县酒埠江：一库清水护出来\n红网时刻新闻  字号：\n2024-06-18 14:31:26\n\n2.jpg\n\n"
        "酒埠江水库库区风光。（资料图）\n\n"
        "红网时刻新闻6月18日讯（记者 黄鸣 通讯员 刘峰）6月17日，攸县酒埠江镇组织河长开展水库库区巡查。\n\n"
        "来源：红网时刻新闻\n作者：黄鸣 刘峰\n"
    )
    assert [a.title for a in page.articles] == ["攸县酒埠江：一库清水护出来"]
    assert page.articles[0].captions == ["酒埠江水库库区风光。（资料图）"]
    assert page.articles[0].body.startswith("6月17日，攸县酒埠江镇")


@pytest.mark.parametrize(
    "line", ["▶ 播放　03:12　　1080P", "镜头·古丈（2024年第23期）", "写下你的评论", "↓↓↓"]
)
def test_a_video_bar_a_columns_issue_line_a_comment_box_and_arrows_are_chrome(line: str) -> None:
    assert is_web_metadata(line)


def test_a_read_counter_left_empty_leaves_the_author_in_a_metadata_line() -> None:
    rest, pieces = split_web_metadata(
        "发布时间：2024-03-19 10:26 信息来源：攸县融媒体中心 作者：刘晓岚 阅读次数："
    )
    assert rest == "作者：刘晓岚" and pieces[-1] == "阅读次数："
