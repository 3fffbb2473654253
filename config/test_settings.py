"""Settings for the test suite: everything in a throw-away data directory."""

import os
import tempfile

os.environ.setdefault("ARCHIVE_DATA_DIR", tempfile.mkdtemp(prefix="archive-test-"))
os.environ.setdefault("ARCHIVE_MANIFEST_STATIC", "0")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
