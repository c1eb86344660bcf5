"""Every dashboard page through Streamlit's AppTest: it runs, and shows what a reader expects."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tourmap.pipeline import BuiltTour

from .conftest import ROOT

APP = str(ROOT / "streamlit_app.py")
ANDES = "title: Andes hop\nstops:\n  - {id: lima, name: Lima, country: PE}\n  - {id: quito, name: Quito}\n"


def _run_pages_through_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make AppTest run streamlit_app.py (sidebar, navigation) before each page, as the server does.

    AppTest builds a new PagesManager for every run, which sees the pages/ folder and runs the
    page file alone (multipage v1); the server drops that mode for good once st.navigation has
    run. Without this, a page's interplay with the app's sidebar (issue 7.2) cannot be tested.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self: PagesManager, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("TOURMAP_OFFLINE", "1")
    _run_pages_through_the_app(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def goto(at: AppTest, page: str) -> AppTest:
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_map_page_is_the_default(app: AppTest) -> None:
    assert app.header[0].value == "US, Mexico play up increased security cooperation"
    assert "Rex Tillerson · 5 stops · 13,885 km" in app.caption[0].value
    assert "Click a numbered stop" in app.info[0].value
    labels = [t.label for t in app.toggle]
    assert {"Route", "Border", "Mentioned places"} <= set(labels)


def test_next_stop_selects_and_shows_its_quotes(app: AppTest) -> None:
    next_button = next(b for b in app.button if b.label == "Next ▶")
    next_button.click().run()
    assert any("Stop 1 of 5: Mexico City" in m.value for m in app.markdown)
    assert any(s.value == "Stop: Mexico City" for s in app.subheader)
    assert any("devastating impact" in m.value for m in app.markdown)
    next(b for b in app.button if b.label == "Next ▶").click().run()
    assert any("Stop 2 of 5: Argentina" in m.value for m in app.markdown)
    assert any("No quote is linked to it." in m.value for m in app.markdown)


def test_quotes_page_lists_and_filters_16_quotes(app: AppTest) -> None:
    goto(app, "pages/quotes.py")
    assert app.caption[0].value == "16 of 16 quotes"
    assert len(app.table[0].value) == 16
    app.multiselect[0].select("Luis Videgaray").run()
    assert app.caption[0].value == "4 of 16 quotes"
    app.multiselect[0].unselect("Luis Videgaray").run()
    app.text_input[0].input("Maduro").run()
    assert app.caption[0].value == "1 of 16 quotes"
    assert app.table[0].value.iloc[0]["speaker"] == "Rex Tillerson"
    assert app.table[0].value.iloc[0]["quote"].startswith("if — if — President Maduro")


def test_itinerary_page_totals_the_legs(app: AppTest, built: BuiltTour) -> None:
    goto(app, "pages/itinerary.py")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Stops"] == "5"
    assert metrics["Total distance"] == f"{built.layers.total_km:,.0f} km"
    assert list(app.dataframe[0].value["stop"]) == ["Mexico City", "Argentina", "Peru", "Colombia", "Jamaica"]


def test_article_page_highlights_the_article(app: AppTest) -> None:
    goto(app, "pages/article.py")
    html = app.get("html")[0].proto.body
    assert html.count('title="Said by ') == 16
    assert "Tillerson flew out Friday evening" in html


def test_your_tour_page_takes_a_pasted_tour_and_refuses_a_broken_one(app: AppTest) -> None:
    goto(app, "pages/your_tour.py")
    assert any(b.label == "Draft the tour" for b in app.button)
    app.text_area[0].input("title: [unclosed\n").run()
    next(b for b in app.button if b.label == "Show on the map").click().run()
    assert not app.exception
    assert "malformed YAML on line" in app.error[0].value
    app.text_area[0].input(
        "title: Andes hop\nstops:\n  - {id: lima, name: Lima, country: PE}\n  - {id: quito, name: Quito}\n"
    ).run()
    next(b for b in app.button if b.label == "Show on the map").click().run()
    assert not app.exception and not app.error
    assert "Loaded pasted tour" in app.success[0].value
    goto(app, "pages/itinerary.py")
    assert list(app.dataframe[0].value["stop"]) == ["Lima", "Quito"]


def test_your_tour_page_drafts_a_tour_from_an_article(app: AppTest) -> None:
    from .conftest import TILLERSON

    goto(app, "pages/your_tour.py")
    article = (TILLERSON.parent / "article.txt").read_text(encoding="utf-8")
    next(t for t in app.text_area if t.label == "Article text").input(article).run()
    next(b for b in app.button if b.label == "Draft the tour").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert any("Drafted" in s.value for s in app.success)
    draft = next(t for t in app.text_area if t.label.startswith("…or paste")).value
    assert "traveller: Rex Tillerson" in draft  # ready to be corrected and shown again
    goto(app, "pages/quotes.py")
    assert app.caption[0].value == "16 of 16 quotes"
    goto(app, "pages/article.py")
    assert app.get("html")[0].proto.body.count('title="Said by ') == 16


def test_an_article_with_no_place_is_refused_on_the_page(app: AppTest) -> None:
    goto(app, "pages/your_tour.py")
    next(t for t in app.text_area if t.label == "Article text").input("Nothing happened on Tuesday.").run()
    next(b for b in app.button if b.label == "Draft the tour").click().run()
    assert not app.exception
    assert "no place" in app.error[0].value


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
