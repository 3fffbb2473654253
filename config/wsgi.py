"""WSGI entry point (gunicorn config.wsgi)."""

import gc
import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

if os.environ.get("ARCHIVE_WARM_UP", "1") == "1":
    # Under `gunicorn --preload` this runs once in the master: workers then share
    # jieba's dictionary and the converters copy-on-write instead of each loading them.
    from search.engine.executor import warm_up

    warm_up()
    # Move everything loaded so far into the permanent generation: the collector
    # then never touches (and so never writes to) these objects, and the pages
    # they live on stay shared between the forked workers instead of being copied.
    gc.freeze()

    def _prepare_searcher() -> None:
        from django.db import connection

        from search.engine.executor import prepare_searcher

        try:
            prepare_searcher()
        finally:
            connection.close()  # this thread's own database connection

    def _prepare_searcher_in_worker() -> None:
        # After gunicorn forks a worker: open the index (never shared across the fork)
        # and build the facet arrays while the worker starts serving.
        threading.Thread(target=_prepare_searcher, name="search-warm-up", daemon=True).start()

    os.register_at_fork(after_in_child=_prepare_searcher_in_worker)
