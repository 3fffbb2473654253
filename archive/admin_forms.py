"""The article edit form: captions as a list, and a version that refuses stale saves."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html, format_html_join

from archive.models import Article
from archive.services.editing import describe_conflict, version_token


class CaptionListField(forms.CharField):
    """A list of captions edited as lines of text: one caption per line, empty lines dropped."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value) -> list[str]:
        if isinstance(value, list):
            return [str(v).strip() for v in value if str(v).strip()]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def has_changed(self, initial, data) -> bool:
        return self.to_python(initial or []) != self.to_python(data)


class ArticleAdminForm(forms.ModelForm):
    captions = CaptionListField(label="图片说明", required=False, help_text="每行一条图片说明")
    version = forms.CharField(widget=forms.HiddenInput, required=False, label="")

    class Meta:
        model = Article
        fields = [
            "needs_review",
            "kicker",
            "title",
            "subtitle",
            "display_title",
            "title_derived",
            "place",
            "topics",
            "pub_date",
            "date_estimated",
            "body",
            "captions",
            "story_group_excluded",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = version_token(self.instance)

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk:
            # The instance is the stored article as it is now; the token says what the editor saw.
            conflict = describe_conflict(self.instance, self.data.get(self.add_prefix("version"), ""))
            if conflict:
                raise forms.ValidationError(
                    format_html(
                        "你打开这个表单之后，文章已被修改，你的保存没有生效，以免覆盖别人的修改。"
                        "请重新打开文章，在最新内容上再改：<ul>{}</ul>",
                        format_html_join("", "<li>{}</li>", ((line,) for line in conflict)),
                    ),
                    code="stale",
                )
        return cleaned
