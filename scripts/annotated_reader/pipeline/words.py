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
})
"""Words of ranks, offices and forms of address: capitalised words holding one are a role, not a name."""

DETERMINERS = frozenset({"the", "a", "an"})
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

STATE_BODIES = frozenset({
    "congress", "government", "governments", "people", "peoples", "president", "constitution", "senate",
    "parliament", "citizens", "armed", "army", "navy", "embassy", "emperor", "empress", "king", "queen", "czar",
    "tsar", "sultan", "courts", "delegation", "laws", "statutes",
})
"""Bodies, offices and rulers of a state: "the Congress of the United States", "the Emperor of China"
name the state too."""


def possessive(token) -> bool:
    """The token is a possessive ending ("'s", "’s", or a lone apostrophe)."""
    return fold(token.text) in ("'s", "'")
