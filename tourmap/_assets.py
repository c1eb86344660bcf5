"""Leaflet, jQuery and Leaflet's CSS from installed xstatic packages, for offline maps.

Images the CSS points at become data URIs and source-map comments are dropped, so a page that
inlines these makes no request at all.
"""

from __future__ import annotations

import base64
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from tourmap.errors import DataError

_SOURCEMAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[^)'\"]+)\1\)")


@dataclass(frozen=True, slots=True)
class Assets:
    leaflet_js: str
    leaflet_css: str
    jquery_js: str
    leaflet_version: str
    jquery_version: str


def _leaflet_dir() -> Path:
    try:
        import xstatic.pkg.leaflet as leaflet
    except ImportError as err:  # pragma: no cover - a broken install
        raise DataError("xstatic-leaflet is not installed; run `make setup`") from err
    return Path(leaflet.BASE_DIR)


def _leaflet_version() -> str:
    import xstatic.pkg.leaflet as leaflet

    return str(leaflet.VERSION)


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _script_safe(js: str) -> str:
    """Drop source-map hints and make sure the code cannot close its own <script> element."""
    return re.sub(r"</(script)", r"<\\/\1", _SOURCEMAP.sub("", js), flags=re.IGNORECASE)


@functools.cache
def load_assets() -> Assets:
    """Read once per process: the files are part of installed packages and never change."""
    import xstatic.pkg.jquery as jquery

    ldir = _leaflet_dir()
    css = (ldir / "leaflet.css").read_text(encoding="utf-8")
    css = _CSS_URL.sub(lambda m: f"url({_data_uri(ldir / m.group(2))})", css)
    return Assets(
        leaflet_js=_script_safe((ldir / "leaflet.js").read_text(encoding="utf-8")),
        leaflet_css=css,
        jquery_js=_script_safe((Path(jquery.BASE_DIR) / "jquery.min.js").read_text(encoding="utf-8")),
        leaflet_version=_leaflet_version(),
        jquery_version=str(jquery.VERSION),
    )


def write_static_assets(dest: Path) -> list[Path]:
    """Leaflet, its CSS and images, and jQuery as files, for Streamlit's static serving.

    Idempotent: a file is rewritten only when its content differs, so a running server never
    sees a half-written asset.
    """
    from tourmap._atomic import atomic_write_bytes

    a = load_assets()
    ldir = _leaflet_dir()
    files = {
        "leaflet.js": a.leaflet_js.encode(),
        "leaflet.css": a.leaflet_css.encode(),
        "jquery.min.js": a.jquery_js.encode(),
    }
    for image in sorted((ldir / "images").glob("*.png")):
        files[f"images/{image.name}"] = image.read_bytes()
    written = []
    for name, data in files.items():
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            atomic_write_bytes(path, data)
        written.append(path)
    return written
