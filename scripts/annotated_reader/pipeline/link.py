"""The linking policy: which mentions become links. One setting, applied here and nowhere else."""

from __future__ import annotations

from dataclasses import replace

from ..model import AnnotatedText, Mention


def link(text: AnnotatedText, policy: str) -> AnnotatedText:
    """The text with ``linked`` set on the mentions the policy links and ``first`` on each entry's first link.

    Headings are never linked. ``first-in-section`` links the first mention of each entry in each
    section (text between headings), ``first-in-text`` the first in the whole text, and
    ``every-mention`` all of them. A city standing for its government ("Moscow insists") is the less
    certain kind of mention: where the scope also names the entry by one of its names, that name
    carries the link.
    """
    def scope(mention: Mention) -> object:
        return None if policy in ("first-in-text", "every-mention") else text.block(mention.block_id).section

    named = {(scope(m), m.entry_id) for m in text.mentions if not m.metonym and text.block(m.block_id).linkable}
    seen: set[tuple[object, str]] = set()
    first: set[str] = set()
    out = []
    for mention in text.mentions:  # mentions come in reading order
        linked = False
        if text.block(mention.block_id).linkable:
            key = (scope(mention), mention.entry_id)
            if policy == "every-mention" or (key not in seen and not (mention.metonym and key in named)):
                linked = True
                seen.add(key)
        is_first = linked and mention.entry_id not in first
        if is_first:
            first.add(mention.entry_id)
        out.append(replace(mention, linked=linked, first=is_first))
    return replace(text, mentions=tuple(out))
