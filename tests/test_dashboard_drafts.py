"""Issue 9 in the dashboard: a shown tour is kept as a draft and ``?tour=HASH`` shows it again."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tourmap import drafts

from .conftest import _run_pages_through_the_app, new_session
from .test_dashboard import ANDES, _html, _markdown_leaks, goto, shown

TILLERSON_TITLE = "US, Mexico play up increased security cooperation"


@pytest.fixture
def folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("TOURMAP_OFFLINE", "1")
    monkeypatch.setenv("TOURMAP_DRAFTS", str(tmp_path / "drafts"))
    _run_pages_through_the_app(monkeypatch)
    return tmp_path / "drafts"


def show_pasted(at: AppTest, text: str) -> AppTest:
    goto(at, "pages/your_tour.py")
    next(t for t in at.text_area if t.label.startswith("…or paste")).input(text).run()
    next(b for b in at.button if b.label == "Show on the map").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_shown_tour_is_kept_and_named_in_the_url(folder: Path) -> None:
    at = show_pasted(new_session(), ANDES)
    key = drafts.draft_hash(ANDES, "yaml")
    assert at.query_params.get("tour") == key
    assert (folder / f"{key}.yaml").read_text(encoding="utf-8") == ANDES
    # the link outlives a change of page (Streamlit clears query parameters on one)
    goto(at, "pages/quotes.py")
    assert at.query_params.get("tour") == key


def test_a_new_session_with_the_link_shows_that_tour_on_every_page(folder: Path) -> None:
    key = drafts.save(folder, ANDES, "yaml", title="Andes hop", name="pasted tour")
    at = new_session({"tour": key})
    assert "Andes hop" in shown(at) and TILLERSON_TITLE not in shown(at)
    assert 'class="tm-note' not in _html(at)
    goto(at, "pages/itinerary.py")
    assert list(at.dataframe[0].value["stop"]) == ["Lima", "Quito"]
    assert at.query_params.get("tour") == key
    # the reader's next tour wins over the address it came with
    show_pasted(at, ANDES.replace("Andes hop", "Second hop"))
    assert at.query_params.get("tour") == drafts.draft_hash(ANDES.replace("Andes hop", "Second hop"), "yaml")
    goto(at, "pages/map.py")
    assert "Second hop" in shown(at)


def test_a_drafted_article_is_kept_with_its_article(folder: Path) -> None:
    from .conftest import TILLERSON

    at = new_session()
    goto(at, "pages/your_tour.py")
    article = (TILLERSON.parent / "article.txt").read_text(encoding="utf-8")
    next(t for t in at.text_area if t.label == "Article text").input(article).run()
    next(b for b in at.button if b.label == "Draft the tour").click().run()
    assert not at.exception
    key = at.query_params.get("tour")
    assert key and (folder / f"{key}.article.txt").read_text(encoding="utf-8") == article
    colleague = new_session({"tour": key})
    goto(colleague, "pages/article.py")
    assert _html(colleague).count('title="Said by ') == 16


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("../x", "this link names no draft: ?tour= takes 16 hex digits (0-9, a-f), instead got: '../x'"),
        ("..", "instead got: '..'"),
        ("0123456789abcdef0", "instead got: '0123456789abcdef0'"),
        ("0123456789abcdef", "no draft 0123456789abcdef on this server"),
    ],
)
def test_a_bad_or_unknown_link_says_so_over_the_built_in_tour(folder: Path, value: str, says: str) -> None:
    at = new_session({"tour": value})
    assert says in shown(at)
    assert 'class="tm-note error"' in _html(at)
    assert TILLERSON_TITLE in shown(at)
    next(b for b in at.button if b.label == "Next ▶").click().run()  # the notice stays while the link does
    assert says in shown(at) and not at.exception
    assert not folder.exists() or not any(folder.iterdir())


def test_a_draft_changed_on_disk_is_refused_in_one_sentence(folder: Path) -> None:
    key = drafts.save(folder, ANDES, "yaml")
    (folder / f"{key}.yaml").write_text(ANDES.replace("Lima", "Lima!"), encoding="utf-8")
    at = new_session({"tour": key})
    assert f"draft {key} was changed since it was saved" in shown(at)
    assert TILLERSON_TITLE in shown(at)


def test_an_unwritable_drafts_folder_warns_once_and_the_tour_is_still_shown(
    folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "a file").write_text("not a folder")
    monkeypatch.setenv("TOURMAP_DRAFTS", str(tmp_path / "a file" / "drafts"))
    at = show_pasted(new_session(), ANDES)
    assert "Loaded pasted tour" in shown(at)
    assert "not kept as a draft, so it has no link to share: cannot keep drafts in" in shown(at)
    assert "tour" not in at.query_params
    show_pasted(at, ANDES.replace("Andes hop", "Second hop"))
    assert "not kept as a draft" not in shown(at)  # once a session
    goto(at, "pages/map.py")
    assert "Second hop" in shown(at)


def test_turning_my_tour_off_drops_the_link(folder: Path) -> None:
    at = show_pasted(new_session(), ANDES)
    assert "tour" in at.query_params
    at.toggle(key="use_upload").set_value(False).run()
    assert "tour" not in at.query_params
    assert TILLERSON_TITLE in shown(at)


def test_recent_drafts_are_listed_newest_first_and_reopen(folder: Path) -> None:
    at = show_pasted(new_session(), ANDES)
    second = ANDES.replace("Andes hop", "Second hop")
    show_pasted(at, second)
    titles = [line for line in shown(at).splitlines() if " UTC · link" in line]
    assert [t.split(" · ")[0] for t in titles] == ["Second hop", "Andes hop"]
    opens = [b for b in at.button if b.label == "Open"]
    assert len(opens) == 2
    opens[1].click().run()
    assert not at.exception
    assert at.query_params.get("tour") == drafts.draft_hash(ANDES, "yaml")
    goto(at, "pages/map.py")
    assert "Andes hop" in shown(at) and "Second hop" not in shown(at)


def test_a_recent_drafts_title_is_literal_text(folder: Path) -> None:
    at = show_pasted(new_session(), ANDES.replace("Andes hop", "'**bold** `code` hop'"))
    assert "**bold** `code` hop · " in shown(at)
    assert _markdown_leaks(at, "bold**") == []
