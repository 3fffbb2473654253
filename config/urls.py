"""URL routes: the archive's browse pages, the search pages, the sitemap, the admin."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from archive.sitemaps import SITEMAPS

admin.site.site_header = "湖南县域政务报道库 · 编辑后台"
admin.site.site_title = "报道库后台"
admin.site.index_title = "内容管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("search.urls")),
    path("", include("archive.urls")),
]
