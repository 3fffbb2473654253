"""Security headers on every kind of page, production settings from the environment, the
Content-Security-Policy and admin login throttling."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from archive.models import Article, County, Reporter, SourcePage, Topic
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db


def page_kinds() -> dict[str, str]:
    article = Article.objects.order_by("pk").first()
    return {
        "home": reverse("archive:home"),
        "places": reverse("archive:places"),
        "place": reverse("archive:place", args=[County.objects.order_by("code").first().code]),
        "topics": reverse("archive:topics"),
        "topic": reverse("archive:topic", args=[Topic.objects.order_by("pk").first().slug]),
        "reporters": reverse("archive:reporters"),
        "reporter": reverse("archive:reporter", args=[Reporter.objects.order_by("pk").first().pk]),
        "article": reverse("archive:article", args=[article.pk]),
        "source pages": reverse("archive:source_pages"),
        "source page": reverse("archive:source_page", args=[SourcePage.objects.order_by("pk").first().pk]),
        "search": reverse("search:search") + "?q=政务服务",
        "api": reverse("search:api") + "?q=政务服务",
        "export": reverse("search:export") + "?q=政务服务",
        "opensearch": reverse("search:opensearch"),
        "feed": reverse("archive:feed"),
        "sitemap": reverse("sitemap"),
        "admin login": reverse("admin:login"),
        "not found": "/no-such-page/",
    }


def csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_every_kind_of_page_carries_the_security_headers(client):
    for kind, url in page_kinds().items():
        response = client.get(url)
        assert response.status_code in (200, 404), kind
        policy = csp(response)
        for directive in ("default-src", "script-src", "style-src"):
            assert policy[directive] == ["'self'"], (kind, directive)
        assert policy["object-src"] == ["'none'"], kind
        assert response["X-Content-Type-Options"] == "nosniff", kind
        assert response["Referrer-Policy"] == "same-origin", kind
        assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN"), kind


def test_admin_pages_carry_the_policy_too(admin_client):
    article = Article.objects.order_by("pk").first()
    for url in (reverse("admin:index"), reverse("admin:archive_article_change", args=[article.pk])):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert csp(response)["script-src"] == ["'self'"]


def test_templates_hold_no_inline_script_or_style():
    """The policy forbids inline code: any left in a template would be blocked in the browser."""
    import re

    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", text):
            offenders.append(path.relative_to(ROOT))
    assert offenders == []


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
plain = Client().get("/opensearch.xml")
secure = Client().get("/opensearch.xml", secure=True)
print(json.dumps({
    "hsts_seconds": settings.SECURE_HSTS_SECONDS,
    "redirect": plain.status_code, "location": plain.get("Location", ""),
    "hsts": secure.get("Strict-Transport-Security", ""),
    "frame": secure.get("X-Frame-Options", ""),
    "session_secure": settings.SESSION_COOKIE_SECURE, "csrf_secure": settings.CSRF_COOKIE_SECURE,
}))
"""


def run_with(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    base = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return subprocess.run(
        [sys.executable, *args], env={**base, **env}, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "ARCHIVE_ENV": "production",
    "SECRET_KEY": "k3J9-very-long-random-production-secret-xQ2v8Lm4Tz7Rw1Np5Hs6Gd0Fc",
    "ALLOWED_HOSTS": "archive.example.org",
}


def test_production_deploy_check_is_clean_with_three_variables():
    run = run_with(PRODUCTION, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout


def test_production_turns_on_https_only_defaults():
    env = {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "config.settings", "ALLOWED_HOSTS": "testserver"}
    seen = json.loads(run_with(env, "-c", PROBE).stdout)
    assert seen["redirect"] == 301 and seen["location"].startswith("https://testserver/")
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["frame"] == "DENY"
    assert seen["session_secure"] and seen["csrf_secure"]


def test_each_production_default_is_tunable():
    env = {
        **PRODUCTION,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_HSTS_SECONDS": "600",
        "SECURE_HSTS_PRELOAD": "0",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "X_FRAME_OPTIONS": "SAMEORIGIN",
    }
    seen = json.loads(run_with(env, "-c", PROBE).stdout)
    assert seen["redirect"] == 200
    assert seen["hsts"] == "max-age=600"
    assert seen["frame"] == "SAMEORIGIN"
    assert not seen["session_secure"] and not seen["csrf_secure"]


def test_development_defaults_stay_plain_http():
    seen = json.loads(run_with({"DJANGO_SETTINGS_MODULE": "config.settings"}, "-c", PROBE).stdout)
    assert seen["redirect"] == 200 and seen["hsts"] == ""


def test_admin_login_is_throttled_with_a_chinese_message(client, settings):
    User.objects.create_superuser("editor", "editor@example.org", "correct horse battery")
    login = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200  # the admin's own "wrong password" form
    response = client.post(login, {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    text = response.content.decode()
    assert "登录已暂时锁定" in text
    assert f"后台登录已暂停 {settings.AXES_COOLOFF_MINUTES} 分钟" in text
    # Locked out: even the right password is refused until the cool-off ends.
    response = client.post(login, {"username": "editor", "password": "correct horse battery"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_logs_in(client, settings):
    User.objects.create_superuser("editor", "editor@example.org", "correct horse battery")
    login = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(login, {"username": "editor", "password": "wrong"})
    response = client.post(login, {"username": "editor", "password": "correct horse battery"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]
