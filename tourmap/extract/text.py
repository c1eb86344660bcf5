"""Stage 1, ``text``: paragraphs, quotations, sentences, word tokens and capitalised runs.

``make_doc`` builds the ``Doc`` that every later stage annotates; its fields are this layer.

Everything here works on offsets into the original article (never on a normalised copy), so
a quote's ``span`` indexes the text the user gave. Two derived strings of the same length help
the later rules: ``plain`` (the quote marks that delimit quotations blanked out) and ``narration``
(quotations blanked out entirely), so patterns over narration never read a speaker's words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import itemgetter, not_
from typing import TYPE_CHECKING, NamedTuple

from tourmap.extract.doc import Doc
from tourmap.extract.lexicon import ABBREVIATIONS, CONNECTORS, STOPWORDS

if TYPE_CHECKING:
    from tourmap.gazetteer import Gazetteer

__all__ = ["Paragraph", "RawQuote", "Run", "Token", "make_doc"]

# --------------------------------------------------------------------------- paragraphs

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
_BOILERPLATE = re.compile(
    r"^(?:\(?(?:Additional\s+)?[Rr]eporting by\b|\(?Editing by\b|\(?Writing by\b|Share\s+(?:This|this)\b"
    r"|Follow\s+(?:us|@)|Read more\b|Related:|Copyright\b|©)"
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph's [start, end) offsets (whitespace trimmed) and whether it is boilerplate."""

    start: int
    end: int
    boilerplate: bool = False


def split_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Blank lines separate paragraphs when the text uses them; otherwise every line is one.

    Wire copy pasted from a web page often has one paragraph per line, while hand-wrapped text
    separates paragraphs with blank lines and wraps lines inside them.
    """
    blocks: list[tuple[int, int]] = []
    if len(_BLANK_LINE.findall(text)) >= 2:
        pos = 0
        for sep in _BLANK_LINE.finditer(text):
            blocks.append((pos, sep.start()))
            pos = sep.end()
        blocks.append((pos, len(text)))
    else:
        blocks = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    out: list[Paragraph] = []
    for start, end in blocks:
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        s = start + (len(chunk) - len(chunk.lstrip()))
        e = s + len(stripped)
        out.append(Paragraph(s, e, bool(_BOILERPLATE.match(stripped))))
    return tuple(out)


# --------------------------------------------------------------------------- quotations

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = {"“": "”", "„": "“”", "«": "»"}
_SINGLE_OPEN = "‘'"
_ANY_MARK = re.compile("[“„«\"‘']")
_BEFORE_OPEN = set(' \t\n([{—–-/:;,"“')
# Apostrophes that look like opening single quotes: ’90s, 'em, rock 'n' roll, 'tis, 'cause.
_SINGLE_MAX = 3000  # characters: a single-quoted quotation longer than this never closed
_ELISION = re.compile(r"['‘’](?:\d\ds|em\b|n['’]|tis\b|twas\b|til\b|cause\b|bout\b)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RawQuote:
    """One quotation: ``start``/``end`` delimit its text (marks, edge spaces and a final comma out).

    ``open_at`` is the opening mark, ``close_at`` the closing one (None when never closed) and
    ``continued`` tells that it continues the previous paragraph's unclosed quotation.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    para: int
    continued: bool = False

    @property
    def outer_end(self) -> int:
        """Offset just after the closing mark (or the text when unclosed)."""
        return self.close_at + 1 if self.close_at is not None else self.end


def _is_alnum(ch: str) -> bool:
    return ch.isalnum()


def _single_opens(p: str, i: int) -> bool:
    """A ‘ or ' opens a quotation only at a word start and before a letter (not ’90s, 'em)."""
    if i > 0 and p[i - 1] not in _BEFORE_OPEN:
        return False
    if i + 1 >= len(p) or not (p[i + 1].isalpha() or p[i + 1] in "…."):
        return False
    return not _ELISION.match(p, i)


