"""Measure ``tourmap.extract`` against hand-checked tours: stops, their order, quotes, speakers.

Run: .venv/bin/python benchmarks/eval_extract.py [ARTICLE.txt ...]
Default: every tests/articles/*.txt (expected tour beside it as NAME.yaml) plus the seed
article data/tillerson-2018/article.txt (expected: its tour.yaml).

Metrics, per article and pooled over all of them:
- stop F1: an extracted stop matches an expected one when both resolve (gazetteer, in their
  country) to places within 50 km of each other, or their folded names are equal;
- order: among matched stops, the fraction of pairs in the same relative order (Kendall-like);
- quote recall: an expected quote is found when an extracted quote shares >= 80% of the longer
  text (whitespace normalised);
- speaker accuracy: among found quotes, exact speaker equality (None == None counts);
- said_at accuracy: among found quotes, the stop each was said at (not part of the bar).
Bar: stop F1 >= 0.8, order >= 0.8, quote recall >= 0.85, speaker accuracy >= 0.8.
"""

from __future__ import annotations

import difflib
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tourmap.extract import extract  # noqa: E402
from tourmap.gazetteer import Gazetteer, fold  # noqa: E402
from tourmap.model import Quote, Stop, Tour  # noqa: E402
from tourmap.tourfile import load_tour  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"
SEED = ROOT / "data" / "tillerson-2018"
MATCH_KM = 50.0
QUOTE_OVERLAP = 0.8
BAR = {"stop_f1": 0.8, "order": 0.8, "quote_recall": 0.85, "speaker_accuracy": 0.8}


