"""How real reporters write about trips, one construction per test (issue 8).

Each article here was written for this file, in the style of wire and newspaper copy, to hold one
construction that drafts got wrong on published articles: activities as stops, the city inside
the country, a newsroom dateline, a host quoted more than the visitor, other people's places,
stories told backwards, statements by institutions, family-name-first names, headline quotes,
borders, and the scene a sentence sets. None is copied from a published article.
"""

from __future__ import annotations

from .drafting import Draft, said_at, speaker_of, stops

# --------------------------------------------------------------------------- activities as stops

ACTIVITIES = """Health secretary sets out on East Africa tour

Health Secretary Amina Farah left London on Sunday for a week in East Africa.

She will open a maternity clinic in Nakuru on Tuesday and tour a hydroelectric dam in Uganda \
before addressing parliament in Kigali at the end of the week.

"We are here to listen as much as to fund," Farah said before boarding her flight.
"""


def test_activities_in_places_are_stops_without_a_travel_verb(draft: Draft) -> None:
    tour = draft(ACTIVITIES).tour
    assert stops(tour) == [("Nakuru", "upcoming"), ("Uganda", "upcoming"), ("Kigali", "upcoming")]
    assert tour.traveller == "Amina Farah"


MARKET = """Australian leader takes in old town on Vietnam visit

HANOI, Vietnam (AP) — At a lantern market in Hoi An on Tuesday, Prime Minister Daniel Hughes \
bought silk for his daughters and chatted with stallholders.

Hughes, who held talks in Hanoi on Monday, flies home on Wednesday.

"The warmth here has been remarkable," Hughes told reporters at the market.
"""


def test_an_activity_at_a_place_on_a_day_is_a_visited_stop(draft: Draft) -> None:
    tour = draft(MARKET).tour
    assert stops(tour) == [("Hanoi", "visited"), ("Hoi An", "visited")]
    assert said_at(tour, "The warmth") == "Hoi An"


# --------------------------------------------------------------------------- the city inside the country

RECIFE = """President lays wreath on Brazil visit

President Elena Vargas was in Brazil on Monday, laying a wreath at the war memorial in Recife \
before a state dinner in the evening.

"Our peoples have shared a history of sacrifice," Vargas said at the ceremony.
"""


def test_the_city_named_inside_the_country_is_the_stop(draft: Draft) -> None:
    tour = draft(RECIFE).tour
    assert stops(tour) == [("Recife", "visited")]


INDONESIA = """Japanese premier begins first Indonesia visit

Prime Minister Kenji Sato began his first visit to Indonesia on Thursday.

Sato held talks in Jakarta with the president on trade and maritime security. On Friday he moves \
on to Surabaya, where he will tour a shipyard built with Japanese loans.

"Indonesia is a partner we cannot do without," Sato told a news conference in Jakarta.
"""


def test_a_visit_to_a_country_told_through_its_cities(draft: Draft) -> None:
    tour = draft(INDONESIA).tour
    assert stops(tour) == [("Jakarta", "visited"), ("Surabaya", "upcoming")]


# --------------------------------------------------------------------------- the dateline that is not a stop

NEWSROOM = """Pope visits flood victims in South Sudan

NAIROBI, Kenya (AP) — Pope Francis arrived in Juba on Friday for a three-day visit, the first \
by a pontiff since South Sudan's independence.

Thousands lined the road from the airport. On Saturday he is due to meet people displaced by the \
floods in Malakal.

"I come as a pilgrim of peace," the pope said on arrival.
"""


def test_a_capital_dateline_over_a_trip_elsewhere_is_the_newsroom(draft: Draft) -> None:
    tour = draft(NEWSROOM).tour
    assert stops(tour) == [("Juba", "visited"), ("Malakal", "upcoming")]
    assert "Nairobi" not in {s.name for s in tour.stops}


# --------------------------------------------------------------------------- the wrong traveller

