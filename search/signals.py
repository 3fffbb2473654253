"""Queue index work on every change that alters what an article's index entry holds."""

from __future__ import annotations

from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from archive.models import Article, Byline, Reporter, SourcePage
from search.index import indexing


class QueuedSignalProcessor(BaseSignalProcessor):
    """Records index work durably and applies it right after the commit.

    Unlike haystack's RealtimeSignalProcessor it never writes to Whoosh inside
    the request's transaction and never waits for the write lock: see
    :mod:`search.index.indexing`.
    """

    def setup(self) -> None:
        signals.post_save.connect(self.article_saved, sender=Article)
        signals.post_delete.connect(self.article_deleted, sender=Article)
        signals.post_save.connect(self.byline_changed, sender=Byline)
        signals.post_delete.connect(self.byline_changed, sender=Byline)
        signals.m2m_changed.connect(self.topics_changed, sender=Article.topics.through)
        signals.post_save.connect(self.reporter_saved, sender=Reporter)
        signals.post_save.connect(self.source_page_saved, sender=SourcePage)

    def teardown(self) -> None:
        signals.post_save.disconnect(self.article_saved, sender=Article)
        signals.post_delete.disconnect(self.article_deleted, sender=Article)
        signals.post_save.disconnect(self.byline_changed, sender=Byline)
        signals.post_delete.disconnect(self.byline_changed, sender=Byline)
        signals.m2m_changed.disconnect(self.topics_changed, sender=Article.topics.through)
        signals.post_save.disconnect(self.reporter_saved, sender=Reporter)
        signals.post_save.disconnect(self.source_page_saved, sender=SourcePage)

    @staticmethod
    def _queue(article_ids, delete: bool = False) -> None:
        if indexing.enqueue(article_ids, delete=delete):
            indexing.request_processing()

    def article_saved(self, sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            self._queue([instance.pk])

    def article_deleted(self, sender, instance, **kwargs) -> None:
        self._queue([instance.pk], delete=True)

    def byline_changed(self, sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            self._queue([instance.article_id])

    def topics_changed(self, sender, instance, action, reverse, pk_set, **kwargs) -> None:
        if reverse:
            # topic.articles.add(...): pk_set holds article ids; a clear empties the
            # relation, so its articles are collected just before.
            if action in {"post_add", "post_remove"}:
                self._queue(pk_set or [])
            elif action == "pre_clear":
                self._queue(instance.articles.values_list("pk", flat=True))
        elif action in {"post_add", "post_remove", "post_clear"}:
            self._queue([instance.pk])

    def reporter_saved(self, sender, instance, created=False, raw=False, **kwargs) -> None:
        # A renamed reporter changes the text of every article carrying the name.
        if not created and not raw:
            self._queue(instance.bylines.values_list("article_id", flat=True))

    def source_page_saved(self, sender, instance, created=False, raw=False, **kwargs) -> None:
        # The page's paper is indexed with each of its articles (来源:, the paper facet).
        if not created and not raw:
            self._queue(instance.articles.values_list("pk", flat=True))

    # haystack calls these from its own code paths (e.g. update_object helpers).
    def handle_save(self, sender, instance, **kwargs) -> None:
        if isinstance(instance, Article):
            self._queue([instance.pk])

    def handle_delete(self, sender, instance, **kwargs) -> None:
        if isinstance(instance, Article):
            self._queue([instance.pk], delete=True)
