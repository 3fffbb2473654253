"""Pending search-index work, kept in the database so that none of it is lost."""

import re

from django.db import models


class IndexQueue(models.Model):
    """One article whose index entry must be brought up to date.

    Rows are written in the same transaction as the change that caused them and
    removed only after the Whoosh commit that applied them, so a crash or a busy
    write lock at worst repeats the work. Whoever applies a row indexes the
    article as it is in the database at that moment (or removes it if it is gone),
    which makes repeated or out-of-order rows harmless.
    """

    article_id = models.BigIntegerField("文章编号", db_index=True)
    delete = models.BooleanField("删除", default=False)
    created_at = models.DateTimeField("加入时间", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "待索引文章"
        verbose_name_plural = "待索引文章"

    def __str__(self) -> str:
        action = "删除" if self.delete else "更新"
        return f"{action} 文章 {self.article_id}"


# Separators an editor may type between related words.
_WORD_SEPARATORS = re.compile(r"[\s/、，,；;|]+")


class RelatedTerms(models.Model):
    """Words readers use for the same thing (养老 / 老年人 / 助老).

    A query word that is one of them also finds articles printing the others, at a
    lower weight than the word itself, and the page says so (检索理解).
    """

    words = models.CharField(
        "相关词",
        max_length=200,
        unique=True,
        help_text="两个或更多意思相关的词，用空格或“/”分隔，例如：养老/老年人/助老",
    )
    note = models.CharField("说明", max_length=200, blank=True)
    enabled = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["words"]
        verbose_name = "相关词"
        verbose_name_plural = "相关词"

    def __str__(self) -> str:
        return " / ".join(self.word_list())

    def word_list(self) -> list[str]:
        return list(dict.fromkeys(w for w in _WORD_SEPARATORS.split(self.words) if w))
