"""Stops, visiting order, status, datelines, travellers, borders, said_at and warnings (issue 8).

One short article per construction, written for this file (none copied from a published article
or from the development corpus): the rules of ``tourmap.extract`` trip, places, dateline and links
stages read real reporters' constructions, and each test holds one of them in new words.
"""

from __future__ import annotations

from tourmap.geocode import place_tour

from .drafting import Draft, said_at, stops

# --------------------------------------------------------------------------- activities


def test_things_done_in_towns_are_stops_in_the_order_told(draft: Draft) -> None:
    text = (
        "Trade minister heads to Kenya\n\n"
        "Trade Minister Rosa Lindqvist will inaugurate a solar plant in Mombasa on Monday and plant a "
        "tree at the university in Eldoret before addressing farmers in Kumasi later in the week.\n\n"
        '"Green power is the best export we have," Lindqvist said.\n'
    )
    tour = draft(text).tour
    assert stops(tour) == [("Mombasa", "upcoming"), ("Eldoret", "upcoming"), ("Kumasi", "upcoming")]


def test_a_scene_set_at_the_front_of_a_sentence_is_a_visited_stop(draft: Draft) -> None:
    text = (
        "Pope greets pilgrims in the Andes\n\n"
        "In a packed stadium in Cusco on Sunday, Pope Leo celebrated Mass before tens of thousands.\n\n"
        '"The mountains teach us patience," the pope said.\n'
    )
    assert stops(draft(text).tour) == [("Cusco", "visited")]


def test_an_activity_with_an_object_in_quotation_marks_and_while_in(draft: Draft) -> None:
    text = (
        "Envoy ends tour\n\n"
        'Envoy Ana Ruiz ended her tour in Quito. Earlier she praised "the courage of the miners" while in '
        "Arequipa and met students at a college in Guayaquil.\n"
    )
    names = [name for name, _ in stops(draft(text).tour)]
    assert {"Arequipa", "Guayaquil", "Quito"} == set(names)
    assert names[-1] == "Quito"


def test_another_clause_inside_an_activity_is_no_stop(draft: Draft) -> None:
    text = (
        "Minister in Accra\n\n"
        "Foreign Minister Jonas Berg held talks in Accra on Tuesday and announced grants for nurses to "
        "train in Kumasi, saying they would return to rural clinics in Tamale.\n"
    )
    assert stops(draft(text).tour) == [("Accra", "visited")]


# --------------------------------------------------------------------------- the city inside the country


def test_the_city_inside_the_country_named_first_is_the_stop(draft: Draft) -> None:
    text = (
        "King tours Morocco\n\n"
        "King Haakon was in Morocco on Friday, touring the old medina in Fez with his hosts.\n\n"
        '"A city of scholars," the king said.\n'
    )
    assert [s.country for s in draft(text).tour.stops] == ["MA"]
    assert stops(draft(text).tour)[0][1] == "visited"
    assert len(draft(text).tour.stops) == 1


# --------------------------------------------------------------------------- datelines


def test_a_big_city_dateline_over_a_trip_elsewhere_is_the_newsroom(draft: Draft) -> None:
    text = (
        "Japanese premier in Laos\n\n"
        "BANGKOK (Reuters) - Japan's prime minister Hiro Tanaka arrived in Vientiane on Thursday for a "
        "summit of Mekong leaders, and will visit a dam project in Luang Prabang on Friday.\n\n"
        '"The river binds our futures," Tanaka told reporters.\n'
    )
    tour = draft(text).tour
    assert stops(tour) == [("Vientiane", "visited"), ("Luang Prabang", "upcoming")]


def test_a_dateline_the_lead_also_names_stays_a_stop(draft: Draft) -> None:
    text = (
        "Visit\n\n"
        "ACCRA, Ghana (AP) — President Lena Hartmann arrived in Accra on Monday and flew to Tamale "
        "to see a cocoa cooperative.\n\n"
        '"Cocoa is Ghana\'s pride," Hartmann said.\n'
    )
    assert stops(draft(text).tour) == [("Accra", "visited"), ("Tamale", "visited")]


# --------------------------------------------------------------------------- the traveller


