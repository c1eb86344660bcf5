"""Map → files: HTML (self-contained, or small with CDN links) and a GeoJSON FeatureCollection.

Writes are atomic and all-or-nothing; nothing is written until everything has been computed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from branca.element import Figure
from shapely.geometry import Point, mapping
from shapely.geometry.base import BaseGeometry

from tourmap._assets import load_assets
from tourmap._atomic import atomic_write_all
from tourmap._folium import folium
from tourmap.geometry import Layers
from tourmap.model import Quote, Tour
from tourmap.render import Raw


def map_html(m: folium.Map, *, offline: bool) -> str:
    """The page for a map just made by ``render_map`` (it is consumed: render a fresh one per page).

    With ``offline`` (self-contained), folium's CDN links are replaced by Leaflet, jQuery (folium's
    popups need it) and Leaflet's CSS inlined from installed packages, so the page draws with no
    network at all; a tile layer in the map (``MapOptions(basemap="tiles")``) is then only
    requested on top of the inlined polygons, and a tile that fails leaves them showing.
    """
    root = m.get_root()
    assert isinstance(root, Figure)
    if offline:
        a = load_assets()
        m.default_js = []
        m.default_css = []
        header = root.header
        header.add_child(Raw(f"<style>{a.leaflet_css}</style>"), name="tourmap_leaflet_css")
        header.add_child(Raw(f"<script>{a.leaflet_js}</script>"), name="tourmap_leaflet_js")
        header.add_child(Raw(f"<script>{a.jquery_js}</script>"), name="tourmap_jquery_js")
    page: str = root.render()
    return page


def _quotes(quotes: tuple[Quote, ...]) -> list[dict[str, Any]]:
    return [{"id": q.id, "text": q.text, "speaker": q.speaker} for q in quotes]


def _feature(geometry: BaseGeometry, properties: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature; the geometry goes through shapely's ``__geo_interface__``."""
    return {"type": "Feature", "geometry": mapping(geometry), "properties": properties}


def tour_geojson(tour: Tour, layers: Layers) -> dict[str, Any]:
    """Stops, legs, borders and places as one FeatureCollection, quotes carried as properties."""
    features: list[dict[str, Any]] = []
    for order, s in enumerate(tour.stops, start=1):
        if not s.located:
            continue
        features.append(
            _feature(
                Point(s.lon, s.lat),
                {
                    "kind": "stop",
                    "order": order,
                    "id": s.id,
                    "name": s.name,
                    "status": s.status,
                    "country": s.country,
                    "place": s.place,
                    "date": s.date.isoformat() if s.date else None,
                    "quotes": _quotes(tour.quotes_said_at(s.id)),
                    "quotes_about": _quotes(tour.quotes_about(s.id)),
                },
            )
        )
    for leg in layers.legs:
        features.append(
            _feature(
                leg.line,
                {
                    "kind": "leg",
                    "order": leg.order,
                    "from": leg.from_id,
                    "to": leg.to_id,
                    "km": round(leg.km, 1),
                },
            )
        )
    for line in layers.borders:
        features.append(
            _feature(
                line.line,
                {
                    "kind": "border",
                    "id": line.border.id,
                    "label": line.border.title,
                    "countries": list(line.border.countries),
                    "length_km": round(line.km, 1),
                    "source": line.source,
                    "quotes": _quotes(tour.quotes_about(line.border.id)),
                },
            )
        )
    for p in tour.places:
        if not p.located:
            continue
        features.append(
            _feature(
                Point(p.lon, p.lat),
                {
                    "kind": "place",
                    "id": p.id,
                    "name": p.name,
                    "country": p.country,
                    "place": p.place,
                    "quotes": _quotes(tour.quotes_about(p.id)),
                },
            )
        )
    return {"type": "FeatureCollection", "features": features}


def geojson_text(tour: Tour, layers: Layers) -> str:
    return json.dumps(tour_geojson(tour, layers), ensure_ascii=False, separators=(",", ":")) + "\n"


def write_outputs(files: dict[Path, str | bytes]) -> None:
    """Write every output only once all are computed, and all or none: each goes to a temporary
    file beside it first, and only when every one is written are they renamed into place.
    Text is written as UTF-8; bytes (a PNG) as they are."""
    atomic_write_all(
        {path: data.encode("utf-8") if isinstance(data, str) else data for path, data in files.items()}
    )
