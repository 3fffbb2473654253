"""Search as the site and the API use it: parameters in, a page of results out.

Views stay thin: they turn a request's GET parameters into
:class:`SearchParams`, call :func:`search` and render the :class:`SearchPage`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from urllib.parse import urlencode

from archive.models import Article, Reporter, Topic
from search.engine import compiler
from search.engine import executor as engine
from search.engine.dates import DateRange, TimelineBar, bound_label, histogram, timeline_bars
from search.engine.related import related_hits
from search.query.gazetteer import Correction, Place, get_gazetteer
from search.query.lexicon import Lexicon, load_lexicon
from search.query.parser import ParsedQuery, parse_query
from search.text.folding import normalize

from .forms import MAX_QUERY_CHARS, URL_NAMES, SearchForm
from .results import ResultItem, highlight_terms, load_items

PER_PAGE = 20
# Fewer complete matches than this (on the first page) and the page also lists up
# to PARTIAL_SHOWN articles that match only some of the words.
PARTIAL_BELOW = 5
PARTIAL_SHOWN = 10
FACET_LIMITS = {"prefecture": 14, "county": 20, "topics": 9, "year": 15, "reporters": 15, "paper": 12}
SORT_LABELS = {"relevance": "相关度", "newest": "最新", "oldest": "最早"}
FILTER_LABELS = {
    "prefecture": "市州",
    "county": "县市区",
    "topic": "主题",
    "year": "年份",
    "reporter": "作者",
    "paper": "报纸",
    "date_from": "起始日期",
    "date_to": "截止日期",
}
FACET_TITLES = {
    "prefecture": "市州",
    "county": "县市区",
    "topics": "主题",
    "year": "年份",
    "reporters": "作者",
    "paper": "报纸",
}
FACET_TO_PARAM = {
    "prefecture": "prefecture",
    "county": "county",
    "topics": "topic",
    "year": "year",
    "reporters": "reporter",
    "paper": "paper",
}


# --- Parameters -------------------------------------------------------------------


@dataclass(frozen=True)
class SearchParams:
    """Validated search parameters; unknown or malformed values are dropped, never an error.

    Filters: ``prefecture``/``county`` are 6-digit division codes, ``topic`` a topic
    slug, ``year`` four digits, ``reporter`` a reporter id (names are resolved by the form),
    ``paper`` a paper's name, ``date_from``/``date_to`` (URL ``from``/``to``) a year, month or day.
    """

    q: str = ""
    prefecture: str = ""
    county: str = ""
    topic: str = ""
    year: str = ""
    reporter: str = ""
    paper: str = ""
    date_from: str = ""
    date_to: str = ""
    sort: str = "relevance"
    page: int = 1

    q_cut_from: int = 0  # the typed query's length when it was longer than MAX_QUERY_CHARS

    @classmethod
    def from_mapping(cls, data: Mapping[str, str]) -> SearchParams:
        """Parameters from a request's GET data, validated by :class:`search.forms.SearchForm`."""
        return cls(**SearchForm.values(data))

    def filters(self) -> engine.Filters:
        return engine.Filters(
            self.prefecture,
            self.county,
            self.topic,
            self.year,
            self.reporter,
            paper=self.paper,
            date_from=self.date_from,
            date_to=self.date_to,
        )

    def query_string(self, **changes) -> str:
        """Stable, shareable URL parameters (defaults omitted, fixed order).

        A results page builds some ninety of these (facets, histogram bars, pages): each
        parameter is encoded once per search and only the changed ones again.
        """
        unknown = set(changes) - {attr for _, attr in _URL_FIELDS}
        if unknown:
            raise TypeError(f"not a search parameter: {', '.join(sorted(unknown))}")
        encoded = _encoded_parameters(self)
        parts = [
            _encode(key, attr, changes[attr]) if attr in changes else encoded[attr]
            for key, attr in _URL_FIELDS
        ]
        return "?" + "&".join(p for p in parts if p)


# (URL parameter, SearchParams attribute), in the order URLs print them.
_URL_FIELDS = tuple(
    (URL_NAMES.get(attr, attr), attr)
    for attr in (
        "q",
        "prefecture",
        "county",
        "topic",
        "year",
        "reporter",
        "paper",
        "date_from",
        "date_to",
        "sort",
        "page",
    )
)


