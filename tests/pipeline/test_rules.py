"""The linking rule set (pipeline/rules.py), one table row per rule, on real sentence shapes.

Each case runs the real model and the real matcher on a short text with a small glossary built
here (so a glossary edit does not change what these tests mean).
"""

import pytest

from annotated_reader.model import Alias, AnnotatedText, Block, Document, Entity, Entry, Glossary, Source, SourceMeta
from annotated_reader.pipeline.annotate import annotate
from annotated_reader.pipeline.candidates import collect
from annotated_reader.pipeline.match import GlossaryMatcher
from annotated_reader.settings import Settings


def entry(entry_id, title, type_, aliases=(), **fields):
    return Entry(entry_id, title, type_, tuple(a if isinstance(a, Alias) else Alias(text=a) for a in aliases),
                 "Summary.", (), None, "Body.\n", f"glossary/{entry_id}.md", **fields)


MOSCOW = dict(metonym=True)
GLOSSARY = Glossary({e.id: e for e in [
    entry("united-states", "United States", "state",
          ["US", "U.S.", "U.S.A.", Alias(text="United States", not_followed_by=("district courts",)), Alias(text="America", not_preceded_by=("states of", "governments of")), Alias(text="Washington", not_followed_by=("D.C.", "DC"), metonym=True)], demonyms=("American",)),
    entry("china", "China", "state", [Alias(text="Beijing", metonym=True)], demonyms=("Chinese", "Sino")),
    entry("russia", "Russia", "state", [Alias(text="Moscow", period=(1992, None), **MOSCOW)],
          demonyms=("Russian",)),
    entry("soviet-union", "Soviet Union", "state", [Alias(text="Moscow", period=(1922, 1991), **MOSCOW),
                                                     Alias(text="Russia", period=(1922, 1991), written=(1922, 1991))],
          demonyms=("Soviet",)),
    entry("world-war-i", "World War I", "event", [Alias(text="World War", written=(1918, 1941))]),
    entry("european-union", "European Union", "organization", ["EU", Alias(text="Brussels", metonym=True)]),
    entry("the-west", "the West", "place", ["West", "Western"]),
    entry("globalisation", "Neoliberal globalisation", "concept", ["Globalization", "globalization"]),
    entry("us-china-relations", "China–United States relations", "concept",
          relations=(("united-states", "china"),)),
    entry("us-soviet-relations", "Soviet Union–United States relations", "concept",
          relations=(("united-states", "soviet-union"),)),
    entry("sino-russian-relations", "China–Russia relations", "concept",
          relations=(("china", "russia"), ("china", "soviet-union"))),
    entry("immanuel-wallerstein", "Immanuel Wallerstein", "person"),
    entry("imperialism", "Imperialism", "concept", ["imperialistic"]),
    entry("pentagon", "The Pentagon", "organization", ["Department of Defense"]),
    entry("us-state-department", "United States Department of State", "organization",
          ["Department of State", "State Department"]),
    entry("us-treasury", "United States Department of the Treasury", "organization",
          ["Treasury", "Treasury Department", "Department of the Treasury"]),
    entry("republican-party", "Republican Party", "organization"),
    entry("democratic-party", "Democratic Party", "organization"),
    entry("iraq", "Iraq", "state"),
    entry("canada", "Canada", "state"),
    entry("xi-jinping", "Xi Jinping", "person", ["Xi"]),
    entry("nato", "NATO", "organization"),
    entry("india", "India", "state", [Alias(text="India", not_followed_by=("rubber",))], demonyms=("Indian",)),
    entry("asia", "Asia", "place"),
    entry("middle-east", "Middle East", "place"),
    entry("europe", "Europe", "place", ["Continent"]),
    entry("containment", "Containment", "concept", [Alias(text="containment", not_preceded_by=("cost",))]),
    entry("tariffs", "Tariffs", "concept", ["tariff", "tariffs"]),
    entry("world-war-ii", "World War II", "event"),
    entry("us-armed-forces", "United States Armed Forces", "organization", ["Armed Forces"]),
    entry("united-kingdom", "United Kingdom", "state", ["Great Britain"]),
]})


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    settings = Settings(cache=tmp_path_factory.mktemp("cache"), jobs=1, progress=False)
    matcher = GlossaryMatcher(GLOSSARY)

    def _run(paragraph, date=None):
        """One paragraph, or a heading then a paragraph given as a pair."""
        source = Source("t", SourceMeta(title="T", date=date), (), "t.txt")
        if isinstance(paragraph, tuple):
            heading, text = paragraph
            blocks = (Block("h-1", "heading", heading, 1, 1), Block("p-2", "paragraph", text, 1, 2))
        else:
            blocks = (Block("p-1", "paragraph", paragraph, 0, 1),)
        [analysis] = list(annotate([Document(source, blocks)], settings))
        annotated = matcher.annotate(analysis)
        return annotated, [(m.surface, m.entry_id) for m in annotated.mentions]

    return _run


