"""What the archive's history (django-reversion) records: articles with their bylines and topics."""

from __future__ import annotations

from collections.abc import Iterable

import reversion
from reversion.models import Version

from archive.models import Article, Byline, Reporter, SourcePage, Topic


def register() -> None:
    """Called once from the app's ``ready()``: every saved revision of an article includes its bylines."""
    if not reversion.is_registered(Article):
        reversion.register(Article, follow=["bylines"])
    for model in (Byline, Reporter, Topic, SourcePage):
        if not reversion.is_registered(model):
            reversion.register(model)


def ensure_baseline(articles: Iterable[Article]) -> None:
    """Record the imported state of articles that have no history yet, so a first edit can be undone.

    Call before changing them; each gets its own revision, credited to nobody (the importer).
    """
    for article in articles:
        if article.pk is None or Version.objects.get_for_object(article).exists():
            continue
        with reversion.create_revision(manage_manually=True):
            reversion.set_comment("自动切分的原始版本")
            reversion.add_to_revision(article)
