"""Tour → shapely layers: route legs as great-circle arcs and borders as lines, with geodesic lengths.

Coordinates inside shapely objects are (lon, lat), as in GeoJSON; tour objects speak (lat, lon).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from geopy.distance import geodesic
from shapely.geometry import LineString, MultiLineString
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge

from tourmap.geodata import border_file, country_shapes, load_border
from tourmap.model import Border, Tour

LatLon = tuple[float, float]
Bounds = tuple[LatLon, LatLon]


@dataclass(frozen=True, slots=True)
class Leg:
    """The way from one stop to the next, drawn as the shortest path on the globe."""

    order: int
    from_id: str
    to_id: str
    line: LineString
    km: float


@dataclass(frozen=True, slots=True)
class BorderLine:
    border: Border
    line: BaseGeometry
    km: float
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Layers:
    legs: tuple[Leg, ...]
    borders: tuple[BorderLine, ...]
    bounds: Bounds | None

    @property
    def total_km(self) -> float:
        return sum(leg.km for leg in self.legs)

    def border(self, border_id: str) -> BorderLine | None:
        return next((b for b in self.borders if b.border.id == border_id), None)


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def great_circle(a: LatLon, b: LatLon, *, step_km: float = 100.0) -> LineString:
    """Points along the great circle from a to b, so long legs curve as they do on a globe."""
    ua, ub = _unit(*a), _unit(*b)
    dot = max(-1.0, min(1.0, sum(x * y for x, y in zip(ua, ub, strict=True))))
    omega = math.acos(dot)
    n = max(1, math.ceil(omega * 6371.0088 / step_km))
    coords: list[tuple[float, float]] = []
    for i in range(n + 1):
        t = i / n
        if omega < 1e-12:
            x, y, z = ua
        else:
            s = math.sin(omega)
            fa, fb = math.sin((1 - t) * omega) / s, math.sin(t * omega) / s
            x, y, z = (fa * p + fb * q for p, q in zip(ua, ub, strict=True))
        lat = math.degrees(math.atan2(z, math.hypot(x, y)))
        lon = math.degrees(math.atan2(y, x))
        if coords:  # keep the line continuous across the antimeridian
            prev = coords[-1][0]
            lon += 360.0 * round((prev - lon) / 360.0)
        coords.append((lon, lat))
    coords[0] = (a[1], a[0])
    last = coords[-2][0] if n > 1 else a[1]
    coords[-1] = (b[1] + 360.0 * round((last - b[1]) / 360.0), b[0])
    return LineString(coords)


def _lines(geom: BaseGeometry) -> Iterable[Sequence[tuple[float, float]]]:
    if isinstance(geom, LineString):
        yield list(geom.coords)
    elif hasattr(geom, "geoms"):
        for part in geom.geoms:
            yield from _lines(part)


def geodesic_km(geom: BaseGeometry) -> float:
    """Sum of geodesic (WGS-84 ellipsoid) segment lengths, the way the border target is defined."""
    total = 0.0
    for coords in _lines(geom):
        for (lon1, lat1), (lon2, lat2) in itertools.pairwise(coords):
            total += geodesic((lat1, lon1), (lat2, lon2)).km
    return total


def shared_border(a: BaseGeometry, b: BaseGeometry, *, tolerance: float = 0.05) -> BaseGeometry:
    """Where two country outlines touch (within tolerance degrees): a coarse border line."""
    touching = a.boundary.intersection(b.buffer(tolerance))
    if touching.is_empty:
        return touching
    if isinstance(touching, MultiLineString):
        return linemerge(touching)
    return touching


def border_line(border: Border, geo_dir: Path) -> BorderLine | None:
    """A detailed prepared line when there is one, else the shared edge of the basemap polygons."""
    path = border_file(geo_dir, border.countries)
    if path is not None:
        line, props = load_border(path)
        # measured with geodesic_km when the file was made (tests check it still agrees);
        # measuring 2,700 segments again would cost a third of a second on every build
        km = props.get("length_km")
        return BorderLine(border, line, float(km) if km else geodesic_km(line), props.get("source"))
    shapes = country_shapes(geo_dir)
    a, b = (shapes.get(c) for c in border.countries)
    if a is None or b is None:
        return None
    line = shared_border(a, b)
    if line.is_empty:
        return None
    return BorderLine(border, line, geodesic_km(line), "Natural Earth country polygons (coarse)")


def build_layers(tour: Tour, geo_dir: Path) -> Layers:
    """Legs between consecutive stops, border lines, and the bounds that frame stops and borders."""
    located = [s for s in tour.stops if s.located]
    legs = tuple(
        Leg(i + 1, s.id, t.id, great_circle(s.point, t.point), geodesic(s.point, t.point).km)
        for i, (s, t) in enumerate(itertools.pairwise(located))
    )
    borders = tuple(b for b in (border_line(x, geo_dir) for x in tour.borders) if b is not None)
    bounds: Bounds | None = None
    if located:
        lats = [s.point[0] for s in located]
        lons = [s.point[1] for s in located]
        for b in borders:  # the story is about the border too, so keep it in view
            w, south, e, north = b.line.bounds
            lats += [south, north]
            lons += [w, e]
        bounds = ((min(lats), min(lons)), (max(lats), max(lons)))
    return Layers(legs, borders, bounds)
