"""Rendering: plain Markdown pages (and small JSON data) from documents, mentions and the glossary.

Everything here is deterministic: pages are sorted, ids are stable, the same input gives the same
bytes. Source prose is escaped character by character; entry bodies are contributed Markdown, so
they are rendered and sanitised to HTML here and reach MkDocs as inert HTML blocks.
"""

from __future__ import annotations

import html
import json
import posixpath
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from .candidates import Candidate
from .convert import Block, Document
from .glossary import ENTRY_TYPES, TYPE_LABELS, TYPE_NAMES, Entry, Glossary
from .markdown_text import escape
from .match import Mention, TextAnnotation
from .graph import svg_graph, svg_neighbourhood
from .relations import Relations
from .safety import attribute, render_body


@dataclass(frozen=True)
class Page:
    """A generated file: its path below docs/ and its content."""

    path: str
    content: str


def _front_matter(*, boost: bool = False, **fields: str) -> str:
    """Page metadata for MkDocs; ``boost`` ranks the page higher in search (used for the texts)."""
    # The theme writes these values into HTML (attributes included) without escaping them.
    lines = ["---"] + [f"{key}: {json.dumps(html.escape(value, quote=True), ensure_ascii=False)}"
                       for key, value in fields.items() if value]
    if boost:
        lines += ["search:", "  boost: 4"]
    return "\n".join(lines + ["---", ""])


def linked_text(block: Block, mentions: list[Mention], links: set[tuple[str, int]], glossary_prefix: str,
                anchors: set[tuple[str, int]] = frozenset()) -> str:
    """A block's text as Markdown with the chosen mentions as links to their entries."""
    out, position = [], 0
    for mention in mentions:
        if (block.id, mention.start) not in links:
            continue
        out.append(escape_keep_edges(block.text[position:mention.start]))
        anchor = f" #m-{mention.entry_id}" if (block.id, mention.start) in anchors else ""
        out.append(f"[{escape(block.text[mention.start:mention.end])}]({glossary_prefix}{mention.entry_id}.md)"
                   f"{{ .gl{anchor} data-entry=\"{mention.entry_id}\" }}")
        position = mention.end
    out.append(escape_keep_edges(block.text[position:]))
    return "".join(out)


def escape_keep_edges(text: str) -> str:
    """Escape a piece of a block without losing the spaces at its edges."""
    if not text:
        return ""
    lead = " " if text[0].isspace() else ""
    tail = " " if text[-1].isspace() and text.strip() else ""
    return lead + escape(text) + tail


def page_url(md_path: str, directory_urls: bool) -> str:
    """The URL path (relative to the site root) MkDocs gives a page, e.g. ``glossary/x/`` or ``glossary/x.html``."""
    stem = md_path[:-3]
    if stem == "index" or stem.endswith("/index"):
        base = stem[: -len("index")]
        return base if directory_urls else base + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def relative_url(from_md: str, to_md: str, directory_urls: bool) -> str:
    """A relative link from one generated page to another, for raw HTML that MkDocs does not rewrite."""
    source, target = page_url(from_md, directory_urls), page_url(to_md, directory_urls)
    source_dir = posixpath.dirname(source) if not source.endswith("/") else source.rstrip("/")
    target_dir, target_file = (target.rstrip("/"), "") if (target.endswith("/") or target == "") else posixpath.split(target)
    rel = posixpath.relpath(target_dir or ".", source_dir or ".")
    if target_file:
        return target_file if rel == "." else f"{rel}/{target_file}"
    return "./" if rel == "." else rel + "/"


def first_linked(annotation: TextAnnotation, links: set[tuple[str, int]]) -> dict[str, Mention]:
    """For each entry, its first linked mention in the text (the target of "In this text")."""
    first: dict[str, Mention] = {}
    for mention in annotation.mentions:
        if (mention.block_id, mention.start) in links:
            first.setdefault(mention.entry_id, mention)
    return first


