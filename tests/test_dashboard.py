"""Every dashboard page through Streamlit's AppTest: it runs, and shows what a reader expects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tourmap.pipeline import BuiltTour

ANDES = "title: Andes hop\nstops:\n  - {id: lima, name: Lima, country: PE}\n  - {id: quito, name: Quito}\n"


def shown(at: AppTest) -> str:
    """The text of the page's st.html elements (where tour strings go), tags dropped, unescaped."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", "\n".join(h.proto.body for h in at.get("html"))))


def goto(at: AppTest, page: str) -> AppTest:
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_map_page_is_the_default(app: AppTest) -> None:
    assert '<h2 class="tm-h"><bdi>US, Mexico play up increased security cooperation</bdi></h2>' in _html(app)
    assert "Rex Tillerson · 5 stops · 13,885 km · Tillerson tour (built in)" in shown(app)
    assert "Click a numbered stop" in app.info[0].value
    labels = [t.label for t in app.toggle]
    assert {"Route", "Border", "Mentioned places"} <= set(labels)


def test_next_stop_selects_and_shows_its_quotes(app: AppTest) -> None:
    next_button = next(b for b in app.button if b.label == "Next ▶")
    next_button.click().run()
    assert "Stop 1 of 5: Mexico City" in shown(app)
    assert "Stop: Mexico City" in shown(app)
    assert "devastating impact" in shown(app)
    next(b for b in app.button if b.label == "Next ▶").click().run()
    assert "Stop 2 of 5: Argentina" in shown(app)
    assert any("No quote is linked to it." in m.value for m in app.markdown)


def test_a_map_click_in_the_session_shows_its_quotes(app: AppTest, built: BuiltTour) -> None:
    """streamlit-folium's callback leaves the click under the map's key before the rerun: the page
    reads it there and draws the quotes before the (unchanged) map."""
    from tourmap.webapp import MAP_KEY

    mexico = built.tour.stops[0]
    app.session_state[MAP_KEY] = {
        "last_object_clicked": {"lat": mexico.lat, "lng": mexico.lon},
        "last_object_clicked_tooltip": "Mexico City",
    }
    app.run()
    assert not app.exception
    assert "Stop: Mexico City" in shown(app)
    assert _html(app).count('<div class="tm-card">') == 16


def test_quotes_page_lists_and_filters_16_quotes(app: AppTest) -> None:
    goto(app, "pages/quotes.py")
    assert app.caption[0].value == "16 of 16 quotes"
    assert _html(app).count("<tr><td>") == 16
    app.multiselect[0].select("Luis Videgaray").run()
    assert app.caption[0].value == "4 of 16 quotes"
    app.multiselect[0].unselect("Luis Videgaray").run()
    app.text_input[0].input("Maduro").run()
    assert app.caption[0].value == "1 of 16 quotes"
    assert _html(app).count("<tr><td>") == 1
    assert "Rex Tillerson\nMexico City" not in shown(app)  # cells, not lines
    row = _html(app).split("<tr><td>")[1]
    assert row.startswith("<bdi>Rex Tillerson</bdi></td>")
    assert "“<bdi>if — if — President Maduro" in row


def test_itinerary_page_totals_the_legs(app: AppTest, built: BuiltTour) -> None:
    goto(app, "pages/itinerary.py")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Stops"] == "5"
    assert metrics["Total distance"] == f"{built.layers.total_km:,.0f} km"
    assert list(app.dataframe[0].value["stop"]) == ["Mexico City", "Argentina", "Peru", "Colombia", "Jamaica"]


def test_itinerary_page_has_a_phone_list_and_a_chart_with_whole_labels(app: AppTest) -> None:
    """Issue 9: the wide table and chart go in a container a phone hides; the list in one it shows."""
    import json

    goto(app, "pages/itinerary.py")
    assert "7,373 km · Mexico City → Argentina" in shown(app)
    spec = json.loads(app.get("vega_lite_chart")[0].proto.spec)
    assert spec["encoding"]["y"]["axis"]["labelLimit"] == 0
    blocks = [b for b in app.main.children.values() if b.type == "flex_container"]
    kinds = [[c.type for c in b.children.values()] for b in blocks]
    assert ["dataframe", "subheader", "vega_lite_chart"] in kinds and ["html"] in kinds


def test_article_page_highlights_the_article(app: AppTest) -> None:
    goto(app, "pages/article.py")
    html = _html(app)
    assert html.count('title="Said by ') == 16
    assert "Tillerson flew out Friday evening" in html


