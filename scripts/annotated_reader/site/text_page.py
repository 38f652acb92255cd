"""A text's page: its metadata, the "In this text" panel, and its blocks with the linked mentions."""

from __future__ import annotations

import posixpath
import re
from collections import Counter, defaultdict
from urllib.parse import urlsplit

from ..model import ENTRY_TYPES, AnnotatedText, Block, Document, Glossary, Mention, Page
from ..inputs.dates import spoken
from .markdown import attribute, escape, escape_keep_edges, front_matter

PART_CHARACTERS = 45_000
"""Characters of text on one page at most (about 7,000 words): a longer text is split into parts
at block boundaries, preferably before a heading, so every page stays light."""


def text_parts(document: Document) -> list[tuple[str, tuple[Block, ...]]]:
    """The pages of a text: (path, blocks). The first is ``texts/<id>.md``; the others ``texts/<id>/part-<n>.md``."""
    parts: list[list[Block]] = [[]]
    size = 0
    for block in document.blocks:
        length = len(block.text)
        full = size + length > PART_CHARACTERS
        early_heading = block.kind == "heading" and size > PART_CHARACTERS * 0.7
        if parts[-1] and (full or early_heading):
            parts.append([])
            size = 0
        parts[-1].append(block)
        size += length
    return [(part_path(document.id, n), tuple(blocks)) for n, blocks in enumerate(parts, 1)]


def part_path(text_id: str, number: int) -> str:
    return f"texts/{text_id}.md" if number == 1 else f"texts/{text_id}/part-{number}.md"


def block_pages(document: Document) -> dict[str, str]:
    """The page of each block of a text (block id → page path)."""
    return {block.id: path for path, blocks in text_parts(document) for block in blocks}


def linked_text(block: Block, mentions: list[Mention], glossary_prefix: str) -> str:
    """A block's text as Markdown with its linked mentions as links to their entries."""
    out, position = [], 0
    for mention in mentions:
        if not mention.linked:
            continue
        out.append(escape_keep_edges(block.text[position:mention.start]))
        anchor = f" #m-{mention.entry_id}" if mention.first else ""
        out.append(f"[{escape(block.text[mention.start:mention.end])}]({glossary_prefix}{mention.entry_id}.md)"
                   f"{{ .gl{anchor} data-entry=\"{mention.entry_id}\" }}")
        position = mention.end
    out.append(escape_keep_edges(block.text[position:]))
    return "".join(out)


def former_anchors(block: Block) -> str:
    """Empty anchors with the ids the block had before, so that old citation links still land on it."""
    return "".join(f'<a id="{attribute(old)}" class="former-id"></a>' for old in block.former_ids)


def _relative(here: str, there: str) -> str:
    """A link from one page of a text to another ("" when it is the same page)."""
    if here == there:
        return ""
    return posixpath.relpath(there, posixpath.dirname(here))


def _panel(text: AnnotatedText, glossary: Glossary, here: str, pages: dict[str, str]) -> list[str]:
    """The "In this text" block: entries by type with counts, each linking to its first linked mention."""
    counts = Counter(m.entry_id for m in text.mentions)
    first_linked = {m.entry_id: m.block_id for m in text.mentions if m.first}
    lines = [f'??? abstract in-this-text "In this text: {len(counts)} entries, {sum(counts.values())} mentions"']
    for entry_type in ENTRY_TYPES:
        ids = sorted((e for e in counts if glossary[e].type == entry_type.key), key=lambda e: (-counts[e], glossary[e].title))
        if not ids:
            continue
        items = []
        for entry_id in ids:
            if entry_id in first_linked:
                target = _relative(here, pages[first_linked[entry_id]]) + f"#m-{entry_id}"
            else:
                block_id = next(m.block_id for m in text.mentions if m.entry_id == entry_id)
                target = _relative(here, pages[block_id]) + "#" + block_id
            items.append(f"[{escape(glossary[entry_id].title)}]({target}) {counts[entry_id]}")
        lines += [f"    **{entry_type.plural}:** " + " · ".join(items), ""]
    return lines


def describe(document: Document) -> str:
    """One sentence naming the text, its author and publication (the page's description)."""
    meta = document.meta
    who = meta.author if meta.author != "unknown" else "an unknown author"
    return f"{meta.title}, by {who}" + (f", in {meta.publication}" if meta.publication != "unknown" else "") + "."


LANGUAGES = {"en": "English", "ru": "Russian", "zh": "Chinese", "uk": "Ukrainian", "fr": "French", "de": "German",
             "es": "Spanish", "it": "Italian", "pl": "Polish", "ja": "Japanese", "ar": "Arabic", "pt": "Portuguese"}
"""Names of the languages texts most often come in; any other is shown by its code."""


def _known(value: str | None) -> str | None:
    return value if value and value.strip() and value.strip().lower() != "unknown" else None


def citation_line(document: Document) -> str:
    """Author (translator), publication, date · kind · reading time, as Markdown; unknown parts left out."""
    meta = document.meta
    author, translator = _known(meta.author), _known(meta.translator)
    who = escape(author) if author else ""
    if translator:
        who += f" (translated by {escape(translator)})" if who else f"Translated by {escape(translator)}"
    publication = _known(meta.publication)
    source = [part for part in (who, f"*{escape(publication)}*" if publication else "",
                                escape(spoken(meta.date)) if meta.date else "") if part]
    kind = _known(meta.kind)
    rest = [escape(kind[0].upper() + kind[1:]) if kind and not source else escape(kind) if kind else "",
            f"{reading_minutes(document)} min read"]
    return " · ".join(part for part in [", ".join(source)] + rest if part)


