"""The tourmap dashboard's navigation: the entry script of ``tourmap app`` and ``make run``.

``streamlit_app.py`` in the checkout calls the same ``main``; the pages come from
``tourmap.pages`` by absolute path, so the app runs from a wheel as from the checkout.
Navigation only; pages are thin views.
"""

from __future__ import annotations

import streamlit as st

from tourmap import views, webapp
from tourmap.resources import pages_dir

PAGES = (
    ("map.py", "Map"),
    ("quotes.py", "Quotes"),
    ("itinerary.py", "Itinerary"),
    ("article.py", "Article"),
    ("your_tour.py", "Your own tour"),
)


def main() -> None:
    """One run of the app: navigation, the shared CSS and sidebar, then the chosen page."""
    # no page_icon: a Material icon favicon is fetched from Google's servers, and this app stays local
    st.set_page_config(page_title="tourmap", layout="wide")
    folder = pages_dir()
    pages = [st.Page(folder / name, title=title, default=not n) for n, (name, title) in enumerate(PAGES)]
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


if __name__ == "__main__":  # as Streamlit runs its entry script
    main()
