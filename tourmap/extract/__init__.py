"""Draft a ``Tour`` from a news article about a trip: rules plus the offline gazetteer.

No network and no model: the text is read with hand-written rules, and place names are
checked against the GeoNames index of ``tourmap.gazetteer``. The result is a draft a person
corrects (``tourmap.tourfile`` writes it out); every rule prefers leaving a field empty to
guessing.

What the rules do (details in the private ``_extract_*`` modules):

* **Quotes** -- every direct quotation in article order: curly and straight, double and single
  marks (an apostrophe inside a word, as in don't or Obama's, or before a year, as in ’90s,
  never opens or closes one); a paragraph that opens with a quote mark while the previous
  paragraph's quotation never closed continues it (and keeps its speaker); a quotation never
  closed runs to the end of its paragraph. ``text`` excludes the marks and a trailing comma;
  ``span`` is its [start, end) offset in the article.
* **Scare quotes are left out**: a fragment of at most three words, without sentence
  punctuation, is a label rather than speech when a labelling cue comes right before it
  ("so-called", "dubbed", "known as"…), when all its words are capitalised (“Dreamers”) and
  no "…,” X said" follows it, or when nothing in its sentence attributes it. Attributed
  fragments stay (Tillerson called it the “devastating impact”; Videgaray said they agreed to
  place “special emphasis”; Videgaray and Freeland both touted a “win-win-win” deal).
* **Speakers** -- full names ("Videgaray" -> "Luis Videgaray"), titles and demonyms stripped
  but kept before a single regnal name ("Pope Francis", "King Charles"); "X and Y" for joint
  attributions; pronouns -> the latest fitting person in subject position; roles ("the
  pontiff") -> the person with that title; institutions as written without "the" ("the State
  Department said" -> "State Department"); an unnamed source ("a senior official") -> None.
  A surname the article never expands ("President Biden") gets the full name of a few dozen
  well-known leaders (``FAMOUS_NAMES``), else stays as written. A role in apposition is the name
  beside it ("The opposition leader, Peter Dutton, criticised …, saying the prime minister “…”"
  -> Peter Dutton, not the prime minister of the quoted clause); "the opposition leader" or "the
  deputy president" never means the title's holder.
* **Places** -- capitalised n-grams found in the gazetteer, without people's names, months,
  common words and demonyms; ambiguous names go to the countries the article names. Capitals
  spoken of as governments fold into their country ("Washington" -> United States).
* **Stops** -- places the traveller (the person the travel verbs follow) visits or will
  visit, in visiting order; the dateline city is the current visited stop. A stop is the city
  when the article names one, else the country. The traveller's home (Washington for a US
  Secretary of State, Rome for a pope) and "returns to …" are not stops. A dateline is not a
  stop either when the story previews a trip from home ("WASHINGTON — Biden will travel to …").
  "Had stopped briefly in Singapore" is travel, and "Before arriving in India, he had …" puts
  that stop before India. The topic of a noun phrase ("addressed the war in Ukraine", "asked
  about the crisis in Sudan") is a mentioned place, never a stop.
  Someone else's travel, a past year's trip, a wish ("hopes to visit India") are not stops; a
  name a travel verb governs that the gazetteer does not know ("flew to the ancient city of
  Ur") is reported in the warnings, never guessed onto the map. Every stop and place of a draft
  resolves in the offline gazetteer, so a draft always builds.
* **Links** -- ``said_at``: the visited stop the quotation's sentence or paragraph names, or
  the scene the story has just set ("In Lima, he told reporters"), else the dateline's (or
  current) stop; None on a plane or "in Moscow". ``about``: the stops, places and borders the
  quotation or its sentence names, demonyms included; border words (wall, deportation,
  migrants…) link the border the article discusses ("US-Mexican border", "border wall"
  beside "US-Mexican relationship", "the border between India and Pakistan").

Warnings (``Extraction.warnings``, or ``ExtractWarning`` from ``extract_tour``): no quotes, no
traveller, no travel found (the most named place becomes the only stop), a stop-like name the
gazetteer does not know.
"""

