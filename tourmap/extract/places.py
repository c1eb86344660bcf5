"""Stage 5, ``places``: the places an article names, each resolved to one gazetteer entry.

A name is a place only when the gazetteer knows it AND the article makes it plausible: a
country; a capital or a city of a million people; or any city in a country the article names
(by name, demonym or dateline). Words that are people's names ("Obama" is a town in Japan),
months, common words ("Nice", "Reading", "Police") and demonyms are never places. Demonyms and
pairs ("US-Mexican") are kept beside the places as country cues. Whether a place is a stop is
the ``trip`` stage's decision.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from tourmap.extract.dateline import Dateline
from tourmap.extract.doc import Doc
from tourmap.extract.lexicon import (
    DEMONYMS,
    MONTHS,
    NAMED_INSTITUTIONS,
    NON_PERSON_WORDS,
    REGION_POINTS,
    REGIONS,
    STATE_ABBREVIATIONS,
    STOPWORDS,
    TITLE_WORDS,
    WEEKDAY_SET,
)
from tourmap.extract.lookup import (
    HYPHEN_PARTS,
    MAX_NGRAM,
    NAMED_CITY,
    Hit,
    Lookup,
    NgramKeys,
    country_of,
    key_of,
)

__all__ = ["CountryCue", "PlaceMention", "Places", "spot_places"]

BIG_CITY = 1_000_000
_LONGEST_NAME = 120  # characters: no person's name with its title is longer
_NEAR = 300  # characters: a country named this close to a city name disambiguates it
_SMALL_CITY = 40_000  # a single word naming a smaller town is too often a common word

# "Kenosha, Wisconsin", "Columbia, S.C.", "Wilmington, N.C.", "Hoi An, Vietnam": the words after a
# town that say where it is (up to three capitalised words or an abbreviation).
_QUALIFIER = re.compile(r",[ ]?(?P<q>[A-Z][A-Za-z]*\.?(?:[ ]?[A-Z][A-Za-z]*\.?){0,2})")
# "[Tt]" first, and the \b before it as a look-behind: the scan jumps to each t at C speed
# (1.7x faster than a look-ahead first, which tries every position).
_CAPITAL_PHRASE = re.compile(r"[Tt](?<!\w[Tt])he\s+((?:[A-Z][\w-]+\s+){1,2})capital\b")
_TRAVEL_BEFORE = re.compile(
    r"\b(?:fl(?:y|ies|ew|ying)|travel\w*|arriv\w*|visit\w*|head\w*|go(?:es|ing)?|went|land\w*|stop\w*|"
    r"tour\w*|drove|drive\w*)\b[^.;§]{0,40}?\b(?:to|in|at|visit\w*)\s+(?:the\s+(?:[\w-]+\s+){0,3}?"
    r"(?:town|city|village|port|shrine)\s+of\s+)?$",
    re.IGNORECASE,
)


class PlaceMention(NamedTuple):
    """A place named in the text (``hit`` says which); ``surface`` is the text as written."""

    start: int
    end: int
    surface: str
    hit: Hit
    in_quote: bool


class CountryCue(NamedTuple):
    """A demonym ("Mexican") or one side of a pair ("US-Mexican"): country context, not a place."""

    start: int
    end: int
    iso: str
    in_quote: bool


@dataclass(frozen=True)
class Places:
    """Every place mention and demonym of the article, with the countries that give context."""

    mentions: tuple[PlaceMention, ...]
    demonyms: tuple[CountryCue, ...]
    pairs: tuple[tuple[int, str, str], ...]  # (offset, iso, iso) of "US-Mexican"-like compounds
    context: frozenset[str]

    @cached_property
    def _mention_starts(self) -> tuple[int, ...]:
        return tuple(m.start for m in self.mentions)

    @cached_property
    def _demonym_starts(self) -> tuple[int, ...]:
        return tuple(d.start for d in self.demonyms)

    def mentions_in(self, start: int, end: int) -> tuple[PlaceMention, ...]:
        """Place mentions starting in [start, end)."""
        starts = self._mention_starts
        return self.mentions[bisect_left(starts, start) : bisect_left(starts, end)]

    def demonyms_in(self, start: int, end: int) -> tuple[CountryCue, ...]:
        starts = self._demonym_starts
        return self.demonyms[bisect_left(starts, start) : bisect_left(starts, end)]

    def pairs_in(self, start: int, end: int) -> tuple[tuple[int, str, str], ...]:
        lo = bisect_left(self.pairs, (start, "", ""))
        hi = bisect_left(self.pairs, (end, "", ""))
        return self.pairs[lo:hi]


def _excluded_word(doc: Doc, index: int, name_words: frozenset[str], initial: bool) -> bool:
    tok = doc.tokens[index]
    low = tok.lower
    if tok.text.isupper() and len(tok.text) > 1:
        return low in MONTHS or low in WEEKDAY_SET  # "US", "UK", "CAIRO": never the pronoun "us"
    if low in STOPWORDS or low in MONTHS or low in WEEKDAY_SET or low in TITLE_WORDS:
        return True
    if low in DEMONYMS or low in NON_PERSON_WORDS or low in REGIONS:
        return True
    return initial and tok.text.lower() in doc.lower_words


def _overlaps(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of ``spans`` (sorted by start, each short)."""
    i = bisect_left(spans, (start - _LONGEST_NAME, 0))
    while i < len(spans) and spans[i][0] < end:
        if start < spans[i][1]:
            return True
        i += 1
    return False


