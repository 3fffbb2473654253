"""Query time: answering a parsed query from the Whoosh index.

Compiling the parsed query into Whoosh queries and executing it (``executor``),
the numpy evaluator over whole posting lists (``columnar``), highlighting and
snippets (``highlight``), and the haystack backend (``backend``), the seam
through which haystack's own ``SearchQuerySet`` reaches the same index.
"""
