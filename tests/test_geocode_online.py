"""The online geocoder against real HTTP on 127.0.0.1: a Nominatim that answers, fails or stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tourmap.errors import InputError
from tourmap.geocode import nominatim
from tourmap.settings import Settings

from .fake_nominatim import FakeNominatim, serving

UA = "tourmap-tests/1.0 (newsroom)"


def test_nominatim_asks_the_configured_address_and_identifies_itself(tmp_path: Path) -> None:
    with serving(FakeNominatim({"Lima": (-12.05, -77.04, "Lima, Peru")})) as fake:
        geocoder = nominatim(UA, tmp_path, url=fake.url + "/nominatim/", min_delay_seconds=0)
        loc = geocoder.geocode("Lima", country_codes=["PE"])
    assert loc is not None and (loc.latitude, loc.longitude) == (-12.05, -77.04)
    assert loc.address == "Lima, Peru"
    assert [(r.path, r.query, r.countries, r.user_agent) for r in fake.requests] == [
        ("/nominatim/search", "Lima", "pe", UA)
    ]


def test_settings_read_the_nominatim_address(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().nominatim_url == "https://nominatim.openstreetmap.org"
    monkeypatch.setenv("TOURMAP_NOMINATIM_URL", "http://127.0.0.1:8088/nominatim")
    assert Settings.from_env().nominatim_url == "http://127.0.0.1:8088/nominatim"


@pytest.mark.parametrize("url", ["nominatim.example.org", "ftp://nominatim.example.org", "https://"])
def test_a_bad_nominatim_address_is_refused_in_one_line(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tourmap.cli import main

    monkeypatch.setenv("TOURMAP_NOMINATIM_URL", url)
    with pytest.raises(InputError, match="TOURMAP_NOMINATIM_URL"):
        Settings.from_env()
    assert main(["build", "--online-geocoder", "-o", "/nonexistent-dir/map.html"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "TOURMAP_NOMINATIM_URL" in err and repr(url) in err
