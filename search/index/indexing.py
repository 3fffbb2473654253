"""Keeping the Whoosh index in step with the database.

Whoosh allows one writer at a time (an OS file lock). Several gunicorn workers,
the admin and an import all change articles, so index work goes through a
durable queue (:class:`search.models.IndexQueue`):

* a change records a queue row in the same transaction (:func:`enqueue`);
* after the commit, the process tries to apply the queue at once, taking the
  write lock *without waiting* (:func:`process_pending`); small commits never
  merge segments, so they take milliseconds, not the seconds a merge can take;
* if another process holds the lock, a per-process background thread retries
  every :data:`RETRY_INTERVAL` seconds until the queue is empty, so an edit is
  searchable about a second later at worst (unless a full rebuild is running);
* rows are deleted only after the Whoosh commit that applied them; whoever
  applies a row indexes the article as it is in the database at that moment.

Segments pile up with many small commits; the background thread (or
``manage.py process_index_queue``) merges the small ones when there are more
than :data:`MAX_SEGMENTS`, outside any request.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from haystack import connections
from haystack.constants import ID
from whoosh.index import LockError
from whoosh.writing import CLEAR, MERGE_SMALL, NO_MERGE, SegmentWriter

from archive.models import Article
from search.index.codec import writer_options
from search.index.segments import DEFAULT_LIMIT_MB, commit_segments, segment_writer
from search.models import IndexQueue
from search.text.analysis import get_jieba

log = logging.getLogger(__name__)

RETRY_INTERVAL = 0.1
MAX_SEGMENTS = 8
# SQLite refuses queries with more than ~1000 terms in IN lists (prefetches included).
DEFAULT_BATCH = 500
# Queues longer than this are indexed by worker processes when waiting is allowed.
BULK_THRESHOLD = 2 * DEFAULT_BATCH
IDENTIFIER_PREFIX = "archive.article."

_local = threading.local()


# --- Access to the backend -------------------------------------------------------


def get_backend():
    """The haystack backend of this thread, set up (schema built, index opened)."""
    backend = connections["default"].get_backend()
    backend.ensure_setup()
    return backend


def get_index():
    return get_backend().index


def article_index():
    return connections["default"].get_unified_index().get_index(Article)


def identifier(article_id: int) -> str:
    return f"{IDENTIFIER_PREFIX}{article_id}"


def article_documents(articles: Iterable[Article], backend=None) -> Iterator[dict]:
    """Whoosh documents for ``articles`` (values converted, empty values dropped)."""
    backend = backend or get_backend()
    index = article_index()
    for article in articles:
        doc = index.full_prepare(article)
        out = {}
        for key, value in doc.items():
            if value is None or value == "" or value == []:
                continue
            out[key] = backend._from_python(value)
        yield out


def _lock_wait() -> float:
    return float(getattr(settings, "SEARCH_INDEX_LOCK_WAIT", 900))


def _open_writer(ix, *, wait: bool) -> SegmentWriter:
    """A writer on ``ix``; raises ``LockError`` at once when another holds the lock."""
    return ix.writer(timeout=_lock_wait() if wait else 0.0, delay=0.05, **writer_options())


def _bulk_writer(ix, procs: int, limitmb: int = DEFAULT_LIMIT_MB):
    """Where the documents of a rebuild or a large import go: new segments
    written by ``procs`` worker processes (or this one), committed by the caller
    with :func:`search.index.segments.commit_segments`. The caller holds the write lock.
    """
    if procs > 1:
        # Loaded before the workers are forked, so they share the dictionary.
        get_jieba()
    return segment_writer(ix, procs, limitmb, **writer_options())


def default_procs() -> int:
    """Worker processes for bulk indexing: one per core, at most two.

    Two measured 1.83× one on a rebuild; more would fight over this machine's two cores.
    """
    return max(1, min(2, os.cpu_count() or 1))


# --- The queue -----------------------------------------------------------------------


def enqueue(article_ids: Iterable[int], delete: bool = False) -> int:
    """Record that these articles' index entries must be refreshed (or removed).

    Call it inside the transaction that changes the articles: the rows commit
    or roll back with the change.
    """
    rows = [IndexQueue(article_id=int(pk), delete=delete) for pk in dict.fromkeys(article_ids) if pk]
    IndexQueue.objects.bulk_create(rows)
    return len(rows)


def _apply(writer: SegmentWriter, article_ids: list[int], backend, documents_to=None) -> None:
    """Replace the index entries of ``article_ids`` with the articles as they are now.

    ``writer`` deletes the old entries; the new documents go to ``documents_to``
    (a bulk writer) if given, else to ``writer``. One searcher serves every
    deletion: Whoosh's ``update_document`` would open a reader over all
    segments for each document.
    """
    articles = list(article_index().index_queryset().filter(pk__in=article_ids))
    with writer.searcher() as searcher:
        for pk in article_ids:
            writer.delete_by_term(ID, identifier(pk), searcher=searcher)
    target = documents_to or writer
    for doc in article_documents(articles, backend):
        target.add_document(**doc)


# Queue rows are claimed by their ids, never by "every row up to the highest id": on
# PostgreSQL ids are handed out when a row is inserted but become visible when its
# transaction commits, so a row with a lower id can appear after a higher one was seen.
# Claimed rows are read before the articles they name, so their changes are applied.
DELETE_CHUNK = 500


def _next_batch(batch_size: int) -> tuple[list[int], list[int]]:
    """Up to ``batch_size`` distinct queued article ids, and the ids of their rows now visible."""
    article_ids = list(
        IndexQueue.objects.order_by("article_id").values_list("article_id", flat=True).distinct()[:batch_size]
    )
    if not article_ids:
        return [], []
    rows = list(IndexQueue.objects.filter(article_id__in=article_ids).values_list("id", flat=True))
    return article_ids, rows


def _claim_all() -> tuple[list[int], list[int]]:
    """Every queued article id (sorted) and the ids of all the rows now visible."""
    rows = list(IndexQueue.objects.values_list("id", "article_id"))
    return sorted({article_id for _, article_id in rows}), [row_id for row_id, _ in rows]


def _delete_rows(row_ids: list[int]) -> None:
    """Remove exactly these applied rows; rows that committed since stay queued."""
    for start in range(0, len(row_ids), DELETE_CHUNK):
        IndexQueue.objects.filter(id__in=row_ids[start : start + DELETE_CHUNK]).delete()


def _wait_for_write_lock(ix):
    """Whoosh's write lock on ``ix``, held by the caller until it releases it.

    For writers that must not start without it (``_lk=False``): waits up to
    ``SEARCH_INDEX_LOCK_WAIT`` seconds, then raises ``LockError``.
    """
    lock = ix.lock("WRITELOCK")
    deadline = time.monotonic() + _lock_wait()
    while not lock.acquire(blocking=False):
        if time.monotonic() > deadline:
            raise LockError("another process holds the search index write lock")
        time.sleep(0.2)
    return lock


def _drain_in_bulk(backend, procs: int, article_ids: list[int], row_ids: list[int]) -> int:
    """Apply the claimed queue rows (``row_ids``, naming ``article_ids``) in one commit.

    For imports of many pages: the new documents are written as whole segments
    by ``procs`` worker processes and committed at once with the deletions of
    their old entries, instead of a small segment per batch that a long merge
    would then have to rewrite. The claimed rows are applied and removed; rows
    that commit meanwhile stay queued.
    """
    ix = backend.index
    lock = _wait_for_write_lock(ix)
    done = 0
    try:
        writer = SegmentWriter(ix, _lk=False, **writer_options())
        bulk = _bulk_writer(ix, procs)
        try:
            batch: list[int] = []
            for article_id in article_ids:
                batch.append(article_id)
                if len(batch) >= DEFAULT_BATCH:
                    _apply(writer, batch, backend, documents_to=bulk)
                    done += len(batch)
                    batch = []
            if batch:
                _apply(writer, batch, backend, documents_to=bulk)
                done += len(batch)
            segments = bulk.finish()
        except BaseException:
            bulk.cancel()
            writer.cancel()
            raise
        commit_segments(writer, segments, NO_MERGE)
    finally:
        lock.release()
    _delete_rows(row_ids)
    return done


def process_pending(wait: bool = False, batch_size: int = DEFAULT_BATCH, procs: int | None = None) -> int:
    """Apply queued index work; returns the number of articles (re)indexed or removed.

    With ``wait=False`` (what requests and the background thread use) it returns 0
    at once if another process holds the write lock; the rows stay queued for
    the next attempt. With ``wait=True`` it waits for the lock (up to
    ``SEARCH_INDEX_LOCK_WAIT`` seconds) and drains the whole queue; a queue of
    more than :data:`BULK_THRESHOLD` articles (an import of many pages) is then
    indexed by ``procs`` worker processes in one commit.
    """
    backend = get_backend()
    batch_size = min(batch_size, DEFAULT_BATCH)
    done = 0
    procs = default_procs() if procs is None else procs
    if wait and procs > 1 and IndexQueue.objects.count() > BULK_THRESHOLD:
        article_ids, row_ids = _claim_all()
        if len(article_ids) > BULK_THRESHOLD:
            done = _drain_in_bulk(backend, procs, article_ids, row_ids)
    while True:
        article_ids, row_ids = _next_batch(batch_size)
        if not article_ids:
            break
        try:
            writer = _open_writer(backend.index, wait=wait)
        except LockError:
            break
        try:
            _apply(writer, article_ids, backend)
        except BaseException:
            writer.cancel()
            raise
        # Never merge here: a merge can take many seconds on a large index.
        writer.commit(merge=False)
        _delete_rows(row_ids)
        done += len(article_ids)
        if len(article_ids) < batch_size:
            break
    if done:
        backend.index = backend.index.refresh()
    return done


def segment_count(ix=None) -> int:
    ix = ix or get_index()
    return len(ix._segments())


def merge_segments(wait: bool = False, max_segments: int = MAX_SEGMENTS, optimize: bool = False) -> bool:
    """Merge small segments when there are more than ``max_segments``.

    Returns True if a merge ran. Never called on a request's path.
    """
    ix = get_index()
    if not optimize and segment_count(ix) <= max_segments:
        return False
    try:
        writer = _open_writer(ix, wait=wait)
    except LockError:
        return False
    if optimize:
        writer.commit(optimize=True)
    else:
        writer.commit(mergetype=MERGE_SMALL)
    return True


# --- Writing straight through haystack (update_index, SearchIndex.update_object) -----


def index_objects(articles: list[Article], backend=None) -> None:
    """Index ``articles`` now if the lock is free; otherwise queue them."""
    if not articles:
        return
    backend = backend or get_backend()
    try:
        writer = _open_writer(backend.index, wait=False)
    except LockError:
        enqueue(a.pk for a in articles)
        _retrier.notify()
        return
    try:
        with writer.searcher() as searcher:
            for article in articles:
                writer.delete_by_term(ID, identifier(article.pk), searcher=searcher)
        for doc in article_documents(articles, backend):
            writer.add_document(**doc)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(merge=False)


def remove_identifiers(identifiers: list[str], backend=None) -> None:
    backend = backend or get_backend()
    try:
        writer = _open_writer(backend.index, wait=False)
    except LockError:
        enqueue((int(i.rsplit(".", 1)[-1]) for i in identifiers), delete=True)
        _retrier.notify()
        return
    for ident in identifiers:
        writer.delete_by_term(ID, ident)
    writer.commit(merge=False)


# --- After a change: apply now, or retry in the background ---------------------------


def request_processing() -> None:
    """Apply the queue once the current transaction commits (now if there is none)."""
    if getattr(_local, "deferred", 0):
        return
    transaction.on_commit(_kick)


def _kick() -> None:
    _retrier.notify()


@contextlib.contextmanager
def deferred(apply: bool = True) -> Iterator[None]:
    """Queue index work during a bulk change and apply it once at the end.

    An import of many pages would otherwise commit one small segment per page.
    """
    _local.deferred = getattr(_local, "deferred", 0) + 1
    try:
        yield
    finally:
        _local.deferred -= 1
    if apply and not _local.deferred:
        process_pending(wait=True)
        merge_segments(wait=True)


class _Retrier:
    """One daemon thread per process that applies the queue shortly after each change.

    Requests never write to Whoosh themselves: they only wake this thread, which
    batches whatever is queued (several saves, or the pages of an import) into one
    small commit every :data:`RETRY_INTERVAL` seconds, retries while another
    process holds the lock, merges segments when idle, and exits when there is
    nothing left to do.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._flagged = False

    def enabled(self) -> bool:
        return bool(getattr(settings, "SEARCH_BACKGROUND_INDEXING", True))

    def notify(self) -> None:
        if not self.enabled():
            return
        with self._lock:
            self._flagged = True
            if self._thread is not None and self._thread.is_alive():
                return
            self._thread = threading.Thread(target=self._run, name="search-indexer", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        idle = 0
        try:
            while True:
                time.sleep(RETRY_INTERVAL)
                with self._lock:
                    flagged, self._flagged = self._flagged, False
                try:
                    if flagged or IndexQueue.objects.exists():
                        process_pending(wait=False)
                        idle = 0
                        continue
                    merge_segments(wait=False)
                except Exception:
                    log.exception("background search indexing failed; retrying")
                    close_old_connections()
                    time.sleep(1.0)
                idle += 1
                if idle >= 3:
                    with self._lock:
                        if not self._flagged:
                            self._thread = None
                            return
        finally:
            connection.close()

    def join(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)


_retrier = _Retrier()
_last_sweep = 0.0
SWEEP_INTERVAL = 10.0


def sweep_stale_queue() -> None:
    """Start the retry thread if work was left queued (e.g. by a process that exited).

    Called from the search path at most every :data:`SWEEP_INTERVAL` seconds: one
    cheap query, so leftovers never wait for the next edit in this process.
    """
    global _last_sweep
    now = time.monotonic()
    if now - _last_sweep < SWEEP_INTERVAL:
        return
    _last_sweep = now
    try:
        if IndexQueue.objects.exists():
            _retrier.notify()
    except Exception:
        close_old_connections()


# --- Full rebuild ---------------------------------------------------------------------


def _schema_matches(ix, schema) -> bool:
    try:
        current = ix.schema
    except Exception:
        return False
    if sorted(current.names()) != sorted(schema.names()):
        return False
    # Field classes and their posting formats (how positions are encoded) must both agree.
    return all(
        type(current[name]) is type(schema[name]) and type(current[name].format) is type(schema[name].format)
        for name in schema.names()
    )


def _article_batches(batch_size: int) -> Iterator[list[Article]]:
    batch_size = min(batch_size, DEFAULT_BATCH)
    queryset = article_index().index_queryset().order_by("pk")
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last)[:batch_size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def write_contents(
    ix,
    batches: Iterable[list[Article]],
    backend,
    procs: int,
    limitmb: int = DEFAULT_LIMIT_MB,
    progress: Callable[[int], None] | None = None,
    **writer_args,
) -> int:
    """Make ``ix`` hold exactly the articles of ``batches``, in one commit; returns their number.

    Worker processes write whole segments (see :func:`_bulk_writer`); the commit
    replaces every segment the index had (``CLEAR``). ``writer_args`` go to the
    committing writer (``_lk=False`` when the caller holds the write lock).
    """
    count = 0
    bulk = _bulk_writer(ix, procs, limitmb)
    try:
        for batch in batches:
            for doc in article_documents(batch, backend):
                bulk.add_document(**doc)
            count += len(batch)
            if progress:
                progress(len(batch))
        segments = bulk.finish()
    except BaseException:
        bulk.cancel()
        raise
    commit_segments(SegmentWriter(ix, **writer_args, **writer_options()), segments, CLEAR)
    return count


def rebuild(
    batch_size: int = DEFAULT_BATCH,
    procs: int | None = None,
    limitmb: int = DEFAULT_LIMIT_MB,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Reindex every article; returns the number indexed.

    Searches keep using the old index until the final commit replaces all its
    segments at once (``CLEAR``); edits made meanwhile stay queued and are
    applied afterwards. ``procs > 1`` analyses in that many worker processes,
    each writing its own segments (a new one whenever its buffered postings
    reach ``limitmb``).
    """
    backend = get_backend()
    ix = backend.index
    lock = _wait_for_write_lock(ix)
    procs = default_procs() if procs is None else procs
    try:
        # Rows visible now are covered by the articles the rebuild reads next.
        claimed = list(IndexQueue.objects.values_list("id", flat=True))
        if not _schema_matches(ix, backend.schema):
            # The stored schema is not ours (first build or a schema change):
            # start from an empty index written with the current schema.
            ix = backend.storage.create_index(backend.schema)
            backend.index = ix
        count = write_contents(ix, _article_batches(batch_size), backend, procs, limitmb, progress, _lk=False)
    finally:
        lock.release()
    _delete_rows(claimed)
    backend.index = backend.index.refresh()
    process_pending(wait=False)
    return count
