"""The connections pages: the whole corpus, one page per entry type and one per text.

Each page is a static picture (``graph``), the colours of its types, links to the other views, and
the same data as a table, so that every view reads without JavaScript, without seeing the picture,
and on a narrow screen.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from ..model import ENTRY_TYPES, TYPES, AnnotatedText, Glossary, Page
from ..pipeline.relations import Relations, relate
from .graph import View, corpus_view, layout_of, legend, svg
from .index_pages import reading_order
from .markdown import escape, front_matter

MAIN = "graph.md"
LABELS = 40
"""Most labels a view of many entries shows: the most connected entries; the others are plain dots."""
WIDTH = 960
NARROW = (380, 560)
"""The drawing shown on narrow screens: portrait, drawn near its size on a phone."""
NARROW_LABELS = 16


def type_path(key: str) -> str:
    return f"connections/types/{key}.md"


def text_path(text_id: str) -> str:
    return f"connections/texts/{text_id}.md"


def _link(here: str, there: str) -> str:
    """A Markdown link target from one generated page to another (the engine turns it into a URL)."""
    return posixpath.relpath(there, posixpath.dirname(here) or ".")


def _views(here: str, glossary: Glossary, relations: Relations, texts: tuple[AnnotatedText, ...]) -> list[str]:
    """Links to every view; the page's own is named but not linked."""
    def item(name: str, path: str) -> str:
        return f"**{escape(name)}**" if path == here else f"[{escape(name)}]({_link(here, path)})"
    kinds = [t for t in ENTRY_TYPES if any(e in glossary and glossary[e].type == t.key for e in relations.mentions)]
    lines = ['<nav class="graph-views" aria-label="Views of the connections" markdown>', "",
             "Show: " + " · ".join([item("all entries", MAIN)] + [item(t.plural, type_path(t.key)) for t in kinds]), ""]
    lines += ["In one text: " + " · ".join(item(t.document.title, text_path(t.document.id))
                                           for t in reading_order(texts)), "", "</nav>", ""]
    return lines


def _table(here: str, view: View, glossary: Glossary) -> list[str]:
    """The view as a table: every entry in it, its type and mentions, and what it is joined to."""
    lines = ['??? note "The same connections as a table"', "",
             "    | Entry | Type | Mentions | Shares paragraphs with (number shared) |", "    | --- | --- | --- | --- |"]
    for node in sorted(view.nodes, key=lambda e: (-view.degree(e), glossary[e].title.lower(), e)):
        entry = glossary[node]
        joined = ", ".join(f"{escape(glossary[o].title)} ({w})" for o, w in view.neighbours(node)) or "—"
        lines.append(f"    | [{escape(entry.title)}]({_link(here, f'glossary/{node}.md')}) | {TYPES[entry.type].name} | "
                     f"{view.mentions.get(node, 0)} | {joined} |")
    return lines + [""]


def _height(view: View) -> int:
    return max(360, min(760, 240 + 5 * len(view.nodes)))


def _pictures(path: str, title: str, view: View, glossary: Glossary, href: Callable[[str, str], str]) -> str:
    """Two drawings of one layout: a wide one, and one for narrow screens with fewer, legible labels
    (the style sheet shows one of them; each stands alone without the other)."""
    def link(entry_id: str) -> str:
        return href(path, f"glossary/{entry_id}.md")
    layout = layout_of(view)
    return (svg(view, glossary, link, width=WIDTH, height=_height(view), title=title, ident="graph-title",
                limit=LABELS, css="wide", layout=layout)
            + svg(view, glossary, link, width=NARROW[0], height=NARROW[1], title=title, ident="graph-title-narrow",
                  limit=NARROW_LABELS, css="narrow", layout=layout))


def _page(path: str, title: str, intro: str, view: View, glossary: Glossary, relations: Relations,
          texts: tuple[AnnotatedText, ...], href: Callable[[str, str], str], *, main: bool = False) -> Page:
    description = f"{title}: how the people, states and ideas of the texts connect."
    lines = [front_matter(title=title, description=description, hide=("toc",), unsearched=not main),
             f"# {escape(title)}", "", intro, ""]
    lines += _views(path, glossary, relations, texts)
    if view.nodes:
        lines += [f'<figure class="graph-figure graph-full">{_pictures(path, title, view, glossary, href)}</figure>', "",
                  legend(glossary, view.nodes), ""]
        lines += _table(path, view, glossary)
    else:
        lines += ["No entry is mentioned here yet.", ""]
    return Page(path, "\n".join(lines).rstrip() + "\n")


EXPLAIN = ("Each circle is a glossary entry, sized by how often {who} mention{s} it and coloured by its type; "
           "a line joins two entries that share at least {least} (and each entry to the one it shares most with). "
           "The most connected entries are named; point at or focus any other circle to see its name, "
           "and select a circle to open the entry.")


def graph_pages(glossary: Glossary, relations: Relations, texts: tuple[AnnotatedText, ...],
                href: Callable[[str, str], str]) -> list[Page]:
    """Every connections page: the whole corpus, each entry type mentioned, each text."""
    intro = EXPLAIN.format(least="two paragraphs", who="the texts", s="")
    pages = [_page(MAIN, "Connections", intro, corpus_view(relations, glossary), glossary, relations, texts, href,
                   main=True)]
    for entry_type in ENTRY_TYPES:
        view = corpus_view(relations, glossary, only=lambda e, k=entry_type.key: glossary[e].type == k, min_weight=1)
        if not view.nodes:
            continue
        count = "one entry" if len(view.nodes) == 1 else f"{len(view.nodes)} entries"
        intro = f"{entry_type.plural} only ({count}). " + EXPLAIN.format(least="one paragraph", who="the texts", s="")
        pages.append(_page(type_path(entry_type.key), f"Connections: {entry_type.plural}", intro, view, glossary,
                           relations, texts, href))
    for text in reading_order(texts):
        own = relate([text])
        view = corpus_view(own, glossary)
        intro = (f"The entries “{escape(text.document.title)}” mentions ({len(view.nodes)}), joined by the paragraphs "
                 "of this text they share. " + EXPLAIN.format(least="two of its paragraphs", who="this text", s="s"))
        pages.append(_page(text_path(text.document.id), f"Connections in “{text.document.title}”", intro, view,
                           glossary, relations, texts, href))
    return pages
