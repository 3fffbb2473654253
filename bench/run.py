"""The archive's benchmark: one run, one corpus, the same queries, every path side by side.

    .venv/bin/python -m bench.run --articles 10000            # everyday run (a few minutes)
    .venv/bin/python -m bench.run --articles 100000 --skip-community --community-articles 10000
    .venv/bin/python -m bench.run --tiny --no-results          # smoke test (used by tests/bench)

Phases, all in a fresh data directory (never ./var):

1. corpus: ``bench.corpus`` writes N synthetic page files (deterministic, ``--seed``);
2. import through ``manage.py import_pages`` (pages/s, articles/s);
3. full index rebuild through ``manage.py process_index_queue --rebuild``, beside the raw
   Whoosh writer fed the same documents with the same schema (the engine's floor) and
   beside the community setup (stock haystack ``WhooshEngine`` + jieba ``ChineseAnalyzer``,
   ``rebuild_index``) in its own index;
4. search: the full search page and the JSON API through Django's test client, the raw
   Whoosh searcher (one searcher reused, the same queries) and the community setup
   (``SearchQuerySet().filter(content=q)[:20]`` + highlight), interleaved, after a warm-up;
5. gunicorn (2 workers, ``--preload``) on 127.0.0.1: an admin edit and a new page, timed
   until the server's search shows them; then a loopback load (wrk with a Lua script
   rotating through the queries, or ``bench.loadgen``), with each worker's RSS/USS sampled
   from /proc; index sizes on disk.

The report is a Markdown table printed at the end and appended to bench/RESULTS.md
(``--results``), with the machine, the command and the figures against the targets.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import html.parser
import io
import json
import math
import os
import platform
import pstats
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.queries import LOAD_EXTRA, QUERIES, Query  # noqa: E402

DEFAULT_RESULTS = ROOT / "bench" / "RESULTS.md"
MARKER_CHARS = "鹍鹂鸻鹈鹕鹗鹧鸪鹩鹪鹫鹮"  # rare characters: a marker made of them matches nothing else

# Targets of issue 5 (stated for N = 100,000 on this machine).
TARGETS = {
    "rebuild_minutes_100k": 10.0,
    "rebuild_vs_community": 5.0,
    "page_p95_ms": 200.0,
    "page_vs_raw_p95": 2.0,
    "community_vs_page_p95": 3.0,
    "visible_s": 1.0,
    "worker_mib": 300.0,
}


# --- Small helpers -------------------------------------------------------------------------


def log(msg: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S', time.gmtime())}] {msg}\n")
    sys.stderr.flush()


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of ``values``; 0 for an empty list."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(values) if values else 0.0,
    }


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def mib(n_bytes: float) -> float:
    return n_bytes / (1024 * 1024)


def machine() -> dict:
    info = {"cores": os.cpu_count(), "python": platform.python_version(), "kernel": platform.release()}
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["mem_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    with contextlib.suppress(OSError):
        info["load_before"] = Path("/proc/loadavg").read_text().split()[:3]
    return info


def git_revision() -> str:
    try:
        rev = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
        return f"{rev}{' + uncommitted changes' if dirty else ''}" if rev else "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


@contextlib.contextmanager
def profiled(name: str, profile_dir: Path | None) -> Iterator[None]:
    """cProfile the block when ``--profile`` is given; writes NAME.prof and NAME.txt (top 40)."""
    if profile_dir is None:
        yield
        return
    profile_dir.mkdir(parents=True, exist_ok=True)
    prof = cProfile.Profile()
    prof.enable()
    try:
        yield
    finally:
        prof.disable()
        prof.dump_stats(profile_dir / f"{name}.prof")
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out).sort_stats("cumulative")
        stats.print_stats(40)
        out.write("\n--- by own time ---\n")
        stats.sort_stats("tottime").print_stats(30)
        (profile_dir / f"{name}.txt").write_text(out.getvalue(), encoding="utf-8")


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and its waited-for children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def loadavg() -> float:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0


class Timer:
    """Wall time and CPU time of a block: on a shared machine the CPU time is the steadier figure."""

    def __enter__(self) -> Timer:
        self.load = loadavg()
        self.cpu_start = cpu_seconds()
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.start
        self.cpu = cpu_seconds() - self.cpu_start


# --- The run ---------------------------------------------------------------------------------


class Benchmark:
    def __init__(self, args: argparse.Namespace, workdir: Path) -> None:
        self.args = args
        self.workdir = workdir
        self.data_dir = workdir / "data"
        self.corpus_dir = workdir / "corpus"
        self.profile_dir = workdir / "profile" if args.profile else None
        # Our index of only the articles the community setup indexed (when it indexes fewer).
        self.subset_dir = self.data_dir / "subset_index"
        self.results: dict = {"sections": {}, "notes": []}
        self.query_params: list[tuple[Query, dict[str, str]]] = []

    # -- setup ------------------------------------------------------------------------------
    def setup_django(self) -> None:
        # Everything the benchmark writes lives in workdir; the developer's ./var and
        # database are never touched, whatever the environment says.
        # Production defaults for everything else: variables a test run sets (no background
        # indexing, no static manifest) must not leak into what is measured.
        for name in (
            "DATABASE_URL",
            "ARCHIVE_INDEX_DIR",
            "SEARCH_BACKGROUND_INDEXING",
            "SEARCH_INDEX_LOCK_WAIT",
            "ARCHIVE_MANIFEST_STATIC",
        ):
            os.environ.pop(name, None)
        os.environ["ARCHIVE_DATA_DIR"] = str(self.data_dir)
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        os.environ["DEBUG"] = "0"
        os.environ.setdefault("LOG_LEVEL", "WARNING")
        import django

        django.setup()

    def note(self, text: str) -> None:
        self.results["notes"].append(text)
        log(f"note: {text}")

    # -- 1. corpus --------------------------------------------------------------------------
    def phase_corpus(self) -> None:
        from bench.corpus import generate

        args = self.args
        with Timer() as t:
            stats = generate(
                self.corpus_dir,
                pages=args.pages,
                articles=args.articles,
                seed=args.seed,
                manifest=self.workdir / "corpus-manifest.jsonl",
                long_article_chars=args.long_article,
            )
        self.results["sections"]["corpus"] = {
            "pages": stats.pages,
            "articles": stats.articles,
            "characters": stats.characters,
            "counties": len(stats.counties),
            "encodings": dict(stats.encodings),
            "seconds": t.seconds,
        }
        log(
            f"corpus: {stats.pages} pages, {stats.articles} articles, "
            f"{stats.characters:,} chars in {t.seconds:.1f}s"
        )

    # -- 2. import --------------------------------------------------------------------------
    def phase_import(self) -> None:
        from django.core.management import call_command

        from archive.models import Article, SourcePage

        call_command("migrate", verbosity=0, interactive=False)
        # Production settings serve hashed static files from a manifest; pages need it to render.
        call_command("collectstatic", interactive=False, verbosity=0)
        out = io.StringIO()
        log("import: manage.py import_pages ...")
        with profiled("import", self.profile_dir), Timer() as t:
            try:
                call_command(
                    "import_pages",
                    str(self.corpus_dir),
                    "--no-progress",
                    "--jobs",
                    str(self.args.import_jobs),
                    *(["--no-index"] if self.args.import_no_index else []),
                    stdout=out,
                    stderr=out,
                )
            except Exception as exc:  # a failed page makes the command exit non-zero; report it
                self.note(f"import_pages ended with: {exc}")
        pages = SourcePage.objects.count()
        articles = Article.objects.count()
        self.results["sections"]["import"] = {
            "seconds": t.seconds,
            "cpu_s": t.cpu,
            "load": t.load,
            "pages": pages,
            "articles": articles,
            "jobs": self.args.import_jobs,
            "no_index": self.args.import_no_index,
            "pages_per_s": pages / t.seconds,
            "articles_per_s": articles / t.seconds,
            "needs_review": Article.objects.filter(needs_review=True).count(),
            "output": out.getvalue().strip().splitlines()[:6],
        }
        log(f"import: {pages} pages, {articles} articles in {t.seconds:.1f}s")

    # -- 3. rebuild -------------------------------------------------------------------------
    def phase_rebuild(self) -> None:
        from django.conf import settings
        from django.core.management import call_command

        from archive.models import Article

        n = Article.objects.count()
        section: dict = {"articles": n}
        log("rebuild: manage.py process_index_queue --rebuild ...")
        out = io.StringIO()
        with profiled("rebuild", self.profile_dir), Timer() as t:
            call_command(
                "process_index_queue",
                "--rebuild",
                "--no-progress",
                "--procs",
                str(self.args.rebuild_procs),
                stdout=out,
            )
        section["ours"] = {
            "procs": self.args.rebuild_procs,
            "seconds": t.seconds,
            "cpu_s": t.cpu,
            "load": t.load,
            "per_s": n / t.seconds,
            "index_mib": mib(dir_size(Path(settings.WHOOSH_INDEX_DIR))),
        }
        log(f"rebuild ours: {t.seconds:.1f}s ({n / t.seconds:.0f}/s)")

        raw = self.raw_writer()
        if raw:
            section["raw"] = raw
        if not self.args.skip_community:
            section["community"] = self.community_rebuild()
        self.results["sections"]["rebuild"] = section

    def reuse_data(self) -> None:
        from django.core.management import call_command

        from archive.models import Article

        call_command("migrate", verbosity=0, interactive=False)
        call_command("collectstatic", interactive=False, verbosity=0)
        section: dict = {"articles": Article.objects.count(), "reused": True}
        if not self.args.skip_community:
            section["community"] = self.community_rebuild()
        self.results["sections"]["rebuild"] = section

    def raw_writer(self) -> dict | None:
        """The same documents, schema and analyzers through a bare Whoosh writer: the floor.

        Whoosh's defaults (its own codec, its ``MpWriter`` with as many processes as
        our rebuild, one segment per process), fed documents prepared beforehand.
        """
        from whoosh.index import create_in
        from whoosh.multiproc import MpWriter
        from whoosh.writing import SegmentWriter

        from search.index import indexing

        backend = indexing.get_backend()
        schema = backend.schema
        limit = self.args.raw_articles
        with Timer() as prep:
            docs = []
            for batch in indexing._article_batches(500):
                docs.extend(indexing.article_documents(batch))
                if limit and len(docs) >= limit:
                    del docs[limit:]
                    break
        raw_dir = self.data_dir / "raw_index"
        raw_dir.mkdir(parents=True, exist_ok=True)
        ix = create_in(str(raw_dir), schema)
        procs = self.args.rebuild_procs
        log(f"rebuild raw: {len(docs)} documents prepared in {prep.seconds:.1f}s; writing ({procs} procs)")
        with Timer() as t:
            if procs > 1:
                writer = MpWriter(ix, procs=procs, batchsize=256, multisegment=True, subargs={"limitmb": 256})
            else:
                writer = SegmentWriter(ix, limitmb=256)
            for doc in docs:
                writer.add_document(**doc)
            writer.commit()
        log(f"rebuild raw: {t.seconds:.1f}s ({len(docs) / t.seconds:.0f}/s)")
        return {
            "seconds": t.seconds,
            "cpu_s": t.cpu,
            "load": t.load,
            "per_s": len(docs) / t.seconds,
            "procs": procs,
            "prepare_seconds": prep.seconds,
            "index_mib": mib(dir_size(raw_dir)),
            "documents": len(docs),
        }

    def community_rebuild(self) -> dict:
        from django.conf import settings

        from archive.models import Article
        from bench import community

        limit = self.args.community_articles
        pks = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        max_pk = pks[min(limit, len(pks)) - 1] if limit and pks else None
        n = len(pks) if max_pk is None else sum(1 for pk in pks if pk <= max_pk)
        community.register(max_pk)
        log(f"rebuild community: rebuild_index on {n} articles ...")
        with profiled("rebuild_community", self.profile_dir), Timer() as t:
            community.rebuild()
        path = Path(settings.HAYSTACK_CONNECTIONS[community.CONNECTION]["PATH"])
        log(f"rebuild community: {t.seconds:.1f}s ({n / t.seconds:.0f}/s)")
        result = {
            "seconds": t.seconds,
            "cpu_s": t.cpu,
            "load": t.load,
            "per_s": n / t.seconds,
            "articles": n,
            "index_mib": mib(dir_size(path)),
        }
        if max_pk is not None and n < len(pks):
            result["ours_same_articles"] = self.subset_rebuild(max_pk, n)
        return result

    def subset_rebuild(self, max_pk: int, n: int) -> dict:
        """Our index of the community's articles only, so that searches compare like with like.

        Written as our rebuild writes (worker processes, bulk segments, one commit),
        into ``subset_index`` beside the real index.
        """
        from whoosh.index import create_in

        from search.index import indexing

        def batches() -> Iterator[list]:
            for batch in indexing._article_batches(500):
                yield [a for a in batch if a.pk <= max_pk]
                if batch[-1].pk >= max_pk:
                    return

        backend = indexing.get_backend()
        path = self.subset_dir
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        log(f"rebuild ours on the same {n} articles ...")
        with Timer() as t:
            ix = create_in(str(path), backend.schema)
            indexing.write_contents(ix, batches(), backend, self.args.rebuild_procs)
        log(f"rebuild ours on the same articles: {t.seconds:.1f}s ({n / t.seconds:.0f}/s)")
        return {
            "seconds": t.seconds,
            "cpu_s": t.cpu,
            "load": t.load,
            "per_s": n / t.seconds,
            "articles": n,
            "procs": self.args.rebuild_procs,
            "index_mib": mib(dir_size(path)),
        }

    # -- 4. search --------------------------------------------------------------------------
    def resolve_queries(self) -> None:
        from archive.models import County, Topic

        counties = {c.name: c.code for c in County.objects.all()}
        topics = {t.name: t.slug for t in Topic.objects.all()}
        for query in QUERIES:
            params = {"q": query.q}
            for key, value in query.filters.items():
                if key in ("prefecture", "county"):
                    params[key] = counties[value]
                elif key == "topic":
                    params[key] = topics[value]
                else:
                    params[key] = value
            self.query_params.append((query, params))

    def phase_search(self) -> None:
        from django.test import Client
        from django.urls import reverse

        from bench import community

        client = Client()
        page_url = reverse("search:search")
        api_url = reverse("search:api")
        raw = RawSearcher()
        paths: dict[str, Callable[[dict[str, str]], int]] = {}

        def page(params: dict[str, str]) -> int:
            response = client.get(page_url, params)
            if response.status_code != 200:
                raise RuntimeError(f"search page {params} → HTTP {response.status_code}")
            return 0

        def api(params: dict[str, str]) -> int:
            response = client.get(api_url, params)
            if response.status_code != 200:
                raise RuntimeError(f"API {params} → HTTP {response.status_code}")
            return count_hits(response.json())

        paths["page"] = page
        paths["api"] = api
        paths["engine"] = engine_search
        for _, params in self.query_params:
            raw.prepare(params)
        paths["raw"] = raw.search
        if not self.args.skip_community:

            def community_filters(params: dict[str, str]) -> dict[str, str]:
                filters = {k: v for k, v in params.items() if k in ("prefecture", "county", "topic", "year")}
                if "topic" in filters:
                    filters["topics"] = filters.pop("topic")
                return filters

            def comm(params: dict[str, str]) -> int:
                return len(community.search(params["q"], community_filters(params)))

            def comm_page(params: dict[str, str]) -> int:
                community.search_page(params["q"], community_filters(params))
                return 0

            paths["community"] = comm
            paths["community_page"] = comm_page

        same = (self.results["sections"].get("rebuild", {}).get("community") or {}).get("ours_same_articles")
        # When the community index holds only the first articles, it is timed beside our
        # page and query layer on our index of exactly those articles (same queries, rounds).
        same_paths = (
            {
                "page_same": page,
                "api_same": api,
                "engine_same": engine_search,
                "community": paths.pop("community"),
                "community_page": paths.pop("community_page"),
            }
            if same and "community" in paths
            else {}
        )
        timing = SearchTiming(self.query_params, self.args.repeat)
        log(f"search: {len(self.query_params)} queries x {self.args.repeat} rounds x {len(paths)} paths ...")
        with profiled("search", self.profile_dir):
            timing.run(paths, count_for=[name for name in paths if name not in ("page", "community_page")])
        if same_paths:
            log(f"search on the community's {same['articles']} articles: {', '.join(same_paths)} ...")
            with engine_index(self.subset_dir):
                timing.run(same_paths, count_for=["engine_same", "community"])
        times, by_kind, hits, errors = timing.times, timing.by_kind, timing.hits, timing.errors
        self.results["sections"]["search"] = {
            "queries": len(self.query_params),
            "rounds": self.args.repeat,
            "paths": {name: summary(values) for name, values in times.items()},
            "by_kind": {
                kind: {name: summary(v) for name, v in per.items()} for kind, per in sorted(by_kind.items())
            },
            "hits": hits,
            "errors": {name: errs[:5] for name, errs in errors.items() if errs},
            "error_counts": {name: len(errs) for name, errs in errors.items()},
        }
        for name, values in times.items():
            s = summary(values)
            log(f"search {name}: p50 {s['p50']:.1f} ms, p95 {s['p95']:.1f} ms, max {s['max']:.1f} ms")

    def phase_browse(self) -> None:
        from bench.browse import time_browse_pages

        rounds = max(5, 10 * self.args.repeat)
        log(f"browse pages: {rounds} rounds ...")
        section = time_browse_pages(rounds, summary)
        self.results["sections"]["browse"] = section
        for kind, st in section.items():
            log(f"browse {kind}: p50 {st['p50']:.1f} ms, p95 {st['p95']:.1f} ms")

    # -- 5. server: freshness, load, memory ---------------------------------------------------
    def phase_server(self) -> None:
        server = Gunicorn(self.data_dir, workers=2, log_path=self.workdir / "gunicorn.log")
        log("server: collectstatic + gunicorn --workers 2 --preload ...")
        server.start()
        try:
            section = self.results["sections"]["server"] = {"startup_s": server.startup_s}
            section["memory_started"] = server.memory()
            section["cold"] = self.warm_up(server)
            section["memory_idle"] = server.memory()
            self.phase_freshness(server)
            if not self.args.skip_load:
                self.phase_load(server)
        finally:
            server.stop()

    def warm_up(self, server: Gunicorn) -> dict:
        """The first search requests after start (what the first readers wait), then a full warm-up.

        Each worker pays its own first-search costs; requests go to whichever worker
        accepts, so the first several are timed to be sure both workers are included.
        """
        paths = self.load_paths()
        first: list[float] = []
        for path in paths[:6]:
            started = time.perf_counter()
            with contextlib.suppress(OSError):
                server.get(path)
            first.append((time.perf_counter() - started) * 1000)
        for path in paths * 2:
            with contextlib.suppress(OSError):
                server.get(path)
        log("server: first search requests after start (ms): " + ", ".join(f"{v:.0f}" for v in first))
        return {"first_requests_ms": first}

    def phase_freshness(self, server: Gunicorn) -> None:
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.urls import reverse

        from archive.models import Article
        from bench.corpus import Material, PageWriter, encode_page, load_places

        section: dict = {}
        api_path = reverse("search:api")
        rng = random.Random(self.args.seed)

        def marker() -> str:
            return "".join(rng.choice(MARKER_CHARS) for _ in range(4))

        def visible_on_server(word: str, pk: int | None, timeout: float = 15.0) -> float | None:
            """Seconds until the server's API returns the article (any hit when pk is None)."""
            started = time.perf_counter()
            while time.perf_counter() - started < timeout:
                try:
                    data = server.get_json(f"{api_path}?{urllib.parse.urlencode({'q': word})}")
                except (OSError, ValueError):
                    data = None
                if data is not None:
                    ids = hit_ids(data)
                    if (pk is None and ids) or (pk is not None and pk in ids):
                        return time.perf_counter() - started
                time.sleep(0.01)
            return None

        # (a) An editor changes a headline in the admin.
        user_model = get_user_model()
        user, _ = user_model.objects.get_or_create(
            username="bench", defaults={"is_staff": True, "is_superuser": True}
        )
        client = Client()
        client.force_login(user)
        article = Article.objects.order_by("pk").first()
        word = marker()
        change_url = reverse("admin:archive_article_change", args=[article.pk])
        response = client.get(change_url)
        admin = {"method": "admin change form"}
        if response.status_code == 200:
            form = FormFields.parse(response.content.decode("utf-8"), form_id="article_form")
            form["title"] = f"{article.title or article.display_title}{word}"
            form["_save"] = "保存"
            with Timer() as post:
                response = client.post(change_url, form)
            ok = response.status_code == 302
            if not ok:
                self.note(f"admin save returned HTTP {response.status_code}; falling back to a model save")
        else:
            ok = False
            self.note(f"admin change page returned HTTP {response.status_code}; using a model save")
        if not ok:
            admin["method"] = "model save (admin form unavailable)"
            article.title = f"{article.title or article.display_title}{word}"
            with Timer() as post:
                article.save()
        # Visible = the save request plus the wait until the server's search returns the article.
        seen = visible_on_server(word, article.pk)
        admin["request_s"] = post.seconds
        admin["visible_s"] = post.seconds + seen if seen is not None else None
        if seen is None:
            self.explain_invisible(server, api_path, word, article.pk)
        section["admin_edit"] = admin
        log(
            f"freshness admin edit: request {post.seconds * 1000:.0f} ms, "
            f"visible after {admin['visible_s']} s"
        )

        # (b) A new page arrives and is imported.
        from django.core.management import call_command

        word2 = marker()
        material = Material()
        prefectures, counties = load_places()
        page_rng = random.Random(f"fresh:{self.args.seed}")
        text, _facts = PageWriter(material, prefectures, counties, page_rng).page(4)
        lines = text.split("\n\n")
        # The marker goes into the longest paragraph, where no layout rule can drop it.
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        lines[longest] = lines[longest][:20] + word2 + lines[longest][20:]
        data, _encoding = encode_page("\n\n".join(lines), page_rng)
        fresh_dir = self.workdir / "fresh"
        fresh_dir.mkdir(exist_ok=True)
        path = fresh_dir / f"fresh_{word2.encode('utf-8').hex()[:12]}.txt"
        path.write_bytes(data)
        with Timer() as imp:
            call_command("import_pages", str(path), "--no-progress", stdout=io.StringIO())
        seen = visible_on_server(word2, None)
        section["new_page"] = {
            "import_s": imp.seconds,
            "visible_s": imp.seconds + seen if seen is not None else None,
        }
        log(
            f"freshness new page: import {imp.seconds * 1000:.0f} ms, "
            f"visible after {section['new_page']['visible_s']} s"
        )
        section["index_dir"] = str(settings.WHOOSH_INDEX_DIR)
        self.results["sections"]["freshness"] = section

    def explain_invisible(self, server: Gunicorn, api_path: str, word: str, pk: int) -> None:
        """Record why an edit did not show up: database, queue, this process's search, the server's."""
        from archive.models import Article
        from search.engine import executor as engine
        from search.models import IndexQueue

        article = Article.objects.get(pk=pk)
        try:
            local = engine.run_query(word, facets=False).hits
            local_ids = [h.article_id for h in local]
        except Exception as exc:  # diagnostics only
            local_ids = [f"error: {exc}"]
        try:
            remote = hit_ids(server.get_json(f"{api_path}?{urllib.parse.urlencode({'q': word})}"))
        except (OSError, ValueError) as exc:
            remote = {f"error: {exc}"}
        self.note(
            f"edit of article {pk} not visible on the server within 15 s: title in database "
            f"{'has' if word in article.title else 'lacks'} the marker; "
            f"index queue rows {IndexQueue.objects.count()}; "
            f"this process finds {local_ids}; the server finds {sorted(map(str, remote))}"
        )

    def load_paths(self) -> list[str]:
        from django.urls import reverse

        page_url = reverse("search:search")
        api_url = reverse("search:api")
        paths = []
        for i, (_, params) in enumerate(self.query_params):
            base = api_url if i % 3 == 2 else page_url
            paths.append(f"{base}?{urllib.parse.urlencode(params)}")
        paths += [f"{page_url}?{urllib.parse.urlencode(extra)}" for extra in LOAD_EXTRA]
        return paths

    def phase_load(self, server: Gunicorn) -> None:
        paths = self.load_paths()
        sampler = MemorySampler(server)
        sampler.start()
        try:
            result = run_load(
                self.workdir,
                server.port,
                paths,
                connections=self.args.connections,
                seconds=self.args.load_seconds,
                allow_install=not self.args.no_install,
            )
        finally:
            sampler.stop()
        section = self.results["sections"]["server"]
        section["load"] = result
        section["memory_peak"] = sampler.peaks()
        section["workers"] = len(server.worker_pids())
        log(
            f"load ({result['tool']}): {result['rps']:.1f} req/s, p50 {result['p50_ms']:.0f} ms, "
            f"p99 {result['p99_ms']:.0f} ms, errors {result['errors']}"
        )

    # -- sizes and report ----------------------------------------------------------------------
    def phase_sizes(self) -> None:
        from django.conf import settings

        sizes = {"ours_mib": mib(dir_size(Path(settings.WHOOSH_INDEX_DIR)))}
        community_path = Path(settings.HAYSTACK_CONNECTIONS["community"]["PATH"])
        if community_path.exists():
            sizes["community_mib"] = mib(dir_size(community_path))
        raw_dir = self.data_dir / "raw_index"
        if raw_dir.exists():
            sizes["raw_mib"] = mib(dir_size(raw_dir))
        db = self.data_dir / "archive.sqlite3"
        if db.exists():
            sizes["database_mib"] = mib(db.stat().st_size)
        self.results["sections"]["sizes"] = sizes

    def run(self) -> dict:
        self.results["started"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        self.results["machine"] = machine()
        self.results["revision"] = git_revision()
        self.results["command"] = self.args.command_line
        self.results["workdir"] = str(self.workdir)
        self.setup_django()
        if self.args.reuse_data:
            # Phases 1-2 ran earlier on this data directory; only the community index is rebuilt.
            self.note(
                f"--reuse-data: corpus, import and our rebuild were not measured in this run; "
                f"the data in {self.data_dir} comes from an earlier run."
            )
            self.reuse_data()
        else:
            self.phase_corpus()
            self.phase_import()
            self.phase_rebuild()
        self.resolve_queries()
        self.phase_search()
        self.phase_browse()
        if not self.args.skip_server:
            self.phase_server()
        self.phase_sizes()
        self.results["finished"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        if self.profile_dir:
            self.results["profiles"] = str(self.profile_dir)
        return self.results


# --- Raw Whoosh searcher ------------------------------------------------------------------


def count_hits(data: dict) -> int:
    for key in ("count", "total", "hits", "num_results"):
        value = data.get(key)
        if isinstance(value, int):
            return value
    return len(hit_ids(data))


def hit_ids(data) -> set[int]:
    """Article ids in an API response, wherever its result list sits."""
    ids: set[int] = set()
    results = data.get("results") if isinstance(data, dict) else None
    if isinstance(results, list):
        for item in results:
            if isinstance(item, dict) and isinstance(item.get("id"), int):
                ids.add(item["id"])
    return ids


class RawSearcher:
    """Whoosh alone: one searcher kept open, the engine's own Whoosh query, top 20 stored hits.

    Queries are parsed and compiled by the search layer (``search.query.parser`` +
    ``search.engine.compiler.compile_query``) *before* timing, so this path is only what
    Whoosh itself must do for the same query: score the matches, keep the top 20
    and read their stored fields. No facets, no Django, no markup.
    """

    def __init__(self) -> None:
        from search.index import indexing

        backend = indexing.get_backend()
        self.index = backend.index.refresh()
        self.schema = backend.schema
        self.searcher = self.index.searcher()
        self.compiled: dict[str, tuple] = {}

    def prepare(self, params: dict[str, str]) -> None:
        from search.engine.compiler import compile_query
        from search.engine.executor import Filters
        from search.query.parser import parse_query

        parsed = parse_query(params["q"])
        compiled = compile_query(parsed)
        filters = Filters(
            prefecture=params.get("prefecture", ""),
            county=params.get("county", ""),
            topic=params.get("topic", ""),
            year=params.get("year", ""),
        )
        self.compiled[json.dumps(params, sort_keys=True)] = (compiled.scoring_query(), filters.query())

    def search(self, params: dict[str, str]) -> int:
        key = json.dumps(params, sort_keys=True)
        if key not in self.compiled:
            self.prepare(params)
        scoring, filter_q = self.compiled[key]
        results = self.searcher.search(scoring, filter=filter_q, limit=20, terms=False)
        for _score, docnum in results.top_n:
            self.searcher.stored_fields(docnum)
        return len(results)


class SearchTiming:
    """Times search paths over the query set: a warm-up pass, then rounds in which
    each query goes through every path in turn (so noise hits all paths alike)."""

    def __init__(self, query_params: list[tuple[Query, dict[str, str]]], rounds: int) -> None:
        self.query_params = query_params
        self.rounds = rounds
        self.times: dict[str, list[float]] = {}
        self.by_kind: dict[str, dict[str, list[float]]] = {}
        self.hits: dict[str, dict[str, int]] = {}
        self.errors: dict[str, list[str]] = {}

    def run(self, paths: dict[str, Callable[[dict[str, str]], int]], count_for: list[str]) -> None:
        for name in paths:
            self.times.setdefault(name, [])
            self.errors.setdefault(name, [])
        # Warm-up: every path sees every query once (searchers opened, caches filled).
        for _, params in self.query_params:
            for name, fn in paths.items():
                try:
                    fn(params)
                except Exception as exc:  # reported, never fatal: a broken path shows up in the table
                    self.errors[name].append(f"{params}: {exc}")
        for _round in range(self.rounds):
            for query, params in self.query_params:
                key = json.dumps(params, ensure_ascii=False)
                for name, fn in paths.items():
                    started = time.perf_counter()
                    try:
                        n = fn(params)
                    except Exception as exc:
                        self.errors[name].append(f"{params}: {exc}")
                        continue
                    ms = (time.perf_counter() - started) * 1000
                    self.times[name].append(ms)
                    self.by_kind.setdefault(query.kind, {}).setdefault(name, []).append(ms)
                    if name in count_for:
                        self.hits.setdefault(key, {})[name] = n


@contextlib.contextmanager
def engine_index(path: Path) -> Iterator[None]:
    """Point haystack and the search engine at the index in ``path`` for a while."""
    from django.conf import settings
    from haystack import connections

    from search.engine import executor as engine

    def use(where: str) -> None:
        settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = where
        connections.reload("default")
        engine.reset()

    previous = settings.HAYSTACK_CONNECTIONS["default"]["PATH"]
    use(str(path))
    try:
        yield
    finally:
        use(previous)


def engine_search(params: dict[str, str]) -> int:
    """The search layer without Django: parse, compile, execute with facet counts (``run_query``)."""
    from search.engine.executor import Filters, run_query

    filters = Filters(
        prefecture=params.get("prefecture", ""),
        county=params.get("county", ""),
        topic=params.get("topic", ""),
        year=params.get("year", ""),
    )
    return run_query(params["q"], filters).total


# --- Admin form fields ---------------------------------------------------------------------


class FormFields(html.parser.HTMLParser):
    """The values a browser would submit for one form (inputs, selects, textareas)."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_multiple = False
        self._textarea: str | None = None
        self._text: list[str] = []

    @classmethod
    def parse(cls, page: str, form_id: str) -> dict:
        parser = cls(form_id)
        parser.feed(page)
        data: dict[str, list[str] | str] = {}
        for name, value in parser.fields:
            if name in data:
                current = data[name]
                data[name] = [*current, value] if isinstance(current, list) else [current, value]
            else:
                data[name] = value
        return data

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.in_form = a.get("id") == self.form_id or self.in_form
            return
        if not self.in_form or a.get("disabled") is not None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self._text = []

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            value = "".join(self._text)
            self.fields.append((self._textarea, value[1:] if value.startswith("\n") else value))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


# --- gunicorn and load ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """The project's real server settings (config.settings) on a free loopback port."""

    def __init__(self, data_dir: Path, workers: int, log_path: Path) -> None:
        self.data_dir = data_dir
        self.workers = workers
        self.log_path = log_path
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.startup_s = 0.0

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ARCHIVE_INDEX_DIR")}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            ARCHIVE_DATA_DIR=str(self.data_dir),
            DEBUG="0",
            PYTHONPATH=str(ROOT),
        )
        return env

    def start(self) -> None:
        # Static files were collected into the data directory by the import phase.
        bin_dir = Path(sys.executable).parent
        gunicorn = shutil.which("gunicorn", path=str(bin_dir)) or "gunicorn"
        self.logfile = self.log_path.open("wb")
        started = time.perf_counter()
        self.proc = subprocess.Popen(
            [
                gunicorn,
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--preload",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=self.env(),
            stdout=self.logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.perf_counter() + 120
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}); see {self.log_path}")
            try:
                self.get("/")
                if len(self.worker_pids()) >= self.workers:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"gunicorn did not answer within 120 s; see {self.log_path}")
        self.startup_s = time.perf_counter() - started

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if getattr(self, "logfile", None):
            self.logfile.close()

    def get(self, path: str, timeout: float = 30.0) -> bytes:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=timeout) as response:
            return response.read()

    def get_json(self, path: str) -> dict:
        return json.loads(self.get(path))

    def worker_pids(self) -> list[int]:
        if not self.proc:
            return []
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        except OSError:
            return []
        return [int(pid) for pid in children]

    def memory(self) -> dict:
        out = {"master": proc_memory(self.proc.pid) if self.proc else {}}
        for i, pid in enumerate(sorted(self.worker_pids())):
            out[f"worker{i + 1}"] = proc_memory(pid)
        return out