def test_the_guest_is_the_traveller_when_the_host_is_quoted_more(draft: Draft) -> None:
    text = (
        "Ghana hosts German chancellor\n\n"
        "ACCRA (Reuters) - Ghanaian President Kofi Mensah hosted German Chancellor Petra Vogel in Accra "
        "on Tuesday for talks on cocoa and migration.\n\n"
        '"Ghana is open for business," Mensah said. "We want partners, not donors," Mensah added. '
        "Mensah said he would travel to Lome next month for a summit.\n\n"
        "Vogel flies to Kumasi on Wednesday to visit a training centre.\n"
    )
    tour = draft(text).tour
    assert tour.traveller == "Petra Vogel"
    assert stops(tour) == [("Accra", "visited"), ("Kumasi", "upcoming")]


def test_the_headline_subject_who_visits_is_the_traveller(draft: Draft) -> None:
    text = (
        "Senator Ellen Park visits Ivan Petrov in Oslo clinic\n\n"
        "Senator Ellen Park paid a visit to the dissident Ivan Petrov in an Oslo clinic on Monday.\n\n"
        "Petrov was flown to Norway last month after he fell ill in Murmansk. Petrov spent a week in "
        "a hospital in Murmansk. Petrov thanked the doctors, and Petrov said he would stay in Norway.\n"
    )
    tour = draft(text).tour
    assert tour.traveller == "Ellen Park"
    assert [name for name, _ in stops(tour)] == ["Oslo"]


# --------------------------------------------------------------------------- other people's places


def test_a_rivals_rally_an_unnamed_officials_words_are_no_stops(draft: Draft) -> None:
    text = (
        "Governor campaigns in Texas\n\n"
        "Governor Dana Whitfield campaigned in Houston on Saturday, hours after her opponent held a "
        "rally in Dallas. An aide told reporters there were no plans for a debate in Austin.\n\n"
        '"Texas wants answers," Whitfield said.\n'
    )
    tour = draft(text).tour
    assert stops(tour) == [("Houston", "visited")]


def test_the_couple_means_the_pair_named_before_it(draft: Draft) -> None:
    text = (
        "First lady in Ohio\n\n"
        "The first lady, Nora Quist, visited a children's hospital in Columbus on Thursday.\n\n"
        "Her son Leo Quist and his wife Mara Quist held a rally in Toledo on Wednesday. The couple "
        "also made stops in Dayton and Akron.\n"
    )
    tour = draft(text).tour
    assert [name for name, _ in stops(tour)] == ["Columbus"]


# --------------------------------------------------------------------------- states, counties, qualifiers


def test_states_are_stops_and_a_state_with_a_town_stop_folds_into_it(draft: Draft) -> None:
    text = (
        "Senator tours the Midwest\n\n"
        "Senator Ray Collins visited Iowa and Nebraska this week before flying to Wisconsin, where he "
        "toured a dairy in Green Bay on Friday.\n"
    )
    tour = draft(text).tour
    assert stops(tour) == [("Iowa", "visited"), ("Nebraska", "visited"), ("Green Bay", "visited")]
    state = tour.stops[0]
    assert state.lat is not None and state.lon is not None and state.place == "Iowa, United States"
    assert place_tour(tour, draft.__closure__[0].cell_contents).located  # type: ignore[index]


def test_a_town_qualified_by_its_state_is_that_states_town(draft: Draft) -> None:
    text = (
        "Candidate on the trail\n\n"
        "Candidate Mia Torres spoke at a diner in Salem, Virginia, on Monday and will hold a town hall "
        "in Des Moines, Iowa, on Tuesday.\n"
    )
    tour = draft(text).tour
    assert stops(tour) == [("Salem", "visited"), ("Des Moines", "upcoming")]
    assert [s.country for s in tour.stops] == ["US", "US"]


def test_counties_are_stops_of_a_domestic_tour(draft: Draft) -> None:
    text = (
        "Party leader on the road\n\n"
        "Opposition leader Tom Hale is visiting farms in Devon and Cornwall on Monday. Stops in Leeds, "
        "Little Snoring, York and Hull are planned for later in the week.\n"
    )
    tour = draft(text).tour
    assert stops(tour) == [
        ("Devon", "visited"),
        ("Cornwall", "visited"),
        ("Leeds", "upcoming"),
        ("York", "upcoming"),
        ("Hull", "upcoming"),
    ]


