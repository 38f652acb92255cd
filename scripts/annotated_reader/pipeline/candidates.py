"""Candidates: names in the texts that no glossary entry covers, normalised and counted.

They feed the JSON report and the "Wanted entries" page, the to-do list of the glossary. The model's
name labels feed it (PERSON, ORG, GPE, LOC, FAC, PRODUCT, EVENT, WORK_OF_ART, LAW, and NORP only as
a group noun such as "Republicans"), and so do the longer names that kept a glossary match from
linking ("Latin America"), a city read as a place ("here in Washington") and runs of capitalised
words the model missed ("Head Start", "Race to the Top"; not a heading in capitals, a rank or an
office), or one such word after a lower-case one ("the Chickasaws and Cherokees"); names a hyphen
glues together are one name ("Austria-Hungary", "VE-day"; a lower-case prefix is cut, "pre-Pearl
Harbor"), an organisation's part before "of the" and the organisation linked is listed alone ("the
Bureau of Trade Relations"), and an agency named "Administration" is a name ("the Veterans
Administration", but "the Truman Administration" describes a government). Left out: a
common noun the text capitalises by house style ("the Nation", when it also writes "nation") and
descriptions headed by one ("the Federal Government"), nationality adjectives (also a region's:
"Middle Eastern"), names in headings and in paragraphs written all in capitals, which stand as
headings (a heading's words are cut from the text's names), a sentence's opening word that the text
also writes in lower case ("Keeping America" is "America"; "Previous Presidents" is "Presidents"; a
single such word also when another text of the corpus writes it so, "Divided, there is …"),
titles or ranks alone ("Speaker", "His Holiness", "Their Majesties", also in the plural, "Colonels",
"Secretaries", or joined by a hyphen, "Postmaster-General"; before a person's name they are cut:
"Sergeant Hake" is "Hake"), offices ending in one ("Special Assistant", "Circuit Judges"; not a body
named with "of", "House of Representatives") or named by one and what it is over ("Collectors of
Customs", "Commissioner General of Immigration"), nationality nouns of persons ("Frenchmen"), a
single word ending like an adjective before a noun ("Congressional action"), a nationality adjective
before a plural noun the text also writes in lower case ("American Presidents"), a plural whose
singular it writes in lower case ("States"), a common noun of government alone ("the Executive",
"Republics", "the Union") or descriptions made of such nouns ("the States of the Union", "the
Federal Union", "the Government of the Czar"), the names of God ("the Supreme Being", "Divine
Providence"), a nation's people in the plural ("Germans"), a compass adjective alone ("Far
Eastern"), an adverb opening a sentence ("Hitherto"), and model noise (entities run across a dash or
quotation marks, or ending in a function word or in an article and a lower-case word: "Regulars
and", "the Interior of the need"). Names reviewed and left out on purpose (``non-entries.yml``) are
kept apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from ..inputs.text import fold, lower_case_words
from ..model import AnnotatedText, Candidate, Entity
from .words import ADJECTIVE_ENDING, COMPASS, ROLE_WORDS, SENTENCE_OPENERS, TITLES

_POSSESSIVE = re.compile(r"[’']s?$")
_EDGE = "[](){}“”\"‘’'«».,;:!?*–—-… "
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}$")
_NOISE = frozenset({"n’t", "n't", "un", "’s", "'s", "s"})
_GLUED_PREFIX = re.compile(r"^(?:pre|post|anti|pro|non|ex|neo|mid)[-–](?=[A-Z])")
"""A lower-case prefix glued to a name: "pre-Pearl Harbor", "anti-NATO", "mid-Atlantic"."""
_PARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ibn|bin|abu|ben|ul)-[A-Z]")
"""A name that opens with a lower-case particle glued by a hyphen: "al-Baghdadi", "el-Sisi"."""
FUNCTION_WORDS = frozenset({
    "is", "was", "are", "were", "be", "been", "has", "have", "had", "and", "or", "but", "who", "whom", "whose",
    "which", "that", "said", "says", "will", "would", "can", "could", "should", "may", "might", "must", "did",
    "does", "do", "to", "of", "in", "on", "at", "for", "with", "by", "from", "as", "than", "then", "not",
})
"""Words that follow a noun, not an adjective: "his wife Kelli is here" names Kelli."""
ACRONYM = re.compile(r"^(?=.*[A-Z])[A-Z0-9][A-Za-z0-9&.+-]{1,7}$")
"""Short names in capitals, with digits allowed: G7, G20, EU, NATO, AfD."""
COMPASS_ADJECTIVE = re.compile(r"(?:ern|ern [A-Z]\w*(?:an|ese|ish|ic|i))$")
"""A place's name made an adjective: "Middle Eastern", "Southern African"."""
INNER_PUNCTUATION = re.compile(r"[—\"“”]|--")
"""An em dash or a double quote inside: the model ran across a break ("Justices—\"Women")."""
REGION_WORDS = COMPASS | {"far", "near", "middle"}
"""Words of a compass adjective: one ending in "-ern" and made only of these ("Far Eastern", "Near
Eastern" in "of Far Eastern, Near Eastern, and Western European Affairs") is never a name by itself."""


