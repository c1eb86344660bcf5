"""Stage 6, ``trip``: the traveller, the stops (visited or upcoming) and their visiting order.

A stop needs travel evidence in the narration (quotations never count): a dateline; a travel
verb governing the place ("arrived in", "flew out … for", "will then visit A, B and C", "a
stop in", "began his tour in"); or a locative with the traveller doing something there ("In
Lima, he told reporters", "met … in Mexico City"), never the topic of a noun phrase ("addressed
the war in Ukraine"). Evidence about someone else's travel, a past year ("visited Israel in
2016"), a wish ("hopes to travel to India") or a return home is not a stop. Capitals spoken of
as governments ("accusations from Caracas") are only mentioned places.

Order is the visiting order, not text order: constraints from lists ("visit A, B and C"),
"after stops in X" / "before heading to X", "from X", "began in" / "ended in", "then",
weekdays, and "the dateline is the latest visited stop" are added most-trusted first, each
skipped if it contradicts those already kept; the rest follows text order, visited first.

With no travel evidence at all, the place the narration names most is the one stop (with a
warning); with no place at all, the article cannot be drafted (``InputError``). Capitalised
names a travel verb governs that the gazetteer does not know are reported as warnings.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal, NamedTuple, Protocol

from tourmap.errors import InputError
from tourmap.extract.dateline import Dateline
from tourmap.extract.doc import Doc
from tourmap.extract.lexicon import (
    ACTIVITY_VERBS,
    AFTER_A_NAME,
    DEMONYMS,
    EVENT_NOUNS,
    EXTRA_HOME_CITIES,
    GROUP_ANAPHORS,
    NON_PERSON_WORDS,
    PERSON_NOUNS,
    REGIONS,
    STOPWORDS,
    SURNAME_THINGS,
    THING_WORDS,
    TITLE_HOME,
    TRIP_NOUNS,
    VERB_LEAD_WORDS,
    WEEKDAYS,
    words,
)
from tourmap.extract.lookup import Hit, Lookup, distance_km, key_of
from tourmap.extract.people import Mention, People
from tourmap.extract.places import PlaceMention, Places

__all__ = ["MERGE_KM", "Status", "StopDraft", "Trip", "plan_trip"]

Status = Literal["visited", "upcoming"]
MERGE_KM = 20.0  # an airport, a suburb or a district and the city it serves are one stop
_PRE_WINDOW = 170
_SENTENCE_WINDOW = 400  # characters read around a place in a (very long) sentence


# --------------------------------------------------------------------------- the layer and the stage


@dataclass(frozen=True, slots=True)
class StopDraft:
    """A stop, ready to become a ``Stop``."""

    name: str
    hit: Hit
    status: Status
    evidence: tuple[int, ...]  # text offsets of its evidence
    scenes: tuple[int, ...] = ()  # offsets of evidence that puts the traveller there ("In Lima, …")


@dataclass(frozen=True)
class Trip:
    """Who travels, from where, and the stops in visiting order."""

    traveller: int | None
    home: str | None
    stops: tuple[StopDraft, ...]
    over: bool


def plan_trip(doc: Doc) -> Doc:
    """The ``trip`` stage: traveller, home and the ordered stops; warnings for the stops the
    gazetteer does not know and for a trip guessed from the most named place."""
    people, places = doc.people, doc.places
    trip = _plan(doc, people, places, doc.lookup, doc.dateline)
    notes = [
        f"{name!r} looks like a stop but is not in the offline gazetteer: add it by hand with lat/lon"
        for name in unplaced_stops(doc, people, places)
    ]
    stops = list(trip.stops)
    if not stops:
        stops = _fallback_stop(doc, places, trip)
        if stops:
            notes.append(
                f"no travel found in the article: {stops[0].name} (the place it names most) is the only stop"
            )
    if not stops:
        raise InputError("no places found in the article: nothing to map")
    trip = replace(trip, stops=tuple(stops))
    return doc.annotated(trip=trip, warnings=(*doc.warnings, *notes))


def _fallback_stop(doc: Doc, places: Places, trip: Trip) -> list[StopDraft]:
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
    return [first[best]]


def _plan(doc: Doc, people: People, places: Places, lookup: Lookup, dateline: Dateline | None) -> Trip:
    """Traveller, home and the ordered stops of the article."""
    raws = _travel_cues(doc, people, places, dateline)
    traveller = _score_traveller(doc, people, raws)
    home = _home(people, traveller)
    over = any(
        _TRIP_OVER.search(doc.narration, max(0, m.start() - 30), m.end())
        for m in _HOME_OR_BACK.finditer(doc.narration)
    )
    evidence = _traveller_evidence(doc, people, raws, _party(people, traveller))
    if not evidence and dateline is None:
        # nobody the traveller is travels: the trip of whoever travels with them ("Blair is to join
        # Blunkett in a visit to Sheffield"), before guessing from the most named place
        travel = [r for r in raws if r.kind not in ("event", "front", "where")]
        evidence = _traveller_evidence(doc, people, travel, frozenset())
    if dateline is not None:
        filed = _dateline_evidence(doc, places, lookup, dateline, evidence, home)
        if filed is not None:
            evidence.append(filed)
    stops = _build_stops(doc, evidence, lookup, home, over)
    return Trip(traveller, home, tuple(stops), over)


def _travel_cues(doc: Doc, people: People, places: Places, dateline: Dateline | None) -> list[_Raw]:
    """The travel cue of each place mention of the narration (``_classify``); a place listed
    right after a cued one shares its cue ("visit Peru, Colombia and Jamaica"); "X, where he
    spent three days" is a cue too (``_where``)."""
    raws: list[_Raw] = []
    prev: _Raw | None = None
    body = _after_dateline(doc, dateline)
    for pm in places.mentions:
        if pm.in_quote or not doc.usable(pm.start) or doc.in_headline(pm.start):
            prev = None
            continue
        if dateline is not None and dateline.start <= pm.start < dateline.end:
            continue
        raw = _classify(doc, people, pm, body)
        if raw is None and prev is not None:
            between = doc.narration[prev.mention.end : pm.start]
            unknown = _UNKNOWN_ITEMS.match(between)  # "Shrewsbury, North Dorset, Liverpool"
            if _LIST_SEP.fullmatch(between, unknown.end() if unknown else 0):
                flags = (prev.flags - {"first"}) | {"chain"}
                raw = _Raw(
                    pm, prev.kind, prev.verb, prev.verb_pos, flags, prev.status, prev.subject, prev.front
                )
        if raw is not None:
            raws.append(raw)
        where = _where(doc, people, pm)
        if where is not None:
            if raw is not None and "chain" in raw.flags:  # "the cities of Beijing and Chengdu, where …"
                where = where._replace(flags=where.flags | {"chain"})
            raws.append(where)
            inner = _city_of_where(doc, places, pm)
            if inner is not None:
                raws.append(where._replace(mention=inner, flags=where.flags - {"chain"}))
        prev = raw
    return raws


def _traveller_evidence(doc: Doc, people: People, raws: list[_Raw], party: frozenset[int]) -> list[Evidence]:
    """The cues that are the traveller's travel: not a return home, not someone else's, and a
    meeting or a "trip to X" only in a sentence about the traveller."""
    evidence: list[Evidence] = []
    gender = _gender(people, party)
    for n, raw in enumerate(raws):
        if raw.kind == "return":
            continue
        if raw.subject is not None and raw.subject >= 0 and party and raw.subject not in party:
            if not _continues(doc, raw, evidence, gender):
                continue
            raw = raw._replace(subject=min(party))
        if raw.subject == OTHER:
            continue
        if raw.subject == SOMEONE:
            raw = raw._replace(subject=None)
        elif raw.kind in ("event", "nominal") and not _about_traveller(doc, people, raw, party):
            continue
        chain_prev = None
        if "chain" in raw.flags:
            for k in range(len(evidence) - 1, -1, -1):
                if evidence[k].pos < raw.mention.start and raws[n - 1].mention.start == evidence[k].pos:
                    chain_prev = k
                    break
        evidence.append(
            Evidence(
                raw.mention.hit,
                raw.mention.surface,
                raw.mention.start,
                doc.sentence_of(raw.mention.start),
                raw.status,
                raw.kind,
                raw.flags,
                chain_prev,
                _weekday_near(doc, raw.mention.start, raw.mention.end),
                raw.subject,
            )
        )
    return evidence


def _gender(people: People, party: frozenset[int]) -> str | None:
    genders = {people.person(k).gender for k in party} - {None}
    return genders.pop() if len(genders) == 1 else None


def _continues(doc: Doc, raw: _Raw, evidence: list[Evidence], gender: str | None) -> bool:
    """A "he" or "she" the people stage gave to someone else is still the traveller when the
    sentence before told the traveller's travel ("Israel's prime minister is visiting Shanghai on
    Tuesday. He is expected to travel on to Beijing"), and the pronoun fits the traveller."""
    pronoun = "he" if "he" in raw.flags else "she" if "she" in raw.flags else None
    if pronoun is None or (gender is not None and gender != ("m" if pronoun == "he" else "f")):
        return False
    sentence = doc.sentence_of(raw.verb_pos)
    last = evidence[-1] if evidence else None
    return last is not None and last.kind != "dateline" and sentence - 1 <= last.sentence <= sentence


def _dateline_evidence(
    doc: Doc, places: Places, lookup: Lookup, dateline: Dateline, evidence: list[Evidence], home: str | None
) -> Evidence | None:
    """The dateline as the current visited stop (its capital for a country), when it counts
    (``_dateline_counts``)."""
    mentioned = any(
        not pm.in_quote and pm.start >= dateline.end and _group_key(pm.hit) == _group_key(dateline.hit)
        for pm in places.mentions
    )
    preview = _future_in(doc.narration[dateline.end : doc.sentences[doc.sentence_of(dateline.end)][1]])
    if not _dateline_counts(dateline, evidence, lookup, home, mentioned, preview):
        return None
    city = dateline.hit if dateline.hit.kind == "city" else lookup.capitals[dateline.hit.iso]
    if not mentioned and _newsroom(doc, city, evidence):
        return None
    return Evidence(
        city,
        dateline.surface,
        dateline.start,
        doc.sentence_of(dateline.start),
        "visited",
        "dateline",
        frozenset({"current"}),
        None,
        _lead_weekday(doc),
        None,
    )


