"""Rendering: every generated page and data file from the analysed corpus, sorted by path.

Everything is deterministic: pages are sorted, ids are stable, the same input gives the same
bytes. Source prose is escaped character by character; entry bodies are contributed Markdown, so
they are rendered and sanitised to HTML here and reach the engine as inert HTML blocks.
"""

from __future__ import annotations

from functools import partial

from ..model import Corpus, Page
from ..pipeline.relations import relate
from .entry_page import entry_page, mentions_by_entry
from .index_pages import glossary_data, glossary_index, graph_page, home_page, wanted_page
from .text_page import text_page
from .urls import relative_source, relative_url


def render_pages(corpus: Corpus, directory_urls: bool = True, engine: str = "mkdocs") -> list[Page]:
    """Every generated page and data file, sorted by path.

    Links inside raw HTML (the graphs) are final URLs for MkDocs, which leaves raw HTML alone, and
    paths between the Markdown files for Zensical, which resolves them like Markdown links.
    """
    href = relative_source if engine == "zensical" else partial(relative_url, directory_urls=directory_urls)
    relations = relate(corpus.texts)
    pages = [home_page(corpus.texts, corpus.glossary), glossary_index(corpus.glossary, relations.mentions),
             wanted_page(corpus.candidates), graph_page(corpus.glossary, relations, href),
             glossary_data(corpus.glossary)]
    pages += [text_page(text, corpus.glossary) for text in corpus.texts]
    by_entry = mentions_by_entry(corpus.texts)
    pages += [entry_page(e, corpus.glossary, by_entry.get(e.id, []), relations, href) for e in corpus.glossary]
    return sorted(pages, key=lambda p: p.path)