def _panel(annotation: TextAnnotation, first: dict[str, Mention], glossary: Glossary) -> list[str]:
    """The "In this text" block; ``first`` is each entry's first linked mention (its jump target)."""
    counts = Counter(m.entry_id for m in annotation.mentions)
    lines = [f'??? abstract in-this-text "In this text: {len(counts)} entries, {sum(counts.values())} mentions"']
    for entry_type in ENTRY_TYPES:
        ids = sorted((e for e in counts if glossary[e].type == entry_type), key=lambda e: (-counts[e], glossary[e].title))
        if not ids:
            continue
        items = []
        for entry_id in ids:
            target = f"#m-{entry_id}" if entry_id in first else f"#{_first_block(annotation, entry_id)}"
            items.append(f"[{escape(glossary[entry_id].title)}]({target}) {counts[entry_id]}")
        lines += [f"    **{TYPE_LABELS[entry_type]}:** " + " · ".join(items), ""]
    return lines


def _first_block(annotation: TextAnnotation, entry_id: str) -> str:
    return next(m.block_id for m in annotation.mentions if m.entry_id == entry_id)


def text_page(annotation: TextAnnotation, links: set[tuple[str, int]], glossary: Glossary) -> Page:
    document = annotation.document
    meta = document.source.meta
    by_block: dict[str, list[Mention]] = defaultdict(list)
    for mention in annotation.mentions:
        by_block[mention.block_id].append(mention)
    first = first_linked(annotation, links)
    anchors = {(m.block_id, m.start) for m in first.values()}
    lines = [_front_matter(title=meta.title, description=_describe(document), boost=True), f"# {escape(meta.title)}", ""]
    lines += [_meta_line(document), "{: .text-meta }", ""]
    lines += [f'<div class="cite-data" hidden data-title="{attribute(meta.title)}" '
              f'data-author="{attribute(meta.author)}" data-publication="{attribute(meta.publication)}" '
              f'data-date="{attribute(meta.date or "")}"></div>', ""]
    if annotation.mentions:
        lines += _panel(annotation, first, glossary) + [""]
    in_list = False
    for block in document.blocks:
        body = linked_text(block, by_block.get(block.id, []), links, "../glossary/", anchors)
        if block.kind == "item":
            lines += [f"1. {body}", f"    {{: #{block.id} }}"]
            in_list = True
            continue
        if in_list:
            lines.append("")
            in_list = False
        if block.kind == "heading":
            lines += [f"## {body} {{ #{block.id} }}", ""]
        elif block.kind == "note":
            lines += ['!!! note ""', f"    {body}", f"    {{: #{block.id} .note-text }}", ""]
        else:
            lines += [body, f"{{: #{block.id} }}", ""]
    return Page(f"texts/{document.id}.md", "\n".join(lines).rstrip() + "\n")


def _describe(document: Document) -> str:
    meta = document.source.meta
    who = meta.author if meta.author != "unknown" else "an unknown author"
    return f"{meta.title}, by {who}" + (f", in {meta.publication}" if meta.publication != "unknown" else "") + "."


def _meta_line(document: Document) -> str:
    meta = document.source.meta
    parts = [f"**Author:** {escape(meta.author)}"]
    if meta.translator:
        parts.append(f"**Translator:** {escape(meta.translator)}")
    parts.append(f"**Publication:** {escape(meta.publication)}")
    if meta.first_published:
        parts.append(f"**First published:** {escape(meta.first_published)}")
    parts.append(f"**Date:** {escape(meta.date or 'not stated')}")
    if meta.date_note:
        parts.append(f"**About the date:** {escape(meta.date_note)}")
    parts.append(f"**Language:** {escape(meta.language)}" + (f" (translated from {escape(meta.original_language)})" if meta.original_language else ""))
    return " · ".join(parts)


def highlighted_sentence(block: Block, mention: Mention) -> str:
    """The sentence of a mention, escaped, with the mention marked."""
    text = block.text
    before = text[mention.sentence_start:mention.start]
    after = text[mention.end:mention.sentence_end]
    return (escape_keep_edges(before) + "<mark>" + escape(text[mention.start:mention.end]) + "</mark>"
            + escape_keep_edges(after)).strip()


def mentions_by_entry(annotations: list[TextAnnotation]) -> dict[str, list[tuple[TextAnnotation, list[Mention]]]]:
    """For each entry, the texts that mention it (in text order) with its mentions there."""
    grouped: dict[str, list[tuple[TextAnnotation, list[Mention]]]] = defaultdict(list)
    for annotation in annotations:
        per_entry: dict[str, list[Mention]] = defaultdict(list)
        for mention in annotation.mentions:
            per_entry[mention.entry_id].append(mention)
        for entry_id, mentions in per_entry.items():
            grouped[entry_id].append((annotation, mentions))
    return grouped


