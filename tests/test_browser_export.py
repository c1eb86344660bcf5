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
    assert page.locator(".leaflet-tm-land-pane path").count() > 50
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
    from .payloads import BIDI_JS, RLO, Tracker, hostile_built, payload

    tracker = Tracker()
    try:
        built = hostile_built(tracker.port, settings.geo_dir)
        path = tmp_path / "hostile.html"
        path.write_text(map_html(make_map(built, settings), offline=True), encoding="utf-8")
        page, blocked, errors = _open(browser, path.as_uri())
        page.locator(".leaflet-marker-icon .tm-stop").first.wait_for()
        evil = payload(tracker.port)
        panel = page.locator(".tm-title").inner_text()
        assert f"Title {evil}" in panel and f"Traveller {RLO}olleh {evil}" in panel
        # the text of every label, shown or not (a label whose place is out of view is hidden)
        labels = [t.strip() for t in page.locator(".tm-label").all_text_contents()]
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


@pytest.mark.parametrize("width,height", [(390, 844), (700, 700), (1366, 768)])
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
    scale = page.locator(".leaflet-control-scale")
    if scale.is_visible():  # hidden on a phone; elsewhere the credits never cover it
        assert not _overlap(scale.bounding_box(), boxes["credits"]), boxes  # type: ignore[arg-type]
    for label in page.locator(".tm-label:not(.place)").all():
        box = label.bounding_box()
        if box is not None and label.is_visible():
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (label.inner_text(), box)
    page.close()


_MAP_JS = "window[document.querySelector('.folium-map').id]"


def _page_for(browser: Browser, path: Path, width: int, height: int) -> tuple[Page, list[str], list[str]]:
    page = browser.new_page(viewport={"width": width, "height": height})
    blocked = guard_requests(page, ("file:", "data:"))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    page.locator(".leaflet-marker-icon .tm-stop").first.wait_for()
    page.wait_for_timeout(150)
    return page, blocked, errors


def test_a_leg_and_its_return_do_not_overlap_on_screen(
    browser: Browser, tmp_path: Path, settings: Settings
) -> None:
    from tourmap.geometry import build_layers
    from tourmap.tourfile import parse_tour

    tour = parse_tour(
        "title: There and back\nstops:\n"
        "  - {id: bogota, name: Bogotá, lat: 4.71, lon: -74.07}\n"
        "  - {id: lima, name: Lima, lat: -12.05, lon: -77.04}\n"
        "  - {id: back, name: Bogotá again, lat: 4.71, lon: -74.07}\n"
    )
    path = tmp_path / "back.html"
    path.write_text(
        map_html(make_map(BuiltTour(tour, build_layers(tour, settings.geo_dir)), settings), offline=True),
        encoding="utf-8",
    )
    page, blocked, errors = _page_for(browser, path, 1280, 800)
    gap = page.evaluate(
        f"""() => {{
          const map = {_MAP_JS};
          const legs = [];
          map.eachLayer(l => {{
            if (l.options && l.options.className === 'tm-leg') {{
              legs.push(l.getLatLngs().map(ll => map.latLngToContainerPoint(ll)));
            }}
          }});
          // the closest the two drawn legs come, away from the shared ends (middle 60 %)
          const [a, b] = legs;
          let best = Infinity;
          a.slice(7, -7).forEach(p => b.forEach(q => {{ best = Math.min(best, p.distanceTo(q)); }}));
          return [legs.length, best];
        }}"""
    )
    assert gap[0] == 2
    assert gap[1] > 20, gap  # pixels between the outward and the return leg
    assert page.locator(".tm-arrow").count() == 2
    assert blocked == [] and errors == []
    page.close()


