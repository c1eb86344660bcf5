"""The tour-file contract: what a person may write, and the messages when they get it wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tourmap.errors import InputError, TourmapError, TourValidationError
from tourmap.tourfile import dumps_tour, load_tour, parse_tour

from .conftest import TILLERSON

MINIMAL = """
title: A short trip
stops:
  - {id: lima, name: Lima, country: PE}
  - {id: quito, name: Quito, country: EC, status: upcoming}
quotes:
  - {id: q1, text: "Hello", speaker: Someone, said_at: lima, about: [quito]}
"""


def test_seed_tour_matches_the_article() -> None:
    tour = load_tour(TILLERSON)
    article = (TILLERSON.parent / "article.txt").read_text(encoding="utf-8")
    assert [s.id for s in tour.stops] == ["mexico-city", "argentina", "peru", "colombia", "jamaica"]
    assert [s.status for s in tour.stops] == ["visited"] + ["upcoming"] * 4
    assert tour.stops[0].date == dt.date(2018, 2, 2)
    assert [b.id for b in tour.borders] == ["us-mx"]
    assert len(tour.quotes) == 16
    for q in tour.quotes:
        assert q.span is not None
        assert article[q.span[0] : q.span[1]] == q.text
        assert article[q.span[0] - 1] in "“\"'‘"
    assert [q.span[0] for q in tour.quotes if q.span] == sorted(q.span[0] for q in tour.quotes if q.span)
    speakers = {q.speaker for q in tour.quotes}
    assert speakers == {
        "Rex Tillerson",
        "Luis Videgaray",
        "Chrystia Freeland",
        "Luis Videgaray and Chrystia Freeland",
    }
    assert "“Dreamers”" in article and all(q.text != "Dreamers" for q in tour.quotes)
    assert any("us-mx" in q.about for q in tour.quotes)


def test_round_trip_yaml_and_json() -> None:
    tour = load_tour(TILLERSON)
    assert parse_tour(dumps_tour(tour, "yaml"), fmt="yaml") == tour
    assert parse_tour(dumps_tour(tour, "json"), fmt="json") == tour


def test_pinned_coordinates_are_kept() -> None:
    tour = parse_tour(MINIMAL.replace("country: PE}", "country: PE, lat: -12.5, lon: -77}"))
    assert tour.stops[0].point == (-12.5, -77.0)
    assert not tour.stops[1].located


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("said_at: lima", "said_at: paris", "quotes[0].said_at: must be the id of a stop"),
        ("id: quito, name: Quito", "id: lima, name: Quito", "duplicate id 'lima'"),
        (
            "country: PE}",
            "country: PE, lat: 91, lon: 0}",
            "latitude must be between -90 and 90, instead got: 91",
        ),
        (
            "country: EC, status",
            "country: EC, lat: 0, lon: 200, status",
            "longitude must be between -180 and 180, instead got: 200",
        ),
        ("status: upcoming", "status: soon", "expected 'visited' or 'upcoming', instead got: 'soon'"),
        ("about: [quito]", "about: [nowhere]", "unknown id 'nowhere'"),
        ("country: PE}", "country: Peru}", "expected an ISO 3166-1 alpha-2 code"),
        ("country: PE}", "country: PE, lat: 10}", "give both lat and lon"),
    ],
)
def test_contract_violations_name_the_field_and_value(old: str, new: str, expected: str) -> None:
    assert old in MINIMAL
    with pytest.raises(TourValidationError) as info:
        parse_tour(MINIMAL.replace(old, new, 1), name="trip.yaml")
    message = str(info.value)
    assert expected in message
    assert message.startswith("trip.yaml, line ")
    assert "\n" not in message


def test_errors_are_one_family() -> None:
    assert issubclass(TourValidationError, TourmapError)
    assert issubclass(TourValidationError, ValueError)
    assert issubclass(InputError, TourmapError)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.yaml", b"title: x\nstops: [\n  {id: a\n", "malformed YAML on line"),
        ("bad.json", b'{"title": "x",\n "stops": [}\n', "malformed JSON on line 2"),
        ("bin.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary"),
        ("latin1.yaml", "title: Bogotá\n".encode("latin-1"), "not UTF-8 text: byte 0xe1 on line 1"),
        ("list.yaml", b"- just\n- a list\n", "must be a mapping"),
        ("nostops.yaml", b"title: x\n", "stops: is required"),
        ("tour.md", b"title: x\n", "expected a tour file"),
    ],
)
def test_unreadable_files_are_refused(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    from tourmap.pipeline import read_source

    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TourmapError) as info:
        read_source(path)
    assert expected in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="tour file not found"):
        load_tour(tmp_path / "nope.yaml")
