"""What the construction tests read from a draft: its stops, a quote's speaker and its scene
(the ``draft`` fixture itself is in conftest)."""

from __future__ import annotations

from collections.abc import Callable

from tourmap.extract import Extraction
from tourmap.model import Tour

Draft = Callable[[str], Extraction]


def stops(tour: Tour) -> list[tuple[str, str]]:
    return [(s.name, s.status) for s in tour.stops]


def speaker_of(tour: Tour, start: str) -> str | None:
    quote = next(q for q in tour.quotes if q.text.startswith(start))
    return quote.speaker


def said_at(tour: Tour, start: str) -> str | None:
    quote = next(q for q in tour.quotes if q.text.startswith(start))
    return tour.stop(quote.said_at).name if quote.said_at else None
