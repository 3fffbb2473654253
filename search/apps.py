from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "全文检索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from archive.models import County
        from search.index import pickled_paths
        from search.query.gazetteer import reset_gazetteer

        # Before any index is opened: older index files name the modules' old paths.
        pickled_paths.install()

        # Query-time place names come from the County table; an edit takes effect at once.
        post_save.connect(reset_gazetteer, sender=County, dispatch_uid="search.query.gazetteer.save")
        post_delete.connect(reset_gazetteer, sender=County, dispatch_uid="search.query.gazetteer.delete")
