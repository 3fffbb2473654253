"""``manage.py import_pages PATH...``: import page dumps into the archive and update the search index."""

from __future__ import annotations

import argparse
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser, DjangoHelpFormatter

from archive.ingest.publication import ManifestError, read_manifest
from archive.services.importer import ImportSummary, default_jobs, import_paths
from archive.services.processes import terminate_on_sigterm


class _HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    pass


class Command(BaseCommand):
    help = """导入报纸版面文本文件（.txt）并更新检索索引。

识别编码（UTF-8，可带 BOM；GB18030），切分文章，判定地点与主题，
每个版面在一个事务中写入数据库。PATH 可以是文件或文件夹（递归查找 *.txt）。

可重复执行：
  - 内容未变（SHA-256 相同）的版面跳过；
  - 内容有变的版面重新切分，并与已有文章对应（保留文章编号和网址），不会产生重复文章；
  - 编辑在后台修改过的文章不会被覆盖，只标记为待审核。

无法读取的文件（空文件、二进制文件、无法识别的编码、过大、不存在）会列出文件名和原因，
其余文件照常导入；只要有文件失败，退出状态即为非零。结束时打印汇总，加 -v 2 逐个列出每个版面。

报纸名称、出版日期、版次和版面名从版面文字（页眉、电头、“来源/发布时间”行）读取；
没有印出这些信息的文件，可用 --manifest 提供一个清单（CSV 或 JSON lines），例如 CSV：

  file,paper,date,edition,page
  x07_page.txt,郴州日报,2024-04-12,A06,县区新闻

JSON lines 每行一个对象：{"file": "x07_page.txt", "paper": "郴州日报", "date": "2024-04-12"}。
清单中的值优先于版面文字；只改了清单、版面文件未变时，加 --force 重新导入。

示例：python manage.py import_pages seeds/ 新到版面/2024-11-21.txt
      python manage.py import_pages --manifest 清单.csv 新到版面/"""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="版面文件或包含 *.txt 的文件夹")
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="不显示进度条（输出不是终端时自动关闭）",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=default_jobs(),
            help=(
                "切分版面所用的进程数（本进程同时按顺序入库；少于 20 个文件时不另开进程；"
                "默认取 2 与 CPU 核数的较小者）"
            ),
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help=(
                "只入库、不更新检索索引（索引工作留在队列里）：大批量首次导入时用，"
                "之后运行 process_index_queue --rebuild 一次建好索引"
            ),
        )
        parser.add_argument(
            "--manifest",
            metavar="FILE",
            help="清单文件（CSV：file,paper,date,edition,page；或 JSON lines），补充报纸、日期、版次、版面名",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="内容未变的版面也重新切分（例如在后台调整了主题关键词之后）；编辑修改过的文章仍保留",
        )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Keep the help's paragraphs as written instead of reflowing them into one block.
        parser.formatter_class = _HelpFormatter
        return parser

    def handle(
        self,
        *args,
        paths: list[str],
        no_progress: bool,
        force: bool,
        jobs: int,
        no_index: bool,
        manifest: str | None = None,
        **options,
    ) -> None:
        self.verbosity = options["verbosity"]
        terminate_on_sigterm()
        progress = not no_progress and sys.stderr.isatty()
        try:
            entries = read_manifest(manifest) if manifest else None
        except ManifestError as exc:
            raise CommandError(str(exc)) from None
        try:
            summary = import_paths(
                paths, progress=progress, force=force, jobs=jobs, index=not no_index, manifest=entries
            )
        except KeyboardInterrupt:
            # Each page is stored in its own transaction: those stored stay, the current one is rolled back.
            message = "导入已中断：已完成的版面已保存，正在处理的版面未保存"
            raise CommandError(message, returncode=130) from None
        self.report(summary)
        if not summary.pages:
            raise CommandError("没有找到可导入的 .txt 文件")
        if not summary.ok:
            raise CommandError(f"{summary.pages_failed} 个文件导入失败（见上方列表）")

    def report(self, summary: ImportSummary) -> None:
        out = self.stdout
        out.write(
            f"版面：新增 {summary.pages_new}，更新 {summary.pages_changed}，"
            f"未变 {summary.pages_unchanged}，失败 {summary.pages_failed}"
        )
        out.write(
            f"文章：新增 {summary.articles_created}，更新 {summary.articles_updated}，"
            f"删除 {summary.articles_deleted}，保留编辑修改 {summary.articles_kept_edited}；"
            f"本次导入的版面中待审核 {summary.articles_flagged} 篇"
        )
        labels = {"new": "新增", "changed": "更新", "unchanged": "未变"}
        for page in summary.pages:
            if page.status == "unchanged" and page.reason:
                out.write(f"  跳过 {page.path}：{page.reason}")
            elif self.verbosity >= 2 and page.status in labels:
                out.write(
                    f"  {labels[page.status]} {page.path}：文章新增 {len(page.created)}，"
                    f"更新 {len(page.updated)}，删除 {len(page.deleted)}，"
                    f"保留编辑修改 {len(page.kept_edited)}，待审核 {page.flagged}"
                )
        if summary.failures:
            self.stderr.write("以下文件未能导入：")
            for page in summary.failures:
                self.stderr.write(f"  {page.path}：{page.reason}")
