"""Small pieces of markup shared by the browse templates."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

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


# The chart and the map draw a hundred or more shapes; built in one pass here rather than
# by the template engine, which spends ~0.2 ms per shape on its variable lookups.


@register.simple_tag
def month_bars(chart) -> SafeString:
    """The chart's bars: each a link (with a tall invisible hit area) to its month's articles."""
    return format_html_join(
        "",
        '<a href="{}" tabindex="-1"><title>{}</title>'
        '<rect class="month-chart__hit" x="{}" y="0" width="{}" height="{}"/>'
        '<rect class="month-chart__bar{}" x="{}" y="{}" width="{}" height="{}"/></a>',
        (
            (
                bar.url,
                bar.label,
                bar.x,
                bar.width,
                chart.baseline,
                " is-selected" if bar.selected else "",
                bar.x,
                bar.y,
                bar.width,
                bar.height,
            )
            for bar in chart.bars
            if bar.count
        ),
    )


@register.simple_tag
def map_areas(county_map) -> SafeString:
    """The map's counties: each a link to the county, shaded by its article count."""
    return format_html_join(
        "",
        '<a href="{}" tabindex="-1"><path class="map-shade-{}{}" d="{}"><title>{}：{} 篇</title></path></a>',
        (
            (a.url, a.shade.level, " is-current" if a.current else "", a.path, a.name, a.count)
            for a in county_map.areas
        ),
    )
