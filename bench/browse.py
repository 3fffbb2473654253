"""Browse pages timed in-process (Django's test client): home, places, prefecture, county and more.

Issue 17's target: home, places and county pages ≤ 100 ms p95 at N = 10,000. The pages are
requested in turn, ``rounds`` times each after one warm-up request; the county and
prefecture are the ones with most articles (the longest charts and lists).
"""

from __future__ import annotations

import time
from collections.abc import Callable

TARGET_P95_MS = 100.0
TARGET_PAGES = ("home", "places", "county")


def browse_paths() -> dict[str, str]:
    """{page kind: URL} on the benchmark's database."""
    from django.db.models import Count
    from django.urls import reverse

    from archive.models import Article, County, Reporter, Topic

    def busiest(queryset, field: str):
        return queryset.annotate(n=Count(field)).order_by("-n", "pk").first()

    county = busiest(County.objects.filter(level=County.Level.COUNTY), "articles")
    prefecture = busiest(County.objects.filter(level=County.Level.PREFECTURE), "children__articles")
    topic = busiest(Topic.objects.all(), "articles")
    reporter = busiest(Reporter.objects.all(), "bylines")
    article = Article.objects.order_by("-pk").first()
    paths = {"home": reverse("archive:home"), "places": reverse("archive:places")}
    if county:
        paths["county"] = county.get_absolute_url()
    if prefecture:
        paths["prefecture"] = prefecture.get_absolute_url()
    if topic:
        paths["topic"] = topic.get_absolute_url()
    if reporter:
        paths["reporter"] = reporter.get_absolute_url()
    if article:
        paths["article"] = article.get_absolute_url()
    paths["papers"] = reverse("archive:papers")
    return paths


def time_browse_pages(rounds: int, summary: Callable[[list[float]], dict]) -> dict:
    """{kind: {"url": …, **summary(ms)}} for every browse page kind."""
    from django.test import Client

    client = Client()
    paths = browse_paths()
    times: dict[str, list[float]] = {kind: [] for kind in paths}
    for url in paths.values():  # warm-up: templates, the map file, caches
        if client.get(url).status_code != 200:
            raise RuntimeError(f"browse page {url} → not 200")
    for _ in range(rounds):
        for kind, url in paths.items():
            started = time.perf_counter()
            response = client.get(url)
            times[kind].append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"browse page {url} → HTTP {response.status_code}")
    return {kind: {"url": paths[kind], **summary(values)} for kind, values in times.items()}


def report_lines(section: dict, fmt: Callable) -> list[str]:
    lines = ["### 3b. Browse pages (in-process, after warm-up)", ""]
    lines.append("| page | URL | samples | p50 ms | p95 ms | max ms |")
    lines.append("|---|---|---|---|---|---|")
    for kind, st in section.items():
        lines.append(
            f"| {kind} | `{st['url']}` | {st['n']} | {fmt(st['p50'])} | {fmt(st['p95'])} | {fmt(st['max'])} |"
        )
    lines.append("")
    return lines


def target_rows(section: dict, verdict: Callable[[bool], str]) -> list[tuple[str, str, str]]:
    measured = {kind: section[kind]["p95"] for kind in TARGET_PAGES if kind in section}
    if not measured:
        return []
    text = ", ".join(f"{kind} {p95:.0f} ms" for kind, p95 in measured.items())
    ok = all(p95 <= TARGET_P95_MS for p95 in measured.values())
    return [("home, places, county pages p95 ≤ 100 ms (N = 10,000)", text, verdict(ok))]
