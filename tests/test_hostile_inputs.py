"""Hostile and broken inputs (issue 7): alias bombs, malformed values, special files, special outputs.

Whatever a file holds, the answer is one ``tourmap: error: …`` line and exit code 2 (the dashboard
gets a ``TourmapError``), quickly, in little memory, and nothing a user had is replaced or left
half-written. Commands that could hang or eat memory run in a subprocess under a hang guard and
an address-space cap, so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import signal
import stat
import subprocess
import sys
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest

from tourmap.cli import main
from tourmap.errors import InputError, TourmapError
from tourmap.tourfile import MAX_TOUR_BYTES, parse_tour, read_text

from .conftest import ROOT, TILLERSON

GOOD = "title: t\nstops:\n  - {id: lima, name: Lima, country: PE, lat: -12.05, lon: -77.04}\n"
ARTICLE = TILLERSON.parent / "article.txt"


def alias_bomb(levels: int = 9) -> str:
    """YAML's billion laughs: each anchor nine aliases of the one before (levels=9: 9**9 'lol')."""
    names = "abcdefghijklmnopqrstuvwxyz"[:levels]
    lines = ["a: &a [" + ",".join(["lol"] * 9) + "]"]
    for prev, cur in itertools.pairwise(names):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines += [f"title: *{names[-1]}", f"stops: *{names[-1]}"]
    return "\n".join(lines) + "\n"


# --- running the command line ----------------------------------------------------------------

_GUARD = """
import resource, subprocess, sys
cap = 3 * 2**30  # a runaway child gets MemoryError at 3 GB instead of taking the machine
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
code = subprocess.call(sys.argv[1:])
print(f"peak-rss-kb={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str
    peak_mb: float


def run_guarded(args: list[str], *, timeout: float = 30) -> Ran:
    """``python -m tourmap ARGS`` in its own process group, killed (all of it) if it hangs."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _GUARD, sys.executable, "-m", "tourmap", *args],
        cwd=ROOT,  # the editable install resolves `tourmap` to this checkout from here
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"tourmap {' '.join(args)} still running after {timeout} s")
    err, _, peak = err.rstrip("\n").rpartition("peak-rss-kb=")
    return Ran(proc.returncode, out, err, int(peak) / 1024)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error_line(err: str, expected: str) -> None:
    assert err.startswith("tourmap: error: "), err[:2000]
    assert err.count("\n") == 1, err[:2000]
    assert expected in err, err[:2000]
    assert len(err) < 400, err[:2000]


def no_temp_files(*folders: Path) -> bool:
    return not [p for f in folders for p in f.iterdir() if p.name.startswith(".") and "tmp" in p.name]


# --- item 1: the billion laughs --------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "build"])
def test_alias_bomb_is_refused_at_once_in_little_memory(tmp_path: Path, command: str) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(alias_bomb(), encoding="utf-8")
    assert bomb.stat().st_size < 400  # 344 bytes (the was 363)
    extra = ["-o", str(tmp_path / "map.html")] if command == "build" else []
    ran = run_guarded([command, str(bomb), *extra])
    assert ran.code == 2
    assert_one_error_line(ran.err, "anchors and aliases (&a, *a) are not allowed in tour files")
    assert ", line 1: " in ran.err
    assert ran.peak_mb < 500
    assert not (tmp_path / "map.html").exists()


def test_alias_bomb_in_the_dashboard_is_a_tourmap_error() -> None:
    with pytest.raises(InputError) as info:
        parse_tour(alias_bomb(4), name="upload.yaml")
    message = str(info.value)
    assert message.startswith("upload.yaml, line 1: anchors and aliases")
    assert len(message) < 200


def test_any_anchor_or_alias_is_refused_with_its_line() -> None:
    text = "title: t\nstops:\n  - &lima {id: lima, name: Lima}\nplaces:\n  - *lima\n"
    with pytest.raises(InputError, match=r"^<tour>, line 3: anchors and aliases"):
        parse_tour(text)
    with pytest.raises(InputError, match=r"^<tour>, line 3: anchors and aliases"):
        parse_tour("title: t\nstops:\n  - {id: lima, <<: *m}\n")


