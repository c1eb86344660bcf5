"""Headless Debian Chromium through Playwright, for browser tests and screenshots.

Never ``playwright install``: the browser is the system's /usr/bin/chromium. The flags keep
Chromium from phoning home, which this machine's closed network would refuse noisily.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright, Route

CHROMIUM = os.environ.get("TOURMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(pw: Playwright, executable: str | None = None) -> Browser:
    """Start headless Chromium: ``executable`` if given, else ``TOURMAP_CHROMIUM`` or /usr/bin/chromium."""
    return pw.chromium.launch(executable_path=executable or CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def guard_requests(page: Page, allowed: tuple[str, ...]) -> list[str]:
    """Abort every request whose URL does not start with one of ``allowed``; return the list they go to.

    Tests assert the list stays empty: a map or dashboard that works offline asks nothing outside.
    """
    blocked: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    return blocked
