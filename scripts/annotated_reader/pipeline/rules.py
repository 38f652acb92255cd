"""The rule set that decides whether a glossary match is a mention, with the statistical model in the loop.

Every glossary match (a title or alias found by the span rulers) passes these rules in order; the
first that applies rejects it. What survives competes by length (``filter_spans``), and a person's
bare surname counts only after the full name, or inside a person the model found that holds
the full name ("[Immanuel] Wallerstein"). CONTRIBUTING.md ("How names are matched") shows the
same table with examples.

=============  ============================================================================
rule           a match is rejected when …
=============  ============================================================================
restriction    the alias's own words say so: ``not_followed_by``, ``not_preceded_by``,
               ``requires_in_sentence`` (in a line in capitals too: a name's capitals variant
               is not matched where a lower-case alias of the same entry matches, "HOSPITAL
               COST CONTAINMENT"); an acronym in a line in capitals that the text writes in
               lower case as a word ("PRINCIPLES TO GUIDE US")
prefix         it is one word glued to a prefix by a hyphen (anti-, pro-, post-, non-, ex-, neo-, self-):
               "anti-Western" is a stance, not a mention of the West; a name of several words
               or an acronym stays a mention ("post-World War II", "anti-NATO"), and so does
               an alias that itself has the prefix
longer name    it lies inside a longer name: an entity of the model that adds capitalised
               words ("Latin America", "Institute of Globalization Studies") or an organisation,
               event or law of the model that ends right before "in", "of" (the) or "for" and
               the match ("the Commission on Security and Cooperation" + "in Europe", "the Supreme
               Court" + "of the United States"; not a state's body or ruler, "the Emperor of
               China"), another federation ("the United States of Brazil"), a joint body ("the
               United States and Chilean Claims Commission"), or capitalised
               words right after it ("United States Senate"; also after a hyphen, "U.S.-Mexico-
               Canada Agreement", unless the word is a nationality adjective, "U.S.-Canadian
               border", though a place the model found is a name, "Iraq-Iran war"; a year
               right after it, "America 2000"; "war" or "conflict" after a state or place,
               "the Iraq war", "the Iran-Iraq conflict" (not after "a" or "another", nor "war
               ship(s)": "another Middle East war" is a war there); never after a match in lower
               case, "imperialistic Communism", nor in a heading in capitals; after an
               acronym, not a plural the text also writes in lower case, "our NATO Allies",
               nor after an organisation's such a word in the singular, "the NATO Summit in";
               after a state, not "Government", "the United States Government"), or, for a
               place entry, a compass word before it ("east Asia", "Eastern Europe"), for a
               state a capitalised one or a continent's adjective ("Central America", "West Germany",
               "Asiatic Turkey"; a compass word after a state before a common noun lengthens nothing,
               "the United States Eastern ports"); not across a possessive
               ("Russia's Central Bank"), a title ("President Putin") or another glossary
               name ("Moscow-Washington"), nor after a possessive ("our Nation's Armed
               Forces"); a possessive after the match ends the name unless a capitalised word
               (or one and a connector) is glued before the match ("the Helping America's Youth
               Initiative", "the Commission on America's Urban Families"); a number
               the model found ("Fourteen million World War II") is no name, nor is a
               sentence's (or a quotation's) opening word the text also writes in lower case,
               or the -ing form of a verb it writes ("Keeping America competitive"), nor an entity
               the model ran across a clause ("Congress when America ended"), into a hyphenated word
               ("the Continent on American-owned steamers"), over two names joined by "the" ("the War
               of the Rebellion the United States") or across "and" right after the match ("the
               Department of Defense and Energy"), nor "Mainland" before a state; a state's
               body ends with the state it names ("the Congress of the United States"), an office with its
               organisation ("the Solicitor of the Department of State"); a vessel noun before a
               state or a place makes a ship's name ("the whaleship Canada"). The longer name goes
               to the candidates list.
label          the model labels the very same words as a number, date, time or amount and the
               entry is a person, state, organisation, place or concept; an entry that lists
               the ``labels`` it accepts is held to that list instead (a book called "1984"
               is a document, so a DATE label does not veto it)
metonym        the alias is a place standing for a government (``metonym: true``) and a title
               makes it a person ("President Washington"), or it is used as a place: "in" or
               "at" it, unless officials, negotiators, power or views are there or a
               possessive follows ("a debate in Washington"; "officials in Washington" act), a
               meeting, a visit, a journey or a residence there ("talks in Brussels", "flew
               to Moscow", "the embassy in Beijing", "here in Washington"),
               "outside (of)" or "near" it, a verb whose object is a place ("who inhabit
               Washington", "visited Moscow"), alone in a transcript's square brackets ("Governor Gardner
               [Washington]"), a possessive before a place noun ("Moscow's suburbs"), "of" it
               after a place's part, an event, a meeting or a document ("the gates of Moscow", "the States of
               Oregon and Washington", "the Conference of Brussels"), a city like it ("a growing city like Washington"),
               or "to" it after a journey a few words back ("the visit of the Prime Minister to
               Washington"), a meeting or document named after it ("the Washington treaty",
               "the Moscow summit"); a list carries the place ("in Washington, and Moscow and
               Chungking"); a place use makes the city a place in its whole paragraph, and
               after "the city of X" in the rest of the section; "officials in Washington", "a
               signal to Beijing" and "Brussels insists" stay the government (module ``metonyms``)
period         the alias names the entry only in a ``period`` and the sentence (else the
               text) is dated outside it, by the year it names nearest the match (a decade by
               its last year): Moscow in 1969 is the Soviet Union, in 2023 Russia; an undated
               passage of an undated text is read as the present, and so is a sentence that
               says "today" or "now" ("Europe today can balance Russia, unlike in 1945"); or
               only in texts ``written`` in some years and the text is dated outside them ("the
               World War" until 1941). In its years such an alias wins over another entry's
               unrestricted name ("Russia" in 1942 is the Soviet Union) (module ``periods``)
=============  ============================================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..inputs.text import fold
from ..model import Alias
from .words import (ADJECTIVE_ENDING, COMPASS, CONTINENTAL, DETERMINERS, INDEFINITE, NOT_NAME_WORDS, ROLE_WORDS,
                    SENTENCE_OPENERS, STATE_BODIES, TITLES, VESSELS, WAR_WORDS, possessive)

PREFIXES = frozenset({"anti", "pro", "post", "non", "ex", "neo", "self"})
AMOUNTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
VETOED_BY_AMOUNTS = frozenset({"person", "state", "organization", "place", "concept"})
"""Entry types a number, date or amount label vetoes (unless the entry lists its ``labels``).