HOST = """Indian PM welcomes Australian counterpart

NEW DELHI (Reuters) - Indian Prime Minister Arjun Mehta welcomed Australian Prime Minister Claire \
Dawson to New Delhi on Wednesday, promising deeper ties in defence and education.

"India and Australia are natural partners," Mehta told his visiting guest at the start of talks. \
"Our navies already sail together."

Mehta said India would host a quantum-computing summit in Bengaluru next year and that he would \
travel to Tokyo in June.

"Australia wants to be India's partner of first resort," Dawson said.

Dawson travels to Mumbai on Thursday to meet business leaders.
"""


def test_the_visitor_is_the_traveller_even_when_the_host_speaks_more(draft: Draft) -> None:
    tour = draft(HOST).tour
    assert tour.traveller == "Claire Dawson"
    assert stops(tour) == [("New Delhi", "visited"), ("Mumbai", "upcoming")]


def test_host_and_visitor_each_keep_their_words(draft: Draft) -> None:
    tour = draft(HOST).tour
    assert speaker_of(tour, "India and Australia") == "Arjun Mehta"
    assert speaker_of(tour, "Our navies") == "Arjun Mehta"
    assert speaker_of(tour, "Australia wants") == "Claire Dawson"


# --------------------------------------------------------------------------- other people's places

OTHERS = """Candidate rallies in Ohio as rival courts Florida

CINCINNATI (AP) — Senator Mark Ellison rallied supporters in Cincinnati on Saturday, a day after \
his rival held a rally in Miami.

Back in Washington, the cabinet met on Friday without him. Last year's party convention was held \
in Chicago.

"Ohio decides elections," Ellison told the crowd. He travels to Columbus on Sunday.
"""


def test_other_peoples_places_are_mentioned_not_visited(draft: Draft) -> None:
    tour = draft(OTHERS).tour
    assert stops(tour) == [("Cincinnati", "visited"), ("Columbus", "upcoming")]
    mentioned = {p.name for p in tour.places}
    assert {"Miami", "Chicago"} <= mentioned


# --------------------------------------------------------------------------- told backwards

BACKWARDS = """Royal couple arrive in Nepal

KATHMANDU (Reuters) - The Prince and Princess of Wales arrived in Kathmandu on Monday.

Before flying on to Nepal, the couple had spent three days in Bhutan, where they visited \
monasteries around Thimphu.

"It has been a week we will never forget," the prince said.
"""


def test_a_recap_told_backwards_is_put_in_visiting_order(draft: Draft) -> None:
    tour = draft(BACKWARDS).tour
    names = [name for name, _ in stops(tour)]
    assert names.index("Thimphu") < names.index("Kathmandu")
    assert all(status == "visited" for _, status in stops(tour))


LIVE = """Live updates: the president's western swing

UPDATE 4:10 p.m.: President Grant has landed in Denver, where he will tour a wildfire command \
post before an evening fundraiser.

UPDATE 1:30 p.m.: Grant left Phoenix after meeting firefighters at the state emergency centre. \
"These men and women are heroes," he said.

9:00 a.m.: President Grant arrived in Phoenix this morning aboard Air Force One.
"""


def test_a_live_blog_with_the_newest_entry_first_is_put_in_visiting_order(draft: Draft) -> None:
    tour = draft(LIVE).tour
    assert stops(tour) == [("Phoenix", "visited"), ("Denver", "visited")]


# --------------------------------------------------------------------------- speakers

STATEMENT = """King to visit Canada in spring

King Charles will visit Ottawa and Halifax in May, his first trip to Canada as monarch.

"The King is very much looking forward to returning to a country he holds dear," Clarence House \
said in a statement.

"He will meet veterans and young people across the country," the statement added.
"""


def test_a_statement_by_an_institution_and_its_continuation(draft: Draft) -> None:
    tour = draft(STATEMENT).tour
    assert speaker_of(tour, "The King is very much") == "Clarence House"
    assert speaker_of(tour, "He will meet veterans") == "Clarence House"


TWO = """Ministers tour Pacific together

SUVA, Fiji (AP) — New Zealand's foreign minister, Hana Ropata, and her Australian counterpart, \
Tom Whitlock, arrived in Suva on Monday on a joint tour of the Pacific.

"We come as neighbours, not as donors," Ropata said.

"The Pacific family is stronger together," Whitlock said. "That is why we travel as one."

Ropata added: "Climate is the security issue of our time."
"""