CASES = [
    # rule: longer name (model entity or capitalised words after) — the inner alias is not a mention
    ("longer name: Latin America", "Trade with Latin America grew while America waited.",
     None, [("America", "united-states")]),
    ("longer name: Institute of X Studies", "He teaches at the Institute of Globalization Studies in Shanghai.",
     None, []),
    ("longer name: a company name", "Analysts at the China Construction Bank disagreed with China.",
     None, [("China", "china")]),
    ("not longer across punctuation the model ran over", "Our alliance in the Pacific: India, Australia and Japan.",
     None, [("India", "india")]),
    ("longer name: a compass word makes another region", "Many countries in east Asia and in Southeast Asia grew; "
     "Asia grew too.", None, [("Asia", "asia")]),
    ("a compass word does not make another state", "Fighting in eastern Russia stopped.", None, [("Russia", "russia")]),
    ("not longer: a state's body names the state", "Members of the Congress of the United States met.", None,
     [("United States", "united-states")]),
    ("not longer after a possessive", "Nothing matters more than our Nation's Armed Forces.", None,
     [("Armed Forces", "us-armed-forces")]),
    ("not longer: a number the model found", "Fourteen million World War II servicemen have returned.", None,
     [("World War II", "world-war-ii")]),
    ("an old transcript's dash after a semicolon", "The strength of the United States;--the strength of India.",
     None, [("United States", "united-states"), ("India", "india")]),
    ("restriction across a comma", "It was decided not in Washington, DC, but by Washington itself.", None,
     [("Washington", "united-states")]),
    ("not longer across a possessive", "America's allies met, and China's leaders listened.",
     None, [("America", "united-states"), ("China", "china")]),
    ("not longer: a sentence's opening word the text also writes in lower case",
     "Keeping America competitive begins with keeping our economy growing.", None, [("America", "united-states")]),
    ("not longer: the model's entity across a clause", "You were here in this 93d Congress when America ended its "
     "longest war.", None, [("America", "united-states")]),
    ("not longer: two names joined by and", "Businesses will partner with the Department of Defense and Energy to turn "
     "technologies into jobs.", None, [("Department of Defense", "pentagon")]),
    ("not longer: a state's modifier", "We hope for a reconciliation between the people of Mainland China and the "
     "world community.", None, [("China", "china")]),
    ("not longer: a quotation's opening word the text also writes in lower case", 'An interpreter said to a '
     'reporter, "Tell America not to abandon us." We will tell them so.', None, [("America", "united-states")]),
    ("not longer: a sentence the splitter missed after an abbreviation", "The first Model T rattled down Main "
     "Street, U.S.A. But as surely as our pioneers crossed the plains, we go on.", None, [("U.S.A.", "united-states")]),
    ("longer name: a war named after a state", "Ending the Iraq war has allowed us to strike decisive blows.", None,
     []),
    ("not longer: a plural the text writes in lower case after an acronym", "Defense spending rose by $100 billion "
     "from our NATO Allies, and our allies agree.", None, [("NATO", "nato")]),
    ("a heading in capitals", "AMERICA AND THE COMMUNIST NATIONS", None, [("AMERICA", "united-states")]),
    ("not a short name in capitals", "PART XI. OUR FRIENDS", None, []),
    ("longer name: a programme named with a year", "My America 2000 strategy will help us reach our goals.",
     None, []),
    ("longer name: names joined by hyphens", "Six days ago, I replaced NAFTA and signed the brand-new "
     "U.S.-Mexico-Canada Agreement into law.", None, []),
    ("not longer: a nationality adjective after a hyphen", "All borders should be what the U.S.-Canadian border "
     "has been.", None, [("U.S.", "united-states")]),
    ("not longer: a match in lower case opens no name", "We repudiate the tenets of imperialistic Communism.",
     None, [("imperialistic", "imperialism")]),
    ("longer name: a possessive match after a connector", "I am announcing a new Commission on America's Urban "
     "Families.", None, []),
    ("not longer: a sentence's opening -ing form of a verb the text writes", "Keeping America strong is vital. We "
     "must keep our word.", None, [("America", "united-states")]),
    ("longer name: a capitalised word glued before a possessive match",
     "Through the Helping America's Youth Initiative, we are encouraging caring adults.", None, []),
    # rule: prefix
    ("prefix: anti-Western", "The speech was anti-Western in tone, but the West ignored it.",
     None, [("the West", "the-west")]),
    ("prefix: acronym stays", "Some proposed an anti-NATO alliance.", None, [("NATO", "nato")]),
    ("prefix: Indo-China is another place", "Revolutionary forces fought in Greece, Indo-China, the Philippines, "
     "and China.", "1953", [("China", "china")]),
    # rule: metonym used as a place
    ("metonym as a place: talks in Brussels", "Ministers met in Brussels on Monday to discuss trade.", None, []),
    ("metonym as an actor: Brussels insists", "Brussels insists that the rules apply to everyone.",
     None, [("Brussels", "european-union")]),
    ("metonym as a place: flew to Beijing", "The delegation flew to Beijing last week.", None, []),
    ("metonym as a place: in a list of places", "We could fly to Toronto, Berlin, Beijing and back.", None, []),
    ("metonym as an actor: a signal to Beijing", "It would send a clear signal to Beijing.",
     None, [("Beijing", "china")]),
    ("metonym as a place: possessive and place noun", "Traffic filled Moscow's suburbs.", "2020-01-01", []),
    ("metonym as a place: right here in", "Let's put it to a vote right here in Brussels.", None, []),
    ("metonym as a place: near", "It has begun to place near Moscow a limited antimissile defense.", "1967-01-10",
     []),
    ("metonym as a place: in, with no one acting", "It came from a debate in Brussels over whether to pay the "
     "bills.", None, []),
    ("metonym as an actor: the people in power in", "The people in power in Moscow have little choice.",
     "2020-01-01", [("Moscow", "russia")]),
    ("metonym as a place: outside of", "Millions of people outside of Brussels are tired of it.", None, []),
    ("metonym as a place: negotiations in", "Recent negotiations in Beijing have provided a basis.", None, []),
    ("metonym as a place: a transcript's gloss in brackets", "I am pleased that Governor Gardner [Brussels] and "
     "Governor Clinton [Arkansas] are here.", None, []),
    ("metonym after a title is a person", "President Brussels began this tradition in 1790.", None, []),
    ("metonym as an actor: the view in Brussels", "The prevailing view in Brussels is that trade will recover.",
     None, [("Brussels", "european-union")]),
    # rule: period — the sentence dates itself, else the text's date, else the present
    ("period: Moscow and Beijing in 1969", "Moscow and Beijing clashed on the Ussuri river in 1969.", None,
     [("Moscow", "soviet-union"), ("Beijing", "china")]),
    ("period: Moscow today", "Moscow and Beijing signed a partnership in 2022.", None,
     [("Moscow", "russia"), ("Beijing", "china")]),
    ("period: the text's own date", "Moscow refused the offer.", "1962-10-22", [("Moscow", "soviet-union")]),
    ("period: a decade by its last year", "In the 1990s and early 2000s Moscow looked west.", None,
     [("Moscow", "russia")]),
    ("period: a name of its time wins over an unrestricted one", "Weapons went to Russia and China.",
     "1942-01-06", [("Russia", "soviet-union"), ("China", "china")]),
    ("period: after its time the unrestricted name", "Weapons went to Russia and China.", "2022-01-06",
     [("Russia", "russia"), ("China", "china")]),
    ("period: the year nearest the match", "Japan made war against China in 1894 and against Russia in 1904, "
     "and seized Manchuria in 1931.", "1942-01-06", [("China", "china"), ("Russia", "russia")]),
    ("period: a sentence about today is read at the text's date", "Europe today can balance Moscow on its "
     "own, unlike in 1945.", "2019-01-01", [("Europe", "europe"), ("Moscow", "russia")]),
    ("written: the text's date, not the sentence's", "Even when the World War broke out in 1914, it seemed "
     "far away.", "1941-01-06", [("World War", "world-war-i")]),
    ("written: outside its years no mention", "Even when the World War broke out in 1914, it seemed far away.",
     "2001-01-06", []),
    ("tokens: a hyphen used as a dash after a name", "We had allies- Britain and the Soviet Union- and "
     "there were others.", "1942-01-06", [("Soviet Union", "soviet-union")]),
    ("metonym as a place: a list after in", "Conferences have been held in Brussels, and Moscow and Beijing.",
     "1942-01-06", []),
    ("metonym as a place: the gates of", "The hordes swarmed up to the very gates of Moscow.", "1942-01-06", []),
    ("metonym as a place: a visit a few words back", "This was agreed during the visit of the British Prime "
     "Minister to Beijing.", None, []),
    ("longer name: a capitalised compass word before a state", "Central America and the Caribbean region are "
     "undergoing change. The central issue is trade.", None, []),
    ("longer name: a war named after two states", "The continuing occupation of Afghanistan and the dislocations "
     "caused by the Iraq-Iran war serve as constant reminders; so does the Iran-Iraq conflict.", None, []),
    ("longer name: a war there, not a war's name", "Tensions threatened another Middle East war after 30 "
     "years of Middle East conflict.", None, [("Middle East", "middle-east"), ("Middle East", "middle-east")]),
    ("longer name: a state's Government is the state", "The United States Government should pursue it.",
     None, [("United States", "united-states")]),
    ("longer name: a body the model found before in", "The UN and the OAS now have vigorous human rights "
     "commissions for the airing of human rights violations and the Commission on Security and Cooperation in "
     "Europe has helped to make human rights part of the agenda.", None, []),
    ("longer name: after an organisation's acronym a common noun in capitals", "We will host a NATO Summit in "
     "May. The summit will review the defense program.", None, [("NATO", "nato")]),
    ("tokens: a double hyphen after an abbreviation", "In the city for which we have a special responsibility"
     "--Washington, D.C.--the picture is even brighter.", None, []),
    ("restriction: an acronym in capitals that the text writes as a word", "PRINCIPLES TO GUIDE US\n"
     "Let us begin.", None, []),
    ("longer name: a court the model found before of the", "Citizenship is, to quote the words used by the "
     "Supreme Court of the United States, an inestimable heritage.", None, []),
    ("longer name: not a lower-case term after of the", "We adjusted the maximum and minimum tariff as provided "
     "in section 2 of the tariff law of 1909.", None, [("tariff", "tariffs"), ("tariff", "tariffs")]),
    ("longer name: a ruler of a state names the state", "An edict has been issued by the Emperor of China "
     "prohibiting the importation of arms.", None, [("China", "china")]),
    ("longer name: war ships are no war's name", "Sailors and marines from United States war ships were "
     "forced to land.", None, [("United States", "united-states")]),
    ("metonym as a place: a state named like the city", "The acquisition of the Oregon country, including the "
     "present States of Oregon and Washington, was a fact of immense importance.", None, []),
    ("longer name: another federation", "Nicaragua merged its powers in those of the newly formed United States "
     "of Central America; the conference met upon the invitation of the United States of Brazil.", None, []),
    ("longer name: a war ship is no war's name", "He sought refuge on board the United States war ship "
     "Bennington, then at anchor.", None, [("United States", "united-states")]),
    ("longer name: a house of the legislature names the state", "To the Senate and House of Representatives of "
     "the United States:", None, [("United States", "united-states")]),
    ("longer name: a ship named after a state", "Another long-pending claim, that of the whaleship Russia, has "
     "been disposed of; Russia paid it.", None, [("Russia", "russia")]),
    ("longer name: not an entity the model ran into a hyphenated word", "He asks for compensation for carrying "
     "the mails between Atlantic Seaboard cities and the Continent on American-owned and American-built steamers.",
     None, [("Continent", "europe")]),
    ("longer name: the states of a region name the region", "Notwithstanding this, the principle failed to be "
     "respected among the belligerent States of Europe.", None, [("Europe", "europe")]),
    ("longer name: a department of a state names the state", "Under the act of Congress of the 15th of May last, "
     "I have caused the Department of Agriculture of the United States to be organized.", None,
     [("United States", "united-states")]),
    ("longer name: the courts of a region name the region", "They should stand on an equal footing with "
     "ministers who represent this country at the Courts of Europe.", None, [("Europe", "europe")]),
    ("longer name: a topic in a treaty's title", "It would assist the carrying out of the General Agreement on "
     "Tariffs and Trade to which we have been a party since 1948.", "1956", []),
    ("longer name: the provinces of a state name the state", "That, however, which separates us from the "
     "Provinces of Canada and New Brunswick to the North was submitted to arbitration.", "1831",
     [("Canada", "canada")]),
    ("longer name: the Executive of a state names the state", "It could not well be discerned by the Executive "
     "of the United States how such visit and inquiry could be made.", None, [("United States", "united-states")]),
    ("longer name: a joint body", "A convention provided for the revival of the United States and Chilean "
     "Claims Commission.", None, []),
    ("longer name: a state and another body", "Officials of the United States and World Bank met in Paris.", None,
     [("United States", "united-states")]),
    ("longer name: of and a nationality is no federation", "Congress should regularize the status in the United "
     "States of Hungarian refugees.", None, [("United States", "united-states")]),
    ("longer name: the courts of a state name the state", "Congress shall give to the Courts of the United "
     "States jurisdiction to punish the violation.", None, [("United States", "united-states")]),
    ("metonym as a place: a city like it", "These are improvements that must be made in a modern growing city "
     "like Washington.", None, []),
    ("metonym as a place: the parks of", "The land could be used for increasing the system of the parks of "
     "Washington.", None, []),
    ("longer name: a body before in must hold a connector", "There should be a more adequate Consular Service in "
     "China than we now have.", None, [("China", "china")]),
    ("relations: a word between the pair and the relation word", "The U.S.-Soviet environmental cooperation "
     "agreement was signed.", "1973-02-15", [("U.S.-Soviet", "us-soviet-relations")]),
    ("restriction: in a heading in capitals too", "HOSPITAL COST CONTAINMENT", None, []),
    ("restriction: a term in a heading in capitals", "PROTECTIVE TARIFF", None, [("TARIFF", "tariffs")]),
    ("relations: a heading in capitals", "THE U.S.-SOVIET RELATIONSHIP", "1980-01-21",
     [("U.S.-SOVIET", "us-soviet-relations")]),
    ("metonym as a place: a meeting or document named after it", "The conference put into effect the surtaxes "
     "provided for by the Brussels treaty.", None, []),
    ("metonym as a place: the city of", "We are embarking on a building program for the city of Brussels.", None,
     []),
    ("metonym as a place: documents in the plural named after it", "Venezuela is paying off the last of the "
     "claims provided for by the Brussels protocols.", None, []),
    ("metonym as a place: a section that names the city as a city", "The city of Brussels is a beautiful city. "
     "Brussels should show itself under the new law an example. The history of Brussels is long.", None, []),
    ("metonym as a place: one sense per paragraph", "Slums should never be permitted to grow up in Brussels. "
     "Moreover, while Brussels is not a great industrial city, it has a large population.", None, []),
    ("metonym: a place in another paragraph does not count", "Brussels insists on the rules.", None,
     [("Brussels", "european-union")]),
    ("restriction: a phrase before", "The states of America have become conscious of a new community of "
     "interest, and America leads.", None, [("America", "united-states")]),
    ("restriction: a phrase after", "The judges of the United States district courts are underpaid; the United "
     "States district attorneys are overworked.", None, [("United States", "united-states")]),
    ("restriction: an alias restating the title restricts it", "They study coffee, India rubber, and other "
     "tropical products; India grows them.", None, [("India", "india")]),
    ("prefix: self-", "Our capacity for comparative self-containment affords a firm foundation.", None, []),
    ("metonym as a place: the object of a verb of place", "The people who inhabit Brussels deserve no less.",
     None, []),
    ("longer name: a continent's adjective before a state", "I could wish the disturbed condition in Asiatic "
     "Russia had assumed a less hideous aspect.", None, []),
    ("longer name: a compass adjective before a common noun", "Goods were received over this road at the United "
     "States Eastern ports from ports on the Pacific Coast.", None, [("United States", "united-states")]),
    ("longer name: two names the model ran together by the", "Since our merchant ships were driven from the sea "
     "by the rebel cruisers during the War of the Rebellion the United States has been paying an enormous annual "
     "tribute.", None, [("United States", "united-states")]),
    ("longer name: an office names its organisation", "It named as a board the Third Assistant Secretary of "
     "State, the Solicitor of the Department of State, and the Chief of the Consular Bureau.", None,
     [("Department of State", "us-state-department")]),
    ("longer name: a part names its organisation", "If the appropriation is made, the consular officers will "
     "assist the Bureau of Trade Relations of the Department of State.", None,
     [("Department of State", "us-state-department")]),
    ("metonym as a place: a conference of it", "The Conference of Brussels, to devise means for suppressing the "
     "slave trade, is still in session.", None, []),
    ("metonym as a place: at it, opening a sentence", "At Moscow the United States, the Union of Soviet Socialist "
     "Republics, and Great Britain agreed to further this development.", "1946-01-21",
     [("United States", "united-states"), ("Great Britain", "united-kingdom")]),
    ("longer name: a state's envoys name it", "In accordance with the agreement at Yalta, the Foreign Ministers of "
     "Great Britain, the Soviet Union, and the United States conferred at frequent intervals.", "1946-01-21",
     [("Great Britain", "united-kingdom"), ("Soviet Union", "soviet-union"), ("United States", "united-states")]),
    ("longer name: a name's last capital letter ends a sentence", "Many of us can remember vividly our disastrous "
     "experience following World War I. Then the very restricted wartime controls were lifted.", "1946-01-21",
     [("World War I", "world-war-i")]),
    ("longer name: the model's entity runs past a name's last capital letter", "Our agricultural plant is in much "
     "better condition than after World War I. Farm machinery and supplies are expected to be available in "
     "increasing quantities.", "1946-01-21", [("World War I", "world-war-i")]),
    ("capitals: a heading's name the text writes only in lower case", ("4. DEMOBILIZATION OF OUR ARMED FORCES",
     "By next July, 9 out of 10 who were serving in the armed forces on VE-day will have been released."), None,
     []),
    ("capitals: a heading's name the text also writes as the name", ("OUR ARMED FORCES",
     "The Armed Forces serve, and the armed forces of our allies too."), None,
     [("ARMED FORCES", "us-armed-forces"), ("Armed Forces", "us-armed-forces")]),
    ("metonym as a person: the paragraph names the person", "I've just repeated word for word the oath taken by "
     "George Washington 200 years ago. It is right that the memory of Washington be with us today, because "
     "Washington remains the Father of our Country.", "1989-01-20", []),
    ("metonym as a place: missions to it", "By continuing to revitalize our traditional friendships, and by our "
     "missions to Beijing and to Moscow, we were able to establish the base for a new pattern.", "1973-01-20", []),
    ("metonym as a person: one sense per paragraph, another city still acts", "George Washington warned us. Today "
     "Washington knows best, and Brussels insists.", "2017-01-20", [("Brussels", "european-union")]),
    # names sharing a head noun in a list (pipeline/shared.py)
    ("shared head: names before a plural head", "The State and Treasury Departments will be in a position "
     "shortly to submit a draft of an agreement.", None, [("State", "us-state-department"),
                                                         ("Treasury", "us-treasury")]),
    ("shared head: names after a plural head and of", "I propose that the Departments of State, Treasury, "
     "Defense, and Justice remain.", None, [("Departments of State", "us-state-department"),
                                            ("Treasury", "us-treasury"), ("Defense", "pentagon")]),
    ("shared head: parties", "Members of both the Republican and Democratic Parties voted for it.", None,
     [("Republican", "republican-party"), ("Democratic", "democratic-party")]),
    ("shared head: names no entry has", "The War and Navy Departments have grown.", None, []),
    ("shared head: one name is no list", "The experts of the Treasury Departments of the States met.", None, []),
    # relation phrases over pairs of states
    ("relations: US-China relations", "US-China relations worsened.", None,
     [("US-China", "us-china-relations")]),
    ("relations: Chinese-Russian relations", "Chinese-Russian relations deepened after the war.", None,
     [("Chinese-Russian", "sino-russian-relations")]),
    ("relations: Sino-Soviet split", "The Sino-Soviet split divided the communist world in the 1960s.", None,
     [("Sino-Soviet", "sino-russian-relations")]),
    ("relations: an agenda", "Soviet conduct is a key element of the U.S.-Soviet agenda.", None,
     [("U.S.-Soviet", "us-soviet-relations")]),
    ("relations: no pair, no link", "Russian-American trade grew.", None, []),
    ("relations: one token before the relation word", "I want a lasting basis for U.S.-Soviet cooperation.",
     None, [("U.S.-Soviet", "us-soviet-relations")]),
    # surname inside the model's full-name entity
    ("surname inside the full name", "The world-system of [Immanuel] Wallerstein is debated.", None,
     [("Wallerstein", "immanuel-wallerstein")]),
]


