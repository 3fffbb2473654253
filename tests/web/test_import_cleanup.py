"""An import killed or interrupted leaves no worker process behind; a page of nothing but
furniture is reported, not stored."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.models import SourcePage
from archive.services.importer import import_paths
from bench.corpus import generate
from tests.conftest import ROOT, command_env


def children(pid: int) -> set[int]:
    """Every living descendant of ``pid`` (from /proc; zombies count as gone)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if state != "Z":
            parents.setdefault(int(ppid), []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> dict[str, str]:
    env = command_env(tmp_path_factory.mktemp("import-kill") / "data")
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"], env=env, check=True
    )
    return env


@pytest.mark.parametrize("how", ["SIGKILL of the parent", "SIGTERM", "Ctrl-C"])
def test_killing_an_import_leaves_no_worker_processes(migrated, tmp_path, how):
    pages = tmp_path / "pages"
    generate(pages, pages=200, seed=hash(how) % 1000)
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "import_pages", str(pages), "--jobs", "2", "--no-progress"],
        env=migrated,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        # The two segmenting workers (and multiprocessing's resource tracker) are running.
        while len(workers) < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            workers = children(proc.pid)
        assert len(workers) >= 2, "the import never started its workers"
        time.sleep(1.0)  # workers busy segmenting, the parent storing
        workers |= children(proc.pid)
        if how == "SIGKILL of the parent":
            proc.send_signal(signal.SIGKILL)
        elif how == "SIGTERM":
            proc.send_signal(signal.SIGTERM)
        else:
            os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends the foreground group
        proc.wait(timeout=60)
        deadline = time.monotonic() + 15
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in workers if alive(pid)], f"left behind after {how}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.django_db
def test_a_page_of_nothing_but_furniture_is_reported_and_not_stored(tmp_path, isolated_index):
    page = tmp_path / "mailbox_only.txt"
    page.write_text("本版邮箱：hnrbxw@163.com\n\n责任编辑 王五  校对 李四\n", encoding="utf-8")
    empty = tmp_path / "masthead.txt"
    empty.write_text("湖南日报\n2024年3月5日  星期二\n", encoding="utf-8")
    summary = import_paths([page, empty], progress=False)
    assert [(Path(p.path).name, p.status, p.reason) for p in summary.pages] == [
        ("mailbox_only.txt", "failed", "未识别出文章"),
        ("masthead.txt", "failed", "未识别出文章"),
    ]
    assert not SourcePage.objects.filter(file_name__in=["mailbox_only.txt", "masthead.txt"]).exists()
