"""Story mode for the exported map: an itinerary panel that walks the reader through the stops.

The page gets a static skeleton (no tour strings in it), a stylesheet and a script; the tour's
strings travel as one JSON document that the script puts on the page with ``textContent`` only,
so a name can never become markup. The JSON is written with ``<`` escaped, so ``</script>`` in
a quote cannot end the script element, and it is added verbatim (``render.Raw``, never through
branca's Jinja).

The step is kept in the URL hash (``#overview``, ``#stop-1`` …), so links open the map at a stop
and the browser's Back and Forward step too. In a frame of a page of the same origin (the
dashboard's Story view) the step is also mirrored into that page's address, and the ← → keys work
on that page as well.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from branca.element import Figure, MacroElement

from tourmap._folium import folium
from tourmap.display import NAME_LIMIT, PARAGRAPH_LIMIT, QUOTE_LIMIT, clip, short
from tourmap.errors import InputError
from tourmap.geometry import Layers
from tourmap.model import Quote, Stop, Tour

ARTICLE_LIMIT = 4_000_000  # bytes; as ``tourmap build`` accepts for an article (batch.MAX_ARTICLE_BYTES)


# --- the data the script reads ---------------------------------------------------------------


def _date(stop: Stop) -> str | None:
    return f"{stop.date.day} {stop.date:%b %Y}" if stop.date else None


def _where(stop: Stop) -> str | None:
    """The town a stop is drawn at ("Buenos Aires" for Argentina), unless it is the stop's name."""
    if not stop.place:
        return None
    town = stop.place.split(",")[0].strip()
    return short(town) if town and town != stop.name else None


def stop_paragraph(article: str | None, tour: Tour, stop: Stop) -> str | None:
    """The article paragraph that tells of a stop: the first naming it, else its first quote's.

    A lede ("Mexico City: Secretary of State …") reads better than a quote's paragraph, and a
    stop still to come ("will then visit Peru") is often named but never quoted.
    """
    if not article:
        return None
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", article) if p.strip()]
    named = re.compile(rf"(?<!\w){re.escape(stop.name)}(?!\w)")
    found = next((p for p in paragraphs[1:] if named.search(p)), None)  # [0] is the headline
    if found is None:
        from tourmap.views import paragraph_of

        spans = [q.span for q in tour.quotes_said_at(stop.id) if q.span]
        found = paragraph_of(article, spans[0]) if spans else None
    if found is None:
        return None
    shown = clip(found, PARAGRAPH_LIMIT)
    return shown.text + "…" if shown.cut else shown.text


def _quote(q: Quote) -> dict[str, Any]:
    shown = clip(q.text, QUOTE_LIMIT)
    return {
        "id": q.id,
        "speaker": short(q.speaker) if q.speaker else None,
        "text": shown.text,
        "cut": shown.cut,
    }


def story_data(tour: Tour, layers: Layers, article: str | None = None) -> dict[str, Any]:
    """Everything the panel shows, in visiting order; strings plain (the script never parses them)."""
    into = {(leg.from_id, leg.to_id): leg for leg in layers.legs}
    stops = []
    for i, s in enumerate(tour.stops):
        leg = into.get((tour.stops[i - 1].id, s.id)) if i else None
        said = tour.quotes_said_at(s.id)
        about = [q for q in tour.quotes_about(s.id) if q.said_at != s.id]
        stops.append(
            {
                "n": i + 1,
                "name": short(s.name, NAME_LIMIT),
                "where": _where(s),
                "status": s.status,
                "date": _date(s),
                "lat": s.lat,
                "lon": s.lon,
                "km": round(leg.km) if leg else None,
                "leg": [[round(lat, 4), round(lon, 4)] for lon, lat in leg.arc.coords] if leg else None,
                "paragraph": stop_paragraph(article, tour, s),
                "quotes": [_quote(q) for q in (*said, *about)],
            }
        )
    bounds = [list(c) for c in layers.bounds] if layers.bounds else None
    return {"stops": stops, "bounds": bounds, "km": round(layers.total_km)}


