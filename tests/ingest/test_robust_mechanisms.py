"""Mechanisms added for pages never seen: names lines, reflow, list items, interruptions, places.

Each test builds its own small page with counties, names and wording not used elsewhere.
"""

from __future__ import annotations

import pytest

from archive.ingest import segment_page
from archive.ingest.bylines import parse_credit, parse_names_line, spaced_names, split_closing_byline
from archive.ingest.layout import build_blocks
from archive.ingest.text import nospace


def pairs(credits):
    return [(c.name, c.role) for c in credits] if credits is not None else None


# --- names lines -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        ("记者 邓 敏 通讯员 伍 佳 报道", [("邓敏", "记者"), ("伍佳", "通讯员")]),
        ("本报记者 石 磊 整理", [("石磊", "记者")]),
        ("记者：龚 伟 通讯员：聂 欢", [("龚伟", "记者"), ("聂欢", "通讯员")]),
        ("通讯员 李 刚 何 晓 丽", [("李刚", "通讯员"), ("何晓丽", "通讯员")]),
        ("宋 雯  欧阳 曦  杜 鹃", [("宋雯", None), ("欧阳曦", None), ("杜鹃", None)]),
        ("邵阳日报全媒体记者 曾 颖 实习生 罗 希", [("曾颖", "记者"), ("罗希", "通讯员")]),
        ("文｜伍 洁 图｜谌 亮", [("伍洁", "文"), ("谌亮", "图")]),
        ("作者：匡 平", [("匡平", "作者")]),
        ("卿 雯 文/图", [("卿雯", "图文")]),
        ("**记者 阳 光**", [("阳光", "记者")]),
    ],
)
def test_names_line_labels_spacing_and_trailing_verbs(line: str, expected: list) -> None:
    assert pairs(parse_names_line(line).credits) == expected


@pytest.mark.parametrize(
    "line", ["记者 王 强 摄", "用心 用情 用力", "长 沙 自 贸 会 展 区", "2000余名：网格员"]
)
def test_not_a_names_line(line: str) -> None:
    assert parse_names_line(line) is None


def test_spaced_single_characters_in_a_closing_parenthesis_are_two_people() -> None:
    body, credit = split_closing_byline("……全年完成造林1.2万亩。（龙 江 舒 雅）")
    assert body.endswith("万亩。")
    assert pairs(credit.credits) == [("龙江", None), ("舒雅", None)]


def test_spaced_pairs_need_surnames() -> None:
    assert pairs(spaced_names("彭 辉 易 琳")) == [("彭辉", None), ("易琳", None)]
    assert spaced_names("乡 村 振 兴") is None


def test_photo_supplied_by_an_organisation_in_a_sentence() -> None:
    credit = parse_credit("（图片由桃江县委宣传部提供）")
    assert credit.credits == [] and credit.organisations == ["桃江县委宣传部"]
    assert credit.printed_supply == "图片由桃江县委宣传部提供"


def test_spaced_names_under_a_headline_are_its_byline() -> None:
    text = (
        "新宁崀山脐橙喜获丰收\n\n彭 辉 易 琳\n\n"
        "11月初，新宁县崀山镇的脐橙进入采摘期，果农们忙着采摘、分拣。今年全县脐橙种植面积达到"
        "30万亩，预计产值突破25亿元。\n"
    )
    page = segment_page(text)
    assert [a.title for a in page.articles] == ["新宁崀山脐橙喜获丰收"]
    assert pairs(page.articles[0].reporters) == [("彭辉", None), ("易琳", None)]


def test_bullet_before_a_names_line_does_not_make_it_a_headline() -> None:
    text = (
        "攸县打造“湘赣边”物流枢纽\n\n■ 本报记者 龚 伟 通讯员 聂 欢\n\n"
        "9月2日，攸县湘赣边区域物流园正式开园，首批入驻企业18家。园区建成后，年货物吞吐量"
        "可达300万吨。\n"
    )
    page = segment_page(text)
    assert [a.title for a in page.articles] == ["攸县打造“湘赣边”物流枢纽"]
    assert pairs(page.articles[0].reporters) == [("龚伟", "记者"), ("聂欢", "通讯员")]


