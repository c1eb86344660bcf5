"""Stage 7, ``speech``: who said each quotation, and which quotations are not speech (scare quotes).

Attribution, in order of trust: the continuation of an unclosed quotation keeps its speaker;
right after the closing mark (“…,” Tillerson said / “…,” said X, a spokesman); a speech verb
before the quotation in the same sentence (X said: “…” / X told Y “…” / X called Y “…”); the
end of the sentence (“…” for some people, Tillerson said.); an earlier quotation of the same
paragraph; the previous paragraph's speaker for a paragraph that is only a quotation. A
subject is a name (surnames resolve to full names), "X and Y" (both named), a pronoun (the
latest fitting person in subject position), a role ("the pontiff"), an institution ("the
State Department" -> "State Department") or a description ("a senior official": no name, so
the speaker stays None rather than a guess). The layer (``doc.speech``) keeps the quotations
that are speech, outside boilerplate, each with its attribution.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from tourmap.extract.doc import Doc
from tourmap.extract.lexicon import (
    ANONYMOUS_HEADS,
    DEFINITE_DETERMINERS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    INVERTED_SPEECH_VERBS,
    LABEL_CUES,
    ORG_NOUNS,
    PARTICIPLES,
    PHRASE_BREAKERS,
    QUOTED_AS,
    ROLE_HEADS,
    ROLE_NOUNS,
    SPEECH_ADVERBS,
    SPEECH_VERBS,
    STOPWORDS,
    TIME_WORDS,
)
from tourmap.extract.people import Mention, People
from tourmap.extract.places import Places
from tourmap.extract.text import RawQuote, Token

__all__ = ["Attribution", "How", "Spoken", "attribute_quotes"]

How = Literal[
    "continued",
    "post",
    "pre",
    "end",
    "inside",
    "reported",
    "paragraph",
    "standalone",
    "sentence",
    "repeated",
    "colon",
    "none",
]
_STATED: frozenset[str] = frozenset({"continued", "post", "pre", "end", "inside"})
"""Attributions the text states for the quotation itself (the others are inferred from nearby ones)."""
_WEAK: frozenset[str] = frozenset({"paragraph", "standalone", "colon", "none"})

_WINDOW = 220
_SCARE_MAX_WORDS = 3
_LABEL_MAX_WORDS = 8  # a name, nickname or slogan after a naming cue is at most this long
_LABEL_MAX_CHARS = 120  # ... and never longer than this
_NAMING = re.compile(
    r"(?:\bknown(?:\s+\w+){0,3}\s+as|\bnickname(?:\s+\w+){0,2}|\bslogan|\bmotto|\bhashtag"
    r"|\bthe\s+words|\bemblazoned\s+with|\bbearing)$"
)
_APPOSITIVE_START = re.compile(r"^\s*(?:a|an|the|its|his|her|their|one|\d|[a-z])")
_SPOKESPERSON_FOR = re.compile(
    r"spokes(?:man|woman|person)\s+(?:for|of)\s+(?:the\s+)?(?P<org>[A-Z][\w’'. -]+)$"
)
_INSIDE_ATTRIBUTION = re.compile(r"[,.]\s+(?P<who>he|she|[A-Z][\w-]+)\s+(?:said|added|says)\.?\s*$")
_LOCATIVE_END = re.compile(r"\b(?:in|at)\s+$")
_LIST_LINK = re.compile(r",\s+and\s+$|\s+and\s+$|,\s+$")
_BOTH = re.compile(r"\b[Bb]oth\s+$")
_STOP_MARK = re.compile(r"[.!?]")
_ARTICLE_END = re.compile(r"\b(?:a|an|the)$")
_ACCORDING = re.compile(r"\baccording to\s+$")
_PHRASE_END = re.compile(r"[,.;:!?§\n]")
_NON_SPACE = re.compile(r"\S")
_OF_PLACE = re.compile(r"\s+(?:of|from)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}$")
_POSSESSIVE_START = re.compile(r"^\s*[A-Z][\w.-]*[’']s\s")
_MODIFIER_START = re.compile(
    r"^\s*(?:seen|obtained|published|issued|released|posted|sent|signed|written|cited|shared|compiled"
    r"|dated|circulated|made|given|read)\s+(?:by|to|on|in|at|last|this|earlier|out)\b"
)
_TRAILING_WORDS = 3  # “… .” X said on Tuesday. -- after a full stop, an attribution ends its sentence
_COLON_LEAD = re.compile(r"\s*(?P<who>[A-Z][^:§\n]{0,60}?)\s*:\s*$")
_ASIDE = 40  # characters: a parenthesis between a speaker and the verb ("(pictured)", "(left)")
_GO_ON = frozenset({"went", "goes", "go", "going"})
_SPOKESPERSON_OF = re.compile(r"\b(?:[Aa]n?\s+|[Tt]he\s+)?(spokes(?:man|woman|person))\s+(?:for|of|at)\s+$")
_HEAD_GENDER = {"spokeswoman": "f", "woman": "f", "mother": "f", "spokesman": "m", "man": "m", "father": "m"}
_NEUTRAL_HEADS = frozenset({"spokesperson", "official", "source", "diplomat", "aide", "person", "insider"})
_UNNAMED_HEAD = re.compile(
    r"(?i:spokes|woman|\bman\b|mother|father|official|source|diplomat|aide|person|insider)"
)
_OPENING_CONJUNCTIONS = frozenset({"but", "and", "yet", "meanwhile", "still"})
_SPOKESPERSONS = frozenset({"spokesman", "spokeswoman", "spokesperson"})
_ANY_ORG = frozenset({"group", "organisation", "organization", "body", "charity", "ngo"})
_DESCRIPTION_WORDS = 14  # a subject description is not longer ("A document compiled … for UN agencies")
_BACK_REFERENCE = 2_000  # characters: "the statement added" looks this far back for its author
_ORG_LOOKBACK = 60  # mentions: "the palace" looks this far back for the palace named


def _head(toks: Sequence[Token], first: int, last: int) -> int:
    """The head noun of the phrase ``toks[first..last]``: the word before the first preposition,
    relative word or participle ("a document compiled in …" -> document), else the last word."""
    for i in range(first + 1, last + 1):
        tok = toks[i]
        low = tok.lower
        if tok.cap:
            continue
        if low in PHRASE_BREAKERS or low in PARTICIPLES or (low.endswith("ed") and len(low) > 4):
            return i - 1
    return min(first, last) if first > last else last


@dataclass(frozen=True, slots=True)
class Subject:
    """The grammatical subject of a speech verb, as far as the rules can tell."""

    persons: tuple[int, ...] = ()
    label: str | None = None
    anonymous: bool = False
    start: int = 0
    head: str | None = None  # the noun of an unnamed subject ("spokeswoman" in "a spokeswoman for …")


@dataclass(frozen=True, slots=True)
class Attribution:
    """A quotation's speaker (None when unknown) and how it was found."""

    speaker: str | None
    persons: tuple[int, ...]
    how: How

    @property
    def found(self) -> bool:
        return self.how not in ("none",)


