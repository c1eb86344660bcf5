"""The running dashboard in headless Chromium: offline, clickable, every page free of exceptions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, Page

from tourmap._chromium import CHROMIUM, guard_requests
from tourmap._devserver import streamlit_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: apt-get install chromium"),
]

LOCAL = "http://127.0.0.1"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """`streamlit run` on a free port with TOURMAP_OFFLINE=1, stopped by its own process id."""
    with streamlit_server(offline=True) as url:
        yield url


def _guarded_page(
    browser: Browser, width: int = 1400, height: int = 900
) -> tuple[Page, list[str], list[str]]:
    """A page that aborts and records every request leaving 127.0.0.1, and records what it sends."""
    page = browser.new_page(viewport={"width": width, "height": height})
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(str(frame)[:80])))
    blocked = guard_requests(page, (f"{LOCAL}:", "data:", "blob:", "about:"))
    return page, blocked, sent


_LAYER_POINT = """(cls) => {
  const map = window.map_div || window.map;
  let at = null;
  map.eachLayer(l => {
    if (at || !l.options || l.options.className !== cls) return;
    const all = l.getLatLng ? [l.getLatLng()] : l.getLatLngs().flat(3);
    const ll = all[Math.floor(all.length / 2)];
    at = map.latLngToContainerPoint(ll);
  });
  return [at.x, at.y];
}"""


def _click_layer(page: Page, css_class: str) -> None:
    """Click on a drawn line or circle itself, as a reader would (they have no DOM box to aim at)."""
    frame = next(f for f in page.frames if "st_folium" in f.url)
    x, y = frame.evaluate(_LAYER_POINT, css_class)
    box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_dashboard_offline_map_click_and_pages(server: str, browser: Browser) -> None:
    page, blocked, sent = _guarded_page(browser)
    page.goto(server)
    frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
    markers = frame.locator(".leaflet-marker-icon .tm-stop")
    markers.first.wait_for(timeout=60_000)
    assert markers.count() == 5
    assert frame.locator(".leaflet-tm-land-pane path").count() > 50  # the offline basemap (its own pane)
    assert frame.locator(".leaflet-tile").count() == 0

    markers.first.click()
    page.get_by_text("Stop: Mexico City").wait_for(timeout=15_000)
    # Streamlit sends a rerun's elements one by one: wait for the card, then read the page
    page.get_by_text("We’ve created … a different approach").first.wait_for(timeout=15_000)
    body = page.locator("section.main, [data-testid='stMain']").first.inner_text()
    assert "Rex Tillerson" in body and "We’ve created … a different approach" in body

    # the quotes are beside the map, so the map opens no popup over it (nor pans to fit one)
    assert frame.locator(".leaflet-popup").count() == 0
    page.wait_for_timeout(500)  # a reader's pause; clicks during a rerun are merged by streamlit-folium
    _click_layer(page, "tm-border")
    page.get_by_text("Border: US–Mexico border").wait_for(timeout=15_000)
    assert page.get_by_text("“painful”").count() >= 1
    page.wait_for_timeout(500)
    _click_layer(page, "tm-place")
    page.get_by_text("Mentioned place:").wait_for(timeout=15_000)

    # an idle page asks the server for nothing: no rerun loop (streamlit-folium #72, #239)
    page.wait_for_timeout(1500)
    assert sent, "the page should have talked to the server while loading"
    before = len(sent)
    page.wait_for_timeout(4000)
    assert sent[before:] == []

    # previous/next pan the map in place: the component is not reloaded
    loads: list[str] = []
    page.on("request", lambda r: loads.append(r.url) if "st_folium/index.html" in r.url else None)
    center_js = "() => (window.map_div || window.map).getCenter()"
    map_frame = next(f for f in page.frames if "st_folium" in f.url)
    before_center = map_frame.evaluate(center_js)

    def centered_on(lat: float, lng: float) -> dict[str, float]:
        """The map's center once near (lat, lng), or where it stays after 10 s."""
        for _ in range(40):
            page.wait_for_timeout(250)
            at: dict[str, float] = map_frame.evaluate(center_js)
            if abs(at["lat"] - lat) < 1.5 and abs(at["lng"] - lng) < 1.5:
                break
        return at

    page.get_by_role("button", name="Next ▶").click()
    page.get_by_text("Stop 1 of 5: Mexico City").wait_for(timeout=15_000)
    # as a reader looks at the map before the next click: the label is drawn before the map in
    # the same rerun, and a setView during Leaflet's zoom animation is undone when it ends
    centered_on(19.4, -99.1)
    page.get_by_role("button", name="Next ▶").click()
    page.get_by_text("Stop 2 of 5: Argentina").wait_for(timeout=15_000)
    after_center = centered_on(-34.6, -58.4)
    assert abs(after_center["lat"] - (-34.6)) < 1.5 and abs(after_center["lng"] - (-58.4)) < 1.5, after_center
    assert before_center != after_center
    assert loads == []

    expected = {
        "Quotes": "16 of 16 quotes",
        "Itinerary": "Total distance",
        "Article": "Tillerson flew out Friday evening",
        "Your own tour": "Upload a tour file",
        "Map": "Stop: Argentina",  # the selection outlives a visit to other pages
    }
    for title, text in expected.items():
        page.get_by_role("link", name=title).first.click()
        page.get_by_text(text).first.wait_for(timeout=15_000)
        assert page.locator("[data-testid='stException']").count() == 0, title
    markers.first.wait_for(timeout=15_000)
    assert markers.count() == 5
    assert blocked == []
    page.close()


MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"


def test_the_first_click_on_a_map_below_the_fold_shows_its_quotes(server: str, browser: Browser) -> None:
    """Issue 9: Leaflet focuses the map on mousedown; the focus scrolled the page until the whole
    map was in view, the mouse came up over another spot, and the first click was lost."""
    page, blocked, _ = _guarded_page(browser, 1366, 768)
    page.goto(server)
    marker = page.frame_locator(MAP_FRAME).locator(".leaflet-marker-icon .tm-stop").first
    marker.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)  # the map's first fit is done
    frame, stop = page.locator(MAP_FRAME).bounding_box(), marker.bounding_box()
    assert frame is not None and stop is not None
    assert frame["y"] + frame["height"] > 768, frame  # the map does not fit on the screen
    assert stop["y"] + stop["height"] < 768, stop  # but stop 1 is in view: a reader clicks it
    page.mouse.click(stop["x"] + stop["width"] / 2, stop["y"] + stop["height"] / 2)
    page.get_by_text("Stop: Mexico City").first.wait_for(timeout=15_000)
    page.get_by_text("“devastating impact”").first.wait_for(timeout=15_000)
    after = page.locator(MAP_FRAME).bounding_box()
    assert after is not None and after["y"] == frame["y"]  # the page did not jump under the pointer
    assert blocked == []
    page.close()


def test_a_phone_shows_the_map_first_and_the_quotes_right_under_it(server: str, browser: Browser) -> None:
    """Issue 9: at 390x844 the map started 420 px down, and the legend came between it and the quotes."""
    page, blocked, _ = _guarded_page(browser, 390, 844)
    page.goto(server)
    marker = page.frame_locator(MAP_FRAME).locator(".leaflet-marker-icon .tm-stop").first
    marker.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None
    assert box["y"] <= 250 and box["height"] >= 250, box
    assert box["y"] + box["height"] < 844 - 80, box  # what comes after the map shows too
    shown = page.frame_locator(MAP_FRAME).locator(".leaflet-container").bounding_box()
    assert shown is not None and abs(shown["height"] - box["height"]) < 2  # the map fills its frame

    marker.click()
    heading = page.get_by_text("Stop: Mexico City").first
    heading.wait_for(timeout=15_000)
    page.get_by_text("“devastating impact”").first.wait_for(timeout=15_000)
    title = heading.bounding_box()
    assert title is not None and 0 < title["y"] - (box["y"] + box["height"]) < 80, (title, box)
    legend = page.locator(".tm-legend.tm-inline").filter(visible=True)
    assert legend.count() == 1  # once, under the quotes
    under = legend.bounding_box()
    last = page.locator("blockquote.tm-quote").last.bounding_box()  # the 16th card
    assert under is not None and last is not None and under["y"] > last["y"]
    assert blocked == []
    page.close()


