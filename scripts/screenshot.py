"""Screenshot an exported map in headless Debian Chromium, optionally with a popup open.

Usage: screenshot.py MAP.html OUT.png [--click-stop N] [--width 1280 --height 800] [--stand-in-tiles]
Every request that is not file: or data: is aborted and reported, as in the browser tests;
with --stand-in-tiles, tile requests are answered with a plain green-grey checker PNG instead,
to see what the map draws over tiles without a network.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

from tourmap._chromium import guard_requests, launch, stand_in_tile


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("html", type=Path)
    ap.add_argument("png", type=Path)
    ap.add_argument("--click-stop", type=int, default=0, help="open the popup of stop N (1-based)")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=800)
    ap.add_argument("--stand-in-tiles", action="store_true", help="answer tile requests with a stand-in PNG")
    args = ap.parse_args()
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        blocked = guard_requests(page, ("file:", "data:"))
        if args.stand_in_tiles:
            tile = stand_in_tile()

            def answer(route: Route) -> None:
                route.fulfill(status=200, content_type="image/png", body=tile)

            page.route("https://tile.openstreetmap.org/**", answer)
        page.goto(args.html.resolve().as_uri())
        page.locator(".leaflet-marker-icon .tm-stop").first.wait_for()
        if args.click_stop:
            page.locator(".leaflet-marker-icon .tm-stop").nth(args.click_stop - 1).click()
            page.locator(".leaflet-popup-content").wait_for()
        page.wait_for_timeout(400)
        page.screenshot(path=str(args.png))
        browser.close()
    print(f"wrote {args.png}; requests blocked: {len(blocked)}")
    for url in blocked:
        print("  blocked", url)


if __name__ == "__main__":
    main()
