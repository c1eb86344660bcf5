"""Editing a tour as tables: rows and back, errors placed by table and row, ids, map clicks."""

from __future__ import annotations

import datetime as dt

import pytest

from tourmap.model import Tour
from tourmap.tables import (
    Tables,
    apply_edits,
    check_tables,
    edited_name,
    link_options,
    place_at,
    quote_cell,
    slug,
    tour_to_tables,
    with_problems,
)
from tourmap.tourfile import dumps_tour, load_tour, parse_tour

from .conftest import TILLERSON


@pytest.fixture(scope="module")
def tour() -> Tour:
    return load_tour(TILLERSON)


def _edit(tables: Tables, table: str, row: int, **cells: object) -> Tables:
    """``tables`` with cells of one row (1-based, as the editor counts) changed."""
    rows = [dict(r) for r in tables.rows(table)]  # type: ignore[arg-type]
    rows[row - 1].update(cells)
    return tables.with_rows(table, rows)  # type: ignore[arg-type]


def _errors(tables: Tables, tour: Tour) -> list[str]:
    checked = check_tables(tables, tour)
    assert checked.tour is None
    return [str(e) for e in checked.errors]


def test_the_tillerson_tour_round_trips_through_its_rows(tour: Tour) -> None:
    tables = tour_to_tables(tour)
    assert [r["name"] for r in tables.stops] == ["Mexico City", "Argentina", "Peru", "Colombia", "Jamaica"]
    assert tables.stops[0]["date"] == dt.date(2018, 2, 2) and tables.stops[0]["status"] == "visited"
    assert len(tables.quotes) == 16 and len(tables.places) == 3
    checked = check_tables(tables, tour)
    assert checked.errors == ()
    assert checked.tour == tour  # spans, source, borders and all
    assert dumps_tour(checked.tour) == dumps_tour(tour)


def test_rows_as_the_editor_returns_them_still_round_trip(tour: Tour) -> None:
    """pandas gives NaN for an empty number, NaN/None for an empty cell, numpy lists for lists."""
    tables = tour_to_tables(tour)
    nan = float("nan")
    stops = [{**r, "lat": nan, "lon": nan, "country": r["country"] + " "} for r in tables.stops]
    quotes = [{**r, "about": tuple(r["about"]), "speaker": r["speaker"] or nan} for r in tables.quotes]
    checked = check_tables(tables.with_rows("stops", stops).with_rows("quotes", quotes), tour)
    assert checked.tour == tour


def test_the_placed_tour_fills_on_the_map_and_leaves_lat_lon_as_the_file_has_them(tour: Tour) -> None:
    from dataclasses import replace

    placed = replace(tour, stops=tuple(replace(s, lat=1.5, lon=-2.25) for s in tour.stops))
    row = tour_to_tables(tour, placed).stops[0]
    assert (row["lat"], row["lon"], row["on_map"]) == (None, None, "1.50000, -2.25000")


_STOPS = "argentina, colombia, jamaica, mexico-city, peru"
_KNOWN = "argentina, canada, colombia, jamaica, mexico-city, peru, … (9 in all)"
_ISO2 = "an ISO 3166-1 alpha-2 code"
BAD_CELLS = [
    ("stops", 3, {"date": "2018-02-30"}, "date: expected a date like 2018-02-02, instead got: '2018-02-30'"),
    (
        "stops",
        2,
        {"country": "Argentina"},
        f"country: expected {_ISO2} such as 'MX', instead got: 'Argentina'",
    ),
    ("stops", 4, {"status": "maybe"}, "status: expected 'visited' or 'upcoming', instead got: 'maybe'"),
    ("stops", 5, {"lat": 95.0, "lon": 0.0}, "lat: latitude must be between -90 and 90, instead got: 95.0"),
    ("stops", 1, {"lat": 19.4}, "give both lat and lon, or neither (to geocode it)"),
    ("stops", 1, {"name": "  "}, "name: is required"),
    ("places", 2, {"lon": "west"}, "lon: expected a number, instead got: 'west'"),
    ("quotes", 7, {"text": ""}, "text: is required"),
    (
        "quotes",
        2,
        {"said_at": "nowhere"},
        f"said_at: must be the id of a stop ({_STOPS}) or null, instead got: 'nowhere'",
    ),
    ("quotes", 9, {"about": ["us-mx", "atlantis"]}, f"about: unknown id 'atlantis'; known ids: {_KNOWN}"),
]