@dataclass(frozen=True, slots=True)
class Spoken:
    """A quotation that is speech, with its attribution."""

    quote: RawQuote
    attribution: Attribution


def attribute_quotes(doc: Doc) -> Doc:
    """The ``speech`` stage: the quotations that are speech, each with its speaker."""
    attributions = attribute(doc, doc.people, doc.places, doc.trip.traveller)
    spoken = tuple(
        Spoken(raw, attribution)
        for raw, attribution in zip(doc.quotes, attributions, strict=True)
        if doc.usable(raw.start) and not is_scare_quote(doc, raw, attribution)
    )
    return doc.annotated(speech=spoken)


def attribute(doc: Doc, people: People, places: Places, traveller: int | None = None) -> list[Attribution]:
    """One attribution per quotation of ``doc.quotes``, in order."""
    sp = _Subjects(doc, people, places, traveller)
    out: list[Attribution] = []
    quotes = doc.quotes
    for n, q in enumerate(quotes):
        next_open = quotes[n + 1].open_at if n + 1 < len(quotes) else len(doc.text)
        result: Attribution | None = None
        if q.continued and out and out[-1].found:
            prev = out[-1]
            result = Attribution(prev.speaker, prev.persons, "continued")
        else:
            result = _explicit(sp, q, next_open)
            if result is not None and q.continued:
                _carry_back(quotes, out, n, result)  # “… ¶ “…,” Ruiz said: the first part is Ruiz's too
        if result is None:
            result = _fallback(sp, quotes, out, n)
        if result.how in _STATED and result.speaker is not None and not result.persons:
            sp.last_label = (q.open_at, result.speaker)  # for "the statement added", "it said"
        out.append(result)
    _share_sentence(doc, quotes, out)
    _repeated(doc, quotes, out)
    return out


def _explicit(sp: _Subjects, q: RawQuote, next_open: int) -> Attribution | None:
    """The first attribution the text states: after the quote, before it, at the sentence end,
    inside an unclosed quotation. Tried in that order; a later one is not tried once one is found."""
    tries: tuple[tuple[How, Callable[[], Subject | None]], ...] = (
        ("post", lambda: _after_quote(sp, q, next_open)),
        ("pre", lambda: _before_quote(sp, q)),
        ("end", lambda: _closing_attribution(sp, q, next_open)),
        ("inside", lambda: _inside(sp, q) if q.close_at is None else None),
    )
    for how, find in tries:
        subject = find()
        if subject is not None:
            return Attribution(sp.speaker_name(subject), subject.persons, how)
    return None


def _carry_back(quotes: Sequence[RawQuote], out: list[Attribution], n: int, found: Attribution) -> None:
    """A quotation over several paragraphs attributed only in a later one: the earlier parts
    (never attributed themselves) take that speaker."""
    k = n - 1
    while k >= 0 and not out[k].found:
        out[k] = Attribution(found.speaker, found.persons, "continued")
        if not quotes[k].continued:
            break
        k -= 1