SENTENCES_KEPT = 3
SENTENCE_CHARS = 300


def _short(sentence: str) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= SENTENCE_CHARS else text[:SENTENCE_CHARS - 1] + "…"


def normalise(surface: str) -> str | None:
    """The name an entity stands for, or None when it is model noise.

    Drops a leading "the", a prefix glued by a hyphen ("pre-Pearl Harbor" is Pearl Harbor), a possessive,
    brackets and quotes, and folds white space.
    """
    text = " ".join(surface.replace("[", " ").replace("]", " ").split())
    text = text.strip(_EDGE)
    text = re.sub(r"^(?i:the)\s+", "", text)
    text = _GLUED_PREFIX.sub("", text)
    text = _POSSESSIVE.sub("", text) if re.search(r"[\w.][’']s?$", text) and not text.endswith("s'") else text
    text = text.strip(_EDGE)
    if text and _ABBREVIATION.match(text.split()[-1] + ".") and text + "." in surface:
        text += "."  # "U.N.", "Team U.S.A.": the final full stop belongs to the abbreviation
    if text.lower() in _NOISE:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2 and not ACRONYM.match(text):
        return None
    first = next((ch for ch in text if ch.isalnum()), "")
    if not first or (first.isalpha() and first.islower() and not _PARTICLE.match(text)):
        return None
    return text


DESCRIPTION_HEADS = frozenset({"government", "governments", "nation", "administration"})
"""Last words that make capitalised words a description, not a name ("the Iraqi Government")."""
GOVERNMENT_NOUNS = DESCRIPTION_HEADS | {
    "republic", "executive", "empire", "union", "kingdom", "province", "territory", "territories", "department",
    "legislature", "sovereign", "monarch", "magistrate", "throne", "crown",
}
"""Common nouns of government that are no name alone, in the singular or the plural ("the Nation",
"the Executive", "one of the Republics", "the Union", "the Territories"), whether or not the text also
writes them in lower case."""
UNION_WORDS = GOVERNMENT_NOUNS | {"unions", "states", "departments", "citizens", "fellow", "federal", "perpetual",
                                  "general"}