def test_two_travellers_quoted_in_turn_keep_their_own_words(draft: Draft) -> None:
    tour = draft(TWO).tour
    assert speaker_of(tour, "We come as neighbours") == "Hana Ropata"
    assert speaker_of(tour, "The Pacific family") == "Tom Whitlock"
    assert speaker_of(tour, "That is why") == "Tom Whitlock"
    assert speaker_of(tour, "Climate is") == "Hana Ropata"


FAMILY_NAME_FIRST = """Chinese premier heads to Europe

BEIJING (Reuters) - Premier Li Qiang will travel to Berlin and Paris next week, foreign ministry \
spokeswoman Mao Ning said on Tuesday.

"The visit will inject new impetus into China-Europe relations," Mao said at a regular briefing.

Li will also meet South Korean former president Moon Jae-in in Paris. "We hope for frank talks," \
Moon said in Seoul.
"""


def test_an_announced_royal_visit_to_two_cities(draft: Draft) -> None:
    tour = draft(STATEMENT).tour
    assert stops(tour) == [("Ottawa", "upcoming"), ("Halifax", "upcoming")]
    assert tour.traveller == "King Charles"


def test_a_trip_announced_by_a_spokeswoman_is_the_premiers(draft: Draft) -> None:
    tour = draft(FAMILY_NAME_FIRST).tour
    assert tour.traveller == "Li Qiang"
    assert stops(tour) == [("Berlin", "upcoming"), ("Paris", "upcoming")]


def test_family_name_first_names_keep_their_family_name(draft: Draft) -> None:
    tour = draft(FAMILY_NAME_FIRST).tour
    assert speaker_of(tour, "The visit will inject") == "Mao Ning"
    assert speaker_of(tour, "We hope for frank") == "Moon Jae-in"


HEADLINE = """'We will rebuild together,' Ardent tells flood-hit Pakistan

ISLAMABAD (AP) — Canadian Prime Minister Joanne Ardent arrived in Islamabad on Monday and flew \
by helicopter to Sukkur to see the damage left by the floods.

"We will rebuild together," Ardent told families at a relief camp in Sukkur.
"""


def test_a_dateline_city_and_a_flight_on_from_it(draft: Draft) -> None:
    tour = draft(HEADLINE).tour
    assert stops(tour) == [("Islamabad", "visited"), ("Sukkur", "visited")]


def test_a_quote_in_the_headline_has_its_speaker(draft: Draft) -> None:
    tour = draft(HEADLINE).tour
    quotes = [q for q in tour.quotes if q.text.startswith("We will rebuild together")]
    assert len(quotes) == 2
    assert {q.speaker for q in quotes} == {"Joanne Ardent"}


# --------------------------------------------------------------------------- borders

NO_BORDER = """German president ends Ethiopia visit

ADDIS ABABA, Ethiopia (AP) — German President Frank Weber ended a two-day visit to Ethiopia on \
Friday, pledging support for the peace process in the north.

"Germany stands by Ethiopia," Weber said.
"""


def test_no_border_between_countries_that_share_none(draft: Draft) -> None:
    tour = draft(NO_BORDER).tour
    assert tour.borders == ()


BORDER = """Secretary visits border crossing

EL PASO, Texas (AP) — Homeland Security Secretary Laura Finch toured the border crossing at El \
Paso on Thursday as talks with Mexico on migration stalled.

"The border between the United States and Mexico is not a wall, it is a bridge we must manage," \
Finch said at the crossing.
"""


def test_a_border_the_story_is_about_between_neighbours(draft: Draft) -> None:
    tour = draft(BORDER).tour
    assert [set(b.countries) for b in tour.borders] == [{"US", "MX"}]


# --------------------------------------------------------------------------- said_at: the scene wins

SCENE = """Blinken presses Ethiopia on ceasefire

ADDIS ABABA, Ethiopia (AP) — Secretary of State Antony Blinken arrived in Addis Ababa on \
Wednesday after two days in Kenya.

In Nairobi, he said on Tuesday: "Kenya has been a steadfast partner in the region."

In Addis Ababa, Blinken told reporters: "The fighting must stop."
"""


