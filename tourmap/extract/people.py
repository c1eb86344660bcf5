"""Stage 4, ``people``: the persons, institutions, roles and pronouns an article mentions.

Person names are capitalised sequences with titles and demonyms stripped ("Mexican Foreign
Minister Luis Videgaray" -> "Luis Videgaray"); a surname alone ("Videgaray") resolves to the
full name it shortens. A title is kept before a single given name for popes and monarchs
("Pope Francis", "King Charles"). Roles ("the pontiff", "the French leader") resolve to the
person introduced with that title; pronouns to the latest person in subject position.
The layer (``doc.people``) answers later stages' questions: who a pronoun or role means.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, NamedTuple

from tourmap.extract.doc import Doc
from tourmap.extract.lexicon import (
    CONNECTORS,
    DEMONYMS,
    FAMOUS_NAMES,
    FEMALE_TITLES,
    FUNCTION_WORDS,
    HONORIFICS,
    INSTITUTION_HEADS,
    LEADER_TITLES,
    LINK_VERBS,
    MALE_TITLES,
    MONTHS,
    NAMED_INSTITUTIONS,
    NON_PERSON_WORDS,
    ORG_NAME_ENDINGS,
    PRE_MODIFIERS,
    REGIONS,
    REGNAL_TITLES,
    ROLE_HEADS,
    ROLE_NOUNS,
    ROLE_SYNONYMS,
    SPEECH_ADVERBS,
    SPEECH_VERBS,
    STOPWORDS,
    SUBJECT_OPENERS,
    SURNAME_THINGS,
    TITLE_PHRASES,
    TITLE_WORDS,
    WEEKDAY_SET,
)
from tourmap.extract.lookup import country_of, is_strong_place, key_of
from tourmap.extract.text import Token

__all__ = ["Kind", "Mention", "People", "Person", "find_people"]

Kind = Literal["person", "role", "institution", "pronoun"]
CountryOf = Callable[[str], str | None]
"""Folded name -> ISO code when the name is a country (or a demonym), else None."""
IsPlace = Callable[[str], bool]
"""Folded name -> True when the whole name is a place the gazetteer knows well."""

_NAME_PARTICLES = CONNECTORS - {"of", "the", "and"}
_SPLITTERS = frozenset({"and", "the"})
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_WORDS_AND_MARKS = re.compile(r"[\w’'.-]+|[^\w\s]")
_POSSESSIVE_END = re.compile(r"[’']s$")
# "he", "his", "him", "himself" (and the feminine words) as whole lower-case words: each pattern
# starts with a literal first letter, which the scan jumps to at C speed (4x faster than splitting
# the window into words and counting them in Python); the look-behind keeps "she" out of "he".
_MALE_WORDS = re.compile(r"h(?<![a-z]h)(?:e|is|im|imself)(?![a-z])")
_FEMALE_WORDS = re.compile(r"s(?<![a-z]s)he(?![a-z])|h(?<![a-z]h)(?:er|ers|erself)(?![a-z])")
_ROLE_LOOKBACK = 300  # mentions: how far back "the pontiff" looks for the pope
_YEAR_OLD = re.compile(r"^\d+-year-old$")
_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)$")

_ROLE_HEADS = sorted(ROLE_HEADS, key=len, reverse=True)
_ROLE_ALT = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in _ROLE_HEADS)


def _either_case(phrase: str) -> str:
    """ "prime minister" -> "[Pp]rime\\s+[Mm]inister": case-sensitive patterns scan much faster."""
    return r"\s+".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in phrase.split())


def _by_first_letter(phrases: list[str]) -> str:
    """ "[Pp](?:rime\\s+[Mm]inister|resident)|[Kk](?:ing)": the same alternation (order kept within
    a letter; phrases of different letters never match at one place), tried one letter at a time."""
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        groups.setdefault(phrase[0].lower(), []).append(_either_case(phrase)[4:])
    return "|".join(f"[{k.upper()}{k}](?:{'|'.join(rest)})" for k, rest in groups.items())


_ROLE_FIRST = "".join(sorted({c for r in _ROLE_HEADS for c in (r[0].upper(), r[0].lower())} | {"P"}))
# a look-ahead on first letters and one branch per letter: the scan skips most places at once
_ROLE_FINDER = re.compile(rf"(?=[{_ROLE_FIRST}])\b(?:" + _by_first_letter(_ROLE_HEADS) + r"|PM)\b")
_ROLE = re.compile(
    rf"(?=[THIthi])\b(?P<det>[Tt]he|[Hh]is|[Hh]er|[Ii]ts)\s+(?P<mods>(?:[\w’'.-]+\s+){{0,3}}?)(?P<role>{_ROLE_ALT})$",
    re.IGNORECASE,
)
# A bare capitalised title standing for its holder: "Pope tells young people", "PM says".
# Written to start with its first letters as a class ([PKQC]): the scan of the whole text then
# jumps to those letters at C speed (4x faster), where a look-behind first tries every position.
# The look-behind after the letter is the one the plain pattern has before it, and each
# "(?<=P)" picks the branch of the letter read: the same matches as
# (?<![\w’'-])(?P<role>Pope|Pontiff|King|Queen|PM|President|Chancellor|Premier)\b(?!\s+[A-Z]).
_BARE_ROLE = re.compile(
    r"(?P<role>[PKQC](?<![\w’'-][PKQC])"
    r"(?:(?<=P)(?:ope|ontiff|M|resident|remier)|(?<=K)ing|(?<=Q)ueen|(?<=C)hancellor))\b(?!\s+[A-Z])"
)
# "the 80-year-old said": someone already named, resolved like a pronoun.
_AGED = re.compile(
    r"\b[Tt]he\s+(?:\w+\s+)?\d+-year-old\b(?=\s+(?:[a-z]+\s+)?(?:said|says|told|added|replied))"
)
_INSTITUTION_WORDS = (
    *("ministry", "government", "office", "embassy", "presidency", "military", "army", "police"),
    *("department", "authorities", "administration", "cabinet", "regime", "council", "commission"),
    "palace",
)
_INSTITUTION_HEAD = "(?:" + "|".join(_INSTITUTION_WORDS) + ")"
_INSTITUTION_NP = re.compile(
    r"(?=[A-Za-z])(?<![\w-])(?:[Tt]he[ ]+)?"
    r"(?P<name>(?:(?:[a-z]{1,3}-)?[A-Z][\w’'-]*(?:\.[A-Z]\.)?[ ]+){1,3}(?:[a-z]+[ ]+){0,2}"
    rf"{_INSTITUTION_HEAD})$"
)
# \b(?:he|she|He|She)\b, starting with its first letters as a class so that the scan jumps to
# them at C speed (2x faster, as ``_BARE_ROLE``); "(?<!\w[hHsS])" is the \b before the word.
_PRONOUN = re.compile(r"[hHsS](?<!\w[hHsS])(?:(?<=[hH])e|(?<=[sS])he)\b")
_APPOSITIVE_AFTER = re.compile(
    rf"^\s*,\s+(?:the|a|an|[A-Z][\w.-]*[’']s)\s+(?P<mods>(?:[\w’'.-]+\s+){{0,4}}?)(?P<role>{_ROLE_ALT})\b",
    re.IGNORECASE,
)
_APPOSITIVE_BEFORE = re.compile(
    rf"(?=\w)(?:^|\b)(?:the|[A-Z][\w.-]*[’']s)\s+(?P<mods>(?:[\w’'.-]+\s+){{0,3}}?)(?P<role>{_ROLE_ALT})\s*,\s*$",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- the layer


@dataclass(frozen=True, slots=True)
class Person:
    """One person: full name, title keys ("foreign minister"), country and gender when known."""

    key: int
    name: str
    tokens: tuple[str, ...]
    titles: frozenset[str]
    country: str | None
    gender: str | None


class Mention(NamedTuple):
    """A reference to a speaker-like entity in the text."""

    start: int
    end: int
    kind: Kind
    person: int | None
    label: str
    country: str | None
    in_quote: bool
    poss: bool
    subject: bool


@dataclass(frozen=True)
class People:
    """Everything about people and institutions the later rules ask for."""

    persons: tuple[Person, ...]
    mentions: tuple[Mention, ...]
    name_spans: tuple[tuple[int, int], ...]
    name_words: frozenset[str]
    mention_starts: tuple[int, ...] = field(default=())
    sentence_of: Callable[[int], tuple[int, int]] | None = None
    para_start: Callable[[int], int] | None = None
    source_at: Callable[[Mention], bool] | None = None
    speaks_at: Callable[[Mention, int], bool] | None = None
    # resolve_pronoun's answers: the trip and speech rules ask about the same pronoun again and again
    _pronouns: dict[tuple[int, str, int], int | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def person(self, key: int) -> Person:
        return self.persons[key]

    def mention_before(self, pos: int) -> int:
        """Index of the last mention starting before ``pos`` (-1 if none)."""
        return bisect_left(self.mention_starts, pos) - 1

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        mentions = self.mentions
        hi = bisect_left(self.mention_starts, end)  # no copy of the tail of the mentions per call
        return [m for m in mentions[bisect_left(self.mention_starts, start) : hi] if m.end <= end]

    def resolve_pronoun(self, pos: int, pronoun: str, limit: int = 40) -> int | None:
        """The latest fitting person in subject position before ``pos`` (else the latest at all)."""
        key = (pos, pronoun, limit)
        if key not in self._pronouns:
            self._pronouns[key] = self._resolve_pronoun(pos, pronoun, limit)
        return self._pronouns[key]

    def _resolve_pronoun(self, pos: int, pronoun: str, limit: int) -> int | None:
        want = (
            "f"
            if pronoun.lower() in ("she", "her")
            else "m"
            if pronoun.lower() in ("he", "him", "his")
            else None
        )
        only = self._only_person_before(pos, want)
        if only is not None:
            return only
        i = self.mention_before(pos)
        fallback: int | None = None
        seen = 0
        para_start = self.para_start(pos) if self.para_start is not None else 0
        while i >= 0 and seen < limit:
            m = self.mentions[i]
            i -= 1
            if m.in_quote or m.person is None or m.kind == "institution":
                continue
            seen += 1
            gender = self.persons[m.person].gender
            if want and gender and gender != want:
                continue
            if m.start < para_start and self._source(m) and not self._answers(m, pos):
                continue  # "…, military spokesman Bill Nutter said." does not go on in a new paragraph
            if m.subject and not m.poss:
                return m.person
            if m.poss and self._topic(m, pos):
                return m.person  # "It was Blinken’s third trip … he spent a day in Ankara"
            if fallback is None:
                fallback = m.person
        return fallback

    def _only_person_before(self, pos: int, want: str | None) -> int | None:
        """ "… a stern response from Hong Lei, a foreign ministry spokesman. “…,” he said": the one
        person of the sentence just before, when the pronoun's own sentence names nobody first."""
        if self.sentence_of is None:
            return None
        s_start, _ = self.sentence_of(pos)
        if s_start == 0:
            return None
        p_start, _ = self.sentence_of(s_start - 1)
        key: int | None = None
        i = self.mention_before(pos)
        while i >= 0:
            x = self.mentions[i]
            i -= 1
            if x.start < p_start:
                break
            if x.in_quote or x.kind == "institution":
                continue
            if x.start >= s_start or x.kind == "pronoun" or x.subject:
                return None  # "Shortly after landing, he met with President X." -- he goes on
            if x.person is None or (key is not None and x.person != key):
                return None
            key = x.person
        if key is None:
            return None
        gender = self.persons[key].gender
        return None if want and gender and gender != want else key

    def _source(self, m: Mention) -> bool:
        """A spokesperson, or a name cited at the end of its sentence ("…, X said.")."""
        if self.persons[m.person or 0].titles & _SPOKESPERSON_TITLES:
            return True
        return self.source_at is not None and self.source_at(m)

    def _answers(self, m: Mention, pos: int) -> bool:
        """ "Spokesman Dmitry Peskov told reporters …. ¶ “…,” he said": a source in the sentence
        just before a pronoun that attributes a quotation is its speaker after all."""
        return self.speaks_at is not None and self.speaks_at(m, pos)

    def _topic(self, m: Mention, pos: int) -> bool:
        """A possessive person with no other person in its sentence (before ``pos``) is its topic."""
        if self.sentence_of is None:
            return False
        s_start, s_end = self.sentence_of(m.start)
        s_end = min(s_end, pos)
        return not any(
            x.kind == "person" and x.person != m.person and not x.in_quote
            for x in self.mentions_in(s_start, s_end)
        )

    def resolve_role(
        self,
        role: str,
        country: str | None,
        pos: int,
        prefer: int | None = None,
        among: set[int] | None = None,
    ) -> int | None:
        """Who "the <role>" means: the traveller if the title fits, else the latest such person
        (only persons of ``among`` when given)."""
        role = ROLE_SYNONYMS.get(role, role)
        fits = [p for p in self.persons if _role_fits(p, role, country) and (among is None or p.key in among)]
        if not fits:
            return None
        if prefer is not None and any(p.key == prefer for p in fits):
            return prefer
        keys = {p.key for p in fits}
        i = self.mention_before(pos)
        stop = max(-1, i - _ROLE_LOOKBACK)
        while i > stop:
            m = self.mentions[i]
            if m.kind == "person" and m.person in keys:
                return m.person
            i -= 1
        regnal = [p.key for p in fits if p.name.lower().startswith(role + " ")]
        return regnal[0] if regnal else None


