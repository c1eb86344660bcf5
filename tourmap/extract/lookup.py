"""Stage 2, ``lookup``: every capitalised n-gram of the article looked up in the gazetteer at once.

One article yields a few hundred capitalised n-grams; asking ``Gazetteer.geocode`` for each
would cost ~70 µs apiece, so they are looked up in one indexed SQL query per article. That
reads the index's tables through ``Gazetteer.query``, its public read-only SQL door. The layer
(``doc.lookup``) says what each n-gram can mean; later stages decide what it does mean.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from tourmap.extract.doc import Doc
from tourmap.extract.lexicon import COUNTRY_EXTRA, DEMONYMS, FUNCTION_WORDS, REGION_POINTS
from tourmap.gazetteer import Gazetteer, fold

__all__ = [
    "HYPHEN_PARTS",
    "MAX_NGRAM",
    "NAMED_CITY",
    "Hit",
    "Lookup",
    "NgramKeys",
    "country_of",
    "distance_km",
    "is_strong_place",
    "key_of",
    "look_up",
    "metropolis_of",
]

_CHUNK = 500  # SQLite's default limit is 999 bound parameters per statement
MAX_NGRAM = 5
NAMED_CITY = 100_000
HYPHEN_PARTS = re.compile(r"[-–/]")

NgramKeys = dict[tuple[int, int], str]
"""(first token, last token) -> folded key of that capitalised n-gram."""


class Hit(NamedTuple):
    """A gazetteer entry a name can mean: a country (by code), a city, or a region inside a
    country (a US state, a Canadian province, an English county: ``lexicon.REGION_POINTS``, at
    its capital's point; its ``geonameid`` is negative, as no GeoNames city is one)."""

    kind: Literal["country", "city", "region"]
    iso: str
    name: str
    geonameid: int = 0
    population: int = 0
    own: bool = True
    capital: bool = False
    lat: float | None = None
    lon: float | None = None
    alias: bool = False  # a spelling only this module knows ("Democratic Republic of Congo")
    admin1: str = ""  # GeoNames first-level division (a US state's postal code), when known


@dataclass(frozen=True, slots=True)
class Lookup:
    """The hits of every key asked, plus country facts the rules need (names, capitals), and
    the key of each capitalised n-gram (``ngrams``)."""

    hits: dict[str, tuple[Hit, ...]]
    country_names: dict[str, str]
    capitals: dict[str, Hit]
    ngrams: NgramKeys

    def get(self, key: str) -> tuple[Hit, ...]:
        return self.hits.get(key, ())


def look_up(doc: Doc) -> Doc:
    """The ``lookup`` stage: what each capitalised n-gram (and each part of "US-Mexican") can
    name, with the names and capitals of the countries the article names or cues."""
    demonym_isos = {DEMONYMS[t.lower] for t in doc.tokens if t.cap and DEMONYMS.get(t.lower)}
    ngrams = ngram_keys(doc)
    return doc.annotated(lookup=_lookup(doc.gazetteer, ngrams, candidate_keys(doc, ngrams), demonym_isos))


def ngram_keys(doc: Doc) -> NgramKeys:
    """Folded n-grams of every capitalised run, computed once per article."""
    keys: NgramKeys = {}
    toks = doc.tokens
    plain = doc.plain
    for run in doc.runs:
        last = run.last
        for i in range(run.first, last + 1):
            first = toks[i]
            if not first.cap or (first.lower in FUNCTION_WORDS and not first.text.isupper()):
                continue  # "But Tillerson", "In October": no place starts with a function word
            start = first.start
            for j in range(i, min(last, i + MAX_NGRAM - 1) + 1):
                tok = toks[j]
                if tok.cap:
                    keys[(i, j)] = key_of(plain[start : tok.end])
    return keys


def candidate_keys(doc: Doc, ngrams: NgramKeys) -> set[str]:
    """Every key to look up: the n-grams and the parts of hyphenated words ("US-Mexican")."""
    keys = set(ngrams.values())
    for tok in doc.tokens:
        if tok.cap and ("-" in tok.text or "–" in tok.text):
            keys.update(key_of(part) for part in HYPHEN_PARTS.split(tok.text) if part)
    return keys


def country_of(lookup: Lookup, key: str) -> str | None:
    """ISO code when a folded word names a country (or is its demonym)."""
    iso = DEMONYMS.get(key)
    if iso:
        return iso
    hits = lookup.get(key)
    return hits[0].iso if hits and hits[0].kind == "country" else None


def is_strong_place(lookup: Lookup, key: str) -> bool:
    """A country, or a city big enough that a bare mention of it means the city."""
    for hit in lookup.get(key):
        if hit.kind == "country" or (hit.own and (hit.capital or hit.population >= NAMED_CITY)):
            return True
    return False


def _lookup(
    gazetteer: Gazetteer, ngrams: NgramKeys, keys: Iterable[str], extra_isos: Iterable[str]
) -> Lookup:
    """Hits for each folded key: countries first, then cities (own names, then by population).

    ``extra_isos`` are countries known otherwise (demonyms, datelines) whose names and capitals
    the rules may need too.
    """
    wanted = sorted({k for k in keys if k})
    country_keys = _country_keys(gazetteer)
    countries: dict[str, str] = {k: country_keys[k] for k in wanted if k in country_keys}
    cities: dict[str, list[Hit]] = {}
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = gazetteer.query(
            "SELECT n.key, p.geonameid, p.name, p.country, p.population, p.is_capital, n.rank, p.lat, p.lon,"
            " p.admin1"
            " FROM names n JOIN places p ON p.geonameid = n.geonameid"
            f" WHERE n.key IN ({marks}) ORDER BY n.key, n.rank, p.population DESC, p.geonameid",
            chunk,
        )
        for key, gid, name, iso, pop, cap, rank, lat, lon, admin1 in rows:
            cities.setdefault(str(key), []).append(
                Hit(
                    "city",
                    str(iso),
                    str(name),
                    int(gid),
                    int(pop),
                    int(rank) == 0,
                    bool(cap),
                    lat,
                    lon,
                    admin1=str(admin1),
                )
            )
    aliases: set[str] = set()
    for key in wanted:
        extra = COUNTRY_EXTRA.get(key)
        if extra is not None:
            if extra:
                if countries.get(key) != extra:
                    aliases.add(key)
                countries[key] = extra
            else:
                countries.pop(key, None)
                cities.pop(key, None)
    _umlaut_spellings(gazetteer, wanted, countries, cities)
    names: dict[str, str] = {}
    hits: dict[str, tuple[Hit, ...]] = {}
    for key in wanted:
        found: list[Hit] = []
        iso = countries.get(key)
        if iso:
            cname = names.setdefault(iso, gazetteer.country_name(iso) or iso)
            found.append(Hit("country", iso, cname, alias=key in aliases))
        found.extend(cities.get(key, ()))
        region = _region(key)
        if region is not None:
            # a state before towns of its name ("Oregon", "Nevada"), after a famous city ("New York")
            lead = 0
            while lead < len(found) and (
                found[lead].kind == "country"
                or found[lead].capital
                or found[lead].population >= BIG_REGION_CITY
            ):
                lead += 1
            found.insert(lead, region)
        if found:
            hits[key] = tuple(found)
    wanted_capitals = set(names)
    for iso in extra_isos:
        if iso:
            wanted_capitals.add(iso)
            names.setdefault(iso, gazetteer.country_name(iso) or iso)
    for readings in hits.values():
        for hit in readings:
            if hit.iso not in names:  # not setdefault: its default would be looked up every time
                names[hit.iso] = gazetteer.country_name(hit.iso) or hit.iso
    return Lookup(hits, names, _capitals(gazetteer, sorted(wanted_capitals)), ngrams)


_COUNTRY_KEYS: dict[str, dict[str, str]] = {}


def _country_keys(gazetteer: Gazetteer) -> dict[str, str]:
    """Every folded country name of the gazetteer and its ISO code, read once per gazetteer file:
    the table is small (~300 rows) and a dict beats an ``IN (...)`` query of ~190 keys per article."""
    key = str(gazetteer.path)
    found = _COUNTRY_KEYS.get(key)
    if found is None:
        found = {str(k): str(iso) for k, iso in gazetteer.query("SELECT key, iso FROM country_names")}
        _COUNTRY_KEYS[key] = found
    return found


_UMLAUT_PAIRS = re.compile(r"ue|oe|ae")
_UMLAUT_COUNTRIES = frozenset({"DE", "AT", "CH", "LI", "LU"})
"""Where "ue"/"oe"/"ae" is the usual ASCII spelling of "ü"/"ö"/"ä" ("ß" already folds to "ss")."""


def _umlaut_spellings(
    gazetteer: Gazetteer, wanted: list[str], countries: dict[str, str], cities: dict[str, list[Hit]]
) -> None:
    """Unknown names written the German way without umlauts ("Koenigstein" for Königstein): read
    as the folded umlaut ("konigstein"), and only as a town of a German-speaking country (so that
    "Michael" never becomes a town "Michal"). The hits are aliases: the article's spelling is
    not one the gazetteer finds again."""
    unknown = {
        k: _UMLAUT_PAIRS.sub(lambda m: m.group(0)[0], k)
        for k in wanted
        # the substring tests first: most keys have no such pair, and they cost less than a search
        if k not in cities and k not in countries and ("ue" in k or "oe" in k or "ae" in k)
    }
    if not unknown:
        return
    plain = sorted(set(unknown.values()))
    marks = ",".join("?" * len(plain))
    rows = gazetteer.query(
        "SELECT n.key, p.geonameid, p.name, p.country, p.population, p.is_capital, n.rank, p.lat, p.lon,"
        " p.admin1"
        " FROM names n JOIN places p ON p.geonameid = n.geonameid"
        f" WHERE n.key IN ({marks}) ORDER BY n.key, n.rank, p.population DESC, p.geonameid",
        plain[:_CHUNK],
    )
    found: dict[str, list[Hit]] = {}
    for key, gid, name, iso, pop, cap, rank, lat, lon, admin1 in rows:
        if str(iso) in _UMLAUT_COUNTRIES:
            hit = Hit("city", str(iso), str(name), int(gid), int(pop), int(rank) == 0, bool(cap), lat, lon)
            found.setdefault(str(key), []).append(hit._replace(alias=True, admin1=str(admin1)))
    for key, alt in unknown.items():
        if alt in found:
            cities[key] = found[alt]


_CAPITALS: dict[str, dict[str, Hit]] = {}


def _capitals(gazetteer: Gazetteer, isos: Iterable[str]) -> dict[str, Hit]:
    """The capitals of these countries. Every capital is read in one query the first time a
    gazetteer file is used (~250 rows), not one query per article; ``Gazetteer.capital_of``
    builds geopy objects, 250 ms to import."""
    key = str(gazetteer.path)
    every = _CAPITALS.get(key)
    if every is None:
        rows = gazetteer.query(
            "SELECT c.iso, p.geonameid, p.name, p.population, p.lat, p.lon FROM countries c"
            " JOIN places p ON p.geonameid = c.capital"
        )
        every = {
            str(iso): Hit("city", str(iso), str(name), int(gid), int(pop), True, True, float(lat), float(lon))
            for iso, gid, name, pop, lat, lon in rows
        }
        _CAPITALS[key] = every
    return {iso: every[iso] for iso in sorted(set(isos)) if iso in every}


BIG_REGION_CITY = 1_000_000
"""A city this big, or a capital, is what its name means before a region of the same name."""


@lru_cache(maxsize=256)
def _region(key: str) -> Hit | None:
    """The region a folded name means ("new hampshire"), as a hit at its capital's point."""
    entry = REGION_POINTS.get(key)
    if entry is None:
        return None
    name, iso, admin1, lat, lon = entry
    ident = -1 - sorted(REGION_POINTS).index(key)
    return Hit("region", iso, name, ident, 0, True, False, lat, lon, admin1=admin1)


_ABBREVIATED = frozenset({"st", "ste", "mt", "ft"})


@lru_cache(maxsize=1 << 16)
def key_of(surface: str) -> str:
    """The folded key of a surface form, with a leading "the" dropped ("the Gambia").

    Plain ASCII words (most names) skip ``fold``'s regular expressions: same key, 10x faster.
    """
    if surface.isascii() and surface.replace(" ", "").isalpha() and "  " not in surface:
        key = surface.lower().strip()
        if any(w in _ABBREVIATED for w in key.split()):
            key = fold(surface)
    else:
        key = fold(surface)
    return key[4:] if key.startswith("the ") else key


def distance_km(a: Hit, b: Hit) -> float:
    """Great-circle distance between two located hits (inf when either has no coordinates)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


METROPOLIS = 1_000_000
_DISTRICT_KM = 12.0  # Manhattan and Brooklyn lie 8 km from New York City's point; Versailles, 17 from Paris'
_DISTRICT_RATIO = 3
_METROPOLISES: dict[str, dict[tuple[str, str], tuple[Hit, ...]]] = {}
"""Per gazetteer file: the cities of a million people or more by (country, first-level
division), in the query's order; a city looks only at those of its own state or province."""


def metropolis_of(gazetteer: Gazetteer, hit: Hit) -> Hit | None:
    """The city of a million people or more that a city hit is a district or borough of
    ("Manhattan", "Brooklyn" -> New York City): within ``_DISTRICT_KM`` of it, in its state or
    province, and a third of its size at most; None for any other place."""
    if hit.kind != "city" or hit.lat is None:
        return None
    key = str(gazetteer.path)
    bigs = _METROPOLISES.get(key)
    if bigs is None:
        rows = gazetteer.query(
            "SELECT geonameid, name, country, population, is_capital, lat, lon, admin1 FROM places"
            " WHERE population >= ?",
            [METROPOLIS],
        )
        by_area: dict[tuple[str, str], list[Hit]] = {}
        for gid, name, iso, pop, cap, lat, lon, a1 in rows:
            big = Hit(
                "city", str(iso), str(name), int(gid), int(pop), True, bool(cap), lat, lon, admin1=str(a1)
            )
            by_area.setdefault((big.iso, big.admin1), []).append(big)
        bigs = {area: tuple(found) for area, found in by_area.items()}
        _METROPOLISES[key] = bigs
    for big in bigs.get((hit.iso, hit.admin1), ()):
        if (
            big.geonameid != hit.geonameid
            and big.population >= _DISTRICT_RATIO * hit.population
            and distance_km(big, hit) <= _DISTRICT_KM
        ):
            return big
    return None
