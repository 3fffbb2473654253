"""Settings for the test suite: everything in a throw-away data directory."""

import os
import tempfile

os.environ.setdefault("ARCHIVE_DATA_DIR", tempfile.mkdtemp(prefix="archive-test-"))
os.environ.setdefault("ARCHIVE_MANIFEST_STATIC", "0")
# Index work is applied by explicit process_pending() calls, not a background thread.
os.environ.setdefault("SEARCH_BACKGROUND_INDEXING", "0")

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