def test_on_a_phone_popups_fit_and_the_controls_leave_the_map_free(
    browser: Browser, offline_page: Path
) -> None:
    page, blocked, errors = _page_for(browser, offline_page, 390, 844)
    legend = page.locator(".tm-legend details")
    assert legend.get_attribute("open") is None  # folded under 600 px
    covered = page.evaluate(
        """() => {
          const box = document.querySelector('.folium-map').getBoundingClientRect();
          let area = 0;
          document.querySelectorAll('.leaflet-control').forEach(c => {
            const r = c.getBoundingClientRect();
            area += r.width * r.height;
          });
          return area / (box.width * box.height);
        }"""
    )
    assert covered <= 1 / 3, covered
    # the layer switcher is folded to its button on a phone; a tap opens it
    assert not page.locator(".leaflet-control-layers-list").is_visible()
    page.locator(".leaflet-control-layers-toggle").click()
    assert page.locator(".leaflet-control-layers-list").is_visible()
    page.evaluate(f"() => {_MAP_JS}.fire('click')")
    assert not page.locator(".leaflet-control-layers-list").is_visible()
    markers = page.locator(".leaflet-marker-icon .tm-stop")
    for i in range(markers.count()):
        markers.nth(i).click()
        popup = page.locator(".leaflet-popup")
        popup.wait_for()
        page.wait_for_timeout(400)  # the pan that keeps it clear of the controls
        box = popup.bounding_box()
        assert box is not None
        assert box["width"] <= 390 - 20, (i, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (i, box)
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844, (i, box)
        zoom = page.locator(".leaflet-control-zoom").bounding_box()
        assert zoom is not None and not _overlap(zoom, box), (i, box, zoom)
        page.evaluate(f"() => {_MAP_JS}.closePopup()")
        page.locator(".leaflet-popup").wait_for(state="detached")
        assert page.locator(".tm-legend").is_visible()  # back once the popup is closed
    assert blocked == [] and errors == []
    page.close()


def test_a_popup_near_the_top_stays_clear_of_the_zoom_buttons(browser: Browser, offline_page: Path) -> None:
    page, blocked, errors = _page_for(browser, offline_page, 1440, 900)
    # bring Mexico City to 30 px under the top edge, then open its popup
    page.evaluate(
        f"""() => {{
          const map = {_MAP_JS};
          const p = map.latLngToContainerPoint([19.43, -99.13]);
          map.panBy([p.x - 60, p.y - 30], {{animate: false}});
        }}"""
    )
    page.wait_for_timeout(150)
    page.locator(".leaflet-marker-icon .tm-stop").first.click()
    popup = page.locator(".leaflet-popup")
    popup.wait_for()
    page.wait_for_timeout(500)
    box = popup.bounding_box()
    for css in (".leaflet-control-zoom", ".leaflet-control-layers", ".tm-legend"):
        control = page.locator(css).bounding_box()
        assert box is not None and control is not None and not _overlap(box, control), (css, box, control)
    assert blocked == [] and errors == []
    page.close()


@pytest.mark.parametrize("basemap", ["tiles", "tiles-over-polygons"])
def test_over_tiles_no_opaque_polygon_hides_the_land(
    browser: Browser, tmp_path: Path, built: BuiltTour, settings: Settings, basemap: str
) -> None:
    """Every tile request is answered with a stand-in PNG; the land must show those tiles, also
    in `tourmap build`'s default file, whose filled countries lie under the tiles."""
    import io

    from PIL import Image

    from tourmap._chromium import stand_in_tile
    from tourmap.render import MapOptions

    path = tmp_path / "tiles.html"
    options = MapOptions(basemap=basemap)  # type: ignore[arg-type]
    path.write_text(map_html(make_map(built, settings, options), offline=True), "utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    blocked = guard_requests(page, ("file:", "data:"))
    tile = stand_in_tile()
    asked: list[str] = []

    def answer(route: object) -> None:
        asked.append(route.request.url)  # type: ignore[attr-defined]
        route.fulfill(status=200, content_type="image/png", body=tile)  # type: ignore[attr-defined]

    page.route("https://tile.openstreetmap.org/**", answer)
    page.goto(path.as_uri())
    page.locator(".leaflet-tile-loaded").first.wait_for()
    page.wait_for_timeout(400)
    assert asked
    opaque = page.evaluate(
        """() => [...document.querySelectorAll('.leaflet-pane path')].filter(p => {
          if (p.closest('.leaflet-tm-under-pane')) return false;  // under the tiles: fine
          const s = getComputedStyle(p), r = p.getBoundingClientRect();
          return s.fill !== 'none' && parseFloat(s.fillOpacity) >= 0.5 && r.width * r.height > 2500;
        }).length"""
    )
    assert opaque == 0
    # the middle of Brazil and of Mexico's north show the stand-in tile's greens, not a land colour
    points = page.evaluate(
        f"""() => {{
          const map = {_MAP_JS}, box = map.getContainer().getBoundingClientRect();
          return [[-10, -52], [28, -106]].map(ll => {{
            const p = map.latLngToContainerPoint(ll);
            return [Math.round(box.left + p.x), Math.round(box.top + p.y)];
          }});
        }}"""
    )
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    greens = {(0x9C, 0xC9, 0x8F), (0xB6, 0xD9, 0xA8)}
    for x, y in points:
        assert shot.getpixel((x, y)) in greens, (x, y, shot.getpixel((x, y)))
    assert page.locator(".tm-country").count() == 0  # the tiles carry their own names
    assert blocked == []
    page.close()


def test_country_names_show_when_zoomed_in_and_never_cover_a_stop_label(
    browser: Browser, tmp_path: Path, built: BuiltTour, settings: Settings
) -> None:
    from tourmap.render import MapOptions

    whole = tmp_path / "whole.html"  # the whole window for the map: no story panel beside it
    whole.write_text(map_html(make_map(built, settings, MapOptions(story=False)), offline=True), "utf-8")
    page, blocked, errors = _page_for(browser, whole, 1280, 800)
    seen: dict[int, set[str]] = {}
    for zoom, centre in [(2, [0, -70]), (3, [0, -75]), (5, [4.7, -74.1]), (6, [-12, -77])]:
        page.evaluate(f"() => {_MAP_JS}.setView({centre}, {zoom}, {{animate: false}})")
        page.wait_for_timeout(250)
        result = page.evaluate(
            """() => {
              const shown = el => el.offsetParent !== null && getComputedStyle(el).visibility !== 'hidden';
              const names = [...document.querySelectorAll('.tm-country')].filter(shown);
              const labels = [...document.querySelectorAll('.tm-label, .tm-stop, .leaflet-control')]
                .filter(shown)
                .map(e => e.getBoundingClientRect());
              const clash = names.filter(n => {
                const a = n.getBoundingClientRect();
                return labels.some(b => a.left < b.right && b.left < a.right
                  && a.top < b.bottom && b.top < a.bottom);
              });
              return [names.map(n => n.textContent), clash.map(n => n.textContent)];
            }"""
        )
        seen[zoom] = set(result[0])
        assert result[1] == [], (zoom, result[1])
    assert "Brazil" in seen[2] and "Jamaica" not in seen[2] and "Panama" not in seen[2]
    assert "Ecuador" in seen[5] or "Venezuela" in seen[5]
    assert len(seen[5]) >= 3 and len(seen[6]) >= 2
    assert blocked == [] and errors == []
    page.close()


def test_a_stop_out_of_view_shows_no_half_cut_label(
    browser: Browser, tmp_path: Path, built: BuiltTour, settings: Settings
) -> None:
    """On a phone, panned so that Mexico City's marker is just off the left edge, its label peeked
    in as "City". A label on the map is whole, or cut only beside a stop or place in view."""
    from tourmap.render import MapOptions

    path = tmp_path / "whole.html"
    path.write_text(map_html(make_map(built, settings, MapOptions(story=False)), offline=True), "utf-8")
    page, blocked, errors = _page_for(browser, path, 390, 844)
    mexico = built.tour.stops[0]
    for gap in (4, 20, 45):  # how far off the left edge the marker's centre is, in pixels
        page.evaluate(
            f"""([lat, lon, gap]) => {{
              const map = {_MAP_JS};
              map.setView([lat, lon], 5, {{animate: false}});
              const at = map.latLngToContainerPoint([lat, lon]);
              map.panBy([at.x + gap, 0], {{animate: false}});
            }}""",
            [mexico.lat, mexico.lon, gap],
        )
        page.wait_for_timeout(250)
        labels = page.evaluate(
            f"""() => {{
              const map = {_MAP_JS}, view = map.getBounds(), shown = [];
              const frame = map.getContainer().getBoundingClientRect();
              map.eachLayer(l => {{
                const t = l.getTooltip && l.getTooltip();
                if (!t || !t.options.permanent || !t.getElement()) return;
                const el = t.getElement(), b = el.getBoundingClientRect();
                if (getComputedStyle(el).visibility === 'hidden') return;
                const whole = b.left >= frame.left && b.right <= frame.right
                  && b.top >= frame.top && b.bottom <= frame.bottom;
                const outside = b.right <= frame.left || b.left >= frame.right
                  || b.bottom <= frame.top || b.top >= frame.bottom;
                if (!outside) shown.push([el.textContent.trim(), whole, view.contains(t.getLatLng())]);
              }});
              return shown;
            }}"""
        )
        assert [name for name, whole, in_view in labels if not whole and not in_view] == [], (gap, labels)
    page.evaluate(f"() => {_MAP_JS}.setView([{mexico.lat}, {mexico.lon}], 5, {{animate: false}})")
    page.wait_for_timeout(250)
    page.locator(".tm-label", has_text="Mexico City").first.wait_for()  # in view: labelled again
    assert blocked == [] and errors == []
    page.close()