def _newsroom(doc: Doc, city: Hit, evidence: list[Evidence]) -> bool:
    """A capital or a big city filed from while the lead puts the traveller somewhere else
    ("NAIROBI, Kenya (AP) — Pope Francis arrived in Juba on Friday …", and Nairobi is never named
    again): the newsroom, not a stop."""
    if not (city.capital or city.population >= _NEWSROOM_CITY):
        return False
    lead = _lead(doc)
    away = False
    for e in evidence:
        if e.status != "visited" or e.kind not in _SCENE or e.flags & {"flashback", "earlier", "after"}:
            continue
        if doc.para_of(e.pos) not in lead:
            continue
        here = e.hit.iso == city.iso and (
            e.hit.kind == "country"
            or (e.hit.kind == "region" and (not e.hit.admin1 or e.hit.admin1 == city.admin1))
            or distance_km(e.hit, city) <= MERGE_KM
        )
        if here:
            return False  # "AMMAN — … arrived in Jordan on Saturday"
        away = True
    return away


_NEWSROOM_CITY = 1_000_000


# --------------------------------------------------------------------------- cues

_FILL = (
    r"(?:(?:the|a|an)\s+)?(?:(?:[\w’'-]+\s+){0,4}?(?:city|capital|town|port|village|region|province|island|"
    r"country|nation|kingdom|republic|state|enclave|territory|cities|towns|capitals|site|center|centre|hub|"
    r"heart|seat),?\s+(?:of\s+)?)?"
    r"(?:(?-i:[A-Z][\w’'-]*\s+){1,3}(?:in|at),?\s+)?"
    r"(?:(?:[\w’'-]+,?\s+){0,2}?(?:such\s+as|including)\s+)?"
    r"(?:(?:neighbouring|neighboring|nearby|northern|southern|eastern|western|central|north|south|east|west)"
    r"\s+)?"
)
"""What may stand between a cue and its place: "the holy city of", "a" before a modifier ("a Concord
hospital"), a sight the gazetteer does not know and its town ("the city of Petra in Jordan")."""
_GAP = r"(?:[\w’'.-]+,?\s+){0,4}?"
_END = r"$"


def _cue(pattern: str, first: str) -> re.Pattern[str]:
    """``pattern`` then the filler, at the end of the text. ``first``: the letters a match can
    start with; a look-ahead on them lets the search skip most positions at once (3x faster)."""
    return re.compile(f"(?=[{first}])" + pattern + _FILL + _END, re.IGNORECASE)


_RETURN = _cue(
    r"\b(?:return(?:s|ed|ing)?\s+(?:home\s+)?"
    + _GAP
    + r"|(?:(?:fl(?:y|ies|ew|ying)|head(?:s|ed|ing)?|go(?:es|ing)?|"
    r"went|come|came|travel(?:s|led|ed|ling|ing)?)\s+)?(?:back|home)\s+(?:home\s+)?)to\s+",
    "rfhgwctb",
)
_DEPART_FOR = _cue(
    r"\b(?:left|leav(?:e|es|ing)|depart(?:s|ed|ing)?|set(?:s|ting)?\s+(?:off|out)|fl(?:ew|y|ies|ying)\s+out|"
    r"head(?:s|ed|ing)?\s+out|bound|en\s+route)\s+" + _GAP + r"(?:for|to)\s+",
    "ldsfhbe",
)
_LONG_GAP = r"(?:[\w’'.-]+,?\s+){0,10}?"
_BEGIN = _cue(
    r"\b(?:began|begins?|beginning|started|starts?|starting|kick(?:ed|s|ing)?\s+off|open(?:ed|s|ing))\s+"
    + _LONG_GAP
    + r"(?:in|at)\s+",
    "bsko",
)
_END_VERB = (
    r"\b(?:ended|ends|ending|wrap(?:ped|s|ping)?\s+up|conclud(?:e|ed|es|ing)|finish(?:ed|es|ing)?|"
    r"(?:will|to)\s+(?:end|close))\s+"
)
_END_CUE = _cue(
    r"(?:"
    + _END_VERB
    + _LONG_GAP
    + r"(?:in|at)\s+|"
    + _END_VERB
    + _LONG_GAP
    + r"(?:with|by)\s+(?:a|an|his|her|their|the)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:trip|visit|tour|stop|stay|walk|stroll)\s+(?:to|in|at|of)\s+)",
    "ewcft",
)
_ARRIVE = _cue(
    r"(?:\b(?:arriv(?:e|es|ed|ing)|land(?:s|ed|ing)?|touch(?:es|ed)?\s+down|"
    r"stopp(?:ed|ing)|stops?\s+(?:off|over|briefly))\s+" + _GAP + r"(?:in|at)\s+"
    r"|\b(?:due|expected)\s+(?:(?:back|later|there)\s+)?(?:in|at)\s+)",  # "is due in Kigali on Thursday"
    "altsde",
)
_MOVE = _cue(
    r"\b(?:travel(?:s|led|ed|ling|ing)?|fl(?:y|ies|ew|ying|own)|head(?:s|ed|ing)?|go(?:es|ing)?|went|gone|"
    r"mov(?:e|es|ed|ing)\s+on|continu(?:e|es|ed|ing)\s+on|proceed(?:s|ed|ing)?|jet(?:s|ted|ting)?|"
    r"driv(?:e|es|ing)|drove|sail(?:s|ed|ing)?|com(?:e|es|ing)|came|"
    r"(?:bring(?:s|ing)?|brought|tak(?:e|es|ing)|took)\s+(?:him|her|them|the\s+\w+))\s+"
    + _GAP
    + r"(?:to|into|on\s+to|onto)\s+",
    "tfhgwmcpjdsb",
)
_VISIT = _cue(
    r"\b(?:visit(?:s|ed|ing)?|tour(?:s|ed|ing)?|reach(?:es|ed|ing)?|tak(?:e|es|ing)\s+in)\s+(?:\w+ly\s+)?",
    "vtr",
)
_NOMINAL = _cue(
    r"(?:\b(?:visits?|trips?|tour|stops?|stopovers?|legs?|journey|pilgrimage|mission|swing)\s+"
    + _GAP
    + r"(?:to|of|in|at)\s+"
    r"|\b(?:itinerary|schedule|programme|program)\s+(?:also\s+|will\s+(?:also\s+)?)?"
    r"(?:includes?|features?|takes?\s+in)\s+)",  # "his itinerary also includes Napier"
    "vtsljpmi",
)
_AFTER_PLACE = _cue(r"\b[Aa]fter\s+", "a")
_FROM = _cue(r"\bfrom\s+", "f")


class _Found(NamedTuple):
    """Where a cue found without a regular expression starts, and its text (as a ``re.Match``)."""

    at: int
    text: str

    def start(self) -> int:
        return self.at

    def group(self, _index: int = 0) -> str:
        return self.text


_EVENT_WORDS = ACTIVITY_VERBS | EVENT_NOUNS
_EVENT_TAIL = _cue(r"\b(?:in|at|around|near|outside)\s+", "iano")
_TOKEN = re.compile(r"\S+")
_GAP_PUNCT = frozenset(".;§!?,")
_EVENT_GAP = 10  # words between the activity and "in"
_GAP_STOP = words("and to that who which where when while because he she they we it i you there")
"""Words that start another clause or verb between an activity and "in": "announce funding for
students to study in the United States", "saying they exemplified the gains in Afghanistan"."""


class _EventCue:
    """An activity, then at most ten words with no punctuation and no "and" (``_GAP_STOP``), then
    "in"/"at" (and
    the filler) at the end of the text: "open a maternity clinic in", "laying a wreath at the war
    memorial in". The leftmost activity word wins. Words are looked up in a set: a regular
    expression alternating ~300 words costs ten times as much."""

    def search(self, pre: str) -> _Found | None:
        tail = _EVENT_TAIL.search(pre)
        if tail is None:
            return None
        tokens = list(_TOKEN.finditer(pre, max(0, tail.start() - 160), tail.start()))
        found: _Found | None = None
        after = ""
        for gap, tok in enumerate(reversed(tokens)):
            word = tok.group(0)
            low = word.lower()
            if (gap <= _EVENT_GAP and low in _EVENT_WORDS) or (gap == 0 and low == "while"):
                found = _Found(tok.start(), pre[tok.start() :])  # "while in Arequipa": being there
            names = low == "and" and after[:1].isupper()  # "a meeting between Obama and Netanyahu at"
            state = low == "while" and gap == 0  # "prayed for … while in Santiago de Cuba"
            quoted = word.strip("§") == ""  # "prayed for “those deprived of freedom” while in"
            # "meet its prime minister, Ravi Mehta, in": the commas of a name in apposition
            apposition = (
                word[-1:] == "," and word[:-1].isalpha() and (word[:1].isupper() or after[:1].isupper())
            )
            punct = not quoted and not apposition and not _GAP_PUNCT.isdisjoint(word)
            if (low in _GAP_STOP and not names and not state) or punct or gap >= _EVENT_GAP:
                break
            after = word
        return found


_EVENT = _EventCue()
_STATE = _cue(
    r"\b(?:is|was|were|be|been|remain(?:s|ed)?|stay(?:s|ed)?)\s+(?:still\s+|now\s+)?(?:in|at)\s+", "iwbrs"
)
# Every cue ends with one of these words (then, maybe, "the holy city of"): a cheap first test.
_CUE_TAIL = re.compile(
    r"(?=\w)\b(?:in|at|around|near|outside|to|for|from|of|into|onto|visit(?:s|ed|ing)?|tour(?:s|ed|ing)?|"
    r"reach(?:es|ed|ing)?|after|includes?|features?"
    r"|take\s+in|\w+ly)\s+" + _FILL + _END,
    re.IGNORECASE,
)
_FILL_LAST = words(
    """the a an of city capital town port village region province island country nation kingdom republic state
    enclave territory cities towns capitals site neighbouring neighboring nearby northern southern eastern
    western central north south east west as including center centre hub heart seat"""
)
_TAIL_WORDS = words(
    """in at around near outside to for from of into onto visit visits visited visiting tour tours toured
    touring reach reaches reached reaching after include includes feature features"""
)
_TRAILING_WORD = re.compile(r"\w+\Z")


