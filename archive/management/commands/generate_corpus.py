"""``manage.py generate_corpus``: write a deterministic synthetic corpus of page files."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench.corpus import generate


class Command(BaseCommand):
    help = (
        "生成确定性的合成版面文件（用于基准测试）：由 seeds/ 的段落重新组合，覆盖全部 122 个县级行政区、"
        "九个主题和十年的日期，保留种子版面的排版特点（引题、——副题、署名行、结尾括号署名、"
        "“XX日报讯(记者/… 通讯员/…)”、窄栏硬换行、标题在正文之后、图片说明“摄”、重复段落、上接A1版、"
        "GB18030 编码等）。同一 --seed 总是写出逐字节相同的文件。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        size = parser.add_mutually_exclusive_group(required=True)
        size.add_argument("--pages", type=int, help="写出的版面文件数")
        size.add_argument("--articles", type=int, help="文章总数（按需写出足够的版面，每版 3–8 篇）")
        parser.add_argument("--out", required=True, type=Path, help="输出目录（不存在则创建）")
        parser.add_argument("--seed", type=int, default=0, help="随机种子（默认 0）")
        parser.add_argument(
            "--manifest",
            type=Path,
            help="另写一个 JSON Lines 清单：每个文件的日期、报纸和每篇文章的标题、地点、主题、作者",
        )

        parser.add_argument(
            "--long-article",
            type=int,
            default=0,
            metavar="CHARS",
            help="另写一个版面：一篇 CHARS 字、不换行的文章（例如 700000，检验长文的检索与导入开销）",
        )

    def handle(self, *args, **options) -> None:
        count = options["pages"] if options["pages"] is not None else options["articles"]
        if count is None or count < 1:
            raise CommandError("--pages / --articles 必须是正整数")
        out: Path = options["out"]
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} 不是目录")
        if out.is_dir() and any(out.glob("*.txt")):
            raise CommandError(f"{out} 里已有 .txt 文件；请换一个空目录，以免混入旧语料")
        started = time.perf_counter()
        stats = generate(
            out,
            pages=options["pages"],
            articles=options["articles"],
            seed=options["seed"],
            manifest=options["manifest"],
            long_article_chars=options["long_article"],
        )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"已写出 {stats.pages} 个版面、{stats.articles} 篇文章、{stats.characters:,} 字 → {out}"
            f"（{len(stats.counties)} 个地区，编码 {dict(stats.encodings)}，用时 {elapsed:.1f} 秒）"
        )