# --- layout: reflow and lists ------------------------------------------------------------------


def test_wrapped_fragment_before_a_brief_is_not_a_headline() -> None:
    """A cut-off column line (…由原来的 1 5 个工 / 作日缩短至) joins its paragraph.

    The brief printed after it keeps its own headline.
    """
    column = [
        "临湘市推进工程建设项目审批",
        "",
        "制度改革，把审批环节由原来的",
        "",
        "12个压减到6个，审批",
        "",
        "时限由原来的 1 5 个工",
        "",
        "作日缩短至",
        "",
        "岳阳县开展秋季征兵体检",
        "",
        "9月3日，岳阳县开展秋季征兵体检工作，全县共有326名适龄青年参加体检，体检合格率同比提高5个百分点。",
        "",
        "2个工 作 日以内，企业",
        "",
        "和群众办事更加方便快捷。",
    ]
    blocks = [b.text for b in build_blocks("\n".join(column) + "\n")]
    assert "作日缩短至" not in blocks
    assert any(b.endswith("由原来的15个工作日缩短至") for b in blocks)


def test_list_of_key_value_lines_stays_in_the_body() -> None:
    text = (
        "桂东：林下经济鼓起山民钱袋子\n\n"
        "近年来，桂东县大力发展林下经济，全县林下种植、养殖和采集加工全面铺开，带动林农增收。\n\n"
        "【数读】\n\n12万亩：林下中药材种植面积\n\n3.5万户：参与林下经济的农户\n\n"
        "6.8亿元：林下经济年产值\n\n"
        "汝城香芋走俏粤港澳\n\n"
        "全县香芋种植面积突破5万亩\n\n"
        "10月的汝城县，香芋进入收获季，果农们忙着采挖、装车，一车车香芋发往广州、深圳等地。"
        "今年，汝城县香芋种植面积突破5万亩。\n"
    )
    page = segment_page(text)
    assert [a.title for a in page.articles] == ["桂东：林下经济鼓起山民钱袋子", "汝城香芋走俏粤港澳"]
    assert "6.8亿元：林下经济年产值" in page.articles[0].body
    assert page.articles[1].subtitle == "全县香芋种植面积突破5万亩"


def test_headline_lines_above_a_names_line_are_not_wrapped_together() -> None:
    text = (
        "奋进县域·宁远篇\n\n"
        "宁远“一网通办”跑出加速度\n\n"
        "全县158项事项实现“指尖办”\n\n"
        "永州日报全媒体记者 唐 琪 通讯员 欧 阳\n\n"
        "“以前办证要跑好几趟，现在\n\n手机上就能办好。”10月\n\n"
        "9日，在宁远县政务服务中心\n\n，市民李先生说。\n"
    )
    page = segment_page(text)
    a = page.articles[0]
    assert (a.kicker, a.title, a.subtitle) == (
        "奋进县域·宁远篇",
        "宁远“一网通办”跑出加速度",
        "全县158项事项实现“指尖办”",
    )
    assert nospace(a.body).startswith("“以前办证要跑好几趟，现在手机上就能办好。")


# --- interruptions and repeated items ---------------------------------------------------------


def test_number_cut_by_a_brief_is_resumed_in_its_article() -> None:
    text = (
        "安仁稻田综合种养面积扩大\n\n"
        "今年以来，安仁县推广稻鱼、稻虾综合种养模式，全县综合种养面积达到8\n\n"
        "桂阳开展秋季森林防火演练\n\n"
        "本报讯（通讯员 蒋 涛）9月20日，桂阳县在方元镇开展秋季森林防火应急演练，"
        "200余名扑火队员参加演练。\n\n"
        "万亩，带动农户亩均增收1200元。（安仁县融媒体中心 侯 静）\n"
    )
    page = segment_page(text)
    anren = next(a for a in page.articles if a.title == "安仁稻田综合种养面积扩大")
    assert "面积达到8万亩，带动农户亩均增收1200元。" in nospace(anren.body)
    assert ("侯静", None) in pairs(anren.reporters)
    guiyang = next(a for a in page.articles if a.title == "桂阳开展秋季森林防火演练")
    assert "万亩" not in guiyang.body and pairs(guiyang.reporters) == [("蒋涛", "通讯员")]


