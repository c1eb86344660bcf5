"""tourmap: turn a news story about a journey into a map people can explore."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tourmap.errors import TourmapError
from tourmap.model import Border, Place, Quote, Source, Stop, Tour

if TYPE_CHECKING:
    from tourmap.extract import extract_tour

__all__ = ["Border", "Place", "Quote", "Source", "Stop", "Tour", "TourmapError", "extract_tour"]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """``tourmap.extract_tour`` imports the extractor on first use: building a map from a tour
    file never needs it, and importing it costs tens of milliseconds."""
    if name == "extract_tour":
        from tourmap.extract import extract_tour

        return extract_tour
    raise AttributeError(f"module 'tourmap' has no attribute {name!r}")