_NEAR_SENTENCES = 3  # an earlier quotation lends its speaker this many sentences on, no further


def _fallback(sp: _Subjects, quotes: Sequence[RawQuote], done: list[Attribution], n: int) -> Attribution:
    """A quotation the text does not attribute: the reported speech just before it (“X told
    reporters that … ‘There is no blank check.’”), an earlier quotation of the paragraph, or for
    a paragraph that is only a quotation, the previous paragraph's speaker."""
    doc = sp.doc
    q = quotes[n]
    s = doc.sentence_of(q.open_at)
    lead = _COLON_LEAD.match(doc.narration, doc.sentences[s][0], q.open_at)
    if lead is not None:  # a headline's "Modi: ‘India is ready’"
        subject = sp.named_at(lead.end("who"))
        if subject is not None:
            return Attribution(sp.speaker_name(subject), subject.persons, "colon")
    opens_sentence = doc.sentences[s][0] >= q.open_at
    if opens_sentence and s > 0 and doc.sentence_para[s - 1] == q.para:
        subject = sp.reported(s - 1)
        if subject is not None:
            return Attribution(sp.speaker_name(subject), subject.persons, "reported")
    for k in range(n - 1, -1, -1):
        if quotes[k].para != q.para or doc.sentence_of(quotes[k].open_at) < s - _NEAR_SENTENCES:
            break
        if done[k].found:
            return Attribution(done[k].speaker, done[k].persons, "paragraph")
    para = doc.paragraphs[q.para]
    if q.open_at == para.start and q.para > 0:
        if s > 0 and doc.sentence_para[s - 1] == q.para - 1:
            subject = sp.reported(s - 1)
            if subject is not None:
                return Attribution(sp.speaker_name(subject), subject.persons, "standalone")
        prev_quotes = [k for k in range(n) if quotes[k].para == q.para - 1]
        if prev_quotes and done[prev_quotes[-1]].found:
            last = done[prev_quotes[-1]]
            return Attribution(last.speaker, last.persons, "standalone")
    return Attribution(None, (), "none")


_SHARE_GAP = 80  # characters between two quotations of one sentence that share a speaker


def _share_sentence(doc: Doc, quotes: Sequence[RawQuote], out: list[Attribution]) -> None:
    """Mandela “is a personal hero” and “a hero for the world,” Obama said: a quotation with no
    attribution takes the one of the next quotation in its sentence."""
    for n in range(len(quotes) - 2, -1, -1):
        q, nxt = quotes[n], quotes[n + 1]
        if out[n].how != "none" or not (out[n + 1].how in _STATED or out[n + 1].how == "sentence"):
            continue
        if nxt.open_at - q.outer_end > _SHARE_GAP:
            continue
        if doc.sentence_of(q.open_at) != doc.sentence_of(nxt.open_at):
            continue
        out[n] = Attribution(out[n + 1].speaker, out[n + 1].persons, "sentence")


_NOT_WORD = str.maketrans(dict.fromkeys(".,;:!?\"“”‘’'()[]{}—–-…/", " "))


def _words_of(text: str) -> str:
    """The words of a quotation, lower-case and single-spaced, punctuation dropped."""
    return " ".join(text.lower().translate(_NOT_WORD).split())


_SHINGLE = 4  # words: a part of a quotation this long repeats it


def _repeated(doc: Doc, quotes: Sequence[RawQuote], out: list[Attribution]) -> None:
    """A quotation repeated in a headline, a summary line or a photo caption has the speaker the
    text gives it elsewhere: its words are those of an attributed quotation, or a run of at least
    four of them."""
    weak = [n for n, a in enumerate(out) if a.how in _WEAK]
    if not weak:
        return
    stated = [n for n, a in enumerate(out) if a.how in _STATED and a.speaker is not None]
    if not stated:
        return
    texts = [" " + _words_of(doc.text[quotes[n].start : quotes[n].end]) + " " for n in stated]
    joined = "\x00" + "\x00".join(texts) + "\x00"
    offsets: list[int] = []
    pos = 1
    for text in texts:
        offsets.append(pos)
        pos += len(text) + 1
    for n in weak:
        words = _words_of(doc.text[quotes[n].start : quotes[n].end])
        if not words:
            continue
        text = " " + words + " "
        short = words.count(" ") + 1 < _SHINGLE
        at = joined.find("\x00" + text + "\x00") if short else joined.find(text)
        if at < 0:
            continue
        source = stated[bisect_right(offsets, at + short) - 1]
        if source != n:
            out[n] = Attribution(out[source].speaker, out[source].persons, "repeated")


# --------------------------------------------------------------------------- strategies, most trusted first