@pytest.mark.parametrize("name,paragraph,date,expected", CASES, ids=[c[0] for c in CASES])
def test_rules(run, name, paragraph, date, expected):
    assert run(paragraph, date)[1] == expected


CANDIDATE_CASES = [
    ("acronym G20 is kept", "Leaders of the G20 met in Rome.", "G20", True),
    ("acronym G7 is kept", "The G7 imposed a price cap.", "G7", True),
    ("an army's offices are no names", "He reviewed the operation of the several departments of the "
     "Quartermaster-General, Commissary-General, Paymaster-General and Surgeon-General.", "Quartermaster-General",
     False),
    ("longer name listed in full", "Trade with Latin America grew.", "Latin America", True),
    ("longer name listed in full (institute)", "He teaches at the Institute of Globalization Studies.",
     "Institute of Globalization Studies", True),
    ("a nationality adjective is not a name", "The Indian government objected.", "Indian", False),
    ("a state's demonym is not a name", "Chinese officials objected.", "Chinese", False),
    ("a nationality adjective in a list is not a name", "African, Asian, and Native Americans came.", "Asian", False),
    ("a list the model ran together is not a name", "We must reform the basic relationships of Federal, State, and "
     "local governments in any tax reform.", "Federal, State",
     False),
    ("a surname alone joins the full name", "Bruce Gilley wrote the essay. Critics said Gilley was wrong.",
     "Gilley", False),
    ("the full name keeps the surname's count", "Bruce Gilley wrote the essay. Critics said Gilley was wrong.",
     "Bruce Gilley", True),
    ("group noun is kept", "The Republicans objected to the bill.", "Republicans", True),
    ("an abbreviation ending a name keeps its full stop", "We will cheer when Team U.S.A. marches in Paris.",
     "Team U.S.A.", True),
    ("a name opening with a glued particle is kept", "The leader known as al-Baghdadi is dead.", "al-Baghdadi", True),
    ("a first name ending like an adjective, then a verb", "His wife Kelli is in the Gallery tonight.", "Kelli", True),
    ("capitalised words the model missed", "We will fund something near and dear to all of us: Head Start.",
     "Head Start", True),
    ("capitalised words with connectors", "More students earn degrees. Race to the Top, with the help of Governors, raised standards.",
     "Race to the Top", True),
    ("capitals of a heading inside a paragraph are not a name", "MUTUAL AID. We will help our friends.",
     "MUTUAL AID", False),
    ("an office is not a name", "The Chief Justice swore him in.", "Chief Justice", False),
    ("a common noun capitalised by house style", "The Chamber applauded, and the chamber was full.", "Chamber",
     False),
    ("a capitalised word the text never writes in lower case is kept", "The Chamber applauded.", "Chamber", True),
    ("a description headed by Government", "The Iraqi Government and the Federal Government met.",
     "Federal Government", False),
    ("a single-word name never written in lower case is kept", "Congress met, and Congress agreed.",
     "Congress", True),
    ("a sentence's opening word the text also writes in lower case is cut",
     "Previous Presidents have used the authority that previous courts approved.", "Previous Presidents", False),
    ("a sentence's opening word never written in lower case stays", "Social Security is sound. Social Security "
     "will last.", "Social Security", True),
    ("a title alone is not a name", "Mr. Speaker, Members of Congress: welcome.", "Speaker", False),
    ("an office ending in a title is not a name", "I plan to appoint a consumer counsel to serve the President's Special Assistant "
     "for Consumer Affairs.", "Special Assistant", False),
    ("a plural the text writes in the singular in lower case", "Congress puts requirements on our cities, counties, "
     "and States, and each state must comply.", "States", False),
    ("titles alone are not a name", "I have just recently returned from a very fruitful visit and talks with His "
     "Holiness the Pope.", "His Holiness", False),
    ("a person's rank is cut from the name", "On his second deployment to Iraq in 2008, Sergeant Hake wrote a "
     "letter to his son.", "Hake", True),
    ("a nationality adjective and a plural noun are a description", "American Presidents have said so, and "
     "presidents will again.", "American Presidents", False),
    ("the model's entity across a double hyphen is not a name", "In the past 18 months we have hailed the entry "
     "of two more States of the Union--Alaska and Hawaii.", "States of the Union--Alaska", False),
    ("a region's adjective is not a name", "We must end our dependence on Middle Eastern oil.", "Middle Eastern",
     False),
    ("an organisation's part is listed without its organisation", "If the appropriation is made, the consular "
     "officers will assist the Bureau of Trade Relations of the Department of State.", "Bureau of Trade Relations",
     True),
    ("names glued by a hyphen are one name", "The following Powers participated: the United States, "
     "Austria-Hungary, France, Germany and Italy.", "Austria-Hungary", True),
    ("a law named after two people joined by a hyphen", "Some parts of the funds contributed under the "
     "Sheppard-Towner Act through the Children's Bureau of the Department of Labor have also found their way "
     "into these channels.", "Sheppard-Towner Act", True),
    ("an agency named Administration is a name", "Loans are made by the lending agencies designated by the "
     "Veterans Administration, which serves veterans.", "Veterans Administration", True),
    ("a government named by its president is a description", "The Truman Administration agreed with the "
     "veterans.", "Truman Administration", False),
    ("a prefix glued to a name is cut", "Our naval combatant fleet is three times its pre-Pearl Harbor tonnage.",
     "Pearl Harbor", True),
    ("a day named with a hyphen", "The major tasks of our Military Establishment in Europe following VE-day, and "
     "in the Pacific since the surrender of Japan, have been those of occupation.", "VE-day", True),
    ("the model's entity across a dash and quotes is not a name", 'The majority wrote the following—and with all '
     'due respect, Justices—"Women are not without electoral power"—excuse me.', 'Justices—"Women', False),
]


