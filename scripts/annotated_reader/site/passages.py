"""Passages: the sentences that mention an entry, one row per sentence, each bounded in length.

A sentence with two mentions of an entry is one row with both marked; counts elsewhere stay per
mention. A sentence longer than the window is cut to the text around its mentions, so a
pathological sentence (a table flattened into one line) never reaches a page whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import AnnotatedText, Mention
from .markdown import escape, escape_keep_edges

CONTEXT = 120
"""Characters shown on each side of a mention when its sentence is too long to show whole."""
WINDOW = 360
"""Longest sentence shown whole; longer ones are cut around their mentions."""
MARKS = 4
"""Mentions marked in one row at most (a longer list of them ends with "… and k more")."""


@dataclass(frozen=True)
class Passage:
    """One sentence of a text that mentions an entry, with that entry's mentions in it, in order."""

    text: AnnotatedText
    block_id: str
    start: int
    end: int
    mentions: tuple[Mention, ...]


def passages(text: AnnotatedText, mentions: list[Mention]) -> list[Passage]:
    """The entry's mentions of one text grouped by sentence, in reading order."""
    out: list[Passage] = []
    for mention in mentions:
        key = (mention.block_id, mention.sentence_start, mention.sentence_end)
        if out and (out[-1].block_id, out[-1].start, out[-1].end) == key:
            last = out[-1]
            out[-1] = Passage(text, last.block_id, last.start, last.end, last.mentions + (mention,))
        else:
            out.append(Passage(text, mention.block_id, mention.sentence_start, mention.sentence_end, (mention,)))
    return out


def _cut_left(text: str, position: int, low: int) -> tuple[int, bool]:
    """A start at most CONTEXT characters before ``position`` (not before ``low``), at a word boundary."""
    start = max(low, position - CONTEXT)
    if start > low:
        space = text.find(" ", start, position)
        start = space + 1 if space != -1 else start
    return start, start > low


def _cut_right(text: str, position: int, high: int) -> tuple[int, bool]:
    end = min(high, position + CONTEXT)
    if end < high:
        space = text.rfind(" ", position, end)
        end = space if space != -1 else end
    return end, end < high


def passage_markdown(passage: Passage) -> str:
    """The sentence, escaped, with each mention marked; cut around the mentions when it is long."""
    text = passage.text.block(passage.block_id).text
    shown = passage.mentions[:MARKS]
    if passage.end - passage.start <= WINDOW:
        pieces = [(passage.start, passage.end, False, False)]
    else:
        pieces = []
        for mention in shown:
            start, cut_start = _cut_left(text, mention.start, passage.start)
            end, cut_end = _cut_right(text, mention.end, passage.end)
            if pieces and start <= pieces[-1][1]:
                pieces[-1] = (pieces[-1][0], end, pieces[-1][2], cut_end)
            else:
                pieces.append((start, end, cut_start, cut_end))
    out = []
    for start, end, cut_start, cut_end in pieces:
        part, position = ["… " if cut_start else ""], start
        for mention in shown:
            if start <= mention.start and mention.end <= end:
                part.append(escape_keep_edges(text[position:mention.start]) + "<mark>"
                            + escape(text[mention.start:mention.end]) + "</mark>")
                position = mention.end
        part.append(escape_keep_edges(text[position:end]) + (" …" if cut_end else ""))
        out.append("".join(part).strip())
    more = len(passage.mentions) - len(shown)
    return " ".join(out) + (f" (and {more} more mention{'s' if more != 1 else ''} in this sentence)" if more else "")


def passage_row(passage: Passage, text_href: str) -> str:
    """A Markdown list item: the passage and a link to its paragraph."""
    block = passage.text.block(passage.block_id)
    return (f"- {passage_markdown(passage)} "
            f"[¶ {block.number}]({text_href}#{block.id} \"Paragraph {block.number}\")")
