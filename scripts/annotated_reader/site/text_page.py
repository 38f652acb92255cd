"""A text's page: its metadata, the "In this text" panel, and its blocks with the linked mentions."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from urllib.parse import urlsplit

from ..model import ENTRY_TYPES, AnnotatedText, Block, Document, Glossary, Mention, Page
from ..inputs.dates import spoken
from .markdown import attribute, escape, escape_keep_edges, front_matter


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


def _panel(text: AnnotatedText, glossary: Glossary) -> list[str]:
    """The "In this text" block: entries by type with counts, each linking to its first linked mention."""
    counts = Counter(m.entry_id for m in text.mentions)
    first_linked = {m.entry_id for m in text.mentions if m.first}
    lines = [f'??? abstract in-this-text "In this text: {len(counts)} entries, {sum(counts.values())} mentions"']
    for entry_type in ENTRY_TYPES:
        ids = sorted((e for e in counts if glossary[e].type == entry_type.key), key=lambda e: (-counts[e], glossary[e].title))
        if not ids:
            continue
        items = []
        for entry_id in ids:
            if entry_id in first_linked:
                target = f"#m-{entry_id}"
            else:
                target = "#" + next(m.block_id for m in text.mentions if m.entry_id == entry_id)
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


def text_page(text: AnnotatedText, glossary: Glossary) -> Page:
    document = text.document
    meta = document.meta
    by_block: dict[str, list[Mention]] = defaultdict(list)
    for mention in text.mentions:
        by_block[mention.block_id].append(mention)
    lines = [front_matter(title=meta.title, description=describe(document), boost=True), f"# {escape(meta.title)}", ""]
    lines += [citation_line(document), "{: .text-meta .text-cite }", ""]
    lines += about(document)
    lines += [f'<div class="cite-data" hidden data-title="{attribute(meta.title)}" '
              f'data-author="{attribute(meta.author)}" data-publication="{attribute(meta.publication)}" '
              f'data-date="{attribute(meta.date or "")}"></div>', ""]
    if text.mentions:
        lines += _panel(text, glossary) + [""]
    in_list = None
    for block in document.blocks:
        body = former_anchors(block) + linked_text(block, by_block.get(block.id, []), "../glossary/")
        attributes = f'#{block.id} data-n="{block.number}"'
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
    return Page(f"texts/{document.id}.md", "\n".join(lines).rstrip() + "\n")


def reading_minutes(document: Document) -> int:
    words = sum(len(b.text.split()) for b in document.blocks)
    return max(1, round(words / 230))
