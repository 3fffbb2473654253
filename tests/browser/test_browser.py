"""A reader in a real browser: search, filter, open an article, check it against its source page.

Drives Debian's Chromium (/usr/bin/chromium) through Playwright against pytest-django's
live server, on the seeded archive.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

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


def test_admin_article_form_scrolls_the_source_text_under_the_policy(browser_page, live_server):
    """The change form's script (a static file: the policy allows no inline script) scrolls
    the page text to the article; logging in goes through the throttled login form."""
    from django.contrib.auth.models import User

    User.objects.create_superuser("editor", "editor@example.org", "correct horse battery")
    article = max(Article.objects.all(), key=lambda a: a.spans[0][0] if a.spans else 0)
    page = browser_page
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/change/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(rf"/admin/archive/article/{article.pk}/change/$"))
    assert page.locator("#article-span").count() == 1
    box = page.locator(".article-edit__source .raw-page-text")
    scrollable = box.evaluate("el => el.scrollHeight > el.clientHeight")
    if scrollable:
        assert box.evaluate("el => el.scrollTop") > 0


def test_a_blocked_inline_script_is_caught(browser_page, live_server):
    """The violation check itself: an inline script on a page served under the policy is refused."""
    page = browser_page
    page.goto(live_server.url + "/")
    page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';
        document.body.appendChild(s); }"""
    )
    assert page.evaluate("window.x") is None
    assert any("script-src" in v for v in page.csp_violations)
    page.csp_violations.clear()  # expected here; any other test's violation fails it


def test_editor_splits_an_article_and_merges_it_back(browser_page, live_server, isolated_index, settings):
    """The boundary view in a browser; each state is found in search by itself (the background indexer)."""
    import os
    import time

    from django.contrib.auth.models import User

    from archive.services.boundary_text import paragraphs_of
    from search.index import indexing

    settings.SEARCH_BACKGROUND_INDEXING = True
    indexing.rebuild()
    User.objects.create_superuser("chief", password="pw-chief")
    article = next(a for a in Article.objects.order_by("pk") if len(paragraphs_of(a.body)) >= 4)
    moved = paragraphs_of(article.body)[2]
    phrase = re.sub(r"[\W_]+", "", moved)[4:12]
    page = browser_page
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.fill("input[name=username]", "chief")
    page.fill("input[name=password]", "pw-chief")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))

    def found_in_search(pk: int, absent: int | None = None, started: float | None = None) -> float:
        started = started or time.monotonic()
        while True:
            search = page.context.request.get(live_server.url + "/search/", params={"q": phrase}).text()
            ok = f"/articles/{pk}/" in search and (absent is None or f"/articles/{absent}/" not in search)
            if ok or time.monotonic() - started > 15:  # a bound for a busy machine, not a speed test
                assert ok, f"{phrase} not found at article {pk}"
                return time.monotonic() - started

    # The change form shows the article's own text in the page pane, even far down a long page.
    deep = max(Article.objects.exclude(spans=[]), key=lambda a: a.spans[0][0])
    page.goto(live_server.url + f"/admin/archive/article/{deep.pk}/change/")
    page.wait_for_load_state("load")
    pane, mark = page.evaluate(
        """() => {
            const pane = document.querySelector('.article-edit__source .raw-page-text');
            const mark = document.getElementById('article-span');
            return [pane.getBoundingClientRect().toJSON(), mark.getBoundingClientRect().toJSON()];
        }"""
    )
    assert pane["top"] <= mark["top"] < pane["bottom"], (pane, mark)

    # The article list is readable at 1280 px: the headline column is not squeezed.
    page.goto(live_server.url + "/admin/archive/article/")
    assert page.locator("#result_list .field-headline").first.bounding_box()["width"] >= 200

    found_in_search(article.pk)  # before: the phrase is the article's (and the searcher is warm)
    page.goto(live_server.url + f"/admin/archive/article/{article.pk}/boundaries/")
    page.locator(".boundary-part").nth(2).get_by_role("button", name="从此段起拆为新文章").click()
    page.wait_for_url(re.compile(r"/boundaries/\?mark="))
    saved = time.monotonic()  # the action has committed: its response is the redirect just followed
    new_pk = int(re.search(r"/article/(\d+)/boundaries/", page.url).group(1))
    assert new_pk != article.pk
    # The affected text is marked and scrolled into view inside the page pane.
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    pane, mark = page.evaluate(
        """() => {
            const pane = document.querySelector('.article-edit__source .raw-page-text');
            const mark = pane.querySelector('mark.affected');
            return [pane.getBoundingClientRect().toJSON(), mark.getBoundingClientRect().toJSON()];
        }"""
    )
    assert pane["top"] <= mark["top"] < pane["bottom"], (pane, mark)
    if os.environ.get("ARCHIVE_DOCS_SCREENSHOT"):
        page.screenshot(path=os.environ["ARCHIVE_DOCS_SCREENSHOT"])
    split_seconds = found_in_search(new_pk, absent=article.pk, started=saved)

    page.get_by_role("button", name="与上一篇合并").click()
    page.wait_for_url(re.compile(rf"/article/{article.pk}/boundaries/"))
    saved = time.monotonic()
    assert moved in page.locator(".boundary-parts").first.inner_text()
    merge_seconds = found_in_search(article.pk, absent=new_pk, started=saved)
    # Reported, not asserted (speed is measured in benchmarks): from the commit to the state in search.
    print(f"split visible in search {split_seconds:.2f} s after it was saved, merge {merge_seconds:.2f} s")
    for thread in __import__("threading").enumerate():
        if thread.name == "search-indexer":
            thread.join(timeout=10)


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


