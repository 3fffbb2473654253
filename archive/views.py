"""Browse pages: thin class-based views over archive.services.browse."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from archive.models import Article, Byline, County, Reporter, SourcePage, Topic
from archive.services import browse, maps

ARTICLES_PER_PAGE = 20


class HomeView(TemplateView):
    template_name = "archive/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        prefectures = browse.prefectures_with_counties()
        context.update(
            totals=browse.site_totals(),
            latest_articles=browse.latest_articles(12),
            prefectures=prefectures,
            topics=browse.topics_with_counts(),
        )
        return context


class PlaceListView(TemplateView):
    template_name = "archive/place_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        prefectures = browse.prefectures_with_counties()
        context["prefectures"] = prefectures
        context["map"] = maps.county_map(
            [county for prefecture in prefectures for county in prefecture.counties],
            [prefecture.code for prefecture in prefectures],
        )
        context["top_areas"] = sorted(context["map"].areas, key=lambda a: (-a.count, a.code))[:10]
        return context


class ObjectArticlesView(SingleObjectMixin, ListView):
    """A single object (place, topic, reporter) and a paginated list of its articles."""

    paginate_by = ARTICLES_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=self.get_object_queryset())
        return super().get(request, *args, **kwargs)

    def get_object_queryset(self) -> QuerySet:
        return self.model._default_manager.all()

    def get_context_object_name(self, obj):
        # ListView would otherwise name the article list after the object's model.
        if isinstance(obj, QuerySet | list):
            return "articles"
        return super().get_context_object_name(obj)


class PlaceDetailView(ObjectArticlesView):
    model = County
    context_object_name = "place"
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "archive/place_detail.html"

    def get_object_queryset(self) -> QuerySet:
        return County.objects.select_related("parent")

    def get_queryset(self) -> QuerySet[Article]:
        return Article.objects.in_place(self.object).for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        place = self.object
        if place.is_prefecture:
            counties = list(browse.counties_of(place))
            context["counties"] = counties
            context["map"] = maps.county_map(counties, [place.code])
        else:
            context["siblings"] = browse.counties_of(place.parent) if place.parent else []
        return context


class TopicListView(ListView):
    template_name = "archive/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self) -> QuerySet[Topic]:
        return browse.topics_with_counts()


class TopicDetailView(ObjectArticlesView):
    model = Topic
    template_name = "archive/topic_detail.html"

    def get_queryset(self) -> QuerySet[Article]:
        return self.object.articles.for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["keywords"] = sorted(self.object.keyword_weights().items(), key=lambda kv: (-kv[1], kv[0]))
        return context


class ReporterListView(ListView):
    template_name = "archive/reporter_list.html"
    context_object_name = "reporters"
    paginate_by = 200

    def get_queryset(self) -> QuerySet[Reporter]:
        return browse.reporters_with_counts()


class ReporterDetailView(ObjectArticlesView):
    model = Reporter
    template_name = "archive/reporter_detail.html"

    def get_queryset(self) -> QuerySet[Byline]:
        return (
            self.object.bylines.select_related(
                "article", "article__place", "article__place__parent", "article__source_page"
            )
            .prefetch_related("article__topics")
            .order_by("-article__pub_date", "-article__pk", "order")
        )

    def get_context_object_name(self, obj):
        if isinstance(obj, QuerySet | list):
            return "bylines"
        return super().get_context_object_name(obj)


class ArticleDetailView(DetailView):
    template_name = "archive/article_detail.html"
    context_object_name = "article"

    def get_queryset(self) -> QuerySet[Article]:
        return Article.objects.select_related("place", "place__parent", "source_page").prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("reporter")), "topics"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        evidence = article.topic_evidence or {}
        context.update(
            topics=[(topic, evidence.get(topic.name) or {}) for topic in article.topics.all()],
            page_articles=article.source_page.articles.exclude(pk=article.pk).order_by("position"),
            related_articles=browse.related_articles(article, limit=5),
        )
        return context


class SourcePageListView(ListView):
    template_name = "archive/source_page_list.html"
    context_object_name = "source_pages"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[SourcePage]:
        return browse.source_pages_with_counts()


class SourcePageDetailView(DetailView):
    model = SourcePage
    template_name = "archive/source_page_detail.html"
    context_object_name = "source_page"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(self.object.articles.select_related("place").order_by("position"))
        context.update(articles=articles, pieces=browse.page_pieces(self.object, articles))
        return context
