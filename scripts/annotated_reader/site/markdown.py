"""Writing Markdown and HTML safely: source prose escaped character by character, bodies sanitised.

The site enables ``pymdownx.escapeall``, so a backslash before any ASCII punctuation character
makes it literal. Escaping every one of them is simpler and safer than knowing which ones a
given extension might treat as syntax (``*``, ``_``, ``[``, ``<``, ``#``, ``|``, ``1.``, ``{`` …).
"""

from __future__ import annotations

import html
import json
import string

import nh3

from ..inputs.body import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES, body_markdown

_PUNCTUATION = frozenset(string.punctuation)


def escape(text: str) -> str:
    """Backslash-escape every ASCII punctuation character and fold runs of white space."""
    return "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in " ".join(text.split()))


def escape_keep_edges(text: str) -> str:
    """Escape a piece of a block without losing the spaces at its edges."""
    if not text:
        return ""
    lead = " " if text[0].isspace() else ""
    tail = " " if text[-1].isspace() and text.strip() else ""
    return lead + escape(text) + tail


def attribute(value: str) -> str:
    """Escape a value for a double-quoted HTML attribute."""
    return html.escape(value, quote=True)


def front_matter(*, boost: bool = False, unsearched: bool = False, **fields: str) -> str:
    """Page metadata for the engine; ``boost`` ranks the page higher in search (used for the texts),
    ``unsearched`` keeps the page out of the search index."""
    # The theme writes these values into HTML (attributes included) without escaping them.
    lines = ["---"] + [f"{key}: {json.dumps(html.escape(value, quote=True), ensure_ascii=False)}"
                       for key, value in fields.items() if value]
    if boost:
        lines += ["search:", "  boost: 4"]
    elif unsearched:
        lines += ["search:", "  exclude: true"]
    return "\n".join(lines + ["---", ""])


def render_body(body: str) -> str:
    """An entry's Markdown body as sanitised HTML, safe to embed in a page whatever the input."""
    rendered = body_markdown().convert(body)
    return nh3.clean(rendered, tags=set(ALLOWED_TAGS), attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
                     url_schemes=set(URL_SCHEMES), link_rel="noopener noreferrer")


def plural(count: int, word: str) -> str:
    """``1 mention``, ``2 mentions``."""
    return f"{count} {word}{'s' if count != 1 else ''}"
