"""Names → coordinates. The offline GeoNames gazetteer by default; any geopy geocoder on request.

A person's pinned lat/lon always wins; only what is missing gets looked up. The online path is
wrapped in geopy's RateLimiter and a disk cache, and falls back to the gazetteer with a warning.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

from geopy.location import Location

from tourmap._atomic import atomic_write_text
from tourmap.errors import GeocodeError
from tourmap.model import Place, Stop, Tour
from tourmap.settings import NOMINATIM_URL

GEONAMES = "GeoNames"
_Item = TypeVar("_Item", Stop, Place)


class TourmapWarning(UserWarning):
    """Something worked, but not the way the user asked (e.g. online geocoder unreachable)."""


class GeocoderLike(Protocol):
    """The slice of geopy's geocoder interface tourmap relies on."""

    def geocode(self, query: str, *args: Any, **kwargs: Any) -> Any: ...


class Suggesting(GeocoderLike, Protocol):
    def suggest(self, query: str, n: int = 3) -> list[str]: ...


class CachedGeocoder:
    """Any geopy geocoder behind RateLimiter and a JSON disk cache, so a repeat build asks nothing.

    Answers are cached by (provider, query, countries); a miss that the provider answered with
    "nothing found" is cached too, so a typo does not cost a request every build.
    """

    def __init__(
        self,
        geocoder: Any,
        cache_dir: Path,
        *,
        name: str | None = None,
        cache_name: str | None = None,
        min_delay_seconds: float = 1.0,
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        self.name = name or type(geocoder).__name__
        self._geocode = RateLimiter(
            geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=1, swallow_exceptions=False
        )
        self._path = cache_dir / f"geocode-{(cache_name or self.name).lower()}.json"
        self._cache: dict[str, Any] = self._load()
        self.requests = 0

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self._cache, ensure_ascii=False, sort_keys=True, indent=1)
        atomic_write_text(self._path, text)

    def geocode(
        self, query: str, exactly_one: bool = True, *, country_codes: Sequence[str] | None = None, **_: Any
    ) -> Location | None:
        codes = sorted(c.lower() for c in country_codes or ())
        key = hashlib.sha1(json.dumps([query, codes]).encode()).hexdigest()
        if key not in self._cache:
            self.requests += 1
            kwargs: dict[str, Any] = {"exactly_one": True}
            if codes:
                kwargs["country_codes"] = codes
            loc = self._geocode(query, **kwargs)
            self._cache[key] = (
                None
                if loc is None
                else {"address": loc.address, "lat": loc.latitude, "lon": loc.longitude, "query": query}
            )
            self._save()
        hit = self._cache[key]
        if hit is None:
            return None
        return Location(hit["address"], (hit["lat"], hit["lon"]), {"source": self.name, **hit})


def _country_of(loc: Location) -> str | None:
    raw = loc.raw if isinstance(loc.raw, dict) else {}
    code = raw.get("country") or raw.get("countrycode") or raw.get("country_code")
    return str(code).upper() if code else None


def _lookup(
    name: str,
    country: str | None,
    context: Sequence[str],
    gazetteer: Suggesting,
    online: GeocoderLike | None,
    what: str,
) -> tuple[Location, str]:
    codes = [country] if country else list(context)
    if online is not None:
        try:
            loc = online.geocode(name, country_codes=codes or None)
        except Exception as err:  # any provider failure: fall back, but say so
            warnings.warn(
                f"online geocoder failed for {name!r} ({type(err).__name__}: {err}); "
                "using the offline GeoNames gazetteer instead",
                TourmapWarning,
                stacklevel=3,
            )
        else:
            if loc is not None:
                return loc, str(getattr(online, "name", "online geocoder"))
    loc = gazetteer.geocode(name, country_codes=codes or None)
    if loc is None and not country and codes:
        loc = gazetteer.geocode(name)  # the tour's context was only a preference
    if loc is None:
        hints = gazetteer.suggest(name)
        hint = f"; did you mean: {', '.join(hints)}?" if hints else ""
        where = f" in {country}" if country else ""
        raise GeocodeError(
            f"{what} {name!r}{where} not found in the GeoNames gazetteer{hint} "
            "(fix the name, or pin lat/lon in the tour file)"
        )
    return loc, GEONAMES


def place_tour(tour: Tour, gazetteer: Suggesting, *, online: GeocoderLike | None = None) -> Tour:
    """Fill in coordinates for every stop and place that has none; pinned ones are kept as they are.

    Ambiguous names are resolved by the stop's own country, else by the countries the tour names.
    """
    context = tour.countries()

    def place(item: _Item, where: str) -> _Item:
        if item.located:
            return item
        loc, by = _lookup(item.name, item.country, context, gazetteer, online, f"{where} ({item.id}):")
        return replace(
            item,
            lat=round(loc.latitude, 5),
            lon=round(loc.longitude, 5),
            place=item.place or loc.address,
            country=item.country or _country_of(loc),
            placed_by=by,
        )

    stops = tuple(place(s, f"stops[{i}]") for i, s in enumerate(tour.stops))
    places = tuple(place(p, f"places[{i}]") for i, p in enumerate(tour.places))
    return tour.with_places(stops, places)


def nominatim(
    user_agent: str, cache_dir: Path, *, url: str = NOMINATIM_URL, min_delay_seconds: float = 1.0
) -> CachedGeocoder:
    """OpenStreetMap's Nominatim (or a self-hosted one at ``url``), identified, rate-limited, cached.

    Each address gets its own cache file: another server may answer differently.
    """
    from geopy.geocoders import Nominatim

    parts = urlsplit(url)
    suffix = "" if url == NOMINATIM_URL else "-" + hashlib.sha1(url.encode()).hexdigest()[:10]
    return CachedGeocoder(
        Nominatim(
            user_agent=user_agent,
            domain=parts.netloc + parts.path.rstrip("/"),
            scheme=parts.scheme,
            timeout=10,
        ),
        cache_dir,
        name="Nominatim",
        cache_name=f"nominatim{suffix}",
        min_delay_seconds=min_delay_seconds,
    )
