"""The main text of a saved web page, with trafilatura, and its metadata, with htmldate: never a guess.

Only extracted text goes into a source: scripts, frames, styles, attributes and links are dropped
with the markup. When a page carries its article only in a script (as serialised page nodes) and
the visible markup holds little of it, the nodes are rebuilt and extracted the same way. A credit
line such as "This post originally appeared on …" is kept, wherever on the page it stands.
"""

from __future__ import annotations

import html as html_lib
import json
import re

import htmldate
import trafilatura
from lxml import etree
from lxml import html as lxml_html

from .extraction import FIRST_PUBLISHED, Extracted, from_tree, words

EXTRACT = dict(output_format="xml", include_formatting=True, include_links=True, include_tables=False,
               include_images=False, include_comments=False, with_metadata=False)
NODE_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "a", "b", "strong", "em", "i", "div", "span"}


def _declared_body(tree: lxml_html.HtmlElement) -> str:
    """The article body a page declares in its JSON-LD (empty when it declares none)."""
    best = ""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("articleBody"), str) and len(item["articleBody"]) > len(best):
                best = item["articleBody"]
    return best


def _similarity(a: str, b: str) -> float:
    """Share of the words of ``b`` that ``a`` has (as sets, lower case)."""
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) / max(len(wb), 1)


def _nodes_to_html(nodes: list) -> str:
    """Serialised page nodes ({"type": "p", "children": [...]} / {"type": "text", "data": …}) as HTML."""
    out = []
    for node in nodes:
        if not isinstance(node, dict):
            continue
        kind = node.get("type")
        if kind == "text":
            out.append(html_lib.escape(str(node.get("data", ""))))
        elif kind in NODE_TAGS:
            inner = _nodes_to_html(node.get("children") or [])
            out.append(f"<{kind}>{inner}</{kind}>" if kind != "a" else f'<a href="#">{inner}</a>')
    return "".join(out)


def _serialised_article(tree: lxml_html.HtmlElement, declared: str) -> str | None:
    """The run of serialised page nodes in the page's scripts that is the declared article body, as HTML."""
    best, best_score = None, 0.5

    def walk(value) -> None:
        nonlocal best, best_score
        if isinstance(value, list) and value and all(isinstance(v, dict) and "type" in v for v in value) \
                and any(v.get("type") == "p" for v in value):
            rebuilt = _nodes_to_html(value)
            score = _similarity(lxml_html.fromstring(f"<div>{rebuilt}</div>").text_content(), declared)
            if score > best_score:
                best, best_score = rebuilt, score
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for script in tree.xpath("//script"):
        text = (script.text or "").strip()
        start = text.find("{")
        if start < 0 or '"children"' not in text:
            continue
        try:
            walk(json.loads(text[start:].rstrip(";")))
        except ValueError:
            continue
    return f"<html><body><article>{best}</article></body></html>" if best else None


def _credit_line(tree: lxml_html.HtmlElement) -> str | None:
    """A line of the page saying where the text first appeared ("This post originally appeared on …")."""
    for element in tree.iter("p", "div", "span", "em"):
        text = " ".join(element.text_content().split())
        if 4 <= words(text) <= 30 and FIRST_PUBLISHED.match(text):
            return text
    return None


def _title(tree: lxml_html.HtmlElement, fallback: str | None, site: str | None) -> str | None:
    """The article's title: og:title or the page title, without the site's name or a date after a bar."""
    found = str(tree.xpath('string(//meta[@property="og:title"]/@content)') or fallback or tree.findtext(".//title") or "")
    parts = [p.strip() for p in re.split(r"\s+[|–—]\s+|\s+-\s+", found) if p.strip()]
    if len(parts) > 1:
        rest = " ".join(parts[1:]).lower()
        if site and (site.lower().split(".")[0] in rest.lower() or re.search(r"\d", rest)) or len(parts[0]) > 20:
            return parts[0]
    return " ".join(found.split()) or None


def from_html(data: bytes) -> Extracted:
    """Main text and metadata of a saved page."""
    tree = lxml_html.fromstring(data)
    xml = trafilatura.extract(data, **EXTRACT)
    declared = _declared_body(tree)
    extracted_words = words("".join(etree.fromstring(xml.encode()).itertext())) if xml else 0
    notes = []
    if declared and extracted_words < words(declared) / 2:
        rebuilt = _serialised_article(tree, declared)
        if rebuilt:
            again = trafilatura.extract(rebuilt, **EXTRACT)
            if again and words("".join(etree.fromstring(again.encode()).itertext())) > extracted_words:
                xml = again
                notes.append("the page's visible markup held little of the article; its text was taken from the "
                             "page nodes serialised in a script")
    if not xml:
        return Extracted("html", notes=notes)
    out = from_tree(etree.fromstring(xml.encode()), "html")
    out.notes += notes
    meta = trafilatura.extract_metadata(data)
    site = meta.sitename if meta else None
    first = out.lines[0] if out.lines else None
    if first and first[0] == "heading":
        out.title = first[1]  # the article's own headline, first in its text
    else:
        out.title = _title(tree, meta.title if meta else None, site)
    if meta and meta.author:
        out.meta.setdefault("author", str(meta.author))
    if site:
        out.meta.setdefault("publication", str(site))
    canonical = str(tree.xpath('string(//link[@rel="canonical"]/@href)') or (meta.url if meta else "") or "")
    if canonical.startswith(("http://", "https://")):
        out.meta["url"] = canonical
    date = htmldate.find_date(data.decode("utf-8", errors="replace"), extensive_search=False, original_date=True)
    if date:
        out.meta["date"] = str(date)
        out.meta["date_note"] = "The date the page's own metadata gives for the article."
    language = tree.get("lang") or ""
    if re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$", language.lower().split("-")[0]):
        out.meta["language"] = language.lower().split("-")[0]
    credit = _credit_line(tree)
    if credit and not any(text == credit for _, text in out.lines):
        out.lines.insert(0, ("paragraph", credit))
        out.meta.setdefault("first_published", credit)
    return out
