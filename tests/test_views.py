"""What the dashboard shows, tested without Streamlit: clicks, quote tables, article, uploads."""

from __future__ import annotations

from typing import Any

import pytest

from tourmap.errors import InputError
from tourmap.pipeline import BuiltTour
from tourmap.views import (
    Selection,
    article_html,
    check_upload,
    filter_rows,
    guess_format,
    itinerary_rows,
    paragraph_of,
    quote_rows,
    quotes_for,
    selection_from_click,
)

from .conftest import TILLERSON

ARTICLE = (TILLERSON.parent / "article.txt").read_text(encoding="utf-8")


def test_a_marker_click_selects_its_stop(built: BuiltTour) -> None:
    lima = built.tour.stop("peru")
    picked = selection_from_click(built.tour, built.layers, {"lat": lima.lat, "lng": lima.lon})
    assert picked == Selection("stop", "peru", "Peru")
    venezuela = next(p for p in built.tour.places if p.id == "venezuela")
    assert selection_from_click(built.tour, built.layers, {"lat": venezuela.lat, "lng": venezuela.lon}) == (
        Selection("place", "venezuela", "Venezuela")
    )


def test_a_border_click_is_known_by_its_tooltip(built: BuiltTour) -> None:
    picked = selection_from_click(
        built.tour, built.layers, {"lat": 31.3, "lng": -110.0}, "US–Mexico border · 3,160 km"
    )
    assert picked == Selection("border", "us-mx", "US–Mexico border")


