"""Names → coordinates. The offline GeoNames gazetteer by default; any geopy geocoder on request.

A person's pinned lat/lon always wins; only what is missing gets looked up. The online path
(``CachedGeocoder``) must never make a build slow or noisy when the network fails: it has a time
budget per build, stops asking at the first failure, remembers that failure for an hour, and the
gazetteer places the rest, with one warning naming them. Its cache plumbing is ``tourmap._geocache``.
"""

from __future__ import annotations

import hashlib
import json
import math
import socket
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

from geopy.location import Location

from tourmap._geocache import (
    FAILURE_TTL,
    Answer,
    CacheFile,
    CacheState,
    Clock,
    Outage,
    SystemClock,
    merge,
    with_answer,
)
from tourmap.errors import GeocodeError, GeocoderUnavailable, brief
from tourmap.model import Place, Stop, Tour
from tourmap.settings import GEOCODER_BUDGET_SECONDS, NOMINATIM_URL

GEONAMES = "GeoNames"
_Item = TypeVar("_Item", Stop, Place)
_T = TypeVar("_T")
MIN_REQUEST_SECONDS = 1.0  # no request starts with less of the budget left than this
_GRACE_SECONDS = 0.5  # beyond a request's own timeout, before the build stops waiting for it
_MAX_ADDRESS = 300


class TourmapWarning(UserWarning):
    """Something worked, but not the way the user asked (e.g. online geocoder unreachable)."""


class GeocoderLike(Protocol):
    """The slice of geopy's geocoder interface tourmap relies on."""

    def geocode(self, query: str, *args: Any, **kwargs: Any) -> Any: ...


class Suggesting(GeocoderLike, Protocol):
    def suggest(self, query: str, n: int = 3) -> list[str]: ...


SYSTEM_CLOCK = SystemClock()


