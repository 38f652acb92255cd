"""Rendering: every generated page and data file from the analysed corpus, sorted by path.

Everything is deterministic: pages are sorted, ids are stable, the same input gives the same
bytes. Source prose is escaped character by character; entry bodies are contributed Markdown, so
they are rendered and sanitised to HTML here and reach the engine as inert HTML blocks. No two
pages may share a path or a URL: a text or an entry whose page would replace another page (the
glossary index, say) is refused, naming both.
"""

from __future__ import annotations

from functools import partial

from ..errors import E, Problem, ReaderError
from ..model import Corpus, Page
from ..pipeline.relations import relate
from .entry_page import entry_page, mentions_by_entry
from .index_pages import glossary_data, glossary_index, graph_page, home_page, wanted_page
from .text_page import text_page
from .urls import page_url, relative_url


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


def render_pages(corpus: Corpus, directory_urls: bool = True) -> list[Page]:
    """Every generated page and data file, sorted by path; ReaderError when two would share a path."""
    href = partial(relative_url, directory_urls=directory_urls)
    relations = relate(corpus.texts)
    pages: list[tuple[Page, str | None]] = [(page, None) for page in (
        home_page(corpus.texts, corpus.glossary), glossary_index(corpus.glossary, relations.mentions),
        wanted_page(corpus.candidates), graph_page(corpus.glossary, relations, href), glossary_data(corpus.glossary))]
    pages += [(text_page(text, corpus.glossary), text.document.source.path) for text in corpus.texts]
    by_entry = mentions_by_entry(corpus.texts)
    pages += [(entry_page(e, corpus.glossary, by_entry.get(e.id, []), relations, href), e.path) for e in corpus.glossary]
    refuse_collisions(pages, directory_urls)
    return sorted((page for page, _ in pages), key=lambda p: p.path)
