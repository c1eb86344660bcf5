"""Story mode's Python side: the data handed to the script, and how it is put on the page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, cast

from tourmap.export import map_html
from tourmap.geometry import build_layers
from tourmap.pipeline import BuiltTour, make_map
from tourmap.render import MapOptions
from tourmap.settings import Settings
from tourmap.story import STORY_JS, article_for, script_json, story_data
from tourmap.tourfile import parse_tour

from .conftest import TILLERSON

ARTICLE = (TILLERSON.parent / "article.txt").read_text(encoding="utf-8")


def _data_in(page: str) -> dict[str, Any]:
    """The JSON document after the story script (it is a JS expression and valid JSON)."""
    rest = page[page.index(STORY_JS) + len(STORY_JS) :]
    found = re.match(r"\}\)\(map_\w+, ", rest)
    assert found, rest[:80]
    data, _end = json.JSONDecoder().raw_decode(rest[found.end() :])
    return cast(dict[str, Any], data)


def test_stops_in_order_with_names_legs_status_and_quotes(built: BuiltTour) -> None:
    data = story_data(built.tour, built.layers, ARTICLE)
    stops = data["stops"]
    ba = built.tour.stop("argentina")
    assert [s["n"] for s in stops] == [1, 2, 3, 4, 5]
    assert [s["name"] for s in stops] == ["Mexico City", "Argentina", "Peru", "Colombia", "Jamaica"]
    assert [s["where"] for s in stops] == [None, "Buenos Aires", "Lima", "Bogotá", "Kingston"]
    assert [s["status"] for s in stops] == ["visited"] + ["upcoming"] * 4
    assert stops[0]["date"] == "2 Feb 2018" and stops[1]["date"] is None
    legs = {leg.to_id: round(leg.km) for leg in built.layers.legs}
    assert [s["km"] for s in stops] == [
        None,
        legs["argentina"],
        legs["peru"],
        legs["colombia"],
        legs["jamaica"],
    ]
    assert stops[0]["leg"] is None and stops[1]["leg"][-1] == [round(ba.lat, 4), round(ba.lon, 4)]  # type: ignore[arg-type]
    said = [q.id for q in built.tour.quotes_said_at("mexico-city")]
    assert [q["id"] for q in stops[0]["quotes"]][: len(said)] == said
    assert stops[1]["quotes"] == []
    assert data["km"] == round(built.layers.total_km)


def test_each_stop_gets_its_paragraph_or_none_without_an_article(built: BuiltTour) -> None:
    stops = story_data(built.tour, built.layers, ARTICLE)["stops"]
    assert stops[0]["paragraph"].startswith("Mexico City: Secretary of State Rex Tillerson")
    assert "flew out Friday evening for Argentina" in stops[1]["paragraph"]
    assert all("\n\n" not in s["paragraph"] for s in stops)
    bare = story_data(built.tour, built.layers, None)["stops"]
    assert all(s["paragraph"] is None for s in bare) and bare[0]["quotes"]


def test_article_found_beside_the_tour_and_missing_is_no_error(built: BuiltTour, tmp_path: Path) -> None:
    assert article_for(TILLERSON, built.tour) == ARTICLE
    assert article_for(tmp_path / "tour.yaml", built.tour) is None  # its article.txt is not there


def test_script_json_cannot_end_the_script_and_stays_literal() -> None:
    evil = "</script><script>alert(1)</script><!-- \u2028 {{ x }} ${y} `z` \\ & \u202e"
    text = script_json({"s": evil, "n": [1, None, 2.5, True]})
    assert not set(text) & set("<>&$`\u2028\u2029") and "{{" not in text
    assert json.loads(text) == {"s": evil, "n": [1, None, 2.5, True]}


def test_hostile_strings_reach_the_page_as_data_only(tmp_path: Path, settings: Settings) -> None:
    evil = "</script><img src=x onerror=alert(1)>{{ 7*7 }}"
    tour = parse_tour(
        "title: T\nstops:\n"
        f"  - {{id: a, name: {json.dumps(evil)}, lat: 1, lon: 2}}\n"
        "  - {id: b, name: B, lat: 3, lon: 4}\n"
        f"quotes:\n  - {{id: q1, text: {json.dumps(evil)}, speaker: S, said_at: a}}\n"
    )
    page = map_html(make_map(BuiltTour(tour, build_layers(tour, settings.geo_dir)), settings), offline=False)
    data = _data_in(page)
    assert data["stops"][0]["name"] == evil and data["stops"][0]["quotes"][0]["text"] == evil  # type: ignore[index]
    assert "</script><img" not in page  # "<" is escaped in the data
    assert "innerHTML" not in STORY_JS and "insertAdjacentHTML" not in STORY_JS  # text only


def test_story_is_optional_and_off_in_the_dashboard(built: BuiltTour, settings: Settings) -> None:
    assert 'aria-label="Itinerary"' in map_html(make_map(built, settings), offline=False)
    page = map_html(make_map(built, settings, MapOptions(story=False)), offline=False)
    assert "tm-story" not in page


def test_the_highlighted_leg_is_the_arc_the_map_draws(built: BuiltTour) -> None:
    """The red leg of a step lies on the drawn (bent) leg, not on the straight great circle."""
    data = story_data(built.tour, built.layers)
    leg = built.layers.legs[0]
    shown = data["stops"][1]["leg"]
    drawn = [[round(lat, 4), round(lon, 4)] for lon, lat in leg.arc.coords]
    assert shown == drawn and len(shown) > 2
    assert shown != [[round(lat, 4), round(lon, 4)] for lon, lat in leg.line.coords]
