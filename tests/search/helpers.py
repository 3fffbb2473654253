"""Plain database scans that search results are checked against."""

from __future__ import annotations

from archive.models import Article
from search.engine import executor as engine
from search.text.folding import normalize


def searchable_fields(article: Article) -> list[str]:
    """What the recall guarantee covers: headline block, body, captions, credit and dateline lines."""
    return [
        article.title,
        article.kicker,
        article.subtitle,
        article.body,
        *(article.captions or []),
        *article.credit_lines.splitlines(),
    ]


def scan(text: str, *, folded: bool = False) -> set[int]:
    """Ids of the articles in which ``text`` occurs verbatim (or after folding both sides)."""
    found = set()
    for article in Article.objects.all():
        fields = searchable_fields(article)
        if folded:
            target = normalize(text)
            if any(target in normalize(f) for f in fields if f):
                found.add(article.pk)
        elif any(text in f for f in fields if f):
            found.add(article.pk)
    return found


def result_ids(q: str, **filters) -> list[int]:
    raw = engine.run_query(q, engine.Filters(**filters), per_page=100_000, facets=False)
    return [hit.article_id for hit in raw.hits]
