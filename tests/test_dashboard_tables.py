"""The "Tables" tab of "Your own tour" through AppTest: edits in st.data_editor, Apply, the YAML.

AppTest cannot type into a grid: an editor's edits are set as Streamlit keeps them (its edit
state under the editor's key) before the run, as the browser would send them.
"""

from __future__ import annotations

import json
from typing import Any

from streamlit.testing.v1 import AppTest

from .test_dashboard import goto, shown


def _editors(at: AppTest) -> dict[str, Any]:
    editors = {d.key.split("-")[1]: d for d in at.data_editor if d.key and d.key.startswith("tables-")}
    assert list(editors) == ["stops", "places", "quotes"]
    return editors


def _edit(at: AppTest, table: str, **state: Any) -> AppTest:
    """Set one editor's pending edits (edited_rows / added_rows / deleted_rows) and rerun."""
    key = _editors(at)[table].key
    at.session_state[key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [], **state}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _apply(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "Apply the tables").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _yaml(at: AppTest) -> str:
    value: str = next(t for t in at.text_area if t.label.startswith("…or paste")).value
    return value


def _errors(at: AppTest) -> list[str]:
    import html
    import re

    bodies = [h.proto.body for h in at.get("html") if 'class="tm-note error"' in h.proto.body]
    return [html.unescape(re.sub(r"<[^>]+>", "", b)) for b in bodies]


def test_the_tables_show_the_tour_with_drop_downs(app: AppTest) -> None:
    goto(app, "pages/your_tour.py")
    editors = _editors(app)
    assert all(e.editing_mode == "dynamic" for e in editors.values())
    stops = editors["stops"].value
    assert list(stops["name"]) == ["Mexico City", "Argentina", "Peru", "Colombia", "Jamaica"]
    assert list(stops["status"]) == ["visited", "upcoming", "upcoming", "upcoming", "upcoming"]
    assert len(editors["quotes"].value) == 16 and len(editors["places"].value) == 3
    config = json.loads(editors["quotes"].proto.columns)
    said_at = config["said_at"]["type_config"]["options"]
    assert said_at[0] == {"value": "mexico-city", "label": "Mexico City (mexico-city)"}
    assert [o["value"] for o in said_at] == ["mexico-city", "argentina", "peru", "colombia", "jamaica"]
    about = [o["value"] for o in config["about"]["type_config"]["options"]]
    assert about[5:] == ["united-states", "canada", "venezuela", "us-mx"]
    status = json.loads(editors["stops"].proto.columns)["status"]["type_config"]["options"]
    assert status == ["visited", "upcoming"]
    assert stops["problem"].isna().all()
    assert [s.label for s in app.selectbox] == ["Stop to place"]


def test_a_renamed_stop_reaches_the_map_page_and_the_yaml(app: AppTest) -> None:
    goto(app, "pages/your_tour.py")
    assert _yaml(app) == ""
    _edit(app, "stops", edited_rows={0: {"name": "Ciudad de México"}})
    _apply(app)
    assert "Applied: 5 stops, 3 places and 16 quotes" in shown(app)
    assert _errors(app) == []
    yaml = _yaml(app)
    assert (
        "- id: mexico-city\n  name: Ciudad de México\n" in yaml and yaml.count("said_at: mexico-city") == 16
    )
    assert _editors(app)["stops"].value["name"].iloc[0] == "Ciudad de México"  # the tables start again
    goto(app, "pages/map.py")
    assert "Tillerson tour (built in) (edited)" in shown(app)
    next(b for b in app.button if b.label == "Next ▶").click().run()
    assert "Stop 1 of 5: Ciudad de México" in shown(app)
    assert "devastating impact" in shown(app)  # its quotes followed it: the id did not change


def test_a_bad_date_names_its_row_and_changes_nothing(app: AppTest) -> None:
    goto(app, "pages/your_tour.py")
    _edit(app, "stops", edited_rows={0: {"name": "Somewhere"}, 2: {"date": "2018-02-30"}})
    _apply(app)
    assert _errors(app) == ["stops row 3: date: expected a date like 2018-02-02, instead got: '2018-02-30'"]
    problems = list(_editors(app)["stops"].value["problem"])
    assert problems[2] == "date: expected a date like 2018-02-02, instead got: '2018-02-30'"
    assert _editors(app)["stops"].value["name"].iloc[0] == "Somewhere"  # the edits are kept to fix
    assert _yaml(app) == "" and "upload" not in app.session_state
    goto(app, "pages/map.py")
    assert "US, Mexico play up" in shown(app) and "Tillerson tour (built in)" in shown(app)
    assert "(edited)" not in shown(app)


def test_the_yaml_follows_a_tour_that_was_loaded_as_yaml(app: AppTest) -> None:
    from .test_dashboard import ANDES

    goto(app, "pages/your_tour.py")
    app.text_area[0].input(ANDES).run()
    next(b for b in app.button if b.label == "Show on the map").click().run()
    assert list(_editors(app)["stops"].value["name"]) == ["Lima", "Quito"]
    assert _editors(app)["quotes"].value.empty
    _edit(
        app, "stops", edited_rows={1: {"country": "EC", "status": "upcoming"}}, added_rows=[{"name": "Cusco"}]
    )
    _edit(app, "quotes", added_rows=[{"text": "¡Hola!", "said_at": "lima", "about": ["quito"]}])
    _apply(app)
    assert _errors(app) == []
    yaml = _yaml(app)
    assert "- id: quito\n  name: Quito\n  status: upcoming\n  country: EC\n" in yaml
    assert "- id: cusco\n  name: Cusco\n" in yaml
    assert "- id: q1\n  text: ¡Hola!\n  speaker: null\n  said_at: lima\n  about:\n  - quito\n" in yaml
    goto(app, "pages/itinerary.py")
    assert list(app.dataframe[0].value["stop"]) == ["Lima", "Quito", "Cusco"]


def test_second_presses_empty_tables_and_deleted_links_raise_nothing(app: AppTest) -> None:
    goto(app, "pages/your_tour.py")
    _apply(app)
    _apply(app)  # nothing edited, twice: the same tour again
    assert "Applied" in shown(app)
    _edit(app, "stops", deleted_rows=[0])  # Mexico City: all 16 quotes were said there
    _apply(app)
    errors = _errors(app)
    assert errors[0].startswith("quotes row 1: said_at: must be the id of a stop (argentina, colombia")
    assert len(errors) == 9 and errors[-1] == "… and 8 more: see the “problem” column of each table."
    _edit(app, "stops", deleted_rows=[0, 1, 2, 3])
    _apply(app)
    assert _errors(app)[0] == "stops: a tour needs at least one stop"
    _edit(app, "quotes", deleted_rows=list(range(16)))
    _edit(app, "stops", added_rows=[{"name": "Lima", "country": "PE"}])
    _apply(app)
    assert _errors(app) == []
    goto(app, "pages/itinerary.py")
    assert list(app.dataframe[0].value["stop"]) == ["Lima"]
