"""Behaviour that SQLite and PostgreSQL would give differently, pinned to one answer
(``make test`` runs the suite on both)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from archive.models import Article, Reporter, SourcePage
from archive.services import browse
from archive.services.importer import import_paths

pytestmark = pytest.mark.django_db


def test_undated_pages_and_articles_are_listed_last(client):
    page = SourcePage.objects.order_by("pk").first()
    SourcePage.objects.filter(pk=page.pk).update(pub_date=None)
    Article.objects.filter(source_page=page).update(pub_date=None)
    listed = list(client.get(reverse("archive:source_pages")).context["source_pages"])
    undated = [p.pub_date is None for p in listed]
    assert undated == sorted(undated) and undated[0] is False  # the dated ones first
    assert page.pk in {p.pk for p in listed if p.pub_date is None}
    latest = browse.latest_articles(Article.objects.count())
    undated = [a.pub_date is None for a in latest]
    assert undated == sorted(undated) and any(undated)


def test_reporters_are_listed_in_pinyin_order_whatever_the_collation():
    for name in ("张三丰", "艾青青", "刘一手", "李白白"):
        reporter = Reporter.objects.create(name=name)
        reporter.bylines.create(article=Article.objects.order_by("pk").first(), role="记者")
    once = [r.name for r in browse.reporters_with_counts() if r.article_count == 1]
    mine = [n for n in once if n in {"张三丰", "艾青青", "刘一手", "李白白"}]
    # ai, li, liu, zhang: not the code-point order (刘 U+5218 < 张 U+5F20 < 李 U+674E < 艾 U+827E).
    assert mine == ["艾青青", "李白白", "刘一手", "张三丰"]


def test_admin_search_finds_a_county_by_alias(admin_client):
    response = admin_client.get(reverse("admin:archive_county_changelist"), {"q": "涟源地区"})
    assert [c.name for c in response.context["cl"].result_list] == ["娄底市"]


def test_a_page_that_fails_to_store_leaves_nothing(tmp_path, isolated_index, monkeypatch):
    from archive.services import importer

    def fail_after_the_page_row(*args, **kwargs):
        SourcePage.objects.create(file_name="half.txt", sha256="0" * 64, raw_text="x")
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "store_page", fail_after_the_page_row)
    page = tmp_path / "half.txt"
    page.write_text(
        "涟源市召开政务服务工作会议\n\n会议要求全市上下进一步优化营商环境，推进一件事一次办改革。\n"
    )
    summary = import_paths([page], progress=False)
    assert summary.pages[0].status == "failed" and "disk full" in summary.pages[0].reason
    assert not SourcePage.objects.filter(file_name="half.txt").exists()
    assert connection.in_atomic_block  # the test's own transaction is still usable
    assert SourcePage.objects.count() > 0