def _encode(key: str, attr: str, value: object) -> str:
    if attr == "sort" and value == "relevance" or attr == "page" and value == 1:
        return ""  # the defaults are left out
    text = str(value) if value else ""
    return urlencode([(key, text)]) if text else ""


@lru_cache(maxsize=64)
def _encoded_parameters(params: SearchParams) -> dict[str, str]:
    return {attr: _encode(key, attr, getattr(params, attr)) for key, attr in _URL_FIELDS}


def _topics() -> dict[str, str]:
    return dict(Topic.objects.values_list("slug", "name"))


# --- Results ------------------------------------------------------------------------


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class ActiveFilter:
    name: str
    label: str
    value_label: str
    remove_url: str


@dataclass
class Suggestion:
    label: str
    reason: str
    url: str
    query: str


def timeline(params: SearchParams, months: list[tuple[int, int]]) -> list[TimelineBar]:
    # from/to replace the year filter: a month of a filtered year stays inside it anyway.
    return timeline_bars(
        histogram(months, params.year, DateRange(params.date_from, params.date_to)),
        lambda start, end: params.query_string(date_from=start, date_to=end, year="", page=1),
    )


@dataclass
class SearchPage:
    params: SearchParams
    parsed: ParsedQuery
    understanding: list[compiler.TermNote]
    total: int
    items: list[ResultItem]
    facets: dict[str, list[FacetOption]]
    active_filters: list[ActiveFilter]
    suggestions: list[Suggestion] = field(default_factory=list)
    corrected_from: str = ""
    corrected_to: str = ""
    unmatched: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    per_page: int = PER_PAGE
    # Shown after the complete matches when those are few: articles with some of the words.
    partial_total: int = 0
    partial_items: list[ResultItem] = field(default_factory=list)
    # Results over time (search.engine.dates.histogram), each bar a from/to link.
    timeline: list[TimelineBar] = field(default_factory=list)

    @property
    def page(self) -> int:
        return self.params.page

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def end_index(self) -> int:
        return min(self.total, self.page * self.per_page)

    def page_url(self, number: int) -> str:
        return self.params.query_string(page=number)

    def page_links(self) -> list[tuple[int | None, str]]:
        """Page numbers around the current one (None marks a gap)."""
        shown = sorted(
            {1, self.num_pages, *range(max(1, self.page - 2), min(self.num_pages, self.page + 2) + 1)}
        )
        links: list[tuple[int | None, str]] = []
        previous = 0
        for number in shown:
            if number - previous > 1:
                links.append((None, ""))
            links.append((number, self.page_url(number)))
            previous = number
        return links

    def sort_links(self) -> list[tuple[str, str, bool]]:
        return [
            (label, self.params.query_string(sort=key, page=1), key == self.params.sort)
            for key, label in SORT_LABELS.items()
        ]

    @property
    def max_query_chars(self) -> int:
        return MAX_QUERY_CHARS

    @property
    def is_empty_query(self) -> bool:
        return self.parsed.is_empty

    @property
    def previous_url(self) -> str:
        return self.page_url(self.page - 1)

    @property
    def next_url(self) -> str:
        return self.page_url(self.page + 1)

    @property
    def clear_filters_url(self) -> str:
        return self.params.query_string(
            prefecture="",
            county="",
            topic="",
            year="",
            reporter="",
            paper="",
            date_from="",
            date_to="",
            page=1,
        )

    @property
    def export_url(self) -> str:
        return self.params.query_string(page=1)

    @property
    def hidden_inputs(self) -> list[tuple[str, str]]:
        """Filters and sort kept when the query is changed in the page's own form."""
        names = [f.name for f in self.active_filters]
        pairs = [(URL_NAMES.get(name, name), getattr(self.params, name)) for name in names]
        if self.params.sort != "relevance":
            pairs.append(("sort", self.params.sort))
        return pairs

    @property
    def facet_groups(self) -> list[tuple[str, str, list[FacetOption]]]:
        return [(name, FACET_TITLES[name], self.facets.get(name, [])) for name in FACET_TITLES]

    @property
    def timeline_width(self) -> int:
        return len(self.timeline)

    @property
    def timeline_by_month(self) -> bool:
        return bool(self.timeline) and len(self.timeline[0].bar.start) > 4


