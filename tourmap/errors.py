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
