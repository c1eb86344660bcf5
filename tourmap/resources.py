"""Where the installed package keeps its run-time files, through ``importlib.resources``.

``data/`` and ``pages/`` live at the top of the checkout and are installed as the packages
``tourmap.data`` and ``tourmap.pages`` (pyproject's ``package-dir``): a wheel carries copies, an
editable install points at the checkout. Either way the same calls find them, from any folder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from tourmap.errors import DataError


def _folder(package: str) -> Path:
    try:
        root = resources.files(package)
    except ModuleNotFoundError as err:
        raise DataError(
            f"tourmap's {package!r} files are not installed: reinstall with `pip install tourmap` "
            "(or `make setup` in the checkout)"
        ) from err
    if not isinstance(root, Path):  # a zip import: Streamlit and SQLite need real files
        raise DataError(f"tourmap must be installed as files, not zipped: {root}")
    return root


def data_dir() -> Path:
    """The geodata, the Tillerson tour and its article (``tourmap.data``)."""
    return _folder("tourmap.data")


def pages_dir() -> Path:
    """The dashboard's pages (``tourmap.pages``), Streamlit scripts run by ``tourmap.dashboard``."""
    return _folder("tourmap.pages")


def app_script() -> Path:
    """The dashboard's entry script, as ``streamlit run`` needs a file: ``tourmap/dashboard.py``."""
    return _folder("tourmap") / "dashboard.py"
