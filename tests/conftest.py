"""Shared test fixtures.

The seed pages (``seeds/*.txt``) and the segmentation test pages (``tests/pages/*.txt``)
are imported once per test session, through the real import service, into the
test database, and indexed into a session-wide Whoosh index. Tests that use the
``db`` fixture see that data and roll back their own changes.

Transactional tests (``transactional_db``, ``live_server``) empty the database when
they finish; Django's ordering runs them after the others, and those that need
the seed data ask for ``django_db_serialized_rollback``, which reloads the seeded
state saved below. Tests that write to the search index use ``isolated_index``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from search.index import codec as search_codec

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "seeds"
TEST_PAGES_DIR = ROOT / "tests" / "pages"


# Small posting blocks, so that the test data's few hundred documents span many
# blocks as the archive's long posting lists do (the default is 1,024 postings).
search_codec.POSTINGS_PER_BLOCK = 16

# WhiteNoise warns on every request when STATIC_ROOT does not exist (tests serve from the finders).
Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


def command_env(data_dir: Path) -> dict[str, str]:
    """Environment for a ``manage.py`` subprocess with its own data directory and SQLite
    database: never the suite's DATABASE_URL (a PostgreSQL run would write into that database)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        ARCHIVE_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="config.settings",
        ARCHIVE_MANIFEST_STATIC="0",
    )
    return env


def seed_page_files() -> list[Path]:
    files = sorted(SEED_DIR.glob("*.txt"))
    if TEST_PAGES_DIR.is_dir():
        files += sorted(TEST_PAGES_DIR.glob("*.txt"))
    return files


def _use_index_dir(path: Path) -> None:
    """Point haystack (in every thread that asks afterwards) at the Whoosh index in ``path``.

    haystack's connection handler holds the HAYSTACK_CONNECTIONS dict itself, so the
    dict is changed in place and this thread's cached backend dropped.
    """
    from haystack import connections

    path.mkdir(parents=True, exist_ok=True)
    settings.WHOOSH_INDEX_DIR = path
    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = str(path)
    connections.reload("default")
    with contextlib.suppress(ImportError, AttributeError):
        # The search app keeps one searcher per process; make it reopen on the new index.
        from search.engine import executor as engine

        engine.reset()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """The migrated test database plus the seed pages, imported and indexed once per session."""
    from django.db import connections

    from archive.services.importer import import_paths

    # One index per session (and per xdist worker), never the developer's ./var index.
    _use_index_dir(tmp_path_factory.mktemp("whoosh-session"))
    with django_db_blocker.unblock():
        summary = import_paths(seed_page_files(), progress=False)
        failures = [f"{p.path}: {p.reason}" for p in summary.failures]
        assert not failures, f"seed pages failed to import: {failures}"
        for alias in connections:
            connection = connections[alias]
            # Transactional tests that ask for serialized rollback get this seeded state back.
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    return summary


@pytest.fixture(scope="session")
def seed_summary(django_db_setup):
    """The ImportSummary of the session's seed import."""
    return django_db_setup


@pytest.fixture
def isolated_index(tmp_path) -> Iterator[Path]:
    """A fresh, empty Whoosh index for one test; the session index is restored afterwards."""
    previous = Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])
    path = tmp_path / "whoosh"
    _use_index_dir(path)
    try:
        yield path
    finally:
        _use_index_dir(previous)


@pytest.fixture(autouse=True)
def fresh_lexicon() -> Iterator[None]:
    """Each test sees the topics and related words its own database holds: a rollback sends no
    signal, so a lexicon cached during an earlier test would outlive that test's rows."""
    from search.query.lexicon import reset_lexicon

    reset_lexicon()
    yield
    reset_lexicon()
