"""Articles over time: counts by month and the bar chart the browse pages draw from them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from archive.models import Article

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")

# The chart's drawing units (the SVG scales to its box).
CHART_WIDTH = 720
PLOT_TOP = 6
PLOT_HEIGHT = 100
AXIS_HEIGHT = 22


def parse_month(value: str | None) -> dt.date | None:
    """``2024-06`` → 1 June 2024; anything else (a typo, a year 0, month 13) → None."""
    match = _MONTH.match((value or "").strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        return None
    return dt.date(year, month, 1)


def month_key(month: dt.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def month_label(month: dt.date) -> str:
    return f"{month.year}年{month.month}月"


def in_month(articles: QuerySet, month: dt.date | None, field: str = "pub_date") -> QuerySet:
    """``articles`` published in ``month`` (all of them when month is None)."""
    if month is None:
        return articles
    return articles.filter(**{f"{field}__year": month.year, f"{field}__month": month.month})


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_counts(articles: QuerySet[Article]) -> list[tuple[dt.date, int]]:
    """(first day of month, number of articles) for every month from the first to the last dated one."""
    # Grouped by day in the database (the pub_date index, no per-row date function; SQLite's
    # month truncation is a Python function called on every row), then by month here.
    rows = articles.filter(pub_date__isnull=False).order_by().values_list("pub_date").annotate(n=Count("pk"))
    found: dict[dt.date, int] = {}
    for day, n in rows:
        month = dt.date(day.year, day.month, 1)
        found[month] = found.get(month, 0) + n
    if not found:
        return []
    month, last = min(found), max(found)
    counts = []
    while month <= last:
        counts.append((month, found.get(month, 0)))
        month = next_month(month)
    return counts


@dataclass(frozen=True)
class Bar:
    month: dt.date
    count: int
    url: str
    x: float
    width: float
    y: float
    height: float
    selected: bool

    @property
    def label(self) -> str:
        return f"{month_label(self.month)}：{self.count} 篇"


@dataclass(frozen=True)
class MonthChart:
    bars: list[Bar]
    years: list[tuple[float, str]]  # (x of the year's first month, label)
    peak: int
    width: int = CHART_WIDTH
    height: int = PLOT_TOP + PLOT_HEIGHT + AXIS_HEIGHT
    baseline: int = PLOT_TOP + PLOT_HEIGHT

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def months_with_articles(self) -> list[Bar]:
        return [bar for bar in self.bars if bar.count]


def month_chart(
    counts: list[tuple[dt.date, int]], url_for: Callable[[dt.date], str], selected: dt.date | None = None
) -> MonthChart | None:
    """Bars of equal width across the chart, heights relative to the busiest month."""
    if not counts:
        return None
    peak = max(n for _, n in counts) or 1
    slot = CHART_WIDTH / max(len(counts), 24)  # a few months still look like bars, not a wall
    gap = min(2.0, slot * 0.2)
    bars, years = [], []
    for index, (month, n) in enumerate(counts):
        x = round(index * slot, 2)
        height = round(max(2.0, PLOT_HEIGHT * n / peak), 2) if n else 0
        bars.append(
            Bar(
                month=month,
                count=n,
                url=url_for(month),
                x=x,
                width=round(slot - gap, 2),
                y=round(PLOT_TOP + PLOT_HEIGHT - height, 2),
                height=height,
                selected=month == selected,
            )
        )
        if index == 0 or month.month == 1:
            years.append((x, f"{month.year}年"))
    # Year labels need room: drop the first month's label when January follows close behind,
    # and with many years label every other one.
    if len(years) > 1 and years[1][0] - years[0][0] < 60:
        years = years[1:]
    if len(years) * 110 > CHART_WIDTH:
        years = years[::2]
    return MonthChart(bars=bars, years=years, peak=peak)