Name labels (PERSON for a state, GPE for a person) veto nothing by default: measured on the
tuning texts, the small English model gives a person's label to "Kyiv" and a place's to
"Mearsheimer" often enough that such a veto loses more true links than it saves."""
YEAR_NUMBER = re.compile(r"(?:1[0-9]{3}|20[0-9]{2})")


@dataclass(frozen=True)
class Context:
    """What the rules may look at besides the match: the block, the model's entities, the dates."""

    doc: Doc
    glossary_tokens: frozenset[int]
    """Tokens covered by some glossary match (of any entry) in the block."""
    text_year: int | None
    lower_words: frozenset[str] = frozenset()
    """Words the text writes in lower case: capitalised at a sentence's start, they open it, not a name."""


OPENING_QUOTES = frozenset({'"', "“", "‘"})


def _gerund(word: str, lower: frozenset[str]) -> bool:
    """A verb's -ing form whose verb the text writes: "Keeping America strong" (the text writes "keep")."""
    stem = word[:-3]
    return word.endswith("ing") and len(stem) > 2 and (stem in lower or stem + "e" in lower or stem[:-1] in lower)


def _is_name_word(token, lower: frozenset[str] = frozenset()) -> bool:
    """A capitalised word that may belong to a name: not a title, a determiner, a day or a month, and at a
    sentence's start not a word the text also writes in lower case ("Keeping America competitive")."""
    before = token.nbor(-1).text if token.i > 0 else ""
    opens = token.is_sent_start or before in OPENING_QUOTES  # "Tell America not to abandon us."
    if opens and (token.is_stop or token.lower_ in SENTENCE_OPENERS or token.text.lower() in lower
                  or _gerund(token.lower_, lower)):
        return False
    if token.is_stop and before.endswith("."):
        return False  # a sentence the splitter missed after an abbreviation: "Main Street, U.S.A. But …"
    return (token.is_alpha and token.text[:1].isupper() and token.lower_ not in TITLES | DETERMINERS | NOT_NAME_WORDS)


