"""How to cite an article: GB/T 7714-2015 (newspaper article, [N]), BibTeX and RIS.

Pure functions over :class:`CitationSource`; :func:`source_for` reads one from an Article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MAX_AUTHORS = 3  # GB/T 7714-2015 8.1.2: the first three, then “等”
ESTIMATED_NOTE = "出版日期为估计（版面未印日期，根据正文提到的日期推定）"
_EDITION = re.compile(r"([A-Za-z]?)\s*0*(\d+)")


@dataclass(frozen=True)
class CitationSource:
    key: str
    authors: tuple[str, ...]
    title: str
    paper: str
    date: dt.date | None
    date_estimated: bool
    page_label: str
    url: str


def edition(page_label: str) -> str:
    """The 版次 as GB/T 7714 prints it: 第5版 → 05, A3 → A03; '' when the label has no number."""
    match = _EDITION.search(page_label or "")
    return f"{match[1].upper()}{int(match[2]):02d}" if match else ""


def _authors(source: CitationSource) -> str:
    names = list(source.authors[:MAX_AUTHORS])
    if len(source.authors) > MAX_AUTHORS:
        names.append("等")
    return ", ".join(names)


def gbt7714(source: CitationSource) -> str:
    """作者. 题名[N]. 报纸名, 出版日期(版次). — an estimated date in square brackets, as inferred data are."""
    parts = []
    authors = _authors(source)
    if authors:
        parts.append(f"{authors}. ")
    parts.append(f"{source.title}[N]. ")
    parts.append(f"{source.paper or '[报纸名不详]'}, ")
    if source.date is None:
        date = "[出版日期不详]"
    elif source.date_estimated:
        date = f"[{source.date.isoformat()}]"
    else:
        date = source.date.isoformat()
    number = edition(source.page_label)
    parts.append(f"{date}({number})." if number else f"{date}.")
    return "".join(parts)


def _bibtex_value(text: str) -> str:
    # Braces delimit BibTeX values; a stray one in a headline would end the field early.
    return re.sub(r"[{}\\]", "", text)


def bibtex(source: CitationSource) -> str:
    fields = [
        ("author", " and ".join(source.authors)),
        ("title", source.title),
        ("journal", source.paper),
        ("entrysubtype", "newspaper"),
    ]
    if source.date:
        fields += [("date", source.date.isoformat()), ("year", str(source.date.year))]
    number = edition(source.page_label)
    if number:
        fields.append(("pages", number))
    fields += [("url", source.url), ("langid", "chinese")]
    if source.date_estimated:
        fields.append(("note", ESTIMATED_NOTE))
    body = ",\n".join(f"  {name} = {{{_bibtex_value(value)}}}" for name, value in fields if value)
    return f"@article{{{source.key},\n{body}\n}}\n"


def ris(source: CitationSource) -> str:
    """RIS (TY NEWS); lines end CRLF as the format asks."""
    lines = [("TY", "NEWS")]
    lines += [("AU", name) for name in source.authors]
    lines += [("TI", source.title), ("T2", source.paper)]
    if source.date:
        lines += [("PY", str(source.date.year)), ("DA", source.date.strftime("%Y/%m/%d/"))]
    number = edition(source.page_label)
    if number:
        lines.append(("SP", number))
    lines += [("UR", source.url), ("LA", "zh")]
    if source.date_estimated:
        lines.append(("N1", ESTIMATED_NOTE))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER")


def source_for(article, url: str) -> CitationSource:
    """The citation data of an Article (its bylines and source page loaded or loadable)."""
    names = tuple(dict.fromkeys(byline.reporter.name for byline in article.bylines.all()))
    page = article.source_page
    if article.pub_date:
        date, estimated = article.pub_date, article.date_estimated
    else:  # the page's own date (pub_date_estimated: when the importer could only infer it)
        date, estimated = page.pub_date, bool(getattr(page, "pub_date_estimated", False))
    return CitationSource(
        key=f"hunan-article-{article.pk}",
        authors=names,
        title=article.display_title or article.title or str(article),
        paper=page.paper,
        date=date,
        date_estimated=bool(estimated) and date is not None,
        page_label=page.page_label,
        url=url,
    )