def test_credited_paragraph_after_a_dateline_brief_is_its_own_item() -> None:
    text = (
        "本报讯（记者 谢 丹）9月12日，衡阳市召开全市秋冬季森林防火工作会议，部署森林防火工作。"
        "会议要求各县市区压实责任，确保不发生重大森林火灾。\n\n"
        "珠晖区茶山坳镇新建的农贸市场日前开业，市场设有摊位220个，方便周边3万余名群众买菜。"
        "（珠晖区融媒体中心供稿）\n"
    )
    page = segment_page(text)
    assert len(page.articles) == 2
    first, second = page.articles
    assert pairs(first.reporters) == [("谢丹", "记者")] and first.place.county is None
    assert second.reporters == [] and second.place.county == "珠晖区"


def test_run_of_whole_items_printed_twice_keeps_one_copy() -> None:
    item_a = (
        "汨罗龙舟文化节开幕\n\n"
        "6月8日，汨罗市第十八届龙舟文化节开幕，来自各地的36支龙舟队参加比赛。（记者 黎 明）\n\n"
    )
    item_b = (
        "临湘浮标产业出口增长\n\n今年以来，临湘市浮标产品出口额达3.2亿元，同比增长15%。（通讯员 任 远）\n\n"
    )
    page = segment_page(item_a + item_b + item_a + item_b)
    assert [a.title for a in page.articles] == ["汨罗龙舟文化节开幕", "临湘浮标产业出口增长"]
    assert all(a.duplicate_removed for a in page.articles)


# --- places -------------------------------------------------------------------------------------


def test_headline_about_the_whole_prefecture_is_prefecture_wide() -> None:
    text = (
        "义务教育课后服务覆盖全市中小学\n\n"
        "近日，益阳市教育局通报，全市中小学课后服务实现全覆盖。在桃江县，学校开设竹艺、"
        "书法等特色课程，深受学生欢迎。\n"
    )
    page = segment_page(text)
    assert page.articles[0].place.county is None
    assert page.articles[0].place.prefecture == "益阳市"


def test_article_naming_no_place_takes_the_prefecture_of_a_local_page() -> None:
    items = [
        ("祁阳推进油茶低改", "今年以来，祁阳市完成油茶低产林改造5万亩，带动林农增收。"),
        ("江华瑶绣走出大山", "江华瑶族自治县组织绣娘参加展销会，瑶绣产品订单同比增长三成。"),
        ("道县脐橙上市", "道县脐橙日前上市，今年全县脐橙产量预计达到12万吨。"),
        (
            "秋季养生提醒",
            "近日，疾控专家提醒，秋季气候干燥，市民要注意补充水分，合理安排作息，适当进行户外运动。",
        ),
    ]
    text = "".join(f"{title}\n\n{body}\n\n" for title, body in items)
    page = segment_page(text)
    last = page.articles[-1]
    assert last.title == "秋季养生提醒"
    assert last.place.prefecture == "永州市" and last.place.county is None
    assert "place_ambiguous" in last.review_reasons


# --- credits and headlines at the end of an item ----------------------------------------------


def test_bare_credit_after_the_last_sentence_closes_photo_news() -> None:
    text = (
        "10月2日，江永县千家峒瑶族乡的村民在梯田里收割晚稻，金色稻浪与瑶寨相映成趣。 江永县融媒体中心供图\n\n"
        "近日，宁远县九嶷山景区新开通观光小火车线路，全长8公里，串联起舜帝陵、紫霞岩等景点，"
        "国庆期间日均接待游客1.2万人次。\n"
    )
    page = segment_page(text)
    assert len(page.articles) == 2
    photo = page.articles[0]
    assert photo.body.endswith("相映成趣。") and photo.reporters == []
    assert "江永县融媒体中心供图" in page.furniture


