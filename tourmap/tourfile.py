"""Tour files (YAML or JSON, same keys) to ``Tour`` and back: the boundary where input is checked.

Every problem becomes a ``TourmapError`` whose message names the file, the line when known, the
field and the bad value (in brief: never a whole value), so a person can fix the file by hand.
Hostile files are refused before they cost anything: special files (pipes, devices) are not
opened, nothing past the size limit is read, and YAML anchors and aliases (the "billion laughs"),
explicit tags and nesting deeper than ``MAX_DEPTH`` are refused while the parser streams events,
before a single value is built.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from tourmap._atomic import not_regular
from tourmap.errors import InputError, TourValidationError, brief
from tourmap.model import STATUSES, Border, Place, Quote, Source, Stop, Tour

MAX_TOUR_BYTES = 2_000_000
MAX_DEPTH = 32  # a tour needs 4 levels (tour > stops > stop > about); anything deeper is refused
TOUR_SUFFIXES = (".yaml", ".yml", ".json")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_ISO2 = re.compile(r"^[A-Z]{2}$")


# --- reading bytes ---------------------------------------------------------------------------


def read_text(path: Path, *, max_bytes: int = MAX_TOUR_BYTES, what: str = "file") -> str:
    """Read a user's file as UTF-8 text, refusing what is missing, binary, too big or mis-encoded.

    Only a regular file is read: a pipe would block forever and ``/dev/zero`` never ends. The
    file is measured before it is opened and never more than ``max_bytes + 1`` bytes are read.
    """
    name = str(path)
    try:
        info = Path(path).stat()  # follows symlinks: a link to /dev/zero is a character device
    except (FileNotFoundError, NotADirectoryError) as err:
        raise InputError(f"{what} not found: {name!r}") from err
    except OSError as err:
        raise InputError(f"cannot read {what} {name!r}: {err.strerror or err}") from err
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{what} is a directory, not a file: {name!r}")
    _refuse_special(info.st_mode, what, name)
    if info.st_size > max_bytes:
        raise InputError(f"{what} {name!r} is {info.st_size:,} bytes; the limit is {max_bytes:,} bytes")
    try:
        # O_NONBLOCK: should a pipe have taken the file's place since os.stat, opening it must not
        # wait for a writer; fstat then refuses it. Reading a regular file ignores the flag.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        with os.fdopen(os.open(path, flags), "rb") as f:
            _refuse_special(os.fstat(f.fileno()).st_mode, what, name)
            data = f.read(max_bytes + 1)
    except OSError as err:
        raise InputError(f"cannot read {what} {name!r}: {err.strerror or err}") from err
    if len(data) > max_bytes:  # it grew since it was measured, or it says 0 bytes like /proc files
        raise InputError(f"{what} {name!r} is over the limit of {max_bytes:,} bytes")
    return decode_text(data, name=name, what=what)


def _refuse_special(mode: int, what: str, name: str) -> None:
    kind = not_regular(mode)
    if kind is not None:
        raise InputError(f"{what} {name!r} is {kind}, not a regular file")


def decode_text(data: bytes, *, name: str, what: str = "file") -> str:
    """UTF-8 (with or without BOM) or a clear refusal; NUL bytes mean binary, not text."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{what} {name!r} looks binary (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            f"{what} {name!r} is not UTF-8 text: byte 0x{data[err.start]:02x} on line {line}"
        ) from err


# --- parsing ---------------------------------------------------------------------------------


class _Located(dict[str, Any]):
    """A YAML mapping that remembers its line, so contract errors can point at it."""

    line: int | None = None


class _BigNumber:
    """A number too long for Python to build (over ``_MAX_NUMBER_CHARS``), kept in place of it so
    the contract check reports it with its field, as ``<a number of 5,000 digits>``."""

    __slots__ = ("digits",)

    def __init__(self, text: str) -> None:
        body = text.lstrip("+-").replace("_", "").replace(":", "")
        self.digits = len(body[2:] if body[:2].lower() in ("0x", "0b") else body)

    def __repr__(self) -> str:
        return f"<a number of {self.digits:,} digits>"


# int() refuses more than 4,300 digits (and is quadratic below that); ints past ~3,900 digits could
# not be printed either. Longer numbers are never coordinates or offsets.
_MAX_NUMBER_CHARS = 4_000
_MAX_INT_BITS = 13_000


