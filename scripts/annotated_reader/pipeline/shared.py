"""Names that share one head noun in a list: "the State and Treasury Departments", "the Departments of
State, Treasury, Defense, and Justice" (the ``shared head`` row of the rule table in ``rules``).

An alias made of capitalised words and a head noun ("State Department", "Department of State") names
its entry in such a list too, where the text writes the head once, in the plural: each word of the list
that, with the head, is an alias of an entry is a mention of that entry. Built from the glossary's
aliases, so a new "X Department" or "Department of X" alias is read in lists without code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..inputs.text import fold

LIST_WORDS = frozenset({",", "and", "or", "of", "the"})
"""What joins the names of such a list: "of State, Treasury, and War", "of State and of the Treasury"."""


def plural(word: str) -> str:
    """The plural of a head noun ("Department" → "Departments", "Agency" → "Agencies")."""
    return word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"


@dataclass
class SharedHeads:
    """Aliases by head noun: the words before it ("State" of "State Department") and after "of"
    ("State" of "Department of State"), each to the rule (alias) it comes from."""

    before: dict[str, dict[tuple[str, ...], str]] = field(default_factory=dict)
    after: dict[str, dict[tuple[str, ...], str]] = field(default_factory=dict)

    def add(self, words: list[str], label: str) -> None:
        """Record an alias given as words, if it has the shape of one with a head noun."""
        if len(words) < 2 or not all(w[:1].isupper() or w in ("of", "the") for w in words):
            return
        head = words[0] if "of" in words else words[-1]
        if len(head) < 3 or not head.isalpha() or head.isupper():
            return  # a head noun, not a numeral or an acronym: "World War I", "World War II"
        if "of" in words:
            rest = words[words.index("of") + 1:]
            if words.index("of") == 1 and rest and rest != ["the"]:
                rest = rest[1:] if rest[0] == "the" else rest
                self.after.setdefault(plural(head), {}).setdefault(tuple(fold(w) for w in rest), label)
        elif all(w.isalpha() for w in words):
            self.before.setdefault(plural(head), {}).setdefault(tuple(fold(w) for w in words[:-1]), label)

    def find(self, doc: Doc) -> list[Span]:
        """The names of every list in the block that shares a head the glossary knows, as spans labelled
        with their alias's rule."""
        found: list[Span] = []
        for token in doc:
            if token.text in self.before:
                found += self._named(doc, self._groups(doc, token.i, -1), self.before[token.text])
            if token.text in self.after and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "of":
                groups = self._groups(doc, token.i + 1, 1)
                spans = self._named(doc, groups, self.after[token.text])
                if spans and groups and spans[0].start == groups[0][0]:  # "the Departments of State": the
                    spans[0] = Span(doc, token.i, spans[0].end, label=spans[0].label_)  # first holds the head
                found += spans
        return found

    @staticmethod
    def _groups(doc: Doc, i: int, step: int) -> list[tuple[int, int]]:
        """The runs of capitalised words before (step -1) or after (step 1) token i, as far as the list's
        joining words reach; at least two runs and a conjunction, else none."""
        groups: list[tuple[int, int]] = []
        conjunction = False
        j = i + step
        while 0 <= j < len(doc):
            start = j
            while 0 <= j < len(doc) and (doc[j].text[:1].isupper() and doc[j].is_alpha
                                         or (doc[j].text == "-" and not doc[j].whitespace_
                                             and 0 <= j + step < len(doc) and doc[j + step].text[:1].isupper())):
                j += step
            if j == start:
                break
            groups.append((min(start, j - step), max(start, j - step) + 1))
            joined = False
            while 0 <= j < len(doc) and doc[j].lower_ in LIST_WORDS:
                conjunction = conjunction or doc[j].lower_ in ("and", "or")
                joined = True
                j += step
            if not joined:
                break
        if step < 0:
            groups.reverse()
        return groups if len(groups) >= 2 and conjunction else []

    @staticmethod
    def _named(doc: Doc, groups: list[tuple[int, int]], known: dict[tuple[str, ...], str]) -> list[Span]:
        """Spans of the groups, or of their last words, that are known names before or after the head."""
        spans = []
        for start, end in groups:
            for first in range(start, end):  # the longest ending of the group: "the Post Office" → "Post Office"
                words = tuple(fold(t.text) for t in doc[first:end] if t.text != "-")
                if words in known:
                    spans.append(Span(doc, first, end, label=known[words]))
                    break
        return spans
