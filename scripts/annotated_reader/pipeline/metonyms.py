"""The metonym rule: a city standing for a government is a mention only where it acts, not where
something happens there (the ``metonym`` row of the rule table in ``rules``)."""

from __future__ import annotations

from spacy.tokens import Span

from .words import DETERMINERS, TITLES, possessive

PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "from", "into", "near", "around", "across", "via"})
PLACE_NOUNS = frozenset({
    "suburb", "suburbs", "street", "streets", "outskirts", "airport", "airports", "mayor", "residents", "metro",
    "centre", "center", "city", "region", "square", "district", "districts", "subway", "hotel", "hotels", "river",
    "stadium", "university", "theatre", "theater", "museum", "parks", "park", "traffic", "population",
})
PLACE_CUES = frozenset({
    "meet", "meets", "met", "meeting", "meetings", "summit", "summits", "talks", "conference", "held", "hold",
    "holds", "signed", "sign", "gathered", "gather", "visit", "visits", "visited", "visiting", "trip", "trips",
    "travel", "travels", "travelled", "traveled", "flew", "fly", "flies", "went", "go", "goes", "came", "come",
    "arrived", "arrive", "arrives", "returned", "return", "journey", "landed", "embassy", "embassies", "based",
    "born", "lived", "live", "lives", "living", "stationed", "posted", "studied", "protest", "protests",
    "protesters", "rally", "rallies", "parade", "ceremony", "streets", "hotel", "airport", "bombing", "attack",
    "attacks", "march", "marched", "moved", "headquarters", "headquartered", "office", "offices", "stayed",
    "negotiation", "negotiations", "negotiated", "here", "there", "sent",
})
"""Words before the preposition that make a metonym a place ("talks in Brussels", "flew to Moscow",
"negotiations in Washington", "right here in Washington": the speaker's own place)."""
VIEW_HOLDERS = frozenset({
    "official", "officials", "policymakers", "policy-makers", "strategists", "planners", "leaders", "hawks",
    "negotiator", "negotiators", "power",
    "view", "views", "consensus", "thinking", "mood", "opinion", "anxiety", "fear", "fears", "concern", "concerns",
    "calculation", "calculations", "sentiment", "perception", "assessment",
})
"""Nouns before "in <city>" that make the city the government whose people, power or views they are
("officials in Washington", "the people in power in Moscow", "the prevailing view in Brussels");
otherwise "in"/"at" a city is the place."""
LOCATIVE = frozenset({"outside", "inside", "near"})
"""Prepositions that make a place by themselves, with no cue ("outside (of) Washington", "near Moscow")."""
PLACE_OF = frozenset({"gates", "outskirts", "streets", "suburbs", "siege", "battle", "defense", "defence", "heart",
                      "residents", "mayor", "liberation", "city", "state", "states", "parks", "schools", "part",
                      "citizens", "inhabitants", "beauty", "districts", "corridors"})
"""Nouns that make "of <city>" the city itself ("the gates of Moscow", "the defense of Moscow"), or
the state named like it ("the States of Oregon and Washington")."""
PLACE_VERBS = frozenset({"visit", "visits", "visited", "visiting", "inhabit", "inhabits", "inhabited", "entered",
                         "enter", "toured", "tour", "occupied", "bombed", "besieged", "captured", "liberated"})
"""Verbs whose object is a place ("the people who inhabit Washington", "when Nixon visited Moscow")."""
NAMED_AFTER = frozenset({"conference", "conferences", "treaty", "treaties", "summit", "summits", "agreement",
                         "agreements", "accord", "accords", "declaration", "declarations", "communique",
                         "communiques", "protocol", "protocols", "olympics"})
"""Words after a city, or before "of" it, that make a meeting or a document named after the place ("the
Washington treaty", "the Conference of Brussels")."""
JOURNEYS = frozenset({"visit", "visits", "trip", "trips", "journey", "journeys", "mission", "missions"})
"""Nouns of a journey that reach "to <city>" across a few words ("the visit of the Prime Minister to Washington")."""


def titled(span: Span) -> bool:
    """A title right before the name makes it a person's: "President Washington", "General Washington"."""
    return span.start > 0 and span.doc[span.start - 1].lower_.rstrip(".") in TITLES


def person_named(span: Span) -> bool:
    """A person the model found holds the name and more ("George Washington"): the paragraph's
    bare "Washington" is that person too."""
    return any(ent.label_ == "PERSON" and ent.start <= span.start and span.end <= ent.end and len(ent) > len(span)
               for ent in span.doc.ents)


def names_the_city(span: Span) -> bool:
    """The text names the city as a city ("the city of Washington", a heading "THE CITY OF WASHINGTON"):
    the section that does so is about the place, and the name stays the place there."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ == "city"


def used_as_place(span: Span) -> bool:
    """A metonym used as a place: a place cue, a preposition and the name; "outside (of)" the name; a
    verb whose object is a place before it ("inhabit Washington"); a meeting or document named after it
    ("the Washington treaty");
    the name alone in square brackets (a transcript's gloss: "Governor Gardner [Washington]");
    or name's + a place noun."""
    doc = span.doc
    if 0 < span.start and span.end < len(doc) and doc[span.start - 1].text == "[" and doc[span.end].text == "]":
        return True
    i = span.start - 1
    while i >= 2 and doc[i].text in (",", "and") and span.start - i < 10:
        j = i - 1 if doc[i].text == "and" and doc[i - 1].text == "," else i
        if j < 2 or not doc[j - 1].text[:1].isupper():
            break
        i = j - 2  # back over a list of places: "fly to Toronto, Berlin, Moscow", "in Washington, and Moscow"
    if i >= 0 and doc[i].lower_ in DETERMINERS:
        i -= 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in LOCATIVE | PLACE_OF | NAMED_AFTER:
        return True  # "the gates of Moscow", "the Conference of Brussels"
    if i >= 0 and doc[i].lower_ in LOCATIVE | PLACE_VERBS:
        return True
    if i >= 1 and doc[i].lower_ == "like" and doc[i - 1].lower_ in ("city", "cities", "capital", "capitals"):
        return True  # "a modern growing city like Washington"
    if i >= 0 and doc[i].lower_ in PLACE_PREPOSITIONS:
        window = doc[max(0, i - 3):i]
        if any(t.lower_ in PLACE_CUES for t in window):
            return True
        if doc[i].lower_ == "to" and any(t.lower_ in JOURNEYS for t in doc[max(span.sent.start, i - 8):i]):
            return True  # "the visit of the British Prime Minister to Washington"
        held = any(t.lower_ in VIEW_HOLDERS for t in window) or (span.end < len(doc) and possessive(doc[span.end]))
        if doc[i].lower_ in ("in", "at") and not held:
            return True  # "a debate in Washington", "we in Washington"; but "officials in Washington" act
    if span.end < len(doc) and doc[span.end].lower_ in NAMED_AFTER:
        return True  # "the Washington treaty", "the Moscow summit": named after the place
    after = doc[span.end:span.end + 2]
    return len(after) == 2 and possessive(after[0]) and after[1].lower_ in PLACE_NOUNS
