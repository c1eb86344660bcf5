"""folium, imported without pandas: half of a cold build's import time for nothing.

folium imports pandas only to accept DataFrames as locations when pandas happens to be installed
(Streamlit installs it); tourmap never passes one. A ``None`` in ``sys.modules`` makes that
optional import fail at once, and is removed right after, so anyone else can still import pandas.
If pandas is already loaded (the dashboard), folium simply gets it.
"""

from __future__ import annotations

import sys

if "folium" not in sys.modules and "pandas" not in sys.modules:
    sys.modules["pandas"] = None  # type: ignore[assignment]
    try:
        import folium
    finally:
        del sys.modules["pandas"]

import folium
from folium.template import Template

__all__ = ["Template", "folium"]
