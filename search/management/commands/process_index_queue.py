"""Apply queued search-index work, or rebuild the whole index."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from archive.models import Article
from search.index import indexing
from search.index.segments import DEFAULT_LIMIT_MB
from search.models import IndexQueue


class Command(BaseCommand):
    help = (
        "应用检索索引的待处理队列（文章保存、删除、导入时记录）。"
        "加 --rebuild 则清空并重建整个索引：各工作进程在内存中整段写入，"
        "旧索引在重建完成、一次提交之前照常可查。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="清空并重建全部文章的索引（重建期间的修改会排队，完成后补上）",
        )
        parser.add_argument("--batch-size", type=int, default=indexing.DEFAULT_BATCH, help="每批读取的文章数")
        parser.add_argument(
            "--procs",
            type=int,
            default=indexing.default_procs(),
            help=(
                "重建（及一次处理上千篇的队列）时分词所用的进程数"
                "（>1 时每个进程写自己的段；默认取 2 与 CPU 核数的较小者）"
            ),
        )
        parser.add_argument(
            "--memory-mb",
            type=int,
            default=DEFAULT_LIMIT_MB,
            help=(
                f"重建时每个进程在内存中累积的倒排数据上限（MiB，默认 {DEFAULT_LIMIT_MB}）；"
                "达到上限即写出一个段。越大段越少、写得越快"
            ),
        )
        parser.add_argument(
            "--optimize", action="store_true", help="完成后把所有段合并为一个（较慢，查询略快）"
        )
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(
        self,
        *args,
        rebuild=False,
        batch_size=500,
        procs=None,
        memory_mb=DEFAULT_LIMIT_MB,
        optimize=False,
        no_progress=False,
        **opts,
    ):
        started = time.monotonic()
        if rebuild:
            total = Article.objects.count()
            bar = tqdm(total=total, desc="重建索引", unit="篇", file=sys.stderr, disable=no_progress)
            procs = procs or indexing.default_procs()
            count = indexing.rebuild(
                batch_size=batch_size, procs=procs, limitmb=memory_mb, progress=bar.update
            )
            bar.close()
            elapsed = time.monotonic() - started
            rate = count / elapsed if elapsed else 0.0
            self.stdout.write(f"已重建索引：{count} 篇文章，用时 {elapsed:.1f} 秒（{rate:.0f} 篇/秒）。")
        else:
            pending = IndexQueue.objects.count()
            done = indexing.process_pending(wait=True, batch_size=batch_size, procs=procs)
            self.stdout.write(f"已处理待索引队列：{done} 条（处理前 {pending} 条）。")
        if optimize:
            indexing.merge_segments(wait=True, optimize=True)
        else:
            indexing.merge_segments(wait=True)
        self.stdout.write(f"索引段数：{indexing.segment_count()}")
