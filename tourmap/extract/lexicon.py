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

# Words of NON_PERSON_WORDS that are also common family names (Park Geun-hye, Senator Ellen Park,
# Gen. Paul Church): a person's name after a title, or before a hyphenated given name.
SURNAME_THINGS = words("park hall church temple house banks wood rivers moon cup")

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


# =========================================================================== stops, places, trips
# (issue 8, stops: the dateline, places, trip and links stages; kept in one block)

# States, provinces and counties that are stops on domestic trips ("leaves for Nevada", "visiting
# constituencies in Somerset"): name:ISO:admin1:lat:lon, the point being the region's capital or
# county town in GeoNames (written by scripts/build_regions.py; admin1 empty where GeoNames' first
# level is larger, as England's).
REGION_TABLE = """
Alabama:US:AL:32.37:-86.3 Alaska:US:AK:58.3:-134.42 Arizona:US:AZ:33.45:-112.07 Arkansas:US:AR:34.75:-92.29
California:US:CA:38.58:-121.49 Colorado:US:CO:39.74:-104.98 Connecticut:US:CT:41.76:-72.69
Delaware:US:DE:39.16:-75.52 Florida:US:FL:30.44:-84.28 Georgia:US:GA:33.75:-84.39 Hawaii:US:HI:21.31:-157.86
Idaho:US:ID:43.61:-116.2 Illinois:US:IL:39.8:-89.64 Indiana:US:IN:39.77:-86.16 Iowa:US:IA:41.6:-93.61
Kansas:US:KS:39.05:-95.68 Kentucky:US:KY:38.2:-84.87 Louisiana:US:LA:30.44:-91.19 Maine:US:ME:44.31:-69.78
Maryland:US:MD:38.98:-76.49 Massachusetts:US:MA:42.36:-71.06 Michigan:US:MI:42.73:-84.56
Minnesota:US:MN:44.94:-93.09 Mississippi:US:MS:32.3:-90.18 Missouri:US:MO:38.58:-92.17
Montana:US:MT:46.59:-112.04 Nebraska:US:NE:40.8:-96.67 Nevada:US:NV:39.16:-119.77
New_Hampshire:US:NH:43.21:-71.54 New_Jersey:US:NJ:40.22:-74.74 New_Mexico:US:NM:35.69:-105.94
New_York:US:NY:42.65:-73.76 North_Carolina:US:NC:35.77:-78.64 North_Dakota:US:ND:46.81:-100.78
Ohio:US:OH:39.96:-83.0 Oklahoma:US:OK:35.47:-97.52 Oregon:US:OR:44.94:-123.04
Pennsylvania:US:PA:40.27:-76.88 Rhode_Island:US:RI:41.82:-71.41 South_Carolina:US:SC:34.0:-81.03
South_Dakota:US:SD:43.54:-96.73 Tennessee:US:TN:36.17:-86.78 Texas:US:TX:30.27:-97.74
Utah:US:UT:40.76:-111.89 Vermont:US:VT:44.48:-73.21 Virginia:US:VA:37.55:-77.46
Washington:US:WA:47.04:-122.9 West_Virginia:US:WV:38.35:-81.63 Wisconsin:US:WI:43.07:-89.4
Wyoming:US:WY:41.14:-104.82 Ontario:CA:08:43.71:-79.4 Quebec:CA:10:46.81:-71.21
British_Columbia:CA:02:49.25:-123.12 Alberta:CA:01:53.55:-113.47 Manitoba:CA:03:49.88:-97.15
Saskatchewan:CA:11:50.45:-104.62 Nova_Scotia:CA:07:44.64:-63.58 New_Brunswick:CA:04:45.95:-66.67
Newfoundland:CA:05:47.56:-52.71 Prince_Edward_Island:CA:09:46.23:-63.13 Yukon:CA:12:60.72:-135.05
New_South_Wales:AU:02:-33.87:151.21 Queensland:AU:04:-27.47:153.03 Tasmania:AU:06:-42.88:147.33
Western_Australia:AU:08:-31.95:115.86 South_Australia:AU:05:-34.93:138.6
Northern_Territory:AU:03:-12.46:130.84 Bedfordshire:GB::52.13:-0.47 Berkshire:GB::51.46:-0.97
Buckinghamshire:GB::51.82:-0.81 Cambridgeshire:GB::52.2:0.12 Cheshire:GB::53.19:-2.89
Cornwall:GB::50.27:-5.05 Cumbria:GB::54.9:-2.94 Derbyshire:GB::52.92:-1.48 Devon:GB::50.72:-3.53
Dorset:GB::50.72:-2.43 County_Durham:GB::54.78:-1.58 East_Sussex:GB::50.87:0.01 Essex:GB::51.74:0.47
Gloucestershire:GB::51.87:-2.24 Hampshire:GB::51.07:-1.32 Herefordshire:GB::52.06:-2.71
Hertfordshire:GB::51.8:-0.08 Kent:GB::51.27:0.52 Lancashire:GB::53.76:-2.7 Leicestershire:GB::52.64:-1.13
Lincolnshire:GB::53.23:-0.54 Norfolk:GB::52.63:1.3 North_Yorkshire:GB::53.96:-1.08
Northamptonshire:GB::52.25:-0.88 Northumberland:GB::55.09:-1.59 Nottinghamshire:GB::52.95:-1.15
Oxfordshire:GB::51.75:-1.26 Shropshire:GB::52.71:-2.75 Somerset:GB::51.01:-3.1 Staffordshire:GB::52.81:-2.12
Suffolk:GB::52.06:1.16 Surrey:GB::51.24:-0.57 Warwickshire:GB::52.28:-1.58 West_Sussex:GB::50.84:-0.78
Wiltshire:GB::51.32:-2.21 Worcestershire:GB::52.19:-2.22 Merseyside:GB::53.41:-2.98
Greater_Manchester:GB::53.48:-2.24 West_Midlands:GB::52.48:-1.9 West_Yorkshire:GB::53.8:-1.55
South_Yorkshire:GB::53.38:-1.47 East_Yorkshire:GB::53.85:-0.42 Tyne_and_Wear:GB::54.97:-1.61
Isle_of_Wight:GB::50.73:-1.16
"""