def restriction(span: Span, alias: Alias, words: tuple[frozenset, frozenset, frozenset]) -> bool:
    """The alias's own restriction words reject the match (a comma between does not hide them: "Washington, DC")."""
    doc = span.doc
    not_followed, not_preceded, required = words
    after = span.end + 1 if span.end + 1 < len(doc) and doc[span.end].text == "," else span.end
    if not_followed and any(fold(" ".join(t.text for t in doc[after:after + n])) in not_followed
                            for n in {len(w.split()) for w in not_followed} if after + n <= len(doc)):
        return True  # a word or a phrase ("United States district courts")
    if not_preceded and any(fold(" ".join(t.text for t in doc[max(0, span.start - n):span.start])) in not_preceded
                            for n in {len(w.split()) for w in not_preceded} if span.start >= n):
        return True  # a word or a phrase ("states of America")
    return bool(required) and not {fold(t.text) for t in span.sent} & required


def word_in_capitals(span: Span, alias: Alias, context: Context) -> bool:
    """An acronym, in a line in capitals, that the text also writes in lower case as a word:
    "PRINCIPLES TO GUIDE US" (the text writes "us")."""
    if not alias.text.isupper() or len(span) > 1 or fold(span.text) not in context.lower_words:
        return False
    doc = span.doc
    return any(doc[i].is_alpha and doc[i].is_upper for i in (span.start - 1, span.end) if 0 <= i < len(doc))


def prefix(span: Span, alias: Alias) -> bool:
    """One word glued to anti-, pro-, post-, non-, ex-, neo- or self- by a hyphen (the alias lacking it)."""
    doc = span.doc
    if span.start < 2 or len(span) > 1 or span.text.isupper():
        return False
    hyphen, word = doc[span.start - 1], doc[span.start - 2]
    glued = hyphen.text in ("-", "–") and not word.whitespace_ and not hyphen.whitespace_
    return glued and word.lower_ in PREFIXES and not fold(alias.text).startswith(word.lower_)


def _own_words(title: str) -> frozenset[str]:
    return frozenset(fold(w) for w in re.findall(r"\w+", title))


def _body_of(span: Span, ent: Span, entry_type: str) -> bool:
    """The entity is "<body> of (the) <span>", ending with the match: a state's body names the state, an
    office names its organisation ("the Solicitor of the Department of State")."""
    bodies = STATE_BODIES if entry_type == "state" else TITLES | ROLE_WORDS if entry_type == "organization" else ()
    doc = span.doc
    before = span.start - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    return (span.end == ent.end and before >= ent.start and doc[before].lower_ == "of"
            and any(t.lower_ in bodies for t in doc[ent.start:before]))


def _adds_name(tokens, context: Context, own: frozenset[str]) -> bool:
    """Some of the tokens are name words of neither a glossary match nor the entry's own title."""
    return any(_is_name_word(t, context.lower_words) and t.i not in context.glossary_tokens and fold(t.text) not in own
               for t in tokens)


