"""Papers → a calendar of dates → a date's pages in edition order → a page's articles, page by page."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Article, SourcePage
from archive.services import papers

pytestmark = pytest.mark.django_db

DAY = dt.date(2019, 3, 5)


def html_text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def issue() -> list[SourcePage]:
    """Three pages of one day of a paper, created out of edition order, each with articles."""
    pages = []
    for label, section in (("A3", "区县"), ("A1", "要闻"), ("A10", "")):
        page = SourcePage.objects.create(
            file_name=f"test-issue-{label}.txt",
            sha256=label * 8,
            raw_text="……",
            paper="测试日报",
            section=section,
            page_label=label,
            pub_date=DAY,
        )
        for position in (2, 1):
            Article.objects.create(
                source_page=page, position=position, title=f"{label} 第{position}篇", body="正文"
            )
        pages.append(page)
    return pages


def test_papers_page_lists_each_paper_with_its_pages(client, issue):
    page = html_text(client.get(reverse("archive:papers")))
    assert f'href="/papers/{quote("测试日报")}/">测试日报</a>' in page
    for paper in papers.papers():
        assert paper.name in page
    assert sum(p.pages for p in papers.papers()) == SourcePage.objects.count()


def test_paper_calendar_links_the_dates_it_has(client, issue):
    page = html_text(client.get(reverse("archive:paper", args=["测试日报"])))
    assert "<caption>2019年3月</caption>" in page
    links = re.findall(r'<a href="([^"]+)" aria-label="(\d+年\d+月\d+日)：(\d+) 个版面">', page)
    assert links == [(reverse("archive:issue", args=["测试日报", "2019-03-05"]), "2019年3月5日", "3")]


def test_issue_lists_pages_in_edition_order_with_articles_in_printed_order(client, issue):
    page = html_text(client.get(reverse("archive:issue", args=["测试日报", "2019-03-05"])))
    headings = re.findall(r'<h2><a href="/pages/\d+/">([^<]+)</a>', page)
    assert headings == ["A1 · 要闻", "A3 · 区县", "A10"]
    titles = re.findall(r'<a href="/articles/\d+/">([^<]+)</a>', page)
    assert titles[:2] == ["A1 第1篇", "A1 第2篇"]
    assert "来源文件：test-issue-A1.txt" in page


def test_page_is_named_by_paper_date_and_edition_and_turns_to_its_neighbours(client, issue):
    a3 = next(p for p in issue if p.page_label == "A3")
    page = html_text(client.get(a3.get_absolute_url()))
    assert '<h1 class="page-title">测试日报 2019年3月5日 A3（区县）</h1>' in page
    assert "test-issue-A3.txt" in page  # the file name stays as provenance
    a1 = next(p for p in issue if p.page_label == "A1")
    tenth = next(p for p in issue if p.page_label == "A10")
    assert f'rel="prev" href="{a1.get_absolute_url()}"' in page
    assert f'rel="next" href="{tenth.get_absolute_url()}"' in page
    first = html_text(client.get(a1.get_absolute_url()))
    assert "已是本日第一版" in first and 'rel="prev"' not in first


def test_unknown_paper_or_date_is_a_normal_404(client, issue):
    assert client.get(reverse("archive:paper", args=["没有这份报"])).status_code == 404
    for day in ("2019-02-30", "yesterday", "2019-03-06"):
        assert client.get(reverse("archive:issue", args=["测试日报", day])).status_code == 404


def test_pages_without_paper_or_date_are_still_reachable(client):
    page = SourcePage.objects.create(file_name="bare.txt", sha256="b" * 64, raw_text="……")
    assert papers.page_title(page) == "bare.txt"
    listing = html_text(client.get(reverse("archive:paper", args=[papers.UNNAMED_SLUG])))
    assert f'href="{page.get_absolute_url()}">bare.txt</a>' in listing
    html_text(client.get(page.get_absolute_url()))


@pytest.mark.parametrize(
    ("fields", "title"),
    [
        ({"paper": "湖南日报", "pub_date": DAY, "page_label": "05"}, "湖南日报 2019年3月5日 第5版"),
        ({"paper": "湖南日报", "section": "县域经济"}, "湖南日报（县域经济）"),
        ({"pub_date": DAY}, "2019年3月5日"),
    ],
)
def test_page_title(fields, title):
    assert papers.page_title(SourcePage(file_name="x.txt", **fields)) == title


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paper=st.text(min_size=1, max_size=12), date=st.text(min_size=1, max_size=12))
def test_any_paper_or_date_in_the_address_gets_a_normal_page(client, paper, date):
    for path in (
        f"/papers/{quote(paper, safe='')}/",
        f"/papers/{quote(paper, safe='')}/{quote(date, safe='')}/",
    ):
        assert client.get(path).status_code in (200, 404)


@pytest.mark.parametrize(
    "path", ["/papers/\x00/", "/papers/\x00/2024-01-01/", "/places/\x00/", "/places/43a/"]
)
def test_a_control_character_in_an_address_is_a_normal_not_found_page(client, path):
    """PostgreSQL cannot even compare a NUL byte: such an address is answered before the database."""
    assert client.get(path).status_code == 404
