"""The admin's article list and form as a screen reader meets them: every control named, in Chinese."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from archive.models import Article

pytestmark = pytest.mark.django_db


def test_article_list_describes_yes_no_icons_in_chinese(admin_client):
    page = admin_client.get(reverse("admin:archive_article_changelist")).content.decode()
    alts = set(re.findall(r'<img src="[^"]*icon-(?:yes|no|unknown)\.svg" alt="([^"]*)"', page))
    assert alts and alts <= {"是", "否", "未知"}


def test_byline_rows_label_every_control_and_the_page_text_takes_focus(admin_client):
    article = Article.objects.filter(bylines__isnull=False).first()
    page = admin_client.get(reverse("admin:archive_article_change", args=[article.pk])).content.decode()
    for field in ("reporter", "role", "order", "DELETE"):
        control = re.search(rf'<(?:select|input)[^>]*name="bylines-0-{field}"[^>]*>', page)
        assert control, field
        assert re.search(r'aria-label="第 1 条署名：[^"]+"', control[0]), control[0]
    assert re.search(r'<div class="raw-page-text"[^>]*tabindex="0"[^>]*aria-label="版面原文"', page)
