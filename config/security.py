"""The admin's lock-out page (django-axes calls :func:`locked_out`, see AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def locked_out(request: HttpRequest, response: HttpResponse | None, credentials: dict | None) -> HttpResponse:
    """A page in the admin's layout saying, in Chinese, why logging in is refused and for how long."""
    context = {
        **admin.site.each_context(request),
        "title": "登录已暂时锁定",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": settings.AXES_COOLOFF_MINUTES,
    }
    return TemplateResponse(request, "registration/locked_out.html", context, status=429).render()
