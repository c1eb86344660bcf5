"""Country label points for the offline basemap: ``data/geo/country-labels.json``.

The packaged ``countries.geojson`` (Natural Earth 1:50m via world-atlas) carries only ``iso_a2``
and ``name``, not Natural Earth's LABEL_X/LABEL_Y, so a label point is derived here: the pole of
inaccessibility (shapely ``polylabel``) of each country's largest part, which always lies inside
the land, unlike a centroid (Chile, Norway, Indonesia). Each label also gets the zoom from which
it is shown, from that part's area, so a world view shows only the large countries.

Output: a JSON list of ``[iso_a2, name, lon, lat, min_zoom]``, sorted largest first (the map
places big names first). Deterministic: same input, same bytes.

Usage: python scripts/build_labels.py [data/geo]
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.ops import polylabel

# area of the largest part in square degrees, scaled by cos(lat) → first zoom showing the name
MIN_ZOOM_BY_AREA = ((150.0, 2), (20.0, 3), (3.0, 4), (0.4, 5))
LAST_ZOOM = 6


def largest_part(geom: Polygon | MultiPolygon) -> Polygon:
    """The part a reader takes for the country (mainland France, not French Guiana)."""
    if isinstance(geom, Polygon):
        return geom
    return max(geom.geoms, key=lambda p: p.area)


def min_zoom(part: Polygon) -> int:
    """Small countries wait for a closer view: their name would cover their neighbours."""
    area = part.area * math.cos(math.radians(part.centroid.y))
    return next((z for floor, z in MIN_ZOOM_BY_AREA if area >= floor), LAST_ZOOM)


def label_rows(countries: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for f in countries["features"]:
        props = f.get("properties") or {}
        name, iso = props.get("name"), props.get("iso_a2")
        if not name or not f.get("geometry"):
            continue
        part = largest_part(shape(f["geometry"]))
        point = polylabel(part, tolerance=0.05)
        rows.append([iso, name, round(point.x, 2), round(point.y, 2), min_zoom(part), part.area])
    rows.sort(key=lambda r: (-r[5], r[1]))
    return [r[:5] for r in rows]


def main(argv: list[str]) -> int:
    geo = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "data" / "geo"
    countries = json.loads((geo / "countries.geojson").read_text(encoding="utf-8"))
    rows = label_rows(countries)
    text = (
        "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows) + "\n]\n"
    )
    (geo / "country-labels.json").write_text(text, encoding="utf-8")
    print(f"{len(rows)} labels, {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
