"""Keeping the index current: saves, deletes, m2m changes, a busy write lock, rebuilds."""

from __future__ import annotations

import copy
import io
import threading

import pytest
from django.core.management import call_command
from haystack import connections
from whoosh.formats import Positions

from archive.models import Article, Reporter, Topic
from search.engine import executor as engine
from search.index import indexing
from search.models import IndexQueue
from search.text.analysis import PackedPositions

from .helpers import result_ids, scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(isolated_index):
    """An isolated index holding every article of the session's data."""
    indexing.rebuild(batch_size=7)
    return isolated_index


def test_rebuild_indexes_every_article(index):
    assert engine.run_query("").total == Article.objects.count()
    assert not IndexQueue.objects.exists()


def test_saved_edit_is_queued_and_visible_after_processing(index):
    article = Article.objects.order_by("pk").first()
    article.title = "瑶琳仙境迎来首批游客"
    article.save()
    assert IndexQueue.objects.filter(article_id=article.pk).exists()
    assert indexing.process_pending() >= 1
    assert not IndexQueue.objects.exists()
    assert result_ids("瑶琳仙境")[0] == article.pk


def test_topic_and_byline_changes_reach_the_index(index):
    article = Article.objects.order_by("-pk").first()
    topic = Topic.objects.exclude(pk__in=article.topics.all()).first()
    article.topics.add(topic)
    reporter = Reporter.objects.create(name="萧楚河")
    article.bylines.create(reporter=reporter, role="记者")
    indexing.process_pending()
    assert article.pk in result_ids("萧楚河")
    filtered = engine.run_query("", engine.Filters(topic=topic.slug), per_page=1000)
    assert article.pk in {h.article_id for h in filtered.hits}


def test_deleted_article_leaves_the_index(index):
    article = Article.objects.order_by("pk").last()
    article.title = "将被删除的独特标题甲乙丙"
    article.save()
    indexing.process_pending()
    assert result_ids("独特标题甲乙丙") == [article.pk]
    article.delete()
    indexing.process_pending()
    assert result_ids("独特标题甲乙丙") == []


def test_busy_write_lock_never_blocks_or_fails_a_save_and_the_update_lands_later(index):
    ix = indexing.get_index()
    holder = ix.writer()  # another process (an import, a rebuild) holds the lock
    try:
        article = Article.objects.order_by("pk").first()
        article.title = "锁被占用时保存的标题"
        article.save()
        applied = indexing.process_pending(wait=False)
        # haystack's own update path must not wait for the lock either
        index_obj = connections["default"].get_unified_index().get_index(Article)
        connections["default"].get_backend().update(index_obj, [article])
        assert applied == 0
        assert IndexQueue.objects.filter(article_id=article.pk).exists()
        assert result_ids("锁被占用时保存") == []
    finally:
        holder.cancel()
    assert indexing.process_pending() >= 1
    assert result_ids("锁被占用时保存") == [article.pk]


def test_process_pending_with_wait_applies_once_the_lock_is_released(index):
    ix = indexing.get_index()
    holder = ix.writer()
    article = Article.objects.order_by("pk").first()
    article.title = "等待写锁释放后的标题"
    article.save()
    releaser = threading.Timer(0.3, holder.cancel)
    releaser.start()
    try:
        assert indexing.process_pending(wait=True) >= 1
    finally:
        releaser.join()
    assert result_ids("等待写锁释放") == [article.pk]


def test_many_small_commits_are_merged_outside_requests(index):
    article = Article.objects.order_by("pk").first()
    for i in range(indexing.MAX_SEGMENTS + 2):
        article.title = f"分段测试{i}"
        article.save()
        indexing.process_pending()
    assert indexing.segment_count() > indexing.MAX_SEGMENTS
    assert indexing.merge_segments(wait=True)
    assert indexing.segment_count() <= indexing.MAX_SEGMENTS
    assert result_ids(f"分段测试{indexing.MAX_SEGMENTS + 1}") == [article.pk]
    assert engine.run_query("").total == Article.objects.count()


def test_rebuild_with_worker_processes_gives_the_same_index(isolated_index):
    assert indexing.rebuild(batch_size=10, procs=2) == Article.objects.count()
    assert engine.run_query("").total == Article.objects.count()
    assert scan("黄精") <= set(result_ids("黄精"))


