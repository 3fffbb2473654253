"""Segmentation alone, page after page, in one process: pages/s and articles/s over page files.

    python -m bench.segment_pages /tmp/corp 'tests/pages/real/*' --rounds 2

Run it from two checkouts alternately (each with its own code and model) to compare revisions side
by side on the same pages; the machine is shared, so compare within one run, not across days.
"""

from __future__ import annotations

import argparse
import glob
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", help="folders (or glob patterns) holding *.txt page files")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args(argv)

    from archive.ingest import decode_page, segment_page

    paths = sorted(
        Path(p)
        for pattern in args.folders
        for folder in glob.glob(pattern)
        for p in Path(folder).glob("*.txt")
    )
    texts = [decode_page(p.read_bytes()).text for p in paths]
    if not texts:
        parser.error("no *.txt pages in those folders")
    segment_page(texts[0])  # models and dictionaries load once, outside the timing
    for _ in range(args.rounds):
        started = time.perf_counter()
        articles = sum(len(segment_page(t).articles) for t in texts)
        seconds = time.perf_counter() - started
        print(
            f"{len(texts)} pages, {articles} articles in {seconds:.2f} s: "
            f"{len(texts) / seconds:.1f} pages/s, {articles / seconds:.1f} articles/s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
