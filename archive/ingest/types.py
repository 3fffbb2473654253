"""Plain data passed between the ingest stages and handed to the import service.

Nothing here imports Django: the whole ``archive.ingest`` package is pure Python
so that segmentation can be tested and scored without a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """Half-open character range ``[start, end)`` in the decoded page text."""

    start: int
    end: int


@dataclass
class ReporterCredit:
    name: str
    # One of 记者 通讯员 文 图 图文 摄影 供图 作者, or None when the page prints no label.
    role: str | None = None


@dataclass
class PlaceGuess:
    """Where an article is set, with the evidence used to decide it."""

    county_code: str | None = None  # county-level division code, None when prefecture-wide
    county: str | None = None  # full official county-level name
    prefecture_code: str | None = None
    prefecture: str | None = None  # full prefecture-level name
    confidence: float = 0.0
    ambiguous: bool = False
    # The headline names the prefecture as its subject (怀化市启动…): a prefecture-wide item even
    # on a county medium's page.
    prefecture_subject: bool = False
    # Human-readable reasons, e.g. "标题提到 涟源 (+5)", shown to editors.
    evidence: list[str] = field(default_factory=list)


@dataclass
class TopicScore:
    name: str  # one of the nine topic names
    score: float
    keywords: list[str] = field(default_factory=list)  # matched keywords, strongest first


@dataclass
class SegmentedArticle:
    title: str | None = None
    kicker: str | None = None
    subtitle: str | None = None
    reporters: list[ReporterCredit] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    # The credit, author and dateline text as printed (本报讯（记者 周岚 通讯员 易帆）, 祁东县委书记 贺建国,
    # （文/图 李娜）): no field of its own shows it, but a reader may search for any of it.
    credit_lines: list[str] = field(default_factory=list)
    # Clean paragraphs joined by "\n\n": hard wraps undone, stray spaces removed.
    body: str = ""
    place: PlaceGuess = field(default_factory=PlaceGuess)
    topics: list[TopicScore] = field(default_factory=list)  # 1-3, most central first
    # Where the article's material (headline block, body, captions, bylines) sits on the page.
    spans: list[Span] = field(default_factory=list)
    title_after_body: bool = False
    split: bool = False  # interrupted by other material and resumed
    duplicate_removed: bool = False  # repeated text on the page was dropped
    # Codes from archive.models.Article.ReviewReason (no_title, resumed, place_ambiguous, ...).
    review_reasons: list[str] = field(default_factory=list)
    date: dt.date | None = None  # publication date if the page or text gives one
    date_estimated: bool = False
    # Where the date came from: 电头 (own dateline), 网页 (发布时间 line), 版面, 清单; None if estimated.
    date_source: str | None = None
    # What the review model weighed (see :mod:`archive.ingest.review_signals`); not exported.
    review_signals: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    @property
    def needs_review(self) -> bool:
        """Likely wrong, for a reason an editor can act on (see :mod:`archive.ingest.review`)."""
        from .review import needs_review

        return needs_review(self.review_reasons)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p]


@dataclass
class SegmentedPage:
    file: str
    text: str  # the decoded page text that spans point into
    articles: list[SegmentedArticle] = field(default_factory=list)
    # Page furniture set aside: page headers, 上接A1版, 下转第X版 ...
    furniture: list[str] = field(default_factory=list)
    furniture_spans: list[Span] = field(default_factory=list)
    paper: str | None = None
    section: str | None = None
    page_label: str | None = None
    date: dt.date | None = None
    # Field (paper, edition, page_name, date) → where it was read: 版面, 网页, 电头, 清单.
    metadata_sources: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_segscore(self) -> dict:
        """The page in the shape ``shared/eval/segscore.py`` reads."""
        from .review import review_reasons

        return {
            "file": self.file,
            "paper": self.paper,
            "edition": self.page_label,
            "page_name": self.section,
            "date": self.date.isoformat() if self.date else None,
            "furniture": list(self.furniture),
            "articles": [
                {
                    "title": a.title,
                    "kicker": a.kicker,
                    "subtitle": a.subtitle,
                    "reporters": [{"name": r.name, "role": r.role} for r in a.reporters],
                    "captions": list(a.captions),
                    "county": a.place.county,
                    "prefecture": a.place.prefecture,
                    "topics": [t.name for t in a.topics],
                    "body": a.body,
                    # The article's own date, where its dateline or 发布时间 line gives one.
                    "date": a.date.isoformat() if a.date and a.date_source in ("电头", "网页") else None,
                    "needs_review": a.needs_review,
                    "review_reasons": review_reasons(a.review_reasons),
                }
                for a in self.articles
            ],
        }
