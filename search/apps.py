from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "全文检索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from archive.models import County, Topic
        from search.index import pickled_paths
        from search.models import RelatedTerms
        from search.query.gazetteer import reset_gazetteer
        from search.query.lexicon import reset_lexicon

        # Before any index is opened: older index files name the modules' old paths.
        pickled_paths.install()

        # Query-time place names come from the County table; an edit takes effect at once.
        post_save.connect(reset_gazetteer, sender=County, dispatch_uid="search.query.gazetteer.save")
        post_delete.connect(reset_gazetteer, sender=County, dispatch_uid="search.query.gazetteer.delete")
        # Topics' keywords and related terms: this process forgets its copy at once, others within
        # search.query.lexicon.LEXICON_TTL seconds.
        for model in (Topic, RelatedTerms):
            name = model.__name__.lower()
            post_save.connect(reset_lexicon, sender=model, dispatch_uid=f"search.query.lexicon.save.{name}")
            post_delete.connect(
                reset_lexicon, sender=model, dispatch_uid=f"search.query.lexicon.delete.{name}"
            )
