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

    @property
    def arc(self) -> LineString:
        """The line as drawn: bent to the right of travel, so a return leg lies beside it.

        Only the picture: ``line`` (the great circle) stays the leg's geometry in the GeoJSON export.
        """
        return bent_arc(self.line)


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


# how far a drawn leg bows out, as a share of its length on the (Web Mercator) map
BEND = 0.12
ARC_POINTS = 32
_MAX_LAT = 85.0


def _merc_y(lat: float) -> float:
    lat = max(-_MAX_LAT, min(_MAX_LAT, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _merc_lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def _resample(points: Sequence[tuple[float, float]], n: int) -> list[tuple[float, float]]:
    """n + 1 points spread evenly over the vertex index (great-circle vertices are evenly spaced)."""
    last = len(points) - 1
    out = []
    for i in range(n + 1):
        at = i * last / n
        k = min(int(at), last - 1)
        f = at - k
        (x0, y0), (x1, y1) = points[k], points[k + 1]
        out.append((x0 + (x1 - x0) * f, y0 + (y1 - y0) * f))
    return out


def bent_arc(line: LineString, *, bend: float = BEND, n: int = ARC_POINTS) -> LineString:
    """A leg bowed out to the right of its direction of travel, as seen on a north-up web map.

    A leg and its return (or a later leg retracing part of it, Mexico City → Buenos Aires then
    Buenos Aires → Lima) bow to opposite sides, so they never lie on top of each other. The bow
    is laid over the great circle in Web Mercator, the projection the map is drawn in, so its
    shape is the same at every zoom; the ends stay exactly on the stops.
    """
    merc = [(lon, _merc_y(lat)) for lon, lat in line.coords]
    if len(merc) < 2:
        return line
    (x0, y0), (x1, y1) = merc[0], merc[-1]
    dx, dy = x1 - x0, y1 - y0
    chord = math.hypot(dx, dy)
    if chord < 1e-9:
        return line
    nx, ny = dy / chord, -dx / chord  # the right-hand normal of the chord, y pointing north
    h = bend * chord
    pts = _resample(merc, n)
    bent = []
    for i, (x, y) in enumerate(pts):
        t = i / n
        k = 4 * t * (1 - t) * h
        bent.append((x + nx * k, _merc_lat(y + ny * k)))
    bent[0], bent[-1] = line.coords[0], line.coords[-1]
    return LineString(bent)


def arc_arrow(arc: LineString) -> tuple[float, float, float]:
    """(lat, lon, degrees) for a chevron at mid-arc: the screen angle of travel, clockwise from east."""
    coords = list(arc.coords)
    mid = len(coords) // 2
    (xa, ya), (xb, yb) = coords[max(mid - 1, 0)], coords[min(mid + 1, len(coords) - 1)]
    dx, dy = xb - xa, _merc_y(yb) - _merc_y(ya)
    angle = -math.degrees(math.atan2(dy, dx))  # screen y points down
    lon, lat = coords[mid]
    return lat, lon, round(angle, 1)


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
