"""``manage.py check_index``: compare the database with the search index; ``--fix`` repairs."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from search.index.consistency import check_index, fix_index


class Command(BaseCommand):
    help = (
        "比对数据库与检索索引：缺失（数据库有、索引没有）、过期（索引中的地点、主题、作者、日期、"
        "标题或正文长度与数据库不一致）和多余（索引有、数据库已删除）的文档。"
        "有问题时退出状态非零；加 --fix 则重新索引缺失和过期的文章、删除多余的文档。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="修复发现的问题（经索引队列处理）")

    def handle(self, *args, fix: bool, **options) -> None:
        report = check_index()
        self.stdout.write(
            f"文章 {report.articles} 篇，索引文档 {report.documents} 个：缺失 {len(report.missing)}，"
            f"过期 {len(report.stale)}，多余 {len(report.orphans)}"
        )
        for label, ids in (("缺失", report.missing), ("过期", report.stale), ("多余", report.orphans)):
            if ids:
                shown = "、".join(str(i) for i in ids[:20]) + (" …" if len(ids) > 20 else "")
                self.stdout.write(f"  {label}：文章 {shown}")
        if report.ok:
            return
        if not fix:
            raise CommandError("索引与数据库不一致；用 --fix 修复")
        fixed = fix_index(report)
        after = check_index()
        self.stdout.write(
            f"已修复 {fixed} 篇；复查：缺失 {len(after.missing)}，"
            f"过期 {len(after.stale)}，多余 {len(after.orphans)}"
        )
        if not after.ok:
            raise CommandError("修复后仍不一致（可用 process_index_queue --rebuild 重建）")
