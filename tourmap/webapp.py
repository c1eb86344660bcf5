"""Streamlit glue shared by the pages: cached library calls, the active tour, the map component.

Nothing here decides what a tour means; it loads, caches and displays. Caches hold computed
values (``BuiltTour``) keyed by file content, never widgets; the gazetteer is one per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from tourmap import drafts
from tourmap.errors import TourmapError
from tourmap.gazetteer import Gazetteer
from tourmap.pipeline import BuiltTour, build_tour, make_map
from tourmap.render import MapOptions
from tourmap.settings import Settings, offline_requested
from tourmap.tourfile import parse_tour, read_text
from tourmap.views import UPLOAD_LIMIT, Notice, TourInput

MAP_HEIGHT = 620
STORY_HEIGHT = 680  # the Story view's frame: the map beside its panel, or over it on a phone
MAP_KEY = "tour_map"  # st_folium's key: its callback leaves the last report under it in the session
IN_APP = "tm_in_app"  # set by tourmap.dashboard while it runs a page (see require_app)


@dataclass(frozen=True, slots=True)
class Active:
    """The tour the session is looking at, with the article it came from when there is one."""

    label: str
    built: BuiltTour
    article: str | None
    tour_text: str
    tour_format: str


@st.cache_resource(show_spinner=False)
def gazetteer() -> Gazetteer:
    return Gazetteer.open()


def static_dir(main_script_parent: Path | None = None) -> Path:
    """Streamlit serves ``static/`` beside the app's entry script: the checkout's root for
    ``streamlit run streamlit_app.py``, the installed package for ``tourmap app``."""
    if main_script_parent is None:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is None:  # pragma: no cover - only ever called from a page or from warm()
            raise RuntimeError("static_dir() outside a Streamlit run needs the entry script's folder")
        main_script_parent = Path(ctx.pages_manager.main_script_parent)
    return main_script_parent / "static" / "tourmap"


@st.cache_resource(show_spinner=False)
def static_assets_ready(folder: Path) -> bool:
    """Leaflet and jQuery as local files: streamlit-folium's iframe would fetch them from CDNs.

    False when the folder cannot be written (a read-only install): the map then carries them
    inline instead, bigger but still with no request off the machine."""
    from tourmap._assets import write_static_assets

    try:
        write_static_assets(folder)
    except OSError:
        return False
    return True


@st.cache_data(show_spinner="Placing the tour…", max_entries=32)
def built_from_text(text: str, fmt: str, name: str) -> BuiltTour:
    """Parse, validate, geocode and lay out a tour file's text; cached by its content."""
    return build_tour(parse_tour(text, fmt=fmt, name=name), Settings.from_env(), gazetteer())


@st.cache_data(show_spinner=False)
def default_files() -> tuple[str, str | None]:
    settings = Settings.from_env()
    tour_text = read_text(settings.default_tour, what="tour file")
    article_path = settings.default_tour.parent / "article.txt"
    article = (
        read_text(article_path, what="article", max_bytes=UPLOAD_LIMIT) if article_path.exists() else None
    )
    return tour_text, article


def active() -> Active:
    """The uploaded tour if the session has one and chose it, else the Tillerson tour."""
    upload = st.session_state.get("upload")
    if upload and st.session_state.get("use_upload", True):
        built = built_from_text(upload["text"], upload["format"], upload["name"])
        return Active(upload["name"], built, upload.get("article"), upload["text"], upload["format"])
    text, article = default_files()
    return Active(
        "Tillerson tour (built in)", built_from_text(text, "yaml", "tour.yaml"), article, text, "yaml"
    )


def use_tour(given: TourInput) -> None:
    """Make a reader's tour the one every page shows; only from a widget callback.

    Callbacks run before the script draws the sidebar switch ``use_upload``, so it may be set
    here; setting it later in a run raises StreamlitAPIException (issue 7.2).
    """
    st.session_state["upload"] = {
        "name": given.name,
        "text": given.text,
        "format": given.fmt,
        "article": given.article,
    }
    st.session_state["use_upload"] = True
    for key in ("selected", "focus", "more"):
        st.session_state.pop(key, None)
    st.session_state["upload"]["draft"] = _keep(given)


