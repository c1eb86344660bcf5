"""Legs as great circles with geodesic km; the US–Mexico border close to its official length."""

from __future__ import annotations

import itertools

from geopy.distance import geodesic
from shapely.geometry import LineString, Polygon

from tourmap.geometry import geodesic_km, great_circle, shared_border
from tourmap.pipeline import BuiltTour
from tourmap.settings import Settings

OFFICIAL_US_MX_KM = 3145


def test_border_is_within_three_percent_of_official_length(built: BuiltTour) -> None:
    line = built.layers.border("us-mx")
    assert line is not None
    assert abs(line.km - OFFICIAL_US_MX_KM) / OFFICIAL_US_MX_KM <= 0.03, line.km
    assert line.source and "OpenStreetMap" in line.source
    (w, s, e, n) = line.line.bounds
    # from the Pacific at Tijuana to the Gulf at Brownsville
    assert -117.2 < w < -117.0 and -97.3 < e < -97.0 and 25.7 < s < 26.1 and 32.5 < n < 32.8


def test_legs_follow_the_stops_with_geodesic_km(built: BuiltTour) -> None:
    stops = built.tour.stops
    legs = built.layers.legs
    assert [(leg.from_id, leg.to_id) for leg in legs] == [(a.id, b.id) for a, b in itertools.pairwise(stops)]
    for leg in legs:
        a, b = built.tour.stop(leg.from_id), built.tour.stop(leg.to_id)
        assert abs(leg.km - geodesic(a.point, b.point).km) < 1e-6
        assert leg.line.coords[0] == (a.lon, a.lat) and leg.line.coords[-1] == (b.lon, b.lat)
    # Mexico City → Buenos Aires is about 7,400 km
    assert 7300 < legs[0].km < 7500
    assert abs(built.layers.total_km - sum(leg.km for leg in legs)) < 1e-9


def test_great_circle_bends_towards_the_pole() -> None:
    madrid, new_york = (40.4168, -3.7038), (40.7128, -74.0060)
    arc = great_circle(madrid, new_york)
    mid_lat = max(lat for _lon, lat in arc.coords)
    assert 46 < mid_lat < 47  # the shortest way between two cities near 40°N passes north of 46°
    assert len(arc.coords) > 20
    assert abs(geodesic_km(arc) - geodesic(madrid, new_york).km) / geodesic(madrid, new_york).km < 0.01


def test_great_circle_stays_continuous_across_the_antimeridian() -> None:
    arc = great_circle((35.68, 139.69), (37.77, -122.42))
    lons = [lon for lon, _ in arc.coords]
    assert all(abs(b - a) < 10 for a, b in itertools.pairwise(lons))


def test_shared_border_of_two_touching_squares() -> None:
    a = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    b = Polygon([(1, 0), (2, 0), (2, 1), (1, 1)])
    line = shared_border(a, b, tolerance=0.01)
    assert isinstance(line, LineString)
    assert abs(line.length - 1.0) < 0.05


def test_recorded_border_length_is_what_the_line_measures(settings: Settings) -> None:
    from tourmap.geodata import border_file, load_border

    path = border_file(settings.geo_dir, ("US", "MX"))
    assert path is not None and path.name == "us-mx-border.geojson"
    line, props = load_border(path)
    assert abs(geodesic_km(line) - props["length_km"]) < 0.1