from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass

from tourmap.errors import InputError
from tourmap.extract.doc import Doc, build_doc
from tourmap.extract.lexicon import DEMONYMS
from tourmap.extract.links import Linker, Spoken, about, find_borders, mentioned_places, said_where, slug
from tourmap.extract.lookup import Lookup, key_of, lookup
from tourmap.extract.people import People, find_people
from tourmap.extract.places import (
    Places,
    candidate_keys,
    country_of,
    is_strong_place,
    ngram_keys,
    spot_places,
)
from tourmap.extract.speech import attribute, is_scare_quote
from tourmap.extract.trip import StopDraft, Trip, find_dateline, plan_trip, unplaced_stops
from tourmap.gazetteer import Gazetteer
from tourmap.model import Quote, Source, Stop, Tour

__all__ = ["MAX_ARTICLE_CHARS", "ExtractWarning", "Extraction", "extract", "extract_tour"]

MAX_ARTICLE_CHARS = 1_000_000
"""Longer texts are refused: a news article is a few thousand characters, a book is not one."""

UNTITLED = "Untitled tour"


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
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"article is {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    if not text.strip():
        raise InputError("article is empty")
    if gazetteer is None:
        with Gazetteer.open() as opened:
            return _extract(text, opened, name)
    return _extract(text, gazetteer, name)


def extract_tour(text: str, *, gazetteer: Gazetteer | None = None, name: str | None = None) -> Tour:
    """Draft a ``Tour`` from an article; each warning is issued as an ``ExtractWarning``."""
    result = extract(text, gazetteer=gazetteer, name=name)
    for message in result.warnings:
        warnings.warn(message, ExtractWarning, stacklevel=2)
    return result.tour


# --------------------------------------------------------------------------- assembly


def _extract(text: str, gazetteer: Gazetteer, name: str | None) -> Extraction:
    doc = build_doc(text)
    demonym_isos = {DEMONYMS[t.lower] for t in doc.tokens if t.cap and DEMONYMS.get(t.lower)}
    ngrams = ngram_keys(doc)
    found = lookup(gazetteer, candidate_keys(doc, ngrams), demonym_isos)

    def country(word: str) -> str | None:
        return country_of(found, key_of(word))

    def strong(word: str) -> bool:
        return is_strong_place(found, key_of(word))

    people = find_people(doc, country, strong)
    dateline = find_dateline(doc, found)
    dl = None if dateline is None else (dateline.start, dateline.end, dateline.hit.iso)
    places = spot_places(doc, ngrams, found, people.name_spans, people.name_words, dl)
    trip = plan_trip(doc, people, places, found, dateline)
    notes = [
        f"{name!r} looks like a stop but is not in the offline gazetteer: add it by hand with lat/lon"
        for name in unplaced_stops(doc, people, places)
    ]

    stops = list(trip.stops)
    if not stops:
        stops = _fallback_stop(doc, places, found, trip)
        if stops:
            notes.append(
                f"no travel found in the article: {stops[0].name} (the place it names most) is the only stop"
            )
    if not stops:
        raise InputError("no places found in the article: nothing to map")

    ids: set[str] = set()
    stop_ids: list[tuple[str, StopDraft]] = []
    tour_stops: list[Stop] = []
    for draft in stops:
        ident = _unique(slug(draft.name), ids)
        stop_ids.append((ident, draft))
        tour_stops.append(Stop(id=ident, name=draft.name, status=draft.status, country=draft.hit.iso))
    place_list = mentioned_places(places, stop_ids, found, ids, doc)
    ids.update(p.id for p in place_list)
    current = _default_stop(trip, stop_ids)
    home_pair = (trip.home, _current_country(stop_ids))
    borders = find_borders(doc, places, found, home_pair)
    borders = [b for b in borders if b.id not in ids]
    linker = Linker(stop_ids, place_list, borders, found.country_names)

    quotes = _quotes(doc, people, places, trip, linker, stop_ids, current, found)
    if not quotes:
        notes.append("no quotes found in the article")
    traveller = people.person(trip.traveller).name if trip.traveller is not None else None
    if traveller is None:
        notes.append("no traveller found: nobody in the article travels")
    tour = Tour(
        title=_title(doc),
        traveller=traveller,
        source=Source(path=name) if name else None,
        stops=tuple(tour_stops),
        places=tuple(place_list),
        borders=tuple(borders),
        quotes=tuple(quotes),
    )
    return Extraction(tour, tuple(notes))