def _language(code: str) -> str:
    return LANGUAGES.get(code.split("-")[0], code)


def about(document: Document) -> list[str]:
    """The collapsible "About this text": what is known of it from outside (notes), how the date is known,
    where the text first appeared, its language, where it was received from."""
    meta = document.meta
    lines = [" ".join(linked_note(note) for note in meta.notes) + "\n    {: .text-notes }"] if meta.notes else []
    if meta.date_note:
        lines.append(f"**Date:** {escape(meta.date_note)}")
    if _known(meta.first_published):
        lines.append(escape(meta.first_published))
    if meta.original_language or meta.language.split("-")[0] != "en":
        language = _language(meta.language)
        if meta.original_language:
            language += f", translated from {_language(meta.original_language)}"
        lines.append(f"**Language:** {escape(language)}")
    if meta.url:
        lines.append(f"**Received from:** <{meta.url}>")
    if not lines:
        return []
    out = ['??? info about-text "About this text"', ""]
    for line in lines:
        out += [f"    {line}", ""]
    return out


_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>()\[\]]+")
"""A web address in a note; punctuation that ends the sentence is not part of it."""


def linked_note(note: str) -> str:
    """A note about a text as Markdown: escaped, with its http(s) addresses as links."""
    out, position = [], 0
    for found in _WEB_ADDRESS.finditer(note):
        url = found.group().rstrip(".,;:!?")
        if not urlsplit(url).netloc:
            continue
        out.append(escape_keep_edges(note[position:found.start()]))
        out.append(f'<a href="{attribute(url)}" rel="noopener noreferrer">{escape(url)}</a>')
        position = found.start() + len(url)
    out.append(escape_keep_edges(note[position:]))
    return "".join(out)


def _part_links(parts: list[tuple[str, tuple[Block, ...]]], number: int) -> list[str]:
    """"Part 2 of 3" with links to the previous and the next part (nothing for a text on one page)."""
    if len(parts) == 1:
        return []
    here = parts[number - 1][0]
    items = [f"Part {number} of {len(parts)}"]
    if number > 1:
        items.append(f"[← Part {number - 1}]({_relative(here, parts[number - 2][0]) or '#'})")
    if number < len(parts):
        items.append(f"[Part {number + 1} →]({_relative(here, parts[number][0])})")
    return [" · ".join(items), "{: .text-parts }", ""]


def text_pages(text: AnnotatedText, glossary: Glossary) -> list[Page]:
    """The page of a text, or its parts when it is long."""
    document = text.document
    meta = document.meta
    parts = text_parts(document)
    pages = {block.id: path for path, blocks in parts for block in blocks}
    by_block: dict[str, list[Mention]] = defaultdict(list)
    for mention in text.mentions:
        by_block[mention.block_id].append(mention)
    out = []
    for number, (path, blocks) in enumerate(parts, 1):
        title = meta.title if number == 1 else f"{meta.title} (part {number} of {len(parts)})"
        lines = [front_matter(title=title, description=describe(document), boost=True), f"# {escape(title)}", ""]
        lines += [citation_line(document), "{: .text-meta .text-cite }", ""]
        lines += about(document) if number == 1 else []
        lines += [f'<div class="cite-data" hidden data-title="{attribute(meta.title)}" '
                  f'data-author="{attribute(meta.author)}" data-publication="{attribute(meta.publication)}" '
                  f'data-date="{attribute(meta.date or "")}"></div>', ""]
        if text.mentions:
            lines += _panel(text, glossary, path, pages) + [""]
        lines += _part_links(parts, number)
        prefix = "../" * path.count("/") + "glossary/"
        lines += _blocks(blocks, by_block, prefix)
        lines += [""] + _part_links(parts, number)
        out.append(Page(path, "\n".join(lines).rstrip() + "\n"))
    return out


def _blocks(blocks: tuple[Block, ...], by_block: dict[str, list[Mention]], glossary_prefix: str) -> list[str]:
    lines: list[str] = []
    in_list = None
    for block in blocks:
        body = former_anchors(block) + linked_text(block, by_block.get(block.id, []), glossary_prefix)
        attributes = f'#{block.id} data-n="{block.number}"'
        if block.kind != "heading":
            attributes += ' data-search-exclude="1"'  # the words of the texts are in the full-text search (text_search.py)
        if block.kind in ("item", "bullet"):
            if in_list not in (None, block.kind):
                lines += ["", "<!-- -->", ""]  # two lists in a row stay two lists
            lines += [f"{'1.' if block.kind == 'item' else '-'} {body}", f"    {{: {attributes} }}"]
            in_list = block.kind
            continue
        if in_list:
            lines.append("")
            in_list = None
        if block.kind == "quote":
            lines += [f"> {body}", f"> {{: {attributes} }}", ""]
        elif block.kind == "heading":
            lines += [f"## {body} {{ {attributes} }}", ""]
        elif block.kind == "note":
            lines += ['!!! note ""', f"    {body}", f"    {{: {attributes} .note-text }}", ""]
        else:
            lines += [body, f"{{: {attributes} }}", ""]
    return lines


def reading_minutes(document: Document) -> int:
    words = sum(len(b.text.split()) for b in document.blocks)
    return max(1, round(words / 230))