def test_reader_subscribes_to_a_search_and_a_county(browser_page, live_server):
    page = browser_page
    page.goto(live_server.url + "/search/?q=" + "乡村振兴")
    subscribe = page.locator(".subscribe")
    assert subscribe.is_visible()
    rss = subscribe.get_by_role("link", name="RSS")
    href = rss.get_attribute("href")
    # The browser finds the same feed in the page's head.
    assert (
        page.locator('head link[rel=alternate][type="application/rss+xml"]').first.get_attribute("href")
        == href
    )

    # What a feed reader given that address receives: the search's articles, newest first.
    response = page.request.get(live_server.url + href)
    assert response.ok and response.headers["content-type"].startswith("application/rss+xml")
    links = [item.findtext("link") for item in ElementTree.fromstring(response.body()).iter("item")]
    page.locator(".search-sort").get_by_role("link", name="最新").click()
    page.wait_for_url(re.compile(r"sort=newest"))
    shown = [article_pk(a.get_attribute("href")) for a in page.locator(".result-list .result__title a").all()]
    assert shown and [article_pk(link) for link in links][: len(shown)] == shown

    # A county's page offers its feed under its heading; Atom there too.
    county = Article.objects.filter(place__isnull=False).select_related("place").first().place
    page.goto(live_server.url + county.get_absolute_url())
    atom = page.locator(".subscribe").get_by_role("link", name="Atom")
    assert atom.is_visible()
    response = page.request.get(live_server.url + atom.get_attribute("href"))
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    entries = ElementTree.fromstring(response.body()).findall("{http://www.w3.org/2005/Atom}entry")
    assert entries


def test_a_topic_word_narrowed_by_a_histogram_bar_then_the_advanced_form(browser_page, live_server):
    page = browser_page
    page.goto(live_server.url + "/search/?q=乡村振兴")
    bars = page.locator(".timeline__chart a")
    assert bars.count() > 1
    # The tallest bar: its title says how many results the period holds.
    titles = [bars.nth(i).locator("title").text_content() for i in range(bars.count())]
    counts = [int(re.search(r"(\d+) 篇", t).group(1)) for t in titles]
    busiest = counts.index(max(counts))
    period = titles[busiest].split("：")[0]
    bars.nth(busiest).click()
    page.wait_for_url(re.compile(r"from="))
    assert f"找到 {max(counts)} 篇" in page.locator(".search-count").inner_text().replace("\n", "")
    assert period in page.locator(".facet--active").inner_text()
    assert page.locator("#search-q").input_value() == "乡村振兴"

    # The advanced form writes the syntax into the search box.
    page.get_by_role("link", name="高级检索").click()
    page.get_by_label("标题包含").fill("乡村振兴")
    page.get_by_label("起始日期").fill("2022")
    page.locator(".advanced-form").get_by_role("button", name="检索").click()
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator("#search-q").input_value() == "标题:乡村振兴"
    assert "标题包含：乡村振兴" in page.locator(".search-understood").inner_text()
    assert page.csp_violations == []