def _role_fits(person: Person, role: str, country: str | None) -> bool:
    if country and person.country != country:
        return False
    if role == "leader":
        return "leader" in person.titles or bool(person.titles & LEADER_TITLES)
    if role in person.titles or any(ROLE_SYNONYMS.get(t) == role for t in person.titles):
        return True  # "the premier" is Premier Li Qiang
    return role in ("pope", "king", "queen") and person.name.lower().startswith(role + " ")


# --------------------------------------------------------------------------- the stage


def find_people(doc: Doc) -> Doc:
    """The ``people`` stage: persons, institutions, roles and pronouns, names fully resolved."""
    found = doc.lookup

    def country(word: str) -> str | None:
        return country_of(found, key_of(word))

    def strong(word: str) -> bool:
        return is_strong_place(found, key_of(word))

    return doc.annotated(people=_find_people(doc, country, strong))


def _find_people(doc: Doc, country_of: CountryOf, is_place: IsPlace) -> People:
    """Persons, institutions, roles and pronouns of the article, with names fully resolved."""
    segments, institutions, singles = _segments(doc, country_of, is_place)
    names = _Names()
    _register(names, segments)
    said = _person_mentions(doc, names, segments, singles, country_of, is_place)
    _famous_names(names.drafts)
    mentions = [
        *_name_mentions(doc, said, institutions, names.drafts, country_of),
        *_institution_phrases(doc, said, names.drafts, country_of),
        *_role_phrases(doc, country_of),
        *_pronouns(doc),
        *_bare_roles(doc),
    ]
    mentions = _drop_overlaps(mentions)
    _gender_evidence(doc, mentions, names.drafts)
    persons = _persons(names.drafts)
    mentions.sort(key=lambda m: (m.start, m.end))
    final = _resolve(doc, mentions, persons, names.drafts)
    spans = tuple(sorted((s, e) for s, e, *_ in said))
    words = frozenset(w for d in names.drafts for w in d.tokens if w not in _NAME_PARTICLES)
    return People(
        persons,
        tuple(final),
        spans,
        words,
        tuple(m.start for m in final),
        _sentence_lookup(doc),
        lambda pos: doc.paragraphs[doc.para_of(pos)].start,
        lambda m: _cited_at_end(doc, m),
        lambda m, pos: _speaks_next(doc, m, pos),
    )


