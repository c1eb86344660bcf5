"""Tour + layers → ``folium.Map``: numbered stops, route arcs, borders, places, legend, credits.

Every string that comes from a tour file goes through ``esc`` before it reaches the page. HTML
escaping is not enough with folium: popup HTML lands inside JavaScript template literals (so
``$``, backslash and backtick are escaped too), and branca compiles each element's rendered
output as a Jinja template once more, so ``{`` and ``}`` are escaped as well; otherwise a quote
reading ``{{ … }}`` would run as template code at build time. ``text`` adds what every shown
string needs (``tourmap.display``): control characters dropped, a bounded length, and ``<bdi>``
so right-to-left text or an override stays inside its string. Element ids are renumbered so the
same tour always gives the same bytes.
"""

from __future__ import annotations

import html
import json
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from branca.element import Element, Figure, MacroElement

from tourmap._folium import Template, folium
from tourmap.display import NAME_LIMIT, QUOTE_LIMIT, clean, clip, isolate, short
from tourmap.geometry import BorderLine, Layers, Leg, arc_arrow
from tourmap.model import Place, Quote, Stop, Tour
from tourmap.story import add_story

Basemap = Literal["polygons", "tiles", "tiles-over-polygons"]
"""polygons: the packaged countries only (offline); tiles: OpenStreetMap tiles and a faint outline of
the story's countries; tiles-over-polygons: tiles drawn over the filled countries, which show when
no tile loads (the self-contained default of ``tourmap build``)."""

INK = "#1d3557"
VISITED = "#c1121f"
BORDER = "#e07a00"
PLACE = "#5c677d"
LAND = "#efe9dc"
LAND_TOUR = "#f7e3b5"
SEA = "#c9dde8"

CREDITS = {
    "naturalearth": 'Basemap: <a href="https://www.naturalearthdata.com/">Natural Earth</a> (public domain)',
    "osm_border": (
        'Border: © <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors (ODbL)'
    ),
    "geonames": 'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)',
}
OSM_TILES_ATTR = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors (ODbL)'


_ESCAPES = str.maketrans({"$": "&#36;", "\\": "&#92;", "`": "&#96;", "{": "&#123;", "}": "&#125;"})


def esc(value: object) -> str:
    """HTML-escape, then neutralise what JS template literals and branca's Jinja pass would read."""
    return html.escape(clean(str(value)), quote=True).translate(_ESCAPES)


def text(value: str, limit: int = NAME_LIMIT) -> str:
    """A tour string as popup, tooltip or panel HTML: cut to ``limit``, escaped, isolated."""
    return isolate(esc(short(value, limit)))


def quote_text(value: str) -> str:
    """A quote cut to ``QUOTE_LIMIT``, with a note of what was left out (the tour file has it all)."""
    shown = clip(value, QUOTE_LIMIT)
    if not shown.cut:
        return f"“{isolate(esc(shown.text))}”"
    return (
        f"“{isolate(esc(shown.text))}…”"
        f' <span class="tm-cut">({shown.cut:,} more characters in the tour file)</span>'
    )


@dataclass(frozen=True, slots=True)
class MapOptions:
    """What the map shows; the dashboard's switches map onto these."""

    basemap: Basemap = "polygons"
    show_route: bool = True
    show_borders: bool = True
    show_places: bool = True
    height: str = "100%"
    icon_path: str | None = None  # where Leaflet's default marker images are served from
    title_panel: bool = True  # the dashboard shows the title on the page instead
    layer_control: bool = True  # the dashboard has sidebar switches instead
    legend: bool = True  # the dashboard's map is narrow: its legend sits under the map
    popups: bool = True  # the dashboard shows a click's quotes beside the map instead (issue 9)
    # the map's height in the dashboard's iframe (px); shorter on a phone, so what is under it shows
    frame_height: int | None = None
    story: bool = True  # itinerary panel, step keys and #stop-N links (tourmap.story); off in Explore
    article: str | None = None  # the article's text, for each stop's paragraph in the story panel


# --- small Leaflet pieces folium lacks -------------------------------------------------------