def test_a_huge_value_is_never_echoed_whole() -> None:
    huge = "x" * 1_000_000
    for text in (
        f"title: t\nstops:\n  - {{id: a, name: A, status: {huge}}}\n",
        f"title: [{', '.join(['lol'] * 100_000)}]\nstops: []\n",
        f"title: t\nstops:\n  - {{id: a, name: A}}\nquotes:\n  - {{id: q, text: hi, said_at: {huge}}}\n",
    ):
        with pytest.raises(TourmapError) as info:
            parse_tour(text)
        assert len(str(info.value)) < 300


def test_known_ids_in_a_message_are_bounded() -> None:
    stops = "".join(f"  - {{id: stop-{i}-{'x' * 200}, name: S{i}}}\n" for i in range(500))
    text = f"title: t\nstops:\n{stops}quotes:\n  - {{id: q, text: hi, about: [nowhere]}}\n"
    with pytest.raises(TourmapError) as info:
        parse_tour(text)
    assert "quotes[0].about: unknown id 'nowhere'" in str(info.value)
    assert len(str(info.value)) < 400


def test_validate_bounds_the_title_it_prints(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tour = tmp_path / "t.yaml"
    tour.write_text(GOOD.replace("title: t", "title: " + "T" * 100_000), encoding="utf-8")
    code, out, _ = run(["validate", str(tour)], capsys)
    assert code == 0
    assert out.startswith("ok: 'TTT") and len(out) < 300 and out.count("\n") == 1


# --- item 4: malformed values that raised a traceback ----------------------------------------

STOP = "  - {id: lima, name: Lima, country: PE}\n"
BIG = "1" * 5_000

MALFORMED = [
    pytest.param(
        f"title: t\nstops:\n{STOP}quotes:\n  - {{id: q, text: hi, said_at: [x]}}\n",
        "quotes[0].said_at: must be the id of a stop",
        id="said_at-list",
    ),
    pytest.param(
        f"title: t\nstops:\n{STOP}quotes:\n  - {{id: q, text: hi, about: [[x]]}}\n",
        "quotes[0].about: expected an id, instead got: ['x']",
        id="about-nested-list",
    ),
    pytest.param(
        f"title: t\nstops:\n{STOP}quotes:\n  - {{id: q, text: hi, about: [{{a: 1}}]}}\n",
        "quotes[0].about: expected an id, instead got: {'a'} (1 key)",
        id="about-mapping",
    ),
    pytest.param(
        f"title: t\nstops:\n{STOP}  - {{id: [a], name: X}}\n", "stops[1].id: expected a slug", id="id-list"
    ),
    pytest.param(
        f"title: t\n? [a, b]\n: c\nstops:\n{STOP}", "line 2: mapping keys must be text", id="complex-key"
    ),
    pytest.param(
        "title: t\nstops:\n  - {id: lima, name: Lima, ? {x: 1} : y}\n",
        "line 3: mapping keys must be text",
        id="complex-key-in-stop",
    ),
    pytest.param(
        f"title: t\nx: &a [lima]\nstops:\n{STOP}quotes:\n  - {{id: q, text: hi, about: *a}}\n",
        "line 2: anchors and aliases (&a, *a) are not allowed",
        id="about-alias",
    ),
    pytest.param(
        f"title: t\nstops:\n  - {{id: lima, name: Lima, lat: {'4' * 400}, lon: 0}}\n",
        "stops[0].lat: latitude must be between -90 and 90, instead got: <a number of 400 digits>",
        id="lat-400-digits",
    ),
    pytest.param(
        f"title: t\nstops:\n  - {{id: lima, name: Lima, lat: {BIG}, lon: 0}}\n",
        "stops[0].lat: expected a number, instead got: <a number of 5,000 digits>",
        id="lat-5000-digits",
    ),
    pytest.param(
        f"title: t\nstops:\n  - {{id: lima, name: Lima, lat: 0x{'f' * 5000}, lon: 0}}\n",
        "stops[0].lat: expected a number, instead got: <a number of",
        id="lat-5000-hex-digits",
    ),
    pytest.param(
        f"title: t\nstops:\n  - {{id: lima, name: {BIG}}}\n",
        "stops[0].name: expected text, instead got: <a number of 5,000 digits>",
        id="name-5000-digits",
    ),
    pytest.param(
        f"title: t\nstops:\n{STOP}quotes:\n  - {{id: q, text: hi, span: [0, {BIG}]}}\n",
        "quotes[0].span: expected [start, end] offsets",
        id="span-5000-digits",
    ),
    pytest.param(
        "title: t\nstops:\n  - {id: lima, name: Lima, date: 2018-02-30}\n",
        "stops[0].date: expected a date like 2018-02-02, instead got: '2018-02-30'",
        id="date-feb-30",
    ),
    pytest.param(
        "title: t\nsource: {published: 2018-13-01 10:00:00}\nstops:\n" + STOP,
        "source.published: expected a date like 2018-02-02, instead got: '2018-13-01 10:00:00'",
        id="datetime-month-13",
    ),
    pytest.param(
        "title: t\nstops:\n" + STOP + "x: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "line 4: nested deeper than 32 levels",
        id="nesting-10000",
    ),
    pytest.param(
        "title: t\nstops:\n" + STOP + "x:\n" + "".join("  " * i + "- \n" for i in range(1, 40)),
        "nested deeper than 32 levels",
        id="nesting-block-style",
    ),
]

MALFORMED += [
    pytest.param(  # libyaml's reader error was two lines ('…\n  in "<unicode string>", position 18')
        "title: t\nstops: [a\x07]\n",
        "malformed YAML on line 2: control characters are not allowed (U+0007)",
        id="control-character",
    ),
    pytest.param(
        "title: !!int x\nstops: []\n",  # !!int x, !!bool x, !!timestamp x raised tracebacks
        "line 1: tags such as '!!int' are not allowed in tour files",
        id="tag",
    ),
]

MALFORMED_JSON = [
    pytest.param(
        '{"title": "t", "stops": [{"id": "lima", "name": "Lima", "lat": ' + BIG + ', "lon": 0}]}',
        "stops[0].lat: expected a number, instead got: <a number of 5,000 digits>",
        id="json-lat-5000-digits",
    ),
    pytest.param(
        '{"title": "t", "stops": [{"id": "lima", "name": "Lima", "lat": ' + "4" * 400 + ', "lon": 0}]}',
        "stops[0].lat: latitude must be between -90 and 90",
        id="json-lat-400-digits",
    ),
    pytest.param(
        '{"title": "t", "stops": [{"id": "lima", "name": "Lima"}], "x": ' + "[" * 10_000 + "]" * 10_000 + "}",
        "nested deeper than 32 levels",
        id="json-nesting-10000",
    ),
    pytest.param(
        '{"title": "t", "stops": [{"id": "lima", "name": "Lima"}], "x": ' + "[" * 40 + "]" * 40 + "}",
        "nested deeper than 32 levels",
        id="json-nesting-40",
    ),
    pytest.param(
        '{"title": "t", "stops": [{"id": "lima", "name": "Lima"}], '
        '"quotes": [{"id": "q", "text": "hi", "said_at": ["lima"]}]}',
        "quotes[0].said_at: must be the id of a stop (lima) or null, instead got: ['lima'] (1 item)",
        id="json-said_at-list",
    ),
]


@pytest.mark.parametrize(
    ("fmt", "text", "expected"),
    [pytest.param("yaml", *p.values, id=p.id) for p in MALFORMED]
    + [pytest.param("json", *p.values, id=p.id) for p in MALFORMED_JSON],
)
def test_malformed_tour_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, text: str, expected: str
) -> None:
    tour = tmp_path / f"bad.{fmt}"
    tour.write_text(text, encoding="utf-8")
    code, _, err = run(["validate", str(tour)], capsys)
    assert code == 2
    assert_one_error_line(err, expected)
    assert f"tourmap: error: {tour}" in err
    with pytest.raises(TourmapError, match=rf"^upload\.{fmt}"):  # the dashboard's door
        parse_tour(text, fmt=fmt, name=f"upload.{fmt}")


