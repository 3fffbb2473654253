"""Mechanisms added after the tenth blind set, each on a small page of its own wording and places.

- a ``place：phrase`` headline over a touching narrow column, in a page whose other column is set with a
  blank line between wrapped lines (it is a headline, not the first line of a wrapped paragraph);
- a photo-news item (headline / one paragraph / ``记者/… 摄``) under a report that printed its own names
  line: two credited items, so the short line heads the second;
- a series line over a headline led by a misprinted place and a colon (淑浦：…): the place-led line is
  the title;
- an article cut off after a comma by a complete 本报讯 brief and resumed in its own narrow column;
- a prefecture paper's 全市… headline: the paper's prefecture, whatever other places the body names.
"""

from __future__ import annotations

from archive.ingest import segment_page
from archive.ingest.places import guess_place, home_prefecture
from archive.ingest.text import nospace


def pairs(credits):
    return [(c.name, c.role) for c in credits]


def _gapped_column(text: str, width: int = 12) -> str:
    """Hard-wrap ``text`` at ``width`` characters with a blank line between wrapped lines."""
    return "\n\n".join(text[k : k + width] for k in range(0, len(text), width))


def _touching_column(text: str, width: int = 14) -> str:
    return "\n".join(text[k : k + width] for k in range(0, len(text), width))


def test_colon_headline_over_touching_column_after_gapped_column() -> None:
    first = (
        "近日，在衡南县不动产登记中心，市民王女士仅用四十分钟就拿到了新房的不动产权证书。"
        "今年以来，衡南县推行交房即交证改革，累计为两千余户群众办理了登记手续。"
    )
    zone = (
        "10月28日，衡阳高新区与广东一家电子企业签订合作协议，总投资3亿元的智能终端项目正式落户。"
        "该区今年已引进亿元以上项目7个，规模工业增加值同比增长8.1%。"
    )
    text = (
        "衡阳日报  2025年10月30日  A2  县域新闻\n\n"
        "衡南交房即交证跑出便民加速度\n\n"
        + _gapped_column(first)
        + "\n\n\n衡阳高新区：招商引资“开新局”\n\n"
        + _touching_column(zone)
        + "\n（谭 静 邹建华）\n"
    )
    page = segment_page(text)
    titles = [a.title for a in page.articles]
    assert titles == ["衡南交房即交证跑出便民加速度", "衡阳高新区：招商引资“开新局”"]
    second = page.articles[1]
    assert nospace(second.body).startswith("10月28日，衡阳高新区")
    assert "衡阳高新区" not in page.articles[0].body


def test_photo_news_after_a_report_with_its_own_names_line() -> None:
    text = (
        "益阳日报  2025年11月3日  第3版  综合\n\n\n"
        "益阳高新区新开工项目9个\n\n"
        "记者 谭 琳 报道\n\n"
        "11月1日，益阳高新区举行重点项目集中开工仪式，9个项目总投资26亿元，涵盖电子信息、"
        "装备制造等领域。下一步，该区将实行项目专班服务，推动项目早建成、早投产。\n\n\n"
        "江岸银杏染秋色\n\n"
        "秋意渐浓，桃江县桃花江镇资江沿岸的银杏树渐次变黄，吸引不少市民前来拍照打卡。近年来，"
        "当地持续推进沿江绿化提质，种植银杏、樟树等景观树木一万余株，江岸成了市民休闲的好去处。\n"
        "记者/汤 斌 摄\n"
    )
    page = segment_page(text)
    assert [a.title for a in page.articles] == ["益阳高新区新开工项目9个", "江岸银杏染秋色"]
    zone, photo = page.articles
    assert pairs(zone.reporters) == [("谭琳", "记者")] and "银杏" not in zone.body
    assert pairs(photo.reporters) == [("汤斌", "摄影")]
    assert photo.place.county == "桃江县"


def test_series_line_over_headline_led_by_misprinted_place() -> None:
    text = (
        "永州日报  2025年9月18日  第2版  县域\n\n"
        "真抓实干看县域\n\n"
        "江华：“小院落”激活基层“大治理”\n\n"
        "记者 唐 敏 通讯员 盘 丽\n\n"
        "“以前邻里有点小事就要跑到村部，现在院落长就在家门口。”江华瑶族自治县沱江镇居民说。"
        "今年以来，该县推行院落自治，全县划分院落860个。\n"
    )
    page = segment_page(text)
    (a,) = page.articles
    assert a.title == "江华：“小院落”激活基层“大治理”" and a.kicker == "真抓实干看县域"
    # The same page with the place misprinted (淑浦 for 溆浦): the place and colon still make that
    # line the title, and the place is read as the real county.
    misprint = text.replace("江华：", "淑浦：").replace("江华瑶族自治县", "淑浦县")
    (b,) = segment_page(misprint).articles
    assert b.title == "淑浦：“小院落”激活基层“大治理”" and b.kicker == "真抓实干看县域"
    assert b.place.county == "溆浦县"


def test_article_cut_after_comma_by_a_brief_resumes_in_its_column() -> None:
    lead = (
        "“以前办证要跑好几趟，现在一次就办好了。”说起政务服务的变化，芷江县居民杨大姐深有感触。"
        "今年以来，芷江县推行一件事一次办，将42个高频事项纳入集成服务，截至目前，全县累计办件"
    )
    body = _touching_column(lead + "3万余件，")
    text = (
        "怀化日报  2025年10月9日  第3版  县域\n\n"
        "芷江：“一件事”集成办暖民心\n\n"
        "怀化日报全媒体记者 龙 涛 通讯员 吴 倩\n\n" + body + "\n\n\n新晃县公益岗助力就业\n\n"
        "本报讯（记者 姚 远 通讯员 田 甜）10月8日，新晃县举行公益性岗位招聘会，现场提供保洁、"
        "护林、安保等岗位300余个。今年以来，该县已通过公益性岗位安置就业困难人员860人。\n\n\n"
        + _touching_column("群众办事平均跑动次数由2.3次降至0.6次，满意度达99%。")
        + "\n"
    )
    page = segment_page(text)
    zhijiang = next(a for a in page.articles if a.title.startswith("芷江"))
    xinhuang = next(a for a in page.articles if a.title == "新晃县公益岗助力就业")
    assert nospace(zhijiang.body).endswith("满意度达99%。")
    assert "跑动次数" not in xinhuang.body
    assert nospace(xinhuang.body).endswith("860人。")
    assert pairs(xinhuang.reporters) == [("姚远", "记者"), ("田甜", "通讯员")]


def test_whole_city_headline_in_a_prefecture_paper_is_that_prefecture() -> None:
    home = home_prefecture("娄底日报")
    guess = guess_place(
        "全市秋冬季森林防火工作全面启动",
        "日前，全市秋冬季森林防火工作全面启动。市应急管理局要求各地加强巡护，"
        "并与结对协作的郴州市桂东县交流防火经验。",
        home=home,
    )
    assert guess.prefecture == "娄底市" and guess.county is None
    # Without a home paper the body's places still decide.
    elsewhere = guess_place("全市秋冬季森林防火工作全面启动", "并与郴州市桂东县交流防火经验。")
    assert elsewhere.prefecture == "郴州市"
