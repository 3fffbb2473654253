"""``manage.py review_report``: how often the articles carrying each note are wrong.

A note is worth a place on the review list when the articles it marks are wrong far more often
than the others; this prints, for every note the segmenter writes, how many annotated articles
carry it and how many of those are wrong, next to the share of a page folder (the generated
benchmark corpus, say) it would flag.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest import decode_page
from archive.ingest.annotated import annotated_sets
from archive.ingest.review import REVIEW_REASONS
from archive.ingest.scoring import Tally, score_page
from archive.ingest.segment import segment_page


class Command(BaseCommand):
    help = (
        "按说明类别统计：标注集中带该说明的文章有多少、其中切分或元数据有错的占多少"
        "（用来决定哪些说明进入待审核）"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sets", nargs="*", help="只统计这些标注集（默认全部）")
        parser.add_argument(
            "--corpus", type=Path, help="另统计一个版面文件夹中带各说明的文章比例（如基准语料）"
        )

    def handle(self, *args, **options) -> None:
        sets = annotated_sets()
        names = options["sets"] or sorted(sets)
        unknown = [n for n in names if n not in sets]
        if unknown:
            raise CommandError(f"没有这些标注集：{'、'.join(unknown)}")
        tally = Tally()
        for name in names:
            for page in sets[name]:
                score_page(tally, page.as_gold(), segment_page(page.text, file=page.name), page.text)
        carried: Counter[str] = Counter()
        wrong: Counter[str] = Counter()
        for notes, is_wrong in tally.notes:
            for note in set(notes):
                carried[note] += 1
                wrong[note] += is_wrong
        total = len(tally.notes)
        base = tally.wrong / total if total else 0.0
        share: Counter[str] = Counter()
        corpus_total = 0
        if options["corpus"]:
            folder = options["corpus"]
            if not folder.is_dir():
                raise CommandError(f"不是文件夹：{folder}")
            for path in sorted(folder.glob("*.txt")):
                for article in segment_page(decode_page(path.read_bytes()).text, file=path.name).articles:
                    corpus_total += 1
                    share.update(set(article.review_reasons))
        w = self.stdout.write
        w(f"{len(names)} 个标注集，{total} 篇文章，其中有错 {tally.wrong} 篇（{base:.1%}）")
        w(
            f"{'说明':<20}{'待审核':>6}{'篇数':>8}{'有错':>8}{'有错比例':>10}"
            + (f"{'语料比例':>10}" if corpus_total else "")
        )
        for note, n in carried.most_common():
            listed = "是" if note in REVIEW_REASONS else "否"
            line = f"{note:<20}{listed:>6}{n:>8}{wrong[note]:>8}{wrong[note] / n:>10.1%}"
            if corpus_total:
                line += f"{share[note] / corpus_total:>10.1%}"
            w(line)