"""Words of descriptions of a federation, its parts and its citizens: capitalised words made only of
these (and connectors) describe, not name ("the States of the Union", "the Federal Union", "the
Executive Departments", "Fellow-Citizens"; "the State of the Union", the address, is a name)."""
WORSHIP_WORDS = frozenset({
    "god", "lord", "providence", "creator", "maker", "author", "being", "father", "parent", "ruler", "giver",
    "master", "almighty", "deity", "universe", "heaven", "divine", "supreme", "omnipotent", "heavenly", "eternal",
    "great", "power", "nature", "all", "good", "things", "nations", "our", "existence", "his", "hand", "invisible",
    "infinite", "omnipotence", "liberty",
})
"""Words of the names the texts give God ("the Supreme Being", "the Author of All Good", "Divine
Providence", "the Invisible Hand", "the Author of Liberty"): capitalised words made only of these are an
epithet, not a name to write an entry on ("the Sons of Liberty" is a name)."""
GOVERNMENT_OF = re.compile(r"^(?:Imperial |Federal |National )?Governments? of\b")
"""A government named by what it governs ("the Government of Her Britannic Majesty", "the Imperial
Government of the Czar"): a description, as "the British Government" is."""
_LINK_WORDS = frozenset({"of", "the", "this", "these", "our", "in", "and", "for"})


def _made_of(name: str, words: frozenset[str]) -> bool:
    """Every word of the name is one of ``words`` or a connector ("States of the Union")."""
    folded = [fold(word) for word in re.split(r"[\s-]+", name) if word]
    return any(word in words for word in folded) and all(word in words or word in _LINK_WORDS for word in folded)


def _national(word: str, demonyms: set[str]) -> bool:
    """An adjective of nationality or of a region ("American", "Iraqi", "Western")."""
    folded = fold(word)
    return folded in demonyms or bool(ADJECTIVE_ENDING.search(word)) or folded.endswith("ern")


def _describes(word: str, lower: frozenset[str], demonyms: set[str]) -> bool:
    """An adjective of nationality, of a region or a common one the text also writes in lower case
    ("American", "Western", "Federal")."""
    return _national(word, demonyms) or fold(word) in lower or not word[:1].isupper()


ADMINISTRATION_WORDS = frozenset({
    "the", "this", "that", "my", "our", "his", "her", "their", "present", "new", "last", "previous", "former",
    "current", "next", "incoming", "outgoing", "federal", "national", "democratic", "republican", "imperial",
})
"""Words of a government described by its time or its party ("the present Administration", "a Democratic
Administration"), not an agency's name."""


def _agency(words: list[str], lower: frozenset[str], demonyms: set[str]) -> bool:
    """The words before "Administration" name an agency: a connector ("Occupational Safety and Health",
    "Office of Price") or a common noun the text also writes in lower case ("Veterans", "Small Business"),
    not a time, a party or a nationality ("the present", "the Truman", "the British")."""
    folded = [fold(_POSSESSIVE.sub("", word)) for word in words]
    if set(folded) & {"of", "and", "for", "on"}:
        return True
    return any(word in lower and word not in ADMINISTRATION_WORDS and not _national(original, demonyms)
               for word, original in zip(folded, words))


def _house_style(entity: Entity, name: str, lower: frozenset[str], demonyms: set[str] = frozenset()) -> bool:
    """A common noun capitalised by the text's house style ("the Nation", "the Government": the text
    also writes "nation", "government"), a description headed by one ("the Federal Government"), or
    a nationality adjective before such a noun in the plural ("American Presidents", "Western Nations")."""
    words = name.split()
    last = fold(words[-1])
    if (len(words) == 2 and _national(words[0], demonyms) and last.endswith("s")
            and (last in lower or last[:-1] in TITLES)):
        return True  # "American Presidents", "Western Nations"
    if len(words) > 1:
        office = last in TITLES or (_is_title(last) and not set(words) & {"of", "for", "on"})
        if last == "nation" and not any(_describes(word, lower, demonyms) for word in words[:-1]):
            return False  # a people's own name: "the Cherokee Nation"; but "the American Nation" describes
        if last == "administration" and _agency(words[:-1], lower, demonyms):
            return False  # an agency: "the Veterans Administration"; but "the Truman Administration" describes
        return last in DESCRIPTION_HEADS or (entity.label != "PERSON" and office)  # "House of Representatives" stays
    if last in GOVERNMENT_NOUNS or (last.endswith("s") and last[:-1] in GOVERNMENT_NOUNS):
        return True  # whatever the model's label: "Republics" as PERSON
    if entity.label == "PERSON" or name.isupper():
        return False
    return last in lower or (last.endswith("s") and last[:-1] in lower)  # "States", when it writes "state"


