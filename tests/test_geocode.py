"""Placing a tour: the gazetteer by default, pinned positions kept, online geocoder cached."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from geopy.distance import geodesic
from geopy.exc import GeocoderUnavailable
from geopy.location import Location

from tourmap.errors import GeocodeError
from tourmap.gazetteer import Gazetteer
from tourmap.geocode import CachedGeocoder, TourmapWarning, place_tour
from tourmap.pipeline import BuiltTour
from tourmap.tourfile import parse_tour

REAL = {
    "mexico-city": (19.4326, -99.1332),
    "argentina": (-34.6037, -58.3816),  # Buenos Aires
    "peru": (-12.0464, -77.0428),  # Lima
    "colombia": (4.7110, -74.0721),  # Bogotá
    "jamaica": (17.9712, -76.7936),  # Kingston
}


def test_tillerson_stops_land_in_the_right_cities(built: BuiltTour) -> None:
    for stop in built.tour.stops:
        assert geodesic(stop.point, REAL[stop.id]).km < 60, (stop.id, stop.point)
        assert stop.placed_by == "GeoNames"
    assert built.tour.stops[4].place is not None and "Jamaica" in built.tour.stops[4].place
    assert {p.id: p.country for p in built.tour.places} == {
        "united-states": "US",
        "canada": "CA",
        "venezuela": "VE",
    }


def test_pinned_position_wins(gazetteer: Gazetteer) -> None:
    tour = parse_tour("title: t\nstops:\n  - {id: a, name: Lima, lat: 1.5, lon: 2.5, place: pinned}\n")
    placed = place_tour(tour, gazetteer)
    assert placed.stops[0].point == (1.5, 2.5)
    assert placed.stops[0].place == "pinned" and placed.stops[0].placed_by is None


def test_kingston_follows_the_tour_context(gazetteer: Gazetteer) -> None:
    jm = place_tour(parse_tour("title: t\nstops:\n  - {id: a, name: Kingston, country: JM}\n"), gazetteer)
    ca = place_tour(parse_tour("title: t\nstops:\n  - {id: a, name: Kingston, country: CA}\n"), gazetteer)
    assert geodesic(jm.stops[0].point, REAL["jamaica"]).km < 30
    assert geodesic(ca.stops[0].point, (44.2312, -76.4860)).km < 30


def test_unknown_stop_is_refused_with_suggestions(gazetteer: Gazetteer) -> None:
    tour = parse_tour("title: t\nstops:\n  - {id: a, name: Bogata}\n")
    with pytest.raises(GeocodeError) as info:
        place_tour(tour, gazetteer)
    message = str(info.value)
    assert "'Bogata'" in message and "did you mean" in message and "Bogotá" in message


class FakeProvider:
    """Stands in for Nominatim: answers from a dict and counts requests."""

    def __init__(self, answers: dict[str, tuple[float, float]], fail: bool = False) -> None:
        self.answers = answers
        self.fail = fail
        self.calls: list[tuple[str, Any]] = []

    def geocode(self, query: str, exactly_one: bool = True, **kwargs: Any) -> Location | None:
        self.calls.append((query, kwargs.get("country_codes")))
        if self.fail:
            raise GeocoderUnavailable("service down")
        if query not in self.answers:
            return None
        return Location(f"{query}, somewhere", self.answers[query], {})


def test_online_geocoder_is_cached_on_disk(tmp_path: Path, gazetteer: Gazetteer) -> None:
    tour = parse_tour("title: t\nstops:\n  - {id: a, name: Lima, country: PE}\n  - {id: b, name: Cusco}\n")
    provider = FakeProvider({"Lima": (-12.0, -77.0), "Cusco": (-13.5, -72.0)})
    first = place_tour(tour, gazetteer, online=CachedGeocoder(provider, tmp_path, min_delay_seconds=0))
    assert first.stops[0].point == (-12.0, -77.0) and first.stops[0].placed_by == "FakeProvider"
    assert provider.calls == [("Lima", ["pe"]), ("Cusco", ["pe"])]
    again = CachedGeocoder(provider, tmp_path, min_delay_seconds=0)
    assert place_tour(tour, gazetteer, online=again) == first
    assert again.requests == 0 and len(provider.calls) == 2


def test_online_failure_falls_back_to_gazetteer_with_a_warning(tmp_path: Path, gazetteer: Gazetteer) -> None:
    tour = parse_tour("title: t\nstops:\n  - {id: a, name: Lima, country: PE}\n")
    online = CachedGeocoder(FakeProvider({}, fail=True), tmp_path, min_delay_seconds=0)
    with pytest.warns(TourmapWarning, match="online geocoder failed for 'Lima'"):
        placed = place_tour(tour, gazetteer, online=online)
    assert placed.stops[0].placed_by == "GeoNames"
    assert geodesic(placed.stops[0].point, REAL["peru"]).km < 30


def test_nominatim_is_identified_and_rate_limited(tmp_path: Path) -> None:
    from tourmap.geocode import nominatim

    geocoder = nominatim("tourmap-tests/1.0 (newsroom)", tmp_path)
    limiter = geocoder._geocode
    assert limiter.min_delay_seconds == 1.0
    assert limiter.func.__self__.headers["User-Agent"] == "tourmap-tests/1.0 (newsroom)"
