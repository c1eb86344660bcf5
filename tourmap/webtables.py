"""Streamlit glue of the "Tables" tab on "Your own tour": the active tour in three ``st.data_editor``
tables, an Apply that checks them as a tour file, and a map whose click places a stop.

The logic (rows, ids, checks, clicks) is ``tourmap.tables``; this only keeps the session's working
rows and draws. The working rows are the base of the editors; edits stay in each editor's own state
(keyed by a version) until Apply or a map click folds them in and bumps the version, so an editor
never shows deltas against rows that have changed under it.
"""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st

from tourmap import tables as tb
from tourmap import views, webapp
from tourmap.errors import TourmapError
from tourmap.model import STATUSES, Tour
from tourmap.tourfile import dumps_tour, parse_tour

LABEL_LIMIT = 80  # a stop's name in "Stop to place"
SHOWN_ERRORS = 8  # notices under the tables; every row's error is in its "problem" cell anyway
_MESSAGES = ("tables_errors", "tables_done", "place_done")


@st.cache_data(show_spinner=False, max_entries=16)
def file_tour(text: str, fmt: str, name: str) -> Tour:
    """The tour as its file says (no geocoding): an empty lat/lon stays empty in the table."""
    return parse_tour(text, fmt=fmt, name=name)


def editor_key(table: str, version: int) -> str:
    return f"tables-{table}-{version}"


def _working(current: webapp.Active) -> tuple[tb.Tables, int]:
    """The session's rows for the active tour, started afresh whenever the active tour changes."""
    source = hashlib.sha256(current.tour_text.encode()).hexdigest()
    if st.session_state.get("tables_source") != source:
        base = file_tour(current.tour_text, current.tour_format, current.label)
        st.session_state["tables_source"] = source
        st.session_state["tables"] = tb.tour_to_tables(base, current.built.tour)
        st.session_state["tables_version"] = st.session_state.get("tables_version", 0) + 1
        st.session_state.pop("tables_errors", None)
    return st.session_state["tables"], st.session_state["tables_version"]


def _edited(tables: tb.Tables, version: int) -> tb.Tables:
    """The working rows with each editor's pending edits applied."""
    out = tables
    for table in tb.TABLES:
        state = st.session_state.get(editor_key(table, version))
        out = out.with_rows(table, tb.apply_edits(tables.rows(table), state, table))
    return out


def _fold(tables: tb.Tables) -> None:
    """New working rows: the editors start again from them (a new version, so no stale edits)."""
    st.session_state["tables"] = tables
    st.session_state["tables_version"] = st.session_state["tables_version"] + 1


def _apply(base: Tour, name: str, article: str | None) -> None:
    """Apply's callback (it runs before the page is drawn, so it may refill the YAML area)."""
    for key in _MESSAGES:
        st.session_state.pop(key, None)
    tables = _edited(st.session_state["tables"], st.session_state["tables_version"])
    checked = tb.check_tables(tables, base)
    if checked.tour is None:
        _fold(tb.with_problems(tables, checked.errors))
        st.session_state["tables_errors"] = [str(e) for e in checked.errors]
        return
    text = dumps_tour(checked.tour)
    try:
        webapp.built_from_text(text, "yaml", name)  # places it: a new name may not be found
    except (TourmapError, ValueError) as err:
        _fold(tb.with_problems(tables, ()))
        st.session_state["tables_errors"] = [str(err)]
        return
    webapp.use_tour(views.TourInput(name, text, "yaml", article))
    st.session_state["tour_paste"] = text  # the YAML, one tab away, says the same
    st.session_state["tables_done"] = (
        f"Applied: {len(checked.tour.stops)} stops, {len(checked.tour.places)} places and "
        f"{len(checked.tour.quotes)} quotes; every page and the “Tour file” tab show them now."
    )


def _column_config(tables: tb.Tables, base: Tour) -> dict[str, dict[str, Any]]:
    said_at, about = tb.link_options(tables, base)
    cc = st.column_config
    coord = "empty: the gazetteer places it; a map click below sets it"
    return {
        "stops": {
            "problem": cc.TextColumn("problem", disabled=True, width="medium"),
            "id": cc.TextColumn("id", disabled=True, help="kept on rename; a new row gets one on Apply"),
            "name": cc.TextColumn("name", required=True),
            "country": cc.TextColumn("country", max_chars=2, help="ISO 3166-1 alpha-2, such as MX"),
            "status": cc.SelectboxColumn("status", options=list(STATUSES), default="visited", required=True),
            "date": cc.DateColumn("date", format="YYYY-MM-DD"),
            "lat": cc.NumberColumn("lat", min_value=-90, max_value=90, format="%.5f", help=coord),
            "lon": cc.NumberColumn("lon", min_value=-180, max_value=180, format="%.5f", help=coord),
            "on_map": cc.TextColumn("on the map", disabled=True, help="where the map shows it"),
        },
        "places": {
            "problem": cc.TextColumn("problem", disabled=True, width="medium"),
            "id": cc.TextColumn("id", disabled=True),
            "name": cc.TextColumn("name", required=True),
            "country": cc.TextColumn("country", max_chars=2),
            "lat": cc.NumberColumn("lat", min_value=-90, max_value=90, format="%.5f"),
            "lon": cc.NumberColumn("lon", min_value=-180, max_value=180, format="%.5f"),
            "on_map": cc.TextColumn("on the map", disabled=True),
        },
        "quotes": {
            "problem": cc.TextColumn("problem", disabled=True, width="medium"),
            "id": cc.TextColumn("id", disabled=True),
            "speaker": cc.TextColumn("speaker"),
            "text": cc.TextColumn("text", required=True, width="large"),
            "said_at": cc.SelectboxColumn(
                "said at",
                width="medium",
                options=list(said_at),
                format_func=lambda i: said_at.get(str(i), str(i)),
            ),
            "about": cc.MultiselectColumn(
                "about", width="large", options=list(about), format_func=lambda i: about.get(i, i)
            ),
        },
    }


