"""``manage.py restore DIR``: bring back a copy written by ``manage.py backup``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.services.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = (
        "用 backup 写出的目录替换当前的数据库和检索索引（当前内容全部被覆盖），"
        "然后补上备份时尚在队列中的索引更新。"
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="backup 写出的备份目录")
        parser.add_argument("--noinput", "--no-input", action="store_true", help="不询问，直接恢复")

    def handle(self, *args, directory: Path, noinput: bool, **options) -> None:
        try:
            manifest = read_manifest(directory)
            if not noinput:
                answer = input(
                    f"将用 {manifest['created']} 的备份（{manifest['articles']} 篇文章）"
                    "覆盖当前数据库和索引。"
                    "确定吗？输入 yes 继续："
                )
                if answer.strip().lower() != "yes":
                    raise CommandError("已取消")
            info = restore(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"已恢复：{info.articles} 篇文章和检索索引（备份于 {info.created}）")
