"""Local stand-ins for Nominatim on 127.0.0.1: one that answers, one that never does, a closed port.

Tests point geopy's real ``Nominatim`` (through ``TOURMAP_NOMINATIM_URL`` or ``nominatim(url=…)``)
at these, so the whole HTTP path runs with no internet.
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal
from urllib.parse import parse_qs, urlsplit

Mode = Literal["answer", "garbage", "error"]


@dataclass
class Request:
    """One request as the server saw it."""

    at: float
    path: str
    query: str
    countries: str
    user_agent: str


@dataclass
class FakeNominatim:
    """Speaks Nominatim's ``/search?format=json`` and records every request with its arrival time.

    ``answers`` maps a query to (lat, lon, display name); a query not in it finds nothing.
    ``answers=None`` finds every query at a point made up from its name.
    """

    answers: dict[str, tuple[float, float, str]] | None = field(default_factory=dict)
    mode: Mode = "answer"
    requests: list[Request] = field(default_factory=list)
    url: str = ""

    def reply(self, query: str) -> tuple[int, str, bytes]:
        if self.mode == "garbage":
            return 200, "text/html", b"<html><body>Welcome to the hotel Wi-Fi</body></html>"
        if self.mode == "error":
            return 500, "text/plain", b"internal error"
        hit = made_up(query) if self.answers is None else self.answers.get(query)
        found = [] if hit is None else [{"lat": str(hit[0]), "lon": str(hit[1]), "display_name": hit[2]}]
        return 200, "application/json", json.dumps(found).encode()


def made_up(query: str) -> tuple[float, float, str]:
    """A point that only depends on the name, for servers that find everything."""
    digest = hashlib.sha1(query.encode()).digest()
    return digest[0] / 3 - 40, digest[1] / 2 - 60, f"{query}, Made-up"


@contextmanager
def serving(fake: FakeNominatim) -> Iterator[FakeNominatim]:
    """Run ``fake`` on a free port of 127.0.0.1 for the duration of the block."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            params = parse_qs(url.query)
            query = params.get("q", [""])[0]
            fake.requests.append(
                Request(
                    time.time(),
                    url.path,
                    query,
                    params.get("countrycodes", [""])[0],
                    self.headers.get("User-Agent", ""),
                )
            )
            status, kind, body = fake.reply(query)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def silent_server() -> Iterator[str]:
    """A port that accepts connections (the kernel completes the handshake) and never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()


def closed_port() -> str:
    """A URL on 127.0.0.1 where nothing listens: connections are refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class FakeClock:
    """Wall-clock time that only moves when a test (or a geocoder's ``sleep``) moves it."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.t = start
        self.slept: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += seconds
