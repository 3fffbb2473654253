"""``manage.py backup`` / ``restore``: a round trip gives back the same archive and the same
search results (on SQLite and, under ``make test``, on PostgreSQL)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article
from search.engine import executor as engine
from search.index import indexing
from search.index.consistency import check_index

QUERIES = ["政务服务", "县", "涟源", "乡村振兴 -永州", '"一件事一次办"']


def answers() -> dict[str, tuple[int, list[int]]]:
    engine.reset()
    results = {}
    for q in QUERIES:
        found = engine.run_query(q, per_page=50)
        results[q] = (found.total, [h.article_id for h in found.hits])
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_and_restore_round_trip(tmp_path, isolated_index):
    indexing.rebuild(batch_size=50, procs=1)
    before = answers()
    titles = dict(Article.objects.values_list("pk", "title"))
    out = io.StringIO()
    call_command("backup", str(tmp_path / "backup"), stdout=out)
    assert f"已备份 {len(titles)} 篇文章" in out.getvalue()

    # Afterwards the archive changes: an article deleted, another retitled, both indexed.
    victim, edited = Article.objects.order_by("pk")[:2]
    victim.delete()
    edited.title = "备份之后改的标题"
    edited.save()
    indexing.process_pending(wait=True)
    assert answers() != before

    call_command("restore", str(tmp_path / "backup"), "--noinput", stdout=out)
    assert dict(Article.objects.values_list("pk", "title")) == titles
    assert answers() == before
    assert check_index().ok


@pytest.mark.django_db
def test_backup_refuses_a_directory_that_is_not_empty(tmp_path):
    (tmp_path / "something.txt").write_text("x")
    with pytest.raises(CommandError, match="不是空目录"):
        call_command("backup", str(tmp_path))
    with pytest.raises(CommandError, match="不是本系统的备份目录"):
        call_command("restore", str(tmp_path), "--noinput")