def _house_nouns(span: Span, context: Context, entry_type: str) -> frozenset[str]:
    """After an acronym, a plural the text also writes in lower case is a common noun in capitals, not part
    of a name: "our NATO Allies" (the text writes "allies" too); after an organisation's acronym, so is
    such a word in the singular when no name word follows it: "the NATO Summit in Washington"."""
    if not span.text.replace(".", "").isupper():
        return frozenset()
    doc = span.doc
    after = doc[span.end:span.end + 1]
    last = span.end + 1 >= len(doc) or not _is_name_word(doc[span.end + 1], context.lower_words)
    return frozenset(fold(t.text) for t in after if t.lower_ in context.lower_words
                     and (t.lower_.endswith("s") or (entry_type == "organization" and last)))


def _hyphen_then_name(doc: Doc, i: int, context: Context) -> bool:
    """A hyphen glued between a name and a capitalised word that is a name, not an adjective."""
    if i + 1 >= len(doc) or doc[i].text not in ("-", "–") or doc[i - 1].whitespace_ or doc[i].whitespace_:
        return False
    after = doc[i + 1]
    adjective = ADJECTIVE_ENDING.search(after.text) and after.ent_type_ not in ("GPE", "LOC", "ORG", "FAC")
    return _is_name_word(after, context.lower_words) and after.i not in context.glossary_tokens and not adjective


TAIL_CONNECTORS = frozenset({"in", "of", "for"})
BODY_LABELS = frozenset({"ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART"})


def _name_before(span: Span, context: Context) -> Span | None:
    """An organisation, event or law the model found (no glossary name) that ends right before "in",
    "of" or "for" and the match: the match ends its name ("the Commission on Security and Cooperation"
    + "in Europe"; but "World War II in Asia" is two names, and before "in" the name must itself hold
    a connector: "the Consular Service in China" is a service there)."""
    doc = span.doc
    i = span.start - 1
    if i >= 2 and doc[i].lower_ == "the" and doc[i - 1].lower_ == "of" and not span[0].is_lower:
        i -= 1  # "the Supreme Court" + "of the United States"; not "section 2" + "of the tariff law"
    if i < 1 or doc[i].lower_ not in TAIL_CONNECTORS:
        return None
    for ent in doc.ents:
        if ent.end == i and ent.label_ in BODY_LABELS and len(ent) > 1 and not any(
                t.i in context.glossary_tokens for t in ent):
            titled = any(t.is_lower and t.lower_ in CONNECTORS for t in ent[1:])  # "Commission on Security and …"
            return ent if doc[i].lower_ != "in" or titled else None  # "the Consular Service in China" is there
    return None


