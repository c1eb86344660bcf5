"""One error family: callers catch ``TourmapError``; each subclass also is the builtin it resembles."""

from __future__ import annotations


class TourmapError(Exception):
    """Base of every error tourmap raises on purpose; the CLI turns it into one line."""


class InputError(TourmapError, ValueError):
    """A file a user gave cannot be read: missing, binary, not UTF-8, malformed YAML/JSON."""


class TourValidationError(TourmapError, ValueError):
    """A tour file is readable but breaks the contract (ids, coordinates, references)."""


class GeocodeError(TourmapError, LookupError):
    """A name the tour needs placed cannot be found."""


class GeocoderUnavailable(TourmapError, ConnectionError):
    """The online geocoder could not be reached or refused to answer."""


class DataError(TourmapError, FileNotFoundError):
    """Packaged data (gazetteer, geodata) is missing or damaged."""


class DraftError(TourmapError, LookupError):
    """A saved draft cannot be found, read or kept: a bad or unknown hash, an unwritable folder."""


BRIEF_LIMIT = 60


def brief(value: object, limit: int = BRIEF_LIMIT) -> str:
    """A user's value for an error line: its repr cut to ``limit`` characters, never the whole.

    Containers are summarised (never walked in full: a YAML alias bomb nests billions of items)
    and huge integers are described, since ``repr`` of a 5,000-digit int raises.
    """
    if isinstance(value, bool) or value is None or isinstance(value, float):
        text = repr(value)
    elif isinstance(value, int):
        digits = len(str(value)) if value.bit_length() < 13_000 else None
        if digits is None or digits > limit:
            approx = f"{digits:,}" if digits else f"about {int(value.bit_length() * 0.30103):,}"
            return f"<a number of {approx} digits>"
        text = str(value)
    elif isinstance(value, str):
        text = repr(value)
        if len(text) > limit:
            return f"{text[: limit - 1]}…' ({len(value):,} characters)"
    elif isinstance(value, dict):
        keys = ", ".join(_short(k) for k in list(value)[:3])
        more = ", …" if len(value) > 3 else ""
        text = f"{{{keys}{more}}} ({_count(len(value), 'key')})"
    elif isinstance(value, (list, tuple)):
        items = ", ".join(_short(x) for x in value[:3])
        more = ", …" if len(value) > 3 else ""
        text = f"[{items}{more}] ({_count(len(value), 'item')})"
    else:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(value: object) -> str:
    """One item of a summarised container: scalars briefly, nested containers as a bare bracket."""
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, (list, tuple)):
        return "[…]"
    return brief(value, 20)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
