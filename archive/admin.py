"""The editors' back office: correct articles, tune topics, review what the importer was unsure of."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from reversion.admin import VersionAdmin

from archive.admin_boundaries import BoundaryAdminMixin
from archive.admin_forms import ArticleAdminForm
from archive.history import ensure_baseline
from archive.models import Article, Byline, County, Reporter, SourcePage, StoryGroup, Topic, newest_first
from archive.services import duplicates
from archive.services.browse import split_by_spans
from archive.services.editing import apply_editor_changes, apply_page_date


class PrefectureFilter(admin.SimpleListFilter):
    """Articles about a prefecture or any of its counties."""

    title = "市州"
    parameter_name = "prefecture"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return list(
            County.objects.filter(level=County.Level.PREFECTURE).order_by("code").values_list("code", "name")
        )

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        code = self.value()
        if not code:
            return queryset
        return queryset.filter(Q(place__code=code) | Q(place__parent__code=code))


class CountyFilter(admin.SimpleListFilter):
    """County-level places that have articles, narrowed to the chosen prefecture."""

    title = "县市区"
    parameter_name = "county"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        counties = County.objects.filter(level=County.Level.COUNTY, articles__isnull=False)
        prefecture = request.GET.get(PrefectureFilter.parameter_name)
        if prefecture:
            counties = counties.filter(parent__code=prefecture)
        return list(counties.distinct().order_by("code").values_list("code", "name"))

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        code = self.value()
        return queryset.filter(place__code=code) if code else queryset


class LabelledBylineFormSet(forms.BaseInlineFormSet):
    """Byline rows whose controls have a name: a column header does not label them for a screen reader."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = "新署名" if index is None else f"第 {index + 1} 条署名"
        for field in form.fields.values():
            # The reporter box is wrapped (add/change links); the inner widget renders the control.
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs["aria-label"] = f"{row}：{field.label}"


class BylineInline(admin.TabularInline):
    model = Byline
    formset = LabelledBylineFormSet
    extra = 1
    autocomplete_fields = ["reporter"]
    fields = ["reporter", "role", "order"]


