"""Date ranges of the search (``from``/``to``) and the results-over-time histogram (pure Python).

A bound is a year (``2024``), a month (``2024-06``) or a day (``2024-06-22``);
``from`` starts at the beginning of its period and ``to`` ends at its end, so
``from=2024-06&to=2024-06`` is the whole of June. Days are compared as the
index stores them, ``YYYYMMDD`` integers. An article whose date was estimated
(no date printed on its page) has that date, and is counted and filtered by it
like any other: leaving it out would hide it from every date range.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

_DATE = re.compile(r"([0-9]{4})(?:[-/.年]([0-9]{1,2})月?(?:[-/.]([0-9]{1,2})日?)?)?")
MIN_YEAR, MAX_YEAR = 1949, 2100
# Results spanning at most this many years are counted by month.
MONTHS_UP_TO_YEARS = 2


def parse_bound(value: str | None) -> str:
    """``2024``, ``2024-6``, ``2024/06/22``, ``2024年6月`` → ``2024``, ``2024-06``, ``2024-06-22``;
    anything else (or an impossible date) → ""."""
    if not value:
        return ""
    match = _DATE.fullmatch(value.strip())
    if not match:
        return ""
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        return ""
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return ""
    if day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


def _parts(bound: str) -> tuple[int, int, int]:
    pieces = [int(p) for p in bound.split("-")]
    return (pieces + [0, 0])[0], (pieces + [0, 0])[1], (pieces + [0, 0, 0])[2]


def bound_label(bound: str) -> str:
    """2024 → 2024年; 2024-06 → 2024年6月; 2024-06-22 → 2024年6月22日."""
    year, month, day = _parts(bound)
    return f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")


@dataclass(frozen=True)
class DateRange:
    """Validated bounds (:func:`parse_bound`), either may be empty."""

    start: str = ""
    end: str = ""

    @property
    def active(self) -> bool:
        return bool(self.start or self.end)

    def bounds(self) -> tuple[int, int]:
        """(lowest, highest) YYYYMMDD integers the range admits (inclusive)."""
        low, high = 0, 99999999
        if self.start:
            year, month, day = _parts(self.start)
            low = year * 10000 + month * 100 + day
        if self.end:
            year, month, day = _parts(self.end)
            high = year * 10000 + (month or 99) * 100 + (day or 99)
        return low, high

    def single_year(self) -> int | None:
        """The year both bounds lie in, if they do."""
        if self.start and self.end and self.start[:4] == self.end[:4]:
            return int(self.start[:4])
        return None


@dataclass(frozen=True)
class Bar:
    """One period of the histogram: ``start``/``end`` are the from/to values that filter to it."""

    label: str
    count: int
    start: str
    end: str
    height: int = 0  # of HISTOGRAM_HEIGHT, the tallest bar full height


HISTOGRAM_HEIGHT = 100


def histogram(
    months: list[tuple[int, int]], year_filter: str = "", dates: DateRange = DateRange()
) -> list[Bar]:
    """Bars of the results' counts by year, or by month when they span at most
    :data:`MONTHS_UP_TO_YEARS` years or one year is filtered (``months``: (YYYYMM, count)).

    Periods between the first and the last with results are included with 0,
    so the bars are a time axis; the counts are exact (from the facet evaluation).
    """
    months = [(m, c) for m, c in months if c > 0]
    if not months:
        return []
    first_year, last_year = months[0][0] // 100, months[-1][0] // 100
    by_month = (
        bool(year_filter) or dates.single_year() is not None or last_year - first_year < MONTHS_UP_TO_YEARS
    )
    bars: list[Bar] = []
    if by_month:
        counts = dict(months)
        year, month = divmod(months[0][0], 100)
        while year * 100 + month <= months[-1][0]:
            value = f"{year:04d}-{month:02d}"
            bars.append(Bar(f"{year}年{month}月", counts.get(year * 100 + month, 0), value, value))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        per_year: dict[int, int] = {}
        for m, c in months:
            per_year[m // 100] = per_year.get(m // 100, 0) + c
        for year in range(first_year, last_year + 1):
            bars.append(Bar(f"{year}年", per_year.get(year, 0), str(year), str(year)))
    tallest = max(bar.count for bar in bars)
    return [
        Bar(
            b.label,
            b.count,
            b.start,
            b.end,
            max(1, round(HISTOGRAM_HEIGHT * b.count / tallest)) if b.count else 0,
        )
        for b in bars
    ]


@dataclass(frozen=True)
class TimelineBar:
    """A bar as the page draws it: its link and its place in the chart's SVG coordinates
    (one unit wide per bar, :data:`HISTOGRAM_HEIGHT` high)."""

    bar: Bar
    url: str
    x: int
    y: int

    @property
    def title(self) -> str:
        return f"{self.bar.label}：{self.bar.count} 篇"


def timeline_bars(bars: list[Bar], link: Callable[[str, str], str]) -> list[TimelineBar]:
    """``link(from, to)``: the URL that filters the search to a bar's period."""
    return [
        TimelineBar(bar, link(bar.start, bar.end), x=i, y=HISTOGRAM_HEIGHT - bar.height)
        for i, bar in enumerate(bars)
    ]


def month_counts(parts: list[np.ndarray]) -> list[tuple[int, int]]:
    """(YYYYMM, matches) from the matches' YYYYMM values (undated: negative, left out),
    read with the facets: no query per month."""
    months = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    months = months[months > 0]
    if not len(months):
        return []
    # A count per month between the first and the last (a bincount, not a sort of every match).
    first = int(months.min())
    counts = np.bincount(months - first)
    return [(first + int(i), int(counts[i])) for i in np.flatnonzero(counts)]
