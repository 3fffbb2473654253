"""Small pieces of markup shared by the browse templates."""

from __future__ import annotations

from django import template

from archive.models import Article, County
from archive.services import papers

register = template.Library()


@register.inclusion_tag("archive/includes/article_date.html")
def article_date(article: Article) -> dict:
    """The article's date, marked 估计 when it was estimated from the text."""
    return {"date": article.pub_date, "estimated": article.date_estimated}


@register.inclusion_tag("archive/includes/place_links.html")
def place_links(place: County | None) -> dict:
    """Links to a county and its prefecture (or to the prefecture alone)."""
    if place is None:
        return {"county": None, "prefecture": None}
    prefecture = place.prefecture
    return {"county": None if place.is_prefecture else place, "prefecture": prefecture}


@register.filter
def lead(article: Article, length: int = 110) -> str:
    """The first paragraph, cut to ``length`` characters, for article lists."""
    paragraphs = article.paragraphs
    text = paragraphs[0] if paragraphs else ""
    return text if len(text) <= length else text[: length - 1] + "…"


_SENTENCE_END = tuple("。！？!?；;，,、：:…”）)")


@register.filter
def is_subhead(paragraph: str) -> bool:
    """A short line without closing punctuation inside a body is a subhead (小标题), shown as one."""
    text = paragraph.strip()
    return 0 < len(text) <= 32 and not text.endswith(_SENTENCE_END)


@register.filter
def page_title(page) -> str:
    """A source page named by paper, date and edition (its file name only when it has none of them)."""
    return papers.page_title(page)
