"""How our index segments are written: Whoosh's own format, with less work per posting.

Writing postings is most of the cost of indexing (about 1,200 postings per
article across the word, bigram and character fields). With Whoosh's default
codec the writer reads every posting's document length back from the lengths
column it has just written, to keep per-block minimum/maximum lengths: about
15 % of indexing time. :class:`ArchiveCodec` turns those statistics off.
Without them a block's minimum length reads as 0, which only loosens Whoosh's
score upper bound (it skips fewer blocks while collecting the top N); scores
use the real document lengths, so rankings are unchanged.

Segments are also written as separate files, not packed into one compound
file: Whoosh opens a compound segment by copying each of its parts into a
``BytesIO`` (a 970 MB segment of the 100k benchmark cost every reader 8 s and
about 2 GB of heap, plus 1.9 GB of page cache it had touched). Separate files
are read on demand.

The segments stay ordinary Whoosh 3 segments that any reader opens.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import W3Codec


class ArchiveCodec(W3Codec):
    """Whoosh 3 format without the per-block minimum/maximum document lengths."""

    length_stats = False


def writer_options() -> dict:
    """Keyword arguments for every ``SegmentWriter`` that writes our index."""
    return {"codec": ArchiveCodec(), "compound": False}
