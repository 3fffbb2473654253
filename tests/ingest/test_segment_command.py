"""``manage.py segment``: the JSON the scorer reads, the readable summary, and unreadable files.

The command never touches the database, so these tests need no ``db`` fixture.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "004_8280ae8165275717.txt"
GB_PAGE = ROOT / "tests" / "pages" / "p02_huaihua_gb18030.txt"


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("segment", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_output_has_the_scorers_shape() -> None:
    out, _ = run("--json", str(SEED), str(GB_PAGE))
    data = json.loads(out)
    assert [p["file"] for p in data["pages"]] == [SEED.name, GB_PAGE.name]
    article = data["pages"][0]["articles"][1]
    assert set(article) == {
        "title", "kicker", "subtitle", "reporters", "captions", "county", "prefecture", "topics", "body",
        "date", "needs_review", "review_reasons",
    }  # fmt: skip
    assert {"paper", "edition", "page_name", "date"} <= set(data["pages"][0])
    assert isinstance(article["needs_review"], bool)
    assert article["title"] == "“模拟政协”,让学生涨知识"
    assert article["reporters"][0] == {"name": "刘毅", "role": "记者"}
    assert article["county"] == "醴陵市" and article["prefecture"] == "株洲市"
    assert "上接A1版" in data["pages"][0]["furniture"]


def test_summary_lists_each_article_readably() -> None:
    out, _ = run(str(GB_PAGE))
    assert "p02_huaihua_gb18030.txt（gb18030）：4 篇文章，日期 2023-09-18" in out
    assert "會同縣打造“一縣一特”杂交水稻制种基地" in out
    assert "地点：怀化市 通道侗族自治县" in out


def test_unreadable_file_is_reported_by_name_and_the_others_still_run(tmp_path: Path) -> None:
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(
            "segment", "--json", str(bad), str(SEED), str(empty), str(missing), stdout=out, stderr=err
        )
    assert exc.value.returncode == 1
    assert f"{bad}: 二进制文件" in err.getvalue()
    assert f"{empty}: 空文件" in err.getvalue()
    assert f"{missing}: 无法读取文件" in err.getvalue()
    assert json.loads(out.getvalue())["pages"][0]["file"] == SEED.name


def test_help_explains_the_command() -> None:
    from archive.management.commands.segment import Command

    assert "segscore" in Command.help and "不写入数据库" in Command.help
