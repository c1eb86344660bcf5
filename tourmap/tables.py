"""A tour as three tables (stops, places, quotes) and back, for people who would rather not edit YAML.

Pure: rows are plain dicts, the same values ``st.data_editor`` shows, and nothing here imports
Streamlit or pandas. Rows go back through ``tourfile.tour_from_data``, the very check a tour file
passes, so a table can hold nothing a file could not; its messages are re-pointed from
``stops[2].date`` to ``stops row 3: date`` so a person finds the cell. Ids are the tour's, kept as
they are (a renamed stop keeps its id, so quotes stay linked); a new row gets one from its name.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from tourmap.errors import TourValidationError
from tourmap.model import Tour
from tourmap.tourfile import tour_from_data, tour_to_data

TableName = Literal["stops", "places", "quotes"]
Row = dict[str, Any]

TABLES: tuple[TableName, ...] = ("stops", "places", "quotes")
# every table's columns, in the order the editor shows them; "problem" holds the last Apply's error
COLUMNS: dict[TableName, tuple[str, ...]] = {
    "stops": ("problem", "id", "name", "country", "status", "date", "lat", "lon", "on_map"),
    "places": ("problem", "id", "name", "country", "lat", "lon", "on_map"),
    "quotes": ("problem", "id", "speaker", "text", "said_at", "about"),
}
READ_ONLY = frozenset({"problem", "id", "on_map"})  # ids are the tour's: links depend on them
COORD_DECIMALS = 5  # ~1 m: what the geocoder keeps, and plenty for a map click
TEXT_LIMIT = 2_000  # a quote cell longer than this is cut (a megabyte does not belong in a grid)
_CUT = re.compile(r" \[… [\d,]+ more characters: edit this quote in the Tour file tab\]$")
_WHERE = re.compile(
    r"^(?P<table>title|traveller|source|stops|places|borders|quotes)(?:\[(?P<i>\d+)\])?"
    r"(?:\.(?P<field>[a-z_]+))?: (?P<msg>.*)$",
    re.DOTALL,
)
_REF = re.compile(r"\b(stops|places|quotes)\[(\d+)\]")
_NAME = "tables"  # the "file name" tourfile puts before its messages; stripped again below


@dataclass(frozen=True, slots=True)
class Tables:
    """The editable parts of a tour: one list of rows per table, in the tour's order."""

    stops: tuple[Row, ...]
    places: tuple[Row, ...] = ()
    quotes: tuple[Row, ...] = ()

    def rows(self, table: TableName) -> tuple[Row, ...]:
        rows: tuple[Row, ...] = getattr(self, table)
        return rows

    def with_rows(self, table: TableName, rows: Iterable[Row]) -> Tables:
        return replace(self, **{table: tuple(rows)})


@dataclass(frozen=True, slots=True)
class RowError:
    """One complaint, placed: ``row`` is 1-based as the editor counts, None for the whole table."""

    table: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        at = f"{self.table} row {self.row}" if self.row is not None else self.table
        return f"{at}: {self.field}: {self.message}" if self.field else f"{at}: {self.message}"


@dataclass(frozen=True, slots=True)
class Checked:
    """What Apply gives: the new tour, or the errors (and the tour is None)."""

    tour: Tour | None
    errors: tuple[RowError, ...] = field(default=())


# --- tour -> rows ----------------------------------------------------------------------------


def _on_map(lat: float | None, lon: float | None) -> str | None:
    return None if lat is None or lon is None else f"{lat:.5f}, {lon:.5f}"


def quote_cell(text: str) -> str:
    """A quote's text for its cell: whole, or cut at ``TEXT_LIMIT`` with a note saying where the rest is."""
    if len(text) <= TEXT_LIMIT:
        return text
    rest = len(text) - TEXT_LIMIT
    return f"{text[:TEXT_LIMIT]} [… {rest:,} more characters: edit this quote in the Tour file tab]"


def tour_to_tables(tour: Tour, placed: Tour | None = None) -> Tables:
    """The tour file's values as rows; ``placed`` (the geocoded tour) fills the read-only "on_map".

    Rows hold what the file says, so an empty lat/lon still means "let the gazetteer place it".
    """
    where: dict[str, str | None] = {}
    if placed is not None:
        where |= {s.id: _on_map(s.lat, s.lon) for s in placed.stops}
        where |= {p.id: _on_map(p.lat, p.lon) for p in placed.places}
    stops = tuple(
        {
            "problem": None,
            "id": s.id,
            "name": s.name,
            "country": s.country,
            "status": s.status,
            "date": s.date,
            "lat": s.lat,
            "lon": s.lon,
            "on_map": where.get(s.id) or _on_map(s.lat, s.lon),
        }
        for s in tour.stops
    )
    places = tuple(
        {
            "problem": None,
            "id": p.id,
            "name": p.name,
            "country": p.country,
            "lat": p.lat,
            "lon": p.lon,
            "on_map": where.get(p.id) or _on_map(p.lat, p.lon),
        }
        for p in tour.places
    )
    quotes = tuple(
        {
            "problem": None,
            "id": q.id,
            "speaker": q.speaker,
            "text": quote_cell(q.text),
            "said_at": q.said_at,
            "about": list(q.about),
        }
        for q in tour.quotes
    )
    return Tables(stops, places, quotes)


