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
from ..model import Reference

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


def front_matter(*, boost: bool = False, hide: tuple[str, ...] = (), unsearched: bool = False, **fields: str) -> str:
    """Page metadata for the engine; ``boost`` ranks the page higher in search (used for the texts),
    ``hide`` names parts of the theme's frame the page does without (``toc``), ``unsearched`` keeps
    the page out of the search index."""
    # The theme writes these values into HTML (attributes included) without escaping them.
    lines = ["---"] + [f"{key}: {json.dumps(html.escape(value, quote=True), ensure_ascii=False)}"
                       for key, value in fields.items() if value]
    if hide:
        lines += ["hide:"] + [f"  - {part}" for part in hide]
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


SOURCE_TAGS = frozenset({"ol", "li", "cite", "a", "span"})
"""Elements of the "Sources" list of an entry page."""


def render_references(references: tuple[Reference, ...]) -> str:
    """An entry's references as a sanitised HTML list: the title linked (http and https only), the
    publisher, and what the source supports."""
    items = []
    for reference in references:
        link = f'<a href="{attribute(reference.url)}">{html.escape(reference.title)}</a>'
        supports = html.escape(reference.supports.rstrip("."))
        items.append(f"<li><cite>{link}</cite>, {html.escape(reference.publisher)}. "
                     f'<span class="source-supports">Supports: {supports}.</span></li>')
    raw = "<ol>" + "".join(items) + "</ol>"
    return nh3.clean(raw, tags=set(SOURCE_TAGS), attributes={"a": {"href"}, "span": {"class"}},
                     url_schemes={"http", "https"}, link_rel="noopener noreferrer")


def plural(count: int, word: str) -> str:
    """``1 mention``, ``2 mentions``."""
    return f"{count} {word}{'s' if count != 1 else ''}"
