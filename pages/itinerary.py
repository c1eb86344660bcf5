"""Itinerary: the stops in order, leg distances, and the tour's files to download."""

from __future__ import annotations

import streamlit as st

from tourmap import views, webapp

webapp.require_app(__file__)  # a deep link on a fresh server runs the page alone

current = webapp.active()
tour, layers = current.built.tour, current.built.layers

st.title("Itinerary")
a, b, c = st.columns(3)
a.metric("Stops", len(tour.stops))
b.metric("Total distance", f"{layers.total_km:,.0f} km")
c.metric("Quotes", len(tour.quotes))
st.dataframe(views.itinerary_rows(tour, layers), hide_index=True, use_container_width=True)

legs = views.leg_rows(tour, layers)
if legs:
    st.subheader("Legs")
    st.bar_chart(legs, x="leg", y="km", horizontal=True, height=60 + 40 * len(legs))

st.subheader("Download")
files = webapp.exports(current.tour_text, current.tour_format, current.label)
cols = st.columns(4)
cols[0].download_button("Map (HTML, online)", files["map.html"], "tour-map.html", "text/html")
cols[1].download_button(
    "Map (HTML, offline)", files["map-offline.html"], "tour-map-offline.html", "text/html"
)
cols[2].download_button("GeoJSON", files["tour.geojson"], "tour.geojson", "application/geo+json")
cols[3].download_button("Tour file (YAML)", files["tour.yaml"], "tour.yaml", "application/yaml")