def test_a_phone_closes_the_sidebar_after_a_page_is_chosen(server: str, browser: Browser) -> None:
    """Issue 9: the sidebar stayed open over the page just chosen (Streamlit closes it only for a
    phone's user agent); the Itinerary is then a list of legs, with nothing off-screen."""
    page, blocked, _ = _guarded_page(browser, 390, 844)
    page.goto(server)
    page.frame_locator(MAP_FRAME).locator(".tm-stop").first.wait_for(timeout=60_000)
    sidebar = page.locator("[data-testid='stSidebar']")
    page.get_by_test_id("stExpandSidebarButton").click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stSidebar]').dataset.collapsed === 'false'"
    )
    page.get_by_role("link", name="Itinerary").first.click()
    page.get_by_text("Mexico City → Argentina").first.wait_for(timeout=15_000)
    page.wait_for_timeout(1000)  # the sidebar's slide
    assert sidebar.get_attribute("data-collapsed") == "true"
    at = sidebar.bounding_box()
    assert at is None or at["x"] + at["width"] <= 0, at
    legs = page.locator(".tm-itinerary")
    assert legs.is_visible() and "7,373 km · Mexico City → Argentina" in legs.inner_text()
    assert "2 Feb 2018 · 16 quotes" in legs.inner_text()
    assert not page.locator("[data-testid='stDataFrame']").is_visible()
    wide = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollWidth")
    assert wide <= 390  # nothing to scroll sideways to
    assert blocked == []
    page.close()


def test_the_legs_chart_shows_whole_labels(server: str, browser: Browser) -> None:
    """Issue 9: the chart's labels read "1. Mexico City → A…" on a wide screen too."""
    page, blocked, _ = _guarded_page(browser)
    page.goto(f"{server}/itinerary")
    label = page.locator("[data-testid='stMain'] svg text", has_text="1. ").first
    label.wait_for(timeout=60_000)
    labels = page.locator("[data-testid='stMain'] svg text").evaluate_all(
        "all => all.map(t => t.textContent)"
    )
    plain = [t.replace("\u2068", "").replace("\u2069", "") for t in labels]
    assert "1. Mexico City → Argentina" in plain and "4. Colombia → Jamaica" in plain, plain
    assert not [t for t in plain if t.endswith("…")]
    assert not page.locator(".tm-itinerary").is_visible()  # the phone's list stays hidden here
    assert blocked == []
    page.close()


def _main_text(page: Page) -> str:
    return page.locator("[data-testid='stMain']").first.inner_text()