def link_options(tables: Tables, tour: Tour) -> tuple[dict[str, str], dict[str, str]]:
    """The drop-downs of a quote's links: id -> label for ``said_at`` (stops) and ``about``
    (stops, places and the tour's borders). Rows not applied yet have no id, so no entry."""

    def label(row: Row) -> str:
        name = blank(row.get("name"))
        return f"{name} ({row['id']})" if name else str(row["id"])

    said_at = {r["id"]: label(r) for r in tables.stops if isinstance(r.get("id"), str)}
    about = dict(said_at)
    about |= {r["id"]: label(r) for r in tables.places if isinstance(r.get("id"), str)}
    about |= {b.id: f"{b.title} ({b.id})" for b in tour.borders}
    return said_at, about


# --- the editor's changes --------------------------------------------------------------------


def apply_edits(
    rows: Sequence[Mapping[str, Any]], state: Mapping[str, Any] | None, table: TableName
) -> list[Row]:
    """``rows`` with an ``st.data_editor`` edit state applied, in the order Streamlit applies it:
    cell edits by original position, then deletions, then added rows at the end.

    Edits to read-only columns and unknown columns are dropped: ids belong to the tour.
    """
    columns = COLUMNS[table]
    out = [dict(r) for r in rows]
    if not state:
        return out
    for key, changes in (state.get("edited_rows") or {}).items():
        i = int(key)
        if 0 <= i < len(out) and isinstance(changes, Mapping):
            out[i].update({k: v for k, v in changes.items() if k in columns and k not in READ_ONLY})
    deleted = {int(i) for i in state.get("deleted_rows") or ()}
    out = [r for i, r in enumerate(out) if i not in deleted]
    for added in state.get("added_rows") or ():
        if isinstance(added, Mapping):
            new: Row = dict.fromkeys(columns)
            new.update({k: v for k, v in added.items() if k in columns and k not in READ_ONLY})
            out.append(new)
    return out


def place_at(rows: Sequence[Mapping[str, Any]], index: int, click: Mapping[str, Any]) -> list[Row]:
    """The rows with row ``index`` moved to a map click (streamlit-folium's ``last_clicked``,
    ``{"lat": …, "lng": …}``), rounded to ``COORD_DECIMALS``.

    Leaflet reports longitudes past ±180 once the world has been panned round; they are wrapped
    back, so a click on Lima one world to the east still gives Lima.
    """
    if not 0 <= index < len(rows):
        raise IndexError(f"no row {index + 1} to place (the table has {len(rows)})")
    lat, lng = click.get("lat"), click.get("lng")
    if not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in (lat, lng)
    ):
        raise ValueError(f"a map click needs numbers lat and lng, instead got: {dict(click)!r}")
    assert isinstance(lat, (int, float)) and isinstance(lng, (int, float))  # for mypy: checked above
    wrapped = (float(lng) + 180.0) % 360.0 - 180.0
    out = [dict(r) for r in rows]
    out[index].update(
        lat=round(max(-90.0, min(90.0, float(lat))), COORD_DECIMALS),
        lon=round(wrapped, COORD_DECIMALS),
        on_map=None,
        problem=None,
    )
    return out


# --- rows -> tour ----------------------------------------------------------------------------


def blank(value: object) -> Any:
    """A cell as the tour file would hold it: empty text, NaN and NaT become None (absent)."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str):
        return value.strip() or None
    if value != value:  # pandas NaT and friends: not equal to themselves
        return None
    return value


def _date(value: object) -> object:
    """The editor's date (a date, a pandas Timestamp, or ISO text with a time) as a date or text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d", value.strip()):
        return value.strip()[:10]  # what DateColumn sends; the date check still judges the day
    return value


def _number(value: object) -> object:
    """Coordinates as numbers when they are (numpy's floats are floats); anything else as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return float(value)


def slug(name: str, fallback: str) -> str:
    """An id from a name: "São Paulo" -> "sao-paulo"; ``fallback`` when no letter survives."""
    folded = "".join(
        c.lower() if c.isascii() and c.isalnum() else "-"
        for c in unicodedata.normalize("NFKD", name)
        if not unicodedata.combining(c)  # the accents NFKD took off the letters
    )
    text = re.sub(r"-+", "-", folded).strip("-")[:40].strip("-")
    return text or fallback


def unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is free; the result is added to ``taken``."""
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    taken.add(ident)
    return ident


