"""URL routes: the archive's browse pages, the search pages, the admin."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "湖南县域政务报道库 · 编辑后台"
admin.site.site_title = "报道库后台"
admin.site.index_title = "内容管理"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("search.urls")),
    path("", include("archive.urls")),
]