def test_the_scene_the_sentence_sets_is_where_it_was_said(draft: Draft) -> None:
    tour = draft(SCENE).tour
    assert stops(tour) == [("Nairobi", "visited"), ("Addis Ababa", "visited")]
    assert said_at(tour, "Kenya has been") == "Nairobi"
    assert said_at(tour, "The fighting must stop") == "Addis Ababa"


# --------------------------------------------------------------------------- warnings

GUESSED = """talks on trade continue

Officials from both sides met again on Tuesday in Geneva, where the talks have been held since \
March. No agreement was reached.
"""


def test_a_draft_with_no_traveller_and_a_guessed_stop_says_so(draft: Draft) -> None:
    result = draft(GUESSED)
    assert [s.name for s in result.tour.stops] == ["Geneva"]
    notes = " ".join(result.warnings)
    assert "no traveller" in notes
    assert "only stop" in notes


# --------------------------------------------------------------------------- speakers: more constructions
# (issue 8, speech) One short article per construction; each checks who said what.

GROUP_STATEMENT = """Amnesty International warns ahead of papal visit

HAVANA (AP) — Pope Leo arrives in Havana on Friday.

Amnesty International said in a statement that dissidents had been "warned to stay at home."

"Several activists have had their telephones cut," the group said. "Others were followed."

A leaked police memo, seen by the Associated Press, said officers should "keep crowds small." \
"No banners near the cathedral," it added.
"""


def test_the_group_and_a_document_speak_for_what_was_named_before(draft: Draft) -> None:
    tour = draft(GROUP_STATEMENT).tour
    assert speaker_of(tour, "warned to stay at home") == "Amnesty International"
    assert speaker_of(tour, "Several activists") == "Amnesty International"
    assert speaker_of(tour, "Others were followed") == "Amnesty International"
    assert speaker_of(tour, "No banners") == speaker_of(tour, "keep crowds small") == "police memo"


PALACE = """Royal tour of Canada confirmed

King Edward will visit Ottawa and Toronto in June, Buckingham Palace announced on Monday.

"His Majesty looks forward to meeting Canadians from every province," the palace said.

"All engagements will be announced in due course," the Navy said of the fleet review in Halifax.
"""


def test_the_palace_is_the_palace_named_before_and_the_navy_speaks_as_itself(draft: Draft) -> None:
    tour = draft(PALACE).tour
    assert speaker_of(tour, "His Majesty looks forward") == "Buckingham Palace"
    assert speaker_of(tour, "All engagements") == "Navy"


SINGLE_MARKS = """Governor tours flood zone

BATON ROUGE (AP) — Governor Ray Boudreaux toured Baton Rouge on Tuesday, calling looters \
'cowards' and officials who fled their posts 'quitters.'

'We've got to rebuild what the river took,' Boudreaux said.
"""


def test_two_single_quoted_fragments_with_a_plural_possessive_stay_apart(draft: Draft) -> None:
    tour = draft(SINGLE_MARKS).tour
    assert speaker_of(tour, "cowards") == "Ray Boudreaux"
    assert speaker_of(tour, "quitters") == "Ray Boudreaux"
    assert [q.text for q in tour.quotes][:2] == ["cowards", "quitters."]


QUOTED_AS = """Emir's remarks stir anger before Paris visit

DOHA (Reuters) - Remarks attributed to the emir have angered opposition groups ahead of his visit \
to Paris. The monarch, who was quoted as calling parliament a "talking shop," has not commented.

"We will be in Paris to listen," Foreign Minister Salem Al-Kuwari was quoted as saying.
"""


def test_quoted_as_saying_gives_the_subject_of_the_passive(draft: Draft) -> None:
    tour = draft(QUOTED_AS).tour
    assert speaker_of(tour, "We will be in Paris") == "Salem Al-Kuwari"


REPEATED = """'We are not afraid,' says premier in Kyiv

Premier Tomas Lind arrived in Kyiv on Thursday.

"We are not afraid, and we will not be silent," Lind told reporters outside the station.

Lind said Sweden would send more generators before the winter.

@highlight

"We are not afraid," Swedish premier says
"""


