"""``check_index``: missing, stale and orphan documents found, and repaired with --fix."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article, Topic
from search.index import indexing
from search.index.consistency import check_index

from .helpers import result_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(isolated_index):
    indexing.rebuild(batch_size=50, procs=1)
    return isolated_index


def test_a_fresh_index_is_consistent(index):
    report = check_index()
    assert report.ok
    assert report.articles == report.documents == Article.objects.count()


def test_missing_stale_and_orphan_documents_are_found_and_fixed(index):
    articles = list(Article.objects.order_by("pk"))
    missing, retitled, retopiced, gone = articles[0], articles[1], articles[2], articles[3]
    # Changes made behind the queue's back (as a restored database or a lost queue would leave them).
    indexing.remove_identifiers([indexing.identifier(missing.pk)])
    Article.objects.filter(pk=retitled.pk).update(title="索引里没有的新标题甲乙")
    retopiced.topics.set([Topic.objects.exclude(pk__in=retopiced.topics.all()).first()])
    gone_pk = gone.pk
    Article.objects.filter(pk=gone_pk).delete()
    from search.models import IndexQueue

    IndexQueue.objects.all().delete()

    report = check_index()
    assert report.missing == [missing.pk]
    assert sorted(report.stale) == sorted([retitled.pk, retopiced.pk])
    assert report.orphans == [gone_pk]

    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_index", stdout=out)
    assert "缺失 1，过期 2，多余 1" in out.getvalue()
    call_command("check_index", "--fix", stdout=out)
    assert check_index().ok
    assert result_ids("索引里没有的新标题甲乙") == [retitled.pk]
