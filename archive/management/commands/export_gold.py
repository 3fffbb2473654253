"""``manage.py export_gold``: the stored articles as gold annotation, for segscore.py and training."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from archive.models import SourcePage
from archive.services.gold import export


class Command(BaseCommand):
    help = (
        "把库中每个版面的文章按 shared/gold/seeds.json 的格式（body_start/body_end 锚点、标题、引题、副题、"
        "作者及角色、图片说明、县市区、市州、主题）输出到标准输出，供 segscore.py 评分或作为训练数据。"
        "--edited-only 只输出有编辑修改的版面。--pages-dir DIR 另把这些版面的原文和 gold.json 写进 DIR，"
        "成为一个标注集：train_topics --set DIR 与 train_segmenter --extra DIR 可用编辑的修正来训练。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--edited-only", action="store_true", help="只输出有编辑修改（元数据或切分）的版面"
        )

        parser.add_argument(
            "--pages-dir",
            metavar="DIR",
            help="把版面原文（UTF-8）与 gold.json 一并写入此文件夹，作为训练用的标注集",
        )

    def handle(self, *args, **options):
        payload = export(edited_only=options["edited_only"])
        text = json.dumps(payload, ensure_ascii=False, indent=1)
        if options.get("pages_dir"):
            folder = Path(options["pages_dir"])
            folder.mkdir(parents=True, exist_ok=True)
            names = {p["file"] for p in payload["pages"]}
            for page in SourcePage.objects.filter(file_name__in=names):
                (folder / Path(page.file_name).name).write_text(page.raw_text, encoding="utf-8")
            (folder / "gold.json").write_text(text, encoding="utf-8")
        self.stdout.write(text)
