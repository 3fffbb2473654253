"""Mechanisms added after the eighth blind set: a dateline brief printed inside an article's
interrupted sentence hands the rest back, a · inside quotes is a brand and not a series line, a
series intro above a headline in a narrow column keeps the headline's own body, and topics stop at two.

Each test builds its own small page with counties, names and wording not used elsewhere.
"""

from __future__ import annotations

from archive.ingest import segment_page
from archive.ingest.text import is_series_line
from archive.ingest.topics import assign_topics


def _column(text: str, width: int) -> str:
    """Hard-wrap ``text`` every ``width`` characters, lines touching."""
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def test_a_dateline_brief_inside_an_interrupted_sentence_gives_the_rest_back() -> None:
    text = (
        "安仁县“税费服务驿站”开进园区\n\n"
        "本报讯（记者 贺文彬）安仁县税务局在工业园区设立“税费服务驿站”，"
        "企业不出园区即可办理申报缴税。\n\n"
        "驿站配备自助办税终端6台，企业可以在线\n查询申报记录、打印完税证明、\n\n"
        "本报讯（记者 唐 蕾 通讯员 邝志远）11月3日，临湘市首批“共享农机服务点”投入运营。"
        "全市在9个乡镇布点，农户通过手机即可预约机耕、机收服务。\n\n"
        "领取发票。今年以来，驿站已为园区企业办理业务3200余件，"
        "平均办理时间缩短一半。\n"
    )
    page = segment_page(text)
    assert len(page.articles) == 2
    host = next(a for a in page.articles if a.title)
    brief = next(a for a in page.articles if not a.title)
    assert "领取发票" in host.body and "领取发票" not in brief.body
    assert brief.body.endswith("机收服务。")
    assert host.place.county == "安仁县"
    assert brief.place.county == "临湘市"
    assert "resumed" in host.review_reasons


def test_a_middle_dot_inside_quotes_joins_a_brand_not_a_series() -> None:
    assert is_series_line("奋进新征程·县域行")
    assert not is_series_line("宁乡擦亮“宁好办·马上办”品牌")
    text = (
        "宁 乡 擦 亮“宁好办·马上办”品牌\n\n"
        "本报讯（记者 邹 航）宁乡市在全市29个乡镇（街道）推行“宁好办·马上办”服务，"
        "群众办事平均少跑两趟。今年以来，全市政务服务好评率达到99.6%。\n"
    )
    page = segment_page(text)
    assert len(page.articles) == 1
    a = page.articles[0]
    assert a.title is not None and a.title.replace(" ", "") == "宁乡擦亮“宁好办·马上办”品牌"
    assert a.kicker is None


def test_a_series_intro_above_a_two_line_headline_in_a_narrow_column_keeps_its_body() -> None:
    intro = "竹海桃江，茶香四溢。即日起，本报推出“县域新气象”系列报道，走进各县市区，记录发展新变化。"
    own = [
        "深秋时节，桃江县马迹塘镇的竹木加工厂里机器轰鸣，工人们正忙着赶制订单。",
        "“今年订单排到了明年三月。”厂长刘建平笑着说。",
        "近年来，桃江县把竹产业作为富民强县的主导产业，建成竹产业园3个，带动1.8万名竹农增收。",
        "桃江还把竹林康养与乡村旅游结合，今年接待游客90万人次。",
    ]
    other = [
        "11月10日，南县三仙湖镇的“清廉屋场”里，镇纪委干部正向群众讲解村级“小微权力清单”。",
        "该县推进清廉村居建设，同步开展集体资产清查，把监督篱笆扎得更紧。",
    ]
    text = (
        "# 益阳日报\n2025年11月6日  县市区\n\n"
        + _column(intro, 9)
        + "\n\n# 一根翠竹撑起大产业\n桃江竹产业迈向全链条\n\n本报记者 文 竹\n\n"
        + "\n".join(_column(p, 9) for p in own)
        + "\n\n"
        + "\n".join(_column(p, 9) for p in other)
        + "\n亮出权力清单 扎紧监督篱笆\n——南县推进清廉村居建设\n蔡 湘 龚 敏\n\n"
        + "沅江举办湖乡农民丰收节\n\n"
        + _column("11月8日，沅江市第三届湖乡农民丰收节开幕，200余种农产品集中展销。", 9)
        + "\n"
    )
    page = segment_page(text)
    titled = {a.title: a for a in page.articles if a.title}
    bamboo = next(a for t, a in titled.items() if "竹" in t)
    clean = next(a for t, a in titled.items() if "权力清单" in t)
    for p in own:
        assert p[:10] in bamboo.body.replace("\n\n", ""), p
    assert intro[:8] in bamboo.body
    assert "三仙湖镇" in clean.body and "马迹塘镇" not in clean.body
    assert bamboo.place.county == "桃江县"
    assert clean.place.county == "南县"


def test_an_article_gets_at_most_two_topics_each_with_its_keywords() -> None:
    topics = assign_topics(
        "临武县政务服务中心推出“一件事一次办”",
        "临武县优化营商环境，企业开办一日办结；乡村振兴示范村建设同步推进，"
        "医保参保服务、就业培训进驻政务大厅。",
    )
    assert 1 <= len(topics) <= 2
    assert topics[0].name == "政务服务"
    assert all(t.keywords for t in topics)
