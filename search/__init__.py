"""Full-text search over the archive, in four layers and a Django-facing top.

``text/`` (analysis shared by index and query time), ``index/`` (index time),
``query/`` (pure query understanding) and ``engine/`` (query time). The top
level is what Django and haystack find by name (models, admin, apps, urls,
views, ``search_indexes``, the signal processor, migrations, management
commands) plus the Django-facing services and forms.
"""
