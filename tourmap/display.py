"""Strings from tours and articles as a page shows them: clean, bounded, escaped, isolated.

Shared by the exported map (``render``) and the dashboard (``views``). A tour string may hold
control characters (a NUL shows as U+FFFD), be a megabyte long (a browser then takes seconds to
lay it out, on every rerun), or carry right-to-left text or overrides that would reorder whatever
follows it on the line. So a page shows it cleaned, cut at a word with a count of what was left
out, HTML-escaped, and inside ``<bdi>``, whose bidi isolation keeps its direction to itself.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

NAME_LIMIT = 300  # a title, a name, a speaker, a label (headlines run to ~150)
QUOTE_LIMIT = 600  # a quote in a dashboard card, a map popup or a table cell
PARAGRAPH_LIMIT = 2_000  # an article paragraph shown as a quote's context

# C0 controls but tab and newline, DEL and C1 controls; lone surrogates cannot be encoded at all
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` without control characters (tab and newline stay) and with lone surrogates replaced."""
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", text))


@dataclass(frozen=True, slots=True)
class Clipped:
    """The part of a string a page shows, and how many characters of it were left out."""

    text: str
    cut: int


def clip(text: str, limit: int) -> Clipped:
    """Cleaned ``text`` cut to at most ``limit`` characters, at the last space when there is one near."""
    text = clean(text)
    if len(text) <= limit:
        return Clipped(text, 0)
    # a space right after the limit ends a whole word too; text without spaces is cut hard
    space = max(text.rfind(" ", 0, limit + 1), text.rfind("\n", 0, limit + 1))
    head = text[:space] if space > limit * 0.6 else text[:limit]
    head = head.rstrip()
    return Clipped(head, len(text) - len(head))


def short(text: str, limit: int = NAME_LIMIT) -> str:
    """Plain text for a table cell or a widget option: cleaned, cut, ending in "…" when cut."""
    shown = clip(text, limit)
    return shown.text + "…" if shown.cut else shown.text


def isolate(escaped: str) -> str:
    """Already escaped text in ``<bdi>``: its direction neither leaks out nor is set by its neighbours."""
    return f"<bdi>{escaped}</bdi>"


def isolate_plain(text: str) -> str:
    """Plain text between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: ``<bdi>`` for places
    that take no markup, such as a chart's axis label joining two names."""
    return f"\u2068{text}\u2069"


def text_html(text: str, limit: int = NAME_LIMIT) -> str:
    """A tour string as HTML: cleaned, cut to ``limit``, escaped and isolated."""
    return isolate(html.escape(short(text, limit), quote=True))
