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
               lower case as a word ("PRINCIPLES TO GUIDE US"), and a name of several words in
               capitals that the text's paragraphs write only in lower case ("DEMOBILIZATION OF
               OUR ARMED FORCES", when they say "the armed forces", never "the Armed Forces")
prefix         it is one word glued to a prefix by a hyphen (anti-, pro-, post-, non-, ex-, neo-, self-,
               Indo-): "anti-Western" is a stance, not a mention of the West, and "Indo-China"
               another place than China; a name of several words
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
               the model ran across a clause ("Congress when America ended"), past a name's last
               capital letter that ends a sentence ("after World War I. Farm machinery"), into a hyphenated word
               ("the Continent on American-owned steamers"), over two names joined by "the" ("the War
               of the Rebellion the United States") or across "and" right after the match ("the
               Department of Defense and Energy"), nor "Mainland" before a state; a state's
               body or envoys end with the state they name ("the Congress of the United States", "the
               Foreign Ministers of Great Britain"), an office or a part
               with its organisation ("the Solicitor of the Department of State", "the Bureau of Trade
               Relations of the Department of State"), the states of a region with it
               ("the belligerent States of Europe"); a vessel noun before a
               state or a place makes a ship's name ("the whaleship Canada"). The longer name goes
               to the candidates list (module ``longer``). A name in a list that writes its head
               noun once ("the State and Treasury Departments", "the Departments of State,
               Treasury, and War") is not held to this rule (module ``shared``).
label          the model labels the very same words as a number, date, time or amount and the
               entry is a person, state, organisation, place or concept; an entry that lists
               the ``labels`` it accepts is held to that list instead (a book called "1984"
               is a document, so a DATE label does not veto it)
metonym        the alias is a place standing for a government (``metonym: true``) and a title
               makes it a person ("President Washington"), or the paragraph names the person
               ("George Washington … the memory of Washington"), or it is used as a place: "in" or
               "at" it, unless officials, negotiators, power or views are there or a
               possessive follows ("a debate in Washington"; "officials in Washington" act), a
               meeting, a visit, a journey, a mission or a residence there ("talks in Brussels", "flew
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
from .words import DETERMINERS, NOT_NAME_WORDS, SENTENCE_OPENERS, TITLES

PREFIXES = frozenset({"anti", "pro", "post", "non", "ex", "neo", "self", "indo"})
AMOUNTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
VETOED_BY_AMOUNTS = frozenset({"person", "state", "organization", "place", "concept"})
"""Entry types a number, date or amount label vetoes (unless the entry lists its ``labels``).

Name labels (PERSON for a state, GPE for a person) veto nothing by default: measured on the
tuning texts, the small English model gives a person's label to "Kyiv" and a place's to
"Mearsheimer" often enough that such a veto loses more true links than it saves."""


@dataclass(frozen=True)
class Context:
    """What the rules may look at besides the match: the block, the model's entities, the dates."""

    doc: Doc
    glossary_tokens: frozenset[int]
    """Tokens covered by some glossary match (of any entry) in the block."""
    text_year: int | None
    lower_words: frozenset[str] = frozenset()
    """Words the text writes in lower case: capitalised at a sentence's start, they open it, not a name."""
    body: str = ""
    """The text's running text (its paragraphs, no headings): how it writes a name a heading has in capitals."""


OPENING_QUOTES = frozenset({'"', "“", "‘"})


def _gerund(word: str, lower: frozenset[str]) -> bool:
    """A verb's -ing form whose verb the text writes: "Keeping America strong" (the text writes "keep")."""
    stem = word[:-3]
    return word.endswith("ing") and len(stem) > 2 and (stem in lower or stem + "e" in lower or stem[:-1] in lower)


def is_name_word(token, lower: frozenset[str] = frozenset()) -> bool:
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


def _phrase_at(doc: Doc, i: int, phrases: frozenset[str], before: bool) -> bool:
    """One of the (folded) words or phrases ends right before token i (``before``) or starts at it."""
    for n in {len(p.split()) for p in phrases}:
        start, end = (i - n, i) if before else (i, i + n)
        if start >= 0 and end <= len(doc) and fold(" ".join(t.text for t in doc[start:end])) in phrases:
            return True
    return False


def restriction(span: Span, alias: Alias, words: tuple[frozenset, frozenset, frozenset]) -> bool:
    """The alias's own restriction words reject the match (a comma between does not hide them: "Washington, DC");
    a restriction may be a phrase ("states of America", "United States district courts")."""
    doc = span.doc
    not_followed, not_preceded, required = words
    after = span.end + 1 if span.end + 1 < len(doc) and doc[span.end].text == "," else span.end
    if _phrase_at(doc, after, not_followed, before=False) or _phrase_at(doc, span.start, not_preceded, before=True):
        return True
    return bool(required) and not {fold(t.text) for t in span.sent} & required


def _only_in_lower_case(alias: str, body: str) -> bool:
    """The running text writes the name's words in lower case and never as the name."""
    words = r"\s+".join(re.escape(w) for w in alias.split())
    return (re.search(rf"\b{words.lower()}\b", body) is not None
            and re.search(rf"\b{words}\b", body) is None)


def word_in_capitals(span: Span, alias: Alias, context: Context) -> bool:
    """An acronym, in a line in capitals, that the text also writes in lower case as a word:
    "PRINCIPLES TO GUIDE US" (the text writes "us"); a name of several words in capitals that the
    text's paragraphs write only in lower case: "DEMOBILIZATION OF OUR ARMED FORCES" (the text writes
    "our armed forces", never "Armed Forces")."""
    if (len(span) > 1 and span.text.isupper() and not alias.text.isupper() and alias.is_case_sensitive
            and len(alias.text.split()) > 1 and context.body):
        return _only_in_lower_case(alias.text, context.body)
    if not alias.text.isupper() or len(span) > 1 or fold(span.text) not in context.lower_words:
        return False
    doc = span.doc
    return any(doc[i].is_alpha and doc[i].is_upper for i in (span.start - 1, span.end) if 0 <= i < len(doc))


def glued_hyphen(doc: Doc, i: int) -> bool:
    """Token i is a hyphen glued to the words on both sides ("anti-Western", "Austria-Hungary")."""
    return (0 < i < len(doc) - 1 and doc[i].text in ("-", "–") and not doc[i - 1].whitespace_
            and not doc[i].whitespace_)


def prefix(span: Span, alias: Alias) -> bool:
    """One word glued to anti-, pro-, post-, non-, ex-, neo-, self- or Indo- ("Indo-China" is another place)
    by a hyphen (the alias lacking it)."""
    doc = span.doc
    if span.start < 2 or len(span) > 1 or span.text.isupper():
        return False
    word = doc[span.start - 2]
    return (glued_hyphen(doc, span.start - 1) and word.lower_ in PREFIXES
            and not fold(alias.text).startswith(word.lower_))


def own_words(title: str) -> frozenset[str]:
    """The words of an entry's title, folded."""
    return frozenset(fold(w) for w in re.findall(r"\w+", title))


def full_name_around(span: Span, title: str) -> bool:
    """The model's entity around a surname adds the entry's other names: the full name is there."""
    own = own_words(title)
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
