"""Conversion: a source's received lines become a document of typed, numbered blocks.

Pure functions over plain data. A block is a heading, a paragraph, an item of a numbered list or
an editorial note (a paragraph wholly in square brackets). Every block gets an id so that any
passage can be cited by URL.
"""

from __future__ import annotations

import re

from ..model import Block, Document, Source

LIST_ITEM = re.compile(r"^\s+(\d{1,3})[.)]\s+(\S.*)$")
"""An indented line starting with a number and a full stop: an item of a numbered list."""


def convert(source: Source) -> Document:
    """Turn a source into blocks, dropping blank lines, the title line and declared furniture."""
    furniture = {line.strip() for line in source.meta.furniture}
    headings = {line.strip() for line in source.meta.headings}
    blocks: list[Block] = []
    section = 0
    title_seen = False
    for line_no, raw in source.lines:
        stripped = raw.strip()
        if not stripped or stripped in furniture:
            continue
        if not title_seen and not blocks and stripped == source.meta.title.strip():
            title_seen = True
            continue
        number = len(blocks) + 1
        item = LIST_ITEM.match(raw)
        if stripped in headings:
            section += 1
            blocks.append(Block(f"h-{number}", "heading", stripped, section, line_no))
        elif item:
            blocks.append(Block(f"p-{number}", "item", item.group(2).strip(), section, line_no))
        elif stripped.startswith("[") and stripped.endswith("]"):
            blocks.append(Block(f"p-{number}", "note", stripped, section, line_no))
        else:
            blocks.append(Block(f"p-{number}", "paragraph", stripped, section, line_no))
    return Document(source, tuple(blocks))