def spot_places(doc: Doc) -> Doc:
    """The ``places`` stage: place mentions in text order, and the article's country cues."""
    people = doc.people
    places = _spot(doc, doc.lookup.ngrams, doc.lookup, people.name_spans, people.name_words, doc.dateline)
    return doc.annotated(places=places)


def _spot(
    doc: Doc,
    ngrams: NgramKeys,
    lookup: Lookup,
    name_spans: tuple[tuple[int, int], ...],
    name_words: frozenset[str],
    dateline: Dateline | None,
) -> Places:
    """Place mentions in text order; ambiguous city names resolved by the article's countries."""
    qualified: set[int] = set()
    candidates = _candidates(doc, ngrams, lookup, name_spans, name_words, qualified)
    demonyms, pairs = _demonyms(doc, lookup)
    countries = _Countries(candidates, demonyms, dateline, qualified)
    chosen, context = _readings(doc, candidates, countries, qualified)
    _small_towns(doc, candidates, countries, chosen, context)
    mentions = [
        PlaceMention(start, end, _surface(doc.plain[start:end]), hit, in_quote)
        for item in chosen
        if item is not None
        for start, end, hit, in_quote in [item]
    ]
    mentions.extend(_capital_phrases(doc, lookup))
    mentions.sort(key=lambda m: m.start)
    demonyms.sort(key=lambda d: d.start)
    return Places(tuple(mentions), tuple(demonyms), tuple(sorted(pairs)), frozenset(context))


_Candidate = tuple[int, int, tuple[Hit, ...], bool]
"""A capitalised n-gram the gazetteer knows: start, end, all it can mean, in a quotation (a
plain tuple: an article has dozens)."""
_Chosen = tuple[int, int, Hit, bool] | None


