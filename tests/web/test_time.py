"""Articles over time: month charts on the home, place, topic and reporter pages, and the month filter."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db.models import Count
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Article, County, Reporter, Topic
from archive.services import timeline

pytestmark = pytest.mark.django_db


def html_text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def chart_bars(page: str) -> dict[str, int]:
    """{bar link: count} read from the bars' titles."""
    svg = re.search(r'<svg class="month-chart__svg".*?</svg>', page, re.S)
    assert svg, "no month chart"
    bars = re.findall(r'<a href="([^"]+)" tabindex="-1"><title>\d+年\d+月：(\d+) 篇</title>', svg[0])
    return {url.replace("&amp;", "&"): int(n) for url, n in bars}


def listed_titles(page: str) -> list[str]:
    return re.findall(r'<h3><a href="/articles/\d+/">([^<]+)</a></h3>', page)


def test_parse_month_accepts_only_real_months():
    assert timeline.parse_month("2024-06") == dt.date(2024, 6, 1)
    assert timeline.parse_month(" 2024-6 ") == dt.date(2024, 6, 1)
    for bad in ("", "2024", "2024-13", "2024-00", "0000-01", "2024-06-01", "六月", None):
        assert timeline.parse_month(bad) is None


def test_month_counts_fill_empty_months_between_first_and_last():
    counts = timeline.month_counts(Article.objects.all())
    months = [m for m, _ in counts]
    assert months == sorted(months) and len(set(months)) == len(months)
    for earlier, later in zip(months, months[1:], strict=False):
        assert timeline.next_month(earlier) == later
    assert sum(n for _, n in counts) == Article.objects.filter(pub_date__isnull=False).count()


def test_home_chart_bars_link_to_that_months_articles(client):
    bars = chart_bars(html_text(client.get(reverse("archive:home"))))
    dated = Article.objects.filter(pub_date__isnull=False)
    assert sum(bars.values()) == dated.count()
    url, count = max(bars.items(), key=lambda item: item[1])
    month = timeline.parse_month(url.split("month=")[1])
    page = html_text(client.get(url))
    assert f"只显示 <strong>{month.year}年{month.month}月</strong> 的文章（{count} 篇）" in page
    shown = listed_titles(page)
    expected = dated.filter(pub_date__year=month.year, pub_date__month=month.month)
    assert len(shown) == min(count, 20) == min(expected.count(), 20)


def test_home_latest_list_continues_on_the_article_list(client):
    home = html_text(client.get(reverse("archive:home")))
    assert f'href="{reverse("archive:articles")}">更多文章' in home
    second = html_text(client.get(reverse("archive:articles"), {"page": 2}))
    assert listed_titles(second) and "第 2 /" in second


@pytest.mark.parametrize("kind", ["county", "prefecture", "topic", "reporter"])
def test_object_pages_chart_their_own_articles_and_filter_by_month(client, kind):
    if kind == "county":
        obj = County.objects.filter(level="county").annotate(n=Count("articles")).order_by("-n").first()
        articles = Article.objects.in_place(obj)
    elif kind == "prefecture":
        obj = County.objects.get(name="娄底市")
        articles = Article.objects.in_place(obj)
    elif kind == "topic":
        obj = Topic.objects.annotate(n=Count("articles")).order_by("-n").first()
        articles = obj.articles.all()
    else:
        obj = Reporter.objects.annotate(n=Count("bylines")).order_by("-n").first()
        articles = Article.objects.filter(bylines__reporter=obj).distinct()
    bars = chart_bars(html_text(client.get(obj.get_absolute_url())))
    assert sum(bars.values()) == articles.filter(pub_date__isnull=False).count()
    url, count = next(iter(bars.items()))
    assert url.startswith(obj.get_absolute_url() + "?month=")
    page = html_text(client.get(url))
    assert f"的文章（{count} 篇）" in page
    month = timeline.parse_month(url.split("month=")[1])
    in_month = articles.filter(pub_date__year=month.year, pub_date__month=month.month)
    assert len(listed_titles(page)) == min(count, 20) == min(in_month.count(), 20)


def test_a_reporter_credited_twice_on_one_report_lists_it_once_with_both_roles(client):
    article = Article.objects.filter(pub_date__isnull=False).order_by("pk").first()
    reporter = Reporter.objects.create(name="欧阳测")
    reporter.bylines.create(article=article, role="记者", order=0)
    reporter.bylines.create(article=article, role="摄影", order=1)
    bars = chart_bars(html_text(client.get(reporter.get_absolute_url())))
    assert sum(bars.values()) == 1
    url = next(url for url, n in bars.items() if n)
    page = html_text(client.get(url))
    assert "的文章（1 篇）" in page
    assert listed_titles(page) == [article.display_title or article.title]
    entry = page[page.index('<ul class="article-list">') :]
    assert ">记者</span>" in entry and ">摄影</span>" in entry


def test_a_malformed_month_shows_every_article(client):
    topic = Topic.objects.annotate(n=Count("articles")).order_by("-n").first()
    page = html_text(client.get(topic.get_absolute_url(), {"month": "2024-13"}))
    assert "只显示" not in page and f"{topic.articles.count()} 篇文章" in page


def test_reporter_page_shows_role_counts_and_coauthors(client):
    reporter = Reporter.objects.annotate(n=Count("bylines")).order_by("-n").first()
    page = html_text(client.get(reporter.get_absolute_url()))
    roles = reporter.bylines.values("role").annotate(n=Count("pk"))
    labels = {"": "未标注"}
    for row in roles:
        label = labels.get(row["role"], row["role"])
        assert re.search(rf"<td>{label}</td><td class=\"num\">{row['n']}</td>", page), label
    others = set(
        Reporter.objects.filter(bylines__article__bylines__reporter=reporter)
        .exclude(pk=reporter.pk)
        .values_list("name", flat=True)
    )
    assert others, "the busiest reporter shares a byline"
    listed = re.findall(r'<li><a href="/reporters/\d+/">([^<]+)</a><span class="count">（合署', page)
    assert len(listed) == min(12, len(others)) and set(listed) <= others


def test_reporters_are_sorted_by_pinyin_under_their_initial_letter(client):
    from pypinyin import lazy_pinyin

    page = html_text(client.get(reverse("archive:reporters")))
    index = re.findall(
        r'<a href="\?letter=([A-Z]|%23)"[^>]*>[A-Z#]<span class="visually-hidden">（(\d+) 位）', page
    )
    letters = [letter.replace("%23", "#") for letter, _ in index]
    assert letters and letters == sorted(letters, key=lambda g: (g == "#", g))
    seen = []
    for letter, count in index:
        page = html_text(client.get(reverse("archive:reporters"), {"letter": letter.replace("%23", "#")}))
        names = re.findall(r'<li><a href="/reporters/\d+/">([^<]+)</a><span class="count">', page)
        assert len(names) == int(count)
        spelt = [" ".join(lazy_pinyin(name)).lower() for name in names]
        assert spelt == sorted(spelt)
        if letter != "%23":
            assert all(lazy_pinyin(name)[0][0].upper() == letter for name in names)
        seen += names
    credited = Reporter.objects.filter(bylines__isnull=False).distinct()
    assert sorted(seen) == sorted(credited.values_list("name", flat=True))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(month=st.text(max_size=12))
def test_any_month_gets_a_normal_page(client, month):
    assert client.get(reverse("archive:articles"), {"month": month}).status_code == 200
