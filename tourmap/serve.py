"""``python -m tourmap.serve [STREAMLIT OPTIONS]``: the dashboard, ready before its first visitor.

``streamlit run streamlit_app.py`` works as well; this launcher only does before serving what the
first visit would otherwise wait for (issue 9: first visit <= 2 s): importing pandas, folium and
shapely, opening the gazetteer, writing Leaflet's local files, placing the default tour and
rendering its map once. Streamlit runs scripts in this same process, so all of it is reused.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

from tourmap.resources import app_script

# as the checkout's .streamlit/config.toml says (a test keeps them equal): an installed app is
# started from any folder, where that file is not; options given on the command line win
APP_OPTIONS: dict[str, str] = {
    "server.headless": "true",
    "server.enableStaticServing": "true",  # Leaflet's files, served beside the entry script
    "server.maxUploadSize": "2",
    "server.runOnSave": "false",
    "server.fileWatcherType": "none",
    "browser.gatherUsageStats": "false",
    "client.toolbarMode": "minimal",
    "theme.primaryColor": "#c1121f",
    "theme.base": "light",
}


def warm(script: Path) -> None:
    """Fill the caches the first run of the Map page reads; a failure here only costs speed."""
    # outside a running server Streamlit warns "No runtime found" (decorating a cached function)
    # and "missing ScriptRunContext" (calling one): both expected here
    logging.disable(logging.WARNING)
    try:
        # what the first st_folium call imports: pandas (Streamlit's component arguments are
        # checked for data frames), folium with all its plugins (~160 templates to compile),
        # shapely. Not streamlit_folium itself: a component declared before the server exists
        # is never served, and its own import is cheap once these are loaded.
        for heavy in ("pandas", "folium", "folium.plugins", "shapely"):
            importlib.import_module(heavy)
        from tourmap import webapp

        webapp.warm(script)
    finally:
        logging.disable(logging.NOTSET)


def main(argv: list[str] | None = None, script: Path | None = None) -> None:
    """Warm, then ``streamlit run`` the app (``tourmap/dashboard.py`` unless ``script``)."""
    given = sys.argv[1:] if argv is None else argv
    app = script or app_script()
    args = [f"--{name}={value}" for name, value in APP_OPTIONS.items()] + list(given)
    from streamlit.web import bootstrap, cli

    # the options as `streamlit run` will read them, before warming reads any: read again
    # unchanged, they raise no "An update to the [server] config option section" warning
    with cli.main_run.make_context("run", [str(app), *args]) as ctx:
        flags = {k: v for k, v in ctx.params.items() if k not in ("target", "args")}
    bootstrap.load_config_options(flag_options=flags)
    try:
        warm(app)
    except Exception as err:  # never keep the dashboard from starting
        print(f"tourmap: warning: could not prepare the dashboard ahead: {err}", file=sys.stderr)

    sys.argv = ["streamlit", "run", str(app), *args]
    cli.main()


if __name__ == "__main__":
    main()