# libyaml's C parser when the wheel has it (it does on common platforms): 5x faster to parse
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[valid-type,misc]
    pass


def _construct_located(loader: yaml.SafeLoader, node: yaml.MappingNode) -> _Located:
    loader.flatten_mapping(node)
    out = _Located(loader.construct_pairs(node, deep=True))
    out.line = node.start_mark.line + 1
    return out


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | str | _BigNumber:
    if len(node.value) > _MAX_NUMBER_CHARS:
        return _BigNumber(node.value)
    try:
        value: int = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:  # '0x_' looks like a number to YAML 1.1 but is none: keep it as text
        return str(node.value)
    return _BigNumber(node.value) if value.bit_length() > _MAX_INT_BITS else value


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> dt.date | str:
    try:
        value: dt.date = yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):  # 2018-02-30: the date check will name the field
        return str(node.value)
    return value


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_located)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _label(name: str) -> str:
    """A file name for an error line: as given when it is short and printable, else in brief."""
    return name if name.isprintable() and len(name) <= 200 else brief(name, 100)


def _check_events(text: str, label: str) -> None:
    """Walk libyaml's event stream (flat, linear, nothing built yet) and refuse what a tour file
    never needs and an attacker loves: anchors and aliases (one 344-byte file of nested aliases
    expands to 8 GB), explicit tags, keys that are lists or mappings, nesting past ``MAX_DEPTH``.
    """
    # one entry per open collection: -1 a sequence, 0 a mapping whose next node is a key, 1 a value
    open_: list[int] = []
    for event in yaml.parse(text, Loader=_LineLoader):
        if isinstance(event, yaml.NodeEvent):
            line = event.start_mark.line + 1 if event.start_mark else "?"
            if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
                raise InputError(
                    f"{label}, line {line}: anchors and aliases (&a, *a) are not allowed in tour files"
                )
            tag = getattr(event, "tag", None)
            if tag is not None:
                tag = tag.replace("tag:yaml.org,2002:", "!!")  # as it was written
                raise InputError(
                    f"{label}, line {line}: tags such as {brief(tag, 30)} are not allowed in tour files"
                )
            is_key = bool(open_) and open_[-1] == 0
            if open_ and open_[-1] >= 0:
                open_[-1] ^= 1
            if isinstance(event, yaml.CollectionStartEvent):
                if is_key:
                    raise InputError(f"{label}, line {line}: mapping keys must be text")
                open_.append(0 if isinstance(event, yaml.MappingStartEvent) else -1)
                if len(open_) > MAX_DEPTH:
                    raise InputError(f"{label}, line {line}: nested deeper than {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            open_.pop()


def _json_int(text: str) -> int | _BigNumber:
    return _BigNumber(text) if len(text) > _MAX_NUMBER_CHARS else int(text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_json(data: Any, label: str) -> None:
    """Nesting past ``MAX_DEPTH`` and lone surrogates (JSON's '\\ud800', which no file can hold)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(f"{label}: nested deeper than {MAX_DEPTH} levels")
        items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
        for item in items:
            if isinstance(item, (dict, list)):
                stack.append((item, depth + 1))
            elif isinstance(item, str) and _SURROGATE.search(item):
                raise InputError(
                    f"{label}: text holds a lone surrogate, which is not a character: {brief(item)}"
                )


def _reader_line(text: str, position: int) -> int:
    """libyaml reports a bad character by its byte offset; the pure-Python reader by character."""
    if _SafeBase is yaml.SafeLoader:
        return text.count("\n", 0, position) + 1
    return text.encode("utf-8")[:position].count(b"\n") + 1


def parse_document(text: str, *, name: str, fmt: str) -> Any:
    """YAML or JSON text to plain data; syntax errors name the line."""
    label = _label(name)
    bad = _SURROGATE.search(text)
    if bad:  # only text built in memory can hold one (a file read as UTF-8 cannot)
        at = text.count("\n", 0, bad.start()) + 1
        raise InputError(f"{label}, line {at}: text holds a lone surrogate, which is not a character")
    if fmt == "json":
        try:
            data = json.loads(text, parse_int=_json_int)
        except json.JSONDecodeError as err:
            raise InputError(f"{label}: malformed JSON on line {err.lineno}: {err.msg}") from err
        except RecursionError as err:
            raise InputError(f"{label}: nested deeper than {MAX_DEPTH} levels") from err
        _check_json(data, label)
        return data
    try:
        _check_events(text, label)
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = f" on line {mark.line + 1}" if mark is not None else ""
        problem = " ".join(str(err.problem or err.context or "syntax error").split())[:200]
        raise InputError(f"{label}: malformed YAML{line}: {problem}") from err
    except yaml.reader.ReaderError as err:
        char = f"U+{err.character:04X}" if isinstance(err.character, int) else brief(err.character)
        at = _reader_line(text, err.position)
        raise InputError(f"{label}: malformed YAML on line {at}: {err.reason} ({char})") from err
    except yaml.YAMLError as err:
        raise InputError(f"{label}: malformed YAML: {brief(' '.join(str(err).split()), 200)}") from err


def format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    raise InputError(
        f"unknown tour file type {suffix or '(none)'!r} for {str(path)!r}; expected .yaml, .yml or .json"
    )


def load_tour(path: Path) -> Tour:
    """Read and validate a tour file."""
    fmt = format_of(path)
    text = read_text(path, what="tour file")
    return tour_from_data(parse_document(text, name=str(path), fmt=fmt), name=str(path))


def parse_tour(text: str, *, fmt: str = "yaml", name: str = "<tour>") -> Tour:
    """Validate tour text already in memory (uploads in the dashboard)."""
    if fmt not in ("yaml", "json"):
        raise InputError(f"unknown tour format {brief(fmt)}; expected 'yaml' or 'json'")
    return tour_from_data(parse_document(text, name=name, fmt=fmt), name=name)


# --- validation ------------------------------------------------------------------------------


def _show(value: object) -> str:
    """A user's value for an error line: ``brief``, and too-long numbers by their length."""
    return repr(value) if isinstance(value, _BigNumber) else brief(value)


def _listing(ids: Iterable[str], limit: int = 6) -> str:
    """Known ids for a hint: a few, each cut short, and how many there are in all."""
    names = sorted(ids)
    shown = ", ".join(n if len(n) <= 24 else n[:23] + "…" for n in names[:limit])
    return shown + (f", … ({len(names):,} in all)" if len(names) > limit else "")


class _Checker:
    """Builds value objects from plain data, prefixing every complaint with where it is."""

    def __init__(self, name: str) -> None:
        self.name = _label(name)

    def fail(self, where: str, node: object, message: str) -> TourValidationError:
        line = getattr(node, "line", None)
        at = f"{self.name}, line {line}" if line else self.name
        return TourValidationError(f"{at}: {where}: {message}")

    def mapping(self, value: object, where: str, parent: object) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, parent, f"expected a mapping, instead got: {_show(value)}")
        return value

    def items(self, data: Mapping[str, Any], key: str, *, required: bool = False) -> list[Any]:
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail(key, data, "is required and must be a non-empty list")
            return []
        if not isinstance(value, list):
            raise self.fail(key, data, f"expected a list, instead got: {_show(value)}")
        if required and not value:
            raise self.fail(key, data, "must list at least one entry")
        return value

    def text(self, data: Mapping[str, Any], key: str, where: str, *, required: bool) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail(f"{where}.{key}" if where else key, data, "is required")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(
                f"{where}.{key}" if where else key, data, f"expected text, instead got: {_show(value)}"
            )
        return value.strip() or None  # an empty optional field is an absent one

    def ident(self, data: Mapping[str, Any], where: str) -> str:
        value = data.get("id")
        if not isinstance(value, str) or not _ID.match(value):
            raise self.fail(
                f"{where}.id",
                data,
                f"expected a slug of letters, digits, '-', '_' or '.', instead got: {_show(value)}",
            )
        return value

    def country(self, value: object, where: str, node: object) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not _ISO2.match(value.strip().upper()):
            raise self.fail(
                where, node, f"expected an ISO 3166-1 alpha-2 code such as 'MX', instead got: {_show(value)}"
            )
        return value.strip().upper()

    def coord(self, data: Mapping[str, Any], key: str, where: str, limit: float) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or (isinstance(value, float) and not math.isfinite(value))
        ):
            raise self.fail(f"{where}.{key}", data, f"expected a number, instead got: {_show(value)}")
        if not -limit <= value <= limit:  # compared exactly: a 400-digit int never becomes a float
            word = "latitude" if key == "lat" else "longitude"
            raise self.fail(
                f"{where}.{key}",
                data,
                f"{word} must be between -{limit:g} and {limit:g}, instead got: {_show(value)}",
            )
        return float(value)

    def latlon(self, data: Mapping[str, Any], where: str) -> tuple[float | None, float | None]:
        lat = self.coord(data, "lat", where, 90)
        lon = self.coord(data, "lon", where, 180)
        if (lat is None) != (lon is None):
            raise self.fail(where, data, "give both lat and lon, or neither (to geocode it)")
        return lat, lon

    def date(self, value: object, where: str, node: object) -> dt.date | None:
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail(where, node, f"expected a date like 2018-02-02, instead got: {_show(value)}")