def _regions(table: str) -> dict[str, tuple[str, str, str, float, float]]:
    out: dict[str, tuple[str, str, str, float, float]] = {}
    for item in table.split():
        name, iso, admin1, lat, lon = item.split(":")
        name = name.replace("_", " ")
        out[name.lower()] = (name, iso, admin1, float(lat), float(lon))
    return out


# Folded region name -> (name, ISO, admin1 code, lat, lon).
REGION_POINTS: dict[str, tuple[str, str, str, float, float]] = _regions(REGION_TABLE)

# US state abbreviations after a town ("Columbia, S.C.", "Kenosha, Wis."), folded -> admin1 code
# (postal codes too: "Wilmington, NC").
_STATE_ABBREVIATIONS = """
ala:AL ariz:AZ ark:AR calif:CA cal:CA colo:CO conn:CT del:DE fla:FL ga:GA ill:IL ind:IN kan:KS kans:KS
ky:KY la:LA md:MD mass:MA mich:MI minn:MN miss:MS mo:MO mont:MT neb:NE nebr:NE nev:NV nh:NH nj:NJ
nm:NM ny:NY nc:NC nd:ND okla:OK ore:OR pa:PA penn:PA ri:RI sc:SC sd:SD tenn:TN tex:TX vt:VT va:VA
wash:WA wva:WV w_va:WV wis:WI wisc:WI wyo:WY
"""
STATE_ABBREVIATIONS: dict[str, str] = {
    **{k.replace("_", " "): v for k, _, v in (item.partition(":") for item in _STATE_ABBREVIATIONS.split())},
    **{code.lower(): code for _, iso, code, _, _ in REGION_POINTS.values() if iso == "US"},
}

# Words that make a "person" of the people stage the name of a thing, for the trip stage (whose
# travel cannot be the traveller's): "Democratic National Convention", "Real Clear Politics".
THING_WORDS = NON_PERSON_WORDS | words(
    """convention conventions campaign politics poll polls caucus caucuses primary primaries election
    elections debate festival expo fair show tour championship open marathon acela express team cup
    zoo enclosure"""
)

