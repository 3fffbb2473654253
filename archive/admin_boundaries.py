"""The admin's boundary view: an article's parts with split/merge/move buttons beside the raw page."""

from __future__ import annotations

import re

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from archive.models import Article, BoundaryCorrection
from archive.services import boundaries
from archive.services.boundary_text import paragraphs_of
from archive.services.browse import split_by_spans
from archive.services.editing import describe_conflict, version_token

_MARK = re.compile(r"^(\d{1,7})-(\d{1,7})$")


def marked_page(text: str, layers: list[tuple[str, list]]) -> SafeString:
    """The page text with each layer's spans in ``<mark class="layer">``; earlier layers win."""
    owned = [(int(s), int(e), name) for name, spans in layers for s, e in spans]
    pieces = split_by_spans(text, owned)
    parts = (
        format_html('<mark class="{}">{}</mark>', p.owner, p.text) if p.owner else format_html("{}", p.text)
        for p in pieces
    )
    return format_html(
        '<div class="raw-page-text" lang="zh-hans">{}</div>',
        format_html_join("", "{}", ((part,) for part in parts)),
    )


def parse_marks(value: str) -> list[tuple[int, int]]:
    marks = []
    for item in (value or "").split(","):
        m = _MARK.match(item.strip())
        if m and int(m.group(1)) < int(m.group(2)):
            marks.append((int(m.group(1)), int(m.group(2))))
    return marks[:20]


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return -1


class BoundaryAdminMixin:
    """Adds ``<pk>/boundaries/`` to the article admin: one view, each button one service call."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.boundaries_view)
        return [path("<int:pk>/boundaries/", view, name="archive_article_boundaries"), *super().get_urls()]

    def boundaries_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        article = Article.objects.select_related("source_page", "place").filter(pk=pk).first()
        if article is None:
            raise Http404("没有这篇文章")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if request.method == "POST":
            return self._boundary_action(request, article)
        return self._boundary_page(request, article)

    def _boundary_action(self, request: HttpRequest, article: Article) -> HttpResponse:
        here = reverse("admin:archive_article_boundaries", args=[article.pk])
        conflict = describe_conflict(article, request.POST.get("version", ""))
        if conflict:
            messages.error(request, "文章在你打开此页之后已被修改，操作没有执行：" + " ".join(conflict))
            return HttpResponseRedirect(here)
        action = request.POST.get("action", "")
        index = _int(request.POST.get("index"))
        direction = request.POST.get("direction", "")
        user = request.user
        try:
            if action == "split":
                outcome = boundaries.split_article(article, index, user=user)
            elif action == "merge":
                outcome = boundaries.merge_article(article, direction, user=user)
            elif action in ("paragraph", "caption", "byline"):
                outcome = boundaries.move_part(article, action, index, direction, user=user)
            elif action == "furniture":
                outcome = boundaries.set_aside(article, index, user=user)
            elif action == "restore":
                outcome = boundaries.restore_furniture(article, index, user=user)
            elif action == "undo":
                outcome = boundaries.undo_last(article, user=user)
            else:
                raise boundaries.BoundaryError("未知的操作")
        except boundaries.BoundaryError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(here)
        messages.success(request, outcome.message)
        target = reverse("admin:archive_article_boundaries", args=[outcome.article.pk])
        marks = ",".join(f"{s}-{e}" for s, e in outcome.marked)
        return HttpResponseRedirect(f"{target}?mark={marks}" if marks else target)

    def _boundary_page(self, request: HttpRequest, article: Article) -> HttpResponse:
        page = article.source_page
        siblings = list(page.articles.order_by("position", "pk"))
        at = next((k for k, a in enumerate(siblings) if a.pk == article.pk), 0)
        previous = siblings[at - 1] if at > 0 else None
        following = siblings[at + 1] if at + 1 < len(siblings) else None
        others = [span for a in siblings if a.pk != article.pk for span in (a.spans or [])]
        furniture = [
            (item.get("start"), item.get("end"))
            for item in page.furniture or []
            if isinstance(item, dict) and item.get("start") is not None and item.get("end") is not None
        ]
        marks = parse_marks(request.GET.get("mark", ""))
        layers = [
            ("affected", marks),
            ("current", article.spans or []),
            ("other", others),
            ("furniture", furniture),
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"调整切分：{article}",
            "article": article,
            "version": version_token(article),
            "paragraphs": paragraphs_of(article.body),
            "bylines": list(article.bylines.select_related("reporter")),
            "previous": previous,
            "following": following,
            "furniture_items": [
                (k, item.get("text", ""))
                for k, item in enumerate(page.furniture or [])
                if isinstance(item, dict)
            ],
            "source_text": marked_page(page.raw_text, layers),
            "has_marks": bool(marks),
            "last_correction": boundaries.last_correction(page.pk),
        }
        return TemplateResponse(request, "admin/archive/article/boundaries.html", context)


@admin.register(BoundaryCorrection)
class BoundaryCorrectionAdmin(admin.ModelAdmin):
    """Editors' boundary actions, for finding those a re-import could not replay (状态：待核对)."""

    list_display = ["created_at", "action", "status", "source_page", "user"]
    list_filter = ["status", "action"]
    list_select_related = ["source_page", "user"]
    search_fields = ["source_page__file_name"]
    date_hierarchy = "created_at"
    readonly_fields = ["source_page", "action", "anchor", "status", "user", "revision", "created_at"]
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