def tour_from_data(data: object, *, name: str = "<tour>") -> Tour:
    """Check plain data against the tour-file contract and build a ``Tour``."""
    c = _Checker(name)
    if not isinstance(data, Mapping):
        raise TourValidationError(
            f"{c.name}: a tour file must be a mapping with 'title' and 'stops', instead got: "
            f"{type(data).__name__}"
        )
    title = c.text(data, "title", "", required=True)
    assert title is not None  # required=True guarantees it
    traveller = c.text(data, "traveller", "", required=False)

    source = None
    if data.get("source") is not None:
        raw_src = c.mapping(data["source"], "source", data)
        source = Source(
            path=c.text(raw_src, "path", "source", required=False),
            published=c.date(raw_src.get("published"), "source.published", raw_src),
            url=c.text(raw_src, "url", "source", required=False),
            outlet=c.text(raw_src, "outlet", "source", required=False),
        )

    seen: dict[str, str] = {}

    def claim(ident: str, where: str, node: object) -> None:
        if ident in seen:
            raise c.fail(f"{where}.id", node, f"duplicate id {_show(ident)} (already used by {seen[ident]})")
        seen[ident] = where

    stops: list[Stop] = []
    for i, raw in enumerate(c.items(data, "stops", required=True)):
        where = f"stops[{i}]"
        s = c.mapping(raw, where, data)
        ident = c.ident(s, where)
        claim(ident, where, s)
        status = s.get("status", "visited")
        if status not in STATUSES:
            raise c.fail(
                f"{where}.status", s, f"expected 'visited' or 'upcoming', instead got: {_show(status)}"
            )
        lat, lon = c.latlon(s, where)
        stop_name = c.text(s, "name", where, required=True)
        assert stop_name is not None
        stops.append(
            Stop(
                id=ident,
                name=stop_name,
                status=status,
                country=c.country(s.get("country"), f"{where}.country", s),
                lat=lat,
                lon=lon,
                place=c.text(s, "place", where, required=False),
                date=c.date(s.get("date"), f"{where}.date", s),
                placed_by=c.text(s, "placed_by", where, required=False),
            )
        )

    places: list[Place] = []
    for i, raw in enumerate(c.items(data, "places")):
        where = f"places[{i}]"
        p = c.mapping(raw, where, data)
        ident = c.ident(p, where)
        claim(ident, where, p)
        lat, lon = c.latlon(p, where)
        place_name = c.text(p, "name", where, required=True)
        assert place_name is not None
        places.append(
            Place(
                id=ident,
                name=place_name,
                country=c.country(p.get("country"), f"{where}.country", p),
                lat=lat,
                lon=lon,
                place=c.text(p, "place", where, required=False),
                placed_by=c.text(p, "placed_by", where, required=False),
            )
        )

    borders: list[Border] = []
    for i, raw in enumerate(c.items(data, "borders")):
        where = f"borders[{i}]"
        b = c.mapping(raw, where, data)
        ident = c.ident(b, where)
        claim(ident, where, b)
        countries = b.get("countries")
        if not isinstance(countries, list) or len(countries) != 2 or None in countries:
            raise c.fail(
                f"{where}.countries", b, f"expected two country codes, instead got: {_show(countries)}"
            )
        pair = tuple(c.country(x, f"{where}.countries", b) for x in countries)
        if pair[0] == pair[1]:
            raise c.fail(
                f"{where}.countries", b, f"expected two different countries, instead got: {_show(countries)}"
            )
        borders.append(
            Border(
                id=ident,
                countries=(str(pair[0]), str(pair[1])),
                label=c.text(b, "label", where, required=False),
            )
        )

    stop_ids = {s.id for s in stops}
    quotes: list[Quote] = []
    quote_ids: set[str] = set()
    for i, raw in enumerate(c.items(data, "quotes")):
        where = f"quotes[{i}]"
        q = c.mapping(raw, where, data)
        ident = c.ident(q, where)
        if ident in quote_ids:
            raise c.fail(f"{where}.id", q, f"duplicate quote id {_show(ident)}")
        quote_ids.add(ident)
        text = c.text(q, "text", where, required=True)
        assert text is not None
        said_at = q.get("said_at")
        if said_at is not None and not (isinstance(said_at, str) and said_at in stop_ids):
            raise c.fail(
                f"{where}.said_at",
                q,
                f"must be the id of a stop ({_listing(stop_ids)}) or null, instead got: {_show(said_at)}",
            )
        about = q.get("about") or []
        if isinstance(about, str):
            about = [about]
        if not isinstance(about, list):
            raise c.fail(f"{where}.about", q, f"expected a list of ids, instead got: {_show(about)}")
        for ref in about:
            if not isinstance(ref, str):
                raise c.fail(f"{where}.about", q, f"expected an id, instead got: {_show(ref)}")
            if ref not in seen:
                raise c.fail(f"{where}.about", q, f"unknown id {_show(ref)}; known ids: {_listing(seen)}")
        span = q.get("span")
        if span is not None:
            if (
                not isinstance(span, list)
                or len(span) != 2
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in span)
                or not 0 <= span[0] <= span[1]
            ):
                raise c.fail(f"{where}.span", q, f"expected [start, end] offsets, instead got: {_show(span)}")
            span = (span[0], span[1])
        quotes.append(
            Quote(
                id=ident,
                text=text,
                speaker=c.text(q, "speaker", where, required=False),
                said_at=said_at,
                about=tuple(about),
                span=span,
            )
        )

    return Tour(
        title=title,
        traveller=traveller,
        source=source,
        stops=tuple(stops),
        places=tuple(places),
        borders=tuple(borders),
        quotes=tuple(quotes),
    )


