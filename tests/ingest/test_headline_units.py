"""Mechanisms added after the third blind set: complete headline lines vs wrapped fragments,
what opens a new report (a dateline under a short line, a finished brief inside another
article), half-width full stops, kickers above a —— deck.

Every page here is constructed, with counties, names and wording not used in the test pages.
"""

from __future__ import annotations

from archive.ingest import segment_page
from archive.ingest.text import ends_sentence


def column(text: str, width: int = 12, gap: bool = True) -> str:
    """``text`` hard-wrapped at ``width`` characters, blank lines between the lines when ``gap``."""
    lines = [text[i : i + width] for i in range(0, len(text), width)]
    return ("\n\n" if gap else "\n").join(lines)


def by_title(page, title: str):
    return next(a for a in page.articles if a.title == title)


def holding(page, text: str):
    return next(a for a in page.articles if text in a.body)


# --- sentence ends on half-width pages -----------------------------------------------------------


def test_half_width_full_stop_ends_a_sentence_but_a_broken_number_does_not() -> None:
    assert ends_sentence("全年共调处纠纷310件.")
    assert ends_sentence("满意率达99.1%.")
    assert ends_sentence("他说:“办得真快.”")
    assert not ends_sentence("同比增长2.")  # 2. / 6万件: a number broken across the column
    assert not ends_sentence("县司法局负")


def test_a_half_width_paragraph_broken_across_a_line_is_rejoined_not_taken_as_a_headline() -> None:
    page = segment_page(
        "汝城“一站式”办证更省心\n\n"
        "近日,在外务工的汝城县暖水镇村民朱先生,通过视频连线办好了营业执照,没有回老家一趟.他说:“真方便.”\n\n"
        "今年以来,汝城县梳理出高频事项88项,与广东韶关等地签订通办协议.县政务服务中心负\n\n"
        "责人介绍,截至6月底,全县已办理异地业务1500余件,为群众节省费用60余万元.\n\n"
        "资兴推进东江湖生态保护\n\n"
        "本报讯(记者 许 多)7月2日,资兴市开展东江湖水质巡查,全年水质保持优良.\n"
    )
    assert [a.title for a in page.articles] == ["汝城“一站式”办证更省心", "资兴推进东江湖生态保护"]
    assert "县政务服务中心负责人介绍,截至6月底" in page.articles[0].body


# --- what opens a new report -----------------------------------------------------------------------


LEAD = (
    "今年以来，桂东县把优化营商环境作为一号工程，推行审批事项清单管理，全县新登记经营主体1200余户，"
    "企业开办时间压缩至半个工作日，群众满意度持续提升，今年一季度，服务平台共受理企业诉求86件，"
)
REST = "办结率达97.5%。下一步，桂东县还将推出更多便企举措，让企业安心发展。"
BRIEF = (
    "本报讯（记者 卢 青 通讯员 简 宁）5月3日，在临武县武水镇的柑橘基地，果农正忙着疏果、施肥，"
    "全县柑橘种植面积达8万亩，带动1万余户农户增收。"
)


def test_a_short_line_over_a_dateline_in_a_narrow_column_is_the_briefs_headline() -> None:
    """A brief printed inside an article cut off mid-sentence: its headline is not a wrapped piece,
    and the article resumes after the finished brief."""
    text = "\n\n".join(
        [
            "桂东营商环境持续向好",
            "记者 樊 星",
            column(LEAD, 13),
            "临武柑橘喜获丰收",
            column(BRIEF, 13, gap=False),
            column(REST, 13),
        ]
    )
    page = segment_page(text)
    brief = holding(page, "在临武县武水镇的柑橘基地")
    assert brief.title == "临武柑橘喜获丰收"
    assert [(r.name, r.role) for r in brief.reporters] == [("卢青", "记者"), ("简宁", "通讯员")]
    main = by_title(page, "桂东营商环境持续向好")
    assert "共受理企业诉求86件，办结率达97.5%。" in main.body
    assert "临武" not in main.body
    assert main.split


def test_the_line_above_a_dateline_joins_its_paragraph_when_it_is_a_cut_off_sentence() -> None:
    """…时间由原来的3个工 / 作日压缩至 over a dateline: the end of another article's sentence."""
    cut = (
        "双牌县推行“一件事一次办”，把企业开办涉及的多个事项整合为一个套餐，"
        "企业开办时间由原来的3个工作日压缩至"
    )
    page = segment_page(
        "\n\n".join(
            [
                "双牌“一件事”套餐便民利企",
                "记者 陶 然",
                column(cut, 13),
                "江永香柚采摘节开幕",
                "本报讯（记者 陶 然）6月3日，江永县举办香柚采摘节，吸引游客2万人次，带动销售香柚300余吨。",
            ]
        )
    )
    assert "3个工作日压缩至" in by_title(page, "双牌“一件事”套餐便民利企").body
    assert by_title(page, "江永香柚采摘节开幕").body.startswith("6月3日")


