"""Browse pages and their feeds (RSS and Atom)."""

from django.urls import path, re_path

from archive import feeds, views

app_name = "archive"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("places/", views.PlaceListView.as_view(), name="places"),
    path("places/<str:code>/", views.PlaceDetailView.as_view(), name="place"),
    path("topics/", views.TopicListView.as_view(), name="topics"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    path("reporters/", views.ReporterListView.as_view(), name="reporters"),
    path("reporters/<int:pk>/", views.ReporterDetailView.as_view(), name="reporter"),
    path("articles/", views.ArticleListView.as_view(), name="articles"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="article"),
    re_path(
        r"^articles/(?P<pk>\d+)/cite\.(?P<format>bib|ris)$",
        views.ArticleCitationView.as_view(),
        name="article_citation",
    ),
    path("papers/", views.PaperListView.as_view(), name="papers"),
    path("papers/<str:paper>/", views.PaperDetailView.as_view(), name="paper"),
    path("papers/<str:paper>/<str:date>/", views.IssueView.as_view(), name="issue"),
    path("pages/", views.SourcePageListView.as_view(), name="source_pages"),
    path("pages/<int:pk>/", views.SourcePageDetailView.as_view(), name="source_page"),
    path("feeds/", views.FeedsView.as_view(), name="feeds"),
    path("feeds/latest/", feeds.LatestArticlesFeed(), name="feed"),
    path("feeds/latest/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("feeds/places/<str:code>/", feeds.PlaceFeed(), name="place_feed"),
    path("feeds/places/<str:code>/atom/", feeds.PlaceAtomFeed(), name="place_feed_atom"),
    path("feeds/topics/<slug:slug>/", feeds.TopicFeed(), name="topic_feed"),
    path("feeds/topics/<slug:slug>/atom/", feeds.TopicAtomFeed(), name="topic_feed_atom"),
    path("feeds/reporters/<int:pk>/", feeds.ReporterFeed(), name="reporter_feed"),
    path("feeds/reporters/<int:pk>/atom/", feeds.ReporterAtomFeed(), name="reporter_feed_atom"),
    path("sitemap/", views.SiteMapView.as_view(), name="site_map"),
]
