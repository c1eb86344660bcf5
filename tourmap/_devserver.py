"""Start and stop the dashboard for browser tests, benchmarks and screenshots.

The server runs in its own process group and is stopped by that group's id, so no stray
Streamlit survives a failed test.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

APP_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def streamlit_server(*, offline: bool = True, timeout: float = 60.0, launcher: bool = True) -> Iterator[str]:
    """The dashboard on a free loopback port, as ``make run`` starts it (``python -m tourmap.serve``,
    or ``streamlit run streamlit_app.py`` with ``launcher=False``); yields its URL once healthy."""
    port = free_port()
    env = {**os.environ, "TOURMAP_OFFLINE": "1" if offline else "0"}
    if launcher:
        cmd = [sys.executable, "-m", "tourmap.serve"]
    else:
        cmd = [sys.executable, "-m", "streamlit", "run", str(APP_DIR / "streamlit_app.py")]
    cmd += ["--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"]
    with healthy_server(cmd, port, cwd=APP_DIR, env=env, timeout=timeout) as url:
        yield url


@contextmanager
def healthy_server(
    cmd: list[str],
    port: int,
    *,
    cwd: Path,
    env: dict[str, str],
    timeout: float = 60.0,
    log: Path | None = None,
) -> Iterator[str]:
    """Run ``cmd`` (a Streamlit server on ``port``) until its health check answers; yield its URL;
    stop its whole process group. ``log`` keeps its output (for a failure message)."""
    out = log.open("w", encoding="utf-8") if log else None
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=env,
        stdout=out or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if out else subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start on {url}") from None
                time.sleep(0.2)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if out:
            out.close()
