"""Conversion: a source's received lines become a document of typed blocks with lasting ids.

Pure functions over plain data. A block is a heading, a paragraph, an item of a numbered list
(an indented "1. "), an item of a bulleted list ("- ", "* " or "• "), a quotation ("> ") or an
editorial note (a paragraph wholly in square brackets). Its id comes from its own text, so
declaring a line furniture or a heading, or appending paragraphs, never changes the id of any
other block: citation URLs last. Ids a block had before (``former_ids`` in the metadata) are kept
as extra anchors.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from ..errors import E, ReaderError
from ..model import Block, Document, Source

LIST_ITEM = re.compile(r"^\s+(\d{1,3})[.)]\s+(\S.*)$")
"""An indented line starting with a number and a full stop: an item of a numbered list."""
BULLET = re.compile(r"^\s*[-*•]\s+(\S.*)$")
"""A line starting with "- ", "* " or "• ": an item of a bulleted list."""
QUOTE = re.compile(r"^\s*>\s?(\S.*)$")
"""A line starting with "> ": a quotation set off from the text."""


def block_id(kind: str, text: str, seen: Counter) -> str:
    """``p-`` (``h-`` for a heading) and eight hex digits of the text's SHA-256; ``-2``, ``-3`` … for repeats."""
    base = f"{'h' if kind == 'heading' else 'p'}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}"
    seen[base] += 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def _kinds(source: Source):
    """(line, kind, text) of every block, in reading order."""
    furniture = {line.strip() for line in source.meta.furniture}
    headings = {line.strip() for line in source.meta.headings}
    title_seen = False
    first = True
    for line_no, raw in source.lines:
        stripped = raw.strip()
        if not stripped or stripped in furniture:
            continue
        if not title_seen and first and stripped == source.meta.title.strip():
            title_seen = True
            continue
        first = False
        item, bullet, quote = LIST_ITEM.match(raw), BULLET.match(raw), QUOTE.match(raw)
        if stripped in headings:
            yield line_no, "heading", stripped
        elif item:
            yield line_no, "item", item.group(2).strip()
        elif bullet:
            yield line_no, "bullet", bullet.group(1).strip()
        elif quote:
            yield line_no, "quote", quote.group(1).strip()
        elif stripped.startswith("[") and stripped.endswith("]"):
            yield line_no, "note", stripped
        else:
            yield line_no, "paragraph", stripped


def convert(source: Source) -> Document:
    """Turn a source into blocks, dropping blank lines, the title line and declared furniture."""
    seen: Counter = Counter()
    blocks: list[Block] = []
    section = 0
    for number, (line_no, kind, text) in enumerate(_kinds(source), start=1):
        if kind == "heading":
            section += 1
        blocks.append(Block(block_id(kind, text, seen), kind, text, section, line_no, number))
    former: dict[str, list[str]] = {}
    ids = {b.id for b in blocks}
    problems = []
    for old, new in source.meta.former_ids:
        if new not in ids:
            problems.append(E.FORMER_ID_TARGET.at(source.path, source.line_of("former_ids"), former=old, current=new))
        elif old in ids:
            problems.append(E.FORMER_ID_TAKEN.at(source.path, source.line_of("former_ids"), former=old))
        else:
            former.setdefault(new, []).append(old)
    if problems:
        raise ReaderError(problems)
    if former:
        blocks = [Block(b.id, b.kind, b.text, b.section, b.line, b.number, tuple(sorted(former.get(b.id, ()))))
                  for b in blocks]
    return Document(source, tuple(blocks))