def proc_memory(pid: int) -> dict:
    """RSS, PSS, USS (private clean + dirty) and private dirty, in MiB, from /proc/PID/smaps_rollup.

    USS counts the index files a worker has mapped as private *clean* pages when no
    other process maps them (page cache the kernel can drop); private dirty is the
    memory the worker itself has written: its heap and the copy-on-write copies of
    the master's pages.
    """
    values: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[2] == "kB":
                values[parts[0].rstrip(":")] = int(parts[1]) / 1024
    except OSError:
        return {}
    return {
        "rss": values.get("Rss", 0.0),
        "pss": values.get("Pss", 0.0),
        "uss": values.get("Private_Clean", 0.0) + values.get("Private_Dirty", 0.0),
        "dirty": values.get("Private_Dirty", 0.0),
    }


class MemorySampler(threading.Thread):
    def __init__(self, server: Gunicorn, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.server = server
        self.interval = interval
        self._stop_event = threading.Event()
        self.peak: dict[int, dict[str, float]] = {}

    def run(self) -> None:
        while not self._stop_event.is_set():
            for pid in self.server.worker_pids():
                current = proc_memory(pid)
                best = self.peak.setdefault(pid, {})
                for key, value in current.items():
                    best[key] = max(best.get(key, 0.0), value)
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=5)

    def peaks(self) -> dict:
        return {f"pid{pid}": values for pid, values in sorted(self.peak.items())}