def _is_blank_new(row: Mapping[str, Any], table: TableName) -> bool:
    """A row added and left empty (a stray "+"): skipped, not an error."""
    if blank(row.get("id")) is not None:
        return False
    return all(blank(row.get(c)) in (None, []) for c in COLUMNS[table] if c not in READ_ONLY)


def _kept(rows: Sequence[Mapping[str, Any]], table: TableName) -> list[tuple[int, Row]]:
    """(row number, row) of the rows that count: all but blank new ones."""
    return [(i + 1, dict(r)) for i, r in enumerate(rows) if not _is_blank_new(r, table)]


def _assign_ids(tables: Tables, reserved: set[str]) -> dict[TableName, list[tuple[int, Row]]]:
    """The rows that count, each with an id: its own, or a new one from its name, unique in the
    tour (stops, places and ``reserved``, the borders, share one set of ids; quotes have theirs)."""
    kept = {t: _kept(tables.rows(t), t) for t in TABLES}
    taken = set(reserved) | {str(r["id"]) for t in TABLES[:2] for _, r in kept[t] if blank(r.get("id"))}
    for table in TABLES[:2]:
        for _, r in kept[table]:
            if blank(r.get("id")) is None:
                r["id"] = unique(slug(str(blank(r.get("name")) or ""), table[:-1]), taken)
    quote_ids = {str(r["id"]) for _, r in kept["quotes"] if blank(r.get("id"))}
    n = len(quote_ids)
    for _, r in kept["quotes"]:
        if blank(r.get("id")) is None:
            while f"q{n + 1}" in quote_ids:
                n += 1
            r["id"] = unique(f"q{n + 1}", quote_ids)
    return kept


def _stop_data(row: Mapping[str, Any], before: Mapping[str, Any] | None) -> dict[str, Any]:
    data = {
        "id": row.get("id"),
        "name": blank(row.get("name")),
        "status": blank(row.get("status")),
        "country": blank(row.get("country")),
        "lat": _number(blank(row.get("lat"))),
        "lon": _number(blank(row.get("lon"))),
        "date": _date(blank(row.get("date"))),
    }
    return _with_geocode(data, before)


def _place_data(row: Mapping[str, Any], before: Mapping[str, Any] | None) -> dict[str, Any]:
    data = {
        "id": row.get("id"),
        "name": blank(row.get("name")),
        "country": blank(row.get("country")),
        "lat": _number(blank(row.get("lat"))),
        "lon": _number(blank(row.get("lon"))),
    }
    return _with_geocode(data, before)


def _with_geocode(data: dict[str, Any], before: Mapping[str, Any] | None) -> dict[str, Any]:
    """Keep what the geocoder wrote (``place``, ``placed_by``) only while name and position are
    unchanged: after a move or a rename it would describe somewhere else."""
    if before and all(before.get(k) == data[k] for k in ("name", "lat", "lon")):
        data |= {k: before[k] for k in ("place", "placed_by") if k in before}
    return {k: v for k, v in data.items() if v is not None}


def _quote_data(row: Mapping[str, Any], before: Mapping[str, Any] | None) -> dict[str, Any]:
    text = blank(row.get("text"))
    if before and isinstance(text, str) and text == quote_cell(before["text"]).strip():
        text = before["text"]  # unchanged, or cut for the grid and left alone: the whole text stays
    about = row.get("about")
    if about is None or (isinstance(about, float) and math.isnan(about)):
        about = []
    elif isinstance(about, str):
        about = [about]
    elif isinstance(about, Iterable):
        about = list(about)
    data: dict[str, Any] = {
        "id": row.get("id"),
        "text": text,
        "speaker": blank(row.get("speaker")),
        "said_at": blank(row.get("said_at")),
        "about": about,
    }
    if before and "span" in before and text == before["text"]:
        data["span"] = before["span"]  # offsets into the article hold only for the same words
    return {k: v for k, v in data.items() if v is not None}


_BUILDERS = {"stops": _stop_data, "places": _place_data, "quotes": _quote_data}


def tables_to_data(tables: Tables, base: Tour) -> tuple[dict[str, Any], dict[TableName, list[int]]]:
    """A tour-file dict: ``base``'s title, traveller, source and borders with the tables' rows,
    and for each table the row number of each entry (blank new rows are left out)."""
    data = tour_to_data(base)
    before = {t: {str(x["id"]): x for x in data.get(t, [])} for t in TABLES}
    kept = _assign_ids(tables, {b.id for b in base.borders})
    numbers: dict[TableName, list[int]] = {}
    for table in TABLES:
        builder = _BUILDERS[table]
        data[table] = [builder(r, before[table].get(str(r["id"]))) for _, r in kept[table]]
        numbers[table] = [n for n, _ in kept[table]]
    return data, numbers


