"""Stage 8, ``links``: the draft tour's stops, places and borders, and each quotation's links.

Conventions (matching the hand-checked Tillerson tour): a capital spoken of without being
visited folds into its country ("Washington" -> united-states); a country holding a stop is
not a separate place; a quotation is said at the visited stop its sentence or paragraph
names or the story has just reached, else at the dateline's stop or the traveller's current
stop; one given on a plane or "in Moscow" (not a stop) is said nowhere (None). It is about
the stops, places and borders its words (or its sentence's narration) name, demonyms
included ("Venezuelan" -> venezuela); border words (wall, deportation, migrants…) link it to
the border the article discusses. Ids are slugs of names, unique in the tour.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from tourmap.extract.dateline import Dateline
from tourmap.extract.doc import Doc
from tourmap.extract.lexicon import BORDER_WORDS, NEIGHBOURS, SHORT_COUNTRY
from tourmap.extract.lookup import Hit, Lookup, country_of, distance_km, key_of, metropolis_of
from tourmap.extract.places import PlaceMention, Places
from tourmap.extract.speech import Spoken
from tourmap.extract.text import RawQuote
from tourmap.extract.trip import MERGE_KM, StopDraft, Trip
from tourmap.gazetteer import Gazetteer, fold
from tourmap.model import Border, Place, Quote, Stop

__all__ = ["Links", "link_tour"]

_BORDER_PAIR = re.compile(r"\b(?P<a>[A-Z][\w.]*)\s*[-–/]\s*(?P<b>[A-Z][\w]*)\s+(?:border|frontier|boundary)")
_BORDER_BETWEEN = re.compile(
    r"\b(?:border|frontier|boundary)\s+between\s+(?:the\s+)?(?P<a>[A-Z][\w.]*(?:\s[A-Z][\w]*)*)\s+and\s+"
    r"(?:the\s+)?(?P<b>[A-Z][\w]*(?:\s[A-Z][\w]*)*)"
)
_BORDER_WITH = re.compile(
    r"\b(?P<a>[A-Z][\w.]*(?:\s[A-Z][\w]*)*?)(?:[’']s)?\s+(?:southern\s+|northern\s+|eastern\s+|western\s+)?"
    r"(?:border|frontier)\s+with\s+(?:the\s+)?(?P<b>[A-Z][\w]*(?:\s[A-Z][\w]*)*)"
)
_WORD = re.compile(r"[a-z]+")
# (?i)\b(?:border|wall|frontier)s?\b over the whole text, written to start with its first letters as
# a class (case-sensitive, so that the scan jumps to them at C speed: 3x faster than a look-ahead
# first); the look-behind after the letter is the \b before the word, "(?<=b)" picks the branch.
_BORDER_WORD = re.compile(r"[BbWwFf](?<!\w[BbWwFf])(?i:(?:(?<=b)order|(?<=w)all|(?<=f)rontier)s?)\b")
_ABOUT_WINDOW = 600  # characters of a (very long) sentence read around a quotation


@dataclass(frozen=True, slots=True)
class Links:
    """The draft tour's parts, with ids: stops in visiting order, mentioned places, borders,
    and the quotes in article order with their speaker, ``said_at`` and ``about``."""

    stops: tuple[Stop, ...]
    places: tuple[Place, ...]
    borders: tuple[Border, ...]
    quotes: tuple[Quote, ...]


def link_tour(doc: Doc) -> Doc:
    """The ``links`` stage: ids for the stops, the places mentioned and the borders discussed,
    then where each quotation was said and what it is about."""
    found, places, trip = doc.lookup, doc.places, doc.trip
    ids: set[str] = set()
    stop_ids: list[tuple[str, StopDraft]] = []
    tour_stops: list[Stop] = []
    for draft in trip.stops:
        ident = _unique(slug(draft.name), ids)
        stop_ids.append((ident, draft))
        tour_stops.append(_stop(ident, draft, found, doc.gazetteer))
    place_list = mentioned_places(places, stop_ids, found, ids, doc)
    ids.update(p.id for p in place_list)
    current = _default_stop(doc.dateline, trip, stop_ids)
    home_pair = (trip.home, _current_country(stop_ids))
    borders = find_borders(doc, places, found, home_pair)
    borders = [b for b in borders if b.id not in ids]
    linker = Linker(stop_ids, place_list, borders, found.country_names)

    spoken = doc.speech
    where = said_where(doc, spoken, places, linker, stop_ids, current, trip.traveller)
    quotes = [
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
    links = Links(tuple(tour_stops), tuple(place_list), tuple(borders), tuple(quotes))
    return doc.annotated(links=links)


def _stop(ident: str, draft: StopDraft, lookup: Lookup, gazetteer: Gazetteer) -> Stop:
    """A stop of the tour; a state or county (which the gazetteer's towns do not include) comes
    pinned at its capital's point, with what it is in ``place``; a borough or district of a big
    city ("Brooklyn") keeps its name and is placed as that city, which is what the trip went to."""
    hit = draft.hit
    pin = metropolis_of(gazetteer, hit) if hit.kind == "city" else hit if hit.kind == "region" else None
    if pin is None or pin.lat is None or pin.lon is None:
        return Stop(id=ident, name=draft.name, status=draft.status, country=hit.iso)
    country = lookup.country_names.get(pin.iso) or pin.iso
    return Stop(
        id=ident,
        name=draft.name,
        status=draft.status,
        country=hit.iso,
        lat=pin.lat,
        lon=pin.lon,
        place=f"{pin.name}, {country}",
    )


def _unique(ident: str, taken: set[str]) -> str:
    out, n = ident, 2
    while out in taken:
        out, n = f"{ident}-{n}", n + 1
    taken.add(out)
    return out


def _default_stop(dateline: Dateline | None, trip: Trip, stop_ids: list[tuple[str, StopDraft]]) -> str | None:
    """Where quotations are said when nothing says otherwise: the dateline's stop, else the
    latest visited stop (the traveller is there now) unless the trip is already over."""
    dated = next((i for i, s in stop_ids if s.status == "visited" and _is_dateline(dateline, s)), None)
    if dated is not None or trip.over:
        return dated
    visited = [i for i, s in stop_ids if s.status == "visited"]
    return visited[-1] if visited else None


def _is_dateline(dateline: Dateline | None, stop: StopDraft) -> bool:
    return dateline is not None and dateline.start in stop.evidence


def _current_country(stop_ids: list[tuple[str, StopDraft]]) -> str | None:
    visited = [s for _, s in stop_ids if s.status == "visited"]
    return visited[-1].hit.iso if visited else (stop_ids[0][1].hit.iso if stop_ids else None)


def slug(name: str) -> str:
    """A stable id from a name: "Mexico City" -> "mexico-city"."""
    return "-".join(fold(name).split()) or "place"


class Linker:
    """Maps mentions to the ids of the tour's stops, places and borders."""

    def __init__(
        self,
        stops: list[tuple[str, StopDraft]],
        places: list[Place],
        borders: list[Border],
        country_names: dict[str, str] | None = None,
    ) -> None:
        self.stops = stops
        self.places = places
        self.borders = borders
        self.country_names = country_names or {}
        self.stop_countries = {s.hit.iso for _, s in stops}

    def stop_of(self, hit: Hit) -> str | None:
        for ident, stop in self.stops:
            if stop.hit.kind == "country":
                if hit.iso == stop.hit.iso and hit.kind == "country":
                    return ident
            elif hit.kind == "city" and (
                hit.geonameid == stop.hit.geonameid
                or (hit.iso == stop.hit.iso and distance_km(hit, stop.hit) < MERGE_KM)
            ):
                return ident
        return None

    def country_target(self, iso: str) -> str | None:
        for ident, stop in self.stops:
            if stop.hit.kind == "country" and stop.hit.iso == iso:
                return ident
        for place in self.places:
            if place.country == iso and place.name == self.country_names.get(iso):
                return place.id
        return None

    def target(self, pm: PlaceMention, capitals: dict[str, Hit]) -> str | None:
        found = self.stop_of(pm.hit)
        if found is not None:
            return found
        if pm.hit.kind == "country" or _is_capital(pm.hit, capitals):
            return self.country_target(pm.hit.iso)
        for place in self.places:
            if place.name == pm.surface or (place.country == pm.hit.iso and slug(pm.surface) == place.id):
                return place.id
        return None


def _is_capital(hit: Hit, capitals: dict[str, Hit]) -> bool:
    cap = capitals.get(hit.iso)
    return hit.kind == "city" and (hit.capital or (cap is not None and hit.geonameid == cap.geonameid))


def mentioned_places(
    places: Places, stops: list[tuple[str, StopDraft]], lookup: Lookup, taken: set[str], doc: Doc
) -> list[Place]:
    """Places named but not visited, in first-mention order; capitals folded into countries."""
    stop_countries = {s.hit.iso for _, s in stops}
    linker = Linker(stops, [], [])
    out: dict[str, Place] = {}
    for pm in places.mentions:
        if not doc.usable(pm.start) or pm.hit.kind == "region" or linker.stop_of(pm.hit) is not None:
            continue  # a state or county named in passing is no point on the map
        hit = pm.hit
        if hit.kind == "country" or _is_capital(hit, lookup.capitals):
            if hit.iso in stop_countries:
                continue
            name = lookup.country_names.get(hit.iso) or hit.iso
            ident, country = slug(name), hit.iso
        else:
            name, ident, country = pm.surface, slug(pm.surface), hit.iso
        if ident in taken or ident in out:
            continue
        out[ident] = Place(id=ident, name=name, country=country)
    return list(out.values())


def find_borders(
    doc: Doc, places: Places, lookup: Lookup, trip_countries: tuple[str | None, str | None]
) -> list[Border]:
    """Borders the story discusses: "US-Mexican border", "the border between India and Pakistan",
    "Israel's border with Lebanon", or "border wall" beside a pair such as "US-Mexican relationship"."""
    pairs: list[tuple[str, str]] = []

    def iso_of(word: str) -> str | None:
        return country_of(lookup, key_of(word))

    def note(a: str | None, b: str | None) -> None:
        if a and b and a != b and (a, b) not in pairs and (b, a) not in pairs and b in NEIGHBOURS.get(a, ()):
            pairs.append((a, b))  # only countries that share a border have one

    narration = doc.narration
    everywhere = list(_BORDER_WORD.finditer(doc.plain))
    hits = [hit for hit in everywhere if narration[hit.start()] != "§"]
    # a border named outright counts wherever it is, a quotation included ("The border between the
    # United States and Mexico is not a wall")
    for hit in everywhere:  # the patterns only ever match around these words
        lo, hi = max(0, hit.start() - 80), min(len(doc.plain), hit.end() + 80)
        for pattern in (_BORDER_PAIR, _BORDER_BETWEEN, _BORDER_WITH):
            for m in pattern.finditer(doc.plain, lo, hi):
                note(iso_of(m.group("a")), iso_of(m.group("b")))
    seen: set[int] = set()
    for hit in hits:
        sentence = doc.sentence_of(hit.start())
        if sentence in seen:
            continue
        seen.add(sentence)
        s_start, s_end = doc.sentences[sentence]
        near = places.pairs_in(s_start - 400, s_end)
        if near:
            note(near[-1][1], near[-1][2])
        elif hit.group(0).lower().startswith("border") and not pairs:
            note(*trip_countries)
    out: list[Border] = []
    for a, b in pairs:
        label = f"{_short(a, lookup)}–{_short(b, lookup)} border"
        out.append(Border(id=f"{a.lower()}-{b.lower()}", countries=(a, b), label=label))
    return out


def _short(iso: str, lookup: Lookup) -> str:
    return SHORT_COUNTRY.get(iso) or lookup.country_names.get(iso) or iso


# (?i)\b(?:aboard|on board|on the (?:\w+ )?(?:plane|flight)|flight (?:back|home)|flying (?:back|home)|
# flew (?:home|back)|en route)\b, read over every paragraph: first letters as a case-sensitive class,
# as ``_BORDER_WORD`` (1.5x faster).
_TRANSIT = re.compile(
    r"[AaOoFfEe](?<!\w[AaOoFfEe])(?i:(?<=a)board|(?<=o)n board|(?<=o)n the (?:\w+ )?(?:plane|flight)|"
    r"(?<=f)light (?:back|home)|(?<=f)lying (?:back|home)|(?<=f)lew (?:home|back)|(?<=e)n route)\b"
)
_ELSEWHERE = re.compile(
    r"(?=[staw])\b(?:said|says|told|tells|added|speaking|spoke|wrote|according)\b[^.;§]{0,40}?\b(?:in|at)\s+$"
)


_REMOTE = re.compile(
    r"(?=[istwopaf])\b(?:in\s+a\s+(?:written\s+)?(?:statement|letter|report|document|memo|post|tweet)|statement|"
    r"tweet(?:ed|s)?|on\s+twitter|on\s+facebook|wrote|posted|according\s+to\s+(?:a|the)\s+"
    r"(?:document|report|statement)|in\s+an\s+interview|interviewed|"
    r"(?:told|speaking\s+to|spoke\s+to|talking\s+to)\s+(?:the\s+)?(?-i:BBC|CNN|Fox|NBC|CBS|ABC|Sky|NPR|"
    r"MSNBC|CNBC|Reuters|AFP|AP)\b)\b",
    re.IGNORECASE,
)
"""Words said from afar: a statement, a tweet, a letter, a document, an interview given to a
broadcaster or an agency (where the speaker was is not told)."""


def said_where(
    doc: Doc,
    spoken: Sequence[Spoken],
    places: Places,
    linker: Linker,
    stop_ids: list[tuple[str, StopDraft]],
    default: str | None,
    traveller: int | None,
) -> list[str | None]:
    """The visited stop each quotation was said at, reading paragraphs in order.

    A quotation's own sentence naming a visited stop wins, then its paragraph. A paragraph
    naming a visited stop sets the scene for the quotation paragraphs that follow it, as long
    as the traveller speaks first there ("In Tel Aviv, Blinken held talks." / "“…,” Blinken
    said."); the scene ends at a paragraph with neither quotation nor stop. Otherwise the
    default: the dateline's stop, else the traveller's current (latest visited) stop. Someone
    quoted "in Moscow" or "from Washington", places that are not stops, was said elsewhere.
    """
    visited = {ident for ident, s in stop_ids if s.status == "visited"}
    scenes = {pos for ident, s in stop_ids if ident in visited for pos in s.scenes}
    by_country: dict[str, list[str]] = {}
    for ident, stop in stop_ids:
        if ident in visited:
            by_country.setdefault(stop.hit.iso, []).append(ident)

    def stop_for(pm: PlaceMention) -> str | None:
        ident = linker.stop_of(pm.hit)
        if ident is None and pm.hit.kind == "country" and len(by_country.get(pm.hit.iso, [])) == 1:
            ident = by_country[pm.hit.iso][0]  # "told the French community in Gabon": Libreville
        return ident if ident in visited else None

    def named_in(start: int, end: int, scene_only: bool = False) -> list[str]:
        found: list[str] = []
        for pm in places.mentions_in(start, end):
            if pm.in_quote or (scene_only and pm.start not in scenes):
                continue
            if doc.text[pm.end : pm.end + 2] in ("'s", "’s") and pm.start not in scenes:
                continue  # "Israel's duty", "Kenya's president": a possessive, no scene
            ident = stop_for(pm)
            if ident is not None and ident not in found:
                found.append(ident)
        return found

    def elsewhere(start: int, end: int) -> bool:
        for pm in places.mentions_in(start, end):
            window = doc.narration[max(start, pm.start - 60) : pm.start]
            if not pm.in_quote and stop_for(pm) is None and _ELSEWHERE.search(window):
                return True
        return False

    venues = _venues(doc, stop_ids, visited)

    def venue_in(start: int, end: int) -> str | None:
        for m in _AT_THE_VENUE.finditer(doc.narration, start, end):
            if m.group(1).lower() in venues:
                return venues[m.group(1).lower()]
        return None

    # one scan of the narration for the in-transit phrases, not one per paragraph: a match never
    # crosses the whitespace between paragraphs, so a paragraph is in transit when one starts in it
    transit = [m.start() for m in _TRANSIT.finditer(doc.narration)]
    by_para: dict[int, list[int]] = {}
    for n, item in enumerate(spoken):
        by_para.setdefault(item.quote.para, []).append(n)
    out: list[str | None] = [None] * len(spoken)
    scene: str | None = None
    anchored = False
    for index, para in enumerate(doc.paragraphs):
        here = named_in(para.start, para.end, scene_only=True)
        if here:
            scene, anchored = here[-1], False
        quoted = by_para.get(index, [])
        if not quoted and not here and places.mentions_in(para.start, para.end):
            scene, anchored = None, False  # the story goes elsewhere; a paragraph naming no place goes on
        k = bisect_left(transit, para.start)
        in_transit = k < len(transit) and transit[k] < para.end
        if in_transit:
            scene, anchored = None, False
        for n in quoted:
            q, attribution = spoken[n].quote, spoken[n].attribution
            if in_transit:
                continue  # said on the plane, between stops
            s_start, s_end = doc.sentences[doc.sentence_of(q.open_at)]
            own = (
                named_in(s_start, q.open_at, scene_only=True)
                or named_in(s_start, q.open_at)
                or named_in(q.open_at, s_end)
            )
            if own:
                out[n] = own[-1] if own[-1] in named_in(s_start, q.open_at) else own[0]
                continue
            venue = venue_in(s_start, s_end)
            if venue is not None:  # "told reporters at the market" after "At a market in Hoi An"
                out[n] = venue
                continue
            if here:
                out[n] = here[-1]
                continue
            if elsewhere(s_start, s_end) or _REMOTE.search(doc.narration, s_start, s_end):
                out[n] = None  # "said in Moscow", "said in a statement", "tweeted": not on the trip
                continue
            if attribution.speaker is not None and not attribution.persons:
                out[n] = None  # an institution speaks from its seat, not at a stop
                continue
            speaks = traveller is not None and traveller in attribution.persons
            if scene is not None and (anchored or speaks or attribution.how == "continued"):
                out[n], anchored = scene, True
                continue
            out[n] = default if default in visited else None
    return out


_VENUE_BEFORE = re.compile(
    r"\b(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?([a-z]{3,})\s+(?:in|at)\s+$"
)
_AT_THE_VENUE = re.compile(r"(?=[aifo])\b(?:at|in|inside|outside|from)\s+the\s+([a-z]{3,})\b")


def _venues(doc: Doc, stop_ids: list[tuple[str, StopDraft]], visited: set[str]) -> dict[str, str]:
    """Where each visited stop's scenes were set ("At a lantern market in Hoi An": market ->
    hoi-an), for quotations said "at the market"; a venue of two stops belongs to neither."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    for ident, stop in stop_ids:
        if ident not in visited:
            continue
        for pos in stop.scenes:
            m = _VENUE_BEFORE.search(doc.narration, max(0, pos - 60), pos)
            if m is None:
                continue
            noun = m.group(1).lower()
            if out.get(noun, ident) != ident:
                clash.add(noun)
            out[noun] = ident
    return {noun: ident for noun, ident in out.items() if noun not in clash}


def about(
    doc: Doc,
    quote: RawQuote,
    places: Places,
    linker: Linker,
    lookup: Lookup,
    said: str | None,
) -> tuple[str, ...]:
    """Ids the quotation concerns: places its words or its sentence name, demonyms, borders."""
    s_start, s_end = doc.sentences[doc.sentence_of(quote.open_at)]
    s_start, s_end = max(s_start, quote.open_at - _ABOUT_WINDOW), min(s_end, quote.end + _ABOUT_WINDOW)
    start, end = min(s_start, quote.start), max(s_end, quote.end)
    out: list[str] = []
    text = (doc.text[quote.start : quote.end] + " " + doc.plain[s_start:s_end]).lower()
    if linker.borders and set(_WORD.findall(text)) & BORDER_WORDS:
        out.extend(b.id for b in linker.borders)
    said_iso = next((s.hit.iso for i, s in linker.stops if i == said), None)
    for pm in places.mentions_in(start, end):
        ident = linker.target(pm, lookup.capitals)
        if ident is None or ident == said or ident in out:
            continue
        out.append(ident)
    for cue in places.demonyms_in(start, end):
        if cue.iso != said_iso:
            ident = linker.country_target(cue.iso)
            if ident is not None and ident not in out and ident != said:
                out.append(ident)
    return tuple(out)
