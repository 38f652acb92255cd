"""The period rule's reading of dates: which year a sentence speaks of (the ``period`` row of the rule
table in ``rules``)."""

from __future__ import annotations

import re

from spacy.tokens import Span

YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})(s|’s|'s)?\b")
PRESENT = frozenset({"today", "now", "nowadays", "currently"})
"""Words that date a sentence to the text's own time whatever years it names ("Europe today can balance
Russia on its own, unlike in 1945")."""


def year_of(span: Span, text_year: int | None) -> int | None:
    """The year the sentence names nearest the match (a decade by its last year; of two as near, the
    later), else the text's year, else None; the text's year when the sentence says it speaks of the
    present ("today"). "The war against Russia in 1904 … in 1931" dates Russia by 1904."""
    sent = span.sent
    if any(t.lower_ in PRESENT for t in sent):
        return text_year
    at = span.start_char - sent.start_char
    years = [(min(abs(m.start() - at), abs(m.end() - at)),
              -(int(m.group(1)) + (9 if m.group(2) and int(m.group(1)) % 10 == 0 else 0)))
             for m in YEAR.finditer(sent.text)]
    return -min(years)[1] if years else text_year
