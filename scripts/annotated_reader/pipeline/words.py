"""Word lists of the matching rules and the candidates list (no spaCy here)."""

from __future__ import annotations

import re

from ..inputs.text import fold

ADJECTIVE_ENDING = re.compile(r"(?:an|ian|ese|ish|ic|i)$")
"""Endings of nationality adjectives ("Canadian", "Japanese", "Turkish", "Iraqi")."""

TITLES = frozenset({
    "president", "vice", "prime", "minister", "chancellor", "premier", "secretary", "senator", "sen", "rep",
    "representative", "governor", "mayor", "general", "gen", "admiral", "colonel", "king", "queen", "prince",
    "princess", "pope", "mr", "mrs", "ms", "dr", "professor", "prof", "chairman", "chair", "leader", "speaker",
    "ambassador", "commissioner", "director", "comrade", "sir", "lord", "lady", "saint", "st", "assistant",
    "cochair", "co-chair", "consul", "collector", "receiver", "attorney",
})
"""Words before or after a name that are a title, not part of a longer name."""

ROLE_WORDS = frozenset({
    "god", "chief", "deputy", "agent", "officer", "justice", "commander", "sergeant", "private", "corporal",
    "captain", "lieutenant", "major", "petty", "class", "holiness", "excellency", "honorable", "honourable",
    "judge", "counsellor", "counselor", "treasurer", "superintendent", "adjutant", "postmaster", "commandant",
    "emperor", "empress", "czar", "tsar", "majesty", "majesties", "highness", "highnesses", "dowager", "architect",
    "solicitor", "comptroller", "inspector", "clerk", "hon", "sultan", "shah", "khedive", "regent", "mikado",
    "quartermaster", "paymaster", "surgeon", "provost", "marshal", "tycoon",
    "providence", "creator", "giver", "ruler", "almighty", "deity", "magistrate", "sovereign", "monarch", "delegate",
    "lieut", "esq", "madam", "sec", "brigadier", "commodore", "col", "capt", "maj", "doctor", "reverend", "surveyor",
    "administrator", "member", "members", "gentlemen", "bey", "dey", "bashaw", "pasha",
})
"""Words of ranks, offices and forms of address: capitalised words holding one are a role, not a name."""

LETTER_STOP = re.compile(r"[A-Z]\.")
"""One capital letter and a full stop, one token: an initial ("J. Smith"), or a name's last letter ending a
sentence ("after World War I. Farm machinery"), where a name the model runs on past it ends."""

UNITS = frozenset({"bureau", "bureaus", "division", "divisions", "office", "branch"})
"""Parts of an organisation: "the Bureau of Trade Relations of the Department of State" names the department too."""

DETERMINERS = frozenset({"the", "a", "an"})
SENTENCE_OPENERS = frozenset({
    "yet", "still", "but", "and", "so", "now", "then", "also", "later", "earlier", "soon", "finally", "first",
    "next", "last", "today", "tonight", "here", "there", "thus", "hence", "meanwhile", "moreover", "however",
    "indeed", "instead", "again", "naturally", "perhaps", "even", "only", "when", "while", "after", "before",
    "since", "under", "with", "without", "for", "as", "if", "once", "unlike", "like", "both", "neither",
    "hitherto", "heretofore", "henceforth", "therefore", "furthermore", "nevertheless", "accordingly",
    "likewise", "otherwise", "besides", "consequently",
})
"""Words capitalised only because they open a sentence: not name words, and never a name alone, though
the model sometimes takes one for a name ("Hitherto there has been …")."""
NOT_NAME_WORDS = frozenset({
    "i", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
})
"""Capitalised words that never lengthen a name (days, months, the pronoun I)."""
COMPASS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeast",
    "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern",
})
"""Words that make a part of a region out of it ("east Asia", "Eastern Europe")."""
CONTINENTAL = frozenset({"asiatic", "european", "african"})
"""Adjectives of a continent that make a part of a state spanning two out of it ("Asiatic Turkey",
"European Russia")."""

STATE_BODIES = frozenset({
    "congress", "government", "governments", "people", "peoples", "president", "constitution", "senate",
    "parliament", "citizens", "armed", "army", "navy", "embassy", "emperor", "empress", "king", "queen", "czar",
    "tsar", "sultan", "courts", "delegation", "laws", "statutes", "house", "department", "departments", "territories",
    "executive", "union", "province", "provinces", "minister", "ministers", "ambassador", "ambassadors", "envoy",
    "envoys", "legation", "consul", "consuls",
})
"""Bodies, offices, rulers, envoys and parts of a state: "the Congress of the United States", "the Emperor of
China", "the Foreign Ministers of Great Britain", "the Provinces of Canada" name the state too."""
POLITIES = frozenset({
    "states", "powers", "nations", "countries", "peoples", "governments", "courts", "cabinets", "empires", "kingdoms",
    "monarchies",
})
"""The states of a region: "the belligerent States of Europe" names Europe too."""

WAR_WORDS = frozenset({"war", "wars", "conflict"})
"""Words that make a war's name of a state's or a place's ("the Iraq war"; "conflict" only after
"the": "30 years of Middle East conflict" is conflict there)."""
INDEFINITE = frozenset({"a", "an", "another", "any"})
"""Before "<place> war" they make it a war there, not a war's name: "another Middle East war"."""
VESSELS = frozenset({
    "ship", "steamer", "steamship", "whaleship", "whaler", "schooner", "bark", "barque", "brig", "frigate", "sloop",
    "cruiser", "gunboat", "corvette", "ironclad", "yacht", "vessel",
})
"""Nouns before a state's or a place's name that make it a ship's ("the whaleship Canada")."""


def possessive(token) -> bool:
    """The token is a possessive ending ("'s", "’s", or a lone apostrophe)."""
    return fold(token.text) in ("'s", "'")
