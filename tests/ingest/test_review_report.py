"""``manage.py review_report``: the figures an editor's review list is chosen by."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command


def _report(*args: str) -> str:
    out = io.StringIO()
    call_command("review_report", *args, stdout=out)
    return out.getvalue()


def test_on_the_seed_pages_every_article_is_right_and_the_notes_are_counted() -> None:
    text = _report("--sets", "seeds")
    assert text.splitlines()[0] == "1 个标注集，33 篇文章，其中有错 0 篇（0.0%）"
    # The seeds print headlines after their bodies: noted as information, never a review reason.
    row = next(line for line in text.splitlines() if line.startswith("title_after_body"))
    assert row.split()[1:4] == ["否", "8", "0"]


def test_a_folder_of_pages_gets_the_share_of_its_articles_each_note_marks(tmp_path) -> None:
    # One page, one article without a byline: every article of the folder carries no_byline.
    (tmp_path / "p.txt").write_text(
        "某县召开防汛会议\n\n近日，某县召开防汛工作会议，部署主汛期工作。\n", encoding="utf-8"
    )
    text = _report("--sets", "ud", "--corpus", str(tmp_path))
    assert text.splitlines()[0].startswith("1 个标注集，")
    assert text.splitlines()[1].split()[-1] == "语料比例"
    row = next(line for line in text.splitlines() if line.startswith("no_byline"))
    assert row.split()[-1] == "100.0%"


def test_an_unknown_set_is_refused_with_a_message() -> None:
    with pytest.raises(CommandError, match="没有这些标注集"):
        _report("--sets", "no_such_set")
