"""Issue 11: the package works outside the checkout. The wheel carries what the code reads at
run time; the app starts from the package; version and ``python -m tourmap`` come from metadata.

The whole round trip (a fresh virtual environment, ``tourmap build``/``extract``/``app`` from a
temporary folder) is ``scripts/check_install.py``, run by ``make test`` before pytest.
"""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from scripts.check_install import WHEEL_MUST_HOLD, missing_from
from tourmap.cli import main
from tourmap.resources import app_script, data_dir, pages_dir
from tourmap.serve import APP_OPTIONS

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built from the sdist, as ``python -m build`` does: so the sdist must carry the files too,
    and nothing left in the checkout's build/ folder can slip into the wheel."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        check=True,
        timeout=300,
    )
    return next(out.glob("tourmap-*.whl"))


def test_the_wheel_holds_the_geodata_the_tour_and_the_pages(wheel: Path) -> None:
    assert missing_from(wheel) == []
    names = zipfile.ZipFile(wheel).namelist()
    # every file of data/geo/ and pages/ that the checkout tracks, and nothing written at run time
    for folder, package in (("data/geo", "tourmap/data/geo"), ("pages", "tourmap/pages")):
        for path in (ROOT / folder).iterdir():
            if path.suffix in (".geojson", ".json", ".md", ".py"):
                assert f"{package}/{path.name}" in names, path
    assert not [n for n in names if "/static/" in n or "__pycache__" in n or n.startswith("tests/")]
    assert len(WHEEL_MUST_HOLD) >= 12


def test_run_time_files_are_found_through_the_installed_packages() -> None:
    assert (data_dir() / "geo" / "countries.geojson").is_file()
    assert (data_dir() / "tillerson-2018" / "tour.yaml").is_file()
    assert sorted(p.name for p in pages_dir().glob("*.py") if p.name != "__init__.py") == [
        "article.py",
        "itinerary.py",
        "map.py",
        "quotes.py",
        "your_tour.py",
    ]
    assert app_script().is_file() and app_script().parent.name == "tourmap"


def test_the_default_map_builds_from_another_folder(tmp_path: Path) -> None:
    ran = subprocess.run(
        [sys.executable, "-m", "tourmap", "build", "-o", "m.html", "--offline"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert "Mexico City" in (tmp_path / "m.html").read_text(encoding="utf-8")


def test_the_version_is_the_installed_distributions() -> None:
    ran = subprocess.run(
        [sys.executable, "-m", "tourmap", "--version"], capture_output=True, text=True, timeout=60, check=True
    )
    assert ran.stdout == f"tourmap {importlib.metadata.version('tourmap')}\n"


def test_the_app_has_the_checkouts_streamlit_options() -> None:
    """``tourmap app`` runs from any folder, where .streamlit/config.toml is not: it passes the
    same options itself."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    flat = {
        f"{section}.{key}": str(value).lower() if isinstance(value, bool) else str(value)
        for section, options in config.items()
        for key, value in options.items()
    }
    assert flat == APP_OPTIONS


def test_the_app_without_its_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "streamlit" else real(name, *a)
    )
    assert main(["app"]) == 2
    err = capsys.readouterr().err
    assert err == "tourmap: error: the dashboard needs the app extra: pip install 'tourmap[app]'\n"


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1", "80x"])
def test_the_app_port_must_be_a_port(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["app", "--port", port])
    assert exit_.value.code == 2
    assert "a port is a number from 1 to 65535" in capsys.readouterr().err


def test_the_app_says_at_once_when_its_port_is_taken(capsys: pytest.CaptureFixture[str]) -> None:
    """Streamlit warmed the app for seconds, then logged "Port N is not available" and exited 1."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["app", "--port", str(port), "--address", "127.0.0.1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tourmap: error: cannot serve on 127.0.0.1:{port}: ") and err.count("\n") == 1
    assert "choose another with --port" in err
