"""``manage.py segment``: show how page files are cut into articles, without touching the database."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest import PageDecodeError, decode_page, segment_page
from archive.ingest.publication import ManifestError, read_manifest
from archive.models import Article


class Command(BaseCommand):
    help = (
        "把版面文本文件切分为文章并输出结果，不写入数据库。"
        "默认输出便于阅读的逐篇摘要；--json 输出 shared/eval/segscore.py 读取的格式："
        '{"pages": [{"file", "furniture", "articles": [...]}]}。'
        "无法读取的文件会逐个报告原因，只要有一个失败，退出码即为非零。"
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="版面文本文件（UTF-8 或 GB18030）")
        parser.add_argument("--json", action="store_true", help="输出 segscore.py 使用的 JSON")
        parser.add_argument("--manifest", metavar="FILE", help="清单文件（见 import_pages --help）")
        parser.add_argument(
            "--max-bytes", type=int, default=None, help="单个文件的大小上限（字节），默认 5 MiB"
        )

    def handle(self, *args, **options):
        pages = []
        failed = 0
        try:
            manifest = read_manifest(options["manifest"]) if options.get("manifest") else {}
        except ManifestError as exc:
            raise CommandError(str(exc)) from None
        for name in options["files"]:
            path = Path(name)
            try:
                data = path.read_bytes()
                decoded = decode_page(data, max_bytes=options["max_bytes"])
            except PageDecodeError as exc:
                failed += 1
                self.stderr.write(f"{name}: {exc}")
                continue
            except OSError as exc:
                failed += 1
                self.stderr.write(f"{name}: 无法读取文件（{exc.strerror or exc}）")
                continue
            page = segment_page(decoded.text, file=path.name, publication=manifest.get(path.name))
            page.encoding = decoded.encoding
            pages.append(page)
            if not options["json"]:
                self._summary(page)
        if options["json"]:
            payload = {"pages": [p.to_segscore() for p in pages]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))
        if failed:
            raise CommandError(f"{failed} 个文件无法读取", returncode=1)

    def _summary(self, page):
        w = self.stdout.write
        header = f"== {page.file}（{page.encoding}）：{len(page.articles)} 篇文章"
        if page.date:
            header += f"，日期 {page.date.isoformat()}"
        if page.paper or page.page_label or page.section:
            header += "，" + " ".join(x for x in (page.paper, page.page_label, page.section) if x)
        w(header)
        for n, a in enumerate(page.articles, 1):
            title = a.title or f"（无标题）{a.body[:20]}…"
            w(f"  {n}. {title}")
            if a.kicker:
                w(f"     引题：{a.kicker}")
            if a.subtitle:
                w(f"     副题：{a.subtitle}")
            if a.reporters:
                w(
                    "     作者："
                    + "、".join(f"{r.name}（{r.role}）" if r.role else r.name for r in a.reporters)
                )
            place = a.place.county or a.place.prefecture or "未识别"
            if a.place.county and a.place.prefecture:
                place = f"{a.place.prefecture} {a.place.county}"
            w(f"     地点：{place}" + ("（不确定）" if a.place.ambiguous else ""))
            if a.topics:
                w("     主题：" + "、".join(f"{t.name}（{'、'.join(t.keywords[:3])}）" for t in a.topics))
            w(f"     正文：{len(a.body)} 字，{len(a.paragraphs)} 段，图片说明 {len(a.captions)} 条")
            if a.review_reasons:
                labels = dict(Article.ReviewReason.choices)
                title = "待审核" if a.needs_review else "说明"
                w(f"     {title}：" + "、".join(labels.get(r, r) for r in a.review_reasons))
        if page.furniture:
            w("  版面附属文字：" + " | ".join(f[:30] for f in page.furniture))
