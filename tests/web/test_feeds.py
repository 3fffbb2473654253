"""The RSS feed read as a feed reader reads it: titles and descriptions are HTML to a reader,
so markup or entities typed in an article must arrive as plain characters."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from archive.models import Article, newest_first

pytestmark = pytest.mark.django_db

HOSTILE = '<b>粗体</b> &amp; &lt;i&gt; <script>alert("x")</script><img src=x onerror=alert(1)>\x0b'


class ReaderView(HTMLParser):
    """What a reader renders from an HTML-valued feed element: its markup and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        self.tags.append("/" + tag)

    def handle_data(self, data):
        self.text += data


def rendered(value: str) -> ReaderView:
    view = ReaderView()
    view.feed(value)
    view.close()
    return view


def test_article_markup_reaches_the_feed_reader_as_plain_text(client):
    article = Article.objects.order_by(newest_first(), "-created_at", "-pk").first()
    article.title = article.display_title = "标题" + HOSTILE
    article.body = "导语" + HOSTILE
    article.pub_date = dt.date(2099, 1, 1)
    article.save()

    response = client.get(reverse("archive:feed"))
    item = ElementTree.fromstring(response.content).find("channel/item")
    typed = HOSTILE.replace("\x0b", "")
    for element, prefix in (("title", "标题"), ("description", "导语")):
        reader = rendered(item.findtext(element))
        assert reader.tags == [], element
        assert reader.text == prefix + typed, element
