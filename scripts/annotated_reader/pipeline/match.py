"""Glossary matching on the model's output: which spans name which entry.

Titles and aliases become phrase patterns of two spaCy ``SpanRuler`` components, one matching
exact case and one lower-cased, run over ``Doc`` objects rebuilt from the model stage's plain
output. Matches are then resolved by general rules: alias restrictions from the entry, glossary
matches over statistical entities, longest match first (``spacy.util.filter_spans``), and a
person's surname only after the full name has appeared earlier in the same text.
"""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..inputs.text import fold, spelling_variants
from ..model import Alias, Analysis, AnnotatedText, BlockAnalysis, Entity, Glossary, Mention

CANDIDATE_LABELS = ("PERSON", "GPE", "NORP", "ORG", "LOC", "LAW", "EVENT", "FAC", "WORK_OF_ART")
"""Statistical entity labels that may name something the glossary should explain."""


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
            return frozenset(fold(w) for w in words)

        return cls(entry_id, alias, norm(alias.not_followed_by), norm(alias.not_preceded_by),
                   norm(alias.requires_in_sentence))


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


class GlossaryMatcher:
    """Finds glossary mentions in a document's model output; built once per glossary."""

    def __init__(self, glossary: Glossary, lang: str = "en"):
        self.glossary = glossary
        self.nlp: Language = spacy.blank(lang)
        self.rules: list[_Rule] = []
        exact, lower = [], []
        for entry in glossary:
            forms: list[Alias] = [Alias(text=entry.title), *entry.aliases]
            explicit = {a.text for a in forms}
            if entry.surname and entry.surname not in explicit:
                forms.append(Alias(text=entry.surname, after_first_mention=True))
            for alias in forms:
                label = str(len(self.rules))
                self.rules.append(_Rule.of(entry.id, alias))
                target = exact if alias.is_case_sensitive else lower
                for form in sorted(spelling_variants(alias.text)):
                    target.append({"label": label, "pattern": form, "id": entry.id})
        config = {"spans_key": "glossary", "spans_filter": None, "overwrite": False, "validate": False}
        self.exact = self.nlp.add_pipe("span_ruler", name="glossary_exact", config={**config, "phrase_matcher_attr": "ORTH"})
        self.lower = self.nlp.add_pipe("span_ruler", name="glossary_lower", config={**config, "phrase_matcher_attr": "LOWER"})
        self.exact.add_patterns(exact)
        self.lower.add_patterns(lower)

    def annotate(self, analysis: Analysis) -> AnnotatedText:
        """Every mention and every unmatched statistical entity of one document."""
        document = analysis.document
        seen: set[str] = set()
        mentions: list[Mention] = []
        entities: list[Entity] = []
        sentences: dict[str, tuple[tuple[int, int], ...]] = {}
        for block, output in zip(document.blocks, analysis.blocks):
            doc = rebuild_doc(self.nlp.vocab, block.text, output)
            doc.spans["glossary"] = []
            doc = self.lower(self.exact(doc))
            spans = self._resolve(doc, seen)
            sentences[block.id] = tuple((s.start_char, s.end_char) for s in doc.sents) if len(doc) else ()
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
        return AnnotatedText(document, tuple(mentions), tuple(entities), sentences)

    @staticmethod
    def _allowed(span: Span, rule: _Rule) -> bool:
        doc = span.doc
        if rule.not_followed_by and span.end < len(doc) and fold(doc[span.end].text) in rule.not_followed_by:
            return False
        if rule.not_preceded_by and span.start > 0 and fold(doc[span.start - 1].text) in rule.not_preceded_by:
            return False
        if rule.requires_in_sentence and not {fold(t.text) for t in span.sent} & rule.requires_in_sentence:
            return False
        return True

    def _resolve(self, doc: Doc, seen: set[str]) -> list[Span]:
        """Choose the mentions of one block: restrictions, then the longest spans, then text order.

        Among spans of equal extent, forms with no restriction are preferred to surname-only ones.
        """
        allowed = [span for span in doc.spans["glossary"] if self._allowed(span, self.rules[int(span.label_)])]
        allowed.sort(key=lambda span: self.rules[int(span.label_)].alias.after_first_mention)
        chosen = []
        for span in filter_spans(allowed):
            rule = self.rules[int(span.label_)]
            if rule.alias.after_first_mention and rule.entry_id not in seen:
                continue
            seen.add(rule.entry_id)
            chosen.append(Span(doc, span.start, span.end, label=self.glossary[rule.entry_id].type, span_id=rule.entry_id))
        return chosen
