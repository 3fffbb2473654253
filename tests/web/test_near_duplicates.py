"""Printings of one report (另见于): grouped on import, kept current by edits, shown once in results."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import opencc
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.models import Article, StoryGroup
from archive.services.duplicates import other_printings
from archive.services.importer import import_paths
from search.engine import executor as engine
from search.results import load_items
from tests.ingest.test_near_duplicates import DIFFERENT, ORIGINALS
from tests.web.test_admin import form_data

pytestmark = pytest.mark.django_db

REPORT = ORIGINALS["canteen"]
# The municipal daily's printing: other credits and one sentence more.
REPRINT = (
    REPORT.replace("本报讯（记者 刘清 通讯员 邓一帆）", "永州日报讯（通讯员 邓一帆 蒋丽）")
    + "\n\n据了解，该县还将为助餐点招募更多志愿者。"
)
# The county site's printing, in traditional characters.
SITE_COPY = opencc.OpenCC("s2t").convert(REPORT)


def _page(tmp_path: Path, name: str, header: str, headline: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(f"{header}\n\n{headline}\n\n{body}\n", encoding="utf-8")
    return path


def _import(tmp_path: Path, *which: str) -> dict[str, Article]:
    pages = {
        "hunan": (
            "hn_0622_03.txt",
            "湖南日报  2024年6月22日  星期六  03  要闻",
            "东安幸福食堂暖了老人胃",
            REPORT,
        ),
        "yongzhou": (
            "yz_0623_a2.txt",
            "永州日报  2024年6月23日  星期日  A2  县区",
            "老人吃上三元午餐",
            REPRINT,
        ),
        "site": ("dongan_site.txt", "东安县人民政府网  2024年6月24日", "東安縣建成老年助餐點46個", SITE_COPY),
    }
    files = [_page(tmp_path, *pages[key]) for key in which]
    assert import_paths(files, progress=False).ok
    found = {}
    for key in which:
        found[key] = Article.objects.get(source_page__file_name=pages[key][0], body__contains="助餐")
    return found


def test_two_papers_printing_one_report_are_one_result_with_another_printing(
    client, tmp_path, isolated_index
):
    printed = _import(tmp_path, "hunan", "yongzhou")
    hunan, yongzhou = printed["hunan"], printed["yongzhou"]
    assert hunan.story_group_id is not None and hunan.story_group_id == yongzhou.story_group_id

    html = client.get(reverse("search:search"), {"q": "芦洪市镇幸福食堂"}).content.decode()
    assert "找到 <strong>2</strong> 篇" in html  # the count stays the number of articles found
    assert html.count('<li class="result">') == 1  # …listed once, under the better-ranked printing
    assert "另见于" in html and "已并入此条" in html
    urls = {a.pk: reverse("archive:article", args=[a.pk]) for a in (hunan, yongzhou)}
    shown = [pk for pk, url in urls.items() if f'<h3 class="result__title"><a href="{url}"' in html]
    assert len(shown) == 1
    other = next(pk for pk in urls if pk not in shown)
    assert f'href="{urls[other]}"' in html

    page = client.get(urls[other])
    assert page.status_code == 200
    text = page.content.decode()
    assert "其他版本" in text and f'href="{urls[shown[0]]}"' in text
    assert "2024年6月" in text and ("湖南日报" in text or "永州日报" in text)

    data = client.get(reverse("search:api"), {"q": "芦洪市镇幸福食堂"}).json()
    result = data["results"][0]
    assert result["folded"] == 1
    assert [p["id"] for p in result["also_in"]] == [other]
    assert result["also_in"][0]["url"].endswith(urls[other])


def test_a_later_import_joins_the_printings_already_grouped(tmp_path, isolated_index):
    first = _import(tmp_path, "hunan", "yongzhou")
    later = _import(tmp_path, "site")["site"]
    assert later.story_group_id == first["hunan"].story_group_id
    assert StoryGroup.objects.get(pk=later.story_group_id).articles.count() == 3


def test_an_edit_that_makes_it_another_story_takes_it_out_of_the_group(
    admin_client, tmp_path, isolated_index
):
    printed = _import(tmp_path, "hunan", "yongzhou")
    yongzhou = printed["yongzhou"]
    url = reverse("admin:archive_article_change", args=[yongzhou.pk])
    data = form_data(admin_client.get(url))
    data["body"] = DIFFERENT["canteen_other"]
    assert admin_client.post(url, data).status_code == 302
    yongzhou.refresh_from_db()
    assert yongzhou.story_group_id is None
    # A group of one is no group: the other printing shows no 另见于 either.
    printed["hunan"].refresh_from_db()
    assert printed["hunan"].story_group_id is None


def test_an_editors_removal_survives_regrouping(admin_client, client, tmp_path, isolated_index):
    printed = _import(tmp_path, "hunan", "yongzhou", "site")
    site = printed["site"]
    changelist = reverse("admin:archive_article_changelist")
    response = admin_client.post(
        changelist, {"action": "take_out_of_story_group", "_selected_action": [site.pk]}
    )
    assert response.status_code == 302
    out = StringIO()
    call_command("group_duplicates", "--rebuild", "--no-progress", stdout=out)
    assert "1 组同一报道，共 2 篇" in out.getvalue()
    for article in printed.values():
        article.refresh_from_db()
    assert site.story_group_id is None and site.story_group_excluded
    assert printed["hunan"].story_group_id == printed["yongzhou"].story_group_id is not None
    page = client.get(reverse("archive:article", args=[site.pk])).content.decode()
    assert "其他版本" not in page
    # The admin shows the group and the article's other printing.
    admin_page = admin_client.get(reverse("admin:archive_article_change", args=[printed["hunan"].pk]))
    assert (
        reverse("admin:archive_article_change", args=[printed["yongzhou"].pk]) in admin_page.content.decode()
    )
    groups = admin_client.get(reverse("admin:archive_storygroup_changelist"))
    assert groups.status_code == 200


def test_other_printings_cost_one_query_per_results_page(tmp_path, isolated_index):
    printed = _import(tmp_path, "hunan", "yongzhou", "site")
    plain = list(Article.objects.filter(story_group=None).values_list("pk", flat=True)[:3])
    grouped = [a.pk for a in printed.values()]
    with CaptureQueriesContext(connection) as without:
        load_items([engine.RawHit(pk, 1.0) for pk in plain], [])
    with CaptureQueriesContext(connection) as with_printings:
        items = load_items([engine.RawHit(pk, 1.0) for pk in plain + grouped], [])
    assert len(with_printings) == len(without) + 1  # the groups' first members, ranked, with their sizes
    print(f"queries per results page: {len(without)} without other printings, {len(with_printings)} with")
    assert len(items) == len(plain) + 1 and items[-1].folded == 2


def test_group_duplicates_command_explains_itself_in_chinese():
    from archive.management.commands.group_duplicates import Command

    assert "同一篇报道" in Command().create_parser("manage.py", "group_duplicates").format_help()


def test_a_result_names_the_oldest_other_printings_and_counts_them_all():
    members = list(Article.objects.filter(pub_date__isnull=False).order_by("pub_date", "pk")[:8])
    assert len(members) == 8
    group = StoryGroup.objects.create()
    Article.objects.filter(pk__in=[a.pk for a in members]).update(story_group=group)
    members = list(Article.objects.filter(story_group=group).order_by("pub_date", "pk"))
    middle = members[3]
    every = other_printings([middle])[middle.pk]
    named = other_printings([middle], limit=5)[middle.pk]
    assert [p.article_id for p in every.shown] == [a.pk for a in members if a.pk != middle.pk]
    assert [p.article_id for p in named.shown] == [a.pk for a in members[:6] if a.pk != middle.pk]
    assert every.total == named.total == 7
    assert all(p.url == reverse("archive:article", args=[p.article_id]) for p in every.shown)
