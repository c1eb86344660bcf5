"""Benchmark the offline gazetteer: index build, index size, cold open in a new process, lookups/s.

Run: .venv/bin/python benchmarks/bench_gazetteer.py
Why: the CLI's whole cold build has a ~1 s budget, so opening the index and the first look-up
must stay in the tens of milliseconds; the build itself happens once per machine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tourmap.gazetteer import Gazetteer, build_index  # noqa: E402

QUERIES: list[tuple[str, list[str] | None]] = [
    ("Lima", None),
    ("Bogotá", None),
    ("Bogota", None),
    ("Buenos Aires", None),
    ("Mexico City", None),
    ("Ciudad de México", None),
    ("Kingston", None),
    ("Kingston", ["JM"]),
    ("Kingston", ["CA"]),
    ("Kingston, Jamaica", None),
    ("Kingston, Canada", None),
    ("Caracas", None),
    ("Ottawa", None),
    ("Washington", None),
    ("Washington, D.C.", None),
    ("Paris, France", None),
    ("Paris, TX", None),
    ("Los Angeles, CA", None),
    ("São Paulo", None),
    ("Sao Paulo", None),
    ("Montréal", None),
    ("Zürich", None),
    ("Kraków", None),
    ("Łódź", None),
    ("Hà Nội", None),
    ("St. John's", None),
    ("Saint John's", ["AG"]),
    ("Quito", None),
    ("Santiago", ["CL"]),
    ("San José", ["CR"]),
    ("Havana", None),
    ("Bombay", None),
    ("Peking", None),
    ("Kiev", None),
    ("Argentina", None),
    ("Peru", None),
    ("Colombia", None),
    ("Jamaica", None),
    ("Mexico", None),
    ("United States", None),
    ("USA", None),
    ("UK", None),
    ("Canada", None),
    ("Venezuela", None),
    ("Georgia", None),
    ("Ivory Coast", None),
    ("South Korea", None),
    ("Xyzzyqville", None),
    ("Atlantis, Narnia", None),
    ("Nowhereland", ["JM"]),
]

COLD_SNIPPET = (
    "import time;t=time.perf_counter();from tourmap.gazetteer import Gazetteer;"
    "g=Gazetteer.open({path!r});g.geocode('Lima');print(time.perf_counter()-t)"
)


# Same, with geopy already imported: what the gazetteer itself costs (geopy's import is ~200 ms
# because its package __init__ loads every geocoder, requests and asyncio).
WARM_GEOPY_SNIPPET = "import geopy.location;" + COLD_SNIPPET


def cold_open(path: Path, runs: int = 5, snippet: str = COLD_SNIPPET) -> list[float]:
    """Seconds from interpreter start-up (after it) to the first answer, in fresh processes."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", snippet.format(path=str(path))],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            cwd=ROOT,
        )
        times.append(float(out.stdout.strip()))
    return times


def lookups_per_second(gaz: Gazetteer, min_seconds: float = 2.0) -> tuple[float, int]:
    done = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < min_seconds:
        for query, codes in QUERIES:
            gaz.geocode(query, country_codes=codes)
        done += len(QUERIES)
    return done / elapsed, done


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.sqlite3"
        t0 = time.perf_counter()
        build_index(path)
        build_s = time.perf_counter() - t0
        size = path.stat().st_size
        print(f"index build (from scratch): {build_s:.2f} s")
        print(f"index size:                 {size / 1024 / 1024:.2f} MiB ({size:,} bytes)")

        cold = cold_open(path)
        print(
            f"cold open + first lookup:   median {statistics.median(cold) * 1000:.0f} ms "
            f"(min {min(cold) * 1000:.0f}, max {max(cold) * 1000:.0f}; {len(cold)} fresh processes)"
        )
        own = cold_open(path, snippet=WARM_GEOPY_SNIPPET)
        print(f"  of which not geopy import: median {statistics.median(own) * 1000:.0f} ms")

        t0 = time.perf_counter()
        gaz = Gazetteer.open(path)
        print(f"warm open (same process):   {(time.perf_counter() - t0) * 1000:.1f} ms")
        misses = [q for q, c in QUERIES if gaz.geocode(q, country_codes=c) is None]
        rate, n = lookups_per_second(gaz)
        print(f"lookups:                    {rate:,.0f}/s ({n:,} over {len(QUERIES)} mixed queries)")
        print(f"  queries with no answer:   {misses}")
        print(
            f"= gazetteer: cold open + first lookup {statistics.median(cold) * 1000:.0f} ms in a new process "
            f"({statistics.median(own) * 1000:.0f} ms once geopy is imported); {rate:,.0f} lookups/s"
        )

        t0 = time.perf_counter()
        for word in ("Bogata", "Lmia", "Kingstn", "Carcas", "Argentna"):
            gaz.suggest(word)
        print(
            f"suggest:                    {(time.perf_counter() - t0) / 5 * 1000:.0f} ms/query"
            " (first call included)"
        )
        gaz.close()


if __name__ == "__main__":
    main()
