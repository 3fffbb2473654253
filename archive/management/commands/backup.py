"""``manage.py backup DIR``: a consistent copy of the database and the search index."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.services.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "把数据库和检索索引一致地备份到一个新的（或空的）目录：SQLite 用在线备份接口，"
        "PostgreSQL 用 pg_dump；备份期间网站照常可用，索引更新暂停片刻。用 restore 恢复。"
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="备份目录（不存在则创建，须为空）")

    def handle(self, *args, directory: Path, **options) -> None:
        try:
            info = backup(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"已备份 {info.articles} 篇文章（{info.engine}）和检索索引到 {info.path}")
