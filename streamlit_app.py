"""The tourmap dashboard: ``streamlit run streamlit_app.py``. Navigation only; pages are thin views."""

from __future__ import annotations

import streamlit as st

from tourmap import views, webapp


def main() -> None:
    # no page_icon: a Material icon favicon is fetched from Google's servers, and this app stays local
    st.set_page_config(page_title="tourmap", layout="wide")
    pages = [
        st.Page("pages/map.py", title="Map", default=True),
        st.Page("pages/quotes.py", title="Quotes"),
        st.Page("pages/itinerary.py", title="Itinerary"),
        st.Page("pages/article.py", title="Article"),
        st.Page("pages/your_tour.py", title="Your own tour"),
    ]
    page = st.navigation(pages)
    st.html(f"<style>{views.TEXT_CSS}{views.LAYOUT_CSS}</style>")  # tour strings; phone layout
    st.sidebar.html(views.CLOSE_SIDEBAR_JS, unsafe_allow_javascript=True)
    # ?tour=HASH opens a kept draft before the sidebar switch is drawn; notices quote the hash
    for kind, message in webapp.follow_tour_link():
        st.html(views.notice_html(kind, message))
    upload = st.session_state.get("upload")
    if upload:
        # a page's callback sets "use_upload" before this run draws the switch: no value= here
        st.session_state.setdefault("use_upload", True)
        # a widget label reads Markdown: the upload's name goes beneath it, as literal text
        st.sidebar.toggle("Show my tour", key="use_upload")
        st.sidebar.html(views.upload_note_html(upload["name"]))
    st.session_state[webapp.IN_APP] = True  # a page run without it is run alone: webapp.require_app
    try:
        page.run()
    finally:
        st.session_state.pop(webapp.IN_APP, None)


main()
