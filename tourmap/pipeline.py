"""The stages wired together: read → geocode → geometry → render → export.

Pure steps take values and return values; reading files happens in ``read_source`` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tourmap._folium import folium
from tourmap.batch import ARTICLE_SUFFIXES, MAX_ARTICLE_BYTES
from tourmap.errors import InputError
from tourmap.geocode import GeocoderLike, nominatim, place_tour
from tourmap.geodata import countries_text, labels_text
from tourmap.geometry import Layers, build_layers
from tourmap.model import Tour
from tourmap.render import MapOptions, render_map
from tourmap.settings import Settings
from tourmap.tourfile import TOUR_SUFFIXES, load_tour, read_text

if TYPE_CHECKING:
    from tourmap.gazetteer import Gazetteer


@dataclass(frozen=True, slots=True)
class BuiltTour:
    """A placed tour and its geometry: everything a view needs, computed once."""

    tour: Tour
    layers: Layers


def read_source(path: Path, gazetteer: Gazetteer | None = None) -> Tour:
    """A tour file (YAML/JSON) as it is, or an article (.txt) drafted into a tour by extraction."""
    suffix = path.suffix.lower()
    if suffix in TOUR_SUFFIXES:
        return load_tour(path)
    if suffix in ARTICLE_SUFFIXES:
        from tourmap.extract import extract_tour

        text = read_text(path, max_bytes=MAX_ARTICLE_BYTES, what="article")
        return extract_tour(text, gazetteer=gazetteer or open_gazetteer(Settings()), name=path.name)
    raise InputError(
        f"cannot build from {str(path)!r}: expected a tour file (.yaml, .yml or .json) or an article (.txt)"
    )


def open_gazetteer(settings: Settings) -> Gazetteer:
    from tourmap.gazetteer import Gazetteer

    return Gazetteer.open()


def build_tour(tour: Tour, settings: Settings, gazetteer: Gazetteer) -> BuiltTour:
    """Geocode what is not pinned, then derive legs, border lines and bounds."""
    online: GeocoderLike | None = None
    if settings.online:
        online = nominatim(
            settings.user_agent,
            settings.cache_dir,
            url=settings.nominatim_url,
            min_delay_seconds=settings.min_delay_seconds,
            budget_seconds=settings.geocoder_budget,
        )
    placed = place_tour(tour, gazetteer, online=online)
    return BuiltTour(placed, build_layers(placed, settings.geo_dir))


def make_map(built: BuiltTour, settings: Settings, options: MapOptions | None = None) -> folium.Map:
    """A fresh folium map for one view or one file (folium maps are consumed by rendering)."""
    geo = settings.geo_dir
    return render_map(
        built.tour, built.layers, countries_text(geo), options or MapOptions(), labels=labels_text(geo)
    )
