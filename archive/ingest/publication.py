"""Publication metadata a citation needs: paper, edition (版次), page name (版面名) and dates.

Read from what the page prints — a page header (``湖南日报 2024年11月12日 星期二 第7版 县域经济``,
``第10版:视角``), an online dump's ``来源：`` / ``发布时间：`` lines, a dateline naming its paper
(``红网时刻6月22日讯``, ``湖南日报·新湖南客户端6月5日讯``) — or supplied by a manifest for files
that print none of it (:func:`read_manifest`).  Each value remembers where it came from, so an
editor and a citation can tell a printed date from one taken from a manifest or estimated.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .classify import is_page_header
from .dates import parse_date
from .furniture import header_parts, is_jump_line, is_web_metadata, without_masthead
from .gazetteer import gazetteer
from .text import DIGEST_ENTRY

# Where a value came from (shown to editors beside it).
PRINTED = "版面"
MANIFEST = "清单"
DATELINE = "电头"
WEB = "网页"

_HAN = r"[\u4e00-\u9fff]"
_EDITION = re.compile(
    r"(第\s*[A-Z]?\s*[0-9一二三四五六七八九十]{1,3}\s*版|(?<![A-Za-z0-9])[A-Z]\s?\d{1,2}(\s*版)?(?![A-Za-z0-9])"
    r"|(?<![\d.年月-])\d{1,2}\s*版)"
)
# A paper's name: 湖南日报, 长沙晚报, 团结报; with its client or site after a dot (湖南日报·新湖南).
_PAPER = re.compile(rf"({_HAN}{{2,8}}?(日报|晚报|报))(?=数字报|电子版|客户端|网|·|[^\u4e00-\u9fff]|$)")
# Media that are not papers but publish the item: a site, a client, a county media centre.
_MEDIA = re.compile(
    rf"(红网|新湖南|华声在线|人民网|新华网|湖南卫视|{_HAN}{{2,12}}?(融媒体中心|新闻网|人民政府网|人民政府|政府网)"
    rf"|{_HAN}{{2,6}}融媒(?!体))"  # 新田融媒: a county centre's app by its short name
)
_SOURCE_LINE = re.compile(r"(来源|稿源|信息来源|文章来源|本文来源)\s*[:：]\s*([^\s|｜]{2,30})")
_DATELINE_DATE = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(讯|电)")
# A dateline whose 月 fell out (519日讯 for 5月19日讯): the digits read one way only.
_DATELINE_FUSED = re.compile(r"(?<!\d)(\d{3,4})\s*日\s*(讯|电)")
# An e-paper's labelled header: 日期：[2024年05月19日] -- 永州日报 -- 版次：[03] 县区传真
_EDITION_LABEL = re.compile(r"版次\s*[:：]\s*[\[【（(]?\s*([A-Z]?\d{1,3})\s*[\]】）)]?")
_SECTION_WORD = re.compile(rf"{_HAN}[{_HAN[1:-1]}·]{{1,9}}")
# 第06版:县域经济 — this page's own edition and name (an e-paper lists the other pages after it).
_EDITION_NAME = re.compile(
    r"^\s*(第\s*[A-Z]?\s*\d{1,3}\s*版|[A-Z]\d{1,2}版?)\s*[:：]\s*([\u4e00-\u9fff·]{2,8})"
)


@dataclass
class Publication:
    """What a page says (or a manifest says) about its publication."""

    paper: str | None = None
    edition: str | None = None  # 版次 as printed, spaces removed: 第7版, A06
    page_name: str | None = None  # 版面名: 县域经济, 视角
    date: dt.date | None = None
    sources: dict[str, str] | None = None  # field → PRINTED / MANIFEST / DATELINE / WEB

    def note(self, name: str, value: object, source: str) -> None:
        """Set ``name`` unless it is already known (the first, most reliable reading wins)."""
        if value in (None, "") or getattr(self, name) not in (None, ""):
            return
        setattr(self, name, value)
        self.sources = {**(self.sources or {}), name: source}


def read_printed_lines(lines: list[str], pub: Publication) -> None:
    """Fill ``pub`` from the page's furniture lines (as printed, spaces kept), most telling first:
    the page's own ``第06版:县域经济`` line, then a site's masthead or breadcrumb, then header
    lines and an online dump's 来源 lines (the first reading of a field wins)."""
    for line in lines:
        m = _EDITION_NAME.search(line)
        if m:
            pub.note("edition", re.sub(r"\s+", "", m.group(1)), PRINTED)
            pub.note("page_name", m.group(2), PRINTED)
            break
    for line in lines:
        read_masthead_line(line, pub)
        first, _, rest = line.strip().partition(" ")
        if rest and is_web_metadata(rest):
            read_masthead_line(first, pub)  # 临湘融媒 joined with the app's bar (< 返回 ··· 分享)
    for line in lines:
        wechat = _WECHAT.search(line.strip())
        if wechat:
            # 原创 周晓蕾 道县发布 2024年07月15日 18:30: the account (after its author) publishes the
            # push, whatever paper one of its items is reprinted from (来源：湖南日报).
            pub.note("paper", (wechat.group(1) or wechat.group(4)).split()[-1], PRINTED)
    for line in lines:
        text = re.sub(r"^#+\s*", "", line)
        if is_jump_line(text) or DIGEST_ENTRY.match(text):
            continue  # (5.【湖南日报】醴陵：…: a push's digest lists what another paper printed)
        if is_web_metadata(text):  # 发布时间 dates one item of an online dump, not the page
            read_web_line(text, pub)
        elif is_page_header(text) or header_parts(text)[:2] != (0, 0):
            read_header_line(text, pub)
    for line in lines:
        if _WECHAT.search(line.strip()):  # the push's own date, when no header line gave the page's
            pub.note("date", parse_date(line), PRINTED)