WRK_SCRIPT = """
-- Rotates through the benchmark's request paths; prints a JSON summary at the end.
local paths = {%(paths)s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%%d,"duration_us":%%d,"p50_us":%%d,"p90_us":%%d,"p99_us":%%d,"max_us":%%d,' ..
    '"connect":%%d,"read":%%d,"write":%%d,"status":%%d,"timeout":%%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def ensure_wrk(allow_install: bool) -> str | None:
    found = shutil.which("wrk")
    if found or not allow_install or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    log("wrk not found; installing Debian's wrk (apt-get install -y wrk) ...")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        result = subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"], env=env, capture_output=True, timeout=180
        )
        if result.returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=180)
            subprocess.run(
                ["apt-get", "install", "-y", "-qq", "wrk"], env=env, capture_output=True, timeout=180
            )
    except (OSError, subprocess.SubprocessError) as exc:
        log(f"installing wrk failed: {exc}")
    return shutil.which("wrk")


def run_load(
    workdir: Path, port: int, paths: list[str], *, connections: int, seconds: float, allow_install: bool
) -> dict:
    wrk = ensure_wrk(allow_install)
    url = f"http://127.0.0.1:{port}"
    if wrk:
        script = workdir / "rotate.lua"
        script.write_text(WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths)}, encoding="utf-8")
        threads = max(1, min(2, connections))
        cmd = [wrk, "-t", str(threads), "-c", str(connections), "-d", f"{seconds:g}s", "--timeout", "10s"]
        cmd += ["-s", str(script), url]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
        line = next((x for x in proc.stdout.splitlines() if x.startswith("WRKJSON ")), None)
        if line is None:
            raise RuntimeError(f"wrk printed no summary: {proc.stdout} {proc.stderr}")
        data = json.loads(line[len("WRKJSON ") :])
        duration = data["duration_us"] / 1e6
        return {
            "tool": "wrk",
            "requests": data["requests"],
            "duration_s": duration,
            "rps": data["requests"] / duration if duration else 0.0,
            "p50_ms": data["p50_us"] / 1000,
            "p90_ms": data["p90_us"] / 1000,
            "p99_ms": data["p99_us"] / 1000,
            "max_ms": data["max_us"] / 1000,
            "errors": {
                "status": data["status"],
                "socket": data["connect"] + data["read"] + data["write"],
                "timeout": data["timeout"],
            },
            "connections": connections,
            "command": " ".join(cmd),
        }
    path_file = workdir / "load-paths.txt"
    path_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "bench.loadgen", "--url", url, "--paths", str(path_file)]
    cmd += ["--connections", str(connections), "--seconds", f"{seconds:g}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=seconds + 60)
    if proc.returncode != 0:
        raise RuntimeError(f"bench.loadgen failed: {proc.stderr}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    data["connections"] = connections
    return data


# --- Report ---------------------------------------------------------------------------------


def fmt(value, digits: int = 1, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{unit}"
    return f"{value:,}{unit}"


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("✅" if ok else "❌")


def render(results: dict) -> str:
    s = results["sections"]
    m = results["machine"]
    lines: list[str] = []
    corpus = s.get("corpus", {})
    n = s.get("import", {}).get("articles") or corpus.get("articles")
    heading = f"N = {fmt(corpus.get('articles') or n)} generated articles"
    if n and corpus.get("articles") and n != corpus["articles"]:
        heading += f" ({fmt(n)} after segmentation)"
    lines.append(f"## {results['started']} — {heading}")
    lines.append("")
    lines.append(
        f"- Machine: {m.get('cores')} cores ({m.get('cpu', '?')}), {m.get('mem_gib', '?')} GiB RAM, "
        f"Python {m.get('python')}, load average before {' '.join(m.get('load_before', []))}"
    )
    lines.append(f"- Command: `{results['command']}`")
    lines.append(f"- Revision: {results['revision']}; finished {results.get('finished', '?')}")
    lines.append(
        f"- Corpus: {fmt(corpus.get('pages'))} pages, {fmt(corpus.get('articles'))} articles, "
        f"{fmt(corpus.get('characters'))} characters, {corpus.get('counties')} places, "
        f"encodings {corpus.get('encodings')}, generated in {fmt(corpus.get('seconds'), 1, ' s')}"
    )
    lines.append("")

    imp = s.get("import", {})
    jobs = f" --jobs {imp['jobs']}" if imp.get("jobs") else ""
    if imp.get("no_index"):
        lines.append(
            f"### 1. Import (`manage.py import_pages{jobs} --no-index`: segment and store; "
            "the index is built by the rebuild below)"
        )
    else:
        lines.append(f"### 1. Import (`manage.py import_pages{jobs}`, includes its final index update)")
    lines.append("")
    lines.append(
        "| pages | articles | wall time | CPU time | load avg | pages/s | articles/s | flagged for review |"
    )
    lines.append("|---|---|---|---|---|---|---|---|")
    lines.append(
        f"| {fmt(imp.get('pages'))} | {fmt(imp.get('articles'))} | {fmt(imp.get('seconds'), 1, ' s')} | "
        f"{fmt(imp.get('cpu_s'), 1, ' s')} | {fmt(imp.get('load'), 2)} | "
        f"{fmt(imp.get('pages_per_s'))} | {fmt(imp.get('articles_per_s'))} | {fmt(imp.get('needs_review'))} |"
    )
    lines.append("")

    rb = s.get("rebuild", {})
    ours, raw, comm = rb.get("ours", {}), rb.get("raw"), rb.get("community")
    lines.append("### 2. Full index rebuild")
    lines.append("")
    lines.append(
        "| path | articles | wall time | CPU time | load avg | articles/s (wall) | CPU ms/article "
        "| index size | speed vs ours (wall / CPU) |"
    )
    lines.append("|---|---|---|---|---|---|---|---|---|")

    def rebuild_row(label: str, r: dict, n: int) -> str:
        cpu_ms = (r.get("cpu_s") or 0) * 1000 / n if n else 0
        ours_cpu = (ours.get("cpu_s") or 0) * 1000 / rb["articles"] if rb.get("articles") else 0
        wall_ratio = r["per_s"] / ours["per_s"] if ours.get("per_s") else 0
        cpu_ratio = ours_cpu / cpu_ms if cpu_ms and ours_cpu else 0
        return (
            f"| {label} | {fmt(n)} | {fmt(r['seconds'], 1, ' s')} | {fmt(r.get('cpu_s'), 1, ' s')} "
            f"| {fmt(r.get('load'), 2)} | {fmt(r['per_s'])} | {fmt(cpu_ms or None, 1)} "
            f"| {fmt(r['index_mib'], 1, ' MiB')} "
            f"| {f'{wall_ratio:.2f}×' if wall_ratio else '—'} / {f'{cpu_ratio:.2f}×' if cpu_ratio else '—'} |"
        )

    if ours:
        lines.append(
            rebuild_row(
                f"ours: `process_index_queue --rebuild --procs {ours.get('procs', 1)}`", ours, rb["articles"]
            )
        )
    if raw:
        lines.append(
            rebuild_row(
                f"raw Whoosh writer, same schema + analyzers, default codec, {raw.get('procs', 1)} "
                f"proc(s) (documents prepared beforehand in {fmt(raw['prepare_seconds'], 1, ' s')})",
                raw,
                raw["documents"],
            )
        )
    if comm:
        lines.append(
            rebuild_row(
                "community: stock `WhooshEngine` + jieba `ChineseAnalyzer`, `rebuild_index`",
                comm,
                comm["articles"],
            )
        )
        same = comm.get("ours_same_articles")
        if same:
            lines.append(
                rebuild_row(
                    f"ours on the community's {fmt(same['articles'])} articles (for section 3), "
                    f"{same.get('procs', 1)} proc(s)",
                    same,
                    same["articles"],
                )
            )
    lines.append("")

    se = s.get("search", {})
    paths = se.get("paths", {})
    labels = {
        "page": "search page `/search/` (HTML, facets, highlights, 20 results)",
        "api": "JSON API `/api/search`",
        "engine": "query layer `search.engine.executor.run_query` (parse, compile, facets; no Django)",
        "raw": "raw Whoosh searcher (kept open, the engine's compiled query, top 20 stored)",
        "community": "community: `SearchQuerySet().filter(content=q)[:20]` + highlight",
        "community_page": "community search page: haystack `FacetedSearchView`, facets, highlight",
        "page_same": "search page on our index of the community's articles only",
        "api_same": "JSON API on our index of the community's articles only",
        "engine_same": "query layer on our index of the community's articles only",
    }
    lines.append(
        f"### 3. Search latency ({se.get('queries')} queries × {se.get('rounds')} rounds, "
        "in-process, after warm-up)"
    )
    lines.append("")
    lines.append("| path | samples | p50 ms | p95 ms | max ms | p95 vs page | errors |")
    lines.append("|---|---|---|---|---|---|---|")
    page_p95 = paths.get("page", {}).get("p95")
    for name, st in paths.items():
        ratio = f"{st['p95'] / page_p95:.2f}×" if page_p95 else "—"
        lines.append(
            f"| {labels.get(name, name)} | {st['n']} | {fmt(st['p50'])} | {fmt(st['p95'])} "
            f"| {fmt(st['max'])} "
            f"| {ratio} | {se.get('error_counts', {}).get(name, 0)} |"
        )
    lines.append("")
    if se.get("by_kind"):
        names = list(paths)
        lines.append(
            "p95 by kind of query (ms): "
            + "; ".join(
                f"{kind}: " + ", ".join(f"{nm} {fmt(v.get(nm, {}).get('p95'))}" for nm in names)
                for kind, v in se["by_kind"].items()
            )
        )
        lines.append("")
    comm_n = (rb.get("community") or {}).get("articles")
    same_articles = "page_same" in paths
    if comm_n and rb.get("articles") and comm_n < rb["articles"]:
        lines.append(
            f"The community setup searched its own index of the first {comm_n:,} articles "
            f"(`--community-articles`), not all {rb['articles']:,}"
            + (
                ": the `…community's articles only` rows are ours on an index of exactly those "
                "articles, timed interleaved with it — the like-for-like comparison. The community "
                "query path is its query and highlighting only (no page, no database reads): our JSON "
                "API is its nearer counterpart. The community search page is haystack's "
                "`FacetedSearchView` rendering a lean template (no per-result queries): the "
                "counterpart of our search page."
                if same_articles
                else ": its latencies are for a smaller index and its empty results partly reflect "
                "the sample."
            )
        )
        lines.append("")
    hits = se.get("hits", {})
    if hits and any("community" in h for h in hits.values()):
        ours_key = "engine_same" if same_articles else None
        lost = [
            json.loads(key)["q"]
            for key, h in hits.items()
            if h.get("community") == 0 and (h.get(ours_key) if ours_key else (h.get("api") or h.get("raw")))
        ]
        lines.append(
            f"Recall check: the community setup returned nothing for {len(lost)} of {len(hits)} queries "
            "that ours answers"
            + (" on the same articles" if same_articles else "")
            + (f" ({'、'.join(dict.fromkeys(lost))})" if lost else "")
            + "."
        )
        lines.append("")
    if se.get("errors"):
        lines.append("Search errors (first few): " + json.dumps(se["errors"], ensure_ascii=False))
        lines.append("")

    if s.get("browse"):
        from bench.browse import report_lines

        lines += report_lines(s["browse"], fmt)

    fr = s.get("freshness")
    server = s.get("server", {})
    if fr:
        lines.append("### 4. Edit and new page visible in search (polling the gunicorn server's API)")
        lines.append("")
        ae, npg = fr.get("admin_edit", {}), fr.get("new_page", {})
        lines.append("| change | request / import | visible after |")
        lines.append("|---|---|---|")
        lines.append(
            f"| {ae.get('method')} (headline) | {fmt((ae.get('request_s') or 0) * 1000, 0, ' ms')} | "
            f"{fmt(ae.get('visible_s'), 2, ' s')} |"
        )
        lines.append(
            f"| new page, `import_pages FILE` | {fmt((npg.get('import_s') or 0) * 1000, 0, ' ms')} | "
            f"{fmt(npg.get('visible_s'), 2, ' s')} |"
        )
        lines.append("")
    load = server.get("load")
    if load:
        err = load["errors"]
        lines.append(
            f"### 5. gunicorn, 2 workers (`--preload`), {load.get('connections')} connections, "
            f"{load['duration_s']:.0f} s, mixed queries ({load['tool']})"
        )
        lines.append("")
        lines.append(
            "| requests | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | socket errors | timeouts |"
        )
        lines.append("|---|---|---|---|---|---|---|---|---|")
        lines.append(
            f"| {fmt(load['requests'])} | {fmt(load['rps'])} | {fmt(load['p50_ms'])} "
            f"| {fmt(load['p90_ms'])} | {fmt(load['p99_ms'])} | {fmt(load['max_ms'])} "
            f"| {err['status']} | {err['socket']} | {err['timeout']} |"
        )
        lines.append("")
    if server:
        lines.append("### 6. Memory and disk")
        lines.append("")
        cold = server.get("cold", {}).get("first_requests_ms")
        if cold:
            lines.append(
                f"gunicorn started in {fmt(server.get('startup_s'), 1, ' s')}; "
                "first search requests after start (ms): " + ", ".join(f"{v:,.0f}" for v in cold)
            )
        started_mem = server.get("memory_started", {})
        if started_mem:
            lines.append(
                "Right after start (MiB): "
                + "; ".join(f"{k} {memory_figures(v)}" for k, v in started_mem.items() if v)
            )
        peak = server.get("memory_peak", {})
        idle = server.get("memory_idle", {})
        if idle:
            lines.append(
                "After warm-up (MiB): " + "; ".join(f"{k} {memory_figures(v)}" for k, v in idle.items() if v)
            )
        if peak:
            lines.append(
                "Peak during load (MiB): "
                + "; ".join(f"worker {k[3:]} {memory_figures(v)}" for k, v in peak.items())
            )
        lines.append("")
    sizes = s.get("sizes", {})
    if sizes:
        lines.append(
            "Index on disk: "
            + ", ".join(f"{k.removesuffix('_mib')} {fmt(v, 1, ' MiB')}" for k, v in sizes.items())
        )
        lines.append("")

    lines.append("### Against the targets (targets are for N = 100,000)")
    lines.append("")
    lines.append("| target | measured | verdict |")
    lines.append("|---|---|---|")
    for row in target_rows(results):
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    if results.get("notes"):
        lines.append("Notes: " + " ".join(results["notes"]))
        lines.append("")
    return "\n".join(lines)


def target_rows(results: dict) -> list[tuple[str, str, str]]:
    s = results["sections"]
    rows = []
    rb = s.get("rebuild", {})
    ours = rb.get("ours")
    if ours:
        n = rb["articles"]
        projected = 100_000 / ours["per_s"] / 60
        rows.append(
            (
                "full rebuild at 100k ≤ 10 min",
                f"{ours['seconds']:.0f} s for {n:,}; {projected:.1f} min at 100k if the rate held "
                "(it drops as the "
                "index grows)",
                verdict(projected <= TARGETS["rebuild_minutes_100k"])
                + (" (projection)" if n < 100_000 else ""),
            )
        )
        comm = rb.get("community")
        if comm:
            ratio = ours["per_s"] / comm["per_s"]
            measured = f"{ratio:.1f}× (all {n:,} vs the community's {comm['articles']:,})"
            same = comm.get("ours_same_articles")
            if same:
                # Like for like: our writer on exactly the community's articles.
                same_ratio = same["per_s"] / comm["per_s"]
                measured += f"; {same_ratio:.1f}× on the same {same['articles']:,} articles"
            rows.append(
                (
                    "rebuild ≥ 5× community articles/s",
                    measured,
                    verdict(ratio >= TARGETS["rebuild_vs_community"]),
                )
            )
    paths = s.get("search", {}).get("paths", {})
    page = paths.get("page")
    if page:
        rows.append(
            (
                "search page p95 ≤ 200 ms",
                f"{page['p95']:.0f} ms",
                verdict(page["p95"] <= TARGETS["page_p95_ms"]),
            )
        )
        raw = paths.get("raw")
        if raw and raw["p95"]:
            r = page["p95"] / raw["p95"]
            rows.append(
                (
                    "page p95 ≤ 2× raw Whoosh p95",
                    f"{r:.1f}× ({page['p95']:.0f} vs {raw['p95']:.0f} ms)",
                    verdict(r <= TARGETS["page_vs_raw_p95"]),
                )
            )
        comm = paths.get("community")
        comm_page = paths.get("community_page")
        if comm or comm_page:
            # Like for like: our page on the articles the community index holds, when it holds fewer.
            mine = paths.get("page_same") or page
            n_comm = (rb.get("community") or {}).get("articles")
            same = f", both on the same {n_comm:,} articles" if "page_same" in paths and n_comm else ""
            r = comm_page["p95"] / mine["p95"] if comm_page and mine["p95"] else 0
            measured = (
                f"page vs page {r:.1f}× ({comm_page['p95']:.0f} vs {mine['p95']:.0f} ms{same})"
                if comm_page
                else ""
            )
            if comm and mine["p95"]:
                measured += (
                    f"; community query layer vs our page {comm['p95'] / mine['p95']:.1f}× "
                    f"({comm['p95']:.0f} ms)"
                )
                api = paths.get("api_same") or paths.get("api")
                if api and api["p95"]:
                    measured += f"; vs our JSON API {comm['p95'] / api['p95']:.1f}×"
            rows.append(
                (
                    "page ≥ 3× faster than community at p95",
                    measured,
                    verdict(r >= TARGETS["community_vs_page_p95"] if comm_page else None),
                )
            )
    fr = s.get("freshness")
    if fr:
        for key, label in (("admin_edit", "admin edit"), ("new_page", "new page")):
            v = fr.get(key, {}).get("visible_s")
            rows.append(
                (
                    f"{label} visible ≤ 1 s",
                    fmt(v, 2, " s") if v is not None else "not visible within 15 s",
                    verdict(v is not None and v <= TARGETS["visible_s"]),
                )
            )
    server = s.get("server", {})
    load = server.get("load")
    if load:
        total = sum(load["errors"].values())
        rows.append(
            (
                "gunicorn: 0 errors",
                f"{total} errors in {load['requests']:,} requests, {load['rps']:.1f} req/s",
                verdict(total == 0),
            )
        )
    peak = server.get("memory_peak") or {}
    if peak:
        worst = max(v["rss"] for v in peak.values())
        worst_pss = max(v.get("pss", 0.0) for v in peak.values())
        worst_uss = max(v["uss"] for v in peak.values())
        rows.append(
            (
                "memory per worker ≤ 300 MiB",
                f"peak PSS {worst_pss:.0f} MiB (RSS {worst:.0f}, USS {worst_uss:.0f} MiB)",
                verdict(0 < worst_pss <= TARGETS["worker_mib"]),
            )
        )
    if s.get("browse"):
        from bench.browse import target_rows as browse_rows

        rows += browse_rows(s["browse"], verdict)
    return rows


def memory_figures(v: dict) -> str:
    """RSS / PSS / USS (private dirty) of one process, in MiB."""
    text = f"RSS {fmt(v.get('rss'))} / PSS {fmt(v.get('pss'))} / USS {fmt(v.get('uss'))}"
    if v.get("dirty") is not None:
        text += f" (private dirty {fmt(v['dirty'])})"
    return text


def write_results(path: Path, report: str) -> None:
    header = (
        "# Benchmark results\n\n"
        "Produced by `bench/run.py` (see its docstring and README). Newest run last; each run records the\n"
        "machine, the exact command and the figures measured side by side in that one run.\n\n"
    )
    existing = path.read_text(encoding="utf-8") if path.exists() else header
    if not existing.strip():
        existing = header
    path.write_text(existing.rstrip("\n") + "\n\n" + report.rstrip("\n") + "\n", encoding="utf-8")


# --- Command line ---------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description=(
            "Benchmark the archive end to end on a synthetic corpus in a fresh data directory: import, full "
            "rebuild (ours / raw Whoosh / community), search latency (page / API / raw / community), edit "
            "visibility, gunicorn under load, memory and index size. Prints a Markdown report and appends it "
            "to bench/RESULTS.md."
        ),
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--articles", type=int, help="corpus size in articles (default 10000)")
    size.add_argument("--pages", type=int, help="corpus size in page files")
    size.add_argument("--tiny", action="store_true", help="smoke test: 3 pages, 1 round, 2 s of load")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument(
        "--workdir", type=Path, help="directory for corpus, database and indexes (default: a new temp dir)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work directory afterwards")
    parser.add_argument(
        "--long-article",
        type=int,
        default=0,
        metavar="CHARS",
        help="add a page holding one article of CHARS characters on one line (e.g. 700000)",
    )
    parser.add_argument(
        "--reuse-data",
        action="store_true",
        help="with --workdir of an earlier run: skip corpus, import and our rebuild; measure the rest",
    )
    parser.add_argument("--repeat", type=int, help="rounds over the query set (default 3; 1 with --tiny)")
    default_procs = max(1, min(2, os.cpu_count() or 1))
    parser.add_argument(
        "--rebuild-procs",
        type=int,
        default=default_procs,
        help=f"process_index_queue --rebuild --procs N, also for the raw writer (default {default_procs})",
    )
    parser.add_argument(
        "--import-jobs",
        type=int,
        default=default_procs,
        help=f"import_pages --jobs N (default {default_procs})",
    )
    parser.add_argument(
        "--import-no-index",
        action="store_true",
        help="import_pages --no-index: segment and store only; the rebuild phase builds the index "
        "(a bulk load; saves indexing everything twice at large N)",
    )
    parser.add_argument(
        "--raw-articles",
        type=int,
        help="feed only the first N articles to the raw Whoosh writer (rate reported per article)",
    )
    parser.add_argument(
        "--skip-community", action="store_true", help="skip the community setup (rebuild and search)"
    )
    parser.add_argument(
        "--community-articles",
        type=int,
        help="index only the first N articles in the community setup (its rebuild is slow; "
        "rate reported per article)",
    )
    parser.add_argument(
        "--skip-server", action="store_true", help="skip gunicorn (freshness, load, worker memory)"
    )
    parser.add_argument(
        "--skip-load", action="store_true", help="start gunicorn for the freshness checks but send no load"
    )
    parser.add_argument(
        "--load-seconds", type=float, help="length of the load phase (default 30; 2 with --tiny)"
    )
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections (default 32)")
    parser.add_argument(
        "--no-install", action="store_true", help="never apt-get install wrk; use bench.loadgen instead"
    )
    parser.add_argument(
        "--profile", action="store_true", help="cProfile import, rebuild and search into WORKDIR/profile/"
    )
    parser.add_argument(
        "--results", type=Path, default=DEFAULT_RESULTS, help="Markdown file to append the report to"
    )
    parser.add_argument("--no-results", action="store_true", help="do not append to the results file")
    parser.add_argument("--json", type=Path, help="also write the raw figures as JSON to this file")
    parser.add_argument(
        "--render", type=Path, metavar="JSON", help="only print the report of a saved --json file (no run)"
    )
    args = parser.parse_args(argv)
    if args.tiny:
        args.pages = 3
        args.repeat = args.repeat or 1
        args.load_seconds = args.load_seconds or 2.0
    elif args.articles is None and args.pages is None:
        args.articles = 10_000
    args.repeat = args.repeat or 3
    args.load_seconds = args.load_seconds or 30.0
    args.command_line = " ".join(["python -m bench.run", *argv])
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.render:
        sys.stdout.write(render(json.loads(args.render.read_text(encoding="utf-8"))) + "\n")
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="archive-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.reuse_data:
        if not (args.workdir and (workdir / "data" / "archive.sqlite3").exists()):
            raise SystemExit("--reuse-data needs --workdir of an earlier run that kept its data")
        shutil.rmtree(workdir / "data" / "community_index", ignore_errors=True)
    elif (workdir / "data").exists() and any((workdir / "data").iterdir()):
        raise SystemExit(f"{workdir}/data is not empty: the benchmark needs a fresh data directory")
    log(f"work directory: {workdir}")
    bench = Benchmark(args, workdir)
    try:
        results = bench.run()
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    report = render(results)
    sys.stdout.write(report + "\n")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    if not args.no_results:
        write_results(args.results, report)
        log(f"appended to {args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
