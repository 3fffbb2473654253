"""``manage.py train_review``: train the review model on the annotated pages."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.annotated import GoldPage, annotated_sets
from archive.ingest.review import RULE_DOUBTS
from archive.ingest.review_model import MODEL_PATH
from archive.ingest.review_training import Example, train
from archive.ingest.scoring import Tally, norm, score_page
from archive.ingest.segment import segment_page
from archive.management.commands.train_segmenter import train as train_segmenter


def held_out_examples(sets: dict[str, list[GoldPage]], folds: int) -> list[Example]:
    """Every annotated article as the segmenter cuts it with a sequence model trained without
    its set (sets dealt round-robin into ``folds`` groups), with whether it came out wrong."""
    import pycrfsuite

    names = sorted(sets)
    groups = [names[k::folds] for k in range(folds)]
    examples: list[Example] = []
    for group in groups:
        others = [p for n, pages in sets.items() if n not in group for p in pages]
        with tempfile.NamedTemporaryFile(suffix=".crfsuite") as f:
            train_segmenter(others, Path(f.name))
            tagger = pycrfsuite.Tagger()
            tagger.open(f.name)
            for name in group:
                for page in sets[name]:
                    seg = segment_page(page.text, file=page.name, tagger=tagger)
                    tally = Tally()
                    score_page(tally, page.as_gold(), seg, page.text)
                    scored = [a for a in seg.articles if norm(a.body)]
                    for article, (_, wrong) in zip(scored, tally.notes, strict=True):
                        ruled = bool(RULE_DOUBTS.intersection(article.review_reasons))
                        examples.append(Example(name, article.review_signals, wrong, ruled))
    return examples


class Command(BaseCommand):
    help = (
        "训练审核模型：先按集合分组、留出每组训练切分模型，切分该组的已标注版面，"
        "记录每篇文章的审核信号以及它是否切分或标注有误；再用逻辑回归学习“可能有误”的概率，"
        "阈值在留出集合的预测上选定。写入 archive/data/review_model.json。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--folds", type=int, default=6, help="切分模型的留出分组数（默认 6）")
        parser.add_argument("--l2", type=float, default=1.0, help="逻辑回归的 L2 正则强度（默认 1.0）")
        parser.add_argument(
            "--max-share", type=float, default=0.10, help="留出预测上待审核比例的上限（默认 0.10）"
        )
        parser.add_argument("--out", default=str(MODEL_PATH), help="模型文件路径")
        parser.add_argument(
            "--sets", nargs="*", default=None, metavar="NAME", help="只用这些已标注集合（默认全部）"
        )

    def handle(self, *args, folds: int, l2: float, max_share: float, out: str, sets, **options):
        chosen = sets
        sets = annotated_sets()
        if chosen:
            unknown = sorted(set(chosen) - set(sets))
            if unknown:
                raise CommandError("没有这些已标注集合：" + "、".join(unknown))
            sets = {n: sets[n] for n in chosen}
        examples = held_out_examples(sets, max(2, folds))
        model = train(examples, l2=l2, max_share=max_share)
        Path(out).write_text(
            json.dumps(model.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        held, rules = model.info["held_out"], model.info["rules_alone"]
        self.stdout.write(
            f"{len(examples)} 篇文章（{model.info['wrong']} 篇有误），阈值 {model.threshold:.2f}；"
            f"留出预测：召回 {held['recall']:.3f}，精确 {held['precision']:.3f}，"
            f"待审核比例 {held['flagged_share']:.3f}（规则自身的疑点单独使用：召回 {rules['recall']:.3f}，"
            f"精确 {rules['precision']:.3f}，比例 {rules['flagged_share']:.3f}）。已写入 {out}"
        )