def _wait_for_texts(page: Page, texts: list[str], timeout: float = 15.0) -> str:
    """The main area's text once it holds every one of ``texts`` (a page switch first shows the
    previous page's elements until the rerun replaces them)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        text = _main_text(page)
        missing = [t for t in texts if t not in text]
        if not missing or time.monotonic() > deadline:
            assert missing == [], text[:2000]
            return text
        page.wait_for_timeout(200)


def _upload(page: Page, nth: int, name: str, data: bytes) -> None:
    """Give the nth file uploader a file and wait until the server has it (a click before then
    reaches the server without the file)."""
    inputs = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    with page.expect_response(lambda r: "/_stcore/upload_file" in r.url):
        inputs.nth(nth).set_input_files(
            {"name": name, "mimeType": "application/octet-stream", "buffer": data}
        )
    page.wait_for_timeout(300)


def _your_tour(page: Page, server: str) -> None:
    page.goto(server)
    page.get_by_role("link", name="Your own tour").first.click()
    page.get_by_text("Upload a tour file").first.wait_for(timeout=60_000)


def test_showing_a_tour_twice_shows_no_exception(server: str, browser: Browser) -> None:
    """Issue 7.2: the second "Show on the map" of a session showed Streamlit's traceback."""
    page, blocked, _ = _guarded_page(browser)
    _your_tour(page, server)
    page.get_by_label("…or paste YAML / JSON").fill("title: Andes hop\nstops:\n  - {id: lima, name: Lima}\n")
    for _ in range(2):
        page.get_by_role("button", name="Show on the map").click()
        page.get_by_text("Loaded pasted tour").first.wait_for(timeout=15_000)
        page.wait_for_timeout(1000)  # the rerun that raised finished after the message was drawn
        assert page.locator("[data-testid='stException']").count() == 0
    page.get_by_role("link", name="Map").first.click()
    page.get_by_text("Andes hop").first.wait_for(timeout=15_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert blocked == []
    page.close()


# what Markdown, KaTeX or HTML would have made of the payload
_MARKDOWN_MADE = (
    "img[src*='127.0.0.1'], code:text-is('code'), strong:text-is('bold'), strong:text-is('init'), "
    "a[href^='javascript'], .katex"
)


def test_hostile_tour_shows_as_literal_text_on_every_page(server: str, browser: Browser) -> None:
    """Issues 7.3 and 7.9: Markdown, HTML and Streamlit's extras in tour strings stay text; no
    request reaches a URL they name; NUL is gone and a right-to-left override stays in its string."""
    from tourmap.errors import TourmapError
    from tourmap.tourfile import parse_tour

    from .payloads import BIDI_JS, RLO, Tracker, hostile_article, hostile_tour_json, payload

    tracker = Tracker()
    try:
        page, blocked, _ = _guarded_page(browser)
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        evil = payload(tracker.port)
        _your_tour(page, server)

        # a refused file: its error quotes the bad value, literally
        bad = '{"title": "t", "stops": [{"id": "lima", "name": "Lima", "status": "%s"}]}'
        bad = bad % evil.replace("\\", "\\\\")
        with pytest.raises(TourmapError) as refused:
            parse_tour(bad, fmt="json", name="pasted tour")
        page.get_by_label("…or paste YAML / JSON").fill(bad)
        page.get_by_role("button", name="Show on the map").click()
        page.get_by_text("expected 'visited' or 'upcoming'").first.wait_for(timeout=15_000)
        assert str(refused.value) in _main_text(page)

        name = "**bold** `code` :red[x] $x^2$ __init__.json"
        _upload(page, 0, name, hostile_tour_json(tracker.port).encode())
        _upload(page, 1, "article.txt", hostile_article(tracker.port).encode())
        page.get_by_role("button", name="Show on the map").click()
        page.get_by_text("Loaded ").first.wait_for(timeout=30_000)
        _wait_for_texts(page, [f"Loaded {name}", f"Title {evil}"])
        page.locator("[data-testid='stSidebar']").get_by_text(name).first.wait_for(timeout=15_000)

        page.get_by_role("link", name="Map").first.click()
        page.get_by_role("button", name="Next ▶").click()
        page.get_by_text("Stop 1 of 2").first.wait_for(timeout=15_000)
        page.get_by_text("Article paragraph").first.click()
        stop, place = f"Stop {RLO}amil {evil}", f"Place {RLO}sacarac {evil}"
        _wait_for_texts(
            page,
            [
                f"Title {evil}",  # NUL stripped
                f"Traveller {RLO}olleh {evil}",
                f"Stop 1 of 2: {stop}",
                f"Speaker {RLO}rekaeps {evil}",
                f"“Quote {evil}”",
                f"about {place}, Border {evil}",
                f"The minister said: “Quote {evil}” in Lima.",  # the paragraph, opened
            ],
        )
        main = page.locator("[data-testid='stMain']").first
        isolation = page.evaluate(BIDI_JS, main.element_handle())
        assert len(isolation) >= 5
        assert [i for i in isolation if not (i["isolated"] and i["ordered"])] == [], isolation

        expected = {
            "Quotes": ["2 of 2 quotes", f"Quote {evil}", f"Other {evil}", f"Speaker {RLO}rekaeps {evil}"],
            "Itinerary": ["Total distance"],
            "Article": [f"Headline {evil}", f"Quote {evil}"],
        }
        expected["Quotes"] += [place, stop]
        for title, texts in expected.items():
            page.get_by_role("link", name=title).first.click()
            _wait_for_texts(page, texts)
            if title == "Itinerary":  # the legs chart joins two names in each axis label
                page.locator("[data-testid='stMain'] svg text", has_text="1. ").first.wait_for()
            main = page.locator("[data-testid='stMain']").first
            isolation = page.evaluate(BIDI_JS, main.element_handle())
            assert [i for i in isolation if not (i["isolated"] and i["ordered"])] == [], (title, isolation)
            if title == "Quotes":  # the speaker filter's options are plain text too
                listbox = page.get_by_role("listbox").first
                for _ in range(3):  # a click during a rerun may not open it
                    page.locator("[data-testid='stMultiSelect'] input").first.click()
                    page.wait_for_timeout(500)
                    if listbox.is_visible():
                        break
                options = listbox.inner_text()
                assert f"Speaker {RLO}rekaeps {evil}" in options and f"Other {evil}" in options
                page.keyboard.press("Escape")
        # the Story view's frame is of the dashboard's origin: its strings must stay text too
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.get_by_role("link", name="Map").first.click()
        page.get_by_role("radio", name="Story").click()
        story = _story_frame(page)
        page.keyboard.press("ArrowRight")
        story.wait_for_function("location.hash === '#stop-1'")
        panel = story.locator(".tm-story").inner_text()
        assert stop in panel and f"Quote {evil}" in panel, panel
        assert evil in story.locator(".tm-live").inner_text()
        assert story.locator(".tm-story img, .tm-story script, .tm-story a").count() == 0
        assert dialogs == []
        page.get_by_role("radio", name="Explore").click()
        for title in ("Map", "Quotes", "Itinerary", "Article", "Your own tour"):
            page.get_by_role("link", name=title).first.click()
            page.wait_for_timeout(1500)
            assert page.locator("[data-testid='stException']").count() == 0, title
            main = page.locator("[data-testid='stMain']").first
            assert main.locator(_MARKDOWN_MADE).count() == 0, title
            assert "\ufffd" not in _main_text(page) and "\x00" not in _main_text(page)
        assert tracker.hits == []
        assert [u for u in requests if "track.png" in u or "img.png" in u] == []
        assert blocked == []
        page.close()
    finally:
        tracker.close()


def test_every_stop_label_is_on_the_map_after_it_loads(server: str, browser: Browser) -> None:
    """streamlit-folium loads leaflet.css after the map is drawn: labels placed before it sat
    hundreds of pixels off the map's left edge ("1" and "3" with no name)."""
    page, blocked, _ = _guarded_page(browser)
    page.goto(server)
    page.frame_locator("iframe[title='streamlit_folium.st_folium']").locator(
        ".leaflet-marker-icon .tm-stop"
    ).first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    frame = next(f for f in page.frames if "st_folium" in f.url)
    labels = frame.evaluate(
        """() => Array.from(document.querySelectorAll('.tm-label:not(.place)')).map(e => {
             const box = e.getBoundingClientRect();
             return [e.textContent.trim(), e.style.visibility, box.left, box.right, window.innerWidth];
           })"""
    )
    names = {name for name, *_ in labels}
    assert names == {"Mexico City", "Argentina", "Peru", "Colombia", "Jamaica"}
    for name, visibility, left, right, width in labels:
        assert visibility != "hidden" and left >= 0 and right <= width, (name, left, right, width)
    assert blocked == []
    page.close()


STORY_MAP = "window[document.querySelector('.folium-map').id]"


def _story_frame(page: Page) -> Frame:
    """The Story view's frame once its script has announced a step."""
    page.locator("iframe[srcdoc]").wait_for(timeout=60_000)
    for _ in range(120):
        frame = next((f for f in page.frames if f.url.startswith("about:srcdoc")), None)
        if frame is not None and frame.evaluate("() => !!document.querySelector('.tm-live')?.textContent"):
            return frame
        page.wait_for_timeout(250)
    raise AssertionError("the Story view's map never announced a step")


def _live(frame: Frame) -> str:
    text: str = frame.locator(".tm-live").inner_text()
    return text.replace("\u2068", "").replace("\u2069", "")


def _km_from(frame: Frame, lat: float, lon: float) -> float:
    metres: float = frame.evaluate(f"p => {STORY_MAP}.getCenter().distanceTo(p)", [lat, lon])
    return metres / 1000


def test_the_story_view_steps_by_keys_buttons_links_and_back(server: str, browser: Browser) -> None:
    """Issue 10: the exported map's story controls on the dashboard's Map page: → on the page
    (outside the frame) steps, the step is in the dashboard's address, a copied link opens the
    same stop, Back steps back, and Explore brings the clickable map back."""
    page, blocked, _ = _guarded_page(browser, 1366, 768)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server)
    page.locator(MAP_FRAME).wait_for(timeout=60_000)
    page.get_by_role("radio", name="Story").click()
    frame = _story_frame(page)
    assert _live(frame).startswith("Overview: 5 stops")
    assert "view=story" in page.url

    # the focus is on the dashboard's view switch, outside the frame: → steps the story
    page.keyboard.press("ArrowRight")
    frame.wait_for_function("location.hash === '#stop-1'")
    page.keyboard.press("ArrowRight")
    frame.wait_for_function("location.hash === '#stop-2'")
    assert _live(frame) == "Stop 2 of 5: Argentina (Buenos Aires), upcoming"
    frame.wait_for_function("document.querySelectorAll('.leaflet-popup-content h4').length === 1")
    assert frame.locator(".leaflet-popup-content h4").inner_text() == "Argentina"
    assert _km_from(frame, -34.61, -58.38) < 150
    assert "flew out Friday evening for Argentina" in frame.locator(".tm-now").inner_text()
    assert page.url.endswith("#stop-2")
    link = page.url

    # Play steps by itself; a click anywhere on the dashboard, outside the frame, ends it
    play = frame.locator(".tm-play")
    play.click()
    frame.wait_for_function("location.hash === '#stop-3'")
    assert play.get_attribute("aria-pressed") == "true"
    page.locator("[data-testid='stMain'] h2").first.click()
    frame.wait_for_function("document.querySelector('.tm-play').getAttribute('aria-pressed') === 'false'")
    frame.get_by_role("button", name="Previous stop").click()
    frame.wait_for_function("location.hash === '#stop-2'")

    frame.get_by_role("button", name="Next stop").click()
    frame.wait_for_function("location.hash === '#stop-3'")
    assert page.url.endswith("#stop-3")
    page.go_back()
    frame.wait_for_function("location.hash === '#stop-2'")
    assert _live(frame).startswith("Stop 2 of 5")
    assert page.url.endswith("#stop-2")

    # a colleague opens the copied link: the same view, at the same stop
    other, other_blocked, _ = _guarded_page(browser, 390, 844)
    other.goto(link.replace("#stop-2", "#stop-5"))
    far = _story_frame(other)
    far.wait_for_function("document.querySelectorAll('.leaflet-popup-content h4').length === 1")
    assert _live(far) == "Stop 5 of 5: Jamaica (Kingston), upcoming"
    assert _km_from(far, 17.997, -76.794) < 150
    widths = far.evaluate(
        "() => [...document.querySelectorAll('.leaflet-popup')].map(p => p.getBoundingClientRect().width)"
    )
    assert widths and max(widths) <= 390
    assert other_blocked == []
    other.close()

    page.get_by_role("radio", name="Explore").click()
    page.frame_locator(MAP_FRAME).locator(".leaflet-marker-icon .tm-stop").first.wait_for(timeout=15_000)
    assert page.locator("iframe[srcdoc]").count() == 0
    assert "view=story" not in page.url
    page.keyboard.press("ArrowRight")  # the story's keys left with its frame: nothing breaks
    page.wait_for_timeout(300)
    assert errors == [] and blocked == []
    assert page.locator("[data-testid='stException']").count() == 0
    page.close()