def longer_name(span: Span, context: Context, title: str = "", entry_type: str = "") -> Span | None:
    """The longer name the match lies inside, or None (see the table above).

    Words of the entry's own title do not make a longer name: "[Immanuel] Wallerstein", which the
    model finds as one person, is the full name of the entry whose surname matched.
    """
    doc = span.doc
    own = (_own_words(title) | (STATE_WORDS if entry_type == "state" else frozenset())
           | _house_nouns(span, context, entry_type))
    if span.start > 0 and doc[span.start - 1].lower_ in VESSELS and entry_type in ("state", "place"):
        return doc[span.start - 1:span.end]  # a ship named after it: "the whaleship Canada"
    head = _name_before(span, context)
    if head is not None and not (entry_type == "state" and head[-1].lower_ in STATE_BODIES):
        return doc[head.start:span.end]
    for ent in doc.ents:
        if ent.label_ in AMOUNTS:
            continue  # "Fourteen million World War II" is a number, not a longer name
        if ent.start <= span.start and span.end <= ent.end and (ent.start, ent.end) != (span.start, span.end):
            if _body_of(span, ent, entry_type):
                continue
            if span.start - 2 >= ent.start and doc[span.start - 1].lower_ == "the" and not doc[span.start - 2].is_lower:
                continue  # two names the model ran together: "the War of the Rebellion the United States"
            extra = [t for t in list(doc[ent.start:span.start]) + list(doc[span.end:ent.end])]
            before = span.start - 1
            if before > ent.start and doc[before].is_lower and doc[before].lower_ in CONNECTORS:
                before -= 1  # "the Commission on America's Urban Families"
            glued = before >= ent.start and _adds_name(doc[before:before + 1], context, own)
            if span.end < ent.end and possessive(doc[span.end]) and not glued:
                continue  # "Russia's Central Bank"; but "the Helping America's Youth Initiative" is one name
            if span.start > ent.start and possessive(doc[span.start - 1]):
                continue  # "our Nation's Armed Forces": the owner's name and the match are two names
            if any(t.is_punct and t.text not in "-–'’." for t in extra):
                continue  # an entity the model ran across punctuation ("the Pacific: India") is not one name
            if any(t.is_lower and t.is_alpha and t.lower_ not in NAME_LINKS for t in extra):
                continue  # nor across a clause ("Congress when America ended the war")
            if ent.end < len(doc) and doc[ent.end].text in ("-", "–") and not doc[ent.end - 1].whitespace_:
                continue  # nor into a word a hyphen joins ("the Continent on American-owned steamers")
            if span.end < ent.end and doc[span.end].lower_ == "and":
                continue  # two names: "the Department of Defense and Energy"
            if _adds_name(extra, context, own):
                return ent
    if span[0].is_lower:
        return None  # words in lower case do not open a name: "imperialistic Communism"
    if span.text.isupper() and span.end < len(doc) and doc[span.end].is_upper:
        return None  # a heading in capitals: "AMERICA AND THE COMMUNIST NATIONS"
    end = span.end
    while end < len(doc):
        if doc[end].lower_ in COMPASS and (end + 1 == len(doc) or doc[end + 1].is_lower):
            break  # a compass adjective before a common noun: "the United States Eastern ports"
        if _adds_name(doc[end:end + 1], context, own):
            end += 1
        elif _hyphen_then_name(doc, end, context):
            end += 2  # "U.S.-Mexico-Canada Agreement"; but "U.S.-Canadian border" is the U.S.
        else:
            break
    if end == span.end and end < len(doc) and YEAR_NUMBER.fullmatch(doc[end].text):
        end += 1  # a programme named with a year: "America 2000"
    first = span.start
    while first >= 2 and doc[first - 1].text in ("-", "–") and doc[first - 2].text[:1].isupper():
        first -= 2  # back over the names a hyphen joins: "the Iran-Iraq conflict"
    before = doc[first - 1].lower_ if first > 0 else ""
    if (end == span.end and end < len(doc) and doc[end].lower_ in WAR_WORDS and entry_type in ("state", "place")
            and before not in INDEFINITE and (doc[end].lower_ != "conflict" or before == "the")
            and not (end + 1 < len(doc) and doc[end + 1].lower_ in ("ship", "ships", "vessel", "vessels"))):
        end += 1  # a war named after a place: "the Iraq war", "the Gulf war"
    if (end == span.end and end + 1 < len(doc) and span[-1].lower_ == "states" and doc[end].lower_ == "of"
            and doc[end + 1].text[:1].isupper() and not doc[end + 1].lower_.startswith("america")
            and doc[end + 1].ent_type_ != "NORP" and not ADJECTIVE_ENDING.search(doc[end + 1].text)):
        end += 2  # another federation: "the United States of Brazil", "the United States of Central America"
    if end == span.end and end + 2 < len(doc) and doc[end].lower_ == "and" and doc[end + 1].ent_type_ != "NORP":
        joint = next((e for e in doc.ents if e.start == end + 1 and len(e) > 1 and e.label_ in BODY_LABELS), None)
        if joint is not None and ADJECTIVE_ENDING.search(joint[0].text) and joint[0].is_title:
            end = joint.end  # a joint body: "the United States and Chilean Claims Commission"
    if end > span.end:
        return doc[span.start:end]
    return None


