"""Cold `tourmap build --offline` against a hand-written folium script, alternately, in new processes.

Prints each run's wall time, the median ratio (target ≤ 1.2) and the offline HTML's size
(target ≤ 600 KB). Run: .venv/bin/python benchmarks/bench_build.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        tourmap = [str(BIN / "tourmap"), "build", "--offline", "-o", str(out / "tourmap.html")]
        baseline = [sys.executable, str(HERE / "baseline_folium.py"), str(out / "baseline.html")]
        timed(tourmap)  # make sure the gazetteer index exists; not counted
        ours, theirs = [], []
        for i in range(args.runs):
            ours.append(timed(tourmap))
            theirs.append(timed(baseline))
            print(f"run {i + 1}: tourmap {ours[-1]:.3f} s   folium baseline {theirs[-1]:.3f} s")
        ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
        size = (out / "tourmap.html").stat().st_size
        print(f"median tourmap {statistics.median(ours):.3f} s, baseline {statistics.median(theirs):.3f} s")
        print(f"median ratio {statistics.median(ratios):.3f} (target <= 1.2)")
        print(f"offline HTML {size:,} bytes ({size / 1000:.0f} KB; target <= 600 KB)")


if __name__ == "__main__":
    main()
