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

Posting blocks are pickled with protocol 4 instead of 2 (see
:data:`BLOCK_PICKLE_PROTOCOL`), hold up to :data:`POSTINGS_PER_BLOCK` postings
instead of 128, keep id deltas and weights as arrays instead of tuples (see
``ArchivePostingsWriter._mini_ids``), and small blocks are not compressed (see
:data:`MIN_COMPRESSED_BLOCK`). A whole posting list can be written with one
call (:meth:`ArchiveFieldWriter.add_term`, used by :mod:`search.index.segments`).
The segments stay ordinary Whoosh 3 segments that any reader opens. Reading
adds one thing: a posting list can be taken a block at a time
(:class:`BulkPostingReader`), which :mod:`search.engine.columnar` turns into arrays.
"""

from __future__ import annotations

import operator
import pickle
import zlib
from array import array
from collections.abc import Iterator, Sequence

from whoosh.codec.whoosh3 import (
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PostingsWriter,
)
from whoosh.util.numeric import length_to_byte

# Pickle protocol 2 (Whoosh's choice, from Python 2 days) has no opcode for
# bytes: each encoded position list in a block is rebuilt through a function
# call when read. Protocol 4 stores them natively: a 128-posting block of the
# bigram field loads in 8 µs instead of 100 µs, dumps 13× faster and compresses
# to half the size. ``pickle.loads`` reads either protocol, so these blocks
# stay readable by Whoosh's own reader.
BLOCK_PICKLE_PROTOCOL = 4
# Blocks smaller than this (in bytes, pickled) are stored uncompressed, which
# each block's statistics record. Most terms occur in a few documents: zlib
# spends ~50 µs setting up on a 40-byte block and makes it bigger, not smaller.
MIN_COMPRESSED_BLOCK = 256


# Postings per block (Whoosh's default: 128). The engine reads whole posting lists,
# paying per block (seek, header, decompression set-up), and larger blocks compress
# better: on the same 15,000 articles, 1,024-posting blocks answered the benchmark
# queries ~18 % faster with an index 15 % smaller. The test suite writes small blocks
# so that its few documents still span many.
POSTINGS_PER_BLOCK = 1024


def _narrowest(values: array) -> array:
    """``values`` (non-negative ints) in the smallest unsigned array type that holds them."""
    if not values:
        return values
    largest = max(values)
    for code in ("B", "H"):
        if largest < 1 << (8 * array(code).itemsize):
            return array(code, values)
    return values


def writer_options() -> dict:
    """Keyword arguments for every ``SegmentWriter`` that writes our index."""
    return {"codec": ArchiveCodec(), "compound": False}


class BulkPostingReader(W3LeafMatcher):
    """Whoosh's posting reader, plus reading a whole posting list in one pass.

    Whoosh walks postings one document at a time in Python (``id()``,
    ``weight()``, ``next()``: a few microseconds each). A search that counts and
    ranks every match instead takes each block's decoded tuples as they are and
    turns them into arrays (see :mod:`search.engine.columnar`).
    """

    def blocks(self) -> Iterator[tuple[Sequence[int], object, object]]:
        """Each block's (id deltas, weights, values) as stored, in document order.

        The first delta of a block is its first document number. Deltas are an
        unsigned ``array`` (a tuple in blocks written before); weights ``None``
        (all 1.0), one float (all equal) or an ``array("f")`` (a tuple before);
        values a tuple of the encoded payloads (positions), or ``None``/bytes
        for fixed-size formats.
        """
        self.reset()
        while True:
            self._read_data()
            yield self._data
            if self._lastblock:
                return
            self._goto(self._nextoffset)


class ArchivePostingsWriter(W3PostingsWriter):
    """Writes Whoosh 3 posting blocks, pickled with :data:`BLOCK_PICKLE_PROTOCOL`.

    The block layout is Whoosh 3's: a signed length (negative for the last
    block of a term), the pickled block statistics, then the pickle of (id
    deltas, weights, values), compressed unless it is small.
    """

    def add_postings(self, ids: array, weights: array, values: Sequence[bytes]) -> None:
        """Add a term's whole posting list at once (after ``start_postings``).

        The same blocks as one ``add_posting`` call per document, without the
        per-posting Python work: full blocks are written, the last one stays
        buffered for ``finish_postings`` (which may inline a short list).
        ``ids`` are ascending docnums (``array("I")``), ``weights`` the float
        weights (``array("d")``), ``values`` the non-empty encoded values, one
        per posting, or none at all for formats without values.
        """
        if len(self._ids):
            raise ValueError("add_postings needs an empty block buffer")
        count = len(ids)
        if values and len(values) != count:
            raise ValueError("one value per posting, or none")
        limit = self._blocklimit
        for start in range(0, count, limit):
            end = min(start + limit, count)
            chunk = weights[start:end]
            self._ids = ids[start:end]
            self._weights = array("f", chunk)
            self._values = list(values[start:end]) if values else []
            # add_posting's running maximum starts at 0.
            self._maxweight = max(0, max(chunk))
            if end < count:
                self._write_block()

    # The block minifiers below store id deltas and weights as arrays where Whoosh
    # stores tuples: Whoosh's reader only iterates and indexes them, and an array
    # pickles as one bytes object (an int costs an opcode each way, a float 9 bytes),
    # which the engine turns into numpy arrays without a Python step per posting.

    def _mini_ids(self) -> array | tuple[int, ...]:
        ids = self._ids
        if self._byteids:
            return tuple(ids)
        deltas = array("I", map(operator.sub, ids, array("I", [0]) + ids[:-1]))
        return _narrowest(deltas)

    def _mini_weights(self) -> array | float | None:
        weights = self._weights
        count = len(weights)
        if weights.count(1.0) == count:
            return None
        if weights.count(weights[0]) == count:
            return weights[0]
        return weights if isinstance(weights, array) else array("f", weights)

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        block = (self._mini_ids(), self._mini_weights(), self._mini_values())
        data = pickle.dumps(block, BLOCK_PICKLE_PROTOCOL)
        compression = self._compression if len(data) >= MIN_COMPRESSED_BLOCK else 0
        if compression:
            data = zlib.compress(data, compression)
        # The statistics stay protocol 2: numbers only, read with pickle.load from the file.
        info = pickle.dumps(
            (
                len(self._ids),
                self._ids[-1],
                self._maxweight,
                compression,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        size = len(info) + len(data)
        self._postfile.write_int(-size if last else size)
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


class ArchiveFieldWriter(W3FieldWriter):
    """Whoosh 3's terms and postings writer, plus a whole-posting-list entry point."""

    def add_term(self, btext: bytes, ids: array, weights: array, values: Sequence[bytes]) -> None:
        """Write one term of the current field with all its postings (see
        :meth:`ArchivePostingsWriter.add_postings`). Terms must come in byte order."""
        self.start_term(btext)
        self._postwriter.add_postings(ids, weights, values)
        self.finish_term()


class ArchiveCodec(W3Codec):
    """Whoosh 3 format without the per-block minimum/maximum document lengths,
    posting blocks pickled with a current protocol."""

    length_stats = False

    def __init__(self, blocklimit: int | None = None, compression: int = 3, inlinelimit: int = 1):
        super().__init__(
            blocklimit=blocklimit or POSTINGS_PER_BLOCK, compression=compression, inlinelimit=inlinelimit
        )

    def field_writer(self, storage, segment):
        return ArchiveFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return ArchivePostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return BulkPostingReader(dbfile, offset, length, format_, term=term, scorer=scorer)