_NUMBERS = frozenset({"lat", "lon"})
_OBJECTS = frozenset({"date", "about"})  # dates and lists: pandas keeps them as they are


def _frame(table: tb.TableName, rows: tuple[tb.Row, ...]) -> Any:
    """The rows as a DataFrame with a type per column, so that an empty table (or an empty column)
    still takes text where text goes; untyped, pandas makes an empty column a float one."""
    import pandas as pd  # type: ignore[import-untyped]  # no stubs installed; st.data_editor needs it anyway

    def dtype(column: str) -> Any:
        if column in _OBJECTS or (column in _NUMBERS and not rows):  # an empty float column would
            return object  # make pandas warn when the editor adds the first row
        return "float64" if column in _NUMBERS else pd.StringDtype()

    return pd.DataFrame({c: pd.Series([r.get(c) for r in rows], dtype=dtype(c)) for c in tb.COLUMNS[table]})


def _editor(table: tb.TableName, rows: tuple[tb.Row, ...], config: dict[str, Any], version: int) -> None:
    """One table, with its columns even when it has no row yet (rows are added at the bottom)."""
    columns = tb.COLUMNS[table]
    order = [c for c in columns if c != "problem" or any(r.get("problem") for r in rows)]
    st.data_editor(
        _frame(table, rows),
        key=editor_key(table, version),
        column_config=config,
        column_order=order,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        placeholder="",  # an empty cell, not the word "None"
    )


def _stop_label(rows: list[tb.Row], i: int) -> str:
    name = tb.blank(rows[i].get("name")) if i < len(rows) else None
    name = str(name) if name else "(no name yet)"
    return f"{i + 1}. {name if len(name) <= LABEL_LIMIT else name[: LABEL_LIMIT - 1] + '…'}"


def _place_by_click(current: webapp.Active, tables: tb.Tables, version: int) -> None:
    """ "Stop to place" and a map: a click anywhere sets that stop's lat/lon in the table."""
    stops = tb.apply_edits(tables.stops, st.session_state.get(editor_key("stops", version)), "stops")
    index = st.selectbox(
        "Stop to place",
        range(len(stops)),
        format_func=lambda i: _stop_label(stops, i),
        index=None,
        key="place_stop",
        placeholder="Choose a stop, then click the map where it is",
    )
    options = webapp.map_options(basemap_offline=webapp.offline())
    result = webapp.show_map(current.built, options, key="place_map", returned=("last_clicked",))
    click = result.get("last_clicked")
    if click and click != st.session_state.get("place_last_click"):
        st.session_state["place_last_click"] = click
        if index is not None and index < len(stops):
            edited = _edited(tables, version)
            try:
                moved = tb.place_at(edited.stops, index, click)
            except (ValueError, IndexError) as err:
                st.session_state["place_done"] = str(err)
            else:
                _fold(edited.with_rows("stops", moved))
                row = moved[index]
                st.session_state["place_done"] = (
                    f"{_stop_label(moved, index)}: lat {row['lat']}, lon {row['lon']}. "
                    "Apply to move it on the map."
                )
            st.rerun()
    if st.session_state.get("place_done"):
        st.html(views.notice_html("info", st.session_state["place_done"]))


def show() -> None:
    """The "Tables" tab."""
    current = webapp.active()
    base = file_tour(current.tour_text, current.tour_format, current.label)
    tables, version = _working(current)
    config = _column_config(tables, base)
    st.caption(
        "Edit cells, add rows at the bottom, delete with the row's checkbox; then Apply. Rows are "
        "checked as a tour file is. A quote can link to a new stop once it is applied (it gets its id)."
    )
    titles: dict[tb.TableName, str] = {"stops": "Stops", "places": "Mentioned places", "quotes": "Quotes"}
    for table, title in titles.items():
        st.subheader(title)
        _editor(table, tables.rows(table), config[table], version)
    st.button(
        "Apply the tables",
        type="primary",
        on_click=_apply,
        args=(base, tb.edited_name(current.label), current.article),
    )
    errors = st.session_state.get("tables_errors") or []
    for message in errors[:SHOWN_ERRORS]:
        st.html(views.notice_html("error", message))
    if len(errors) > SHOWN_ERRORS:
        more = len(errors) - SHOWN_ERRORS
        st.html(views.notice_html("error", f"… and {more} more: see the “problem” column of each table."))
    if st.session_state.get("tables_done"):
        st.html(views.notice_html("success", st.session_state["tables_done"]))
    st.subheader("Place a stop on the map")
    _place_by_click(current, tables, version)
