"""Mechanisms added after the seventh blind set: credit parentheses wrapped in a narrow column,
section names under the page header, place-led headlines (in markdown and in plain columns), pages
that switch between blank-separated and touching lines, lines set apart as a headline, a photo-news
item printed inside another article's interrupted sentence, and OCR place slips in headlines.

Each test builds its own small page with counties, names and wording not used elsewhere.
"""

from __future__ import annotations

from archive.ingest import segment_page
from archive.ingest.gazetteer import find_mentions, is_place_led_headline
from archive.ingest.layout import build_blocks
from archive.ingest.page_chrome import header_lines
from archive.ingest.text import nospace


def pairs(credits):
    return [(c.name, c.role) for c in credits]


def _column(text: str, width: int) -> str:
    """Hard-wrap ``text`` every ``width`` characters, lines touching."""
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def test_a_closing_credit_wrapped_over_two_column_lines_is_joined_and_never_a_headline() -> None:
    body = (
        "入秋以来，新晃侗族自治县波洲镇的稻田里一片金黄，种粮大户正抢抓晴好天气收割晚稻。"
        "今年全镇晚稻种植面积达1.2万亩，预计总产量6000吨以上"
    )
    text = (
        "新晃晚稻开镰喜迎丰收\n\n"
        + _column(body, 9)
        + "\n。（通讯员 蒲 岚\n 龙晓峰）\n\n"
        + "芷江举办侗族文化旅游节\n\n"
        + "9月20日，芷江侗族自治县第五届侗族文化旅游节开幕，吸引游客3万余人次。\n"
    )
    page = segment_page(text)
    assert [a.title for a in page.articles] == ["新晃晚稻开镰喜迎丰收", "芷江举办侗族文化旅游节"]
    xinhuang = page.articles[0]
    assert pairs(xinhuang.reporters) == [("蒲岚", "通讯员"), ("龙晓峰", "通讯员")]
    assert nospace(xinhuang.body).endswith("预计总产量6000吨以上。")


def test_a_line_opening_with_a_full_stop_or_closing_bracket_joins_the_line_above() -> None:
    for sep in ("\n", "\n\n"):  # lines touching, or a blank line after each
        lines = ["目前已建成充电桩", "86个", "。全县新能源汽车保有量达到", "1.5万辆（含网约车", "）"]
        texts = [nospace(b.text) for b in build_blocks(sep.join(lines) + "\n")]
        assert "86个。全县新能源汽车保有量达到" in texts
        assert "1.5万辆（含网约车）" in texts
        assert not any(t.startswith(("。", "）")) for t in texts)


def test_a_section_name_under_the_page_header_is_furniture_not_a_headline() -> None:
    assert header_lines(["益阳日报 2024年5月7日 星期二 第3版", "区县要闻", "桃江竹产业产值突破百亿"]) == [
        True,
        True,
        False,
    ]
    text = (
        "益阳日报 2024年5月7日 星期二 第3版\n\n"
        "区县要闻\n\n"
        "# 桃江竹产业产值突破百亿\n\n"
        "益阳日报讯(记者/夏 雯)5月6日，记者从桃江县林业局获悉，该县竹产业综合产值去年突破100亿元。\n\n"
        "# 安化黑茶走进中亚市场\n\n"
        "近日，安化县20余家黑茶企业组团参加中亚国际博览会，现场签约订单1.3亿元。\n"
    )
    page = segment_page(text)
    assert [a.title for a in page.articles] == ["桃江竹产业产值突破百亿", "安化黑茶走进中亚市场"]
    assert any("区县要闻" in f for f in page.furniture)


def test_a_deeper_markdown_heading_that_leads_with_a_place_starts_a_report() -> None:
    text = (
        "# 浏阳烟花企业安全生产大检查\n\n"
        "本报讯 近日，浏阳市应急管理局对全市烟花爆竹生产企业开展安全生产大检查，排查隐患40余处。\n\n"
        "## 宁乡：社区“微更新”提升幸福感\n\n"
        "走进宁乡市玉潭街道的老旧小区，新铺的沥青路平整宽阔，休闲广场上老人们正在下棋。\n\n"
        "## 一、摸清底数\n\n"
        "街道逐户走访，收集居民意见建议300余条。(文/郑 蕾)\n"
    )
    page = segment_page(text)
    assert [a.title for a in page.articles] == ["浏阳烟花企业安全生产大检查", "宁乡：社区“微更新”提升幸福感"]
    ningxiang = page.articles[1]
    assert "一、摸清底数" in ningxiang.body  # a numbered subhead stays in its body
    assert ningxiang.place.county == "宁乡市"


def test_a_place_that_is_also_a_word_counts_only_in_a_place_colon_headline() -> None:
    assert is_place_led_headline("会同：林下经济绿了青山")
    assert not is_place_led_headline("会同有关部门联合执法")
    named = find_mentions("会同：林下经济绿了青山", "title", context="会同县坚持生态优先")
    assert [m.surface.canonical for m in named] == ["会同"]
    assert find_mentions("会同：林下经济绿了青山", "title", context="会同有关部门") == []
    assert find_mentions("交通部门会同有关单位", "body", context="会同县") == []