def test_rebuild_command_writes_more_segments_under_a_small_memory_limit(isolated_index):
    out = io.StringIO()
    call_command(
        "process_index_queue", "--rebuild", "--procs", "1", "--memory-mb", "1", "--no-progress", stdout=out
    )
    assert f"{Article.objects.count()} 篇文章" in out.getvalue()
    assert indexing.segment_count() > 1
    assert engine.run_query("").total == Article.objects.count()
    assert scan("黄精") <= set(result_ids("黄精"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_background_thread_applies_a_save_once_the_lock_is_released(isolated_index, settings):
    """The real path of an admin save: commit → queue row → per-process thread → index."""
    settings.SEARCH_BACKGROUND_INDEXING = True
    indexing.rebuild()
    holder = indexing.get_index().writer()
    try:
        article = Article.objects.order_by("pk").first()
        article.title = "后台线程写入的标题"
        article.save()  # autocommit: on_commit fires now and wakes the thread, which finds the lock busy
        assert IndexQueue.objects.filter(article_id=article.pk).exists()
    finally:
        holder.cancel()
    indexing._retrier.join(timeout=60)
    assert not IndexQueue.objects.exists()
    assert result_ids("后台线程写入") == [article.pk]


def test_a_long_queue_is_indexed_by_worker_processes_in_one_commit(index, monkeypatch):
    """An import of many pages: the whole queue lands in one parallel commit, nothing lost."""
    monkeypatch.setattr(indexing, "BULK_THRESHOLD", 3)
    articles = list(Article.objects.order_by("pk")[:12])
    for i, article in enumerate(articles):
        article.title = f"批量索引标题{i:02d}号"
        article.save()
    segments_before = indexing.segment_count()
    assert indexing.process_pending(wait=True, procs=2) == len(articles)
    assert not IndexQueue.objects.exists()
    # One commit of at most one segment per worker (plus the parent's deletions).
    assert indexing.segment_count() <= segments_before + 3
    assert set(result_ids("批量索引标题")) == {a.pk for a in articles}
    assert result_ids('"批量索引标题07号"') == [articles[7].pk]
    # The old entries were replaced, not duplicated.
    assert engine.run_query("").total == Article.objects.count()


def test_an_index_with_whooshs_position_encoding_is_searched_and_then_rebuilt_packed(isolated_index):
    # Indexes written before positions were packed store Whoosh's pickled positions.
    backend = indexing.get_backend()
    older = copy.deepcopy(backend.schema)
    for name in older.names():
        if isinstance(older[name].format, PackedPositions):
            older[name].format = Positions(field_boost=older[name].format.field_boost)
    backend.index = backend.storage.create_index(older)
    indexing.index_objects(list(Article.objects.all()), backend)
    assert type(indexing.get_backend().storage.open_index().schema["grams"].format) is Positions
    # A process started afterwards (haystack opens the index with the code's schema).
    connections.reload("default")
    engine.reset()
    expected = scan("一件事一次办")
    assert expected and set(result_ids('"一件事一次办"')) == expected
    assert set(result_ids('"政务服务"')) == scan("政务服务")

    indexing.rebuild(batch_size=10)
    assert type(indexing.get_backend().storage.open_index().schema["grams"].format) is PackedPositions
    assert set(result_ids('"一件事一次办"')) == expected
    assert set(result_ids('"政务服务"')) == scan("政务服务")


def _row_with_a_lower_id_later(article: Article) -> int:
    """A free queue-row id below one already queued: what PostgreSQL gives a transaction that
    inserted before another but commits after it."""
    first = IndexQueue.objects.create(article_id=article.pk)
    IndexQueue.objects.create(article_id=article.pk)
    IndexQueue.objects.filter(pk=first.pk).delete()  # (the model has a field named delete)
    return first.pk


def test_an_edit_committing_during_a_rebuild_with_a_lower_queue_id_is_not_lost(isolated_index):
    article = Article.objects.order_by("pk").last()
    late_id = _row_with_a_lower_id_later(article)
    edited = Article.objects.order_by("pk").first()  # in the rebuild's first batch, already read

    def commit_an_older_edit(count: int) -> None:
        # Forced interleaving: the edit's row (lower id than one the rebuild saw) and its
        # change become visible while the rebuild is writing.
        if not IndexQueue.objects.filter(pk=late_id).exists():
            Article.objects.filter(pk=edited.pk).update(title="迟到的编辑标题甲乙丙")
            IndexQueue.objects.create(pk=late_id, article_id=edited.pk)

    indexing.rebuild(batch_size=7, procs=1, progress=commit_an_older_edit)
    indexing.process_pending()
    assert result_ids("迟到的编辑标题甲乙丙") == [edited.pk]


def test_process_pending_deletes_only_the_rows_it_applied(index, monkeypatch):
    edited = Article.objects.order_by("pk").first()
    late_id = _row_with_a_lower_id_later(edited)
    apply = indexing._apply

    def apply_then_an_older_edit_commits(writer, article_ids, backend, documents_to=None):
        # The article was read and written; now an edit of it, queued earlier, commits.
        apply(writer, article_ids, backend, documents_to)
        if not IndexQueue.objects.filter(pk=late_id).exists():
            Article.objects.filter(pk=edited.pk).update(title="另一次迟到的编辑")
            IndexQueue.objects.create(pk=late_id, article_id=edited.pk)

    monkeypatch.setattr(indexing, "_apply", apply_then_an_older_edit_commits)
    indexing.process_pending()
    monkeypatch.setattr(indexing, "_apply", apply)
    assert IndexQueue.objects.filter(pk=late_id).exists()
    indexing.process_pending()
    assert result_ids("另一次迟到的编辑") == [edited.pk]
