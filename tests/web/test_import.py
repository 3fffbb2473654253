"""The import service and ``manage.py import_pages``: idempotence, changed pages, bad files."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from archive.ingest import decode_page, segment_page
from archive.models import Article, Reporter, SourcePage, Topic
from archive.services.importer import import_paths
from tests.conftest import ROOT, SEED_DIR, command_env

pytestmark = pytest.mark.django_db

SEEDS = sorted(SEED_DIR.glob("*.txt"))


def seed_text(index: int) -> str:
    return decode_page(SEEDS[index].read_bytes()).text


def archive_state() -> dict:
    return {p.file_name: (p.sha256, p.updated_at, page_state(p.file_name)) for p in SourcePage.objects.all()}


def page_state(file_name: str) -> dict[int, tuple]:
    return {
        a.pk: (a.title, a.body, a.edited)
        for a in Article.objects.filter(source_page__file_name=file_name).order_by("position")
    }


def longest_paragraph(article: Article) -> str:
    return max(article.paragraphs, key=len)


def test_reimporting_unchanged_pages_skips_them(isolated_index):
    before = {
        p.file_name: (p.sha256, p.updated_at, dict(page_state(p.file_name))) for p in SourcePage.objects.all()
    }
    summary = import_paths([SEED_DIR], progress=False)
    assert summary.ok
    assert summary.pages_unchanged == len(SEEDS)
    assert summary.pages_new == summary.pages_changed == 0
    assert summary.articles_created == summary.articles_updated == summary.articles_deleted == 0
    after = {
        p.file_name: (p.sha256, p.updated_at, dict(page_state(p.file_name))) for p in SourcePage.objects.all()
    }
    assert after == before


def test_same_bytes_under_another_name_are_not_imported_twice(tmp_path, isolated_index):
    copy = tmp_path / "copy_of_seed.txt"
    copy.write_bytes(SEEDS[0].read_bytes())
    count = Article.objects.count()
    summary = import_paths([copy], progress=False)
    assert summary.pages_unchanged == 1
    assert SEEDS[0].name in summary.pages[0].reason
    assert Article.objects.count() == count
    assert not SourcePage.objects.filter(file_name="copy_of_seed.txt").exists()


def test_changed_page_is_resegmented_without_duplicates(tmp_path, isolated_index):
    name = SEEDS[2].name
    articles = list(Article.objects.filter(source_page__file_name=name).order_by("position"))
    assert len(articles) >= 2
    edited, plain, *rest = articles
    # An editor corrects the first article's headline.
    edited.title = "编辑订正后的标题"
    edited.edited = True
    edited.needs_review = False
    edited.save()

    # The page arrives again with a sentence of the second article reworded.
    old_paragraph = longest_paragraph(plain)
    text = seed_text(2)
    sentence = old_paragraph[:12]
    assert sentence in text
    new_text = text.replace(sentence, "（更正）" + sentence, 1)
    changed = tmp_path / name
    changed.write_text(new_text, encoding="utf-8")

    summary = import_paths([changed], progress=False)
    assert summary.ok and summary.pages_changed == 1
    expected = len(segment_page(new_text, file=name).articles)
    after = list(Article.objects.filter(source_page__file_name=name).order_by("position"))
    assert len(after) == expected  # nothing duplicated
    assert len({a.fingerprint for a in after}) == len(after)
    assert {a.pk for a in articles} & {a.pk for a in after} >= {edited.pk, plain.pk}

    plain.refresh_from_db()
    assert "（更正）" in plain.body  # updated in place, same pk and URL
    assert plain.pk in summary.pages[0].updated

    edited.refresh_from_db()
    assert edited.title == "编辑订正后的标题"  # the editor's correction survives
    assert edited.needs_review and "page_changed" in edited.review_reasons
    assert edited.pk in summary.pages[0].kept_edited
    assert "（更正）" in SourcePage.objects.get(file_name=name).raw_text

    # Re-importing the same changed file again changes nothing.
    again = import_paths([changed], progress=False)
    assert again.pages_unchanged == 1 and again.articles_updated == 0


def test_article_dropped_from_a_changed_page(tmp_path, isolated_index):
    name = SEEDS[2].name
    articles = list(Article.objects.filter(source_page__file_name=name).order_by("position"))
    last = articles[-1]
    keep = articles[0]
    keep.edited = True
    keep.save()
    text = seed_text(2)
    # Remove the last article's material from the page, and the first one's too.
    page = SourcePage.objects.get(file_name=name)
    cuts = sorted([*last.spans, *keep.spans], reverse=True)
    for start, end in cuts:
        text = text[:start] + text[end:]
    assert page.raw_text != text
    changed = tmp_path / name
    changed.write_text(text, encoding="utf-8")
    summary = import_paths([changed], progress=False)
    assert summary.ok
    assert last.pk in summary.pages[0].deleted
    assert not Article.objects.filter(pk=last.pk).exists()
    keep.refresh_from_db()  # edited, so kept though its text is gone, and flagged
    assert keep.needs_review and "orphaned" in keep.review_reasons
    assert keep.pk in summary.pages[0].kept_edited


def test_bad_files_are_reported_and_the_others_import(tmp_path, settings, isolated_index, capsys):
    settings.ARCHIVE_MAX_PAGE_BYTES = 64 * 1024
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin.txt").write_bytes("Ümläüte und ß sind keine Zeitung".encode("latin-1") * 3)
    (tmp_path / "huge.txt").write_bytes(("湖南日报" * 20000).encode("utf-8"))
    good_text = seed_text(4).replace("茶陵", "茶陵县城", 1)
    (tmp_path / "good.txt").write_bytes(good_text.encode("gb18030"))
    missing = tmp_path / "missing.txt"

    with pytest.raises(CommandError, match="5 个文件导入失败"):
        call_command("import_pages", str(tmp_path), str(missing), "--no-progress")
    out, err = capsys.readouterr()
    assert "新增 1" in out
    for name in ("empty.txt", "binary.txt", "latin.txt", "huge.txt", "missing.txt"):
        assert name in err
    assert "文件不存在" in err and "文件过大" in err
    good = SourcePage.objects.get(file_name="good.txt")
    assert good.encoding.lower().replace("-", "") in {"gb18030", "gbk", "gb2312"}
    assert good.articles.exists()
    assert not SourcePage.objects.filter(
        file_name__in=["empty.txt", "binary.txt", "latin.txt", "huge.txt"]
    ).exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the failure is injected with an SQLite trigger")
def test_a_failure_mid_page_leaves_no_half_imported_page(tmp_path, isolated_index):
    (tmp_path / "broken.txt").write_text(seed_text(0).replace("涟源", "涟源市", 1), encoding="utf-8")
    (tmp_path / "fine.txt").write_text(seed_text(1).replace("涟源", "涟源市", 1), encoding="utf-8")
    names_before = set(Reporter.objects.values_list("name", flat=True))
    with connection.cursor() as cursor:
        # A real database error on the page's third article, after the page row and two articles.
        cursor.execute(
            """CREATE TEMP TRIGGER fail_third_article BEFORE INSERT ON archive_article
               WHEN NEW.position >= 2 AND NEW.source_page_id =
                    (SELECT id FROM archive_sourcepage WHERE file_name = 'broken.txt')
               BEGIN SELECT RAISE(ABORT, 'disk full'); END"""
        )
    try:
        summary = import_paths([tmp_path / "broken.txt", tmp_path / "fine.txt"], progress=False)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER fail_third_article")
    failed = {Path(p.path).name: p.reason for p in summary.failures}
    assert list(failed) == ["broken.txt"] and "disk full" in failed["broken.txt"]
    assert not SourcePage.objects.filter(file_name="broken.txt").exists()
    assert not Article.objects.filter(source_page__file_name="broken.txt").exists()
    assert SourcePage.objects.get(file_name="fine.txt").articles.count() == len(summary.pages[1].created)
    new_names = set(Reporter.objects.values_list("name", flat=True)) - names_before
    fine_names = set(
        Reporter.objects.filter(bylines__article__source_page__file_name="fine.txt").values_list(
            "name", flat=True
        )
    )
    assert new_names <= fine_names


def test_import_command_help_and_exit_status(tmp_path):
    env = command_env(tmp_path / "data")
    manage = [sys.executable, str(ROOT / "manage.py")]
    help_text = subprocess.run([*manage, "import_pages", "--help"], env=env, capture_output=True, text=True)
    assert help_text.returncode == 0
    assert "SHA-256" in help_text.stdout and "--no-progress" in help_text.stdout
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, capture_output=True)
    (tmp_path / "empty.txt").write_bytes(b"")
    run = subprocess.run(
        [*manage, "import_pages", str(SEEDS[3]), str(tmp_path / "empty.txt")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert "版面：新增 1，更新 0，未变 0，失败 1" in run.stdout
    assert "empty.txt" in run.stderr
    again = subprocess.run(
        [*manage, "import_pages", str(SEEDS[3])], env=env, capture_output=True, text=True, check=True
    )
    assert "版面：新增 0，更新 0，未变 1，失败 0" in again.stdout


def test_force_reapplies_edited_topic_keywords_but_leaves_editors_work(isolated_index):
    name = SEEDS[1].name
    articles = list(Article.objects.filter(source_page__file_name=name).order_by("position"))
    target, edited = articles[0], articles[1]
    edited.title = "编辑改过的标题"
    edited.edited = True
    edited.needs_review = False
    edited.save()
    topic = Topic.objects.exclude(pk__in=target.topics.all()).order_by("order").first()
    word = next(w for w in ("涟源", "乡村", "农业", "服务", "群众") if w in target.body)
    # An editor makes a word of this article decisive for another topic.
    topic.keywords += f"\n{word} 1000"
    topic.save()

    assert import_paths([SEEDS[1]], progress=False).pages_unchanged == 1  # bytes unchanged: skipped
    assert topic not in target.topics.all()

    summary = import_paths([SEEDS[1]], progress=False, force=True)
    assert summary.ok
    target.refresh_from_db()
    assert topic in target.topics.all()
    assert word in target.topic_evidence[topic.name]["keywords"]
    edited.refresh_from_db()
    assert edited.title == "编辑改过的标题" and not edited.needs_review
    assert Article.objects.filter(source_page__file_name=name).count() == len(articles)


def test_articles_of_an_undated_page_share_one_estimated_date():
    for page in SourcePage.objects.filter(pub_date__isnull=True):
        estimated = page.articles.filter(date_estimated=True)
        assert estimated.exists()
        assert len(set(estimated.values_list("pub_date", flat=True))) == 1, page.file_name
        assert all("date_estimated" in a.review_reasons for a in estimated)


def test_a_page_header_date_dates_every_article(tmp_path, isolated_index):
    page_file = tmp_path / "zhuzhou_a3.txt"
    page_file.write_text("株洲日报  2024年11月21日  星期四  A3  要闻\n\n" + seed_text(0), encoding="utf-8")
    summary = import_paths([page_file], progress=False)
    assert summary.ok and summary.pages_new == 1
    page = SourcePage.objects.get(file_name="zhuzhou_a3.txt")
    assert str(page.pub_date) == "2024-11-21"
    assert page.paper == "株洲日报"
    assert any("2024年11月21日" in item["text"] for item in page.furniture)
    for article in page.articles.all():
        assert str(article.pub_date) == "2024-11-21" and not article.date_estimated
        assert "date_estimated" not in article.review_reasons


def test_parallel_import_stores_what_a_serial_import_would(tmp_path, isolated_index, monkeypatch):
    """Pages segmented in worker processes are stored in order, each exactly once."""
    from archive.services import importer

    monkeypatch.setattr(importer, "MIN_FILES_FOR_JOBS", 2)
    sources = sorted((ROOT / "tests" / "pages" / "segment_only").glob("*.txt"))[:12]
    folder = tmp_path / "pages"
    folder.mkdir()
    for i, source in enumerate(sources):
        (folder / f"p{i:02d}_{source.name}").write_bytes(source.read_bytes())
    # The same bytes twice under other names: read ahead together, stored once.
    (folder / "p99_twin.txt").write_bytes(sources[0].read_bytes())
    summary = import_paths([folder], progress=False, jobs=2)
    assert summary.ok
    assert summary.pages_new == len(sources)
    twin = next(p for p in summary.pages if p.path.endswith("p99_twin.txt"))
    assert twin.status == "unchanged" and "相同" in twin.reason
    for i, source in enumerate(sources):
        expected = [a.title or "" for a in segment_page(decode_page(source.read_bytes()).text).articles]
        stored = Article.objects.filter(source_page__file_name=f"p{i:02d}_{source.name}").order_by("position")
        assert [a.title for a in stored] == expected


def test_import_without_indexing_leaves_the_work_queued_for_a_rebuild(tmp_path, isolated_index):
    from search.index import indexing
    from search.models import IndexQueue
    from tests.search.helpers import result_ids

    indexing.rebuild()
    page = tmp_path / "bulk_load.txt"
    page.write_text(seed_text(2) + "\n\n瑶池批量导入测试正文，记录一次批量导入。\n", encoding="utf-8")
    summary = import_paths([page], progress=False, index=False)
    assert summary.ok and summary.articles_created
    created = set(summary.pages[0].created)
    assert set(IndexQueue.objects.values_list("article_id", flat=True)) >= created
    assert not created & set(result_ids("瑶池批量导入测试"))
    indexing.rebuild()
    assert not IndexQueue.objects.exists()
    assert set(result_ids("瑶池批量导入测试")) & created


# --- Publication metadata: printed, from a manifest, or estimated ----------------------------


def test_a_manifest_names_paper_date_and_edition_of_pages_that_print_none(tmp_path: Path) -> None:
    page = tmp_path / "x07_page.txt"
    page.write_text(
        "茶陵砂石集散中心年底试运行\n\n本报11月4日讯（通讯员 谭敏）11月3日，茶陵县砂石集散中心主体工程完工，"
        "年底前试运行，建成后可满足全县重点工程的砂石需求。\n",
        encoding="utf-8",
    )
    manifest = tmp_path / "清单.csv"
    manifest.write_text(
        "file,paper,date,edition,page\nx07_page.txt,株洲日报,2024-11-05,A06,县区新闻\n", "utf-8"
    )
    call_command("import_pages", str(page), "--manifest", str(manifest), "--no-progress", "--no-index")
    stored = SourcePage.objects.get(file_name="x07_page.txt")
    assert (stored.paper, stored.pub_date, stored.page_label, stored.section) == (
        "株洲日报",
        dt.date(2024, 11, 5),
        "A06",
        "县区新闻",
    )
    assert not stored.pub_date_estimated and stored.metadata_sources["paper"] == "清单"
    (article,) = stored.articles.all()
    # The dateline gives the day the report was filed, in the manifest's year.
    assert article.pub_date == dt.date(2024, 11, 4) and not article.date_estimated


def test_a_bad_manifest_stops_the_import_with_its_reason(tmp_path: Path) -> None:
    page = tmp_path / "never_stored.txt"
    page.write_text(seed_text(1), encoding="utf-8")
    manifest = tmp_path / "bad.csv"
    manifest.write_text("file,paper,date\nnever_stored.txt,株洲日报,十一月五日\n", encoding="utf-8")
    with pytest.raises(CommandError, match="日期无法识别"):
        call_command("import_pages", str(page), "--manifest", str(manifest), "--no-progress")
    assert not SourcePage.objects.filter(file_name=page.name).exists()


def test_an_undated_page_is_dated_by_an_estimate_marked_as_such(tmp_path: Path) -> None:
    page = tmp_path / "undated.txt"
    page.write_text(
        "炎陵回收快递包装箱\n\n2024年10月以来，炎陵县在县城12个快递网点设置包装回收点，"
        "市民交回纸箱可兑换小礼品，已回收纸箱两万余个。\n",
        encoding="utf-8",
    )
    call_command("import_pages", str(page), "--no-progress", "--no-index")
    stored = SourcePage.objects.get(file_name="undated.txt")
    assert stored.pub_date is not None and stored.pub_date_estimated


def test_an_online_dump_is_dated_by_its_items(tmp_path: Path) -> None:
    page = tmp_path / "rednet.txt"
    page.write_text(
        "浏阳：“流动服务车”开进花炮企业\n来源：红网 作者：蒋思琪 发布时间：2024-06-21 18:15\n分享到\n\n"
        "6月20日，一辆政务服务流动车开进大瑶镇的花炮企业，为员工现场办理社保、医保业务。\n\n责任编辑：吴思远\n",
        encoding="utf-8",
    )
    call_command("import_pages", str(page), "--no-progress", "--no-index")
    stored = SourcePage.objects.get(file_name="rednet.txt")
    assert (stored.paper, stored.pub_date, stored.pub_date_estimated) == ("红网", dt.date(2024, 6, 21), False)


def test_the_source_page_says_where_its_paper_and_date_came_from(client, tmp_path: Path) -> None:
    from django.urls import reverse

    page = tmp_path / "x09_page.txt"
    page.write_text(
        "靖州杨梅花开迎春来\n\n本报4月10日讯（通讯员 储小琴）靖州苗族侗族自治县坳上镇的杨梅基地里，"
        "杨梅树陆续进入花期，果农忙着修枝施肥。\n",
        encoding="utf-8",
    )
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"file": "x09_page.txt", "paper": "怀化日报", "edition": "第03版"}\n', "utf-8")
    call_command("import_pages", str(page), "--manifest", str(manifest), "--no-progress", "--no-index")
    stored = SourcePage.objects.get(file_name="x09_page.txt")
    html = client.get(reverse("archive:source_page", args=[stored.pk])).content.decode()
    assert "报纸：导入清单；版次：导入清单" in html
    # No year printed or supplied: the page's date is an estimate (the file's date), marked as such.
    assert stored.pub_date_estimated
    assert "估计" in html.split("出版日期", 1)[1].split("</dd>", 1)[0]
