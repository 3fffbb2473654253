"""Topics from weighted keywords (explainable, tunable) and publication dates."""

from __future__ import annotations

import datetime as dt

from archive.ingest.dates import estimate_date, parse_date
from archive.ingest.topics import assign_topics, default_rules, score_topics

NINE = {
    "政务服务",
    "营商环境",
    "乡村振兴",
    "产业经济",
    "民生保障",
    "党建廉政",
    "社会治理",
    "生态环保",
    "文教卫体",
}


def test_default_rules_cover_the_nine_topics() -> None:
    assert set(default_rules()) == NINE
    assert all(w > 0 for kw in default_rules().values() for w in kw.values())


def test_topics_are_one_to_three_best_first_with_the_keywords_that_earned_them() -> None:
    body = (
        "县纪委监委开展廉洁文化进村活动，推动清廉村居建设，党员干部签订廉政承诺书。"
        "同时，村里发展村集体经济，带动农户增收，乡村振兴步伐加快。"
    )
    topics = assign_topics("绘就乡村振兴清廉底色", body)
    assert 1 <= len(topics) <= 3
    assert {t.name for t in topics} == {"党建廉政", "乡村振兴"}
    assert topics[0].score >= topics[-1].score
    assert "清廉" in topics[0].keywords or "清廉" in topics[1].keywords


def test_a_passing_keyword_does_not_add_a_topic() -> None:
    body = "政务服务中心推出一件事一次办，群众办事更方便。政务服务大厅设置综合窗口。工作人员作风优良。"
    assert [t.name for t in assign_topics("政务服务再提速", body)] == ["政务服务"]


def test_editors_rules_replace_the_defaults() -> None:
    rules = {"生态环保": {"萤火虫": 5.0}, "文教卫体": {"夏令营": 5.0}}
    topics = assign_topics("", "萤火虫夏令营开营，孩子们夜观萤火虫。", rules)
    # the editors' keywords are the evidence (the model may order the two topics either way)
    evidence = {t.name: t.keywords[0] for t in topics}
    assert evidence == {"生态环保": "萤火虫", "文教卫体": "夏令营"}


def test_headline_keywords_weigh_more_than_body_keywords() -> None:
    scores = {t.name: t.score for t in score_topics("就业驿站开张", "驿站为居民提供服务。")}
    plain = {t.name: t.score for t in score_topics("", "就业驿站开张，驿站为居民提供服务。")}
    assert scores["民生保障"] > plain["民生保障"]


def test_no_keyword_gives_no_topic() -> None:
    assert assign_topics("", "天气晴。") == []


def test_dates_from_page_headers_and_estimates_from_text() -> None:
    assert parse_date("衡阳日报 2024年3月12日 星期二 第5版") == dt.date(2024, 3, 12)
    assert parse_date("A2 要闻 2023-09-18") == dt.date(2023, 9, 18)
    assert parse_date("2024.11.21 星期四") == dt.date(2024, 11, 21)
    assert parse_date("第5版 县域经济") is None
    assert estimate_date("截至2024年6月，全市……11月18日，活动举行。") == dt.date(2024, 11, 18)
    assert estimate_date("11月18日，活动举行。") is None
