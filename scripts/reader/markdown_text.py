"""Escaping source prose for Markdown so the page shows exactly the source's characters.

The site enables ``pymdownx.escapeall``, so a backslash before any ASCII punctuation character
makes it literal. Escaping every one of them is simpler and safer than knowing which ones a
given extension might treat as syntax (``*``, ``_``, ``[``, ``<``, ``#``, ``|``, ``1.``, ``{`` …).
"""

from __future__ import annotations

import string

_PUNCTUATION = frozenset(string.punctuation)


def escape(text: str) -> str:
    """Backslash-escape every ASCII punctuation character and fold runs of white space."""
    out = []
    for ch in " ".join(text.split()):
        out.append("\\" + ch if ch in _PUNCTUATION else ch)
    return "".join(out)
