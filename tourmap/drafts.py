"""Drafts: every tour a reader shows is kept as files named by a hash of its content.

The dashboard's address then carries ``?tour=HASH``, so a reload, or a colleague opening the link
on the same server, shows the same tour. No Streamlit here: ``tourmap.webapp`` calls these.

A draft is up to three files in one folder with the hash as their stem: ``HASH.yaml`` (or
``.json``), the tour as the reader gave it; ``HASH.article.txt``, its article when it came with
one; ``HASH.meta.json``, its title for the list of recent drafts. The tour file is written last:
it is what makes a draft exist. Each file is created whole (temporary file, then a hard link that
fails rather than replaces) and never rewritten. The same hash is the same content, so saving it
again leaves the files as they are; a file of that name holding other content is refused, never
overwritten. A hash is checked (16 hex digits) before it is joined to the folder: no link can
name a file outside it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from tourmap._atomic import atomic_create
from tourmap.errors import DraftError, TourmapError, brief
from tourmap.tourfile import MAX_TOUR_BYTES, read_text

HASH_LENGTH = 16  # 64 bits: no two of a server's drafts share one by chance
MAX_ARTICLE_BYTES = 2 * 1024 * 1024  # the dashboard's upload limit (views.UPLOAD_LIMIT)
FORMATS = ("yaml", "json")
RECENT = 10
TITLE_LIMIT = 200
_META_LIMIT = 4_096
_HEX = re.compile(r"[0-9a-f]+")
_TOUR_FILE = re.compile(rf"([0-9a-f]{{{HASH_LENGTH}}})\.(yaml|json)")


@dataclass(frozen=True, slots=True)
class Draft:
    """A saved tour as the reader gave it, with its article when there was one."""

    hash: str
    text: str
    fmt: str
    article: str | None
    name: str  # what the reader called it ("pasted tour", a file name)


@dataclass(frozen=True, slots=True)
class DraftInfo:
    """One line of the recent drafts list: read from a small side file, not from the tour."""

    hash: str
    title: str
    saved: dt.datetime  # when it was last shown (UTC)


def draft_hash(text: str, fmt: str, article: str | None = None) -> str:
    """The draft's name: sha256 of format, tour text and article, cut to ``HASH_LENGTH`` hex digits.

    The article is part of it: the same tour with another article shows another Article page.
    Lengths go in front of each part, so no two different drafts hash the same bytes.
    """
    digest = hashlib.sha256()
    for part in (fmt, text, article):
        data = b"-" if part is None else part.encode("utf-8", "surrogatepass")
        digest.update(f"{len(data)}:".encode() + data)
    return digest.hexdigest()[:HASH_LENGTH]


def check_hash(value: object) -> str:
    """``value`` if it is a draft's name (16 lowercase hex digits), else a clear DraftError."""
    if isinstance(value, str) and len(value) == HASH_LENGTH and _HEX.fullmatch(value):
        return value
    raise DraftError(
        f"this link names no draft: ?tour= takes {HASH_LENGTH} hex digits (0-9, a-f), "
        f"instead got: {brief(value)}"
    )


def save(
    folder: Path,
    text: str,
    fmt: str,
    *,
    article: str | None = None,
    title: str = "",
    name: str = "",
) -> str:
    """Keep a tour (and its article) as a draft in ``folder``; return its hash.

    Saving what is already there changes nothing but its time in the recent list.
    """
    if fmt not in FORMATS:
        raise DraftError(f"a draft is YAML or JSON, instead got: {brief(fmt)}")
    tour = _encode(text, "tour", MAX_TOUR_BYTES)
    story = None if article is None else _encode(article, "article", MAX_ARTICLE_BYTES)
    key = draft_hash(text, fmt, article)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DraftError(f"cannot keep drafts in {str(folder)!r}: {err.strerror or err}") from err
    tour_path = folder / f"{key}.{fmt}"
    if _same_file(tour_path, tour):
        _touch(tour_path)
        return key
    if story is not None:
        _create(folder / f"{key}.article.txt", story)
    meta = {"title": title[:TITLE_LIMIT], "name": name[:TITLE_LIMIT]}
    _create(folder / f"{key}.meta.json", json.dumps(meta, ensure_ascii=False).encode(), strict=False)
    _create(tour_path, tour)
    return key