# Plain tuples, not named ones: an article has dozens and a named tuple costs ten times more to build.
_Institution = tuple[int, int, str, bool]
"""A named institution: start, end, its name as written, in a quotation."""
_Single = tuple[Token, int, bool]
"""A lone capitalised word (a person only if it shortens a known name or speaks): the token,
its index, sentence-initial."""
_PersonMention = tuple[int, int, int, bool, bool, str | None]
"""A mention of a person: start, end, the person (index of its draft), possessive, in a
quotation, the country its title names."""


def _segments(
    doc: Doc, country_of: CountryOf, is_place: IsPlace
) -> tuple[list[_Segment], list[_Institution], list[_Single]]:
    """Capitalised runs cut into name segments: persons (with a title or of several words),
    named institutions, and single capitalised words."""
    segments: list[_Segment] = []
    institutions: list[_Institution] = []
    singles: list[_Single] = []
    groups: set[str] = set()
    tokens = doc.tokens
    headline_end = doc.paragraphs[doc.headline].end if doc.headline is not None else -1
    for run in doc.runs:
        first = tokens[run.first]
        if doc.skipped and not doc.usable(first.start):
            continue
        headline = first.start < headline_end
        if headline and doc.title_case_headline:
            continue
        if run.first == run.last:  # most runs are one word: _split_run and _parse_segment, inline
            low = first.lower
            if (low in STOPWORDS and low not in TITLE_WORDS and low not in HONORIFICS) or (
                low in WEEKDAY_SET or low in MONTHS
            ):
                continue
            if low not in NAMED_INSTITUTIONS:
                if not _name_like(first, doc.lower_words) or low in HONORIFICS or first.text.isupper():
                    continue
                if is_place(low) or low in REGIONS:
                    continue
                _single(doc, run.first, run.sentence_initial, singles, groups)
                continue
            parts = [[run.first]]
        else:
            parts = _split_run(doc, run.first, run.last)
        for part in parts:
            part = _past_place_head(doc, run.first, part, is_place)
            if not part:
                continue
            if headline and len(part) > 1 and is_place(tokens[part[-1]].lower):
                part = part[:-1]  # "Blair and Blunkett Sheffield trip"
            initial = run.sentence_initial and part[0] == run.first
            if initial and len(part) > 1 and doc.tokens[part[0]].lower in LINK_VERBS:
                part = part[1:]  # "Watch Obama meet troops »": a link, not a name
            seg, inst = _parse_segment(doc, part, country_of, is_place, initial)
            toks = [doc.tokens[i] for i in part]
            if inst:
                institutions.append((toks[0].start, toks[-1].end, inst, toks[0].in_quote))
                continue
            if seg is None:
                continue
            nxt = doc.tokens[part[-1] + 1] if part[-1] + 1 < len(doc.tokens) else None
            if nxt is not None and not nxt.cap and nxt.lower in NON_PERSON_WORDS and not seg.poss:
                continue  # "Ben Gurion airport", "Uhuru Gardens"
            if len(seg.name) == 1 and not seg.titles and seg.gender is None:
                _single(doc, part[-1], initial, singles, groups)
                continue
            segments.append(seg)
    groups -= {s.name[-1].lower for s in segments if s.titles}  # "the Biden and Harris campaigns"
    groups -= FAMOUS_NAMES.keys()
    if groups:  # every mention of a group is an institution ("Taliban negotiators", "Islamist Taliban")
        for seg in [s for s in segments if s.name[-1].lower in groups and not s.titles]:
            segments.remove(seg)
            label = " ".join(doc.plain[seg.name_start : seg.end].split())
            institutions.append((seg.name_start, seg.end, label, seg.in_quote))
        for single in [s for s in singles if s[0].lower in groups]:
            singles.remove(single)
            tok = single[0]
            institutions.append((tok.start, tok.end, tok.text, tok.in_quote))
    return segments, institutions, singles


