"""Does ``pip install tourmap`` work anywhere? Build the sdist and the wheel, install the wheel with
the ``app`` extra into a fresh virtual environment outside the checkout, and use it from a
temporary folder with an empty cache, as a new user would.

Usage: python scripts/check_install.py [--keep]   (``make wheel-check``; ``.ci/run`` via ``make test``)

Steps, each must pass: the wheel holds the geodata, the default tour and article, and the
dashboard's pages; ``tourmap --version`` and ``python -m tourmap --version``; ``tourmap build
-o m.html`` writes the self-contained Tillerson map (building the gazetteer index on first use,
with its one-line notice); ``tourmap extract`` drafts the packaged article; ``tourmap app
--offline`` answers its health check and serves the page. Dependencies are pinned to
requirements.txt (``-c``), so pip reuses its cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# what the code reads at run time, as the wheel must carry it
WHEEL_MUST_HOLD = (
    "tourmap/dashboard.py",
    "tourmap/data/README.md",
    "tourmap/data/geo/countries.geojson",
    "tourmap/data/geo/country-labels.json",
    "tourmap/data/geo/us-mx-border.geojson",
    "tourmap/data/tillerson-2018/tour.yaml",
    "tourmap/data/tillerson-2018/article.txt",
    "tourmap/pages/map.py",
    "tourmap/pages/quotes.py",
    "tourmap/pages/itinerary.py",
    "tourmap/pages/article.py",
    "tourmap/pages/your_tour.py",
)


def step(what: str) -> None:
    print(f"check_install: {what}", flush=True)


def run(
    cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    ran = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if ran.returncode != 0:
        raise SystemExit(
            f"check_install: FAILED: {' '.join(cmd)} (exit {ran.returncode})\n"
            f"{ran.stdout[-3000:]}{ran.stderr[-3000:]}"
        )
    return ran


def build(dist: Path) -> tuple[Path, Path]:
    """The sdist, then the wheel built from it (``python -m build``), without a download."""
    step("building the sdist and the wheel")
    run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        cwd=ROOT,
        env=dict(os.environ),
    )
    wheel = next(dist.glob("tourmap-*.whl"))
    sdist = next(dist.glob("tourmap-*.tar.gz"))
    return wheel, sdist


def missing_from(wheel: Path) -> list[str]:
    names = set(zipfile.ZipFile(wheel).namelist())
    return [name for name in WHEEL_MUST_HOLD if name not in names]


def serve_until_healthy(tourmap: Path, cwd: Path, env: dict[str, str]) -> str:
    """Start ``tourmap app --offline``; check its health, its page and Leaflet's file; stop it."""
    from tourmap._devserver import free_port, healthy_server

    port = free_port()
    cmd = [str(tourmap), "app", "--offline", "--port", str(port), "--address", "127.0.0.1"]
    log = cwd / "app.log"
    try:
        with healthy_server(cmd, port, cwd=cwd, env=env, timeout=120, log=log) as url:
            with urllib.request.urlopen(url, timeout=10) as answer:
                page = answer.read().decode()
            with urllib.request.urlopen(f"{url}/app/static/tourmap/leaflet.js", timeout=10) as answer:
                leaflet = answer.status
    except RuntimeError as err:
        raise SystemExit(f"check_install: FAILED: tourmap app: {err}\n{log.read_text()[-3000:]}") from None
    if "<title>" not in page or leaflet != 200:
        raise SystemExit(f"check_install: FAILED: page {len(page)} chars, Leaflet {leaflet}")
    return url


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build, install and try the wheel outside the checkout.")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = p.parse_args(argv)
    start = time.monotonic()
    top = Path(tempfile.mkdtemp(prefix="tourmap-install-"))
    try:
        wheel, sdist = build(top / "dist")
        missing = missing_from(wheel)
        if missing:
            raise SystemExit(f"check_install: FAILED: the wheel lacks {', '.join(missing)}")
        step(
            f"{wheel.name} ({wheel.stat().st_size:,} bytes) holds the data and the pages; {sdist.name} built"
        )

        step("installing the wheel with the app extra into a fresh virtual environment")
        venv = top / "venv"
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH", "TOURMAP_"))
        }
        run([sys.executable, "-m", "venv", str(venv)], cwd=top, env=env)
        bin_ = venv / "bin"
        pip = [str(bin_ / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        run([*pip, f"{wheel}[app]", "-c", str(ROOT / "requirements.txt")], cwd=top, env=env)

        # a new user: another folder, an empty cache (the gazetteer index is built on first use)
        here = top / "elsewhere"
        here.mkdir()
        env = {
            **env,
            "XDG_CACHE_HOME": str(top / "cache"),
            "XDG_DATA_HOME": str(top / "share"),
            "HOME": str(top),
        }
        tourmap = bin_ / "tourmap"
        version = run([str(tourmap), "--version"], cwd=here, env=env).stdout.strip()
        module = run([str(bin_ / "python"), "-m", "tourmap", "--version"], cwd=here, env=env).stdout.strip()
        if not version.startswith("tourmap 0") or version != module:
            raise SystemExit(f"check_install: FAILED: versions {version!r} and {module!r}")
        step(f"{version} (also from python -m tourmap)")

        built = run([str(tourmap), "build", "-o", "m.html"], cwd=here, env=env)
        page = (here / "m.html").read_text(encoding="utf-8")
        if (
            "building the gazetteer index" not in built.stderr
            or "Mexico City" not in page
            or "leaflet" not in page
        ):
            raise SystemExit(f"check_install: FAILED: tourmap build\n{built.stdout}{built.stderr}")
        notice = built.stderr.strip().splitlines()[0]
        step(f"tourmap build -o m.html: {len(page.encode()):,} bytes; {notice}")

        article = run(
            [str(bin_ / "python"), "-c", "from tourmap.resources import data_dir; print(data_dir())"],
            cwd=here,
            env=env,
        ).stdout.strip()
        packaged = Path(article) / "tillerson-2018" / "article.txt"
        if not packaged.is_relative_to(venv):
            raise SystemExit(f"check_install: FAILED: the data came from {packaged}, not the installed wheel")
        draft = run([str(tourmap), "extract", str(packaged)], cwd=here, env=env).stdout
        if "Mexico City" not in draft or "Tillerson" not in draft:
            raise SystemExit(f"check_install: FAILED: tourmap extract drafted\n{draft[:2000]}")
        step(f"tourmap extract on the packaged article: {len(draft.splitlines())} lines of YAML")

        url = serve_until_healthy(tourmap, here, env)
        step(f"tourmap app --offline answered its health check and served the page and Leaflet at {url}")
        step(f"all passed in {time.monotonic() - start:.0f} s")
    finally:
        if args.keep:
            print(f"check_install: kept {top}")
        else:
            shutil.rmtree(top, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
