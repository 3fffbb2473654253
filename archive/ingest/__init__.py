"""Page ingest: bytes → text → blocks → articles with bylines, place and topics.

Pure Python (no Django), so segmentation can be tested and scored on its own::

    from archive.ingest import decode_page, segment_page
    page = segment_page(decode_page(data).text, file="page.txt")
"""

from .decode import DecodedPage, PageDecodeError, decode_page
from .segment import segment_page
from .types import PlaceGuess, ReporterCredit, SegmentedArticle, SegmentedPage, Span, TopicScore

__all__ = [
    "DecodedPage",
    "PageDecodeError",
    "PlaceGuess",
    "ReporterCredit",
    "SegmentedArticle",
    "SegmentedPage",
    "Span",
    "TopicScore",
    "decode_page",
    "segment_page",
]
