"""An entry's page: summary, body, see also, the passages that mention it, and its neighbours.

"Mentioned in" stays bounded whatever the corpus: at most ``TEXTS_SHOWN`` texts (those that
mention the entry most), each with at most ``PASSAGES_SHOWN`` passages (one per sentence). When
anything is left out, the full list of passages follows on pages of its own
(``mentions/<id>/<n>.md``), at most ``ROWS_PER_PAGE`` passages each.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable

from ..inputs.dates import spoken, spoken_span
from ..model import TYPES, AnnotatedText, Entry, Glossary, Mention, Page
from ..pipeline.relations import Relations
from .graph import svg_neighbourhood
from .markdown import escape, front_matter, plural, render_body, render_references
from .passages import WINDOW, Passage, passage_row, passages

Mentioned = list[tuple[AnnotatedText, list[Mention]]]
"""The texts that mention an entry, in text order, each with its mentions of the entry."""

TEXTS_SHOWN = 20
"""Texts with passages on the entry page itself."""
PASSAGES_SHOWN = 3
"""Passages per text on the entry page itself."""
ROWS_PER_PAGE = 100
"""Passages per page of the full list."""


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


def when(entry: Entry) -> str:
    """A dated entry's date, as on the timeline, followed by a separator; nothing for an undated one."""
    if entry.date:
        return f"[{escape(spoken(entry.date))}](../timeline.md) · "
    if entry.start:
        return f"[{escape(spoken_span(entry.start, entry.end))}](../timeline.md) · "
    return ""


SENTENCE_WINDOW = WINDOW
"""Longest stretch of a sentence an entry page shows around its mentions (``passages.WINDOW``)."""


PagesOf = Callable[[str], dict[str, str]]
"""For a text id, the page path of each of its blocks."""


def _link(here: str, there: str) -> str:
    return posixpath.relpath(there, posixpath.dirname(here))


def _text_heading(here: str, text: AnnotatedText, mentions: list[Mention], rows: int, note: str = "") -> list[str]:
    document = text.document
    counted = plural(len(mentions), "mention")
    if rows != len(mentions):
        counted += f", {plural(rows, 'passage')}"
    target = _link(here, f"texts/{document.id}.md")
    return [f"### [{escape(document.title)}]({target}) ({counted}){note} {{ data-search-exclude }}", ""]


def _rows(here: str, found: list[Passage], pages_of: PagesOf) -> list[str]:
    lines = []
    for passage in found:
        page = pages_of(passage.text.document.id)[passage.block_id]
        lines.append(passage_row(passage, _link(here, page)))
    return lines


def full_list(entry: Entry, own: Mentioned, pages_of: PagesOf) -> list[Page]:
    """Every passage that mentions the entry, in text order, on pages of at most ROWS_PER_PAGE passages."""
    chunks: list[list[tuple[AnnotatedText, list[Mention], list[Passage], bool]]] = [[]]
    used = 0
    for text, mentions in own:
        found = passages(text, mentions)
        start, continued = 0, False
        while start < len(found):
            if used >= ROWS_PER_PAGE:
                chunks.append([])
                used = 0
            take = found[start:start + ROWS_PER_PAGE - used]
            chunks[-1].append((text, mentions, take, continued))
            used += len(take)
            start += len(take)
            continued = True
    total = len(chunks)
    pages = []
    for number, chunk in enumerate(chunks, 1):
        path = f"mentions/{entry.id}/{number}.md"
        title = f"{entry.title}: every passage" + (f" (page {number} of {total})" if total > 1 else "")
        lines = [front_matter(title=title, description=f"Every passage of the texts that mentions {entry.title}.",
                              unsearched=True),
                 f"# {escape(title)}", "", f"[← {escape(entry.title)}]({_link(path, f'glossary/{entry.id}.md')})"
                 + _pager(path, entry.id, number, total), "{: .mentions-pager }", ""]
        for text, mentions, found, continued in chunk:
            rows = len(passages(text, mentions))
            lines += _text_heading(path, text, mentions, rows, " (continued)" if continued else "")
            lines += _rows(path, found, pages_of) + [""]
        lines += [f"[← {escape(entry.title)}]({_link(path, f'glossary/{entry.id}.md')})"
                  + _pager(path, entry.id, number, total), "{: .mentions-pager }", ""]
        pages.append(Page(path, "\n".join(lines).rstrip() + "\n"))
    return pages


