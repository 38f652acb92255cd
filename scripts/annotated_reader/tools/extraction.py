"""Turning received text into the lines of a source, with every judgement call shown, not hidden.

A pasted page's text, a Markdown file and the main text of a saved web page all become the same
thing: a title, the text's lines (headings, paragraphs, list items, quotations) and the metadata
the text states. Lines that look like page furniture (menus, captions, photo credits, share and
newsletter prompts, related-article links) are kept in the text and *declared* as furniture, with
the reason, so the editor reviews the call instead of losing the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

FURNITURE_LINES = {
    "published", "share", "shares", "share this", "share this article", "share this story", "tweet", "email",
    "print", "comments", "advertisement", "subscribe", "subscribe now", "subscribe to our newsletter", "sign up",
    "menu", "close", "skip to content", "read more", "related", "related articles", "topics", "most read",
}
"""Whole lines (lower case, without final punctuation) that are page furniture wherever they stand."""
FURNITURE_PREFIX = re.compile(
    r"(?i)^(read more|read also|also read|see also|related|more on this|credit|photo|image|picture|photograph|"
    r"sign up|subscribe to|follow us|share this|click here|we want to hear what you think|advertisement)\b\s*[:—–-]?")
FURNITURE_PATTERN = re.compile(r"(?i)(\bin (pictures|photos|photographs|video)$|^(most read|most popular|trending now|"
                               r"latest news|you may also like|recommended)\b)")
CREDIT = re.compile(r"^\(.*(/|shutterstock|getty|reuters|\bap\b|afp|photo|credit|image).*\)$", re.IGNORECASE)
BYLINE = re.compile(r"^By\s+(?P<name>[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|and|de|van|von))*|the editors)(?:,.*)?$")
FIRST_PUBLISHED = re.compile(r"(?i)^(first published|originally published|this (post|article|story|piece|essay) "
                             r"(was )?(originally|first) (appeared|published))\b")
TRANSLATION = re.compile(r"(?i)\btranslat(?:ion|ed) by (?P<who>[^.;]+?)(?: for (?P<where>[^.;]+))?[.;]?$")
SENTENCE_END = tuple(".!?…;,:\"”’)]")


@dataclass
class Extracted:
    """A text as received, ready to be written as a source, with the calls made on the way."""

    kind: str
    """"html", "markdown" or "text"."""
    title: str | None = None
    lines: list[tuple[str, str]] = field(default_factory=list)
    """(kind, text) in reading order; kind is heading, paragraph, bullet, item or quote."""
    furniture: dict[str, str] = field(default_factory=dict)
    """Line → why it was declared furniture."""
    meta: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    received: str | None = None
    """For pasted text: the text exactly as received, which the source keeps line for line."""

    @property
    def headings(self) -> list[str]:
        return [text for kind, text in self.lines if kind == "heading"]

    def add(self, kind: str, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.lines.append((kind, text))


def words(text: str) -> int:
    return len(text.split())


def is_prose(line: str) -> bool:
    """A line that reads as running text rather than a label."""
    return words(line) >= 15 or (len(line) >= 60 and line.rstrip().endswith(SENTENCE_END))


def looks_like_heading(line: str, following: str | None) -> bool:
    """Short, without a sentence's final punctuation, and followed by prose."""
    return (0 < words(line) <= 15 and len(line) <= 120 and not line.rstrip().endswith(SENTENCE_END)
            and following is not None and is_prose(following))


def is_menu(line: str) -> bool:
    """A row of capitalised words with no punctuation: a site's navigation."""
    tokens = line.replace("&", " ").split()
    return len(tokens) >= 3 and all(t[:1].isupper() for t in tokens) and not re.search(r"[.,;:!?()]", line)


def furniture_reason(line: str) -> str | None:
    """Why a line is page furniture wherever it stands, or None."""
    bare = line.strip().rstrip(".:!").lower()
    if bare in FURNITURE_LINES:
        return "a page label"
    if FURNITURE_PREFIX.match(line.strip()):
        return "a link, credit or prompt of the page"
    if CREDIT.match(line.strip()):
        return "a photo credit"
    if FURNITURE_PATTERN.search(line.strip()):
        return "a widget of the page (gallery, list of other articles)"
    return None


def note_metadata(extracted: Extracted, line: str) -> None:
    """Facts a line states about the text itself: first publication, translation, byline."""
    if FIRST_PUBLISHED.match(line) and "first_published" not in extracted.meta:
        extracted.meta["first_published"] = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
    translation = TRANSLATION.search(line)
    if translation and "translator" not in extracted.meta:
        extracted.meta["translator"] = translation.group("who").strip()
        if translation.group("where"):
            extracted.meta.setdefault("publication", translation.group("where").strip())
    byline = BYLINE.match(line.strip())
    if byline and words(line) <= 12 and "author" not in extracted.meta and not any(
            kind == "paragraph" and is_prose(text) for kind, text in extracted.lines):
        extracted.meta["author"] = byline.group("name")
        extracted.furniture[line] = "a byline (the author is in the metadata)"