def _keep(given: TourInput) -> str | None:
    """Save a shown tour as a draft, so that its link shows it again; its hash, or None.

    A drafts folder the server cannot write costs the link, not the tour: one warning per session.
    """
    title = built_from_text(given.text, given.fmt, given.name).tour.title  # cached: already built
    try:
        return drafts.save(
            Settings.from_env().drafts_dir,
            given.text,
            given.fmt,
            article=given.article,
            title=title,
            name=given.name,
        )
    except TourmapError as err:
        if not st.session_state.get("drafts_warned"):
            st.session_state["drafts_warned"] = True
            _tell(
                "warning",
                f"The tour is shown but not kept as a draft, so it has no link to share: {err}. "
                "Set TOURMAP_DRAFTS to a folder the dashboard may write.",
            )
        return None


def _tell(kind: Notice, message: str) -> None:
    """A notice for the top of the next page run (``follow_tour_link`` hands it over once)."""
    st.session_state.setdefault("tm_notices", []).append((kind, message))


def open_draft(key: str) -> None:
    """Show a kept draft on every page; a TourmapError if the hash is bad, unknown or the file broken."""
    draft = drafts.load(Settings.from_env().drafts_dir, key)
    built_from_text(draft.text, draft.fmt, draft.name)  # a draft edited on disk is refused here
    use_tour(TourInput(draft.name, draft.text, draft.fmt, draft.article))


def reopen_draft(key: str) -> None:
    """Callback of a recent draft's button: it runs before the sidebar switch is drawn."""
    try:
        open_draft(key)
    except TourmapError as err:
        _tell("error", str(err))


def recent_drafts() -> list[drafts.DraftInfo]:
    """The drafts shown last on this server, newest first (a directory scan: not cached)."""
    return drafts.recent(Settings.from_env().drafts_dir)


def follow_tour_link() -> list[tuple[Notice, str]]:
    """Run by the app before the sidebar and the page: the URL's ``?tour=HASH`` and the shown tour agree.

    A hash the URL brings anew (a reload, a colleague's link, the back button) opens its draft,
    once; otherwise the session's choice wins, so a tour shown by a click is not undone by the
    address it had before. Streamlit drops query parameters when a reader changes page, so the
    shown draft's hash is put back on every run. Returns the notices to show above the page.
    """
    asked = st.query_params.get("tour")
    if asked and asked != st.session_state.get("tour_link"):
        st.session_state["tour_link"] = asked
        st.session_state.pop("tour_link_error", None)
        try:
            open_draft(asked)
        except TourmapError as err:
            st.session_state["tour_link_error"] = (asked, str(err))
    notices: list[tuple[Notice, str]] = st.session_state.pop("tm_notices", [])
    upload: dict[str, Any] | None = st.session_state.get("upload")
    mine = upload is not None and bool(st.session_state.get("use_upload", True))
    shown = upload.get("draft") if upload is not None and mine else None
    failed: tuple[str, str] | None = st.session_state.get("tour_link_error")
    refused = failed is not None and asked == failed[0]
    if failed is not None and refused:
        instead = "" if mine else " The built-in tour is shown instead."
        notices.insert(0, ("error", failed[1] + "." + instead))
    if shown:
        st.session_state["tour_link"] = shown
        if asked != shown:
            st.query_params["tour"] = shown
    elif asked and not refused:
        del st.query_params["tour"]  # the built-in tour is shown: a reload must not bring back a draft
    return notices