def _without_opener(entity: Entity, name: str, lower: frozenset[str]) -> str | None:
    """The name without the word that opens its sentence when the text also writes that word in lower
    case ("Keeping America", "Previous Presidents"); None when nothing is left."""
    first, _, rest = name.partition(" ")
    if not entity.starts_sentence or first.isupper() or first.lower() not in lower:
        return name
    return normalise(rest) if rest else None


_TITLE_WORDS = TITLES | ROLE_WORDS
_ADDRESS_WORDS = frozenset({"his", "her", "your", "their"})
"""Words before a title in a form of address ("His Holiness")."""


def _is_title(word: str) -> bool:
    folded = fold(word).rstrip(".")
    if "-" in folded.strip("-"):
        return all(_is_title(part) for part in folded.split("-") if part)  # "Postmaster-General"
    singular = folded[:-3] + "y" if folded.endswith("ies") else folded[:-1] if folded.endswith("s") else folded
    return folded in _TITLE_WORDS or folded in _ADDRESS_WORDS or singular in _TITLE_WORDS  # "Colonels", "Secretaries"


def _office(name: str) -> bool:
    """An office named by a title and what it is over: "Collectors of Customs", "Commissioner General of
    Immigration", "Receiver of Public Moneys"."""
    words = name.split()
    return len(words) > 2 and _is_title(words[0]) and (words[1] == "of" or _is_title(words[1]))


def _without_title(name: str | None, label: str) -> str | None:
    """A person's name without the titles and ranks before it ("Sergeant Hake" is "Hake"); None when
    the name is nothing but titles ("Speaker", "His Holiness")."""
    words = (name or "").split()
    if all(_is_title(word) for word in words):
        return None
    titled = label == "PERSON" and _is_title(words[0])
    while label == "PERSON" and _is_title(words[0]):
        words.pop(0)
    if titled and words[0].islower():
        return None  # a title and what it is over: "Giver of All Good" is no person's name
    return " ".join(words)


PARTY_MEMBERS = frozenset({"republicans", "democrats", "federalists", "whigs", "socialists", "communists", "nazis"})
"""A party's members in the plural: a group's name, though "Republicans" ends like a nation's people."""


def is_adjective(entity: Entity, name: str, demonyms: set[str]) -> bool:
    """A nationality or group word used as an adjective ("Russian officials"), not as a name."""
    if fold(name) in demonyms:
        return True
    single = " " not in name
    followed_by_word = entity.followed_by[:1].isalpha() and fold(entity.followed_by) not in FUNCTION_WORDS
    if entity.label == "NORP":
        plural = name.endswith("s") and not name.endswith("ss")
        one_person = single and name.endswith("men")  # "Frenchmen" (a singular "-man" ends like an adjective)
        people = (single and plural and bool(re.search(r"(?:an|ese|ish)$", name[:-1]))
                  and fold(name) not in PARTY_MEMBERS)  # "Germans"; but "Republicans" names a party
        return one_person or people or (not plural and (followed_by_word or bool(ADJECTIVE_ENDING.search(name))))
    if (single and followed_by_word and name.endswith(("al", "ate", "ern"))
            and entity.label not in ("PERSON", "GPE", "LOC", "FAC")):
        return True  # "Congressional action", "Confederate soldiers", but "Portugal exports" names Portugal
    words = re.split(r"[ -]", fold(name))
    if words[-1].endswith("ern") and all(word in REGION_WORDS for word in words):
        return True  # "Far Eastern" alone
    if entity.label in ("GPE", "LOC") and COMPASS_ADJECTIVE.search(name):
        return followed_by_word  # "Middle Eastern oil"
    return single and bool(ADJECTIVE_ENDING.search(name)) and followed_by_word