# --- writing ---------------------------------------------------------------------------------


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != []}


def tour_to_data(tour: Tour) -> dict[str, Any]:
    """Plain data in the contract's key order (dates as ISO strings, so JSON and YAML agree)."""

    def iso(d: dt.date | None) -> str | None:
        return d.isoformat() if d else None

    out: dict[str, Any] = {"title": tour.title}
    if tour.traveller:
        out["traveller"] = tour.traveller
    if tour.source:
        out["source"] = _drop_none(
            {
                "path": tour.source.path,
                "published": iso(tour.source.published),
                "url": tour.source.url,
                "outlet": tour.source.outlet,
            }
        )
    out["stops"] = [
        _drop_none(
            {
                "id": s.id,
                "name": s.name,
                "status": s.status,
                "country": s.country,
                "lat": s.lat,
                "lon": s.lon,
                "place": s.place,
                "date": iso(s.date),
                "placed_by": s.placed_by,
            }
        )
        for s in tour.stops
    ]
    out["places"] = [
        _drop_none(
            {
                "id": p.id,
                "name": p.name,
                "country": p.country,
                "lat": p.lat,
                "lon": p.lon,
                "place": p.place,
                "placed_by": p.placed_by,
            }
        )
        for p in tour.places
    ]
    out["borders"] = [
        _drop_none({"id": b.id, "countries": list(b.countries), "label": b.label}) for b in tour.borders
    ]
    out["quotes"] = [
        {
            "id": q.id,
            "text": q.text,
            "speaker": q.speaker,
            "said_at": q.said_at,
            "about": list(q.about),
            **({"span": list(q.span)} if q.span else {}),
        }
        for q in tour.quotes
    ]
    return out


def dumps_tour(tour: Tour, fmt: str = "yaml") -> str:
    """Tour to YAML or JSON text a person can read and correct."""
    data = tour_to_data(tour)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