def require_app(page_file: str) -> None:
    """Hand a page run alone over to the app, which draws the navigation, CSS and sidebar.

    A link to a page (``/quotes?tour=…``) opened before anyone loaded the app's root on a fresh
    server runs Streamlit's legacy ``pages/`` mode (streamlit#9624): the page alone, with a
    navigation made from file names. Calling ``st.navigation`` ends that mode for the process,
    and the rerun keeps the page and its query string, so the app's navigation now opens this page.
    """
    if st.session_state.get(IN_APP):
        return
    # this page must not be the default one: a default page's URL is the root, not /quotes
    st.navigation([st.Page(_app_root, default=True), st.Page(page_file)], position="hidden")
    st.rerun()


def _app_root() -> None:
    """Stands in for the app's default page while a page hands over to the app; never run."""


def showing_more(quote_id: str) -> bool:
    """Whether the reader asked for this quote's whole text on its card."""
    return quote_id in st.session_state.get("more", ())


def toggle_more(quote_id: str) -> None:
    """Callback of "Show more" / "Show less": the whole text is sent only while asked for."""
    more: set[str] = set(st.session_state.get("more", ()))
    more ^= {quote_id}
    st.session_state["more"] = more


def offline() -> bool:
    """TOURMAP_OFFLINE=1 forces the offline basemap; otherwise the sidebar switch decides."""
    return offline_requested() or bool(st.session_state.get("offline_basemap", False))


def asset_url(name: str) -> str:
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base}" if base else ""
    return f"{prefix}/app/static/tourmap/{name}"


def show_map(
    built: BuiltTour,
    options: MapOptions,
    *,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    key: str = MAP_KEY,
    returned: tuple[str, ...] = ("last_object_clicked", "last_object_clicked_tooltip"),
) -> dict[str, Any]:
    """The tour map through st_folium, with Leaflet served locally and only clicks reported
    (on objects by default; ``returned=("last_clicked",)`` for a click anywhere)."""
    from streamlit_folium import st_folium

    m = make_map(built, Settings.from_env(), options)
    if static_assets_ready(static_dir()):
        m.default_js = [("leaflet", asset_url("leaflet.js"))]
        if options.popups:  # folium builds popups with jQuery; the dashboard's map has none: 90 KB less
            m.default_js.append(("jquery", asset_url("jquery.min.js")))
        m.default_css = [("leaflet_css", asset_url("leaflet.css"))]
    else:
        _inline_assets(m, jquery=options.popups)
    result: dict[str, Any] = st_folium(
        m,
        key=key,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=list(returned),
        center=center,
        zoom=zoom,
    )
    return result or {}


def _inline_assets(m: Any, *, jquery: bool) -> None:
    """Leaflet (and jQuery) as data: URLs, for an install where static/ cannot be written."""
    import base64

    from tourmap._assets import load_assets

    def data_url(kind: str, text: str) -> str:
        return f"data:{kind};base64," + base64.b64encode(text.encode()).decode("ascii")

    a = load_assets()
    m.default_js = [("leaflet", data_url("text/javascript", a.leaflet_js))]
    if jquery:
        m.default_js.append(("jquery", data_url("text/javascript", a.jquery_js)))
    m.default_css = [("leaflet_css", data_url("text/css", a.leaflet_css))]


def map_options(*, basemap_offline: bool) -> MapOptions:
    return MapOptions(
        basemap="polygons" if basemap_offline else "tiles",
        show_route=st.session_state.get("show_route", True),
        show_borders=st.session_state.get("show_borders", True),
        show_places=st.session_state.get("show_places", True),
        height="100%",
        icon_path=asset_url("images/"),
        title_panel=False,
        layer_control=False,
        legend=False,
        # a popup would repeat the quotes shown beside the map, and its auto-pan would hold the
        # click back: streamlit-folium reports it 250 ms after the map stops moving
        popups=False,
        frame_height=MAP_HEIGHT,
        story=False,  # the Explore view has its own Previous/Next and quote panel; Story has the panel
    )


def legend(built: BuiltTour, options: MapOptions) -> None:
    """The map legend as a row under the map (same symbols and CSS as the exported map)."""
    from tourmap.render import CSS, legend_html

    html = legend_html(built.tour, built.layers, options)
    st.html(f'<style>{CSS}</style><div class="tm-legend tm-inline">{html}</div>')


