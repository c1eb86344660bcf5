"""Hostile and oversized tours made by the tests themselves (issue 7): Markdown, HTML, bidi, NUL, size.

Every string a tour can carry holds the same payload after a tag naming its field, so a test can
look for each one, literally, on the page that shows it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tourmap.pipeline import BuiltTour

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: reorders what follows it unless the string is isolated


def payload(port: int) -> str:
    """What Markdown, Streamlit's Markdown extras or HTML would turn into something else."""
    return (
        f"![x](http://127.0.0.1:{port}/track.png) <img src=http://127.0.0.1:{port}/img.png> "
        "`code` __init__ **bold** a\\\\b c\\*d :red[x] :material/home: :smile: $x^2$ "
        "[link](javascript:alert(1))"
    )


def hostile_tour(port: int) -> dict[str, object]:
    """A valid tour whose every shown string is hostile; NUL and RLO sit inside some of them."""
    evil = payload(port)
    article = hostile_article(port)
    start = article.index("Quote ")
    return {
        "title": f"Title\x00 {evil}",
        "traveller": f"Traveller {RLO}olleh {evil}",
        "stops": [
            {"id": "lima", "name": f"Stop {RLO}amil {evil}", "country": "PE", "lat": -12.05, "lon": -77.04},
            {"id": "quito", "name": f"Second {evil}", "country": "EC", "lat": -0.22, "lon": -78.51},
        ],
        "places": [{"id": "caracas", "name": f"Place {RLO}sacarac {evil}", "lat": 10.49, "lon": -66.88}],
        "borders": [{"id": "pe-ec", "countries": ["PE", "EC"], "label": f"Border {evil}"}],
        "quotes": [
            {
                "id": "q1",
                "text": f"Quote {evil}",
                "speaker": f"Speaker {RLO}rekaeps {evil}",
                "said_at": "lima",
                "about": ["caracas", "pe-ec"],
                "span": [start, start + len(f"Quote {evil}")],
            },
            {"id": "q2", "text": f"Other\x00 {evil}", "speaker": f"Other {evil}", "said_at": "quito"},
        ],
    }


def hostile_article(port: int) -> str:
    return f"Headline {payload(port)}\n\nThe minister said: “Quote {payload(port)}” in Lima.\n"


def hostile_tour_json(port: int) -> str:
    return json.dumps(hostile_tour(port), ensure_ascii=False)


def hostile_built(port: int, geo_dir: Path) -> BuiltTour:
    """The hostile tour parsed and laid out, as a map is drawn from it."""
    from tourmap.geometry import build_layers
    from tourmap.pipeline import BuiltTour
    from tourmap.tourfile import parse_tour

    tour = parse_tour(hostile_tour_json(port), fmt="json")
    return BuiltTour(tour, build_layers(tour, geo_dir))


def words(tag: str, size: int) -> str:
    """``size`` characters of prose starting with ``tag``."""
    filler = " the minister said that cooperation would continue"
    return (tag + filler * (size // len(filler) + 1))[:size].rstrip()


def long_tour_json(quote_chars: int = 1_500_000) -> str:
    """A tour just under the 2 MB limit: one quote of ``quote_chars`` and long names around it."""
    return json.dumps(
        {
            "title": words("Long title", 20_000),
            "traveller": words("Traveller", 20_000),
            "stops": [
                {"id": "lima", "name": words("Lima", 20_000), "lat": -12.05, "lon": -77.04},
                {"id": "quito", "name": "Quito", "lat": -0.22, "lon": -78.51},
            ],
            "places": [{"id": "caracas", "name": words("Caracas", 20_000), "lat": 10.49, "lon": -66.88}],
            "quotes": [
                {
                    "id": "q1",
                    "text": words("QSTART", quote_chars),
                    "speaker": words("Speaker", 20_000),
                    "said_at": "lima",
                    "about": ["caracas"],
                }
            ],
        }
    )


# For every drawn text node holding a RLO under ``root``: is it alone in an inline element whose
# computed unicode-bidi isolates it (<bdi>), or inside FSI…PDI marks, and do the characters of
# the next text after it (same line) still run left to right? Unisolated, the override reorders them.
BIDI_JS = r"""(root) => {
  const nodes = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const t = walker.currentNode, box = t.parentElement.getBoundingClientRect();
    // drawn text only: not scripts, nor a grid's zero-size table for screen readers
    if (!['SCRIPT', 'STYLE'].includes(t.parentElement.tagName) && box.width + box.height > 0) nodes.push(t);
  }
  const out = [];
  nodes.forEach((n, i) => {
    if (!n.data.includes('\u202e')) return;
    // the string alone in an inline element that isolates it (Chromium computes 'isolate' for
    // every div and heading too, which does not keep an override off the text after it there)
    const el = n.parentElement, style = getComputedStyle(el);
    const inBdi = el.textContent === n.data && style.display.startsWith('inline')
      && ['isolate', 'isolate-override', 'plaintext'].includes(style.unicodeBidi);
    // or, in plain text (a chart label), every override between FSI/LRI/RLI and PDI
    let depth = 0, marked = true;
    for (const ch of n.data) {
      if ('\u2066\u2067\u2068'.includes(ch)) depth++;
      else if (ch === '\u2069') depth = Math.max(0, depth - 1);
      else if (ch === '\u202e' && depth === 0) marked = false;
    }
    const isolated = inBdi || marked;
    // an override reaches no further than its paragraph: the text after it in the same block
    const block = (t) => {
      let b = t.parentElement;
      while (b.parentElement && getComputedStyle(b).display.startsWith('inline')) b = b.parentElement;
      return b;
    };
    const next = nodes.slice(i + 1).find(
      m => m.data.trim().length >= 3 && !m.data.includes('\u202e') && block(m) === block(n));
    let ordered = true;
    if (next) {
      const boxes = [];
      for (let k = 0; k < Math.min(next.data.length, 16); k++) {
        if (!next.data[k].trim()) continue;
        const r = document.createRange();
        r.setStart(next, k);
        r.setEnd(next, k + 1);
        const b = r.getBoundingClientRect();
        if (b.width) boxes.push(b);
      }
      const line = boxes.filter(b => Math.abs(b.top - boxes[0].top) < 2);
      ordered = line.every((b, j) => j === 0 || b.left > line[j - 1].left);
    }
    out.push({text: n.data.slice(0, 30), isolated, ordered, next: next ? next.data.slice(0, 30) : null});
  });
  return out;
}"""


class Tracker:
    """A local HTTP server that counts every request: a hostile image URL must never be fetched."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        hits: list[str] = []

        class Count(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(404)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.hits = hits
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Count)
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