_WECHAT = re.compile(
    r"(?:^|\s)原创\s+([\u4e00-\u9fffA-Za-z0-9]{2,16}(\s+[\u4e00-\u9fffA-Za-z0-9]{2,16}){0,2})(\s+\d{4}年|\s*$)"
    # (without 原创 the account's line ends on the push's date and time: 韶山发布 2024年07月09日 18:30)
    r"|^([\u4e00-\u9fffA-Za-z0-9]{2,16}(\s+[\u4e00-\u9fffA-Za-z0-9]{2,16}){0,2})\s+\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}"
)


def read_header_line(text: str, pub: Publication) -> None:
    """Fill ``pub`` from one printed page-header line (furniture at the head of the page)."""
    t = re.sub(r"^#+\s*", "", text.strip())
    if re.fullmatch(r"[\u4e00-\u9fff](\s+[\u4e00-\u9fff]){1,5}", t):
        t = re.sub(r"\s+", "", t)  # 团 结 报: the paper's name spaced out across the page
    pub.note("date", parse_date(t), PRINTED)
    edition = _EDITION_LABEL.search(t) or _EDITION.search(t)
    if edition:
        pub.note("edition", re.sub(r"\s+", "", edition.group(1)), PRINTED)
    paper = _PAPER.search(t) or _MEDIA.search(t)
    if paper:
        pub.note("paper", paper.group(1), PRINTED)
    t = without_masthead(t)
    rest = re.sub(
        r"(\d{4}\s*[年\-./]\s*\d{1,2}\s*[月\-./]\s*\d{1,2}\s*日?|星期.|周[一二三四五六日天]|农历\S*)", " ", t
    )
    if edition:
        rest = rest.replace(edition.group(0), " ")
    rest = re.sub(r"(日期|版次|版名|版面)\s*[:：]", " ", rest)
    if paper:
        rest = rest.replace(paper.group(1), " ")
    rest = re.sub(r"(数字报|电子版|客户端|门户网站|网站)", " ", rest)
    rest = re.sub(r"(责任编辑|责编|编辑|美编|美术编辑|主编|校对|版式)\s*[:：/／]?\s*\S.*$", " ", rest)
    # Navigation words (首页, 详情) name no page.
    words = [
        w
        for w in re.split(r"[\s|｜/:：·•]+", rest)
        if _SECTION_WORD.fullmatch(w) and w not in _NAVIGATION_WORDS
    ]
    if words and (edition or paper or pub.date):
        pub.note("page_name", words[0], PRINTED)


_CRUMBS = re.compile(r"[>＞»›]")
_NAVIGATION_WORDS = frozenset(
    {"首页", "详情", "正文", "下载", "返回", "目录", "导航", "上一篇", "下一篇", "上一版", "下一版"}
)


def read_masthead_line(text: str, pub: Publication) -> None:
    """A site's name alone on a line (宁乡市融媒体中心, 宜章县人民政府) or at the head of its breadcrumb.

    ``新湖南 > 市州 > 怀化``: the first step names the site; the last, unless it is a place or the
    article itself (正文), names the column the page lists (乡镇动态), its page name.
    """
    t = re.sub(
        r"^(当前位置|您当前的位置|您现在的位置|您的位置|所在位置|当前的位置)\s*[:：]\s*", "", text.strip()
    )
    t = re.sub(r"\s*(https?://)?www\.[\w.\-/]+$", "", t)  # 岳阳县人民政府 www.yyx.gov.cn
    crumbs = [c.strip() for c in _CRUMBS.split(t) if c.strip()]
    if not crumbs:
        return
    first = re.sub(r"首页$", "", crumbs[0])
    found = _MEDIA.match(first) or _PAPER.match(first)
    # The name alone, or with its edition's suffix (湖南日报数字报): a line that names the medium.
    suffix_only = found is not None and re.fullmatch(r"(数字报|电子版|客户端|网)?", first[found.end() :])
    medium = found.group(1) if suffix_only else None
    if len(crumbs) == 1:
        if medium or re.fullmatch(rf"{_HAN}{{2,12}}(门户网站|网站|网)", first):
            pub.note("paper", medium or re.sub(r"(门户网站|网站)$", "", first), PRINTED)
        return
    if medium:
        pub.note("paper", medium, PRINTED)
    last = crumbs[-1]
    if (
        last not in ("正文", "详情", "内容", "详细", "全文")
        and len(crumbs) >= 3
        and _SECTION_WORD.fullmatch(last)
        and not _is_place_word(last)
    ):
        pub.note("page_name", last, WEB)


