"""The online geocoder's disk cache: one JSON file per provider, shared safely by parallel builds.

Plumbing for ``tourmap.geocode``. Several builds may run at once (a batch, the dashboard, a CLI
build), so:

- every write re-reads the file under an ``flock`` and merges, so no build loses another's answers;
- the time of the last request to the provider lives in the lock file beside the cache, so all
  builds together keep the provider's rate limit (Nominatim: 1 request/s), not each on its own;
- a damaged file is renamed aside with a warning, never silently trusted or dropped;
- a cache that cannot be used (its path is a folder, its folder a file, no permission) costs one
  warning, and geocoding goes on with the answers kept in memory.

The file format (``FORMAT``) keeps when each answer was given, so that "nothing found" can expire
(``NOT_FOUND_TTL``) and a failure is remembered for a while (``FAILURE_TTL``) rather than paid for
again by the next build. Places found are kept: they do not move.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Protocol

from tourmap._atomic import atomic_write_text

FORMAT = 2
NOT_FOUND_TTL = 24 * 3600.0  # a day: a name Nominatim did not know may be added, or was a typo
FAILURE_TTL = 3600.0  # an hour: long enough to spare the next builds, short enough to retry today
_MAX_SKEW = 60.0  # a stored "last request" further ahead than this means the clock went back


class Clock(Protocol):
    """Wall-clock time and sleep; tests pass a fake one instead of waiting."""

    def now(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> float:
        return time.time()  # wall clock: it is compared with times other processes wrote

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class DamagedCache(ValueError):
    """The cache file is not JSON in the shape this module writes."""


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer of the provider for (query, countries): a place, or nothing found (no address)."""

    query: str
    countries: tuple[str, ...]
    at: float  # when it was given (seconds since the epoch); 0 for answers of the first format
    address: str | None = None
    lat: float = 0.0
    lon: float = 0.0

    @property
    def found(self) -> bool:
        return self.address is not None

    def fresh(self, now: float) -> bool:
        """Places are kept for good; "nothing found" is asked again after a day."""
        return self.found or now - self.at < NOT_FOUND_TTL


@dataclass(frozen=True, slots=True)
class Outage:
    """The provider failed at ``at``; ``reason`` is worded for people, e.g. 'answered HTTP 503'."""

    at: float
    reason: str


@dataclass(frozen=True, slots=True)
class CacheState:
    """Everything the cache file holds; merging two states loses nothing either knew."""

    answers: Mapping[str, Answer] = field(default_factory=dict)
    outage: Outage | None = None  # the latest failure
    answered_at: float | None = None  # the latest successful request

    def down(self, now: float) -> Outage | None:
        """The failure to respect now: recent, and not followed by a successful request."""
        out = self.outage
        if out is None or not 0 <= now - out.at < FAILURE_TTL:
            return None
        if self.answered_at is not None and self.answered_at >= out.at:
            return None
        return out


def merge(a: CacheState, b: CacheState) -> CacheState:
    """Union of two states; for the same query the newer answer wins, and the newer failure."""
    answers = dict(a.answers)
    for key, answer in b.answers.items():
        if key not in answers or answer.at >= answers[key].at:
            answers[key] = answer
    outages = [o for o in (a.outage, b.outage) if o is not None]
    times = [t for t in (a.answered_at, b.answered_at) if t is not None]
    return CacheState(
        answers,
        max(outages, key=lambda o: o.at) if outages else None,
        max(times) if times else None,
    )


def with_answer(state: CacheState, key: str, answer: Answer) -> CacheState:
    return replace(state, answers={**state.answers, key: answer}, answered_at=answer.at)


# --------------------------------------------------------------------------- file format