def _after_quote(sp: _Subjects, q: RawQuote, next_open: int) -> Subject | None:
    """Right after the closing mark: “…,” X said / “…,” said X."""
    doc = sp.doc
    after = q.outer_end
    limit = min(next_open, doc.paragraphs[q.para].end, after + _WINDOW)
    ids = [i for i in doc.tokens_between(after, limit) if not doc.tokens[i].in_quote]
    if not ids:
        return None
    first = doc.tokens[ids[0]]
    lead = doc.narration[after : first.start]
    if lead.strip(" \t\n,;:—–-"):
        return None
    ends_sentence = doc.text[q.end - 1] == "." and first.cap and q.close_at is not None
    if first.lower in INVERTED_SPEECH_VERBS or first.lower == "according":
        nxt = ids[1] if len(ids) > 1 else None
        if first.lower == "according" and nxt is not None and doc.tokens[nxt].lower == "to":
            nxt = ids[2] if len(ids) > 2 else None
        return sp.inverted_subject(nxt, limit) if nxt is not None else None
    for n, i in enumerate(ids[:14]):
        tok = doc.tokens[i]
        if _STOP_MARK.search(doc.narration, doc.tokens[ids[n - 1]].end if n else after, tok.start):
            return None
        if tok.lower in SPEECH_VERBS and not tok.cap:
            if ends_sentence and len(ids) > n + _TRAILING_WORDS:
                after_verb = doc.tokens[ids[n + _TRAILING_WORDS]]
                if not _STOP_MARK.search(doc.narration, tok.end, after_verb.start):
                    return None  # “… useful and frank.” Lindqvist said she hoped …: a new sentence
            parsed = sp.subject_before(i, after)
            if isinstance(parsed, Subject) and not doc.narration[after : parsed.start].strip(" \t\n,;:—–-"):
                return parsed
            return None
    return None


def _before_quote(sp: _Subjects, q: RawQuote) -> Subject | None:
    """A speech verb earlier in the quotation's sentence: X said: “…” / X told Y “…”."""
    doc = sp.doc
    s_start, _ = doc.sentences[doc.sentence_of(q.open_at)]
    floor = max(s_start, q.open_at - 600)
    ids = [i for i in doc.tokens_between(floor, q.open_at) if not doc.tokens[i].in_quote]
    if _ACCORDING.search(doc.narration[floor : q.open_at]):
        return None
    for i in reversed(ids):
        tok = doc.tokens[i]
        if tok.lower == "on" and i > 0 and doc.tokens[i - 1].lower in _GO_ON:
            i -= 1  # "The Tory leader went on: “…”"
            tok = doc.tokens[i]
        elif tok.lower not in SPEECH_VERBS or tok.cap:
            continue
        parsed = sp.subject_before(i, floor)
        if isinstance(parsed, Subject):
            return parsed
        if parsed == _COORD or tok.lower.endswith("ing"):
            found = sp.sentence_subject(tok.start)
            if found is not None:
                return found
    return None


def _closing_attribution(sp: _Subjects, q: RawQuote, next_open: int) -> Subject | None:
    """“painful” for some people, Tillerson said. -- an attribution closing the sentence."""
    doc = sp.doc
    after = q.outer_end
    _, s_end = doc.sentences[doc.sentence_of(after)]
    limit = min(next_open, s_end, after + _WINDOW)
    ids = [i for i in doc.tokens_between(after, limit) if not doc.tokens[i].in_quote]
    for back, i in enumerate(reversed(ids)):
        if back > 6:
            break
        if doc.tokens[i].lower in SPEECH_VERBS and not doc.tokens[i].cap:
            parsed = sp.subject_before(i, after)
            if (
                isinstance(parsed, Subject)
                and parsed.start > after
                and "," in doc.narration[after : parsed.start]
                and doc.narration[max(after, parsed.start - 2) : parsed.start].strip() in (",", "")
            ):
                return parsed
            return None
    return None


def _inside(sp: _Subjects, q: RawQuote) -> Subject | None:
    """An unclosed quotation that ends "…, he said." lost its closing mark."""
    m = _INSIDE_ATTRIBUTION.search(sp.doc.text[q.start : q.end])
    if m is None:
        return None
    who = m.group("who")
    if who.lower() in ("he", "she"):
        key = sp.people.resolve_pronoun(q.open_at, who)
        return Subject((key,)) if key is not None else None
    found = sp.by_end.get(q.start + m.end("who"))
    return sp.mention_subject(found) if found is not None else None


# --------------------------------------------------------------------------- subjects

_COORD: Final = "coord"  # the verb's subject is the sentence's ("…, saying", "and said")
_NONE: Final = "none"  # no subject
Parse = Subject | Literal["coord", "none"]