def _cue_tail(pre: str) -> bool:
    """``_CUE_TAIL`` over the last 90 characters, after a cheap necessary test: a cue ends with
    whitespace after a cue word ("in", "to", "visited", "-ly") or a filler word ("the", "of",
    "city", "northern"); most windows fail that test, and the regular expression is slow."""
    if not pre or not pre[-1].isspace():
        return False
    parts = pre.rsplit(None, 1)
    low = parts[-1].lower() if parts else ""
    if low.rstrip(",") not in _FILL_LAST:
        run = _TRAILING_WORD.search(low)
        if run is None:
            return False
        word = run.group(0)
        if word not in _TAIL_WORDS and not (word.endswith("ly") and len(word) >= 3):
            return False
        if word == low:
            return True  # "… in ", "… visited ": the cue word itself, with an empty filler
    return _CUE_TAIL.search(pre, max(0, len(pre) - 90)) is not None


_CLASS = re.compile(r"\[(\w+)\]")


def _hint(words: str) -> tuple[str, ...]:
    """A cheap test that a cue's key word is in the window before running its full pattern: the
    words as lower-case substrings ("fl[eyi]" stands for "fle", "fly", "fli"); ``in`` on a string
    costs a fraction of a regular expression's search."""
    out: list[str] = []
    for word in words.split("|"):
        m = _CLASS.search(word)
        if m is None:
            out.append(word)
        else:
            out.extend(word[: m.start()] + c + word[m.end() :] for c in m.group(1))
    return tuple(out)


class _Finder(Protocol):
    def search(self, string: str, /) -> re.Match[str] | _Found | None: ...


_ANYTHING = ("",)

# (kind, key words, pattern), most specific first: the first kind that matches wins.
_CUES: tuple[tuple[str, tuple[str, ...], _Finder], ...] = (
    ("return", _hint("return|back|home"), _RETURN),
    ("depart", _hint("left|leav|depart|set|fl[eyi]|head|bound|en route"), _DEPART_FOR),
    ("begin", _hint("began|begin|start|kick|open"), _BEGIN),
    ("end", _hint("end|wrap|conclud|finish|clos"), _END_CUE),
    ("arrive", _hint("arriv|land|touch|stop|due|expected"), _ARRIVE),
    (
        "move",
        _hint(
            "travel|fl[yieo]|head|go|went|gone|mov|continu|proceed|jet|dr[io]v|sail|com|came|bring|brought|tak|took"
        ),
        _MOVE,
    ),
    ("visit", _hint("visit|tour|reach|tak"), _VISIT),
    (
        "nominal",
        _hint("visit|trip|tour|stop|leg|journey|pilgrimage|mission|swing|itinerar|schedul|program"),
        _NOMINAL,
    ),
    ("after", _hint("after"), _AFTER_PLACE),
    ("from", _hint("from"), _FROM),
    ("event", _ANYTHING, _EVENT),
    ("event", _hint("is|was|were|be|been|remain|stay"), _STATE),
)
_FRONT = re.compile(r"^(?:[\w’'-]+,?\s+){0,6}?(?:in|at)\s+" + _FILL + _END, re.IGNORECASE)

_FUTURE = re.compile(
    r"(?=[wWsSiIaAmMpPnNtTuUlL'’])\b(?:will|'ll|’ll|shall|would|(?:is|are|was|were)\s+(?:due|set|expected|scheduled|slated|planned|going)\b|"
    r"(?:is|are|am)\s+to\b|"
    r"plans?\s+to|planning\s+to|next|tomorrow|upcoming|later\s+(?:this|today|in\s+the))",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:\w+ed|flew|went|left|spent|met|held|took|began|brought|came|drove|was|were|had|gone|flown|"
    r"begun|kicked|wrapped|sat|spoke|laid|said)\b",
    re.IGNORECASE,
)
_PRESENT_VERB = re.compile(
    r"\b(?:travels|travel|heads|head|flies|fly|visits|arrives|leaves|begins|ends|goes|takes|moves|"
    r"continues|tours|returns|lands|wraps|kicks)\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:hope[sd]?|hoping|would\s+like|wants?|wanted|wish(?:es|ed)?|invit\w+|may|might|could|consider\w*|"
    r"not|never|no|refused|declined|cancel\w*|postpon\w*|instead\s+of|rather\s+than)\b",
    re.IGNORECASE,
)
_MODAL = re.compile(
    r"\b(?:may|might|could|would\s+like|hopes?\s+to|wants?\s+to|considering)\b", re.IGNORECASE
)
_HISTORIC = re.compile(
    r"(?=[12lLyYiIpPoO])\b(?:1[89]\d\d|20\d\d|last\s+year|years?\s+ago|in\s+the\s+past|previously|once)\b",
    re.IGNORECASE,
)
# \b(?:home|back)\b, the first letter read as a class so that the scan jumps to it at C speed
# (1.7x faster); "(?<!\w[hb])" is the \b before the word, "(?<=h)" picks the branch.
_HOME_OR_BACK = re.compile(r"[hb](?<!\w[hb])(?:(?<=h)ome|(?<=b)ack)\b")
_TRIP_OVER = re.compile(
    r"(?=[frhwia])(?:\b(?:flew|returned|headed|(?:was|is|were|are)\s+flying)\s+(?:back\s+)?home\b"
    r"|\bflight\s+(?:back|home)\b|\bflew\s+back\b)",
    re.IGNORECASE,
)
_MONTH_NAME = re.compile(
    r"\b(?:in|last|since)\s+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|\blast\s+(?:month|week)\b|\bearlier\s+this\s+year\b"
)
_SCENE_OPENER = re.compile(
    r"\s*(?:During|On|At|Throughout)\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
)
_WHO_START = re.compile(r"\s*(?:who|which)\b", re.IGNORECASE)
_RELATIVE_START = re.compile(r"^\s*(?:when|where|during which|while)\b", re.IGNORECASE)
_EARLIER = re.compile(
    r"(?=[Bbh])\b[Bb]efore\s+(?:that|this|then)\b|(?=h)\bhad\s+(?:already\s+|also\s+|just\s+)?"
    r"(?:been|spent|met|held|gone|flown|\w+ed)\b"
)
_LATER = re.compile(r"\b[Aa]fter\s+(?:that|this)\b|\bafterwards\b")
_LAST_WORDS = re.compile(r"\b(?:final|last)\s+(?:leg|stop|destination|visit)\b", re.IGNORECASE)
# "in Jakarta, the final stop of a week-long tour": the ordinal stands right after the place
_ORDINAL_APPOSITIVE = re.compile(
    r"\s*,\s*(?:the|its|his|her|their)\s+(first|opening|final|last)\s+(?:leg|stop|destination|visit)\b",
    re.IGNORECASE,
)
_FIRST_WORDS = re.compile(r"\b(?:first\s+(?:leg|stop)|start\s+of)\b", re.IGNORECASE)
_LIST_SEP = re.compile(
    r"(?:\s+(?:tomorrow|today|tonight|later|next\s+week|on\s+\w+day|this\s+\w+))?"
    r"\s*(?:,\s*(?:and\s+)?(?:then\s+)?(?:on\s+)?(?:to\s+)?|\s+and\s+(?:then\s+)?(?:on\s+)?(?:to\s+)?|"
    r"\s+then\s+(?:on\s+)?(?:to\s+)?|,?\s+or\s+)" + _FILL,
    re.IGNORECASE,
)
_UNKNOWN_ITEMS = re.compile(
    r"(?:\s*,\s*(?:and\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})+(?=\s*,|\s+and\s)"
)
"""Names the gazetteer does not know inside a list of places: the list goes on past them."""
_CLAUSE_BREAK = re.compile(r"[,;:—–()]")
_TRAVEL_VERB = re.compile(
    r"\b(?:arriv\w*|land\w*|fl(?:y|ies|ew|ying|own)|travel\w*|head\w*|went|go(?:es|ing)?|came|com(?:e|es|ing)|"
    r"drove|sail\w*|mov\w*)\b",
    re.IGNORECASE,
)


_TOPIC = re.compile(
    r"(?=[wcfviotubgdekamhsepr])\b(?:wars?|conflicts?|crisis|crises|fighting|violence|invasion|occupation|unrest|tensions?|turmoil|"
    r"bloodshed|genocide|famine|drought|floods?|earthquake|disaster|insurgency|offensive|bombardment|"
    r"bombings?|killings?|atrocities|massacres?|coup|ceasefire|truce|hostilities|aggression|situation|"
    r"developments|elections?|protests|rights|peace|strikes|attacks?)\s+(?:in|at|around|near)\s+"
    + _FILL
    + _END,
    re.IGNORECASE,
)
"""A place that is the topic of a noun phrase ("addressed the war in Ukraine"), not a destination."""


_ARRIVAL_KINDS = frozenset({"arrive", "move", "visit"})
_AND_NEXT = re.compile(r"\band\s+(?:then\s+|later\s+|also\s+)?$")
_VISITED_WORD = re.compile(r"\b(?:visited|toured|stopped)\b")
_DISASTER = re.compile(r"(?:floods?|earthquake|disaster|famine|drought)\b", re.IGNORECASE)
_PRESENCE = re.compile(r"\b(?:meet|meets|met|meeting|visit\w*|tour\w*|see|sees|saw|inspect\w*|comfort\w*)\b")
"""One goes where a disaster is to meet its victims ("due to meet people displaced by the floods in
Malakal"): there the place is a destination, not only a topic."""


class Evidence(NamedTuple):
    """One piece of travel evidence for a place."""

    hit: Hit
    surface: str
    pos: int
    sentence: int
    status: Status
    kind: str
    flags: frozenset[str]
    chain_prev: int | None  # index (in the evidence list) of the previous place of the same list
    weekday: int | None
    subject: int | None


def _clause_bounds(doc: Doc, pos: int, end: int) -> tuple[int, int]:
    s_start, s_end = doc.sentences[doc.sentence_of(pos)]
    s_start, s_end = max(s_start, pos - _SENTENCE_WINDOW), min(s_end, end + _SENTENCE_WINDOW)
    text = doc.narration
    left = s_start
    for m in _CLAUSE_BREAK.finditer(text, s_start, pos):
        left = m.end()
    right_m = _CLAUSE_BREAK.search(text, end, s_end)
    right = right_m.start() if right_m else s_end
    return left, right


_COORDINATION = re.compile(r"\s*(?:,\s*)?(?:and|&)\s+|\s*,\s*")
_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_AFTER_WORD = re.compile(r"\bafter\b", re.IGNORECASE)
_BEFORE_WORD = re.compile(r"\bbefore\b", re.IGNORECASE)
_THEN_WORD = re.compile(r"\b(?:then|later|next)\b")
_FOR_TO = re.compile(r"\bfor\b|\bto\b")
_REPORTED = re.compile(r"\b(?:that|whether|if)\b|§")