def test_a_quotation_repeated_in_a_headline_and_a_summary_line_has_one_speaker(draft: Draft) -> None:
    tour = draft(REPEATED).tour
    spoken = [q.speaker for q in tour.quotes if q.text.startswith("We are not afraid")]
    assert spoken == ["Tomas Lind"] * 3


SHARED_SENTENCE = """President honours veterans in Normandy

CAEN, France (AP) — President Ellen Ward laid a wreath at Omaha Beach on Thursday.

The landings were "a debt we can never repay" and "a lesson for every generation," Ward said.
"""


def test_two_partial_quotations_of_one_sentence_share_its_attribution(draft: Draft) -> None:
    tour = draft(SHARED_SENTENCE).tour
    assert speaker_of(tour, "a debt we can never repay") == "Ellen Ward"
    assert speaker_of(tour, "a lesson for every generation") == "Ellen Ward"


REPORTED_THEN_QUOTE = """Envoy sets conditions in Doha

DOHA (Reuters) - Special Envoy Karl Brandt told reporters that aid would depend on the talks, \
and that the money would not flow at once. "There will be no blank cheque."

Brandt said the next round would be held in Oslo.

"We are patient people."
"""


def test_a_bare_quotation_after_reported_speech_is_the_reporters_source(draft: Draft) -> None:
    tour = draft(REPORTED_THEN_QUOTE).tour
    assert speaker_of(tour, "There will be no blank") == "Karl Brandt"
    assert speaker_of(tour, "We are patient") == "Karl Brandt"


APPOSITIONS = """First lady opens school in Nairobi

NAIROBI (AP) — First lady Grace Mbeki opened a girls' school in Nairobi on Monday.

"Every girl here will finish school," said the first lady's chief of staff, Ruth Achieng.

"She has wanted this for years," Paul Otieno, Mbeki's press secretary, told reporters.

"I came as a mother," the first lady said.

Then she posted a photo in a tweet saying she was "proud of every teacher."

"This is a good day for Kenya," said Deputy National Security Adviser Tom Waweru.
"""


def test_appositions_and_inverted_attributions_name_the_speaker(draft: Draft) -> None:
    tour = draft(APPOSITIONS).tour
    assert speaker_of(tour, "Every girl") == "Ruth Achieng"
    assert speaker_of(tour, "She has wanted") == "Paul Otieno"
    assert speaker_of(tour, "I came as a mother") == "Grace Mbeki"
    assert speaker_of(tour, "proud of every teacher") == "Grace Mbeki"
    assert speaker_of(tour, "This is a good day") == "Tom Waweru"


SPOKESMAN = """Pope to visit Manila in January

VATICAN CITY (AP) — Pope Leo will visit Manila in January, Vatican spokesman Marco Ferri said on \
Tuesday.

Ferri said the trip would be short.

@highlight

"The Holy Father wants to see the typhoon victims," Vatican spokesman says
"""


def test_a_spokesman_named_before_is_the_spokesman_of_a_summary_line(draft: Draft) -> None:
    tour = draft(SPOKESMAN).tour
    assert speaker_of(tour, "The Holy Father wants") == "Marco Ferri"


PRONOUNS = """Minister visits troops in Kuwait

KUWAIT CITY (AP) — Defence Minister Alan Price visited Kuwait City on Friday to meet British \
troops, army spokesman Lt. Col. John Hale said.

They met in a hangar with about 300 soldiers.

"You make this country proud," he told them.

The visit drew a sharp response from Ali Reza, a spokesman for the Iranian foreign ministry.

"This is a provocation," he said.
"""


def test_a_pronoun_skips_an_earlier_source_and_takes_the_one_person_just_named(draft: Draft) -> None:
    tour = draft(PRONOUNS).tour
    assert speaker_of(tour, "You make this country") == "Alan Price"
    assert speaker_of(tour, "This is a provocation") == "Ali Reza"


GROUPS = """Envoy meets militants in Doha

DOHA (Reuters) - Envoy Sara Lindqvist arrived in Doha on Saturday and met representatives of the \
Taliban in Doha on Sunday.

The Taliban said the talks had been "useful and frank." Lindqvist said she hoped to return.

"There is a long way to go," she said.
"""