@pytest.mark.parametrize("name,paragraph,candidate,listed", CANDIDATE_CASES, ids=[c[0] for c in CANDIDATE_CASES])
def test_candidates(run, name, paragraph, candidate, listed):
    annotated, _ = run(paragraph)
    demonyms = {d for e in GLOSSARY for d in e.demonyms}
    names = {c.name for c in collect([annotated], demonyms)}
    assert (candidate in names) == listed, names


@pytest.mark.parametrize("other,listed", [("The country was divided on the question.", False),
                                          ("The country was split on the question.", True)])
def test_a_sentence_opener_the_corpus_writes_in_lower_case_is_no_name(run, other, listed):
    """A short text says little of its own house style: the opening word of Kennedy's "Divided, there is
    little we can do" is no name when another text of the corpus writes "divided"."""
    first, _ = run("United, there is little we cannot do in a host of cooperative ventures. Divided, there is "
                   "little we can do--for we dare not meet a powerful challenge at odds and split asunder.")
    second, _ = run(other)
    second = AnnotatedText(Document(Source("u", SourceMeta(title="U"), (), "u.txt"), second.document.blocks),
                           second.mentions, second.entities, second.sentences)
    names = {c.name for c in collect([first, second])}
    assert ("Divided" in names) == listed, names


def test_heading_words_are_not_candidates():
    source = Source("t", SourceMeta(title="T"), (), "t.txt")
    blocks = (Block("h-1", "heading", "Putin Pivots", 1, 1), Block("p-2", "paragraph", "Nothing here.", 1, 2))
    entity = Entity("t", "h-1", 0, 12, "PERSON", "Putin Pivots", "Putin Pivots", "", True)
    text = AnnotatedText(Document(source, blocks), (), (entity,), {})
    assert collect([text]) == ()