@lru_cache(maxsize=256)
def _future_in(sentence: str) -> bool:
    """A future form in the sentence's main clause (not in reported speech: "told X that Y would");
    cached, as every place of a sentence asks about the same text."""
    return bool(_FUTURE.search(_REPORTED.split(sentence, maxsplit=1)[0]))


@lru_cache(maxsize=256)
def _earlier_in(sentence: str) -> bool:
    """``_EARLIER`` anywhere in the sentence; cached as ``_future_in`` is."""
    return _EARLIER.search(sentence) is not None


@lru_cache(maxsize=256)
def _past_finite_in(sentence: str) -> bool:
    """``_PAST_FINITE`` anywhere in the sentence; cached as ``_future_in`` is."""
    return _PAST_FINITE.search(sentence) is not None


def _tense(doc: Doc, verb_text: str, sentence_text: str, clause_before: str) -> Status:
    """Upcoming for a future form ("will then visit", "is due to") or a present one ("travels
    to", "then concludes the day in": news tells a schedule in the present); visited for a past
    form and for the present progressive ("Chavez, who is visiting China": there now); a gerund
    or noun takes its sentence's tense."""
    if _FUTURE.search(clause_before):
        return "upcoming"
    words = verb_text.lower().split()
    head = words[0] if words else ""
    if _PAST.fullmatch(head) and head not in ("meeting",):
        return "visited"
    if _PRESENT_VERB.fullmatch(head) or (
        head.endswith("s") and not head.endswith("ss") and head not in _NOT_PRESENT and len(head) > 3
    ):
        return "upcoming"
    if head.endswith("ing") and _PROGRESSIVE.search(
        clause_before, 0, max(0, len(clause_before) - len(verb_text))
    ):
        return "visited"
    if head.endswith("ing"):
        before = _BEFORE_END.search(clause_before, 0, max(0, len(clause_before) - len(verb_text)))
        main = clause_before[: before.start()] if before is not None else ""
        if _NOW_WORD.search(main) and not _PAST.search(main):
            return "upcoming"  # "is in Nairobi this week before heading to Kampala"; not "met … before"
    if _future_in(sentence_text):
        return "upcoming"
    return "visited"


_BEING_THERE = words("is are am remains remain stays")
_SCHEDULE_VERB = re.compile(
    r"\b(?:continues|moves|heads|goes|takes|ends|begins|starts|resumes|includes?|features?)\b", re.IGNORECASE
)
"""A trip told with a present verb ("the tour continues in", "his itinerary includes") is a
schedule: still to come."""
_NOW_WORD = re.compile(r"\b(?:is|are|am)\b", re.IGNORECASE)
_BEFORE_END = re.compile(r"\bbefore\s+$", re.IGNORECASE)
_DETERMINER_END = re.compile(r"\b(?:the|a|an|its|his|her|their)\s+$", re.IGNORECASE)
_PAST_FINITE = re.compile(
    r"(?=[stmhwfavlgdbo])\b(?:said|told|spoke|met|held|went|flew|arrived|visited|toured|laid|gave|made|took|"
    r"was|were|had|did|began|left|landed|attended|opened|addressed|signed|hosted|greeted|welcomed|saw|"
    r"boarded|drove|stopped|announced|praised|urged|called|paid)\b"
)
"""Finite verbs in the past tense (not "earmarked" or "expected", which are participles as often)."""
_NOT_PRESENT = words("is was has does this thus its plus always perhaps across towards afterwards")
_PROGRESSIVE = re.compile(
    r"\b(?:is|are|am|’s|'s)\s+(?:(?:now|currently|still|already|\w+ly)\s+)?$", re.IGNORECASE
)
_CLAUSE_FUTURE = re.compile(
    r"\b(?:left|leaves?|leaving|depart(?:s|ed|ing)?|set\s+(?:off|out)|includ(?:es?|ing)|features?|"
    r"comprises?|involves?)\b",
    re.IGNORECASE,
)
"""A trip or a visit named after these is still to come ("left Washington for a trip to …", "the
itinerary includes tours of …")."""


def _subject_before(doc: Doc, people: People, pos: int) -> Mention | None:
    """The subject of a travel verb at ``pos``: the last subject-like mention before it, or the
    first of a coordination ("The King and Queen Camilla arrived")."""
    s_start, _ = doc.sentences[doc.sentence_of(pos)]
    found = [m for m in people.mentions_in(s_start, pos) if not m.in_quote and m.kind != "institution"]
    k = max((i for i, m in enumerate(found) if m.subject), default=-1)
    if k < 0:
        return None
    while k > 0 and _COORDINATION.fullmatch(doc.narration[found[k - 1].end : found[k].start]):
        k -= 1
    return found[k]


OTHER = -1
"""The subject of a cue that is nobody the people stage knows ("his rival held a rally in …",
"the cabinet met in …"): someone else, never the traveller."""
SOMEONE = -2
"""The subject of a cue is a person or the trip, unnamed ("the royal couple will board …", "the
president", "the trip will begin in"): the traveller's cue unless the sentence says otherwise."""
_LIGHT_VERB = re.compile(
    r"\b(?:make|made|makes|making|ha(?:ve|s|d|ving)|hold|held|holds|holding|pa(?:y|id|ys|ying)|"
    r"t(?:ake|ook|akes|aking)|beg(?:in|an|ins)|start(?:s|ed)?|embark(?:s|ed)?|undert(?:ake|ook|akes)|"
    r"conduct(?:s|ed)?|continu(?:e|es|ed))\s+(?:(?:on|upon|a|an|the|his|her|their|its|[a-z][\w-]*)\s+){0,4}$"
)
"""A verb whose object is the trip noun of a cue ("had stops in", "will make a stop in")."""
_RELATIVE = re.compile(r",?\s*(?:who|which|that)\s*$")


def _skip_verb_lead(text: str, s_start: int, pos: int) -> int:
    """Where the subject of the verb at ``pos`` ends: before "will then", "has also", "is to"."""
    while pos > s_start:
        while pos > s_start and text[pos - 1].isspace():
            pos -= 1
        k = pos
        while k > s_start and (text[k - 1].isalpha() or text[k - 1] in "'’"):
            k -= 1
        word = text[k:pos].lower()
        if not word or word not in VERB_LEAD_WORDS:
            break
        pos = k
    return pos


def _pronoun_subject(doc: Doc, verb_pos: int) -> str | None:
    """ "he" or "she" when that pronoun is the verb's subject ("He is expected to travel on to")."""
    s_start, _ = doc.sentences[doc.sentence_of(verb_pos)]
    pos = _skip_verb_lead(doc.narration, s_start, verb_pos)
    word = doc.narration[max(s_start, pos - 4) : pos].split()
    low = word[-1].lower() if word else ""
    return low if low in ("he", "she") else None


def _verb_subject(doc: Doc, people: People, verb_pos: int, noun: bool = False) -> int | None:
    """Whose action the verb (or activity noun) at ``verb_pos`` is: the person named right before
    it, skipping auxiliaries and adverbs ("Biden will then head"); the person a relative pronoun
    stands for ("Hughes, who held talks"); the subject of the sentences before for "the couple";
    ``OTHER`` for a common noun ("his rival held a rally"); else the sentence's subject
    (``_subject_before``: a verb after "and" or a participle shares it). ``noun``: the cue is a
    noun ("visit", "trip", "talks"), whose modifiers ("a state visit") are no subject."""
    s_start, _ = doc.sentences[doc.sentence_of(verb_pos)]
    text = doc.narration
    pos = verb_pos
    if noun:  # "the couple had stops in", "Biden will make stops in": the light verb's subject
        light = _LIGHT_VERB.search(text, max(s_start, verb_pos - 60), verb_pos)
        if light is None:
            return _who(people, _subject_before(doc, people, verb_pos))
        pos, noun = light.start(), False
    pos = _skip_verb_lead(text, s_start, pos)
    before = people.mentions_in(max(s_start, pos - 120), pos)
    if (
        before
        and not before[-1].in_quote
        and (before[-1].end >= pos - 1 or text[before[-1].end : pos] in ("'s", "’s", "'", "’"))
    ):
        return _who(people, before[-1])
    relative = _RELATIVE.search(text, max(s_start, pos - 12), pos)
    if relative is not None:
        named = people.mentions_in(max(s_start, relative.start() - 120), relative.start() + 1)
        if named and named[-1].end >= relative.start() - 1 and not named[-1].in_quote:
            return _who(people, named[-1])
    k = pos
    while k > s_start and text[k - 1].isalpha():
        k -= 1
    word = text[k:pos]
    if word and word.islower() and word not in STOPWORDS and not noun:
        if _INDEFINITE.search(text, max(s_start, k - 40), k):
            return OTHER  # "an Israeli government official told CNN …": someone unnamed
        if word in PERSON_NOUNS or word.rstrip("s") in PERSON_NOUNS or word in TRIP_NOUNS:
            return SOMEONE  # "the president", "the senators", "the trip": the traveller, it may be
        if word in GROUP_ANAPHORS:
            group = _group_subject(doc, people, s_start, k)
            return SOMEONE if group is None else group
        if not word.endswith(("ing", "ed")):
            return OTHER
    return _who(people, _subject_before(doc, people, verb_pos))


_INDEFINITE = re.compile(r"(?:^|\W)(?:[Aa]n?|[Oo]ne|[Ss]ome|[Aa]nother)\s+(?:[\w-]+\s+){0,3}$")
_KIN_BEFORE = re.compile(
    r"(?:^|\W)(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:son|daughter|wife|husband|brother|sister|father|mother|"
    r"partner|girlfriend|boyfriend|fianc[eé]e?)\s+$"
)
"""A relative naming the first of a pair ("Her son Leo Quist and his wife …"): a subject all the same."""
_COUPLED = re.compile(r"\s+(?:and|&)\s+(?:(?:his|her|their)\s+)?(?:[a-z-]+\s+){0,2}[A-Z]")


def _group_subject(doc: Doc, people: People, s_start: int, pos: int) -> int | None:
    """Who "the couple" (the pair, the duo) is: the subject named earlier in its sentence, else
    the last pair named as a subject before it ("Donald Trump Jr and his girlfriend Kimberly
    Guilfoyle held a rally … The couple also has had stops in …"); None when no pair was named."""
    here = [
        m
        for m in people.mentions_in(s_start, pos)
        if m.subject and not m.in_quote and m.kind != "institution"
    ]
    if here:
        return _who(people, here[0])
    for m in reversed(people.mentions_in(max(0, s_start - 600), s_start)):
        coupled = _COUPLED.match(doc.narration, m.end, m.end + 40) is not None
        kin = _KIN_BEFORE.search(doc.narration, max(0, m.start - 24), m.start) is not None
        if (m.subject or kin) and not m.in_quote and m.kind != "institution" and coupled:
            return _who(people, m)
    return None