# escaped inside strings too: no HTML parser, Jinja pass or JS template literal can read them
_SCRIPT_ESCAPES = {c: f"\\u{ord(c):04x}" for c in "<>&$`{}\u2028\u2029"}


def _escaped(value: str) -> str:
    return "".join(_SCRIPT_ESCAPES.get(c, c) for c in json.dumps(value, ensure_ascii=False))


def script_json(data: object) -> str:
    """JSON as a JavaScript expression that no string in it can end, comment out or template.

    ``</script>`` would end the element; ``${`` and backticks matter in template literals, and
    ``{{`` to a Jinja pass. Every one of them is a \\u escape inside its string.
    """
    if isinstance(data, str):
        return _escaped(data)
    if isinstance(data, dict):
        return "{" + ",".join(f"{_escaped(str(k))}:{script_json(v)}" for k, v in data.items()) + "}"
    if isinstance(data, list | tuple):
        return "[" + ",".join(script_json(v) for v in data) + "]"
    return json.dumps(data)


def article_for(source: Path, tour: Tour) -> str | None:
    """The article a map is built from: the source itself (.txt), or the tour's ``source.path``.

    A missing or unreadable article is no error: the panel then shows the stops' quotes only.
    """
    from tourmap.tourfile import read_text

    if source.suffix.lower() == ".txt":
        path = source
    elif tour.source and tour.source.path:
        path = source.parent / tour.source.path
    else:
        return None
    try:
        return read_text(path, max_bytes=ARTICLE_LIMIT, what="article")
    except InputError:
        return None


# --- the page ---------------------------------------------------------------------------------


class _Story(MacroElement):
    """Style, skeleton and script, added when the map renders (its variable exists by then)."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self._name = "Story"
        self.data = data

    def render(self, **kwargs: object) -> str:
        from tourmap.render import Raw  # render imports this module: Raw exists by now

        figure = self.get_root()
        assert isinstance(figure, Figure) and self._parent is not None
        name = self._parent.get_name()
        figure.header.add_child(Raw(f"<style>{STORY_CSS}</style>"), name="tm_story_css")
        figure.html.add_child(Raw(STORY_HTML), name="tm_story_html")
        script = f"(function (map, data) {{{STORY_JS}}})({name}, {script_json(self.data)});"
        figure.script.add_child(Raw(script), name="tm_story_js")
        return ""


def add_story(m: folium.Map, tour: Tour, layers: Layers, article: str | None = None) -> None:
    """Give an exported map its itinerary panel, step controls, keys and URL hash."""
    _Story(story_data(tour, layers, article)).add_to(m)


STORY_HTML = """
<aside class="tm-story" id="tm-story" aria-label="Story">
  <div class="tm-story-bar">
    <button type="button" class="tm-prev" aria-label="Previous stop">&#8249; Previous</button>
    <button type="button" class="tm-play" aria-pressed="false">&#9654; Play</button>
    <button type="button" class="tm-next" aria-label="Next stop">Next &#8250;</button>
    <button type="button" class="tm-fold" aria-expanded="true" aria-controls="tm-story-body"
      aria-label="Show or hide the story">&#9662;</button>
  </div>
  <div class="tm-story-body" id="tm-story-body">
    <section class="tm-now" aria-labelledby="tm-now-title">
      <div class="tm-now-kicker"></div>
      <h2 id="tm-now-title" class="tm-now-title"></h2>
      <div class="tm-now-meta"></div>
      <p class="tm-now-text"></p>
      <div class="tm-now-quotes"></div>
    </section>
    <nav aria-label="Itinerary"><h3 class="tm-it-head">Itinerary</h3><ol class="tm-it"></ol></nav>
  </div>
  <p class="tm-live" aria-live="polite"></p>
</aside>
"""

STORY_CSS = """
body { display: flex; }
.folium-map { flex: 1 1 auto; min-width: 0; width: auto !important; }
.tm-story { order: -1; flex: 0 0 360px; box-sizing: border-box; height: 100%; overflow-y: auto;
  background: #fbfaf7; border-right: 1px solid #d9d4c7; color: #222;
  font: 15px/1.5 Georgia, "Times New Roman", serif; display: flex; flex-direction: column; }
