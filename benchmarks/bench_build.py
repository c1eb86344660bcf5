"""Cold `tourmap build ARTICLE.txt --offline` against a hand-written folium script, in new processes.

The tourmap side does everything a user's first build does: reads the Tillerson article, drafts
the tour (extraction), geocodes it offline, lays out the geometry and writes one self-contained
HTML file. The baseline (``baseline_folium.py``) draws five hard-coded markers with popups, a
polyline and a border line and saves them, in the same virtual environment. The two alternate,
so a busy neighbour slows both; CPU time (user + system of the child) is the figure that counts,
wall time is printed beside it. Target: median CPU ratio <= 1.0.

Run: .venv/bin/python benchmarks/bench_build.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ARTICLE = ROOT / "data" / "tillerson-2018" / "article.txt"


def timed(cmd: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one command in a fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return usage.ru_utime + usage.ru_stime, wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        tourmap = [sys.executable, "-m", "tourmap", "build", str(ARTICLE), "--offline"]
        ours_cmd = [*tourmap, "-o", str(out / "offline.html")]
        baseline = [sys.executable, str(HERE / "baseline_folium.py"), str(out / "baseline.html")]
        timed(ours_cmd)  # the gazetteer index exists and the OS cache is warm for both; not counted
        timed(baseline)
        ours: list[tuple[float, float]] = []
        theirs: list[tuple[float, float]] = []
        for i in range(args.runs):
            ours.append(timed(ours_cmd))
            theirs.append(timed(baseline))
            print(
                f"run {i + 1}: tourmap {ours[-1][0]:.3f} s CPU ({ours[-1][1]:.3f} s wall)   "
                f"folium by hand {theirs[-1][0]:.3f} s CPU ({theirs[-1][1]:.3f} s wall)"
            )
        cpu = statistics.median(a[0] / b[0] for a, b in zip(ours, theirs, strict=True))
        wall = statistics.median(a[1] / b[1] for a, b in zip(ours, theirs, strict=True))
        med = [statistics.median(x[k] for x in runs) for runs in (ours, theirs) for k in (0, 1)]
        print(f"median tourmap {med[0]:.3f} s CPU, {med[1]:.3f} s wall;", end=" ")
        print(f"by hand {med[2]:.3f} s CPU, {med[3]:.3f} s wall")
        print(f"= cold build / folium by hand: CPU {cpu:.2f}x, wall {wall:.2f}x (target CPU <= 1.0x)")

        # the default file is self-contained too (with a tile layer); --cdn is the small one
        for name, flags in (("default.html", []), ("cdn.html", ["--cdn"])):
            cmd = [*tourmap[:-1], *flags, "-o", str(out / name)]
            subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        offline = (out / "offline.html").stat().st_size
        default = (out / "default.html").stat().st_size
        cdn = (out / "cdn.html").stat().st_size
        print(f"= map HTML: --offline {offline / 1000:.0f} KB, default {default / 1000:.0f} KB", end=" ")
        print(f"(target <= 600 KB), --cdn {cdn / 1000:.0f} KB")


if __name__ == "__main__":
    main()
