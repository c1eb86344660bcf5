"""The annotated article that every stage of ``tourmap.extract`` reads and extends: a frozen ``Doc``.

The ``text`` stage (``text.make_doc``) builds it with the text layer (paragraphs, quotations,
sentences, tokens, capitalised runs), which every rule reads directly. Each later stage returns
a copy with one more layer, named after the stage (``doc.lookup``, ``doc.dateline``,
``doc.people`` …; the order is ``tourmap.extract.PIPE_NAMES``): a stage ends with
``return doc.annotated(people=...)``. A layer is stored in a private field and read through a
property that raises ``LayerError`` when its stage has not run yet, so a stage moved before the
one it depends on fails at once instead of reading a half-made value.
"""

from __future__ import annotations

import enum
from bisect import bisect_right
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import TYPE_CHECKING, TypedDict, TypeVar, Unpack

if TYPE_CHECKING:
    from tourmap.extract.dateline import Dateline
    from tourmap.extract.links import Links
    from tourmap.extract.lookup import Lookup
    from tourmap.extract.people import People
    from tourmap.extract.places import Places
    from tourmap.extract.speech import Spoken
    from tourmap.extract.text import Paragraph, RawQuote, Run, Token
    from tourmap.extract.trip import Trip
    from tourmap.gazetteer import Gazetteer

__all__ = ["Doc", "LayerError", "Layers"]

T = TypeVar("T")


class Layers(TypedDict, total=False):
    """What a stage may add to the ``Doc`` (``Doc.annotated``): its layer, and warnings."""

    lookup: Lookup
    dateline: Dateline | None
    people: People
    places: Places
    trip: Trip
    speech: tuple[Spoken, ...]
    links: Links
    warnings: tuple[str, ...]


class LayerError(RuntimeError):
    """A stage read a layer no earlier stage has set: the stages run out of order (a bug)."""


class _Unset(enum.Enum):
    """The value of a layer whose stage has not run (one member, so mypy narrows it away)."""

    UNSET = "unset"


UNSET = _Unset.UNSET


def _layer(value: T | _Unset, name: str) -> T:
    if isinstance(value, _Unset):
        raise LayerError(
            f"doc.{name} is read before the {name!r} stage set it:"
            " run the stages in the order of tourmap.extract.PIPE_NAMES"
        )
    return value


@dataclass(frozen=True, slots=True)
class Doc:
    """The article, its text layer, and one layer per stage that has run (see the module doc)."""

    # ------------------------------------------------------------------ the text layer
    text: str
    plain: str  # the text with the marks delimiting quotations blanked (same length)
    narration: str  # the text with quotations replaced by "§" (same length)
    paragraphs: tuple[Paragraph, ...]
    quotes: tuple[RawQuote, ...]
    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int], ...]
    sentence_para: tuple[int, ...]
    runs: tuple[Run, ...]
    headline: int | None  # paragraph index of the headline
    title_case_headline: bool
    skipped: frozenset[int]  # paragraphs that are boilerplate or bylines
    lower_words: frozenset[str]  # words the article also writes in lower case
    token_starts: tuple[int, ...]
    sentence_starts: tuple[int, ...]
    para_starts: tuple[int, ...]

    # ------------------------------------------------------------------ resources and notes
    gazetteer: Gazetteer  # what the lookup stage asks (as spaCy's Doc holds its Vocab)
    warnings: tuple[str, ...] = ()  # one-line messages for the user, added by any stage

    # ------------------------------------------------------------------ layers, one per stage,
    # set through Doc.annotated and read through the properties below
    _lookup: Lookup | _Unset = UNSET
    _dateline: Dateline | _Unset | None = UNSET
    _people: People | _Unset = UNSET
    _places: Places | _Unset = UNSET
    _trip: Trip | _Unset = UNSET
    _speech: tuple[Spoken, ...] | _Unset = UNSET
    _links: Links | _Unset = UNSET

    @property
    def lookup(self) -> Lookup:
        """Gazetteer readings of every capitalised n-gram (``lookup`` stage)."""
        return _layer(self._lookup, "lookup")

    @property
    def dateline(self) -> Dateline | None:
        """Where the story was filed from, when the gazetteer knows it (``dateline`` stage)."""
        return _layer(self._dateline, "dateline")

    @property
    def people(self) -> People:
        """Persons, institutions, roles and pronouns, resolved (``people`` stage)."""
        return _layer(self._people, "people")

    @property
    def places(self) -> Places:
        """Place mentions and country cues (``places`` stage)."""
        return _layer(self._places, "places")

    @property
    def trip(self) -> Trip:
        """Traveller, home and the stops in visiting order (``trip`` stage)."""
        return _layer(self._trip, "trip")

    @property
    def speech(self) -> tuple[Spoken, ...]:
        """The quotations that are speech, with their speakers (``speech`` stage)."""
        return _layer(self._speech, "speech")

    @property
    def links(self) -> Links:
        """The tour's stops, places, borders and linked quotes (``links`` stage)."""
        return _layer(self._links, "links")

    @property
    def layers(self) -> tuple[str, ...]:
        """Names of the layers set so far, in stage order ("text" first)."""
        stored = (
            ("lookup", self._lookup),
            ("dateline", self._dateline),
            ("people", self._people),
            ("places", self._places),
            ("trip", self._trip),
            ("speech", self._speech),
            ("links", self._links),
        )
        return ("text", *(name for name, value in stored if not isinstance(value, _Unset)))

    def annotated(self, **layers: Unpack[Layers]) -> Doc:
        """A copy of the document with these layers set (what a stage returns).

        As ``dataclasses.replace``, in ~5 µs instead of ~9: a stage must not cost more than its rules.
        """
        new = object.__new__(Doc)
        for name, value in zip(_FIELDS, _ALL_FIELDS(self), strict=True):
            _SET(new, name, value)
        for name, value in layers.items():
            _SET(new, name if name == "warnings" else "_" + name, value)
        return new

    def __repr__(self) -> str:
        return f"<Doc of {len(self.text):,} characters, layers: {', '.join(self.layers)}>"

    # ------------------------------------------------------------------ positions

    def token_at(self, pos: int) -> int:
        """Index of the last token starting at or before ``pos`` (-1 if none)."""
        return bisect_right(self.token_starts, pos) - 1

    # sentence_of and para_of are asked hundreds of times per article: a conditional expression,
    # not a call of max()
    def sentence_of(self, pos: int) -> int:
        index = bisect_right(self.sentence_starts, pos) - 1
        return index if index > 0 else 0

    def para_of(self, pos: int) -> int:
        index = bisect_right(self.para_starts, pos) - 1
        return index if index > 0 else 0

    def tokens_between(self, start: int, end: int) -> range:
        """Indices of tokens lying inside [start, end)."""
        starts = self.token_starts
        lo = bisect_right(starts, start - 1)
        hi = bisect_right(starts, end - 1)
        while hi > lo and self.tokens[hi - 1].end > end:
            hi -= 1
        return range(lo, hi)

    def in_headline(self, pos: int) -> bool:
        return self.headline is not None and self.para_of(pos) == self.headline

    def usable(self, pos: int) -> bool:
        """False inside boilerplate and bylines."""
        return not self.skipped or self.para_of(pos) not in self.skipped


_FIELDS = tuple(f.name for f in fields(Doc))
_ALL_FIELDS = attrgetter(*_FIELDS)
_SET = object.__setattr__
