"""Packaged geodata (country polygons, detailed border lines): file I/O kept out of geometry."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from tourmap.errors import DataError

COUNTRIES_FILE = "countries.geojson"
LABELS_FILE = "country-labels.json"  # made from COUNTRIES_FILE by scripts/build_labels.py


@functools.lru_cache(maxsize=8)
def _read_json(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise DataError(
            f"geodata file missing: {str(path)!r}; regenerate it with scripts/build_geodata.py"
        ) from err


def countries_text(geo_dir: Path) -> str:
    """The basemap FeatureCollection as JSON text, read once per process (it is immutable)."""
    return _read_json(geo_dir / COUNTRIES_FILE)


def labels_text(geo_dir: Path) -> str:
    """Country names and label points for the offline basemap, as JSON text, read once per process."""
    return _read_json(geo_dir / LABELS_FILE)


def countries_geojson(geo_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(countries_text(geo_dir))
    return data


def border_file(geo_dir: Path, countries: tuple[str, str]) -> Path | None:
    """A detailed line for this pair, if one was prepared (``us-mx-border.geojson``)."""
    a, b = (c.lower() for c in countries)
    for name in (f"{a}-{b}-border.geojson", f"{b}-{a}-border.geojson"):
        if (geo_dir / name).exists():
            return geo_dir / name
    return None


def load_border(path: Path) -> tuple[BaseGeometry, dict[str, Any]]:
    """The first feature's geometry and properties (source, measured length)."""
    data = json.loads(_read_json(path))
    feature = data["features"][0] if data.get("type") == "FeatureCollection" else data
    return shape(feature["geometry"]), dict(feature.get("properties") or {})


@functools.lru_cache(maxsize=4)
def country_shapes(geo_dir: Path) -> dict[str, BaseGeometry]:
    """ISO alpha-2 → polygon, for borders that have no detailed file."""
    out: dict[str, BaseGeometry] = {}
    for feature in countries_geojson(geo_dir)["features"]:
        iso = (feature.get("properties") or {}).get("iso_a2")
        if iso and len(iso) == 2:
            out[iso.upper()] = shape(feature["geometry"])
    return out
