"""Articles like a given one, from the index: the article page's 另见 list and
haystack's ``more_like_this``.

Whoosh's own ``more_like_this`` needs the text field vectored or stored; ours is
neither (stored text is the database's). Instead the article's most telling
words (headline and lead, jieba words of two characters or more), its place,
prefecture and topics make one OR query, scored by the index's BM25F.
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import query as wq

from archive.models import Article
from search.engine import executor as engine
from search.text.analysis import query_words

HEADLINE_BOOST = 2.0
PLACE_BOOST = 3.0
PREFECTURE_BOOST = 1.0
TOPIC_BOOST = 1.5
LEAD_CHARS = 200


@dataclass(frozen=True)
class RelatedHit:
    article_id: int
    score: float
    stored: dict


def related_query(article: Article) -> wq.Query | None:
    """The OR query of what this article is about; None when there is nothing to ask."""
    lead = article.paragraphs[0] if article.paragraphs else ""
    headline = " ".join(p for p in (article.title or article.display_title, article.subtitle) if p)
    words = [w for w in query_words(f"{headline}\n{lead[:LEAD_CHARS]}") if len(w) >= 2]
    should: list[wq.Query] = [wq.Term("text", w) for w in dict.fromkeys(words)]
    should.extend(
        wq.Term("headline", w, boost=HEADLINE_BOOST)
        for w in dict.fromkeys(query_words(headline))
        if len(w) >= 2
    )
    if article.place_id:
        should.append(wq.Term("place", article.place.code, boost=PLACE_BOOST))
        if article.prefecture:
            should.append(wq.Term("prefecture", article.prefecture.code, boost=PREFECTURE_BOOST))
    should.extend(wq.Term("topics", t.slug, boost=TOPIC_BOOST) for t in article.topics.all())
    return wq.Or(should) if should else None


def related_hits(
    article: Article, limit: int | None = 5, within: wq.Query | None = None
) -> tuple[list[RelatedHit], int]:
    """The best ``limit`` other articles (None: all) and how many match at all,
    optionally only among those matching ``within``."""
    query = related_query(article)
    if query is None:
        return [], 0
    searcher = engine.get_searcher()
    results = searcher.search(
        query,
        filter=within,
        mask=wq.Term("id", f"archive.article.{article.pk}"),
        limit=limit,
        terms=False,
    )
    hits = []
    for score, docnum in results.top_n:
        stored = searcher.stored_fields(docnum)
        hits.append(RelatedHit(int(stored["django_id"]), score, stored))
    return hits, len(results)