def _is_place_word(word: str) -> bool:
    return gazetteer().pattern.fullmatch(word) is not None


def read_web_line(text: str, pub: Publication) -> None:
    """An online dump's metadata line: 来源 names the medium, 发布时间 dates the item."""
    source = _SOURCE_LINE.search(text)
    if source:
        name = source.group(2)
        paper = _PAPER.search(name) or _MEDIA.search(name)
        pub.note("paper", paper.group(1) if paper else name, WEB)


def dateline_paper(dateline: str) -> str | None:
    """The paper or medium a dateline names: 红网时刻6月22日讯 → 红网; 本报讯 → None."""
    d = re.sub(r"\s+", "", dateline)
    if d.startswith(("本报", "本刊")):
        return None
    paper = _PAPER.search(d) or _MEDIA.search(d)
    if paper:
        return paper.group(1)
    head = re.split(r"[·\d]|时刻|客户端|讯|电", d)[0]
    return head if len(head) >= 2 else None


def dateline_date(dateline: str, year: int | None) -> dt.date | None:
    """The day a dateline gives (6月22日讯), in ``year``; None without a year or a valid day."""
    if year is None:
        return None
    m = _DATELINE_DATE.search(dateline)
    if m:
        return _day(year, int(m.group(1)), int(m.group(2)))
    m = _DATELINE_FUSED.search(dateline)
    if m:
        digits = m.group(1)
        readings = {
            d
            for cut in range(1, len(digits))
            if (d := _day(year, int(digits[:cut]), int(digits[cut:]))) is not None
            and len(digits[cut:]) <= 2
            and not digits[cut:].startswith("0")
        }
        if len(readings) == 1:  # 112日讯 could be 1月12日 or 11月2日: no date rather than a wrong one
            return readings.pop()
    return None


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# --- Manifests ----------------------------------------------------------------------------


class ManifestError(ValueError):
    """A manifest that cannot be read; the message says where and why, in Chinese."""


def read_manifest(path: str | Path) -> dict[str, Publication]:
    """File name → :class:`Publication` from a CSV (header ``file,paper,date,edition,page``) or JSON lines.

    Keys are bare file names (``a/b/x.txt`` and ``x.txt`` both match ``x.txt``).
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"无法读取清单 {p.name}：{exc}") from None
    rows = _json_rows(text, p.name) if p.suffix.lower() in (".jsonl", ".json", ".ndjson") else _csv_rows(text)
    out: dict[str, Publication] = {}
    for n, row in rows:
        name = Path(str(row.get("file") or "").strip()).name
        if not name:
            raise ManifestError(f"清单第 {n} 行缺少 file（文件名）")
        date_text = str(row.get("date") or "").strip()
        date = parse_date(date_text) if date_text else None
        if date_text and date is None:
            raise ManifestError(
                f"清单第 {n} 行的日期无法识别：{date_text}（应为 2024-06-22 或 2024年6月22日）"
            )
        pub = Publication()
        pub.note("paper", str(row.get("paper") or "").strip() or None, MANIFEST)
        pub.note("date", date, MANIFEST)
        pub.note("edition", re.sub(r"\s+", "", str(row.get("edition") or "")) or None, MANIFEST)
        pub.note("page_name", str(row.get("page") or "").strip() or None, MANIFEST)
        out[name] = pub
    return out


def _csv_rows(text: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "file" not in [f.strip() for f in reader.fieldnames]:
        raise ManifestError("CSV 清单的第一行必须是表头，至少包含 file 列（file,paper,date,edition,page）")
    return [(n, {(k or "").strip(): v for k, v in row.items()}) for n, row in enumerate(reader, start=2)]


def _json_rows(text: str, name: str) -> list[tuple[int, dict]]:
    rows = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ManifestError(f"清单 {name} 第 {n} 行不是合法的 JSON：{exc.msg}") from None
        if not isinstance(row, dict):
            raise ManifestError(f"清单 {name} 第 {n} 行应为一个 JSON 对象")
        rows.append((n, row))
    return rows


def apply_manifest(pub: Publication, entry: Publication) -> None:
    """The manifest knows the file's publication: its values replace what the text suggested."""
    for name in ("paper", "date", "edition", "page_name"):
        value = getattr(entry, name)
        if value not in (None, ""):
            setattr(pub, name, value)
            pub.sources = {**(pub.sources or {}), name: MANIFEST}
