"""WSGI entry point (gunicorn config.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

if os.environ.get("ARCHIVE_WARM_UP", "1") == "1":
    # Under `gunicorn --preload` this runs once in the master: workers then share
    # jieba's dictionary and the converters copy-on-write instead of each loading them.
    from search.engine import warm_up

    warm_up()
    # Move everything loaded so far into the permanent generation: the collector
    # then never touches (and so never writes to) these objects, and the pages
    # they live on stay shared between the forked workers instead of being copied.
    gc.freeze()