@admin.register(Article)
class ArticleAdmin(BoundaryAdminMixin, VersionAdmin):
    form = ArticleAdminForm
    history_latest_first = True
    # VersionAdmin names its own list template; ours (the review list button) extends it.
    change_list_template = "admin/archive/article/change_list.html"
    # Few, narrow columns besides the headline, so titles stay readable at 1280 px.
    list_display = [
        "headline",
        "place",
        "prefecture_name",
        "pub_date",
        "needs_review",
        "edited",
    ]
    list_display_links = ["headline"]
    list_filter = [
        "needs_review",
        PrefectureFilter,
        CountyFilter,
        "topics",
        "edited",
        "title_derived",
        "date_estimated",
        ("source_page", admin.RelatedOnlyFieldListFilter),
        ("story_group", admin.EmptyFieldListFilter),
        "story_group_excluded",
    ]
    list_select_related = ["place", "place__parent", "source_page"]
    search_fields = ["title", "display_title", "kicker", "subtitle", "body", "reporters__name", "place__name"]
    date_hierarchy = "pub_date"
    autocomplete_fields = ["place"]
    inlines = [BylineInline]
    list_per_page = 50
    readonly_fields = [
        "review_reasons_display",
        "topic_evidence_display",
        "place_evidence_display",
        "source_page_link",
        "other_printings_display",
        "edited",
        "created_at",
        "updated_at",
    ]
    actions = ["take_out_of_story_group"]
    fieldsets = [
        (
            "待审核",
            {
                "fields": ["needs_review", "review_reasons_display", "version"],
                "description": "核对无误后取消勾选“待审核”并保存，文章即移出审核列表。",
            },
        ),
        ("标题", {"fields": ["kicker", "title", "subtitle", "display_title", "title_derived"]}),
        ("归属", {"fields": ["place", "place_evidence_display", "topics", "topic_evidence_display"]}),
        ("日期", {"fields": ["pub_date", "date_estimated"]}),
        ("正文", {"fields": ["body", "captions", "credit_lines"]}),
        ("来源", {"fields": ["source_page_link"]}),
        (
            "同一报道的其他版本",
            {
                "fields": ["other_printings_display", "story_group_excluded"],
                "description": "自动识别的同一报道（其他报纸或版面印出的版本）。"
                "如果识别错了，勾选“不与其他文章归为同一报道”并保存，重新识别时也不会再归入。",
            },
        ),
        ("记录", {"fields": ["edited", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin-a11y.js"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).select_related("place", "place__parent", "source_page")

    def get_object(self, request: HttpRequest, object_id: str, from_field=None):
        if request.method == "POST":
            # Saves of one article queue up (the change view is one transaction), so the second
            # of two simultaneous saves sees the first one's version and is refused as stale.
            queryset = self.get_queryset(request).select_for_update(of=("self",))
            model = queryset.model
            field = model._meta.pk if from_field is None else model._meta.get_field(from_field)
            try:
                return queryset.get(**{field.name: field.to_python(object_id)})
            except (model.DoesNotExist, ValueError, ValidationError):
                return None
        return super().get_object(request, object_id, from_field)

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "topics":
            # Nine fixed topics: plain checkboxes beat a two-pane chooser.
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="标题", ordering="display_title")
    def headline(self, obj: Article) -> str:
        return obj.display_title or obj.title or f"文章 {obj.pk}"

    @admin.display(description="市州", ordering="place__parent__name")
    def prefecture_name(self, obj: Article) -> str:
        return obj.prefecture.name if obj.prefecture else "—"

    @admin.display(description="待审核原因")
    def review_reasons_display(self, obj: Article) -> SafeString | str:
        labels = obj.review_reason_labels()
        if not labels:
            return "—"
        return format_html(
            "<ul class='review-reasons'>{}</ul>",
            format_html_join("", "<li>{}</li>", ((label,) for label in labels)),
        )

    @admin.display(description="主题依据")
    def topic_evidence_display(self, obj: Article) -> SafeString | str:
        evidence = obj.topic_evidence or {}
        if not evidence:
            return "—"
        rows = (
            (name, item.get("score", ""), "、".join(item.get("keywords") or []))
            for name, item in evidence.items()
            if isinstance(item, dict)
        )
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}（得分 {}）：{}</li>", rows))

    @admin.display(description="地点依据")
    def place_evidence_display(self, obj: Article) -> SafeString | str:
        # The same mention counted twice (lead and body) is one line for the editor.
        reasons = list(dict.fromkeys((obj.place_evidence or {}).get("evidence") or []))
        if not reasons:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((r,) for r in reasons)))

    @admin.display(description="来源版面")
    def source_page_link(self, obj: Article) -> SafeString | str:
        if not obj.source_page_id:
            return "—"
        page = obj.source_page
        return format_html(
            '<a href="{}">{}</a>（第 {} 篇） · <a href="{}#article-{}" target="_blank">在网站上查看</a>',
            reverse("admin:archive_sourcepage_change", args=[page.pk]),
            page.file_name,
            obj.position + 1,
            reverse("archive:source_page", args=[page.pk]),
            obj.pk,
        )

    @admin.display(description="其他版本")
    def other_printings_display(self, obj: Article) -> SafeString | str:
        found = duplicates.other_printings([obj]).get(obj.pk) if obj.pk else None
        printings = found.shown if found else []
        if not printings:
            return "（没有识别出其他版本）"
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a> · {}',
            (
                (reverse("admin:archive_article_change", args=[p.article_id]), p.label, p.title)
                for p in printings
            ),
        )

    @admin.action(description="移出同一报道组（重新识别时保持单独）")
    def take_out_of_story_group(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        duplicates.exclude(ids)
        self.message_user(request, f"已将 {len(ids)} 篇文章移出同一报道组。")

    def delete_model(self, request: HttpRequest, obj: Article) -> None:
        super().delete_model(request, obj)
        duplicates.prune()  # a group left with one printing is no group

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        super().delete_queryset(request, queryset)
        duplicates.prune()

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        # The page text goes beside the form (see the change_form template), not inside a fieldset.
        extra_context = dict(extra_context or {})
        # Not self.get_object: that locks the row on POST and this runs before the transaction.
        article = admin.ModelAdmin.get_object(self, request, object_id)
        if article is not None and request.method == "POST":
            # Before the first edit: keep the imported state in the history so it can be restored.
            ensure_baseline([article])
        if article is not None:
            extra_context["source_text"] = render_marked_text(
                article.source_page.raw_text, article.spans or []
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request: HttpRequest, extra_context=None):
        extra_context = dict(extra_context or {})
        extra_context["review_count"] = Article.objects.filter(needs_review=True).count()
        return super().changelist_view(request, extra_context)

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        apply_editor_changes(obj, changed_fields=form.changed_data if change else None, before=form.initial)
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Bylines and topics are saved after the article: queue it again so the index sees them.
        from search.index.indexing import enqueue

        enqueue([form.instance.pk])
        # The edited body (or the editor's 不归入 choice) may change which printings it belongs with.
        duplicates.refresh([form.instance.pk])


class ArticleOfGroupInline(admin.TabularInline):
    model = Article
    fk_name = "story_group"
    fields = ["article_link", "source_page", "pub_date", "edited"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "版本"
    verbose_name_plural = "这篇报道的各个版本（要移出某篇，请在文章页勾选“不与其他文章归为同一报道”）"

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description="文章")
    def article_link(self, obj: Article) -> SafeString:
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:archive_article_change", args=[obj.pk]), str(obj)
        )


