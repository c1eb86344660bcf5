"""Dashboard timings in headless Chromium, first visit after the server starts (TOURMAP_OFFLINE=1).

Prints: page open → 5 markers visible; click on stop 1 → its quotes shown; each page switch →
its content shown. Targets: 3 s, 1 s, 1 s. With --screenshots DIR, saves a PNG of every page.
Run: .venv/bin/python benchmarks/bench_dashboard.py [--screenshots out/shots]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tourmap._chromium import launch
from tourmap._devserver import streamlit_server

PAGES = {
    "Quotes": "16 of 16 quotes",
    "Itinerary": "Total distance",
    "Article": "Tillerson flew out Friday evening",
    "Your own tour": "Upload a tour file",
    "Map": "Stop: Mexico City",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--screenshots", type=Path, help="folder for one PNG per page")
    args = ap.parse_args()
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    with streamlit_server(offline=True) as url, sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
        markers = frame.locator(".leaflet-marker-icon .tm-stop")
        start = time.perf_counter()
        page.goto(url)
        markers.first.wait_for(timeout=60_000)
        print(f"first visit: 5 markers visible after {time.perf_counter() - start:.2f} s (target 3 s)")
        if args.screenshots:
            page.wait_for_timeout(500)
            page.screenshot(path=str(args.screenshots / "map.png"))
        start = time.perf_counter()
        markers.first.click()
        page.get_by_text("Stop: Mexico City").wait_for()
        print(f"click on stop 1: quotes shown after {time.perf_counter() - start:.2f} s (target 1 s)")
        if args.screenshots:
            page.wait_for_timeout(500)
            page.screenshot(path=str(args.screenshots / "map-selected.png"))
        for title, text in PAGES.items():
            start = time.perf_counter()
            page.get_by_role("link", name=title).first.click()
            page.get_by_text(text).first.wait_for()
            print(f"switch to {title}: {time.perf_counter() - start:.2f} s (target 1 s)")
            if args.screenshots:
                page.wait_for_timeout(800)
                name = title.lower().replace(" ", "-")
                page.screenshot(path=str(args.screenshots / f"{name}.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
