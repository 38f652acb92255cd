"""The linking policy: which mentions become links. One setting, applied here and nowhere else."""

from __future__ import annotations

from .convert import Document
from .match import Mention
from .settings import LinkPolicy


def choose_links(document: Document, mentions: list[Mention], policy: LinkPolicy) -> set[tuple[str, int]]:
    """Keys ``(block_id, start)`` of the mentions to link.

    Headings are never linked. ``first-in-section`` links the first mention of each entry in each
    section (text between headings), ``first-in-text`` the first in the whole text, and
    ``every-mention`` all of them.
    """
    blocks = {block.id: block for block in document.blocks}
    chosen: set[tuple[str, int]] = set()
    seen: set[tuple[object, str]] = set()
    for mention in mentions:  # mentions come in reading order
        block = blocks[mention.block_id]
        if not block.linkable:
            continue
        if policy == "every-mention":
            chosen.add((mention.block_id, mention.start))
            continue
        scope = block.section if policy == "first-in-section" else None
        if (scope, mention.entry_id) in seen:
            continue
        seen.add((scope, mention.entry_id))
        chosen.add((mention.block_id, mention.start))
    return chosen
