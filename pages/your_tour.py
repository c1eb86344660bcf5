"""Your own tour: upload or paste a tour file (or an article), see it on the map, download it."""

from __future__ import annotations

import streamlit as st

from tourmap import views, webapp, webtables
from tourmap.errors import TourmapError

webapp.require_app(__file__)  # a deep link on a fresh server runs the page alone

st.title("Your own tour")
st.write(
    "Upload a tour file (YAML or JSON, the same keys as `data/tillerson-2018/tour.yaml`), paste one, "
    "or let tourmap draft one from an article. Stops without coordinates are placed with the "
    "offline GeoNames gazetteer."
)

_MESSAGES = ("show_error", "show_done", "draft_error", "draft_notes", "draft_done")


def _file(key: str) -> tuple[str, bytes] | None:
    upload = st.session_state.get(key)
    return None if upload is None else (upload.name, upload.getvalue())


def _show_tour() -> None:
    """Button callback: it runs before the rerun draws the sidebar switch, so it may turn it on."""
    for key in _MESSAGES:
        st.session_state.pop(key, None)
    try:
        given = views.tour_input(
            _file("tour_upload"), st.session_state.get("tour_paste", ""), _file("tour_article")
        )
        webapp.built_from_text(given.text, given.fmt, given.name)  # validates and places it, or raises
    except (TourmapError, ValueError) as err:
        st.session_state["show_error"] = str(err)
        return
    webapp.use_tour(given)
    st.session_state["show_done"] = (
        f"Loaded {given.name}: the Map, Quotes, Itinerary and Article pages now show it."
    )


def _draft_from_article() -> None:
    """Button callback: runs before the rerun, so it may fill the tour text area with the draft."""
    for key in _MESSAGES:
        st.session_state.pop(key, None)
    upload = _file("article_upload")
    try:
        if upload is not None:
            article, _ = views.check_upload(*upload, allowed=views.ARTICLE_TYPES)
        elif st.session_state.get("article_paste", "").strip():
            article = st.session_state["article_paste"]
        else:
            raise ValueError("paste or upload an article first")
        tour_yaml, notes = webapp.draft(article)
        webapp.built_from_text(tour_yaml, "yaml", "draft from article")
    except (TourmapError, ValueError) as err:
        st.session_state["draft_error"] = str(err)
        return
    st.session_state["tour_paste"] = tour_yaml
    st.session_state["draft_notes"] = notes
    webapp.use_tour(views.TourInput("draft from article", tour_yaml, "yaml", article))
    st.session_state["draft_done"] = (
        "Drafted: it is on every page now, and in the “Tour file” tab to correct."
    )


tour_tab, tables_tab, article_tab = st.tabs(["Tour file", "Tables", "Article"])
with tour_tab:
    st.file_uploader("Tour file", type=list(views.TOUR_TYPES), key="tour_upload")
    st.text_area("…or paste YAML / JSON", height=160, key="tour_paste")
    st.file_uploader("Its article (optional, .txt)", type=list(views.ARTICLE_TYPES), key="tour_article")
    st.button("Show on the map", type="primary", on_click=_show_tour)
    # messages quote file names and values: literal HTML, not st.error/st.success (Markdown)
    if st.session_state.get("show_error"):
        st.html(views.notice_html("error", st.session_state["show_error"]))
    if st.session_state.get("show_done"):
        st.html(views.notice_html("success", st.session_state["show_done"]))

with tables_tab:
    webtables.show()

with article_tab:
    st.write(
        "Paste or upload an English news article about a trip: tourmap drafts the tour (stops in "
        "visiting order, quotes with their speakers) and puts the draft in the “Tour file” tab, "
        "where you can correct it and show it again."
    )
    st.text_area("Article text", height=220, key="article_paste")
    st.file_uploader("…or an article file (.txt)", type=list(views.ARTICLE_TYPES), key="article_upload")
    st.button("Draft the tour", type="primary", on_click=_draft_from_article)
    if st.session_state.get("draft_error"):
        st.html(views.notice_html("error", st.session_state["draft_error"]))
    for note in st.session_state.get("draft_notes", ()):
        st.html(views.notice_html("warning", note))
    if st.session_state.get("draft_done"):
        st.html(views.notice_html("success", st.session_state["draft_done"]))

if st.session_state.get("upload"):
    current = webapp.active()
    st.html(views.heading_html(current.built.tour.title, 3))
    webapp.show_map(current.built, webapp.map_options(basemap_offline=webapp.offline()))
    files = webapp.exports(current.tour_text, current.tour_format, current.label, current.article)
    cols = st.columns(3)
    cols[0].download_button("Map (HTML, offline)", files["map-offline.html"], "tour-map.html", "text/html")
    cols[1].download_button("GeoJSON", files["tour.geojson"], "tour.geojson", "application/geo+json")
    cols[2].download_button("Placed tour (YAML)", files["tour.yaml"], "tour.yaml", "application/yaml")

st.subheader("Recent drafts")
recent = webapp.recent_drafts()
if not recent:
    st.caption("Every tour shown on the map is kept here, with a link (`?tour=…`) to reopen or share it.")
for info in recent:
    # the title goes through st.html (literal); a button label would read it as Markdown
    text, button = st.columns([6, 1], vertical_alignment="center")
    text.html(views.draft_line_html(info.title, info.saved, info.hash))
    button.button("Open", key=f"open_{info.hash}", on_click=webapp.reopen_draft, args=(info.hash,))
