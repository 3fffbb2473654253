"""Full-text search over the archive, in four layers and a Django-facing top.

``search.text.folding`` (analysis shared by index and query time), ``search.index``
(index time), ``search.query.parser`` (pure query understanding) and ``search.engine.executor``
(query time). The top level is what Django and haystack find by name (models,
admin, apps, urls, views, ``search_indexes``, the signal processor, migrations,
management commands) plus the Django-facing services and forms.
"""