# The same report as two papers printed it: the municipal daily changed the headline and the
# credits and cut the last sentence.
_REPORT = (
    "本报讯（记者 周 岚 通讯员 易 帆）初秋时节，平江县加义镇的油茶林里，村民们正忙着除草施肥。"
    "近年来，平江县把油茶产业作为乡村振兴的主导产业，新造和改造油茶林8.6万亩，"
    "建起油茶加工企业12家，带动1.3万户农户增收。\n\n"
    "“以前山上都是荒坡，现在种上油茶，一亩能收入三千多元。”加义镇村民李桂兰说。"
    "县里还组建了油茶技术服务队，为种植户免费提供苗木和技术指导，把乡村振兴落到一片片山林里。\n\n"
    "下一步，平江县将推进油茶精深加工，打造区域公用品牌，让油茶成为群众致富的“金果子”。"
)
_REPRINT = _REPORT.replace("本报讯（记者 周 岚 通讯员 易 帆）", "岳阳日报讯（通讯员 易 帆 方 敏）").rsplit(
    "\n\n", 1
)[0]


def test_a_reader_follows_a_topic_through_the_histogram_to_another_printing_and_subscribes(
    browser_page, live_server, isolated_index, tmp_path
):
    """Topic word → a year from the histogram → a result printed by two papers → the search's feed."""
    from archive.services.importer import import_paths
    from search.index import indexing

    pages = [
        (
            "hn_20190912_05.txt",
            "湖南日报  2019年9月12日  星期四  05  县域",
            "平江油茶林里长出乡村振兴好日子",
            _REPORT,
        ),
        (
            "yy_20190913_a3.txt",
            "岳阳日报  2019年9月13日  星期五  A3  县区",
            "乡村振兴看平江：油茶飘香",
            _REPRINT,
        ),
    ]
    for name, header, headline, body in pages:
        (tmp_path / name).write_text(f"{header}\n\n{headline}\n\n{body}\n", encoding="utf-8")
    assert import_paths([tmp_path / name for name, *_ in pages], progress=False).ok
    indexing.rebuild()
    printed = Article.objects.filter(body__contains="加义镇的油茶林")
    assert printed.count() == 2 and len({a.story_group_id for a in printed}) == 1

    page = browser_page
    page.goto(live_server.url + "/search/?q=乡村振兴")
    assert "并检索主题：乡村振兴" in page.locator(".search-understood").inner_text()
    bars = page.locator(".timeline__chart a")
    year = next(
        i for i in range(bars.count()) if bars.nth(i).locator("title").text_content().startswith("2019")
    )
    bars.nth(year).click()
    page.wait_for_url(re.compile(r"from=2019"))
    # Two printings, one result: the other paper is named under it.
    assert "找到 2 篇" in page.locator(".search-count").inner_text().replace("\n", "")
    result = page.locator(".result-list .result").filter(has=page.locator(".result__also"))
    assert result.count() == 1
    also = result.locator(".result__also")
    assert "岳阳日报" in also.inner_text() or "湖南日报" in also.inner_text()

    result.locator(".result__title a").click()
    page.wait_for_url(re.compile(r"/articles/\d+/"))
    printings = page.locator(".printings")
    assert printings.is_visible()
    shown = {"湖南日报", "岳阳日报"} - {p.source_page.paper for p in printed if p.pk == article_pk(page.url)}
    assert shown.pop() in printings.inner_text()

    # Back on the results, the reader subscribes to this search (topic word and year included).
    page.go_back()
    page.wait_for_url(re.compile(r"from=2019"))
    href = page.locator(".subscribe").get_by_role("link", name="RSS").get_attribute("href")
    assert "from=2019" in href
    response = page.request.get(live_server.url + href)
    assert response.ok and response.headers["content-type"].startswith("application/rss+xml")
    links = {
        article_pk(item.findtext("link")) for item in ElementTree.fromstring(response.body()).iter("item")
    }
    assert links & {a.pk for a in printed}
    assert page.csp_violations == []
