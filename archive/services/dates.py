"""Estimate a publication date from the dates a text mentions.

Pages without a dated page header still talk about dates ("11月18日", "2024年6月"):
a report is published on or shortly after the latest event it describes, so the
latest date mentioned (never later than the file itself) is a fair estimate.
Pure functions: no Django.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_YEAR = r"(?:19|20)\d{2}"
FULL_DATE_RE = re.compile(
    rf"(?P<year>{_YEAR})\s*年\s*(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*[日号]"
)
NUMERIC_DATE_RE = re.compile(
    rf"(?<!\d)(?P<year>{_YEAR})[-./](?P<month>\d{{1,2}})[-./](?P<day>\d{{1,2}})(?!\d)"
)
MONTH_DAY_RE = re.compile(r"(?<![\d年])(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]")
YEAR_RE = re.compile(rf"(?<!\d)(?P<year>{_YEAR})\s*年")


def _normalise(text: str) -> str:
    # Full-width digits (２０２４年) become ASCII so one set of patterns covers both.
    return unicodedata.normalize("NFKC", text)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def context_year(text: str, *, not_after: dt.date | None = None) -> int | None:
    """The year a text is set in: the latest year it names as a time, not as a target.

    Reports look back ("2021年以来") but are written in the latest year they mention;
    targets ("到2027年", "2025年底前") and years after ``not_after`` are plans and are ignored.
    """
    years = {
        int(m["year"]) for m in YEAR_RE.finditer(_normalise(text)) if not _is_target(text, m.start(), m.end())
    }
    if not_after is not None:
        years = {y for y in years if y <= not_after.year}
    return max(years) if years else None


def _is_target(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 2) : start]
    after = text[end : end + 3]
    return before.endswith(("到", "至", "力争")) or after.startswith(("前", "底前", "年底前"))


def mentioned_dates(text: str, *, year: int | None, not_after: dt.date | None = None) -> list[dt.date]:
    """Every calendar date the text mentions; month-day dates take ``year``.

    A month-day date that would fall after ``not_after`` is read as the previous
    year's (a January page recalling 12月28日).
    """
    text = _normalise(text)
    found: list[dt.date] = []
    full_spans: list[tuple[int, int]] = []
    for pattern in (FULL_DATE_RE, NUMERIC_DATE_RE):
        for m in pattern.finditer(text):
            full_spans.append(m.span())
            date = _date(int(m["year"]), int(m["month"]), int(m["day"]))
            if date and (not_after is None or date <= not_after):
                found.append(date)
    if year is not None:
        for m in MONTH_DAY_RE.finditer(text):
            if any(start <= m.start() < end for start, end in full_spans):
                continue
            date = _date(year, int(m["month"]), int(m["day"]))
            if date and not_after is not None and date > not_after:
                date = _date(year - 1, int(m["month"]), int(m["day"]))
            if date and (not_after is None or date <= not_after):
                found.append(date)
    return found


def estimate_date(text: str, *, context: str = "", not_after: dt.date | None = None) -> dt.date | None:
    """The latest date ``text`` mentions, taking a missing year from ``text`` or ``context``.

    ``not_after`` (e.g. the file's modification date) bounds the estimate and
    supplies the year when neither text names one. None when nothing is mentioned.
    """
    year = context_year(text, not_after=not_after) or context_year(context, not_after=not_after)
    if year is None and not_after is not None:
        year = not_after.year
    dates = mentioned_dates(text, year=year, not_after=not_after)
    return max(dates) if dates else None
