"""Issue 10: `tourmap build` writes a file that works everywhere, and `--png` a picture of it."""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tourmap._chromium import CHROMIUM, guard_requests
from tourmap.cli import main

from .conftest import TILLERSON

has_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: apt-get install chromium"
)
EXTERNAL_ASSET = re.compile(r"""<(?:script|link)\b[^>]*(?:src|href)=["']https?:""")
TILE_LAYER = "L.tileLayer("


def build(tmp_path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    """Run `tourmap build` into tmp_path; (exit code, stderr)."""
    code = main(["build", str(TILLERSON), *options])
    _out, err = capsys.readouterr()
    return code, err


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk (the signature, then the first chunk)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def colours(data: bytes) -> int:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        colors = img.convert("RGB").getcolors(maxcolors=1 << 24)
        return len(colors or [])


# --- the HTML: self-contained by default, --cdn small, --offline without tiles ---------------


def test_default_build_is_self_contained_with_tiles_on_top(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = tmp_path / "map.html"
    code, err = build(tmp_path, capsys, "-o", str(html))
    assert code == 0, err
    page = html.read_text(encoding="utf-8")
    assert "Leaflet 1.9" in page and "jQuery" in page  # inlined, not linked
    assert EXTERNAL_ASSET.findall(page) == []
    assert "unpkg" not in page and "cdn.jsdelivr" not in page
    assert page.count(TILE_LAYER) == 1 and "tile.openstreetmap.org" in page
    assert "L.geoJSON(countries" in page  # the polygons are there for when the tiles are not


def test_cdn_build_is_small_and_links_leaflet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cdn, full = tmp_path / "cdn.html", tmp_path / "full.html"
    assert build(tmp_path, capsys, "--cdn", "-o", str(cdn))[0] == 0
    assert build(tmp_path, capsys, "-o", str(full))[0] == 0
    page = cdn.read_text(encoding="utf-8")
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@' in page
    assert "Leaflet 1.9" not in page and TILE_LAYER in page
    assert cdn.stat().st_size < full.stat().st_size - 200_000


def test_offline_build_has_no_tile_layer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = tmp_path / "map.html"
    assert build(tmp_path, capsys, "--offline", "-o", str(html))[0] == 0
    page = html.read_text(encoding="utf-8")
    assert TILE_LAYER not in page and "tile.openstreetmap.org" not in page
    assert EXTERNAL_ASSET.findall(page) == [] and "Leaflet 1.9" in page


@pytest.mark.parametrize("mode", ["default", "--offline"])
@pytest.mark.browser
@has_chromium
def test_the_built_file_draws_with_no_network(
    browser: Browser, tmp_path: Path, capsys: pytest.CaptureFixture[str], mode: str
) -> None:
    """The fault of issue 10: the default page was blank without internet ('L is not defined')."""
    html = tmp_path / "map.html"
    assert build(tmp_path, capsys, "-o", str(html), *([] if mode == "default" else [mode]))[0] == 0
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    blocked = guard_requests(page, ("file:",))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(html.as_uri())
    page.locator(".leaflet-marker-icon .tm-stop").first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)  # failing tiles have been asked for by now
    assert page.locator(".leaflet-marker-icon .tm-stop").count() == 5
    # the filled countries: under the tile pane by default (tm-under), the map itself offline
    assert page.locator(".leaflet-tm-under-pane path, .leaflet-tm-land-pane path").count() > 50
    assert "US, Mexico play up" in page.locator(".tm-title").inner_text()
    assert errors == []
    if mode == "default":  # the tiles were asked for (and refused); nothing else was
        assert blocked and all(re.match(r"https://tile\.openstreetmap\.org/\d+/", u) for u in blocked)
    else:
        assert blocked == [] and page.locator(".leaflet-tile").count() == 0
    page.close()


# --- the picture ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ["1200x800", "640x480"])
@pytest.mark.browser
@has_chromium
def test_png_has_the_requested_size_and_is_not_blank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], size: str
) -> None:
    html, png = tmp_path / "map.html", tmp_path / "map.png"
    code, err = build(tmp_path, capsys, "-o", str(html), "--png", str(png), "--size", size)
    assert code == 0, err
    data = png.read_bytes()
    assert png_size(data) == tuple(int(n) for n in size.split("x"))
    assert colours(data) > 500  # sea, land, route, markers, text: a blank page has a handful
    assert html.exists()


@pytest.mark.browser
@has_chromium
def test_png_with_a_stop_shows_its_popup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image, ImageChops

    plain, popup = tmp_path / "plain.png", tmp_path / "stop2.png"
    size = ["--size", "800x600"]
    assert build(tmp_path, capsys, "-o", str(tmp_path / "a.html"), "--png", str(plain), *size)[0] == 0
    assert (
        build(tmp_path, capsys, "-o", str(tmp_path / "b.html"), "--png", str(popup), "--stop", "2", *size)[0]
        == 0
    )
    with Image.open(plain) as a, Image.open(popup) as b:
        box = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox()
    assert box is not None and (box[2] - box[0]) * (box[3] - box[1]) > 100 * 60  # a popup, not a pixel