def test_a_group_written_with_the_is_an_institution_not_a_person(draft: Draft) -> None:
    tour = draft(GROUPS).tour
    assert speaker_of(tour, "useful and frank") == "Taliban"
    assert speaker_of(tour, "There is a long way") == "Sara Lindqvist"


ROLES = """Prime minister and home secretary visit Leeds

LONDON (Reuters) - Prime Minister Helen Marsh is to join Home Secretary Omar Baig in a visit to \
Manchester on Friday.

The home secretary has been criticised over the new visa rules. He has apologised for "a \
clumsy rollout" and says he will answer questions.

Ms Marsh said she had full confidence in him.
"""


def test_a_role_with_its_modifier_is_the_holder_of_that_title(draft: Draft) -> None:
    tour = draft(ROLES).tour
    assert speaker_of(tour, "a clumsy rollout") == "Omar Baig"


FORMER = """Candidate heads to Ohio

WASHINGTON (AP) — Democratic nominee Joe Hartley will travel to Chicago on Thursday.

"I want to hear from workers who feel forgotten," the former vice president said on Wednesday.
"""


def test_the_former_office_nobody_else_holds_is_the_story_subjects(draft: Draft) -> None:
    tour = draft(FORMER).tour
    assert speaker_of(tour, "I want to hear") == "Joe Hartley"


RANK = """General visits Bangkok

BANGKOK (AP) — Gen. Hope Okafor arrived in Bangkok on Monday for talks on military training.

"We share the same concerns," Okafor said.

"These are friends," Rep. Dan Moreno of Texas, who travelled with her, told reporters.
"""


def test_a_given_name_that_is_also_a_word_and_a_title_with_its_state(draft: Draft) -> None:
    tour = draft(RANK).tour
    assert speaker_of(tour, "We share the same") == "Hope Okafor"
    assert speaker_of(tour, "These are friends") == "Dan Moreno"


MULTI_PARAGRAPH = """Peruvian premier visits Chile

Premier Ana Ruiz arrived in Santiago on Monday for talks on lithium.

"We came to listen and to learn from our neighbours. Trade matters, but so does trust.

"That is why I am here," Ruiz told reporters at the airport.
"""


def test_a_quotation_over_paragraphs_attributed_in_the_last_one(draft: Draft) -> None:
    tour = draft(MULTI_PARAGRAPH).tour
    assert speaker_of(tour, "We came to listen") == "Ana Ruiz"
    assert speaker_of(tour, "That is why I am here") == "Ana Ruiz"


LABELS = """'Rail Joe' rides again to Philadelphia

WASHINGTON (AP) — Senator Joe Kerrigan, long known to commuters as 'Rail Joe,' will ride the \
train to Philadelphia on Friday. Supporters waved signs bearing "Back on Track Again" at the station.

'I never stopped riding,' Kerrigan said.
"""


def test_nicknames_and_slogans_are_not_quotations(draft: Draft) -> None:
    tour = draft(LABELS).tour
    texts = [q.text for q in tour.quotes]
    assert "Rail Joe" not in texts
    assert "Back on Track Again" not in texts
    assert speaker_of(tour, "I never stopped") == "Joe Kerrigan"


METONYM = """Minister ends Beijing visit

BEIJING (Reuters) - Foreign Minister Anne Holm arrived in Beijing on Wednesday for talks on trade.

But Moscow, which sees the talks as a provocation, reacted angrily, accusing Denmark of \
"reckless meddling" in the region.
"""


def test_a_capital_opening_its_sentence_speaks_for_its_government(draft: Draft) -> None:
    tour = draft(METONYM).tour
    assert speaker_of(tour, "reckless meddling") == "Moscow"


WENT_ON = """Opposition leader attacks minister in parliament

LONDON (Reuters) - Prime Minister Helen Marsh arrived in Manchester on Monday for a two-day visit.

In parliament, Tory leader Simon Ashby attacked her record. The Tory leader went on: "She has \
promised much and delivered little."

Marsh said the talks in Manchester had been "useful and frank." Ashby said she was wrong.
"""