@st.cache_data(show_spinner="Writing the story…", max_entries=8)
def story_page(text: str, fmt: str, name: str, article: str | None, options: MapOptions) -> str:
    """The exported map's page with its story panel, for the Story view's frame.

    The same self-contained page ``tourmap build`` writes (Leaflet inlined), so the controls, keys
    and ``#stop-N`` links are the exported file's own; in the frame the step is mirrored into the
    dashboard's address (``tourmap.story``)."""
    from tourmap.export import map_html

    built = built_from_text(text, fmt, name)
    return map_html(make_map(built, Settings.from_env(), options), offline=True)


def story_options(*, basemap_offline: bool, article: str | None) -> MapOptions:
    """The Story view's map: the exported map's, with the sidebar's layer switches and no title
    panel or layer switcher (the page has both)."""
    return MapOptions(
        basemap="polygons" if basemap_offline else "tiles-over-polygons",
        show_route=st.session_state.get("show_route", True),
        show_borders=st.session_state.get("show_borders", True),
        show_places=st.session_state.get("show_places", True),
        title_panel=False,
        layer_control=False,
        article=article,
    )


@st.cache_data(show_spinner=False, max_entries=16)
def exports(text: str, fmt: str, name: str, article: str | None = None) -> dict[str, bytes]:
    """Every download of a tour, computed once per tour content (and article, for the story)."""
    from tourmap.export import geojson_text, map_html
    from tourmap.tourfile import dumps_tour

    built = built_from_text(text, fmt, name)
    settings = Settings.from_env()
    online, polygons = MapOptions(basemap="tiles-over-polygons", article=article), MapOptions(article=article)
    return {
        # as `tourmap build` writes it: self-contained, with tiles over the polygons when online
        "map.html": map_html(make_map(built, settings, online), offline=True).encode(),
        "map-offline.html": map_html(make_map(built, settings, polygons), offline=True).encode(),
        "tour.geojson": geojson_text(built.tour, built.layers).encode(),
        "tour.yaml": dumps_tour(built.tour).encode(),
    }


PICTURE_SIZE = "1200x800"


def picture_key(text: str) -> str:
    """The session key that remembers a reader asked for this tour's PNG (so reruns keep it)."""
    import hashlib

    return "tm-png-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@st.cache_data(show_spinner="Drawing the map in headless Chromium…", max_entries=8)
def map_picture(text: str, fmt: str, name: str) -> bytes:
    """The map as a PNG, drawn once per tour on request (a second or two in headless Chromium).

    Raises ``ChromiumError`` when there is no Chromium; a failure is not cached, so installing
    one and asking again works.
    """
    from tourmap.export import map_html
    from tourmap.picture import find_chromium, map_png, parse_size

    chromium = find_chromium()
    built = built_from_text(text, fmt, name)
    page = map_html(
        make_map(built, Settings.from_env(), MapOptions(basemap="polygons", story=False)), offline=True
    )
    return map_png(page, size=parse_size(PICTURE_SIZE), chromium=chromium)


@st.cache_data(show_spinner="Reading the article…", max_entries=16)
def draft(article: str) -> tuple[str, tuple[str, ...]]:
    """A draft tour file (YAML text a person can correct) and the extractor's warnings."""
    from tourmap.batch import draft_from_text
    from tourmap.tourfile import dumps_tour

    tour, notes = draft_from_text(article, name="article", gazetteer=gazetteer())
    return dumps_tour(tour), notes


def warm(main_script: Path) -> None:
    """What the first visit to the Map page would wait for, done ahead (``tourmap.serve``): the
    gazetteer, Leaflet's local files, the default tour placed, and folium's templates compiled."""
    gazetteer()
    static_assets_ready(static_dir(main_script.parent))
    text, _ = default_files()
    built = built_from_text(text, "yaml", "tour.yaml")
    make_map(built, Settings.from_env(), MapOptions(basemap="polygons")).get_root().render()