@pytest.mark.parametrize(("width", "height", "stop"), [(300, 300, None), (1200, 800, None), (640, 480, 1)])
@pytest.mark.browser
@has_chromium
def test_the_picture_shows_headline_source_and_credits(
    browser: Browser, built: object, settings: object, width: int, height: int, stop: int | None
) -> None:
    """What the PNG is taken of, at its size: title panel and credit line inside the frame and clear."""
    from tourmap.export import map_html
    from tourmap.picture import prepare
    from tourmap.pipeline import BuiltTour, make_map
    from tourmap.render import MapOptions
    from tourmap.settings import Settings

    assert isinstance(built, BuiltTour) and isinstance(settings, Settings)
    page = browser.new_page(viewport={"width": width, "height": height})
    blocked = prepare(
        page,
        map_html(make_map(built, settings, MapOptions(basemap="polygons", story=False)), offline=True),
        stop,
    )
    title, credits = page.locator(".tm-title"), page.locator(".leaflet-control-attribution")
    assert title.is_visible() and credits.is_visible()
    assert "US, Mexico play up increased security cooperation" in title.inner_text()
    assert "Source: AFP, 2 February 2018" in title.inner_text()
    for source in ("Natural Earth", "OpenStreetMap", "GeoNames"):
        assert source in credits.inner_text()
    for box in (title.bounding_box(), credits.bounding_box()):
        assert box is not None
        assert box["x"] >= 0 and box["y"] >= 0
        assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
    if stop is not None:
        t, p = title.bounding_box(), page.locator(".leaflet-popup").bounding_box()
        assert t is not None and p is not None and t["y"] + t["height"] <= p["y"]  # not covered
    assert blocked == []
    page.close()


# --- bad options: one line, exit 2, nothing written ---------------------------------------------

BAD_OPTIONS = [
    (["--size", "0x0"], "--size 0x0: each side must be 300 to 4000 pixels"),
    (["--size", "abc"], "--size must be WIDTHxHEIGHT in pixels, e.g. 1200x800; got 'abc'"),
    (["--size", "99999x99999"], "--size 99999x99999: each side must be 300 to 4000 pixels"),
    (["--size", "1200x-8"], "--size must be WIDTHxHEIGHT"),
    (["--stop", "0"], "--stop must be a stop number from 1 to 5; got '0'"),
    (["--stop", "6"], "--stop must be a stop number from 1 to 5; got '6'"),
    (["--stop", "two"], "--stop must be a stop number from 1 to 5; got 'two'"),
    (["--chromium", "/nonexistent"], "--chromium '/nonexistent': no such file; give the path of a Chromium"),
]


@pytest.mark.parametrize(("options", "expected"), BAD_OPTIONS)
def test_bad_picture_options_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], expected: str
) -> None:
    html, png = tmp_path / "map.html", tmp_path / "map.png"
    html.write_text("the user's previous map", encoding="utf-8")
    code, err = build(tmp_path, capsys, "-o", str(html), "--png", str(png), *options)
    assert code == 2
    assert err.startswith("tourmap: error: ") and err.count("\n") == 1, err
    assert expected in err
    assert html.read_text(encoding="utf-8") == "the user's previous map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]  # no PNG, no temporary file


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--stop", "2"], "--stop is for the picture: add --png OUT.png"),
        (["--size", "800x600"], "--size is for the picture: add --png OUT.png"),
        (["--cdn", "--offline"], "--cdn and --offline contradict each other; choose one"),
    ],
)
def test_options_that_make_no_sense_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], expected: str
) -> None:
    code, err = build(tmp_path, capsys, "-o", str(tmp_path / "map.html"), *options)
    assert code == 2 and err == f"tourmap: error: {expected}\n"
    assert list(tmp_path.iterdir()) == []


def test_no_chromium_on_path_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    code, err = build(tmp_path, capsys, "-o", str(tmp_path / "map.html"), "--png", str(tmp_path / "m.png"))
    assert code == 2
    assert err == (
        "tourmap: error: no Chromium found on PATH for --png (apt-get install chromium); "
        "or give one with --chromium PATH\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_chromium_that_will_not_start_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    out = tmp_path / "out"
    out.mkdir()
    html = out / "map.html"
    code, err = build(tmp_path, capsys, "-o", str(html), "--png", str(out / "m.png"), "--chromium", str(fake))
    assert code == 2
    assert err.startswith(f"tourmap: error: cannot start Chromium '{fake}': ") and err.count("\n") == 1, err
    assert list(out.iterdir()) == []


def test_png_output_that_is_not_a_regular_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "shots.png"
    folder.mkdir()
    code, err = build(tmp_path, capsys, "-o", str(tmp_path / "map.html"), "--png", str(folder))
    assert code == 2 and err == f"tourmap: error: output {str(folder)!r} is a directory; give a file name\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shots.png"]