_SINGLE_MARKS = {"‘": re.compile("[‘’]"), "'": re.compile("['’]")}
"""For a quotation opened by the key: the marks that may close it or open another."""


def _single_close(p: str, i: int, mark: str) -> int | None:
    """Offset of the mark closing a single quotation opened before ``i``; None if none.

    An apostrophe inside a word (don’t, Kenya’s) never closes. A mark after an ``s`` and before
    a lower-case word ("the leaders’ summit") is a weak candidate, used only when nothing
    better closes the quotation -- unless a mark that opens a new quotation comes first
    (calling them 'bad apples' or people who 'choked': the weak mark closed the first).
    """
    weak: int | None = None
    n = min(len(p), i + _SINGLE_MAX)
    for found in _SINGLE_MARKS[mark].finditer(p, i, n):
        k = found.start()
        ch = p[k]
        if p[k - 1].isspace():
            if weak is not None and ch == mark and _single_opens(p, k):
                return weak
            continue
        if ch == "‘":
            continue  # only ever a candidate opening
        nxt = p[k + 1] if k + 1 < n else ""
        if nxt and _is_alnum(nxt):
            continue
        if p[k - 1] in "sS" and nxt == " " and k + 2 < n and p[k + 2].islower():
            if weak is None:
                weak = k
            continue
        return k
    return weak


def _quote_text_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace and one trailing comma (“…,” he said) from a quotation's inner span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] == ",":
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _scan_paragraph(text: str, para: Paragraph, index: int) -> list[tuple[int, int | None, str]]:
    """(open offset, close offset or None, family) for the top-level quotations of a paragraph."""
    p = text[para.start : para.end]
    base = para.start
    found: list[tuple[int, int | None, str]] = []
    n = len(p)
    mark = _ANY_MARK.search(p)
    while mark is not None:
        i = mark.start()
        mark = _ANY_MARK.search(p, i + 1)
        ch = p[i]
        close: int | None
        if ch in _DOUBLE_OPEN:
            closers = _DOUBLE_CLOSE[ch]
            j = min((k for k in (p.find(c, i + 1) for c in closers) if k >= 0), default=-1)
            reopen = p.find(ch, i + 1, j if j >= 0 else n)
            if ch == "“" and reopen >= 0 and (j < 0 or reopen < j):
                # a new quotation opens before this one closes: it was never closed
                found.append((base + i, None, "double"))
                mark = _ANY_MARK.search(p, reopen)
                continue
            close = j if j >= 0 else None
            found.append((base + i, None if close is None else base + close, "double"))
            if close is None:
                break
            mark = _ANY_MARK.search(p, close + 1)
            continue
        if ch == '"':
            if (i == 0 or not _is_alnum(p[i - 1])) and i + 1 < n and not p[i + 1].isspace():
                j = p.find('"', i + 1)
                found.append((base + i, None if j < 0 else base + j, "straight"))
                if j < 0:
                    break
                mark = _ANY_MARK.search(p, j + 1)
                continue
        elif ch in _SINGLE_OPEN and _single_opens(p, i):
            k = _single_close(p, i + 1, ch)
            if k is not None:
                found.append((base + i, base + k, "single"))
                mark = _ANY_MARK.search(p, k + 1)
                continue
            # Unclosed single quotation: only a plausible one (a capital after it) counts.
            if i + 1 < n and (p[i + 1].isupper() or i == 0):
                found.append((base + i, None, "single"))
                break
    del index
    return found


_FAMILY_OPENERS = {"double": "“„«", "straight": '"', "single": "‘'"}


