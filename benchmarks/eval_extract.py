"""Measure ``tourmap.extract`` on two sets: our own test articles, and real published articles.

Run: .venv/bin/python benchmarks/eval_extract.py [--set own|corpus|both] [-v] [ARTICLE.txt ...]

**Own articles** (``tests/articles/*.txt``, expected tour beside each as NAME.yaml, plus the seed
article ``data/tillerson-2018/article.txt``). They were written while the rules were, so they
overstate. Metrics pooled over all articles:
- stop F1: an extracted stop matches an expected one when both resolve (gazetteer, in their
  country) to places within 50 km of each other, or their folded names are equal;
- order: among matched stops, the fraction of pairs in the same relative order (Kendall-like);
- quote recall: an expected quote is found when an extracted quote shares >= 80% of the longer
  text (whitespace normalised);
- speaker accuracy: among found quotes, exact speaker equality (None == None counts);
- said_at accuracy: among found quotes, the stop each was said at;
- status accuracy: among matched stops, visited/upcoming equal.

**Real articles** (``../shared/corpus/``, or ``TOURMAP_CORPUS``: 30 published articles with
hand-made golds; never copied into this repository). Scored with the corpus's own ``score.py``,
the scorer used on the hidden evaluation set, so the figures mean the same: stop F1, order, quote
recall and speaker accuracy per article, averaged over the articles. said_at and status accuracy
(which ``score.py`` does not score) use the same stop and quote matching. ``HELD_ASIDE`` articles
are also reported on their own: they were kept out of rule-writing and are the honest check.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import math
import os
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tourmap.errors import TourmapError  # noqa: E402
from tourmap.extract import extract  # noqa: E402
from tourmap.gazetteer import Gazetteer, fold  # noqa: E402
from tourmap.model import Quote, Stop, Tour  # noqa: E402
from tourmap.tourfile import load_tour, tour_to_data  # noqa: E402

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
    status_right: int = 0
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

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.stops_matched if self.stops_matched else 1.0

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
            "status_right",
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
    out.status_right = sum(expected.stops[i].status == found.stops[j].status for i, j in stop_pairs)
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
        f"  speakers {s.speaker_accuracy:5.2f}  said_at {s.said_at_accuracy:5.2f}"
        f"  status {s.status_accuracy:5.2f}{flag}"
    )


# --------------------------------------------------------------------------- real articles

CORPUS_BAR = {"stop_f1": 0.85, "order": 0.9, "quote_recall": 0.95, "speaker_acc": 0.9}
# kept out of rule-writing for issue 8 (every fifth article), scored on their own at the end
HELD_ASIDE = frozenset({"05", "10", "15", "20", "25", "30"})
CORPUS_METRICS = (
    "stop_f1",
    "order",
    "quote_recall",
    "speaker_acc",
    "quote_precision",
    "said_at_acc",
    "status_acc",
)


def corpus_dir() -> Path:
    return Path(os.environ.get("TOURMAP_CORPUS") or ROOT.parent / "shared" / "corpus")


def _corpus_scorer(folder: Path) -> ModuleType:
    """The corpus's own ``score.py`` (the hidden set's scorer), loaded from its folder."""
    spec = importlib.util.spec_from_file_location("corpus_score", folder / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class CorpusScore:
    """One real article: the scorer's figures plus said_at and status accuracy, and what went wrong."""

    name: str
    metrics: dict[str, float]
    error: str | None = None
    misses: list[str] = field(default_factory=list)

    @property
    def held_aside(self) -> bool:
        return self.name[:2] in HELD_ASIDE


def _matched_stops(scorer: ModuleType, pred: dict[str, Any], gold: dict[str, Any]) -> list[tuple[int, int]]:
    """(gold index, predicted index): the scorer's own greedy matching."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold["stops"]):
        for pi, p in enumerate(pred.get("stops", [])):
            if pi not in used and scorer.stop_matches(p, g):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def _matched_quotes(scorer: ModuleType, pred: dict[str, Any], gold: dict[str, Any]) -> list[tuple[int, int]]:
    """(gold index, predicted index): a predicted quote starting with the gold's first words."""
    texts = [scorer.words(q.get("text", ""), 12) for q in pred.get("quotes", [])]
    taken: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold["quotes"]):
        start = scorer.words(g["text_start"], 5)
        for k, text in enumerate(texts):
            if k not in taken and start and text.startswith(start):
                taken.add(k)
                pairs.append((gi, k))
                break
    return pairs


def score_real(scorer: ModuleType, name: str, pred: dict[str, Any], gold: dict[str, Any]) -> CorpusScore:
    metrics = dict(scorer.score(pred, gold))
    stops = _matched_stops(scorer, pred, gold)
    pstops = pred.get("stops", [])
    right = [gold["stops"][gi].get("status") == pstops[pi].get("status") for gi, pi in stops]
    metrics["status_acc"] = sum(right) / len(right) if right else 1.0
    gold_of = {pstops[pi]["id"]: gold["stops"][gi]["name"] for gi, pi in stops if "id" in pstops[pi]}
    quotes = _matched_quotes(scorer, pred, gold)
    said = []
    for gi, pi in quotes:
        want, got = gold["quotes"][gi].get("said_at"), pred["quotes"][pi].get("said_at")
        said.append(want == (gold_of.get(got, "(not a gold stop)") if got is not None else None))
    metrics["said_at_acc"] = sum(said) / len(said) if said else 1.0
    out = CorpusScore(name, metrics)
    matched_g, matched_p = {gi for gi, _ in stops}, {pi for _, pi in stops}
    for gi, g in enumerate(gold["stops"]):
        if gi not in matched_g and not g.get("optional"):
            out.misses.append(f"stop missed: {g['name']} ({g['status']})")
    for pi, p in enumerate(pstops):
        if pi not in matched_p:
            out.misses.append(f"stop extra: {p.get('name')} ({p.get('status')})")
    for (gi, _pi), ok in zip(stops, right, strict=True):
        if not ok:
            out.misses.append(f"status: {gold['stops'][gi]['name']} is {gold['stops'][gi]['status']}")
    found = {gi for gi, _ in quotes}
    for gi, g in enumerate(gold["quotes"]):
        if gi not in found:
            out.misses.append(f"quote missed: {g['text_start']!r}")
    for gi, pi in quotes:
        g, spk = gold["quotes"][gi], pred["quotes"][pi].get("speaker")
        alt = list(g.get("speaker_alt") or []) + ([None] if scorer.unnamed(g["speaker"]) else [])
        folded = scorer.fold(spk or "")
        if not (
            scorer.speaker_right(g["speaker"], folded)
            or (not folded and None in alt)
            or any(a and scorer.fold(a) in folded.split() for a in alt)
        ):
            out.misses.append(f"speaker: {g['text_start'][:40]!r} is {g['speaker']!r}, got {spk!r}")
    return out


