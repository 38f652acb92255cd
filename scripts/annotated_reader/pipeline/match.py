"""Glossary matching on the model's output: which spans name which entry.

Titles and aliases become phrase patterns of two spaCy ``SpanRuler`` components (exact case and
lower case); relation phrases ("US-China", "Chinese-Russian" before relations, ties, alliance …)
are token patterns over pairs of state entries, built from their names and demonyms; names sharing
a head noun in a list ("the State and Treasury Departments") come from ``shared``. Each match
then passes the rule set of ``rules`` (restrictions, prefixes, longer names, the model's labels,
metonyms, periods); the survivors compete by length (``filter_spans``), and a person's surname
counts only after the full name. The model's entities that name no entry, and the longer names
that suppressed a match, are the candidates for new entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..inputs.text import fold, lower_case_words, spelling_variants
from ..model import Alias, Analysis, AnnotatedText, BlockAnalysis, Entity, Glossary, Mention
from . import longer, metonyms, periods, rules
from .nlp import use_project_tokenizer
from .shared import SharedHeads
from .words import LETTER_STOP

CANDIDATE_LABELS = ("PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW")
"""Statistical entity labels that may name something the glossary should explain."""
RELATION_WORDS = ("relations", "relationship", "relationships", "ties", "alliance", "partnership", "axis",
                  "rivalry", "split", "rift", "cooperation", "rapprochement", "summit", "summits", "détente",
                  "detente", "dispute", "disputes", "disagreement", "disagreements", "difficulties", "tensions",
                  "conflict", "quarrel", "friendship", "treaty", "pact", "entente", "talks", "negotiations",
                  "competition", "confrontation", "border", "trade", "agenda", "dialogue", "dialog")
"""Words after "X-Y" that make it a phrase about the relations between X and Y."""


@dataclass(frozen=True)
class _Rule:
    """An alias of an entry, with its restriction words normalised once."""

    entry_id: str
    alias: Alias
    words: tuple[frozenset, frozenset, frozenset]

    @classmethod
    def of(cls, entry_id: str, alias: Alias) -> "_Rule":
        def norm(words):
            return frozenset(fold(w) for w in words)

        return cls(entry_id, alias, (norm(alias.not_followed_by), norm(alias.not_preceded_by),
                                     norm(alias.requires_in_sentence)))


def rebuild_doc(vocab, text: str, block: BlockAnalysis) -> Doc:
    """The spaCy ``Doc`` of a block, from its text and the model stage's plain output."""
    tokens = block.tokens
    words = [text[start:end] for start, end in tokens]
    spaces = [(tokens[i + 1][0] if i + 1 < len(tokens) else len(text)) > end for i, (_, end) in enumerate(tokens)]
    ents = ["O"] * len(tokens)
    for start, end, label in block.entities:
        ents[start] = f"B-{label}"
        for i in range(start + 1, end):
            ents[i] = f"I-{label}"
    starts = set(block.sentence_starts)
    sent_starts = [i in starts for i in range(len(tokens))] if tokens else None
    return Doc(vocab, words=words, spaces=spaces, ents=ents if tokens else None, sent_starts=sent_starts)


LAST_LETTER = re.compile(r" [A-Z]$")
"""A name ending in one capital letter ("World War I") ends a sentence as one token with the full stop
("World War I." is "World", "War", "I.", ``LETTER_STOP``): the pattern has the stop, the mention does not."""
METONYM = "METONYM"
"""The label of a mention made by a ``metonym`` alias (a city for its government): the less certain kind."""
RELATION_DASHES = frozenset({"-", "–", "/"})
"""What joins the two names of a relation phrase ("US-China", "US–China", "US/China")."""
RELATION_SET = frozenset(RELATION_WORDS)


def _may_relate(doc: Doc) -> bool:
    """Whether a relation phrase can be in the block: a dash, then a relation word a few tokens on.

    The relation patterns are many (every name of one state against every name of the other), and
    spaCy's token matcher tries each of them at every token, so blocks without the shape skip it."""
    for token in doc:
        if token.text in RELATION_DASHES and any(t.lower_ in RELATION_SET for t in doc[token.i + 2:token.i + 10]):
            return True
    return False


