"""Mechanisms added after the sixth blind set: bare datelines, bylines in parentheses under a
headline, organisation sources, stray fragments, series lines touching a headline, interrupted
articles resumed after a brief, and photo news with neither headline nor credit.

Each test builds its own small page with counties, names and wording not used elsewhere.
"""

from __future__ import annotations

from archive.ingest import segment_page
from archive.ingest.bylines import split_closing_byline
from archive.ingest.text import is_series_line, nospace


def pairs(credits):
    return [(c.name, c.role) for c in credits]


def test_bare_dateline_stays_in_the_body_and_a_named_one_is_the_byline() -> None:
    text = (
        "宁乡开展农机安全检查\n\n"
        "本报讯\u3000为保障秋收生产安全，宁乡市农业农村局近日组织执法人员深入各乡镇，"
        "对拖拉机、收割机开展安全检查，共排查隐患32处，现场整改29处。\n\n"
        "浏阳花炮企业安全培训全覆盖\n\n"
        "本报讯（记者 封 磊）浏阳市应急管理局近日对全市花炮生产企业开展安全培训，"
        "培训一线员工4000余人次。\n"
    )
    page = segment_page(text)
    ningxiang, liuyang = page.articles
    assert nospace(ningxiang.body).startswith("本报讯为保障秋收生产安全")
    assert ningxiang.reporters == []
    assert nospace(liuyang.body).startswith("浏阳市应急管理局")
    assert pairs(liuyang.reporters) == [("封磊", "记者")]


def test_parenthesised_names_under_a_headline_are_its_byline() -> None:
    text = (
        "祁阳一季度新签约项目12个\n\n"
        "今年一季度，祁阳市新签约项目12个，总投资86亿元，其中先进制造业项目7个。\n\n"
        "江永：香柚花开引客来\n\n"
        "（文/唐 菲）\n\n"
        "春日的江永县粗石江镇，香柚花竞相开放，吸引各地游客前来赏花拍照。\n\n"
        "近年来，江永县把香柚产业和乡村旅游结合起来，全县香柚种植面积达到10万亩。\n"
    )
    page = segment_page(text)
    assert [a.title for a in page.articles] == ["祁阳一季度新签约项目12个", "江永：香柚花开引客来"]
    jiangyong = page.articles[1]
    assert pairs(jiangyong.reporters) == [("唐菲", "文")]
    assert nospace(jiangyong.body).startswith("春日的江永县粗石江镇")
    assert page.articles[0].reporters == []


def test_closing_parenthesis_naming_only_an_organisation_is_a_source_not_a_reporter() -> None:
    body, credit = split_closing_byline("全县已建成村级服务站28个。（新田县融媒体中心）")
    assert body == "全县已建成村级服务站28个。" and credit.credits == []
    body, credit = split_closing_byline("共发现问题线索12条。（县纪委监委）")
    assert body == "共发现问题线索12条。" and credit.credits == []
    # People stay people.
    assert pairs(split_closing_byline("……。（蒋 丽 唐 强）")[1].credits) == [("蒋丽", None), ("唐强", None)]


def test_stray_fragment_inside_another_article_leaves_the_sentence_to_its_own_article() -> None:
    text = (
        "# 桑植白茶走俏市场\n\n"
        "桑植县今年白茶产量达到1200吨，产品销往全国20多个省市。\n\n"
        "让更多游客走进千年老街、读懂千年老街的故事。\n\n"
        "该县还建成白茶加工园区，带动茶农1.6万户增收。\n\n"
        "# 慈利老街焕新颜\n\n"
        "慈利县对零阳老街进行保护性修缮，恢复传统店铺46家。下一步，慈利县将持续擦亮老街名片，"
        "让更多游客走进千年老街、读懂千年老街的故事。\n"
    )
    page = segment_page(text)
    sangzhi, cili = page.articles
    assert "读懂千年老街" not in sangzhi.body
    assert nospace(cili.body).endswith("让更多游客走进千年老街、读懂千年老街的故事。")


