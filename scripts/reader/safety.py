"""Keeping contributed content inert: plain-text fields, Markdown bodies and their HTML.

Contributed text reaches readers' browsers, so it is checked twice: validation rejects raw
HTML, unsafe links and markup in plain-text fields with a clear message, and rendering
passes every body through nh3 (Ammonia) with a small allow-list all the same.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3

ALLOWED_TAGS = frozenset({"p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "br", "h2", "h3"})
"""HTML elements an entry body may produce from its Markdown."""

ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
"""Attributes allowed on those elements; everything else (style, on*, id, class) is dropped."""

URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Link schemes allowed in bodies; relative links are not (use see_also to link entries)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_FORBIDDEN_IN_PLAIN = ("<", ">", "`", "{", "}", "\\", '"')


def check_plain_text(value: str) -> str | None:
    """Why a plain-text field (title, summary, alias, metadata) is unsafe, or None when it is fine."""
    if _CONTROL.search(value):
        return "contains a control or bidirectional-override character"
    bad = sorted({ch for ch in _FORBIDDEN_IN_PLAIN if ch in value})
    if bad:
        hint = " (use typographic quotes “ ” instead of \")" if '"' in bad else ""
        return "contains " + " ".join(f"'{ch}'" for ch in bad) + ", which plain-text fields may not use" + hint
    if re.search(r"(?i)(javascript|vbscript|data)\s*:", value):
        return "contains a script or data URL"
    return None


def _body_markdown() -> markdown.Markdown:
    # No extension that reads files, sets attributes or passes HTML through on purpose.
    return markdown.Markdown(extensions=["sane_lists"], output_format="html")


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"raw HTML or markup producing <{tag}>")
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"the attribute '{name}' on <{tag}>")
            elif name == "href" and not _safe_url(value or ""):
                self.problems.append(f"the link '{value}'")

    def handle_comment(self, data: str) -> None:
        self.problems.append("an HTML comment")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("an HTML declaration")

    def handle_pi(self, data: str) -> None:
        self.problems.append("an HTML processing instruction")


def _safe_url(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in URL_SCHEMES


def _html_problems(text: str) -> list[str]:
    rendered = _body_markdown().convert(text)
    collector = _TagCollector()
    collector.feed(rendered)
    collector.close()
    return collector.problems


def check_body(body: str) -> tuple[int, str, str] | None:
    """The first unsafe construct of a Markdown body as (line within body, problem, fix), or None."""
    if _CONTROL.search(body.replace("\t", " ")):
        index = _CONTROL.search(body.replace("\t", " ")).start()
        return body[:index].count("\n") + 1, "the body contains a control character", "remove it"
    if not _html_problems(body):
        return None
    lines = body.split("\n")
    for number, line in enumerate(lines, start=1):
        found = _html_problems(line)
        if found:
            return number, f"the body contains {found[0]}", _fix_for(found[0])
    return 1, "the body contains raw HTML or an unsafe link", "write plain Markdown with https:// links only"


def _fix_for(problem: str) -> str:
    if problem.startswith("the link"):
        return "link only to http://, https:// or mailto: addresses; link entries through see_also"
    if "<img>" in problem:
        return "remove the image; entries carry text only"
    return "write plain Markdown; raw HTML is not allowed in entries"


def render_body(body: str) -> str:
    """Markdown body to sanitised HTML, safe to embed in a page whatever the input."""
    rendered = _body_markdown().convert(body)
    return nh3.clean(rendered, tags=set(ALLOWED_TAGS), attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
                     url_schemes=set(URL_SCHEMES), link_rel="noopener noreferrer")


def attribute(value: str) -> str:
    """Escape a value for a double-quoted HTML attribute."""
    return html.escape(value, quote=True)