@pytest.mark.parametrize(("table", "row", "cells", "expected"), BAD_CELLS)
def test_each_bad_cell_is_named_by_table_row_and_field(
    tour: Tour, table: str, row: int, cells: dict[str, object], expected: str
) -> None:
    errors = _errors(_edit(tour_to_tables(tour), table, row, **cells), tour)
    assert errors == [f"{table} row {row}: {expected}"]


def test_every_bad_row_is_named_at_once_and_lands_in_its_problem_cell(tour: Tour) -> None:
    tables = _edit(_edit(tour_to_tables(tour), "stops", 2, country="Argentina"), "stops", 4, date="soon")
    checked = check_tables(tables, tour)
    where = [(e.table, e.row, e.field) for e in checked.errors]
    assert where == [("stops", 2, "country"), ("stops", 4, "date")]
    marked = with_problems(tables, checked.errors)
    assert [r["problem"] for r in marked.stops] == [
        None,
        "country: expected an ISO 3166-1 alpha-2 code such as 'MX', instead got: 'Argentina'",
        None,
        "date: expected a date like 2018-02-02, instead got: 'soon'",
        None,
    ]
    assert with_problems(marked, ()).stops[1]["problem"] is None  # fixed rows lose their problem


def test_deleting_a_stop_that_quotes_are_said_at_names_those_quotes(tour: Tour) -> None:
    tables = tour_to_tables(tour)
    rows = apply_edits(tables.stops, {"deleted_rows": [0]}, "stops")
    errors = _errors(tables.with_rows("stops", rows), tour)
    linked = [i + 1 for i, q in enumerate(tour.quotes) if q.said_at == "mexico-city"]
    assert len(errors) == len(linked) == 16
    assert errors[0] == (
        "quotes row 1: said_at: must be the id of a stop (argentina, colombia, jamaica, peru) or null, "
        "instead got: 'mexico-city'"
    )
    # pointing the quotes elsewhere (or nowhere) makes the tour whole again
    quotes = [{**q, "said_at": None} for q in tables.quotes]
    fixed = check_tables(tables.with_rows("stops", rows).with_rows("quotes", quotes), tour)
    assert fixed.tour is not None and fixed.tour.stops[0].id == "argentina"


def test_deleting_a_place_a_quote_is_about_names_the_quote(tour: Tour) -> None:
    tables = tour_to_tables(tour)
    venezuela = [i + 1 for i, q in enumerate(tour.quotes) if "venezuela" in q.about]
    places = [p for p in tables.places if p["id"] != "venezuela"]
    errors = _errors(tables.with_rows("places", places), tour)
    assert [e.split(":")[0] for e in errors] == [f"quotes row {n}" for n in venezuela]
    assert all("about: unknown id 'venezuela'" in e for e in errors)


def test_empty_tables(tour: Tour) -> None:
    tables = tour_to_tables(tour)
    no_stops = Tables(stops=(), places=tables.places, quotes=())
    assert _errors(no_stops, tour) == ["stops: a tour needs at least one stop"]
    nothing_but_a_stop = Tables(stops=(tables.stops[0],))
    checked = check_tables(nothing_but_a_stop, tour)
    assert checked.tour is not None and checked.tour.quotes == () and checked.tour.places == ()
    assert checked.tour.borders == tour.borders and checked.tour.title == tour.title