def test_went_on_and_a_quotation_that_ends_its_sentence(draft: Draft) -> None:
    tour = draft(WENT_ON).tour
    assert speaker_of(tour, "She has promised") == "Simon Ashby"
    assert speaker_of(tour, "useful and frank") == "Helen Marsh"


NOT_A_GROUP = """Running mates tour Wisconsin

MILWAUKEE (AP) — Senator Dana Hart and Governor Luis Ortega arrived in Milwaukee on Friday, the \
first joint stop of the Hart and Ortega campaigns.

"We will be back in the fall." Hart said on Friday.

The Hart campaign said the pair would visit Madison next week.
"""


def test_a_name_written_the_x_and_y_is_no_group_and_a_full_stop_before_said(draft: Draft) -> None:
    tour = draft(NOT_A_GROUP).tour
    assert speaker_of(tour, "We will be back") == "Dana Hart"


UNNAMED = """French president lands in Nairobi

NAIROBI, Kenya (Reuters) - French President Luc Arnaud arrived in Nairobi on Tuesday for a \
two-day visit focused on climate finance.

"Africa must not pay for a crisis it did not cause," Arnaud told reporters at the airport.

A spokeswoman for the French presidency said a debt-swap deal would be signed on Wednesday. "It is \
a first," she said.

"The visitor came, saw and signed," the state-run Daily Nation newspaper wrote on Wednesday.
"""


def test_a_pronoun_after_an_unnamed_spokeswoman_and_a_newspaper_as_written(draft: Draft) -> None:
    tour = draft(UNNAMED).tour
    assert speaker_of(tour, "Africa must not pay") == "Luc Arnaud"
    assert speaker_of(tour, "It is a first") == "French presidency"
    assert speaker_of(tour, "The visitor came") == "Daily Nation newspaper"


ROLE_AFTER_A_SENTENCE = """Indian premier flies on to Cairo

CAIRO (Reuters) - Indian Prime Minister Vijay Rao arrived in Cairo on Friday after three days in \
Washington.

Egyptian President Karim Fahmy welcomed Rao at the airport. The Egyptian leader said the two \
countries shared "a civilisational bond."
"""


def test_a_role_phrase_right_after_a_full_stop_is_found(draft: Draft) -> None:
    tour = draft(ROLE_AFTER_A_SENTENCE).tour
    assert speaker_of(tour, "a civilisational bond") == "Karim Fahmy"


CAPTION = """Vice president lands in Guatemala City

Vice President Dana Ruiz landed in Guatemala City on Sunday on her first foreign trip in office.

'We are here to help,' Ruiz told reporters on the tarmac.

Vice President Dana Ruiz (pictured) told Guatemalans 'stay home' in a stark message on Monday
"""


def test_a_photo_caption_with_an_aside_between_speaker_and_verb(draft: Draft) -> None:
    tour = draft(CAPTION).tour
    assert speaker_of(tour, "stay home") == "Dana Ruiz"


COLON_HEADLINE = """Rao: 'India is ready to lead the Global South'

NEW DELHI (Reuters) - Indian Prime Minister Vijay Rao left New Delhi on Sunday for Johannesburg, \
where he will attend a summit of developing nations.

"We will speak for those who have no seat at the table," Rao said before departing.
"""


def test_a_headline_name_and_colon_before_a_quotation(draft: Draft) -> None:
    tour = draft(COLON_HEADLINE).tour
    assert speaker_of(tour, "India is ready") == "Vijay Rao"


SPOKESMAN_THEN_HE = """Chinese leader arrives in Moscow

MOSCOW (Reuters) - Chinese President Wen Hao arrived in Moscow on Monday for a three-day visit.

Kremlin spokesman Pavel Orlov told reporters the talks would cover energy.

"We will sign many documents," he said.
"""


def test_a_pronoun_right_after_a_spokesman_reporting_is_the_spokesman(draft: Draft) -> None:
    tour = draft(SPOKESMAN_THEN_HE).tour
    assert speaker_of(tour, "We will sign") == "Pavel Orlov"