def _pager(here: str, entry_id: str, number: int, total: int) -> str:
    if total == 1:
        return ""
    items = [f"page {number} of {total}"]
    if number > 1:
        items.append(f"[previous]({_link(here, f'mentions/{entry_id}/{number - 1}.md')})")
    if number < total:
        items.append(f"[next]({_link(here, f'mentions/{entry_id}/{number + 1}.md')})")
    return " · " + " · ".join(items)


def _mentioned_in(entry: Entry, own: Mentioned, pages_of: PagesOf) -> tuple[list[str], list[Page]]:
    """The "Mentioned in" section of the entry page, and the pages of the full list when it does not fit."""
    path = f"glossary/{entry.id}.md"
    lines = ["## Mentioned in { data-search-exclude }", ""]
    if not own:
        return lines + ["No text mentions this entry yet.", ""], []
    grouped = [(text, mentions, passages(text, mentions)) for text, mentions in own]
    order = {text.document.id: i for i, (text, _, _) in enumerate(grouped)}
    shown_texts = sorted(grouped, key=lambda g: (-len(g[1]), order[g[0].document.id]))[:TEXTS_SHOWN]
    shown_texts.sort(key=lambda g: order[g[0].document.id])
    complete = len(shown_texts) == len(grouped) and all(len(found) <= PASSAGES_SHOWN for _, _, found in grouped)
    extra: list[Page] = []
    if not complete:
        extra = full_list(entry, own, pages_of)
        rows = sum(len(found) for _, _, found in grouped)
        which = ("from each text" if len(shown_texts) == len(grouped) else
                 f"from each of the {len(shown_texts)} texts (of {len(grouped)}) that mention it most")
        lines += [f"At most {PASSAGES_SHOWN} passages {which}. [Every passage]({_link(path, extra[0].path)}) "
                  f"({plural(rows, 'passage')} in {plural(len(grouped), 'text')}"
                  + (f", on {len(extra)} pages" if len(extra) > 1 else "") + ").", "{: .mentions-note }", ""]
    for text, mentions, found in shown_texts:
        lines += _text_heading(path, text, mentions, len(found))
        lines += _rows(path, found[:PASSAGES_SHOWN], pages_of)
        if len(found) > PASSAGES_SHOWN:
            lines.append(f"- … {plural(len(found) - PASSAGES_SHOWN, 'more passage')} in the "
                         f"[full list]({_link(path, extra[0].path)})")
        lines.append("")
    return lines, extra


def entry_pages(entry: Entry, glossary: Glossary, own: Mentioned, relations: Relations,
                href: Callable[[str, str], str], pages_of: PagesOf) -> list[Page]:
    """An entry's page (and the pages of its full list of passages, when needed).

    ``own`` lists the texts that mention it, ``href(from, to)`` links generated pages, and
    ``pages_of(text id)`` gives the page of each block of a text.
    """
    path = f"glossary/{entry.id}.md"
    total = sum(len(ms) for _, ms in own)
    lines = [front_matter(title=entry.title, description=entry.summary), f"# {escape(entry.title)}", ""]
    lines += [f"{TYPES[entry.type].name} · {when(entry)}{plural(total, 'mention')} in {plural(len(own), 'text')}",
              "{: .entry-type }", ""]
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
    if entry.references:
        lines += ["## Sources { data-search-exclude }", "",
                  f'<div class="entry-sources">{render_references(entry.references)}</div>', ""]
    mentioned, extra = _mentioned_in(entry, own, pages_of)
    lines += mentioned
    neighbours = [(e, n) for e, n in relations.neighbours(entry.id) if e in glossary][:10]
    if neighbours:
        lines += ["## Appears alongside { data-search-exclude }", "",
                  "Entries that most often share a paragraph with this one (number of shared paragraphs):", ""]
        lines += [f"- [{escape(glossary[e].title)}]({e}.md) {n}" for e, n in neighbours]
        svg = svg_neighbourhood(entry.id, glossary, relations, lambda e: href(path, f"glossary/{e}.md"))
        lines += ["", f'<figure class="graph-figure">{svg}</figure>', ""]
    return [Page(path, "\n".join(lines).rstrip() + "\n"), *extra]
