"""Whole segments written in bulk read back as Whoosh's own writer would have written them (no Django)."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import pytest
from whoosh import index
from whoosh import query as wq
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, Schema
from whoosh.writing import CLEAR, NO_MERGE, SegmentWriter

from search.index.codec import writer_options
from search.index.segments import (
    BulkSegmentWriter,
    ParallelSegmentWriter,
    SegmentSeries,
    SegmentWriteError,
    commit_segments,
)
from search.text.analysis import CharField, GramField, WordField

WORDS = [
    "一件事一次办",
    "政务服务",
    "乡村振兴",
    "营商环境",
    "群众",
    "企业",
    "改革",
    "窗口",
    "涟源市",
    "新晃",
    "2024年",
]


def _schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        text=WordField(),
        headline=WordField(field_boost=2.0),
        grams=GramField(),
        chars=CharField(),
        place=ID(),
        topics=KEYWORD(commas=True, scorable=False),
        pub_date=DATETIME(stored=True),
        views=NUMERIC(int, stored=True),
        note=STORED(),
    )


def _documents(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        # "政务服务" in every document: its posting lists run over many 128-posting blocks.
        body = (
            "，".join("".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))) for _ in range(8))
            + "政务服务。"
        )
        doc = {
            "id": f"a{n}",
            "text": body,
            "headline": rng.choice(WORDS) + rng.choice(WORDS),
            "grams": body,
            "chars": body,
            "place": rng.choice(["431382", "431227", "430181"]),
            "topics": ",".join(rng.sample(["gov", "rural", "biz", "people"], rng.randint(0, 2))),
            "pub_date": datetime.datetime(2015, 1, 1) + datetime.timedelta(days=rng.randint(0, 3650)),
            "views": rng.randint(0, 10_000),
            "note": f"第{n}篇",
        }
        if n % 5 == 0:
            doc["_boost"] = 1.5
        if n % 7 == 0:
            doc["_text_boost"] = 0.5
        docs.append(doc)
    return docs


def _new_index(path: Path):
    path.mkdir()
    return index.create_in(str(path), _schema())


def _whoosh_index(path: Path, docs: list[dict]):
    ix = _new_index(path)
    writer = SegmentWriter(ix, limitmb=1, **writer_options())  # small runs: the pool spills and merges
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    return ix


def _commit(ix, segments: list, mergetype=CLEAR) -> None:
    commit_segments(SegmentWriter(ix, **writer_options()), segments, mergetype)


def _postings(ix) -> dict:
    """Every term's statistics and decoded posting blocks, by field and term."""
    out = {}
    with ix.reader() as reader:
        for fieldname, text in reader.all_terms():
            info = reader.term_info(fieldname, text)
            matcher = reader.postings(fieldname, text)
            stats = (info.weight(), info.doc_frequency(), info.max_weight(), info.min_id(), info.max_id())
            out[fieldname, text] = (stats, list(matcher.blocks()))
    return out


def _files_by_kind(path: Path) -> dict[str, bytes]:
    """The segment files by extension (segment names are random)."""
    return {
        p.name.split(".", 1)[1]: p.read_bytes()
        for p in path.iterdir()
        if p.name.startswith("MAIN_") and "." in p.name
    }


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return _documents(300)


@pytest.fixture(scope="module")
def whoosh_ix(docs, tmp_path_factory):
    return _whoosh_index(tmp_path_factory.mktemp("w") / "ix", docs)


def test_a_bulk_segment_holds_exactly_what_whoosh_writes(docs, whoosh_ix, tmp_path):
    ix = _new_index(tmp_path / "ix")
    writer = BulkSegmentWriter(ix, _lk=False, **writer_options())
    for doc in docs:
        writer.add_document(**doc)
    _commit(ix, [writer.finish()])

    ours, theirs = _postings(ix), _postings(whoosh_ix)
    assert list(ours) == list(theirs)  # the same terms, in the same order
    assert ours == theirs  # the same block boundaries, ids, weights and positions
    assert max(len(blocks) for _, blocks in ours.values()) > 2
    # Lengths, stored fields and columns are written by Whoosh's own per-document writer.
    ours_files = _files_by_kind(tmp_path / "ix")
    theirs_files = _files_by_kind(Path(whoosh_ix.storage.folder))
    per_document = {kind for kind in theirs_files if kind.endswith(".col")}
    assert per_document and {k: ours_files[k] for k in per_document} == {
        k: theirs_files[k] for k in per_document
    }


