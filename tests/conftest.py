"""Shared fixtures: the repository's data, one gazetteer and one built Tillerson tour per session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tourmap.extract import Extraction, extract
from tourmap.gazetteer import Gazetteer
from tourmap.pipeline import BuiltTour, build_tour, read_source
from tourmap.settings import Settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser

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
