"""Browse pages: thin class-based views over archive.services.browse."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from archive.feeds import FEED_SIZE, FeedLinks, feed_examples, feed_links
from archive.models import Article, ArticleRedirect, Byline, County, Reporter, SourcePage, Topic, newest_first
from archive.services import browse, citations, duplicates, maps, papers, timeline

ARTICLES_PER_PAGE = 20


def month_url(path: str) -> Callable[[dt.date], str]:
    """Links to ``path`` narrowed to one month (``?month=2024-06``)."""
    return lambda month: f"{path}?month={timeline.month_key(month)}"


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
            chart=timeline.month_chart(
                timeline.month_counts(Article.objects.all()), month_url(reverse("archive:articles"))
            ),
        )
        return context


class MonthFilterMixin:
    """A listing narrowed by ``?month=YYYY-MM`` (ignored when malformed), with its month chart."""

    def dispatch(self, request, *args, **kwargs):
        self.month = timeline.parse_month(request.GET.get("month"))
        return super().dispatch(request, *args, **kwargs)

    def chart_articles(self) -> QuerySet[Article]:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            month=self.month,
            month_label=timeline.month_label(self.month) if self.month else "",
            chart=timeline.month_chart(
                timeline.month_counts(self.chart_articles()), month_url(self.request.path), self.month
            ),
        )
        return context


class ArticleListView(MonthFilterMixin, ListView):
    """Every article, latest first: the home page's 更多 and its chart's months."""

    template_name = "archive/article_list.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self) -> QuerySet[Article]:
        articles = Article.objects.for_listing().order_by("-pub_date", "-created_at", "-pk")
        return timeline.in_month(articles, self.month)

    def chart_articles(self) -> QuerySet[Article]:
        return Article.objects.all()


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


class ObjectArticlesView(MonthFilterMixin, SingleObjectMixin, ListView):
    """A single object (place, topic, reporter), its month chart and a paginated list of its articles."""

    paginate_by = ARTICLES_PER_PAGE

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=self.get_object_queryset())
        return super().get(request, *args, **kwargs)

    def get_object_queryset(self) -> QuerySet:
        return self.model._default_manager.all()

    def feed(self) -> FeedLinks:
        """The object's feeds (RSS, Atom), announced in the page's head and offered as 订阅."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feed"] = self.feed()
        return context

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

    def get(self, request, *args, **kwargs):
        # A division code is six digits; anything else (a NUL byte, which PostgreSQL cannot
        # even compare) is no place, answered before the database is asked.
        if not re.fullmatch(r"[0-9]{6}", kwargs["code"]):
            raise Http404("没有这个地区")
        return super().get(request, *args, **kwargs)

    def feed(self) -> FeedLinks:
        return feed_links(f"{self.object.name} · 新文章", "archive:place_feed", [self.object.code])

    def chart_articles(self) -> QuerySet[Article]:
        place = self.object
        if place.is_prefecture:
            # The same articles as in_place(), by place id: the index, not a join with County.
            ids = [place.pk, *place.children.values_list("pk", flat=True)]
            return Article.objects.filter(place_id__in=ids)
        return Article.objects.in_place(place)

    def get_queryset(self) -> QuerySet[Article]:
        return timeline.in_month(Article.objects.in_place(self.object).for_listing(), self.month)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        place = self.object
        if place.is_prefecture:
            counties = browse.counties_of(place)
            context["counties"] = counties
            context["map"] = maps.county_map(counties, [place.code])
        elif place.parent:
            siblings = browse.counties_of(place.parent)
            context["siblings"] = siblings
            context["map"] = maps.county_map(siblings, [place.parent.code], current=place.code)
        return context


class TopicListView(ListView):
    template_name = "archive/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self) -> list[Topic]:
        return browse.topics_with_counts()


class TopicDetailView(ObjectArticlesView):
    model = Topic
    template_name = "archive/topic_detail.html"

    def feed(self) -> FeedLinks:
        return feed_links(f"主题：{self.object.name} · 新文章", "archive:topic_feed", [self.object.slug])

    def chart_articles(self) -> QuerySet[Article]:
        return self.object.articles.all()

    def get_queryset(self) -> QuerySet[Article]:
        return timeline.in_month(self.object.articles.for_listing(), self.month)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["keywords"] = sorted(self.object.keyword_weights().items(), key=lambda kv: (-kv[1], kv[0]))
        return context


class ReporterListView(ListView):
    """Reporters by pinyin: an index of initial letters, one letter's reporters at a time."""

    template_name = "archive/reporter_list.html"
    context_object_name = "reporters"
    paginate_by = 300

    def get(self, request, *args, **kwargs):
        self.initials = browse.reporter_initials()
        letters = [letter for letter, _ in self.initials]
        wanted = request.GET.get("letter", "").upper()
        self.letter = wanted if wanted in letters else (letters[0] if letters else "")
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> list[Reporter]:
        return browse.reporters_with_initial(self.letter) if self.letter else []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(initials=self.initials, letter=self.letter)
        return context