def _single(doc: Doc, index: int, initial: bool, singles: list[_Single], groups: set[str]) -> None:
    """A lone capitalised word: a name to resolve later, unless it is a capitalised common word,
    a thing ("in a Tweet saying") or a group ("the Taliban said")."""
    tok = doc.tokens[index]
    nxt = doc.tokens[index + 1] if index + 1 < len(doc.tokens) else None
    if nxt is not None and not nxt.cap and nxt.lower in NON_PERSON_WORDS and not tok.poss:
        return  # "Ben Gurion airport", "Uhuru Gardens"
    if initial and (tok.lower in doc.lower_words or tok.lower in STOPWORDS):
        return
    article = _article_before(doc, index)
    if article in ("a", "an"):
        return
    if article == "the" and _ends_noun_phrase(nxt):
        groups.add(tok.lower)
    singles.append((tok, index, initial))


def _article_before(doc: Doc, index: int) -> str | None:
    """The article right before token ``index`` ("a", "an", "the"), if any."""
    if index == 0:
        return None
    prev = doc.tokens[index - 1]
    if prev.lower not in ("a", "an", "the") or doc.plain[prev.end : doc.tokens[index].start] != " ":
        return None  # "The Taliban said" too
    return prev.lower


def _ends_noun_phrase(nxt: Token | None) -> bool:
    """After "the X": X heads its noun phrase ("the Taliban said", "the Taliban, who") unless a
    common noun follows ("the Blake family")."""
    if nxt is None:
        return True
    if nxt.lower in ("and", "or", "nor"):
        return False  # "the Biden and Harris campaigns"
    return nxt.cap or nxt.lower in STOPWORDS or nxt.lower in SPEECH_VERBS


class _Names:
    """The persons found so far (as drafts); a shorter form of a name ("Videgaray", "Von der
    Leyen") finds the full name it shortens, the most mentioned one when several fit."""

    def __init__(self) -> None:
        self.drafts: list[_Draft] = []
        self._by_tokens: dict[tuple[str, ...], int] = {}
        self._by_word: dict[str, list[int]] = {}  # word -> the drafts whose name holds it, in order

    def full_for(self, tokens: tuple[str, ...]) -> int | None:
        found = self._by_tokens.get(tokens)
        if found is not None:
            return found
        drafts = self.drafts
        n = len(tokens)
        best: int | None = None
        for key in self._by_word.get(tokens[-1], ()):  # a longer name ends with, or holds, that word
            d = drafts[key]
            longer = len(d.tokens) > n and (d.tokens[-n:] == tokens or (n == 1 and tokens[0] in d.tokens))
            if longer and (best is None or drafts[best].count < d.count):
                best = key
        return best

    def add(self, name: str, tokens: tuple[str, ...]) -> int:
        key = len(self.drafts)
        self.drafts.append(_Draft(name, tokens))
        self._by_tokens[tokens] = key
        for word in set(tokens):
            self._by_word.setdefault(word, []).append(key)
        return key


def _register(names: _Names, segments: list[_Segment]) -> None:
    """Full names first, longest first, so "Von der Leyen" finds "Ursula von der Leyen"; each
    segment adds its titles, country and gender evidence to its person."""
    for seg in sorted(segments, key=lambda s: (-len(s.name), s.start)):
        tokens = tuple(t.lower for t in seg.name)
        key = names.full_for(tokens)
        if key is None:
            key = names.add(" ".join(t.text for t in seg.name), tokens)
        d = names.drafts[key]
        d.titles |= seg.titles
        d.country = d.country or seg.country
        d.count += 1
        if seg.gender == "m":
            d.male += 3
        elif seg.gender == "f":
            d.female += 3


def _person_mentions(
    doc: Doc,
    names: _Names,
    segments: list[_Segment],
    singles: list[_Single],
    country_of: CountryOf,
    is_place: IsPlace,
) -> list[_PersonMention]:
    """Every mention of a person, keyed to its full name. A lone word that shortens no name
    is a new person only when a speech verb follows it ("Videgaray said") and it is no place."""
    said: list[_PersonMention] = []
    for seg in segments:
        key = names.full_for(tuple(t.lower for t in seg.name))
        if key is not None:
            said.append((seg.start, seg.end, key, seg.poss, seg.in_quote, seg.country))
    for tok, ti, _initial in singles:
        key = names.full_for((tok.lower,))
        if key is None:
            if not _followed_by_speech(doc, ti) or is_place(tok.lower) or country_of(tok.lower):
                continue
            key = names.add(tok.text, (tok.lower,))
        names.drafts[key].count += 1
        said.append((tok.start, tok.end, key, tok.poss, tok.in_quote, None))
    return said


def _famous_names(drafts: list[_Draft]) -> None:
    """ "President Biden", never given a first name, is Joe Biden (``FAMOUS_NAMES``)."""
    for d in drafts:
        if len(d.tokens) == 1 and d.tokens[0] in FAMOUS_NAMES:
            d.name = FAMOUS_NAMES[d.tokens[0]]


def _name_mentions(
    doc: Doc,
    said: list[_PersonMention],
    institutions: list[_Institution],
    drafts: list[_Draft],
    country_of: CountryOf,
) -> list[Mention]:
    """Person and named-institution mentions, each from the start of its noun phrase ("the
    Labour leader X"); a title in apposition ("the Japanese prime minister, X") is noted."""
    mentions: list[Mention] = []
    for start, end, key, poss, in_quote, _country in said:
        np_start = _np_start(doc, start, country_of)
        mentions.append(Mention(np_start, end, "person", key, drafts[key].name, None, in_quote, poss, False))
        _appositive_titles(doc, np_start, end, drafts[key])
        if np_start < start:  # "Vatican spokesman the Rev. Federico Lombardi": a spokesman
            for ti in doc.tokens_between(np_start, start):
                low = doc.tokens[ti].lower
                if low in TITLE_WORDS and low not in _QUALIFIERS and low not in HONORIFICS:
                    drafts[key].titles.add(low)
    for start, end, name, in_quote in institutions:
        mentions.append(
            Mention(
                _np_start(doc, start, country_of),
                end,
                "institution",
                None,
                name,
                None,
                in_quote,
                False,
                False,
            )
        )
    return mentions