# Words between a subject and its travel or activity verb ("Biden will then head to", "she has
# also toured"): skipped when looking for whose action it is.
VERB_LEAD_WORDS = words(
    """will would shall should can could may might must is are was were be been being has have had do does
    did also then later now first again still just already soon briefly reportedly to not never n't 'll ’ll
    expected due set scheduled slated going plans plan planned planning hopes hoped wants wanted intends
    intended is was once finally eventually quickly recently separately subsequently duly itself
    himself herself themselves"""
)
# Nouns standing for a group already named ("the couple had stops in …"): they mean the subject of
# the sentences before, not the traveller by default.
GROUP_ANAPHORS = words("couple pair duo trio two three both")
# Activity nouns that can head a travel cue ("talks in", "a rally at"): modified, never a subject.
EVENT_NOUNS = words(
    """talks summit banquet conference speech mass ceremony service rally dinner lunch reception meeting
    meetings event events visit visits trip trips tour tours stop stops engagement engagements roundtable
    parade concert briefing interview tribute vigil"""
)
# Subjects that stand for the traveller's own journey ("the trip will begin in", "the train travels
# through", "the motorcade drove to"): the cue is the traveller's.
TRIP_NOUNS = EVENT_NOUNS | words(
    """journey itinerary schedule programme program agenda leg legs swing pilgrimage mission day week
    train plane jet flight helicopter motorcade convoy cavalcade entourage delegation party bus
    motorcycle boat ship yacht"""
)
# Things a traveller does at a place, every form ("open a clinic in Nakuru", "laying a wreath at the
# memorial in Recife", "before addressing parliament in Kigali"): a verb of this list whose object
# is followed by "in"/"at" and a place puts its subject there (the place is no topic: ``trip``).
ACTIVITY_VERBS = words(
    """
    met meet meets meeting held hold holds holding spoke speak speaks speaking spent spend spends spending
    attend attends attended attending sign signs signed signing laid lay lays laying pray prays prayed
    praying preside presides presided presiding celebrate celebrates celebrated celebrating greet greets
    greeted greeting welcome welcomes welcomed welcoming host hosts hosted hosting address addresses
    addressed addressing open opens opened opening tour tours toured touring inspect inspects inspected
    inspecting unveil unveils unveiled unveiling launch launches launched launching plant plants planted
    planting board boards boarded boarding coach coaches coached coaching bought buy buys buying chat
    chats chatted chatting rally rallies rallied rallying campaign campaigns campaigned campaigning
    worship worships worshipped worshiping deliver delivers delivered delivering give gives gave giving
    dine dines dined dining lunched shop shops shopped shopping walk walks walked walking stroll strolls
    strolled strolling ride rides rode riding dedicate dedicates dedicated dedicating inaugurate
    inaugurates inaugurated inaugurating commemorate commemorates commemorated commemorating honour
    honours honoured honouring honor honors honored honoring pay pays paid paying watch watches watched
    watching stay stays stayed staying join joins joined joining mingle mingles mingled mingling lead
    leads led leading receive receives received receiving visit visits visited visiting cheer cheered
    thank thanks thanked thanking tell tells told telling say says said saying announce announces
    announced announcing urge urges urged urging sat sit sits sitting stood stand stands standing
    played play plays playing gathered gather gathers gathering
    """
)