def test_headline_on_the_line_under_its_body_with_a_deck_below() -> None:
    text = (
        "近日，石门县组织茶农开展秋茶采摘技能比武，120余名茶农同台竞技。全县秋茶产量同比增长一成。\n"
        "石门秋茶采摘忙\n\n——石门县举办茶叶采摘技能比武\n\n通讯员 覃 琴\n"
    )
    page = segment_page(text)
    a = page.articles[0]
    assert (a.title, a.subtitle) == ("石门秋茶采摘忙", "石门县举办茶叶采摘技能比武")
    assert a.title_after_body and nospace(a.body).endswith("同比增长一成。")
    assert pairs(a.reporters) == [("覃琴", "通讯员")]


def test_caption_credit_on_its_own_line_does_not_end_the_article() -> None:
    text = (
        "临武推进通天山景区提质\n\n"
        "今年以来，临武县投入资金2.3亿元，对通天山景区游步道、停车场和游客中心进行提质改造，"
        "景区接待能力明显提升。\n\n"
        "▲通天山景区新建的观景台。\n\n黄 河 摄\n\n"
        "景区还推出星空露营、山地骑行等新业态，国庆期间接待游客同比增长45%。\n"
    )
    page = segment_page(text)
    assert len(page.articles) == 1
    a = page.articles[0]
    assert a.captions == ["通天山景区新建的观景台。"] and pairs(a.reporters) == [("黄河", "摄影")]
    assert "星空露营" in a.body


def test_dateline_wrapped_inside_a_label_in_a_narrow_column() -> None:
    column = [
        "汨罗龙舟下水迎端午",
        "",
        "本报讯（记者 欧阳 琳 通",
        "讯员 贺 军）6月6日，汨",
        "罗市屈子祠镇的龙舟下水仪式",
        "吸引上千名群众观看。今年汨",
        "罗市共有龙舟队伍86支。",
    ]
    page = segment_page("\n".join(column) + "\n")
    assert pairs(page.articles[0].reporters) == [("欧阳琳", "记者"), ("贺军", "通讯员")]
    assert nospace(page.articles[0].body).startswith("6月6日，汨罗市屈子祠镇")


def test_last_paragraph_after_a_credited_brief_goes_back_to_its_article() -> None:
    lead = (
        "祁东黄花菜产业富了一方百姓\n\n"
        "近年来，祁东县把黄花菜产业作为富民产业，全县黄花菜种植面积达到18万亩，建成加工企业23家。\n\n"
        "在祁东县官家嘴镇的黄花菜基地，村民们正忙着采摘、蒸制、晾晒黄花菜，基地负责人说今年收成不错。\n\n"
        "衡南开展夏季消防检查\n\n"
        "6月3日，衡南县消防救援大队对全县48家人员密集场所开展消防检查。（通讯员 廖 凯）\n\n"
    )
    tail = (
        "祁东县还建立了黄花菜产业服务中心，为种植户提供技术指导，全县黄花菜综合产值突破45亿元。"
        "（记者 谭 莉）\n"
    )
    page = segment_page(lead + tail)
    assert [a.title for a in page.articles] == ["祁东黄花菜产业富了一方百姓", "衡南开展夏季消防检查"]
    qidong = page.articles[0]
    assert "服务中心" in qidong.body and "resumed" in qidong.review_reasons
    assert ("谭莉", "记者") in pairs(qidong.reporters)
    # The same shape opening like a report is a photo-news item of its own.
    photo = "6月5日，祁东县黄花菜基地迎来采摘高峰，村民们忙着采摘黄花菜。（记者 谭 莉 摄）\n"
    page = segment_page(lead + photo)
    assert len(page.articles) == 3 and page.articles[2].title is None
