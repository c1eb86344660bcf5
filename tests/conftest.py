"""Shared fixtures: the repository's data, one gazetteer and one built Tillerson tour per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tourmap.gazetteer import Gazetteer
from tourmap.pipeline import BuiltTour, build_tour, read_source
from tourmap.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
TILLERSON = ROOT / "data" / "tillerson-2018" / "tour.yaml"
INPUT = Path(__file__).resolve().parent / "input_data"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(data_dir=ROOT / "data")


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.open()


@pytest.fixture(scope="session")
def built(settings: Settings, gazetteer: Gazetteer) -> BuiltTour:
    return build_tour(read_source(TILLERSON), settings, gazetteer)
