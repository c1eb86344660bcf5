"""Map → PNG through headless Chromium, for slides and print (folium has no image export: #1850).

The picture is taken of the self-contained offline page with every request that is not
``data:`` or ``about:`` aborted, so it never depends on the network and is the same each time.
The title panel (headline, traveller, source) and the credit line are part of the map; they are
kept visible, and what is only for a mouse (zoom buttons, the layer switcher) is hidden.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tourmap.errors import InputError, TourmapError, brief

if TYPE_CHECKING:
    from playwright.sync_api import Page

MIN_SIDE, MAX_SIDE = 300, 4000  # smaller cannot hold the title panel; larger is no slide or print
DEFAULT_SIZE = "1200x800"
TIMEOUT_MS = 30_000
# names a Chromium goes by on PATH (Debian: chromium; others: chromium-browser, google-chrome)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_SIZE = re.compile(r"(\d{1,6})[xX×](\d{1,6})")

# for a still picture: no zoom buttons or layer switcher; the title stays even with a popup open
_PRINT_CSS = """
.leaflet-control-zoom, .leaflet-control-layers, .leaflet-popup-close-button { display: none !important; }
.tm-title { visibility: visible !important; }
"""


class ChromiumError(TourmapError, RuntimeError):
    """No headless Chromium to take the picture with, or it failed to draw the map."""


@dataclass(frozen=True, slots=True)
class Size:
    width: int
    height: int


def parse_size(text: str) -> Size:
    """``'1200x800'`` → Size; a typo or a size no screen or slide has is refused with the value."""
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise InputError(f"--size must be WIDTHxHEIGHT in pixels, e.g. {DEFAULT_SIZE}; got {brief(text)}")
    size = Size(int(match[1]), int(match[2]))
    if not all(MIN_SIDE <= side <= MAX_SIDE for side in (size.width, size.height)):
        raise InputError(
            f"--size {size.width}x{size.height}: each side must be {MIN_SIDE} to {MAX_SIDE} pixels"
        )
    return size


def find_chromium(given: str | None = None) -> str:
    """The Chromium to use: ``given`` (``--chromium``), else the first of the usual names on PATH."""
    if given is not None:
        path = Path(given)
        if not path.is_file():
            raise ChromiumError(f"--chromium {given!r}: no such file; give the path of a Chromium")
        return str(path)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ChromiumError(
        "no Chromium found on PATH for --png (apt-get install chromium); or give one with --chromium PATH"
    )


def prepare(page: Page, html: str, stop: int | None = None) -> list[str]:
    """Load ``html`` into ``page`` ready for the picture; the URLs it tried to reach (all refused).

    Waits for the stop markers and for the labels to be placed; with ``stop``, opens that stop's
    popup and, if it covers the title panel, moves the map until it no longer does.
    """
    from tourmap._chromium import guard_requests

    page.set_default_timeout(TIMEOUT_MS)
    blocked = guard_requests(page, ("data:", "about:"))
    page.set_content(html, wait_until="load")
    page.add_style_tag(content=_PRINT_CSS)
    page.locator(".leaflet-marker-icon .tm-stop").first.wait_for()
    page.wait_for_timeout(300)  # the labels are decluttered after the first frame
    page.evaluate(_LIFT_SCALE_JS)
    if stop is not None:
        marker = page.locator(".leaflet-marker-icon .tm-stop").filter(has_text=re.compile(rf"^\s*{stop}\s*$"))
        marker.first.click(force=True)  # a label may lie over it; the click is for Leaflet, not a person
        page.locator(".leaflet-popup-content").wait_for()
        page.wait_for_timeout(400)  # the popup fades in and the map pans to show it
        page.evaluate(_CLEAR_TITLE_JS)
        page.wait_for_timeout(100)
    return blocked


# credits that wrap to two lines reach under the scale bar: the scale stands on them instead
_LIFT_SCALE_JS = """() => {
  const corner = document.querySelector('.leaflet-bottom.leaflet-left');
  const credits = document.querySelector('.leaflet-control-attribution');
  if (!corner || !credits) return;
  const c = corner.getBoundingClientRect(), a = credits.getBoundingClientRect();
  if (a.left < c.right && a.top < c.bottom) corner.style.bottom = credits.offsetHeight + 'px';
}"""


# the title panel hides when a popup opens (a reader can close it); a picture keeps both
_CLEAR_TITLE_JS = """() => {
  const map = window[document.querySelector('.folium-map').id];
  const title = document.querySelector('.tm-title');
  const popup = document.querySelector('.leaflet-popup');
  if (!title || !popup) return;
  const t = title.getBoundingClientRect(), p = popup.getBoundingClientRect();
  const apart = t.right <= p.left || p.right <= t.left || t.bottom <= p.top || p.bottom <= t.top;
  if (!apart) map.panBy([0, -(t.bottom - p.top + 8)], {animate: false});
}"""


def map_png(html: str, *, size: Size, stop: int | None = None, chromium: str) -> bytes:
    """A PNG of exactly ``size`` pixels of the offline page ``html``, taken with no network.

    Playwright's sync API refuses a thread that already runs an event loop (Streamlit's, or
    another Playwright's), so the picture is taken in a thread of its own.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tourmap-png") as pool:
        return pool.submit(_shoot, html, size, stop, chromium).result()


def _shoot(html: str, size: Size, stop: int | None, chromium: str) -> bytes:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from tourmap._chromium import launch

    try:
        with sync_playwright() as pw:
            try:
                browser = launch(pw, chromium)
            except PlaywrightError as err:
                first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
                raise ChromiumError(f"cannot start Chromium {chromium!r}: {first[:200]}") from err
            try:
                page = browser.new_page(
                    viewport={"width": size.width, "height": size.height}, device_scale_factor=1
                )
                prepare(page, html, stop)
                png: bytes = page.screenshot(type="png")
            finally:
                browser.close()
    except PlaywrightError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ChromiumError(f"Chromium could not draw the map: {first[:200]}") from err
    return png
