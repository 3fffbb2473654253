"""Date bounds and the results-over-time histogram, without Django."""

from __future__ import annotations

from search.engine.dates import DateRange, bound_label, histogram, parse_bound


def test_bounds_accept_year_month_and_day_forms():
    assert parse_bound("2024") == "2024"
    assert parse_bound("2024-6") == "2024-06"
    assert parse_bound(" 2024/06/22 ") == "2024-06-22"
    assert parse_bound("2024年6月") == "2024-06"
    assert parse_bound("2024.6.2") == "2024-06-02"


def test_impossible_or_odd_bounds_are_empty():
    for junk in [
        "",
        None,
        "2024-13",
        "2024-02-30",
        "２０２４",
        "²⁰²⁴",
        "0000",
        "24",
        "2024-06-22x",
        "\x00",
        "1" * 5000,
    ]:
        assert parse_bound(junk) == "", junk


def test_range_covers_whole_periods():
    assert DateRange("2024-06", "2024-06").bounds() == (20240600, 20240699)
    assert DateRange("2024", "").bounds()[0] == 20240000
    assert DateRange("", "2023").bounds()[1] == 20239999
    assert DateRange("2024-06-22", "2024-06-22").bounds() == (20240622, 20240622)
    assert DateRange("2024-01", "2024-12").single_year() == 2024
    assert bound_label("2024-06") == "2024年6月"


def test_histogram_by_year_fills_gaps_and_scales_heights():
    bars = histogram([(202112, 3), (202403, 1), (202406, 2)])
    assert [(b.label, b.count) for b in bars] == [("2021年", 3), ("2022年", 0), ("2023年", 0), ("2024年", 3)]
    assert [b.height for b in bars] == [100, 0, 0, 100]
    assert (bars[0].start, bars[0].end) == ("2021", "2021")


def test_histogram_by_month_over_two_years_or_a_filtered_year():
    bars = histogram([(202311, 1), (202402, 4)])
    assert [b.start for b in bars] == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert [b.count for b in bars] == [1, 0, 0, 4]
    assert bars[0].height == 25
    assert [b.start for b in histogram([(202403, 1)], year_filter="2024")] == ["2024-03"]
    assert histogram([]) == [] and histogram([(202401, 0)]) == []


def test_month_counts_leave_out_undated_matches():
    import numpy as np

    from search.engine.dates import month_counts

    parts = [np.array([202406, -1, 202406, 202112]), np.array([202406, -1])]
    assert month_counts(parts) == [(202112, 1), (202406, 3)]
    assert month_counts([]) == [] and month_counts([np.array([-1])]) == []
