"""A reader in a real browser: search, filter, open an article, check it against its source page.

Drives Debian's Chromium (/usr/bin/chromium) through Playwright against pytest-django's
live server, on the seeded archive.
"""

from __future__ import annotations

import re

import pytest

from archive.models import Article

# No skip when Chromium is missing: `make test` installs it, and a silent skip would hide a broken setup.
pytestmark = pytest.mark.browser


def article_pk(url: str) -> int:
    match = re.search(r"/articles/(\d+)/", url)
    assert match, url
    return int(match.group(1))


def test_search_filter_open_article_and_its_source_page(browser_page, live_server):
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.locator("h1").first.inner_text() == "湖南县域政务报道库"

    # Search from the home page's box (the only one on the page).
    assert page.locator("input[type=search]").count() == 1
    page.fill("#home-q", "政务服务")
    page.press("#home-q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    results = page.locator(".result__title a")
    assert results.count() > 0
    assert "找到" in page.locator(".search-count").inner_text()
    assert page.locator(".result__snippet mark").count() > 0
    assert page.locator("input[type=search]").count() == 1
    assert page.locator("#search-q").input_value() == "政务服务"

    # Narrow to a prefecture: the count beside the filter is the number of results we then get.
    facet = page.locator(".search-facets .facet", has=page.locator("h2", has_text="市州")).first
    option = facet.locator("li").first
    label = option.locator("a").inner_text().strip()
    expected = int(option.locator(".facet-count").inner_text())
    option.locator("a").click()
    page.wait_for_url(re.compile(r"prefecture="))
    assert page.locator(".facet--active").inner_text().count(label) >= 1
    assert f"找到 {expected} 篇" in page.locator(".search-count").inner_text().replace("\n", "")
    shown = page.locator(".result__title a")
    assert shown.count() == min(expected, 20)

    # Open the first result.
    title = shown.first.inner_text()
    shown.first.click()
    page.wait_for_url(re.compile(r"/articles/\d+/$"))
    pk = article_pk(page.url)
    article = Article.objects.select_related("place", "place__parent").get(pk=pk)
    heading = page.locator("h1#article-title").inner_text()
    assert heading == article.display_title == title.strip()
    assert article.prefecture.name == label or label in article.prefecture.name
    assert page.locator(".breadcrumbs").inner_text().count(article.prefecture.name) == 1
    first_paragraph = page.locator(".article-body p").first.inner_text()
    assert first_paragraph == article.paragraphs[0]

    # And check it against the page it was cut from.
    page.get_by_role("link", name="查看版面原文 →").click()
    page.wait_for_url(re.compile(rf"/pages/\d+/#article-{pk}$"))
    marked = page.locator(f"#article-{pk}")
    assert marked.is_visible()
    assert "span" in marked.get_attribute("class")
    start, end = article.spans[0]
    raw = article.source_page.raw_text[start:end]
    visible = marked.inner_text()
    assert re.sub(r"\s+", "", raw)[:15] in re.sub(r"\s+", "", visible)
    # The marked span links back to the article.
    marked.click()
    page.wait_for_url(re.compile(rf"/articles/{pk}/$"))


def test_pages_fit_a_phone_screen(browser_page, live_server):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    article = Article.objects.order_by("pk").first()
    for path in ("/", "/places/", f"/articles/{article.pk}/", f"/pages/{article.source_page_id}/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        boxes = page.locator("input[type=search]")
        assert boxes.count() == 1 and boxes.first.is_visible(), f"{path}: one visible search box"


def test_from_the_home_chart_through_the_map_to_citing_an_article(browser_page, live_server):
    page = browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + "/")

    # A bar of the home page's chart opens that month's articles.
    bar = page.locator(".month-chart__svg a").first
    month_label = bar.locator("title").text_content().split("：")[0]
    bar.click()
    page.wait_for_url(re.compile(r"/articles/\?month=\d{4}-\d{2}$"))
    assert month_label in page.locator(".month-filter").inner_text()
    assert page.locator(".article-list > li").count() > 0

    # A county from the map on the places page.
    page.get_by_role("link", name="地区", exact=True).click()
    page.wait_for_url(re.compile(r"/places/$"))
    shaded = page.locator(".county-map__svg a:has(path:not(.map-shade-0))").first
    name = shaded.locator("title").text_content().split("：")[0]
    shaded.click()
    page.wait_for_url(re.compile(r"/places/\d{6}/$"))
    assert page.locator("h1").inner_text() == name

    # Its chart narrows the county's list to a month.
    page.locator(".month-chart__svg a").last.click()
    page.wait_for_url(re.compile(r"/places/\d{6}/\?month=\d{4}-\d{2}$"))
    assert "只显示" in page.locator(".month-filter").inner_text()

    # An article, and its GB/T 7714 citation copied to the clipboard.
    page.locator(".article-list h3 a").first.click()
    page.wait_for_url(re.compile(r"/articles/\d+/$"))
    article = Article.objects.get(pk=article_pk(page.url))
    page.get_by_role("button", name="复制引文").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#citation-gbt").inner_text()
    assert f"{article.display_title}[N]. " in copied
    assert page.get_by_role("button", name="已复制").is_visible()


def test_on_a_phone_filters_are_one_tap_away_and_show_above_the_results(browser_page, live_server):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    page.fill("#home-q", "政务服务")
    page.press("#home-q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))

    # The 筛选 button is above the results and jumps to the facets drawn after them.
    toggle = page.get_by_role("link", name="筛选")
    first_result = page.locator(".result").first
    assert toggle.bounding_box()["y"] < first_result.bounding_box()["y"]
    toggle.click()
    page.wait_for_url(re.compile(r"#search-facets$"))
    option = (
        page.locator(".search-facets .facet", has=page.locator("h2", has_text="市州")).locator("li a").first
    )
    label = option.inner_text().strip()
    assert option.is_visible()
    option.click()
    page.wait_for_url(re.compile(r"prefecture="))

    # The chosen filter shows as a chip above the results, next to the count it narrowed.
    chip = page.locator(".facet--active .facet-remove").first
    assert label in chip.inner_text()
    chip_box = chip.bounding_box()
    assert 0 <= chip_box["y"] < page.locator(".result").first.bounding_box()["y"]
    assert chip_box["y"] < 844, "the chip is on the first screen"
    assert "已选 1 项" in page.get_by_role("link", name=re.compile("筛选")).inner_text()