@dataclass
class Score:
    """Counts for one article (or pooled): the metrics are ratios of these."""

    name: str
    stops_expected: int = 0
    stops_found: int = 0
    stops_matched: int = 0
    pairs: int = 0
    pairs_agreeing: int = 0
    quotes_expected: int = 0
    quotes_matched: int = 0
    speakers_right: int = 0
    said_at_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def stop_f1(self) -> float:
        if not self.stops_expected and not self.stops_found:
            return 1.0
        p = self.stops_matched / self.stops_found if self.stops_found else 0.0
        r = self.stops_matched / self.stops_expected if self.stops_expected else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def order(self) -> float:
        return self.pairs_agreeing / self.pairs if self.pairs else 1.0

    @property
    def quote_recall(self) -> float:
        return self.quotes_matched / self.quotes_expected if self.quotes_expected else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.quotes_matched if self.quotes_matched else 1.0

    @property
    def said_at_accuracy(self) -> float:
        return self.said_at_right / self.quotes_matched if self.quotes_matched else 1.0

    def metrics(self) -> dict[str, float]:
        return {
            "stop_f1": self.stop_f1,
            "order": self.order,
            "quote_recall": self.quote_recall,
            "speaker_accuracy": self.speaker_accuracy,
        }

    def below_bar(self) -> list[str]:
        return [k for k, v in self.metrics().items() if v < BAR[k]]

    def add(self, other: Score) -> None:
        for name in (
            "stops_expected",
            "stops_found",
            "stops_matched",
            "pairs",
            "pairs_agreeing",
            "quotes_expected",
            "quotes_matched",
            "speakers_right",
            "said_at_right",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _point(stop: Stop, gazetteer: Gazetteer) -> tuple[float, float] | None:
    if stop.lat is not None and stop.lon is not None:
        return (stop.lat, stop.lon)
    found = gazetteer.geocode(stop.name, country_codes=stop.country) if stop.country else None
    found = found or gazetteer.geocode(stop.name)
    return None if found is None else (float(found.latitude), float(found.longitude))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def match_stops(
    expected: tuple[Stop, ...], found: tuple[Stop, ...], gazetteer: Gazetteer
) -> list[tuple[int, int]]:
    """(expected index, found index) pairs: same folded name, or places within 50 km."""
    points_e = [_point(s, gazetteer) for s in expected]
    points_f = [_point(s, gazetteer) for s in found]
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for i, e in enumerate(expected):
        best: tuple[float, int] | None = None
        for j, f in enumerate(found):
            if j in used:
                continue
            if fold(e.name) == fold(f.name):
                best = (-1.0, j)
                break
            pe, pf = points_e[i], points_f[j]
            if pe is not None and pf is not None:
                d = _km(pe, pf)
                if d <= MATCH_KM and (best is None or d < best[0]):
                    best = (d, j)
        if best is not None:
            used.add(best[1])
            pairs.append((i, best[1]))
    return pairs


def _norm(text: str) -> str:
    return " ".join(text.split())


def overlap(a: str, b: str) -> float:
    """Characters the two texts share (in order), over the longer text's length."""
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return 0.0
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / max(len(a), len(b))


def match_quotes(expected: tuple[Quote, ...], found: tuple[Quote, ...]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for i, e in enumerate(expected):
        scored = [(overlap(e.text, f.text), j) for j, f in enumerate(found) if j not in used]
        if not scored:
            continue
        best, j = max(scored)
        if best >= QUOTE_OVERLAP:
            used.add(j)
            pairs.append((i, j))
    return pairs


def score(name: str, expected: Tour, found: Tour, gazetteer: Gazetteer) -> Score:
    """Compare one extracted tour with its expected tour."""
    out = Score(name, stops_expected=len(expected.stops), stops_found=len(found.stops))
    stop_pairs = match_stops(expected.stops, found.stops, gazetteer)
    out.stops_matched = len(stop_pairs)
    for a in range(len(stop_pairs)):
        for b in range(a + 1, len(stop_pairs)):
            (ea, fa), (eb, fb) = stop_pairs[a], stop_pairs[b]
            out.pairs += 1
            out.pairs_agreeing += (ea < eb) == (fa < fb)
    matched_e = {i for i, _ in stop_pairs}
    matched_f = {j for _, j in stop_pairs}
    out.misses += [f"stop missed: {s.name}" for i, s in enumerate(expected.stops) if i not in matched_e]
    out.misses += [f"stop extra: {s.name}" for j, s in enumerate(found.stops) if j not in matched_f]
    stop_map = {found.stops[j].id: expected.stops[i].id for i, j in stop_pairs}
    out.quotes_expected = len(expected.quotes)
    quote_pairs = match_quotes(expected.quotes, found.quotes)
    out.quotes_matched = len(quote_pairs)
    for i, j in quote_pairs:
        e, f = expected.quotes[i], found.quotes[j]
        if e.speaker == f.speaker:
            out.speakers_right += 1
        else:
            out.misses.append(f"speaker: {e.text[:40]!r} expected {e.speaker!r}, got {f.speaker!r}")
        said = stop_map.get(f.said_at) if f.said_at is not None else None
        out.said_at_right += said == e.said_at
    matched_q = {i for i, _ in quote_pairs}
    out.misses += [
        f"quote missed: {q.text[:50]!r}" for i, q in enumerate(expected.quotes) if i not in matched_q
    ]
    return out


def cases() -> list[tuple[str, Path, Path]]:
    """(name, article, expected tour) for the seed and every test article."""
    out = [("tillerson-2018", SEED / "article.txt", SEED / "tour.yaml")]
    for article in sorted(ARTICLES.glob("*.txt")):
        expected = article.with_suffix(".yaml")
        if expected.exists():
            out.append((article.stem, article, expected))
    return out


def evaluate(
    gazetteer: Gazetteer, selected: list[tuple[str, Path, Path]] | None = None
) -> tuple[list[Score], Score]:
    """Scores per article and pooled."""
    scores: list[Score] = []
    total = Score("overall")
    for name, article, expected_path in selected if selected is not None else cases():
        expected = load_tour(expected_path)
        found = extract(article.read_text(encoding="utf-8"), gazetteer=gazetteer, name=article.name).tour
        one = score(name, expected, found, gazetteer)
        scores.append(one)
        total.add(one)
    return scores, total


def _row(s: Score) -> str:
    flag = "" if not s.below_bar() else "  <-- below bar: " + ", ".join(s.below_bar())
    return (
        f"{s.name:28} stops F1 {s.stop_f1:5.2f}  order {s.order:5.2f}  quotes {s.quote_recall:5.2f}"
        f"  speakers {s.speaker_accuracy:5.2f}  said_at {s.said_at_accuracy:5.2f}{flag}"
    )


def main(argv: list[str]) -> int:
    selected = None
    if argv:
        selected = []
        for arg in argv:
            path = Path(arg)
            expected = (
                path.with_suffix(".yaml") if path.with_suffix(".yaml").exists() else path.parent / "tour.yaml"
            )
            selected.append((path.stem, path, expected))
    with Gazetteer.open() as gazetteer:
        scores, total = evaluate(gazetteer, selected)
    for s in scores:
        print(_row(s))
        for miss in s.misses:
            print(f"    {miss}")
    print("-" * 110)
    print(_row(total))
    print(
        f"pooled over {len(scores)} articles: {total.stops_expected} stops, {total.pairs} ordered pairs, "
        f"{total.quotes_expected} quotes; bar: " + ", ".join(f"{k} >= {v}" for k, v in BAR.items())
    )
    return 0 if not total.below_bar() else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
