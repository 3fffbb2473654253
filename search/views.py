"""Search page, JSON API, CSV export and the OpenSearch description (thin views)."""

from __future__ import annotations

import csv
import re

from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.views import View
from django.views.generic import TemplateView

from . import services
from .advanced import AdvancedSearchForm
from .feeds import search_feed_links
from .results import ResultItem

_EXPORT_UNSAFE = re.compile(r"^[=+\-@\t\r]")


class SearchView(TemplateView):
    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = services.SearchParams.from_mapping(self.request.GET)
        context["result"] = services.search(params)
        context["feed"] = search_feed_links(context["result"])
        return context


class AdvancedSearchView(TemplateView):
    """``GET /search/advanced``: the form; submitted, it sends the reader to the results page
    with the query it built in the search box."""

    template_name = "search/advanced.html"

    def get(self, request, *args, **kwargs):
        form = AdvancedSearchForm(request.GET or None)
        if form.is_bound and form.is_valid():
            parameters = form.search_parameters()
            if parameters:
                return HttpResponseRedirect(reverse("search:search") + parameters)
        return self.render_to_response(self.get_context_data(form=form))


def _hit_json(request, item: ResultItem) -> dict:
    article = item.article
    place = item.place
    prefecture = item.prefecture
    return {
        "id": article.pk,
        "url": request.build_absolute_uri(item.url),
        "title": str(article),
        "place": {"code": place.code, "name": place.name} if place else None,
        "prefecture": {"code": prefecture.code, "name": prefecture.name} if prefecture else None,
        "topics": [{"slug": t.slug, "name": t.name} for t in item.topics],
        "date": article.pub_date.isoformat() if article.pub_date else None,
        "date_estimated": article.date_estimated,
        "reporters": [{"id": c.reporter_id, "name": c.name, "role": c.role} for c in item.credits],
        "snippets": [str(s) for s in item.snippets],
        "matched_by": item.matched_by,
        # The same report printed elsewhere (另见于); on the search page these fold into one result.
        "also_in": [
            {
                "id": p.article_id,
                "url": request.build_absolute_uri(p.url),
                "title": p.title,
                "source": p.label,
            }
            for p in item.also_in
        ],
        "also_in_total": item.also_in_total,
        "folded": item.folded,
        "score": round(item.score, 4),
    }


class SearchApiView(View):
    """``GET /api/search``: the search page's results as JSON."""

    def get(self, request, *args, **kwargs):
        params = services.SearchParams.from_mapping(request.GET)
        # Past the last page: an empty list with the true total, so a client paging until empty stops.
        page = services.search(params, past_end_shows_last=False)
        data = {
            "query": params.q,
            "understood": [
                {
                    "text": note.raw,
                    "normalized": note.normalized,
                    "phrase": note.phrase,
                    "field": note.field,
                    "field_label": note.field_label,
                    "words": [w.word for w in note.words],
                    "places": [p.name for w in note.words for p in w.places],
                    "topics": [t.name for t in note.topics],
                    "related": note.related,
                }
                for note in page.understanding
            ],
            "filters": page.params.filters().active(),
            "sort": page.params.sort,
            "page": page.page,
            "num_pages": page.num_pages,
            "per_page": page.per_page,
            "total": page.total,
            "results": [_hit_json(request, item) for item in page.items],
            # Few complete matches: the best articles with only some of the words.
            "partial": {
                "total": page.partial_total,
                "results": [_hit_json(request, item) for item in page.partial_items],
            },
            "facets": {
                name: [{"value": o.value, "label": o.label, "count": o.count} for o in options]
                for name, options in page.facets.items()
            },
            # Results over time, as the page's histogram: each period with its from/to values.
            "timeline": [
                {"label": t.bar.label, "count": t.bar.count, "from": t.bar.start, "to": t.bar.end}
                for t in page.timeline
            ],
            "suggestions": [{"text": s.label, "reason": s.reason} for s in page.suggestions],
            "corrected_to": page.corrected_to or None,
            "unmatched": page.unmatched,
            "notes": page.notes,
        }
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _cell(value: str) -> str:
    # Spreadsheet programs run cells starting with = + - @ as formulas.
    return "'" + value if _EXPORT_UNSAFE.match(value) else value


class SearchExportView(View):
    """``GET /search/export.csv``: every result of the search (up to 5,000) as CSV."""

    def get(self, request, *args, **kwargs):
        params = services.SearchParams.from_mapping(request.GET)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="search-results.csv"'
        response.write("\ufeff")  # Excel needs the BOM to read UTF-8
        writer = csv.writer(response)
        writer.writerow(["编号", "标题", "日期", "地点", "市州", "主题", "作者", "链接", "得分"])
        for article, score in services.export_hits(params):
            writer.writerow(
                [
                    article.pk,
                    _cell(strip_tags(str(article))),
                    article.pub_date.isoformat() if article.pub_date else "",
                    article.place.name if article.place else "",
                    article.prefecture.name if article.prefecture else "",
                    "、".join(t.name for t in article.topics.all()),
                    "、".join(_cell(b.reporter.name) for b in article.bylines.all()),
                    request.build_absolute_uri(article.get_absolute_url()),
                    f"{score:.4f}",
                ]
            )
        return response


class OpenSearchView(TemplateView):
    template_name = "search/opensearch.xml"
    content_type = "application/opensearchdescription+xml; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["search_url"] = self.request.build_absolute_uri(reverse("search:search"))
        context["api_url"] = self.request.build_absolute_uri(reverse("search:api"))
        return context