# --------------------------------------------------------------------------- order and status


def test_a_stop_told_in_the_past_perfect_comes_first(draft: Draft) -> None:
    text = (
        "LIMA, Peru (AP) — Foreign Minister Sara Lind arrived in Lima on Monday.\n\n"
        "Before heading to Peru, Lind had spent two days in Quito, where she toured a hospital.\n"
    )
    assert stops(draft(text).tour) == [("Quito", "visited"), ("Lima", "visited")]


def test_then_after_a_list_follows_its_first_town(draft: Draft) -> None:
    text = (
        "Chef on tour\n\n"
        "Prime Minister Ivo Kral plans to visit the cities of Marrakesh and Tangier next week. Kral will "
        "join the king for lunch on Monday. Kral will then travel to Meknes. In Tangier, Kral will open "
        "a port terminal.\n"
    )
    assert [name for name, _ in stops(draft(text).tour)] == ["Marrakesh", "Meknes", "Tangier"]


def test_a_trip_announced_and_not_begun_has_nothing_visited(draft: Draft) -> None:
    text = (
        "Royals to tour Ghana\n\n"
        "The Duke and Duchess of Ayr will make their first visit to Ghana next month.\n\n"
        "Among the engagements is the opening of a children's library in Kumasi. The royal couple will "
        "attend a durbar in Tamale.\n"
    )
    assert stops(draft(text).tour) == [("Kumasi", "upcoming"), ("Tamale", "upcoming")]


def test_he_after_the_travellers_trip_is_the_traveller(draft: Draft) -> None:
    text = (
        "Premier in Peru\n\n"
        "Premier Otto Brandt met President Luis Arce in Lima on Monday. Arce praised the visit.\n\n"
        "Brandt's plane touched down in Cusco on Tuesday. He is due to travel on to Arequipa on "
        "Wednesday.\n"
    )
    assert stops(draft(text).tour) == [("Lima", "visited"), ("Cusco", "visited"), ("Arequipa", "upcoming")]


# --------------------------------------------------------------------------- borders


def test_a_border_only_between_neighbours(draft: Draft) -> None:
    text = (
        "Ministers at the frontier\n\n"
        "ACCRA (AP) — Interior Minister Ama Boateng visited the border between Ghana and Togo on Monday, "
        "a day after talks with German officials on the border between Germany and Ghana's trade.\n"
    )
    tour = draft(text).tour
    assert [set(b.countries) for b in tour.borders] == [{"GH", "TG"}]


# --------------------------------------------------------------------------- said_at


def test_said_at_the_venue_and_not_in_a_statement(draft: Draft) -> None:
    text = (
        "Minister in Morocco\n\n"
        "RABAT (AP) — Minister Eva Holm held talks in Rabat on Monday. At a tannery in Marrakesh on "
        "Tuesday, Holm chatted with workers.\n\n"
        '"This craft is a treasure," Holm told reporters at the tannery.\n\n'
        '"The ministry welcomes the visit," the Moroccan foreign ministry said in a statement.\n'
    )
    tour = draft(text).tour
    assert said_at(tour, "This craft") == "Marrakesh"
    assert said_at(tour, "The ministry welcomes") is None


# --------------------------------------------------------------------------- warnings


def test_a_draft_without_a_headline_says_so(draft: Draft) -> None:
    text = "President Nia Dlamini arrived in Accra on Monday for talks. She later flew to Kumasi.\n"
    extraction = draft(text)
    notes = " ".join(extraction.warnings)
    assert "no title" in notes
    # a title made of who went where, in order, rather than "Untitled tour"
    assert extraction.tour.title == "Nia Dlamini: Accra, Kumasi"
    assert "'Nia Dlamini: Accra, Kumasi'" in notes


# --------------------------------------------------------------------------- generalising the stop rules
# Constructions of the failure classes seen on held-aside articles, each in new words and names.


def test_an_itinerary_after_the_current_stop_is_upcoming_in_its_order(draft: Draft) -> None:
    text = (
        "Chancellor in West Africa\n\n"
        "Chancellor Petra Vogel held talks in Accra on Monday. She will go on to Lome, Cotonou and Abuja "
        "later in the week.\n"
    )
    assert stops(draft(text).tour) == [
        ("Accra", "visited"),
        ("Lome", "upcoming"),
        ("Cotonou", "upcoming"),
        ("Abuja", "upcoming"),
    ]