class _Subjects:
    """Who a mention, or the subject of a speech verb, names: the parsing every strategy shares
    (built once per article, with the mentions indexed by where they end)."""

    def __init__(self, doc: Doc, people: People, places: Places, traveller: int | None) -> None:
        self.doc = doc
        self.people = people
        self.traveller = traveller
        self.by_end: dict[int, Mention] = {}
        for m in people.mentions:
            if not m.in_quote:
                prev = self.by_end.get(m.end)
                if prev is None or prev.start > m.start:
                    self.by_end[m.end] = m
        self.place_end = {p.end: p for p in places.mentions if not p.in_quote}
        self.last_label: tuple[int, str] | None = None  # the latest speaker that is no person
        self.places = places
        self._looking_back = False

    def mention_subject(self, m: Mention) -> Subject:
        if m.kind == "pronoun":
            if m.label in ("they", "them"):
                return Subject(anonymous=True, start=m.start)
            if m.label == "one" and self.traveller is not None:
                return Subject((self.traveller,), start=m.start)  # "the 80-year-old": the story's subject
            unnamed = self._unnamed_before(m)
            if unnamed is not None:
                return unnamed
            key = self.people.resolve_pronoun(m.start, m.label)
            return (
                Subject((key,), start=m.start) if key is not None else Subject(anonymous=True, start=m.start)
            )
        if m.kind == "institution":
            return Subject(label=m.label, start=m.start)
        if m.person is None:
            return Subject(anonymous=True, start=m.start)
        persons = [m.person]
        start = m.start
        links: list[str] = []
        while True:  # "Videgaray and Freeland", "Modi, Scholz and Macron"
            before = self.doc.narration[max(0, start - 8) : start]
            link = _LIST_LINK.search(before)
            if not link:
                break
            prev = self.by_end.get(start - len(link.group(0)))
            if prev is None or prev.kind != "person" or prev.person is None or prev.person in persons:
                break
            persons.insert(0, prev.person)
            links.insert(0, link.group(0))
            start = prev.start
        while links and "and" not in links[-1]:  # "Standing beside Netanyahu, Sunak said": no list
            links.pop(0)
            persons.pop(0)
        if len(persons) > 1:
            start = self._chain_start(start, len(persons))
        return Subject(tuple(persons), start=start if len(persons) > 1 else m.start)

    def _unnamed_before(self, m: Mention) -> Subject | None:
        """ "A spokeswoman for the presidency said …. “It is a first,” she said": the pronoun is the
        unnamed speaker of the sentence before (same paragraph, no one named since, gender fits)."""
        doc = self.doc
        s = doc.sentence_of(m.start)
        if s == 0 or self._looking_back or doc.sentence_para[s - 1] != doc.sentence_para[s]:
            return None
        p_start, p_end = doc.sentences[s - 1]
        if not _UNNAMED_HEAD.search(doc.narration, p_start, p_end):
            return None  # the cheap test first: no unnamed speaker's noun in that sentence
        self._looking_back = True
        try:
            before = self.reported(s - 1)
        finally:
            self._looking_back = False
        if before is None or before.persons or before.head is None:
            return None
        if any(x.kind == "person" and not x.in_quote for x in self.people.mentions_in(before.start, m.start)):
            return None
        gender = _HEAD_GENDER.get(before.head)
        if gender == ("f" if m.label == "she" else "m") or (gender is None and before.head in _NEUTRAL_HEADS):
            return Subject(label=before.label, anonymous=before.anonymous, start=m.start)
        return None

    def _chain_start(self, start: int, n: int) -> int:
        """Start of a joint subject ("Both Modi and Scholz")."""
        head = self.doc.narration[max(0, start - 6) : start]
        found = _BOTH.search(head)
        return start - len(found.group(0)) if found else start

    def sentence_subject(self, pos: int) -> Subject | None:
        """The first subject-like mention of the sentence holding ``pos`` (for "and said"), or
        the place that opens it, standing for its government ("But Beijing … has reacted
        angrily, accusing …")."""
        s_start, _ = self.doc.sentences[self.doc.sentence_of(pos)]
        for m in self.people.mentions_in(s_start, pos):
            if m.in_quote or not m.subject:
                continue
            place = self._opening_place(s_start, m.start)
            return place if place is not None else self.mention_subject(m)
        return self._opening_place(s_start, pos)

    def _opening_place(self, s_start: int, pos: int) -> Subject | None:
        for pm in self.places.mentions_in(s_start, pos):
            if pm.in_quote:
                continue
            lead = self.doc.narration[s_start : pm.start].split()
            follows = _NON_SPACE.search(self.doc.narration, pm.end, pos)
            if (
                all(w.lower() in _OPENING_CONJUNCTIONS for w in lead)
                and not pm.surface.isupper()  # a dateline, "BEIJING (Reuters) —"
                and follows is not None
                and (follows.group() == "," or follows.group().islower())
            ):
                return Subject(label=pm.surface, start=pm.start)
            break
        return None

    def named_at(self, end: int) -> Subject | None:
        """The person, institution or place whose name ends at ``end``, if any."""
        m = self.by_end.get(end)
        if m is not None:
            return self.mention_subject(m)
        place = self.place_end.get(end)
        return Subject(label=place.surface, start=place.start) if place is not None else None

    def reported(self, s: int) -> Subject | None:
        """The speaker of the first speech verb of sentence ``s`` outside quotations, if any."""
        s_start, s_end = self.doc.sentences[s]
        toks = self.doc.tokens
        for i in self.doc.tokens_between(s_start, s_end):
            tok = toks[i]
            if tok.in_quote or tok.cap or tok.lower not in SPEECH_VERBS:
                continue
            parsed = self.subject_before(i, s_start)
            if isinstance(parsed, Subject):
                return parsed
            if parsed == _COORD:
                return self.sentence_subject(tok.start)
        return None

    def subject_before(self, vi: int, floor: int) -> Parse:
        """Parse the subject of the speech verb at token ``vi`` backwards, not before ``floor``."""
        toks = self.doc.tokens
        narr = self.doc.narration
        j = vi - 1
        while j >= 0 and toks[j].start >= floor and not toks[j].in_quote and _skippable(toks[j].lower):
            if "," in narr[toks[j].end : toks[j + 1].start]:
                break  # "toured Baton Rouge on Tuesday, calling …": not across the comma
            j -= 1
        if j < 0 or toks[j].start < floor or toks[j].in_quote:
            return _NONE
        if narr[toks[j].end : toks[j + 1].start].lstrip().startswith(")"):
            paren = narr.rfind("(", max(floor, toks[j].start - _ASIDE), toks[j].start)
            if paren > floor:  # "Kamala Harris (pictured) told": the aside is no subject
                j = self.doc.token_at(paren - 1)
                if j < 0 or toks[j].start < floor or toks[j].in_quote:
                    return _NONE
        verb_start = toks[vi].start
        if (
            toks[j].lower == "as"
            and j > 0
            and toks[j - 1].lower in QUOTED_AS
            and toks[vi].lower.endswith("ing")
            and not narr[toks[j - 1].end : toks[j].start].strip()
        ):
            return self.subject_before(j - 1, floor)  # "X was quoted as saying"
        gap = narr[toks[j].end : toks[j + 1].start if j + 1 <= vi else verb_start]
        if toks[vi].lower.endswith("ing") and j == vi - 1:
            if "," in gap:
                return _COORD  # "…, saying …": the sentence's subject speaks
            if toks[j].lower in DOCUMENT_NOUNS:
                return _COORD  # "X confirmed it in a tweet saying …": the tweet is X's
        if "," in gap or "§" in gap:
            return self._after_comma(j, floor)
        return self._noun_phrase(j, floor)

    def _noun_phrase(self, j: int, floor: int) -> Parse:
        """Who the noun phrase ending at token ``j`` names: a mention, a place standing for its
        government, the antecedent of "who", or a description."""
        toks = self.doc.tokens
        narr = self.doc.narration
        m = self.by_end.get(toks[j].end)
        if m is not None and m.start >= floor:
            spokes = _SPOKESPERSON_OF.search(narr, max(floor, m.start - 40), m.start)
            if m.kind == "institution" and spokes is not None:  # "a spokeswoman for the presidency"
                return Subject(label=m.label, start=spokes.start(), head=spokes.group(1).lower())
            return self.mention_subject(m)
        place = self.place_end.get(toks[j].end)
        if place is not None and place.start >= floor:
            located = _LOCATIVE_END.search(narr, max(floor, place.start - 4), place.start)
            if located is not None:  # "the Russian embassy in Pretoria said"
                owner = self.by_end.get(_prev_end(narr, located.start()))
                if owner is not None and owner.start >= floor:
                    return self.mention_subject(owner)
            return Subject(label=place.surface, start=place.start)
        low = toks[j].lower
        if low in ("who", "which"):
            ante = self._antecedent(_prev_end(narr, toks[j].start))
            if ante is not None and ante.start >= floor:
                return self.mention_subject(ante)
            return Subject(anonymous=True, start=toks[j].start)
        if low in ("and", "but", "or"):
            return _COORD
        return self._description(j, floor)

    def _antecedent(self, end: int) -> Mention | None:
        """The mention ending at ``end``, or before an "of Texas" after it."""
        found = self.by_end.get(end)
        if found is None:
            tail = _OF_PLACE.search(self.doc.narration, max(0, end - 60), end)
            if tail is not None:
                found = self.by_end.get(tail.start())
        return found

    def _after_comma(self, j: int, floor: int) -> Parse:
        """An appositive subject: "X, a spokesman for Y, said" / "one of them, student Jane Doe,
        told" / "X, Y's chief of staff, told" / "A document …, seen by Reuters, said"."""
        narr = self.doc.narration
        toks = self.doc.tokens
        m = self.by_end.get(toks[j].end)
        seg_end = toks[j].end
        comma = narr.rfind(",", floor, seg_end)
        seg_start = max(floor, comma + 1) if comma >= 0 else floor
        segment = narr[seg_start:seg_end]
        if m is not None and m.start >= seg_start and not _APPOSITIVE_START.match(segment):
            return self.mention_subject(m)
        if "§" in segment:
            return _NONE
        if seg_start > floor and (_POSSESSIVE_START.match(segment) or _MODIFIER_START.match(segment)):
            before = self.doc.token_at(seg_start - 2)  # the word before the comma
            if before >= 0 and toks[before].start >= floor and not toks[before].in_quote:
                found = self._noun_phrase(before, floor)
                if found != _NONE:
                    return found
        if _APPOSITIVE_START.match(segment) and seg_start > floor:
            ante = self._antecedent(_prev_end(narr, seg_start - 1))
            if ante is not None and ante.start >= floor:
                return self.mention_subject(ante)
        inside = [
            x for x in self.people.mentions_in(seg_start, seg_end) if x.kind == "person" and not x.in_quote
        ]
        if inside:
            return self.mention_subject(inside[-1])
        org = _SPOKESPERSON_FOR.search(segment.strip())
        if org:
            return Subject(label=org.group("org").strip(), start=seg_start)
        if m is not None and m.start >= floor:
            return self.mention_subject(m)
        if seg_start == floor:
            return self._description(j, floor)
        if _APPOSITIVE_START.match(segment) or segment.strip()[:1].isupper():
            return Subject(anonymous=True, start=seg_start)
        return _NONE

    def _description(self, j: int, floor: int) -> Parse:
        """A descriptive subject ending at token ``j``: an unnamed source ("a senior official",
        "Critics": no name), a document ("the statement", "it": the latest institution quoted;
        "a UN report"), an organisation ("the group", "the palace": the one named before), a
        spokesman already named ("Vatican spokesman says"), or no subject at all ("to say")."""
        narr = self.doc.narration
        toks = self.doc.tokens
        k = j
        while k >= 0 and toks[k].start >= floor and not toks[k].in_quote and j - k < _DESCRIPTION_WORDS:
            between = narr[toks[k].end : toks[k + 1].start] if k < j else ""
            if any(c in between for c in ",;:§—"):
                break
            k -= 1
        first = k + 1
        start = toks[first].start
        before = narr[max(floor, start - 3) : start]
        at_boundary = (
            not narr[floor:start].strip(" \t\n,;:—–-§")
            or any(c in before for c in ",;:§—(")
            or (k >= 0 and toks[k].lower in ("that", "and", "but", "as", "while", "when", "because"))
        )
        if not at_boundary:
            return _NONE
        det = toks[first].lower if toks[first].lower in DETERMINERS else None
        head_at = _head(toks, first + (det is not None), j)
        head = toks[head_at].lower
        if head == "it" and head_at == first == j:
            return self._latest_label(start)
        if head in DOCUMENT_NOUNS:
            if det in DEFINITE_DETERMINERS:
                return self._latest_label(start)  # "the statement added"
            named = first + (det is not None)
            while named < head_at and toks[named].lower.endswith("ed") and not toks[named].cap:
                named += 1  # "a leaked police memo" -> "police memo"
            return Subject(label=self._phrase(named, head_at), start=start)
        if head in ORG_NOUNS:
            if det in DEFINITE_DETERMINERS or det is None:
                return self._organisation(toks, first + (det is not None), head_at, start)
            return Subject(anonymous=True, start=start)
        if (head in _SPOKESPERSONS or head in ROLE_HEADS) and det in (None, "the") and head_at == j:
            key = self.people.resolve_role(head, None, start)
            if key is not None and (det == "the" or head_at > first or not toks[first].cap):
                return Subject((key,), start=start)  # "Vatican spokesman says", "premier says"
        if head in ANONYMOUS_HEADS or (j == first and toks[j].cap):
            return Subject(anonymous=True, start=start, head=head)  # "a senior official", "Critics"
        return _NONE

    def _phrase(self, first: int, last: int) -> str:
        """The words of a descriptive speaker from its first name-like word ("the state-run Nhan
        Dan newspaper" -> "Nhan Dan newspaper"), or all of them when none is capitalised."""
        toks = self.doc.tokens
        named = next((i for i in range(first, last + 1) if toks[i].cap), first)
        return " ".join(self.doc.narration[toks[named].start : toks[last].end].split())

    def _latest_label(self, pos: int) -> Subject:
        """ "the statement added", "it said": the institution or document quoted just before, or
        the one the sentence before reports ("A document … said it was not clear. “…,” it added")."""
        s = self.doc.sentence_of(pos)
        if s > 0 and not self._looking_back:
            self._looking_back = True  # "It said …. It added …": one sentence back, no further
            try:
                before = self.reported(s - 1)
            finally:
                self._looking_back = False
            if before is not None and before.label is not None:
                return Subject(label=before.label, start=pos)
        if self.last_label is not None and pos - self.last_label[0] < _BACK_REFERENCE:
            return Subject(label=self.last_label[1], start=pos)
        return Subject(anonymous=True, start=pos)

    def _organisation(self, toks: Sequence[Token], first: int, head_at: int, start: int) -> Subject:
        """ "the palace", "the group", "the Navy": the institution of that kind named last, else
        the phrase itself (capitalised words kept: "Navy", "Biden campaign")."""
        head = toks[head_at].lower
        i = self.people.mention_before(start)
        stop = max(-1, i - _ORG_LOOKBACK)
        while i > stop:
            m = self.people.mentions[i]
            i -= 1
            if m.kind != "institution" or m.in_quote:
                continue
            last = m.label.split()[-1].lower() if m.label.split() else ""
            if last == head or (head in _ANY_ORG and head_at == first):
                return Subject(label=m.label, start=start)
        phrase = self._phrase(first, head_at)
        if not any(w[:1].isupper() for w in phrase.split()):
            phrase = "the " + phrase
        return Subject(label=phrase, start=start)

    def inverted_subject(self, i: int, limit: int) -> Subject | None:
        """The subject after an inverted verb, from token ``i``: “…,” said X / said X, a
        spokesman / said the first lady's chief of staff, Tina Tchen / said a senior official."""
        doc = self.doc
        toks = doc.tokens
        narr = doc.narration
        pos = toks[i].start
        found = self.mention_starting(pos)
        if found is not None and found.kind == "person":
            return self.mention_subject(found)
        stop = _PHRASE_END.search(narr, pos, limit)
        end = stop.start() if stop is not None else limit
        ids = doc.tokens_between(pos, end)
        if not ids:
            return self.mention_subject(found) if found is not None else None
        head = _head(toks, i + (toks[i].lower in DETERMINERS), ids[-1])
        j = head  # "says premier in Kyiv": the phrase ends at its head
        if stop is not None and stop.group() == ",":
            after = _NON_SPACE.search(narr, stop.end(), limit)
            name = self.mention_starting(after.start()) if after is not None else None
            if (
                toks[head].lower in ROLE_NOUNS
                and name is not None
                and name.kind == "person"
                and narr[name.end : name.end + 1] in (",", ".", ";", "")
            ):
                return self.mention_subject(name)  # "said the first lady's chief of staff, Tina Tchen"
        if found is not None:
            return self.mention_subject(found)
        parsed = self._noun_phrase(j, pos)
        return parsed if isinstance(parsed, Subject) else None

    def mention_starting(self, pos: int) -> Mention | None:
        i = self.people.mention_before(pos + 1)
        while i >= 0:
            m = self.people.mentions[i]
            if m.start <= pos < m.end or m.start == pos:
                return m if not m.in_quote else None
            if m.end <= pos:
                return None
            i -= 1
        return None

    def speaker_name(self, subject: Subject) -> str | None:
        if subject.anonymous:
            return None
        if subject.label is not None:
            return subject.label
        names = [self.people.person(k).name for k in subject.persons]
        if not names:
            return None
        if len(names) == 1:
            return names[0]
        return ", ".join(names[:-1]) + " and " + names[-1]


