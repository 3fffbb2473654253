"""A consistent copy of the archive (database and search index) and bringing it back.

The index is copied while its write lock is held, then the database is copied: any
change committed between the two is in the database copy with its index-queue row,
so a restore followed by the usual queue processing gives an index that agrees
with the database. SQLite is copied with its online backup API, PostgreSQL with
``pg_dump`` (restored with ``pg_restore``; both must be on PATH, of the server's version).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from archive.models import Article

SQLITE_FILE = "archive.sqlite3"
PG_FILE = "archive.pgdump"
INDEX_DIR = "whoosh_index"
MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


@dataclass
class BackupInfo:
    path: Path
    engine: str
    articles: int
    created: str


def _engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump/pg_restore, from Django's settings."""
    s = connection.settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", s["HOST"]]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", s["USER"]]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(f"找不到 {command[0]}（需安装与服务器同版本的 PostgreSQL 客户端）") from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} 失败：{done.stderr.strip()}")


def _raw_sqlite() -> sqlite3.Connection:
    connection.ensure_connection()
    return connection.connection


def backup(target: Path) -> BackupInfo:
    """Write the database and the index into ``target`` (a new or empty directory)."""
    from search.index import indexing

    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupError(f"{target} 不是空目录")
    backend = indexing.get_backend()
    lock = indexing._wait_for_write_lock(backend.index)
    try:
        shutil.copytree(backend.path, target / INDEX_DIR, ignore=shutil.ignore_patterns("*LOCK", "*.lock"))
        if _engine() == "sqlite":
            destination = sqlite3.connect(target / SQLITE_FILE)
            try:
                _raw_sqlite().backup(destination)
            finally:
                destination.close()
        else:
            args, env = _pg_env()
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target / PG_FILE), *args], env)
    finally:
        lock.release()
    info = BackupInfo(target, _engine(), Article.objects.count(), dt.datetime.now(dt.UTC).isoformat())
    manifest = {"engine": info.engine, "articles": info.articles, "created": info.created}
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return info


def read_manifest(source: Path) -> dict:
    try:
        return json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(f"{source} 不是本系统的备份目录（缺少 {MANIFEST}）") from None


def restore(source: Path) -> BackupInfo:
    """Replace the database and the index with the backup in ``source``, then apply its queue."""
    from search.engine import executor as engine
    from search.index import indexing

    manifest = read_manifest(source)
    if manifest["engine"] != _engine():
        raise BackupError(f"备份来自 {manifest['engine']}，当前数据库是 {_engine()}")
    backend = indexing.get_backend()
    lock = indexing._wait_for_write_lock(backend.index)
    try:
        if _engine() == "sqlite":
            backup_db = sqlite3.connect(source / SQLITE_FILE)
            try:
                backup_db.backup(_raw_sqlite())
            finally:
                backup_db.close()
        else:
            args, env = _pg_env()
            connection.close()
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", *args, str(source / PG_FILE)], env)
        index_dir = Path(backend.path)
        for entry in index_dir.iterdir():
            if entry.is_file() and not entry.name.endswith(("LOCK", ".lock")):
                entry.unlink()
        for entry in (source / INDEX_DIR).iterdir():
            shutil.copy2(entry, index_dir / entry.name)
    finally:
        lock.release()
    backend.index = backend.storage.open_index()
    engine.reset()
    # Changes the backup's database held in its queue (made while it was taken).
    indexing.process_pending(wait=True)
    return BackupInfo(source, manifest["engine"], Article.objects.count(), manifest["created"])
