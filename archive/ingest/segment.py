"""Orchestration: page text → SegmentedPage (layout → classify → dedupe → assemble → metadata)."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from .assemble import assemble
from .classify import Kind, Unit
from .dates import estimate_date, parse_date
from .dedupe import drop_repeated_sentences
from .drafts import Draft
from .furniture import is_web_metadata
from .gazetteer import leads_with_division
from .places import guess_place, home_county, home_prefecture
from .publication import (
    DATELINE,
    PRINTED,
    WEB,
    Publication,
    apply_manifest,
    dateline_date,
    dateline_paper,
    read_masthead_line,
    read_printed_lines,
    read_web_line,
)
from .review_model import suspicion
from .review_signals import page_signals, signals, with_neighbours
from .sequence import Labelled, correct, doubt, label_page, page_units
from .text import CIRCLED, content_chars, despace, ends_on_measure_word, ends_sentence, to_simplified
from .topics import assign_topics
from .types import ReporterCredit, SegmentedArticle, SegmentedPage, Span

SHORT_BODY = 40  # characters; shorter bodies are flagged for review
logger = logging.getLogger(__name__)


def segment_page(
    text: str,
    *,
    file: str = "",
    topic_rules: Mapping[str, Mapping[str, float]] | None = None,
    publication: Publication | None = None,
    tagger: object | None = None,
    use_model: bool = True,
) -> SegmentedPage:
    """Cut a decoded page into articles with headline, bylines, captions, place, topics and spans.

    ``publication`` is what a manifest says of this file; it overrides what the text suggests.
    The trained sequence model (``tagger``, by default the repository's model file) corrects
    the rules where it is sure and doubts articles where it is not; ``use_model=False`` gives
    the rules alone (to compare them).
    """
    page = SegmentedPage(file=file, text=text)
    units = page_units(text)
    result = assemble(units)
    labelled = label_page(units, result, tagger) if use_model else Labelled(units, [])
    result.drafts = correct(result, labelled)

    pub = Publication()
    for u in result.furniture:
        # A site's name on its own line over its menu and breadcrumb, all one furniture block
        # (常宁市人民政府 / 首页 | 政务公开 … / 当前位置：…): the site publishes the page.
        for line in u.block.raw.split("\n") if u.block and len(u.block.lines) > 1 else []:
            site = Publication()
            read_masthead_line(line, site)
            pub.note("paper", site.paper, PRINTED)
    read_printed_lines([u.block.raw_joined if u.block else u.text for u in result.furniture], pub)
    for u in units:  # metadata printed beside a byline (来源：红网 作者：…) names the medium too
        for piece in u.aside if u.kind == Kind.NAMES else []:
            read_web_line(piece, pub)
    if publication is not None:
        apply_manifest(pub, publication)
    datelines = [u.dateline for u in units if u.dateline]
    if datelines and "融媒体中心" not in datelines[0]:
        # 红网时刻…讯 names the medium; a county media centre's dateline on a paper's page names
        # who filed the item, not the paper.
        pub.note("paper", dateline_paper(datelines[0]), DATELINE)
    home = home_prefecture(pub.paper or "") or (home_prefecture(datelines[0]) if datelines else None)
    used: set[int] = set()
    drafts_of: list[tuple[SegmentedArticle, Draft]] = []
    seen_sentences: set[str] = set()
    for draft in result.drafts:
        article = _article(draft, seen_sentences, topic_rules, home)
        if article is None or (
            # 湘乡视界 alone at a push's foot: the account's name, page furniture
            article.title is None
            and pub.paper
            and re.sub(r"\s+", "", article.body) == re.sub(r"\s+", "", pub.paper)
        ):
            continue
        if doubt(draft, labelled):
            article.review_reasons.append("boundary_doubt")
        drafts_of.append((article, draft))
        for u in _material(draft):
            used.add(id(u))
        repeats = _repeats_of(draft, units)
        article.spans = _spans([*_material(draft), *repeats])
        if repeats and "duplicate_removed" not in article.review_reasons:
            article.duplicate_removed = True
            article.review_reasons.append("duplicate_removed")
        _date_article(article, draft, units, pub)
        page.articles.append(article)
        for u in _repeats_of(draft, units):
            used.add(id(u))

    _publish(page, pub)
    _publisher_county_fallback(page)
    _page_prefecture_fallback(page)
    if use_model:  # (the review model weighs the sequence model's marginals among its signals)
        on_page = page_signals(labelled, len(drafts_of))
        for article, draft in drafts_of:
            article.review_signals = signals(article, draft, labelled, on_page)
        with_neighbours([a.review_signals for a, _ in drafts_of])
        for article, _ in drafts_of:
            reason = suspicion(article.review_signals)
            if reason is not None:
                article.review_reasons.append(reason)

    # Whatever no article took is page furniture: nothing is dropped silently.
    furniture_units: list[tuple[int, int, str]] = []
    for u in units:
        if id(u) in used:
            for piece in (u.furniture_head, u.furniture_tail):
                if piece:
                    start, end = _locate(text, piece, u.start, u.end)
                    furniture_units.append((start, end, piece))
            for piece in u.aside if u.duplicate_of is None else []:
                start, end = _locate(text, piece, u.start, u.end)
                furniture_units.append((start, end, piece))
            continue
        if u.duplicate_of is not None and id(units[u.duplicate_of]) in used:
            continue
        # Furniture is shown as printed (a page header keeps its spacing).
        printed = " ".join(u.block.raw_joined.split()) if u.block else ""
        label = printed if u.kind == Kind.FURNITURE else (u.text or printed)
        if not content_chars(label):
            continue
        furniture_units.append((u.start, u.end, label))
        if u.kind != Kind.FURNITURE:
            page.warnings.append(f"未归入任何文章的文字：{label[:30]}")
    furniture_units.sort()
    page.furniture = [t for _, _, t in furniture_units]
    page.furniture_spans = [Span(s, e) for s, e, _ in furniture_units]
    return page


def segment_page_or_error(
    text: str,
    file: str = "",
    topic_rules: Mapping[str, Mapping[str, float]] | None = None,
    publication: Publication | None = None,
) -> SegmentedPage | str:
    """:func:`segment_page`, with a crash returned as its message instead of raised.

    What an import runs in its worker processes: one page the segmenter chokes on
    must not stop the others, and the error has to cross a process boundary.
    """
    try:
        return segment_page(text, file=file, topic_rules=topic_rules, publication=publication)
    except Exception as exc:
        logger.exception("Segmentation of %s failed", file)
        return f"{type(exc).__name__}: {exc}"


def _publisher_county_fallback(page: SegmentedPage) -> None:
    """A county medium's item that names no other county (花明楼镇：…) is about that county."""
    county = home_county(page.paper)
    if county is None:
        return
    for a in page.articles:
        # (another prefecture named in passing, 长沙 the visitors came from, does not move it)
        passing = a.place.ambiguous or a.place.confidence < 0.6
        if a.place.prefecture_subject and a.place.prefecture_code == county.prefecture_code:
            continue  # 怀化市启动2024年“护河行动” on 会同's site: the prefecture's own news
        if a.place.county is None and (a.place.prefecture_code in (None, county.prefecture_code) or passing):
            a.place.county_code, a.place.county = county.code, county.name
            a.place.prefecture_code, a.place.prefecture = county.prefecture_code, county.parent_name
            a.place.evidence.append(f"发布单位 {page.paper}：按{county.name}处理")
            a.review_reasons = [r for r in a.review_reasons if r not in ("place_unknown", "place_ambiguous")]


def _page_prefecture_fallback(page: SegmentedPage) -> None:
    """An article naming no Hunan place is set where most of the page's articles are (a local page)."""
    placed = Counter(a.place.prefecture_code for a in page.articles if a.place.prefecture_code)
    if not placed:
        return
    code, n = placed.most_common(1)[0]
    if n < 2 or n < 0.67 * sum(placed.values()):
        return  # a provincial page spread over many prefectures says nothing about this article
    name = next(a.place.prefecture for a in page.articles if a.place.prefecture_code == code)
    for a in page.articles:
        if a.place.prefecture_code is None:
            a.place.prefecture_code, a.place.prefecture = code, name
            a.place.ambiguous = True
            a.place.evidence.append(f"本版其他文章多在{name}：按{name}处理")
            a.review_reasons = ["place_ambiguous" if r == "place_unknown" else r for r in a.review_reasons]


def _date_article(article: SegmentedArticle, draft: Draft, units: list[Unit], pub: Publication) -> None:
    """The article's own date (发布时间 line, dateline), else the page's, else an estimate (flagged)."""
    published = _published_date(article.spans, units)
    # The dateline opens the text, or stands on its own line under the headline (a names line).
    dateline = next((u.dateline for u in sorted(_material(draft), key=lambda u: u.start) if u.dateline), None)
    known = published or pub.date
    year = known.year if known else None
    own = dateline_date(dateline, year) if dateline else None
    if own is not None and known is not None and own > known + dt.timedelta(days=1):
        own = dateline_date(dateline, year - 1)  # 12月30日讯 on a page of 2 January
    if own is not None:
        # The day the report was filed; an online item's 发布时间 is when the site put it up.
        article.date, article.date_source = own, DATELINE
    elif published is not None:
        article.date, article.date_source = published, WEB
    elif pub.date is not None:
        article.date, article.date_source = pub.date, (pub.sources or {}).get("date", PRINTED)
    else:
        # No date printed or supplied: a guess from the text (None when the text names no year).
        article.date = estimate_date(article.body)
        if article.date is not None:
            article.date_estimated = True
            article.review_reasons.append("date_estimated")


_ISO_DAY = re.compile(r"[\[（(]?\d{4}-\d{1,2}-\d{1,2}[\]）)]?")


def _published_date(spans: list[Span], units: list[Unit]) -> dt.date | None:
    """The date of a 发布时间 line printed inside the article's extent (online dumps date each item).

    The line is furniture, or metadata printed beside the byline (作者：… 发布时间：…).
    """
    if not spans:
        return None
    lo, hi = spans[0].start, spans[-1].end
    for u in units:
        if not lo <= u.start <= hi:
            continue
        printed = [u.block.raw_joined if u.block else u.text] if u.kind == Kind.FURNITURE else u.aside
        for text in printed:
            # 发布时间：…, or a list entry's date printed alone under its title (2021-06-07).
            dated = is_web_metadata(text) or bool(_ISO_DAY.fullmatch(text.strip()))
            found = parse_date(text) if dated else None
            if found is not None:
                return found
    # A site that prints the headline twice puts the metadata between the copies, above the one
    # that heads the text: the furniture right above the article, if it names when it was published.
    above = [u for u in units if u.end <= lo]
    for u in reversed(above):
        if u.kind != Kind.FURNITURE:
            break
        raw = u.block.raw_joined if u.block else u.text
        if _PUBLISHED_LABEL.search(raw) and is_web_metadata(raw):
            return parse_date(raw)
    return None


_PUBLISHED_LABEL = re.compile(r"(发布时间|发布日期|发表时间|时间|日期)\s*[:：]|来源\s*[:：]")


def _locate(text: str, piece: str, start: int, end: int) -> tuple[int, int]:
    """Where ``piece`` (spaces removed) is printed between ``start`` and ``end``."""
    pattern = r"\s*".join(re.escape(c) for c in piece if not c.isspace())
    m = re.search(pattern, text[start:end]) if pattern else None
    return (start + m.start(), start + m.end()) if m else (start, end)


def _publish(page: SegmentedPage, pub: Publication) -> None:
    page.paper, page.page_label, page.section = pub.paper, pub.edition, pub.page_name
    page.date = pub.date
    page.metadata_sources = dict(pub.sources or {})


def _material(d: Draft) -> list[Unit]:
    out: list[Unit] = list(d.paras) + list(d.captions) + list(d.extra_credits)
    if d.title_group:
        out += d.title_group.units
    for g in d.names_groups:
        out += g.units
    return out


def _repeats_of(d: Draft, units: list[Unit]) -> list[Unit]:
    """Printed repeats of this article's blocks: shown with the article on the source page."""
    mine = {id(u) for u in _material(d)}
    return [u for u in units if u.duplicate_of is not None and id(units[u.duplicate_of]) in mine]


def _spans(units: list[Unit]) -> list[Span]:
    ranges = sorted((u.start, u.end) for u in units)
    merged: list[list[int]] = []
    for s, e in ranges:
        if merged and s <= merged[-1][1] + 2:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [Span(s, e) for s, e in merged]


def _title_parts(d: Draft) -> tuple[str | None, str | None, str | None]:
    kickers = [u.text for g in d.names_groups for u in g.units if u.kind == Kind.KICKER and u.text]
    if d.title_group is None:
        return None, " ".join(kickers) or None, None
    kickers += [u.text for u in d.title_group.units if u.kind == Kind.KICKER and u.text]
    heads = [u.text for u in d.title_group.units if u.kind == Kind.HEADING and u.text]
    subs = [u.text for u in d.title_group.units if u.kind == Kind.SUBTITLE and u.text]
    # Lines above the one a —— deck hangs from are kickers (县域经济看邵阳 over 邵东：… / ——…).
    units = d.title_group.units
    deck = next((k for k, u in enumerate(units) if u.kind == Kind.SUBTITLE), None)
    if deck is not None and len(heads) > 1:
        above = [u for u in units[:deck] if u.kind == Kind.HEADING and u.text]
        if len(above) > 1:
            kickers += [u.text for u in above[:-1]]
            below = [u.text for u in units[deck:] if u.kind == Kind.HEADING and u.text]
            heads = [above[-1].text, *below]
    if deck is None and len(heads) == 2 and _place_led(heads[1]) and not _place_led(heads[0]):
        # 乡村振兴看新化 / 新化：“一村一品”点亮富民路: a line led by its place and a colon is the
        # main title, so the line above it is the series line (引题), not the headline.
        kickers.append(heads.pop(0))
    if len(heads) > 1 and re.search(r"[—－-]{1,2}$", heads[0]) and not re.search(r"^[—－-]", heads[0]):
        # 保靖县“清廉村居”建设巡礼—— / 小院议事厅…: a line running into the next one is its lead-in.
        kickers.append(heads.pop(0).rstrip("—－- "))
    title = heads[0] if heads else None
    if title and title[:1] in CIRCLED and len(title) > 5:
        title = title[1:]  # ①梅城镇启动…: a digest numbers its items' headlines
    if title:
        # 01｜县溪镇：… or · 县溪镇：…, a digest's number or a list's bullet; …义诊进村▶ 01:48, a
        # video's length printed on its headline.
        title = _DIGEST_NUMBER.sub("", _VIDEO_LENGTH.sub("", title)) or title
    label = _LABEL_BAR.match(title or "")
    if label and not _FORM_OR_SOURCE.search(label.group(1)):
        # 央媒看湖南丨“半条被子”故乡的致富新路: the column's name in front of the headline is its kicker.
        kickers.append(label.group(1))
        title = label.group(2)
    if title and "——" in title:
        title, _, rest = title.partition("——")
        subs.insert(0, rest.strip("—- "))
        title = title.strip() or None
    wrapped = deck is None and len(heads) == 2 and title == heads[0]
    if wrapped and _wrapped_headline(heads[0], heads[1]):
        # 宁远清廉村居建设 / 覆盖全部行政村: one headline wrapped at the column's edge, not a deck.
        title, heads = heads[0] + heads[1], [heads[0] + heads[1]]
    if len(heads) > 1:
        subs = heads[1:] + subs
    subtitle = "　".join(s for s in subs if s) or None
    kicker = " ".join(kickers) or None
    return title, kicker, subtitle


# 01｜…, and a list page's bullet (· 岩汪湖镇“屋场会”…) in front of the headline it links.
_DIGEST_NUMBER = re.compile(r"^(\d{1,2}\s*[｜|丨]|[·•])\s*(?=\S{4})")
_VIDEO_LENGTH = re.compile(r"\s*[▶►]\s*\d{1,2}:\d{2}$")
_PLACE_COLON = re.compile(r"^([\u4e00-\u9fff]{2,8})[：:]")
_LABEL_BAR = re.compile(r"^([\u4e00-\u9fff·]{2,10})\s*[丨｜|]\s*(\S.*)$")
# 组图丨…, 视频｜…, 人民日报丨…: a web headline names its form or the medium it reprints from in
# front of the bar, as part of the headline; a column's name there (央媒看湖南丨) is a kicker.
_FORM_OR_SOURCE = re.compile(r"(组图|图集|图片|视频|直播|海报|长图|音频|日报|晚报|新华社|新闻|电视台|网)$")


_TITLE_CHROME = re.compile(
    r"(分享|来源|编辑|打印|上一篇|下一篇|版面|导航|\d{4}-\d{1,2}-\d{1,2}|\.(jpe?g|png))"
)


_CLASSIFIER_END = re.compile(
    r"[0-9０-９一二三四五六七八九十百千万两几多]+[条家个项座所台辆名户栋亩处批场件]$"
)


@lru_cache(maxsize=4096)
def _wrapped_headline(first: str, second: str) -> bool:
    """Two headline lines that are one sentence cut in two: the first names the subject (or ends
    on a number and its measure word), the second starts with the verb (平江休闲食品产业园 /
    新添12家入驻企业; 衡南县新增3条 / 农产品加工生产线).  A deck has a subject of its own
    (田间『包袱』变绿色财富 / 湘潭市多措并举…) or starts otherwise (…矛调中心 / 把矛盾化解在家门口)."""
    if ends_on_measure_word(first):
        return True
    if re.search(r"[，,：:！？!?“”『』]", second[:1]) or "——" in first + second:
        return False
    if _PURPOSE_LEAD.match(second):
        return False  # 醴陵“红色课堂”进校园 / 让党史教育活起来: a deck saying what it is for
    if re.search(r"[的和与及把被将向从对给在为]$", first):
        return True  # 推动“小窗口”服务向 / 基层延伸: the first line stops on a word that needs more
    # (岳塘区：“议事厅”里 / 议出幸福事 ends on the locative 里, its subject's last word)
    words = _pos(first)
    lead = _pos(second)
    return bool(words and lead) and words[-1][1] in _NOUNS_OR_PLACES and lead[0][1] == "v"


_PURPOSE_LEAD = re.compile(
    r"^(让|使|令|助|为|把|给|以|向|在|从|促|推动|助力|赋能|打造|激活|跑出|绘就|托起|撬动)"
)
_NOUNS = frozenset({"n", "ns", "nr", "nt", "nz", "vn", "nrfg"})
_NOUNS_OR_PLACES = _NOUNS | {"f"}  # (a locative, 里 / 上 / 中, ends a subject too: “议事厅”里)


def _pos(text: str) -> list[tuple[str, str]]:
    return [(w, f) for w, f in _tagger().cut(text) if w.strip()]


@lru_cache(maxsize=1)
def _tagger():
    """jieba's part-of-speech tagger over a dictionary of its own: search adds our place and topic
    words to jieba's default one, and the tags must not depend on whether it has run."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.POSTokenizer(jieba.Tokenizer())


def _doubtful_title(title: str) -> bool:
    """A headline that reads like a sentence of the body, a column label or page chrome."""
    n = len(content_chars(title))
    return (
        n <= 4
        or n > 40
        or bool(re.search(r"[。；]", title))
        or (title.endswith(("！", "？", "!", "?")) and "，" in title)
        or bool(_TITLE_CHROME.search(title))
    )


def _place_led(line: str) -> bool:
    """``新化：…``, ``慈利县：…``: a headline opening with a place name and a colon."""
    m = _PLACE_COLON.match(line)
    return bool(m) and leads_with_division(m.group(1), variants=True)


def _join_paragraphs(paras: list[Unit]) -> list[str]:
    """Re-join a paragraph broken across a column (部门主要负 / 责人)."""
    out: list[str] = []
    prev: Unit | None = None
    for p in paras:
        text = p.text
        if not content_chars(text):
            continue
        if (
            prev is not None
            and out
            and not ends_sentence(out[-1])
            and not prev.subhead
            and prev.kind != Kind.LABEL
            and not p.subhead
            and p.kind != Kind.LABEL
            and not (p.list_item or prev.list_item)
            and (prev.narrow or len(out[-1]) >= 25 or _starts_mid_sentence(text))
        ):
            out[-1] = out[-1] + text
        else:
            out.append(text)
        prev = p
    return out


def _starts_mid_sentence(text: str) -> bool:
    return any(c in "，、”’）；：,;:)" for c in text[:3])


_CREDIT_KINDS = (Kind.NAMES, Kind.AUTHOR, Kind.CREDIT)


def credit_lines(d: Draft) -> list[str]:
    """What the article prints as credits, author and dateline, as printed (spaces between CJK removed).

    A names line is taken whole; from a paragraph or a caption, what was cut off its text (the
    dateline with its names in front, a closing byline) — page furniture such as jump lines aside.
    """
    units = [
        *(d.title_group.units if d.title_group else []),
        *(u for g in d.names_groups for u in g.units),
        *d.paras,
        *d.captions,
        *d.extra_credits,
    ]
    lines: list[str] = []
    for u in sorted(units, key=lambda u: u.start):
        printed = despace(u.block.raw_joined if u.block else u.text).strip()
        if u.kind in _CREDIT_KINDS:
            lines.append(printed)
            continue
        if not (u.credits or u.aside or u.dateline):
            continue
        for cut in (u.furniture_head, u.furniture_tail):
            if cut:
                printed = printed.replace(cut, " ")
        text = despace(u.text).strip()
        left, found, right = printed.partition(text) if text else (printed, "", "")
        lines += [piece.strip() for piece in ((left, right) if found else (printed,)) if piece.strip()]
    return list(dict.fromkeys(line for line in lines if content_chars(line)))


def _reporters(d: Draft) -> list[ReporterCredit]:
    credits: list[ReporterCredit] = []
    for g in d.names_groups + ([d.title_group] if d.title_group else []):
        for u in g.units:
            credits += u.credits
    for p in d.paras:
        credits += p.credits
    for u in d.extra_credits:
        credits += u.credits
    for c in d.captions:
        credits += c.credits
    out: list[ReporterCredit] = []
    seen: set[tuple[str, str | None]] = set()
    for c in credits:
        key = (c.name, c.role)
        if key not in seen:
            seen.add(key)
            out.append(ReporterCredit(c.name, c.role))
    # An online item names its people twice: 作者：李娜 in the metadata, （记者 李娜）in the dateline.
    # The labelled role says more; 作者 beside it is the same credit again.
    specific = {c.name for c in out if c.role not in (None, "作者")}
    return [c for c in out if c.role != "作者" or c.name not in specific]


def _article(
    d: Draft,
    seen_sentences: set[str],
    topic_rules: Mapping[str, Mapping[str, float]] | None,
    home: str | None = None,
) -> SegmentedArticle | None:
    title, kicker, subtitle = _title_parts(d)
    paragraphs, removed = drop_repeated_sentences(_join_paragraphs(d.paras), seen_sentences)
    if not paragraphs and not title:
        return None
    if not d.paras and not any(c.text for c in d.captions):
        # A headline with nothing under it (a push's title over its digest): page furniture.
        return None
    a = SegmentedArticle(title=title, kicker=kicker, subtitle=subtitle)
    a.body = "\n\n".join(paragraphs)
    a.captions = [c.text for c in d.captions if c.text]
    a.credit_lines = credit_lines(d)
    a.reporters = _reporters(d)
    a.title_after_body = d.title_after_body
    a.split = d.split
    a.duplicate_removed = removed or any(p.fragment_removed for p in d.paras)
    # Match places and keywords on simplified text: a headline may be printed in traditional characters.
    # A commentary's author line names the official's county (宁远县委书记): as telling as a headline.
    authors = [
        a
        for g in d.names_groups + ([d.title_group] if d.title_group else [])
        for u in g.units
        if u.kind == Kind.AUTHOR
        for a in u.aside
    ]
    head_text = to_simplified(" ".join(x for x in (kicker, title, subtitle, *authors) if x))
    headline = to_simplified(" ".join(x for x in (title, subtitle, *authors) if x))
    a.place = guess_place(headline, a.body, a.captions, home=home, series=to_simplified(kicker or ""))
    a.topics = assign_topics(head_text, a.body, topic_rules)

    reasons = a.review_reasons
    if not title:
        reasons.append("no_title")
    elif _doubtful_title(title):
        reasons.append("title_doubt")
    if d.title_after_body:
        reasons.append("title_after_body")
    if d.resumed:
        reasons.append("resumed")
    if a.duplicate_removed:
        reasons.append("duplicate_removed")
    if a.place.prefecture is None:
        reasons.append("place_unknown")
    elif a.place.ambiguous:
        reasons.append("place_ambiguous")
    if not a.reporters:
        reasons.append("no_byline")
    if d.low_confidence or not paragraphs:
        reasons.append("low_confidence")
    if len(content_chars(a.body)) < SHORT_BODY:
        reasons.append("short")
    return a