def _institution_phrases(
    doc: Doc, said: list[_PersonMention], drafts: list[_Draft], country_of: CountryOf
) -> list[Mention]:
    """ "the Indian foreign ministry", "Kenya's government": institutions named by a country or
    demonym; "Modi's office" stands for Modi."""
    mentions: list[Mention] = []
    for m in _backwards(_whole_words(doc.plain, _INSTITUTION_WORDS), _INSTITUTION_NP, doc.plain, 90):
        name = m.group("name")
        first_word = name.split()[0]
        base = _POSSESSIVE_END.sub("", first_word).lower()
        if (
            not (base in DEMONYMS or country_of(base) or first_word.endswith(("’s", "'s")))
            or base in STOPWORDS
        ):
            continue
        owner = None
        if first_word.endswith(("’s", "'s")):
            word_end = m.start("name") + len(first_word) - 2
            owner = next((k for s0, e0, k, *_ in said if e0 == word_end), None)
        in_quote = _in_quote(doc, m.start())
        if owner is not None and name.endswith("office"):
            mentions.append(
                Mention(m.start(), m.end(), "person", owner, drafts[owner].name, None, in_quote, False, False)
            )
        elif owner is None:
            mentions.append(
                Mention(m.start(), m.end(), "institution", None, name, None, in_quote, False, False)
            )
    return mentions


def _role_phrases(doc: Doc, country_of: CountryOf) -> list[Mention]:
    """ "the pontiff", "his French counterpart", "the Kenyan president's": roles (with the
    country their modifiers name), resolved to persons later."""
    mentions: list[Mention] = []
    heads = ((m.start(), m.end()) for m in _ROLE_FINDER.finditer(doc.plain))
    for m in _backwards(heads, _ROLE, doc.plain, 70, _no_stopword):
        mods = m.group("mods").split()
        role = " ".join(m.group("role").lower().split())
        country = next((c for w in mods if (c := DEMONYMS.get(w.lower()) or country_of(w.lower()))), None)
        after = doc.plain[m.end() : m.end() + 3]
        poss = after.startswith(("’s", "'s"))
        mentions.append(
            Mention(
                m.start(),
                m.end(),
                "role",
                None,
                ROLE_SYNONYMS.get(role, role),
                country,
                _in_quote(doc, m.start()),
                poss,
                False,
            )
        )
    return mentions


def _pronouns(doc: Doc) -> list[Mention]:
    """He and she in the narration, and "the 80-year-old said" (someone already named)."""
    mentions: list[Mention] = []
    for m in _PRONOUN.finditer(doc.narration):
        mentions.append(
            Mention(m.start(), m.end(), "pronoun", None, m.group(0).lower(), None, False, False, False)
        )
    for m in _AGED.finditer(doc.narration) if "year-old" in doc.narration else ():
        mentions.append(Mention(m.start(), m.end(), "pronoun", None, "one", None, False, False, False))
    return mentions


def _bare_roles(doc: Doc) -> list[Mention]:
    """A capitalised title standing for its holder: "Pope tells young people", "PM says"."""
    mentions: list[Mention] = []
    for m in _BARE_ROLE.finditer(doc.plain):
        role = m.group("role").lower()
        label = ROLE_SYNONYMS.get(role, role)
        in_quote = _in_quote(doc, m.start())
        mentions.append(Mention(m.start(), m.end(), "role", None, label, None, in_quote, False, False))
    return mentions


def _persons(drafts: list[_Draft]) -> tuple[Person, ...]:
    """The finished persons; the gender with more evidence wins, none on a tie."""
    return tuple(
        Person(
            key=i,
            name=d.name,
            tokens=d.tokens,
            titles=frozenset(d.titles),
            country=d.country,
            gender="m" if d.male > d.female else "f" if d.female > d.male else None,
        )
        for i, d in enumerate(drafts)
    )


def _resolve(
    doc: Doc, mentions: list[Mention], persons: tuple[Person, ...], drafts: list[_Draft]
) -> list[Mention]:
    """Who each role means (the name in apposition, else the title's holder), and which
    mentions are grammatical subjects (pronouns always are)."""
    draft_people = People(persons, tuple(mentions), (), frozenset(), tuple(m.start for m in mentions))
    final: list[Mention] = []
    for n, mention in enumerate(mentions):
        person = mention.person
        if mention.kind == "role":
            person = _appositive_name(doc, mentions, n)
            if person is None:
                person = _role_holder(doc, draft_people, mention, drafts)
        subject = mention.kind == "pronoun" or (
            _is_subject(doc, mention.start, mention.in_quote) and not mention.poss
        )
        final.append(
            Mention(
                mention.start,
                mention.end,
                mention.kind,
                person,
                mention.label,
                mention.country,
                mention.in_quote,
                mention.poss,
                subject,
            )
        )
    return final


# --------------------------------------------------------------------------- name segments


@dataclass
class _Draft:
    name: str
    tokens: tuple[str, ...]
    titles: set[str] = field(default_factory=set)
    country: str | None = None
    male: int = 0
    female: int = 0
    count: int = 0


class _Segment(NamedTuple):
    start: int  # of the whole noun phrase (title and demonym included)
    name_start: int
    end: int
    name: tuple[Token, ...]
    titles: frozenset[str]
    country: str | None
    gender: str | None
    poss: bool
    in_quote: bool
    sentence_initial: bool


def _name_like(tok: Token, lower_words: frozenset[str]) -> bool:
    low = tok.lower
    if tok.lower in _NAME_PARTICLES:
        return True
    if not tok.cap or tok.text.isdigit():
        return False
    return not (
        low in TITLE_WORDS
        or low in DEMONYMS
        or (low in STOPWORDS and low not in HONORIFICS)
        or low in NON_PERSON_WORDS
        or low in WEEKDAY_SET
        or low in MONTHS
    )


@lru_cache(maxsize=4096)  # pure, and a name recurs with the same words ("President Joe Biden")
def _title_ends(lows: tuple[str, ...]) -> frozenset[int]:
    ends = {i for i, w in enumerate(lows) if w in TITLE_WORDS}
    for size in (4, 3, 2):
        for j in range(len(lows) - size + 1):
            if " ".join(lows[j : j + size]) in TITLE_PHRASES:
                ends.add(j + size - 1)
    return frozenset(ends)


@lru_cache(maxsize=4096)  # pure, and a title prefix recurs ("Secretary of State")
def _title_keys(lows: tuple[str, ...]) -> frozenset[str]:
    """Title keys of a title prefix: "mexican foreign minister" -> {"foreign minister", "minister"}."""
    words = [w for w in lows if w in TITLE_WORDS or w == "of" or w == "state" or w == "canterbury"]
    # keep the title words at the end of the prefix (drop "European Commission" before "President")
    tail: list[str] = []
    for w in reversed(lows):
        if w in words and w not in HONORIFICS:
            tail.insert(0, w)
        else:
            break
    keys: set[str] = set()
    if not tail:
        return frozenset()
    while tail and tail[0] in ("of", "first", "former", "acting", "late"):
        tail.pop(0)
    if not tail:
        return frozenset()
    phrase = " ".join(tail)
    keys.add(phrase)
    keys.add(tail[-1])
    for size in (3, 2):
        if len(tail) >= size:
            keys.add(" ".join(tail[-size:]))
    return frozenset(k for k in keys if k not in ("of", "state") and not k.startswith("of "))