def test_32_levels_are_still_fine() -> None:
    deep_yaml = GOOD + "x: " + "[" * 30 + "]" * 30 + "\n"
    assert parse_tour(deep_yaml).title == "t"
    deep_json = '{"title": "t", "stops": [{"id": "a", "name": "A"}], "x": ' + "[" * 30 + "]" * 30 + "}"
    assert parse_tour(deep_json, fmt="json").title == "t"


# --- item 5: special files as input ----------------------------------------------------------


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _to_dev_zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


@pytest.mark.parametrize(
    ("command", "name", "make", "expected"),
    [
        ("validate", "x.yaml", _fifo, "is a pipe (FIFO), not a regular file"),
        ("build", "x.yaml", _fifo, "is a pipe (FIFO), not a regular file"),
        ("build", "x.txt", _fifo, "is a pipe (FIFO), not a regular file"),
        ("extract", "x.txt", _fifo, "is a pipe (FIFO), not a regular file"),
        ("validate", "z.yaml", _to_dev_zero, "is a character device, not a regular file"),
        ("build", "z.yaml", _to_dev_zero, "is a character device, not a regular file"),
        ("extract", "z.txt", _to_dev_zero, "is a character device, not a regular file"),
    ],
)
def test_special_files_are_refused_without_blocking(
    tmp_path: Path, command: str, name: str, make: object, expected: str
) -> None:
    assert callable(make)
    source = make(tmp_path / name)
    extra = ["-o", str(tmp_path / "out.html")] if command == "build" else []
    ran = run_guarded([command, str(source), *extra])
    assert ran.code == 2
    assert_one_error_line(ran.err, expected)
    assert ran.peak_mb < 500
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_extract_folder_reports_a_fifo_article_and_does_not_block(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(ARTICLE.read_bytes())
    _fifo(folder / "x.txt")
    _to_dev_zero(folder / "z.txt")
    out = tmp_path / "out"
    ran = run_guarded(["extract", str(folder), "-o", str(out), "--workers", "1"])
    assert ran.code == 1
    assert "1 of 3 drafts written" in ran.out
    assert "tourmap: failed: x.txt: article " in ran.err and "is a pipe (FIFO)" in ran.err
    assert "tourmap: failed: z.txt: article " in ran.err and "is a character device" in ran.err
    assert sorted(p.name for p in out.iterdir()) == ["a.yaml"]


def test_a_big_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(50_000_000)  # sparse: costs no disk
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"is 50,000,000 bytes; the limit is 2,000,000 bytes"):
            read_text(big, what="tour file")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