def _qualified(doc: Doc, lookup: Lookup, end: int, hits: tuple[Hit, ...]) -> tuple[tuple[Hit, ...], int]:
    """The readings of a town name that its qualifier allows ("Kenosha, Wisconsin", "Columbia,
    S.C.", "Hoi An, Vietnam"), best first, and where the qualifier ends; ((), -1) when nothing
    qualifies it."""
    m = _QUALIFIER.match(doc.plain, end, end + 40)
    if m is None:
        return (), -1
    words = m.group("q").split()
    for n in range(len(words), 0, -1):
        phrase = " ".join(words[:n])
        key = key_of(phrase)
        admin1 = STATE_ABBREVIATIONS.get(key) if (phrase.isupper() or "." in phrase) else None
        iso = "US" if admin1 else None
        if admin1 is None and key in REGION_POINTS:
            _, iso, admin1, _, _ = REGION_POINTS[key]
            admin1 = admin1 or None
        if iso is None:
            iso = next((h.iso for h in lookup.get(key) if h.kind == "country"), None)
        if iso is None:
            continue
        fits = [
            h for h in hits if h.kind == "city" and h.iso == iso and (admin1 is None or h.admin1 == admin1)
        ]
        q_end = m.start("q") + len(phrase) if m.group("q").startswith(phrase) else m.end("q")
        if not fits and admin1 is None:
            return (), -1  # "Obama, Kenya's president": no qualifier
        # "New Castle, Delaware": a town of that state the gazetteer does not know (no reading)
        return tuple(sorted(fits, key=lambda h: (not h.own, -h.population))), q_end
    return (), -1


def _candidates(
    doc: Doc,
    ngrams: NgramKeys,
    lookup: Lookup,
    name_spans: tuple[tuple[int, int], ...],
    name_words: frozenset[str],
    qualified: set[int],
) -> list[_Candidate]:
    """The longest known n-gram at each point of a capitalised run, leaving out people's names,
    regions, institutions, common words and names of things ("Buckingham Palace"). A name its
    qualifier places ("Alliance, Ohio") is a town whatever else it could be (its start goes
    into ``qualified``, its readings are only the qualified ones)."""
    toks = doc.tokens
    raw: list[_Candidate] = []
    qualifier_end = -1  # "Ohio" in "Alliance, Ohio" says where Alliance is: no place of its own
    for run in doc.runs:
        if not doc.usable(toks[run.first].start) or toks[run.first].start < qualifier_end:
            continue
        i = run.first
        while i <= run.last:
            if not toks[i].cap:
                i += 1
                continue
            taken = False
            for j in range(min(run.last, i + MAX_NGRAM - 1), i - 1, -1):
                if not toks[j].cap:
                    continue
                start, end = toks[i].start, toks[j].end
                key = ngrams.get((i, j), "")
                hits = lookup.get(key)
                if not hits or key in REGIONS or (key in NAMED_INSTITUTIONS and hits[0].kind != "country"):
                    continue
                if _overlaps(name_spans, start, end):
                    continue
                fits, qualifier_end = (
                    _qualified(doc, lookup, end, hits) if hits[0].kind != "country" else ((), -1)
                )
                if fits:
                    qualified.add(start)
                    raw.append((start, end, fits, toks[i].in_quote))
                if qualifier_end >= 0:
                    i = j + 1
                    taken = True
                    break
                if i == j:
                    initial = run.sentence_initial and i == run.first
                    if _excluded_word(doc, i, name_words, initial):
                        continue
                    if (
                        toks[i].lower in name_words
                        and hits[0].kind != "country"
                        and not (
                            _dominant(hits) is not None
                            and _LOCATIVE_BEFORE.search(doc.narration, max(0, start - 40), start)
                        )
                    ):
                        continue  # a name word, unless a big town a trip leads to ("visit to Sheffield")
                    nxt = toks[j + 1] if j + 1 < len(toks) else None
                    if (
                        nxt is not None
                        and nxt.cap
                        and nxt.lower in NON_PERSON_WORDS
                        and not doc.plain[end : nxt.start].strip()
                        and hits[0].kind != "country"
                    ):
                        continue  # "Buckingham Palace", "Paris Games"
                raw.append((start, end, hits, toks[i].in_quote))
                i = j + 1
                taken = True
                break
            if not taken:
                i += 1
    return raw