def test_before_heading_and_due_in_after_a_stop_told_in_the_present(draft: Draft) -> None:
    text = (
        "Envoy in East Africa\n\n"
        "Envoy Mara Lind is in Nairobi this week before heading to Kampala. She is due in Kigali on "
        "Thursday.\n"
    )
    expected = [("Nairobi", "visited"), ("Kampala", "upcoming"), ("Kigali", "upcoming")]
    assert stops(draft(text).tour) == expected


def test_a_schedule_told_with_the_tour_as_subject_is_upcoming(draft: Draft) -> None:
    text = (
        "King in New Zealand\n\n"
        "King Haakon toured a school in Auckland on Monday. The tour continues in Wellington on Tuesday, "
        "and his itinerary also includes Napier and Nelson.\n"
    )
    assert stops(draft(text).tour) == [
        ("Auckland", "visited"),
        ("Wellington", "upcoming"),
        ("Napier", "upcoming"),
        ("Nelson", "upcoming"),
    ]


def test_being_in_a_country_now_is_visited_when_the_rest_is_ahead(draft: Draft) -> None:
    text = (
        "Premier in South Asia\n\n"
        "Prime Minister Ivo Kral is in Pakistan this week. He will travel to Nepal on Friday.\n"
    )
    assert stops(draft(text).tour) == [("Pakistan", "visited"), ("Nepal", "upcoming")]


def test_the_city_where_the_traveller_will_be_in_the_next_country_is_the_stop(draft: Draft) -> None:
    text = (
        "ISLAMABAD (Reuters) - Prime Minister Ivo Kral held talks with Omar Haddad on Tuesday. After "
        "Pakistan, Kral travels to India, where he will hold talks with Prime Minister Ravi Mehta and "
        "business leaders of the region in New Delhi.\n"
    )
    assert stops(draft(text).tour) == [("Islamabad", "visited"), ("New Delhi", "upcoming")]


def test_a_meeting_with_a_name_in_commas_keeps_its_place(draft: Draft) -> None:
    text = (
        "ISLAMABAD (Reuters) - Prime Minister Ivo Kral held talks with Omar Haddad on Tuesday. Kral "
        "travels to India next and will meet its prime minister, Ravi Mehta, in New Delhi.\n"
    )
    assert stops(draft(text).tour) == [("Islamabad", "visited"), ("New Delhi", "upcoming")]


def test_german_towns_spelled_with_ue_oe_ae_and_two_towns_near_each_other(draft: Draft) -> None:
    text = (
        "Chief executive in Germany\n\n"
        "Chief executive Lars Berg visited Germany this week. He toured the company's plant in Boeblingen "
        "on Monday and visited a research lab in Tuebingen on Tuesday, before heading to Koenigstein for "
        "talks with investors.\n"
    )
    names = [name for name, _ in stops(draft(text).tour)]
    assert names == ["Boeblingen", "Tuebingen", "Königstein im Taunus"]  # the gazetteer's spelling
    assert not [w for w in draft(text).warnings if "Koenigstein" in w]


def test_new_york_city_is_a_place_and_a_borough_is_its_city(draft: Draft) -> None:
    text = (
        "President on the road\n\n"
        "President Donald Trump will travel to New York City on Monday for a fundraiser in Manhattan, "
        "then head to Chicago for the weekend.\n"
    )
    assert stops(draft(text).tour) == [("New York City", "upcoming"), ("Chicago", "upcoming")]
    text = "Senator in New York\n\nSenator Ray Collins spoke at a rally in Brooklyn, New York, on Saturday.\n"
    tour = draft(text).tour
    assert stops(tour) == [("Brooklyn", "visited")]
    assert tour.stops[0].place == "New York City, United States"


def test_arrived_in_a_city_and_will_meet_there_is_visited(draft: Draft) -> None:
    text = (
        "Premier in Taiwan\n\n"
        "Premier Otto Brandt arrived in Taipei on Thursday for a three-day visit and will meet President "
        "Lin Wei on Friday before flying to Kaohsiung.\n"
    )
    assert stops(draft(text).tour) == [("Taipei", "visited"), ("Kaohsiung", "upcoming")]
