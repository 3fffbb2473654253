"""One article of 700,000 characters on one line (the 2 MiB page limit allows about that
many): its segmentation, import, indexing, search page and snippet building timed.

    .venv/bin/python -m bench.long_article [--chars 700000] [--repeat 5]

Runs in a fresh temporary data directory (never ./var). The page is also one of
the corpus options: ``generate_corpus --long-article 700000`` / ``bench.run --long-article``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

MATERIAL = Path(__file__).with_name("corpus_material.json")
HEADLINE = "涟源市推进政务服务“一件事一次办”改革纪实"


def long_page(chars: int, seed: int = 0) -> str:
    """A page holding one headline and one paragraph of ``chars`` characters without a line break.

    Sentences of the seed pages in a seeded random order, each numbered, so that no
    stretch repeats (the segmenter drops repeated text)."""
    paragraphs = [p["text"] for p in json.loads(MATERIAL.read_text(encoding="utf-8"))["paragraphs"]]
    sentences = [s + "。" for p in paragraphs for s in p.split("。") if s]
    rng = random.Random(seed)
    body: list[str] = []
    size = 0
    while size < chars:
        text = f"{rng.choice(sentences)[:-1]}（第{len(body) + 1}项）。"
        body.append(text)
        size += len(text)
    return f"{HEADLINE}\n\n记者 王美慧\n\n{''.join(body)[:chars]}\n"


def _timed(fn, repeat: int = 1) -> tuple[float, object]:
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=700_000, help="the article's length (default 700000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each search measurement (median)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-long-"))
    os.environ["ARCHIVE_DATA_DIR"] = str(work / "data")
    os.environ["SEARCH_BACKGROUND_INDEXING"] = "0"
    os.environ["ARCHIVE_MANIFEST_STATIC"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from archive.ingest import segment_page
    from archive.models import Article
    from archive.services.importer import current_topic_rules, import_paths
    from search.engine.highlight import snippets
    from search.results import _article_units

    call_command("migrate", verbosity=0)
    text = long_page(args.chars)
    page = work / "long.txt"
    page.write_text(text, encoding="utf-8")
    print(f"page: {len(text):,} characters, {page.stat().st_size:,} bytes")

    seconds, segmented = _timed(lambda: segment_page(text, file=page.name, topic_rules=current_topic_rules()))
    print(f"segmentation: {seconds:.2f} s, {len(segmented.articles)} article(s)")
    seconds, summary = _timed(lambda: import_paths([page], progress=False))
    print(f"import (segment, store, index): {seconds:.2f} s, {summary.articles_created} article(s)")
    article = max(Article.objects.all(), key=lambda a: len(a.body))
    print(f"longest article stored: {len(article.body):,} characters")

    client = Client()
    for query in ("政务服务", "县", "砂糖橘 乡村振兴", "不存在的词语"):
        seconds, response = _timed(lambda q=query: client.get("/search/", {"q": q}), args.repeat)
        print(f"search page q={query}: {seconds * 1000:.0f} ms (status {response.status_code})")
    units = _article_units(article)
    for terms in (["政务服务"], ["县"], ["砂糖橘", "乡村振兴", "县"], ["不存在的词语"]):
        seconds, _ = _timed(lambda t=terms: snippets(units, t), args.repeat)
        print(f"snippets {'+'.join(terms)}: {seconds * 1000:.1f} ms")
    seconds, _ = _timed(lambda: client.get(article.get_absolute_url()), args.repeat)
    print(f"article page: {seconds * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
