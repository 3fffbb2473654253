"""The community baseline: haystack's stock Whoosh backend with jieba's ChineseAnalyzer.

This is the setup most Chinese haystack tutorials recommend: one document
field analysed by ``jieba.analyse.ChineseAnalyzer``, facet fields beside it,
stock ``WhooshEngine`` with its default options, ``rebuild_index`` to build it
and ``SearchQuerySet().filter(content=q)[:20]`` plus ``highlight()`` to query it,
or, for a search page, haystack's ``FacetedSearchView`` (:class:`CommunitySearchView`).
The benchmark measures it beside our own path on the same corpus.
"""

from __future__ import annotations

from django.core.management import call_command
from django.test import RequestFactory
from haystack import connections, indexes
from haystack.generic_views import FacetedSearchView
from haystack.query import SearchQuerySet
from jieba.analyse import ChineseAnalyzer

from archive.models import Article

CONNECTION = "community"


class CommunityArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, analyzer=ChineseAnalyzer())
    prefecture = indexes.CharField(null=True, faceted=True)
    county = indexes.CharField(null=True, faceted=True)
    topics = indexes.MultiValueField(faceted=True)
    year = indexes.CharField(null=True, faceted=True)
    pub_date = indexes.DateField(model_attr="pub_date", null=True)

    # The benchmark may index only the first articles (by pk) to bound the run time.
    max_pk: int | None = None

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        # As the tutorials write it. No prefetch_related: with haystack's default batch of
        # 1,000 objects the prefetch query exceeds SQLite's expression depth limit.
        qs = Article.objects.select_related("place", "place__parent")
        return qs.filter(pk__lte=self.max_pk) if self.max_pk is not None else qs

    def prepare_text(self, obj: Article) -> str:
        parts = [obj.kicker, obj.title or obj.display_title, obj.subtitle, obj.body, *obj.captions]
        parts += [b.reporter.name for b in obj.bylines.all()]
        if obj.place:
            parts += [obj.place.name, obj.prefecture.name]
        return "\n".join(p for p in parts if p)

    def prepare_prefecture(self, obj: Article) -> str | None:
        return obj.prefecture.code if obj.place else None

    def prepare_county(self, obj: Article) -> str | None:
        return obj.place.code if obj.place and not obj.place.is_prefecture else None

    def prepare_topics(self, obj: Article) -> list[str]:
        return [t.slug for t in obj.topics.all()]

    def prepare_year(self, obj: Article) -> str | None:
        return str(obj.pub_date.year) if obj.pub_date else None


def register(max_pk: int | None = None) -> None:
    """Put the community index (alone) on the ``community`` connection."""
    index = CommunityArticleIndex()
    index.max_pk = max_pk
    connections[CONNECTION].get_unified_index().build(indexes=[index])


def rebuild() -> None:
    """What the tutorials run: ``manage.py rebuild_index`` on the stock backend."""
    call_command("rebuild_index", using=[CONNECTION], interactive=False, verbosity=0)


def search(q: str, filters: dict[str, str] | None = None, limit: int = 20) -> list[dict]:
    """``SearchQuerySet().filter(content=q)[:20]`` with highlighting, plus filters as narrow()."""
    sqs = SearchQuerySet(using=CONNECTION).filter(content=q).highlight()
    for field, value in (filters or {}).items():
        sqs = sqs.narrow(f'{field}:"{value}"')
    hits = []
    for result in sqs[:limit]:
        hits.append({"pk": result.pk, "highlighted": result.highlighted})
    return hits


class CommunitySearchView(FacetedSearchView):
    """The community setup's search page: haystack's ``FacetedSearchView`` as its
    documentation wires it (``auto_query`` on the document field, ``load_all``,
    facet counts, 20 per page), with Whoosh's highlighting and the template
    ``bench/community_search.html``."""

    facet_fields = ["prefecture", "county", "topics", "year"]
    paginate_by = 20
    template_name = "bench/community_search.html"

    def get_queryset(self):
        if self.queryset is None:
            self.queryset = SearchQuerySet(using=CONNECTION).highlight()
        return super().get_queryset()


_requests = RequestFactory()
_page_view = CommunitySearchView.as_view()


def search_page(q: str, filters: dict[str, str] | None = None) -> bytes:
    """The rendered community search page for ``q``; filters as the page's facet links give them."""
    selected = [f"{field}:{value}" for field, value in (filters or {}).items()]
    response = _page_view(_requests.get("/search/", {"q": q, "selected_facets": selected}))
    response.render()
    if response.status_code != 200:
        raise RuntimeError(f"community search page {q!r} → HTTP {response.status_code}")
    return response.content