def evaluate_corpus(
    gazetteer: Gazetteer, folder: Path | None = None, *, held_aside: bool = True
) -> list[CorpusScore]:
    """Draft every real article of the corpus (in this process) and score it against its gold.

    ``held_aside=False`` leaves the held-aside articles out entirely (while writing rules)."""
    folder = folder or corpus_dir()
    scorer = _corpus_scorer(folder)
    out = []
    for article in sorted(folder.glob("*.txt")):
        if not held_aside and article.stem[:2] in HELD_ASIDE:
            continue
        gold = json.loads((folder / f"{article.stem}.gold.json").read_text(encoding="utf-8"))
        error = None
        try:
            tour = extract(article.read_text(encoding="utf-8"), gazetteer=gazetteer, name=article.name).tour
            pred = tour_to_data(tour)
        except TourmapError as err:  # the scorer sees an empty draft, as from a failed `tourmap extract`
            error, pred = str(err), {"stops": [], "quotes": []}
        one = score_real(scorer, article.stem, pred, gold)
        one.error = error
        out.append(one)
    return out


def averages(scores: list[CorpusScore]) -> dict[str, float]:
    """Each metric averaged over the articles, as the hidden set is reported."""
    return {k: statistics.mean(s.metrics[k] for s in scores) for k in CORPUS_METRICS} if scores else {}


def _corpus_row(name: str, m: dict[str, float], extra: str = "") -> str:
    return (
        f"{name:38} stops F1 {m['stop_f1']:5.2f}  order {m['order']:5.2f}  quotes {m['quote_recall']:5.2f}"
        f"  speakers {m['speaker_acc']:5.2f}  q.prec {m['quote_precision']:5.2f}"
        f"  said_at {m['said_at_acc']:5.2f}  status {m['status_acc']:5.2f}{extra}"
    )


def report_corpus(scores: list[CorpusScore], verbose: bool) -> bool:
    for s in scores:
        fp = f"  fp {int(s.metrics['stop_fp'])}" + (f"  FAILED: {s.error}" if s.error else "")
        print(_corpus_row(s.name + (" (held aside)" if s.held_aside else ""), s.metrics, fp))
        if verbose:
            for miss in s.misses:
                print(f"    {miss}")
    print("-" * 120)
    total = averages(scores)
    tuned = [s for s in scores if not s.held_aside]
    aside = [s for s in scores if s.held_aside]
    print(_corpus_row(f"all {len(scores)} real articles", total))
    if tuned and aside:
        print(_corpus_row(f"  {len(tuned)} used for rule-writing", averages(tuned)))
        print(_corpus_row(f"  {len(aside)} held aside", averages(aside)))
    print("bar: " + ", ".join(f"{k} >= {v}" for k, v in CORPUS_BAR.items()))
    return all(total[k] >= v for k, v in CORPUS_BAR.items())


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=("own", "corpus", "both"), default="both")
    ap.add_argument("-v", "--verbose", action="store_true", help="list what each article missed")
    ap.add_argument(
        "--without-held-aside", action="store_true", help="leave the held-aside real articles out entirely"
    )
    ap.add_argument("articles", nargs="*", type=Path, help="own articles to score (default: all)")
    args = ap.parse_args(argv)
    selected = None
    if args.articles:
        selected = []
        for path in args.articles:
            expected = (
                path.with_suffix(".yaml") if path.with_suffix(".yaml").exists() else path.parent / "tour.yaml"
            )
            selected.append((path.stem, path, expected))
    ok = True
    with Gazetteer.open() as gazetteer:
        if args.set in ("own", "both"):
            print("## own test articles (written while the rules were: they overstate)")
            scores, total = evaluate(gazetteer, selected)
            for s in scores:
                print(_row(s))
                if args.verbose:
                    for miss in s.misses:
                        print(f"    {miss}")
            print("-" * 120)
            print(_row(total))
            print(
                f"pooled over {len(scores)} articles: {total.stops_expected} stops, {total.pairs} ordered "
                f"pairs, {total.quotes_expected} quotes; bar: "
                + ", ".join(f"{k} >= {v}" for k, v in BAR.items())
            )
            ok = ok and not total.below_bar()
        if args.set in ("corpus", "both") and not args.articles:
            folder = corpus_dir()
            print(f"\n## real published articles ({folder})")
            if not (folder / "score.py").exists():
                print(f"no corpus at {folder} (set TOURMAP_CORPUS)")
                return 1
            real = evaluate_corpus(gazetteer, folder, held_aside=not args.without_held_aside)
            ok = report_corpus(real, args.verbose) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