def from_text(text: str) -> Extracted:
    """Plain text pasted from a page, one paragraph per line: title, headings and furniture proposed."""
    out = Extracted("text", received=text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    content = [line for line in lines if line]
    first_prose = next((i for i, line in enumerate(content) if is_prose(line)), len(content))
    for i, line in enumerate(content):
        following = content[i + 1] if i + 1 < len(content) else None
        reason = furniture_reason(line)
        if reason is None and i < first_prose and is_menu(line) and (out.title is None):
            reason = "a navigation menu"
        if reason is None and out.title is not None and i < first_prose and not line.endswith(SENTENCE_END) \
                and words(line) <= 10 and not (following and is_prose(following)) and not FIRST_PUBLISHED.match(line):
            reason = "a caption (a short label before the text starts)"
        if reason:
            out.furniture[line] = reason
            out.add("paragraph", line)
            continue
        if out.title is None:
            out.title = line
            out.add("paragraph", line)
            continue
        note_metadata(out, line)
        out.add("heading" if looks_like_heading(line, following) and line not in out.furniture else "paragraph", line)
    return out


# --------------------------------------------------------------------------- documents with structure


HEADING_TAGS = {"head", "h1", "h2", "h3", "h4", "h5", "h6"}
ITEM_TAGS = {"item", "li"}
QUOTE_TAGS = {"quote", "blockquote"}
LIST_TAGS = {"list", "ul", "ol"}
BLOCK_TAGS = HEADING_TAGS | ITEM_TAGS | {"p"}
LINK_TAGS = {"a", "ref"}


def _tag(element) -> str:
    return element.tag if isinstance(element.tag, str) else ""


def _own_text(element: etree._Element) -> str:
    """The element's text without that of nested lists, paragraphs or quotations."""
    parts = [element.text or ""]
    for child in element:
        if _tag(child) not in LIST_TAGS | QUOTE_TAGS | {"p"}:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _is_bold(child: etree._Element) -> bool:
    return _tag(child) in ("b", "strong") or (_tag(child) == "hi" and "#b" in (child.get("rend") or ""))


def _whole(element: etree._Element, test) -> bool:
    """The element's whole text is one child that passes ``test`` (a bold line, a lone link)."""
    children = [c for c in element if _tag(c)]
    return (len(children) == 1 and test(children[0]) and not (element.text or "").strip()
            and not (children[0].tail or "").strip())


def from_tree(root: etree._Element, kind: str) -> Extracted:
    """Lines from a structured document: trafilatura's XML (head, p, list, item, quote) or HTML."""
    out = Extracted(kind)
    for element in root.iter():
        tag = _tag(element)
        parent = element.getparent()
        in_quote = any(_tag(a) in QUOTE_TAGS for a in element.iterancestors())
        if tag in QUOTE_TAGS and not any(_tag(c) in BLOCK_TAGS | LIST_TAGS for c in element):
            text, line_kind = _own_text(element), "quote"
        elif tag in BLOCK_TAGS and not (tag == "p" and parent is not None and _tag(parent) in ITEM_TAGS):
            text = _own_text(element)
            if tag in ITEM_TAGS:
                line_kind = "item" if parent is not None and (_tag(parent) == "ol" or parent.get("rend") == "ol") else "bullet"
            elif BYLINE.match(text) and words(text) <= 12:
                line_kind = "paragraph"
            elif tag in HEADING_TAGS or (words(text) <= 15 and _whole(element, _is_bold)):
                line_kind = "heading"
            else:
                line_kind = "quote" if in_quote else "paragraph"
        else:
            continue
        if not text:
            continue
        if _whole(element, lambda c: _tag(c) in LINK_TAGS) and words(text) <= 25:
            out.furniture.setdefault(text, "a link to another page (related article)")
        elif furniture_reason(text):
            out.furniture.setdefault(text, furniture_reason(text))
        if text in out.furniture:
            line_kind = "paragraph"
        elif out.title is None and kind == "markdown" and tag == "h1":
            out.title = text
        else:
            note_metadata(out, text)
        out.add(line_kind, text)
    return out


def from_markdown(text: str) -> Extracted:
    """Markdown: headings from #, paragraphs, lists and quotations; the first level-1 heading is the title."""
    import markdown
    from lxml import html as lxml_html

    rendered = markdown.Markdown(extensions=["sane_lists"]).convert(text)
    root = lxml_html.fragment_fromstring(rendered or "<p></p>", create_parent="div")
    out = from_tree(root, "markdown")
    if out.title is None and out.lines:
        out.title = out.lines[0][1]
    return out
