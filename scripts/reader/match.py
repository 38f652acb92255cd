"""Glossary matching on the model's output: which spans name which entry.

Titles and aliases become phrase patterns of two spaCy ``SpanRuler`` components, one matching
exact case and one lower-cased. Matches are then resolved by general rules: alias restrictions
from the entry, glossary matches over statistical entities, longest match first, and a person's
surname only after the full name has appeared earlier in the same text.
"""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from .annotate import DOCBIN_ATTRS, Annotated
from .convert import Document
from .glossary import Alias, Glossary

CANDIDATE_LABELS = ("PERSON", "GPE", "NORP", "ORG", "LOC", "LAW", "EVENT", "FAC", "WORK_OF_ART")
"""Statistical entity labels that may name something the glossary should explain."""


@dataclass(frozen=True)
class Mention:
    """A span of a block that names a glossary entry."""

    text_id: str
    block_id: str
    start: int
    end: int
    entry_id: str
    surface: str
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class Entity:
    """A statistical entity that matched no entry (a candidate for a new entry)."""

    text_id: str
    block_id: str
    start: int
    end: int
    label: str
    surface: str
    sentence: str


@dataclass
class TextAnnotation:
    """All mentions and unmatched entities of one document."""

    document: Document
    mentions: list[Mention]
    entities: list[Entity]
    sentences: dict[str, list[tuple[int, int]]]


def _variants(text: str) -> set[str]:
    """The same alias with straight and curly apostrophes, hyphens and en dashes."""
    forms = {text}
    for a, b in (("'", "’"), ("-", "–")):
        forms |= {f.replace(a, b) for f in forms} | {f.replace(b, a) for f in forms}
    return forms


@dataclass(frozen=True)
class _Rule:
    """An alias of an entry, with its restriction words normalised once."""

    entry_id: str
    alias: Alias
    not_followed_by: frozenset[str] = frozenset()
    not_preceded_by: frozenset[str] = frozenset()
    requires_in_sentence: frozenset[str] = frozenset()

    @classmethod
    def of(cls, entry_id: str, alias: Alias) -> "_Rule":
        def norm(words):
            return frozenset(_norm(w) for w in words)

        return cls(entry_id, alias, norm(alias.not_followed_by), norm(alias.not_preceded_by),
                   norm(alias.requires_in_sentence))


class GlossaryMatcher:
    """Finds glossary mentions in Docs; built once per glossary."""

    def __init__(self, glossary: Glossary, lang: str = "en"):
        self.glossary = glossary
        self.nlp: Language = spacy.blank(lang)
        self.rules: list[_Rule] = []
        exact, lower = [], []
        for entry in glossary:
            forms: list[Alias] = [Alias(text=entry.title)]
            forms += list(entry.aliases)
            explicit = {a.text for a in forms}
            if entry.surname and entry.surname not in explicit:
                forms.append(Alias(text=entry.surname, after_first_mention=True))
            for alias in forms:
                label = str(len(self.rules))
                self.rules.append(_Rule.of(entry.id, alias))
                target = exact if alias.is_case_sensitive else lower
                for form in sorted(_variants(alias.text)):
                    target.append({"label": label, "pattern": form, "id": entry.id})
        self.exact = self.nlp.add_pipe("span_ruler", name="glossary_exact",
                                       config={"spans_key": "glossary", "phrase_matcher_attr": "ORTH",
                                               "spans_filter": None, "overwrite": False, "validate": False})
        self.lower = self.nlp.add_pipe("span_ruler", name="glossary_lower",
                                       config={"spans_key": "glossary", "phrase_matcher_attr": "LOWER",
                                               "spans_filter": None, "overwrite": False, "validate": False})
        self.exact.add_patterns(exact)
        self.lower.add_patterns(lower)

    def docs(self, annotated: Annotated) -> list[Doc]:
        """Deserialise a document's model output into this matcher's vocabulary."""
        return list(DocBin(attrs=DOCBIN_ATTRS).from_bytes(annotated.docbin).get_docs(self.nlp.vocab))

    def annotate(self, annotated: Annotated) -> TextAnnotation:
        document = annotated.document
        docs = self.docs(annotated)
        seen: set[str] = set()
        mentions: list[Mention] = []
        entities: list[Entity] = []
        sentences: dict[str, list[tuple[int, int]]] = {}
        for block, doc in zip(document.blocks, docs):
            doc.spans["glossary"] = []
            doc = self.lower(self.exact(doc))
            spans = self._resolve(doc, seen)
            sentences[block.id] = [(s.start_char, s.end_char) for s in doc.sents] if len(doc) else []
            for span in spans:
                sent = span.sent
                mentions.append(Mention(document.id, block.id, span.start_char, span.end_char, span.id_,
                                        span.text, sent.start_char, sent.end_char))
            for ent in doc.ents:
                if ent.label_ not in CANDIDATE_LABELS:
                    continue
                if any(ent.start < s.end and s.start < ent.end for s in spans):
                    continue
                entities.append(Entity(document.id, block.id, ent.start_char, ent.end_char, ent.label_,
                                       ent.text, ent.sent.text))
        return TextAnnotation(document, mentions, entities, sentences)

    @staticmethod
    def _allowed(span: Span, rule: _Rule) -> bool:
        doc = span.doc
        if rule.not_followed_by and span.end < len(doc) and _norm(doc[span.end].text) in rule.not_followed_by:
            return False
        if rule.not_preceded_by and span.start > 0 and _norm(doc[span.start - 1].text) in rule.not_preceded_by:
            return False
        if rule.requires_in_sentence and not {_norm(t.text) for t in span.sent} & rule.requires_in_sentence:
            return False
        return True

    def _resolve(self, doc: Doc, seen: set[str]) -> list[Span]:
        """Choose the mentions of one block: restrictions, then longest first, then text order."""
        candidates = []
        for span in doc.spans["glossary"]:
            rule = self.rules[int(span.label_)]
            if self._allowed(span, rule):
                candidates.append((span, rule))
        # Longest first; among equals, unrestricted forms before surname-only ones, then position.
        candidates.sort(key=lambda c: (-(c[0].end - c[0].start), c[1].alias.after_first_mention, c[0].start))
        taken: list[tuple[Span, _Rule]] = []
        used = [False] * len(doc)
        for span, rule in candidates:
            if any(used[span.start:span.end]):
                continue
            for i in range(span.start, span.end):
                used[i] = True
            taken.append((span, rule))
        taken.sort(key=lambda c: c[0].start)
        chosen = []
        for span, rule in taken:
            if rule.alias.after_first_mention and rule.entry_id not in seen:
                continue
            seen.add(rule.entry_id)
            chosen.append(Span(doc, span.start, span.end, label=self.glossary[rule.entry_id].type,
                               span_id=rule.entry_id))
        return chosen


def _norm(word: str) -> str:
    return word.replace("’", "'").lower()
