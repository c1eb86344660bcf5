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


def stand_in_tile() -> bytes:
    """A 256 px PNG map tile, a checker of two greens (#9cc98f, #b6d9a8), for tests and
    screenshots without a network (answered through Playwright routing)."""
    import struct
    import zlib

    light, dark = b"\xb6\xd9\xa8", b"\x9c\xc9\x8f"
    rows = b"".join(
        b"\x00" + b"".join(dark if (x // 32 + y // 32) % 2 else light for x in range(256)) for y in range(256)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