def entry_page(entry: Entry, glossary: Glossary, own: list[tuple[TextAnnotation, list[Mention]]],
               relations: Relations, directory_urls: bool) -> Page:
    """An entry's page; ``own`` lists the texts that mention it with those mentions."""
    path = f"glossary/{entry.id}.md"
    total = sum(len(ms) for _, ms in own)
    lines = [_front_matter(title=entry.title, description=entry.summary), f"# {escape(entry.title)}", ""]
    where = f"{total} mention{'s' if total != 1 else ''} in {len(own)} text{'s' if len(own) != 1 else ''}"
    lines += [f"{TYPE_NAMES[entry.type]} · {where}", "{: .entry-type }", ""]
    lines += [escape(entry.summary), "{: .entry-summary }", ""]
    lines += [f'<div class="entry-body">{" ".join(render_body(entry.body).split(chr(10)))}</div>', ""]
    if entry.aliases:
        lines += ["**Also written:** " + ", ".join(escape(a.text) for a in entry.aliases), "{: .entry-aliases }", ""]
    if entry.see_also:
        lines += ["## See also { data-search-exclude }", ""]
        for ref in entry.see_also:
            other = glossary[ref]
            lines.append(f"- [{escape(other.title)}]({ref}.md) — {escape(other.summary)}")
        lines.append("")
    lines += ["## Mentioned in { data-search-exclude }", ""]
    for annotation, mentions in own:
        document = annotation.document
        blocks = {b.id: b for b in document.blocks if b.id in {m.block_id for m in mentions}}
        count = f"{len(mentions)} mention" + ("s" if len(mentions) != 1 else "")
        lines += [f"### [{escape(document.title)}](../texts/{document.id}.md) ({count}) {{ data-search-exclude }}", ""]
        for mention in mentions:
            block = blocks[mention.block_id]
            anchor = mention.block_id
            lines.append(f"- {highlighted_sentence(block, mention)} "
                         f"[¶ {anchor.split('-')[1]}](../texts/{document.id}.md#{anchor} \"Paragraph {anchor.split('-')[1]}\")")
        lines.append("")
    if not own:
        lines += ["No text mentions this entry yet.", ""]
    neighbours = [(e, n) for e, n in relations.neighbours(entry.id) if e in glossary.entries][:10]
    if neighbours:
        lines += ["## Appears alongside { data-search-exclude }", "",
                  "Entries that most often share a paragraph with this one (number of shared paragraphs):", ""]
        lines += [f"- [{escape(glossary[e].title)}]({e}.md) {n}" for e, n in neighbours]
        lines += ["", '<figure class="graph-figure">' + svg_neighbourhood(
            entry.id, glossary, relations, lambda e: relative_url(path, f"glossary/{e}.md", directory_urls)) + "</figure>", ""]
    return Page(path, "\n".join(lines).rstrip() + "\n")


def glossary_index(glossary: Glossary, counts: Counter) -> Page:
    lines = [_front_matter(title="Glossary", description="People, states, organisations, places, concepts, events and documents in the texts."),
             "# Glossary", "",
             f"{len(glossary)} entries. Each explains a name or idea the texts rely on and lists every passage that mentions it.", ""]
    present = [t for t in ENTRY_TYPES if any(e.type == t for e in glossary)]
    lines += ["By type: " + " · ".join(f"[{TYPE_LABELS[t]}](#type-{t})" for t in present) + " — or [A–Z](#a-z).", ""]
    for entry_type in present:
        entries = sorted((e for e in glossary if e.type == entry_type), key=lambda e: e.title.lower())
        lines += [f"## {TYPE_LABELS[entry_type]} {{ #type-{entry_type} }}", ""]
        for entry in entries:
            n = counts.get(entry.id, 0)
            lines.append(f"- [{escape(entry.title)}]({entry.id}.md) — {escape(entry.summary)} ({n} mention{'s' if n != 1 else ''})")
        lines.append("")
    lines += ["## A–Z { #a-z }", ""]
    by_letter: dict[str, list[Entry]] = defaultdict(list)
    for entry in glossary:
        letter = _initial(entry.title)
        by_letter[letter].append(entry)
    letters = sorted(by_letter)
    lines += [" · ".join(f"[{letter}](#letter-{letter.lower() if letter.isalpha() else 'other'})" for letter in letters), ""]
    for letter in letters:
        anchor = letter.lower() if letter.isalpha() else "other"
        lines += [f"### {escape(letter)} {{ #letter-{anchor} }}", ""]
        for entry in sorted(by_letter[letter], key=lambda e: e.title.lower()):
            lines.append(f"- [{escape(entry.title)}]({entry.id}.md) ({TYPE_NAMES[entry.type].lower()})")
        lines.append("")
    return Page("glossary/index.md", "\n".join(lines).rstrip() + "\n")