class _Countries:
    """The countries the article is about, weighted: each naming of a country or demonym counts
    1, the dateline's country 3; a country cued within ``_NEAR`` characters counts 5 more there."""

    def __init__(
        self,
        raw: list[_Candidate],
        demonyms: list[CountryCue],
        dateline: Dateline | None,
        qualified: set[int] | frozenset[int] = frozenset(),
    ) -> None:
        # a country, a state, or a town its qualifier places ("Hanoi, Vietnam") names its country
        cues = [(start, h[0]) for start, _, h, _ in raw if h[0].kind != "city" or start in qualified]
        context0 = {h.iso for _, h in cues}
        context0 |= {d.iso for d in demonyms}
        if dateline is not None:
            context0.add(dateline.hit.iso)
        weights: dict[str, int] = {}
        # the states and provinces the article names: their towns win over namesakes elsewhere
        self.regions = Counter((h[0].iso, h[0].admin1) for _, _, h, _ in raw if h[0].kind == "region")
        for _, h in cues:
            weights[h.iso] = weights.get(h.iso, 0) + 1
        for d in demonyms:
            weights[d.iso] = weights.get(d.iso, 0) + 1
        if dateline is not None:
            weights[dateline.hit.iso] = weights.get(dateline.hit.iso, 0) + 3
        self.context = context0
        self.weights = weights
        self.cue_positions = sorted(
            [(start, h.iso) for start, h in cues] + [(d.start, d.iso) for d in demonyms]
        )
        self.cue_starts = [at for at, _ in self.cue_positions]

    def near(self, pos: int) -> dict[str, int]:
        """Country weights with a bonus for countries cued close to ``pos``."""
        local = dict(self.weights)
        lo, hi = bisect_left(self.cue_starts, pos - _NEAR), bisect_right(self.cue_starts, pos + _NEAR)
        for _, iso in self.cue_positions[lo:hi]:
            local[iso] = local.get(iso, 0) + 5
        return local


def _readings(
    doc: Doc, raw: list[_Candidate], countries: _Countries, qualified: set[int]
) -> tuple[list[_Chosen], set[str]]:
    """Each candidate's reading (``_choose``; a qualified town's best reading), or None; and the
    countries of the article, the chosen places' included."""
    chosen: list[_Chosen] = []
    context1 = set(countries.context)
    for start, end, hits, in_quote in raw:
        if start in qualified:
            hit: Hit | None = hits[0]
        else:
            hit = _choose(hits, countries.near(start), " " in doc.plain[start:end], countries.regions)
        chosen.append(None if hit is None else (start, end, hit, in_quote))
        if hit is not None:
            context1.add(hit.iso)
    return chosen, context1


def _small_towns(
    doc: Doc, raw: list[_Candidate], countries: _Countries, chosen: list[_Chosen], context1: set[str]
) -> None:
    """A candidate still unread may be a town of the article's countries: one of 40,000 people
    or more, or a smaller one where a travel verb leads to it ("will fly to Lamu") or whose name
    is more than one word ("Hoi An": no common word)."""
    for n, (start, end, hits, in_quote) in enumerate(raw):
        if chosen[n] is None:
            near_travel = _TRAVEL_BEFORE.search(doc.narration, max(0, start - 70), start)
            floor = 0 if near_travel or " " in doc.plain[start:end] else _SMALL_CITY
            in_context = [h for h in hits if h.kind == "city" and h.iso in context1 and h.population >= floor]
            if in_context:
                local = countries.near(start)
                regions = countries.regions
                best = max(
                    in_context,
                    key=lambda h: (local.get(h.iso, 0), regions[(h.iso, h.admin1)], h.own, h.population),
                )
                chosen[n] = (start, end, best, in_quote)
            elif _LOCATIVE_BEFORE.search(doc.narration, max(0, start - 40), start) or _listed(
                doc, raw, chosen, n
            ):
                dominant = _dominant(hits)
                if dominant is not None:
                    chosen[n] = (start, end, dominant, in_quote)
                    context1.add(dominant.iso)


def _listed(doc: Doc, raw: list[_Candidate], chosen: list[_Chosen], n: int) -> bool:
    """The candidate is the next item of a list whose item before is a place ("to Lome, Cotonou
    and Abuja"): it stands where the one before stands."""
    prev = chosen[n - 1] if n > 0 else None
    if prev is None:
        return False
    return _LIST_GAP.fullmatch(doc.narration, prev[1], raw[n][0]) is not None