class GlossaryMatcher:
    """Finds glossary mentions in a document's model output; built once per glossary."""

    def __init__(self, glossary: Glossary, lang: str = "en"):
        self.glossary = glossary
        self.nlp: Language = spacy.blank(lang)
        use_project_tokenizer(self.nlp)
        self.rules: list[_Rule] = []
        self.shared = SharedHeads()
        exact, lower, upper = [], [], []
        for entry in glossary:
            restated = any(a.text == entry.title for a in entry.aliases)  # the title with restrictions
            forms: list[Alias] = [*([] if restated else [Alias(text=entry.title)]), *entry.aliases]
            explicit = {a.text for a in forms}
            any_case = {fold(a.text) for a in forms if not a.is_case_sensitive}  # they match capitals too
            if entry.surname and entry.surname not in explicit:
                forms.append(Alias(text=entry.surname, after_first_mention=True))
            for alias in forms:
                label = str(len(self.rules))
                self.rules.append(_Rule.of(entry.id, alias))
                target = exact if alias.is_case_sensitive else lower
                if entry.type != "person" and not (alias.restricted or alias.not_followed_by or alias.not_preceded_by
                                                   or alias.requires_in_sentence or alias.metonym
                                                   or alias.after_first_mention):
                    self.shared.add(alias.text.split(), label)
                for form in sorted(spelling_variants(alias.text)):
                    target.append({"label": label, "pattern": form, "id": entry.id})
                    if alias.is_case_sensitive and LAST_LETTER.search(form):
                        target.append({"label": label, "pattern": form + ".", "id": entry.id})  # "World War I."
                    if (alias.is_case_sensitive and form.upper() != form and len(form) >= 4  # not "XI"
                            and fold(form) not in any_case):
                        upper.append({"label": label, "pattern": form.upper(), "id": entry.id})
        config = {"spans_key": "glossary", "spans_filter": None, "overwrite": False, "validate": False}
        self.exact = self.nlp.add_pipe("span_ruler", name="glossary_exact", config={**config, "phrase_matcher_attr": "ORTH"})
        self.lower = self.nlp.add_pipe("span_ruler", name="glossary_lower", config={**config, "phrase_matcher_attr": "LOWER"})
        claimed = {p["pattern"] for p in exact}
        self.exact.add_patterns(exact + [p for p in upper if p["pattern"] not in claimed])  # headings in capitals
        self.lower.add_patterns(lower)
        self.relations = self._relation_patterns()

    def _names(self, entry_id: str) -> list[str]:
        entry = self.glossary[entry_id]
        forms = [entry.title, *entry.demonyms]
        forms += [a.text for a in entry.aliases if not (a.not_followed_by or a.not_preceded_by or a.requires_in_sentence)]
        return sorted({v for form in forms for v in spelling_variants(form)})

    def _relation_patterns(self) -> Matcher:
        """Token patterns "X-Y" (followed by a relation word) for every pair a relations entry declares."""
        matcher = Matcher(self.nlp.vocab)
        for entry in self.glossary:
            rule = str(len(self.rules))
            self.rules.append(_Rule.of(entry.id, Alias(text=entry.title)))
            patterns = []
            for a, b in entry.relations:
                if a not in self.glossary or b not in self.glossary:
                    continue
                for first, second in ((a, b), (b, a)):
                    for x, y in product(self._names(first), self._names(second)):
                        for xs, ys in sorted({(x, y), (x.upper(), y.upper())}):  # and in a heading in capitals
                            patterns.append([{"ORTH": t.text} for t in self.nlp.make_doc(xs)]
                                            + [{"ORTH": {"IN": sorted(RELATION_DASHES)}}]
                                            + [{"ORTH": t.text} for t in self.nlp.make_doc(ys)]
                                            + [{"IS_LOWER": True, "OP": "?"}]  # "U.S.-USSR environmental cooperation"
                                            + [{"LOWER": {"IN": list(RELATION_WORDS)}}])
            if patterns:
                matcher.add(rule, patterns)
        return matcher

    def annotate(self, analysis: Analysis) -> AnnotatedText:
        """Every mention and every unmatched statistical entity of one document."""
        document = analysis.document
        year = int(document.meta.date[:4]) if document.meta.date else None
        seen: set[str] = set()
        mentions: list[Mention] = []
        entities: list[Entity] = []
        sentences: dict[str, tuple[tuple[int, int], ...]] = {}
        lower = lower_case_words(block.text for block in document.blocks)
        body = "\n".join(block.text for block in document.blocks if block.kind != "heading")
        cities: set[tuple[object, str]] = set()  # (section, city) where the text names the city as a city
        for block, output in zip(document.blocks, analysis.blocks):
            doc = rebuild_doc(self.nlp.vocab, block.text, output)
            doc.spans["glossary"] = []
            doc = self.lower(self.exact(doc))
            for match_id, start, end in (self.relations(doc) if _may_relate(doc) else ()):
                end -= 1  # the relation word is not part of the mention
                while end - 1 > start and doc[end - 1].is_lower:
                    end -= 1  # nor a word before it: "U.S.-USSR environmental cooperation"
                doc.spans["glossary"].append(Span(doc, start, end, label=self.nlp.vocab.strings[match_id]))
            listed = self.shared.find(doc)  # "the State and Treasury Departments"
            doc.spans["glossary"].extend(listed)
            spans, outers = self._resolve(doc, seen, year, lower, (block.section, cities), body,
                                          frozenset((s.start, s.end, s.label_) for s in listed))
            sentences[block.id] = tuple((s.start_char, s.end_char) for s in doc.sents) if len(doc) else ()
            for span in spans:
                sent = span.sent
                end = span.end_char - 1 if len(span) > 1 and LETTER_STOP.fullmatch(span[-1].text) else span.end_char
                mentions.append(Mention(document.id, block.id, span.start_char, end, span.id_,
                                        block.text[span.start_char:end], sent.start_char, sent.end_char,
                                        metonym=span.label_ == METONYM))
            taken = frozenset(i for span in [*doc.ents, *doc.spans["glossary"], *outers] for i in range(span.start, span.end))
            found = [ent for ent in list(doc.ents) + outers + longer.capitalised_names(doc, taken, lower)
                     if ent.label_ in CANDIDATE_LABELS or ent.label_ == "NAME"]
            for ent in longer.hyphen_joined(found):
                inside = [s for s in spans if ent.start < s.end and s.start < ent.end]
                if len(inside) == 1:
                    ent = longer.unit_part(ent, inside[0]) or ent  # "the Bureau of X" of "… of the Department …"
                if any(ent.start < s.end and s.start < ent.end for s in spans):
                    continue
                following = doc[ent.end].text if ent.end < len(doc) else ""
                entities.append(Entity(document.id, block.id, ent.start_char, ent.end_char, ent.label_, ent.text,
                                       ent.sent.text, following, ent.start == ent.sent.start))
        return AnnotatedText(document, tuple(mentions), tuple(entities), sentences)

    def _resolve(self, doc: Doc, seen: set[str], text_year: int | None, lower: frozenset[str] = frozenset(),
                 cities: tuple[object, set[tuple[object, str]]] | None = None,
                 body: str = "", listed: frozenset[tuple[int, int, str]] = frozenset(),
                 ) -> tuple[list[Span], list[Span]]:
        """The mentions of one block, and the longer names that suppressed a match (for the candidates).

        ``cities`` is the block's section and the (section, city) pairs where the text has named the city
        as a city so far; a city named so stays the place for the rest of that section. ``body`` is the
        text's running text (``rules.Context``); ``listed`` the names of a list sharing a head noun
        (module ``shared``), which the longer-name rule does not apply to."""
        section, named_cities = cities if cities is not None else (None, set())
        matches = [(span, self.rules[int(span.label_)]) for span in doc.spans["glossary"]]
        places = {span.text.lower() for span, rule in matches  # one sense per paragraph: a city used as a
                  if rule.alias.metonym and not rules.restriction(span, rule.alias, rule.words)  # place is the
                  and metonyms.used_as_place(span)}  # place in the whole paragraph
        people = {span.text.lower() for span, rule in matches if rule.alias.metonym and metonyms.person_named(span)}
        context = rules.Context(doc, frozenset(i for span, _ in matches for i in range(span.start, span.end)), text_year,
                                lower, body)
        allowed, outers = [], []
        for span, rule in matches:
            entry = self.glossary[rule.entry_id]
            if (rules.restriction(span, rule.alias, rule.words) or rules.prefix(span, rule.alias)
                    or rules.word_in_capitals(span, rule.alias, context)):
                continue
            outer = None if (span.start, span.end, span.label_) in listed else (
                longer.region_part(span, entry.type) or longer.longer_name(span, context, entry.title, entry.type))
            if outer is not None:
                outers.append(Span(doc, outer.start, outer.end, label=outer.label_ or "NAME"))
                continue
            if rules.label(span, entry.type, entry.labels):
                continue
            if rule.alias.metonym and (metonyms.titled(span) or span.text.lower() in people):
                continue  # the person named like the city ("George Washington" in the paragraph): a candidate
            if rule.alias.metonym and metonyms.names_the_city(span):
                named_cities.add((section, span.text.lower()))
            if rule.alias.metonym and ((section, span.text.lower()) in named_cities or span.text.lower() in places):
                outers.append(Span(doc, span.start, span.end, label="GPE"))  # the city itself has no entry
                continue
            if not rule.alias.written_in(text_year) or (
                    rule.alias.period is not None and not rule.alias.in_period(periods.year_of(span, text_year))):
                continue  # the sentence's year is read only for an alias with a period
            full = rule.alias.after_first_mention and rules.full_name_around(span, entry.title)
            allowed.append((span, rule, full))
        # Equal spans: a form restricted to the period at hand first, then unrestricted, then surname-only.
        allowed.sort(key=lambda item: (not item[1].alias.restricted, item[1].alias.after_first_mention))
        order = {id(span): (rule, full) for span, rule, full in allowed}
        chosen = []
        for span in filter_spans([span for span, _, _ in allowed]):
            rule, full = order[id(span)]
            if rule.alias.after_first_mention and rule.entry_id not in seen and not full:
                continue
            seen.add(rule.entry_id)
            chosen.append(Span(doc, span.start, span.end, label=METONYM if rule.alias.metonym else "NAME",
                               span_id=rule.entry_id))
        return chosen, outers
