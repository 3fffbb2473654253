"""Take docs/screenshots/ (issue 17: map, time, papers, citations, phones) from a running archive.

    make run                                   # in one terminal: the archive on 127.0.0.1:8000
    .venv/bin/python docs/screenshots.py [BASE_URL]

Each view at 1280 px (desktop) and 390 px (phone), as JPEG to keep the repository small.
Uses Debian's Chromium through Playwright; CJK text needs a CJK font (fonts-noto-cjk).
"""

from __future__ import annotations

import sys
import urllib.parse
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def first_link(page, selector: str) -> str:
    return page.locator(selector).first.get_attribute("href")


def views(page, base: str) -> list[tuple[str, str, str | None]]:
    """(name, URL, element to scroll to) for each view, links found by walking the site."""
    page.goto(base + "/places/")
    busiest = first_link(page, ".map-layout ol a")
    page.goto(base + busiest)
    prefecture = first_link(page, ".breadcrumbs li:nth-child(2) a")
    month = first_link(page, ".month-list a")
    page.goto(base + busiest)
    article = first_link(page, ".article-list h3 a")
    page.goto(base + "/papers/")
    paper = first_link(page, "table.data a")
    page.goto(base + paper)
    issue = first_link(page, ".calendar a")
    page.goto(base + issue)
    source_page = first_link(page, ".issue-list h2 a")
    reporter = "/reporters/"
    search = "/search/?q=" + urllib.parse.quote("政务服务")
    return [
        ("1-map-places", "/places/", None),
        ("1-map-prefecture", prefecture, ".county-map"),
        ("2-chart-home", "/", ".month-chart"),
        ("2-chart-county", busiest, ".month-chart"),
        ("2-chart-month", month, ".month-filter"),
        ("3-papers", "/papers/", None),
        ("3-paper-calendar", paper, None),
        ("3-issue", issue, None),
        ("3-page", source_page, None),
        ("4-citation", article, ".citation"),
        ("5-search", search, None),
        ("5-search-filtered", None, None),  # filled in below: the first prefecture facet chosen
        ("6-reporters", reporter, None),
        ("6-site-map", "/sitemap/", None),
    ]


def main(base: str) -> None:
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            shots = views(page, base)
            for name, url, anchor in shots:
                if url is None:  # the search page with a filter chosen from the facets
                    page.goto(base + shots[10][1])
                    facet = page.locator(".search-facets .facet li a").first
                    page.goto(base + facet.get_attribute("href"))
                else:
                    page.goto(base + url, wait_until="networkidle")
                if anchor:
                    page.locator(anchor).first.scroll_into_view_if_needed()
                path = OUT / f"{name}-{size}.jpg"
                page.screenshot(path=str(path), type="jpeg", quality=72)
                print(f"saved {path.relative_to(OUT.parent.parent)}")
            page.close()
        browser.close()


if __name__ == "__main__":
    main((sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/"))