@admin.register(StoryGroup)
class StoryGroupAdmin(admin.ModelAdmin):
    """The groups as found: each lists its printings; corrections are made on the articles."""

    list_display = ["__str__", "printing_count", "created_at"]
    inlines = [ArticleOfGroupInline]
    readonly_fields = ["created_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[StoryGroup]:
        return super().get_queryset(request).annotate(n=Count("articles"))

    @admin.display(description="版本数", ordering="n")
    def printing_count(self, obj: StoryGroup) -> int:
        return obj.n

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


def render_marked_text(text: str, spans: list) -> SafeString:
    """The page text, HTML-escaped, with the given spans in ``<mark>``; scrolled to the first one."""
    pieces = split_by_spans(text, [(start, end, True) for start, end in spans])
    parts = (
        (
            format_html(
                "<mark{}>{}</mark>", mark_safe(' id="article-span"') if p.first_of_owner else "", p.text
            )
            if p.owner
            else p.text
        )
        for p in pieces
    )
    return format_html(
        # Focusable so that a keyboard can scroll it; labelled for the screen reader that lands there.
        '<div class="raw-page-text" lang="zh-hans" tabindex="0" role="region" aria-label="版面原文">{}</div>',
        format_html_join("", "{}", ((part,) for part in parts)),
    )


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "level", "parent", "article_count"]
    list_filter = ["level", "kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "short_name", "code", "aliases"]
    list_select_related = ["parent"]
    ordering = ["code"]
    readonly_fields = ["code", "level", "kind", "parent"]
    fields = ["code", "name", "short_name", "level", "kind", "parent", "aliases"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[County]:
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="文章数", ordering="article_count")
    def article_count(self, obj: County) -> int:
        return obj.article_count


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "article_count"]
    ordering = ["order", "name"]
    list_editable = ["order"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "order", "description", "keywords"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Topic]:
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="文章数", ordering="article_count")
    def article_count(self, obj: Topic) -> int:
        return obj.article_count


@admin.register(Reporter)
class ReporterAdmin(admin.ModelAdmin):
    list_display = ["name", "byline_count"]
    search_fields = ["name"]
    ordering = ["name"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Reporter]:
        return super().get_queryset(request).annotate(byline_count=Count("bylines"))

    @admin.display(description="署名次数", ordering="byline_count")
    def byline_count(self, obj: Reporter) -> int:
        return obj.byline_count


class ArticleOfPageInline(admin.TabularInline):
    model = Article
    fields = ["position", "article_link", "place", "pub_date", "needs_review", "edited"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["position"]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description="文章")
    def article_link(self, obj: Article) -> SafeString:
        return format_html(
            '{} · <a href="{}">调整切分</a>',
            obj.display_title or obj.title,
            reverse("admin:archive_article_boundaries", args=[obj.pk]),
        )


@admin.register(SourcePage)
class SourcePageAdmin(admin.ModelAdmin):
    list_display = ["file_name", "paper", "page_label", "pub_date", "article_count", "updated_at"]
    search_fields = ["file_name", "paper", "section", "raw_text"]
    list_filter = ["paper"]
    date_hierarchy = "pub_date"
    ordering = [newest_first(), "file_name"]
    readonly_fields = [
        "file_name",
        "sha256",
        "encoding",
        "imported_at",
        "updated_at",
        "marked_text",
        "furniture",
    ]
    fields = [
        "file_name",
        "paper",
        "section",
        "page_label",
        "pub_date",
        "encoding",
        "sha256",
        "imported_at",
        "updated_at",
        "furniture",
        "marked_text",
    ]
    inlines = [ArticleOfPageInline]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[SourcePage]:
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="文章数", ordering="article_count")
    def article_count(self, obj: SourcePage) -> int:
        return obj.article_count

    def save_model(self, request: HttpRequest, obj: SourcePage, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "pub_date" in form.changed_data:
            # A date read off the printed page replaces the estimates of its articles.
            changed = apply_page_date(obj)
            if changed:
                self.message_user(request, f"已将出版日期应用到本版 {len(changed)} 篇日期为估计的文章。")

    @admin.display(description="原文（文章所在位置以黄色标出）")
    def marked_text(self, obj: SourcePage) -> SafeString:
        spans = [span for article in obj.articles.all() for span in (article.spans or [])]
        return render_marked_text(obj.raw_text, spans)
