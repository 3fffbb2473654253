"""Validation of the search's GET parameters, in one place.

Every parameter a search URL may carry is a field here. A value that does not
validate is dropped (the field falls back to its default) instead of failing
the request: any URL, however odd, gets a normal page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django import forms
from django.core.validators import RegexValidator

from archive.models import Reporter, SourcePage, Topic
from search.engine import executor as engine
from search.engine.dates import parse_bound
from search.query.gazetteer import get_gazetteer

# Longer queries are cut here (the page says so; the site's search boxes take no more):
# a query's cost grows with its words. Any URL carrying such a query, or a much longer
# one, fits gunicorn's request line (config/gunicorn.py) and gets the app's page.
MAX_QUERY_CHARS = 200
MAX_FILTER_CHARS = 200
MAX_PAGE = 500

# ASCII digits only: str.isdigit() and \d also accept ² ① ٣, which int() or the index do not.
_ascii_digits = RegexValidator(r"^[0-9]+\Z")


class QueryField(forms.CharField):
    """Free text; control characters become spaces (PostgreSQL cannot even compare a NUL)."""

    def to_python(self, value) -> str:
        return _printable(super().to_python(value))


class SearchForm(forms.Form):
    """``q``, the filters (``prefecture``/``county``: 6-digit division code or a division's name;
    ``topic``: slug or name; ``year``: four digits; ``reporter``: id or exact name; ``paper``:
    a paper's exact name; ``from``/``to``: 2024, 2024-06 or 2024-06-22), ``sort``, ``page``.

    ``from`` and ``to`` are Python keywords: the form calls them ``date_from``/``date_to``
    and :meth:`values` reads them from the request under their URL names.
    """

    q = QueryField(required=False, strip=False)
    prefecture = forms.CharField(required=False, max_length=MAX_FILTER_CHARS)
    county = forms.CharField(required=False, max_length=MAX_FILTER_CHARS)
    topic = forms.CharField(required=False, max_length=MAX_FILTER_CHARS)
    year = forms.CharField(required=False, min_length=4, max_length=4, validators=[_ascii_digits])
    reporter = forms.CharField(required=False, max_length=MAX_FILTER_CHARS)
    paper = forms.CharField(required=False, max_length=MAX_FILTER_CHARS)
    date_from = forms.CharField(required=False, max_length=20)
    date_to = forms.CharField(required=False, max_length=20)
    sort = forms.ChoiceField(required=False, choices=[(s, s) for s in engine.SORTS])
    page = forms.CharField(required=False, max_length=12, validators=[_ascii_digits])

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:MAX_QUERY_CHARS]

    def clean_prefecture(self) -> str:
        return _resolve_place(self.cleaned_data["prefecture"], want_prefecture=True)

    def clean_county(self) -> str:
        return _resolve_place(self.cleaned_data["county"], want_prefecture=False)

    def clean_topic(self) -> str:
        value = self.cleaned_data["topic"]
        if not value:
            return ""
        topics = dict(Topic.objects.values_list("slug", "name"))
        if value in topics:
            return value
        return next((slug for slug, name in topics.items() if name == value), "")

    def clean_reporter(self) -> str:
        value = self.cleaned_data["reporter"]
        if not value:
            return ""
        if _ascii_digits.regex.match(value) and len(value) < 12:
            return value if Reporter.objects.filter(pk=int(value)).exists() else ""
        pk = Reporter.objects.filter(name=value).values_list("pk", flat=True).first()
        return str(pk) if pk else ""

    def clean_paper(self) -> str:
        value = self.cleaned_data["paper"].strip()
        return value if value and SourcePage.objects.filter(paper=value).exists() else ""

    def clean_date_from(self) -> str:
        return parse_bound(self.cleaned_data["date_from"])

    def clean_date_to(self) -> str:
        return parse_bound(self.cleaned_data["date_to"])

    def clean_page(self) -> int:
        value = self.cleaned_data["page"]
        return min(max(int(value), 1), MAX_PAGE) if value else 1

    @classmethod
    def values(cls, data: Mapping[str, str]) -> dict[str, object]:
        """The cleaned value of every field; a field that did not validate gets its default."""
        form = cls(_with_form_names(data))
        form.is_valid()
        defaults: dict[str, object] = {name: "" for name in cls.base_fields}
        defaults.update(sort="relevance", page=1)
        cleaned = {name: form.cleaned_data.get(name) or defaults[name] for name in cls.base_fields}
        typed = form.data.get("q")
        cleaned["q_cut_from"] = len(typed) if isinstance(typed, str) and len(typed) > MAX_QUERY_CHARS else 0
        if cleaned["date_from"] and cleaned["date_to"] and cleaned["date_from"] > cleaned["date_to"]:
            # Typed the wrong way round: the reader meant the period between them.
            cleaned["date_from"], cleaned["date_to"] = cleaned["date_to"], cleaned["date_from"]
        return cleaned


# GET names that are Python keywords, by form field.
URL_NAMES = {"date_from": "from", "date_to": "to"}


def _with_form_names(data: Mapping[str, str]) -> dict[str, str]:
    """The request's values (the last of a repeated one, as Django's forms read them) under the
    form's field names."""
    out = {}
    for name in SearchForm.base_fields:
        key = URL_NAMES.get(name, name)
        if key in data:
            value = data.getlist(key)[-1] if hasattr(data, "getlist") else data[key]
            out[name] = value
    return out


def _printable(text: str) -> str:
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text)


def _resolve_place(value: str, *, want_prefecture: bool) -> str:
    value = value.strip()
    if not value:
        return ""
    gaz = get_gazetteer()
    if re.fullmatch(r"[0-9]{6}", value):
        place = gaz.places.get(value)
    else:
        matches = [p for p in gaz.lookup(value) if p.is_prefecture == want_prefecture]
        place = matches[0] if matches else None
    if place is None or place.is_prefecture != want_prefecture:
        return ""
    return place.code