def _past_place_head(doc: Doc, first: int, part: list[int], is_place: IsPlace) -> list[int]:
    """The part without the rest of a place name a capitalised stop word began ("New" cut off
    "York City": "New York City" is a city, not a person "York City")."""
    head = part[0] - 1
    if head < first or not doc.tokens[head].cap:
        return part
    start = doc.tokens[head].start
    for k in range(min(len(part), 4), 0, -1):
        if is_place(doc.plain[start : doc.tokens[part[k - 1]].end]):
            return part[k:]
    return part


def _split_run(doc: Doc, first: int, last: int) -> list[list[int]]:
    parts: list[list[int]] = []
    cur: list[int] = []
    for i in range(first, last + 1):
        tok = doc.tokens[i]
        low = tok.lower
        cut = (
            (not tok.cap and low in _SPLITTERS)
            or (tok.cap and low in STOPWORDS and low not in TITLE_WORDS and low not in HONORIFICS)
            or low in WEEKDAY_SET
            or low in MONTHS
        )
        if cut and tok.cap and cur and i < last and doc.tokens[cur[-1]].lower in TITLE_WORDS:
            cut = not doc.tokens[i + 1].cap  # "Gen. Than Shwe": a name after a title
        if cut:
            modifier = tok.cap and low in STOPWORDS and low not in FUNCTION_WORDS and i > first
            if cur and not modifier:
                parts.append(cur)  # not "Deputy National" before "Security Adviser Ben Rhodes"
            cur = []
            continue
        cur.append(i)
    if cur:
        parts.append(cur)
    out: list[list[int]] = []
    for part in parts:
        while part and not doc.tokens[part[0]].cap:
            part = part[1:]
        while part and not doc.tokens[part[-1]].cap:
            part = part[:-1]
        if part:
            out.append(part)
    return out


_IN_A_PLACE = re.compile(r"\b(?:in|at|near|outside|around)\s+$")
"""A preposition of place right before a run: the run is where something is, not who."""


def _parse_segment(
    doc: Doc, idx: list[int], country_of: CountryOf, is_place: IsPlace, initial: bool
) -> tuple[_Segment | None, str | None]:
    """A person segment, or (None, institution name) for a named institution, or (None, None)."""
    toks = [doc.tokens[i] for i in idx]
    lows = [t.lower for t in toks]
    if len(toks) == 1 and lows[0] not in NAMED_INSTITUTIONS:  # the common case, kept cheap
        tok = toks[0]
        if not _name_like(tok, doc.lower_words) or tok.lower in HONORIFICS or tok.text.isupper():
            return None, None
        if is_place(lows[0]) or lows[0] in REGIONS:
            return None, None
        return _Segment(
            tok.start, tok.start, tok.end, (tok,), frozenset(), None, None, tok.poss, tok.in_quote, initial
        ), None
    if "of" in lows[2:]:  # "Prime Minister Narendra Modi of India" (the New York Times' style)
        k = len(lows) - 1 - lows[::-1].index("of")
        tail = " ".join(lows[k + 1 :])
        home = country_of(tail)
        if k >= 2 and (home or is_place(tail)):
            seg, inst = _parse_segment(doc, idx[:k], country_of, is_place, initial)
            if seg is not None and seg.country is None and home:
                seg = seg._replace(country=home)
            return seg, inst
        if k >= 2 and all(t.cap for t in toks[k + 1 :]):  # "Rep. Howard Berman of California"
            seg, inst = _parse_segment(doc, idx[:k], country_of, is_place, initial)
            if seg is not None and seg.titles:
                return seg, inst
    text = doc.plain[toks[0].start : toks[-1].end]
    whole = " ".join(lows)
    if whole in NAMED_INSTITUTIONS or whole.removeprefix("the ") in NAMED_INSTITUTIONS:
        return None, text.removeprefix("The ").removeprefix("the ")
    if whole in REGIONS or whole in TITLE_PHRASES:
        return None, None
    ends = _title_ends(tuple(lows))
    p = -1
    for end in sorted(ends, reverse=True):
        rest = toks[end + 1 :]
        given = rest[1:] if len(rest) > 1 and rest[0].cap and rest[0].lower not in FUNCTION_WORDS else rest
        if (
            rest
            and all(_name_like(t, doc.lower_words) or t.lower in SURNAME_THINGS for t in given)
            and rest[0].cap
            and rest[-1].cap
        ):
            p = end
            break
    if p < 0 and lows[-1] in ORG_NAME_ENDINGS:
        return None, text.removeprefix("The ").removeprefix("the ")  # "Amnesty International"
    if p < 0 and any(w in NON_PERSON_WORDS for w in lows):
        if lows[-1] in INSTITUTION_HEADS or lows[-1] in ("department", "house", "street", "office"):
            return None, text
        return None, None
    if p < 0:
        # no title: strip leading demonyms and countries, the rest must all be name-like
        k = 0
        while k < len(toks) and (lows[k] in DEMONYMS or country_of(lows[k]) is not None):
            k += 1
        rest = toks[k:]
        if not rest:
            return None, None
        loose = list(rest[:-1]) if len(rest) > 1 and rest[-1].lower in TITLE_WORDS else rest
        if not loose or not all(_name_like(t, doc.lower_words) for t in loose) or not rest[0].cap:
            return None, None
        if rest[0].lower in TITLE_WORDS:
            return None, None
        name, prefix = rest, toks[:k]
    else:
        name, prefix = toks[p + 1 :], toks[: p + 1]
    if len(name) >= 2 and all(t.text.isupper() and len(t.text) > 1 for t in name):
        return None, None  # a dateline in capitals ("ABOARD THE PAPAL PLANE")
    name_key = " ".join(t.lower for t in name)
    if not prefix and (is_place(name_key) or name_key in REGIONS):
        return None, None
    first = name[0].start
    if (
        not prefix
        and len(name) >= 2
        and _IN_A_PLACE.search(doc.plain, max(0, first - 12), first)
        and any(hit.own for hit in doc.lookup.get(key_of(name_key)))
    ):
        return None, None  # "a dam in Luang Prabang": nobody is in a person
    prefix_lows = [t.lower for t in prefix]
    titles = _title_keys(tuple(prefix_lows))
    country = next((c for w in prefix_lows if (c := DEMONYMS.get(w) or country_of(w))), None)
    before = idx[0] - 1
    if country is None and before >= 0 and doc.tokens[before].poss:
        gap = doc.plain[doc.tokens[before].end : toks[0].start]
        if gap.strip() in ("", "’s", "'s"):
            country = country_of(doc.tokens[before].lower)
    gender = None
    if any(w in MALE_TITLES for w in prefix_lows):
        gender = "m"
    elif any(w in FEMALE_TITLES for w in prefix_lows):
        gender = "f"
    head = prefix_lows[-1] if prefix_lows else ""
    start = toks[0].start
    seg_name = tuple(name)
    if head in REGNAL_TITLES and (len(name) == 1 or (len(name) == 2 and _ROMAN.match(name[1].text))):
        seg_name = (prefix[-1], *name)
    return (
        _Segment(
            start=start,
            name_start=seg_name[0].start,
            end=name[-1].end,
            name=seg_name,
            titles=frozenset(titles),
            country=country,
            gender=gender,
            poss=name[-1].poss,
            in_quote=toks[0].in_quote,
            sentence_initial=initial and idx[0] == idx[0],
        ),
        None,
    )