def test_your_tour_page_takes_a_pasted_tour_and_refuses_a_broken_one(app: AppTest) -> None:
    goto(app, "pages/your_tour.py")
    assert any(b.label == "Draft the tour" for b in app.button)
    app.text_area[0].input("title: [unclosed\n").run()
    next(b for b in app.button if b.label == "Show on the map").click().run()
    assert not app.exception
    assert "malformed YAML on line" in shown(app) and 'class="tm-note error"' in _html(app)
    app.text_area[0].input(
        "title: Andes hop\nstops:\n  - {id: lima, name: Lima, country: PE}\n  - {id: quito, name: Quito}\n"
    ).run()
    next(b for b in app.button if b.label == "Show on the map").click().run()
    assert not app.exception and 'class="tm-note error"' not in _html(app)
    assert "Loaded pasted tour" in shown(app)
    goto(app, "pages/itinerary.py")
    assert list(app.dataframe[0].value["stop"]) == ["Lima", "Quito"]


def test_your_tour_page_drafts_a_tour_from_an_article(app: AppTest) -> None:
    from .conftest import TILLERSON

    goto(app, "pages/your_tour.py")
    article = (TILLERSON.parent / "article.txt").read_text(encoding="utf-8")
    next(t for t in app.text_area if t.label == "Article text").input(article).run()
    next(b for b in app.button if b.label == "Draft the tour").click().run()
    assert not app.exception and 'class="tm-note error"' not in _html(app), shown(app)
    assert "Drafted" in shown(app)
    draft = next(t for t in app.text_area if t.label.startswith("…or paste")).value
    assert "traveller: Rex Tillerson" in draft  # ready to be corrected and shown again
    goto(app, "pages/quotes.py")
    assert app.caption[0].value == "16 of 16 quotes"
    goto(app, "pages/article.py")
    assert _html(app).count('title="Said by ') == 16


def test_an_article_with_no_place_is_refused_on_the_page(app: AppTest) -> None:
    goto(app, "pages/your_tour.py")
    next(t for t in app.text_area if t.label == "Article text").input("Nothing happened on Tuesday.").run()
    next(b for b in app.button if b.label == "Draft the tour").click().run()
    assert not app.exception
    assert "no place" in shown(app) and 'class="tm-note error"' in _html(app)


def test_a_draft_of_guesses_says_so_on_the_page(app: AppTest) -> None:
    from .test_cli_extract import GUESSWORK

    goto(app, "pages/your_tour.py")
    next(t for t in app.text_area if t.label == "Article text").input(GUESSWORK).run()
    next(b for b in app.button if b.label == "Draft the tour").click().run()
    assert not app.exception
    html = _html(app)
    assert html.count('class="tm-note warning"') >= 3, shown(app)
    for said in ("no title found", "no traveller found", "Geneva (the place it names most) is the only stop"):
        assert said in shown(app)


def _show(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "Show on the map").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _tour_uploader(at: AppTest) -> Any:
    return next(u for u in at.get("file_uploader") if u.label == "Tour file")


def _everything(at: AppTest) -> str:
    """All the page holds, whatever element shows it."""
    return "\n".join(str(n.proto) for n in at._tree if getattr(n, "proto", None) is not None)


def test_showing_tours_again_and_again_raises_nothing(app: AppTest) -> None:
    """Issue 7.2: a second "Show on the map" set the sidebar toggle's state after it was drawn."""
    from .conftest import TILLERSON

    goto(app, "pages/your_tour.py")
    app.text_area[0].input(ANDES).run()
    _show(app)
    _show(app)  # StreamlitAPIException: `st.session_state.use_upload` cannot be modified…
    _tour_uploader(app).upload("andes.yaml", ANDES.replace("Andes hop", "Andes upload").encode()).run()
    _show(app)
    assert "Loaded andes.yaml" in _everything(app)
    # draft → correct → show
    article = (TILLERSON.parent / "article.txt").read_text(encoding="utf-8")
    _tour_uploader(app).set_value(None).run()
    next(t for t in app.text_area if t.label == "Article text").input(article).run()
    next(b for b in app.button if b.label == "Draft the tour").click().run()
    assert not app.exception
    draft = next(t for t in app.text_area if t.label.startswith("…or paste"))
    draft.input(draft.value.replace("title: ", "title: Corrected ", 1)).run()
    _show(app)
    assert app.session_state["use_upload"] is True
    goto(app, "pages/map.py")
    assert "Corrected US, Mexico" in _everything(app)


