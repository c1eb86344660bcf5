"""Word lists of every stage of ``tourmap.extract``: the only "knowledge" the rules use besides
the gazetteer (this module is not a stage).

Kept apart so the rules stay readable; every set is lower-case and frozen (no mutable state).
Regular expressions built from words stay with the stage that reads them.
"""

from __future__ import annotations

from collections.abc import Iterable


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a frozen set."""
    return frozenset(text.split())


def _phrases(items: Iterable[str]) -> frozenset[str]:
    return frozenset(item.strip().lower() for item in items if item.strip())


# --------------------------------------------------------------------------- calendar & function words

MONTHS = words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_SET = frozenset(WEEKDAYS)

# Capitalised at a sentence start they are never names or places ("May", "Nice" and "Reading"
# are cities in GeoNames; "Of" and "Police" too).
STOPWORDS = words(
    """
    a an the and or but nor so yet for of in on at to from by with without into onto upon over under
    as after before when while since until during despite although though if unless because whether
    than then there here now today tonight yesterday tomorrow earlier later meanwhile however also still
    even just only again once never always often already soon instead indeed perhaps maybe thus
    it its it's he she they we i you his her their our my your him them us me who whom whose what where
    why how which that this these those such some many most much more few several each every all both
    either neither no not none any one two three four five six seven eight nine ten first second third
    last next new old another other others same own about above below between among across through
    against around near nearly toward towards within beyond like unlike per via amid amongst
    is are was were be been being am has have had having do does did done will would shall should can
    could may might must ought let lets let's yes asked speaking standing according
    mr mrs ms dr sir st
    critics officials analysts experts observers residents supporters protesters police security
    organizers organisers witnesses authorities diplomats sources aides campaigners activists
    nice reading mobile bay central march union independence progress hope temple split sale bath
    most orange victory liberty unity justice mandate north south east west northern southern eastern
    western upper lower greater old new grand great little royal holy saint god lord allah
    """
)

# Words a period follows without ending a sentence ("Mr.", "Gen.", "Jan.", "Mt.").
ABBREVIATIONS = words(
    """mr mrs ms dr st sen rep gov gen lt col capt sgt maj adm rev prof jr sr no vs etc inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft approx dept est fig univ
    cmdr cdr brig cpl pvt supt insp det pres"""
)

# Words no place name starts with ("But Tillerson", "In October").
FUNCTION_WORDS = words(
    """a an and but or nor for of in on at to from by with as after before when while since until if
    because although though he she it its we they i you his her their our my this that these those there
    here who what where why how which meanwhile however also then now"""
)

# Words between a speaker and the speech verb ("Sunak today told"), besides ``SPEECH_ADVERBS``.
TIME_WORDS = words(
    """today yesterday tonight on monday tuesday wednesday thursday friday saturday sunday morning
    evening afternoon night this last"""
)

# --------------------------------------------------------------------------- people

# Lower-case words allowed inside a capitalised name ("Rio de Janeiro", "Secretary of State",
# "Mohammed bin Salman", "Trinidad and Tobago"); never at its edges.
CONNECTORS = words(
    "of es the and de da del della di du van von der den la le al el bin ibn bint abu y do dos das ter ten zu"
)

# Words that, capitalised before a name, are a title or rank: stripped from the person's name.
TITLE_WORDS = words(
    """
    president presidents vice prime minister ministers secretary chancellor king queen prince princess
    crown pope emperor empress sheikh shaikh emir sultan mr mr. mrs mrs. ms ms. miss dr dr. sen sen.
    senator rep rep. representative gov gov. governor mayor general gen gen. admiral adm adm. colonel
    col col. lt lt. lieutenant captain capt capt. sergeant sgt sgt. major maj maj. ambassador envoy
    spokesman spokeswoman spokesperson premier chairman chairwoman chair chief leader deputy
    foreign defence defense interior home finance trade health justice economy economic commerce treasury
    energy education culture commissioner director judge archbishop bishop cardinal father rev rev.
    reverend rabbi imam ayatollah grand patriarch lord lady sir dame speaker attorney commander marshal
    professor prof prof. first acting former late opposition senior supreme chief-of-staff
    president-elect pm fm counterpart
    mullah mufti cmdr cmdr. cdr cdr. brig brig. cpl cpl. pvt pvt. supt supt. insp insp. adviser advisor
    counsellor counselor coordinator negotiator strategist politician teacher lawyer activist journalist
    doctor nurse farmer pastor businessman businesswoman economist historian campaigner
    """
)
# Multi-word titles read as one unit (joined by single spaces, lower-case).
TITLE_PHRASES = _phrases(
    [
        "secretary of state",
        "secretary of defense",
        "secretary of defence",
        "secretary-general",
        "secretary general",
        "archbishop of canterbury",
        "minister of foreign affairs",
        "minister for foreign affairs",
        "head of state",
        "chief of staff",
        "first minister",
        "prime minister",
        "foreign minister",
        "foreign secretary",
        "home secretary",
        "defence secretary",
        "defense secretary",
        "crown prince",
        "grand ayatollah",
        "vice president",
        "press secretary",
        "first lady",
        "national security adviser",
        "national security advisor",
    ]
)
# A title kept in front of a single given name ("Pope Francis", "King Charles").
REGNAL_TITLES = words("pope king queen prince princess emperor empress sheikh emir sultan saint")
MALE_TITLES = words("mr mr. sir king pope prince emperor sheikh emir sultan lord father rev rev. reverend")
FEMALE_TITLES = words("mrs mrs. ms ms. miss queen princess empress lady dame sister")

# Role nouns that stand for a titled person already named ("the pontiff" -> the pope).
ROLE_SYNONYMS: dict[str, str] = {
    "pontiff": "pope",
    "holy father": "pope",
    "monarch": "king",
    "pm": "prime minister",
    "premier": "prime minister",
    "top diplomat": "foreign minister",
    "chief diplomat": "foreign minister",
    "secretary": "secretary of state",
}
# Heads of government/state: "the French leader" may be any of these.
LEADER_TITLES = _phrases(["president", "prime minister", "chancellor", "king", "queen", "premier", "emir"])

# Courtesy titles: stripped from a name, never a name on their own.
HONORIFICS = words("""mr mr. mrs mrs. ms ms. miss dr dr. sir dame lady lord rev rev. reverend father""")

# A name right after one of these is a subject ("was": "Among those waiting was Maria Fernandes",
# an inverted subject).
SUBJECT_OPENERS = words(
    """was is were and but as when while that because after before since so though although if where
    then who once until whereas later earlier meanwhile instead also now yet nor"""
)

# Imperatives that open a link line before a name ("Watch Obama meet troops »", "Read more").
LINK_VERBS = words("watch read see listen meet")
# Words that may stand before a name in its noun phrase ("the former Labour leader", "the Rev.").
PRE_MODIFIERS = words(
    """the a an its his her their former late then newly elected inaugurated acting chief senior top
    deputy assistant opposition party executive student resident activist analyst expert official
    veteran founder head boss commander director leader member candidate outgoing incoming current
    press communications campaign security national political military policy adviser advisor"""
)

# Role nouns that stand for a person ("the pontiff said", "his Japanese counterpart, the prime minister").
ROLE_HEADS = _phrases(
    [
        "secretary of state",
        "prime minister",
        "foreign minister",
        "foreign secretary",
        "press secretary",
        "crown prince",
        "archbishop of canterbury",
        "top diplomat",
        "chief diplomat",
        "holy father",
        "first lady",
        "vice president",
        "president",
        "chancellor",
        "king",
        "queen",
        "pope",
        "pontiff",
        "premier",
        "pm",
        "secretary",
        "minister",
        "leader",
        "monarch",
        "prince",
        "princess",
        "ayatollah",
        "cleric",
        "envoy",
        "ambassador",
        "governor",
        "mayor",
        "senator",
    ]
)

# Words a role phrase in apposition ends with ("the Kenyan president, William Ruto").
ROLE_NOUNS = TITLE_WORDS | words(
    """counterpart official spokesman spokeswoman spokesperson expert analyst director secretary
    adviser advisor envoy aide chief executive head leader member cleric priest bishop candidate"""
)

# A capitalised word from this list makes a capitalised sequence a name of a thing, not a person.
NON_PERSON_WORDS = words(
    """
    state states republic kingdom union nations organization organisation authority council party front
    movement group alliance force forces guard army navy agency institute university college school
    foundation bank fund court parliament congress senate assembly ministry department office embassy
    commission committee service services police airport airlines airways square street road avenue
    palace house hall cathedral church mosque temple basilica stadium park gardens garden river sea ocean
    gulf strait mountains mountain valley plains island islands coast cup games olympics summit forum
    conference agreement treaty accord act plan initiative framework project day prize award times post
    news press journal network television radio channel corporation company inc ltd plc club federation
    association league brigade battalion division corps centre center hospital museum tower bridge
    square airbase base port canal lake desert peninsula continent region province district county
    caliphate empire dynasty revolution war crisis strip bank territories territory quad brics nato
    opec g7 g20 economy trust security council's government cabinet administration
    """
)
# Regions, continents and other geography the gazetteer (cities and countries) does not hold.
REGIONS = _phrases(
    [
        "africa",
        "asia",
        "europe",
        "america",
        "americas",
        "latin america",
        "south america",
        "north america",
        "central america",
        "middle east",
        "near east",
        "far east",
        "caribbean",
        "balkans",
        "caucasus",
        "scandinavia",
        "oceania",
        "pacific",
        "indo-pacific",
        "asia-pacific",
        "arctic",
        "antarctica",
        "sahel",
        "maghreb",
        "horn of africa",
        "west africa",
        "east africa",
        "southern africa",
        "central africa",
        "north africa",
        "southeast asia",
        "south asia",
        "central asia",
        "east asia",
        "persian gulf",
        "gulf",
        "mediterranean",
        "pyrenees",
        "alps",
        "himalayas",
        "amazon",
        "europe's",
    ]
)

# Speakers that are institutions: a head noun after optional modifiers ("the Indian foreign ministry").
INSTITUTION_HEADS = words(
    """
    ministry government office embassy presidency palace department pentagon kremlin vatican elysee
    élysée administration cabinet military army police council commission secretariat spokesman's
    authorities authority agency committee regime junta statement campaign party company firm
    """
)
# Last words of an organisation's name: "Amnesty International", "The Global Times", "Taronga Zoo".
ORG_NAME_ENDINGS = INSTITUTION_HEADS | words(
    """times post news journal herald tribune gazette international watch zoo navy party group
    network television radio broadcasting corporation foundation institute university association
    federation league union alliance coalition organisation organization commission committee
    service council bank fund"""
)
# Named institutions that speak for a government (metonyms): never places when they speak.
NAMED_INSTITUTIONS = _phrases(
    [
        "pentagon",
        "kremlin",
        "vatican",
        "elysee",
        "élysée",
        "elysee palace",
        "élysée palace",
        "white house",
        "downing street",
        "no 10",
        "number 10",
        "whitehall",
        "state department",
        "foreign office",
        "home office",
        "quai d'orsay",
        "buckingham palace",
        "kensington palace",
        "clarence house",
        "holy see",
        "zhongnanhai",
        "blue house",
        "knesset",
        "bundestag",
        "european commission",
        "united nations",
        "nato",
    ]
)

# Anonymous speakers: a description, not a name ("a senior official", "the source").
ANONYMOUS_HEADS = words(
    """
    official officials source sources diplomat diplomats aide aides person people spokesman spokeswoman
    spokesperson analyst analysts expert experts mother father woman man resident residents witness
    witnesses member members observer observers insider insiders protester protesters critic critics
    activist activists student students worker workers someone statement
    """
)

PRONOUNS_MALE = words("he him his")
PRONOUNS_FEMALE = words("she her hers")
SUBJECT_PRONOUNS = words("he she they")

# --------------------------------------------------------------------------- speech

SPEECH_VERBS = words(
    """
    say says said saying tell tells told telling add adds added adding ask asks asked asking
    state states stated declare declares declared insist insists insisted insisting explain explains
    explained note notes noted warn warns warned warning argue argues argued write writes wrote written
    tweet tweets tweeted post posted announce announces announced acknowledge acknowledges acknowledged
    admit admits admitted claim claims claimed continue continued remark remarked reply replies replied
    respond responded recall recalled recalls joke joked vow vows vowed urge urges urged urging stress
    stressed emphasise emphasised emphasize emphasized concede conceded observe observed call calls called
    calling describe describes described describing tout touts touted praise praises praised praising
    promise promised pledge pledged predict predicted counter countered quip quipped caution cautioned
    lament lamented complain complained exclaim exclaimed reiterate reiterated confirm confirmed hail
    hailed hails welcome welcomed thank thanks thanked speak speaks spoke spoken express expresses
    expressed assert asserted
    demand demanded condemn condemned shout shouted chant chanted read reads insist replied thundered
    branded labelled labeled accuse accused announce pleaded mused wondered suggested suggest suggests
    declaring explaining noting arguing writing tweeting posting announcing acknowledging admitting
    claiming replying responding recalling joking vowing promising pledging predicting countering
    cautioning lamenting complaining reiterating confirming hailing welcoming thanking expressing
    asserting demanding condemning accusing accuses deny denies denied denying apologise apologises
    apologised apologising apologize apologizes apologized apologizing refer refers referred referring
    told concluded concludes concluding answered answering boasted boasting mocked mocking
    pray prays prayed praying
    """
)
# "X was quoted as saying": the verb between a speaker and "as saying".
QUOTED_AS = words("quoted cited reported")
# Verbs that may come before their subject right after a quote: “…,” said X.
INVERTED_SPEECH_VERBS = words(
    "said says added asked wrote replied continued insisted explained recalled noted warned "
    "declared stated tweeted remarked answered cautioned "
    "adds asks writes replies continues insists explains recalls notes warns declares tweets concluded"
)
# Words that may stand between a speaker and the speech verb ("Videgaray later said").
SPEECH_ADVERBS = words(
    """
    also later then again both once previously has have had was is were would will publicly privately
    earlier separately quickly reportedly himself herself themselves simply repeatedly often frequently
    first last further angrily firmly bluntly recently has since initially already still just
    started began begun kept
    """
)
# Words that open a noun phrase ("a senior official", "the statement"); the definite ones point back.
DETERMINERS = words("a an the its his her their this that these those one another")
DEFINITE_DETERMINERS = words("the its his her their this that")
# Words after the head of a subject ("a document compiled in …", "a spokesman for the ministry").
PHRASE_BREAKERS = words(
    """of in on at to for from with by about under over into after before during near than as who
    which that whose where when while since amid among across through including like"""
)
PARTICIPLES = words("seen written taken given shown known sent read obtained")
# Nouns of things that speak for their authors: "the statement added", "a UN report said".
DOCUMENT_NOUNS = words(
    """statement statements document documents report reports letter note editorial communique
    communiqué memo memorandum tweet tweets post message release notice filing readout transcript
    article column commentary op-ed blog leaflet cable email"""
)
# Nouns of organisations that speak: "the group said", "the palace said", "the Navy said".
ORG_NOUNS = words(
    """group organisation organization agency ministry department campaign company firm palace zoo
    navy army military police government embassy party newspaper broadcaster network channel council
    committee commission court club team office administration foundation charity institute
    university hospital airline bank coalition alliance movement regime junta presidency delegation
    union league federation association authority authorities body ngo consulate mission secretariat
    pentagon kremlin vatican cabinet staff command headquarters forces"""
)
# "the so-called “…”": a label, not a quotation.
LABEL_CUES = (
    "so-called",
    "so called",
    "dubbed",
    "known as",
    "nicknamed",
    "branded",
    "termed",
    "the word",
    "the term",
    "the phrase",
    "the slogan",
    "the era of",
    "the name",
    "titled",
    "entitled",
    "headlined",
)

# --------------------------------------------------------------------------- travel

# Lower-case words after a capitalised name that leave it a name ("flew to Ur on Monday"); any
# other lower-case word makes it a modifier ("Ben Gurion airport", "Kurdish regional capital").
AFTER_A_NAME = words("on in to for and at with where before after then by from later this next")

# Home bases that titles imply ("Secretary of State" is a US office in English-language news).
TITLE_HOME: dict[str, str] = {"secretary of state": "US", "pope": "VA", "pontiff": "VA"}
# Cities that also count as home for a country (the Vatican's press corps files from Rome).
EXTRA_HOME_CITIES: dict[str, tuple[str, ...]] = {"VA": ("rome", "vatican city")}

# Border topics: a quote about these concerns the border the article discusses.
BORDER_WORDS = words(
    """
    border borders wall walls deport deported deporting deportation deportations migrant migrants
    migration immigrant immigrants immigration dreamers asylum frontier frontiers crossing crossings
    boundary boundaries refugees refugee smuggling
    """
)

# --------------------------------------------------------------------------- countries

# Country names GeoNames spells otherwise or not at all (checked before the gazetteer).
COUNTRY_EXTRA: dict[str, str] = {
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "dr congo": "CD",
    "drc": "CD",
    "congo kinshasa": "CD",
    "republic of congo": "CG",
    "republic of the congo": "CG",
    "congo brazzaville": "CG",
    "congo": "CD",
    "the gambia": "GM",
    "gambia": "GM",
    "united states": "US",
    "america": "",  # a region as often as a country: never a place on its own
    "the netherlands": "NL",
    "netherlands": "NL",
    "palestinian territories": "PS",
    "west bank": "PS",
    "gaza": "PS",
    "gaza strip": "PS",
    "east timor": "TL",
    "vatican": "VA",
    "holy see": "VA",
    "czech republic": "CZ",
    "czechia": "CZ",
    "burma": "MM",
    "ivory coast": "CI",
    "cote divoire": "CI",
    "turkiye": "TR",
    "south korea": "KR",
    "north korea": "KP",
    "northern ireland": "GB",
    "scotland": "GB",
    "england": "GB",
    "wales": "GB",
}
# Names used in border labels and, when the article writes them so, in place names.
SHORT_COUNTRY: dict[str, str] = {"US": "US", "GB": "UK", "AE": "UAE", "CD": "DR Congo"}

_DEMONYM_TABLE = """
afghan:AF albanian:AL algerian:DZ american:US andorran:AD angolan:AO argentine:AR argentinian:AR
armenian:AM australian:AU austrian:AT azerbaijani:AZ azeri:AZ bahraini:BH bangladeshi:BD barbadian:BB
belarusian:BY belgian:BE belizean:BZ beninese:BJ bhutanese:BT bolivian:BO bosnian:BA botswanan:BW
brazilian:BR british:GB bruneian:BN bulgarian:BG burkinabe:BF burmese:MM burundian:BI cambodian:KH
cameroonian:CM canadian:CA chadian:TD chilean:CL chinese:CN colombian:CO comoran:KM congolese:CD
costa-rican:CR croatian:HR cuban:CU cypriot:CY czech:CZ danish:DK djiboutian:DJ dominican:DO dutch:NL
ecuadorian:EC egyptian:EG emirati:AE english:GB eritrean:ER estonian:EE ethiopian:ET fijian:FJ
filipino:PH finnish:FI french:FR gabonese:GA gambian:GM georgian:GE german:DE ghanaian:GH greek:GR
guatemalan:GT guinean:GN guyanese:GY haitian:HT honduran:HN hungarian:HU icelandic:IS indian:IN
indonesian:ID iranian:IR iraqi:IQ irish:IE israeli:IL italian:IT ivorian:CI jamaican:JM japanese:JP
jordanian:JO kazakh:KZ kenyan:KE korean:KR kosovar:XK kuwaiti:KW kyrgyz:KG lao:LA laotian:LA latvian:LV
lebanese:LB liberian:LR libyan:LY lithuanian:LT luxembourgish:LU macedonian:MK malagasy:MG malawian:MW
malaysian:MY maldivian:MV malian:ML maltese:MT mauritanian:MR mauritian:MU mexican:MX moldovan:MD
monegasque:MC mongolian:MN montenegrin:ME moroccan:MA mozambican:MZ namibian:NA nepalese:NP nepali:NP
nicaraguan:NI nigerien:NE nigerian:NG norwegian:NO omani:OM pakistani:PK palestinian:PS panamanian:PA
paraguayan:PY peruvian:PE polish:PL portuguese:PT qatari:QA romanian:RO russian:RU rwandan:RW
salvadoran:SV saudi:SA scottish:GB senegalese:SN serbian:RS serb:RS singaporean:SG slovak:SK
slovenian:SI somali:SO south-african:ZA spanish:ES sri-lankan:LK sudanese:SD surinamese:SR swedish:SE
swiss:CH syrian:SY taiwanese:TW tajik:TJ tanzanian:TZ thai:TH togolese:TG tongan:TO tunisian:TN
turkish:TR turkmen:TM ugandan:UG ukrainian:UA uruguayan:UY uzbek:UZ venezuelan:VE vietnamese:VN
welsh:GB yemeni:YE zambian:ZM zimbabwean:ZW kenyan:KE nordic: european: african: asian: arab:
latin: western: eastern: northern: southern: central: north-american: south-sudanese:SS
south-korean:KR north-korean:KP new-zealand:NZ kiwi:NZ saudi-arabian:SA emirian:AE
"""


def _demonyms(table: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in table.split():
        word, _, iso = item.partition(":")
        out[word.replace("-", " ")] = iso
    return out


# Demonym (lower-case) -> ISO alpha-2; an empty code marks a supranational adjective (European).
DEMONYMS: dict[str, str] = _demonyms(_DEMONYM_TABLE)

# Well-known people whose surname alone names them in news copy ("President Biden", "Mr. Modi").
# Used only when the article itself never gives a longer form of the name; surnames shared by
# several public figures (Bush, Clinton, Johnson, Kim ...) are deliberately absent.
FAMOUS_NAMES: dict[str, str] = {
    "biden": "Joe Biden",
    "trump": "Donald Trump",
    "obama": "Barack Obama",
    "putin": "Vladimir Putin",
    "xi": "Xi Jinping",
    "macron": "Emmanuel Macron",
    "merkel": "Angela Merkel",
    "scholz": "Olaf Scholz",
    "modi": "Narendra Modi",
    "erdogan": "Recep Tayyip Erdogan",
    "netanyahu": "Benjamin Netanyahu",
    "zelensky": "Volodymyr Zelensky",
    "zelenskiy": "Volodymyr Zelenskiy",
    "zelenskyy": "Volodymyr Zelenskyy",
    "sunak": "Rishi Sunak",
    "starmer": "Keir Starmer",
    "trudeau": "Justin Trudeau",
    "kishida": "Fumio Kishida",
    "albanese": "Anthony Albanese",
    "lula": "Luiz Inacio Lula da Silva",
    "blinken": "Antony Blinken",
    "pompeo": "Mike Pompeo",
    "lavrov": "Sergei Lavrov",
    "guterres": "Antonio Guterres",
    "meloni": "Giorgia Meloni",
    "orban": "Viktor Orban",
    "ramaphosa": "Cyril Ramaphosa",
    "ruto": "William Ruto",
    "el-sisi": "Abdel Fattah el-Sisi",
    "sisi": "Abdel Fattah el-Sisi",
    "maduro": "Nicolas Maduro",
    "milei": "Javier Milei",
    "bolsonaro": "Jair Bolsonaro",
    "sheinbaum": "Claudia Sheinbaum",
    "khamenei": "Ali Khamenei",
    "raisi": "Ebrahim Raisi",
    "truss": "Liz Truss",
    "lammy": "David Lammy",
    "borrell": "Josep Borrell",
    "stoltenberg": "Jens Stoltenberg",
    "rutte": "Mark Rutte",
    "lukashenko": "Alexander Lukashenko",
    "tinubu": "Bola Tinubu",
    "widodo": "Joko Widodo",
    "tusk": "Donald Tusk",
}