class Raw(Element):
    """Literal markup, never compiled as a Jinja template (branca's ``Element(text)`` would be)."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.markup = markup

    def render(self, **kwargs: object) -> str:
        return self.markup


class _Macro(MacroElement):
    """A MacroElement whose rendered parts are added verbatim: faster, and nothing is re-evaluated."""

    def render(self, **kwargs: object) -> str:
        figure = self.get_root()
        assert isinstance(figure, Figure)
        module = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = module.get(part)
            if macro is not None:
                target.add_child(Raw(str(macro(self, kwargs))), name=self.get_name())
        return ""


class _Script(_Macro):
    """A few lines of JavaScript run against the map, with data passed through ``tojson``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, data) { {{ this.code }} })({{ this._parent.get_name() }}, {{ this.data|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, name: str, code: str, data: Any) -> None:
        super().__init__()
        self._name = name
        self.code = code
        self.data = data


class _Basemap(_Macro):
    """Country polygons and names drawn from packaged GeoJSON/JSON text, embedded as is.

    Over tiles only a faint outline of the story's countries is drawn: filled polygons would hide
    every tile on land, and the tiles carry their own names.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, countries, labels, data) { {{ this.code }} })(
            {{ this._parent.get_name() }}, {{ this.countries }}, {{ this.labels }}, {{ this.data|tojson }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        countries_json: str,
        highlight: list[str],
        labels_json: str | None,
        *,
        tiles: bool,
        fallback: bool = False,
    ) -> None:
        super().__init__()
        self._name = "Basemap"
        self.code = _BASEMAP_JS
        # a JSON document is a JS expression; only "</" could end the surrounding <script>
        if (
            tiles and not fallback
        ):  # only the outlined countries: the rest of the world would be 170 KB for nothing
            every = json.loads(countries_json)
            mine = [f for f in every["features"] if (f.get("properties") or {}).get("iso_a2") in highlight]
            countries_json = json.dumps(
                {"type": "FeatureCollection", "features": mine}, separators=(",", ":")
            )
        self.countries = countries_json.replace("</", "<\\/")
        self.labels = "null" if tiles or labels_json is None else labels_json.replace("</", "<\\/")
        self.data = {
            "highlight": highlight,
            "land": LAND,
            "tour": LAND_TOUR,
            "ink": INK,
            "tiles": tiles,
            "fallback": fallback,  # the filled polygons under the tiles, for when none load
        }


class _Css(_Macro):
    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        """
    )

    def __init__(self, css: str) -> None:
        super().__init__()
        self._name = "TourmapCss"
        self.css = css


CSS = f"""
.leaflet-container {{ background: {SEA}; font: 13px/1.4 -apple-system, "Segoe UI", Roboto,
  "Helvetica Neue", Arial, sans-serif; }}
.tm-stop {{ display: flex; align-items: center; justify-content: center; border-radius: 50%;
  width: 26px; height: 26px; box-sizing: border-box; font-weight: 700; font-size: 13px;
  box-shadow: 0 1px 3px rgba(0,0,0,.35); }}
.tm-stop.visited {{ background: {VISITED}; color: #fff; border: 2px solid #fff; }}
.tm-stop.upcoming {{ background: #fff; color: {VISITED}; border: 2px dashed {VISITED}; }}
.tm-label {{ background: none; border: none; box-shadow: none; font-weight: 700; color: {INK};
  font-size: 13px; padding: 0; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }}
.tm-label::before {{ display: none; }}
.tm-label.place {{ font-weight: 500; font-style: italic; color: {PLACE}; font-size: 12px; }}
.leaflet-interactive:focus {{ outline: none; }}
@media (max-width: 600px) {{ .leaflet-control-scale {{ display: none; }}
  .leaflet-popup-content {{ max-width: calc(100vw - 90px); }}  /* a 380 px popup ran off a phone */
  .tm-popup {{ max-height: calc(100vh - 220px); }} }}
.tm-popup {{ max-height: 300px; overflow-y: auto; padding-right: 4px; }}
.tm-popup h4 {{ margin: 2px 0 2px; font-size: 16px; color: {INK}; }}
.tm-kicker {{ text-transform: uppercase; letter-spacing: .04em; font-size: 11px; color: #6b6b6b; }}
.tm-where {{ color: #555; font-size: 12px; }}
.tm-section {{ margin: 8px 0 2px; font-size: 11px; font-weight: 700; color: {INK};
  text-transform: uppercase; letter-spacing: .04em; border-top: 1px solid #ddd; padding-top: 6px; }}
.tm-quote {{ margin: 4px 0 6px; padding-left: 8px; border-left: 3px solid {VISITED}; }}
.tm-quote .tm-meta {{ display: block; color: #6b6b6b; font-size: 11px; }}
.tm-quote .tm-cut {{ color: #6b6b6b; font-size: 11px; font-style: italic; white-space: nowrap; }}
.tm-quote.about {{ border-left-color: {BORDER}; }}
.tm-none {{ color: #6b6b6b; font-style: italic; }}
.tm-panel {{ background: rgba(255,255,255,.94); padding: 8px 12px; border-radius: 6px;
  box-shadow: 0 1px 5px rgba(0,0,0,.3); color: #222; max-width: 340px; }}
.tm-panel h3 {{ margin: 0 0 2px; font-size: 15px; color: {INK}; }}
.tm-panel .tm-sub {{ font-size: 12px; color: #555; }}
.tm-legend.tm-inline {{ display: flex; flex-wrap: wrap; gap: 4px 18px; align-items: center; }}
.tm-sw {{ display: inline-block; width: 26px; height: 0; }}
.tm-sw-route {{ border-top: 3px solid {INK}; }}
.tm-sw-ahead {{ border-top: 3px dashed {INK}; }}
.tm-sw-border {{ border-top: 4px solid {BORDER}; }}
.tm-sw-route, .tm-sw-ahead {{ position: relative; }}
.tm-sw-route::after, .tm-sw-ahead::after {{ content: ""; position: absolute; left: 8px; top: -6px;
  width: 6px; height: 6px; border: solid {INK}; border-width: 2.5px 2.5px 0 0; transform: rotate(45deg); }}
.tm-sw-place {{ width: 10px; height: 10px; border-radius: 50%; background: {PLACE};
  box-shadow: 0 0 0 1.5px #fff; }}
.tm-legend strong, .tm-legend summary {{ font-size: 12px; font-weight: 700; color: {INK}; }}
.tm-legend summary {{ cursor: pointer; }}
.tm-legend details:not([open]) summary {{ margin: -2px 0; }}
.tm-arrow {{ width: 16px; height: 16px; line-height: 0; }}
.tm-country {{ position: absolute; transform: translate(-50%, -50%); white-space: nowrap;
  color: #7a7264; font-size: 11px; font-weight: 600; letter-spacing: .06em; text-transform: uppercase;
  text-shadow: 0 0 2px {LAND}, 0 0 2px {LAND}, 0 0 3px {LAND}; pointer-events: none; }}
.tm-legend div {{ display: flex; align-items: center; gap: 8px; margin: 3px 0; font-size: 12px; }}
.tm-legend .sw {{ width: 26px; display: inline-flex; justify-content: center; }}
.tm-legend .tm-stop {{ width: 18px; height: 18px; font-size: 10px; }}
"""


# --- popups ----------------------------------------------------------------------------------


def _quote_html(q: Quote, tour: Tour, *, about: bool) -> str:
    speaker = text(q.speaker) if q.speaker else "Unattributed"
    meta = []
    if about and q.said_at:
        meta.append(f"said in {text(tour.label_of(q.said_at))}")
    if q.about:
        meta.append("about " + ", ".join(text(tour.label_of(a)) for a in q.about))
    meta_html = f'<span class="tm-meta">{" · ".join(meta)}</span>' if meta else ""
    css = "tm-quote about" if about else "tm-quote"
    return f'<div class="{css}"><b>{speaker}</b>: {quote_text(q.text)}{meta_html}</div>'


def _quotes_section(title: str, quotes: Iterable[Quote], tour: Tour, *, about: bool) -> str:
    items = [_quote_html(q, tour, about=about) for q in quotes]
    if not items:
        return ""
    return f'<div class="tm-section">{esc(title)} ({len(items)})</div>' + "".join(items)


def _date(stop: Stop) -> str:
    return f"{stop.date.day} {stop.date:%b %Y}" if stop.date else ""


def stop_popup_html(tour: Tour, index: int) -> str:
    s = tour.stops[index]
    kicker = [f"Stop {index + 1} of {len(tour.stops)}", s.status]
    if s.date:
        kicker.append(_date(s))
    said = tour.quotes_said_at(s.id)
    about = [q for q in tour.quotes_about(s.id) if q.said_at != s.id]
    body = _quotes_section("Said here", said, tour, about=False) + _quotes_section(
        "About this place", about, tour, about=True
    )
    if not body:
        body = '<div class="tm-none">No quotes from this stop yet.</div>'
    where = f'<div class="tm-where">{text(s.place)}</div>' if s.place and s.place != s.name else ""
    return (
        f'<div class="tm-popup"><div class="tm-kicker">{esc(" · ".join(kicker))}</div>'
        f"<h4>{text(s.name)}</h4>{where}{body}</div>"
    )


def place_popup_html(tour: Tour, place: Place) -> str:
    quotes = tour.quotes_about(place.id)
    body = _quotes_section("Quotes about it", quotes, tour, about=True) or (
        '<div class="tm-none">Mentioned in the article; no quote is about it.</div>'
    )
    where = f'<div class="tm-where">Shown at {text(place.place)}</div>' if place.place else ""
    return (
        f'<div class="tm-popup"><div class="tm-kicker">Mentioned · not visited</div>'
        f"<h4>{text(place.name)}</h4>{where}{body}</div>"
    )


def border_popup_html(tour: Tour, line: BorderLine) -> str:
    quotes = tour.quotes_about(line.border.id)
    body = _quotes_section("Quotes about it", quotes, tour, about=True) or (
        '<div class="tm-none">No quote is about this border.</div>'
    )
    return (
        f'<div class="tm-popup"><div class="tm-kicker">Border</div><h4>{text(line.border.title)}</h4>'
        f'<div class="tm-where">{line.km:,.0f} km as drawn (sum of geodesic segments)</div>{body}</div>'
    )


def leg_tooltip(tour: Tour, leg: Leg) -> str:
    return (
        f"Leg {leg.order}: {text(tour.label_of(leg.from_id))} → {text(tour.label_of(leg.to_id))} "
        f"· {leg.km:,.0f} km"
    )


def _stop_icon(number: int, status: str) -> folium.DivIcon:
    return folium.DivIcon(
        html=f'<div class="tm-stop {status}">{number}</div>',
        icon_size=(26, 26),
        icon_anchor=(13, 13),
        class_name="tm-stop-icon",
    )


def _panel_html(tour: Tour) -> str:
    sub = []
    visited = sum(s.status == "visited" for s in tour.stops)
    counts = f"{len(tour.stops)} stops: {visited} visited, {len(tour.stops) - visited} announced"
    sub.append(f"{text(tour.traveller)} · {counts}" if tour.traveller else counts)
    if tour.source and (tour.source.outlet or tour.source.published):
        published = tour.source.published
        parts = [text(tour.source.outlet) if tour.source.outlet else None]
        parts.append(f"{published.day} {published:%B %Y}" if published else None)
        sub.append("Source: " + ", ".join(p for p in parts if p))
    lines = "".join(f'<div class="tm-sub">{s}</div>' for s in sub)
    return f"<h3>{text(tour.title)}</h3>{lines}"


_LEGEND_ROWS = {
    # plain spans styled by CSS, not SVG: Streamlit's st.html sanitiser drops inline SVG
    "visited": ('<span class="tm-stop visited">1</span>', "Stop visited"),
    "upcoming": ('<span class="tm-stop upcoming">2</span>', "Stop announced"),
    "travelled": ('<span class="tm-sw tm-sw-route"></span>', "Route travelled"),
    # the route's swatches carry the chevron drawn mid-leg: the direction of travel
    "ahead": ('<span class="tm-sw tm-sw-ahead"></span>', "Route ahead"),
    "border": ('<span class="tm-sw tm-sw-border"></span>', "Border in the story"),
    "place": ('<span class="tm-sw tm-sw-place"></span>', "Place mentioned"),
}


def legend_html(tour: Tour, layers: Layers, options: MapOptions, *, fold: bool = False) -> str:
    """Only the symbols this map draws: a legend row for something absent would mislead.

    ``fold``: a ``<details>`` the reader can close (the map folds it on a phone, where it covered
    a fifth of the screen).
    """
    statuses = {s.status for s in tour.stops}
    ahead = (
        {tour.stop(leg.to_id).status == "upcoming" for leg in layers.legs} if options.show_route else set()
    )
    present = {
        "visited": "visited" in statuses,
        "upcoming": "upcoming" in statuses,
        "travelled": False in ahead,
        "ahead": True in ahead,
        "border": options.show_borders and bool(layers.borders),
        "place": options.show_places and any(p.located for p in tour.places),
    }
    rows = "".join(
        f'<div><span class="sw">{symbol}</span>{label}</div>'
        for key, (symbol, label) in _LEGEND_ROWS.items()
        if present[key]
    )
    if fold:
        return f"<details open><summary>Legend</summary>{rows}</details>"
    return f"<strong>Legend</strong>{rows}"


_CONTROL_JS = """
var c = L.control({position: data.position});
c.onAdd = function () {
  var d = L.DomUtil.create('div', 'tm-panel ' + data.cls);
  d.innerHTML = data.html;
  L.DomEvent.disableClickPropagation(d);
  L.DomEvent.disableScrollPropagation(d);
  var fold = d.querySelector('details');
  // folded where it would cover stops: a phone, or a map sharing its width with the story panel
  // (the container's own size: Leaflet's cached size predates the panel's layout)
  var box = map.getContainer();
  if (fold && (box.clientWidth < 700 || box.clientHeight < 500)) { fold.open = false; }
  return d;
};
c.addTo(map);
if (data.hideOnPopup) {
  map.on('popupopen', function () { c.getContainer().style.visibility = 'hidden'; });
  map.on('popupclose', function () { c.getContainer().style.visibility = ''; });
}
"""

_BASEMAP_JS = """
function mine(f) { return data.highlight.indexOf(f.properties.iso_a2) >= 0; }
// the land sits in its own pane under the country names (350) and the route (overlay pane, 400)
map.createPane('tm-land').style.zIndex = 300;
if (data.fallback) {
  // the whole land, filled, under the tile pane (200): the tiles cover it once they load, and
  // without a network it is the map
  map.createPane('tm-under').style.zIndex = 150;
  L.geoJSON(countries, {
    pane: 'tm-under',
    interactive: false,
    style: function (f) {
      return {color: '#a39e92', weight: 0.6, fillColor: mine(f) ? data.tour : data.land, fillOpacity: 1};
    }
  }).addTo(map);
}
L.geoJSON(countries, {
  pane: 'tm-land',
  interactive: false,
  filter: data.tiles ? mine : undefined,
  style: function (f) {
    if (data.tiles) { return {color: data.ink, weight: 1.2, opacity: 0.45, fill: false}; }
    return {color: '#a39e92', weight: 0.6, fillColor: mine(f) ? data.tour : data.land, fillOpacity: 1};
  }
}).addTo(map);
if (!labels) { return; }
// Country names: literal text (textContent), in a pane under the route and the stops, placed
// by the declutter pass after the stop and place labels so that they never cover one.
var pane = map.createPane('tm-countries');
pane.style.zIndex = 350;
pane.style.pointerEvents = 'none';
var names = labels.map(function (r) {
  var el = document.createElement('span');
  el.className = 'tm-country';
  el.textContent = r[1];
  L.marker([r[3], r[2]], {
    icon: L.divIcon({html: el, className: 'tm-country-icon', iconSize: null}),
    pane: 'tm-countries', interactive: false, keyboard: false
  }).addTo(map);
  return {el: el, at: L.latLng(r[3], r[2]), minZoom: r[4]};
});
map._tmCountries = function (taken, hits) {
  var z = map.getZoom(), view = map.getBounds().pad(0.2), shown = [];
  names.forEach(function (n) {
    var on = z >= n.minZoom && view.contains(n.at);
    n.el.style.display = on ? '' : 'none';
    if (on) {
      n.el.style.fontSize = Math.min(15, 10 + z - n.minZoom) + 'px';
      n.el.style.visibility = 'hidden';
      shown.push(n);
    }
  });
  // nor under a control (the title panel, the legend), nor cut by the map's edge
  var frame = map.getContainer().getBoundingClientRect(), placed = [];
  map.getContainer().querySelectorAll('.leaflet-control').forEach(function (c) {
    if (c.offsetParent) { placed.push(c.getBoundingClientRect()); }
  });
  shown.forEach(function (n) {  // largest countries first: the list is sorted that way
    var b = n.el.getBoundingClientRect();
    var box = {left: b.left - 3, right: b.right + 3, top: b.top - 2, bottom: b.bottom + 2};
    var clear = function (o) { return !hits(box, o); };
    var inside = b.left >= frame.left && b.right <= frame.right
      && b.top >= frame.top && b.bottom <= frame.bottom;
    if (!inside || !taken.every(clear) || !placed.every(clear)) { return; }
    n.el.style.visibility = '';
    placed.push(box);
  });
};
"""

# Permanent labels of close stops collide at low zoom: after each zoom, a label that would
# overlap a marker or an earlier label moves to the left of its marker, else hides until the
# reader zooms in (the numbered marker stays). Stops are placed before mentioned places.
_DECLUTTER_JS = """
function hits(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }
function declutter() {
  var tips = [];
  map.eachLayer(function (l) {
    var t = l.getTooltip && l.getTooltip();
    if (t && t.options.permanent && t.getElement()) { tips.push(t); }
  });
  tips.sort(function (a, b) {
    return (a.options.className.indexOf('place') >= 0) - (b.options.className.indexOf('place') >= 0);
  });
  var taken = [], frame = map.getContainer().getBoundingClientRect(), view = map.getBounds();
  map.getContainer().querySelectorAll('.tm-stop, .tm-arrow').forEach(function (m) {
    taken.push(m.getBoundingClientRect());
  });
  var whole = function (b) {
    return b.left >= frame.left && b.right <= frame.right && b.top >= frame.top && b.bottom <= frame.bottom;
  };
  tips.forEach(function (t) {
    var el = t.getElement();
    if (!t._tm) { t._tm = {offset: L.point(t.options.offset)}; }
    var tries = [['right', t._tm.offset], ['left', L.point(-t._tm.offset.x, t._tm.offset.y)]];
    var put = function (i) {
      t.options.direction = tries[i][0];
      t.options.offset = tries[i][1];
      t.update();  // Leaflet's update() shows the label again: hidden until a side is chosen
      el.style.visibility = 'hidden';
      return el.getBoundingClientRect();
    };
    // a side where the label is clear of markers and whole on the map; else, for a stop in view,
    // a clear side the edge cuts; the label of a stop out of view never peeks in half-cut
    var cut = null;
    for (var i = 0; i < tries.length; i++) {
      var box = put(i);
      if (taken.some(function (o) { return hits(box, o); })) { continue; }
      if (whole(box)) {
        el.style.visibility = '';
        taken.push(box);
        return;
      }
      if (cut === null) { cut = i; }
    }
    if (cut !== null && view.contains(t.getLatLng())) {
      taken.push(put(cut));
      el.style.visibility = '';
    }
  });
  if (map._tmCountries) { map._tmCountries(taken, hits); }
}
map.whenReady(function () { setTimeout(declutter, 0); });
map.on('zoomend moveend resize', declutter);
// and whenever a label changes size: streamlit-folium loads leaflet.css after the map is drawn,
// and a label measured before it (a full-width block) was put 500 px to the left, off the map
if (window.ResizeObserver) {
  var queued = false;
  var resized = new ResizeObserver(function () {
    if (queued) { return; }
    queued = true;
    requestAnimationFrame(function () { queued = false; declutter(); });
  });
  map.whenReady(function () {
    setTimeout(function () {
      map.eachLayer(function (l) {
        var t = l.getTooltip && l.getTooltip();
        if (t && t.options.permanent && t.getElement()) { resized.observe(t.getElement()); }
      });
    }, 0);
  });
}
"""

# stop labels sit to the right of their markers: leave them room there, or a phone cuts them off
_FIT_JS = "map.fitBounds(data, {paddingTopLeft: [40, 40], paddingBottomRight: [110, 40], animate: false});"

# On a phone the layer switcher would cover the title: it goes to the free bottom-left corner.
# Wherever the credits wrap over that corner (a phone, a 700 px column) the corner's controls, the
# scale bar among them, stand on the credits instead of under them.
_NARROW_JS = """
var box = map.getContainer();
var corner = box.querySelector('.leaflet-bottom.leaflet-left');
var credits = box.querySelector('.leaflet-control-attribution');
var layers = box.querySelector('.leaflet-control-layers');
if (map.getSize().x < 600 && layers && corner) {
  // a phone: the switcher goes to the free corner, folded to Leaflet's layers button (a tap opens
  // it, a tap on the map folds it again), so that it covers neither the title nor the map
  corner.insertBefore(layers, corner.firstChild);
  layers.classList.remove('leaflet-control-layers-expanded');
  map.on('click', function () { layers.classList.remove('leaflet-control-layers-expanded'); });
}
function lift() {
  if (!corner || !credits) { return; }
  corner.style.bottom = '';
  var a = credits.getBoundingClientRect(), c = corner.getBoundingClientRect();
  if (c.width && a.left < c.right && a.top < c.bottom) { corner.style.bottom = credits.offsetHeight + 'px'; }
}
map.whenReady(function () { setTimeout(lift, 0); });
map.on('resize', lift);
"""

# Leaflet focuses the map on mousedown, for its arrow keys. In a page that embeds the map (the
# dashboard's iframe, a newsroom's article) that focus scrolls the outer page until the whole map
# is in view: the mouse then comes up over another spot and the first click is lost (issue 9).
# The same focus, without the scroll; the handler is re-bound so Leaflet's own is removed.
_FOCUS_JS = """
var keys = map.keyboard;
if (keys && keys.enabled()) {
  keys.disable();
  keys._onMouseDown = function () {
    if (!this._focused) { this._map.getContainer().focus({preventScroll: true}); }
  };
  keys.enable();
}
"""

# streamlit-folium gives the map one height in pixels. On a page narrower than Streamlit's column
# breakpoint (640 px: a phone) the map takes about half the screen instead, so the quotes under
# it show; the page's CSS gives the iframe the same height (views.LAYOUT_CSS, same formula).
# The page is the iframe's same-origin parent.
_FRAME_HEIGHT_JS = """
function fit() {
  var page = window.parent, narrow, tall;
  try { narrow = page.innerWidth <= 640; tall = page.innerHeight; } catch (e) { return; }
  var px = narrow ? Math.round(Math.max(260, Math.min(0.58 * tall, 520))) : data;
  var box = map.getContainer();
  if (box.style.height !== px + 'px') {
    box.style.height = px + 'px';
    map.invalidateSize();
  }
}
fit();
try { window.parent.addEventListener('resize', fit); } catch (e) {}
"""

# A popup is laid out when it opens: never wider than the map minus a margin (380 px ran off a
# phone), never taller than the room left, and panned clear of the controls that stay on screen
# (on a laptop one near the top slid under the zoom buttons). On a phone the legend and the layer
# switcher step aside while a popup is open, as the title panel does everywhere.
_POPUP_JS = """
var box = map.getContainer();
function aside(hide) {
  if (map.getSize().x >= 600) { return; }
  box.querySelectorAll('.leaflet-control-layers, .tm-legend').forEach(function (c) {
    c.style.visibility = hide ? 'hidden' : '';
  });
}
map.on('popupclose', function () { aside(false); });
map.on('popupopen', function (e) {
  var p = e.popup, size = map.getSize(), frame = box.getBoundingClientRect();
  aside(true);
  if (!p._tmBase) { p._tmBase = {max: p.options.maxWidth, min: p.options.minWidth}; }
  p.options.maxWidth = Math.max(140, Math.min(p._tmBase.max, size.x - (size.x < 600 ? 50 : 100)));
  p.options.minWidth = Math.min(p._tmBase.min, p.options.maxWidth);
  var top = 10, bottom = 10;
  box.querySelectorAll('.leaflet-control').forEach(function (c) {
    if (!c.offsetParent || getComputedStyle(c).visibility === 'hidden') { return; }
    var r = c.getBoundingClientRect();
    if (c.closest('.leaflet-top')) { top = Math.max(top, r.bottom - frame.top + 8); }
    else { bottom = Math.max(bottom, frame.bottom - r.top + 8); }
  });
  p.options.autoPanPaddingTopLeft = L.point(10, top);
  p.options.autoPanPaddingBottomRight = L.point(10, bottom);
  var content = p.getElement() && p.getElement().querySelector('.tm-popup');
  // the room left, and on a laptop no more than the stylesheet's 300 px
  var room = Math.max(120, size.y - top - bottom - 70);
  if (content) { content.style.maxHeight = (size.x < 600 ? room : Math.min(300, room)) + 'px'; }
  p.update();
});
"""

# a chevron with a white halo, pointing east; each leg's copy is turned to its direction of travel
_ARROW_SVG = (
    '<svg width="16" height="16" viewBox="0 0 14 14" aria-hidden="true">'
    '<path d="M4 2.5 9.5 7 4 11.5" fill="none" stroke="#fff" stroke-width="4.5" stroke-linecap="round"'
    ' stroke-linejoin="round"/>'
    f'<path d="M4 2.5 9.5 7 4 11.5" fill="none" stroke="{INK}" stroke-width="2.2" stroke-linecap="round"'
    ' stroke-linejoin="round"/></svg>'
)


def _arrow_icon(angle: float) -> folium.DivIcon:
    return folium.DivIcon(
        html=f'<div class="tm-arrow" style="transform: rotate({angle:g}deg)">{_ARROW_SVG}</div>',
        icon_size=(16, 16),
        icon_anchor=(8, 8),
        class_name="tm-arrow-icon",
    )


_ATTRIBUTION_JS = "data.forEach(function (t) { map.attributionControl.addAttribution(t); });"


def render_map(
    tour: Tour,
    layers: Layers,
    countries: str | None,
    options: MapOptions = MapOptions(),
    *,
    labels: str | None = None,
) -> folium.Map:
    """Draw a placed tour. ``countries`` is the basemap FeatureCollection as JSON text (None: tiles only).

    ``labels``: country names for the offline basemap as JSON text (``data/geo/country-labels.json``).
    """
    if not all(s.located for s in tour.stops):
        missing = [s.id for s in tour.stops if not s.located]
        raise ValueError(f"render_map needs a geocoded tour; stops without coordinates: {missing!r}")
    m = folium.Map(
        location=[0, 0],
        zoom_start=2,
        tiles=None,
        width="100%",
        height=options.height,
        control_scale=True,
        prefer_canvas=False,
        world_copy_jump=False,
    )
    _Css(CSS).add_to(m)
    if options.frame_height:
        _Script("FrameHeight", _FRAME_HEIGHT_JS, options.frame_height).add_to(m)
    if options.icon_path:
        _Script("IconPath", "L.Icon.Default.imagePath = data;", options.icon_path).add_to(m)
    if countries is not None:
        tiles = options.basemap != "polygons"
        fallback = options.basemap == "tiles-over-polygons"
        _Basemap(countries, list(tour.countries()), labels, tiles=tiles, fallback=fallback).add_to(m)
    if options.basemap != "polygons":
        folium.TileLayer("OpenStreetMap", attr=OSM_TILES_ATTR, name="OpenStreetMap", control=False).add_to(m)

    if options.show_borders and layers.borders:
        group = folium.FeatureGroup(name="Borders", show=True)
        for line in layers.borders:
            drawn = folium.GeoJson(
                # the dict itself: folium would otherwise round-trip the geometry through JSON text
                line.line.__geo_interface__,
                name=line.border.title,
                style_function=lambda _f: {
                    "color": BORDER,
                    "weight": 4,
                    "opacity": 0.95,
                    "className": "tm-border",
                },
                highlight_function=lambda _f: {"weight": 7},
                tooltip=folium.Tooltip(f"{text(line.border.title)} · {line.km:,.0f} km"),
                zoom_on_click=False,
            )
            if options.popups:
                drawn.add_child(folium.Popup(border_popup_html(tour, line), max_width=380))
            drawn.add_to(group)
        group.add_to(m)

    if options.show_route and layers.legs:
        group = folium.FeatureGroup(name="Route", show=True)
        for leg in layers.legs:
            ahead = tour.stop(leg.to_id).status == "upcoming"
            arc = leg.arc  # bowed to the right of travel: a leg and its return lie side by side
            folium.PolyLine(
                [(lat, lon) for lon, lat in arc.coords],
                color=INK,
                weight=2.5,
                opacity=0.9,
                dash_array="6 6" if ahead else None,
                class_name="tm-leg",
                tooltip=folium.Tooltip(leg_tooltip(tour, leg), sticky=True),
            ).add_to(group)
            lat, lon, angle = arc_arrow(arc)
            folium.Marker((lat, lon), icon=_arrow_icon(angle), interactive=False, keyboard=False).add_to(
                group
            )
        group.add_to(m)

    if options.show_places and tour.places:
        group = folium.FeatureGroup(name="Places mentioned", show=True)
        for p in tour.places:
            if not p.located:
                continue
            folium.CircleMarker(
                p.point,
                radius=6,
                color="#fff",
                weight=1.5,
                fill=True,
                fill_color=PLACE,
                fill_opacity=1,
                class_name="tm-place",
                tooltip=folium.Tooltip(
                    text(p.name),
                    permanent=True,
                    direction="right",
                    offset=(6, 0),
                    class_name="tm-label place",
                ),
                popup=folium.Popup(place_popup_html(tour, p), max_width=380) if options.popups else None,
            ).add_to(group)
        group.add_to(m)

    stops = folium.FeatureGroup(name="Stops", show=True)
    for i, s in enumerate(tour.stops):
        folium.Marker(
            s.point,
            icon=_stop_icon(i + 1, s.status),
            tooltip=folium.Tooltip(
                text(s.name), permanent=True, direction="right", offset=(12, 0), class_name="tm-label"
            ),
            popup=folium.Popup(stop_popup_html(tour, i), max_width=380, min_width=260)
            if options.popups
            else None,
        ).add_to(stops)
    stops.add_to(m)

    if options.layer_control:
        folium.LayerControl(collapsed=False, position="topright").add_to(m)
    if options.title_panel:
        _Script(
            "TitlePanel",
            _CONTROL_JS,
            {"position": "topleft", "cls": "tm-title", "html": _panel_html(tour), "hideOnPopup": True},
        ).add_to(m)
    if options.legend:
        _Script(
            "Legend",
            _CONTROL_JS,
            {
                "position": "bottomright",
                "cls": "tm-legend",
                "html": legend_html(tour, layers, options, fold=True),
                "hideOnPopup": False,
            },
        ).add_to(m)
    _Script("Credits", _ATTRIBUTION_JS, credits_for(tour, layers, basemap=countries is not None)).add_to(m)
    _Script("Declutter", _DECLUTTER_JS, None).add_to(m)
    _Script("Narrow", _NARROW_JS, None).add_to(m)
    if options.popups:
        _Script("PopupFit", _POPUP_JS, None).add_to(m)
    _Script("FocusWithoutScroll", _FOCUS_JS, None).add_to(m)
    if layers.bounds is not None:
        # no animation: the first thing a reader (or a test) sees is the framed tour, not a zoom
        _Script("FitTour", _FIT_JS, [list(corner) for corner in layers.bounds]).add_to(m)
    if options.story:
        add_story(m, tour, layers, options.article)
    stabilise_ids(m)
    return m


def credits_for(tour: Tour, layers: Layers, *, basemap: bool) -> list[str]:
    """Attribution for each data source the map actually draws."""
    out = []
    if basemap:
        out.append(CREDITS["naturalearth"])
    if any("openstreetmap" in (b.source or "").lower() for b in layers.borders):
        out.append(CREDITS["osm_border"])
    placed = [s.placed_by for s in tour.stops] + [p.placed_by for p in tour.places]
    if any(by == "GeoNames" for by in placed):
        out.append(CREDITS["geonames"])
    if any(by and "nominatim" in by.lower() for by in placed):
        out.append(
            'Geocoding: <a href="https://nominatim.openstreetmap.org/">Nominatim</a> / OpenStreetMap (ODbL)'
        )
    return out


def _walk(el: Element) -> Iterable[Element]:
    yield el
    for extra in ("header", "html", "script"):
        sub = getattr(el, extra, None)
        if isinstance(sub, Element):
            yield from _walk(sub)
    for child in list(el._children.values()):
        yield from _walk(child)


def stabilise_ids(m: folium.Map) -> None:
    """Replace folium's random element ids by a counter: same tour in, same bytes out.

    Streamlit-folium reloads the map whenever its HTML changes, so random ids cause rerun loops.
    Children are keyed by their name, which embeds the id, so the keys are renamed as well.
    """
    root = m.get_root()
    assert isinstance(root, Figure)
    elements = list(_walk(root))
    keyed = {
        id(el): [(key, child, key == child.get_name()) for key, child in el._children.items()]
        for el in elements
    }
    for n, el in enumerate(elements):
        el._id = f"{n:04d}"
    for el in elements:
        el._children = OrderedDict(
            (child.get_name() if by_name else key, child) for key, child, by_name in keyed[id(el)]
        )
