"""Quotes: every quote of the tour, filtered by speaker, stop and free text."""

from __future__ import annotations

import streamlit as st

from tourmap import views, webapp

current = webapp.active()
rows = views.quote_rows(current.built.tour)

st.title("Quotes")
left, middle, right = st.columns(3)
speakers = left.multiselect("Speaker", sorted({r["speaker"] for r in rows}))
stops = middle.multiselect("Said at", sorted({r["stop"] for r in rows}))
search = right.text_input("Search", placeholder="word in the quote, speaker or place")
shown = views.filter_rows(rows, speakers=speakers, stops=stops, search=search)
st.caption(f"{len(shown)} of {len(rows)} quotes")
# a static table: quotes are prose, and a data grid would cut them off
st.table(
    [{"speaker": r["speaker"], "said at": r["stop"], "about": r["about"], "quote": r["text"]} for r in shown]
)
