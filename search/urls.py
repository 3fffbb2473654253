from django.urls import path

from . import feeds, views

app_name = "search"

urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    path("search/advanced", views.AdvancedSearchView.as_view(), name="advanced"),
    path("search/export.csv", views.SearchExportView.as_view(), name="export"),
    path("api/search", views.SearchApiView.as_view(), name="api"),
    path("feeds/search/", feeds.SearchFeed(), name="feed"),
    path("feeds/search/atom/", feeds.SearchAtomFeed(), name="feed_atom"),
    path("opensearch.xml", views.OpenSearchView.as_view(), name="opensearch"),
]
