"""The map's structure: numbered stops, quote popups, layers, credits, escaping, determinism."""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import replace

import folium
import pytest
from branca.element import Element

from tourmap.export import map_html
from tourmap.pipeline import BuiltTour, make_map
from tourmap.render import MapOptions
from tourmap.settings import Settings


def _groups(m: folium.Map) -> dict[str, folium.FeatureGroup]:
    return {c.layer_name: c for c in m._children.values() if isinstance(c, folium.FeatureGroup)}


def _popup_html(el: Element) -> str:
    popups = [c for c in el._children.values() if isinstance(c, folium.Popup)]
    assert len(popups) == 1
    return "".join(h.data for h in popups[0].html._children.values())


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_five_numbered_markers_in_visiting_order(built: BuiltTour, settings: Settings) -> None:
    m = make_map(built, settings)
    markers = [c for c in _groups(m)["Stops"]._children.values() if isinstance(c, folium.Marker)]
    assert len(markers) == 5
    numbers = [re.search(r">(\d+)<", mk.icon.options["html"]).group(1) for mk in markers]  # type: ignore[union-attr]
    assert numbers == ["1", "2", "3", "4", "5"]
    assert "visited" in markers[0].icon.options["html"]
    assert all("upcoming" in mk.icon.options["html"] for mk in markers[1:])
    assert [tuple(mk.location) for mk in markers] == [s.point for s in built.tour.stops]


def test_every_quote_is_in_the_popup_of_the_stop_where_it_was_said(
    built: BuiltTour, settings: Settings
) -> None:
    m = make_map(built, settings)
    markers = [c for c in _groups(m)["Stops"]._children.values() if isinstance(c, folium.Marker)]
    first = _popup_html(markers[0])
    assert "<b><bdi>Rex Tillerson</bdi></b>" in first and "<b><bdi>Luis Videgaray</bdi></b>" in first
    for q in built.tour.quotes:
        assert q.said_at == "mexico-city"
        assert f"“{q.text}”" in _text(first), q.id
    assert "Stop 1 of 5 · visited · 2 Feb 2018" in _text(first)
    assert "No quotes from this stop yet" in _text(_popup_html(markers[1]))


def test_border_and_places_carry_the_quotes_about_them(built: BuiltTour, settings: Settings) -> None:
    groups = _groups(make_map(built, settings))
    border = next(c for c in groups["Borders"]._children.values() if isinstance(c, folium.GeoJson))
    text = _text(_popup_html(border))
    line = built.layers.border("us-mx")
    assert line is not None and f"{line.km:,.0f} km" in text
    assert "“painful”" in text and "“an enormous gain for Mexico and a loss for the United States.”" in text
    places = [c for c in groups["Places mentioned"]._children.values() if isinstance(c, folium.CircleMarker)]
    assert len(places) == 3
    venezuela = next(p for p in places if "Venezuela" in _popup_html(p))
    assert "“stay and run.”" in _text(_popup_html(venezuela))


def test_layers_legend_credits_and_fitted_view(built: BuiltTour, settings: Settings) -> None:
    page = map_html(make_map(built, settings), offline=True)
    assert set(_groups(make_map(built, settings))) == {"Stops", "Route", "Borders", "Places mentioned"}
    assert "L.control.layers(" in page
    for credit in ("Natural Earth", "OpenStreetMap", "GeoNames", "CC BY 4.0", "ODbL", "public domain"):
        assert credit in page
    assert "Stop announced" in page and "Route ahead" in page  # legend
    assert "fitBounds" in page


def test_switches_hide_layers(built: BuiltTour, settings: Settings) -> None:
    m = make_map(built, settings, MapOptions(show_route=False, show_borders=False, show_places=False))
    assert set(_groups(m)) == {"Stops"}


def test_legend_lists_only_what_the_map_draws(built: BuiltTour) -> None:
    from tourmap.render import CSS, legend_html

    full = legend_html(built.tour, built.layers, MapOptions())
    # Mexico City is visited; every leg leads to an announced stop, so no "travelled" line
    assert "Stop visited" in full and "Stop announced" in full and "Route ahead" in full
    assert "Route travelled" not in full
    assert "Border in the story" in full and "Place mentioned" in full
    bare = legend_html(built.tour, built.layers, MapOptions(show_borders=False, show_places=False))
    assert "Border in the story" not in bare and "Place mentioned" not in bare
    # the chevron on each leg is on the route's swatch too (a row of its own covered a country name)
    assert re.search(r"\.tm-sw-ahead::after \{[^}]*rotate\(45deg\)", CSS)


