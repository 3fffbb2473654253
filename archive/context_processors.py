"""Template context shared by every page."""

from django.http import HttpRequest

SITE_NAME = "湖南县域政务报道库"


def site(request: HttpRequest) -> dict:
    return {"SITE_NAME": SITE_NAME}