def find_quotes(text: str, paragraphs: tuple[Paragraph, ...]) -> tuple[RawQuote, ...]:
    """Every top-level quotation in article order, unclosed ones running to their paragraph's end.

    A paragraph that opens with a quote mark while the previous paragraph's quotation never
    closed continues it (the newspaper convention for multi-paragraph quotations).
    """
    quotes: list[RawQuote] = []
    pending_family: str | None = None
    for index, para in enumerate(paragraphs):
        if para.boilerplate:
            pending_family = None
            continue
        marks = _scan_paragraph(text, para, index)
        first_char = text[para.start]
        continues = pending_family is not None and first_char in _FAMILY_OPENERS[pending_family]
        pending_family = None
        for n, (open_at, close_at, family) in enumerate(marks):
            if close_at is not None:
                inner_end = close_at
            else:
                later = [m[0] for m in marks[n + 1 :]]
                inner_end = later[0] if later else para.end
            start, end = _quote_text_bounds(text, open_at + 1, inner_end)
            if end <= start or not any(c.isalpha() for c in text[start:end]):
                continue
            quotes.append(
                RawQuote(
                    start,
                    end,
                    open_at,
                    close_at,
                    index,
                    continued=continues and n == 0 and open_at == para.start,
                )
            )
            if close_at is None and n == len(marks) - 1:
                pending_family = family
    return tuple(quotes)


def blank_marks(text: str, quotes: tuple[RawQuote, ...]) -> str:
    """The text with the delimiting quote marks replaced by spaces (same length)."""
    chars = list(text)
    for q in quotes:
        chars[q.open_at] = " "
        if q.close_at is not None:
            chars[q.close_at] = " "
    return "".join(chars)


QUOTE_FILL = "§"


def _fill(segment: str) -> str:
    """``segment`` with every character but the newlines replaced by ``QUOTE_FILL`` (string
    repetition per line: a regular expression's substitution builds one replacement per character)."""
    return "\n".join(QUOTE_FILL * len(line) for line in segment.split("\n"))


def blank_quotes(text: str, quotes: tuple[RawQuote, ...]) -> str:
    """The text with each quotation (marks included) replaced by ``§`` (newlines kept)."""
    parts: list[str] = []
    pos = 0
    for q in quotes:
        s, e = q.open_at, q.outer_end if q.close_at is not None else max(q.end, q.open_at + 1)
        if s < pos:
            continue
        parts.append(text[pos:s])
        parts.append(_fill(text[s:e]))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


# --------------------------------------------------------------------------- sentences

_SENTENCE_END = re.compile(r"[.!?]+[”\"’')\]]*(?=\s+[\"“‘'(§A-Z0-9À-Ý])")


def sentence_spans(narration: str, para: Paragraph) -> list[tuple[int, int]]:
    """Sentences of a paragraph, read on the narration (quotations never split a sentence)."""
    spans: list[tuple[int, int]] = []
    start = para.start
    for m in _SENTENCE_END.finditer(narration, para.start, para.end):
        word_start = m.start()
        while word_start > para.start and narration[word_start - 1].isalpha():
            word_start -= 1
        word = narration[word_start : m.start()].lower()
        if word in ABBREVIATIONS or (len(word) == 1 and m.group(0) == "."):
            continue
        if word_start > 1 and narration[word_start - 1] == "." and len(word) == 1:
            continue  # U.S. / U.N.
        spans.append((start, m.end()))
        start = m.end()
        while start < para.end and narration[start].isspace():
            start += 1
    if start < para.end:
        spans.append((start, para.end))
    return spans


# --------------------------------------------------------------------------- tokens

# A word: letters and digits, joined by "_", ".", "’", "'" or "-" inside it ("U.S", "al-Assad",
# "don't"), and one period after it. The same tokens as "[^\W_](?:[\w.’'\-]*[^\W_])?\.?" (the
# longest run that ends in a letter or digit), written with possessive runs so the engine never
# backtracks into a run: the split of a whole article, the text stage's main cost, is 15% faster.
_TOKEN = re.compile(r"[^\W_]++(?:[_.’'\-]++[^\W_]++)*+\.?")
_INITIALISM = re.compile(r"(?:[^\W\d_]\.){2,}")
_PARTICLE_NAME = re.compile(
    r"^(?:al|el|ad|ar|as|ash|at|az|ul|bin|ibn|abu|da|de|di|du|la|le|van|von|d)[-’'][A-Z]"
)


