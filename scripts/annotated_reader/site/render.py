"""Rendering: every generated page and data file from the analysed corpus, sorted by path.

Everything is deterministic: pages are sorted, ids are stable, the same input gives the same
bytes (the one date a page shows, the end of what still goes on in the timeline, is the build's
date: SOURCE_DATE_EPOCH when it is set). Source prose is escaped character by character; entry
bodies are contributed Markdown, so they are rendered and sanitised to HTML here and reach the
engine as inert HTML blocks.
"""

from __future__ import annotations

import datetime
import os
from functools import partial

from ..model import Corpus, Page
from ..pipeline.relations import relate
from .entry_page import entry_pages, mentions_by_entry
from .graph_pages import graph_pages
from .index_pages import glossary_index, home_page, preview_data, reading_order, wanted_page
from .text_page import block_pages, text_pages
from .text_search import search_files, search_page
from .timeline import timeline_page
from .urls import relative_url


def build_date() -> datetime.date:
    """The date of the build: from SOURCE_DATE_EPOCH when it is set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and int(epoch) > 0:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.datetime.now(datetime.timezone.utc).date()


def render_pages(corpus: Corpus, directory_urls: bool = True, today: datetime.date | None = None) -> list[Page]:
    """Every generated page and data file, sorted by path."""
    href = partial(relative_url, directory_urls=directory_urls)
    relations = relate(corpus.texts)
    located = {text.document.id: block_pages(text.document) for text in corpus.texts}
    pages = [home_page(corpus.texts, corpus.glossary), glossary_index(corpus.glossary, relations.mentions),
             wanted_page(corpus.candidates, located.__getitem__),
             timeline_page(corpus.glossary, corpus.texts, href, today or build_date())]
    pages += graph_pages(corpus.glossary, relations, corpus.texts, href)
    pages += preview_data(corpus.glossary)
    pages += [search_page(), *search_files(reading_order(corpus.texts))]
    for text in corpus.texts:
        pages += text_pages(text, corpus.glossary)
    by_entry = mentions_by_entry(corpus.texts)
    for entry in corpus.glossary:
        pages += entry_pages(entry, corpus.glossary, by_entry.get(entry.id, []), relations, href, located.__getitem__)
    return sorted(pages, key=lambda p: p.path)
