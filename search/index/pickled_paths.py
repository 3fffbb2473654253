"""Old module paths that index files written before the layered layout still name.

Whoosh pickles the schema (our field, tokenizer and format classes) and each
segment's codec into the index's table of contents, by module path. An index
written when these modules sat at the top of ``search/`` names
``search.analysis`` and ``search.codec``; aliasing those paths to the modules'
new homes opens it without a rebuild. Nothing else imports the old paths.
"""

from __future__ import annotations

import importlib
import sys

MOVED = {
    "search.analysis": "search.text.analysis",
    "search.codec": "search.index.codec",
}


def install() -> None:
    """Make the old paths resolve (idempotent); called when the app is ready."""
    for old, new in MOVED.items():
        sys.modules.setdefault(old, importlib.import_module(new))
