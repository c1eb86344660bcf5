"""Issue 9 in headless Chromium: a shown tour survives a reload, opens from its link in another
browser, and a link to a page opened first on a fresh server shows the app, not the page alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tourmap import drafts
from tourmap._chromium import CHROMIUM, guard_requests
from tourmap._devserver import streamlit_server
from tourmap.settings import Settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: apt-get install chromium"),
]

LOCAL = "http://127.0.0.1"
HOP = (
    "title: Drafts hop\nstops:\n  - {id: lima, name: Lima, country: PE}\n  - {id: quito, name: Quito}\n"
    "quotes:\n  - {id: q1, text: Hola from Lima, speaker: A. Reader, said_at: lima}\n"
)
APP_PAGES = ["Map", "Quotes", "Itinerary", "Article", "Your own tour"]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with streamlit_server(offline=True) as url:
        yield url


def _page(browser: Browser) -> tuple[Page, list[str]]:
    """A page in a browser context of its own (no shared cookies or storage: another reader)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    return page, guard_requests(page, (f"{LOCAL}:", "data:", "blob:", "about:"))


def _main_has(page: Page, *texts: str) -> str:
    for text in texts:
        page.locator("[data-testid='stMain']").get_by_text(text).first.wait_for(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    return page.locator("[data-testid='stMain']").first.inner_text()


def _navigation(page: Page) -> list[str]:
    nav = page.locator("[data-testid='stSidebarNav']")
    nav.wait_for(timeout=30_000)
    return [line for line in nav.inner_text().splitlines() if line.strip()]


def test_a_shown_tour_survives_a_reload_and_opens_from_its_link(server: str, browser: Browser) -> None:
    page, blocked = _page(browser)
    page.goto(server)
    page.get_by_role("link", name="Your own tour").first.click()
    page.get_by_label("…or paste YAML / JSON").fill(HOP)
    page.get_by_role("button", name="Show on the map").click()
    _main_has(page, "Loaded pasted tour", "Drafts hop")
    key = drafts.draft_hash(HOP, "yaml")
    page.wait_for_url(f"**/your_tour?tour={key}", timeout=15_000)
    page.get_by_role("link", name="Quotes").first.click()
    _main_has(page, "Hola from Lima")
    page.wait_for_url(f"**/quotes?tour={key}", timeout=15_000)  # put back after the page change

    page.reload()
    _main_has(page, "1 of 1 quotes", "Hola from Lima")
    page.locator("[data-testid='stSidebar']").get_by_text("Show my tour").wait_for(timeout=15_000)

    # a second tour replaces the first in the address, though the click came from the old one
    page.get_by_role("link", name="Your own tour").first.click()
    page.get_by_label("…or paste YAML / JSON").fill(HOP.replace("Drafts hop", "Second hop"))
    page.get_by_role("button", name="Show on the map").click()
    _main_has(page, "Loaded pasted tour", "Second hop")
    second = drafts.draft_hash(HOP.replace("Drafts hop", "Second hop"), "yaml")
    page.wait_for_url(f"**/your_tour?tour={second}", timeout=15_000)
    page.wait_for_timeout(1500)
    assert page.url.endswith(f"?tour={second}")
    page.reload()
    _main_has(page, "Second hop", "Recent drafts")
    assert page.locator("[data-testid='stMain'] h3.tm-h").first.inner_text() == "Second hop"  # shown

    colleague, colleague_blocked = _page(browser)
    colleague.goto(f"{server}/?tour={key}")
    assert "US, Mexico" not in _main_has(colleague, "Drafts hop", "2 stops")
    colleague.wait_for_url(f"**/?tour={key}", timeout=15_000)
    colleague.get_by_role("link", name="Itinerary").first.click()
    text = _main_has(colleague, "Total distance")
    assert "Stops\n\n2\n" in text and "13,885 km" not in text
    assert blocked == [] and colleague_blocked == []
    page.context.close()
    colleague.context.close()


def test_a_link_to_a_page_on_a_fresh_server_shows_the_app(browser: Browser) -> None:
    """streamlit#9624-like: the first request of a fresh server was a page's link, so Streamlit ran
    the page alone (legacy pages/ mode): file names as navigation, no app sidebar, no CSS."""
    key = drafts.save(Settings.from_env().drafts_dir, HOP, "yaml", title="Drafts hop", name="hop.yaml")
    with streamlit_server(offline=True) as fresh:
        page, blocked = _page(browser)
        page.goto(f"{fresh}/quotes?tour={key}")
        _main_has(page, "1 of 1 quotes", "Hola from Lima")
        assert _navigation(page) == APP_PAGES  # not "streamlit app, article, itinerary, map, …"
        page.locator("[data-testid='stSidebar']").get_by_text("Show my tour").wait_for(timeout=15_000)
        assert page.url == f"{fresh}/quotes?tour={key}"
        page.get_by_role("link", name="Article").first.click()
        _main_has(page, "This tour came without its article")
        page.wait_for_url(f"**/article?tour={key}", timeout=15_000)

        # a bad link to a page: the app, one literal notice, the built-in tour
        other, other_blocked = _page(browser)
        other.goto(f"{fresh}/itinerary?tour=..%2f..%2fetc")
        text = _main_has(other, "this link names no draft", "13,885 km")  # the Tillerson tour
        assert "instead got: '../../etc'. The built-in tour is shown instead." in text
        assert _navigation(other) == APP_PAGES
        assert blocked == [] and other_blocked == []
        page.context.close()
        other.context.close()
