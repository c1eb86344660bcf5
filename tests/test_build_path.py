"""What a cold `tourmap build` loads: pandas is half of folium's import time and never used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

ARTICLE = ROOT / "data" / "tillerson-2018" / "article.txt"

_PROBE = """
import sys
from tourmap.cli import main
code = main(["build", sys.argv[1], "--offline", "-o", sys.argv[2]])
print(code, "pandas" in sys.modules, "folium" in sys.modules)
"""


def test_a_build_from_an_article_never_imports_pandas(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, str(ARTICLE), str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    code, pandas_loaded, folium_loaded = proc.stdout.split()[-3:]
    assert (code, folium_loaded) == ("0", "True")
    assert pandas_loaded == "False"
    assert out.stat().st_size > 100_000


def test_pandas_still_imports_after_folium() -> None:
    """Hiding pandas from folium's optional import must not hide it from anyone else."""
    probe = "from tourmap._folium import folium; import pandas; print(pandas.DataFrame({'a': [1]}).shape)"
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "(1, 1)"
