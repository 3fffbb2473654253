"""Writing many documents at once: whole segments, built in memory, in worker processes.

Whoosh's ``SegmentWriter`` turns every posting into a tuple, pools and sorts
them (spilling runs to disk), then hands them to the codec one call at a time:
at about 1,200 postings per article that is most of the time of a rebuild,
more than analysing the text. :class:`BulkSegmentWriter` keeps each term's
postings in compact arrays as documents arrive (they arrive in docnum order,
so nothing needs sorting but the terms) and writes each posting list with
one call (:meth:`search.index.codec.ArchiveFieldWriter.add_term`). The segments
hold exactly what ``SegmentWriter`` writes for the same documents: the same
terms, term statistics and posting blocks once decoded, byte-identical
per-document files (a test checks it), so every Whoosh reader and merge
handles them.

:class:`ParallelSegmentWriter` feeds documents to worker processes that each
write their own segments; :func:`commit_segments` makes them part of the index
in one commit, with the committing writer's deletions.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import traceback
from array import array

from whoosh.index import Index
from whoosh.writing import SegmentWriter

from archive.services.processes import exit_with_parent

# What one posting costs in memory while a segment is built: a docnum (4
# bytes), a weight (8) and a value pointer (8), with the arrays' spare room,
# per-term objects and the encoded positions of terms that occur more than
# once in a document (peak RSS over postings held, measured on the 100k
# benchmark corpus: about 45).
BYTES_PER_POSTING = 45
# Per writing process. Fewer, larger segments are cheaper to search: at 124k
# articles, 2 segments answered the benchmark queries with p95 195–254 ms
# against 240–361 ms for 4 (side by side). 4 GiB holds ~95M postings, about
# 78,000 articles: a 100k-article rebuild with two workers ends with one
# segment each, at ~3.5 GB peak memory per worker. Lower it on smaller machines.
DEFAULT_LIMIT_MB = 4096
# Documents sent to a worker process at a time.
JOB_SIZE = 256
# Seconds between checks that the workers are alive while the parent waits on them.
WORKER_POLL = 1.0


class SegmentWriteError(RuntimeError):
    """A worker process failed to write its segments."""


class BulkSegmentWriter(SegmentWriter):
    """A ``SegmentWriter`` that keeps postings per term in arrays instead of a sorted pool.

    Writes one segment and never merges: use :meth:`finish` and commit the
    segment with :func:`commit_segments`. Needs the caller to hold the write
    lock (``_lk=False``). Term vectors and separate spelling fields are not
    supported (the archive's schema has neither).
    """

    def __init__(self, ix: Index, **kwargs) -> None:
        super().__init__(ix, **kwargs)
        unsupported = [
            name for name, field in self.schema.items() if field.vector or field.separate_spelling()
        ]
        if unsupported:
            self.cancel()
            raise ValueError(f"term vectors and spelling fields are not supported: {unsupported}")
        # field name -> term -> (docnums, weights, values)
        self._postings: dict[str, dict[str | bytes, tuple[array, array, list[bytes]]]] = {}
        self.posting_count = 0

    def add_document(self, **fields) -> None:
        self._check_state()
        schema = self.schema
        perdocwriter = self.perdocwriter
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        added = 0
        perdocwriter.start_doc(docnum)
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                boost = self._field_boost(fields, name, docboost)
                terms = self._postings.setdefault(name, {})
                add_postings = getattr(field, "add_postings", None)
                if add_postings is not None:
                    # Our fields append to the buffers themselves, keyed by str (see _flush_segment).
                    length, count = add_postings(value, docnum, boost, terms)
                    added += count
                    if not field.scorable:
                        length = 0
                else:
                    scorable = field.scorable
                    for btext, freq, weight, vbytes in field.index(value):
                        postings = terms.get(btext)
                        if postings is None:
                            postings = terms[btext] = (array("I"), array("d"), [])
                        postings[0].append(docnum)
                        postings[1].append(weight * boost)
                        if vbytes:
                            postings[2].append(vbytes)
                        if scorable:
                            length += freq
                        added += 1
            stored = fields.get(f"_stored_{name}", value)
            perdocwriter.add_field(name, field, stored if field.stored else None, length)
            if field.column_type and stored is not None:
                perdocwriter.add_column_value(name, field.column_type, field.to_column_value(stored))
        perdocwriter.finish_doc()
        self.posting_count += added
        self._added = True
        self.docnum += 1

    def memory_mb(self) -> float:
        """Estimated memory held by the buffered postings."""
        return self.posting_count * BYTES_PER_POSTING / 2**20

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        # Fields and terms in byte order, as Whoosh's sorted pool would give them.
        for name in sorted(self._postings):
            terms = self._postings[name]
            fieldwriter.start_field(name, self.schema[name])
            # Terms are str for fields with ``add_postings``, else bytes; code point
            # order is UTF-8 byte order, so either sorts as Whoosh wants.
            for term in sorted(terms):
                ids, weights, values = terms[term]
                btext = term.encode("utf-8") if isinstance(term, str) else term
                fieldwriter.add_term(btext, ids, weights, values)
            fieldwriter.finish_field()
        fieldwriter.close()
        self._postings = {}

    def finish(self):
        """Write the segment's files and return the segment (not yet in the index)."""
        self._check_state()
        segment = self._finalize_segment()
        self.is_closed = True
        return segment


class SegmentSeries:
    """Documents written in this process into as many segments as memory needs:
    a new :class:`BulkSegmentWriter` whenever the buffered postings reach ``limitmb``."""

    def __init__(self, ix: Index, limitmb: int = DEFAULT_LIMIT_MB, **options) -> None:
        self._ix = ix
        self._limitmb = limitmb
        self._options = options
        self._writer: BulkSegmentWriter | None = None
        self._segments: list = []

    def add_document(self, **fields) -> None:
        if self._writer is None:
            self._writer = BulkSegmentWriter(self._ix, _lk=False, **self._options)
        self._writer.add_document(**fields)
        if self._writer.memory_mb() >= self._limitmb:
            self._segments.append(self._writer.finish())
            self._writer = None

    def finish(self) -> list:
        """The segments written (not yet in the index)."""
        if self._writer is not None:
            self._segments.append(self._writer.finish())
            self._writer = None
        return self._segments

    def cancel(self) -> None:
        """Drop the buffered documents; written files are removed by the next commit."""
        if self._writer is not None:
            self._writer._close_segment()
            self._writer = None


def commit_segments(writer: SegmentWriter, segments: list, mergetype) -> None:
    """Commit ``writer`` (its deletions, after ``mergetype`` picked the old
    segments to keep) with ``segments`` written by other writers added.

    ``writer`` must not have documents of its own.
    """
    if writer._added:
        raise ValueError("the committing writer has documents of its own")
    kept = writer._merge_segments(mergetype, None, None)
    writer._close_segment()
    writer._commit_toc(list(kept) + list(segments))
    writer._finish()


def _worker(ix: Index, jobs, results, limitmb: int, options: dict, parent_pid: int) -> None:
    """A worker process: documents from ``jobs`` until ``None``, segments to ``results``."""
    exit_with_parent(parent_pid)
    # What the worker inherited (Django, jieba's dictionary) is never garbage:
    # keep the collector's full passes from walking it again and again.
    gc.freeze()
    try:
        series = SegmentSeries(ix, limitmb, **options)
        while (job := jobs.get()) is not None:
            for fields in job:
                series.add_document(**fields)
        results.put(("done", series.finish()))
    except BaseException:
        results.put(("error", traceback.format_exc()))
        raise


class ParallelSegmentWriter:
    """Writes documents into new segments of ``ix`` in ``procs`` worker processes.

    The caller holds the write lock and produces the documents; workers take
    them :data:`JOB_SIZE` at a time (whichever is free), analyse them and each
    write one or more segments. :meth:`finish` returns all the segments, for
    :func:`commit_segments`. Workers are forked: whatever the parent has loaded
    (jieba's dictionary) is shared, and nothing needs to be importable by name.
    """

    def __init__(self, ix: Index, procs: int, limitmb: int = DEFAULT_LIMIT_MB, **options) -> None:
        context = multiprocessing.get_context("fork")
        self._jobs = context.Queue(procs * 2)
        self._results = context.Queue()
        self._buffer: list[dict] = []
        self._reports: list[list] = []
        self._workers = [
            context.Process(
                target=_worker,
                args=(ix, self._jobs, self._results, limitmb, options, os.getpid()),
                daemon=True,
            )
            for _ in range(procs)
        ]
        for worker in self._workers:
            worker.start()

    def add_document(self, **fields) -> None:
        self._buffer.append(fields)
        if len(self._buffer) >= JOB_SIZE:
            self._send(self._buffer)
            self._buffer = []

    def _send(self, job: list[dict] | None) -> None:
        while True:
            try:
                self._jobs.put(job, timeout=WORKER_POLL)
                return
            except queue.Full:
                self._poll(None)

    def _poll(self, timeout: float | None) -> None:
        """Take a worker's report if there is one (waiting up to ``timeout``);
        raise if a worker failed or died without reporting."""
        try:
            if timeout is None:
                kind, payload = self._results.get_nowait()
            else:
                kind, payload = self._results.get(timeout=timeout)
        except queue.Empty:
            if any(worker.exitcode not in (None, 0) for worker in self._workers):
                raise SegmentWriteError("an index worker process died") from None
            return
        if kind == "error":
            raise SegmentWriteError(payload)
        self._reports.append(payload)

    def finish(self) -> list:
        """Wait for the workers; the segments they wrote."""
        try:
            if self._buffer:
                self._send(self._buffer)
                self._buffer = []
            for _ in self._workers:
                self._send(None)
            while len(self._reports) < len(self._workers):
                self._poll(WORKER_POLL)
        except BaseException:
            self.cancel()
            raise
        for worker in self._workers:
            worker.join()
        return [segment for report in self._reports for segment in report]

    def cancel(self) -> None:
        """Stop the workers; their unfinished files are removed by the next commit."""
        for worker in self._workers:
            if worker.is_alive():
                worker.terminate()
        for worker in self._workers:
            worker.join()


def segment_writer(ix: Index, procs: int, limitmb: int = DEFAULT_LIMIT_MB, **options):
    """A :class:`ParallelSegmentWriter` for ``procs > 1``, else a :class:`SegmentSeries`.

    Both have ``add_document``, ``finish`` (the new segments) and ``cancel``.
    """
    if procs > 1:
        return ParallelSegmentWriter(ix, procs, limitmb, **options)
    return SegmentSeries(ix, limitmb, **options)
