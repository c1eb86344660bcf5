"""Map: the tour on a map; a click on a stop, the border or a place shows its quotes beside it."""

from __future__ import annotations

from typing import Any

import streamlit as st

from tourmap import views, webapp
from tourmap.model import Quote
from tourmap.settings import offline_requested

webapp.require_app(__file__)  # a deep link on a fresh server runs the page alone

current = webapp.active()
tour, layers = current.built.tour, current.built.layers

with st.sidebar:
    st.subheader("Map layers")
    st.toggle("Route", value=True, key="show_route")
    st.toggle("Border", value=True, key="show_borders")
    st.toggle("Mentioned places", value=True, key="show_places")
    if offline_requested():
        st.toggle("Offline basemap (TOURMAP_OFFLINE=1)", value=True, disabled=True)
    else:
        st.toggle("Offline basemap (no tiles)", value=False, key="offline_basemap")


def _focus(step: int) -> None:
    last = len(tour.stops) - 1
    now = st.session_state.get("focus")
    st.session_state["focus"] = 0 if now is None else max(0, min(last, now + step))
    stop = tour.stops[st.session_state["focus"]]
    st.session_state["selected"] = views.Selection("stop", stop.id, stop.name)


# tour strings go through views' HTML (st.html), never st.header/markdown/caption: those read Markdown
st.html(views.header_html(tour, layers, current.label))

VIEWS = {"explore": "Explore", "story": "Story"}


def _pick_view() -> None:
    """The view goes in the address (``?view=story``), so a copied link opens the same view.

    A second click on the chosen view would leave none chosen (a segmented control unselects):
    the view stays as it was."""
    view = st.session_state.get("map_view")
    if view is None:
        st.session_state["map_view"] = st.session_state.get("tm_view", "explore")
        return
    st.session_state["tm_view"] = view
    if view == "story":
        st.query_params["view"] = "story"
    elif "view" in st.query_params:
        del st.query_params["view"]


if st.session_state.get("map_view") is None:
    linked = "story" if st.query_params.get("view") == "story" else "explore"
    st.session_state["map_view"] = st.session_state["tm_view"] = linked

# one row that wraps, not columns: a phone stacks columns, and two full-width buttons pushed the map down
focus = st.session_state.get("focus")
with st.container(horizontal=True, vertical_alignment="center"):
    st.segmented_control(
        "View",
        list(VIEWS),
        format_func=VIEWS.__getitem__,
        key="map_view",
        on_change=_pick_view,
        label_visibility="collapsed",
        help="Explore: click the map for quotes. Story: the tour stop by stop (← → keys, Play)",
    )
    if st.session_state["map_view"] == "explore":
        st.button("◀ Previous", on_click=_focus, args=(-1,))
        st.button("Next ▶", on_click=_focus, args=(1,))
        if focus is not None:
            st.html(views.stop_label_html(tour, focus), width="content")


def take_click(result: dict[str, Any] | None) -> None:
    """Select what the reader clicked on the map, once per click."""
    result = result or {}
    click = (result.get("last_object_clicked"), result.get("last_object_clicked_tooltip"))
    if click != st.session_state.get("last_click"):
        st.session_state["last_click"] = click
        picked = views.selection_from_click(tour, layers, click[0], click[1])
        if picked is not None:
            st.session_state["selected"] = picked


@st.fragment
def map_and_quotes() -> None:
    """The map and the quotes of what was clicked: a click reruns only this part of the page.

    The click is read from the session before the map is drawn (streamlit-folium's callback put
    it there), so the quotes are sent first: the map itself has not changed (issue 9, click →
    quotes <= 0.6 s)."""
    map_col, info_col = st.columns([3, 2], gap="medium")
    take_click(st.session_state.get(webapp.MAP_KEY))
    options = webapp.map_options(basemap_offline=webapp.offline())
    with info_col:
        with st.container(key="tm-quotes"):  # compact cards on a phone (views.LAYOUT_CSS)
            quotes_of(st.session_state.get("selected"))
        with st.container(key="tm-narrow-legend"):
            webapp.legend(current.built, options)
    with map_col:
        center = tour.stops[focus].point if focus is not None else None
        webapp.show_map(current.built, options, center=center, zoom=6 if focus is not None else None)
        with st.container(key="tm-wide-legend"):  # on a phone the legend goes under the quotes
            webapp.legend(current.built, options)


def quotes_of(selected: views.Selection | None) -> None:
    known = {s.id for s in tour.stops} | {p.id for p in tour.places} | {b.id for b in tour.borders}
    if selected is None or selected.id not in known:
        st.info("Click a numbered stop, the border or a mentioned place to read its quotes here.")
        return
    st.html(views.selection_html(selected))
    quotes = views.quotes_for(tour, selected)
    if not quotes:
        st.write("No quote is linked to it.")
    short: list[Quote] = []
    for n, q in enumerate(quotes):
        card = views.quote_card(tour, q, full=webapp.showing_more(q.id))
        if not card.long:
            short.append(q)  # drawn together, as one element
            continue
        if short:
            st.html(views.cards_html(tour, short, current.article))
            short = []
        with st.container(border=True, key=f"tm-card-{n}"):  # a long quote keeps its button
            st.html(card.html)
            label = f"Show more ({card.hidden:,} more characters)" if card.hidden else "Show less"
            st.button(label, key=f"more-{q.id}", on_click=webapp.toggle_more, args=(q.id,))
            paragraph = views.paragraph_of(current.article or "", q.span)
            if paragraph:
                with st.expander("Article paragraph"):
                    st.html(views.paragraph_html(paragraph))
    if short:
        st.html(views.cards_html(tour, short, current.article))


def story() -> None:
    """The exported map's story mode in a frame: itinerary, Previous/Play/Next, ← → keys and
    ``#stop-N`` in the address, with each stop's paragraph and quotes in its panel."""
    options = webapp.story_options(basemap_offline=webapp.offline(), article=current.article)
    page = webapp.story_page(current.tour_text, current.tour_format, current.label, current.article, options)
    st.iframe(page, height=webapp.STORY_HEIGHT)


if st.session_state["map_view"] == "story":
    story()
else:
    map_and_quotes()