def _initial(title: str) -> str:
    folded = unicodedata.normalize("NFKD", title)
    for ch in folded:
        if ch.isalnum():
            return ch.upper() if ch.isascii() and ch.isalpha() else "#"
    return "#"


def reading_minutes(document: Document) -> int:
    words = sum(len(b.text.split()) for b in document.blocks)
    return max(1, round(words / 230))


def home_page(annotations: list[TextAnnotation], glossary: Glossary) -> Page:
    lines = [_front_matter(title="Home", description="A cross-referenced reading edition of essays on US–Russia–China relations."),
             "# The annotated reader", "",
             "Three texts on relations between the United States, Russia and China, written from different "
             "political positions, with the people, states, organisations and ideas they rely on linked to a "
             "neutral glossary. Hover over or focus a linked name for a short explanation; every glossary entry "
             "lists each passage that mentions it.", "", '<div class="grid cards" markdown>', ""]
    for annotation in annotations:
        document = annotation.document
        meta = document.source.meta
        counts = Counter(m.entry_id for m in annotation.mentions)
        top = sorted(counts, key=lambda e: (-counts[e], e))[:6]
        lines += [f"-   **[{escape(meta.title)}](texts/{document.id}.md)**", "", "    ---", "",
                  f"    {escape(meta.publication if meta.publication != 'unknown' else 'Publication not stated')} · "
                  f"{escape(meta.date or 'undated')} · {escape(meta.kind or 'text')} · {reading_minutes(document)} min read", "",
                  "    Leans on: " + ", ".join(f"[{escape(glossary[e].title)}](glossary/{e}.md)" for e in top), ""]
    lines += ["</div>", "",
              "Browse the [glossary](glossary/index.md), see [how the entries connect](graph.md), "
              "or the [wanted entries](wanted.md) the glossary does not cover yet.", ""]
    return Page("index.md", "\n".join(lines))


def graph_page(glossary: Glossary, relations: Relations, directory_urls: bool) -> Page:
    path = "graph.md"
    svg = svg_graph(glossary, relations, lambda e: relative_url(path, f"glossary/{e}.md", directory_urls))
    lines = [_front_matter(title="Connections", description="How the people, states and ideas of the texts connect."),
             "# Connections", "",
             "Each circle is a glossary entry, sized by how often the texts mention it and coloured by its type; "
             "a line joins two entries that share at least two paragraphs (and every entry to the one it shares most with). "
             "Select a circle to open the entry.", "",
             f'<figure class="graph-figure graph-full">{svg}</figure>', ""]
    return Page(path, "\n".join(lines))


def glossary_data(glossary: Glossary) -> Page:
    """The preview cards' content as a small script, so previews need no fetch (works from file://)."""
    data = {e.id: {"title": e.title, "type": TYPE_NAMES[e.type], "summary": e.summary} for e in glossary}
    payload = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Page("assets/glossary-data.js", f"window.READER_GLOSSARY = {payload};\n")


def wanted_page(candidates: list[Candidate]) -> Page:
    lines = [_front_matter(title="Wanted entries", description="Names the texts use that the glossary does not explain yet."),
             "# Wanted entries", "",
             "Names that the statistical model found in the texts and that no glossary entry covers. "
             "Each is a candidate for a new entry or an alias; see CONTRIBUTING.md.", ""]
    if not candidates:
        lines += ["Every name the model found is covered by the glossary.", ""]
    else:
        lines += ["| Name | Kind | Count | Example |", "| --- | --- | --- | --- |"]
        for c in candidates:
            text_id, block_id = c.block.split("#")
            lines.append(f"| {escape(c.name)} | {', '.join(c.labels)} | {c.count} | "
                         f"{escape(c.context)} [¶](texts/{text_id}.md#{block_id}) |")
        lines.append("")
    return Page("wanted.md", "\n".join(lines))
