"""Placing a tour: the gazetteer by default, pinned positions kept, online geocoder cached."""

from __future__ import annotations

import hashlib
import json
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

from .fake_nominatim import FakeClock

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
    with pytest.warns(TourmapWarning, match=r"^FakeProvider unreachable \(service unavailable\); .*: Lima$"):
        placed = place_tour(tour, gazetteer, online=online)
    assert placed.stops[0].placed_by == "GeoNames"
    assert geodesic(placed.stops[0].point, REAL["peru"]).km < 30


def test_nominatim_is_identified_and_rate_limited(tmp_path: Path) -> None:
    from tourmap.geocode import nominatim

    geocoder = nominatim("tourmap-tests/1.0 (newsroom)", tmp_path)
    assert geocoder.min_delay_seconds == 1.0
    assert geocoder.geocoder.headers["User-Agent"] == "tourmap-tests/1.0 (newsroom)"
    assert geocoder.cache_path == tmp_path / "geocode-nominatim.json"


def test_a_cache_from_the_previous_version_keeps_its_places_and_asks_its_misses_again(tmp_path: Path) -> None:
    def key(query: str) -> str:
        return hashlib.sha1(json.dumps([query, []]).encode()).hexdigest()

    old = {
        key("Lima"): {"address": "Lima, Perú", "lat": -12.0, "lon": -77.0, "query": "Lima"},
        key("Cusco"): None,
    }
    (tmp_path / "geocode-fakeprovider.json").write_text(json.dumps(old), encoding="utf-8")
    provider = FakeProvider({"Lima": (1.0, 1.0), "Cusco": (-13.5, -72.0)})
    online = CachedGeocoder(provider, tmp_path, min_delay_seconds=0)
    lima, cusco = online.geocode("Lima"), online.geocode("Cusco")
    assert lima is not None and lima.point[:2] == (-12.0, -77.0) and lima.address == "Lima, Perú"
    assert cusco is not None and cusco.point[:2] == (-13.5, -72.0)
    assert provider.calls == [("Cusco", None)]