def test_a_continued_articles_headline_above_the_jump_line_heads_the_page() -> None:
    page = segment_page(
        "\n\n".join(
            [
                "桑植白茶“香”出大山好日子",
                "▲桑植县白石乡茶园，茶农在采摘春茶。记者/覃 朗 摄",
                "上接A1版",
                column("为打响桑植白茶品牌，桑植县建成茶叶加工厂36家，年加工干茶3000余吨。", 13),
                column("目前，全县茶园面积达16万亩，白茶综合产值突破30亿元，成了群众致富的“金叶子”。", 13),
                "慈利政务服务“一窗通办”",
                "张家界日报讯（记者 宋 洋）6月9日，在慈利县政务服务中心，市民只用20分钟就办好了5项业务。",
            ]
        )
    )
    assert len(page.articles) == 2
    a = page.articles[0]
    assert a.title == "桑植白茶“香”出大山好日子"
    assert a.captions == ["桑植县白石乡茶园，茶农在采摘春茶。"]
    assert "上接A1版" in page.furniture


def test_a_numbered_line_stays_a_subhead_even_after_a_finished_paragraph() -> None:
    page = segment_page(
        "\n\n".join(
            [
                "临湘推进茶旅融合",
                "记者 邝 明",
                "近日，临湘市羊楼司镇的茶园里游人如织。“我们村靠茶旅融合发展起来了。”村民说。",
                "一、做强茶产业",
                "临湘市把茶叶作为主导产业，建成标准化茶园6万亩，培育茶叶企业40家。",
                "二、做旺乡村游",
                "临湘市依托茶园开发乡村旅游线路8条，今年接待游客60万人次。",
            ]
        )
    )
    assert [a.title for a in page.articles] == ["临湘推进茶旅融合"]
    assert "一、做强茶产业" in page.articles[0].body


RIVER_1 = "清晨5点，汨罗市屈子祠镇的汨罗江边，护水队员彭大爷已经划着小船开始打捞江面漂浮物。"
RIVER_2 = (
    "近年来，汨罗市全面落实河长制，聘请民间护水员160名，与县、乡、村三级河长一起巡河护河。"
    "县里投入资金2.4亿元，实施"
)
RIVER_3 = (
    "雨污分流、河道清淤、岸线修复等工程42个，汨罗江水质稳定保持在Ⅱ类。"
    "如今的汨罗江，水清岸绿，成了群众休闲的好去处。"
)
HELP_DESK = (
    "岳阳日报讯（记者 伍 超）“从递交材料到拿到许可证，全程有专人帮办。”6月2日，在平江县政务服务中心，"
    "一家企业负责人说。今年以来，平江县组建帮代办队伍，为70个项目提供服务。"
)


def test_a_closing_byline_after_resumed_text_signs_the_resumed_article() -> None:
    """（文/…）under the rest of an article printed after a brief goes with that article."""
    text = "\n".join(
        [
            "# 汨罗：龙舟故里“护水人”",
            "",
            column(RIVER_1, 16, False),
            "",
            column(RIVER_2, 16, False),
            "",
            "# 平江“帮代办”跑出审批加速度",
            "",
            HELP_DESK,
            "",
            column(RIVER_3, 16, False),
            "",
            "（文/易 辉）",
        ]
    )
    page = segment_page(text)
    river = by_title(page, "汨罗：龙舟故里“护水人”")
    assert "实施雨污分流、河道清淤" in river.body
    assert [(r.name, r.role) for r in river.reporters] == [("易辉", "文")]
    help_desk = by_title(page, "平江“帮代办”跑出审批加速度")
    assert [(r.name, r.role) for r in help_desk.reporters] == [("伍超", "记者")]
    assert "汨罗江" not in help_desk.body


# --- headline blocks ---------------------------------------------------------------------------------


def test_two_touching_complete_lines_are_a_headline_and_its_deck() -> None:
    page = segment_page(
        "\n\n".join(
            [
                "醴陵“红色课堂”进校园\n让党史教育活起来",
                "记者 邝 丽",
                "6月5日，醴陵市第一中学的礼堂里座无虚席，一堂生动的党史课正在进行，台下学生听得入神。",
            ]
        )
    )
    a = page.articles[0]
    assert (a.title, a.subtitle) == ("醴陵“红色课堂”进校园", "让党史教育活起来")


def test_a_headline_wrapped_onto_a_short_second_line_stays_one_title() -> None:
    page = segment_page(
        "\n\n".join(
            [
                "桃江竹产业入选全省特色产业集群\n培育名单",
                "记者 邝 丽",
                "6月5日，省工信厅公布名单，桃江县竹产业入选，全县竹材加工企业达260家。",
            ]
        )
    )
    assert page.articles[0].title == "桃江竹产业入选全省特色产业集群培育名单"


