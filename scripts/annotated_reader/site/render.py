"""Rendering: every generated page and data file from the analysed corpus, sorted by path.

Everything is deterministic: pages are sorted, ids are stable, the same input gives the same
bytes (the one date a page shows, the end of what still goes on in the timeline, is the build's
date: SOURCE_DATE_EPOCH when it is set). Source prose is escaped character by character; entry
bodies are contributed Markdown, so they are rendered and sanitised to HTML here and reach the
engine as inert HTML blocks. No two pages may share a path or a URL: a text or an entry whose page
would replace another page (the glossary index, say) is refused, naming both.
"""

from __future__ import annotations

import datetime
import os
from functools import partial

from ..errors import E, Problem, ReaderError
from ..model import Corpus, Page
from ..pipeline.relations import relate
from .entry_page import entry_pages, mentions_by_entry
from .graph_pages import graph_pages
from .index_pages import glossary_index, home_page, preview_data, reading_order, wanted_page
from .text_page import block_pages, text_pages
from .text_search import search_files, search_page
from .timeline import timeline_pages
from .urls import page_url, relative_source, relative_url


def build_date() -> datetime.date:
    """The date of the build: from SOURCE_DATE_EPOCH when it is set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and int(epoch) > 0:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.datetime.now(datetime.timezone.utc).date()


def refuse_collisions(pages: list[tuple[Page, str | None]], directory_urls: bool) -> None:
    """Raise ReaderError when two pages share a file path or an output URL.

    Each page comes with the input file it is made from (None for a page the site itself writes);
    the problem is reported at that file.
    """
    seen: dict[str, tuple[Page, str | None]] = {}
    problems: list[Problem] = []
    for page, origin in pages:
        keys = {page.path} | ({page_url(page.path, directory_urls) or "./"} if page.path.endswith(".md") else set())
        for key in sorted(keys):
            if key in seen:
                other_page, other_origin = seen[key]
                first = other_origin or f"the generated page {other_page.path}"
                second = origin or f"the generated page {page.path}"
                at = origin or other_origin
                problems.append(E.PAGE_COLLISION.at(at, 1 if at else None, first=first, second=second, page=key))
                break
            seen[key] = (page, origin)
    if problems:
        raise ReaderError(problems)


def render_pages(corpus: Corpus, directory_urls: bool = True, engine: str = "mkdocs",
                 today: datetime.date | None = None) -> list[Page]:
    """Every generated page and data file, sorted by path; ReaderError when two would share a path.

    Links inside raw HTML (the graphs) are final URLs for MkDocs, which leaves raw HTML alone, and
    paths between the Markdown files for Zensical, which resolves them like Markdown links.
    """
    href = relative_source if engine == "zensical" else partial(relative_url, directory_urls=directory_urls)
    relations = relate(corpus.texts)
    located = {text.document.id: block_pages(text.document) for text in corpus.texts}
    generated = [home_page(corpus.texts, corpus.glossary), glossary_index(corpus.glossary, relations.mentions),
                 wanted_page(corpus.candidates, located.__getitem__),
                 *timeline_pages(corpus.glossary, corpus.texts, href, today or build_date())]
    generated += graph_pages(corpus.glossary, relations, corpus.texts, href)
    generated += preview_data(corpus.glossary)
    generated += [search_page(), *search_files(reading_order(corpus.texts))]
    pages: list[tuple[Page, str | None]] = [(page, None) for page in generated]
    for text in corpus.texts:
        pages += [(page, text.document.source.path) for page in text_pages(text, corpus.glossary)]
    by_entry = mentions_by_entry(corpus.texts)
    for entry in corpus.glossary:
        own = entry_pages(entry, corpus.glossary, by_entry.get(entry.id, []), relations, href, located.__getitem__)
        pages += [(page, entry.path) for page in own]
    refuse_collisions(pages, directory_urls)
    return sorted((page for page, _ in pages), key=lambda p: p.path)
