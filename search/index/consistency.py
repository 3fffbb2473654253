"""Does the index say what the database says? Missing, stale and orphan documents.

``manage.py check_index`` reports them and, with ``--fix``, queues each for the
usual queue processing (which indexes an article as it is in the database, or
removes its document when the article is gone).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from archive.models import Article
from search.index import indexing

# Indexed keyword values compared with what the article would be indexed with now.
KEYWORD_FIELDS = ("place", "county", "prefecture", "topics", "reporters", "year", "day", "paper")
# Fields whose indexed length (tokens) is compared: the headline's and the whole text's characters.
LENGTH_FIELDS = ("headline_grams", "chars")
CHUNK = 500


@dataclass
class IndexReport:
    articles: int = 0
    documents: int = 0
    missing: list[int] = field(default_factory=list)  # in the database, not in the index
    stale: list[int] = field(default_factory=list)  # indexed with other values than the database's
    orphans: list[int] = field(default_factory=list)  # in the index, not in the database

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.orphans)


def _indexed_documents(reader) -> dict[int, list[int]]:
    """Article id → the live documents indexed for it (normally exactly one)."""
    docs: dict[int, list[int]] = defaultdict(list)
    for docnum, stored in reader.iter_docs():
        docs[int(stored["django_id"])].append(docnum)
    return docs


def _indexed_keywords(reader) -> dict[str, dict[int, set[str]]]:
    values: dict[str, dict[int, set[str]]] = {}
    for name in KEYWORD_FIELDS:
        by_doc: dict[int, set[str]] = defaultdict(set)
        if name in reader.schema:
            for term in reader.lexicon(name):
                text = term.decode("utf-8")
                for docnum in reader.postings(name, term).all_ids():
                    by_doc[docnum].add(text)
        values[name] = by_doc
    return values


def _expected(articles: Iterator[Article]) -> Iterator[tuple[int, dict]]:
    index = indexing.article_index()
    for article in articles:
        yield article.pk, dict(index.full_prepare(article))


def _as_set(value) -> set[str]:
    if value is None or value == "":
        return set()
    if isinstance(value, list | tuple | set):
        return {str(v) for v in value}
    return {str(value)}


def check_index() -> IndexReport:
    """Compare every article with its document in the index."""
    from whoosh.util.numeric import byte_to_length, length_to_byte

    backend = indexing.get_backend()
    schema = backend.index.schema
    report = IndexReport()
    with backend.index.refresh().searcher() as searcher:
        reader = searcher.reader()
        docs = _indexed_documents(reader)
        keywords = _indexed_keywords(reader)
        report.documents = sum(len(d) for d in docs.values())
        seen: set[int] = set()
        queryset = indexing.article_index().index_queryset().order_by("pk")
        for article_id, prepared in _expected(queryset.iterator(chunk_size=CHUNK)):
            seen.add(article_id)
            found = docs.get(article_id)
            if not found:
                report.missing.append(article_id)
                continue
            if len(found) > 1:
                report.stale.append(article_id)
                continue
            docnum = found[0]
            stale = any(
                _as_set(prepared.get(name)) != keywords[name].get(docnum, set()) for name in KEYWORD_FIELDS
            )
            for name in LENGTH_FIELDS:
                if stale or name not in schema:
                    break
                length, _ = schema[name].add_postings(prepared.get(name) or "", 0, 1.0, {})
                # Whoosh stores field lengths in one byte (exact when short, approximate when long).
                stale = byte_to_length(length_to_byte(length)) != reader.doc_field_length(docnum, name, 0)
            if stale:
                report.stale.append(article_id)
        report.articles = len(seen)
        report.orphans = sorted(set(docs) - seen)
    return report


def fix_index(report: IndexReport) -> int:
    """Queue every article the report names and apply the queue; the number of articles fixed."""
    ids = report.missing + report.stale
    indexing.enqueue(ids)
    indexing.enqueue(report.orphans, delete=True)
    indexing.process_pending(wait=True)
    return len(ids) + len(report.orphans)