def _runs_on(name: str) -> bool:
    """The model ran into the sentence: the name ends in a function word ("Regulars and") or in an article
    and a lower-case word ("the Interior of the need", "Article I of the treaty"); old texts' "Department
    of justice" and "Federal reserve" stay."""
    words = name.split()
    if len(words) > 1 and words[-1] in FUNCTION_WORDS:
        return True  # "Regulars and"
    return len(words) > 2 and words[-1][:1].islower() and words[-2].lower() in ("the", "a", "an")


def _merge_surnames(groups: dict[str, list[Entity]]) -> None:
    """A lone surname ("Gilley") joins the full name of the person it ends ("Bruce Gilley") in the same text."""
    full_names: dict[str, list[str]] = defaultdict(list)
    for name, items in groups.items():
        if " " in name and any(e.label == "PERSON" for e in items):
            full_names[name.split()[-1]].append(name)
    for surname, names in full_names.items():
        if surname not in groups or len(names) != 1:
            continue  # two people with one surname: the surname alone stays ambiguous
        full = names[0]
        if {e.text_id for e in groups[surname]} <= {e.text_id for e in groups[full]}:
            groups[full].extend(groups.pop(surname))


def collect(texts: Iterable[AnnotatedText], demonyms: set[str] = frozenset(),
            reviewed: Mapping[str, str] = {}) -> tuple[Candidate, ...]:
    """Group the candidate names by normalised form; most frequent first, then alphabetical.

    A name in ``reviewed`` (name → reason it is not an entry) is marked, not dropped.
    """
    groups: dict[str, list[Entity]] = defaultdict(list)
    folded_demonyms = {fold(d) for d in demonyms}
    texts = list(texts)
    lowers = [lower_case_words(block.text for block in text.document.blocks) for text in texts]
    corpus_lower = frozenset().union(*lowers)  # a short text says little of its own house style
    for text, lower in zip(texts, lowers):
        for entity in text.entities:
            block = text.block(entity.block_id)
            if block.kind == "heading" or not any(ch.islower() for ch in block.text):
                continue  # a heading, or a paragraph in capitals that stands as one ("AGRICULTURE")
            name = normalise(entity.surface)
            if name is None or "," in name or is_adjective(entity, name, folded_demonyms):
                continue
            if _house_style(entity, name, lower, folded_demonyms) or _made_of(name, UNION_WORDS):
                continue
            if _made_of(name, WORSHIP_WORDS) or GOVERNMENT_OF.match(name):
                continue  # "the Supreme Being", "Divine Providence", "the Government of the Czar"
            if entity.starts_sentence and " " not in name and (fold(name) in SENTENCE_OPENERS
                                                                or name.lower() in corpus_lower):
                continue  # one word opening a sentence that the corpus writes in lower case: "Divided, …"
            name = _without_title(_without_opener(entity, name, lower), entity.label)
            if name is None or INNER_PUNCTUATION.search(name) or _office(name) or _runs_on(name):
                continue  # "Keeping America competitive …", a title or rank alone ("Speaker")
            groups[name].append(entity)
    _merge_surnames(groups)
    reasons = {fold(name): reason for name, reason in reviewed.items()}
    result = []
    for name, items in groups.items():
        first = items[0]
        sentences = list(dict.fromkeys(_short(e.sentence) for e in items))[:SENTENCES_KEPT]
        result.append(Candidate(name, tuple(sorted({e.label for e in items})), len(items),
                                tuple(sorted({e.text_id for e in items})), " ".join(first.sentence.split()),
                                f"{first.text_id}#{first.block_id}", reasons.get(fold(name)),
                                tuple(sorted({" ".join(e.surface.split()) for e in items})), tuple(sentences)))
    result.sort(key=lambda c: (c.reviewed is not None, -c.count, c.name.lower(), c.name))
    return tuple(result)
