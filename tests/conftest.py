"""Shared fixtures: the repository's data, one gazetteer and one built Tillerson tour per session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tourmap.extract import Extraction, extract
from tourmap.gazetteer import Gazetteer
from tourmap.pipeline import BuiltTour, build_tour, read_source
from tourmap.settings import Settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
TILLERSON = ROOT / "data" / "tillerson-2018" / "tour.yaml"


@pytest.fixture(scope="session", autouse=True)
def drafts_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tests keep the dashboard's drafts in a temporary folder, never in the home folder."""
    with pytest.MonkeyPatch.context() as mp:
        folder = tmp_path_factory.mktemp("drafts")
        mp.setenv("TOURMAP_DRAFTS", str(folder))
        yield folder


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Debian Chromium for all browser tests (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    from tourmap._chromium import launch

    with sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(data_dir=ROOT / "data")


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.open()


@pytest.fixture(scope="session")
def built(settings: Settings, gazetteer: Gazetteer) -> BuiltTour:
    return build_tour(read_source(TILLERSON), settings, gazetteer)


@pytest.fixture(scope="session")
def draft(gazetteer: Gazetteer) -> Callable[[str], Extraction]:
    """An article's draft through the shared gazetteer (the construction tests' way in)."""

    def run(text: str) -> Extraction:
        return extract(text, gazetteer=gazetteer)

    return run


APP = str(ROOT / "streamlit_app.py")


def _run_pages_through_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make AppTest run streamlit_app.py (sidebar, navigation) before each page, as the server does.

    AppTest builds a new PagesManager for every run, which sees the pages/ folder and runs the
    page file alone (multipage v1); the server drops that mode for good once st.navigation has
    run. Without this, a page's interplay with the app's sidebar (issue 7.2) cannot be tested.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self: PagesManager, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def new_session(query: dict[str, str] | None = None) -> AppTest:
    """A new reader's session (a reload, or a colleague opening a link with ``query``), first run
    done; the environment is the caller's (``open_app``, or a test's own fixture)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def open_app(monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """``new_session`` for the dashboard offline, the app's navigation run before each page."""
    monkeypatch.setenv("TOURMAP_OFFLINE", "1")
    _run_pages_through_the_app(monkeypatch)
    return new_session


@pytest.fixture
def app(open_app: Callable[..., AppTest]) -> AppTest:
    """The dashboard in AppTest as a reader first opens it."""
    return open_app()