@pytest.mark.parametrize(
    "damage",
    [b'{"truncated', b"\xff\xfe\x00{}", b"[1, 2, 3]", b'{"format": 2, "answers": {"x": 5}}', b"{"],
    ids=["truncated", "not-utf8", "a-list", "bad-entry", "one-brace"],
)
def test_a_damaged_cache_is_set_aside_with_one_warning_and_rebuilt(damage: bytes, tmp_path: Path) -> None:
    path = tmp_path / "geocode-fakeprovider.json"
    path.write_bytes(damage)
    provider = FakeProvider({"Lima": (-12.0, -77.0)})
    with pytest.warns(TourmapWarning) as record:
        online = CachedGeocoder(provider, tmp_path, min_delay_seconds=0)
        assert online.geocode("Lima") is not None
    assert len(record) == 1
    message = str(record[0].message)
    assert "geocode-fakeprovider.json" in message and "damaged" in message and "set aside" in message
    aside = list(tmp_path.glob("geocode-fakeprovider.json.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damage
    assert aside[0].name in message
    again = CachedGeocoder(provider, tmp_path, min_delay_seconds=0)  # no warning: it was rebuilt
    assert again.geocode("Lima") is not None and again.requests == 0


@pytest.mark.parametrize("blocked", ["cache-file-is-a-folder", "cache-folder-is-a-file"])
def test_an_unusable_cache_is_one_warning_and_geocoding_goes_on(blocked: str, tmp_path: Path) -> None:
    if blocked == "cache-file-is-a-folder":
        cache_dir = tmp_path
        (cache_dir / "geocode-fakeprovider.json").mkdir()
    else:
        cache_dir = tmp_path / "cache"
        cache_dir.write_text("a file where the cache folder should be", encoding="utf-8")
    provider = FakeProvider({"Lima": (-12.0, -77.0)})
    with pytest.warns(TourmapWarning) as record:
        online = CachedGeocoder(provider, cache_dir, min_delay_seconds=0)
        first, second = online.geocode("Lima"), online.geocode("Lima")
    assert first is not None and second is not None and first.point == second.point
    assert len(provider.calls) == 1  # still remembered for the rest of this build
    assert len(record) == 1
    assert "cannot use the geocoder cache" in str(record[0].message)


def test_requests_keep_the_minimum_delay_across_geocoders_sharing_a_folder(tmp_path: Path) -> None:
    clock = FakeClock()
    provider = FakeProvider({"Lima": (-12.0, -77.0), "Cusco": (-13.5, -72.0), "Quito": (0.0, -78.0)})
    online = CachedGeocoder(provider, tmp_path, min_delay_seconds=1.0, clock=clock)
    online.geocode("Lima")
    online.geocode("Cusco")
    assert clock.slept == [1.0]
    other = CachedGeocoder(provider, tmp_path, min_delay_seconds=1.0, clock=clock)  # another build
    other.geocode("Quito")
    assert clock.slept == [1.0, 1.0]
    clock.t += 5
    CachedGeocoder(provider, tmp_path, min_delay_seconds=1.0, clock=clock).geocode("Bogotá")
    assert clock.slept == [1.0, 1.0]


class SlowProvider(FakeProvider):
    """Answers, but each answer takes 4 s of the (fake) clock."""

    def __init__(self, answers: dict[str, tuple[float, float]], clock: FakeClock) -> None:
        super().__init__(answers)
        self.clock = clock

    def geocode(self, query: str, exactly_one: bool = True, **kwargs: Any) -> Location | None:
        self.clock.t += 4
        return super().geocode(query, exactly_one, **kwargs)


def test_a_spent_budget_places_the_rest_offline_in_one_warning_and_is_not_held_against_the_provider(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    names = ["Lima", "Cusco", "Arequipa", "Trujillo", "Iquitos"]
    tour = parse_tour(
        "title: t\nstops:\n"
        + "".join(f"  - {{id: s{i}, name: {n}, country: PE}}\n" for i, n in enumerate(names))
    )
    clock = FakeClock()
    provider = SlowProvider({n: (-10.0 - i, -75.0) for i, n in enumerate(names)}, clock)
    online = CachedGeocoder(provider, tmp_path, min_delay_seconds=1.0, budget_seconds=10, clock=clock)
    with pytest.warns(TourmapWarning) as record:
        placed = place_tour(tour, gazetteer, online=online)
    assert [q for q, _ in provider.calls] == names[:3]
    assert [s.placed_by for s in placed.stops] == ["SlowProvider"] * 3 + ["GeoNames"] * 2
    assert [str(w.message) for w in record] == [
        "SlowProvider: the 10 s budget for online lookups was spent (TOURMAP_GEOCODER_BUDGET); "
        "placed with the offline GeoNames gazetteer instead: Trujillo, Iquitos"
    ]
    clock.t += 60
    again = CachedGeocoder(provider, tmp_path, min_delay_seconds=1.0, budget_seconds=10, clock=clock)
    assert [s.placed_by for s in place_tour(tour, gazetteer, online=again).stops] == ["SlowProvider"] * 5
    assert [q for q, _ in provider.calls] == names  # only the two not asked before


def test_a_build_that_wakes_up_late_looks_again_before_its_request(tmp_path: Path) -> None:
    """The turn is written when taken, not booked ahead: another build may have gone meanwhile."""
    from tourmap._geocache import CacheFile

    def warn(message: str) -> None:
        raise AssertionError(message)

    a, b, c = (CacheFile(tmp_path / "geocode-x.json", warn) for _ in range(3))
    clock = FakeClock()
    latest = clock.t + 60
    assert a.take_turn(clock, 1.0, latest) == clock.t

    class Overtaken(FakeClock):
        def sleep(self, seconds: float) -> None:
            super().sleep(seconds)
            if len(self.slept) == 1:  # while b sleeps, c takes the turn b was waiting for
                assert c.take_turn(self, 1.0, latest) == self.t

    late = Overtaken(clock.t)
    assert b.take_turn(late, 1.0, latest) == clock.t + 2
    assert late.slept == [1.0, 1.0]
    assert b.take_turn(late, 1.0, late.t + 0.5) is None  # the next turn is after the budget: no wait
    assert late.slept == [1.0, 1.0]


def test_a_cache_that_cannot_be_locked_still_serves_its_answers(tmp_path: Path) -> None:
    provider = FakeProvider({"Lima": (-12.0, -77.0), "Cusco": (-13.5, -72.0)})
    CachedGeocoder(provider, tmp_path, min_delay_seconds=0).geocode("Lima")
    (tmp_path / "geocode-fakeprovider.lock").unlink()
    (tmp_path / "geocode-fakeprovider.lock").mkdir()  # as good as a folder with no write permission
    with pytest.warns(TourmapWarning, match="cannot use the geocoder cache") as record:
        online = CachedGeocoder(provider, tmp_path, min_delay_seconds=0)
        assert online.geocode("Lima") is not None and online.geocode("Cusco") is not None
    assert len(record) == 1
    assert [q for q, _ in provider.calls] == ["Lima", "Cusco"]
