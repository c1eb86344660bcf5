"""The extractor as a pipeline: stages in data-flow order, each adding one layer to the document."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tourmap.extract import PIPE_NAMES, STAGES, annotate
from tourmap.extract.doc import LayerError
from tourmap.extract.text import make_doc
from tourmap.gazetteer import Gazetteer

from .conftest import ROOT, TILLERSON

ARTICLE = (TILLERSON.parent / "article.txt").read_text(encoding="utf-8")


def test_the_stages_are_listed_in_the_order_data_flows() -> None:
    assert PIPE_NAMES == ("text", "lookup", "dateline", "people", "places", "trip", "speech", "links")
    assert [name for name, _ in STAGES] == list(PIPE_NAMES[1:])


def test_a_layer_read_before_its_stage_ran_says_which_stage_is_missing(gazetteer: Gazetteer) -> None:
    doc = make_doc(ARTICLE, gazetteer)
    with pytest.raises(LayerError, match="people"):
        _ = doc.people


def test_annotate_runs_every_stage(gazetteer: Gazetteer) -> None:
    doc = annotate(ARTICLE, gazetteer)
    assert doc.people is not None and doc.places is not None and doc.trip is not None
    assert [s.name for s in doc.trip.stops][:1] == ["Mexico City"]


def test_tourmap_extract_tour_is_there_without_loading_the_extractor_on_import() -> None:
    probe = (
        "import sys, tourmap; loaded = 'tourmap.extract' in sys.modules; "
        "f = tourmap.extract_tour; print(loaded, f.__module__)"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert proc.stdout.split() == ["False", "tourmap.extract"]
