"""The analysed article that every rule of ``tourmap.extract`` reads: built once, never changed."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from tourmap.extract.text import (
    Paragraph,
    RawQuote,
    Token,
    blank_marks,
    blank_quotes,
    find_quotes,
    is_title_case_line,
    sentence_spans,
    split_paragraphs,
    tokenize,
)

# Lower-case words allowed inside a capitalised name ("Rio de Janeiro", "Secretary of State",
# "Mohammed bin Salman", "Trinidad and Tobago"); never at its edges.
CONNECTORS = frozenset(
    [
        "of",
        "es",
        "the",
        "and",
        "de",
        "da",
        "del",
        "della",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "abu",
        "y",
        "do",
        "dos",
        "das",
        "ter",
        "ten",
        "zu",
    ]
)
_HEADLINE_MAX = 220
_BYLINE = re.compile(r"^By\s+[A-Z]")


@dataclass(frozen=True, slots=True)
class Run:
    """A capitalised word sequence (token indices), e.g. "Secretary of State Rex Tillerson"."""

    first: int
    last: int  # inclusive
    sentence_initial: bool


@dataclass(frozen=True)
class Doc:
    """Article text plus its paragraphs, quotations, sentences, tokens and capitalised runs."""

    text: str
    plain: str
    narration: str
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

    # ----------------------------------------------------------------- positions

    def token_at(self, pos: int) -> int:
        """Index of the last token starting at or before ``pos`` (-1 if none)."""
        return bisect_right(self.token_starts, pos) - 1

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect_right(self.sentence_starts, pos) - 1)

    def para_of(self, pos: int) -> int:
        return max(0, bisect_right(self.para_starts, pos) - 1)

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
    i = 0
    while i < n:
        tok = doc_tokens[i]
        if not tok.cap:
            i += 1
            continue
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
        i = j + 1
    return runs


def build_doc(text: str) -> Doc:
    """Analyse the article once: everything later is look-ups over this value."""
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
    lower_words = frozenset(t.text for t in tokens if not t.cap)
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
        token_starts=tuple(t.start for t in tokens),
        sentence_starts=tuple(s for s, _ in sentences),
        para_starts=tuple(p.start for p in paragraphs),
    )