def dumps(state: CacheState) -> str:
    answers: dict[str, dict[str, Any]] = {}
    for key, a in sorted(state.answers.items()):
        entry: dict[str, Any] = {"query": a.query, "countries": list(a.countries), "at": a.at}
        entry.update({"address": a.address, "lat": a.lat, "lon": a.lon} if a.found else {"address": None})
        answers[key] = entry
    data = {
        "format": FORMAT,
        "answers": answers,
        "outage": None if state.outage is None else {"at": state.outage.at, "reason": state.outage.reason},
        "answered_at": state.answered_at,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def parse(text: str) -> CacheState:
    """The state in a cache file, of this format or the first one; ``DamagedCache`` otherwise."""
    try:
        data = json.loads(text)
    except ValueError as err:
        raise DamagedCache("not valid JSON") from err
    if not isinstance(data, dict):
        raise DamagedCache(f"a JSON {type(data).__name__}, not an object")
    if "format" not in data:
        return _parse_first_format(data)
    if data["format"] != FORMAT or not isinstance(data.get("answers"), dict):
        raise DamagedCache(f"not the format {FORMAT} this tourmap writes")
    answers = {str(k): _answer(v) for k, v in data["answers"].items()}
    outage = data.get("outage")
    if outage is not None:
        if not isinstance(outage, dict) or not isinstance(outage.get("reason"), str):
            raise DamagedCache("an outage entry of the wrong shape")
        outage = Outage(_number(outage.get("at")), outage["reason"][:200])
    answered_at = data.get("answered_at")
    return CacheState(answers, outage, None if answered_at is None else _number(answered_at))


def _parse_first_format(data: dict[str, Any]) -> CacheState:
    """tourmap's first cache: {key: null | {address, lat, lon, query}}, with no dates.

    Its places are kept; its "nothing found" entries had no date, so they count as expired.
    """
    answers: dict[str, Answer] = {}
    for key, value in data.items():
        if value is None:
            continue
        if not isinstance(value, dict):
            raise DamagedCache("an entry of the wrong shape")
        answers[str(key)] = _answer({**value, "at": 0.0, "countries": []})
    return CacheState(answers)


def _answer(value: object) -> Answer:
    if not isinstance(value, dict) or not isinstance(value.get("query"), str):
        raise DamagedCache("an entry of the wrong shape")
    countries = value.get("countries")
    if not isinstance(countries, list) or not all(isinstance(c, str) for c in countries):
        raise DamagedCache("an entry of the wrong shape")
    at, address = _number(value.get("at")), value.get("address")
    if address is None:
        return Answer(value["query"], tuple(countries), at)
    lat, lon = _number(value.get("lat")), _number(value.get("lon"))
    if not isinstance(address, str) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise DamagedCache("an entry of the wrong shape")
    return Answer(value["query"], tuple(countries), at, address, lat, lon)


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DamagedCache("an entry of the wrong shape")
    return float(value)


# --------------------------------------------------------------------------- the files


class CacheFile:
    """``geocode-NAME.json`` and its lock file ``geocode-NAME.lock`` in the cache folder.

    The lock file also holds the time of the last request any build sent to the provider.
    ``warn`` receives one line for people when the file is damaged or cannot be used.
    """

    def __init__(self, path: Path, warn: Callable[[str], None]) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name.removesuffix(".json") + ".lock")
        self._warn = warn
        self._usable = True
        self._last_request = -math.inf  # used when the folder cannot hold the shared time

    def load(self) -> CacheState:
        if not self.path.parent.exists():
            return CacheState()
        try:
            with self._locked():
                return self._read()
        except OSError as err:
            self._give_up(err)
        try:  # no lock, no writing: its answers may still be read (a read-only shared cache)
            return parse(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return CacheState()

    def save(self, mine: CacheState) -> CacheState:
        """Merge ``mine`` into the file as it is now (another build may have written to it)."""
        if not self._usable:
            return mine
        try:
            with self._locked():
                merged = merge(self._read(), mine)
                atomic_write_text(self.path, dumps(merged))
                return merged
        except OSError as err:
            self._give_up(err)
            return mine

    def take_turn(self, clock: Clock, delay: float, latest: float) -> float | None:
        """Wait until ``delay`` has passed since any build's last request, then take the turn.

        Returns the time of this request, written for the other builds just before it is sent;
        None when the turn would come after ``latest`` (the time budget). The time is written
        when the turn is taken, not booked ahead: a build that wakes up late looks again, so
        requests stay ``delay`` apart even on a busy machine.
        """
        while True:
            now = clock.now()
            if now > latest:
                return None
            ready = self._try_turn(now, delay)
            if ready <= now:
                return now
            if ready > latest:
                return None
            clock.sleep(ready - now)

    def _try_turn(self, now: float, delay: float) -> float:
        """When the next request may go; if that is ``now``, the turn is taken (written down)."""
        if self._usable:
            try:
                with self._locked() as lock:
                    ready = self._ready(now, delay, _float(lock.read(64)))
                    if ready <= now:
                        lock.seek(0)
                        lock.truncate()
                        lock.write(repr(now).encode())
                        lock.flush()
                        self._last_request = now
                    return ready
            except OSError as err:
                self._give_up(err)
        ready = self._ready(now, delay, -math.inf)
        if ready <= now:
            self._last_request = now
        return ready

    def _ready(self, now: float, delay: float, shared_last: float) -> float:
        last = max(shared_last, self._last_request)
        if last > now + _MAX_SKEW:
            last = -math.inf  # the clock went back: do not wait for a time that never comes
        return max(now, last + delay)

    @contextmanager
    def _locked(self) -> Iterator[IO[bytes]]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        with os.fdopen(fd, "r+b") as lock:
            if sys.platform != "win32":
                import fcntl

                fcntl.flock(lock.fileno(), fcntl.LOCK_EX)  # released when the file is closed
            yield lock

    def _read(self) -> CacheState:
        """The file's state, under the lock; a damaged file is set aside and counts as empty."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return CacheState()
        try:
            return parse(raw.decode("utf-8"))
        except UnicodeDecodeError:
            why = "not UTF-8 text"
        except DamagedCache as err:
            why = str(err)
        aside = self._set_aside()
        self._warn(
            f"the geocoder cache {self.path} was damaged ({why}); set aside as {aside.name}, "
            "and a new one started"
        )
        return CacheState()

    def _set_aside(self) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        self.path.rename(aside)
        return aside

    def _give_up(self, err: OSError) -> None:
        if self._usable:
            self._usable = False
            self._warn(
                f"cannot use the geocoder cache {self.path} ({err.strerror or type(err).__name__}); "
                "geocoding goes on without it, so the next build asks again"
            )


def _float(raw: bytes) -> float:
    try:
        value = float(raw.decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        return -math.inf
    return value if math.isfinite(value) else -math.inf
