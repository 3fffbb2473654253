"""Editors' boundary corrections survive a re-import of a changed page, or are flagged when they cannot."""

from __future__ import annotations

import pytest
from django.urls import reverse

from archive.models import Article, BoundaryCorrection
from archive.services import boundaries
from archive.services.boundary_text import locate, paragraphs_of
from archive.services.importer import import_paths
from tests.conftest import SEED_DIR

pytestmark = pytest.mark.django_db

PAGE = sorted(SEED_DIR.glob("*.txt"))[4]


def page_articles() -> list[Article]:
    return list(Article.objects.filter(source_page__file_name=PAGE.name).order_by("position"))


def reimport(tmp_path, text: str):
    changed = tmp_path / PAGE.name
    changed.write_text(text, encoding="utf-8")
    summary = import_paths([changed], progress=False)
    assert summary.ok and summary.pages_changed == 1
    return summary


def test_a_split_and_a_merge_survive_a_changed_page(tmp_path, isolated_index, admin_user):
    articles = page_articles()
    long = next(a for a in articles if len(paragraphs_of(a.body)) >= 3)
    second_half = paragraphs_of(long.body)[1:]
    split = boundaries.split_article(long, 1, user=admin_user).article
    brief = Article.objects.get(title="炎陵回收快递包装箱可换礼物")
    above = brief.source_page.articles.get(position=brief.position - 1)
    boundaries.merge_article(above, "next", user=admin_user)
    above.refresh_from_db()
    count = len(page_articles())

    # The page comes again with a word changed in an article nobody touched.
    untouched = next(a for a in page_articles() if not a.edited and len(a.body) > 40)
    words = paragraphs_of(untouched.body)[0][:10]
    text = PAGE.read_text(encoding="utf-8")
    assert words in text
    summary = reimport(tmp_path, text.replace(words, "（更正）" + words, 1))

    after = page_articles()
    assert len(after) == count  # neither the split-off article nor the merged-away one came back
    long.refresh_from_db()
    split.refresh_from_db()
    assert paragraphs_of(long.body)[-1] not in "\n\n".join(second_half)
    assert split.body.endswith(second_half[-1]) and split.pk in summary.pages[0].kept_edited
    # Found again on the new page (not orphaned): the replayed split produced its text.
    assert "orphaned" not in split.review_reasons and split.spans
    above.refresh_from_db()
    assert brief.body in above.body
    assert not Article.objects.filter(pk=brief.pk).exists()
    assert set(BoundaryCorrection.objects.values_list("status", flat=True)) == {"applied"}
    assert not any("correction_stale" in a.review_reasons for a in after)
    assert any("（更正）" in a.body for a in after)


def test_a_split_whose_paragraph_is_gone_is_flagged_for_review(tmp_path, isolated_index, admin_user):
    long = next(a for a in page_articles() if len(paragraphs_of(a.body)) >= 3)
    cut_at = paragraphs_of(long.body)[1]
    boundaries.split_article(long, 1, user=admin_user)

    # The new page file no longer prints the paragraph the editor split at.
    text = PAGE.read_text(encoding="utf-8")
    head = cut_at[:15]
    assert head in text
    reimport(tmp_path, text.replace(head, "", 1))

    correction = BoundaryCorrection.objects.get(source_page__file_name=PAGE.name)
    assert correction.status == BoundaryCorrection.Status.STALE
    long.refresh_from_db()
    assert long.needs_review and "correction_stale" in long.review_reasons
    assert "编辑的切分修正在重新导入后无法套用" in long.review_reason_labels()


def test_stale_corrections_are_listed_in_the_admin(admin_client, admin_user):
    long = next(a for a in page_articles() if len(paragraphs_of(a.body)) >= 3)
    boundaries.split_article(long, 1, user=admin_user)
    BoundaryCorrection.objects.update(status=BoundaryCorrection.Status.STALE)
    url = reverse("admin:archive_boundarycorrection_changelist")
    page = admin_client.get(url, {"status__exact": "stale"}).content.decode()
    assert PAGE.name in page and "拆分" in page
    assert admin_client.get(url, {"status__exact": "applied"}).context["cl"].result_count == 0


def test_moved_and_set_aside_paragraphs_stay_where_the_editor_put_them(tmp_path, isolated_index, admin_user):
    articles = page_articles()
    article = next(a for a in articles[1:] if len(paragraphs_of(a.body)) >= 3)
    previous = articles[articles.index(article) - 1]
    moved = paragraphs_of(article.body)[0]
    boundaries.move_part(article, "paragraph", 0, "previous", user=admin_user)
    article.refresh_from_db()
    aside = paragraphs_of(article.body)[-1]
    boundaries.set_aside(article, len(paragraphs_of(article.body)) - 1, user=admin_user)

    untouched = next(a for a in page_articles() if not a.edited and len(a.body) > 40)
    words = paragraphs_of(untouched.body)[0][:10]
    text = PAGE.read_text(encoding="utf-8")
    reimport(tmp_path, text.replace(words, "（更正）" + words, 1))

    previous.refresh_from_db()
    article.refresh_from_db()
    assert paragraphs_of(previous.body)[-1] == moved and moved not in article.body
    # The spans (where each article sits on the new page) follow the editor's boundaries too.
    raw = article.source_page.raw_text
    start, end = locate(raw, moved)
    assert any(s <= start and end <= e for s, e in previous.spans)
    assert not any(s < end and start < e for s, e in article.spans)
    assert aside not in article.body
    assert aside in [item["text"] for item in article.source_page.furniture]
    assert set(BoundaryCorrection.objects.values_list("status", flat=True)) == {"applied"}
    assert not any("orphaned" in a.review_reasons for a in page_articles())
