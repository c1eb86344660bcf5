"""The dashboard launcher (`make run`): ready before the first visitor, and quiet about it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tourmap._chromium import CHROMIUM, guard_requests
from tourmap._devserver import APP_DIR, free_port, streamlit_server


def test_warming_loads_what_the_first_map_needs_and_says_nothing() -> None:
    code = (
        "import sys; from tourmap import serve; serve.warm(serve.app_script()); "
        "print(' '.join(m for m in ('pandas', 'folium.plugins', 'shapely') if m in sys.modules))"
    )
    ran = subprocess.run(
        [sys.executable, "-c", code], cwd=APP_DIR, capture_output=True, text=True, timeout=120, check=True
    )
    assert ran.stdout.split() == ["pandas", "folium.plugins", "shapely"]
    assert ran.stderr == ""  # no "No runtime found", no "missing ScriptRunContext"


def test_the_launcher_serves_the_app_without_warnings() -> None:
    port = free_port()
    cmd = [sys.executable, "-m", "tourmap.serve", "--server.port", str(port), "--server.headless", "true"]
    cmd += ["--server.address", "127.0.0.1"]
    proc = subprocess.Popen(
        cmd,
        cwd=APP_DIR,
        env={**os.environ, "TOURMAP_OFFLINE": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "the launcher did not start"
                time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=20)
    assert f":{port}" in out
    for noise in ("WARNING", "Traceback", "An update to the [server] config option", "No runtime found"):
        assert noise not in out, out


@pytest.mark.browser
def test_plain_streamlit_run_still_shows_the_map(browser: Browser) -> None:
    """`streamlit run streamlit_app.py` (no launcher) must keep working: the launcher only warms."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} missing: apt-get install chromium")
    with streamlit_server(offline=True, launcher=False) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        blocked = guard_requests(page, ("http://127.0.0.1:", "data:", "blob:", "about:"))
        page.goto(url)
        markers = page.frame_locator("iframe[title='streamlit_folium.st_folium']").locator(
            ".leaflet-marker-icon .tm-stop"
        )
        markers.first.wait_for(timeout=60_000)
        assert markers.count() == 5
        assert blocked == []
        page.close()