def test_a_spaced_out_headline_line_wraps_into_the_line_below() -> None:
    page = segment_page(
        "\n\n".join(
            [
                "耒 阳 经 开 区 推 行 标 准 地\n出让改革见实效",
                "记者 邝 丽",
                "6月5日，耒阳经开区一宗标准地完成出让，企业拿地即可开工，比以往节省两个月。",
            ]
        )
    )
    assert page.articles[0].title == "耒阳经开区推行标准地出让改革见实效"


def test_a_line_above_the_headline_with_a_deck_is_its_kicker() -> None:
    page = segment_page(
        "\n\n".join(
            [
                "走进县域看发展",
                "安仁：“药膳之乡”做强大健康",
                "——安仁县培育中医药产业纪实",
                "记者 邝 丽 通讯员 阳 青",
                "6月5日，安仁县中药材交易市场里人来人往，枳壳、白术等药材销往全国各地，全县种植中药材12万亩。",
            ]
        )
    )
    a = page.articles[0]
    assert (a.kicker, a.title, a.subtitle) == (
        "走进县域看发展",
        "安仁：“药膳之乡”做强大健康",
        "安仁县培育中医药产业纪实",
    )


def test_a_bulleted_caption_that_ends_its_sentence_does_not_swallow_the_paragraph_below() -> None:
    page = segment_page(
        "\n\n".join(
            [
                "溆浦乡村医生守护村民健康",
                "文/图 邝 丽",
                "早上8点，溆浦县龙潭镇一个村卫生室门口已经排起了队，村医正给村民量血压。",
                "▲村医为村民测量血压。\n从医30年，他守护着全村2000多名村民的\n健康，手机24小时开机，随叫随到。",
            ]
        )
    )
    a = page.articles[0]
    assert a.captions == ["村医为村民测量血压。"]
    assert "从医30年，他守护着全村2000多名村民的健康" in a.body


def test_a_caption_wrapped_over_two_lines_ends_with_its_sentence() -> None:
    page = segment_page(
        "\n\n".join(
            [
                "溆浦乡村医生守护村民健康",
                "文/图 邝 丽",
                "早上8点，溆浦县龙潭镇一个村卫生室门口已经排起了队，村医正给村民量血压。",
                "▲村医在村卫生室为前来就诊的\n村民测量血压。\n从医30年，他守护着全村2000多名村民的\n健康，手机24小时开机，随叫随到。",
            ]
        )
    )
    a = page.articles[0]
    assert a.captions == ["村医在村卫生室为前来就诊的村民测量血压。"]
    assert "从医30年，他守护着全村2000多名村民的健康" in a.body


def test_a_caption_wrapped_in_a_blank_separated_column_is_rejoined() -> None:
    body = column("早上8点，溆浦县龙潭镇一个村卫生室门口已经排起了队，村医正给村民量血压，嘱咐按时吃药。", 13)
    rest = column("从医30年，他守护着全村2000多名村民的健康，手机24小时开机，随叫随到，村民都很信任他。", 13)
    caption = column("▲村医在村卫生室为前来就诊的村民测量血压。", 13)
    page = segment_page("\n\n".join(["溆浦乡村医生守护村民健康", "文/图 邝 丽", body, caption, rest]))
    a = page.articles[0]
    assert a.captions == ["村医在村卫生室为前来就诊的村民测量血压。"]
    assert "从医30年" in a.body and "测量血压" not in a.body


def test_a_headline_and_deck_in_a_blank_separated_column_are_not_wrapped_into_the_lead() -> None:
    """Two column-wide complete phrases between a finished item and a report's opening."""
    lead = column("今年以来，汝城县纪委监委围绕清廉学校建设，在全县86所学校推行廉洁文化进课堂活动。", 12)
    text = "\n\n".join(
        [
            "6月2日，宜章县举行油茶丰收节，全县油茶林面积达50万亩。（宜章县融媒体中心供图）",
            "清廉学校建设“一校一品”",
            "汝城打造廉洁文化“新课堂”",
            lead,
        ]
    )
    page = segment_page(text)
    a = holding(page, "今年以来，汝城县纪委监委")
    assert (a.title, a.subtitle) == ("清廉学校建设“一校一品”", "汝城打造廉洁文化“新课堂”")


def test_unpunctuated_lines_inside_a_paragraph_still_wrap() -> None:
    text = "\n\n".join(
        [
            "汝城廉洁文化进校园",
            "记者 邝 丽",
            column("今年以来，汝城县纪委监委在全县学校推行廉洁文化进课堂活动组织师生诵读廉洁诗词。", 12),
        ]
    )
    page = segment_page(text)
    assert len(page.articles) == 1
    assert page.articles[0].title == "汝城廉洁文化进校园"
    assert "推行廉洁文化进课堂活动组织师生诵读廉洁诗词" in page.articles[0].body
