"""``manage.py train_review``: the review model is trained from the annotated pages by one command."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from archive.ingest.review_model import read_model


@pytest.mark.django_db
def test_train_review_writes_a_model_with_its_held_out_figures(tmp_path) -> None:
    out = tmp_path / "review.json"
    stdout = io.StringIO()
    call_command(
        "train_review", "--folds", "2", "--sets", "seeds", "kh", "kg", "--out", str(out), stdout=stdout
    )
    model = read_model(out)
    info = json.loads(out.read_text(encoding="utf-8"))["info"]
    assert info["sets"] == 3 and info["examples"] > 100 and info["wrong"] > 0
    assert 0.0 < model.threshold < 1.0 and len(model.weights) == len(model.names)
    assert "阈值" in stdout.getvalue() and "召回" in stdout.getvalue()


def test_train_review_names_an_unknown_set() -> None:
    with pytest.raises(CommandError, match="没有这些已标注集合：nosuch"):
        call_command("train_review", "--sets", "nosuch", stdout=io.StringIO())
