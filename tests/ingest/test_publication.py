"""Publication metadata a citation needs: paper, edition, page name and dates, from the text or a manifest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from archive.ingest import segment_page
from archive.ingest.publication import (
    MANIFEST,
    ManifestError,
    Publication,
    dateline_date,
    dateline_paper,
    read_header_line,
    read_manifest,
)

REPORT = "今年以来，该县推行“一窗通办”，群众办事平均少跑两次，企业开办压缩至半个工作日。"


def test_a_printed_header_line_gives_paper_date_edition_and_page_name() -> None:
    pub = Publication()
    read_header_line("湖南日报 2024年11月12日 星期二 第7版 县域经济", pub)
    assert (pub.paper, pub.date, pub.edition, pub.page_name) == (
        "湖南日报",
        dt.date(2024, 11, 12),
        "第7版",
        "县域经济",
    )
    e_paper = Publication()
    read_header_line("株洲日报数字报 | 2024-06-22 | A06版：县区新闻", e_paper)
    assert (e_paper.paper, e_paper.edition, e_paper.page_name) == ("株洲日报", "A06版", "县区新闻")


def test_an_e_paper_page_is_named_by_its_own_page_not_by_the_list_of_pages() -> None:
    text = (
        "湖南日报数字报\n第06版:县域经济 4上一版 下一版3\n版面导航\n"
        "第01版\n要闻\n第02版\n要闻\n第06版\n县域经济\n"
        "2024年06月22日 星期六\n3 上一篇 放大 缩小 默认\n\n"
        f"攸县“园区+配套”拉长产业链\n\n湖南日报·新湖南客户端6月21日讯（全媒体记者 周立新）{REPORT}\n"
    )
    page = segment_page(text)
    assert (page.paper, page.page_label, page.section, page.date) == (
        "湖南日报",
        "第06版",
        "县域经济",
        dt.date(2024, 6, 22),
    )
    # The list of pages and the paging words are navigation, not articles.
    assert [a.title for a in page.articles] == ["攸县“园区+配套”拉长产业链"]
    assert page.to_segscore()["edition"] == "第06版"


@pytest.mark.parametrize(
    ("dateline", "year", "expected"),
    [
        ("红网时刻新闻衡阳5月21日讯", 2024, dt.date(2024, 5, 21)),
        ("新湖南客户端6月5日讯", 2024, dt.date(2024, 6, 5)),
        ("红网时刻新闻郴州519日讯", 2024, dt.date(2024, 5, 19)),  # 月 fell out; one reading only
        ("红网时刻新闻112日讯", 2024, None),  # 1月12日 or 11月2日: no guess
        ("本报讯", 2024, None),
        ("湖南日报6月21日讯", None, None),  # no year known
    ],
)
def test_dateline_dates(dateline: str, year: int | None, expected: dt.date | None) -> None:
    assert dateline_date(dateline, year) == expected


def test_dateline_papers() -> None:
    assert dateline_paper("红网时刻新闻衡阳5月21日讯") == "红网"
    assert dateline_paper("湖南日报·新湖南客户端6月5日讯") == "湖南日报"
    assert dateline_paper("宁乡市融媒体中心讯") == "宁乡市融媒体中心"
    assert dateline_paper("本报讯") is None


def test_an_article_keeps_the_date_of_its_own_dateline() -> None:
    text = (
        "衡阳日报 2025年1月2日 星期四 A06 县市区新闻\n\n"
        f"祁东“帮代办”让企业少跑腿\n\n衡阳日报12月30日讯（记者 刘思远）{REPORT}\n\n"
        f"衡南开展消防检查\n\n本报讯（通讯员 廖凯）{REPORT}\n"
    )
    page = segment_page(text)
    qidong, hengnan = page.articles
    # The year comes from the page; a late-December dateline on a January page is last year's.
    assert (qidong.date, qidong.date_source) == (dt.date(2024, 12, 30), "电头")
    assert (hengnan.date, hengnan.date_source) == (dt.date(2025, 1, 2), "版面")
    assert page.to_segscore()["articles"][0]["date"] == "2024-12-30"
    assert page.to_segscore()["articles"][1]["date"] is None


def test_an_online_dump_dates_each_item() -> None:
    items = [
        (
            "浏阳：“流动服务车”开进花炮企业",
            "2024-06-21 18:15",
            "6月20日，一辆政务服务流动车开进大瑶镇的花炮企业。",
        ),
        (
            "双牌：“护林员+网格员”守护绿水青山",
            "2024-06-21 09:02",
            "双牌县麻江镇的护林员每天沿着山路巡查两遍。",
        ),
    ]
    text = "".join(
        f"{title}\n来源：红网 作者：蒋思琪 编辑：吴思远 发布时间：{stamp}\n分享到\n\n"
        f"{body}\n\n责任编辑：吴思远\n\n"
        for title, stamp, body in items
    )
    page = segment_page(text)
    assert [a.title for a in page.articles] == [t for t, _, _ in items]
    assert all(a.reporters[0].name == "蒋思琪" for a in page.articles)
    assert {(a.date, a.date_source) for a in page.articles} == {(dt.date(2024, 6, 21), "网页")}
    assert page.date is None  # nothing prints the page's own date (the importer dates it by its items)
    assert page.paper == "红网"


def test_manifest_csv_and_json_lines(tmp_path: Path) -> None:
    csv_file = tmp_path / "清单.csv"
    csv_file.write_text(
        "file,paper,date,edition,page\npages/x07.txt,郴州日报,2024-06-14,第05版,县区\n", encoding="utf-8"
    )
    entry = read_manifest(csv_file)["x07.txt"]  # keyed by the bare file name
    assert (entry.paper, entry.date, entry.edition, entry.page_name) == (
        "郴州日报",
        dt.date(2024, 6, 14),
        "第05版",
        "县区",
    )
    jsonl = tmp_path / "m.jsonl"
    jsonl.write_text('{"file": "a.txt", "paper": "怀化日报", "date": "2024年4月12日"}\n\n', encoding="utf-8")
    assert read_manifest(jsonl)["a.txt"].date == dt.date(2024, 4, 12)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.csv", "file,paper,date\nx.txt,郴州日报,六月十四\n", "日期无法识别"),
        ("nohead.csv", "x.txt,郴州日报\n", "表头"),
        ("bad.jsonl", '{"file": "x.txt"\n', "不是合法的 JSON"),
        ("nofile.csv", "file,paper\n,郴州日报\n", "缺少 file"),
    ],
)
def test_a_bad_manifest_says_what_is_wrong(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        read_manifest(path)


def test_the_manifest_supplies_what_the_page_does_not_print() -> None:
    text = f"茶陵砂石集散中心年底试运行\n\n本报讯（通讯员 谭敏）11月3日，{REPORT}\n"
    bare = segment_page(text)
    assert bare.paper is None and bare.date is None
    entry = Publication()
    entry.note("paper", "株洲日报", MANIFEST)
    entry.note("date", dt.date(2024, 11, 5), MANIFEST)
    entry.note("edition", "A06", MANIFEST)
    page = segment_page(text, publication=entry)
    assert (page.paper, page.date, page.page_label) == ("株洲日报", dt.date(2024, 11, 5), "A06")
    assert page.metadata_sources == {"paper": "清单", "date": "清单", "edition": "清单"}
    # The manifest's date is a known date: the article is not estimated and not on the review list for it.
    (article,) = page.articles
    assert article.date == dt.date(2024, 11, 5) and not article.date_estimated
