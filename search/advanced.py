"""The advanced search form: boxes for each kind of condition, turned into the ordinary
query syntax (:mod:`search.query.parser`) plus filter parameters, so the reader lands on the
normal results page and sees the query that does the same thing."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms

from search.engine.dates import parse_bound

from .forms import QueryField

_SPACES = str.maketrans({"\u3000": " "})


def _words(value: str) -> list[str]:
    return [w.replace('"', "") for w in value.translate(_SPACES).split() if w.replace('"', "")]


def _value(value: str) -> str:
    """A field's value, quoted when it holds a space (标题:"一件事 一次办")."""
    value = value.replace('"', "").strip()
    return f'"{value}"' if " " in value.translate(_SPACES) else value


def build_query(
    *,
    all_words: str = "",
    phrase: str = "",
    any_words: str = "",
    none_words: str = "",
    title: str = "",
    author: str = "",
    place: str = "",
    paper: str = "",
) -> str:
    """The query string the boxes mean, in the search box's syntax."""
    parts: list[str] = list(_words(all_words))
    if phrase.replace('"', "").strip():
        parts.append(f'"{phrase.replace(chr(34), "").strip()}"')
    alternatives = _words(any_words)
    if alternatives:
        parts.append(" OR ".join(alternatives))
    for prefix, value in (("标题", title), ("作者", author), ("地点", place), ("来源", paper)):
        if value.replace('"', "").strip():
            parts.append(f"{prefix}:{_value(value)}")
    parts.extend("-" + w for w in _words(none_words))
    return " ".join(parts)


class AdvancedSearchForm(forms.Form):
    all_words = QueryField(label="包含全部词语", required=False, max_length=200)
    phrase = QueryField(label="包含完整短语", required=False, max_length=200)
    any_words = QueryField(label="包含任一词语", required=False, max_length=200)
    none_words = QueryField(label="不包含词语", required=False, max_length=200)
    title = QueryField(label="标题包含", required=False, max_length=100)
    author = QueryField(label="作者", required=False, max_length=100)
    place = QueryField(label="地点（县市区或市州）", required=False, max_length=100)
    paper = QueryField(label="来源报纸", required=False, max_length=100)
    date_from = forms.CharField(label="起始日期", required=False, max_length=20)
    date_to = forms.CharField(label="截止日期", required=False, max_length=20)

    TEXT_FIELDS = ("all_words", "phrase", "any_words", "none_words", "title", "author", "place", "paper")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hints = {
            "all_words": "如：涟源 乡村振兴",
            "phrase": "如：一件事一次办",
            "any_words": "如：养老 助餐",
            "title": "如：一次办",
            "place": "如：新晃",
            "paper": "如：湖南日报",
            "date_from": "如：2024 或 2024-06",
            "date_to": "如：2024-12-31",
        }
        for name, hint in hints.items():
            self.fields[name].widget.attrs["placeholder"] = hint

    def search_parameters(self) -> str:
        """The results page's URL parameters (``?q=…&from=…``); "" when nothing was filled in."""
        data = self.cleaned_data
        q = build_query(**{name: data.get(name) or "" for name in self.TEXT_FIELDS})
        start, end = parse_bound(data.get("date_from")), parse_bound(data.get("date_to"))
        pairs = [(k, v) for k, v in (("q", q), ("from", start), ("to", end)) if v]
        return "?" + urlencode(pairs) if pairs else ""