def test_a_place_led_headline_between_a_prefecture_report_and_a_county_one_starts_an_article() -> None:
    text = (
        "会同：林下经济绿了青山富了百姓\n\n"
        "今年以来，会同县发展林下种植养殖4万亩，带动5000余户林农增收。\n\n"
        "怀化冷链物流园一期投入运营\n\n"
        "近日，怀化冷链物流园一期正式投入运营，进一步畅通了西部陆海新通道的物流通道。\n\n"
        "会同：村级光伏电站点亮致富路\n\n"
        "暑期以来，会同县已建成村级光伏电站36座，年发电收益达600余万元。\n"
    )
    page = segment_page(text)
    titles = [a.title for a in page.articles]
    assert titles[-1] == "会同：村级光伏电站点亮致富路"
    assert page.articles[-1].place.county == "会同县"


def test_a_page_switching_from_blank_separated_to_touching_lines_joins_both_columns() -> None:
    intro = "本报今起推出“乡村振兴新画卷”系列报道，记者深入各县，记录乡村振兴的生动实践，首站走进祁东县。"
    report = (
        "衡南县莲湖湾渔业基地近日迎来捕捞季，渔民们驾船撒网，一网网鲜鱼跃出水面，"
        "今年基地养殖面积达到3000亩，预计产值突破5000万元，带动周边200余户渔民增收致富。"
        "基地负责人介绍，近年来基地引进稻渔综合种养、循环水养殖等新技术，亩均效益提高三成，"
        "还配套建设了冷链仓储和鲜鱼加工车间，产品销往长沙、广州等地。"
    )
    text = (
        "\n\n".join(intro[i : i + 13] for i in range(0, len(intro), 13))
        + "\n\n祁东黄花菜产业链年产值超40亿元\n\n"
        + "祁东县黄花菜种植面积稳定在16万亩，建成加工企业50余家。\n\n"
        + "衡南渔业基地迎来丰收季\n\n"
        + _column(report, 14)
        + "\n"
    )
    # The blank-separated intro column is one paragraph although most of the page's lines touch.
    assert nospace(build_blocks(text)[0].text) == intro
    page = segment_page(text)
    assert [a.title for a in page.articles] == ["祁东黄花菜产业链年产值超40亿元", "衡南渔业基地迎来丰收季"]
    assert intro in nospace(page.articles[0].body)
    assert nospace(page.articles[1].body) == report


def test_two_lines_set_apart_after_a_finished_column_are_a_headline_and_its_deck() -> None:
    first = "近日，临澧县新安镇的莲藕基地迎来采挖高峰，工人们忙着采挖、清洗、装箱，莲藕销往长沙等地。"
    second = (
        "眼下正是莲藕上市的季节，大通湖区的藕田里一派繁忙，工人们忙着采挖、清洗、装箱，一车车莲藕销往外地。"
    )
    text = (
        "临澧莲藕采挖忙\n\n"
        + _column(first, 13)
        + "\n\n小莲藕撑起大产业\n\n大通湖区莲藕远销京津沪\n\n"
        + _column(second, 13)
        + "\n"
    )
    page = segment_page(text)
    assert [a.title for a in page.articles] == ["临澧莲藕采挖忙", "小莲藕撑起大产业"]
    assert nospace(page.articles[1].subtitle or "") == "大通湖区莲藕远销京津沪"


def test_a_photo_news_item_printed_inside_an_interrupted_sentence_is_its_own_item() -> None:
    text = (
        "衡山县为老年人开通助餐服务\n\n"
        "今年以来，衡山县在城乡社区建成老年食堂45个，每天为3000余名老年人提供助餐服务，"
        "老人满意率达到\n\n"
        "5月12日，在衡东县杨桥镇的油茶基地，农技人员正在指导农户修剪油茶树。近年来，衡东县大力发展油茶产业，"
        "全县油茶林面积达到20万亩。（衡东县委宣传部供图）\n\n"
        "98%。\n\n"
        "下一步，该县将把助餐服务延伸到偏远山村。（谭 晶）\n"
    )
    page = segment_page(text)
    assert len(page.articles) == 2
    hengshan = next(a for a in page.articles if a.title == "衡山县为老年人开通助餐服务")
    photo = next(a for a in page.articles if a.title is None)
    assert "老人满意率达到98%。" in nospace(hengshan.body)
    assert "下一步，该县将把助餐服务延伸到偏远山村。" in nospace(hengshan.body)
    assert pairs(hengshan.reporters) == [("谭晶", None)]
    assert photo.reporters == [] and photo.place.county == "衡东县"


def test_an_ocr_slip_in_a_headline_counts_when_the_text_below_names_the_division() -> None:
    text = (
        "桃源县推进高标准农田建设\n\n"
        "今年以来，桃源县新建高标准农田5万亩，粮食产量稳中有增。\n\n"
        "宁远县建成乡村振兴示范村28个\n\n"
        "近日，宁远县召开乡村振兴现场推进会。全县已建成示范村28个。\n\n"
        "汩罗建成农产品冷链仓储中心\n\n"
        "近日，汩罗市农产品冷链仓储中心建成投用，库容达2万吨，可满足全市果蔬储存需求。\n"
    )
    page = segment_page(text)
    last = page.articles[-1]
    assert last.title == "汩罗建成农产品冷链仓储中心"
    assert last.place.county == "汨罗市"