# element types that show a string as it is: sanitised HTML without Markdown, grid cells drawn on
# a canvas, the map component (its popups escaped by render.esc), a text area's own value, the
# options of a multiselect (its label reads Markdown, options do not: the browser test checks) and
# of a selectbox (the same select; "Stop to place" on the Tables tab lists stop names), and a
# code block (st.code: the Itinerary page's embed snippet, its title HTML-escaped)
_LITERAL = {
    "code",
    "html",
    "arrow_data_frame",
    "dataframe",
    "component_instance",
    "text_area",
    "file_uploader",
    "multiselect",
    "selectbox",
}


def _markdown_leaks(at: AppTest, marker: str) -> list[str]:
    """Elements that would read a tour string as Markdown, holding one (found by its marker)."""
    leaks = []
    for node in at._tree:
        if node.type in _LITERAL or not hasattr(node, "proto") or node.proto is None:
            continue
        if marker in str(node.proto):
            leaks.append(f"{node.type}: {str(node.proto)[:120]}")
    return leaks


def _html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def test_tour_strings_reach_no_markdown_element(app: AppTest) -> None:
    """Issue 7.3: titles, names, quotes and file names went through st.header/markdown/table/success."""
    from .payloads import RLO, hostile_article, hostile_tour_json, payload

    evil = payload(8799)
    goto(app, "pages/your_tour.py")
    name = "**bold** `code` :red[x] $x^2$.json"
    _tour_uploader(app).upload(name, hostile_tour_json(8799).encode(), "application/json").run()
    article = next(u for u in app.get("file_uploader") if u.label.startswith("Its article"))
    article.upload("article.txt", hostile_article(8799).encode(), "text/plain").run()
    _show(app)
    expected = {
        "pages/your_tour.py": [f"Loaded {name}", f"Title {evil}"],
        "pages/map.py": [
            f"Title {evil}",
            f"Traveller {RLO}olleh {evil} · 2 stops",
            f"Stop 1 of 2: Stop {RLO}amil {evil}",
            f"Speaker {RLO}rekaeps {evil}",
            f"“Quote {evil}”",
            f"about Place {RLO}sacarac {evil}, Border {evil}",
        ],
        "pages/quotes.py": [f"Quote {evil}", f"Other {evil}"],
        "pages/itinerary.py": [],
        "pages/article.py": [f"Headline {evil}"],
    }
    for page, texts in expected.items():
        if page != "pages/your_tour.py":
            goto(app, page)
        if page == "pages/map.py":
            next(b for b in app.button if b.label == "Next ▶").click().run()
        assert _markdown_leaks(app, "track.png") == [], page
        assert _markdown_leaks(app, "bold**") == [], page
        for text in texts:
            assert text in shown(app), (page, text)
        assert "\x00" not in _html(app)
    # the sidebar names the upload outside the toggle's (Markdown) label
    assert [t.label for t in app.toggle if "tour" in t.label] == ["Show my tour"]
    assert name in "".join(h.proto.body for h in app.sidebar.get("html"))


def test_a_bad_tour_file_is_refused_in_literal_text(app: AppTest) -> None:
    """Issue 7.3: an error quoting a user's value went through st.error, which reads Markdown."""
    goto(app, "pages/your_tour.py")
    app.text_area[0].input("title: t\nstops:\n  - {id: lima, name: Lima, status: '**bold** `x`'}\n").run()
    _show(app)
    assert _markdown_leaks(app, "bold**") == []
    assert "expected 'visited' or 'upcoming', instead got: '**bold** `x`'" in shown(app)


def test_a_long_quote_is_cut_with_show_more(app: AppTest) -> None:
    """Issue 7.10: a 1.5 MB quote went whole to the browser on every rerun of the map page."""
    from .payloads import long_tour_json

    goto(app, "pages/your_tour.py")
    _tour_uploader(app).upload("long.json", long_tour_json(1_500_000).encode(), "application/json").run()
    _show(app)
    goto(app, "pages/map.py")
    next(b for b in app.button if b.label == "Next ▶").click().run()
    assert not app.exception
    page = sum(len(n.proto.SerializeToString()) for n in app._tree if getattr(n, "proto", None))
    assert page < 600_000  # the map and its basemap included; the quote alone is 1.5 MB
    assert "QSTART the minister said" in _html(app)
    more = next(b for b in app.button if b.label.startswith("Show more"))
    more.click().run()
    assert not app.exception
    assert len(_html(app)) > 1_500_000
    next(b for b in app.button if b.label.startswith("Show less")).click().run()
    assert len(_html(app)) < 50_000
    goto(app, "pages/quotes.py")
    assert len(_html(app)) < 50_000
    goto(app, "pages/itinerary.py")
    assert max(len(s) for s in app.dataframe[0].value["stop"]) < 1_000


