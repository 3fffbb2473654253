"""``manage.py train_topics``: retrain the topic model from the repository's annotated articles."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from archive.ingest.topic_data import default_set_folders, read_training_data
from archive.ingest.topic_model import MODEL_JSON
from archive.ingest.topic_training import f1, train
from archive.ingest.topics import default_rules


class Command(BaseCommand):
    help = (
        "用仓库中全部已标注文章（seeds 金标准、tests/pages 的测试版面、pending 版面、tests/pages/real/ 下的"
        "真实版式集）重新训练主题模型，写出 archive/data/topic_model.json。特征为汉字 1–2 字串和"
        "archive/data/topics.json 中关键词表的得分；每个主题一个逻辑回归（需要 scikit-learn，仅训练时）。"
        "先做留一集验证（一集 = 文件名首字母相同的一组版面，或 seeds，或一个真实版式文件夹），"
        "逐集打印仅用关键词与模型的主题 F1，第二个主题的概率阈值按验证结果选定。"
        "同样的数据总是得到同样的模型。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--set",
            dest="sets",
            action="append",
            type=Path,
            metavar="DIR",
            help="真实版式集文件夹（*.txt 与 gold.json），可重复；默认 tests/pages/real/ 下的全部子文件夹",
        )
        parser.add_argument("--out", type=Path, default=MODEL_JSON, help=f"模型文件（默认 {MODEL_JSON}）")
        parser.add_argument(
            "--check", action="store_true", help="不写文件，只检查重新训练的结果是否与现有模型文件一致"
        )

    def handle(self, *args, **options) -> None:
        folders = options["sets"] if options["sets"] is not None else default_set_folders()
        for folder in folders:
            if not (folder / "gold.json").is_file():
                raise CommandError(f"{folder} 中没有 gold.json")
        articles = read_training_data(folders)
        self.stdout.write(f"已标注文章 {len(articles)} 篇；留一集验证中……")
        model, folds = train(articles, default_rules())

        self.stdout.write(f"{'集':<8}{'篇数':>6}{'仅关键词 F1':>14}{'模型 F1':>10}")
        for fold in folds:
            kw, mod = f1(fold.gold, fold.keyword), f1(fold.gold, fold.model)
            self.stdout.write(f"{fold.set_name:<8}{len(fold.gold):>6}{kw:>14.3f}{mod:>10.3f}")
        gold = [g for f in folds for g in f.gold]
        kw = f1(gold, [p for f in folds for p in f.keyword])
        mod = f1(gold, [p for f in folds for p in f.model])
        self.stdout.write(f"{'全部':<8}{len(gold):>6}{kw:>14.3f}{mod:>10.3f}")
        self.stdout.write(f"第二主题概率阈值 {model['second_threshold']}，词表 {len(model['vocab'])} 个字串")

        text = json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n"
        out: Path = options["out"]
        if options["check"]:
            if not out.is_file() or out.read_text(encoding="utf-8") != text:
                raise CommandError(f"重新训练的模型与 {out} 不一致")
            self.stdout.write(f"与 {out} 一致")
            return
        out.write_text(text, encoding="utf-8")
        self.stdout.write(f"已写出 {out}（{len(text.encode()) // 1024} KB）")
