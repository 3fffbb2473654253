"""The editors' admin: review list, filters, raw text beside the form, edits that reach search."""

from __future__ import annotations

import threading
import time

import pytest
from django import forms
from django.urls import reverse
from django.utils.html import escape

from archive.models import Article, Byline, County, Reporter, SourcePage, Topic
from search.index import indexing
from search.models import IndexQueue

pytestmark = pytest.mark.django_db


def changelist_ids(response) -> set[int]:
    assert response.status_code == 200
    return {obj.pk for obj in response.context["cl"].result_list}


def form_data(response) -> dict:
    """The change form's current values as the browser would post them back."""
    data: dict = {}
    adminform = response.context["adminform"]
    for fieldset in adminform:
        for line in fieldset:
            for field in line:
                if field.is_readonly:
                    continue
                bound = field.field
                value = bound.value()
                if value is None:
                    continue
                if isinstance(bound.field, forms.ModelMultipleChoiceField):
                    data[bound.html_name] = [str(v) for v in value]
                elif isinstance(value, bool):
                    if value:
                        data[bound.html_name] = "on"
                else:
                    data[bound.html_name] = bound.form.fields[bound.name].prepare_value(value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for form in formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value is not None and value != "":
                    data[form[name].html_name] = value
    return {k: v for k, v in data.items() if v is not None}


def test_admin_index_lists_the_archive_models(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    for model in ("article", "county", "topic", "reporter", "sourcepage"):
        assert reverse(f"admin:archive_{model}_changelist") in page


def test_review_list_and_filters(admin_client):
    url = reverse("admin:archive_article_changelist")
    everything = changelist_ids(admin_client.get(url, {"all": ""}))
    assert everything == set(Article.objects.values_list("pk", flat=True))
    flagged = set(Article.objects.filter(needs_review=True).values_list("pk", flat=True))
    assert flagged, "the seed pages should leave something for review"
    response = admin_client.get(url, {"needs_review__exact": "1"})
    assert changelist_ids(response) == flagged
    assert f"审核列表（{len(flagged)} 篇待审核）" in admin_client.get(url).content.decode()

    county = County.objects.filter(level="county", articles__isnull=False).first()
    prefecture = county.parent
    in_prefecture = set(Article.objects.in_place(prefecture).values_list("pk", flat=True))
    assert changelist_ids(admin_client.get(url, {"prefecture": prefecture.code})) == in_prefecture
    in_county = set(Article.objects.filter(place=county).values_list("pk", flat=True))
    response = admin_client.get(url, {"prefecture": prefecture.code, "county": county.code})
    assert changelist_ids(response) == in_county

    topic = Topic.objects.filter(articles__isnull=False).first()
    with_topic = set(topic.articles.values_list("pk", flat=True))
    assert changelist_ids(admin_client.get(url, {"topics__id__exact": topic.pk})) == with_topic

    reporter = Reporter.objects.filter(bylines__isnull=False).first()
    by_reporter = set(Article.objects.filter(reporters=reporter).values_list("pk", flat=True))
    assert by_reporter <= changelist_ids(admin_client.get(url, {"q": reporter.name}))


def test_change_form_shows_page_text_with_the_article_marked(admin_client):
    article = Article.objects.exclude(spans=[]).select_related("source_page").first()
    response = admin_client.get(reverse("admin:archive_article_change", args=[article.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    start, end = article.spans[0]
    marked = escape(article.source_page.raw_text[start:end])
    assert f'<mark id="article-span">{marked}</mark>' in page
    # Text outside the span is shown too, unmarked.
    assert article.source_page.file_name in page
    for label in article.review_reason_labels():
        assert label in page
    assert 'name="title"' in page and 'name="kicker"' in page and 'name="subtitle"' in page
    assert "bylines-TOTAL_FORMS" in page
    assert "admin-autocomplete" in page


def test_autocomplete_for_places_and_reporters(admin_client):
    url = reverse("admin:autocomplete")
    response = admin_client.get(
        url, {"term": "涟源", "app_label": "archive", "model_name": "article", "field_name": "place"}
    )
    # 娄底市 through its former name 涟源地区: aliases are searched on SQLite as on PostgreSQL.
    assert [r["text"] for r in response.json()["results"]] == ["娄底市", "涟源市"]
    reporter = Reporter.objects.first()
    response = admin_client.get(
        url,
        {"term": reporter.name, "app_label": "archive", "model_name": "byline", "field_name": "reporter"},
    )
    assert reporter.name in [r["text"] for r in response.json()["results"]]


def test_admin_edit_updates_the_article_and_reaches_search(admin_client, isolated_index):
    indexing.rebuild()
    article = Article.objects.filter(bylines__isnull=False).first()
    # (the seeds import clean: put the article on the review list as the review model would)
    Article.objects.filter(pk=article.pk).update(needs_review=True, review_reasons=["suspect_byline"])
    url = reverse("admin:archive_article_change", args=[article.pk])
    data = form_data(admin_client.get(url))
    new_place = County.objects.get(name="桑植县")
    new_topic = Topic.objects.exclude(articles=article).first()
    data.update(
        title="编辑改定的标题：桑植县试点瑶琳仙境模式",
        display_title="",
        kicker="编辑部特稿",
        place=str(new_place.pk),
        topics=[str(new_topic.pk)],
        pub_date="2024-11-30",
    )
    data.pop("needs_review", None)  # the editor ticks the review flag off
    reporter = Reporter.objects.create(name="萧楚河")
    total = int(data["bylines-TOTAL_FORMS"])
    data[f"bylines-{total - 1}-reporter"] = str(reporter.pk)
    data[f"bylines-{total - 1}-role"] = "摄影"
    data[f"bylines-{total - 1}-order"] = "9"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""

    article.refresh_from_db()
    assert article.title == "编辑改定的标题：桑植县试点瑶琳仙境模式"
    assert article.display_title == article.title and not article.title_derived
    assert article.kicker == "编辑部特稿"
    assert article.place == new_place
    assert list(article.topics.all()) == [new_topic]
    assert str(article.pub_date) == "2024-11-30" and not article.date_estimated
    assert article.edited and not article.needs_review
    assert Byline.objects.filter(article=article, reporter=reporter, role="摄影").exists()
    assert IndexQueue.objects.filter(article_id=article.pk).exists()

    # What the background indexer does a moment after the commit:
    indexing.process_pending(wait=True)
    results = admin_client.get(reverse("search:search"), {"q": "瑶琳仙境"}).content.decode()
    assert reverse("archive:article", args=[article.pk]) in results
    results = admin_client.get(reverse("search:search"), {"q": "萧楚河"}).content.decode()
    assert reverse("archive:article", args=[article.pk]) in results


def test_topic_keywords_are_editable(admin_client):
    topic = Topic.objects.get(name="生态环保")
    url = reverse("admin:archive_topic_change", args=[topic.pk])
    data = form_data(admin_client.get(url))
    data["keywords"] = topic.keywords + "\n湿地保护 3"
    assert admin_client.post(url, data).status_code == 302
    topic.refresh_from_db()
    assert topic.keyword_weights()["湿地保护"] == 3


def test_source_page_admin_shows_marked_text(admin_client):
    article = Article.objects.exclude(spans=[]).select_related("source_page").first()
    page = admin_client.get(reverse("admin:archive_sourcepage_change", args=[article.source_page_id]))
    assert page.status_code == 200
    assert "<mark" in page.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_admin_save_reaches_search_by_itself(admin_client, isolated_index, settings):
    """The real path: commit → the signal processor's background indexer → visible in search."""
    settings.SEARCH_BACKGROUND_INDEXING = True  # the test settings turn it off for the other tests
    indexing.rebuild()
    article = Article.objects.filter(bylines__isnull=False).order_by("pk").first()
    url = reverse("admin:archive_article_change", args=[article.pk])
    data = form_data(admin_client.get(url))
    data["title"] = "编辑部核定：雪峰山隧道贯通"
    assert admin_client.post(url, data).status_code == 302

    link = reverse("archive:article", args=[article.pk])
    deadline = time.monotonic() + 15  # a generous bound for a busy CI machine, not a speed test
    while True:
        page = admin_client.get(reverse("search:search"), {"q": "雪峰山隧道"}).content.decode()
        if link in page or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert link in page
    assert not IndexQueue.objects.exists()
    # Let the indexer go idle before the test's index and data are torn down.
    for thread in threading.enumerate():
        if thread.name == "search-indexer":
            thread.join(timeout=10)


def test_a_page_date_entered_by_an_editor_replaces_the_estimates(admin_client):
    page = SourcePage.objects.filter(articles__date_estimated=True).distinct().first()
    estimated = set(page.articles.filter(date_estimated=True).values_list("pk", flat=True))
    url = reverse("admin:archive_sourcepage_change", args=[page.pk])
    data = form_data(admin_client.get(url))
    data["pub_date"] = "2024-11-21"
    response = admin_client.post(url, data, follow=True)
    assert "已将出版日期应用到本版" in response.content.decode()
    for article in Article.objects.filter(pk__in=estimated):
        assert str(article.pub_date) == "2024-11-21"
        assert not article.date_estimated and "date_estimated" not in article.review_reasons
    assert set(IndexQueue.objects.values_list("article_id", flat=True)) >= estimated
