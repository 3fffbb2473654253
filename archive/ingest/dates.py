"""Publication dates: from the page header furniture, or estimated from the article text."""

from __future__ import annotations

import datetime as dt
import re

_FULL = re.compile(r"(20\d{2}|19\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"(20\d{2}|19\d{2})年")


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first complete date in ``text``: 2024年11月21日, 2024-11-21, 2024.11.21."""
    for m in _FULL.finditer(text):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            return d
    return None


def estimate_date(text: str) -> dt.date | None:
    """A best guess from the text: the latest full date, else the latest year with the latest day named.

    Returns None when the text names no year at all.
    """
    full = [
        d for m in _FULL.finditer(text) if (d := _make(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    ]
    if full:
        return max(full)
    years = [int(y) for y in _YEAR.findall(text)]
    if not years:
        return None
    year = max(years)
    days = [d for m in _MONTH_DAY.finditer(text) if (d := _make(year, int(m.group(1)), int(m.group(2))))]
    if days:
        return max(days)
    return None
