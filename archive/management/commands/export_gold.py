"""``manage.py export_gold``: the stored articles as gold annotation, for segscore.py and training."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from archive.services.gold import export


class Command(BaseCommand):
    help = (
        "把库中每个版面的文章按 shared/gold/seeds.json 的格式（body_start/body_end 锚点、标题、引题、副题、"
        "作者及角色、图片说明、县市区、市州、主题）输出到标准输出，供 segscore.py 评分或作为训练数据。"
        "--edited-only 只输出有编辑修改的版面。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--edited-only", action="store_true", help="只输出有编辑修改（元数据或切分）的版面"
        )

    def handle(self, *args, **options):
        payload = export(edited_only=options["edited_only"])
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))