def region_part(span: Span, entry_type: str) -> Span | None:
    """For a place entry (a region), a compass word before it makes another region: "east Asia"; for a
    state, a capitalised one makes another name: "Central America", "West Germany"."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.lower_ in COMPASS or entry_type == "state" and before.lower_ in CONTINENTAL) and (
            entry_type == "place" or (entry_type == "state" and before.text[:1].isupper() and span.text[:1].isupper())):
        return doc[span.start - 1:span.end]
    return None


def full_name_around(span: Span, title: str) -> bool:
    """The model's entity around a surname adds the entry's other names: the full name is there."""
    own = _own_words(title)
    for ent in span.doc.ents:
        if ent.label_ == "PERSON" and ent.start <= span.start and span.end <= ent.end and len(ent) > len(span):
            extra = [t for t in ent if t.i < span.start or t.i >= span.end]
            if any(fold(t.text) in own for t in extra if t.is_alpha):
                return True
    return False


def label(span: Span, entry_type: str, accepted: tuple[str, ...]) -> str | None:
    """The model's label for exactly these words when the entry cannot carry it, else None."""
    for ent in span.doc.ents:
        trimmed = ent[1:] if ent[0].lower_ in DETERMINERS and len(ent) > 1 else ent
        if (trimmed.start, trimmed.end) == (span.start, span.end):
            if accepted:
                wrong = ent.label_ not in accepted
            else:
                wrong = ent.label_ in AMOUNTS and entry_type in VETOED_BY_AMOUNTS
            return ent.label_ if wrong else None
    return None


STATE_WORDS = frozenset({"mainland", "government"})
"""Words around a state's name that do not make another name ("Mainland China" is China, "the United
States Government" names the United States)."""
CONNECTORS = frozenset({"of", "for", "to", "the", "on", "in", "de", "du", "von", "van", "der"})
"""Lower-case words a name of several capitalised words may hold ("Race to the Top"); "and" joins two
names ("Wall Street and Main Street"), and so does a lone "to" ("from North Dakota to South Dakota"),
which must come with "the"."""
NAME_LINKS = CONNECTORS | {"and", "für", "und", "del", "la", "le", "des", "di", "da", "y", "et", "al"}
"""Lower-case words a name the model found may hold ("Organization for Security and Co-operation in Europe")."""


def capitalised_names(doc: Doc, taken: frozenset[int], lower: frozenset[str] = frozenset()) -> list[Span]:
    """Runs of two or more capitalised name words (with connectors between them) on tokens no entity
    and no glossary match covers: names the model missed ("Head Start", "Race to the Top")."""
    found = []
    i = 0
    while i < len(doc):
        if i in taken or not _is_name_word(doc[i], lower):
            i += 1
            continue
        end, words = i + 1, 1
        while end < len(doc):
            if end not in taken and _is_name_word(doc[end], lower):
                end, words = end + 1, words + 1
                continue
            gap = end
            while gap < len(doc) and gap - end < 2 and doc[gap].lower_ in CONNECTORS and doc[gap].is_lower:
                gap += 1
            lone_to = gap - end == 1 and doc[end].lower_ == "to"
            if gap > end and not lone_to and gap < len(doc) and gap not in taken and _is_name_word(doc[gap], lower):
                end = gap
                continue
            break
        run = doc[i:end]
        named = [t for t in run if not t.is_lower]
        if (words >= 2 and not all(t.is_upper for t in named) and not run[0].is_stop
                and not any(t.lower_ in ROLE_WORDS for t in named)):
            found.append(Span(doc, i, end, label="NAME"))  # not a heading in capitals, a role or "Our Forces"
        i = end
    return found

