"""``manage.py group_duplicates``: group the printings of one report (另见于)."""

from __future__ import annotations

import argparse
import sys

from django.core.management.base import BaseCommand, CommandParser, DjangoHelpFormatter
from tqdm import tqdm

from archive.models import Article, StoryGroup
from archive.services import duplicates


class _HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    pass


class Command(BaseCommand):
    help = """识别同一篇报道的多个版本（湖南日报、市州日报、县级网站或同一报纸不同版面印出的同一报道），
归为一组，检索结果和文章页据此显示“另见于”。

导入版面（import_pages）和编辑在后台修改、拆分、合并文章时，分组会自动更新；
本命令用于补上尚未分组的文章，加 --rebuild 则清空后全部重新识别。
编辑在后台标为“不与其他文章归为同一报道”的文章在重新识别后仍保持单独。

示例：python manage.py group_duplicates
      python manage.py group_duplicates --rebuild"""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="清空现有分组和索引，对全部文章重新识别（编辑的排除标记保留）",
        )
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def create_parser(self, prog_name: str, subcommand: str, **kwargs) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = _HelpFormatter
        return parser

    def handle(self, *args, rebuild: bool, no_progress: bool, **options) -> None:
        if rebuild:
            total = Article.objects.filter(story_group_excluded=False).count()
            show = not no_progress and sys.stderr.isatty()
            with tqdm(total=total, desc="识别同一报道", unit="篇", file=sys.stderr, disable=not show) as bar:
                summary = duplicates.rebuild(progress=bar.update)
            self.stdout.write(
                f"已检查 {summary.articles} 篇文章：{summary.groups} 组同一报道，共 {summary.grouped} 篇"
            )
            return
        unsketched = Article.objects.filter(story_group_excluded=False, duplicate_bands=None)
        missing = list(unsketched.values_list("pk", flat=True))
        duplicates.refresh(missing)
        groups = StoryGroup.objects.count()
        grouped = Article.objects.exclude(story_group=None).count()
        # Articles too short to compare (captions, names lines) never get keys and are checked each time.
        self.stdout.write(
            f"检查了 {len(missing)} 篇尚未识别的文章（过短的文章不参与分组）；"
            f"现有 {groups} 组同一报道，共 {grouped} 篇"
        )
