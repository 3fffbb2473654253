"""引用本文: GB/T 7714-2015, BibTeX and RIS, on the article page and as downloads."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from archive.models import Article
from archive.services.citations import CitationSource, bibtex, edition, gbt7714, ris


def source(**changes) -> CitationSource:
    values = dict(
        key="hunan-article-7",
        authors=("张三", "李四"),
        title="涟源市推进“一件事一次办”",
        paper="娄底日报",
        date=dt.date(2024, 6, 18),
        date_estimated=False,
        page_label="第5版",
        url="https://example.org/articles/7/",
    )
    values.update(changes)
    return CitationSource(**values)


def test_gbt7714_newspaper_article():
    assert gbt7714(source()) == "张三, 李四. 涟源市推进“一件事一次办”[N]. 娄底日报, 2024-06-18(05)."


def test_gbt7714_lists_three_authors_then_etc_and_brackets_an_estimated_date():
    cited = gbt7714(source(authors=("甲", "乙", "丙", "丁"), date_estimated=True, page_label=""))
    assert cited == "甲, 乙, 丙, 等. 涟源市推进“一件事一次办”[N]. 娄底日报, [2024-06-18]."


def test_gbt7714_without_author_paper_or_date_says_so():
    cited = gbt7714(source(authors=(), paper="", date=None))
    assert cited == "涟源市推进“一件事一次办”[N]. [报纸名不详], [出版日期不详](05)."


@pytest.mark.parametrize(("label", "number"), [("05", "05"), ("第5版", "05"), ("A3", "A03"), ("要闻", "")])
def test_edition_numbers(label, number):
    assert edition(label) == number


def test_bibtex_and_ris_carry_the_same_facts():
    entry = bibtex(source(title="含{括号}的标题", date_estimated=True))
    assert entry.startswith("@article{hunan-article-7,\n")
    assert "author = {张三 and 李四}" in entry and "title = {含括号的标题}" in entry
    assert "journal = {娄底日报}" in entry and "date = {2024-06-18}" in entry and "pages = {05}" in entry
    assert "note = {出版日期为估计" in entry
    record = ris(source())
    assert record.startswith("TY  - NEWS\r\n") and record.endswith("ER  - \r\n")
    assert "AU  - 张三\r\nAU  - 李四\r\n" in record and "DA  - 2024/06/18/\r\n" in record
    assert "T2  - 娄底日报\r\n" in record and "N1  -" not in record


@pytest.mark.django_db
def test_article_page_shows_citation_and_permalink(client):
    article = Article.objects.filter(bylines__isnull=False).select_related("source_page").first()
    page = client.get(article.get_absolute_url()).content.decode()
    permalink = f"http://testserver{article.get_absolute_url()}"
    cited = html.unescape(page.split('id="citation-gbt">')[1].split("</p>")[0])
    first = article.bylines.select_related("reporter").first().reporter.name
    title = article.display_title or article.title
    assert cited.startswith(f"{first}") and f"{title}[N]. " in cited
    date = article.pub_date.isoformat()
    assert (f"[{date}]" in cited) == article.date_estimated and date in cited
    assert f'<a href="{permalink}">{permalink}</a>' in page
    assert reverse("archive:article_citation", args=[article.pk, "bib"]) in page


@pytest.mark.django_db
def test_citation_downloads(client):
    article = Article.objects.filter(bylines__isnull=False).first()
    response = client.get(reverse("archive:article_citation", args=[article.pk, "ris"]))
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    assert f'filename="article-{article.pk}.ris"' in response["Content-Disposition"]
    assert f"TI  - {article.display_title or article.title}\r\n" in response.content.decode()
    response = client.get(reverse("archive:article_citation", args=[article.pk, "bib"]))
    assert response.content.decode().startswith(f"@article{{hunan-article-{article.pk},")
    assert client.get(f"/articles/{article.pk}/cite.doc").status_code == 404
    assert client.get("/articles/999999/cite.bib").status_code == 404
