"""`make bench`: every benchmark in one run, then a summary of the figures that have targets.

Each script prints its details and marks its headline figures with a leading "= "; this runner
streams the details, collects the marked lines and prints them together at the end. With
``--readme`` it also writes them, with a description of the machine, into benchmarks/README.md
(between the FIGURES markers), so the latest figures are kept with the code.

Run: .venv/bin/python benchmarks/run_all.py [--readme] [--skip-dashboard]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["bench_build.py", "bench_extract.py", "bench_gazetteer.py", "bench_dashboard.py"]
BEGIN, END = "<!-- FIGURES:BEGIN -->", "<!-- FIGURES:END -->"


def machine() -> str:
    """CPU model, cores, memory, OS and Python: what a figure means depends on them."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(encoding="utf-8"), re.M)
        model = found.group(1).strip() if found else model
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(encoding="utf-8"), re.M)
        memory = f", {int(kb.group(1)) / 1024 / 1024:.0f} GiB" if kb else ""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{model}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; load average {load:.2f} at the start"
    )


def run(script: str) -> list[str]:
    """Run one benchmark, echoing its output; return its headline lines."""
    print(f"\n## {script}", flush=True)
    proc = subprocess.Popen(
        [sys.executable, str(HERE / script)], stdout=subprocess.PIPE, text=True, cwd=HERE.parent
    )
    assert proc.stdout is not None
    marked = []
    for line in proc.stdout:
        print(line, end="", flush=True)
        if line.startswith("= "):
            marked.append(line[2:].rstrip())
    if proc.wait() != 0:
        marked.append(f"{script} FAILED (exit {proc.returncode})")
    return marked


def write_readme(lines: list[str], described: str) -> None:
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    block = (
        f"{BEGIN}\nMeasured {dt.date.today().isoformat()} on {described}.\n\n"
        + "".join(f"- {line}\n" for line in lines)
        + END
    )
    start, end = text.index(BEGIN), text.index(END) + len(END)
    readme.write_text(text[:start] + block + text[end:], encoding="utf-8")
    print(f"\nwrote the figures into {readme}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--readme", action="store_true", help="also write the figures into benchmarks/README.md")
    ap.add_argument("--skip-dashboard", action="store_true", help="no Streamlit server, no browser")
    args = ap.parse_args()
    described = machine()
    print(f"machine: {described}")
    lines: list[str] = []
    for script in SCRIPTS:
        if args.skip_dashboard and script == "bench_dashboard.py":
            continue
        lines += run(script)
    print("\n## summary")
    for line in lines:
        print(f"- {line}")
    if args.readme:
        write_readme(lines, described)
    return 1 if any("FAILED" in line for line in lines) else 0


if __name__ == "__main__":
    raise SystemExit(main())