def load(folder: Path, value: object) -> Draft:
    """The draft a link names; a DraftError in one sentence if the name is bad or unknown."""
    key = check_hash(value)
    for fmt in FORMATS:
        path = folder / f"{key}.{fmt}"
        if path.is_file():
            break
    else:
        raise DraftError(
            f"no draft {key} on this server: it was kept on another one, or its drafts folder was cleared"
        )
    try:
        text = read_text(path, what="draft")
        article_path = folder / f"{key}.article.txt"
        article = (
            read_text(article_path, what="draft article", max_bytes=MAX_ARTICLE_BYTES)
            if article_path.exists()
            else None
        )
    except TourmapError as err:
        raise DraftError(f"draft {key} cannot be read: {err}") from err
    if draft_hash(text, fmt, article) != key:
        raise DraftError(f"draft {key} was changed since it was saved; it is not shown")
    name = str(_meta(folder, key).get("name") or "") or f"draft {key}"
    return Draft(key, text, fmt, article, name)


def recent(folder: Path, limit: int = RECENT) -> list[DraftInfo]:
    """The last ``limit`` drafts shown, newest first: one directory scan, side files of those only."""
    try:
        with os.scandir(folder) as entries:
            found = []
            for entry in entries:
                match = _TOUR_FILE.fullmatch(entry.name)
                if match and entry.is_file():
                    found.append((entry.stat().st_mtime, match[1]))
    except OSError:
        return []  # no folder yet, or one we may not read: no recent drafts to offer
    found.sort(reverse=True)
    infos = []
    for mtime, key in found[:limit]:
        title = _meta(folder, key).get("title")
        infos.append(
            DraftInfo(
                key,
                title if isinstance(title, str) and title else f"draft {key}",
                dt.datetime.fromtimestamp(mtime, dt.UTC),
            )
        )
    return infos


def _encode(text: str, what: str, limit: int) -> bytes:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise DraftError(f"the {what} holds characters that cannot be saved as UTF-8") from err
    if len(data) > limit:
        raise DraftError(f"the {what} is {len(data):,} bytes; a draft keeps up to {limit:,}")
    return data


def _same_file(path: Path, data: bytes) -> bool:
    """Whether ``path`` already holds ``data``; a DraftError if it holds something else."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return True
    except FileNotFoundError:
        return False
    except OSError as err:
        raise DraftError(f"cannot read draft {path.name!r}: {err.strerror or err}") from err
    raise DraftError(f"draft {path.name!r} already exists with other content; it is not overwritten")


def _create(path: Path, data: bytes, *, strict: bool = True) -> None:
    """Create ``path`` whole; if it exists, it must hold the same bytes (unless not ``strict``)."""
    try:
        created = atomic_create(path, data)
    except TourmapError as err:
        raise DraftError(f"cannot keep drafts in {str(path.parent)!r}: {_reason(err)}") from err
    if not created and strict:
        _same_file(path, data)


def _reason(err: TourmapError) -> str:
    """The OS's words from an InputError ("cannot write '…': Permission denied")."""
    return str(err).rsplit(": ", 1)[-1]


def _touch(path: Path) -> None:
    """Move a draft shown again to the top of the recent list (best effort: it is only an order)."""
    with contextlib.suppress(OSError):
        os.utime(path)


def _meta(folder: Path, key: str) -> dict[str, object]:
    """A draft's side file (title, name), or {} when it is missing, too big or not JSON."""
    try:
        with (folder / f"{key}.meta.json").open("rb") as f:
            data = json.loads(f.read(_META_LIMIT + 1)[:_META_LIMIT])
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
