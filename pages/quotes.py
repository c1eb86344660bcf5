"""Quotes: every quote of the tour, filtered by speaker, stop and free text."""

from __future__ import annotations

import streamlit as st

from tourmap import views, webapp
from tourmap.display import short

webapp.require_app(__file__)  # a deep link on a fresh server runs the page alone

current = webapp.active()
rows = views.quote_rows(current.built.tour)

st.title("Quotes")
left, middle, right = st.columns(3)
# options are shown through format_func: cleaned and cut, so a megabyte name is not sent
speakers = left.multiselect("Speaker", sorted({r["speaker"] for r in rows}), format_func=short)
stops = middle.multiselect("Said at", sorted({r["stop"] for r in rows}), format_func=short)
search = right.text_input("Search", placeholder="word in the quote, speaker or place")
shown = views.filter_rows(rows, speakers=speakers, stops=stops, search=search)
st.caption(f"{len(shown)} of {len(rows)} quotes")
# a static table: quotes are prose, and a data grid would cut them off; st.table reads Markdown
st.html(views.quotes_table_html(shown))
