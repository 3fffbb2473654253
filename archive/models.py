"""The archive's data: divisions, topics, reporters, source pages and their articles."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone


@functools.lru_cache(maxsize=1024)
def _reversed(prefix: str, urlconf: str | None, root: str, viewname: str, key: str) -> str:
    return reverse(viewname, args=[key])


def fixed_url(viewname: str, key: str) -> str:
    """``reverse(viewname, args=[key])``, remembered: for the few places and topics
    that every list and search result links to (a search page links to some fifty).
    Keyed by everything ``reverse`` depends on, so a different script prefix or
    URLconf gets its own entry."""
    return _reversed(get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF, viewname, key)


_NUMBER_SLOT = 918273645  # a number no URL prints otherwise, reversed once and replaced


@functools.lru_cache(maxsize=64)
def _numbered_parts(prefix: str, urlconf: str | None, root: str, viewname: str) -> tuple[str, str]:
    before, slot, after = reverse(viewname, args=[_NUMBER_SLOT]).partition(str(_NUMBER_SLOT))
    if not slot or str(_NUMBER_SLOT) in after:
        raise ValueError(f"{viewname} does not print its one number argument once")
    return before, after


def numbered_urls(viewname: str) -> Callable[[int], str]:
    """``lambda n: reverse(viewname, args=[n])`` for a URL with one integer in it (an
    article's), from its two fixed halves, looked up once: a search page links to some forty
    articles, and ``reverse`` (or even the script prefix lookup) costs more per call than the
    rest of a result's link."""
    before, after = _numbered_parts(get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF, viewname)
    return lambda number: f"{before}{int(number)}{after}"


def numbered_url(viewname: str, number: int) -> str:
    """One URL of :func:`numbered_urls`."""
    return numbered_urls(viewname)(number)


def newest_first(field: str = "pub_date") -> models.OrderBy:
    """``-field`` with undated rows last on every database (PostgreSQL sorts NULL first
    when descending, SQLite last)."""
    return models.F(field).desc(nulls_last=True)


class UnescapedJSONEncoder(DjangoJSONEncoder):
    """JSON with Chinese stored as itself: SQLite keeps JSON as text, and an escaped
    "\\u6d9f\\u6e90" would not match an admin search for 涟源 (PostgreSQL's jsonb does)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class County(models.Model):
    """A Hunan administrative division, prefecture-level or county-level.

    Both levels live in one table so that an article's ``place`` can point at
    the most specific division it is about.
    """

    class Level(models.TextChoices):
        PREFECTURE = "prefecture", "地级"
        COUNTY = "county", "县级"

    class Kind(models.TextChoices):
        PREFECTURE_CITY = "地级市", "地级市"
        AUTONOMOUS_PREFECTURE = "自治州", "自治州"
        DISTRICT = "市辖区", "市辖区"
        COUNTY_CITY = "县级市", "县级市"
        COUNTY = "县", "县"
        AUTONOMOUS_COUNTY = "自治县", "自治县"

    code = models.CharField("区划代码", max_length=6, unique=True)
    name = models.CharField("名称", max_length=32, unique=True)
    short_name = models.CharField("简称", max_length=16, blank=True)
    level = models.CharField("层级", max_length=12, choices=Level.choices, db_index=True)
    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="所属地级行政区",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    aliases = models.JSONField("别名（简称、旧称）", default=list, blank=True, encoder=UnescapedJSONEncoder)

    class Meta:
        ordering = ["code"]
        verbose_name = "行政区"
        verbose_name_plural = "行政区"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return fixed_url("archive:place", self.code)

    @property
    def is_prefecture(self) -> bool:
        return self.level == self.Level.PREFECTURE

    @property
    def prefecture(self) -> County:
        """The prefecture-level division this one belongs to (itself for a prefecture)."""
        return self if self.is_prefecture or self.parent is None else self.parent


class Topic(models.Model):
    """One of the nine fixed topics, with the weighted keywords that assign it."""

    name = models.CharField("名称", max_length=16, unique=True)
    slug = models.SlugField("网址标识", max_length=32, unique=True)
    description = models.TextField("说明", blank=True)
    keywords = models.TextField(
        "关键词与权重",
        blank=True,
        help_text="每行一个关键词，后跟空格和权重（默认 1），例如：一件事一次办 3",
    )
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "主题"
        verbose_name_plural = "主题"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return fixed_url("archive:topic", self.slug)

    def keyword_weights(self) -> dict[str, float]:
        """Parse ``keywords`` into {keyword: weight}; malformed weights count as 1."""
        weights: dict[str, float] = {}
        for line in self.keywords.splitlines():
            parts = line.split()
            if not parts:
                continue
            word = parts[0]
            try:
                weight = float(parts[1]) if len(parts) > 1 else 1.0
            except ValueError:
                weight = 1.0
            weights[word] = weight
        return weights


class Reporter(models.Model):
    """A person credited on articles (reporter, correspondent, photographer, author)."""

    name = models.CharField("姓名", max_length=32, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "作者"
        verbose_name_plural = "作者"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:reporter", args=[self.pk])


class SourcePage(models.Model):
    """A newspaper page as received, kept whole so every article keeps its provenance."""

    file_name = models.CharField("文件名", max_length=255, unique=True)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    raw_text = models.TextField("原始文本")
    encoding = models.CharField("编码", max_length=16, blank=True)
    paper = models.CharField("报纸", max_length=64, blank=True)
    section = models.CharField("版面", max_length=64, blank=True)
    page_label = models.CharField("版次", max_length=16, blank=True)
    pub_date = models.DateField("出版日期", null=True, blank=True)
    pub_date_estimated = models.BooleanField(
        "出版日期为估计", default=False, help_text="版面没有印出日期、清单也没有提供时，由正文推测"
    )
    metadata_sources = models.JSONField(
        "出版信息来源",
        default=dict,
        blank=True,
        help_text="各项出版信息从哪里读到：{字段: 版面/网页/电头/清单}",
    )
    furniture = models.JSONField(
        "版面附属文字", default=list, blank=True, help_text="页眉、上接/下转等，[{text, start, end}]"
    )
    imported_at = models.DateTimeField("首次导入", default=timezone.now)
    updated_at = models.DateTimeField("最近导入", auto_now=True)

    class Meta:
        ordering = [newest_first(), "file_name"]
        verbose_name = "来源版面"
        verbose_name_plural = "来源版面"

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("archive:source_page", args=[self.pk])

    # How the publication metadata was found, in the words a reader understands.
    METADATA_FIELDS = {"paper": "报纸", "edition": "版次", "page_name": "版面", "date": "日期"}
    METADATA_SOURCES = {"版面": "版面印出", "网页": "网页信息", "电头": "电头", "清单": "导入清单"}

    @property
    def metadata_provenance(self) -> list[tuple[str, str]]:
        """(field, where it was read) for the paper, edition, page name and date: 报纸 ← 导入清单."""
        sources = self.metadata_sources or {}
        return [
            (label, self.METADATA_SOURCES.get(sources[key], sources[key]))
            for key, label in self.METADATA_FIELDS.items()
            if key in sources
        ]


# Article fields that lists of articles never read (see ArticleQuerySet.with_listing_fields).
LISTING_DEFERRED_FIELDS = ("place_evidence", "topic_evidence", "spans", "fingerprint")


class ArticleQuerySet(models.QuerySet):
    def in_place(self, place: County) -> ArticleQuerySet:
        """Articles about ``place``; for a prefecture also those about its counties."""
        if place.is_prefecture:
            return self.filter(models.Q(place=place) | models.Q(place__parent=place))
        return self.filter(place=place)

    def with_listing_fields(self) -> ArticleQuerySet:
        """Articles with what lists show of them (headline, body, date, place and its
        prefecture), without the source page (its raw text is a whole printed page
        per article) or the evidence and span JSON only the article page and the admin read."""
        return self.select_related("place", "place__parent").defer(*LISTING_DEFERRED_FIELDS)

    def for_listing(self) -> ArticleQuerySet:
        """:meth:`with_listing_fields` plus the topics (names and links only)."""
        # A topic's keyword list is long and lists show only its name.
        topics = models.Prefetch("topics", queryset=Topic.objects.only("name", "slug", "order"))
        return self.with_listing_fields().prefetch_related(topics)


class StoryGroup(models.Model):
    """Articles that are printings of one report (湖南日报, a municipal daily, a county site …).

    Kept by :mod:`archive.services.duplicates`; an editor can take an article out.
    """

    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "同一报道的多个版本"
        verbose_name_plural = "同一报道的多个版本"

    def __str__(self) -> str:
        return f"同一报道 {self.pk}"


class Article(models.Model):
    """One article cut out of a source page."""

    class ReviewReason(models.TextChoices):
        NO_TITLE = "no_title", "未找到标题"
        TITLE_AFTER_BODY = "title_after_body", "标题位于正文之后"
        RESUMED = "resumed", "正文被其他文章打断后续接"
        DUPLICATE_REMOVED = "duplicate_removed", "删除了重复印刷的文字"
        PLACE_AMBIGUOUS = "place_ambiguous", "地点不明确"
        PLACE_UNKNOWN = "place_unknown", "未识别出地点"
        NO_BYLINE = "no_byline", "未找到作者"
        DATE_ESTIMATED = "date_estimated", "日期为估计"
        LOW_CONFIDENCE = "low_confidence", "分段把握不大"
        PAGE_CHANGED = "page_changed", "来源版面已更新，编辑修改被保留"
        ORPHANED = "orphaned", "来源版面重新导入后未找到对应文章"
        SHORT = "short", "正文过短"
        BOUNDARY_DOUBT = "boundary_doubt", "文章起止可能有误（模型把握不大）"
        TITLE_DOUBT = "title_doubt", "标题可能是正文句子、栏目或网页附属文字"
        PLACE_CONFLICT = "place_conflict", "标题与正文所指地点不一致"
        CORRECTION_STALE = "correction_stale", "编辑的切分修正在重新导入后无法套用"
        # The review model's reasons: the kind of error its signals point at.
        SUSPECT_BOUNDARY = "suspect_boundary", "审核模型：文章起止可能有误（粘连或被截断）"
        SUSPECT_TITLE = "suspect_title", "审核模型：标题可能有误"
        SUSPECT_BYLINE = "suspect_byline", "审核模型：署名可能有误或遗漏"
        SUSPECT_PLACE = "suspect_place", "审核模型：地点可能有误"

    source_page = models.ForeignKey(
        SourcePage, verbose_name="来源版面", on_delete=models.CASCADE, related_name="articles"
    )
    position = models.PositiveSmallIntegerField("版面内序号", default=0)
    title = models.CharField("标题", max_length=255, blank=True, help_text="版面上印出的标题；没有则留空")
    display_title = models.CharField("显示标题", max_length=255, blank=True)
    title_derived = models.BooleanField("标题由正文首句生成", default=False)
    kicker = models.CharField("引题/栏目", max_length=255, blank=True)
    subtitle = models.CharField("副题", max_length=255, blank=True)
    body = models.TextField("正文", help_text="段落之间空一行")
    captions = models.JSONField("图片说明", default=list, blank=True)
    credit_lines = models.TextField(
        "署名与电头原文",
        blank=True,
        help_text="版面上印的署名、作者行和电头（本报讯（记者 …））原文，每行一条；可检索",
    )
    place = models.ForeignKey(
        County,
        verbose_name="地点",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="文章主要涉及的县级行政区；全市州性质的报道选地级行政区",
    )
    place_evidence = models.JSONField("地点依据", default=dict, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name="主题", blank=True, related_name="articles")
    topic_evidence = models.JSONField("主题依据", default=dict, blank=True)
    reporters = models.ManyToManyField(
        Reporter, through="Byline", verbose_name="作者", blank=True, related_name="articles"
    )
    pub_date = models.DateField("日期", null=True, blank=True, db_index=True)
    date_estimated = models.BooleanField("日期为估计", default=False)
    needs_review = models.BooleanField("待审核", default=False, db_index=True)
    review_reasons = models.JSONField("待审核原因", default=list, blank=True)
    spans = models.JSONField("在版面原文中的位置", default=list, blank=True, help_text="[[start, end], ...]")
    fingerprint = models.CharField("正文指纹", max_length=64, db_index=True, blank=True)
    story_group = models.ForeignKey(
        StoryGroup,
        verbose_name="同一报道",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="与其他报纸或版面印出的同一篇报道归为一组（自动识别）",
    )
    story_group_excluded = models.BooleanField(
        "不与其他文章归为同一报道",
        default=False,
        help_text="编辑确认这篇文章不是其他文章的另一版本；重新识别时它保持单独",
    )
    edited = models.BooleanField(
        "编辑已修改", default=False, help_text="编辑修改过的文章在重新导入时不会被覆盖"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [newest_first(), "source_page_id", "position"]
        verbose_name = "文章"
        verbose_name_plural = "文章"
        indexes = [models.Index(fields=["source_page", "position"])]

    def __str__(self) -> str:
        return self.display_title or self.title or f"文章 {self.pk}"

    def get_absolute_url(self) -> str:
        return numbered_url("archive:article", self.pk)

    @property
    def prefecture(self) -> County | None:
        return self.place.prefecture if self.place else None

    @property
    def county(self) -> County | None:
        return self.place if self.place and not self.place.is_prefecture else None

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]

    def review_reason_labels(self) -> list[str]:
        labels = dict(self.ReviewReason.choices)
        return [labels.get(code, code) for code in self.review_reasons]


class DuplicateBand(models.Model):
    """One LSH band key of an article's body (see archive/ingest/near_duplicates.py):
    a new article is compared only with the articles sharing one of its keys."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="duplicate_bands")
    key = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = "近似重复索引"
        verbose_name_plural = "近似重复索引"

    def __str__(self) -> str:
        return f"{self.article_id}: {self.key}"


class Byline(models.Model):
    """A reporter's credit on one article, with the role printed beside the name."""

    class Role(models.TextChoices):
        REPORTER = "记者", "记者"
        CORRESPONDENT = "通讯员", "通讯员"
        TEXT = "文", "文"
        PHOTO = "图", "图"
        TEXT_AND_PHOTO = "图文", "图文"
        PHOTOGRAPHER = "摄影", "摄影"
        PHOTO_SUPPLIED = "供图", "供图"
        AUTHOR = "作者", "作者"
        UNKNOWN = "", "未标注"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    reporter = models.ForeignKey(
        Reporter, verbose_name="作者", on_delete=models.PROTECT, related_name="bylines"
    )
    role = models.CharField("角色", max_length=8, choices=Role.choices, blank=True, default="")
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "署名"
        verbose_name_plural = "署名"
        constraints = [
            models.UniqueConstraint(fields=["article", "reporter", "role"], name="unique_byline_role"),
        ]

    def __str__(self) -> str:
        return f"{self.role} {self.reporter.name}".strip()


class ArticleRedirect(models.Model):
    """An article merged into another: its old URL keeps working and leads to the absorbing article."""

    old_id = models.PositiveBigIntegerField("原文章编号", unique=True)
    target = models.ForeignKey(
        Article, verbose_name="并入的文章", on_delete=models.CASCADE, related_name="redirects_from"
    )
    created_at = models.DateTimeField("合并时间", auto_now_add=True)

    class Meta:
        verbose_name = "文章重定向"
        verbose_name_plural = "文章重定向"

    def __str__(self) -> str:
        return f"{self.old_id} → {self.target_id}"


class BoundaryCorrection(models.Model):
    """An editor's change to where articles begin and end on a page, kept to replay on re-imports.

    ``anchor`` names the text involved (whitespace-free, so a re-laid-out page still matches),
    never offsets: offsets change when the page file changes.
    """

    class Action(models.TextChoices):
        SPLIT = "split", "拆分"
        MERGE = "merge", "合并"
        MOVE = "move", "移动段落"
        FURNITURE = "furniture", "标为版面附属文字"
        RESTORE = "restore", "恢复为正文"

    class Status(models.TextChoices):
        APPLIED = "applied", "已生效"
        STALE = "stale", "重新导入后无法套用，待核对"

    source_page = models.ForeignKey(
        SourcePage, verbose_name="来源版面", on_delete=models.CASCADE, related_name="corrections"
    )
    action = models.CharField("操作", max_length=12, choices=Action.choices)
    anchor = models.JSONField("涉及的文字", default=dict)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.APPLIED)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="编辑", null=True, blank=True, on_delete=models.SET_NULL
    )
    # The history revision the action saved: undoing it restores the versions before this one.
    revision = models.ForeignKey(
        "reversion.Revision", verbose_name="历史版本", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "切分修正"
        verbose_name_plural = "切分修正"

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.source_page}"