def _facet_labels(name: str, values: list[str]) -> dict[str, str]:
    if name in ("prefecture", "county"):
        places = get_gazetteer().places
        return {v: places[v].name if v in places else v for v in values}
    if name == "topics":
        return _topics()
    if name == "reporters":
        ids = [int(v) for v in values if v.isdigit()]
        return {str(pk): n for pk, n in Reporter.objects.filter(pk__in=ids).values_list("pk", "name")}
    if name == "paper":
        return {v: v for v in values}
    return {v: f"{v} 年" for v in values}


def build_facets(params: SearchParams, raw: dict[str, list[tuple[str, int]]]) -> dict[str, list[FacetOption]]:
    facets: dict[str, list[FacetOption]] = {}
    for name, values in raw.items():
        param = FACET_TO_PARAM[name]
        selected = getattr(params, param)
        if name == "year":
            values = sorted(values, key=lambda item: item[0], reverse=True)
        shown = values[: FACET_LIMITS[name]]
        if selected and selected not in {v for v, _ in shown}:
            shown += [item for item in values if item[0] == selected]
        labels = _facet_labels(name, [v for v, _ in shown])
        facets[name] = [
            FacetOption(
                value=value,
                label=labels.get(value, value),
                count=count,
                selected=value == selected,
                url=params.query_string(**{param: "" if value == selected else value, "page": 1}),
            )
            for value, count in shown
        ]
    return facets


def active_filters(params: SearchParams) -> list[ActiveFilter]:
    out = []
    labels = {}
    for param in FILTER_LABELS:
        value = getattr(params, param)
        if not value:
            continue
        if param in ("prefecture", "county"):
            place = get_gazetteer().places.get(value)
            labels[param] = place.name if place else value
        elif param == "topic":
            labels[param] = _topics().get(value, value)
        elif param == "reporter":
            labels[param] = (
                Reporter.objects.filter(pk=int(value)).values_list("name", flat=True).first() or value
            )
        elif param in ("date_from", "date_to"):
            labels[param] = bound_label(value)
        elif param == "paper":
            labels[param] = value
        else:
            labels[param] = f"{value} 年"
        out.append(
            ActiveFilter(
                param, FILTER_LABELS[param], labels[param], params.query_string(**{param: "", "page": 1})
            )
        )
    return out


def _suggestion_for_place(params: SearchParams, place: Place, reason: str) -> Suggestion:
    return Suggestion(place.name, reason, params.query_string(q=place.name, page=1), place.name)


def _suggestions(params: SearchParams, parsed: ParsedQuery) -> tuple[list[Suggestion], list[Correction]]:
    suggestions: list[Suggestion] = []
    for place in compiler.pinyin_places(parsed)[:3]:
        suggestions.append(_suggestion_for_place(params, place, "拼音"))
    corrections = engine.corrections_for(parsed)
    for correction in corrections:
        corrected = params.q.replace(correction.typed, correction.name)
        if corrected == params.q:
            corrected = correction.name
        suggestions.append(
            Suggestion(corrected, correction.reason, params.query_string(q=corrected, page=1), corrected)
        )
    return suggestions, corrections


def _unmatched_words(notes: list[compiler.TermNote]) -> list[str]:
    missing = []
    for note in notes:
        for word in note.words:
            if word.places:
                continue
            if not engine.has_match(compiler.substring_query(normalize(word.word))):
                missing.append(word.word)
    return list(dict.fromkeys(missing))


def _compile(parsed: ParsedQuery, lexicon: Lexicon) -> compiler.CompiledQuery:
    return compiler.compile_query(parsed, topics=lexicon.topics, related=lexicon.related)


NOTHING_SEARCHABLE = "检索词中没有可检索的文字：标点和符号不参与检索，请输入汉字、字母或数字。"


def nothing_searchable(q: str, parsed: ParsedQuery) -> bool:
    """Something was typed, but no word of it can be searched (``((((``, ``？！``).

    Listing every article then would read as "everything matched".
    """
    return bool(q.strip()) and parsed.is_empty and not parsed.excluded