def test_series_line_touching_its_headline_is_the_kicker() -> None:
    assert is_series_line("奋进新征程·县域行")
    assert is_series_line("走进新时代之桂东篇③")
    assert not is_series_line("桂东：茶旅融合促增收，群众得实惠")
    text = (
        "桂东县沤江镇的茶园里，茶农正在采摘秋茶，今年全镇茶叶产值突破3亿元。\n\n"
        "“茶园就是我们的绿色银行。”茶农黄大姐说。\n\n"
        "乡村振兴·看桂东\n"
        "桂东茶旅融合促增收\n"
        "——桂东县发展茶旅产业见闻\n"
        "郴州日报记者\u3000郭 敏\u3000通讯员\u3000黄 涛\n"
    )
    page = segment_page(text)
    (a,) = page.articles
    assert a.kicker == "乡村振兴·看桂东"
    assert a.title == "桂东茶旅融合促增收"
    assert pairs(a.reporters) == [("郭敏", "记者"), ("黄涛", "通讯员")]


def test_article_cut_mid_sentence_resumes_after_a_brief_closed_by_its_source() -> None:
    text = (
        "凤凰“家门口就业”稳民生\n\n"
        "（记者 田 野 通讯员 吴 丹）\n\n"
        "凤凰县今年以来新建帮扶车间21家，吸纳脱贫劳动力就业1300余人，车间生产箱包、电子元件等产品。\n\n"
        "为提升务工人员技能，该县联合职业学校开展订单式培训，\n\n"
        "州税务局推出办税新举措\n\n"
        "本报讯\u3000近日，州税务局推出“容缺办”等10项办税便民措施，纳税人办理业务时间平均缩短三成。\n\n"
        "（州税务局）\n\n"
        "全年累计培训务工人员2600人次，参训人员帮扶车间就业率达85%。凤凰县还将新建帮扶车间10家。\n"
    )
    page = segment_page(text)
    assert len(page.articles) == 2
    fenghuang, tax = page.articles
    assert "累计培训务工人员2600人次" in nospace(fenghuang.body)
    assert fenghuang.split
    assert tax.reporters == [] and "2600" not in tax.body


def test_uncredited_photo_news_after_an_article_is_an_item_of_its_own() -> None:
    text = (
        "新化：紫鹊界梯田迎来秋收\n\n"
        "记者 曾 凡\n\n"
        "金秋时节，新化县紫鹊界梯田稻谷飘香，层层叠叠的梯田铺满金黄，村民们挥镰收割晚稻，"
        "打谷机的声响在山谷间回荡。今年梯田种植优质水稻1.2万亩，亩产比去年提高50公斤。\n\n"
        "紫鹊界所在的水车镇还发展农家乐和民宿，推出梯田观光、农事体验、摄影采风等线路，"
        "梯田游客今年超过50万人次，带动当地村民人均增收3000多元，梯田保护和利用走上良性循环。\n\n"
        "10月9日，冷水江市锡矿山街道的居民在新建的社区体育公园里跳广场舞、打篮球，"
        "公园设有健身步道和儿童游乐区。\n\n"
        "娄底举办职业技能大赛\n\n"
        "本报讯（记者 彭 杰）近日，娄底市第三届职业技能大赛举行，共有600余名选手参赛。\n"
    )
    page = segment_page(text)
    assert len(page.articles) == 3
    xinhua, photo, _ = page.articles
    assert "冷水江" not in xinhua.body
    assert photo.title is None and photo.reporters == []
    assert photo.place.county == "冷水江市"


def test_short_report_keeps_its_last_paragraph_even_when_the_wording_changes() -> None:
    # A short report's closing paragraph, opening 近年来 with new wording, is not a new item.
    text = (
        "汉寿甲鱼迎来上市季\n\n"
        "眼下，汉寿县岩汪湖镇的甲鱼养殖基地迎来上市季，养殖户们忙着起捕、分拣、装车。\n\n"
        "近年来，该县推广稻鳖共生和生态健康养殖模式，建成冷链物流中心2个，并与电商平台合作开展直播带货，"
        "今年线上销售已超过3000吨。\n\n"
        "澧县举办农民丰收节\n\n"
        "本报讯（记者 符 娟）9月22日，澧县在城头山镇举办农民丰收节，展销农特产品200余种。\n"
    )
    page = segment_page(text)
    assert [a.title for a in page.articles] == ["汉寿甲鱼迎来上市季", "澧县举办农民丰收节"]
    assert "直播带货" in page.articles[0].body