class ReporterDetailView(ObjectArticlesView):
    model = Reporter
    template_name = "archive/reporter_detail.html"

    def feed(self) -> FeedLinks:
        return feed_links(f"作者：{self.object.name} · 新文章", "archive:reporter_feed", [self.object.pk])

    def chart_articles(self) -> QuerySet[Article]:
        return Article.objects.filter(pk__in=self.object.bylines.values("article_id"))

    def get_queryset(self) -> QuerySet[Article]:
        # One entry per article (a reporter credited twice on one report, as 记者 and 摄影, is
        # one article with two roles), so the list, its count and the month chart agree.
        roles = Prefetch(
            "bylines", queryset=Byline.objects.filter(reporter=self.object), to_attr="reporter_bylines"
        )
        articles = self.chart_articles().for_listing().prefetch_related(roles)
        return timeline.in_month(articles, self.month).order_by(newest_first("pub_date"), "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(roles=browse.reporter_roles(self.object), coauthors=browse.coauthors(self.object))
        return context


class ArticleDetailView(DetailView):
    template_name = "archive/article_detail.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An article an editor merged into another lives on at the absorbing article.
            moved = ArticleRedirect.objects.filter(old_id=kwargs["pk"]).first()
            if moved is None:
                raise
            return redirect(moved.target, permanent=True)

    def get_queryset(self) -> QuerySet[Article]:
        return Article.objects.select_related("place", "place__parent", "source_page").prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("reporter")), "topics"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        permalink = self.request.build_absolute_uri(article.get_absolute_url())
        found = duplicates.other_printings([article]).get(article.pk)
        printings = found.shown if found else []
        printed_elsewhere = {p.article_id for p in printings}
        context.update(
            permalink=permalink,
            citation=citations.gbt7714(citations.source_for(article, permalink)),
            topics=list(article.topics.all()),  # names only: scores and evidence are for editors
            page_articles=article.source_page.articles.exclude(pk=article.pk).order_by("position"),
            # The other printings have their own list; as "related" they would say the same twice.
            related_articles=[
                a for a in browse.related_articles(article, limit=5) if a.pk not in printed_elsewhere
            ],
            other_printings=printings,
        )
        return context


class SiteMapView(TemplateView):
    """The site map for people (sitemap.xml is for search engines)."""

    template_name = "archive/site_map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            prefectures=browse.prefectures_with_counties(),
            topics=browse.topics_with_counts(),
            papers=papers.papers(),
        )
        return context


class FeedsView(TemplateView):
    """What the feeds are and what they carry, for a person who clicked 订阅."""

    template_name = "archive/feeds.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            feed_url=self.request.build_absolute_uri(reverse("archive:feed")),
            atom_url=self.request.build_absolute_uri(reverse("archive:feed_atom")),
            examples=[
                (
                    example,
                    self.request.build_absolute_uri(example.links.rss),
                    self.request.build_absolute_uri(example.links.atom),
                )
                for example in feed_examples()
            ],
            feed_size=FEED_SIZE,
            latest_articles=browse.latest_articles(FEED_SIZE),
        )
        return context


class ArticleCitationView(ArticleDetailView):
    """The article's citation as a BibTeX or RIS file to download."""

    FORMATS = {
        "bib": (citations.bibtex, "application/x-bibtex"),
        "ris": (citations.ris, "application/x-research-info-systems"),
    }

    def render_to_response(self, context, **response_kwargs):
        extension = self.kwargs["format"]
        write, content_type = self.FORMATS[extension]
        article = self.object
        source = citations.source_for(article, self.request.build_absolute_uri(article.get_absolute_url()))
        response = HttpResponse(write(source), content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="article-{article.pk}.{extension}"'
        return response

    def get_context_data(self, **kwargs):
        # A download needs none of the article page's context (related articles cost a search).
        return {}


class SourcePageListView(ListView):
    template_name = "archive/source_page_list.html"
    context_object_name = "source_pages"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[SourcePage]:
        return browse.source_pages_with_counts()


class PaperListView(TemplateView):
    template_name = "archive/paper_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["papers"] = papers.papers()
        return context


class PaperDetailView(TemplateView):
    """A paper's calendar of dates, and its pages that carry no date."""

    template_name = "archive/paper_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paper = papers.paper_from_slug(self.kwargs["paper"])
        if paper is None or not papers.pages_of(paper).exists():
            raise Http404("没有这份报纸的版面")
        context.update(
            paper=paper,
            paper_name=papers.paper_name(paper),
            months=papers.paper_calendar(paper),
            weekdays=papers.WEEKDAYS,
            undated=papers.with_articles(papers.issue_pages(paper, None)),
        )
        return context


class IssueView(TemplateView):
    """One date of one paper: its pages in edition order, each with its articles in printed order."""

    template_name = "archive/issue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paper = papers.paper_from_slug(self.kwargs["paper"])
        if paper is None:
            raise Http404("没有这份报纸的版面")
        try:
            date = dt.date.fromisoformat(self.kwargs["date"])
        except ValueError:
            raise Http404("日期格式应为 YYYY-MM-DD") from None
        pages = papers.issue_pages(paper, date)
        if not pages:
            raise Http404("这一天没有这份报纸的版面")
        context.update(
            paper=paper,
            paper_slug=papers.paper_slug(paper),
            paper_name=papers.paper_name(paper),
            date=date,
            pages=papers.with_articles(pages),
        )
        return context


class SourcePageDetailView(DetailView):
    model = SourcePage
    template_name = "archive/source_page_detail.html"
    context_object_name = "source_page"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = list(self.object.articles.select_related("place").order_by("position"))
        context.update(
            articles=articles,
            pieces=browse.page_pieces(self.object, articles),
            page_title=papers.page_title(self.object),
            paper_slug=papers.paper_slug(self.object.paper),
            paper_name=papers.paper_name(self.object.paper),
            neighbours=papers.neighbours(self.object),
        )
        return context
