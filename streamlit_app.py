"""The tourmap dashboard: ``streamlit run streamlit_app.py``. Navigation only; pages are thin views."""

from __future__ import annotations

import streamlit as st


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
    upload = st.session_state.get("upload")
    if upload:
        # a page's callback sets "use_upload" before this run draws the switch: no value= here
        st.session_state.setdefault("use_upload", True)
        st.sidebar.toggle(f"Show my tour ({upload['name']})", key="use_upload")
    page.run()


main()
