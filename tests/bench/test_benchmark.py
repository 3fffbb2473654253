"""The benchmark's corpus generator and runner.

No timings are asserted (the machine is shared and noisy): the generator must be
deterministic and realistic enough to exercise the importer, and the runner must
complete at a tiny size and produce every section of its report.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bench.corpus import generate, load_places

ROOT = Path(__file__).resolve().parents[2]


def digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.glob("*.txt"))}


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def test_same_seed_writes_identical_files_and_another_seed_does_not(tmp_path):
    a = generate(tmp_path / "a", pages=12, seed=7)
    b = generate(tmp_path / "b", pages=12, seed=7)
    generate(tmp_path / "c", pages=12, seed=8)
    assert a.files == b.files
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")


def test_article_count_is_exact_and_every_county_is_covered(tmp_path):
    stats = generate(tmp_path, articles=700, seed=1)
    assert stats.articles == 700
    assert len(list(tmp_path.glob("*.txt"))) == stats.pages
    _, counties = load_places()
    assert len(counties) == 122
    assert {c.name for c in counties} <= set(stats.counties)
    assert len(stats.topics) == 9
    assert len(stats.years) == 10


def test_pages_carry_the_seed_layout_quirks(tmp_path):
    manifest = tmp_path / "manifest.jsonl"
    generate(tmp_path / "pages", pages=200, seed=2, manifest=manifest)
    raw = [p.read_bytes() for p in sorted((tmp_path / "pages").glob("*.txt"))]
    texts = [decode(b) for b in raw]
    joined = "\n".join(texts)
    # Encodings: some GB18030 files (not valid UTF-8), some with a BOM, some CRLF.
    assert any(_not_utf8(b) for b in raw)
    assert any(b.startswith(b"\xef\xbb\xbf") for b in raw)
    assert any(b"\r\n" in b for b in raw)
    # Page headers with a date, 上接A1版 furniture, dateline bylines, closing parentheses, captions.
    assert re.search(r"20\d\d年\d{1,2}月\d{1,2}日\s+星期[一二三四五六日]", joined)
    assert "上接A1版" in joined
    assert re.search(r"日报讯[(（]记者/\S+", joined)
    assert re.search(r"\n（\S+(?: \S+)*）\n", joined.replace("\r\n", "\n"))
    assert re.search(r"\S 摄\n", joined.replace("\r\n", "\n"))
    assert "——" in joined
    # A narrow hard-wrapped column: runs of short lines separated by blank lines.
    assert re.search(r"(?:\n\n[^\n]{12,16}){8}", joined.replace("\r\n", "\n"))
    # The manifest describes every article with a place and 1-2 topics.
    records = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 200
    articles = [a for r in records for a in r["articles"]]
    assert all(a["place"] and 1 <= len(a["topics"]) <= 2 for a in articles)
    # Place names are substituted into the text: the headline or lead names the article's place.
    first = records[0]["articles"][0]
    assert first["place"] in texts[0] or first["place"][:2] in texts[0]


def _not_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def test_generate_corpus_command_writes_pages_and_refuses_a_used_directory(tmp_path, capsys):
    out = tmp_path / "corpus"
    call_command("generate_corpus", "--pages", "3", "--out", str(out), "--seed", "5")
    assert len(list(out.glob("*.txt"))) == 3
    assert "3 个版面" in capsys.readouterr().out
    with pytest.raises(CommandError, match="已有 .txt 文件"):
        call_command("generate_corpus", "--pages", "3", "--out", str(out))


def test_tiny_benchmark_runs_every_phase_and_reports_them(tmp_path):
    results_md = tmp_path / "RESULTS.md"
    results_json = tmp_path / "results.json"
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "ARCHIVE_DATA_DIR")}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.run",
            "--tiny",
            "--no-install",
            "--connections",
            "4",
            "--community-articles",
            "5",
            "--workdir",
            str(tmp_path / "work"),
            "--results",
            str(results_md),
            "--json",
            str(results_json),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = proc.stdout
    for heading in (
        "### 1. Import",
        "### 2. Full index rebuild",
        "### 3. Search latency",
        "### 4. Edit and new page visible in search",
        "### 5. gunicorn, 2 workers",
        "### 6. Memory and disk",
        "### Against the targets",
    ):
        assert heading in report
    assert "raw Whoosh writer" in report and "community" in report
    # The report was appended to the results file with the machine and the command.
    saved = results_md.read_text(encoding="utf-8")
    assert "Machine:" in saved and "python -m bench.run --tiny" in saved
    data = json.loads(results_json.read_text(encoding="utf-8"))
    sections = data["sections"]
    assert sections["import"]["articles"] > 0
    # The community indexed only the first articles: ours is searched again on an index of those.
    assert sections["rebuild"]["community"]["articles"] == 5
    assert sections["rebuild"]["community"]["ours_same_articles"]["articles"] == 5
    assert set(sections["search"]["paths"]) == {
        "page",
        "api",
        "engine",
        "raw",
        "community",
        "community_page",
        "page_same",
        "api_same",
        "engine_same",
    }
    assert sections["search"]["paths"]["page_same"]["n"] == sections["search"]["paths"]["page"]["n"]
    # The community's search page (haystack's FacetedSearchView) rendered every query.
    assert sections["search"]["paths"]["community_page"]["n"] == sections["search"]["paths"]["page"]["n"]
    assert not sections["search"]["error_counts"].get("community_page")
    assert "page vs page" in report
    assert "both on the same 5 articles" in report
    assert sections["search"]["queries"] >= 30
    assert not sections["search"]["error_counts"]["page"]
    assert sections["freshness"]["admin_edit"]["visible_s"] is not None, data["notes"]
    assert sections["freshness"]["new_page"]["visible_s"] is not None
    assert sections["server"]["load"]["requests"] > 0
    assert len(sections["server"]["memory_peak"]) == 2
    # It never touched the developer's data directory: everything is under --workdir.
    assert Path(data["workdir"]) == tmp_path / "work"
