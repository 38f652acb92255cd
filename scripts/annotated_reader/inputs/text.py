"""Plain text: the one rule for fields shown as text, and the normalisers for comparing names.

Invisible characters are refused in plain-text fields: every control character (C0 and C1, such
as U+0085), every format character (bidirectional overrides, zero-width spaces and joiners, the
soft hyphen, tags) and every other default-ignorable code point, using the Unicode properties
of the ``regex`` library. Names are compared for look-alikes through ``name_key``: NFKC, without
ignorable characters, folded, then the confusables skeleton of Unicode Technical Standard #39 as
computed by ICU's spoof checker (``icu.SpoofChecker.getSkeleton``, from the ``pyicu-wheels``
package), so "Рutin" with a Cyrillic Р and "Pu\u200btin" both meet "Putin".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Annotated

import regex as re
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

_INVISIBLE = re.compile(r"[[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]--[\t\n]]", re.V1)
"""Control, format, line/paragraph separator and default-ignorable characters (tab and newline aside)."""
_IGNORABLE = re.compile(r"[\p{Cf}\p{Default_Ignorable_Code_Point}]")
_FORBIDDEN = ("<", ">", "`", "{", "}", "\\", '"')
_SCRIPT_URL = re.compile(r"(?i)(javascript|vbscript|data)\s*:")

APOSTROPHES = "'’"
"""Apostrophe forms a name may be written with; the first is the normal form."""
DASHES = "-–"
"""Hyphen and en dash, which texts use interchangeably in compounds ("US–Russia")."""


def invisible_character(value: str) -> str | None:
    """The first control, format or default-ignorable character of ``value`` ("U+200B ZERO WIDTH SPACE"), or None."""
    found = _INVISIBLE.search(value)
    if found is None:
        return None
    ch = found.group()
    return f"U+{ord(ch):04X}" + (f" {unicodedata.name(ch)}" if unicodedata.name(ch, "") else "")


def plain_text_problem(value: str, allowed: str = "") -> str | None:
    """Why a plain-text field (title, summary, alias, metadata) is unsafe, or None when it is fine."""
    if invisible_character(value):
        return "contains a control or bidirectional-override character"
    bad = sorted({ch for ch in _FORBIDDEN if ch in value and ch not in allowed})
    if bad:
        return "contains " + " ".join(f"'{ch}'" for ch in bad) + ", which plain-text fields may not use"
    if _SCRIPT_URL.search(value):
        return "contains a script or data URL"
    return None


def _refuse_invisible(value: str) -> None:
    character = invisible_character(value)
    if character:
        raise PydanticCustomError("INVISIBLE_CHARACTER", "{character}", {"character": character})


def _plain(value: str) -> str:
    _refuse_invisible(value)
    problem = plain_text_problem(value)
    if problem:
        raise PydanticCustomError("PLAIN_TEXT", "{detail}", {"detail": problem})
    return value


PlainText = Annotated[str, AfterValidator(_plain)]
"""A string shown to readers as text: no markup characters, no control characters, no script URL."""


def _prose(value: str) -> str:
    _refuse_invisible(value)
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


@lru_cache(maxsize=1)
def _spoof_checker():
    import icu

    return icu.SpoofChecker()


def name_keys(text: str) -> set[str]:
    """Forms in which two names that look the same meet (for "claimed by two entries").

    NFKC (full-width and compatibility forms), ignorable characters removed, then the UTS #39
    confusables skeleton of the name as written and of its lower case, each folded: "ΝΑΤΟ" (Greek)
    meets "NATO" as written, "νατο" meets "nato" in lower case.
    """
    plain = _IGNORABLE.sub("", unicodedata.normalize("NFKC", text))
    checker = _spoof_checker()
    return {fold(checker.getSkeleton(0, plain)), fold(checker.getSkeleton(0, plain.lower()))}


_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]+(?![\w’'-])")


def lower_case_words(texts: Iterable[str]) -> frozenset[str]:
    """The words the texts write in lower case: what a capitalised word may be only because it opens a
    sentence ("Keeping") or by house style ("the Nation", when the text also writes "nation")."""
    return frozenset(word for text in texts for word in _LOWER_WORD.findall(text))


def spelling_variants(text: str) -> set[str]:
    """The same name with every apostrophe and dash form ("Xi's" and "Xi’s", "US-China" and "US–China")."""
    forms = {text}
    for group in (APOSTROPHES, DASHES):
        for a in group:
            for b in group:
                if a != b:
                    forms |= {f.replace(a, b) for f in forms}
    return forms
