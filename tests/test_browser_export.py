"""The offline map in real headless Chromium: no request leaves the file, popups show the quotes."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tourmap._chromium import CHROMIUM, guard_requests
from tourmap.export import map_html
from tourmap.pipeline import BuiltTour, make_map
from tourmap.settings import Settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: apt-get install chromium"),
]


@pytest.fixture
def offline_page(tmp_path: Path, built: BuiltTour, settings: Settings) -> Path:
    path = tmp_path / "map.html"
    path.write_text(map_html(make_map(built, settings), offline=True), encoding="utf-8")
    return path


def _open(browser: Browser, url: str) -> tuple[Page, list[str], list[str]]:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    blocked = guard_requests(page, ("file:", "data:"))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    return page, blocked, errors


def test_offline_map_makes_no_request_and_opens_quote_popups(browser: Browser, offline_page: Path) -> None:
    page, blocked, errors = _open(browser, offline_page.as_uri())
    markers = page.locator(".leaflet-marker-icon .tm-stop")
    markers.first.wait_for()
    assert markers.count() == 5
    assert [t.strip() for t in markers.all_inner_texts()] == ["1", "2", "3", "4", "5"]
    assert page.locator("path.leaflet-interactive").count() >= 4 + 1  # legs and the border
    markers.first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Mexico City" in text and "Rex Tillerson" in text
    assert "We’ve created … a different approach" in text
    # the basemap polygons are drawn (no tiles offline)
    assert page.locator(".leaflet-overlay-pane path").count() > 50
    assert page.locator(".leaflet-tile").count() == 0
    assert "GeoNames" in page.locator(".leaflet-control-attribution").inner_text()
    assert errors == []
    assert blocked == []
    page.close()


def test_border_popup_states_its_length(browser: Browser, offline_page: Path, built: BuiltTour) -> None:
    page, blocked, errors = _open(browser, offline_page.as_uri())
    page.locator(".leaflet-marker-icon .tm-stop").first.wait_for()
    line = built.layers.border("us-mx")
    assert line is not None
    # click on the drawn line itself, at one of its vertices projected to the screen
    x, y = page.evaluate(
        """() => {
          const map = window[document.querySelector('.folium-map').id];
          let pt = null;
          map.eachLayer(l => {
            if (!pt && l.options && l.options.className === 'tm-border' && l.getLatLngs) {
              const ll = l.getLatLngs().flat(3);
              pt = map.latLngToContainerPoint(ll[Math.floor(ll.length / 2)]);
            }
          });
          const box = map.getContainer().getBoundingClientRect();
          return [box.left + pt.x, box.top + pt.y];
        }"""
    )
    page.mouse.click(x, y)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert f"{line.km:,.0f} km" in popup.inner_text()
    assert "painful" in popup.inner_text()
    assert blocked == [] and errors == []
    page.close()


def test_labels_of_close_stops_do_not_overlap(browser: Browser, tmp_path: Path, settings: Settings) -> None:
    from tourmap.geometry import build_layers
    from tourmap.tourfile import parse_tour

    tour = parse_tour(
        "title: Northern Iraq\nstops:\n"
        "  - {id: erbil, name: Erbil, lat: 36.19, lon: 44.01}\n"
        "  - {id: mosul, name: Mosul, lat: 36.34, lon: 43.13}\n"
        "  - {id: qaraqosh, name: Qaraqosh, lat: 36.27, lon: 43.38}\n"
        "  - {id: baghdad, name: Baghdad, lat: 33.34, lon: 44.40}\n"
    )
    path = tmp_path / "iraq.html"
    built = BuiltTour(tour, build_layers(tour, settings.geo_dir))
    path.write_text(map_html(make_map(built, settings), offline=True), encoding="utf-8")
    page, blocked, errors = _open(browser, path.as_uri())
    page.locator(".leaflet-marker-icon .tm-stop").first.wait_for()
    page.wait_for_timeout(300)
    overlaps = page.evaluate(
        """() => {
          const boxes = [...document.querySelectorAll('.tm-label, .tm-stop')]
            .filter(e => getComputedStyle(e).visibility !== 'hidden')
            .map(e => e.getBoundingClientRect());
          let n = 0;
          for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i], b = boxes[j];
            const apart = a.right - 1 <= b.left || b.right - 1 <= a.left
              || a.bottom - 1 <= b.top || b.bottom - 1 <= a.top;
            if (!apart) n++;
          }
          return n;
        }"""
    )
    assert overlaps == 0
    assert page.locator(".tm-label").filter(has_text="Baghdad").is_visible()
    assert blocked == [] and errors == []
    page.close()


def test_hostile_strings_stay_literal_and_isolated(
    browser: Browser, tmp_path: Path, settings: Settings
) -> None:
    """Issue 7.3 and 7.9: no string becomes markup or a request; NUL is gone; RLO stays in its string."""
    from tourmap.geometry import build_layers
    from tourmap.tourfile import parse_tour

    from .payloads import BIDI_JS, RLO, Tracker, hostile_tour_json, payload

    tracker = Tracker()
    try:
        tour = parse_tour(hostile_tour_json(tracker.port), fmt="json")
        built = BuiltTour(tour, build_layers(tour, settings.geo_dir))
        path = tmp_path / "hostile.html"
        path.write_text(map_html(make_map(built, settings), offline=True), encoding="utf-8")
        page, blocked, errors = _open(browser, path.as_uri())
        page.locator(".leaflet-marker-icon .tm-stop").first.wait_for()
        evil = payload(tracker.port)
        panel = page.locator(".tm-title").inner_text()
        assert f"Title {evil}" in panel and f"Traveller {RLO}olleh {evil}" in panel
        labels = page.locator(".tm-label").all_inner_texts()
        assert f"Stop {RLO}amil {evil}" in labels and f"Place {RLO}sacarac {evil}" in labels
        page.locator(".leaflet-marker-icon .tm-stop").first.click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert f"Speaker {RLO}rekaeps {evil}: “Quote {evil}”" in text
        assert f"about Place {RLO}sacarac {evil}, Border {evil}" in text
        assert "\ufffd" not in page.locator("body").inner_text()
        isolation = page.evaluate(BIDI_JS, page.locator("body").element_handle())
        assert len(isolation) >= 5  # panel, two labels, popup heading and speaker
        assert [i for i in isolation if not (i["isolated"] and i["ordered"])] == [], isolation
        assert page.locator(".leaflet-popup-content img, .leaflet-popup-content code").count() == 0
        page.wait_for_timeout(300)
        assert tracker.hits == [] and blocked == [] and errors == []
        page.close()
    finally:
        tracker.close()


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("width,height", [(390, 844), (1366, 768)])
def test_controls_and_labels_stay_clear_on_a_phone_and_a_laptop(
    browser: Browser, offline_page: Path, width: int, height: int
) -> None:
    """On a phone the layer switcher used to cover the title and the stop labels ran off the edge."""
    page = browser.new_page(viewport={"width": width, "height": height})
    guard_requests(page, ("file:", "data:"))
    page.goto(offline_page.as_uri())
    page.locator(".leaflet-marker-icon .tm-stop").first.wait_for()
    page.wait_for_timeout(100)  # the controls are placed once the map is ready
    boxes = {
        name: page.locator(css).first.bounding_box()
        for name, css in {
            "title": ".tm-title",
            "layers": ".leaflet-control-layers",
            "legend": ".tm-legend",
            "credits": ".leaflet-control-attribution",
        }.items()
    }
    assert all(boxes.values()), boxes
    for a, b in [("title", "layers"), ("layers", "credits"), ("layers", "legend"), ("legend", "credits")]:
        assert not _overlap(boxes[a], boxes[b]), (a, b, boxes)  # type: ignore[arg-type]
    for label in page.locator(".tm-label:not(.place)").all():
        box = label.bounding_box()
        if box is not None and label.is_visible():
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (label.inner_text(), box)
    page.close()
