"""Rendering: plain Markdown pages (and small JSON data) from documents, mentions and the glossary.

Everything here is deterministic: pages are sorted, ids are stable, the same input gives the same
bytes. Source prose is escaped character by character; entry bodies are contributed Markdown, so
they are rendered and sanitised to HTML here and reach MkDocs as inert HTML blocks.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from .candidates import Candidate
from .convert import Block, Document
from .glossary import ENTRY_TYPES, TYPE_LABELS, TYPE_NAMES, Entry, Glossary
from .markdown_text import escape
from .match import Mention, TextAnnotation
from .safety import attribute, render_body


@dataclass(frozen=True)
class Page:
    """A generated file: its path below docs/ and its content."""

    path: str
    content: str


def _front_matter(**fields: str) -> str:
    lines = ["---"] + [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items() if value] + ["---", ""]
    return "\n".join(lines)


def linked_text(block: Block, mentions: list[Mention], links: set[tuple[str, int]], glossary_prefix: str) -> str:
    """A block's text as Markdown with the chosen mentions as links to their entries."""
    out, position = [], 0
    for mention in mentions:
        if (block.id, mention.start) not in links:
            continue
        out.append(escape_keep_edges(block.text[position:mention.start]))
        out.append(f"[{escape(block.text[mention.start:mention.end])}]({glossary_prefix}{mention.entry_id}.md)"
                   f"{{ .gl data-entry=\"{mention.entry_id}\" }}")
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


def text_page(annotation: TextAnnotation, links: set[tuple[str, int]], glossary: Glossary) -> Page:
    document = annotation.document
    meta = document.source.meta
    by_block: dict[str, list[Mention]] = defaultdict(list)
    for mention in annotation.mentions:
        by_block[mention.block_id].append(mention)
    lines = [_front_matter(title=meta.title, description=_describe(document)), f"# {escape(meta.title)}", ""]
    lines += [_meta_line(document), "{: .text-meta }", ""]
    in_list = False
    for block in document.blocks:
        body = linked_text(block, by_block.get(block.id, []), links, "../glossary/")
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


def entry_page(entry: Entry, glossary: Glossary, annotations: list[TextAnnotation]) -> Page:
    lines = [_front_matter(title=entry.title, description=entry.summary), f"# {escape(entry.title)}", ""]
    lines += [TYPE_NAMES[entry.type], "{: .entry-type }", ""]
    lines += [escape(entry.summary), "{: .entry-summary }", ""]
    lines += [f'<div class="entry-body">{" ".join(render_body(entry.body).split(chr(10)))}</div>', ""]
    if entry.aliases:
        lines += ["**Also written:** " + ", ".join(escape(a.text) for a in entry.aliases), "{: .entry-aliases }", ""]
    if entry.see_also:
        lines += ["## See also", ""]
        for ref in entry.see_also:
            other = glossary[ref]
            lines.append(f"- [{escape(other.title)}]({ref}.md) — {escape(other.summary)}")
        lines.append("")
    lines += ["## Mentioned in", ""]
    total = 0
    for annotation in annotations:
        mentions = [m for m in annotation.mentions if m.entry_id == entry.id]
        if not mentions:
            continue
        total += len(mentions)
        document = annotation.document
        blocks = {b.id: b for b in document.blocks}
        count = f"{len(mentions)} mention" + ("s" if len(mentions) != 1 else "")
        lines += [f"### [{escape(document.title)}](../texts/{document.id}.md) ({count})", ""]
        for mention in mentions:
            block = blocks[mention.block_id]
            anchor = mention.block_id
            lines.append(f"- {highlighted_sentence(block, mention)} [¶ {anchor.split('-')[1]}](../texts/{document.id}.md#{anchor})")
        lines.append("")
    if total == 0:
        lines += ["No text mentions this entry yet.", ""]
    return Page(f"glossary/{entry.id}.md", "\n".join(lines).rstrip() + "\n")


def glossary_index(glossary: Glossary, counts: Counter) -> Page:
    lines = [_front_matter(title="Glossary", description="People, states, organisations, places, concepts, events and documents in the texts."),
             "# Glossary", "",
             f"{len(glossary)} entries. Each explains a name or idea the texts rely on and lists every passage that mentions it.", ""]
    for entry_type in ENTRY_TYPES:
        entries = sorted((e for e in glossary if e.type == entry_type), key=lambda e: e.title.lower())
        if not entries:
            continue
        lines += [f"## {TYPE_LABELS[entry_type]} {{ #type-{entry_type} }}", ""]
        for entry in entries:
            n = counts.get(entry.id, 0)
            lines.append(f"- [{escape(entry.title)}]({entry.id}.md) — {escape(entry.summary)} ({n} mention{'s' if n != 1 else ''})")
        lines.append("")
    return Page("glossary/index.md", "\n".join(lines).rstrip() + "\n")


def home_page(annotations: list[TextAnnotation]) -> Page:
    lines = [_front_matter(title="Home", description="A cross-referenced reading edition of essays on US–Russia–China relations."),
             "# The annotated reader", "",
             "Essays on relations between the United States, Russia and China, from different political positions, "
             "with the people, states and ideas they rely on linked to a neutral glossary.", "", "## The texts", ""]
    for annotation in annotations:
        document = annotation.document
        meta = document.source.meta
        lines.append(f"- [{escape(meta.title)}](texts/{document.id}.md) — {escape(meta.author)}, "
                     f"{escape(meta.publication)}, {escape(meta.date or 'undated')}")
    lines += ["", "Browse the [glossary](glossary/index.md) or see the [wanted entries](wanted.md).", ""]
    return Page("index.md", "\n".join(lines))


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
