"""Mechanisms added after the eleventh blind set, each on a small page of its own wording and places.

- a 【…】 section label over headless briefs that open ``某区：日期，…`` and close with their own
  credit: the first brief is an item of its own, not the tail of the report above the label;
- an official's author line printed behind a bullet (□某县委书记 某某) is a byline, not a headline;
- a series kicker naming a prefecture (县域治理看常德②) is the series' scope: the county the
  article is about still decides its place.
"""

from __future__ import annotations

from archive.ingest import segment_page
from archive.ingest.places import guess_place
from archive.ingest.text import nospace, opens_report


def pairs(credits):
    return [(c.name, c.role) for c in credits]


def test_place_and_colon_before_the_date_opens_a_brief() -> None:
    assert opens_report("鹤城区：10月9日，鹤城区城南街道开展消防演练。")
    assert not opens_report("鹤城区：城南街道消防演练")


def test_labelled_briefs_after_a_report_are_items_of_their_own() -> None:
    page = (
        "衡阳日报 2025年11月6日 星期四 A3 县域\n\n"
        "衡东推进电子证照互认\n\n"
        "本报讯（记者 罗文）11月3日，衡东县政务服务中心上线电子证照互认系统，群众办理业务不再提交纸质证照。"
        "据介绍，该系统已归集证照类型86种，累计调用1.2万次。\n\n"
        "【乡镇简讯】\n\n"
        "珠晖区：11月4日，珠晖区茶山坳镇组织农技专家深入田间，指导农户开展油菜秋冬种，"
        "发放良种2000余公斤，覆盖种植面积1.5万亩，农户纷纷表示心里更有底了。（欧 琳）\n\n"
        "蒸湘区：11月5日，蒸湘区呆鹰岭镇召开安全生产约谈会，督促辖区企业落实主体责任，"
        "现场排查整改隐患23处，全镇安全生产形势总体平稳，企业负责人均签订了承诺书。（唐晓峰）\n"
    )
    arts = segment_page(page).articles
    assert [a.title for a in arts] == ["衡东推进电子证照互认", None, None]
    report, first, second = arts
    assert pairs(report.reporters) == [("罗文", "记者")]
    assert "茶山坳" not in nospace(report.body)
    assert "珠晖区：11月4日" in nospace(first.body)
    assert "呆鹰岭" not in nospace(first.body)
    assert pairs(first.reporters) == [("欧琳", None)]
    assert first.place.county == "珠晖区"
    assert pairs(second.reporters) == [("唐晓峰", None)]
    assert second.place.county == "蒸湘区"


def test_bulleted_author_line_signs_the_commentary() -> None:
    page = (
        "【书记访谈】\n"
        "把好山好水变成好日子\n"
        "■桃江县委书记 陈志远\n\n"
        "桃江竹海连绵，资江穿城而过，生态是桃江最大的本钱。守护好这片青山绿水，是我们必须扛起的责任。\n\n"
        "我们坚持生态优先，推动竹产业转型升级，让群众在家门口端上生态饭碗。\n"
    )
    (art,) = segment_page(page).articles
    assert art.title == "把好山好水变成好日子"
    assert pairs(art.reporters) == [("陈志远", "作者")]
    assert "陈志远" not in art.body


def test_prefecture_in_a_series_kicker_does_not_make_the_item_prefecture_wide() -> None:
    body = (
        "近年来，澧县坚持党建引领，在全县推行“积分超市”，村民参与环境整治、志愿服务可获积分。"
        "澧县县委组织部负责人介绍，全县已有200多个村建起积分超市。"
    )
    guess = guess_place("小超市兑出文明新风", body, series="县域治理看常德②")
    assert guess.county == "澧县"
    assert guess.prefecture == "常德市"
    # Named in the headline itself, the prefecture still makes the item prefecture-wide.
    assert guess_place("常德小超市兑出文明新风", body).county is None
