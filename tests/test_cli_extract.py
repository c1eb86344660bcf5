"""`tourmap extract` and `tourmap build ARTICLE.txt`: drafts on stdout, in files, and in batches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tourmap.cli import main
from tourmap.tourfile import load_tour

from .conftest import TILLERSON

ARTICLE = TILLERSON.parent / "article.txt"
ARTICLES = Path(__file__).resolve().parent / "articles"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_prints_a_yaml_draft(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["extract", str(ARTICLE)], capsys)
    assert code == 0, err
    draft = yaml.safe_load(out)
    assert [s["id"] for s in draft["stops"]] == ["mexico-city", "argentina", "peru", "colombia", "jamaica"]
    assert len(draft["quotes"]) == 16


def test_extract_json_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extract", str(ARTICLE), "--json"], capsys)
    assert code == 0
    assert json.loads(out)["traveller"] == "Rex Tillerson"


def test_extract_to_a_file_then_build_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.yaml"
    code, out, _ = run(["extract", str(ARTICLE), "-o", str(draft)], capsys)
    assert code == 0 and "5 stops, 16 quotes" in out
    assert load_tour(draft).stops[0].name == "Mexico City"
    html = tmp_path / "map.html"
    code, out, err = run(["build", str(draft), "-o", str(html), "--offline"], capsys)
    assert code == 0, err
    assert html.stat().st_size > 100_000


def test_build_straight_from_an_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gj = tmp_path / "t.geojson"
    code, out, err = run(
        ["build", str(ARTICLE), "-o", str(tmp_path / "m.html"), "--geojson", str(gj)], capsys
    )
    assert code == 0, err
    assert "5 stops: 1. Mexico City, 2. Argentina, 3. Peru, 4. Colombia, 5. Jamaica" in out
    kinds = [f["properties"]["kind"] for f in json.loads(gj.read_text(encoding="utf-8"))["features"]]
    assert kinds.count("stop") == 5 and kinds.count("border") == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "article is empty"),
        (b"\x00\x01\x02", "looks binary"),
        ("Caf\u00e9 in Bogot\u00e1".encode("latin-1"), "not UTF-8"),
        (b"The committee met on Tuesday and agreed to meet again next month.", "no place"),
    ],
)
def test_bad_articles_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(content)
    out = tmp_path / "draft.yaml"
    code, _, err = run(["extract", str(source), "-o", str(out)], capsys)
    assert code == 2
    assert err.startswith("tourmap: error: ") and err.count("\n") == 1 and expected in err, err
    assert not out.exists()


def test_an_article_without_quotes_gives_a_draft_and_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "a.txt"
    source.write_text(
        "PARIS (Reuters) - The Japanese prime minister arrived in Paris on Monday and will travel "
        "to Berlin on Wednesday, officials said.\n",
        encoding="utf-8",
    )
    code, out, err = run(["extract", str(source)], capsys)
    assert code == 0
    assert "tourmap: warning:" in err and "quote" in err
    assert [s["name"] for s in yaml.safe_load(out)["stops"]] == ["Paris", "Berlin"]


GUESSWORK = "Geneva is a city of banks and watches. Geneva has a lake, and Bern is the capital.\n"
"""No headline line, nobody travelling, no travel verb: a draft made of guesses."""


def test_a_draft_of_guesses_says_so_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "a.txt"
    source.write_text(GUESSWORK, encoding="utf-8")
    code, out, err = run(["extract", str(source)], capsys)
    assert code == 0
    lines = err.splitlines()
    assert all(line.startswith("tourmap: warning: ") for line in lines), err
    assert any("no title found" in line for line in lines)
    assert any("no traveller found" in line for line in lines)
    assert any("Geneva (the place it names most) is the only stop" in line for line in lines)
    assert yaml.safe_load(out)["title"] == "A trip: Geneva"  # made up, and said so


def test_a_folder_in_parallel_survives_bad_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for src in sorted(ARTICLES.glob("*.txt"))[:4]:
        (folder / src.name).write_bytes(src.read_bytes())
    (folder / "binary.txt").write_bytes(b"\x00\x00")
    (folder / "notes.md").write_text("ignored", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run(["extract", str(folder), "-o", str(out), "--workers", "2"], capsys)
    assert code == 1  # some failed, the rest were written
    assert "4 of 5 drafts written" in stdout
    assert "tourmap: failed: binary.txt: " in err and "looks binary" in err
    expected = {p.stem + ".yaml" for p in folder.glob("*.txt") if p.name != "binary.txt"}
    assert {p.name for p in out.iterdir()} == expected
    for draft in out.iterdir():
        assert load_tour(draft).stops


def test_a_folder_needs_an_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["extract", str(tmp_path)], capsys)
    assert code == 2 and "needs -o OUTDIR" in err
    code, _, err = run(["extract", str(tmp_path), "-o", str(tmp_path / "o")], capsys)
    assert code == 2 and "no .txt articles" in err


def test_two_articles_with_one_stem_get_a_draft_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """a.txt and a.TXT used to write the same a.yaml, one draft silently over the other."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(ARTICLE.read_bytes())
    (folder / "a.TXT").write_bytes(ARTICLE.read_bytes())
    out = tmp_path / "out"
    code, stdout, err = run(["extract", str(folder), "-o", str(out), "--workers", "1"], capsys)
    assert code == 0, err
    assert "2 of 2 drafts written" in stdout
    assert sorted(p.name for p in out.iterdir()) == ["a.TXT.yaml", "a.txt.yaml"]
