"""Entry bodies: contributed Markdown, checked for anything that could become active content.

Validation refuses raw HTML, comments, images and links other than http(s)/mailto with a clear
message; the site layer renders bodies with the same Markdown configuration (``body_markdown``)
and sanitises the HTML with nh3 all the same.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown

ALLOWED_TAGS = frozenset({"p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "br", "h2", "h3"})
"""HTML elements an entry body may produce from its Markdown."""

ALLOWED_ATTRIBUTES = {"a": frozenset({"href", "title"})}
"""Attributes allowed on those elements; everything else (style, on*, id, class) is dropped."""

URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Link schemes allowed in bodies; relative links are not (use see_also to link entries)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Control characters (C0 and C1) and bidirectional overrides: never part of an entry's prose."""


def body_markdown() -> markdown.Markdown:
    """The Markdown converter for bodies: no extension that reads files, sets attributes or passes HTML."""
    return markdown.Markdown(extensions=["sane_lists"], output_format="html")


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"raw HTML or markup producing <{tag}>")
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"the attribute '{name}' on <{tag}>")
            elif name == "href" and not safe_url(value or ""):
                self.problems.append(f"the link '{value}'")

    def handle_comment(self, data: str) -> None:
        self.problems.append("an HTML comment")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("an HTML declaration")

    def handle_pi(self, data: str) -> None:
        self.problems.append("an HTML processing instruction")


def safe_url(url: str) -> bool:
    return urlsplit(url.strip()).scheme.lower() in URL_SCHEMES


def _html_problems(text: str) -> list[str]:
    collector = _TagCollector()
    collector.feed(body_markdown().convert(text))
    collector.close()
    return collector.problems


def body_problem(body: str) -> tuple[int, str, str] | None:
    """The first unsafe construct of a Markdown body as (line within body, what, fix), or None."""
    control = _CONTROL.search(body.replace("\t", " "))
    if control:
        return body[: control.start()].count("\n") + 1, "control", ""
    if not _html_problems(body):
        return None
    for number, line in enumerate(body.split("\n"), start=1):
        found = _html_problems(line)
        if found:
            return number, found[0], _fix_for(found[0])
    return 1, "raw HTML or an unsafe link", "write plain Markdown with https:// links only"


def _fix_for(problem: str) -> str:
    if problem.startswith("the link"):
        return "link only to http://, https:// or mailto: addresses; link entries through see_also"
    if "<img>" in problem:
        return "remove the image; entries carry text only"
    return "write plain Markdown; raw HTML is not allowed in entries"
