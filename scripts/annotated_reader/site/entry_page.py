"""An entry's page: summary, body, see also, every passage that mentions it, and its neighbours."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ..model import TYPES, AnnotatedText, Block, Entry, Glossary, Mention, Page
from ..pipeline.relations import Relations
from .graph import svg_neighbourhood
from .markdown import escape, escape_keep_edges, front_matter, plural, render_body

Mentioned = list[tuple[AnnotatedText, list[Mention]]]
"""The texts that mention an entry, in text order, each with its mentions of the entry."""


def mentions_by_entry(texts: tuple[AnnotatedText, ...]) -> dict[str, Mentioned]:
    """For each entry, the texts that mention it (in text order) with its mentions there."""
    grouped: dict[str, Mentioned] = defaultdict(list)
    for text in texts:
        per_entry: dict[str, list[Mention]] = defaultdict(list)
        for mention in text.mentions:
            per_entry[mention.entry_id].append(mention)
        for entry_id, mentions in per_entry.items():
            grouped[entry_id].append((text, mentions))
    return grouped


SENTENCE_WINDOW = 300
"""Most characters of a mention's sentence shown on either side of it; a longer sentence is cut at a space, with "…"."""


def highlighted_sentence(block: Block, mention: Mention) -> str:
    """The sentence of a mention (at most ``SENTENCE_WINDOW`` characters either side), escaped, the mention marked."""
    text = block.text
    start, end = mention.sentence_start, mention.sentence_end
    lead = tail = ""
    if mention.start - start > SENTENCE_WINDOW:
        cut = text.find(" ", mention.start - SENTENCE_WINDOW, mention.start)
        start, lead = (cut + 1 if cut >= 0 else mention.start - SENTENCE_WINDOW), "… "
    if end - mention.end > SENTENCE_WINDOW:
        cut = text.rfind(" ", mention.end, mention.end + SENTENCE_WINDOW)
        end, tail = (cut if cut >= 0 else mention.end + SENTENCE_WINDOW), " …"
    before = text[start:mention.start]
    after = text[mention.end:end]
    return (lead + escape_keep_edges(before) + "<mark>" + escape(text[mention.start:mention.end]) + "</mark>"
            + escape_keep_edges(after) + tail).strip()


def entry_page(entry: Entry, glossary: Glossary, own: Mentioned, relations: Relations,
               href: Callable[[str, str], str]) -> Page:
    """An entry's page; ``own`` lists the texts that mention it, ``href(from, to)`` links generated pages."""
    path = f"glossary/{entry.id}.md"
    total = sum(len(ms) for _, ms in own)
    lines = [front_matter(title=entry.title, description=entry.summary), f"# {escape(entry.title)}", ""]
    lines += [f"{TYPES[entry.type].name} · {plural(total, 'mention')} in {plural(len(own), 'text')}", "{: .entry-type }", ""]
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
    for text, mentions in own:
        document = text.document
        count = plural(len(mentions), "mention")
        lines += [f"### [{escape(document.title)}](../texts/{document.id}.md) ({count}) {{ data-search-exclude }}", ""]
        for mention in mentions:
            block = text.block(mention.block_id)
            lines.append(f"- {highlighted_sentence(block, mention)} "
                         f"[¶ {block.number}](../texts/{document.id}.md#{block.id} \"Paragraph {block.number}\")")
        lines.append("")
    if not own:
        lines += ["No text mentions this entry yet.", ""]
    neighbours = [(e, n) for e, n in relations.neighbours(entry.id) if e in glossary][:10]
    if neighbours:
        lines += ["## Appears alongside { data-search-exclude }", "",
                  "Entries that most often share a paragraph with this one (number of shared paragraphs):", ""]
        lines += [f"- [{escape(glossary[e].title)}]({e}.md) {n}" for e, n in neighbours]
        svg = svg_neighbourhood(entry.id, glossary, relations, lambda e: href(path, f"glossary/{e}.md"))
        lines += ["", f'<figure class="graph-figure">{svg}</figure>', ""]
    return Page(path, "\n".join(lines).rstrip() + "\n")