def _followed_by_speech(doc: Doc, tok_index: int) -> bool:
    for j in range(tok_index + 1, min(tok_index + 4, len(doc.tokens))):
        low = doc.tokens[j].lower
        if low in SPEECH_VERBS and not doc.tokens[j].cap:
            return True
        if low not in SPEECH_ADVERBS:
            return False
    return False


def _np_start(doc: Doc, start: int, country_of: CountryOf) -> int:
    """Extend a mention's start over pre-modifiers ("Labour leader", "Canada’s", "the Rev.")."""
    ti = doc.token_at(start - 1)
    limit = 6
    while ti >= 0 and limit > 0:
        tok = doc.tokens[ti]
        gap = doc.plain[tok.end : start]
        if gap.strip() not in ("", "’s", "'s") or "\n" in gap:
            break
        low = tok.lower
        if tok.poss and tok.cap:
            if country_of(low) is None and not tok.text[0].isupper():
                break
        elif not (
            low in PRE_MODIFIERS
            or low in TITLE_WORDS
            or low in DEMONYMS
            or _YEAR_OLD.match(low)
            or (tok.cap and low not in STOPWORDS)
        ):
            break
        start = tok.start
        ti -= 1
        limit -= 1
    return start


def _is_subject(doc: Doc, start: int, in_quote: bool) -> bool:
    sent = doc.sentences[doc.sentence_of(start)] if doc.sentences else (0, start)
    source = doc.plain if in_quote else doc.narration
    before = source[max(sent[0], start - 80) : start].rstrip()
    if not before or sent[0] >= start:
        return True
    if before[-1] == ",":
        return _appositive_subject(doc, before[:-1].rstrip(), sent[0], source)
    if before[-1] in ";:—–-()§\"“‘'":
        return True
    # the ASCII letters that end the window (what "([A-Za-z]+)$" finds), read backwards: a search
    # anchored at the end would try every letter of the window first
    k = len(before)
    while k > 0 and before[k - 1] in _ASCII_LETTERS:
        k -= 1
    return k < len(before) and before[k:].lower() in SUBJECT_OPENERS


def _appositive_subject(doc: Doc, before: str, floor: int, source: str) -> bool:
    """A name after "ROLE," is in apposition: it is a subject when that role phrase is one."""
    words = _WORDS_AND_MARKS.findall(before)
    if not words or words[-1].lower() not in ROLE_NOUNS:
        return True  # "Speaking at a banquet in Nairobi, King Charles said": a fronted clause
    k = len(words) - 1
    while k >= 0:
        w = words[k]
        low = w.lower()
        if (
            w[:1].isupper()
            or low in PRE_MODIFIERS
            or low in ROLE_NOUNS
            or low in DEMONYMS
            or low in ("’s", "'s")
            or low.endswith(("’s", "'s"))
        ):
            k -= 1
            continue
        break
    if k < 0:
        return True
    prev = words[k].lower()
    del floor, source
    return prev in SUBJECT_OPENERS or not prev.isalpha()


# --------------------------------------------------------------------------- roles, subjects, gender


_APPOSITION = re.compile(r"\s*,\s*")
_OTHER_HOLDER = re.compile(r"\b(?:opposition|shadow|rival|late|deputy|vice)\b", re.IGNORECASE)
"""A role someone other than the title's holder has: "the opposition leader", "the deputy president".
Not "former": a former leader on tour is "the former president" of his own story."""


def _other_holder(phrase: str) -> bool:
    """ "the deputy president", "the opposition Labour leader" -- not "the rival oilman turned
    secretary of state": the modifier must qualify the role itself (only title words follow it)."""
    m = _OTHER_HOLDER.search(phrase)
    if m is None:
        return False
    rest = phrase[m.end() :].replace("-", " ").split()
    return all(w[:1].isupper() or w.lower() in ROLE_NOUNS or w.lower() in ("of", "state") for w in rest)


def _role_holder(doc: Doc, people: People, mention: Mention, drafts: list[_Draft]) -> int | None:
    """Who "the <role>" means: the holder of the title its last modifier makes with it ("the
    home secretary"), else of the role; never for "the deputy president". A role nobody in the
    article holds that only the story's subject can have ("the first lady", "the former vice
    president") is the person the article names most."""
    found = _ROLE.match(doc.plain, mention.start, mention.end)
    mods = found.group("mods").lower().split() if found is not None else []
    if _other_holder(" ".join(["the", *mods])):
        return None
    prefer = _most_mentioned(drafts)
    named = [w for w in (found.group("mods").split() if found is not None else []) if w[:1].isupper()]
    party = [w.lower() for w in named if w.lower() not in DEMONYMS and not w.isupper()]
    if party:  # "the Tory leader": the one introduced as "Tory leader Simon Ashby"
        holders = {
            x.person
            for x in people.mentions
            if x.kind == "person" and x.person is not None and set(party) <= set(_words_in(doc, x))
        }
        if holders:
            person = people.resolve_role(mention.label, mention.country, mention.start, None, holders)
            if person is not None:
                return person
    if mods and found is not None:
        compound = f"{mods[-1]} {' '.join(found.group('role').lower().split())}"
        person = people.resolve_role(compound, mention.country, mention.start, prefer)
        if person is not None:
            return person
    person = people.resolve_role(mention.label, mention.country, mention.start, prefer)
    if person is None and prefer is not None and (mention.label in _OWN_ROLES or "former" in mods):
        gender = drafts[prefer].male - drafts[prefer].female
        if mention.label not in _FEMALE_ROLES or gender <= 0:
            return prefer
    return person


def _words_in(doc: Doc, m: Mention) -> list[str]:
    return doc.plain[m.start : m.end].lower().split()


