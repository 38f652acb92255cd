"""The linking policy: which mentions become links. One setting, applied here and nowhere else."""

from __future__ import annotations

from dataclasses import replace

from ..model import AnnotatedText


def link(text: AnnotatedText, policy: str) -> AnnotatedText:
    """The text with ``linked`` set on the mentions the policy links and ``first`` on each entry's first link.

    Headings are never linked. ``first-in-section`` links the first mention of each entry in each
    section (text between headings), ``first-in-text`` the first in the whole text, and
    ``every-mention`` all of them.
    """
    seen: set[tuple[object, str]] = set()
    first: set[str] = set()
    out = []
    for mention in text.mentions:  # mentions come in reading order
        block = text.block(mention.block_id)
        linked = False
        if block.linkable:
            scope = None if policy in ("first-in-text", "every-mention") else block.section
            if policy == "every-mention" or (scope, mention.entry_id) not in seen:
                linked = True
                seen.add((scope, mention.entry_id))
        is_first = linked and mention.entry_id not in first
        if is_first:
            first.add(mention.entry_id)
        out.append(replace(mention, linked=linked, first=is_first))
    return replace(text, mentions=tuple(out))