def test_same_tour_gives_the_same_bytes(built: BuiltTour, settings: Settings) -> None:
    one = map_html(make_map(built, settings), offline=True)
    two = map_html(make_map(built, settings), offline=True)
    assert one == two
    assert one.count("marker_") > 0


def test_offline_page_is_self_contained_and_small(built: BuiltTour, settings: Settings) -> None:
    page = map_html(make_map(built, settings), offline=True)
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert "tile.openstreetmap" not in page and "L.tileLayer" not in page
    assert "sourceMappingURL" not in page
    assert len(page.encode()) <= 600_000


def test_cdn_page_uses_folium_assets_and_osm_tiles(built: BuiltTour, settings: Settings) -> None:
    page = map_html(make_map(built, settings, MapOptions(basemap="tiles")), offline=False)
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js">' in page
    assert "tile.openstreetmap.org" in page


@pytest.mark.parametrize(
    ("evil", "shown"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("${alert(1)}", "&#36;&#123;alert(1)&#125;"),
        ("`); alert(1); (`", "&#96;); alert(1); (&#96;"),
        ("\\x3cimg src=x onerror=alert(1)\\x3e", "&#92;x3cimg src=x onerror=alert(1)&#92;x3e"),
        # branca compiles rendered output as Jinja: this must stay text, not become 49
        ("{{ 7*7 }} {% if true %}yes{% endif %}", "&#123;&#123; 7*7 &#125;&#125; &#123;% if true %&#125;yes"),
    ],
)
def test_tour_strings_never_become_markup_or_code(
    built: BuiltTour, settings: Settings, evil: str, shown: str
) -> None:
    tour = built.tour
    stops = (replace(tour.stops[0], name=evil, place=evil), *tour.stops[1:])
    quotes = (replace(tour.quotes[0], text=evil, speaker=evil), *tour.quotes[1:])
    places = (replace(tour.places[0], name=evil), *tour.places[1:])
    bad = replace(tour, title=evil, traveller=evil, stops=stops, quotes=quotes, places=places)
    page = map_html(make_map(BuiltTour(bad, built.layers), settings), offline=True)
    assert evil not in page
    # title panel, stop label, stop popup (name and quote), place label
    assert page.count(shown) >= 5


def _built_from_json(text: str, settings: Settings) -> BuiltTour:
    from tourmap.geometry import build_layers
    from tourmap.tourfile import parse_tour

    tour = parse_tour(text, fmt="json")
    return BuiltTour(tour, build_layers(tour, settings.geo_dir))


def _bidi_contexts(page: str) -> list[str]:
    """What encloses each RLO, with tojson's escapes of the title panel's HTML undone.

    The story panel's data is left out: it is JSON that its script sets as text inside <bdi>
    elements, never markup; the browser test of hostile strings checks the panel as drawn.
    """
    from tourmap.story import STORY_JS

    from .payloads import RLO

    if STORY_JS in page:
        start = page.index(STORY_JS)
        page = page[:start] + page[page.index(");\n", start + len(STORY_JS)) :]
    page = page.replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u202e", RLO)
    contexts = []
    for at in [i for i, ch in enumerate(page) if ch == RLO]:
        before = page[:at]
        opened, closed = before.rfind("<bdi>"), before.rfind("</bdi>")
        contexts.append("isolated" if opened > closed else before[-60:])
    return contexts


def test_no_nul_reaches_the_page_and_every_rtl_override_is_isolated(settings: Settings) -> None:
    """Issue 7.9: NUL shows as U+FFFD; an unisolated RLO reorders the text after the string."""
    from .payloads import hostile_tour_json

    built = _built_from_json(hostile_tour_json(8799), settings)
    page = map_html(make_map(built, settings), offline=True)
    assert "\x00" not in page and "\\u0000" not in page
    contexts = _bidi_contexts(page)
    # title panel, stop label and popup, place label and popup, speaker and 'about' in popups
    assert len(contexts) >= 8
    assert set(contexts) == {"isolated"}, [c for c in contexts if c != "isolated"]