def test_reading_stops_one_byte_past_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that grows after it was measured (or a /proc file that says 0) is still cut short."""
    grown = tmp_path / "grown.yaml"
    grown.write_bytes(b"#" * (MAX_TOUR_BYTES + 10_000_000))
    real_stat = os.stat
    fake = os.stat_result((stat.S_IFREG | 0o644, 0, 0, 1, 0, 0, 10, 0, 0, 0))

    def small_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        return fake if str(path) == str(grown) else real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", small_stat)
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"is over the limit of 2,000,000 bytes"):
            read_text(grown, what="tour file")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * MAX_TOUR_BYTES + 1_000_000


def test_the_cli_refuses_a_big_tour_quickly(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(50_000_000)
    ran = run_guarded(["validate", str(big)])
    assert ran.code == 2
    assert_one_error_line(ran.err, "is 50,000,000 bytes; the limit is 2,000,000 bytes")


# --- item 6: outputs that are not regular files, and all-or-nothing writing ------------------


def _special_outputs(tmp_path: Path) -> list[tuple[Path, str]]:
    fifo = _fifo(tmp_path / "fifo.html")
    device = tmp_path / "device.html"
    device.symlink_to("/dev/null")  # replacing the symlink would not harm /dev/null itself
    return [(fifo, "is a pipe (FIFO)"), (device, "is a character device")]


def _identity(path: Path) -> tuple[int, ...]:
    """What replacing the file would change; not atime, which reading a symlink may touch."""
    st = path.lstat()
    return (st.st_mode, st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns, st.st_nlink)


def test_build_refuses_outputs_that_are_not_regular_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tour = tmp_path / "t.yaml"
    tour.write_text(GOOD, encoding="utf-8")
    for out, kind in _special_outputs(tmp_path):
        before = _identity(out)
        code, _, err = run(["build", str(tour), "-o", str(out)], capsys)
        assert code == 2
        assert_one_error_line(err, f"output {str(out)!r} {kind}, not a regular file; refusing to replace it")
        assert _identity(out) == before
        code, _, err = run(
            ["build", str(tour), "-o", str(tmp_path / "m.html"), "--geojson", str(out)], capsys
        )
        assert code == 2 and kind in err
        assert _identity(out) == before and not (tmp_path / "m.html").exists()
    assert no_temp_files(tmp_path)


def test_extract_refuses_outputs_that_are_not_regular_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for out, kind in _special_outputs(tmp_path):
        before = _identity(out)
        code, _, err = run(["extract", str(ARTICLE), "-o", str(out)], capsys)
        assert code == 2
        assert_one_error_line(err, kind)
        assert _identity(out) == before
    assert no_temp_files(tmp_path)


def test_extract_folder_refuses_a_special_draft_and_writes_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    (folder / "a.txt").write_bytes(ARTICLE.read_bytes())
    (folder / "b.txt").write_bytes(ARTICLE.read_bytes())
    fifo = _fifo(out / "b.yaml")
    code, stdout, err = run(["extract", str(folder), "-o", str(out), "--workers", "1"], capsys)
    assert code == 1
    assert "1 of 2 drafts written" in stdout
    assert "tourmap: failed: b.txt: output " in err and "is a pipe (FIFO)" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert (out / "a.yaml").is_file() and no_temp_files(out)


def test_proc_self_fd_1_is_not_replaced(tmp_path: Path) -> None:
    tour = tmp_path / "t.yaml"
    tour.write_text(GOOD, encoding="utf-8")
    ran = run_guarded(["build", str(tour), "-o", "/proc/self/fd/1"])
    assert ran.code == 2
    assert_one_error_line(ran.err, "'/proc/self/fd/1' is a pipe (FIFO), not a regular file")


def test_no_output_is_replaced_unless_all_can_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The GeoJSON cannot be written (here its temporary name is too long for the file system,
    a failure even root gets): the map the user had must survive, and no temporary file stays."""
    tour = tmp_path / "t.yaml"
    tour.write_text(GOOD, encoding="utf-8")
    html = tmp_path / "out.html"
    html.write_text("the user's previous map", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    geojson = sub / ("g" * 240 + ".geojson")
    code, _, err = run(["build", str(tour), "-o", str(html), "--geojson", str(geojson)], capsys)
    assert code == 2
    assert err.startswith("tourmap: error: cannot write ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert html.read_text(encoding="utf-8") == "the user's previous map"
    assert not geojson.exists()
    assert no_temp_files(tmp_path, sub)


def test_write_outputs_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's case: --geojson into a read-only folder (simulated: tests may run as root)."""
    import tempfile

    from tourmap.export import write_outputs

    html = tmp_path / "out.html"
    html.write_text("old", encoding="utf-8")
    ro = tmp_path / "ro"
    ro.mkdir()
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        if Path(str(kwargs.get("dir"))) == ro:
            raise PermissionError(13, "Permission denied", str(ro / ".x.tmp"))
        return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(InputError, match=r"^cannot write '.*ro/x.geojson': Permission denied$"):
        write_outputs({html: "new map", ro / "x.geojson": "{}"})
    assert html.read_text(encoding="utf-8") == "old"
    assert no_temp_files(tmp_path, ro)


# --- item 8: extract given a tour file -------------------------------------------------------


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json", ".YAML"])
def test_extract_refuses_a_tour_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "tour" + suffix
    (tmp_path / name).write_text(GOOD if suffix != ".json" else json.dumps({"title": "t"}), encoding="utf-8")
    out = tmp_path / "draft.yaml"
    code, stdout, err = run(["extract", name, "-o", str(out)], capsys)
    assert code == 2 and stdout == ""
    assert err == (
        f"tourmap: error: {name!r} is a tour file, not an article; to map it use: tourmap build {name}\n"
    )
    assert not out.exists()


# --- any value in any field: only ever a short, one-line TourmapError ------------------------

_BASE: dict[str, object] = {
    "title": "A trip",
    "traveller": "Someone",
    "source": {"path": "article.txt", "published": "2018-02-02", "url": "https://x.org/a", "outlet": "AP"},
    "stops": [
        {"id": "lima", "name": "Lima", "status": "visited", "country": "PE", "lat": -12.05, "lon": -77.04},
        {"id": "quito", "name": "Quito", "status": "upcoming", "country": "EC", "date": "2018-02-03"},
    ],
    "places": [{"id": "bogota", "name": "Bogotá", "country": "CO", "lat": 4.6, "lon": -74.1}],
    "borders": [{"id": "pe-ec", "countries": ["PE", "EC"], "label": "Peru–Ecuador border"}],
    "quotes": [
        {
            "id": "q1",
            "text": "Hello",
            "speaker": "Someone",
            "said_at": "lima",
            "about": ["quito"],
            "span": [0, 5],
        }
    ],
}

_LONG = "x" * 100_000
_DIGITS = "7" * 5_000
# written forms of odd values: YAML (flow style, so a value stays on its line) and JSON
_WEIRD_YAML = [
    "[x]",
    "[[x]]",
    "[[[[[[lima]]]]]]",
    "{a: 1}",
    "{}",
    "[]",
    "{? [a, b] : c}",
    "[" * 40 + "]" * 40,
    _DIGITS,
    "-" + _DIGITS,
    "0x" + "f" * 5_000,
    "0b" + "1" * 20_000,
    "4" * 400,
    "1e400",
    "-1e400",
    "-0.0",
    ".nan",
    ".inf",
    "NaN",
    "'NaN'",
    "1_000",
    "1:2:3",
    "190:20:30.15",
    "0x_",
    "0b",
    "017",
    "true",
    "yes",
    "off",
    "null",
    "~",
    "''",
    "' '",
    _LONG,
    f"'{_LONG}'",
    "Bogotá 北京 🙂",
    '"\\a\\x01\\N\\L\\u2028"',
    '"a\\nb"',
    "2018-02-30",
    "2018-02-02",
    "2018-02-02 10:00:00",
    "2018-13-01 10:00:00",
    "2018-02-02T10:00:00+99:00",
    "0000-01-01",
    "-5",
    "91",
    "-181",
    "[0, 1e400]",
    "[5, 1]",
    "[-1, 2]",
    "[true, 1]",
    "[1, 2, 3]",
    "&a x",
    "*a",
    "!!int x",
    "!!float x",
    "!!bool x",
    "!!timestamp x",
    "!!binary aGk=",
    "!!set {a}",
    "!!python/object:os.system x",
    "! x",
    "!foo x",
    "lima",
    "quito",
    "us-mx",
    "'-bad id'",
    "pe",
    "P E",
    "PEE",
    '"\\ud800"',
    "|",
    ">",
    "@x",
    "`x",
    "%x",
    "{{",
    "]",
    "'unterminated",
]
_WEIRD_JSON = [
    '["x"]',
    '[["x"]]',
    '{"a": 1}',
    "{}",
    "[]",
    "[" * 40 + "]" * 40,
    "[" * 5000 + "]" * 5000,
    _DIGITS,
    "-" + _DIGITS,
    "4" * 400,
    "1e400",
    "-1e400",
    "-0.0",
    "NaN",
    "Infinity",
    "-Infinity",
    '"NaN"',
    "true",
    "false",
    "null",
    '""',
    '" "',
    f'"{_LONG}"',
    '"Bogotá 北京 🙂"',
    '"\\u0007\\u0085\\u2028"',
    '"a\\nb"',
    '"\\ud800"',
    '"\\udc00x"',
    '"2018-02-30"',
    '"2018-02-02"',
    '"2018-02-02T10:00:00"',
    "-5",
    "91",
    "-181.5",
    "[0, 1e400]",
    "[5, 1]",
    '[0, "1"]',
    "[true, 1]",
    '"lima"',
    '"quito"',
    '"-bad id"',
    '"pe"',
    "1" + "0" * 300 + ".5",
    "0.1e-400",
    '{"": []}',
]


def _paths(value: object, at: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place a value sits in the tour, containers included."""
    out = [at] if at else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths(item, (*at, i))
    return out


def _with(data: object, path: tuple[object, ...], new: object) -> object:
    """``data`` with ``new`` at ``path`` (a new key of a mapping is added; a path that an earlier
    replacement cut short leaves ``data`` as it is)."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _with(data.get(head), rest, new)}
    if isinstance(data, list) and isinstance(head, int) and head < len(data):
        return [_with(v, rest, new) if i == head else v for i, v in enumerate(data)]
    return data


def _fuzz_cases(seed: int, count: int) -> list[tuple[str, str]]:
    import yaml

    rng = random.Random(seed)
    paths = _paths(_BASE)
    cases = []
    for n in range(count):
        fmt = "yaml" if n % 2 == 0 else "json"
        weird = _WEIRD_YAML if fmt == "yaml" else _WEIRD_JSON
        data: object = _BASE
        chosen = [rng.choice(weird) for _ in range(rng.choice((1, 1, 2, 3)))]
        for i in range(len(chosen)):
            path = rng.choice(paths)
            if rng.random() < 0.15 and isinstance(path[-1], str):  # an extra key beside the field
                path = (*path[:-1], f"extra{i}")
            data = _with(data, path, f"@@{i}@@")
        if fmt == "json":
            text = json.dumps(data, ensure_ascii=False)
            for i, snippet in enumerate(chosen):
                text = text.replace(f'"@@{i}@@"', snippet)
        else:
            text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1_000)
            for i, snippet in enumerate(chosen):
                text = text.replace(f"'@@{i}@@'", snippet)
        cases.append((fmt, text))
    return cases


def test_any_value_anywhere_gives_a_tour_or_one_short_error_line() -> None:
    from tourmap.tourfile import dumps_tour

    outcomes = {"tour": 0, "error": 0}
    for fmt, text in _fuzz_cases(seed=7, count=3_000):
        try:
            tour = parse_tour(text, fmt=fmt, name="fuzz")
        except TourmapError as err:
            message = str(err)
            assert "\n" not in message and "\r" not in message, message[:500]
            assert len(message) < 400, message[:500]
            assert message.startswith("fuzz"), message[:500]
            outcomes["error"] += 1
            continue
        except Exception as err:  # pragma: no cover - what this test is here to catch
            raise AssertionError(f"{type(err).__name__} for {fmt} text {text[:300]!r}") from err
        for out_fmt in ("yaml", "json"):  # what was accepted can be written back and read again
            assert parse_tour(dumps_tour(tour, out_fmt), fmt=out_fmt) == tour
        outcomes["tour"] += 1
    assert outcomes["tour"] > 100 and outcomes["error"] > 1_000, outcomes


def test_the_build_summary_line_stays_short(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Forty stops with 5,000-character names: the success line lists a few, each cut short."""
    long_name = "Lima " + "x" * 5_000
    stops = "".join(f"  - {{id: s{i}, name: {long_name}, lat: {i % 80}, lon: {i}}}\n" for i in range(40))
    tour = tmp_path / "t.yaml"
    tour.write_text(f"title: t\nstops:\n{stops}", encoding="utf-8")
    code, out, err = run(["build", str(tour), "-o", str(tmp_path / "m.html"), "--offline"], capsys)
    assert code == 0, err
    summary = out.splitlines()[-1]
    assert summary.startswith("40 stops: 1. Lima xxx") and summary.endswith("… (32 more); 0 quotes")
    assert len(summary) < 500


def test_a_stop_the_gazetteer_cannot_find_is_named_in_brief(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tour = tmp_path / "t.yaml"
    tour.write_text("title: t\nstops:\n  - {id: a, name: Lima" + " x" * 50_000 + "}\n", encoding="utf-8")
    code, _, err = run(["build", str(tour), "-o", str(tmp_path / "m.html")], capsys)
    assert code == 2
    assert_one_error_line(err, "(100,004 characters) not found in the GeoNames gazetteer")
    assert len(err) < 400


def test_the_build_summary_line_holds_no_terminal_escape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stop name carrying an ANSI escape (clear screen, retitle the terminal) is printed without it."""
    tour = tmp_path / "t.json"
    name = "Lima\u001b[2J\u001b]0;pwned\u0007 centre"
    tour.write_text(
        json.dumps({"title": "t", "stops": [{"id": "a", "name": name, "lat": -12.05, "lon": -77.04}]}),
        encoding="utf-8",
    )
    code, out, err = run(["build", str(tour), "-o", str(tmp_path / "m.html")], capsys)
    assert code == 0, err
    assert "\u001b" not in out and "\u0007" not in out
    assert "1 stops: 1. Lima[2J]0;pwned centre; 0 quotes" in out


def test_warning_and_error_lines_carry_no_control_characters(capsys: pytest.CaptureFixture[str]) -> None:
    """Warnings name stops and places from tours and articles: they reach the terminal as one clean line."""
    from tourmap.cli import _warn_line

    _warn_line("placed offline: Lima\u001b[2J, \u202eocsuC\nnext line\u0007", UserWarning, "", 0)
    err = capsys.readouterr().err
    assert err == "tourmap: warning: placed offline: Lima[2J, ocsuC next line\n"
