"""Hostile and broken inputs (issue 7): alias bombs, malformed values, special files, special outputs.

Whatever a file holds, the answer is one ``tourmap: error: …`` line and exit code 2 (the dashboard
gets a ``TourmapError``), quickly, in little memory, and nothing a user had is replaced or left
half-written. Commands that could hang or eat memory run in a subprocess under a hang guard and
an address-space cap, so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import itertools
import os
import signal
import stat
import subprocess
import sys
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest

from tourmap.cli import main
from tourmap.errors import InputError
from tourmap.tourfile import MAX_TOUR_BYTES, read_text

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