_QUALIFIERS = frozenset(
    ["first", "acting", "former", "late", "opposition", "senior", "deputy", "assistant", "chief", "supreme"]
)
"""Title words that qualify a title rather than name one ("the former leader")."""
_OWN_ROLES = frozenset({"first lady"})
_FEMALE_ROLES = frozenset({"first lady"})


def _appositive_name(doc: Doc, mentions: list[Mention], n: int) -> int | None:
    """ "The opposition leader, Peter Dutton, said": the role is the name right after its comma."""
    role = mentions[n]
    nxt = mentions[n + 1] if n + 1 < len(mentions) else None
    if nxt is None or nxt.kind != "person" or nxt.person is None or nxt.in_quote != role.in_quote:
        return None
    if not _APPOSITION.fullmatch(doc.plain, role.end, nxt.start):
        return None
    closing = doc.plain[nxt.end : nxt.end + 1]
    return nxt.person if closing in (",", ".", ";", "") else None  # not "Speaking to the king, Ruto said"


_CITED = re.compile(r"\s+(?:\w+\s+)?(?:said|says|added|told\s+\w+)\s*(?:on\s+\w+\s*|\w+\s*)?[.]\s*$")
_SPOKESPERSON_TITLES = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def _cited_at_end(doc: Doc, m: Mention) -> bool:
    """ "…, U.S. military spokesman Lt. Col. Bill Nutter said.": a source cited after a comma."""
    _, s_end = doc.sentences[doc.sentence_of(m.start)]
    before = doc.narration[max(0, m.start - 2) : m.start]
    return "," in before and bool(_CITED.match(doc.narration, m.end, s_end))


_SAYS = re.compile(r"\s+(?:\w+ly\s+)?(?:said|says|added|adds|told|tells|continued|went on)\b")


def _speaks_next(doc: Doc, m: Mention, pos: int) -> bool:
    """The pronoun at ``pos`` attributes a quotation ("he said"), and ``m`` is in the sentence
    just before the pronoun's."""
    s = doc.sentence_of(pos)
    if doc.sentence_of(m.start) != s - 1:
        return False
    end = pos + 3 if doc.narration.startswith("she", pos) or doc.narration.startswith("She", pos) else pos + 2
    return bool(_SAYS.match(doc.narration, end))


def _sentence_lookup(doc: Doc) -> Callable[[int], tuple[int, int]]:
    def find(pos: int) -> tuple[int, int]:
        return doc.sentences[doc.sentence_of(pos)] if doc.sentences else (0, len(doc.text))

    return find


def _whole_words(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    r"""Spans of ``words`` written as whole words, in text order: what ``\b(?:w1|w2|…)\b`` finds
    (two whole words never overlap, so the order of the words does not matter). A ``str.find``
    per word runs at C speed, 3x faster than that pattern, which stops at every common first
    letter of the text."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not _is_word_char(text[at - 1])) and (end == n or not _is_word_char(text[end])):
                spans.append((at, end))
            at = text.find(word, at + 1)
    spans.sort()
    return spans


def _is_word_char(ch: str) -> bool:
    r"""A character ``\w`` matches (``\b`` lies between one and a character that is not)."""
    return ch.isalnum() or ch == "_"


def _backwards(
    heads: Iterable[tuple[int, int]],
    phrase: re.Pattern[str],
    text: str,
    reach: int,
    accept: Callable[[re.Match[str]], bool] | None = None,
) -> list[re.Match[str]]:
    """Matches of ``phrase`` (anchored at its end with ``$``) ending at each head word (its
    [start, end) span); a match ``accept`` refuses is tried again from further on ("the airport.
    The Egyptian leader" -> "The Egyptian leader").

    Scanning the whole text with a phrase pattern that starts with optional words is slow;
    finding the head words first and reading a short window before each is not.
    """
    out: list[re.Match[str]] = []
    for head_start, head_end in heads:
        m = phrase.search(text, max(0, head_start - reach), head_end)
        while m is not None and accept is not None and not accept(m):
            m = phrase.search(text, m.start() + 1, head_end)
        if m is not None:
            out.append(m)
    return out


def _no_stopword(m: re.Match[str]) -> bool:
    return not any(w.lower() in STOPWORDS for w in m.group("mods").split())


def _most_mentioned(drafts: list[_Draft]) -> int | None:
    if not drafts:
        return None
    return max(range(len(drafts)), key=lambda i: (drafts[i].count, -i))


def _in_quote(doc: Doc, pos: int) -> bool:
    return doc.narration[pos : pos + 1] == "§"


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Where mentions overlap keep persons, then the longest (a role around an institution)."""
    rank = {"person": 0, "role": 1, "institution": 2, "pronoun": 3}
    ordered = sorted(mentions, key=lambda m: (rank[m.kind], -(m.end - m.start), m.start))
    kept: list[Mention] = []
    taken = bytearray(max((m.end for m in mentions), default=0))  # 1 where a kept mention lies
    for m in ordered:
        if any(taken[m.start : m.end]):
            continue
        kept.append(m)
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    return kept


def _appositive_titles(doc: Doc, start: int, end: int, draft: _Draft) -> None:
    """Titles given beside a name: "the Japanese prime minister, Fumio Kishida"."""
    after = doc.plain[end : end + 120]
    before = doc.plain[max(0, start - 100) : start]
    for match in (
        _APPOSITIVE_AFTER.match(after) if after.lstrip().startswith(",") else None,
        _APPOSITIVE_BEFORE.search(before) if before.rstrip().endswith(",") else None,  # the search is slow
    ):
        if match is None:
            continue
        mods = match.group("mods").lower().split()
        if any(w in STOPWORDS for w in mods):
            continue
        role = " ".join(match.group("role").lower().split())
        draft.titles.add(ROLE_SYNONYMS.get(role, role))
        if draft.country is None:
            draft.country = next((DEMONYMS[w] for w in mods if DEMONYMS.get(w)), None)


def _gender_evidence(doc: Doc, mentions: list[Mention], drafts: list[_Draft]) -> None:
    """His/her right after a lone person in a sentence tells that person's gender."""
    persons = sorted((m for m in mentions if m.kind == "person" and not m.in_quote), key=lambda m: m.start)
    if not persons:
        return
    for a, b in zip(persons, [*persons[1:], None], strict=True):
        sent = doc.sentences[doc.sentence_of(a.start)] if doc.sentences else (a.start, len(doc.text))
        stop = min(sent[1], b.start if b is not None else sent[1], a.end + 300)
        if a.person is None:
            continue
        window = doc.narration[a.end : stop].lower()
        d = drafts[a.person]
        d.male += len(_MALE_WORDS.findall(window))
        d.female += len(_FEMALE_WORDS.findall(window))
