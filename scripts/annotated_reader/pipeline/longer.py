"""The longer-name rule: a glossary match inside a longer name is not a mention (the ``longer name``
row of the rule table in ``rules``), and the runs of capitalised words that make such names."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..inputs.text import fold
from .rules import AMOUNTS, Context, glued_hyphen, is_name_word, own_words
from .words import (ADJECTIVE_ENDING, COMPASS, CONTINENTAL, DETERMINERS, INDEFINITE, LETTER_STOP, POLITIES,
                    ROLE_WORDS, STATE_BODIES, TITLES, UNITS, VESSELS, WAR_WORDS, possessive)

YEAR_NUMBER = re.compile(r"(?:1[0-9]{3}|20[0-9]{2})")


def _body_of(span: Span, ent: Span, entry_type: str) -> bool:
    """The entity is "<body> of (the) <span>", ending with the match: a state's body names the state, an
    office or a part names its organisation ("the Solicitor of the Department of State", "the Bureau of Trade
    Relations of the Department of State"), the states of a region name the region ("the belligerent States
    of Europe")."""
    bodies = {"state": STATE_BODIES, "organization": TITLES | ROLE_WORDS | UNITS, "place": POLITIES}.get(entry_type, ())
    doc = span.doc
    before = span.start - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    return (span.end == ent.end and before >= ent.start and doc[before].lower_ == "of"
            and any(t.lower_ in bodies for t in doc[ent.start:before]))


def unit_part(ent: Span, span: Span) -> Span | None:
    """The part's own name in "<part> of (the) <match>", the match ending the entity: "the Bureau of Trade
    Relations" of "the Bureau of Trade Relations of the Department of State" (a name without an entry)."""
    doc = ent.doc
    first = ent.start + 1 if ent[0].lower_ in DETERMINERS else ent.start
    before = span.start - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    if span.end != ent.end or before <= first + 1 or doc[before].lower_ != "of" or doc[first].lower_ not in UNITS:
        return None
    return Span(doc, first, before, label=ent.label_)


def _adds_name(tokens, context: Context, own: frozenset[str]) -> bool:
    """Some of the tokens are name words of neither a glossary match nor the entry's own title."""
    return any(is_name_word(t, context.lower_words) and t.i not in context.glossary_tokens and fold(t.text) not in own
               for t in tokens)


def _house_nouns(span: Span, context: Context, entry_type: str) -> frozenset[str]:
    """After an acronym, a plural the text also writes in lower case is a common noun in capitals, not part
    of a name: "our NATO Allies" (the text writes "allies" too); after an organisation's acronym, so is
    such a word in the singular when no name word follows it: "the NATO Summit in Washington"."""
    if not span.text.replace(".", "").isupper():
        return frozenset()
    doc = span.doc
    after = doc[span.end:span.end + 1]
    last = span.end + 1 >= len(doc) or not is_name_word(doc[span.end + 1], context.lower_words)
    return frozenset(fold(t.text) for t in after if t.lower_ in context.lower_words
                     and (t.lower_.endswith("s") or (entry_type == "organization" and last)))


def _hyphen_then_name(doc: Doc, i: int, context: Context) -> bool:
    """A hyphen glued between a name and a capitalised word that is a name, not an adjective."""
    if not glued_hyphen(doc, i):
        return False
    after = doc[i + 1]
    adjective = ADJECTIVE_ENDING.search(after.text) and after.ent_type_ not in ("GPE", "LOC", "ORG", "FAC")
    return is_name_word(after, context.lower_words) and after.i not in context.glossary_tokens and not adjective


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
    own = (own_words(title) | (STATE_WORDS if entry_type == "state" else frozenset())
           | _house_nouns(span, context, entry_type))
    if span.start > 0 and doc[span.start - 1].lower_ in VESSELS and entry_type in ("state", "place"):
        return doc[span.start - 1:span.end]  # a ship named after it: "the whaleship Canada"
    stop = len(span) > 1 and LETTER_STOP.fullmatch(span[-1].text)  # "World War I." ends a sentence
    head = _name_before(span, context)
    if head is not None and not (entry_type == "state" and head[-1].lower_ in STATE_BODIES):
        return doc[head.start:span.end]
    for ent in doc.ents:
        if ent.label_ in AMOUNTS:
            continue  # "Fourteen million World War II" is a number, not a longer name
        if ent.start <= span.start and span.end <= ent.end and (ent.start, ent.end) != (span.start, span.end):
            if _body_of(span, ent, entry_type) or (stop and span.end < ent.end):
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
            if span.end < ent.end and doc[span.end].lower_ == "and" and not glued:
                continue  # two names: "the Department of Defense and Energy"; not "the Agreement on Tariffs and Trade"
            if _adds_name(extra, context, own):
                return ent
    if span[0].is_lower or stop:
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




STATE_WORDS = frozenset({"mainland", "government"})
"""Words around a state's name that do not make another name ("Mainland China" is China, "the United
States Government" names the United States)."""
CONNECTORS = frozenset({"of", "for", "to", "the", "on", "in", "de", "du", "von", "van", "der"})
"""Lower-case words a name of several capitalised words may hold ("Race to the Top"); "and" joins two
names ("Wall Street and Main Street"), and so does a lone "to" ("from North Dakota to South Dakota"),
which must come with "the"."""
NAME_LINKS = CONNECTORS | {"and", "für", "und", "del", "la", "le", "des", "di", "da", "y", "et", "al"}
"""Lower-case words a name the model found may hold ("Organization for Security and Co-operation in Europe")."""


def _lone_name(token, lower: frozenset[str]) -> bool:
    """One capitalised word inside a sentence, after a lower-case word, that the text never writes in lower
    case and that is no number and does not end like an adjective, an adverb, a verb form, a nation's men
    or a doctrine: a name the model missed ("the Chickasaws and Cherokees", "on the Mobile"); "Obviously",
    "Availing", "the French", "Englishmen" or "Fascism" are not."""
    before = token.nbor(-1) if token.i > 0 else None
    return (before is not None and before.is_lower and before.is_alpha and not token.is_sent_start
            and len(token) > 2 and token.lower_ not in lower and not ADJECTIVE_ENDING.search(token.text)
            and not token.like_num and not re.search(r"(?:ing|ly|ed|ch|men|ism)$", token.lower_))


def hyphen_joined(names: list[Span]) -> list[Span]:
    """Names glued to the next by a hyphen become one name ("Austria" + "Hungary" is "Austria-Hungary",
    "Sheppard" + "Towner Act" the "Sheppard-Towner Act"), with the label of the last, and a name glued
    to "day" is a day's name ("VE-day")."""
    joined: list[Span] = []
    for name in sorted(names, key=lambda span: (span.start, -span.end)):
        before = next((i for i, last in enumerate(joined) if last.end + 1 == name.start), None)
        if before is not None and glued_hyphen(name.doc, name.start - 1):
            joined[before] = Span(name.doc, joined[before].start, name.end, label=name.label_)
        else:
            joined.append(name)
    doc = names[0].doc if names else None
    return [Span(doc, name.start, name.end + 2, label="EVENT")
            if glued_hyphen(doc, name.end) and doc[name.end + 1].lower_ == "day" else name
            for name in joined]  # a day named so: "VE-day", "VJ-day"


def capitalised_names(doc: Doc, taken: frozenset[int], lower: frozenset[str] = frozenset()) -> list[Span]:
    """Runs of two or more capitalised name words (with connectors between them) on tokens no entity
    and no glossary match covers, or one such word that stands as a name (``_lone_name``): names the
    model missed ("Head Start", "Race to the Top", "the Chickasaws and Cherokees")."""
    found = []
    i = 0
    while i < len(doc):
        if i in taken or not is_name_word(doc[i], lower):
            i += 1
            continue
        end, words = i + 1, 1
        while end < len(doc):
            if end not in taken and is_name_word(doc[end], lower):
                end, words = end + 1, words + 1
                continue
            gap = end
            while gap < len(doc) and gap - end < 2 and doc[gap].lower_ in CONNECTORS and doc[gap].is_lower:
                gap += 1
            lone_to = gap - end == 1 and doc[end].lower_ == "to"
            if gap > end and not lone_to and gap < len(doc) and gap not in taken and is_name_word(doc[gap], lower):
                end = gap
                continue
            break
        if (end + 1 < len(doc) and doc[end].lower_ == "of" and YEAR_NUMBER.fullmatch(doc[end + 1].text)
                and doc[end + 1].ent_type_ in ("", "DATE") and end not in taken):
            end, words = end + 2, words + 1  # a name with its year: "the War of 1812", "the Panic of 1837"
        run = doc[i:end]
        named = [t for t in run if not t.is_lower]
        single = words == 1 and len(run) == 1 and _lone_name(run[0], lower)
        if ((words >= 2 or single) and not all(t.is_upper for t in named) and not run[0].is_stop
                and not any(t.lower_ in ROLE_WORDS for t in named)):
            found.append(Span(doc, i, end, label="NAME"))  # not a heading in capitals, a role or "Our Forces"
        i = end
    return found

