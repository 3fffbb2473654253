"""Pending search-index work, kept in the database so that none of it is lost."""

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