def search(
    params: SearchParams,
    *,
    per_page: int = PER_PAGE,
    with_items: bool = True,
    past_end_shows_last: bool = True,
) -> SearchPage:
    """Run a search the way the page shows it (also the API and CSV export).

    A page past the last one shows the last page (a shared link to a page that no
    longer exists); with ``past_end_shows_last=False`` (the API) it is empty.
    """
    parsed = parse_query(params.q)
    if nothing_searchable(params.q, parsed):
        return SearchPage(
            params=params,
            parsed=parsed,
            understanding=[],
            total=0,
            items=[],
            facets={},
            active_filters=active_filters(params),
            notes=[NOTHING_SEARCHABLE],
            per_page=per_page,
        )
    lexicon = load_lexicon()
    compiled = None if parsed.is_empty else _compile(parsed, lexicon)
    offset = (params.page - 1) * per_page
    raw = engine.execute(compiled, params.filters(), params.sort, offset=offset, limit=per_page)
    if past_end_shows_last and raw.total and offset >= raw.total:
        params = replace(params, page=max(1, math.ceil(raw.total / per_page)))
        offset = (params.page - 1) * per_page
        raw = engine.execute(compiled, params.filters(), params.sort, offset=offset, limit=per_page)

    suggestions: list[Suggestion] = []
    corrected_from = corrected_to = ""
    unmatched: list[str] = []
    notes = list(parsed.notes)
    understanding = compiled.notes if compiled else []
    if not parsed.is_empty and raw.total < 3:
        suggestions, _ = _suggestions(params, parsed)
        if raw.total == 0 and suggestions:
            # Nothing found, but we know what was probably meant: show that instead.
            best = suggestions[0]
            retry_parsed = parse_query(best.query)
            retry = _compile(retry_parsed, lexicon)
            retry_raw = engine.execute(retry, params.filters(), params.sort, offset=offset, limit=per_page)
            if retry_raw.total:
                corrected_from, corrected_to = params.q, best.query
                parsed, compiled, raw = retry_parsed, retry, retry_raw
                understanding = retry.notes
        if raw.total == 0:
            unmatched = _unmatched_words(understanding)
    if params.q_cut_from:
        notes.append(f"检索词过长（{params.q_cut_from} 字），只检索了前 {MAX_QUERY_CHARS} 字")
    if parsed.excluded and parsed.is_empty:
        notes.append("只输入了排除词，已显示全部文章")
    terms = highlight_terms(understanding)
    items = load_items(raw.hits, terms, understanding) if with_items else []
    partial = compiled.partial() if compiled and params.page == 1 and raw.total < PARTIAL_BELOW else None
    partial_raw = None
    if partial is not None:
        partial_raw = engine.execute(
            partial, params.filters(), params.sort, limit=PARTIAL_SHOWN, facets=False
        )
    partial_items = load_items(partial_raw.hits, terms, understanding) if partial_raw and with_items else []
    return SearchPage(
        params=params,
        parsed=parsed,
        understanding=understanding,
        total=raw.total,
        items=items,
        facets=build_facets(params, raw.facets),
        active_filters=active_filters(params),
        suggestions=suggestions,
        corrected_from=corrected_from,
        corrected_to=corrected_to,
        unmatched=unmatched,
        notes=notes,
        per_page=per_page,
        partial_total=partial_raw.total if partial_raw else 0,
        partial_items=partial_items,
        timeline=timeline(params, raw.months),
    )


def export_hits(params: SearchParams, limit: int = 5000) -> list[tuple[Article, float]]:
    """Every result of a search (up to ``limit``), best first, for the CSV export."""
    parsed = parse_query(params.q)
    if nothing_searchable(params.q, parsed):
        return []
    compiled = None if parsed.is_empty else _compile(parsed, load_lexicon())
    raw = engine.execute(compiled, params.filters(), params.sort, offset=0, limit=limit, facets=False)
    articles = (
        Article.objects.for_listing()
        .prefetch_related("bylines__reporter")
        .in_bulk([h.article_id for h in raw.hits])
    )
    return [(articles[h.article_id], h.score) for h in raw.hits if h.article_id in articles]


# --- Related articles -----------------------------------------------------------------


def related_articles(article: Article, limit: int = 5) -> list[Article]:
    """Articles sharing the most distinctive words of this one's headline and lead, its place, its topics."""
    hits, _ = related_hits(article, limit)
    ids = [hit.article_id for hit in hits]
    found = Article.objects.for_listing().in_bulk(ids)
    return [found[i] for i in ids if i in found]
