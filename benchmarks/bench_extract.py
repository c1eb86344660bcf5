"""Benchmark ``tourmap.extract``: articles per second once the gazetteer is open, and big inputs.

Run: .venv/bin/python benchmarks/bench_extract.py
Why: drafting a tour must feel instant in the dashboard (target: >= 100 articles of 5 KB per
second per core, i.e. <= 10 ms each), and a pasted book or a 5 MB dump must neither hang the
process nor exhaust memory: it is refused by the size limit (MAX_ARTICLE_CHARS) at once, and a
text at the limit still finishes in seconds (every rule is linear in the text's length).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tourmap.errors import InputError  # noqa: E402
from tourmap.extract import MAX_ARTICLE_CHARS, extract  # noqa: E402
from tourmap.gazetteer import Gazetteer  # noqa: E402

ARTICLES = [
    *sorted((ROOT / "tests" / "articles").glob("*.txt")),
    ROOT / "data" / "tillerson-2018" / "article.txt",
]
TARGET_CHARS = 5_000
ROUNDS = 5


def five_kb_samples() -> list[str]:
    """One ~5 KB article per test article: its text, then paragraphs of the next ones appended."""
    texts = [p.read_text(encoding="utf-8") for p in ARTICLES]
    samples: list[str] = []
    for i, text in enumerate(texts):
        sample = text
        k = i + 1
        while len(sample) < TARGET_CHARS:
            body = texts[k % len(texts)].split("\n\n", 1)[-1]
            sample += "\n\n" + body
            k += 1
        samples.append(sample[: TARGET_CHARS + 500])
    return samples


def main() -> int:
    started = time.perf_counter()
    gazetteer = Gazetteer.open()
    opened = time.perf_counter() - started
    print(f"gazetteer open: {opened * 1000:.1f} ms")

    samples = five_kb_samples()
    mean_chars = statistics.mean(len(s) for s in samples)
    for text in samples:  # warm up: first-call imports and SQLite page cache
        extract(text, gazetteer=gazetteer)
    per_article: list[float] = []
    for _ in range(ROUNDS):
        for text in samples:
            t0 = time.perf_counter()
            extract(text, gazetteer=gazetteer)
            per_article.append(time.perf_counter() - t0)
    median = statistics.median(per_article)
    p90 = sorted(per_article)[int(len(per_article) * 0.9)]
    print(
        f"{len(samples)} articles of ~{mean_chars / 1000:.1f} KB x {ROUNDS} rounds: "
        f"median {median * 1000:.1f} ms, best {min(per_article) * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms"
        f" -> {1 / median:.0f} articles/s on one core (target >= 100/s)"
    )
    print(f"= extraction: {1 / median:.0f} articles/s of ~5 KB on one core ({median * 1000:.1f} ms each)")

    corpus = "\n\n".join(samples)
    at_limit = (corpus * (MAX_ARTICLE_CHARS // len(corpus) + 1))[:MAX_ARTICLE_CHARS]
    t0 = time.perf_counter()
    extraction = extract(at_limit, gazetteer=gazetteer)
    print(
        f"text at the limit ({len(at_limit) / 1e6:.1f} MB): {time.perf_counter() - t0:.2f} s, "
        f"{len(extraction.tour.quotes)} quotes, {len(extraction.tour.stops)} stops (target < 10 s)"
    )

    huge = (corpus * (5_000_000 // len(corpus) + 1))[:5_000_000]
    t0 = time.perf_counter()
    try:
        extract(huge, gazetteer=gazetteer)
    except InputError as err:
        print(
            f"text of {len(huge) / 1e6:.1f} MB: refused in {(time.perf_counter() - t0) * 1000:.2f} ms ({err})"
        )
    else:
        print(f"text of {len(huge) / 1e6:.1f} MB: NOT refused ({time.perf_counter() - t0:.2f} s)")
        return 1
    gazetteer.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