.tm-story button { font: 600 13px/1.2 -apple-system, "Segoe UI", Roboto, Arial, sans-serif; cursor: pointer; }
.tm-story-bar { display: flex; gap: 6px; padding: 10px 14px; border-bottom: 1px solid #e3ded2;
  position: sticky; top: 0; background: #fbfaf7; z-index: 1; }
.tm-story-bar button { flex: 1 1 auto; padding: 8px 6px; border: 1px solid #1d3557; border-radius: 4px;
  background: #fff; color: #1d3557; }
.tm-story-bar button:hover { background: #eef2f7; }
.tm-story-bar button:disabled { opacity: .4; cursor: default; }
.tm-story-bar .tm-play[aria-pressed="true"] { background: #1d3557; color: #fff; }
.tm-story-bar .tm-fold { display: none; flex: 0 0 36px; }
.tm-story button:focus-visible { outline: 3px solid #e07a00; outline-offset: 1px; }
.tm-story-body { padding: 4px 18px 18px; }
.tm-now-kicker { margin-top: 12px; font: 600 11px/1.3 -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  text-transform: uppercase; letter-spacing: .06em; color: #c1121f; }
.tm-now-title { margin: 2px 0 2px; font-size: 24px; line-height: 1.2; color: #1d3557; }
.tm-now-meta { font: 13px/1.4 -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #5c5c5c; }
.tm-now-text { margin: 12px 0; }
.tm-now-text:empty { display: none; }
.tm-now-quotes blockquote { margin: 10px 0; padding: 2px 0 2px 12px; border-left: 3px solid #c1121f;
  font-style: italic; }
.tm-now-quotes cite { display: block; font: normal 12px/1.4 -apple-system, "Segoe UI", Roboto, Arial,
  sans-serif; color: #5c5c5c; margin-top: 2px; }
.tm-it-head { margin: 18px 0 6px; padding-top: 10px; border-top: 1px solid #e3ded2;
  font: 600 11px/1.3 -apple-system, "Segoe UI", Roboto, Arial, sans-serif; text-transform: uppercase;
  letter-spacing: .06em; color: #1d3557; }
.tm-it { list-style: none; margin: 0; padding: 0; }
.tm-it button { display: grid; grid-template-columns: 26px 1fr auto; gap: 2px 10px; align-items: center;
  width: 100%; text-align: left; padding: 7px 8px; margin: 2px 0; border: 1px solid transparent;
  border-radius: 4px; background: none; color: #222; font-weight: 500; }
.tm-it button:hover { background: #f0ece2; }
.tm-it button[aria-current="step"] { background: #1d3557; color: #fff; }
.tm-it .tm-n { grid-row: span 2; display: flex; align-items: center; justify-content: center;
  width: 24px; height: 24px; border-radius: 50%; background: #c1121f; color: #fff; font-size: 12px; }
.tm-it .upcoming .tm-n { background: #fff; color: #c1121f; border: 2px dashed #c1121f;
  box-sizing: border-box; }
.tm-it .tm-name { font-weight: 700; font-size: 14px; }
.tm-it .tm-km { font-weight: 500; font-size: 12px; opacity: .8; }
.tm-it .tm-sub { grid-column: 2 / 4; font-weight: 400; font-size: 12px; opacity: .8; }
.tm-live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; margin: 0; }
.tm-leg-now { filter: drop-shadow(0 0 2px #fff); }
@media (max-width: 760px) {
  body { flex-direction: column; }
  .folium-map { height: auto !important; min-height: 0; width: 100% !important; }
  .tm-story { order: 1; flex: 0 0 auto; height: auto; max-height: 33vh; border-right: 0;
    border-top: 1px solid #d9d4c7; box-shadow: 0 -2px 6px rgba(0,0,0,.12); font-size: 14px; }
  .tm-story-bar { padding: 6px 10px; }
  .tm-story-bar .tm-fold { display: block; }
  .tm-story-body { padding: 0 14px 12px; }
  .tm-story.tm-folded .tm-story-body { display: none; }
  .tm-now-title { font-size: 19px; }
  .tm-now-kicker { margin-top: 8px; }
  /* the panel under the map shows the quotes in full: a short popup leaves the map in view */
  .tm-popup { max-height: 170px; }
}
@media (prefers-reduced-motion: reduce) { .tm-story * { transition: none !important; } }
"""

# ES5 with DOM calls only: every tour string goes in through textContent.
STORY_JS = """
var stops = data.stops, N = stops.length, cur = -1, timer = null, seq = 0;
var DELAY = window.tmStoryDelay || 4000;
var box = document.getElementById('tm-story');
var q = function (sel) { return box.querySelector(sel); };
var reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) { e.className = cls; }
  if (text !== null && text !== undefined) { e.textContent = text; }
  return e;
}
function bdi(text) { return el('bdi', null, text); }
function fmt(km) { return Math.round(km).toLocaleString('en-US') + ' km'; }
function state(s) { return s.date ? s.status + ', ' + s.date : s.status; }
var markers = [];
map.eachLayer(function (l) { if (l instanceof L.Marker) { markers.push(l); } });
stops.forEach(function (s) {
  for (var i = 0; i < markers.length; i++) {
    if (!markers[i]._tmStop && markers[i].getLatLng().equals([s.lat, s.lon])) {
      s.marker = markers[i]; markers[i]._tmStop = true; return;
    }
  }
});
var leg = L.polyline([], {color: '#c1121f', weight: 6, opacity: 0.9, interactive: false,
  className: 'tm-leg-now'});
var list = q('.tm-it'), buttons = [];
stops.forEach(function (s, i) {
  var b = el('button', s.status);
  b.type = 'button';
  b.appendChild(el('span', 'tm-n', String(s.n)));
  var name = el('span', 'tm-name');
  name.appendChild(bdi(s.name));
  b.appendChild(name);
  b.appendChild(el('span', 'tm-km', s.km === null ? 'start' : fmt(s.km)));
  var sub = el('span', 'tm-sub');
  if (s.where) { sub.appendChild(bdi(s.where)); sub.appendChild(document.createTextNode(' · ')); }
  sub.appendChild(document.createTextNode(state(s)));
  b.appendChild(sub);
  b.addEventListener('click', function () { go(i + 1); });
  var li = el('li');
  li.appendChild(b);
  list.appendChild(li);
  buttons.push(b);
});
function announce(n) {
  if (n === 0) { return 'Overview: ' + N + ' stops, ' + fmt(data.km); }
  // plain text, so each name is isolated by FSI ... PDI instead of <bdi>
  var s = stops[n - 1], fsi = function (t) { return '\\u2068' + t + '\\u2069'; };
  var where = s.where ? ' (' + fsi(s.where) + ')' : '';
  return 'Stop ' + n + ' of ' + N + ': ' + fsi(s.name) + where + ', ' + state(s);
}
function fill(n) {
  var s = n ? stops[n - 1] : null;
  q('.tm-now-kicker').textContent = s ? 'Stop ' + n + ' of ' + N : 'The journey';
  var title = q('.tm-now-title');
  title.textContent = '';
  title.appendChild(bdi(s ? s.name : N + ' stops'));
  var meta = q('.tm-now-meta');
  meta.textContent = '';
  if (s) {
    if (s.where) { meta.appendChild(bdi(s.where)); meta.appendChild(document.createTextNode(' · ')); }
    var from = s.km === null ? '' : ' · ' + fmt(s.km) + ' from stop ' + (n - 1);
    meta.appendChild(document.createTextNode(state(s) + from));
  } else {
    meta.textContent = fmt(data.km) + ' in all. Press Next, Play or the \\u2192 key to follow the trip.';
  }
  q('.tm-now-text').textContent = s && s.paragraph ? s.paragraph : '';
  var quotes = q('.tm-now-quotes');
  quotes.textContent = '';
  (s ? s.quotes : []).forEach(function (x) {
    var bq = el('blockquote');
    bq.appendChild(document.createTextNode('\\u201c'));
    bq.appendChild(bdi(x.text + (x.cut ? '\\u2026' : '')));
    bq.appendChild(document.createTextNode('\\u201d'));
    var who = el('cite', null, '\\u2014 ');
    who.appendChild(bdi(x.speaker || 'Unattributed'));
    bq.appendChild(who);
    quotes.appendChild(bq);
  });
  buttons.forEach(function (b, i) {
    if (i + 1 === n) { b.setAttribute('aria-current', 'step'); } else { b.removeAttribute('aria-current'); }
  });
  q('.tm-prev').disabled = n === 0;
  q('.tm-next').disabled = n === N;
  q('.tm-live').textContent = announce(n);
  if (n && box.scrollTop > 0 && window.innerWidth > 760) { box.scrollTop = 0; }
}
function view(s) {
  // the stop in the middle, zoomed so the whole leg that led there is in view
  if (!s.leg) { return [L.latLng(s.lat, s.lon), 5]; }
  var here = L.latLng(s.lat, s.lon), p = map.project(here, 0);
  var pts = [here];
  s.leg.forEach(function (ll) {
    var o = map.project(ll, 0);
    pts.push(L.latLng(ll), map.unproject(p.multiplyBy(2).subtract(o), 0));
  });
  var zoom = map.getBoundsZoom(L.latLngBounds(pts), false, L.point(60, 90));
  return [here, Math.max(1, Math.min(zoom, 7))];
}
function show(n, animate) {
  cur = n;
  fill(n);
  map.invalidateSize({pan: false});  // on a phone the panel's new text may have changed the map's height
  var token = ++seq, s = n ? stops[n - 1] : null;
  map.closePopup();
  if (s && s.leg) { leg.setLatLngs(s.leg).addTo(map); } else { leg.remove(); }
  var moving = animate && !reduce;
  var open = function () {
    var popup = s && s.marker && s.marker.getPopup();
    if (token !== seq || !popup) { return; }
    // clear of the zoom buttons: on a phone the popup is as wide as the map
    popup.options.autoPanPaddingTopLeft = L.point(10, 84);
    s.marker.openPopup();
  };
  if (!s) {
    if (data.bounds) {
      var pad = {paddingTopLeft: [40, 40], paddingBottomRight: [110, 40]};
      if (moving) { map.flyToBounds(data.bounds, L.extend({duration: 1}, pad)); }
      else { map.fitBounds(data.bounds, L.extend({animate: false}, pad)); }
    }
    return;
  }
  var v = view(s);
  if (moving) {
    map.once('moveend', open);
    map.flyTo(v[0], v[1], {duration: 1});
  } else {
    map.setView(v[0], v[1], {animate: false});
    open();
  }
}
function parse(hash) {
  var m = /^#stop-(\\d+)$/.exec(hash || '');
  var n = m ? parseInt(m[1], 10) : 0;
  return n >= 1 && n <= N ? n : 0;
}
// Embedded in a page of the same origin (the dashboard's iframe), the step is mirrored into that
// page's address, so the reader can copy a link to a stop; the host's own history stays its own.
var host = null;
try {
  // reading the parent's document throws unless it is of the same origin (a srcdoc frame's own
  // location.origin is "null", so it cannot be compared)
  if (window.parent !== window && window.parent.document.body) { host = window.parent; }
} catch (e) { host = null; }
function mirror(hash) {
  if (!host) { return; }
  try {
    var u = host.location;
    if (u.hash !== hash) { host.history.replaceState(host.history.state, '', u.pathname + u.search + hash); }
  } catch (e) { host = null; }
}
function at(hash) {
  // absolute: a srcdoc frame resolves '#stop-1' against its parent's address, which it may not take
  return location.href.replace(/#.*$/, '') + hash;
}
function go(n) {
  // shown now and pushed, not left to 'hashchange': a second key press before that event would
  // still see the old step
  n = Math.max(0, Math.min(N, n));
  var hash = n ? '#stop-' + n : '#overview';
  if (location.hash !== hash) { history.pushState(null, '', at(hash)); }
  mirror(hash);
  show(n, true);
}
// Back, Forward, and a link edited by hand
window.addEventListener('hashchange', function () {
  var n = parse(location.hash);
  mirror(n ? '#stop-' + n : '#overview');
  if (n !== cur) { show(n, true); }
});
function stopPlay() {
  if (timer === null) { return; }
  clearInterval(timer);
  timer = null;
  q('.tm-play').setAttribute('aria-pressed', 'false');
  q('.tm-play').textContent = '\\u25b6 Play';
}
function play() {
  if (cur >= N) { go(0); }
  q('.tm-play').setAttribute('aria-pressed', 'true');
  q('.tm-play').textContent = '\\u275a\\u275a Pause';
  var tick = function () { if (cur >= N) { stopPlay(); } else { go(cur + 1); } };
  tick();
  timer = setInterval(tick, DELAY);
}
q('.tm-prev').addEventListener('click', function () { go(cur - 1); });
q('.tm-next').addEventListener('click', function () { go(cur + 1); });
q('.tm-play').addEventListener('click', function () { if (timer === null) { play(); } else { stopPlay(); } });
q('.tm-fold').addEventListener('click', function () {
  var folded = box.classList.toggle('tm-folded');
  this.setAttribute('aria-expanded', String(!folded));
  this.textContent = folded ? '\\u25b4' : '\\u25be';
});
// any action of the reader ends Play (the Play button itself toggles it)
['pointerdown', 'keydown', 'wheel', 'touchstart'].forEach(function (type) {
  window.addEventListener(type, function (e) {
    if (!q('.tm-play').contains(e.target)) { stopPlay(); }
  }, {capture: true, passive: true});
});
function typing(t) {
  if (!t || !t.tagName) { return false; }
  if (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT') { return true; }
  return t.tagName === 'INPUT' && !/^(checkbox|radio|button|submit|reset|image|file|color)$/i.test(t.type);
}
// captured on the window, before Leaflet's keyboard handler (on the document while the map has
// focus) sees the key: the map keeps its up and down keys, left and right step the story
function onKey(e) {
  if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') { return; }
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.defaultPrevented || typing(e.target)) { return; }
  e.preventDefault();
  e.stopPropagation();
  go(cur + (e.key === 'ArrowRight' ? 1 : -1));
}
window.addEventListener('keydown', onKey, true);
if (host) {
  // the page around the frame is "the page" too: an action there ends Play, and its ← → keys
  // step the story. Listened to while this map lives, and let go when the frame goes.
  var hooks = [];
  var unhook = function () {
    hooks.forEach(function (h) { host.removeEventListener(h[0], h[1], true); });
    hooks = [];
  };
  var hook = function (type, fn, passive) {
    var h = function (e) {
      if (!map.getContainer().isConnected) { unhook(); return; }
      fn(e);
    };
    host.addEventListener(type, h, {capture: true, passive: passive});
    hooks.push([type, h]);
  };
  ['pointerdown', 'keydown', 'wheel', 'touchstart'].forEach(function (type) { hook(type, stopPlay, true); });
  hook('keydown', function (e) {
    var t = e.target;
    if (t && t.closest && t.closest('iframe, [role="grid"], [contenteditable]')) { return; }
    onKey(e);
  }, false);
  window.addEventListener('pagehide', unhook);
}
if (window.ResizeObserver) {
  new ResizeObserver(function () { map.invalidateSize({pan: false}); }).observe(map.getContainer());
}
var start = parse(location.hash);
if (!start && host) {
  // a link to the host page at a stop (copied from its address bar) opens the story there
  try { start = parse(host.location.hash); } catch (e) { start = 0; }
  if (start) { history.replaceState(null, '', at('#stop-' + start)); }
}
show(start, false);
"""