def _subject_after(doc: Doc, people: People, pos: int) -> Mention | None:
    _, s_end = doc.sentences[doc.sentence_of(pos)]
    for m in people.mentions_in(pos, s_end):
        if not m.in_quote and m.kind in ("person", "role", "pronoun"):
            return m
    return None


def _attributive(doc: Doc, pm: PlaceMention) -> bool:
    """A country or state used as a modifier ("visit U.S. troops", "the Ohio vote"): the lower-case
    noun right after it, not the place, is what the cue governs."""
    if pm.hit.kind == "city" or doc.narration[pm.end : pm.end + 1] != " ":
        return False
    m = _NEXT_WORD.match(doc.narration, pm.end + 1)
    if m is None:
        return False
    word = m.group(0)
    return word.islower() and word not in STOPWORDS and word not in _TIME_AFTER and not word.endswith("ly")


_NEXT_WORD = re.compile(r"[\w’'-]+")
_TIME_AFTER = words(
    "aboard early late ahead amid en via during until since today tonight tomorrow yesterday this next last"
)


def _who(people: People, m: Mention | None) -> int | None:
    """The person a mention means; None when unknown or when the "person" is the name of a
    thing ("Democratic National Convention": nobody's travel can be told apart by it)."""
    if m is None:
        return None
    key = people.resolve_pronoun(m.start, m.label) if m.kind == "pronoun" else m.person
    if key is not None:
        person = people.person(key)
        titled = bool(person.titles) or any("-" in t for t in person.tokens)
        if any(t in THING_WORDS and not (titled and t in SURNAME_THINGS) for t in person.tokens):
            return None  # "Democratic National Convention", not "Senator Ellen Park"
    return key


def _weekday_near(doc: Doc, start: int, end: int) -> int | None:
    left, right = _clause_bounds(doc, start, end)
    days = {WEEKDAYS.index(m.group(0).lower()) for m in _WEEKDAY.finditer(doc.narration, left, right)}
    return min(days) if days else None


class _Raw(NamedTuple):
    mention: PlaceMention
    kind: str
    verb: str
    verb_pos: int
    flags: frozenset[str]
    status: Status
    subject: int | None
    front: bool


_DATELINE_TAIL = re.compile(r"[^—–\n]{0,60}?(?:—|–|--?|:)\s*")


def _after_dateline(doc: Doc, dateline: Dateline | None) -> int:
    """Where the story proper begins after "HANOI, Vietnam (AP) —" (0 without a dateline)."""
    if dateline is None:
        return 0
    m = _DATELINE_TAIL.match(doc.text, dateline.end)
    return m.end() if m is not None else dateline.end


def _classify(doc: Doc, people: People, pm: PlaceMention, body: int = 0) -> _Raw | None:
    """The travel cue right before a place mention, if any (``body``: where the story begins
    after its dateline, which no sentence reads as its start)."""
    s_index = doc.sentence_of(pm.start)
    s_start, s_end = doc.sentences[s_index]
    if s_start < body <= pm.start:
        s_start = body
    s_start, s_end = max(s_start, pm.start - _SENTENCE_WINDOW), min(s_end, pm.end + _SENTENCE_WINDOW)
    pre_start = max(s_start, pm.start - _PRE_WINDOW)
    pre = doc.narration[pre_start : pm.start]
    sentence_text = doc.narration[s_start:s_end]
    cues = _CUES if _cue_tail(pre) and not _attributive(doc, pm) else ()
    low = pre.lower()
    for kind, hint, pattern in cues:
        if not any(word in low for word in hint):
            continue
        m = pattern.search(pre)
        if m is None:
            continue
        if kind == "begin" and _DETERMINER_END.search(pre, 0, m.start()):
            continue  # "the opening of the enclosure in Sydney": an event, not where a tour began
        if kind == "from":
            at = pre_start + m.start()
            before_from = doc.narration[_clause_bounds(doc, at, pm.end)[0] : at]
            if not (
                _TRAVEL_VERB.search(before_from)
                or (not before_from.strip() and _TRAVEL_VERB.search(sentence_text))
            ):
                continue  # "the senator from Illinois traveled to …": a label, not where he came from
        topic = _TOPIC.search(pre, max(0, len(pre) - 90))
        if topic is not None and not (_DISASTER.match(topic.group(0)) and _PRESENCE.search(pre)):
            return None  # "addressed the war in Ukraine": a topic, not a destination
        verb_pos = pre_start + m.start()
        verb = m.group(0)
        left, right = _clause_bounds(doc, verb_pos, pm.end)
        clause = doc.narration[left:right]
        clause_before = doc.narration[left : pm.start]
        if kind != "return" and _HYPOTHETICAL.search(doc.narration[max(left, verb_pos - 40) : verb_pos + 2]):
            return None
        if (
            verb.split()[0].lower().endswith("ing")
            and left > s_start
            and not doc.narration[left:verb_pos].strip()
        ):
            main = doc.narration[_clause_bounds(doc, left - 2, left - 2)[0] : left]
            if _MODAL.search(main):
                return None  # "may add another leg to his trip, visiting Cuba": not decided
        if _HISTORIC.search(clause):
            return None
        past = _tense(doc, verb, sentence_text, clause_before) == "visited"
        outer = clause
        if _RELATIVE_START.match(clause) and left > s_start:  # "…, when he travelled to Egypt"
            outer = doc.narration[_clause_bounds(doc, left - 2, left - 2)[0] : right]
        if past and kind != "return" and _MONTH_NAME.search(outer):
            return None  # "also visited Africa in July, when he travelled to Egypt": an earlier trip
        flags: set[str] = set()
        head = doc.narration[max(s_start, verb_pos - 40) : verb_pos + len(verb)].lower()
        if kind == "begin" or _FIRST_WORDS.search(clause_before):
            flags.add("first")
        if kind == "end" or _LAST_WORDS.search(sentence_text[: pm.start - s_start]):
            flags.add("last")
        ordinal = _ORDINAL_APPOSITIVE.match(doc.narration, pm.end)
        if ordinal is not None:
            flags.add("first" if ordinal.group(1).lower() in ("first", "opening") else "last")
        if kind == "after" or _AFTER_WORD.search(clause_before):
            flags.add("after")
        if _earlier_in(sentence_text):
            flags.add("flashback")  # told in the past perfect: not where the story is now
        if _WHO_START.match(clause):
            flags.add("aside")  # "Hughes, who held talks in Hanoi on Monday, …": background
        if kind == "nominal" and _SCENE_OPENER.fullmatch(doc.narration, s_start, verb_pos):
            flags.add("scene")  # "During a visit with Abbas in Ramallah, Obama stressed …"
        if _EARLIER.search(clause_before):
            flags.add("earlier")  # "Before that, he had been in Indonesia"
        elif _BEFORE_WORD.search(clause_before):
            flags.add("before")
        if _THEN_WORD.search(head) or _LATER.search(clause_before):
            flags.add("then")
        elif kind in _ARRIVAL_KINDS and _AND_NEXT.search(doc.narration, left, verb_pos):
            leading = doc.narration[left:verb_pos]
            if _TRAVEL_VERB.search(leading) or _VISITED_WORD.search(leading):
                flags.add("then")  # "arrived in Islamabad on Monday and flew to Sukkur": in that order
        if kind == "from":
            flags.add("from")
        if kind == "depart" and not _FOR_TO.search(verb.lower()):
            return None
        status: Status
        if kind == "depart":
            status = "upcoming"  # "flew out … for Argentina": on the way, not there yet
        elif kind == "event" and verb.split()[0].lower() not in EVENT_NOUNS:
            # an activity's own tense first ("spoke at a diner in Salem on Monday and will hold …")
            status = _tense(doc, verb, sentence_text, doc.narration[left:verb_pos])
        elif kind in ("nominal", "after", "from", "event"):
            upcoming = (
                _future_in(sentence_text)
                or (kind == "nominal" and _SCHEDULE_VERB.search(verb, len(verb.split()[0])) is not None)
                or (
                    kind in ("nominal", "event")
                    and _CLAUSE_FUTURE.search(doc.narration, left, verb_pos) is not None
                )
            )
            status = "upcoming" if upcoming else "visited"
        else:
            status = _tense(doc, verb, sentence_text, clause_before)
        noun = kind == "nominal" or (kind == "event" and verb.split()[0].lower() in EVENT_NOUNS)
        subject = _verb_subject(doc, people, verb_pos, noun)
        pronoun = None if noun else _pronoun_subject(doc, verb_pos)
        if pronoun is not None:
            flags.add(pronoun)  # the traveller's, when the story was just following them
        head_word = verb.split()[0].lower()
        if (_PAST.fullmatch(head_word) and head_word != "meeting") or _past_finite_in(sentence_text):
            flags.add("past")  # "held talks in", "Speaking at a banquet in Nairobi, the King said": done
        elif head_word.endswith("ing") and _PROGRESSIVE.search(doc.narration, left, verb_pos):
            flags.add("past")  # "is visiting farms in Devon": under way
        elif kind == "event" and status == "visited" and head_word in _BEING_THERE:
            flags.add("past")  # "is in Pakistan this week": there now, the trip has begun
        return _Raw(pm, kind, verb, verb_pos, frozenset(flags), status, subject, False)
    front = _FRONT.search(doc.narration[s_start : pm.start]) if pm.start - s_start < _FRONT_REACH else None
    if front is not None and not people.mentions_in(s_start, pm.start) and not _TOPIC.search(front.group(0)):
        found, who = _front_subject(doc, people, pm.end, s_end)
        if found:
            status = "upcoming" if _future_in(sentence_text) else "visited"
            return _Raw(pm, "front", front.group(0), s_start, frozenset(), status, who, True)
    return None


_FRONT_REACH = 200  # characters: six words, "in" and the filler are never longer
_FRONT_REST = re.compile(r"[^,;:§.]{0,50}?,\s*|\s+(?=[A-Za-z])")
_DETERMINER = re.compile(
    r"(?:the|a|an|his|her|their|its|our|some|many|several)\s+(?:[\w-]+\s+){0,2}?([a-z]+)\b"
)