MALFORMED = {
    "the billion laughs": ("bomb.yaml", None, "anchors and aliases (&a, *a) are not allowed"),
    "said_at is a list": (
        "t.yaml",
        "title: t\nstops:\n  - {id: lima, name: Lima}\nquotes:\n  - {id: q, text: hi, said_at: [x]}\n",
        "quotes[0].said_at: must be the id of a stop",
    ),
    "about holds a list": (
        "t.yaml",
        "title: t\nstops:\n  - {id: lima, name: Lima}\nquotes:\n  - {id: q, text: hi, about: [[x]]}\n",
        "quotes[0].about: expected an id",
    ),
    "a complex key": ("t.yaml", "title: t\n? [a, b]\n: c\nstops: []\n", "mapping keys must be text"),
    "a 400-digit lat": (
        "t.yaml",
        f"title: t\nstops:\n  - {{id: a, name: A, lat: {'9' * 400}, lon: 0}}\n",
        "stops[0].lat: latitude must be between -90 and 90",
    ),
    "a 5,000-digit number in JSON": (
        "t.json",
        '{"title": "t", "stops": [{"id": "a", "name": "A", "lat": ' + "1" * 5000 + ', "lon": 0}]}',
        "stops[0].lat: expected a number, instead got: <a number of 5,000 digits>",
    ),
    "February 30": (
        "t.yaml",
        "title: t\nstops:\n  - {id: a, name: Lima, date: 2018-02-30}\n",
        "stops[0].date: expected a date like 2018-02-02, instead got: '2018-02-30'",
    ),
    "10,000 levels of nesting": (
        "t.yaml",
        "title: t\nstops: " + "[" * 10_000 + "]" * 10_000,
        "nested deeper",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_upload_is_one_clear_message_on_the_page(app: AppTest, case: str) -> None:
    """Issue 7.4 in the dashboard: each file that gave a traceback is refused in one literal sentence."""
    from .test_hostile_inputs import alias_bomb

    name, text, expected = MALFORMED[case]
    goto(app, "pages/your_tour.py")
    _tour_uploader(app).upload(name, (text or alias_bomb()).encode(), "text/plain").run()
    _show(app)
    assert expected in shown(app)
    assert not app.exception
    goto(app, "pages/map.py")  # the session keeps the tour it had
    assert app.get("html") and "US, Mexico play up" in shown(app)


def test_a_story_link_opens_the_story_view_with_the_article_in_its_panel(
    open_app: Callable[..., AppTest],
) -> None:
    """Issue 10: ``?view=story`` (what the Story switch puts in the address) opens the exported
    map's story in the page, each stop's article paragraph in its data; Explore takes it away."""
    at = open_app({"view": "story"})
    frames = at.get("iframe")
    assert len(frames) == 1
    page = frames[0].proto.srcdoc
    assert 'aria-label="Itinerary"' in page and "tm-live" in page
    assert "Tillerson flew out Friday evening for Argentina" in page  # the article went with it
    assert not [b for b in at.button if b.label == "Next ▶"]  # the story has its own controls

    at.session_state["map_view"] = "explore"
    at.run()
    assert not at.exception
    assert at.get("iframe") == []
    assert any(b.label == "Next ▶" for b in at.button)


def test_a_second_click_on_the_chosen_view_keeps_it(app: AppTest) -> None:
    """A segmented control unselects its option on a second click: the Map page would have fallen
    back to Explore under a reader who clicked Story again."""
    views = app.get("button_group")[0]
    views.set_value("story").run()
    assert not app.exception and len(app.get("iframe")) == 1
    assert app.query_params.get("view") == "story"
    app.get("button_group")[0].set_value(None).run()  # what the second click sends
    assert not app.exception
    assert app.session_state["map_view"] == "story"
    assert len(app.get("iframe")) == 1 and app.query_params.get("view") == "story"
    app.get("button_group")[0].set_value("explore").run()
    assert app.get("iframe") == [] and "view" not in app.query_params