def _located(err: TourValidationError, numbers: Mapping[Any, Sequence[int]]) -> RowError:
    """tourfile's "tables: stops[2].date: …" as RowError("stops", row, "date", "…")."""
    text = str(err).removeprefix(f"{_NAME}: ")

    def row_of(table: str, index: str) -> int | None:
        rows = numbers.get(table)
        return rows[int(index)] if rows is not None and int(index) < len(rows) else None

    def rewrite(m: re.Match[str]) -> str:
        row = row_of(m[1], m[2])
        return f"{m[1]} row {row}" if row is not None else m[0]

    m = _WHERE.match(text)
    if m is None:
        return RowError("tour", None, None, _REF.sub(rewrite, text))
    row = row_of(m["table"], m["i"]) if m["i"] is not None else None
    return RowError(m["table"], row, m["field"], _REF.sub(rewrite, m["msg"]))


def _stub(taken: set[str]) -> dict[str, str]:
    """A stand-in stop, so that a place or quote can be checked alone (a tour needs a stop)."""
    return {"id": unique("stand-in-stop", set(taken)), "name": "stand-in"}


def _row_errors(data: Mapping[str, Any], numbers: Mapping[TableName, list[int]]) -> list[RowError]:
    """Each row checked on its own by ``tour_from_data``, so every bad row is named at once
    (a whole file stops at its first problem)."""
    errors: list[RowError] = []
    ids = {t: [x.get("id") for x in data[t]] for t in ("stops", "places")}

    def check(table: TableName, index: int, tour_data: dict[str, Any]) -> None:
        try:
            tour_from_data(tour_data, name=_NAME)
        except TourValidationError as err:
            error = _located(err, {table: [numbers[table][index]]})
            if error.table == table:  # a complaint about the stand-ins is not this row's
                errors.append(error)

    head = {"title": "t"}
    for i, stop in enumerate(data["stops"]):
        check("stops", i, {**head, "stops": [stop]})
    for i, place in enumerate(data["places"]):
        check("places", i, {**head, "stops": [_stub({str(place.get("id"))})], "places": [place]})
    # quotes see every stop, place and border id, as stand-ins: a quote is judged by its links only
    stop_ids = list(dict.fromkeys(i for i in ids["stops"] if isinstance(i, str)))
    place_ids = [i for i in dict.fromkeys(ids["places"]) if isinstance(i, str) and i not in stop_ids]
    borders = [b for b in data.get("borders", []) if b["id"] not in stop_ids and b["id"] not in place_ids]
    context = {
        **head,
        "stops": [{"id": i, "name": "x"} for i in stop_ids] or [_stub(set(place_ids))],
        "places": [{"id": i, "name": "x"} for i in place_ids],
        "borders": borders,
    }
    for i, quote in enumerate(data["quotes"]):
        check("quotes", i, {**context, "quotes": [quote]})
    return errors


def check_tables(tables: Tables, base: Tour) -> Checked:
    """The tables as a tour, checked as a tour file is; or every row's error, placed.

    Rows are first checked one by one (all bad rows at once), then the whole tour by the same
    ``tour_from_data`` a file goes through (what only shows in the whole: duplicate ids, no stop).
    """
    data, numbers = tables_to_data(tables, base)
    errors = _row_errors(data, numbers)
    if not data["stops"]:
        errors.insert(0, RowError("stops", None, None, "a tour needs at least one stop"))
    if errors:
        # with no stop left, the stand-in is the only stop id a message could list
        stand_in = "(stand-in-stop)"
        errors = [replace(e, message=e.message.replace(stand_in, "(none: no stop is left)")) for e in errors]
        return Checked(None, tuple(errors))
    try:
        return Checked(tour_from_data(data, name=_NAME))
    except TourValidationError as err:
        return Checked(None, (_located(err, numbers),))


def with_problems(tables: Tables, errors: Iterable[RowError]) -> Tables:
    """The tables with each error in its row's "problem" cell (and old problems cleared)."""
    by_row: dict[tuple[str, int], list[str]] = {}
    for e in errors:
        if e.row is not None:
            by_row.setdefault((e.table, e.row), []).append(
                f"{e.field}: {e.message}" if e.field else e.message
            )
    out = tables
    for table in TABLES:
        rows = [
            {**r, "problem": "; ".join(by_row.get((table, n), [])) or None}
            for n, r in enumerate(tables.rows(table), start=1)
        ]
        out = out.with_rows(table, rows)
    return out


def edited_name(label: str) -> str:
    """The name an edited tour goes by: its own, marked once (not once per Apply)."""
    return label if label.endswith(" (edited)") else f"{label} (edited)"
