"""What the dashboard shows, computed without Streamlit: tables, selections, the highlighted article.

Pages stay thin views: they call these pure functions and display the result, so the logic is
tested like the rest of the library.

Every string from a tour, an article or a file name reaches the page as HTML built here and shown
with ``st.html`` (sanitised, never read as Markdown): Streamlit's header, caption, markdown, table
and alert elements would turn ``![x](url)`` into a request, backticks into code, ``:red[…]`` into
colour and ``$…$`` into LaTeX. Strings are cleaned, cut and isolated by ``tourmap.display``.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any, Literal

from geopy.distance import geodesic
from shapely.geometry import Point

from tourmap.display import (
    NAME_LIMIT,
    PARAGRAPH_LIMIT,
    QUOTE_LIMIT,
    clean,
    clip,
    isolate,
    isolate_plain,
    short,
    text_html,
)
from tourmap.geometry import Layers
from tourmap.model import Quote, Tour

Kind = Literal["stop", "place", "border"]
# a click on a 4-pixel line at the zoom levels of a continent lands up to ~1° from its vertices
BORDER_CLICK_DEG = 1.0


@dataclass(frozen=True, slots=True)
class Selection:
    """The thing a reader clicked on the map."""

    kind: Kind
    id: str
    name: str


def selection_from_click(
    tour: Tour, layers: Layers, clicked: dict[str, Any] | None, tooltip: str | None = None
) -> Selection | None:
    """Turn streamlit-folium's click report into a stop, place or border.

    Markers report their own position, so a stop or place is the one within a kilometre. A line
    reports where it was clicked (and streamlit-folium cannot read a GeoJSON layer's tooltip), so
    a border is the one passing within ``BORDER_CLICK_DEG`` of the click.
    """
    if tooltip:
        for line in layers.borders:
            if tooltip.strip().startswith(short(line.border.title)):  # as the map's tooltip shows it
                return Selection("border", line.border.id, line.border.title)
    if not clicked or clicked.get("lat") is None or clicked.get("lng") is None:
        return None
    point = (float(clicked["lat"]), float(clicked["lng"]))
    candidates: list[tuple[float, Selection]] = []
    for s in tour.stops:
        if s.located:
            candidates.append((geodesic(point, s.point).km, Selection("stop", s.id, s.name)))
    for p in tour.places:
        if p.located:
            candidates.append((geodesic(point, p.point).km, Selection("place", p.id, p.name)))
    if candidates:
        km, best = min(candidates, key=lambda c: c[0])
        if km < 1.0:
            return best
    where = Point(point[1], point[0])
    near = [(line.line.distance(where), line) for line in layers.borders]
    if near:
        deg, line = min(near, key=lambda n: n[0])
        if deg < BORDER_CLICK_DEG:
            return Selection("border", line.border.id, line.border.title)
    return None


def quotes_for(tour: Tour, selection: Selection) -> tuple[Quote, ...]:
    """Quotes said at a stop, then those about it; for places and borders, those about them."""
    said = tour.quotes_said_at(selection.id) if selection.kind == "stop" else ()
    about = tuple(q for q in tour.quotes_about(selection.id) if q not in said)
    return said + about


def paragraph_of(article: str, span: tuple[int, int] | None) -> str | None:
    """The article paragraph a quote's span falls in (paragraphs are separated by blank lines)."""
    if span is None or not article or span[0] > len(article):
        return None
    start = article.rfind("\n\n", 0, span[0])
    end = article.find("\n\n", span[1])
    text = article[start + 2 if start >= 0 else 0 : end if end >= 0 else len(article)]
    return text.strip() or None


def quote_rows(tour: Tour) -> list[dict[str, str]]:
    """One row per quote, for the Quotes table: speaker, stop, about, text (whole: search reads it)."""
    return [
        {
            "speaker": q.speaker or "(unattributed)",
            "stop": tour.label_of(q.said_at) if q.said_at else "(unknown)",
            "about": ", ".join(tour.label_of(a) for a in q.about),
            "text": q.text,
        }
        for q in tour.quotes
    ]


def filter_rows(
    rows: list[dict[str, str]],
    *,
    speakers: list[str] | None = None,
    stops: list[str] | None = None,
    search: str = "",
) -> list[dict[str, str]]:
    """Narrow the quote table; the search matches any column, case- and accent-insensitively."""
    from tourmap.gazetteer import fold

    needle = fold(search) if search.strip() else ""
    out = []
    for row in rows:
        if speakers and row["speaker"] not in speakers:
            continue
        if stops and row["stop"] not in stops:
            continue
        if needle and needle not in fold(" ".join(row.values())):
            continue
        out.append(row)
    return out


def itinerary_rows(tour: Tour, layers: Layers) -> list[dict[str, Any]]:
    """Stops in order with status, date and the leg that leads to each one."""
    km_to = {leg.to_id: leg.km for leg in layers.legs}
    rows = []
    for i, s in enumerate(tour.stops, start=1):
        rows.append(
            {
                "#": i,
                "stop": short(s.name),
                "place": short(s.place or ""),
                "status": s.status,
                "date": s.date.isoformat() if s.date else "",
                "leg": f"{km_to[s.id]:,.0f} km" if s.id in km_to else "start",
                "quotes": len(tour.quotes_said_at(s.id)),
            }
        )
    return rows


def leg_rows(tour: Tour, layers: Layers) -> list[dict[str, Any]]:
    def name(any_id: str) -> str:
        # an axis label joins two names: each is isolated so an override stays inside it
        return isolate_plain(short(tour.label_of(any_id), 40))

    return [
        {"leg": f"{leg.order}. {name(leg.from_id)} → {name(leg.to_id)}", "km": round(leg.km)}
        for leg in layers.legs
    ]


def legs_chart(legs: list[dict[str, Any]]) -> Any:
    """The legs as horizontal bars whose labels are never cut (Vega-Lite cuts them at 180 px,
    which left "1. Mexico City → A…"); an ``altair.Chart``."""
    import altair as alt

    return (
        alt.Chart(alt.Data(values=legs))  # type: ignore[no-untyped-call]
        .mark_bar()
        .encode(
            x=alt.X("km:Q", title="km"),
            y=alt.Y("leg:N", sort=None, title=None, axis=alt.Axis(labelLimit=0, labelFontSize=13)),
            tooltip=[alt.Tooltip("leg:N"), alt.Tooltip("km:Q", format=",")],
        )
        .properties(height=40 + 36 * len(legs))
    )


def itinerary_list_html(tour: Tour, layers: Layers) -> str:
    """The itinerary as a phone shows it: one line per stop with its facts, and between two stops
    the leg's distance as a bar (a seven-column table and a bar chart do not fit 390 px)."""
    legs = {leg.to_id: leg for leg in layers.legs}
    longest = max((leg.km for leg in layers.legs), default=0.0) or 1.0
    items = []
    for i, s in enumerate(tour.stops, start=1):
        leg = legs.get(s.id)
        if leg is not None:
            route = f"{text_html(tour.label_of(leg.from_id))} → {text_html(s.name)}"
            items.append(
                f'<li class="tm-leg"><span class="tm-bar" style="width:{100 * leg.km / longest:.0f}%"></span>'
                f'<span class="tm-caption">{leg.km:,.0f} km · {route}</span></li>'
            )
        quotes = len(tour.quotes_said_at(s.id))
        facts = [text_html(s.place)] if s.place else []
        facts.append(html.escape(s.status))
        if s.date:
            facts.append(f"{s.date.day} {s.date:%b %Y}")
        facts.append(f"{quotes} quote{'' if quotes == 1 else 's'}")
        items.append(
            f'<li class="tm-itin-stop"><span class="tm-num {html.escape(s.status)}">{i}</span><div>'
            f'<p class="tm-stop-label">{text_html(s.name)}</p><p class="tm-caption">{" · ".join(facts)}</p>'
            "</div></li>"
        )
    return f'<ol class="tm-itinerary">{"".join(items)}</ol>'


# --- the highlighted article -----------------------------------------------------------------

HIGHLIGHT_CSS = """
.tm-article { line-height: 1.75; font-size: 16px; max-width: 48em; }
.tm-article p { margin: 0 0 1em; }
.tm-ent { padding: 0.1em 0.3em; border-radius: 0.35em; white-space: normal; unicode-bidi: isolate; }
.tm-ent .tm-tag { font-size: 0.65em; font-weight: 700; text-transform: uppercase; margin-left: 0.4em;
  letter-spacing: .03em; vertical-align: middle; opacity: .75; }
.tm-ent.stop { background: #ffd6d9; }
.tm-ent.place { background: #d9e4f5; }
.tm-ent.quote { background: #fff1b8; }
.tm-legend-chip { display: inline-block; margin-right: 1em; }
"""


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    kind: str
    title: str
    tag: str


def _name_marks(article: str, tour: Tour, taken: list[tuple[int, int]]) -> list[_Mark]:
    marks: list[_Mark] = []
    names: list[tuple[str, str, str]] = []
    for i, s in enumerate(tour.stops, start=1):
        names.append((s.name, "stop", f"Stop {i}: {short(s.name)} ({s.status})"))
    for p in tour.places:
        names.append((p.name, "place", f"Mentioned place: {short(p.name)}"))
    for name, kind, title in sorted(names, key=lambda n: -len(n[0])):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", article):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            marks.append(_Mark(m.start(), m.end(), kind, title, kind))
    return marks


def article_html(article: str, tour: Tour) -> str:
    """The article with quotes (hover: speaker), stops and mentioned places highlighted, displaCy-style.

    Everything from the article or the tour is cleaned and HTML-escaped; only our own spans are
    markup. Offsets are the article's own, so control characters go from each piece, not before.
    """
    taken: list[tuple[int, int]] = []
    marks: list[_Mark] = []
    for q in tour.quotes:
        if q.span and 0 <= q.span[0] < q.span[1] <= len(article):
            speaker = short(q.speaker) if q.speaker else "unattributed"
            marks.append(_Mark(q.span[0], q.span[1], "quote", f"Said by {speaker}", speaker))
            taken.append(q.span)
    marks += _name_marks(article, tour, taken)
    marks.sort(key=lambda m: m.start)
    out: list[str] = []
    pos = 0
    for m in marks:
        out.append(html.escape(clean(article[pos : m.start])))
        out.append(
            f'<mark class="tm-ent {m.kind}" title="{html.escape(clean(m.title))}">'
            f"{html.escape(clean(article[m.start : m.end]))}"
            f'<span class="tm-tag">{isolate(html.escape(clean(m.tag)))}</span></mark>'
        )
        pos = m.end
    out.append(html.escape(clean(article[pos:])))
    body = "".join(out)
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    return '<div class="tm-article">' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"


# --- uploads ---------------------------------------------------------------------------------

UPLOAD_LIMIT = 2 * 1024 * 1024
TOUR_TYPES = ("yaml", "yml", "json")
ARTICLE_TYPES = ("txt",)


def check_upload(name: str, data: bytes, *, allowed: tuple[str, ...]) -> tuple[str, str]:
    """Refuse what the dashboard cannot use, with one clear sentence; return (text, kind).

    ``kind`` is 'yaml', 'json' or 'txt'. Size, type, binary content and encoding are checked here
    so the page only shows the message.
    """
    from tourmap.errors import InputError
    from tourmap.tourfile import decode_text

    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in allowed:
        wanted = ", ".join(f".{a}" for a in allowed)
        raise InputError(f"{name!r} is not a file this page takes (expected {wanted})")
    if len(data) > UPLOAD_LIMIT:
        raise InputError(f"{name!r} is {len(data) / 1e6:.1f} MB; the limit is {UPLOAD_LIMIT / 1e6:.0f} MB")
    text = decode_text(data, name=name)
    if not text.strip():
        raise InputError(f"{name!r} is empty")
    kind = "yaml" if suffix == "yml" else suffix
    return text, kind


def guess_format(text: str) -> str:
    """Pasted tour text: JSON if it looks like a JSON object, else YAML."""
    return "json" if text.lstrip().startswith("{") else "yaml"


@dataclass(frozen=True, slots=True)
class TourInput:
    """A tour a reader gave on "Your own tour", read but not yet validated."""

    name: str
    text: str
    fmt: str
    article: str | None = None


def tour_input(
    uploaded: tuple[str, bytes] | None, pasted: str, article: tuple[str, bytes] | None = None
) -> TourInput:
    """The uploaded file, else the pasted text, with its article if one came; or one clear refusal."""
    if uploaded is not None:
        text, fmt = check_upload(*uploaded, allowed=TOUR_TYPES)
        name = uploaded[0]
    elif pasted.strip():
        text, fmt, name = pasted, guess_format(pasted), "pasted tour"
    else:
        raise ValueError("upload or paste a tour file first")
    article_text = check_upload(*article, allowed=ARTICLE_TYPES)[0] if article is not None else None
    return TourInput(name, text, fmt, article_text)


# --- tour strings as literal text ------------------------------------------------------------

TEXT_CSS = """
.tm-h { margin: 0 0 .2rem; padding: 0; line-height: 1.25; overflow-wrap: anywhere; }
h2.tm-h { font-size: 1.75rem; font-weight: 600; }
h3.tm-h { font-size: 1.3rem; font-weight: 600; }
.tm-caption { margin: 0; font-size: .875rem; opacity: .65; overflow-wrap: anywhere; }
.tm-stop-label { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.tm-speaker { margin: 0 0 .35rem; font-weight: 600; overflow-wrap: anywhere; }
.tm-quote { margin: 0 0 .5rem; padding: 0 0 0 .8rem; border-left: 3px solid rgba(128,128,128,.45);
  white-space: pre-line; overflow-wrap: anywhere; }
.tm-quote.tm-full { max-height: 24rem; overflow-y: auto; }
.tm-cut { font-size: .8rem; opacity: .65; font-style: italic; white-space: nowrap; }
.tm-paragraph { margin: 0; white-space: pre-line; overflow-wrap: anywhere; }
.tm-card { border: 1px solid rgba(49,51,63,.2); border-radius: .5rem; padding: .9rem 1rem;
  margin: 0 0 .75rem; }
.tm-more summary { cursor: pointer; font-size: .875rem; margin-top: .4rem; opacity: .8; }
.tm-more .tm-paragraph { margin-top: .4rem; font-size: .9rem; }
.tm-note { padding: .75rem 1rem; border-radius: .5rem; margin: 0; overflow-wrap: anywhere;
  white-space: pre-line; }
.tm-note.error { background: rgba(255,43,43,.09); border-left: 4px solid rgba(255,43,43,.6); }
.tm-note.success { background: rgba(33,195,84,.1); border-left: 4px solid rgba(33,195,84,.6); }
.tm-note.warning { background: rgba(255,227,18,.12); border-left: 4px solid rgba(230,190,0,.7); }
.tm-note.info { background: rgba(28,131,225,.1); border-left: 4px solid rgba(28,131,225,.6); }
.tm-table { width: 100%; border-collapse: collapse; font-size: .875rem; }
.tm-table th { text-align: left; font-weight: 600; opacity: .7; }
.tm-table th, .tm-table td { padding: .35rem .5rem; border-bottom: 1px solid rgba(128,128,128,.25);
  vertical-align: top; overflow-wrap: anywhere; }
.tm-table td.tm-q { width: 55%; white-space: pre-line; }
"""
# Screens narrower than Streamlit's column breakpoint (640 px) stack every column: the pages
# then show a phone layout. Keyed containers carry the class ``st-key-<key>``; a page draws a
# "tm-wide-…" or "tm-narrow-…" container for what only one kind of screen should see.
LAYOUT_CSS = """
[class*="st-key-tm-narrow-"] { display: none; }
[data-testid="stLayoutWrapper"]:has(> [class*="st-key-tm-narrow-"]) { display: none; }
[data-testid="stSidebarUserContent"] .stElementContainer:has(script) { display: none; }
.tm-itinerary { list-style: none; margin: 0; padding: 0 !important; }
.tm-itinerary li { margin: 0; padding: 0; }
.tm-itin-stop { display: flex; gap: .6rem; align-items: flex-start; padding: .35rem 0 !important; }
.tm-num { flex: none; display: inline-flex; align-items: center; justify-content: center; width: 1.6rem;
  height: 1.6rem; border-radius: 50%; font-weight: 700; font-size: .8rem; box-sizing: border-box; }
.tm-num.visited { background: #c1121f; color: #fff; }
.tm-num.upcoming { background: #fff; color: #c1121f; border: 2px dashed #c1121f; }
.tm-leg { margin-left: .8rem !important; padding: .1rem 0 .1rem 1.4rem !important;
  border-left: 2px dashed rgba(128,128,128,.5); }
.tm-bar { display: block; height: .45rem; border-radius: .2rem; background: #1c83e1; margin: .2rem 0; }
@media (max-width: 640px) {
  .stMainBlockContainer { padding: 4rem .9rem 3rem; }
  h1 { font-size: 1.9rem; }
  h2.tm-h { font-size: 1.3rem; }
  [class*="st-key-tm-narrow-"] { display: flex; }
  [data-testid="stLayoutWrapper"]:has(> [class*="st-key-tm-narrow-"]) { display: block; }
  [class*="st-key-tm-wide-"],
  [data-testid="stLayoutWrapper"]:has(> [class*="st-key-tm-wide-"]) { display: none; }
  /* streamlit-folium resets its iframe to 620 px on each run: pinned to the map's phone height
     (render._FRAME_HEIGHT_JS, same formula) */
  iframe[title="streamlit_folium.st_folium"] { height: clamp(260px, 58vh, 520px) !important; }
  .st-key-tm-quotes { gap: .5rem; }
  .st-key-tm-quotes [class*="st-key-tm-card-"] { padding: .55rem .75rem; gap: .35rem; }
  .st-key-tm-quotes .tm-quote { margin-bottom: .2rem; }
  .st-key-tm-quotes summary { padding-top: .3rem; padding-bottom: .3rem; }
  .st-key-tm-quotes .tm-card { padding: .55rem .75rem; margin-bottom: .5rem; }
  .tm-table thead { display: none; }
  .tm-table tr { display: block; padding: .5rem 0; border-bottom: 1px solid rgba(128,128,128,.25); }
  .tm-table td { display: inline; border: 0; padding: 0; }
  .tm-table td:nth-child(1) { font-weight: 600; }
  .tm-table td:nth-child(2)::before { content: " · "; }
  .tm-table td:nth-child(3):not(:empty)::before { content: " · about "; }
  .tm-table td.tm-q { display: block; width: auto; margin-top: .25rem; }
}
"""
# Streamlit closes the sidebar after a page link only on a phone's user agent; a narrow window
# (the sidebar then covers the page) needs it too. A fixed script of ours, never a tour string.
CLOSE_SIDEBAR_JS = """<script>
if (!window.tmCloseSidebar) {
  window.tmCloseSidebar = true;
  document.addEventListener("click", function (event) {
    if (window.innerWidth >= 768 || !event.target.closest('[data-testid="stSidebarNavLink"]')) { return; }
    setTimeout(function () {
      var bar = document.querySelector('[data-testid="stSidebar"]');
      var close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (bar && close && bar.getAttribute("data-collapsed") !== "true") { close.click(); }
    }, 150);
  }, true);
}
</script>"""
NOTICE_LIMIT = 1_000
_KINDS = {"stop": "Stop", "place": "Mentioned place", "border": "Border"}


def heading_html(text: str, level: int = 2) -> str:
    """A tour's title (or any tour string) as a heading, without Streamlit's Markdown."""
    return f'<h{level} class="tm-h">{text_html(text)}</h{level}>'


def header_html(tour: Tour, layers: Layers, label: str) -> str:
    """The Map page's title and its line of facts: traveller, stops, distance, which tour."""
    facts = [text_html(tour.traveller)] if tour.traveller else []
    facts += [f"{len(tour.stops)} stops", f"{layers.total_km:,.0f} km", text_html(label)]
    return heading_html(tour.title) + f'<p class="tm-caption">{" · ".join(facts)}</p>'


def stop_label_html(tour: Tour, index: int) -> str:
    """The line beside the previous/next buttons: "Stop 2 of 5: Argentina"."""
    name = text_html(tour.stops[index].name)
    return f'<p class="tm-stop-label">Stop {index + 1} of {len(tour.stops)}: {name}</p>'


def selection_html(selection: Selection) -> str:
    """The heading above the quotes of what the reader clicked."""
    return f'<h3 class="tm-h">{_KINDS[selection.kind]}: {text_html(selection.name)}</h3>'


@dataclass(frozen=True, slots=True)
class Card:
    """One quote's card: its HTML, how many characters it leaves out, whether it can be cut at all."""

    html: str
    hidden: int
    long: bool


def quote_card(tour: Tour, quote: Quote, *, full: bool = False) -> Card:
    """A quote as the Map page shows it: speaker, the quote cut at ``QUOTE_LIMIT`` unless ``full``,
    where it was said and what it is about.

    A megabyte of text took the browser seconds to lay out on every rerun, so the whole quote is
    sent only when the reader asks for it ("Show more").
    """
    shown = clip(quote.text, len(quote.text) if full else QUOTE_LIMIT)
    long = len(clean(quote.text)) > QUOTE_LIMIT
    body = isolate(html.escape(shown.text)) + ("…" if shown.cut else "")
    cut = f' <span class="tm-cut">({shown.cut:,} more characters)</span>' if shown.cut else ""
    where = text_html(tour.label_of(quote.said_at)) if quote.said_at else "unknown"
    about = ", ".join(text_html(tour.label_of(a)) for a in quote.about) or "—"
    speaker = text_html(quote.speaker) if quote.speaker else "Unattributed"
    css = "tm-quote tm-full" if full and long else "tm-quote"  # scrolls: "Show less" stays near
    return Card(
        f'<p class="tm-speaker">{speaker}</p><blockquote class="{css}">“{body}”{cut}</blockquote>'
        f'<p class="tm-caption">Said in {where} · about {about}</p>',
        shown.cut,
        long,
    )


def cards_html(tour: Tour, quotes: list[Quote], article: str | None) -> str:
    """Short quotes' cards as one block, each with its article paragraph in a ``<details>``.

    One element instead of three Streamlit elements per card (container, text, expander): a
    stop with 16 quotes drew 60-odd elements on every click, and the browser took longer to lay
    them out than the server took to send them (issue 9: click → quotes <= 0.6 s).
    """
    parts = []
    for q in quotes:
        card = quote_card(tour, q)
        paragraph = paragraph_of(article or "", q.span)
        summary = "<summary>Article paragraph</summary>"
        more = f'<details class="tm-more">{summary}{paragraph_html(paragraph)}</details>' if paragraph else ""
        parts.append(f'<div class="tm-card">{card.html}{more}</div>')
    return "".join(parts)


def paragraph_html(paragraph: str) -> str:
    """The article paragraph around a quote, cut at ``PARAGRAPH_LIMIT``."""
    return f'<p class="tm-paragraph">{text_html(paragraph, PARAGRAPH_LIMIT)}</p>'


def quotes_table_html(rows: list[dict[str, str]]) -> str:
    """The Quotes page's table: static (prose wraps), literal, each quote cut at ``QUOTE_LIMIT``."""
    body = []
    for r in rows:
        quote = clip(r["text"], QUOTE_LIMIT)
        more = f' <span class="tm-cut">({quote.cut:,} more characters)</span>' if quote.cut else ""
        # an empty cell stays empty: a phone writes "about" before the cell only when it has text
        cells = [text_html(r[key], NAME_LIMIT) if r[key] else "" for key in ("speaker", "stop", "about")]
        text = isolate(html.escape(quote.text)) + ("…" if quote.cut else "")
        body.append(
            "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + f'<td class="tm-q">“{text}”{more}</td></tr>'
        )
    head = "".join(f"<th>{h}</th>" for h in ("speaker", "said at", "about", "quote"))
    return f'<table class="tm-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


Notice = Literal["error", "success", "warning", "info"]


def notice_html(kind: Notice, message: str) -> str:
    """A message that may quote a user's value (a file name, a bad field), as literal text."""
    return f'<div class="tm-note {kind}" role="alert">{text_html(message, NOTICE_LIMIT)}</div>'


def upload_note_html(name: str) -> str:
    """The sidebar's line naming the reader's tour (widget labels read Markdown, so not there)."""
    return f'<p class="tm-caption">{text_html(name)}</p>'


def draft_line_html(title: str, saved: dt.datetime, key: str) -> str:
    """A recent draft: its title as literal text, when it was shown, and its link to share."""
    link = html.escape(f"?tour={key}", quote=True)
    return (
        f'<p class="tm-stop-label">{text_html(title)} <span class="tm-caption" style="display:inline">'
        f'· {saved:%Y-%m-%d %H:%M} UTC · <a href="{link}">link</a></span></p>'
    )


EMBED_FILE = "tour-map.html"  # the name the Itinerary page downloads the map as


def embed_snippet(title: str) -> str:
    """The ``<iframe>`` a newsroom pastes to embed the downloaded map; the title (read by screen
    readers) is the tour's, cleaned, cut short and escaped so it cannot end the attribute."""
    label = html.escape(" ".join(short(clean(title), 200).split()), quote=True)
    return f'<iframe src="{EMBED_FILE}" width="100%" height="600" style="border:0" title="{label}"></iframe>'