def test_a_click_on_the_border_line_selects_the_border(built: BuiltTour) -> None:
    line = built.layers.border("us-mx")
    assert line is not None
    lon, lat = line.line.coords[len(line.line.coords) // 2]
    picked = selection_from_click(built.tour, built.layers, {"lat": lat + 0.05, "lng": lon})
    assert picked == Selection("border", "us-mx", "US–Mexico border")


def test_a_click_on_nothing_selects_nothing(built: BuiltTour) -> None:
    assert selection_from_click(built.tour, built.layers, {"lat": 0.0, "lng": -30.0}) is None
    assert selection_from_click(built.tour, built.layers, None) is None


def test_quotes_for_a_stop_a_place_and_the_border(built: BuiltTour) -> None:
    tour = built.tour
    assert len(quotes_for(tour, Selection("stop", "mexico-city", "Mexico City"))) == 16
    assert [q.text for q in quotes_for(tour, Selection("place", "venezuela", "Venezuela"))][
        -1
    ] == "stay and run."
    border = quotes_for(tour, Selection("border", "us-mx", "US–Mexico border"))
    assert {q.speaker for q in border} == {"Rex Tillerson", "Luis Videgaray"}
    assert quotes_for(tour, Selection("stop", "peru", "Peru")) == ()


def test_each_quote_comes_with_its_paragraph(built: BuiltTour) -> None:
    painful = next(q for q in built.tour.quotes if q.text == "painful")
    paragraph = paragraph_of(ARTICLE, painful.span)
    assert paragraph is not None
    assert paragraph.startswith("Deporting those who lack immigration papers")
    assert paragraph.endswith("Tillerson said.")
    assert paragraph_of(ARTICLE, None) is None


def test_quote_table_filters(built: BuiltTour) -> None:
    rows = quote_rows(built.tour)
    assert len(rows) == 16
    assert len(filter_rows(rows, speakers=["Luis Videgaray"])) == 4
    assert len(filter_rows(rows, stops=["Mexico City"])) == 16
    maduro = filter_rows(rows, search="MADURO")
    assert len(maduro) == 1 and maduro[0]["text"].startswith("if — if — President Maduro")
    assert len(filter_rows(rows, search="venezuela")) == 3  # matches the 'about' column too
    assert (
        filter_rows(rows, speakers=["Chrystia Freeland"], search="rules-based")[0]["speaker"]
        == "Chrystia Freeland"
    )


def test_itinerary_rows(built: BuiltTour) -> None:
    rows = itinerary_rows(built.tour, built.layers)
    assert [r["#"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["leg"] == "start" and rows[0]["quotes"] == 16
    km = [float(r["leg"].removesuffix(" km").replace(",", "")) for r in rows[1:]]
    assert sum(km) == pytest.approx(built.layers.total_km, abs=3)


def test_article_highlights_quotes_stops_and_places(built: BuiltTour) -> None:
    page = article_html(ARTICLE, built.tour)
    assert page.count('class="tm-ent quote"') == 16
    assert 'title="Said by Luis Videgaray and Chrystia Freeland"' in page
    assert page.count('class="tm-ent stop"') >= 5
    assert 'class="tm-ent place"' in page
    assert "Mexico City" in page and "<script" not in page


def test_article_text_is_escaped(built: BuiltTour) -> None:
    page = article_html("<b>Lima</b> & <script>x</script>", built.tour)
    assert "<script>" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tour.exe", b"x", "is not a file this page takes"),
        ("big.yaml", b"a" * (2 * 1024 * 1024 + 1), "the limit is 2 MB"),
        ("bin.yaml", b"\x00\x01binary", "looks binary"),
        ("latin.json", '{"title": "Bogotá"}'.encode("latin-1"), "not UTF-8"),
        ("empty.yaml", b"  \n", "is empty"),
    ],
)
def test_uploads_are_refused_with_one_clear_sentence(name: str, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        check_upload(name, data, allowed=("yaml", "yml", "json"))


def test_upload_kinds() -> None:
    assert check_upload("t.yml", b"title: x", allowed=("yaml", "yml"))[1] == "yaml"
    assert guess_format(' {"title": 1}') == "json" and guess_format("title: x") == "yaml"


def test_tour_input_prefers_the_uploaded_file_and_refuses_nothing_given() -> None:
    from tourmap.views import tour_input

    given = tour_input(("t.yml", b"title: x"), "title: pasted", ("a.txt", b"The article."))
    assert (given.name, given.text, given.fmt, given.article) == ("t.yml", "title: x", "yaml", "The article.")
    pasted = tour_input(None, ' {"title": "p"}')
    assert (pasted.name, pasted.fmt, pasted.article) == ("pasted tour", "json", None)
    with pytest.raises(ValueError, match="upload or paste a tour file first"):
        tour_input(None, "  \n")
    with pytest.raises(InputError, match="is not a file this page takes"):
        tour_input(None, "title: x", ("a.pdf", b"%PDF"))


def _tour_with(text: str, **names: str) -> Any:
    from tourmap.tourfile import tour_from_data

    return tour_from_data(
        {
            "title": names.get("title", "T"),
            "traveller": names.get("traveller"),
            "stops": [{"id": "a", "name": names.get("stop", "A"), "lat": 1.0, "lon": 2.0}],
            "places": [{"id": "p", "name": names.get("place", "P"), "lat": 3.0, "lon": 4.0}],
            "quotes": [
                {"id": "q", "text": text, "speaker": names.get("speaker"), "said_at": "a", "about": ["p"]}
            ],
        }
    )


def test_a_quote_card_is_literal_and_cut_until_asked_for_whole() -> None:
    from tourmap.display import QUOTE_LIMIT
    from tourmap.views import quote_card

    evil = "**bold** <img src=x> ![i](http://127.0.0.1/t.png) ‮ "
    tour = _tour_with(evil + "word " * 2_000, speaker=f"S {evil}", place=f"P {evil}")
    card = quote_card(tour, tour.quotes[0])
    assert card.long and card.hidden > 9_000 and "<img" not in card.html and "<b>" not in card.html
    assert "<bdi>S **bold** &lt;img src=x&gt; ![i](http://127.0.0.1/t.png) ‮</bdi>" in card.html
    assert "about <bdi>P **bold**" in card.html
    assert f"({card.hidden:,} more characters)" in card.html
    assert len(card.html) < QUOTE_LIMIT + 1_000
    whole = quote_card(tour, tour.quotes[0], full=True)
    assert whole.long and whole.hidden == 0 and whole.html.count("word") == 2_000 and "tm-full" in whole.html
    short_one = quote_card(_tour_with("Fine."), _tour_with("Fine.").quotes[0])
    assert not short_one.long and short_one.hidden == 0 and "“<bdi>Fine.</bdi>”" in short_one.html


def test_the_cards_of_a_stop_are_one_block_with_each_paragraph_folded(built: BuiltTour) -> None:
    """Issue 9: one element for all of a stop's short cards, the paragraph in a native <details>."""
    from tourmap.views import cards_html

    article = (TILLERSON.parent / "article.txt").read_text(encoding="utf-8")
    tour = built.tour
    said_in_mexico = quotes_for(tour, Selection("stop", "mexico-city", "Mexico City"))
    block = cards_html(tour, said_in_mexico, article)
    assert block.count('<div class="tm-card">') == len(said_in_mexico) == 16
    assert block.count("<summary>Article paragraph</summary>") == 16
    assert "We’ve created … a different approach" in block
    no_article = cards_html(tour, said_in_mexico, None)
    assert "<details" not in no_article and no_article.count('<div class="tm-card">') == 16
    evil = _tour_with("**b** <img src=x> ‮x", speaker="<script>")
    assert "<img" not in cards_html(evil, list(evil.quotes), "<b>art</b>") and "<script>" not in cards_html(
        evil, list(evil.quotes), None
    )


def test_the_quotes_table_header_and_notices_are_literal(built: BuiltTour) -> None:
    from tourmap.views import header_html, notice_html, quotes_table_html, selection_html

    evil = "`code` **b** \x00 ‮x"
    table = quotes_table_html([{"speaker": evil, "stop": "S", "about": "", "text": "t " * 1_000}])
    assert "<bdi>`code` **b**  ‮x</bdi>" in table and "\x00" not in table
    assert table.count("<tr>") == 2 and "(1,401 more characters)" in table  # 2,000 shown as 599
    assert notice_html("error", f"bad {evil} <b>") == (
        '<div class="tm-note error" role="alert"><bdi>bad `code` **b**  ‮x &lt;b&gt;</bdi></div>'
    )
    head = header_html(built.tour, built.layers, "my <file>.yaml")
    assert "<bdi>US, Mexico play up increased security cooperation</bdi></h2>" in head
    assert "<bdi>Rex Tillerson</bdi> · 5 stops · " in head and "<bdi>my &lt;file&gt;.yaml</bdi>" in head
    assert selection_html(Selection("border", "us-mx", "US–Mexico <b>")) == (
        '<h3 class="tm-h">Border: <bdi>US–Mexico &lt;b&gt;</bdi></h3>'
    )


def test_article_html_drops_control_characters_and_isolates_speakers() -> None:
    article = "Intro\x00 text. “Said words.” More.\n"
    start = article.index("Said")
    from dataclasses import replace

    tour = _tour_with("Said words.", speaker="Bob ‮x")
    tour = replace(tour, quotes=(replace(tour.quotes[0], span=(start, start + len("Said words."))),))
    page = article_html(article, tour)
    assert "\x00" not in page and "Intro text." in page
    assert '>Said words.<span class="tm-tag"><bdi>Bob ‮x</bdi></span></mark>' in page


def test_tables_cut_long_names() -> None:
    from tourmap.display import NAME_LIMIT
    from tourmap.geometry import build_layers

    from .conftest import ROOT

    tour = _tour_with("q", stop="Lima " * 500)
    rows = itinerary_rows(tour, build_layers(tour, ROOT / "data" / "geo"))
    assert len(rows[0]["stop"]) <= NAME_LIMIT + 1 and rows[0]["stop"].endswith("…")


def test_leg_labels_isolate_each_name(built: BuiltTour) -> None:
    from tourmap.views import leg_rows

    rows = leg_rows(built.tour, built.layers)
    assert rows[0]["leg"] == "1. \u2068Mexico City\u2069 → \u2068Argentina\u2069"


def test_the_phone_itinerary_lists_every_stop_and_leg_with_its_facts(built: BuiltTour) -> None:
    """Issue 9: on a phone the date, leg and quote columns of the table were off-screen."""
    import html
    import re

    from tourmap.views import itinerary_list_html

    page = itinerary_list_html(built.tour, built.layers)
    text = html.unescape(re.sub(r"<[^>]+>", "|", page))
    assert page.count('class="tm-itin-stop"') == 5 and page.count('class="tm-leg"') == 4
    assert "Mexico City, Mexico| · visited · 2 Feb 2018 · 16 quotes" in text
    assert "7,373 km · |Mexico City| → |Argentina|" in text
    assert 'style="width:100%"' in page and 'style="width:20%"' in page  # 1,510 of 7,373 km


def test_the_legs_chart_never_cuts_a_label(built: BuiltTour) -> None:
    """Vega-Lite cut axis labels at 180 px: "1. Mexico City → A…" (issue 9)."""
    from tourmap.views import leg_rows, legs_chart

    spec = legs_chart(leg_rows(built.tour, built.layers)).to_dict()
    assert spec["encoding"]["y"]["axis"]["labelLimit"] == 0
    assert spec["encoding"]["y"]["sort"] is None  # in the order of the tour
