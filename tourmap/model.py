"""The tour as frozen value objects: the one thing every stage reads and writes.

They know nothing of folium, Streamlit or files; ``tourfile`` turns them into text and back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Literal

Status = Literal["visited", "upcoming"]
STATUSES: tuple[Status, ...] = ("visited", "upcoming")


def _point(kind: str, ident: str, lat: float | None, lon: float | None) -> tuple[float, float]:
    if lat is None or lon is None:
        raise ValueError(f"{kind} {ident!r} has no coordinates yet")
    return (lat, lon)


@dataclass(frozen=True, slots=True)
class Stop:
    """A place the traveller visits or will visit; ``lat``/``lon`` are None until geocoded."""

    id: str
    name: str
    status: Status = "visited"
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    place: str | None = None
    date: dt.date | None = None
    placed_by: str | None = None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def point(self) -> tuple[float, float]:
        """(lat, lon), the order geopy and folium use; raises if not geocoded yet."""
        return _point("stop", self.id, self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class Place:
    """A place the article mentions but the traveller does not visit."""

    id: str
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    place: str | None = None
    placed_by: str | None = None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def point(self) -> tuple[float, float]:
        return _point("place", self.id, self.lat, self.lon)


@dataclass(frozen=True, slots=True)
class Border:
    """A line between two countries that the story is about."""

    id: str
    countries: tuple[str, str]
    label: str | None = None

    @property
    def title(self) -> str:
        return self.label or f"{self.countries[0]}–{self.countries[1]} border"


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation; ``span`` is its [start, end) offset in the article, quote marks excluded."""

    id: str
    text: str
    speaker: str | None = None
    said_at: str | None = None
    about: tuple[str, ...] = ()
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Where the tour comes from; ``path`` is relative to the tour file."""

    path: str | None = None
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Tour:
    """A journey told by an article: stops in visiting order, places, borders and quotes."""

    title: str
    stops: tuple[Stop, ...]
    traveller: str | None = None
    source: Source | None = None
    places: tuple[Place, ...] = ()
    borders: tuple[Border, ...] = ()
    quotes: tuple[Quote, ...] = field(default=())

    @property
    def located(self) -> bool:
        return all(s.located for s in self.stops) and all(p.located for p in self.places)

    def stop(self, stop_id: str) -> Stop:
        for s in self.stops:
            if s.id == stop_id:
                return s
        raise KeyError(stop_id)

    def label_of(self, any_id: str) -> str:
        """Human name of a stop, place or border id (for 'about' lists)."""
        for s in self.stops:
            if s.id == any_id:
                return s.name
        for p in self.places:
            if p.id == any_id:
                return p.name
        for b in self.borders:
            if b.id == any_id:
                return b.title
        return any_id

    def quotes_said_at(self, stop_id: str) -> tuple[Quote, ...]:
        return tuple(q for q in self.quotes if q.said_at == stop_id)

    def quotes_about(self, any_id: str) -> tuple[Quote, ...]:
        return tuple(q for q in self.quotes if any_id in q.about)

    def countries(self) -> tuple[str, ...]:
        """Countries the tour names, in first-seen order: the context for ambiguous names."""
        seen: dict[str, None] = {}
        for country in [s.country for s in self.stops] + [p.country for p in self.places]:
            if country:
                seen.setdefault(country, None)
        for b in self.borders:
            for c in b.countries:
                seen.setdefault(c, None)
        return tuple(seen)

    def with_places(self, stops: tuple[Stop, ...], places: tuple[Place, ...]) -> Tour:
        return replace(self, stops=stops, places=places)