@pytest.mark.parametrize("paragraph,listed", [("AGRICULTURE", False), ("THE ATLANTIC COUNCIL", False),
                                              ("We met the Atlantic Council.", True)])
def test_paragraphs_in_capitals_stand_as_headings(paragraph, listed):
    source = Source("t", SourceMeta(title="T"), (), "t.txt")
    blocks = (Block("p-1", "paragraph", paragraph, 0, 1),)
    name = "Atlantic Council" if listed else paragraph.removeprefix("THE ")
    start = paragraph.index(name)
    entity = Entity("t", "p-1", start, start + len(name), "ORG", name, paragraph, "", start == 0)
    text = AnnotatedText(Document(source, blocks), (), (entity,), {})
    assert [c.name for c in collect([text])] == ([name] if listed else [])


@pytest.mark.parametrize("sentence,expected", [
    ("Businesses from Wall Street and Main Street joined.", ["Wall Street", "Main Street"]),
    ("Help came from North Dakota to South Dakota.", ["North Dakota", "South Dakota"]),
    ("Schools joined Race to the Top this year.", ["Race to the Top"]),
    ("MUTUAL AID for our friends.", []),
    ("The Chief Justice came.", []),
    ("Our Forces are strong.", []),
    ("Only one Name here.", []),  # a stop word
    ("The lands of the Chickasaws and Cherokees were sold.", ["Chickasaws", "Cherokees"]),  # lone names
    ("On the Mobile our commerce was stopped.", ["Mobile"]),
    ("We met the French at sea and the Englishmen too.", []),  # an adjective, a nation's men
    ("They fought against Fascism and Seventy others.", []),  # a doctrine, a number
    ("He acted, Obviously, in good faith.", []),  # not after a lower-case word
    ("Troops under Brigadier Scott marched.", []),  # a run holding a rank is a role
    ("Debt from the War of 1812 and the Panic of 1837 was paid.", ["War of 1812", "Panic of 1837"]),  # with a year
])
def test_capitalised_names(sentence, expected):
    """Runs of capitalised words on tokens nothing else covers: what the model's entities leave out."""
    from annotated_reader.pipeline.nlp import load_pipeline
    from annotated_reader.pipeline.longer import capitalised_names

    doc = load_pipeline(Settings().model, ("ner",)).make_doc(sentence)
    assert [span.text for span in capitalised_names(doc, frozenset())] == expected


