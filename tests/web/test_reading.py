"""Small things readers notice: derived titles, estimated dates, feeds and site map for people."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from archive.feeds import FEED_SIZE
from archive.models import Article, County, Topic
from archive.services.articles import balance_brackets, derive_title


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("县长说：“要把一件事一次办落到实处。”随后……", "县长说：“要把一件事一次办落到实处”"),
        (
            "在《湖南省优化营商环境条例（试行）》的指导下推进。",
            "在《湖南省优化营商环境条例（试行）》的指导下推进",
        ),
        ("是“最多跑一次”。以及", "是“最多跑一次”"),
    ],
)
def test_titles_from_a_first_sentence_have_no_unmatched_quotes(body, title):
    assert derive_title(body) == title


def test_long_first_sentence_cut_inside_a_quote_is_closed_after_the_ellipsis():
    body = "群众纷纷点赞：“" + "办事效率高服务态度好" * 6 + "。”"
    title = derive_title(body)
    assert title.endswith("…”") and title.count("“") == title.count("”") == 1


@pytest.mark.parametrize(
    ("text", "balanced"),
    [
        ("他说”好", "他说好"),
        ("《条例（试行", "《条例（试行）》"),
        ('"引号', "引号"),
        ("“甲”和“乙”", "“甲”和“乙”"),
    ],
)
def test_balance_brackets(text, balanced):
    assert balance_brackets(text) == balanced


@pytest.mark.django_db
def test_estimated_dates_look_the_same_everywhere(client):
    article = Article.objects.filter(date_estimated=True, place__isnull=False).first()
    pages = [
        client.get(article.get_absolute_url()),
        client.get(article.place.get_absolute_url()),
        client.get(reverse("search:search"), {"q": article.display_title[:6]}),
    ]
    for response in pages:
        page = response.content.decode()
        assert ">估计</span>" in page
        assert "（估）" not in page and ">约<" not in page


@pytest.mark.django_db
def test_footer_feed_and_site_map_links_open_pages_for_people(client):
    home = client.get(reverse("archive:home")).content.decode()
    footer = home.split('<footer class="site-footer">')[1]
    assert (
        f'href="{reverse("archive:feeds")}"' in footer and f'href="{reverse("archive:site_map")}"' in footer
    )
    feeds = client.get(reverse("archive:feeds")).content.decode()
    assert "http://testserver" + reverse("archive:feed") in feeds
    titles = re.findall(r'<h3><a href="/articles/\d+/">', feeds)
    assert len(titles) == min(FEED_SIZE, Article.objects.count())
    site_map = client.get(reverse("archive:site_map")).content.decode()
    for county in County.objects.all():
        assert f'href="{county.get_absolute_url()}"' in site_map
    for topic in Topic.objects.all():
        assert f'href="{topic.get_absolute_url()}"' in site_map
    assert f'href="{reverse("sitemap")}"' in site_map
