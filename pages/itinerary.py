"""Itinerary: the stops in order, leg distances, and the tour's files to download."""

from __future__ import annotations

import streamlit as st

from tourmap import views, webapp
from tourmap.errors import TourmapError

webapp.require_app(__file__)  # a deep link on a fresh server runs the page alone

current = webapp.active()
tour, layers = current.built.tour, current.built.layers

st.title("Itinerary")
# rows that wrap rather than columns, which a phone stacks one under another
with st.container(horizontal=True, gap="large"):
    st.metric("Stops", len(tour.stops), width="content")
    st.metric("Total distance", f"{layers.total_km:,.0f} km", width="content")
    st.metric("Quotes", len(tour.quotes), width="content")

# a wide screen gets the table and the chart; a phone, where neither fits, the list of legs
with st.container(key="tm-wide-itinerary"):
    st.dataframe(views.itinerary_rows(tour, layers), hide_index=True, width="stretch")
    legs = views.leg_rows(tour, layers)
    if legs:
        st.subheader("Legs")
        st.altair_chart(views.legs_chart(legs), width="stretch")
with st.container(key="tm-narrow-itinerary"):
    st.html(views.itinerary_list_html(tour, layers))

st.subheader("Download")
files = webapp.exports(current.tour_text, current.tour_format, current.label, current.article)
with st.container(horizontal=True):
    st.download_button(
        "Map (HTML)",
        files["map.html"],
        views.EMBED_FILE,
        "text/html",
        help="One file that works without internet; OpenStreetMap tiles show when online",
    )
    st.download_button("Map (HTML, offline)", files["map-offline.html"], "tour-map-offline.html", "text/html")
    st.download_button("GeoJSON", files["tour.geojson"], "tour.geojson", "application/geo+json")
    st.download_button("Tour file (YAML)", files["tour.yaml"], "tour.yaml", "application/yaml")
    picture = webapp.picture_key(current.tour_text)
    if st.button("Map (PNG)", help=f"Draw a {webapp.PICTURE_SIZE} picture for slides and print"):
        st.session_state[picture] = True

if st.session_state.get(picture):
    try:
        png = webapp.map_picture(current.tour_text, current.tour_format, current.label)
    except TourmapError as err:
        st.html(views.notice_html("warning", f"No picture: {err}"))
    else:
        st.download_button(f"Download the PNG ({webapp.PICTURE_SIZE})", png, "tour-map.png", "image/png")

st.subheader("Embed")
st.caption(f"Put the downloaded {views.EMBED_FILE} beside your page and paste:")
st.code(views.embed_snippet(tour.title), language="html")
