"""Drafts kept by content hash: stable names, no overwrite, no path outside the folder, a clear refusal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tourmap import drafts
from tourmap.errors import DraftError, TourmapError
from tourmap.settings import Settings

ANDES = "title: Andes hop\nstops:\n  - {id: lima, name: Lima, country: PE}\n"
ARTICLE = "Lima, Peru — The minister flew in on Tuesday.\n"


def test_the_hash_is_stable_and_depends_on_text_format_and_article() -> None:
    key = drafts.draft_hash(ANDES, "yaml")
    assert key == drafts.draft_hash(ANDES, "yaml")
    assert len(key) == 16 and all(c in "0123456789abcdef" for c in key)
    others = {
        drafts.draft_hash(ANDES + " ", "yaml"),
        drafts.draft_hash(ANDES, "json"),
        drafts.draft_hash(ANDES, "yaml", ARTICLE),
        drafts.draft_hash(ANDES, "yaml", ""),
    }
    assert key not in others and len(others) == 4
    # a known value: a change of the recipe would orphan every draft link already shared
    assert key == "cdee27021ba6fafc"


def test_save_then_load_gives_the_same_tour_and_article(tmp_path: Path) -> None:
    key = drafts.save(tmp_path, ANDES, "yaml", article=ARTICLE, title="Andes hop", name="andes.yaml")
    assert key == drafts.draft_hash(ANDES, "yaml", ARTICLE)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{key}.article.txt",
        f"{key}.meta.json",
        f"{key}.yaml",
    ]
    draft = drafts.load(tmp_path, key)
    assert (draft.text, draft.fmt, draft.article, draft.name) == (ANDES, "yaml", ARTICLE, "andes.yaml")
    assert drafts.load(tmp_path, drafts.save(tmp_path, "{}", "json")).article is None


def test_the_same_content_is_one_file_left_as_it_was(tmp_path: Path) -> None:
    key = drafts.save(tmp_path, ANDES, "yaml", title="first")
    path = tmp_path / f"{key}.yaml"
    inode = path.stat().st_ino
    assert drafts.save(tmp_path, ANDES, "yaml", title="second") == key
    assert path.stat().st_ino == inode  # not replaced by a new file
    assert len(list(tmp_path.glob("*.yaml"))) == 1
    assert [d.title for d in drafts.recent(tmp_path)] == ["first"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_a_file_with_other_content_under_the_hash_is_never_overwritten(tmp_path: Path) -> None:
    key = drafts.draft_hash(ANDES, "yaml")
    other = "title: someone else's tour\nstops: []\n"
    (tmp_path / f"{key}.yaml").write_text(other, encoding="utf-8")
    with pytest.raises(DraftError, match="already exists with other content; it is not overwritten"):
        drafts.save(tmp_path, ANDES, "yaml")
    assert (tmp_path / f"{key}.yaml").read_text(encoding="utf-8") == other
    with pytest.raises(DraftError, match="was changed since it was saved"):
        drafts.load(tmp_path, key)


BAD = {
    "a parent path": "../x",
    "an encoded parent path, decoded": "..%2f..%2fetc",
    "dots as the URL encodes them": "%2e%2e",
    "two dots": "..",
    "an absolute path": "/etc/passwd",
    "not hex": "0123456789abcdeg",
    "too long": "0ec57ea8ba32a8f90",
    "too short": "0ec57ea8ba32a8f",
    "upper case": "0EC57EA8BA32A8F9",
    "a trailing newline": "0ec57ea8ba32a8f\n",
    "full-width digits": "０ec57ea8ba32a8f9",
    "empty": "",
    "a megabyte": "a" * 1_000_000,
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_hash_is_one_clear_error_and_reads_nothing(tmp_path: Path, case: str) -> None:
    value = BAD[case]
    with pytest.raises(DraftError) as refused:
        drafts.load(tmp_path / "drafts", value)
    message = str(refused.value)
    assert message.startswith("this link names no draft: ?tour= takes 16 hex digits (0-9, a-f)")
    assert len(message) < 200  # the value is quoted in brief, never whole
    assert isinstance(refused.value, TourmapError)


def test_a_list_of_values_is_refused_too() -> None:
    with pytest.raises(DraftError, match="no draft"):
        drafts.check_hash(["0ec57ea8ba32a8f9"])


def test_an_unknown_hash_says_so(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="no draft 0ec57ea8ba32a8f9 on this server"):
        drafts.load(tmp_path, "0ec57ea8ba32a8f9")


def test_a_folder_that_cannot_be_written_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(DraftError, match=r"cannot keep drafts in '.*a file/drafts'"):
        drafts.save(blocker / "drafts", ANDES, "yaml")
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o555)
        with pytest.raises(DraftError, match=r"cannot keep drafts in .*Permission denied"):
            drafts.save(locked, ANDES, "yaml")
        assert list(locked.iterdir()) == []
    assert drafts.recent(blocker / "drafts") == []


def test_size_limits_are_the_projects(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="the tour is 2,000,001 bytes; a draft keeps up to 2,000,000"):
        drafts.save(tmp_path, "x" * 2_000_001, "yaml")
    with pytest.raises(DraftError, match="the article is"):
        drafts.save(tmp_path, ANDES, "yaml", article="x" * (2 * 1024 * 1024 + 1))
    key = drafts.draft_hash("y", "yaml")
    (tmp_path / f"{key}.yaml").write_bytes(b"y" * 2_000_001)  # grown on disk since
    with pytest.raises(DraftError, match=r"cannot be read: draft .* is 2,000,001 bytes"):
        drafts.load(tmp_path, key)
    assert list(tmp_path.glob("*.meta.json")) == []


def test_recent_lists_newest_first_with_titles_and_times(tmp_path: Path) -> None:
    keys = []
    for i, title in enumerate(["oldest", "middle", "newest"]):
        key = drafts.save(tmp_path, f"title: t{i}\nstops: []\n", "yaml", title=title)
        os.utime(tmp_path / f"{key}.yaml", (1_700_000_000 + i * 60, 1_700_000_000 + i * 60))
        keys.append(key)
    (tmp_path / "notes.yaml").write_text("not a draft")
    (tmp_path / f"{keys[1]}.meta.json").write_text("{broken")  # a damaged side file: the hash stands in
    listed = drafts.recent(tmp_path)
    assert [d.title for d in listed] == ["newest", f"draft {keys[1]}", "oldest"]
    assert [d.hash for d in listed] == keys[::-1]
    assert listed[0].saved.isoformat() == "2023-11-14T22:15:20+00:00"
    assert [d.title for d in drafts.recent(tmp_path, limit=1)] == ["newest"]
    drafts.save(tmp_path, "title: t0\nstops: []\n", "yaml", title="oldest")  # shown again: first
    assert drafts.recent(tmp_path)[0].title == "oldest"


def test_the_folder_comes_from_tourmap_drafts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TOURMAP_DRAFTS", str(tmp_path / "mine"))
    assert Settings.from_env().drafts_dir == tmp_path / "mine"
    monkeypatch.delenv("TOURMAP_DRAFTS")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert Settings.from_env().drafts_dir == tmp_path / "data" / "tourmap" / "drafts"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert Settings().drafts_dir == Path.home() / ".local" / "share" / "tourmap" / "drafts"
