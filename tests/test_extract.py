"""Drafting a tour from an article: the seed article exactly, the test articles over the bar,
and one focused test per rule (quote marks, speakers, places, datelines, order, limits)."""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from tourmap.errors import InputError
from tourmap.extract import MAX_ARTICLE_CHARS, Extraction, ExtractWarning, extract, extract_tour
from tourmap.gazetteer import Gazetteer
from tourmap.geocode import place_tour
from tourmap.model import Tour
from tourmap.tourfile import dumps_tour, load_tour, parse_tour

from .conftest import ROOT, TILLERSON

ARTICLES = Path(__file__).resolve().parent / "articles"
SEED_ARTICLE = TILLERSON.parent / "article.txt"

Draft = Callable[[str], Tour]


@pytest.fixture(scope="module")
def draft(gazetteer: Gazetteer) -> Draft:
    def run(text: str) -> Tour:
        return extract(text, gazetteer=gazetteer).tour

    return run


@pytest.fixture(scope="module")
def seed(gazetteer: Gazetteer) -> Extraction:
    return extract(SEED_ARTICLE.read_text(encoding="utf-8"), gazetteer=gazetteer, name="article.txt")


@pytest.fixture(scope="module")
def evaluator() -> ModuleType:
    path = ROOT / "benchmarks" / "eval_extract.py"
    spec = importlib.util.spec_from_file_location("eval_extract", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_extract", module)
    spec.loader.exec_module(module)
    return module


def speakers(tour: Tour) -> dict[str, str | None]:
    return {q.text: q.speaker for q in tour.quotes}


# --------------------------------------------------------------------------- the seed article


def test_seed_stops_match_the_hand_checked_tour(seed: Extraction) -> None:
    expected = load_tour(TILLERSON)
    got = [(s.id, s.name, s.status, s.country) for s in seed.tour.stops]
    assert got == [(s.id, s.name, s.status, s.country) for s in expected.stops]


def test_seed_quotes_match_text_speaker_span_and_place(seed: Extraction) -> None:
    expected = load_tour(TILLERSON)
    got = [(q.id, q.text, q.speaker, q.span, q.said_at) for q in seed.tour.quotes]
    assert got == [(q.id, q.text, q.speaker, q.span, q.said_at) for q in expected.quotes]
    assert "Dreamers" not in {q.text for q in seed.tour.quotes}


def test_seed_places_border_title_and_traveller(seed: Extraction) -> None:
    expected = load_tour(TILLERSON)
    tour = seed.tour
    assert [(p.id, p.name, p.country) for p in tour.places] == [
        (p.id, p.name, p.country) for p in expected.places
    ]
    assert tour.borders == expected.borders
    assert (tour.title, tour.traveller) == (expected.title, expected.traveller)
    assert tour.source is not None and tour.source.path == "article.txt"
    assert seed.warnings == ()


def test_seed_about_links_name_what_the_quote_concerns(seed: Extraction) -> None:
    about = {q.id: q.about for q in seed.tour.quotes}
    assert about["q3"] == ("united-states", "canada")  # "American citizens, … Canadian citizens"
    assert about["q10"] == ("us-mx",)  # deporting: the border
    assert about["q11"] == ("us-mx", "united-states")
    assert about["q14"] == about["q15"] == about["q16"] == ("venezuela",)


def test_draft_is_a_valid_tour_file_and_round_trips(seed: Extraction) -> None:
    text = dumps_tour(seed.tour)
    assert parse_tour(text) == seed.tour


def test_extract_tour_opens_the_default_gazetteer() -> None:
    tour = extract_tour(SEED_ARTICLE.read_text(encoding="utf-8"))
    assert [s.id for s in tour.stops][:2] == ["mexico-city", "argentina"]


# --------------------------------------------------------------------------- the test articles


def test_every_quote_span_indexes_its_article(draft: Draft) -> None:
    for article in sorted(ARTICLES.glob("*.txt")):
        text = article.read_text(encoding="utf-8")
        for q in draft(text).quotes:
            assert q.span is not None
            assert text[q.span[0] : q.span[1]] == q.text, (article.name, q.id)


def test_test_articles_meet_the_bar(gazetteer: Gazetteer, evaluator: ModuleType) -> None:
    scores, total = evaluator.evaluate(gazetteer)
    assert len(scores) >= 9
    metrics = total.metrics()
    assert metrics["stop_f1"] >= 0.8, metrics
    assert metrics["order"] >= 0.8, metrics
    assert metrics["quote_recall"] >= 0.85, metrics
    assert metrics["speaker_accuracy"] >= 0.8, metrics


def test_real_articles_meet_the_bar(gazetteer: Gazetteer, evaluator: ModuleType) -> None:
    """Issue 8: on the 30 published articles of the development corpus, as its own scorer counts
    them: stop F1 >= 0.85, order >= 0.9, quote recall >= 0.95, speaker accuracy >= 0.9, and quote
    precision no lower than before (0.90). Before issue 8: 0.63, 0.93, 0.94, 0.79, 0.90."""
    folder = evaluator.corpus_dir()
    if not (folder / "score.py").exists():
        pytest.skip(f"no corpus at {folder} (set TOURMAP_CORPUS)")
    scores = evaluator.evaluate_corpus(gazetteer, folder, held_aside=True)
    assert len(scores) == 30
    metrics = evaluator.averages(scores)
    assert metrics["stop_f1"] >= 0.85, metrics
    assert metrics["order"] >= 0.9, metrics
    assert metrics["quote_recall"] >= 0.95, metrics
    assert metrics["speaker_acc"] >= 0.9, metrics
    assert metrics["quote_precision"] >= 0.9, metrics
    assert not [s.error for s in scores if s.error]


def test_expected_tours_are_valid_and_quote_their_articles() -> None:
    for expected in sorted(ARTICLES.glob("*.yaml")):
        tour = load_tour(expected)
        text = expected.with_suffix(".txt").read_text(encoding="utf-8")
        assert tour.stops and tour.quotes
        assert all(q.text in text for q in tour.quotes), expected.name


def test_every_draft_builds_offline(gazetteer: Gazetteer, draft: Draft) -> None:
    """Stops and places are named so the offline gazetteer finds them again."""
    for article in [SEED_ARTICLE, *sorted(ARTICLES.glob("*.txt"))]:
        tour = place_tour(draft(article.read_text(encoding="utf-8")), gazetteer)
        assert tour.located, article.name


def test_extraction_is_deterministic(gazetteer: Gazetteer) -> None:
    text = (ARTICLES / "ap_blinken_amman.txt").read_text(encoding="utf-8")
    assert extract(text, gazetteer=gazetteer) == extract(text, gazetteer=gazetteer)


# --------------------------------------------------------------------------- quote marks


def test_apostrophes_are_not_quote_marks(draft: Draft) -> None:
    text = (
        "Obama's envoy in Paris\n\n"
        "PARIS (AP) — Obama's envoy said Monday that he didn't expect a deal, citing the '90s and ’80s.\n\n"
        "'We don't give up,' the envoy, John Smith, told reporters. "
        "'Paris is where the leaders' talks happen.'"
    )
    tour = draft(text)
    assert [q.text for q in tour.quotes] == ["We don't give up", "Paris is where the leaders' talks happen."]
    assert all(q.speaker == "John Smith" for q in tour.quotes)


def test_curly_single_quotes_and_possessives(draft: Draft) -> None:
    text = (
        "King visits Kenya\n\n"
        "King Charles arrived in Nairobi on Tuesday. "
        "‘It is a joy to be in Kenya’s capital,’ the King said.\n\n"
        "He added that Kenya’s people had ‘shown the world the way’."
    )
    tour = draft(text)
    assert speakers(tour) == {
        "It is a joy to be in Kenya’s capital": "King Charles",
        "shown the world the way": "King Charles",
    }


def test_quote_continued_in_the_next_paragraph_keeps_its_speaker(draft: Draft) -> None:
    text = (
        "Minister in Rome\n\n"
        "ROME (Reuters) - Foreign Minister Anna Berg arrived in Rome on Monday.\n\n"
        '"We came to listen," Berg said. "We also came to help.\n\n'
        '"Nobody can do this alone."\n\n'
        "The talks ended late."
    )
    tour = draft(text)
    assert [(q.text, q.speaker) for q in tour.quotes] == [
        ("We came to listen", "Anna Berg"),
        ("We also came to help.", "Anna Berg"),
        ("Nobody can do this alone.", "Anna Berg"),
    ]


def test_an_unclosed_quote_runs_to_the_end_of_its_paragraph(draft: Draft) -> None:
    text = (
        "Trip\n\nCAIRO (AP) — Secretary of State Jane Roe arrived in Cairo on Sunday.\n\n"
        "“We want peace, Roe said. “And we want it now.\n\nThe visit continues."
    )
    tour = draft(text)
    assert [q.text for q in tour.quotes] == ["We want peace, Roe said.", "And we want it now."]


def test_scare_quotes_are_left_out_but_attributed_fragments_stay(draft: Draft) -> None:
    text = (
        "Envoy in Lima\n\n"
        "LIMA (AP) — Envoy Tom Fisk arrived in Lima on Monday, "
        "where the so-called “peace plan” is debated.\n\n"
        "Officials worry about “Dreamers” and the policy of “strategic ambiguity” in the region.\n\n"
        "Fisk said the talks were “very productive” and called the deal a “win-win”."
    )
    tour = draft(text)
    assert speakers(tour) == {"very productive": "Tom Fisk", "win-win": "Tom Fisk"}


# --------------------------------------------------------------------------- speakers


def test_full_names_titles_and_demonyms(draft: Draft) -> None:
    text = (
        "Talks in Ottawa\n\n"
        "OTTAWA (Reuters) - Mexican Foreign Minister Luis Videgaray met Canada’s Chrystia Freeland "
        "in Ottawa on Monday.\n\n"
        '"It went well," Videgaray said.\n\n'
        '"We agree," said Freeland, the foreign minister.'
    )
    assert speakers(draft(text)) == {"It went well": "Luis Videgaray", "We agree": "Chrystia Freeland"}


def test_pronoun_goes_to_the_latest_person_in_subject_position(draft: Draft) -> None:
    text = (
        "Visit\n\nBERLIN (Reuters) - Prime Minister Ana Soto arrived in Berlin on Monday and met "
        "Chancellor Olaf Scholz.\n\n"
        "Scholz thanked Soto for coming. “Europe must stand together,” he said.\n\n"
        "Soto praised the host. “We are grateful,” she said."
    )
    assert speakers(draft(text)) == {
        "Europe must stand together": "Olaf Scholz",
        "We are grateful": "Ana Soto",
    }


def test_joint_attribution_names_both(draft: Draft) -> None:
    text = (
        "Summit\n\nTOKYO (AP) — President Ana Soto arrived in Tokyo on Monday for talks with "
        "Prime Minister Fumio Kishida.\n\n"
        "Soto and Kishida both touted a “new era” of cooperation."
    )
    assert speakers(draft(text)) == {"new era": "Ana Soto and Fumio Kishida"}


def test_institutions_roles_and_anonymous_sources(draft: Draft) -> None:
    text = (
        "Pope in Iraq\n\nBAGHDAD (AP) — Pope Francis arrived in Baghdad on Friday.\n\n"
        "The Vatican said the visit was “a sign of hope.”\n\n"
        "“We are all brothers,” the pontiff told the crowd.\n\n"
        "“It is a historic day,” a senior official said.\n\n"
        "“The pope is welcome,” the State Department said in a statement, according to reporters."
    )
    assert speakers(draft(text)) == {
        "a sign of hope.": "Vatican",
        "We are all brothers": "Pope Francis",
        "It is a historic day": None,
        "The pope is welcome": "State Department",
    }


def test_inverted_attribution_with_appositive(draft: Draft) -> None:
    text = (
        "Visit\n\nAMMAN, Jordan (AP) — Secretary of State Jane Roe arrived in Amman on Saturday.\n\n"
        "“This is a crisis,” said Ayman Safadi, Jordan’s foreign minister.\n\n"
        "John Kirby, a spokesman for the National Security Council, said the trip was “vital.”"
    )
    assert speakers(draft(text)) == {"This is a crisis": "Ayman Safadi", "vital.": "John Kirby"}


# --------------------------------------------------------------------------- places


def test_people_months_and_common_words_are_not_places(draft: Draft) -> None:
    text = (
        "Obama in Paris\n\nPARIS (AP) — Barack Obama arrived in Paris on Monday in March.\n\n"
        "Nice weather greeted him. Reading the news, Obama said: “May we meet again.”\n\n"
        "Police said the visit was calm."
    )
    tour = draft(text)
    assert [s.name for s in tour.stops] == ["Paris"]
    assert tour.places == ()


def test_metonyms_are_mentioned_places_not_stops(draft: Draft) -> None:
    text = (
        "Envoy in Bogota\n\nBOGOTA (AP) — Foreign Minister Ana Soto arrived in Bogota on Monday, "
        "amid accusations from Caracas and as Washington and Ottawa traded barbs.\n\n"
        "“We are here to help,” Soto said."
    )
    tour = draft(text)
    assert [s.id for s in tour.stops] == ["bogota"]
    assert [p.id for p in tour.places] == ["venezuela", "united-states", "canada"]


def test_a_demonym_capital_and_an_unknown_place(gazetteer: Gazetteer) -> None:
    text = (
        "Royal visit\n\nThe King arrived in the Kenyan capital on Tuesday. On Friday he will fly to "
        "Lamu, then to Vanimo, a tiny port, before returning to London.\n\n“It is a joy,” King Charles said."
    )
    result = extract(text, gazetteer=gazetteer)
    got = [(s.name, s.status, s.country) for s in result.tour.stops]
    assert got == [("Nairobi", "visited", "KE"), ("Lamu", "upcoming", "KE")]  # Lamu: 25,000 people
    assert result.warnings == (
        "'Vanimo' looks like a stop but is not in the offline gazetteer: add it by hand with lat/lon",
    )


def test_demonyms_give_context_but_are_not_places(draft: Draft) -> None:
    text = (
        "Visit\n\nKINGSTON (Reuters) - Canadian Prime Minister Ana Soto arrived in Kingston on Monday "
        "to meet Jamaican officials.\n\n“We are friends,” Soto said."
    )
    tour = draft(text)
    assert [(s.name, s.country) for s in tour.stops] == [("Kingston", "JM")]
    assert tour.places == ()


# --------------------------------------------------------------------------- datelines and order


@pytest.mark.parametrize(
    ("lead", "stop"),
    [
        ("CAIRO (AP) — Secretary of State Jane Roe met Egypt's leader on Sunday.", "Cairo"),
        ("LONDON, May 2 (Reuters) - Prime Minister Ana Soto met British leaders on Monday.", "London"),
        ("Mexico City: Foreign Minister Ana Soto met officials on Friday.", "Mexico City"),
        ("Kinshasa (AFP) - President Ana Soto met officials on Saturday.", "Kinshasa"),
    ],
)
def test_datelines_of_each_outlet_style(draft: Draft, lead: str, stop: str) -> None:
    tour = draft(f"A visit\n\n{lead}\n\n“We came as friends,” Soto said.")
    assert [(s.name, s.status) for s in tour.stops] == [(stop, "visited")]


def test_byline_dateline_and_aboard(draft: Draft) -> None:
    tour = draft("Visit\n\nBy Jo Bloggs | PARIS\n\nPresident Ana Soto met officials on Monday.")
    assert [s.name for s in tour.stops] == ["Paris"]
    tour = draft(
        "Pope\n\nABOARD THE PAPAL PLANE (AP) — Pope Francis flew home on Monday after visiting "
        "Kinshasa and Juba."
    )
    assert [(s.name, s.status) for s in tour.stops] == [("Kinshasa", "visited"), ("Juba", "visited")]


def test_visiting_order_not_text_order(draft: Draft) -> None:
    text = (
        "Tour\n\nAMMAN, Jordan (AP) — Secretary of State Jane Roe arrived in Jordan on Saturday after "
        "stops in Turkey and Israel. Before flying to Israel, she spent a day in Ankara.\n\n"
        "In Tel Aviv, Roe held talks with officials. She will travel on Sunday to Qatar before "
        "heading to Tokyo, and is expected to return to Washington next week."
    )
    tour = draft(text)
    assert [(s.name, s.status) for s in tour.stops] == [
        ("Ankara", "visited"),
        ("Tel Aviv", "visited"),
        ("Amman", "visited"),
        ("Qatar", "upcoming"),
        ("Tokyo", "upcoming"),
    ]


def test_flew_out_for_and_will_then_visit(draft: Draft) -> None:
    text = (
        "Tour\n\nMexico City: Secretary of State Rex Tillerson met officials on Friday.\n\n"
        "Tillerson flew out Friday evening for Argentina, and will then visit Peru, Colombia and Jamaica."
    )
    tour = draft(text)
    assert [s.id for s in tour.stops] == ["mexico-city", "argentina", "peru", "colombia", "jamaica"]
    assert [s.status for s in tour.stops] == ["visited"] + ["upcoming"] * 4


def test_preview_from_the_home_capital_has_no_visited_stop(draft: Draft) -> None:
    text = (
        "Trip announced\n\nWASHINGTON — President Ana Soto will travel to Saudi Arabia next month. "
        "The trip will begin in Israel, where Ms. Soto will meet leaders in Jerusalem.\n\n"
        "“It matters,” Ms. Soto said."
    )
    tour = draft(text)
    assert [(s.name, s.status) for s in tour.stops] == [
        ("Jerusalem", "upcoming"),
        ("Saudi Arabia", "upcoming"),
    ]


def test_a_past_trip_and_someone_elses_travel_are_not_stops(draft: Draft) -> None:
    text = (
        "Visit\n\nBERLIN (Reuters) - Prime Minister Ana Soto arrived in Berlin on Monday. She last "
        "visited Israel in 2016. Chancellor Olaf Scholz flew to Rome on Sunday.\n\n"
        "Soto hopes to travel to India next year."
    )
    assert [s.name for s in draft(text).stops] == ["Berlin"]


# --------------------------------------------------------------------------- limits and warnings


def test_the_topic_of_a_noun_phrase_is_not_a_stop(draft: Draft) -> None:
    text = (
        "Chancellor in Madrid\n\n"
        "MADRID (AP) — German Chancellor Olaf Scholz arrived in Madrid on Monday for talks.\n\n"
        "Scholz also addressed the war in Ukraine and spoke about the crisis in Sudan. "
        "\u201cWe want this war to end,\u201d he said.\n\n"
        "Asked about the fighting in Yemen, he said both sides \u201cmust talk\u201d.\n\n"
        "He met Spanish leaders to discuss the conflict in Gaza."
    )
    tour = draft(text)
    assert [s.id for s in tour.stops] == ["madrid"]
    assert {"ukraine", "sudan", "yemen"} <= {p.id for p in tour.places}
    assert [q.said_at for q in tour.quotes] == ["madrid", "madrid"]


@pytest.mark.parametrize("verb", ["had stopped briefly in", "had visited", "had been in"])
def test_a_pluperfect_stop_comes_before_the_arrival_it_precedes(draft: Draft, verb: str) -> None:
    text = (
        "Premier ends visit\n\n"
        "Canadian Prime Minister Mark Carney has left Mexico after two days in Mexico, where he signed "
        "a trade pact in Monterrey.\n\n"
        f"Before arriving in Mexico, he {verb} Guatemala City for talks with President Bernardo Arevalo.\n\n"
        "Carney flies to Lima next."
    )
    tour = draft(text)
    assert [(s.id, s.status) for s in tour.stops] == [
        ("guatemala-city", "visited"),
        ("monterrey", "visited"),
        ("lima", "upcoming"),
    ]


def test_saying_attributes_to_the_sentence_subject_not_the_role_in_the_quote(draft: Draft) -> None:
    text = (
        "President in Paris\n\n"
        "PARIS (Reuters) - President Cyril Ramaphosa arrived in Paris on Monday.\n\n"
        "The opposition leader, John Steenhuisen, criticised the trip, saying the president "
        "\u201cshould be at home fixing the power cuts\u201d.\n\n"
        "The deputy president criticised it too, saying the president \u201chas no plan\u201d.\n\n"
        "\u201cFrance is a partner,\u201d the president said."
    )
    assert speakers(draft(text)) == {
        "should be at home fixing the power cuts": "John Steenhuisen",
        "has no plan": None,
        "France is a partner": "Cyril Ramaphosa",
    }


def test_empty_text_is_refused(gazetteer: Gazetteer) -> None:
    with pytest.raises(InputError, match="article is empty"):
        extract(" \n\t ", gazetteer=gazetteer)


def test_oversized_text_is_refused_quickly(gazetteer: Gazetteer) -> None:
    text = "word " * 1_000_000  # 5 MB
    started = time.perf_counter()
    with pytest.raises(InputError, match="limit"):
        extract(text, gazetteer=gazetteer)
    assert time.perf_counter() - started < 1.0
    assert MAX_ARTICLE_CHARS == 1_000_000


def test_text_without_places_is_refused(gazetteer: Gazetteer) -> None:
    with pytest.raises(InputError, match="no places found"):
        extract("A quiet day\n\nNothing happened anywhere, and “nobody” said so.", gazetteer=gazetteer)


def test_missing_quotes_warn(gazetteer: Gazetteer) -> None:
    text = "Trip\n\nLIMA (AP) — Foreign Minister Ana Soto arrived in Lima on Monday."
    result = extract(text, gazetteer=gazetteer)
    assert result.warnings == ("no quotes found in the article",)
    with pytest.warns(ExtractWarning, match="no quotes"):
        tour = extract_tour(text, gazetteer=gazetteer)
    assert [s.name for s in tour.stops] == ["Lima"]


def test_a_long_article_is_fast_enough(gazetteer: Gazetteer) -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    big = "\n\n".join([text] * 200)  # ~900 KB, under the limit
    started = time.perf_counter()
    extract(big, gazetteer=gazetteer)
    assert time.perf_counter() - started < 10.0


def test_an_ordinal_after_the_place_orders_it(draft: Draft) -> None:
    # no dateline; the lead names the current stop first and calls it the final one
    text = (
        "Minister ends Gulf trip\n\n"
        "Canadian Foreign Minister Anne Leroy has held talks with Qatari officials in Doha, the final "
        "stop of a five-day tour of the Gulf.\n\n"
        "Ms Leroy arrived in Doha on Thursday after two days in Oman, where she met ministers in "
        "Muscat. Before arriving in Oman, she had stopped briefly in Bahrain.\n\n"
        "'We share an interest in open sea lanes,' Ms Leroy said."
    )
    tour = draft(text)
    assert [s.name for s in tour.stops] == ["Bahrain", "Muscat", "Doha"]
