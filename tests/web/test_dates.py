"""Publication-date estimates from the dates a page mentions (pure, no database)."""

import datetime as dt

from archive.services.dates import context_year, estimate_date, mentioned_dates


def test_month_day_takes_the_year_the_text_is_set_in():
    text = (
        "2023年产量创新高。今年以来，全县新增耕地556亩，2024年6月完成验收。"
        "11月18日，现场会召开。2024年全年目标"
    )
    assert context_year(text) == 2024
    assert estimate_date(text, not_after=dt.date(2026, 1, 1)) == dt.date(2024, 11, 18)


def test_latest_mentioned_date_wins_and_full_dates_count():
    text = "2024年10月9日启动，11月1日试运行，11月12日正式上线。"
    assert estimate_date(text) == dt.date(2024, 11, 12)


def test_spaces_and_full_width_digits_are_read():
    assert estimate_date("今年 5 月起，截至２０２４年１２月１８日，已办件 3 万余件。") == dt.date(
        2024, 12, 18
    )


def test_target_years_do_not_set_the_context():
    text = (
        "到2027年基本实现现代化，2026年底前完成改造。2021年以来累计投入。2024年全面推开，12月24日召开推进会。"
    )
    assert context_year(text) == 2024
    text = "2024年全面推开，12月24日召开推进会。到2035年……2035年"
    assert context_year(text, not_after=dt.date(2025, 3, 1)) == 2024
    assert estimate_date(text, not_after=dt.date(2025, 3, 1)) == dt.date(2024, 12, 24)


def test_year_comes_from_the_page_context_or_the_file_date():
    assert estimate_date("11月20日，推进会召开。", context="2023年工作总结") == dt.date(2023, 11, 20)
    assert estimate_date("11月20日，推进会召开。", not_after=dt.date(2025, 2, 1)) == dt.date(2024, 11, 20)


def test_impossible_dates_and_dateless_text_give_nothing():
    assert mentioned_dates("2月30日和13月1日都不存在", year=2024) == []
    assert estimate_date("全县上下凝心聚力，奋力谱写新篇章。") is None
    assert estimate_date("11月20日召开") is None  # no year anywhere and no file date