def _front_subject(doc: Doc, people: People, end: int, s_end: int) -> tuple[bool, int | None]:
    """Who does something in a scene set at the front ("In Lima, he told …", "At a market in Hoi An
    on Tuesday, Prime Minister Daniel Hughes bought …"): (whether the clause has a subject, who).
    The subject is the phrase right after the scene: a person, a role or a pronoun; a group ("the
    senators", "the couple") is unknown (None); another noun ("the cabinet met") is ``OTHER``."""
    rest = _FRONT_REST.match(doc.narration, end, s_end)
    if rest is None:
        return False, None
    start = rest.end()
    named = people.mentions_in(start, min(s_end, start + 200))
    if named and named[0].start <= start + 4 and not named[0].in_quote:
        return True, _who(people, named[0])
    det = _DETERMINER.match(doc.narration, start, s_end)
    if det is None:
        # no phrase after the scene: the first person of the clause, as before
        later = _subject_after(doc, people, end)
        return (later is not None), _who(people, later)
    noun = det.group(1)
    if (
        noun in GROUP_ANAPHORS
        or noun in PERSON_NOUNS
        or noun.rstrip("s") in PERSON_NOUNS
        or noun in TRIP_NOUNS
    ):
        return True, SOMEONE
    return True, OTHER


_WHERE = re.compile(
    r",\s*(?:(?:the|a|an)\s+[^,.;§]{0,50},\s*)?where\s+(?P<subj>[^,.;§]{1,40}?)\s+"
    r"(?P<verb>(?:had|has|have|will|would|is|was|were|'ll|’ll)\b(?:\s+\w+){0,2}|\w+ed|spent|met|held|took|"
    r"gave|led|went|made|signed|attended|addressed)\b"
)


def _where(doc: Doc, people: People, pm: PlaceMention) -> _Raw | None:
    """ "South Korea, where he spent three days": the traveller was (or will be) there."""
    m = _WHERE.match(doc.narration, pm.end, min(len(doc.narration), pm.end + 140))
    if m is None:
        return None
    subject = people.mentions_in(m.start("subj"), m.end("subj"))
    who = _who(people, subject[0]) if subject else None
    if subject and subject[0].kind == "institution":
        return None
    if not subject:
        head = m.group("subj").split()[-1].lower()
        if head not in GROUP_ANAPHORS and head not in PERSON_NOUNS and head.rstrip("s") not in PERSON_NOUNS:
            return None  # "Geneva, where the talks have been held since March": not the traveller
    _, right = _clause_bounds(doc, m.end("verb"), m.end("verb"))
    if _HISTORIC.search(doc.narration, m.start(), right) or _MONTH_NAME.search(
        doc.narration, m.start(), right
    ):
        return None  # "…, where he studied in the 1990s"
    verb = m.group("verb").lower()
    status: Status = "upcoming" if _FUTURE.match(verb) else "visited"
    return _Raw(pm, "where", verb, pm.end, frozenset(), status, who, False)


def _city_of_where(doc: Doc, places: Places, pm: PlaceMention) -> PlaceMention | None:
    """The city of a country that the country's "where" clause names ("travels to India, where he
    will hold talks with … in New Delhi"): where the traveller will be, however far its verb."""
    if pm.hit.kind != "country":
        return None
    _, s_end = doc.sentences[doc.sentence_of(pm.start)]
    for inner in places.mentions_in(pm.end, s_end):
        if not inner.in_quote and inner.hit.kind == "city" and inner.hit.iso == pm.hit.iso:
            return inner
    return None


def _about_traveller(doc: Doc, people: People, raw: _Raw, party: frozenset[int]) -> bool:
    """A meeting or a "trip to X" is the traveller's only if the sentence names the traveller
    (not "Xi Jinping’s trip to Moscow", not "Russia will host a summit in St Petersburg")."""
    if not party:
        return True
    s_start, s_end = doc.sentences[doc.sentence_of(raw.verb_pos)]
    window = people.mentions_in(max(s_start, raw.verb_pos - 400), min(s_end, raw.mention.end + 400))
    named = [m for m in window if not m.in_quote and m.kind != "institution" and _who(people, m) is not None]
    before = [m for m in named if m.end <= raw.verb_pos]
    owner = next((m for m in reversed(before) if m.poss and m.end >= raw.verb_pos - 2), None)
    trip_noun = raw.kind == "nominal" or (raw.kind == "event" and raw.verb.split()[0].lower() in EVENT_NOUNS)
    if trip_noun and owner is not None:
        return _who(people, owner) in party
    return any(_who(people, m) in party for m in named) or (trip_noun and not named)


# --------------------------------------------------------------------------- the traveller


