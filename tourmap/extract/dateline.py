"""Stage 3, ``dateline``: where the story was filed from ("CAIRO (AP) —", "By … | PARIS").

Only a place the gazetteer knows counts, and a country only when its capital is known. Whether
the dateline is a stop (it is not when it is the traveller's home, or when the story previews
a trip from there) is the ``trip`` stage's decision; the ``places`` stage counts its country
as context for ambiguous city names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tourmap.extract.doc import Doc
from tourmap.extract.lookup import Hit, Lookup, key_of

__all__ = ["Dateline", "find_dateline"]

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-zÀ-ÿ'’.\- ]{1,40}?)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-zÀ-ÿ.'’\- ]{1,30}?))?"
    rf"(?:,?\s+(?P<date>{_MONTH}))?"
    r"\s*(?:\((?P<agency>[^)\n]{2,30})\))?"
    r"\s*(?P<sep>—|–|--?|:)\s"
)
_BYLINE_PLACE = re.compile(r"^By\s[^|\n]{1,100}\|\s*(?P<place>[A-Z][A-Za-zÀ-ÿ .'’-]{1,40}?)\s*$")


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where the story was filed from, when that is a place the gazetteer knows."""

    start: int
    end: int
    surface: str
    hit: Hit


def find_dateline(doc: Doc) -> Doc:
    """The ``dateline`` stage: the place the story was filed from, or None."""
    return doc.annotated(dateline=_dateline(doc, doc.lookup))


def _dateline(doc: Doc, lookup: Lookup) -> Dateline | None:
    """ "CAIRO (AP) —", "LONDON, May 2 (Reuters) -", "Mexico City:", "By … | PARIS"."""
    body = [i for i in range(len(doc.paragraphs)) if i != doc.headline][:4]
    for index in body:
        para = doc.paragraphs[index]
        text = doc.text[para.start : para.end]
        m = _DATELINE.match(text) or _BYLINE_PLACE.match(text)
        if m is None:
            continue
        place = m.group("place").strip()
        if len(place.split()) > 4:
            continue
        groups = m.groupdict()
        if groups.get("sep") == ":" and not groups.get("agency") and not place.isupper():
            words = place.split()
            if len(words) > 3:
                continue
        hits = lookup.get(key_of(place))
        if not hits:
            continue
        region = groups.get("region")
        hit = hits[0]
        if region:
            iso = next((h.iso for h in lookup.get(key_of(region)) if h.kind == "country"), None)
            hit = next((h for h in hits if h.iso == iso), hit) if iso else hit
        if hit.kind == "country":
            capital = lookup.capitals.get(hit.iso)
            if capital is None:
                continue
        start = para.start + m.start("place")
        return Dateline(start, start + len(place), place, hit)
    return None
