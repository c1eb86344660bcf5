"""Draft a ``Tour`` from a news article about a trip: rules plus the offline gazetteer.

No network and no model: the text is read with hand-written rules, and place names are
checked against the GeoNames index of ``tourmap.gazetteer``. The result is a draft a person
corrects (``tourmap.tourfile`` writes it out); every rule prefers leaving a field empty to
guessing.

How: the article becomes one annotated document (``doc.Doc``) that the stages below extend
in order, each adding one layer and reading only the layers before it (``PIPE_NAMES``, as
spaCy's ``nlp.pipe_names``); each stage is a module of this package, and ``lexicon`` holds
every word list they use::

    text      paragraphs, quotations, sentences, tokens, capitalised runs  (text.make_doc)
    lookup    what each capitalised n-gram can name in the gazetteer        (lookup.look_up)
    dateline  where the story was filed from                               (dateline.find_dateline)
    people    persons, institutions, roles, pronouns                       (people.find_people)
    places    place mentions, one gazetteer entry each; country cues       (places.spot_places)
    trip      traveller, stops (visited/upcoming) in visiting order        (trip.plan_trip)
    speech    quotations that are speech, and who said them                (speech.attribute_quotes)
    links     ids; mentioned places; borders; said_at and about            (links.link_tour)

``extract`` runs them and turns the last layer into a ``Tour``; ``annotate`` returns the
document itself, for tools and tests that look at one layer.

What the rules do, and where:

* **Quotes** (``text``) -- every direct quotation in article order: curly and straight, double
  and single marks (an apostrophe inside a word, as in don't or Obama's, or before a year, as in
  ’90s, never opens or closes one); a paragraph that opens with a quote mark while the previous
  paragraph's quotation never closed continues it (and keeps its speaker); a quotation never
  closed runs to the end of its paragraph. A quote's ``text`` excludes the marks and a trailing
  comma; ``span`` is its [start, end) offset in the article.
* **Scare quotes are left out** (``speech.is_scare_quote``): a fragment of at most three words,
  without sentence punctuation, is a label rather than speech when a labelling cue comes right
  before it ("so-called", "dubbed", "known as"…), when all its words are capitalised
  (“Dreamers”) and no "…,” X said" follows it, or when nothing in its sentence attributes it.
  Attributed fragments stay (Tillerson called it the “devastating impact”; Videgaray said they
  agreed to place “special emphasis”; Videgaray and Freeland both touted a “win-win-win” deal).
* **Speakers** -- names, roles and pronouns resolved in ``people``, attributions in ``speech``:
  full names ("Videgaray" -> "Luis Videgaray"), titles and demonyms stripped but kept before a
  single regnal name ("Pope Francis", "King Charles"); "X and Y" for joint attributions;
  pronouns -> the latest fitting person in subject position; roles ("the pontiff") -> the person
  with that title; institutions as written without "the" ("the State Department said" -> "State
  Department"); an unnamed source ("a senior official") -> None. A surname the article never
  expands ("President Biden") gets the full name of a few dozen well-known leaders
  (``FAMOUS_NAMES``), else stays as written. A role in apposition is the name beside it ("The
  opposition leader, Peter Dutton, criticised …, saying the prime minister “…”" -> Peter Dutton,
  not the prime minister of the quoted clause); "the opposition leader" or "the deputy
  president" never means the title's holder.
* **Places** (``lookup``, ``places``) -- capitalised n-grams found in the gazetteer, without
  people's names, months, common words and demonyms; ambiguous names go to the countries the
  article names. Capitals spoken of as governments fold into their country ("Washington" ->
  United States; in ``links``).
* **Stops** (``dateline``, ``trip``) -- places the traveller (the person the travel verbs
  follow) visits or will visit, in visiting order; the dateline city is the current visited
  stop. A stop is the city when the article names one, else the country. The traveller's home
  (Washington for a US Secretary of State, Rome for a pope) and "returns to …" are not stops. A
  dateline is not a stop either when the story previews a trip from home ("WASHINGTON — Biden
  will travel to …"). "Had stopped briefly in Singapore" is travel, and "Before arriving in
  India, he had …" puts that stop before India. The topic of a noun phrase ("addressed the war
  in Ukraine", "asked about the crisis in Sudan") is a mentioned place, never a stop. Someone
  else's travel, a past year's trip, a wish ("hopes to visit India") are not stops; a name a
  travel verb governs that the gazetteer does not know ("flew to the ancient city of Ur") is
  reported in the warnings, never guessed onto the map. Every stop and place of a draft resolves
  in the offline gazetteer, so a draft always builds.
* **Links** (``links``) -- ``said_at``: the visited stop the quotation's sentence or paragraph
  names, or the scene the story has just set ("In Lima, he told reporters"), else the dateline's
  (or current) stop; None on a plane or "in Moscow". ``about``: the stops, places and borders
  the quotation or its sentence names, demonyms included; border words (wall, deportation,
  migrants…) link the border the article discusses ("US-Mexican border", "border wall" beside
  "US-Mexican relationship", "the border between India and Pakistan").

Warnings (``Extraction.warnings``, or ``ExtractWarning`` from ``extract_tour``; the CLI prints
them on stderr, the dashboard shows them): a stop-like name the gazetteer does not know and no
travel found (the most named place becomes the only stop, a guess), both from ``trip``; then no
title, no quotes and no traveller, from the draft itself.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

from tourmap.errors import InputError
from tourmap.extract.dateline import find_dateline
from tourmap.extract.doc import Doc
from tourmap.extract.links import link_tour
from tourmap.extract.lookup import look_up
from tourmap.extract.people import find_people
from tourmap.extract.places import spot_places
from tourmap.extract.speech import attribute_quotes
from tourmap.extract.text import make_doc
from tourmap.extract.trip import plan_trip
from tourmap.gazetteer import Gazetteer
from tourmap.model import Source, Stop, Tour

__all__ = [
    "MAX_ARTICLE_CHARS",
    "PIPE_NAMES",
    "STAGES",
    "ExtractWarning",
    "Extraction",
    "annotate",
    "extract",
    "extract_tour",
]

MAX_ARTICLE_CHARS = 1_000_000
"""Longer texts are refused: a news article is a few thousand characters, a book is not one."""

UNTITLED = "Untitled tour"

Stage = Callable[[Doc], Doc]
"""A stage takes the annotated article and returns it with one more layer, named as the stage."""

STAGES: tuple[tuple[str, Stage], ...] = (
    ("lookup", look_up),
    ("dateline", find_dateline),
    ("people", find_people),
    ("places", spot_places),
    ("trip", plan_trip),
    ("speech", attribute_quotes),
    ("links", link_tour),
)
"""The stages after ``text`` (``text.make_doc``, which builds the ``Doc``), in the order data
flows (the module docstring says what each adds); each reads only the layers before it."""

PIPE_NAMES: tuple[str, ...] = ("text", *(name for name, _ in STAGES))
"""The stage names in order, as spaCy's ``nlp.pipe_names``; each is a module of this package."""