_HEADLINE_TRAVEL = re.compile(
    r"(?:[’'s]{0,2}\s+)?(?:(?:and|with|to|will|to|is|was|has|have|had|also|\w+ly)\s+)?"
    r"(?:visit\w*|arriv\w*|land\w*|travel\w*|tour\w*|head\w*|fl(?:y|ies|ew)|meet\w*|met|go(?:es)?|went|"
    r"begin\w*|began|end\w*|wrap\w*|return\w*|trip|lay\w*|laid|open\w*|pay\w*|paid|"
    r"takes?|took|pray\w*|hold\w*|held|rall\w+|campaign\w*|stop\w*|stay\w*)\b",
    re.IGNORECASE,
)
_OWN_TRIP = re.compile(
    r"[’']s\s+(?:[\w-]+\s+){0,3}?(?:visit|trip|tour|journey|arrival|stay|itinerary)\b", re.IGNORECASE
)
_PAID_VISIT = re.compile(
    r"\s+(?:(?:has|had|have|also|then|later|will|\w+ly)\s+){0,2}(?:visit(?:ed|s)\b|"
    r"(?:paid|pays|made|makes|make|pay)\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,2}?visit\b)",
    re.IGNORECASE,
)
_WELCOMED = re.compile(
    r"\b(?:welcom(?:ed|es|ing)|host(?:ed|s|ing)|receiv(?:ed|es|ing)|greet(?:ed|s|ing)|invit(?:ed|es|ing))\s+$",
    re.IGNORECASE,
)
_TRIP_HINT = ("visit", "trip", "tour", "journey", "stay", "arriv", "itinerar")
_HOSTED_HINT = ("welcom", "host", "receiv", "greet", "invit", "visiting", "guest")
_VISITING = re.compile(r"\b(?:visiting|guest)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


def _score_traveller(doc: Doc, people: People, raws: Iterable[_Raw]) -> int | None:
    """The person the article follows: subject of the travel cues, then the most mentioned.

    Also: the subject of a travel or visit verb in the headline ("Angela Merkel visited Alexei
    Navalny in hospital"); the owner of a "visit" or "trip" ("Netanyahu's five-day visit"), one
    who visits or pays a visit ("Merkel paid a personal visit to Navalny"); the
    one who is welcomed, hosted, received, or "visiting" ("Mehta welcomed Australian Prime Minister
    Claire Dawson to New Delhi"), while the host is not the traveller for that."""
    scores: dict[int, float] = {}
    text = doc.narration
    for m in people.mentions:
        if m.in_quote or m.kind == "institution":
            continue
        who = _who(people, m)
        if who is None:
            continue
        bonus = 0.0
        if doc.in_headline(m.start) and _HEADLINE_TRAVEL.match(text, m.end, m.end + 40):
            bonus += 4
        after = text[m.end : m.end + 60]
        if any(w in after for w in _TRIP_HINT) and (_OWN_TRIP.match(after) or _PAID_VISIT.match(after)):
            bonus += 2
        before = text[max(0, m.start - 40) : m.start]
        low = before.lower()
        if not any(w in low for w in _HOSTED_HINT):
            if bonus:
                scores[who] = scores.get(who, 0) + bonus
            continue
        welcomed = _WELCOMED.search(before)
        if welcomed is not None:
            bonus += 3
            host = _verb_subject(doc, people, m.start - len(before) + welcomed.start())
            if host is not None and host != OTHER and host != who:
                scores[host] = scores.get(host, 0) - 2
        elif _VISITING.search(before):
            bonus += 2
        if bonus:
            scores[who] = scores.get(who, 0) + bonus
    for raw in raws:
        if raw.subject is None or raw.subject < 0:
            continue
        if raw.kind not in ("event", "front", "from", "after"):
            scores[raw.subject] = scores.get(raw.subject, 0) + 3
        else:
            scores[raw.subject] = scores.get(raw.subject, 0) + 1
    body = [i for i in range(len(doc.paragraphs)) if i != doc.headline and i not in doc.skipped]
    lead = body[0] if body else None
    headline = doc.paragraphs[doc.headline] if doc.headline is not None else None
    if headline is not None and lead is not None:
        said = text[headline.start : headline.end].lower()
        first = doc.paragraphs[lead]
        for m in people.mentions_in(first.start, first.end):
            role = _ROLE_BEFORE.search(text, max(first.start, m.start - 40), m.start)
            if role is None or role.group(1).split()[-1] not in PERSON_NOUNS:
                continue
            who = _who(people, m)
            if who is not None and re.search(rf"\b{re.escape(role.group(1))}\b", said):
                scores[who] = scores.get(who, 0) + 4  # "First lady in Ohio", "The first lady, Nora Quist,"
                break
    for m in people.mentions:
        if m.person is None or m.in_quote:
            continue
        weight = 0.5
        at = doc.para_of(m.start)
        if at == doc.headline:
            weight = 2.5
        elif at == lead:
            weight = 2.0
        scores[m.person] = scores.get(m.person, 0) + weight
    if not scores:
        return None
    return max(scores, key=lambda k: (scores[k], -k))


_ROLE_BEFORE = re.compile(r"\b[Tt]he\s+((?:[a-z-]+\s+){0,2}[a-z-]+),\s+$")
"""'the first lady, ' right before a name: the role the headline may call them by."""

_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _party(people: People, traveller: int | None) -> frozenset[int]:
    """The traveller under every name the article gives them ("Joe Biden", "Democratic nominee Joe
    Biden" are one person; "Donald Trump Jr" and "Jill Biden" are others); empty with no traveller."""
    if traveller is None:
        return frozenset()
    me = people.person(traveller).tokens
    out = {traveller}
    if len(me) >= 2 and me[-1] not in _SUFFIXES:
        surname, first = me[-1], me[-2]
        others = [p for p in people.persons if p.key != traveller and p.tokens]
        namesakes = [p for p in others if len(p.tokens) >= 2 and p.tokens[-1] == surname]
        for p in others:
            if len(p.tokens) >= 2 and p.tokens[-1] == surname and p.tokens[-2] == first:
                out.add(p.key)  # the same first name and surname
            elif p.tokens == (surname,) and all(q.key in out or q.tokens[-2] == first for q in namesakes):
                out.add(p.key)  # the surname alone, and no other person has it
    return frozenset(out)


def _home(people: People, traveller: int | None) -> str | None:
    if traveller is None:
        return None
    person = people.person(traveller)
    if person.country:
        return person.country
    for title in person.titles:
        if title in TITLE_HOME:
            return TITLE_HOME[title]
    if person.name.lower().startswith("pope "):
        return "VA"
    return None


# --------------------------------------------------------------------------- stops


_ARRIVAL = frozenset({"arrive", "front", "event", "end"})


def _lead(doc: Doc) -> list[int]:
    """The first two paragraphs of the story proper (no headline, byline or boilerplate): where
    news copy says where the traveller is now and on which day."""
    return [i for i in range(len(doc.paragraphs)) if i != doc.headline and i not in doc.skipped][:2]


def _lead_weekday(doc: Doc) -> int | None:
    """The day the story is told on: the latest weekday of the lead in a sentence not in the future
    ("Trump will visit California on Monday. …, Deere wrote Saturday": Saturday), else the first."""
    first_any: int | None = None
    told: list[int] = []
    for index in _lead(doc):
        para = doc.paragraphs[index]
        for m in _WEEKDAY.finditer(doc.narration, para.start, para.end):
            day = WEEKDAYS.index(m.group(0).lower())
            first_any = day if first_any is None else first_any
            s_start, s_end = doc.sentences[doc.sentence_of(m.start())]
            if not _future_in(doc.narration[s_start:s_end]):
                told.append(day)
    if not told:
        return first_any
    # the latest of the days the lead tells as done ("met in Lima on Monday … touched down in Cusco
    # on Tuesday": Tuesday), read on a week's circle: the day the others lie fewest days before
    return min(told, key=lambda ref: (sum((ref - d) % 7 for d in told), told.index(ref)))


def _group_key(hit: Hit) -> str:
    return f"country:{hit.iso}" if hit.kind == "country" else f"city:{hit.geonameid}"


@dataclass
class _Group:
    key: str
    hit: Hit
    evidence: list[int] = field(default_factory=list)
    members: set[str] = field(default_factory=set)


def _is_home(hit: Hit, home: str | None, lookup: Lookup) -> bool:
    if home is None:
        return False
    if hit.kind == "country":
        return hit.iso == home
    capital = lookup.capitals.get(home)
    if capital is not None and (hit.geonameid == capital.geonameid or distance_km(hit, capital) < MERGE_KM):
        return True
    return key_of(hit.name) in EXTRA_HOME_CITIES.get(home, ())


def _dateline_counts(
    dateline: Dateline,
    evidence: list[Evidence],
    lookup: Lookup,
    home: str | None,
    mentioned: bool,
    preview: bool,
) -> bool:
    """A dateline is a visited stop unless it is the traveller's home or the story previews a
    trip not yet begun: its lead is in the future ("WASHINGTON — Biden will travel to …"),
    the body never names the dateline's city and nothing else is visited yet."""
    hit = dateline.hit
    if _is_home(hit, home, lookup):
        return False
    if any(e.hit.iso == hit.iso for e in evidence) or mentioned or not preview:
        return True
    return not evidence or any(e.status == "visited" for e in evidence)


def _build_stops(
    doc: Doc, evidence: list[Evidence], lookup: Lookup, home: str | None, over: bool
) -> list[StopDraft]:
    groups: dict[str, _Group] = {}
    order: list[str] = []
    # a trip at home ("Merkel visited Navalny in a Berlin hospital") keeps its home towns
    abroad = any(not _is_home(ev.hit, home, lookup) and ev.kind not in _WEAK for ev in evidence)
    for i, ev in enumerate(evidence):
        if _is_home(ev.hit, home, lookup) and (abroad or ev.hit.kind == "country"):
            continue
        key = _group_key(ev.hit)
        if key not in groups:
            groups[key] = _Group(key, ev.hit)
            order.append(key)
        groups[key].evidence.append(i)
        groups[key].members.add(key)
    # a city and its airport or suburb are one stop: keep the bigger, or the dateline
    cities = [k for k in order if groups[k].hit.kind == "city"]
    for a in cities:
        for b in cities:
            if a == b or a not in groups or b not in groups:
                continue
            ga, gb = groups[a], groups[b]
            if ga.hit.iso == gb.hit.iso and _one_place(ga.hit, gb.hit):
                keep, drop = (ga, gb) if _rank(evidence, ga) >= _rank(evidence, gb) else (gb, ga)
                keep.evidence.extend(drop.evidence)
                keep.members |= drop.members
                del groups[drop.key]
    # a country (a state) is named for its city stops: "visit Peru" and "in Lima" are one stop,
    # Lima; "traveled to New Hampshire" and "visit a Concord hospital" are one stop, Concord
    regions = [k for k in order if k in groups and groups[k].hit.kind == "region"]
    countries = [k for k in order if k in groups and groups[k].hit.kind == "country"]
    for key in regions + countries:
        country = groups[key]
        inside = [g for g in groups.values() if _inside(g.hit, country.hit)]
        if inside:
            for g in inside:
                g.members.add(key)
            target = min(
                inside,
                key=lambda g: (
                    all(evidence[i].kind in _WEAK for i in g.evidence),
                    min(evidence[i].pos for i in g.evidence),
                ),
            )
            target.evidence.extend(country.evidence)
            for g in inside:
                if g is not target:
                    g.members |= country.members
            del groups[key]
    live = [k for k in order if k in groups] + [k for k in groups if k not in order]
    live = [k for k in live if any(evidence[i].kind not in _WEAK for i in groups[k].evidence)]
    if over:
        live = [k for k in live if any(evidence[i].status == "visited" for i in groups[k].evidence)]
    return _order(doc, evidence, [groups[k] for k in live], lookup)


def _one_place(a: Hit, b: Hit) -> bool:
    """Two cities within ``MERGE_KM`` are one stop when one is a district, a suburb or the airport
    town of the other: next to it, or much smaller; two towns of a size ("Böblingen" and
    "Tübingen", 20 km apart) are two stops."""
    km = distance_km(a, b)
    if km >= MERGE_KM:
        return False
    small, big = sorted((a.population, b.population))
    return km < _SAME_TOWN_KM or big >= _SUBURB_RATIO * small


_SAME_TOWN_KM = 5.0
_SUBURB_RATIO = 3


def _inside(hit: Hit, area: Hit) -> bool:
    """A city in a country or in a state (by admin1 code; a county's towns are not known); a
    region in a country."""
    if hit.iso != area.iso or hit.kind == "country" or hit.kind == area.kind:
        return False
    return area.kind == "country" or (hit.kind == "city" and bool(area.admin1) and hit.admin1 == area.admin1)


def _rank(evidence: list[Evidence], group: _Group) -> tuple[int, int, int]:
    dateline = any(evidence[i].kind == "dateline" for i in group.evidence)
    return (int(dateline), len(group.evidence), group.hit.population)


def _status(evidence: list[Evidence], group: _Group) -> Status:
    """Visited when its most telling evidence says so: a travel verb's own tense (or the dateline)
    before the tense of a sentence around a "trip to" or a meeting, before "from" and "after"."""
    tiers = ([i for i in group.evidence if evidence[i].kind in tier] for tier in _STATUS_TIERS)
    told = next((t for t in tiers if t), group.evidence)
    return "visited" if any(evidence[i].status == "visited" for i in told) else "upcoming"


def _ahead(evidence: list[Evidence]) -> bool:
    """A trip announced and not yet begun: no dateline stop, no travel verb in the past tense, no
    activity told in the past ("held talks in"), and the trip itself told in the future ("their
    visit to New Zealand and Australia next month"): a present-tense engagement ("the opening of the
    enclosure at Taronga Zoo in Sydney") is still to come."""
    told = [e for e in evidence if e.kind not in _WEAK]
    if not told or any(e.kind == "dateline" or "past" in e.flags for e in told):
        return False
    if any(e.status == "visited" and e.kind in _STATUS_TIERS[0] for e in told):
        return False
    return any(e.status == "upcoming" and e.kind in ("nominal", "move", "visit", "depart") for e in told)


_STATUS_TIERS = (
    frozenset({"dateline", "arrive", "move", "visit", "begin", "end", "where"}),
    frozenset({"nominal", "event", "front", "depart"}),
)


_WEAK = frozenset({"from", "after"})
"""Evidence that orders stops but is no stop by itself: "from Poland", "After Belfast, …"."""


# --------------------------------------------------------------------------- visiting order


def _order(doc: Doc, evidence: list[Evidence], groups: list[_Group], lookup: Lookup) -> list[StopDraft]:
    """The stops in visiting order: constraints added most-trusted first (each kept only if it
    agrees with those before it), then a stable topological sort, visited first, text order."""
    if not groups:
        return []
    order = _Constraints(evidence, groups)
    _lists(order)
    _first_and_last(order)
    _after_before_from(order)
    _then(order)
    _before_that(order)
    _weekdays(doc, order)
    _where_now(doc, order)
    first_pos = [_first_pos(evidence, g) for g in groups]
    return [_draft(evidence, groups[g], order.status[g], lookup) for g in _sorted(order, first_pos)]


class _Constraints:
    """ "Stop a comes before stop b" edges between groups (indices into ``groups``)."""

    def __init__(self, evidence: list[Evidence], groups: list[_Group]) -> None:
        self.evidence = evidence
        self.groups = groups
        self.index_of: dict[int, int] = {}  # evidence index -> its group
        for g_index, g in enumerate(groups):
            for i in g.evidence:
                self.index_of[i] = g_index
        self.status = [_status(evidence, g) for g in groups]
        if _ahead(evidence):  # announced and not begun: nothing is visited yet
            self.status = ["upcoming" for _ in groups]
        self.edges: set[tuple[int, int]] = set()

    def reaches(self, a: int, b: int) -> bool:
        stack, seen = [a], {a}
        while stack:
            x = stack.pop()
            if x == b:
                return True
            for s, t in self.edges:
                if s == x and t not in seen:
                    seen.add(t)
                    stack.append(t)
        return False

    def add(self, a: int, b: int) -> None:
        """Keep "a before b" unless it puts an upcoming stop before a visited one or makes a cycle."""
        if a == b or (a, b) in self.edges:
            return
        if self.status[a] == "upcoming" and self.status[b] == "visited":
            return
        if self.reaches(b, a):
            return
        self.edges.add((a, b))

    def by_sentence(self, i: int) -> list[int]:
        """Evidence (of a stop) in the sentence of evidence ``i``."""
        evidence = self.evidence
        return [
            k for k, e in enumerate(evidence) if e.sentence == evidence[i].sentence and k in self.index_of
        ]


def _lists(order: _Constraints) -> None:
    """1. Lists: "visit Peru, Colombia and Jamaica"."""
    index_of = order.index_of
    for i, ev in enumerate(order.evidence):
        if ev.chain_prev is not None and i in index_of and ev.chain_prev in index_of:
            order.add(index_of[ev.chain_prev], index_of[i])


def _first_and_last(order: _Constraints) -> None:
    """2. "began in" / "ended in" / "final leg"; within the state or country a scene names first
    ("In Pennsylvania, Biden's first stop will be in Pittsburgh": first of Pennsylvania's)."""
    index_of, status, evidence = order.index_of, order.status, order.evidence
    for i, ev in enumerate(evidence):
        if i not in index_of or not ev.flags & {"first", "last"}:
            continue
        scope = next(
            (
                e.hit
                for e in evidence
                if e.sentence == ev.sentence and e.kind == "front" and e.hit.kind != "city" and e.pos < ev.pos
            ),
            None,
        )
        for j in range(len(order.groups)):
            if scope is not None and not _inside(order.groups[j].hit, scope):
                continue
            if "first" in ev.flags:
                order.add(index_of[i], j)
            if "last" in ev.flags and status[j] == status[index_of[i]]:
                order.add(j, index_of[i])


def _after_before_from(order: _Constraints) -> None:
    """3. "after stops in X" / "before heading to X" / "from X", within a sentence."""
    evidence, index_of = order.evidence, order.index_of
    for i, ev in enumerate(evidence):
        if i not in index_of:
            continue
        for k in order.by_sentence(i):
            other = evidence[k]
            if k == i or ({"after", "before", "from"} & other.flags) == (
                {"after", "before", "from"} & ev.flags
            ):
                continue
            if ("after" in ev.flags or "from" in ev.flags) and not ({"after", "from"} & other.flags):
                order.add(index_of[i], index_of[k])
            if "before" in ev.flags and "before" not in other.flags:
                order.add(index_of[k], index_of[i])


def _then(order: _Constraints) -> None:
    """4. "then": after the place named just before."""
    evidence, index_of = order.evidence, order.index_of
    for i, ev in enumerate(evidence):
        if "then" not in ev.flags or i not in index_of or ev.chain_prev is not None:
            continue
        earlier = [k for k in index_of if evidence[k].pos < ev.pos and index_of[k] != index_of[i]]
        same = [k for k in earlier if evidence[k].sentence == ev.sentence and "from" not in evidence[k].flags]
        before = [k for k in earlier if evidence[k].sentence != ev.sentence]
        pool = same or before
        if pool:
            k = max(pool, key=lambda x: evidence[x].pos)
            head = evidence[k].chain_prev
            while not same and head is not None:  # "visit Beijing and Chengdu. … will then travel to Xi'an"
                k, head = head, evidence[head].chain_prev
            order.add(index_of[k], index_of[i])


def _before_that(order: _Constraints) -> None:
    """4b. "Before that, he had been in X": before the place named just before."""
    evidence, index_of = order.evidence, order.index_of
    for i, ev in enumerate(evidence):
        if "earlier" not in ev.flags or i not in index_of:
            continue
        pool = [
            k
            for k in index_of
            if evidence[k].pos < ev.pos and evidence[k].sentence != ev.sentence and index_of[k] != index_of[i]
        ]
        if pool:
            order.add(index_of[i], index_of[max(pool, key=lambda x: evidence[x].pos)])


def _weekdays(doc: Doc, order: _Constraints) -> None:
    """5. Weekdays, relative to the day of the lead."""
    ref = _lead_weekday(doc)
    if ref is None:
        return
    index_of, status = order.index_of, order.status
    days: dict[int, int] = {}
    for i, ev in enumerate(order.evidence):
        if ev.weekday is not None and i in index_of:
            days.setdefault(index_of[i], ev.weekday)
    for a, da in days.items():
        for b, db in days.items():
            if a == b or status[a] != status[b]:
                continue
            off_a = (ref - da) % 7 if status[a] == "visited" else (da - ref) % 7
            off_b = (ref - db) % 7 if status[b] == "visited" else (db - ref) % 7
            if (status[a] == "visited" and off_a > off_b) or (status[a] == "upcoming" and off_a < off_b):
                order.add(a, b)


def _where_now(doc: Doc, order: _Constraints) -> None:
    """6. The dateline (else the lead's arrival) is where the traveller is now: after every
    other visited stop; "flew in from X" puts X before it too."""
    evidence, index_of, status = order.evidence, order.index_of, order.status
    current = [index_of[i] for i, ev in enumerate(evidence) if ev.kind == "dateline" and i in index_of]
    if not current:
        lead = _lead(doc)
        arrived = {
            index_of[i]
            for i, ev in enumerate(evidence)
            if i in index_of
            and ev.kind in _ARRIVAL
            and doc.para_of(ev.pos) in lead
            and ev.status == "visited"
            and not ev.flags & {"after", "earlier", "flashback"}
        }
        current = sorted(arrived) if len(arrived) == 1 else []
    for c in current:
        for j in range(len(order.groups)):
            if j != c and status[j] == "visited":
                order.add(j, c)


def _sorted(order: _Constraints, first_pos: list[int]) -> list[int]:
    """Stable topological sort of the groups: visited first, then text order."""
    status, edges = order.status, order.edges
    priority = [
        (0 if status[g] == "visited" else 1, first_pos[g] if first_pos[g] >= 0 else 10**9, g)
        for g in range(len(order.groups))
    ]
    indegree = [0] * len(order.groups)
    for _, b in edges:
        indegree[b] += 1
    ready = sorted(p for p in priority if indegree[p[2]] == 0)
    out: list[int] = []
    while ready:
        _, _, node = ready.pop(0)
        out.append(node)
        for a, b in sorted(edges):
            if a == node:
                indegree[b] -= 1
                if indegree[b] == 0:
                    ready.append(priority[b])
        ready.sort()
    return out


def _first_pos(evidence: list[Evidence], group: _Group) -> int:
    """Where the text first puts the stop on the itinerary (the city's own mentions first:
    "will travel to Saudi Arabia" in the lead summarises, "fly to Jeddah" schedules)."""
    own = [
        evidence[i].pos
        for i in group.evidence
        if evidence[i].kind != "dateline" and evidence[i].hit.kind == group.hit.kind
    ]
    told = [
        evidence[i].pos
        for i in group.evidence
        if evidence[i].kind != "dateline"
        and evidence[i].hit.kind == group.hit.kind
        and "chain" not in evidence[i].flags
    ]
    own = told or own  # a list names a stop early ("visit Beijing and Chengdu"); its story comes later
    anywhere = [evidence[i].pos for i in group.evidence if evidence[i].kind != "dateline"]
    return min(own or anywhere or [-1])


def _draft(evidence: list[Evidence], group: _Group, status: Status, lookup: Lookup) -> StopDraft:
    evs = [evidence[i] for i in group.evidence if evidence[i].hit.kind == group.hit.kind]
    evs = [e for e in evs if _group_key(e.hit) == group.key] or evs
    name = (
        group.hit.name if group.hit.kind == "city" else lookup.country_names.get(group.hit.iso, group.hit.iso)
    )
    # the article's spelling, when the geocoder will find it again (not "Democratic Republic of Congo")
    proper = [
        e.surface
        for e in evs
        if not e.surface.isupper() and not e.surface.lower().startswith("the ") and not e.hit.alias
    ]
    if proper:
        name = proper[0]
    elif evs and not evs[0].surface.lower().startswith("the ") and not evs[0].hit.alias:
        name = (
            evs[0].surface.title() if evs[0].surface.isupper() and len(evs[0].surface) > 3 else evs[0].surface
        )
    positions = tuple(sorted(evidence[i].pos for i in group.evidence))
    scenes = tuple(
        sorted(
            evidence[i].pos
            for i in group.evidence
            if (evidence[i].kind in _SCENE or "scene" in evidence[i].flags)
            and not evidence[i].flags & {"flashback", "after", "earlier", "aside"}
        )
    )
    return StopDraft(name, group.hit, status, positions, scenes)


_SCENE = frozenset({"front", "event", "arrive", "begin", "end", "visit", "move", "dateline"})
"""Evidence kinds that put the traveller at a place at that point of the story."""


# --------------------------------------------------------------------------- unknown names


_STRONG_CUES = (_ARRIVE, _MOVE, _VISIT, _DEPART_FOR, _BEGIN, _END_CUE)


def unplaced_stops(doc: Doc, people: People, places: Places) -> list[str]:
    """Capitalised names a travel verb governs that the gazetteer does not know ("flew to the
    ancient city of Ur", "fly by helicopter to Fatima"): reported, never guessed onto the map."""
    known = sorted([(p.start, p.end) for p in places.mentions] + list(people.name_spans))
    known_starts = [s for s, _ in known]
    out: list[str] = []
    for run in doc.runs:
        first, last = doc.tokens[run.first], doc.tokens[run.last]
        # the attribute tests first: most runs fail one, and the paragraph tests bisect
        if (
            first.in_quote
            or run.sentence_initial
            or not doc.usable(first.start)
            or doc.in_headline(first.start)
        ):
            continue
        if first.lower in REGIONS or first.lower in NON_PERSON_WORDS or first.text.isupper():
            continue
        after = doc.tokens[run.last + 1] if run.last + 1 < len(doc.tokens) else None
        if first.lower in DEMONYMS or (
            after is not None
            and not after.cap
            and not doc.plain[last.end : after.start].strip()
            and after.lower not in AFTER_A_NAME
        ):
            continue  # an adjective ("Kurdish regional capital") or a modifier ("Ben Gurion airport")
        k = bisect_left(known_starts, first.start - 200)
        if any(s < last.end and first.start < e for s, e in known[k : bisect_left(known_starts, last.end)]):
            continue
        s_start, _ = doc.sentences[doc.sentence_of(first.start)]
        pre = doc.narration[max(s_start, first.start - _PRE_WINDOW) : first.start]
        if _cue_tail(pre) and any(c.search(pre) for c in _STRONG_CUES):
            name = doc.plain[first.start : last.end]
            if name.lower() not in REGIONS and name not in out:
                out.append(name)
    return out
