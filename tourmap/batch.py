"""Many articles → many draft tours, on every core; one bad article never stops the others."""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tourmap._atomic import atomic_write_text
from tourmap.errors import TourmapError
from tourmap.tourfile import dumps_tour, read_text

if TYPE_CHECKING:
    from tourmap.gazetteer import Gazetteer
    from tourmap.model import Tour

ARTICLE_SUFFIXES = (".txt",)
# extraction refuses more than MAX_ARTICLE_CHARS characters; reading stops a file that could not fit
MAX_ARTICLE_BYTES = 4_000_000


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What happened to one article: where its draft went, or the one-line reason it has none."""

    source: Path
    output: Path | None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    stops: int = 0
    quotes: int = 0


@functools.cache
def _gazetteer() -> Gazetteer:
    """One gazetteer per worker process (opening it costs milliseconds; sharing it is not possible)."""
    from tourmap.gazetteer import Gazetteer

    return Gazetteer.open()


def draft_from_text(text: str, *, name: str, gazetteer: Gazetteer) -> tuple[Tour, tuple[str, ...]]:
    """A draft tour and the extractor's warnings, returned rather than printed."""
    from tourmap.extract import extract

    result = extract(text, gazetteer=gazetteer, name=name)
    return result.tour, result.warnings


def draft_from_file(path: Path, *, gazetteer: Gazetteer) -> tuple[Tour, tuple[str, ...]]:
    text = read_text(path, max_bytes=MAX_ARTICLE_BYTES, what="article")
    return draft_from_text(text, name=path.name, gazetteer=gazetteer)


def _one(source: Path, output: Path, fmt: str) -> ArticleResult:
    try:
        tour, notes = draft_from_file(source, gazetteer=_gazetteer())
        atomic_write_text(output, dumps_tour(tour, fmt))
    except TourmapError as err:
        return ArticleResult(source, None, str(err))
    except Exception as err:  # a bug on one article must not sink the batch; report it
        return ArticleResult(source, None, f"unexpected {type(err).__name__}: {err}")
    return ArticleResult(source, output, None, notes, len(tour.stops), len(tour.quotes))


def articles_in(folder: Path) -> list[Path]:
    """The folder's .txt entries; a pipe or device among them is kept, for reading to refuse aloud."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and not p.is_dir())


def _draft_names(sources: list[Path], out_dir: Path, suffix: str) -> list[tuple[Path, Path]]:
    """Each article's draft file: its stem, or its whole name when two stems are the same
    (``a.txt`` and ``a.TXT`` would otherwise write one draft over the other)."""
    stems = Counter(src.stem for src in sources)
    return [(src, out_dir / ((src.stem if stems[src.stem] == 1 else src.name) + suffix)) for src in sources]


def extract_folder(
    folder: Path,
    out_dir: Path,
    *,
    fmt: str = "yaml",
    workers: int | None = None,
    progress: Callable[[int, int, ArticleResult], None] | None = None,
) -> list[ArticleResult]:
    """Draft a tour file for every .txt article in ``folder`` into ``out_dir``, in parallel.

    Results come back in file-name order whatever order the workers finish in.
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed  # 50 ms: only for batches

    sources = articles_in(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = ".json" if fmt == "json" else ".yaml"
    results: dict[Path, ArticleResult] = {}
    workers = max(1, min(workers or os.cpu_count() or 1, len(sources) or 1))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {
            pool.submit(_one, src, target, fmt): src for src, target in _draft_names(sources, out_dir, suffix)
        }
        for done, future in enumerate(as_completed(futures), start=1):
            result = future.result()
            results[futures[future]] = result
            if progress is not None:
                progress(done, len(sources), result)
    return [results[src] for src in sources]