def _quotes(
    doc: Doc,
    people: People,
    places: Places,
    trip: Trip,
    linker: Linker,
    stop_ids: list[tuple[str, StopDraft]],
    default: str | None,
    found: Lookup,
) -> list[Quote]:
    attributions = attribute(doc, people, places, trip.traveller)
    spoken = [
        Spoken(raw, attribution)
        for raw, attribution in zip(doc.quotes, attributions, strict=True)
        if doc.usable(raw.start) and not is_scare_quote(doc, raw, attribution)
    ]
    where = said_where(doc, spoken, places, linker, stop_ids, default, trip.traveller)
    return [
        Quote(
            id=f"q{n + 1}",
            text=doc.text[item.quote.start : item.quote.end],
            speaker=item.attribution.speaker,
            said_at=where[n],
            about=about(doc, item.quote, places, linker, found, where[n]),
            span=(item.quote.start, item.quote.end),
        )
        for n, item in enumerate(spoken)
    ]


def _default_stop(trip: Trip, stop_ids: list[tuple[str, StopDraft]]) -> str | None:
    """Where quotations are said when nothing says otherwise: the dateline's stop, else the
    latest visited stop (the traveller is there now) unless the trip is already over."""
    dated = next((i for i, s in stop_ids if s.status == "visited" and _is_dateline(trip, s)), None)
    if dated is not None or trip.over:
        return dated
    visited = [i for i, s in stop_ids if s.status == "visited"]
    return visited[-1] if visited else None


def _is_dateline(trip: Trip, stop: StopDraft) -> bool:
    return trip.dateline is not None and trip.dateline.start in stop.evidence


def _current_country(stop_ids: list[tuple[str, StopDraft]]) -> str | None:
    visited = [s for _, s in stop_ids if s.status == "visited"]
    return visited[-1].hit.iso if visited else (stop_ids[0][1].hit.iso if stop_ids else None)


def _fallback_stop(doc: Doc, places: Places, found: Lookup, trip: Trip) -> list[StopDraft]:
    """With no travel evidence, the most mentioned place of the narration is the one stop."""
    counts: Counter[str] = Counter()
    first: dict[str, StopDraft] = {}
    for pm in places.mentions:
        if not doc.usable(pm.start) or (trip.home and pm.hit.iso == trip.home and pm.hit.kind == "country"):
            continue
        key = f"{pm.hit.kind}:{pm.hit.iso}:{pm.hit.geonameid}"
        counts[key] += 1 if pm.in_quote else 2
        first.setdefault(key, StopDraft(pm.surface, pm.hit, "visited", (pm.start,)))
    if not counts:
        return []
    best = max(counts, key=lambda k: (counts[k], -first[k].evidence[0]))
    del found
    return [first[best]]


def _title(doc: Doc) -> str:
    if doc.headline is None:
        return UNTITLED
    para = doc.paragraphs[doc.headline]
    title = " ".join(doc.text[para.start : para.end].split())
    return title or UNTITLED


def _unique(ident: str, taken: set[str]) -> str:
    out, n = ident, 2
    while out in taken:
        out, n = f"{ident}-{n}", n + 1
    taken.add(out)
    return out
