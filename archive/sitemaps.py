"""Sitemap sections for search engines: browse pages, articles, places, topics."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from archive.models import Article, County, Topic


class StaticViewSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self) -> list[str]:
        return [
            "archive:home",
            "archive:places",
            "archive:topics",
            "archive:reporters",
            "archive:papers",
            "archive:articles",
            "archive:source_pages",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 5000

    def items(self) -> QuerySet[Article]:
        return Article.objects.order_by("pk").only("pk", "updated_at")

    def lastmod(self, item: Article) -> dt.datetime:
        return item.updated_at


class PlaceSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self) -> QuerySet[County]:
        return County.objects.order_by("code")


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self) -> QuerySet[Topic]:
        return Topic.objects.all()


SITEMAPS = {
    "pages": StaticViewSitemap,
    "articles": ArticleSitemap,
    "places": PlaceSitemap,
    "topics": TopicSitemap,
}
