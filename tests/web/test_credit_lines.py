"""Words printed only in an article's credit, author or dateline line find the article."""

from __future__ import annotations

import pytest
from django.urls import reverse

from archive.models import Article
from archive.services.importer import import_paths

pytestmark = pytest.mark.django_db

PAGE = """衡阳日报  2024年7月2日  星期二  06  县域

以改革激活县域发展动力

祁东县委书记 贺建国

县域强则省域强。祁东坚持把改革作为县域发展的关键一招，推动黄花菜产业链条不断延伸。

槐花坪的黄花菜丰收了

祁东县融媒体中心讯（通讯员 邹 霁 龙 鑫）7月1日，官家嘴镇的黄花菜基地里，村民正忙着采摘晾晒。
"""


@pytest.fixture
def imported(tmp_path, isolated_index) -> dict[str, Article]:
    path = tmp_path / "hy_20240702_06.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert import_paths([path], progress=False).ok
    articles = Article.objects.filter(source_page__file_name=path.name)
    return {a.title: a for a in articles}


def result_titles(client, q: str) -> list[str]:
    data = client.get(reverse("search:api"), {"q": q}).json()
    return [r["title"] for r in data["results"]]


def test_credit_and_dateline_lines_are_stored_as_printed(imported):
    assert imported["以改革激活县域发展动力"].credit_lines == "祁东县委书记贺建国"
    assert imported["槐花坪的黄花菜丰收了"].credit_lines == "祁东县融媒体中心讯（通讯员邹霁龙鑫）"


def test_a_word_only_in_an_author_line_finds_the_article_and_says_where(client, imported):
    assert "祁东县委书记" not in imported["以改革激活县域发展动力"].body
    assert result_titles(client, "祁东县委书记") == ["以改革激活县域发展动力"]
    html = client.get(reverse("search:search"), {"q": "祁东县委书记"}).content.decode()
    assert "署名匹配：祁东县委书记贺建国" in html


def test_a_word_only_in_a_dateline_finds_the_article(client, imported):
    assert "融媒体中心讯" not in imported["槐花坪的黄花菜丰收了"].body
    assert "槐花坪的黄花菜丰收了" in result_titles(client, "祁东县融媒体中心讯")


def test_the_article_page_shows_the_printed_credit_line(client, imported):
    article = imported["槐花坪的黄花菜丰收了"]
    html = client.get(reverse("archive:article", args=[article.pk])).content.decode()
    assert "祁东县融媒体中心讯（通讯员邹霁龙鑫）" in html