@pytest.mark.parametrize("paragraph,name,label,listed", [
    ("The Collectors of Customs reported.", "Collectors of Customs", "ORG", False),  # an office: title + "of"
    ("The Commissioner General of Immigration reported.", "Commissioner General of Immigration", "ORG", False),
    ("The Colonels met the press.", "Colonels", "PERSON", False),  # a title in the plural
    ("The Frenchmen are here.", "Frenchmen", "NORP", False),  # nationality nouns of persons
    ("Congressional action is needed.", "Congressional", "ORG", False),  # an adjective before a noun
    ("Portugal exports wine.", "Portugal", "GPE", True),  # a place's name ending like one
    ("The Bank of Commerce lent it.", "Bank of Commerce", "ORG", True),
    ("The Republicans objected.", "Republicans", "NORP", True),
    ("Hitherto there has been no difference of policy.", "Hitherto", "PERSON", False),  # an adverb opening it
    ("There were Divisions of Far Eastern, Near Eastern, and Western European Affairs.", "Far Eastern", "ORG",
     False),  # a compass adjective alone, before a comma
    ("The Nation has emerged with increased strength.", "Nation", "ORG", False),  # government nouns alone
    ("The Board is independent of the Executive.", "Executive", "LOC", False),
    ("We as one of the Republics reiterate our willingness.", "Republics", "GPE", False),
    ("We as one of the Republics reiterate our willingness.", "Republics", "PERSON", False),
    ("The Empire joined the war.", "Empire", "GPE", False),
    ("Regulars and volunteers served.", "Regulars and", "ORG", False),  # a function word ends it
    ("I invite attention to the report by the Secretary of the Interior of the need for laws.",
     "Interior of the need", "ORG", False),  # the model ran on into the sentence
    ("The Department of justice acted.", "Department of justice", "ORG", True),  # an old text's lower case
    ("The Dominican Republic signed.", "Dominican Republic", "GPE", True),
    ("The Postmaster-General is here.", "Postmaster-General", "ORG", False),  # titles joined by a hyphen
    ("The Secretaries met.", "Secretaries", "ORG", False),  # a title in the plural in -ies
    ("The Circuit Judges sat.", "Circuit Judges", "ORG", False),  # an office ending in a role word
    ("Their Majesties arrived.", "Their Majesties", "PERSON", False),  # a form of address
    ("The Queen Regent received him.", "Queen Regent", "PERSON", False),  # a ruler's title alone
    ("The Sultan issued orders.", "Sultan", "PERSON", False),
    ("We owe these blessings to Providence.", "Providence", "ORG", False),  # an epithet of God
    ("We thank the Giver of All Good.", "Giver of All Good", "PERSON", False),
    ("The Solicitor of the Department of State sat on the board.", "Solicitor of the Department of State", "ORG",
     False),  # an office of a department
    ("The House of Representatives voted.", "House of Representatives", "ORG", True),  # not an office
    ("The Union is safe.", "Union", "ORG", False),  # government nouns alone
    ("The Territories grew.", "Territories", "GPE", False),
    ("All the States of the Union agreed.", "States of the Union", "GPE", False),  # made of such nouns
    ("The Federal Union endures.", "Federal Union", "ORG", False),
    ("Fellow-Citizens of the Senate:", "Fellow-Citizens", "NORP", False),
    ("The Executive Departments reported.", "Executive Departments", "ORG", False),
    ("The Universal Postal Union met.", "Universal Postal Union", "ORG", True),  # a union's name
    ("He gave the State of the Union address.", "State of the Union", "EVENT", True),  # the address
    ("The Chief Magistrate spoke.", "Chief Magistrate", "PERSON", False),  # an office
    ("We trust in the Supreme Being.", "Supreme Being", "PERSON", False),  # an epithet of God
    ("We thank the Author of All Good.", "Author of All Good", "ORG", False),
    ("We thank Divine Providence.", "Divine Providence", "PERSON", False),
    ("The Government of the Czar agreed.", "Government of the Czar", "ORG", False),  # a government described
    ("The Germans attacked.", "Germans", "NORP", False),  # a nation's people
    ("The Nazis attacked.", "Nazis", "NORP", True),  # a party's members
    ("The Seminoles resisted.", "Seminoles", "NORP", True),
    ("The Sec of State reported.", "Sec of State", "ORG", False),  # an abbreviated office
    ("That with the Choctaw Nation is fixed.", "Choctaw Nation", "ORG", True),  # a people's own name
    ("The American Nation is strong.", "American Nation", "ORG", False),  # a description
    ("No people can be bound to acknowledge and adore the Invisible Hand which conducts the affairs of men.",
     "Invisible Hand", "ORG", False),  # an epithet of God
    ("And may that Infinite Power which rules the destinies of the universe lead our councils.", "Infinite Power",
     "ORG", False),
    ("I congratulate my fellow-citizens on the restoration of the credit of the General Government of the Union.",
     "General Government of the Union", "ORG", False),  # a description of the federal government
    ("The Sons of Liberty met.", "Sons of Liberty", "ORG", True),  # not every word an epithet's
])
def test_offices_and_adjectives_are_not_candidates(paragraph, name, label, listed):
    source = Source("t", SourceMeta(title="T"), (), "t.txt")
    start = paragraph.index(name)
    following = paragraph[start + len(name):].split()[0].strip(".") if paragraph[start + len(name):].strip() else ""
    entity = Entity("t", "p-1", start, start + len(name), label, name, paragraph, following, start == 0)
    text = AnnotatedText(Document(source, (Block("p-1", "paragraph", paragraph, 0, 1),)), (), (entity,), {})
    assert [c.name for c in collect([text])] == ([name] if listed else [])
