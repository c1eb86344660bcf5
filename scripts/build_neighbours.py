#!/usr/bin/env python3
"""Print the table of countries that share a land border, for ``tourmap.extract.lexicon``.

A draft draws a border only between two countries that have one (a story naming Germany and
Ethiopia is about no "Germany–Ethiopia border"). The pairs come from the packaged basemap,
``data/geo/countries.geojson`` (Natural Earth, simplified on shared arcs so that neighbours keep
identical edges): two countries are neighbours when their polygons touch or lie within ~1 km of
each other. The output is pasted into ``NEIGHBOUR_TABLE`` of ``tourmap/extract/lexicon.py``
(``ISO:ISO,ISO,…`` per country, each pair listed under both). Run:
``.venv/bin/python scripts/build_neighbours.py``.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

from shapely.geometry import shape
from shapely.strtree import STRtree

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ROOT / "data" / "geo" / "countries.geojson"
TOLERANCE_DEG = 0.01  # ~1 km: simplified neighbours may not quite touch


def main() -> int:
    features = json.loads(COUNTRIES.read_text(encoding="utf-8"))["features"]
    isos: list[str] = []
    shapes = []
    for feature in features:
        iso = (feature.get("properties") or {}).get("iso_a2")
        if iso and len(iso) == 2:
            isos.append(iso)
            shapes.append(shape(feature["geometry"]).buffer(0))
    tree = STRtree(shapes)
    pairs: dict[str, set[str]] = {iso: set() for iso in isos}
    for i, geom in enumerate(shapes):
        for j in tree.query(geom.buffer(TOLERANCE_DEG)):
            j = int(j)
            if j != i and isos[i] != isos[j] and geom.distance(shapes[j]) <= TOLERANCE_DEG:
                pairs[isos[i]].add(isos[j])
                pairs[isos[j]].add(isos[i])
    items = [f"{iso}:{','.join(sorted(near))}" for iso, near in sorted(pairs.items()) if near]
    print(textwrap.fill(" ".join(items), width=104))
    return 0


if __name__ == "__main__":
    sys.exit(main())
