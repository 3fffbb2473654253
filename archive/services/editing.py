"""What saving an article in the admin means beyond storing the form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from django.db.models import Model
from django.utils import timezone

from archive.ingest.review import REVIEW_REASONS
from archive.models import Article, SourcePage
from archive.services.articles import derive_title

R = Article.ReviewReason
# Fields an editor's form shows, in the order a conflict message lists them.
CONFLICT_FIELDS = (
    "title",
    "display_title",
    "kicker",
    "subtitle",
    "place",
    "pub_date",
    "body",
    "captions",
    "needs_review",
)


def version_token(article: Article) -> str:
    """What the edit form carries to tell whether the article changed since it was opened."""
    # Milliseconds: the precision the history (Django's JSON serializer) keeps of a datetime.
    return article.updated_at.isoformat(timespec="milliseconds") if article.updated_at else ""


def apply_editor_changes(
    article: Article,
    *,
    changed_fields: Collection[str] | None,
    before: Mapping[str, object] | None = None,
) -> None:
    """Mark ``article`` as editor-corrected and keep its derived fields consistent with the edit.

    ``changed_fields`` are the form's changed field names (None for a new article);
    ``before`` the stored values the form was opened with (title and display title).
    Re-imports never overwrite an edited article; unticking 待审核 clears the
    review reasons the editor has now dealt with.
    """
    changed = set(changed_fields or ())
    before = before or {}
    article.edited = True
    reasons = list(article.review_reasons or [])

    if "title" in changed and article.title.strip():
        old_display = (before.get("display_title") or "").strip()
        # The display title follows the title unless an editor set it to something else on purpose.
        following = old_display in ("", (before.get("title") or "").strip()) or before.get("title_derived")
        if "display_title" not in changed and following:
            article.display_title = article.title.strip()
        article.title_derived = False
        reasons = [r for r in reasons if r != R.NO_TITLE]
    if not article.display_title.strip():
        article.display_title = article.title.strip() or derive_title(article.body)
        article.title_derived = not article.title.strip()

    if "pub_date" in changed and "date_estimated" not in changed:
        # A date the editor typed is a checked date, not an estimate.
        article.date_estimated = False
    if not article.date_estimated:
        reasons = [r for r in reasons if r != R.DATE_ESTIMATED]

    if "place" in changed and article.place_id:
        reasons = [r for r in reasons if r not in (R.PLACE_AMBIGUOUS, R.PLACE_UNKNOWN)]

    if "needs_review" in changed and not article.needs_review:
        reasons = [r for r in reasons if r not in REVIEW_REASONS]  # information stays
    article.review_reasons = reasons


def apply_page_date(page: SourcePage) -> list[int]:
    """Give the page's (editor-entered) date to its articles whose date was only estimated.

    Returns the ids of the articles changed; their index entries are queued.
    """
    from search.index.indexing import enqueue

    if page.pub_date is None:
        return []
    changed = []
    for article in page.articles.filter(date_estimated=True):
        article.pub_date = page.pub_date
        article.date_estimated = False
        article.review_reasons = [r for r in article.review_reasons if r != R.DATE_ESTIMATED]
        article.save(update_fields=["pub_date", "date_estimated", "review_reasons", "updated_at"])
        changed.append(article.pk)
    enqueue(changed)
    return changed


def describe_conflict(article: Article, token: str) -> list[str] | None:
    """What changed in ``article`` since an edit form carrying ``token`` was opened; None if nothing.

    The lines (Chinese, for the editor) name who saved in between and each field's
    old and new value, taken from the article's history when it has the opened version.
    """
    from reversion.models import Version

    current = version_token(article)
    if not token or token == current:
        return None
    versions = list(Version.objects.get_for_object(article).select_related("revision__user"))
    opened = next((v for v in versions if _token_of(v.field_dict.get("updated_at")) == token), None)
    lines: list[str] = []
    newer = [v for v in versions if opened is None or v.revision.date_created > opened.revision.date_created]
    who = sorted({str(v.revision.user) for v in newer if v.revision.user is not None})
    when = timezone.localtime(article.updated_at).strftime("%Y-%m-%d %H:%M:%S")
    lines.append(f"{'、'.join(who) or '其他编辑或重新导入'}于 {when} 保存了这篇文章。")
    if opened is None:
        lines.append("打开表单时的版本没有保存在历史中；下面是当前保存的内容，请与你的修改核对。")
        for name in CONFLICT_FIELDS:
            lines.append(f"{_label(name)}：现为「{_shown(getattr(article, name))}」")
        return lines
    old = opened.field_dict
    for name in CONFLICT_FIELDS:
        before_value = old.get("place_id") if name == "place" else old.get(name)
        now_value = article.place_id if name == "place" else getattr(article, name)
        if before_value != now_value:
            if name == "place":
                before_value = _place_name(before_value)
                now_value = article.place
            lines.append(f"{_label(name)}：「{_shown(before_value)}」→「{_shown(now_value)}」")
    if len(lines) == 1:
        lines.append("（表单中的字段没有变化，可能是署名、主题或切分被修改。）")
    return lines


def _token_of(value: object) -> str:
    return value.isoformat(timespec="milliseconds") if isinstance(value, dt.datetime) else ""


def _label(name: str) -> str:
    return str(Article._meta.get_field(name).verbose_name)


def _place_name(pk: object) -> str:
    from archive.models import County

    return County.objects.filter(pk=pk).values_list("name", flat=True).first() or "" if pk else ""


def _shown(value: object) -> str:
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        value = "；".join(str(v) for v in value)
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:59] + "…"
