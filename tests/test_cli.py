"""The command line: the default build, and every bad input refused in one line with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from geopy.distance import geodesic

from tourmap.cli import main, parser

from .conftest import ROOT, TILLERSON

GOOD = "title: t\nstops:\n  - {id: lima, name: Lima, country: PE}\n"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_build_writes_offline_html_and_geojson(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html, gj = tmp_path / "map.html", tmp_path / "tour.geojson"
    code, out, err = run(["build", "-o", str(html), "--offline", "--geojson", str(gj)], capsys)
    assert code == 0, err
    assert "5 stops: 1. Mexico City, 2. Argentina, 3. Peru, 4. Colombia, 5. Jamaica" in out
    assert html.stat().st_size <= 600_000
    data = json.loads(gj.read_text(encoding="utf-8"))
    kinds = [f["properties"]["kind"] for f in data["features"]]
    assert kinds.count("stop") == 5 and kinds.count("leg") == 4 and kinds.count("border") == 1
    assert kinds.count("place") == 3
    stops = [f for f in data["features"] if f["properties"]["kind"] == "stop"]
    assert [s["properties"]["order"] for s in stops] == [1, 2, 3, 4, 5]
    real = [
        (19.4326, -99.1332),
        (-34.6037, -58.3816),
        (-12.0464, -77.0428),
        (4.7110, -74.0721),
        (17.9712, -76.7936),
    ]
    for s, city in zip(stops, real, strict=True):
        lon, lat = s["geometry"]["coordinates"]
        assert geodesic((lat, lon), city).km < 60
    assert sum(len(s["properties"]["quotes"]) for s in stops) >= 10
    first_quote = stops[0]["properties"]["quotes"][0]
    assert first_quote == {"id": "q1", "text": "devastating impact", "speaker": "Rex Tillerson"}
    border = next(f for f in data["features"] if f["properties"]["kind"] == "border")
    assert border["properties"]["countries"] == ["US", "MX"]
    assert abs(border["properties"]["length_km"] - 3145) / 3145 <= 0.03
    assert {"painful", "an enormous gain for Mexico and a loss for the United States."} <= {
        q["text"] for q in border["properties"]["quotes"]
    }
    legs = [f for f in data["features"] if f["properties"]["kind"] == "leg"]
    assert all(leg["properties"]["km"] > 0 for leg in legs)


BAD_INPUTS = [
    ("missing.yaml", None, "tour file not found"),
    ("dir.yaml", "DIR", "is a directory"),
    ("binary.yaml", b"\x00\x01\x02GIF89a", "looks binary"),
    ("latin1.yaml", "title: Bogotá\nstops: []\n".encode("latin-1"), "not UTF-8"),
    ("broken.yaml", b"title: t\nstops:\n  - {id: a, name: Lima\n", "malformed YAML on line"),
    ("broken.json", b'{\n  "title": "t",\n  "stops": [,]\n}\n', "malformed JSON on line 3"),
    ("said.yaml", (GOOD + "quotes:\n  - {id: q, text: hi, said_at: cusco}\n").encode(), "said_at"),
    ("dup.yaml", (GOOD + "  - {id: lima, name: Cusco}\n").encode(), "duplicate id 'lima'"),
    ("lat.yaml", GOOD.replace("PE}", "PE, lat: -95, lon: 0}").encode(), "latitude must be between"),
    ("lon.yaml", GOOD.replace("PE}", "PE, lat: 0, lon: 181}").encode(), "longitude must be between"),
    ("typo.yaml", GOOD.replace("Lima", "Lmia").encode(), "did you mean: Lima"),
    ("notes.md", b"Some text.", "expected a tour file"),
    ("empty.txt", b"  \n", "article is empty"),
]


@pytest.mark.parametrize(("name", "content", "expected"), BAD_INPUTS)
def test_bad_input_is_refused_without_touching_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | str | None, expected: str
) -> None:
    source = tmp_path / name
    if content == "DIR":
        source.mkdir()
    elif isinstance(content, bytes):
        source.write_bytes(content)
    existing = tmp_path / "map.html"
    existing.write_text("the user's previous map", encoding="utf-8")
    new_geojson = tmp_path / "new.geojson"
    code, _out, err = run(["build", str(source), "-o", str(existing), "--geojson", str(new_geojson)], capsys)
    assert code == 2
    assert err.startswith("tourmap: error: ") and err.count("\n") == 1, err
    assert expected in err
    assert "Traceback" not in err
    assert existing.read_text(encoding="utf-8") == "the user's previous map"
    assert not new_geojson.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_output_in_missing_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["build", "-o", str(tmp_path / "nope" / "map.html")], capsys)
    assert code == 2 and "output folder does not exist" in err


def test_output_may_not_overwrite_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "t.json"
    source.write_text('{"title": "t", "stops": [{"id": "a", "name": "Lima"}]}', encoding="utf-8")
    code, _, err = run(["build", str(source), "-o", str(source)], capsys)
    assert code == 2 and "would overwrite the input" in err
    assert json.loads(source.read_text(encoding="utf-8"))["title"] == "t"


def test_validate_and_geocode_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", str(TILLERSON)], capsys)
    assert code == 0 and "5 stops, 3 places, 1 borders, 16 quotes" in out
    code, out, _ = run(["geocode", "Kingston", "--country", "JM"], capsys)
    assert code == 0 and out.startswith("Kingston, Jamaica\t")
    code, _, err = run(["geocode", "Qwxzzy"], capsys)
    assert code == 2 and err.startswith("tourmap: error: 'Qwxzzy' not found")


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in parser()._actions if a.dest == "command")
    commands = sub.choices  # type: ignore[attr-defined]
    assert set(commands) >= {"build", "validate", "geocode", "gazetteer"}
    for name, command in commands.items():
        assert command.description, name
        assert f"tourmap {name}" in readme, name
    for option in (
        "--offline",
        "--cdn",
        "--geojson",
        "--png",
        "--stop",
        "--size",
        "--chromium",
        "--online-geocoder",
    ):
        assert option in readme


def test_console_entry_point_runs_as_a_module(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tourmap", "build", str(tmp_path / "missing.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("tourmap: error: tour file not found")
    assert "Traceback" not in proc.stderr