def test_searches_rank_the_same_on_both(docs, whoosh_ix, tmp_path):
    ix = _new_index(tmp_path / "ix")
    series = SegmentSeries(ix, **writer_options())
    for doc in docs:
        series.add_document(**doc)
    _commit(ix, series.finish())
    queries = [
        wq.Term("text", "政务服务"),
        wq.Phrase("grams", ["政务", "务服", "服务"]),
        wq.And([wq.Term("chars", "改"), wq.Term("place", "431382")]),
        wq.Or([wq.Term("headline", "窗口"), wq.Term("text", "新晃")]),
        wq.DateRange("pub_date", datetime.datetime(2018, 1, 1), datetime.datetime(2019, 1, 1)),
        wq.NumericRange("views", 100, 2000),
    ]
    with ix.searcher() as ours, whoosh_ix.searcher() as theirs:
        for q in queries:
            mine = [(hit["id"], round(hit.score, 5)) for hit in ours.search(q, limit=None)]
            assert mine == [(hit["id"], round(hit.score, 5)) for hit in theirs.search(q, limit=None)], q
            assert mine


def test_a_series_starts_new_segments_at_its_memory_limit(docs, whoosh_ix, tmp_path):
    ix = _new_index(tmp_path / "ix")
    series = SegmentSeries(ix, limitmb=0.1, **writer_options())
    for doc in docs:
        series.add_document(**doc)
    segments = series.finish()
    _commit(ix, segments)
    assert len(ix._segments()) == len(segments) > 3
    with ix.searcher() as ours, whoosh_ix.searcher() as theirs:
        assert ours.doc_count() == len(docs)
        for q in (wq.Term("text", "群众"), wq.Phrase("grams", ["乡村", "村振", "振兴"])):
            assert {h["id"] for h in ours.search(q, limit=None)} == {
                h["id"] for h in theirs.search(q, limit=None)
            }


def test_worker_processes_write_the_same_documents(docs, whoosh_ix, tmp_path):
    ix = _new_index(tmp_path / "ix")
    writer = ParallelSegmentWriter(ix, 2, **writer_options())
    for doc in docs:
        writer.add_document(**doc)
    segments = writer.finish()
    _commit(ix, segments)
    assert len(segments) == 2
    with ix.searcher() as ours, whoosh_ix.searcher() as theirs:
        assert sorted(f["id"] for f in ours.all_stored_fields()) == sorted(
            f["id"] for f in theirs.all_stored_fields()
        )
        for text in ("一件事一次办", "改革", "涟源市"):
            q = wq.Term("text", text)
            assert {h["id"] for h in ours.search(q, limit=None)} == {
                h["id"] for h in theirs.search(q, limit=None)
            }


def test_new_segments_commit_with_the_writers_deletions(docs, whoosh_ix, tmp_path):
    ix = _whoosh_index(tmp_path / "ix", docs[:10])
    writer = SegmentWriter(ix, **writer_options())
    writer.delete_by_term("id", "a3")
    series = SegmentSeries(ix, **writer_options())
    series.add_document(**{**docs[3], "note": "改过的"})
    commit_segments(writer, series.finish(), NO_MERGE)
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 10
        assert [f["note"] for f in searcher.documents(id="a3")] == ["改过的"]


def test_a_failing_worker_is_reported_and_nothing_is_committed(docs, tmp_path):
    ix = _whoosh_index(tmp_path / "ix", docs[:5])
    generation = ix.latest_generation()
    writer = ParallelSegmentWriter(ix, 2, **writer_options())
    for doc in docs[5:40]:
        writer.add_document(**doc)
    writer.add_document(**{**docs[40], "views": "不是数字"})
    with pytest.raises(SegmentWriteError, match="不是数字"):
        writer.finish()
    assert ix.latest_generation() == generation
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 5