def test_a_long_quote_is_cut_in_its_popups_with_a_note(settings: Settings) -> None:
    """Issue 7.10: a 1.5 MB quote made every popup that carries it 1.5 MB, three times over."""
    from tourmap.render import place_popup_html, stop_popup_html

    from .payloads import long_tour_json

    built = _built_from_json(long_tour_json(1_500_000), settings)
    page = map_html(make_map(built, settings), offline=True)
    assert len(page.encode()) < 650_000
    popup = _text(stop_popup_html(built.tour, 0))
    assert len(popup) < 2_000
    quote = built.tour.quotes[0].text
    start = popup.index("“QSTART") + 1
    shown = popup[start : popup.index("…", start)]
    assert quote.startswith(shown) and quote[len(shown)] == " "  # cut between words
    cut = len(quote) - len(shown)
    assert f"{cut:,} more characters" in popup
    assert len(_text(place_popup_html(built.tour, built.tour.places[0]))) < 2_000


def test_the_dashboards_map_has_no_popups_but_keeps_its_labels(built: BuiltTour, settings: Settings) -> None:
    """Its quotes are beside the map (issue 9): a popup would repeat them and delay the click."""
    page = make_map(built, settings, MapOptions(popups=False)).get_root().render()
    assert "bindPopup" not in page
    assert page.count('class_name": "tm-label"') + page.count('"className": "tm-label"') >= 5
    assert "bindPopup" in make_map(built, settings).get_root().render()


def _route(m: folium.Map) -> tuple[list[folium.PolyLine], list[folium.Marker]]:
    children = list(_groups(m)["Route"]._children.values())
    return (
        [c for c in children if isinstance(c, folium.PolyLine)],
        [c for c in children if isinstance(c, folium.Marker)],
    )


def _there_and_back(settings: Settings) -> BuiltTour:
    """Mexico City → Buenos Aires → Lima → Mexico City: the second leg retraces part of the first."""
    return _built_from_json(
        '{"title": "Back and forth", "stops": ['
        '{"id": "mx", "name": "Mexico City", "lat": 19.43, "lon": -99.13},'
        '{"id": "ba", "name": "Buenos Aires", "lat": -34.6, "lon": -58.38},'
        '{"id": "li", "name": "Lima", "lat": -12.05, "lon": -77.04},'
        '{"id": "mx2", "name": "Mexico City again", "lat": 19.43, "lon": -99.13}]}',
        settings,
    )


def _right_of_travel(a: tuple[float, float], b: tuple[float, float], p: tuple[float, float]) -> float:
    """>0 when p (lat, lon) lies to the right of a → b on a north-up map (a plain cross product)."""
    (ay, ax), (by, bx), (py, px) = a, b, p
    return -((bx - ax) * (py - ay) - (by - ay) * (px - ax))