class CachedGeocoder:
    """Any geopy geocoder behind a shared rate limit, a time budget and a JSON disk cache.

    - A repeat build asks nothing: places found are kept, "nothing found" for a day.
    - Requests keep ``min_delay_seconds`` between them, counted across every build sharing the
      cache folder (parallel builds together keep Nominatim's 1 request/s).
    - All requests of one build share ``budget_seconds``; each request's timeout is what is left.
    - At the first failure (unreachable, timed out, an HTTP error, an answer it cannot read) it
      stops asking for the rest of the build, and the next builds do not ask for an hour.
    When it does not ask, ``geocode`` raises ``GeocoderUnavailable`` with the reason for people.
    """

    def __init__(
        self,
        geocoder: Any,
        cache_dir: Path,
        *,
        name: str | None = None,
        cache_name: str | None = None,
        min_delay_seconds: float = 1.0,
        budget_seconds: float = GEOCODER_BUDGET_SECONDS,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self.geocoder = geocoder
        self.name = name or type(geocoder).__name__
        self.min_delay_seconds = min_delay_seconds
        self.budget_seconds = budget_seconds
        self.requests = 0
        self._clock = clock
        self._file = CacheFile(cache_dir / f"geocode-{(cache_name or self.name).lower()}.json", self._warn)
        self._state = self._file.load()
        self._mine = CacheState()  # what this build learnt, merged into the file at each save
        self._deadline: float | None = None
        self._stopped: str | None = None  # why this build asks no more

    @property
    def cache_path(self) -> Path:
        return self._file.path

    def _warn(self, message: str) -> None:
        warnings.warn(message, TourmapWarning, stacklevel=2)

    def geocode(
        self, query: str, exactly_one: bool = True, *, country_codes: Sequence[str] | None = None, **_: Any
    ) -> Location | None:
        codes = sorted(c.lower() for c in country_codes or ())
        key = hashlib.sha1(json.dumps([query, codes]).encode()).hexdigest()
        now = self._clock.now()
        hit = self._state.answers.get(key)
        if hit is None or not hit.fresh(now):
            hit = self._ask(query, codes, now)
            self._remember(with_answer(self._mine, key, hit))
        if not hit.found:
            return None
        raw = {
            "source": self.name,
            "query": hit.query,
            "address": hit.address,
            "lat": hit.lat,
            "lon": hit.lon,
        }
        return Location(hit.address, (hit.lat, hit.lon), raw)

    def _ask(self, query: str, codes: list[str], now: float) -> Answer:
        """One request, paced and within the budget; ``GeocoderUnavailable`` when it may not ask."""
        if self._stopped is None and (down := self._state.down(now)) is not None:
            self._stopped = (
                f"{self.name} {down.reason} at {_clock_time(down.at)}, "
                f"not asked again before {_clock_time(down.at + FAILURE_TTL)}"
            )
        if self._stopped is not None:
            raise GeocoderUnavailable(self._stopped)
        if self._deadline is None:
            self._deadline = now + self.budget_seconds
        latest = self._deadline - min(MIN_REQUEST_SECONDS, self.budget_seconds / 2)
        sent = self._file.take_turn(self._clock, self.min_delay_seconds, latest)
        if sent is None:
            self._stopped = (
                f"{self.name}: the {_seconds(self.budget_seconds)} budget for online lookups was spent "
                "(TOURMAP_GEOCODER_BUDGET)"
            )
            raise GeocoderUnavailable(self._stopped)
        timeout = max(self._deadline - sent, 0.1)
        kwargs: dict[str, Any] = {"exactly_one": True, "timeout": timeout}
        if codes:
            kwargs["country_codes"] = codes
        self.requests += 1
        try:
            found = _within(timeout + _GRACE_SECONDS, lambda: self.geocoder.geocode(query, **kwargs))
            return _answer(query, codes, found, self._clock.now())
        except Exception as err:
            reason = _failure(err, timeout)
            self._remember(replace(self._mine, outage=Outage(self._clock.now(), reason)))
            self._stopped = f"{self.name} {reason}"
            raise GeocoderUnavailable(self._stopped) from err

    def _remember(self, mine: CacheState) -> None:
        self._mine = mine
        self._state = merge(self._state, self._file.save(mine))


class _Deadline(TimeoutError):
    """A request still running when the build stopped waiting for it."""


def _within(seconds: float, call: Callable[[], _T]) -> _T:
    """``call()``, waited for at most ``seconds``: a socket timeout does not bound a DNS lookup or a
    server that trickles bytes, so the request runs in a daemon thread the build can walk away from.
    """
    box: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            box.append((True, call()))
        except BaseException as err:  # handed to the caller, never printed by the thread
            box.append((False, err))

    worker = threading.Thread(target=run, name="tourmap-geocoder-request", daemon=True)
    worker.start()
    worker.join(seconds)
    if not box:
        raise _Deadline(f"no answer within {seconds:.1f} s")
    ok, value = box[0]
    if ok:
        return value  # type: ignore[no-any-return]
    raise value


class _UnreadableAnswer(ValueError):
    """A Location that cannot be a place on Earth."""


def _answer(query: str, codes: list[str], found: Any, at: float) -> Answer:
    """The provider's answer checked: a place has finite coordinates on Earth, its name is bounded."""
    if found is None:
        return Answer(query, tuple(codes), at)
    lat, lon = float(found.latitude), float(found.longitude)
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise _UnreadableAnswer("coordinates off the Earth")
    address = found.address if isinstance(found.address, str) and found.address.strip() else query
    return Answer(query, tuple(codes), at, address[:_MAX_ADDRESS], lat, lon)


def _failure(err: BaseException, timeout: float) -> str:
    """A failure in words for people, from the whole chain of causes (never a server's body)."""
    from geopy.adapters import AdapterHTTPError
    from geopy.exc import GeocoderParseError, GeocoderTimedOut
    from geopy.exc import GeocoderUnavailable as Unavailable

    chain = _causes(err)
    for e in chain:
        if isinstance(e, AdapterHTTPError):
            return f"answered HTTP {e.status_code}"
    for e in chain:
        if isinstance(e, socket.gaierror):
            return "unreachable (host name not resolved)"
        if isinstance(e, ConnectionRefusedError):
            return "unreachable (connection refused)"
        if isinstance(e, (TimeoutError, GeocoderTimedOut)):
            return f"unreachable (timed out after {_seconds(timeout)})"
    for e in chain:  # a socket's own error (geopy's and urllib's wrappers have no strerror)
        if isinstance(e, OSError) and e.strerror:
            return f"unreachable ({e.strerror[:80]})"
    if any(isinstance(e, Unavailable) for e in chain):
        return "unreachable (service unavailable)"
    if any(isinstance(e, GeocoderParseError) for e in chain):
        return "answered with something that is not JSON"
    if isinstance(err, OSError):
        return f"unreachable ({type(err).__name__})"
    if isinstance(err, _UnreadableAnswer):
        return f"answered with {err}"
    return f"answered with something tourmap cannot read ({type(err).__name__})"


def _causes(err: BaseException) -> list[BaseException]:
    """``err``, what it was raised from or during, and a URLError's reason, without cycles."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [err]
    while todo:
        e = todo.pop(0)
        if e is None or any(e is s for s in seen):
            continue
        seen.append(e)
        reason = getattr(e, "reason", None)
        todo += [e.__cause__, e.__context__, reason if isinstance(reason, BaseException) else None]
    return seen


def _seconds(value: float) -> str:
    return f"{value:.0f} s" if value >= 1.5 else f"{value:.1f} s"


def _clock_time(at: float) -> str:
    return time.strftime("%H:%M", time.localtime(at))


def _country_of(loc: Location) -> str | None:
    raw = loc.raw if isinstance(loc.raw, dict) else {}
    code = raw.get("country") or raw.get("countrycode") or raw.get("country_code")
    return str(code).upper() if code else None


def _ask_online(online: GeocoderLike, name: str, codes: list[str]) -> tuple[Location | None, str | None]:
    """The online answer, or why there is none to use (a failure, worded for the warning)."""
    try:
        return online.geocode(name, country_codes=codes or None), None
    except GeocoderUnavailable as err:  # CachedGeocoder's: already worded for people
        return None, str(err)
    except Exception as err:  # any other provider failure: fall back, but say so
        return None, f"{getattr(online, 'name', 'the online geocoder')} failed ({type(err).__name__})"


def _from_gazetteer(
    name: str,
    country: str | None,
    codes: list[str],
    gazetteer: Suggesting,
    what: str,
    online_failure: str | None,
) -> Location:
    loc = gazetteer.geocode(name, country_codes=codes or None)
    if loc is None and not country and codes:
        loc = gazetteer.geocode(name)  # the tour's context was only a preference
    if loc is None:
        hints = gazetteer.suggest(name)
        hint = f"; did you mean: {', '.join(hints)}?" if hints else ""
        where = f" in {country}" if country else ""
        unused = f"; the online geocoder was not used: {online_failure}" if online_failure else ""
        raise GeocodeError(
            f"{what} {brief(name)}{where} not found in the GeoNames gazetteer{hint} "
            f"(fix the name, or pin lat/lon in the tour file){unused}"
        )
    return loc


def _names(names: list[str], limit: int = 12) -> str:
    """Names for a warning line: each bounded, at most ``limit`` of them, no repeats."""
    unique = [n if len(n) <= 40 else n[:39] + "…" for n in dict.fromkeys(names)]
    more = f", and {len(unique) - limit} more" if len(unique) > limit else ""
    return ", ".join(unique[:limit]) + more


def place_tour(tour: Tour, gazetteer: Suggesting, *, online: GeocoderLike | None = None) -> Tour:
    """Fill in coordinates for every stop and place that has none; pinned ones are kept as they are.

    Ambiguous names are resolved by the stop's own country, else by the countries the tour names.
    When the online geocoder could not be used, the gazetteer places those names and one warning
    per reason names them all (not one warning per name).
    """
    context = tour.countries()
    offline: dict[str, list[str]] = {}  # why the online geocoder was not used -> names placed offline

    def place(item: _Item, where: str) -> _Item:
        if item.located:
            return item
        codes = [item.country] if item.country else list(context)
        loc, by, failure = None, GEONAMES, None
        if online is not None:
            loc, failure = _ask_online(online, item.name, codes)
            if failure is not None:
                offline.setdefault(failure, []).append(item.name)
            elif loc is not None:
                by = str(getattr(online, "name", "online geocoder"))
        if loc is None:
            loc = _from_gazetteer(item.name, item.country, codes, gazetteer, f"{where} ({item.id}):", failure)
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
    for why, names in offline.items():
        warnings.warn(
            f"{why}; placed with the offline GeoNames gazetteer instead: {_names(names)}",
            TourmapWarning,
            stacklevel=2,
        )
    return tour.with_places(stops, places)


def nominatim(
    user_agent: str,
    cache_dir: Path,
    *,
    url: str = NOMINATIM_URL,
    min_delay_seconds: float = 1.0,
    budget_seconds: float = GEOCODER_BUDGET_SECONDS,
    clock: Clock = SYSTEM_CLOCK,
) -> CachedGeocoder:
    """OpenStreetMap's Nominatim (or a self-hosted one at ``url``), identified, rate-limited, cached.

    Each address gets its own cache file: another server may answer differently. Requests go
    through the standard library (geopy's URLLibAdapter): one attempt each, no hidden retries, so
    the time budget alone decides how long a build may wait; and ``requests`` is not a dependency.
    """
    from geopy.adapters import URLLibAdapter
    from geopy.geocoders import Nominatim

    parts = urlsplit(url)
    suffix = "" if url == NOMINATIM_URL else "-" + hashlib.sha1(url.encode()).hexdigest()[:10]
    return CachedGeocoder(
        Nominatim(
            user_agent=user_agent,
            domain=parts.netloc + parts.path.rstrip("/"),
            scheme=parts.scheme,
            timeout=budget_seconds,
            adapter_factory=URLLibAdapter,
        ),
        cache_dir,
        name="Nominatim",
        cache_name=f"nominatim{suffix}",
        min_delay_seconds=min_delay_seconds,
        budget_seconds=budget_seconds,
        clock=clock,
    )