class Token(NamedTuple):
    """A word: its text (possessive and sentence period removed), offsets and shape.

    A named tuple, not a frozen dataclass: an article has thousands and tuples build 5x faster.
    """

    text: str
    lower: str
    start: int
    end: int
    cap: bool
    poss: bool
    in_quote: bool


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or bool(_PARTICLE_NAME.match(word))


_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_TEXT, _START, _CAP = itemgetter(0), itemgetter(2), itemgetter(4)  # Token fields, read at C speed
_SPECIAL_LAST = frozenset(".sS")
_JOINED = re.compile("[-’']")


def tokenize(plain: str, quote_spans: list[tuple[int, int]]) -> tuple[Token, ...]:
    """Words of the whole article; ``in_quote`` marks those inside a quotation.

    Built column by column with C-level helpers (a split, running sums, maps) rather than one
    Python step per word: the text stage's main cost. Only the words that end in a period or an
    ``s`` (abbreviations, possessives) or join a particle ("al-Assad") are looked at one by one.
    """
    parts = _TOKEN_SPLIT.split(plain)  # separator, word, separator, word, …, separator
    words = parts[1::2]
    n = len(words)
    bounds = list(accumulate(map(len, parts)))
    starts = bounds[0::2][:n]
    ends = bounds[1::2]
    poss = [False] * n
    caps = list(map(str.isupper, map(itemgetter(0), words)))
    size = len(plain)
    drop: list[int] = []
    for i in [i for i, w in enumerate(words) if w[-1] in _SPECIAL_LAST]:
        word = words[i]
        end = ends[i]
        last = word[-1]
        if last == "." and not _INITIALISM.fullmatch(word):
            bare = word[:-1]
            if not (len(bare) == 1 or bare.lower() in ABBREVIATIONS):
                word, end = bare, end - 1
                last = word[-1] if word else ""
        if last == "s" or last == "S":
            if len(word) > 2 and word[-2] in "’'":
                word, poss[i], end = word[:-2], True, end - 2
            elif end < size and plain[end] in "’'" and (end + 1 >= size or not plain[end + 1].isalnum()):
                poss[i] = True
        if not word:
            drop.append(i)
            continue
        words[i], ends[i] = word, end
    joined = [i for i, w in enumerate(words) if not w.isalpha() and w[0].islower() and _JOINED.search(w)]
    for i in joined:
        caps[i] = _is_cap(words[i])  # "al-Assad", "d'Estaing"
    quoted = [False] * n
    for a, b in quote_spans:
        lo = bisect_left(starts, a)
        hi = bisect_left(starts, b)
        quoted[lo:hi] = [True] * (hi - lo)
    rows = zip(words, map(str.lower, words), starts, ends, caps, poss, quoted, strict=True)
    tokens = list(map(tuple.__new__, repeat(Token), rows))  # no Token.__new__ call per word
    for i in reversed(drop):
        del tokens[i]
    return tuple(tokens)


_HEADLINE_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def is_title_case_line(line: str) -> bool:
    """A headline in Title Case ("Biden Will Visit Saudi Arabia"): its capitals say nothing."""
    words = [w for w in _HEADLINE_WORD.findall(line) if w.lower() not in STOPWORDS or w[0].isupper()]
    long_words = [w for w in words if len(w) > 3]
    if len(long_words) < 4:
        return False
    caps = sum(1 for w in long_words if w[0].isupper())
    return caps / len(long_words) >= 0.8


# --------------------------------------------------------------------------- runs and the Doc

_HEADLINE_MAX = 220
_BYLINE = re.compile(r"^By\s+[A-Z]")


class Run(NamedTuple):
    """A capitalised word sequence (token indices), e.g. "Secretary of State Rex Tillerson".

    A named tuple, as ``Token``: an article has a hundred or more, and a frozen dataclass costs
    several times more to build.
    """

    first: int
    last: int  # inclusive
    sentence_initial: bool


