"""RSS feed of the latest articles."""

from __future__ import annotations

import datetime as dt
import html
import re

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from archive.context_processors import SITE_NAME
from archive.models import Article, newest_first

FEED_SIZE = 30

# Characters XML 1.0 cannot carry at all (the feed would not serialise).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def plain(text: str) -> str:
    """Article text as a feed carries it: readers treat RSS titles and descriptions as HTML,
    so the text is escaped for HTML here (then once more for XML by the feed generator);
    ``<b>`` or ``&amp;`` typed in an article reaches the reader as those characters."""
    return html.escape(_XML_ILLEGAL.sub("", text), quote=False)


class LatestArticlesFeed(Feed):
    title = f"{SITE_NAME} · 最新文章"
    description = "湖南省县市区政务新闻报道，按出版日期由新到旧。"
    language = "zh-hans"

    def link(self) -> str:
        return reverse("archive:home")

    def items(self) -> QuerySet[Article]:
        return (
            Article.objects.select_related("place", "place__parent")
            .prefetch_related("topics", "bylines__reporter")
            .order_by(newest_first(), "-created_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: Article) -> str:
        return plain(item.display_title or item.title or str(item))

    def item_description(self, item: Article) -> str:
        lead = item.paragraphs[0] if item.paragraphs else ""
        return plain(Truncator(lead).chars(200))

    def item_pubdate(self, item: Article) -> dt.datetime | None:
        if item.pub_date is None:
            return item.created_at
        return timezone.make_aware(dt.datetime.combine(item.pub_date, dt.time(6, 0)))

    def item_updateddate(self, item: Article) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str | None:
        names = [b.reporter.name for b in item.bylines.all()]
        return plain("、".join(names)) or None

    def item_categories(self, item: Article) -> list[str]:
        categories = [t.name for t in item.topics.all()]
        if item.place:
            categories.append(item.place.name)
        return [plain(c) for c in categories]
