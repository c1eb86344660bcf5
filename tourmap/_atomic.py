"""Safe file writes: temporary files in the targets' folders, renamed only once all are written.

A crash or a bad input mid-build therefore never leaves a half-written map, tour file or
gazetteer index where a good one was, nor one output new and its sibling old. What exists and is
not a regular file (a device, a pipe, ``/proc/self/fd/1``) is never replaced.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from tourmap.errors import InputError

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def not_regular(mode: int) -> str | None:
    """What a file that is not a regular one is, in words ('a pipe (FIFO)'); None if it is regular."""
    if stat.S_ISREG(mode):
        return None
    return next((words for test, words in _KINDS if test(mode)), "a special file")


def check_target(path: Path) -> None:
    """Refuse an output that exists and is not a regular file (symlinks are followed, as a write would)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # absent (or unreachable: creating the temporary file will say why)
    if stat.S_ISDIR(mode):
        raise InputError(f"output {str(path)!r} is a directory; give a file name")
    kind = not_regular(mode)
    if kind is not None:
        raise InputError(f"output {str(path)!r} is {kind}, not a regular file; refusing to replace it")


@contextmanager
def atomic_targets(paths: Sequence[Path]) -> Iterator[list[Path]]:
    """Temporary paths beside ``paths`` to write to; renamed onto them only if the block succeeds.

    Every temporary file is created before the block runs and none is renamed until it has
    finished, so an output that cannot be written (read-only folder, full disk) leaves all the
    others as they were. On any failure the temporary files are removed. (Only a rename failing
    between two renames, which needs the folder to change under us, could leave a mix.)
    For writers that need a file name rather than bytes (SQLite builds its index in place).
    """
    for path in paths:
        check_target(path)
    temps: list[Path] = []
    try:
        for path in paths:
            try:
                fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            except OSError as err:
                raise InputError(f"cannot write {str(path)!r}: {err.strerror or err}") from err
            os.close(fd)
            temps.append(Path(tmp_name))
        yield temps
        for tmp in temps:
            tmp.chmod(0o644)  # mkstemp makes it private; outputs are ordinary files
        for tmp, path in zip(temps, paths, strict=True):
            tmp.replace(path)
    except BaseException:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """One temporary path beside ``path``; renamed onto it if the block succeeds."""
    with atomic_targets([path]) as temps:
        yield temps[0]


def atomic_write_all(files: Mapping[Path, bytes]) -> None:
    """Write every file, or (when one cannot be written) none of them."""
    paths = list(files)
    with atomic_targets(paths) as temps:
        for path, tmp in zip(paths, temps, strict=True):
            try:
                tmp.write_bytes(files[path])
            except OSError as err:
                raise InputError(f"cannot write {str(path)!r}: {err.strerror or err}") from err


def atomic_write_bytes(path: Path, data: bytes) -> None:
    atomic_write_all({path: data})


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_create(path: Path, data: bytes) -> bool:
    """Write ``path`` whole, only if it does not exist yet; False (nothing written) if it does.

    The temporary file is hard-linked onto the name, which fails rather than replaces: two
    writers racing for one name never clobber each other, and no reader sees half a file.
    """
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise InputError(f"cannot write {str(path)!r}: {err.strerror or err}") from err
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        tmp.chmod(0o644)  # mkstemp makes it private; drafts are ordinary files
        os.link(tmp, path)
    except FileExistsError:
        return False
    except OSError as err:
        raise InputError(f"cannot write {str(path)!r}: {err.strerror or err}") from err
    finally:
        tmp.unlink(missing_ok=True)
    return True