def _headline(text: str, paragraphs: tuple[Paragraph, ...]) -> int | None:
    if len(paragraphs) < 2:
        return None
    first = text[paragraphs[0].start : paragraphs[0].end]
    if len(first) > _HEADLINE_MAX or "\n" in first or _BYLINE.match(first):
        return None
    if first.rstrip("”\"’'").endswith(".") and not first.endswith("..."):
        return None
    return 0


def _runs(
    doc_tokens: tuple[Token, ...], plain: str, sentence_starts: set[int], quote_starts: set[int]
) -> list[Run]:
    runs: list[Run] = []
    n = len(doc_tokens)
    resume = 0  # the token after the last run: the words of a run start no other run
    # only a capitalised word starts a run: the others are skipped at C speed, not one step each
    for i in compress(range(n), map(_CAP, doc_tokens)):
        if i < resume:
            continue
        tok = doc_tokens[i]
        j = i
        while j + 1 < n and not doc_tokens[j].poss:
            nxt = doc_tokens[j + 1]
            gap = plain[doc_tokens[j].end : nxt.start]
            if gap.strip() or nxt.in_quote != tok.in_quote or nxt.start in sentence_starts:
                break
            if nxt.cap:
                j += 1
                continue
            # a connector joins only if a capitalised word follows it directly
            k = j + 1
            while k < n and not doc_tokens[k].cap and doc_tokens[k].lower in CONNECTORS:
                if plain[doc_tokens[k - 1].end : doc_tokens[k].start].strip():
                    break
                k += 1
            if (
                k < n
                and k > j + 1
                and doc_tokens[k].cap
                and not plain[doc_tokens[k - 1].end : doc_tokens[k].start].strip()
            ):
                j = k
                continue
            break
        before = plain[max(0, tok.start - 2) : tok.start]
        initial = (
            tok.start in sentence_starts
            or tok.start in quote_starts
            or before.strip() in ("“", '"', "‘", "'", "(")
        )
        runs.append(Run(i, j, initial))
        resume = j + 1
    return runs


def make_doc(text: str, gazetteer: Gazetteer) -> Doc:
    """The ``text`` stage: analyse the article once; every later stage adds a layer to this value."""
    paragraphs = split_paragraphs(text)
    quotes = find_quotes(text, paragraphs)
    plain = blank_marks(text, quotes)
    narration = blank_quotes(text, quotes)
    sentences: list[tuple[int, int]] = []
    sentence_para: list[int] = []
    for index, para in enumerate(paragraphs):
        for span in sentence_spans(narration, para):
            sentences.append(span)
            sentence_para.append(index)
    quote_spans = [(q.start, q.end) for q in quotes]
    tokens = tokenize(plain, quote_spans)
    sentence_starts = {s for s, _ in sentences}
    quote_starts = {q.start for q in quotes}
    runs = _runs(tokens, plain, sentence_starts, quote_starts)
    headline = _headline(text, paragraphs)
    skipped = {i for i, p in enumerate(paragraphs) if p.boilerplate or _BYLINE.match(text[p.start : p.end])}
    lower_words = frozenset(compress(map(_TEXT, tokens), map(not_, map(_CAP, tokens))))
    title_case = headline is not None and is_title_case_line(text[paragraphs[0].start : paragraphs[0].end])
    return Doc(
        text=text,
        plain=plain,
        narration=narration,
        paragraphs=paragraphs,
        quotes=quotes,
        tokens=tokens,
        sentences=tuple(sentences),
        sentence_para=tuple(sentence_para),
        runs=tuple(runs),
        headline=headline,
        title_case_headline=title_case,
        skipped=frozenset(skipped),
        lower_words=lower_words,
        token_starts=tuple(map(_START, tokens)),
        sentence_starts=tuple(s for s, _ in sentences),
        para_starts=tuple(p.start for p in paragraphs),
        gazetteer=gazetteer,
    )
