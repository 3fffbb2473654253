"""Browsing by paper, date and page, the way readers browse a newspaper archive's issues.

A source page knows its paper (报纸), date (出版日期), edition (版次) and section (版面名)
when the importer found them; any of them may be empty, and such pages are still listed
(under 未注明报纸, or as 未印日期).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, QuerySet
from django.urls import reverse

from archive.models import SourcePage

UNNAMED_PAPER = "未注明报纸"
UNNAMED_SLUG = "-"  # the URL of the pages whose paper is unknown
_EDITION = re.compile(r"([A-Za-z]*)\s*0*(\d+)")


def paper_slug(paper: str) -> str:
    return paper or UNNAMED_SLUG


def paper_from_slug(slug: str) -> str | None:
    """The paper a URL names; None for what no stored paper can be (control characters such as
    NUL, which PostgreSQL cannot even compare, or longer than the field)."""
    if slug == UNNAMED_SLUG:
        return ""
    if len(slug) > SourcePage._meta.get_field("paper").max_length or any(
        ord(c) < 32 or c == "\x7f" for c in slug
    ):
        return None
    return slug


def paper_name(paper: str) -> str:
    return paper or UNNAMED_PAPER


def edition_key(page: SourcePage) -> tuple:
    """Printed order: A1 … A8, B1 …; numbered editions by number; unlabelled pages last."""
    match = _EDITION.search(page.page_label or "")
    if match:
        return (0, match[1].upper(), int(match[2]), page.file_name)
    return (1, "", 0, page.page_label or "", page.file_name)


def page_title(page: SourcePage) -> str:
    """A page named as readers cite it: paper, date, edition (section); else its file name."""
    parts = []
    if page.paper:
        parts.append(page.paper)
    if page.pub_date:
        date = f"{page.pub_date.year}年{page.pub_date.month}月{page.pub_date.day}日"
        # pub_date_estimated: the importer's flag for a date it could only infer (absent until it lands).
        parts.append(date + ("（估计）" if getattr(page, "pub_date_estimated", False) else ""))
    if page.page_label:
        label = page.page_label
        parts.append(label if label.startswith("第") or not label.isdigit() else f"第{int(label)}版")
    title = " ".join(parts)
    if page.section:
        title = f"{title}（{page.section}）" if title else page.section
    return title or page.file_name


@dataclass(frozen=True)
class PaperSummary:
    paper: str
    pages: int
    dates: int
    first: dt.date | None
    last: dt.date | None

    @property
    def name(self) -> str:
        return paper_name(self.paper)

    @property
    def url(self) -> str:
        return reverse("archive:paper", args=[paper_slug(self.paper)])


def papers() -> list[PaperSummary]:
    """Every paper with its number of pages and dates, named papers first."""
    rows = (
        SourcePage.objects.order_by()
        .values("paper")
        .annotate(
            pages=Count("pk"),
            dates=Count("pub_date", distinct=True),
            first=Min("pub_date"),
            last=Max("pub_date"),
        )
    )
    summaries = [PaperSummary(r["paper"], r["pages"], r["dates"], r["first"], r["last"]) for r in rows]
    return sorted(summaries, key=lambda s: (not s.paper, -s.pages, s.paper))


def pages_of(paper: str) -> QuerySet[SourcePage]:
    return SourcePage.objects.filter(paper=paper)


@dataclass
class Day:
    date: dt.date
    in_month: bool
    pages: int = 0
    url: str = ""


@dataclass
class Month:
    year: int
    month: int
    weeks: list[list[Day]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"


WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")


def paper_calendar(paper: str) -> list[Month]:
    """Month grids (Monday first) of the months in which the paper has dated pages, latest first."""
    counts = dict(
        pages_of(paper)
        .filter(pub_date__isnull=False)
        .order_by()
        .values_list("pub_date")
        .annotate(n=Count("pk"))
    )
    slug = paper_slug(paper)
    grid = calendar.Calendar(firstweekday=0)
    months = []
    for year, month in sorted({(d.year, d.month) for d in counts}, reverse=True):
        weeks = []
        for week in grid.monthdatescalendar(year, month):
            days = []
            for day in week:
                n = counts.get(day, 0) if day.month == month else 0
                url = reverse("archive:issue", args=[slug, day.isoformat()]) if n else ""
                days.append(Day(day, day.month == month, n, url))
            weeks.append(days)
        months.append(Month(year, month, weeks))
    return months


def issue_pages(paper: str, date: dt.date | None) -> list[SourcePage]:
    """The paper's pages of one date (None: its undated pages), in edition order, with ``article_count``."""
    pages = pages_of(paper).annotate(article_count=Count("articles")).defer("raw_text", "furniture")
    pages = pages.filter(pub_date=date) if date else pages.filter(pub_date__isnull=True)
    return sorted(pages, key=edition_key)


@dataclass(frozen=True)
class PageNeighbours:
    previous: SourcePage | None
    next: SourcePage | None
    issue_url: str
    position: int
    total: int


def neighbours(page: SourcePage) -> PageNeighbours:
    """The pages printed before and after ``page`` in its issue (same paper and date)."""
    issue = issue_pages(page.paper, page.pub_date)
    index = next((i for i, p in enumerate(issue) if p.pk == page.pk), 0)
    slug = paper_slug(page.paper)
    issue_url = (
        reverse("archive:issue", args=[slug, page.pub_date.isoformat()])
        if page.pub_date
        else reverse("archive:paper", args=[slug]) + "#undated"
    )
    return PageNeighbours(
        previous=issue[index - 1] if index > 0 else None,
        next=issue[index + 1] if index + 1 < len(issue) else None,
        issue_url=issue_url,
        position=index + 1,
        total=len(issue),
    )


def with_articles(pages: list[SourcePage]) -> list[SourcePage]:
    """``pages`` with ``printed`` (their articles in printed order), in one query."""
    from archive.models import Article

    by_page: dict[int, list[Article]] = {page.pk: [] for page in pages}
    articles = (
        Article.objects.filter(source_page__in=pages)
        .select_related("place")
        .only("pk", "title", "display_title", "source_page_id", "position", "place__name")
        .order_by("source_page_id", "position")
    )
    for article in articles:
        by_page[article.source_page_id].append(article)
    for page in pages:
        page.printed = by_page[page.pk]
    return pages
