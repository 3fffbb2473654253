"""Real page layouts: e-paper and web dumps, their chrome, credits in their real variety, the real sets.

The sets under ``tests/pages/real/`` were written blind (by someone who never saw the segmenter)
over the structures of public Hunan pages, in their own words; their figures were recorded
before any tuning and are in the notes of the real-pages issue.  The floors below are the
figures reached on them; a change that lowers one has made the archive worse on real layouts.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from archive.ingest import decode_page, segment_page
from archive.ingest.annotated import ROOT, read_gold_file
from archive.ingest.bylines import parse_names
from archive.ingest.furniture import is_jump_line, is_web_metadata
from archive.ingest.review import needs_review
from archive.ingest.scoring import Tally, score_page

REAL = ROOT / "tests" / "pages" / "real"


@pytest.mark.parametrize(
    "line",
    [
        "首页 | 时政要闻 | 乡镇动态 | 部门动态 | 专题专栏 | 视频",
        "3 上一篇 放大 缩小 默认",
        "上一篇 • 下一篇",
        "返回本版目录",
        "【分享到】微信 微博 QQ空间",
        "字号：[大 中 小]　打印本页　关闭窗口",
        "发布时间：2023-11-08 10:12    来源：宜章县融媒体中心    浏览次数：",
        "红网时刻新闻 2024-05-20 09:41:12",
        "IMG_20240519_101233.jpg",
        "· 宜章县召开优化营商环境工作推进会    2023-11-08",
        "共5条 1/1页 首页 上一页 下一页 尾页",
        "宁乡市融媒体中心主办　湘ICP备05003961号",
        "常德市人民政府 湖南省人民政府 中国政府网",
        "<enpproperty><articleid>1</articleid></enpproperty>",
    ],
)
def test_site_and_e_paper_chrome_is_furniture(line: str) -> None:
    assert is_web_metadata(line)


@pytest.mark.parametrize(
    "line",
    [
        "眼下，正是早稻病虫害防治的关键时期！",
        "“企业的事就是我们自己的事！”",
        "资金来源：县财政安排专项资金300万元",
        "澧县 临澧县联合开展澧水流域巡河",
        "2024年，全县新建村级便民服务点36个",
    ],
)
def test_text_that_only_looks_like_chrome_is_not(line: str) -> None:
    assert not is_web_metadata(line)


@pytest.mark.parametrize("line", ["（下转第8版②）", "（下转A07版②）", "（上接1版①）", "上接第1版"])
def test_jump_lines_with_edition_and_circled_digits(line: str) -> None:
    assert is_jump_line(line)


def test_agencies_and_filing_places_are_not_reporters() -> None:
    assert parse_names("新华社 石磊", strict=False) is None
    names = parse_names("记者 曾少雄 邓佳 炎陵报道", strict=False)
    assert [(c.name, c.role) for c in names] == [("曾少雄", "记者"), ("邓佳", "记者")]
    page = segment_page(
        "凤凰非遗工坊里“绣”出好日子\n\n"
        "新华社长沙6月4日电（记者 彭子墨 龙可欣）走进凤凰县的一家苗绣工坊，几十名绣娘正在赶制订单，"
        "工坊负责人说今年的订单已经排到了年底。\n"
    )
    assert {c.name for c in page.articles[0].reporters} == {"彭子墨", "龙可欣"}


def test_a_branch_reporter_is_a_reporter() -> None:
    page = segment_page(
        "衡阳县22万农村群众喝上“放心水”\n\n"
        "红网时刻新闻衡阳5月19日讯（分站记者 谭雅琳 通讯员 贺文静）今年，衡阳县把农村供水保障列为民生实事，"
        "新建改造供水工程41处。\n"
    )
    assert [(c.name, c.role) for c in page.articles[0].reporters] == [
        ("谭雅琳", "记者"),
        ("贺文静", "通讯员"),
    ]


def test_online_items_are_framed_by_their_metadata_and_footers() -> None:
    page = segment_page(
        "宁乡市融媒体中心\n首页 | 时政要闻 | 乡镇动态 | 部门动态\n\n"
        "回龙铺镇：早稻田里“飞”出丰收景\n"
        "发布时间：2024-06-17 10:05　来源：宁乡市融媒体中心　作者：姜雨菲　字号：大 中 小\n"
        "【分享到】微信 微博 QQ空间\n"
        "眼下，正是早稻病虫害防治的关键时期！\n"
        "在回龙铺镇天鹅村，几架植保无人机在稻田上空来回穿梭，种粮大户说全靠社会化服务组织帮忙。\n"
        "【打印本页】【关闭窗口】\n责任编辑：周婷\n\n"
        "双江口镇开展防汛应急演练\n"
        "发布时间：2024-06-14 09:32　来源：双江口镇　字号：大 中 小\n"
        "6月13日，双江口镇在楚江河沿岸组织开展防汛应急演练，120余人参加。\n"
        "【打印本页】【关闭窗口】\n责任编辑：谢婧\n"
    )
    first, second = page.articles
    assert first.title == "回龙铺镇：早稻田里“飞”出丰收景"
    # The short exclamatory first line under the metadata is the item's first sentence, not a headline.
    assert first.body.startswith("眼下，正是早稻病虫害防治的关键时期！")
    assert [c.name for c in first.reporters] == ["姜雨菲"]
    assert second.title == "双江口镇开展防汛应急演练" and not second.reporters
    # A county media centre's items that name no other county are about its county.
    assert {a.place.county for a in page.articles} == {"宁乡市"}
    assert page.paper == "宁乡市融媒体中心"


def test_an_author_line_in_an_items_footer_credits_that_item() -> None:
    page = segment_page(
        "华容：“清单式”服务为项目建设按下快进键\n"
        "来源：红网时刻新闻\n作者：刘婉婷 胡志坚\n分享到\n"
        "华容县对全县72个重点项目逐一建立问题清单、服务清单、责任清单。\n"
        "来源：红网\n作者：刘婉婷 胡志坚\n编辑：吴思远\n\n"
        "宜章：“夜间门诊”让群众看病不再赶时间\n"
        "来源：红网时刻新闻\n作者：彭俊凯\n分享到\n"
        "宜章县人民医院从5月起开设夜间门诊，开放内科、儿科、口腔科等科室。\n"
        "来源：红网\n作者：彭俊凯\n编辑：陈羽\n"
    )
    assert [[c.name for c in a.reporters] for a in page.articles] == [["刘婉婷", "胡志坚"], ["彭俊凯"]]


def test_information_alone_does_not_put_an_article_on_the_review_list() -> None:
    assert not needs_review(["no_byline", "date_estimated", "duplicate_removed", "title_after_body"])
    assert not needs_review(["no_byline", "boundary_doubt", "place_unknown"])  # rule doubts: information
    assert needs_review(["no_byline", "suspect_boundary"])
    assert needs_review(["correction_stale"])


# Figures reached on the real-layout sets the rules and the model were tuned on (x, y, z, rw; f, j,
# hv, l, mb, nb, pb, qa, qb, qc, qd, ua, ub, ud, ue, uc, uf, ug, ka, kb, ke, kf, kg, kh, sa, sb, si, sj,
# ta, tb, te, tf after their blind figures were recorded), less a margin
# (kf: its 县域传真 briefs column is read right or merged as the retrained model falls, 0.935 or
# 0.891 clean in round six; j's review precision: its few wrong articles are flagged or not as the
# retrained model's doubt falls, 0.5 in round four, 0.33 after the fifth round's retraining); the
# held-out sets (tests/pages/heldout/) are measured blind each round and their figures are in the
# issue notes.  Review precision is a floor only where a set has enough wrong articles for it to mean
# something.
FLOORS = {
    "f": {"article_precision": 0.99, "clean_articles": 0.99, "title_accuracy": 0.99, "county_accuracy": 0.99,
          "reporter_f1": 0.99, "coverage": 0.995},
    "j": {"article_precision": 0.97, "clean_articles": 0.93, "title_accuracy": 0.97, "county_accuracy": 0.93,
          "reporter_f1": 0.94, "coverage": 0.995, "review_precision": 0.3},
    "hv": {"article_precision": 0.97, "clean_articles": 0.94, "title_accuracy": 0.9, "county_accuracy": 0.97,
           "reporter_f1": 0.99, "coverage": 0.995},
    "x": {"article_precision": 0.99, "clean_articles": 0.99, "title_accuracy": 0.99, "county_accuracy": 0.99,
          "reporter_f1": 0.99, "coverage": 0.995},
    "y": {"article_precision": 0.99, "clean_articles": 0.99, "title_accuracy": 0.97, "county_accuracy": 0.99,
          "reporter_f1": 0.95, "coverage": 0.995},
    "z": {"article_precision": 0.99, "clean_articles": 0.99, "title_accuracy": 0.99, "county_accuracy": 0.99,
          "reporter_f1": 0.99, "coverage": 0.99},
    "rw": {"article_precision": 0.99, "clean_articles": 0.99, "title_accuracy": 0.99, "county_accuracy": 0.97,
           "reporter_f1": 0.98, "coverage": 0.995},
    "l": {"article_precision": 0.99, "clean_articles": 0.99, "title_accuracy": 0.99, "county_accuracy": 0.99,
          "reporter_f1": 0.99, "coverage": 0.995},
    "mb": {"article_precision": 0.95, "clean_articles": 0.95, "title_accuracy": 0.99, "county_accuracy": 0.97,
           "reporter_f1": 0.98, "coverage": 0.995},
    "nb": {"article_precision": 0.97, "clean_articles": 0.97, "title_accuracy": 0.97, "county_accuracy": 0.99,
           "reporter_f1": 0.99, "coverage": 0.995},
    "pb": {"article_precision": 0.91, "clean_articles": 0.95, "title_accuracy": 0.97, "county_accuracy": 0.99,
           "reporter_f1": 0.99, "coverage": 0.995},
    "qb": {"article_precision": 0.93, "clean_articles": 0.93, "title_accuracy": 0.95, "county_accuracy": 0.97,
           "reporter_f1": 0.99, "coverage": 0.995},
    "qa": {"article_precision": 0.95, "clean_articles": 0.97, "title_accuracy": 0.99, "county_accuracy": 0.97,
           "reporter_f1": 0.98, "coverage": 0.995},
    "qc": {"article_precision": 0.93, "clean_articles": 0.93, "title_accuracy": 0.99, "county_accuracy": 0.95,
           "reporter_f1": 0.93, "coverage": 0.995},
    "qd": {"article_precision": 0.99, "clean_articles": 0.99, "title_accuracy": 0.99, "county_accuracy": 0.99,
           "reporter_f1": 0.99, "coverage": 0.995},
    "ua": {"article_precision": 0.85, "clean_articles": 0.91, "title_accuracy": 0.89, "county_accuracy": 0.95,
           "reporter_f1": 0.96, "coverage": 0.995},
    "ub": {"article_precision": 0.93, "clean_articles": 0.93, "title_accuracy": 0.97, "county_accuracy": 0.97,
           "reporter_f1": 0.96, "coverage": 0.995},
    "ud": {"article_precision": 0.89, "clean_articles": 0.91, "title_accuracy": 0.99, "county_accuracy": 0.95,
           "reporter_f1": 0.97, "coverage": 0.995},
    "ue": {"article_precision": 0.89, "clean_articles": 0.95, "title_accuracy": 0.99, "county_accuracy": 0.99,
           "reporter_f1": 0.96, "coverage": 0.995},
    "ka": {"article_precision": 0.9, "clean_articles": 0.88, "title_accuracy": 0.94, "county_accuracy": 0.92,
           "reporter_f1": 0.95, "coverage": 0.995},
    "kb": {"article_precision": 0.95, "clean_articles": 0.95, "title_accuracy": 0.99, "county_accuracy": 0.97,
           "reporter_f1": 0.99, "coverage": 0.995},
    "uc": {"article_precision": 0.93, "clean_articles": 0.97, "title_accuracy": 0.94, "county_accuracy": 0.99,
           "reporter_f1": 0.96, "coverage": 0.995},
    "uf": {"article_precision": 0.92, "clean_articles": 0.92, "title_accuracy": 0.94, "county_accuracy": 0.99,
           "reporter_f1": 0.96, "coverage": 0.995},
    "ug": {"article_precision": 0.92, "clean_articles": 0.95, "title_accuracy": 0.99, "county_accuracy": 0.99,
           "reporter_f1": 0.99, "coverage": 0.995},
    "ke": {"article_precision": 0.9, "clean_articles": 0.88, "title_accuracy": 0.94, "county_accuracy": 0.89,
           "reporter_f1": 0.97, "coverage": 0.995},
    "kf": {"article_precision": 0.9, "clean_articles": 0.88, "title_accuracy": 0.92, "county_accuracy": 0.92,
           "reporter_f1": 0.92, "coverage": 0.995},
    # kg07's list page (· headline / 摘要：… / [详情] date) gains a stray item from one retraining to the
    # next (0.957 with the round-6 model, 0.936 after adding sa and sb): the floor sits below both.
    "kg": {"article_precision": 0.93, "clean_articles": 0.95, "title_accuracy": 0.89, "county_accuracy": 0.97,
           "reporter_f1": 0.99, "coverage": 0.995},
    "kh": {"article_precision": 0.88, "clean_articles": 0.9, "title_accuracy": 0.94, "county_accuracy": 0.99,
           "reporter_f1": 0.96, "coverage": 0.995},
    "sa": {"article_precision": 0.97, "clean_articles": 0.97, "title_accuracy": 0.95, "county_accuracy": 0.95,
           "reporter_f1": 0.97, "coverage": 0.995},
    "sb": {"article_precision": 0.97, "clean_articles": 0.97, "title_accuracy": 0.95, "county_accuracy": 0.95,
           "reporter_f1": 0.97, "coverage": 0.995},
    "si": {"article_precision": 0.95, "clean_articles": 0.95, "title_accuracy": 0.95, "county_accuracy": 0.95,
           "reporter_f1": 0.95, "coverage": 0.995},
    "sj": {"article_precision": 0.93, "clean_articles": 0.89, "title_accuracy": 0.97, "county_accuracy": 0.97,
           "reporter_f1": 0.96, "coverage": 0.995},
    "ta": {"article_precision": 0.87, "clean_articles": 0.87, "title_accuracy": 0.93, "county_accuracy": 0.95,
           "reporter_f1": 0.95, "coverage": 0.995},
    "tb": {"article_precision": 0.89, "clean_articles": 0.87, "title_accuracy": 0.89, "county_accuracy": 0.84,
           "reporter_f1": 0.95, "coverage": 0.995},
    "te": {"article_precision": 0.89, "clean_articles": 0.91, "title_accuracy": 0.93, "county_accuracy": 0.95,
           "reporter_f1": 0.98, "coverage": 0.995},
    "tf": {"article_precision": 0.87, "clean_articles": 0.91, "title_accuracy": 0.95, "county_accuracy": 0.91,
           "reporter_f1": 0.97, "coverage": 0.995},
}  # fmt: skip


@pytest.fixture(scope="module")
def real_figures() -> dict[str, dict[str, float]]:
    out = {}
    for name in FLOORS:
        tally = Tally()
        for page in read_gold_file(REAL / name / "gold.json", REAL / name, name):
            text = decode_page(page.path.read_bytes()).text
            score_page(tally, page.as_gold(), segment_page(text, file=page.name), text)
        out[name] = tally.figures()
    return out


@pytest.mark.parametrize("set_name", sorted(FLOORS))
def test_real_layout_set_keeps_its_figures(real_figures: dict, set_name: str) -> None:
    figures = real_figures[set_name]
    low = {k: round(figures[k], 3) for k, floor in FLOORS[set_name].items() if figures[k] < floor}
    assert not low, low
    assert figures["dup_sentences"] == 0


def test_the_training_command_reproduces_the_committed_model() -> None:
    """``manage.py train_segmenter`` on the repository's annotated pages gives the model in the repository."""
    import pycrfsuite

    from archive.ingest.annotated import annotated_sets
    from archive.ingest.assemble import assemble
    from archive.ingest.sequence import MODEL_PATH, features, page_units, rule_labels
    from archive.management.commands.train_segmenter import train

    sets = annotated_sets()
    pages = [p for pages in sets.values() for p in pages]
    with tempfile.TemporaryDirectory() as tmp:
        fresh_path = Path(tmp) / "model.crfsuite"
        train(pages, fresh_path)
        fresh, committed = pycrfsuite.Tagger(), pycrfsuite.Tagger()
        fresh.open(str(fresh_path))
        committed.open(str(MODEL_PATH))
        for page in sets["x"][:3] + sets["seeds"][:2]:
            units = page_units(page.text)
            xseq = features(units, rule_labels(units, assemble(units)))
            assert fresh.tag(xseq) == committed.tag(xseq), page.name
