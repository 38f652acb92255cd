"""Plain text: the one rule for fields shown as text, and the one normaliser for comparing names."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_FORBIDDEN = ("<", ">", "`", "{", "}", "\\", '"')
_SCRIPT_URL = re.compile(r"(?i)(javascript|vbscript|data)\s*:")

APOSTROPHES = "'’"
"""Apostrophe forms a name may be written with; the first is the normal form."""
DASHES = "-–"
"""Hyphen and en dash, which texts use interchangeably in compounds ("US–Russia")."""


def plain_text_problem(value: str, allowed: str = "") -> str | None:
    """Why a plain-text field (title, summary, alias, metadata) is unsafe, or None when it is fine."""
    if _CONTROL.search(value):
        return "contains a control or bidirectional-override character"
    bad = sorted({ch for ch in _FORBIDDEN if ch in value and ch not in allowed})
    if bad:
        return "contains " + " ".join(f"'{ch}'" for ch in bad) + ", which plain-text fields may not use"
    if _SCRIPT_URL.search(value):
        return "contains a script or data URL"
    return None


def _plain(value: str) -> str:
    problem = plain_text_problem(value)
    if problem:
        raise PydanticCustomError("PLAIN_TEXT", "{detail}", {"detail": problem})
    return value


PlainText = Annotated[str, AfterValidator(_plain)]
"""A string shown to readers as text: no markup characters, no control characters, no script URL."""


def _prose(value: str) -> str:
    problem = plain_text_problem(value, allowed='"')
    if problem:
        raise PydanticCustomError("PLAIN_TEXT", "{detail}", {"detail": problem})
    return value


Prose = Annotated[str, AfterValidator(_prose)]
"""Plain text that may also quote with straight double quotes (a source's metadata, as received)."""


def _one_line(value: str) -> str:
    if value != value.strip() or "\n" in value:
        raise PydanticCustomError("PLAIN_TEXT", "{detail}", {"detail": "must be a single line without surrounding spaces"})
    return value


Name = Annotated[str, AfterValidator(_plain), AfterValidator(_one_line)]
"""A plain-text name (a title, an alias): also a single line without surrounding spaces."""


def fold(text: str) -> str:
    """The form names are compared in: one space between words, one apostrophe, lower case."""
    for apostrophe in APOSTROPHES[1:]:
        text = text.replace(apostrophe, APOSTROPHES[0])
    return " ".join(text.lower().split())


def spelling_variants(text: str) -> set[str]:
    """The same name with every apostrophe and dash form ("Xi's" and "Xi’s", "US-China" and "US–China")."""
    forms = {text}
    for group in (APOSTROPHES, DASHES):
        for a in group:
            for b in group:
                if a != b:
                    forms |= {f.replace(a, b) for f in forms}
    return forms
