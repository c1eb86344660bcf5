"""Article: the source text with stops, mentioned places and quotes highlighted."""

from __future__ import annotations

import streamlit as st

from tourmap import views, webapp

webapp.require_app(__file__)  # a deep link on a fresh server runs the page alone

current = webapp.active()
st.title("Article")
if not current.article:
    st.info("This tour came without its article. Upload one with the tour on “Your own tour”.")
else:
    st.html(
        f"<style>{views.HIGHLIGHT_CSS}</style>"
        '<div><span class="tm-legend-chip"><mark class="tm-ent stop">Stop</mark></span>'
        '<span class="tm-legend-chip"><mark class="tm-ent place">Mentioned place</mark></span>'
        '<span class="tm-legend-chip"><mark class="tm-ent quote">Quote<span class="tm-tag">speaker</span>'
        "</mark></span>"
        "</div><br>" + views.article_html(current.article, current.built.tour)
    )
