"""Rendering: every generated page and data file from the analysed corpus, sorted by path.

Everything is deterministic: pages are sorted, ids are stable, the same input gives the same
bytes. Source prose is escaped character by character; entry bodies are contributed Markdown, so
they are rendered and sanitised to HTML here and reach the engine as inert HTML blocks.
"""

from __future__ import annotations

import hashlib
import json
from functools import partial

from ..model import Corpus, Glossary, Page
from ..pipeline.relations import relate
from .entry_page import entry_pages, mentions_by_entry
from .index_pages import glossary_index, graph_page, home_page, preview_data, reading_order, wanted_page
from .text_page import block_pages, text_pages
from .text_search import search_files, search_page
from .urls import relative_url


def render_pages(corpus: Corpus, directory_urls: bool = True) -> list[Page]:
    """Every generated page and data file, sorted by path."""
    href = partial(relative_url, directory_urls=directory_urls)
    relations = relate(corpus.texts)
    located = {text.document.id: block_pages(text.document) for text in corpus.texts}
    pages = [home_page(corpus.texts, corpus.glossary), glossary_index(corpus.glossary, relations.mentions),
             wanted_page(corpus.candidates, located.__getitem__), _graph(corpus.glossary, relations, href, directory_urls)]
    pages += preview_data(corpus.glossary)
    pages += [search_page(), *search_files(reading_order(corpus.texts))]
    for text in corpus.texts:
        pages += text_pages(text, corpus.glossary)
    by_entry = mentions_by_entry(corpus.texts)
    for entry in corpus.glossary:
        pages += entry_pages(entry, corpus.glossary, by_entry.get(entry.id, []), relations, href, located.__getitem__)
    return sorted(pages, key=lambda p: p.path)


_GRAPHS: dict[str, Page] = {}


def _graph(glossary: Glossary, relations, href, directory_urls: bool) -> Page:
    """The connections page, computed again only when what it draws changed (the live preview rebuilds
    after every edit, and most edits change no mention)."""
    drawn = {"entries": [(e.id, e.title, e.type) for e in glossary], "mentions": sorted(relations.mentions.items()),
             "pairs": sorted((list(k), v) for k, v in relations.pairs.items()), "directory_urls": directory_urls}
    key = hashlib.sha256(json.dumps(drawn).encode()).hexdigest()
    if key not in _GRAPHS:
        _GRAPHS.clear()
        _GRAPHS[key] = graph_page(glossary, relations, href)
    return _GRAPHS[key]

