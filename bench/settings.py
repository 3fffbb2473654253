"""Settings for the benchmark process: the project's settings plus the community baseline.

The benchmark runner sets ``ARCHIVE_DATA_DIR`` to a fresh directory before
Django starts, so the database and both indexes live there, never in ./var.
The gunicorn phase serves the project's own ``config.settings`` unchanged.
"""

import copy
from pathlib import Path

from config.settings import *  # noqa: F403
from config.settings import DATA_DIR, HAYSTACK_CONNECTIONS, TEMPLATES

# The common recipe the benchmark compares against: haystack's stock Whoosh
# engine with jieba's ChineseAnalyzer on the document field, default options.
# Its index class (bench.community.CommunityArticleIndex) is registered on this
# connection by the runner; our ArticleIndex is kept out of it.
HAYSTACK_CONNECTIONS = {
    **HAYSTACK_CONNECTIONS,
    "community": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": str(DATA_DIR / "community_index"),
        "EXCLUDED_INDEXES": ["search.search_indexes.ArticleIndex"],
    },
}

# The community setup's search page template (bench/templates/bench/community_search.html).
TEMPLATES = copy.deepcopy(TEMPLATES)
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(__file__).resolve().parent / "templates"]
