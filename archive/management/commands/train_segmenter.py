"""``manage.py train_segmenter``: train the block sequence model on the annotated pages."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest import decode_page
from archive.ingest.annotated import GoldPage, annotated_sets, read_gold_file, unit_labels
from archive.ingest.assemble import assemble
from archive.ingest.scoring import Tally, score_page
from archive.ingest.segment import segment_page
from archive.ingest.sequence import MODEL_PATH, features, page_units, rule_labels

SHOWN = (
    "clean_articles",
    "article_precision",
    "title_accuracy",
    "county_accuracy",
    "reporter_f1",
    "review_recall",
    "review_precision",
    "flagged_share",
)
SHORT = {
    "clean_articles": "clean",
    "article_precision": "prec",
    "title_accuracy": "title",
    "county_accuracy": "county",
    "reporter_f1": "rep",
    "review_recall": "r_rec",
    "review_precision": "r_prec",
    "flagged_share": "flag",
}
# CRFsuite's L-BFGS with elastic-net regularisation; c1/c2 picked by leave-one-set-out.
PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}


def sequences(pages: list[GoldPage]) -> list[tuple[list[dict], list[str]]]:
    """(features, gold labels) of each page's unit sequence, as the segmenter will see it."""
    out = []
    for page in pages:
        units = page_units(page.text)
        assembly = assemble(units)
        rule = rule_labels(units, assembly)
        gold = [label for label, _ in unit_labels(page.text, units, page.articles)]
        out.append((features(units, rule), gold))
    return out


def train(pages: list[GoldPage], path: Path, params: dict | None = None) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in sequences(pages):
        trainer.append([{k: v for k, v in f.items()} for f in xseq], yseq)
    trainer.set_params({**PARAMS, **(params or {})})
    trainer.train(str(path))


def evaluate(pages: list[GoldPage], tagger=None, use_model: bool = True) -> dict[str, float]:
    tally = Tally()
    for page in pages:
        seg = segment_page(page.text, file=page.name, tagger=tagger, use_model=use_model)
        score_page(tally, page.as_gold(), seg, page.text)
    return tally.figures()


class Command(BaseCommand):
    help = (
        "用仓库中全部已标注的版面（种子版面的金标准、tests/pages 下各测试集、tests/pages/real 下的"
        "真实版式集）"
        "训练版面块序列模型（CRF），写入 archive/data/segmenter.crfsuite。"
        "--validate 按“留一集”方式逐集比较规则与模型的切分指标；--measure DIR 只在给定的文件夹"
        "（含 *.txt 与 gold.json）上测量当前模型与规则，不训练。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--validate", action="store_true", help="逐集留一验证，打印规则与模型的指标")
        parser.add_argument(
            "--measure", nargs="*", default=None, metavar="DIR", help="只测量这些集合（不训练）"
        )
        parser.add_argument(
            "--extra", nargs="*", default=[], metavar="DIR", help="另加入训练的已标注集合文件夹"
        )
        parser.add_argument("--out", default=str(MODEL_PATH), help="模型文件路径")

    def handle(self, *args, validate: bool, measure, extra, out, **options):
        if measure is not None:
            for folder in map(Path, measure):
                if not (folder / "gold.json").exists():
                    raise CommandError(f"{folder} 里没有 gold.json")
                pages = read_gold_file(folder / "gold.json", folder, folder.name)
                for page in pages:
                    page.text = decode_page(page.path.read_bytes()).text
                self._row(folder.name, evaluate(pages, use_model=False), evaluate(pages), len(pages))
            return
        sets = annotated_sets(extra=[Path(d) for d in extra])
        if validate:
            self._validate(sets)
        pages = [p for pages in sets.values() for p in pages]
        train(pages, Path(out))
        self.stdout.write(f"已用 {len(sets)} 个集合、{len(pages)} 个版面训练模型：{out}")

    def _validate(self, sets: dict[str, list[GoldPage]]) -> None:
        import pycrfsuite

        self.stdout.write(
            "set      pages  " + "  ".join(f"{SHORT[k]:>6}" for k in SHOWN) + "   (rules / model, held out)"
        )
        for name in sorted(sets):
            others = [p for n, pages in sets.items() if n != name for p in pages]
            with tempfile.NamedTemporaryFile(suffix=".crfsuite") as f:
                train(others, Path(f.name))
                tagger = pycrfsuite.Tagger()
                tagger.open(f.name)
                self._row(
                    name,
                    evaluate(sets[name], use_model=False),
                    evaluate(sets[name], tagger=tagger),
                    len(sets[name]),
                )

    def _row(self, name: str, rules: dict, model: dict, pages: int = 0) -> None:
        cells = "  ".join(f"{rules[k]:.2f}/{model[k]:.2f}" for k in SHOWN)
        self.stdout.write(f"{name:<8} {pages:>5}  {cells}")
