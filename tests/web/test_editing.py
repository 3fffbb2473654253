"""Editors' corrections through the admin's own forms: stale saves, history, roles, boundaries, export."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from archive.ingest import decode_page, segment_page
from archive.models import Article, BoundaryCorrection, SourcePage
from archive.services.boundary_text import paragraphs_of
from search.index import indexing
from search.models import IndexQueue
from tests.conftest import SEED_DIR
from tests.web.test_admin import form_data

pytestmark = pytest.mark.django_db


def change_url(article: Article) -> str:
    return reverse("admin:archive_article_change", args=[article.pk])


def boundaries_url(article: Article) -> str:
    return reverse("admin:archive_article_boundaries", args=[article.pk])


def act(client, article: Article, **data):
    """Press a button on the boundary page, as loaded just before (the form carries its version)."""
    page = client.get(boundaries_url(article)).content.decode()
    version = re.search(r'name="version" value="([^"]*)"', page).group(1)
    return client.post(boundaries_url(article), {"version": version, **data})


# --- (3) stale saves --------------------------------------------------------------------


def test_a_stale_form_is_refused_with_what_changed(admin_client):
    article = Article.objects.filter(title__gt="").exclude(display_title="").first()
    old_title = article.title
    first = form_data(admin_client.get(change_url(article)))
    second = form_data(admin_client.get(change_url(article)))

    first["title"] = "第一位编辑改定的标题"
    assert admin_client.post(change_url(article), first).status_code == 302
    article.refresh_from_db()
    assert article.display_title == "第一位编辑改定的标题"  # the display title follows the title

    second["kicker"] = "第二位编辑的引题"
    response = admin_client.post(change_url(article), second)
    assert response.status_code == 200
    page = response.content.decode()
    assert "你的保存没有生效" in page
    assert escape(f"标题：「{old_title}」→「第一位编辑改定的标题」") in page
    article.refresh_from_db()
    assert article.title == article.display_title == "第一位编辑改定的标题"
    assert article.kicker != "第二位编辑的引题"

    # Reopened, the second editor's change goes through.
    again = form_data(admin_client.get(change_url(article)))
    again["kicker"] = "第二位编辑的引题"
    assert admin_client.post(change_url(article), again).status_code == 302
    article.refresh_from_db()
    assert article.kicker == "第二位编辑的引题" and article.title == "第一位编辑改定的标题"


def test_a_display_title_set_on_purpose_stays_when_the_title_changes(admin_client):
    article = Article.objects.filter(title__gt="").first()
    data = form_data(admin_client.get(change_url(article)))
    data["display_title"] = "网站上显示的另一个标题"
    assert admin_client.post(change_url(article), data).status_code == 302
    data = form_data(admin_client.get(change_url(article)))
    data["title"] = "改过的印刷标题"
    assert admin_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.display_title) == ("改过的印刷标题", "网站上显示的另一个标题")


def test_captions_are_edited_one_per_line(admin_client):
    article = Article.objects.exclude(captions=[]).first()
    response = admin_client.get(change_url(article))
    assert escape("\n".join(article.captions)) in response.content.decode()
    data = form_data(response)
    data["captions"] = "第一条说明\n\n  第二条说明  \n"
    assert admin_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.captions == ["第一条说明", "第二条说明"]


# --- (4) history ------------------------------------------------------------------------


def test_history_shows_who_changed_what_and_reverts(admin_client, admin_user):
    article = Article.objects.filter(title__gt="", edited=False).first()
    original = article.title
    data = form_data(admin_client.get(change_url(article)))
    data["title"] = "历史测试标题"
    assert admin_client.post(change_url(article), data).status_code == 302

    history = admin_client.get(reverse("admin:archive_article_history", args=[article.pk])).content.decode()
    assert admin_user.username in history
    assert "自动切分的原始版本" in history
    from reversion.models import Version

    baseline = Version.objects.get_for_object(article).order_by("pk").first()
    assert baseline.field_dict["title"] == original
    revert_url = reverse("admin:archive_article_revision", args=[article.pk, baseline.pk])
    data = form_data(admin_client.get(revert_url))
    assert data["title"] == original
    assert admin_client.post(revert_url, data).status_code == 302
    article.refresh_from_db()
    assert article.title == original


# --- (5) roles --------------------------------------------------------------------------


def test_editor_group_edits_articles_but_not_users(client):
    group = Group.objects.get(name="编辑")
    editor = User.objects.create_user("editor", password="pw", is_staff=True)
    editor.groups.add(group)
    client.force_login(editor)
    article = Article.objects.first()
    assert client.get(change_url(article)).status_code == 200
    assert client.get(boundaries_url(article)).status_code == 200
    for name in ("reporter", "topic", "sourcepage"):
        assert client.get(reverse(f"admin:archive_{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert not editor.has_perm("auth.change_user")
    assert editor.has_perm("archive.change_byline") and editor.has_perm("archive.delete_byline")


# --- (1) boundaries ---------------------------------------------------------------------


def test_merge_then_split_restores_the_importers_article(admin_client, client):
    brief = Article.objects.get(title="炎陵回收快递包装箱可换礼物")
    above = brief.source_page.articles.get(position=brief.position - 1)
    expected = {
        "title": brief.title,
        "reporters": [b.reporter.name for b in brief.bylines.select_related("reporter")],
        "place": brief.place_id,
        "topics": set(brief.topics.values_list("name", flat=True)),
        "body": brief.body,
    }
    brief_id = brief.pk

    response = act(admin_client, above, action="merge", direction="next")
    assert response.status_code == 302
    above.refresh_from_db()
    assert not Article.objects.filter(pk=brief_id).exists()
    assert above.body.endswith(expected["body"]) and above.edited
    # The merged-away article's URL leads to the article that absorbed it.
    moved = client.get(reverse("archive:article", args=[brief_id]))
    assert moved.status_code == 301 and moved["Location"] == reverse("archive:article", args=[above.pk])

    first_of_brief = paragraphs_of(expected["body"])[0]
    index = paragraphs_of(above.body).index(first_of_brief)
    response = act(admin_client, above, action="split", index=str(index))
    assert response.status_code == 302
    new = Article.objects.get(source_page=above.source_page, position=above.position + 1)
    assert response["Location"].startswith(boundaries_url(new))
    assert new.title == expected["title"]
    assert [b.reporter.name for b in new.bylines.select_related("reporter")] == expected["reporters"]
    assert new.place_id == expected["place"]
    assert set(new.topics.values_list("name", flat=True)) == expected["topics"]
    assert new.body == expected["body"]
    above.refresh_from_db()
    assert expected["body"] not in above.body

    # The page beside the buttons marks what moved and has it scrolled into view by the script.
    page = admin_client.get(response["Location"]).content.decode()
    assert '<mark class="affected">' in page and "js/admin-source.js" in page
    assert [c.action for c in BoundaryCorrection.objects.filter(source_page=above.source_page)] == [
        "merge",
        "split",
    ]
    assert IndexQueue.objects.filter(article_id__in=[above.pk, new.pk]).exists()


def test_move_paragraph_caption_and_byline_and_furniture(admin_client):
    article = next(a for a in Article.objects.filter(position__gt=0) if len(paragraphs_of(a.body)) >= 3)
    previous = article.source_page.articles.get(position=article.position - 1)
    moving = paragraphs_of(article.body)[0]
    assert act(admin_client, article, action="paragraph", index="0", direction="previous").status_code == 302
    article.refresh_from_db()
    previous.refresh_from_db()
    assert paragraphs_of(previous.body)[-1] == moving and moving not in article.body

    leaving = paragraphs_of(article.body)[-1]
    assert act(admin_client, article, action="furniture", index=str(len(paragraphs_of(article.body)) - 1))
    article.refresh_from_db()
    page = SourcePage.objects.get(pk=article.source_page_id)
    assert leaving not in article.body
    index = [f["text"] for f in page.furniture].index(leaving)
    assert act(admin_client, article, action="restore", index=str(index)).status_code == 302
    article.refresh_from_db()
    assert paragraphs_of(article.body)[-1] == leaving

    with_bylines = Article.objects.filter(bylines__isnull=False, position__gt=0).distinct().first()
    byline = with_bylines.bylines.select_related("reporter").first()
    target = with_bylines.source_page.articles.get(position=with_bylines.position - 1)
    act(admin_client, with_bylines, action="byline", index="0", direction="previous")
    assert target.bylines.filter(reporter=byline.reporter, role=byline.role).exists()
    assert not with_bylines.bylines.filter(pk=byline.pk).exists()


def test_source_page_admin_links_each_article_to_its_boundaries(admin_client):
    page = SourcePage.objects.filter(articles__isnull=False).first()
    html = admin_client.get(reverse("admin:archive_sourcepage_change", args=[page.pk])).content.decode()
    for article in page.articles.all():
        assert boundaries_url(article) in html


def test_boundary_buttons_refuse_bad_requests_and_stale_pages(admin_client):
    article = Article.objects.filter(position=0).first()
    response = act(admin_client, article, action="merge", direction="previous")
    assert response.status_code == 302
    follow = admin_client.get(response["Location"]).content.decode()
    assert "本版没有上一篇文章" in follow
    for data in ({"action": "split", "index": "0"}, {"action": "split", "index": "x"}, {"action": "nope"}):
        assert act(admin_client, article, **data).status_code == 302
    stale_form = {"version": "2000-01-01", "action": "split", "index": "1"}
    stale = admin_client.post(boundaries_url(article), stale_form)
    assert stale.status_code == 302
    assert "操作没有执行" in admin_client.get(stale["Location"]).content.decode()
    assert admin_client.get(boundaries_url(article) + "?mark=5-1,abc,1-99999999").status_code == 200
    assert admin_client.get(reverse("admin:archive_article_boundaries", args=[10**9])).status_code == 404


def test_split_and_merge_reach_search(admin_client, isolated_index):
    indexing.rebuild()
    brief = Article.objects.get(title="炎陵回收快递包装箱可换礼物")
    above = brief.source_page.articles.get(position=brief.position - 1)
    act(admin_client, above, action="merge", direction="next")
    indexing.process_pending(wait=True)
    results = admin_client.get(reverse("search:search"), {"q": "快递包装箱"}).content.decode()
    assert reverse("archive:article", args=[above.pk]) in results
    assert reverse("archive:article", args=[brief.pk]) not in results


# --- (7) public pages -------------------------------------------------------------------


def test_public_article_page_says_whether_an_editor_checked_it(client, admin_client):
    article = Article.objects.filter(edited=False).first()
    url = reverse("archive:article", args=[article.pk])
    assert "自动切分，尚未人工核对" in client.get(url).content.decode()
    data = form_data(admin_client.get(change_url(article)))
    assert admin_client.post(change_url(article), data).status_code == 302
    assert "自动切分，尚未人工核对" not in client.get(url).content.decode()


# --- (6) export -------------------------------------------------------------------------


GOLD_KEYS = [
    "id",
    "title",
    "kicker",
    "subtitle",
    "reporters",
    "captions",
    "county",
    "prefecture",
    "topics",
    "body_start",
    "body_end",
    "title_after_body",
    "split",
    "duplicated_in_source",
    "notes",
]


def export_gold(*args) -> dict:
    out = StringIO()
    call_command("export_gold", *args, stdout=out)
    return json.loads(out.getvalue())


def test_export_of_untouched_pages_is_the_importers_segmentation():
    exported = {p["file"]: p for p in export_gold()["pages"]}
    assert set(exported) == set(SourcePage.objects.values_list("file_name", flat=True))
    for path in sorted(SEED_DIR.glob("*.txt")):
        page = exported[path.name]
        assert set(page) == {"file", "articles", "unassigned"}
        text = decode_page(path.read_bytes()).text
        printed = re.sub(r"\s+", "", text)
        segmented = segment_page(text, file=path.name)
        assert len(page["articles"]) == len(segmented.articles)
        for got, seg in zip(page["articles"], segmented.articles, strict=True):
            assert list(got) == GOLD_KEYS
            body = re.sub(r"\s+", "", seg.body)
            # Anchors are the body's ends, or where the file does not print an end as the body
            # has it (a re-joined paragraph), the nearest 20 characters of the body it does print.
            for key, edge in (("body_start", body[:20]), ("body_end", body[-20:])):
                assert len(got[key]) == min(20, len(body)) and got[key] in body and got[key] in printed
                assert got[key] == edge or edge not in printed
            assert got["title"] == (seg.title or None)
            assert got["kicker"] == (seg.kicker or None) and got["subtitle"] == (seg.subtitle or None)
            assert got["reporters"] == [{"name": r.name, "role": r.role} for r in seg.reporters]
            assert got["captions"] == seg.captions
            assert (got["county"], got["prefecture"]) == (seg.place.county, seg.place.prefecture)
            assert got["topics"] == [t.name for t in seg.topics]
    assert export_gold("--edited-only")["pages"] == []


def test_export_edited_only_carries_the_editors_decision(admin_client):
    brief = Article.objects.get(title="炎陵回收快递包装箱可换礼物")
    above = brief.source_page.articles.get(position=brief.position - 1)
    act(admin_client, above, action="merge", direction="next")
    pages = export_gold("--edited-only")["pages"]
    assert [p["file"] for p in pages] == [above.source_page.file_name]
    merged = next(a for a in pages[0]["articles"] if a["title"] == above.title)
    assert merged["body_end"] == re.sub(r"\s+", "", brief.body)[-20:]
    assert not any(a["title"] == brief.title for a in pages[0]["articles"])


def test_an_exported_folder_is_training_data_with_the_editors_decision(admin_client, tmp_path):
    """``export_gold --pages-dir`` writes a set both training commands read: corrections feed the models."""
    from archive.ingest.annotated import read_gold_file
    from archive.ingest.topic_data import read_gold_set

    brief = Article.objects.get(title="炎陵回收快递包装箱可换礼物")
    above = brief.source_page.articles.get(position=brief.position - 1)
    act(admin_client, above, action="merge", direction="next")
    export_gold("--edited-only", "--pages-dir", str(tmp_path))
    (page,) = read_gold_file(tmp_path / "gold.json", tmp_path)
    assert page.name == above.source_page.file_name
    assert page.path.read_text(encoding="utf-8") == above.source_page.raw_text
    # The merged article's body now runs to the brief's end, and the brief is gone as an article.
    merged = next(a for a in page.articles if a.title == above.title)
    assert merged.body_end == re.sub(r"\s+", "", brief.body)[-20:]
    topics = read_gold_set(tmp_path / "gold.json", tmp_path)
    heads = " ".join(a.head for a in topics)
    assert above.title in heads and brief.title not in heads


# --- (4) undoing boundary actions -------------------------------------------------------


def test_undo_brings_a_merged_away_article_back_with_its_url(admin_client, client):
    brief = Article.objects.get(title="炎陵回收快递包装箱可换礼物")
    above = brief.source_page.articles.get(position=brief.position - 1)
    before = {
        "above": (above.body, list(above.bylines.values_list("reporter__name", "role"))),
        "brief": (brief.body, list(brief.bylines.values_list("reporter__name", "role"))),
        "topics": set(brief.topics.values_list("name", flat=True)),
        "positions": list(brief.source_page.articles.order_by("position").values_list("pk", flat=True)),
    }
    act(admin_client, above, action="merge", direction="next")
    history = admin_client.get(reverse("admin:archive_article_history", args=[above.pk])).content.decode()
    assert f"合并：文章 {brief.pk} 并入文章 {above.pk}" in history

    page = admin_client.get(boundaries_url(above)).content.decode()
    assert "撤销本版最近一次切分操作" in page
    assert act(admin_client, above, action="undo").status_code == 302
    above.refresh_from_db()
    brief = Article.objects.get(pk=brief.pk)
    assert (above.body, list(above.bylines.values_list("reporter__name", "role"))) == before["above"]
    assert (brief.body, list(brief.bylines.values_list("reporter__name", "role"))) == before["brief"]
    assert set(brief.topics.values_list("name", flat=True)) == before["topics"]
    assert (
        list(brief.source_page.articles.order_by("position").values_list("pk", flat=True))
        == before["positions"]
    )
    assert client.get(reverse("archive:article", args=[brief.pk])).status_code == 200
    assert not BoundaryCorrection.objects.exists()
    assert IndexQueue.objects.filter(article_id=brief.pk).exists()


def test_undo_a_split_deletes_the_new_article(admin_client):
    article = next(a for a in Article.objects.order_by("pk") if len(paragraphs_of(a.body)) >= 3)
    body = article.body
    act(admin_client, article, action="split", index="1")
    new = Article.objects.get(source_page=article.source_page, position=article.position + 1)
    act(admin_client, article, action="undo")
    article.refresh_from_db()
    assert article.body == body
    assert not Article.objects.filter(pk=new.pk).exists()
    # Nothing left to undo: the button says so instead of failing.
    response = act(admin_client, article, action="undo")
    assert "本版没有可以撤销的切分操作" in admin_client.get(response["Location"]).content.decode()