def test_no_stop_left_says_so_in_the_quote_errors(tour: Tour) -> None:
    tables = tour_to_tables(tour)
    errors = _errors(Tables(stops=(), quotes=tables.quotes[:1]), tour)
    assert errors[1] == (
        "quotes row 1: said_at: must be the id of a stop (none: no stop is left) or null, "
        "instead got: 'mexico-city'"
    )


def test_a_renamed_stop_keeps_its_id_and_its_quotes(tour: Tour) -> None:
    checked = check_tables(_edit(tour_to_tables(tour), "stops", 1, name="Ciudad de México"), tour)
    assert checked.tour is not None
    assert checked.tour.stops[0].id == "mexico-city" and checked.tour.stops[0].name == "Ciudad de México"
    assert len(checked.tour.quotes_said_at("mexico-city")) == 16


def test_new_rows_get_unique_ids_from_their_names(tour: Tour) -> None:
    tables = tour_to_tables(tour)
    stops = apply_edits(
        tables.stops,
        {"added_rows": [{"name": "Peru"}, {"name": "São Paulo", "status": "upcoming"}, {"name": "北京"}, {}]},
        "stops",
    )
    places = apply_edits(tables.places, {"added_rows": [{"name": "US–MX"}, {"name": "Peru"}]}, "places")
    quotes = apply_edits(tables.quotes, {"added_rows": [{"text": "Hola", "said_at": "peru"}]}, "quotes")
    checked = check_tables(Tables(tuple(stops), tuple(places), tuple(quotes)), tour)
    assert checked.errors == ()
    assert checked.tour is not None
    # the blank row is left out
    assert [s.id for s in checked.tour.stops][5:] == ["peru-2", "sao-paulo", "stop"]
    assert checked.tour.stops[6].status == "upcoming" and checked.tour.stops[5].status == "visited"
    assert [p.id for p in checked.tour.places][3:] == ["us-mx-2", "peru-3"]  # the border has us-mx
    assert checked.tour.quotes[-1].id == "q17" and checked.tour.quotes[-1].said_at == "peru"


def test_ids_cannot_be_edited(tour: Tour) -> None:
    tables = tour_to_tables(tour)
    state = {"edited_rows": {"0": {"id": "mx", "name": "CDMX", "bogus": 1}}}
    rows = apply_edits(tables.stops, state, "stops")
    assert rows[0]["id"] == "mexico-city" and rows[0]["name"] == "CDMX" and "bogus" not in rows[0]


def test_edits_apply_as_streamlit_applies_them(tour: Tour) -> None:
    """Cell edits by original position, then deletions, then additions at the end."""
    rows = tour_to_tables(tour).stops
    state = {
        "edited_rows": {1: {"name": "Buenos Aires"}, 4: {"status": "visited"}},
        "deleted_rows": [0, 2],
        "added_rows": [{"name": "Lima", "_index": 9}],
    }
    out = apply_edits(rows, state, "stops")
    assert [r["name"] for r in out] == ["Buenos Aires", "Colombia", "Jamaica", "Lima"]
    assert out[2]["status"] == "visited" and out[3]["id"] is None and "_index" not in out[3]
    assert apply_edits(rows, None, "stops") == [dict(r) for r in rows]


def test_a_date_from_the_date_column_and_a_moved_stop(tour: Tour) -> None:
    tables = _edit(tour_to_tables(tour), "stops", 3, date="2018-02-05T00:00:00.000")
    tables = _edit(tables, "stops", 1, lat=19.5, lon=-99.25)
    checked = check_tables(tables, tour)
    assert checked.tour is not None
    assert checked.tour.stops[2].date == dt.date(2018, 2, 5)
    assert checked.tour.stops[0].point == (19.5, -99.25)