_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|to|from|visit\w*|tour\w*)\s+(?:the\s+(?:city|town|port)\s+of\s+)?$"
)


def _dominant(hits: tuple[Hit, ...]) -> Hit | None:
    """A city of 100,000 people or more that its name means wherever it is said ("in Nakuru",
    "met in Geneva"): five times bigger than any other place of that name."""
    cities = sorted((h for h in hits if h.kind == "city"), key=lambda h: -h.population)
    if not cities or not cities[0].own or cities[0].population < NAMED_CITY:
        return None
    if len(cities) > 1 and cities[1].population * 5 > cities[0].population:
        return None
    return cities[0]


def _surface(text: str) -> str:
    return text[4:] if text.startswith(("The ", "the ")) else text


def _choose(
    hits: tuple[Hit, ...],
    weights: dict[str, int],
    multiword: bool,
    regions: Counter[tuple[str, str]] | None = None,
) -> Hit | None:
    """The reading of a name: a country; a region (a state, a county) unless a town of that name
    lies in a country the article names and the region's does not; else a famous city unless the
    article's own countries (named at least twice) hold a city of that name; else a city in a
    named country, in a state the article names first ("Concord" beside "New Hampshire")."""
    if hits[0].kind == "country":
        return hits[0]
    local = [
        h for h in hits if h.kind == "city" and h.iso in weights and (h.own or h.population >= NAMED_CITY)
    ]
    if hits[0].kind == "region" and (hits[0].iso in weights or not local):
        return hits[0]
    top = next((h for h in hits if h.own and h.kind == "city"), None)
    famous = top if top and (top.capital or top.population >= BIG_CITY) else None
    named = regions or Counter()
    best_local = (
        max(local, key=lambda h: (weights[h.iso], named[(h.iso, h.admin1)], h.own, h.population))
        if local
        else None
    )
    if famous is not None:
        if best_local is None or famous.iso in weights or weights[best_local.iso] < 2:
            return famous
        return best_local
    if best_local is not None:
        return best_local
    if top is not None and multiword and top.population >= NAMED_CITY:
        return top
    return None


def _capital_phrases(doc: Doc, lookup: Lookup) -> Iterable[PlaceMention]:
    """ "the Kenyan capital" names Nairobi."""
    for m in _CAPITAL_PHRASE.finditer(doc.plain):
        iso = DEMONYMS.get(" ".join(m.group(1).lower().split()))
        capital = lookup.capitals.get(iso or "")
        if capital is not None and doc.usable(m.start()):
            yield PlaceMention(m.start(), m.end(), m.group(0), capital, doc.narration[m.start()] == "§")


def _demonyms(doc: Doc, lookup: Lookup) -> tuple[list[CountryCue], list[tuple[int, str, str]]]:
    cues: list[CountryCue] = []
    pairs: list[tuple[int, str, str]] = []
    for tok in doc.tokens:
        if not tok.cap:  # most words: the cheapest test first
            continue
        text = tok.text
        hyphenated = "-" in text or "–" in text
        if not (hyphenated or tok.lower in DEMONYMS) or not doc.usable(tok.start):
            continue
        parts = [p for p in HYPHEN_PARTS.split(text) if p] if hyphenated else [text]
        isos: list[str] = []
        for part in parts:
            key = key_of(part)
            iso = DEMONYMS.get(key) if len(parts) == 1 else DEMONYMS.get(key) or country_of(lookup, key)
            if iso:
                isos.append(iso)
        if len(parts) >= 2 and len(isos) >= 2 and isos[0] != isos[1]:
            pairs.append((tok.start, isos[0], isos[1]))
        for iso in isos:
            cues.append(CountryCue(tok.start, tok.end, iso, tok.in_quote))
    return cues, pairs
