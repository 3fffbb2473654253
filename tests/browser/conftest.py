"""The browser fixture shared by the Playwright tests: Debian's Chromium against the live server."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser_page(live_server, django_db_serialized_rollback, monkeypatch):
    """A Chromium page; the seeded data is restored for the live server (serialized rollback)."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # between browser steps are ordinary synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        # Chromium reports every Content-Security-Policy violation on the console: an inline
        # script or style the policy blocked is a broken page, and fails the test.
        violations: list[str] = []
        page.on(
            "console",
            lambda message: (
                violations.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        page.csp_violations = violations
        try:
            yield page
        finally:
            context.close()
            browser.close()
        assert violations == [], violations
