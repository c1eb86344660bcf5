"""Story mode in the exported offline map, driven in headless Chromium: keys, links, Back, Play, phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tourmap._chromium import CHROMIUM, guard_requests
from tourmap.export import map_html
from tourmap.pipeline import BuiltTour, make_map
from tourmap.render import MapOptions
from tourmap.settings import Settings

from .conftest import TILLERSON

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: apt-get install chromium"),
]

MAP = "window[document.querySelector('.folium-map').id]"
BUENOS_AIRES = (-34.61315, -58.37723)
KINGSTON = (17.99702, -76.79358)


@pytest.fixture(scope="module")
def story_page(tmp_path_factory: pytest.TempPathFactory, built: BuiltTour, settings: Settings) -> Path:
    article = (TILLERSON.parent / "article.txt").read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("story") / "map.html"
    path.write_text(
        map_html(make_map(built, settings, MapOptions(article=article)), offline=True), encoding="utf-8"
    )
    return path


class Opened:
    """A page on the map, with the requests it tried outside the file and its script errors."""

    def __init__(self, page: Page, blocked: list[str], errors: list[str]) -> None:
        self.page, self.blocked, self.errors = page, blocked, errors

    def km_from(self, point: tuple[float, float]) -> float:
        metres: float = self.page.evaluate(f"p => {MAP}.getCenter().distanceTo(p)", list(point))
        return metres / 1000

    def in_view(self, point: tuple[float, float]) -> bool:
        inside: bool = self.page.evaluate(f"p => {MAP}.getBounds().contains(p)", list(point))
        return inside

    def live(self) -> str:
        """The announcement, without the isolates around each name (a screen reader skips them)."""
        text: str = self.page.locator(".tm-live").inner_text()
        return text.replace("\u2068", "").replace("\u2069", "")

    def clean(self) -> bool:
        return self.blocked == [] and self.errors == []


@pytest.fixture
def open_story(browser: Browser, story_page: Path) -> Iterator[Any]:
    pages: list[Page] = []

    def opener(
        hash_: str = "", width: int = 1280, height: int = 800, init: str | None = None, **context: Any
    ) -> Opened:
        page = browser.new_page(viewport={"width": width, "height": height}, **context)
        pages.append(page)
        if init:
            page.add_init_script(init)
        blocked = guard_requests(page, ("file:", "data:"))
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(story_page.as_uri() + hash_)
        page.locator(".leaflet-marker-icon .tm-stop").first.wait_for()
        return Opened(page, blocked, errors)

    yield opener
    for page in pages:
        page.close()


def _popup_title(page: Page) -> str:
    # a closed popup fades out for 200 ms: wait until the new one is the only one
    page.wait_for_function("document.querySelectorAll('.leaflet-popup-content h4').length === 1")
    return page.locator(".leaflet-popup-content h4").inner_text()


def test_two_right_arrows_fly_to_buenos_aires_and_open_its_popup(open_story: Any) -> None:
    o = open_story()
    page = o.page
    assert o.live().startswith("Overview: 5 stops")
    page.locator(".folium-map").focus()  # Leaflet's own arrow keys are live now: they must not pan
    page.keyboard.press("ArrowRight")
    page.wait_for_function("location.hash === '#stop-1'")
    assert o.live() == "Stop 1 of 5: Mexico City, visited, 2 Feb 2018"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("location.hash === '#stop-2'")
    assert o.live() == "Stop 2 of 5: Argentina (Buenos Aires), upcoming"
    assert _popup_title(page) == "Argentina"  # opens when the flight ends
    assert o.km_from(BUENOS_AIRES) < 150
    assert o.in_view((19.42847, -99.12766))  # the leg from Mexico City is in view too
    now = page.locator(".tm-now")
    assert "flew out Friday evening for Argentina" in now.inner_text()
    assert page.locator("path.tm-leg-now").count() == 1
    assert o.clean()


def test_a_link_to_stop_5_opens_the_map_at_kingston(open_story: Any) -> None:
    o = open_story("#stop-5")
    assert _popup_title(o.page) == "Jamaica"
    assert o.km_from(KINGSTON) < 150
    assert o.live() == "Stop 5 of 5: Jamaica (Kingston), upcoming"
    current = o.page.locator('nav[aria-label="Itinerary"] button[aria-current="step"]')
    assert current.count() == 1 and "Jamaica" in current.inner_text()
    assert o.page.locator(".tm-next").is_disabled()
    assert o.clean()


def test_back_returns_to_the_previous_stop(open_story: Any) -> None:
    o = open_story(reduced_motion="reduce")
    page = o.page
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("location.hash === '#stop-2'")
    assert o.km_from(BUENOS_AIRES) < 150  # there at once: no flight when the reader asks for less motion
    page.go_back()
    page.wait_for_function("location.hash === '#stop-1'")
    assert o.live().startswith("Stop 1 of 5: Mexico City")
    assert _popup_title(page) == "Mexico City"
    page.go_forward()
    page.wait_for_function("location.hash === '#stop-2'")
    assert o.live().startswith("Stop 2 of 5: Argentina")
    assert o.clean()


def test_itinerary_entries_are_buttons_that_step_by_click(open_story: Any) -> None:
    o = open_story(reduced_motion="reduce")
    page = o.page
    nav = page.get_by_role("navigation", name="Itinerary")
    buttons = nav.get_by_role("button")
    assert buttons.count() == 5
    assert page.evaluate("""() => [...document.querySelectorAll('nav[aria-label="Itinerary"] li > *')]
        .every(b => b.tagName === 'BUTTON' && b.type === 'button')""")
    assert "7,373 km" in buttons.nth(1).inner_text() and "Buenos Aires" in buttons.nth(1).inner_text()
    buttons.nth(2).click()
    page.wait_for_function("location.hash === '#stop-3'")
    assert buttons.nth(2).get_attribute("aria-current") == "step"
    assert buttons.nth(1).get_attribute("aria-current") is None
    assert _popup_title(page) == "Peru"
    page.locator(".tm-prev").click()
    page.wait_for_function("location.hash === '#stop-2'")
    assert o.clean()


def test_arrows_typed_in_a_text_field_do_not_step(open_story: Any) -> None:
    o = open_story(reduced_motion="reduce")
    page = o.page
    page.evaluate(
        "() => { const i = document.createElement('input'); i.id = 'q'; document.body.prepend(i); }"
    )
    field = page.locator("#q")
    field.fill("Lima")
    field.press("ArrowLeft")
    field.press("ArrowRight")
    field.press("ArrowLeft")
    field.type("x")
    assert field.input_value() == "Limxa"
    assert page.evaluate("location.hash") == ""
    assert o.live().startswith("Overview")
    page.locator(".tm-next").focus()
    page.keyboard.press("ArrowRight")  # a button is no text field
    page.wait_for_function("location.hash === '#stop-1'")
    assert o.clean()


def test_play_steps_by_itself_until_the_reader_acts(open_story: Any) -> None:
    o = open_story(reduced_motion="reduce", init="window.tmStoryDelay = 250")  # short steps for the test
    page = o.page
    play = page.locator(".tm-play")
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    page.wait_for_function("location.hash === '#stop-3'", timeout=5000)
    page.locator(".tm-now").click()  # any action of the reader
    stopped_at = page.evaluate("location.hash")
    page.wait_for_timeout(800)
    assert page.evaluate("location.hash") == stopped_at
    assert play.get_attribute("aria-pressed") == "false"
    assert o.clean()


@pytest.mark.parametrize("folded", [False, True])
def test_on_a_phone_the_panel_leaves_the_map_two_thirds(open_story: Any, folded: bool) -> None:
    o = open_story("#stop-2", width=390, height=844)
    page = o.page
    if folded:
        page.locator(".tm-fold").click()
        assert page.locator(".tm-fold").get_attribute("aria-expanded") == "false"
        assert not page.locator(".tm-now").is_visible()
    panel = page.locator(".tm-story").bounding_box()
    box = page.locator(".folium-map").bounding_box()
    assert panel and box
    overlap_h = max(
        0.0, min(panel["y"] + panel["height"], box["y"] + box["height"]) - max(panel["y"], box["y"])
    )
    assert overlap_h * panel["width"] <= box["width"] * box["height"] / 3
    assert panel["height"] <= 844 / 3 + 1
    assert box["height"] >= 844 * 2 / 3 - 1
    assert page.locator(".tm-next").is_visible() and page.locator(".tm-prev").is_visible()
    size = page.evaluate(f"{MAP}.getSize()")
    assert abs(size["y"] - box["height"]) < 2  # Leaflet knows the map's new size
    assert o.clean()


def test_hostile_strings_show_as_text_in_the_panel(
    browser: Browser, tmp_path: Path, settings: Settings
) -> None:
    """Names, quotes and the article paragraph go in through textContent, inside <bdi>."""
    from .payloads import BIDI_JS, RLO, Tracker, hostile_article, hostile_built, payload

    tracker = Tracker()
    try:
        built = hostile_built(tracker.port, settings.geo_dir)
        article = hostile_article(tracker.port).rstrip("\n") + " </script><b>bold</b>\n"
        options = MapOptions(article=article)
        path = tmp_path / "hostile.html"
        path.write_text(map_html(make_map(built, settings, options), offline=True), encoding="utf-8")
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        blocked = guard_requests(page, ("file:", "data:"))
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(path.as_uri() + "#stop-1")
        evil = payload(tracker.port)
        now = page.locator(".tm-now")
        now.wait_for()
        text = now.inner_text()
        assert f"Stop {RLO}amil {evil}" in text
        assert f"Quote {evil}" in text and f"Speaker {RLO}rekaeps {evil}" in text
        assert "The minister said" in text  # the paragraph of the stop's quote
        assert "in Lima. </script><b>bold</b>" in text  # still one page, the tags shown as text
        assert page.locator(".tm-story img, .tm-story code, .tm-story b").count() == 0
        isolation = page.evaluate(BIDI_JS, page.locator(".tm-story").element_handle())
        assert len(isolation) >= 3  # heading, speaker, itinerary entry
        assert [i for i in isolation if not (i["isolated"] and i["ordered"])] == [], isolation
        page.wait_for_timeout(300)
        assert tracker.hits == [] and blocked == [] and errors == []
        page.close()
    finally:
        tracker.close()
