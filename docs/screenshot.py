"""Take the README screenshot (docs/screenshot.png) of a running archive.

    make run                      # in one terminal: the archive on 127.0.0.1:8000
    .venv/bin/python docs/screenshot.py [URL]

Uses Debian's Chromium through Playwright; CJK text needs a CJK font (fonts-noto-cjk).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

DEFAULT_URL = "http://127.0.0.1:8000/search/?q=政务服务"
OUT = Path(__file__).resolve().parent / "screenshot.png"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main(url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860}, device_scale_factor=1)
        page.goto(url, wait_until="networkidle")
        page.screenshot(path=str(OUT))
        browser.close()
    print(f"saved {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_URL)
