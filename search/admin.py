from django.contrib import admin

from .models import IndexQueue, RelatedTerms


@admin.register(IndexQueue)
class IndexQueueAdmin(admin.ModelAdmin):
    """Pending index work, for diagnosis: rows normally disappear within a second."""

    list_display = ["id", "article_id", "delete", "created_at"]
    list_filter = ["delete"]
    search_fields = ["article_id"]
    ordering = ["id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RelatedTerms)
class RelatedTermsAdmin(admin.ModelAdmin):
    """Groups of related words the search expands a query word with."""

    list_display = ["__str__", "note", "enabled"]
    list_editable = ["enabled"]
    list_filter = ["enabled"]
    search_fields = ["words", "note"]