# Countries that share a land border (scripts/build_neighbours.py, from the packaged basemap):
# a draft draws a border only between two of these.
NEIGHBOUR_TABLE = """
AD:ES,FR AE:OM,SA AF:CN,IR,PK,TJ,TM,UZ AL:GR,ME,MK,XK AM:AZ,GE,IR,TR AO:CD,CG,NA,ZM AR:BO,BR,CL,PY,UY
AT:CH,CZ,DE,HU,IT,LI,SI,SK AZ:AM,GE,IR,RU,TR BA:HR,ME,RS BD:IN,MM BE:DE,FR,LU,NL BF:BJ,CI,GH,ML,NE,TG
BG:GR,MK,RO,RS,TR BI:CD,RW,TZ BJ:BF,NE,NG,TG BN:MY BO:AR,BR,CL,PE,PY BR:AR,BO,CO,FR,GY,PE,PY,SR,UY,VE
BT:CN,IN BW:NA,ZA,ZM,ZW BY:LT,LV,PL,RU,UA BZ:GT,MX CA:US CD:AO,BI,CF,CG,RW,SS,TZ,UG,ZM
CF:CD,CG,CM,SD,SS,TD CG:AO,CD,CF,CM,GA CH:AT,DE,FR,IT,LI CI:BF,GH,GN,LR,ML CL:AR,BO,PE
CM:CF,CG,GA,GQ,NG,TD CN:AF,BT,HK,IN,KG,KP,KZ,LA,MM,MN,MO,NP,PK,RU,TJ,VN CO:BR,EC,PA,PE,VE CR:NI,PA
CZ:AT,DE,PL,SK DE:AT,BE,CH,CZ,DK,FR,LU,NL,PL DJ:ER,ET,SO DK:DE DO:HT DZ:EH,LY,MA,ML,MR,NE,TN EC:CO,PE
EE:LV,RU EG:IL,LY,SD EH:DZ,MA,MR ER:DJ,ET,SD ES:AD,FR,PT ET:DJ,ER,KE,SD,SO,SS FI:NO,RU,SE
FR:AD,BE,BR,CH,DE,ES,IT,LU,MC,SR GA:CG,CM,GQ GB:IE GE:AM,AZ,RU,TR GH:BF,CI,TG GM:SN GN:CI,GW,LR,ML,SL,SN
GQ:CM,GA GR:AL,BG,MK,TR GT:BZ,HN,MX,SV GW:GN,SN GY:BR,SR,VE HK:CN HN:GT,NI,SV HR:BA,HU,ME,RS,SI HT:DO
HU:AT,HR,RO,RS,SI,SK,UA ID:MY,PG,TL IE:GB IL:EG,JO,LB,PS,SY IN:BD,BT,CN,MM,NP,PK IQ:IR,JO,KW,SA,SY,TR
IR:AF,AM,AZ,IQ,PK,TM,TR IT:AT,CH,FR,SI,SM,VA JO:IL,IQ,PS,SA,SY KE:ET,SO,SS,TZ,UG KG:CN,KZ,TJ,UZ
KH:LA,TH,VN KP:CN,KR,RU KR:KP KW:IQ,SA KZ:CN,KG,RU,TM,UZ LA:CN,KH,MM,TH,VN LB:IL,SY LI:AT,CH LR:CI,GN,SL
LS:ZA LT:BY,LV,PL,RU LU:BE,DE,FR LV:BY,EE,LT,RU LY:DZ,EG,NE,SD,TD,TN MA:DZ,EH,MR MC:FR MD:RO,UA
ME:AL,BA,HR,RS,XK MF:SX MK:AL,BG,GR,RS,XK ML:BF,CI,DZ,GN,MR,NE,SN MM:BD,CN,IN,LA,TH MN:CN,RU MO:CN
MR:DZ,EH,MA,ML,SN MW:MZ,TZ,ZM MX:BZ,GT,US MY:BN,ID,SG,TH MZ:MW,SZ,TZ,ZA,ZM,ZW NA:AO,BW,ZA,ZM,ZW
NE:BF,BJ,DZ,LY,ML,NG,TD NG:BJ,CM,NE,TD NI:CR,HN NL:BE,DE NO:FI,RU,SE NP:CN,IN OM:AE,SA,YE PA:CO,CR
PE:BO,BR,CL,CO,EC PG:ID PK:AF,CN,IN,IR PL:BY,CZ,DE,LT,RU,SK,UA PS:IL,JO PT:ES PY:AR,BO,BR QA:SA
RO:BG,HU,MD,RS,UA RS:BA,BG,HR,HU,ME,MK,RO,XK RU:AZ,BY,CN,EE,FI,GE,KP,KZ,LT,LV,MN,NO,PL,UA RW:BI,CD,TZ,UG
SA:AE,IQ,JO,KW,OM,QA,YE SD:CF,EG,ER,ET,LY,SS,TD SE:FI,NO SG:MY SI:AT,HR,HU,IT SK:AT,CZ,HU,PL,UA SL:GN,LR
SM:IT SN:GM,GN,GW,ML,MR SO:DJ,ET,KE SR:BR,FR,GY SS:CD,CF,ET,KE,SD,UG SV:GT,HN SX:MF SY:IL,IQ,JO,LB,TR
SZ:MZ,ZA TD:CF,CM,LY,NE,NG,SD TG:BF,BJ,GH TH:KH,LA,MM,MY TJ:AF,CN,KG,UZ TL:ID TM:AF,IR,KZ,UZ TN:DZ,LY
TR:AM,AZ,BG,GE,GR,IQ,IR,SY TZ:BI,CD,KE,MW,MZ,RW,UG,ZM UA:BY,HU,MD,PL,RO,RU,SK UG:CD,KE,RW,SS,TZ US:CA,MX
UY:AR,BR UZ:AF,KG,KZ,TJ,TM VA:IT VE:BR,CO,GY VN:CN,KH,LA XK:AL,ME,MK,RS YE:OM,SA ZA:BW,LS,MZ,NA,SZ,ZW
ZM:AO,BW,CD,MW,MZ,NA,TZ,ZW ZW:BW,MZ,NA,ZA,ZM
"""
NEIGHBOURS: dict[str, frozenset[str]] = {
    iso: frozenset(near.split(","))
    for iso, _, near in (item.partition(":") for item in NEIGHBOUR_TABLE.split())
}
# Nouns for a person that the people stage may leave unresolved ("the Democratic nominee then
# concludes the day in …", "the first lady"): whose action it is stays open, never "someone else".
PERSON_NOUNS = ROLE_NOUNS | words(
    """nominee hopeful contender frontrunner front-runner incumbent lady royal royals duke duchess
    pontiff monarch guest guests visitor visitors dignitary dignitaries"""
)