def _skippable(low: str) -> bool:
    """Words between a speaker and the speech verb: "Tillerson later said", "Sunak today told"."""
    return low in SPEECH_ADVERBS or low in TIME_WORDS


def _prev_end(text: str, pos: int) -> int:
    """End offset of the word before ``pos`` (skipping spaces and one comma)."""
    k = pos
    while k > 0 and text[k - 1] in " \t\n,":
        k -= 1
    return k


# --------------------------------------------------------------------------- scare quotes


def is_scare_quote(doc: Doc, q: RawQuote, attribution: Attribution) -> bool:
    """A short quoted label, not speech: “Dreamers”, the so-called “deal of the century”.

    A fragment of up to three words with no sentence punctuation is left out when a labelling
    cue comes right before it (so-called, dubbed, known as ...), when its words are all
    capitalised (a name: “Dreamers”, “Francafrique”) and no attribution follows it directly,
    or when nothing in its sentence attributes it to anyone (“strategic ambiguity”).
    """
    if q.continued or q.end - q.start > _LABEL_MAX_CHARS:
        return False
    raw = doc.text[q.open_at + 1 : q.close_at if q.close_at is not None else q.end].strip()
    text = doc.text[q.start : q.end]
    words = text.split()
    if raw.endswith((".", "!", "?", "…")):
        return False
    if doc.paragraphs[q.para].start == q.open_at and q.outer_end >= doc.paragraphs[q.para].end - 1:
        return False  # a whole paragraph is a quotation, however short
    before = doc.narration[max(0, q.open_at - 40) : q.open_at].lower().rstrip()
    before = _ARTICLE_END.sub("", before).rstrip()
    if len(words) <= _LABEL_MAX_WORDS and (before.endswith(LABEL_CUES) or _NAMING.search(before)):
        return True  # "his nickname has been ‘Amtrak Joe,’", "the campaign slogan “Make … Again”"
    if len(words) > _SCARE_MAX_WORDS or raw.endswith(","):
        return False
    content = [w for w in words if w.lower() not in STOPWORDS]
    if content and all(w[:1].isupper() for w in content) and attribution.how not in ("post",):
        return True
    return not attribution.found