class ExtractWarning(UserWarning):
    """The draft is usable but incomplete (no quotes, no traveller, a guessed stop)."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """A draft tour and what the rules could not settle, as one-line messages."""

    tour: Tour
    warnings: tuple[str, ...] = ()


def extract(text: str, *, gazetteer: Gazetteer | None = None, name: str | None = None) -> Extraction:
    """Draft a tour from an article; problems come back in ``warnings`` instead of being raised.

    Raises ``InputError`` for an empty or oversized text, or one that names no place at all.
    """
    _check(text)
    if gazetteer is None:
        with Gazetteer.open() as opened:
            return _draft(_run(text, opened), name)
    return _draft(_run(text, gazetteer), name)


def extract_tour(text: str, *, gazetteer: Gazetteer | None = None, name: str | None = None) -> Tour:
    """Draft a ``Tour`` from an article; each warning is issued as an ``ExtractWarning``."""
    result = extract(text, gazetteer=gazetteer, name=name)
    for message in result.warnings:
        warnings.warn(message, ExtractWarning, stacklevel=2)
    return result.tour


def annotate(text: str, gazetteer: Gazetteer) -> Doc:
    """The article through every stage: the ``Doc`` with all its layers (for tools and tests).

    Raises ``InputError`` as ``extract`` does.
    """
    _check(text)
    return _run(text, gazetteer)


def _check(text: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"article is {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    if not text.strip():
        raise InputError("article is empty")


def _run(text: str, gazetteer: Gazetteer) -> Doc:
    """``text.make_doc``, then every stage in order (the trip stage raises ``InputError`` when
    the article names no place at all)."""
    doc = make_doc(text, gazetteer)
    for _name, stage in STAGES:
        doc = stage(doc)
    return doc


def _draft(doc: Doc, name: str | None) -> Extraction:
    """The tour the layers make, with warnings for what it lacks (quotes, a traveller)."""
    links, trip = doc.links, doc.trip
    notes = list(doc.warnings)
    traveller = doc.people.person(trip.traveller).name if trip.traveller is not None else None
    title = _title(doc) or _made_up_title(traveller, links.stops)
    if doc.headline is None or title == UNTITLED:
        notes.append(f"no title found: the article has no headline line; the draft is titled {title!r}")
    if not links.quotes:
        notes.append("no quotes found in the article")
    if traveller is None:
        notes.append("no traveller found: nobody in the article travels")
    tour = Tour(
        title=title,
        traveller=traveller,
        source=Source(path=name) if name else None,
        stops=links.stops,
        places=links.places,
        borders=links.borders,
        quotes=links.quotes,
    )
    return Extraction(tour, tuple(notes))


def _title(doc: Doc) -> str:
    """The headline line, or "" when the article has none (many wire copies open on the dateline)."""
    if doc.headline is None:
        return ""
    para = doc.paragraphs[doc.headline]
    return " ".join(doc.text[para.start : para.end].split())


def _made_up_title(traveller: str | None, stops: tuple[Stop, ...]) -> str:
    """A title a newsroom could keep for a story with no headline: who went where, in order."""
    if not stops:
        return UNTITLED
    names = [stop.name for stop in stops[:4]]
    where = ", ".join(names) + (f" and {len(stops) - 4} more" if len(stops) > 4 else "")
    return f"{traveller}: {where}" if traveller else f"A trip: {where}"