def test_legs_are_arcs_that_end_on_the_stops_and_bow_to_the_right(
    built: BuiltTour, settings: Settings
) -> None:
    lines, _ = _route(make_map(built, settings))
    stops = built.tour.stops
    assert len(lines) == len(stops) - 1
    for line, (a, b) in zip(lines, itertools.pairwise(stops), strict=True):
        points = [tuple(p) for p in line.locations]
        assert len(points) == 33
        assert points[0] == pytest.approx(a.point) and points[-1] == pytest.approx(b.point)
        mid = points[len(points) // 2]
        chord = ((a.point[0] - b.point[0]) ** 2 + (a.point[1] - b.point[1]) ** 2) ** 0.5
        # well off the chord (a straight line would be 0), to the right of travel
        assert _right_of_travel(a.point, b.point, mid) > 0.05 * chord**2, (a.id, b.id)


def test_a_leg_and_its_return_bow_to_opposite_sides(settings: Settings) -> None:
    from shapely.geometry import LineString, Point

    built = _there_and_back(settings)
    lines, _ = _route(make_map(built, settings))
    out, back = (LineString([(lon, lat) for lat, lon in ln.locations]) for ln in (lines[0], lines[2]))
    # the same two cities, opposite directions: the arcs meet only at their ends
    assert out.distance(Point(back.coords[16])) > 5  # degrees apart at mid-arc
    assert out.interpolate(0.5, normalized=True).distance(back) > 5
    # Buenos Aires → Lima runs back along Mexico City → Buenos Aires: it too keeps its distance
    assert out.distance(Point(LineString([(lon, lat) for lat, lon in lines[1].locations]).coords[16])) > 2


def test_each_leg_has_one_arrow_at_mid_arc_turned_to_its_direction(
    built: BuiltTour, settings: Settings
) -> None:
    lines, arrows = _route(make_map(_there_and_back(settings), settings))
    assert len(arrows) == len(lines) == 3
    for line, arrow in zip(lines, arrows, strict=True):
        assert tuple(arrow.location) == pytest.approx(tuple(line.locations[16]))
        assert 'class="tm-arrow"' in arrow.icon.options["html"]  # type: ignore[union-attr]
        assert arrow.options["interactive"] is False
    angles = [float(re.search(r"rotate\((-?[\d.]+)deg\)", a.icon.options["html"]).group(1)) for a in arrows]  # type: ignore[union-attr]
    # screen angles, clockwise from east: south-east, then north-west, then north-west (to Mexico)
    assert 0 < angles[0] < 90 and -180 < angles[1] < -90 and -180 < angles[2] < -90
    page = map_html(make_map(built, settings), offline=True)
    assert page.count('class=\\"tm-arrow\\"') + page.count('class="tm-arrow"') == 4
    # a leg keeps its tooltip with its length
    assert re.search(r"Leg 1: <bdi>Mexico City</bdi> → <bdi>Argentina</bdi> · [\d,]+ km", page)


def test_offline_basemap_has_country_names_as_literal_text(built: BuiltTour, settings: Settings) -> None:
    from tourmap.geodata import labels_text
    from tourmap.render import render_map

    page = map_html(make_map(built, settings), offline=True)
    assert '["MX","Mexico",' in page and '["PE","Peru",' in page
    assert "el.textContent = r[1]" in page and "innerHTML" not in page.split("tm-countries")[1][:2000]
    evil = '[["XX","</script><img src=x onerror=alert(1)>{{ 7*7 }}",0,0,2]]'
    hostile = map_html(render_map(built.tour, built.layers, "null", MapOptions(), labels=evil), offline=True)
    assert "</script><img" not in hostile and "<\\/script><img src=x onerror=alert(1)>{{ 7*7 }}" in hostile
    # every label row: code, name, lon, lat, first zoom; the largest countries are shown first
    import json

    rows = json.loads(labels_text(settings.geo_dir))
    assert len(rows) > 200 and rows[1][1] == "Russia"
    assert all(-180 <= r[2] <= 180 and -90 <= r[3] <= 90 and 2 <= r[4] <= 6 for r in rows)


def test_with_tiles_only_a_faint_outline_of_the_story_countries_is_drawn(
    built: BuiltTour, settings: Settings
) -> None:
    page = map_html(make_map(built, settings, MapOptions(basemap="tiles")), offline=False)
    assert "tile.openstreetmap.org" in page
    assert '"tiles": true' in page and "filter: data.tiles ? mine : undefined" in page
    assert "fill: false" in page
    assert '["MX","Mexico",' not in page  # no country names over the tiles' own
    # and only the story's countries are carried: Brazil is not one of them
    assert '"iso_a2":"MX"' in page and '"iso_a2":"BR"' not in page
    offline = map_html(make_map(built, settings), offline=True)
    assert '"tiles": false' in offline and "L.tileLayer" not in offline


def test_legend_folds_and_popups_fit_the_map(built: BuiltTour, settings: Settings) -> None:
    from tourmap.render import legend_html

    page = map_html(make_map(built, settings), offline=True)
    assert "\\u003cdetails open\\u003e\\u003csummary\\u003eLegend" in page
    assert "fold.open = false" in page  # folded on a map narrower than 600 px
    assert "autoPanPaddingTopLeft" in page and "p.options.maxWidth" in page
    # the dashboard shows the legend under its map: no fold there
    assert "<details" not in legend_html(built.tour, built.layers, MapOptions())
    assert (
        "autoPanPaddingTopLeft"
        not in make_map(built, settings, MapOptions(popups=False, story=False)).get_root().render()
    )
