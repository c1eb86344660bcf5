"""tourmap: turn a news story about a journey into a map people can explore."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tourmap.errors import TourmapError
from tourmap.model import Border, Place, Quote, Source, Stop, Tour

if TYPE_CHECKING:
    from tourmap.extract import extract_tour

__all__ = ["Border", "Place", "Quote", "Source", "Stop", "Tour", "TourmapError", "extract_tour"]


def version() -> str:
    """The installed distribution's version (pyproject.toml is the one place it is written)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("tourmap")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> object:
    """``tourmap.extract_tour`` imports the extractor on first use: building a map from a tour
    file never needs it, and importing it costs tens of milliseconds. ``__version__`` reads the
    package metadata (~80 ms) only when asked."""
    if name == "extract_tour":
        from tourmap.extract import extract_tour

        return extract_tour
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'tourmap' has no attribute {name!r}")