def test_a_moved_or_renamed_stop_forgets_what_the_geocoder_said(tour: Tour) -> None:
    placed = parse_tour(
        "title: t\nstops:\n"
        "  - {id: a, name: Lima, lat: -12.04, lon: -77.03, place: 'Lima, Peru', placed_by: GeoNames}\n"
        "  - {id: b, name: Quito, lat: -0.2, lon: -78.5, place: 'Quito, Ecuador', placed_by: GeoNames}\n"
        "  - {id: c, name: Cusco, lat: -13.5, lon: -72, place: 'Cusco, Peru', placed_by: GeoNames}\n"
    )
    tables = _edit(_edit(tour_to_tables(placed), "stops", 1, lat=-12.1), "stops", 3, name="Cuzco")
    checked = check_tables(tables, placed)
    assert checked.tour is not None
    assert [(s.place, s.placed_by) for s in checked.tour.stops] == [
        (None, None),
        ("Quito, Ecuador", "GeoNames"),
        (None, None),
    ]


def test_a_changed_quote_loses_its_article_span(tour: Tour) -> None:
    checked = check_tables(_edit(tour_to_tables(tour), "quotes", 1, text="a devastating impact"), tour)
    assert checked.tour is not None
    assert checked.tour.quotes[0].span is None and checked.tour.quotes[1].span == tour.quotes[1].span


def test_a_huge_quote_is_cut_in_its_cell_and_kept_whole_when_left_alone() -> None:
    text = "word " * 100_000
    big = parse_tour(f"title: t\nstops: [{{id: a, name: A}}]\nquotes: [{{id: q, text: '{text}'}}]\n")
    cell = tour_to_tables(big).quotes[0]["text"]
    assert len(cell) < 2_100 and cell.endswith("more characters: edit this quote in the Tour file tab]")
    assert cell == quote_cell(big.quotes[0].text)
    checked = check_tables(tour_to_tables(big), big)
    assert checked.tour is not None and checked.tour.quotes[0].text == big.quotes[0].text


def test_links_are_drop_downs_of_the_tour_ids(tour: Tour) -> None:
    said_at, about = link_options(tour_to_tables(tour), tour)
    assert list(said_at) == ["mexico-city", "argentina", "peru", "colombia", "jamaica"]
    assert said_at["mexico-city"] == "Mexico City (mexico-city)"
    assert list(about)[5:] == ["united-states", "canada", "venezuela", "us-mx"]
    assert about["us-mx"] == "US–Mexico border (us-mx)"


def test_a_map_click_places_the_chosen_row() -> None:
    rows = [{"id": "a", "name": "Lima", "lat": None, "lon": None, "on_map": "-12.0, -77.0", "problem": "x"}]
    out = place_at(rows, 0, {"lat": -12.046374123, "lng": -77.042793999})
    assert (out[0]["lat"], out[0]["lon"]) == (-12.04637, -77.04279)  # 5 decimals, about a metre
    assert out[0]["on_map"] is None and out[0]["problem"] is None
    assert rows[0]["lat"] is None  # the rows given are left as they were
    # Leaflet's longitudes run past ±180 once the world is panned round
    assert place_at(rows, 0, {"lat": -12.0, "lng": -77.0 + 360})[0]["lon"] == -77.0
    assert place_at(rows, 0, {"lat": 10.0, "lng": 190.0})[0]["lon"] == -170.0
    with pytest.raises(IndexError, match="no row 2"):
        place_at(rows, 1, {"lat": 0, "lng": 0})
    with pytest.raises(ValueError, match="needs numbers lat and lng"):
        place_at(rows, 0, {"lat": "north", "lng": 0})


def test_a_map_click_then_apply_moves_the_stop(tour: Tour) -> None:
    tables = tour_to_tables(tour)
    moved = tables.with_rows("stops", place_at(tables.stops, 2, {"lat": -12.0464, "lng": -77.0428}))
    checked = check_tables(moved, tour)
    assert checked.tour is not None and checked.tour.stops[2].point == (-12.0464, -77.0428)


def test_slugs_and_names() -> None:
    assert slug("São Paulo", "stop") == "sao-paulo"
    assert slug("  ", "stop") == "stop" and slug("東京", "place") == "place"
    assert edited_name("andes.yaml") == "andes.yaml (edited)"
    assert edited_name(edited_name("andes.yaml")) == "andes.yaml (edited)"
