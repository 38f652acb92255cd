"""What the EPUB and print editions share: the book's metadata, and its texts and entries as XHTML.

Both editions are made from the pipeline's plain data (documents, blocks, linked mentions,
entries), not from the site's HTML. Every string is escaped here; entry bodies are the site's
sanitised HTML (``render_body``) re-serialised as well-formed XHTML. The functions take a
``mention`` callable that writes a linked mention the way the edition links it (a ``noteref`` in
the EPUB, a link with a page reference in print) and an ``anchor`` callable that gives a block's id.
"""

from __future__ import annotations

import html
import os
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml

from ..errors import E, ReaderError
from ..inputs.dates import spoken, spoken_span
from ..model import TYPES, AnnotatedText, Block, Corpus, Document, Entry, Mention
from ..pipeline.analyse import StageTimer, analyse
from ..settings import Settings
from .entry_page import Mentioned, mentions_by_entry
from .index_pages import reading_order
from .markdown import plural, render_body

MentionWriter = Callable[[Mention, str], str]
"""Writes a linked mention: (the mention, its escaped surface) → XHTML."""
Anchor = Callable[[Document, str], str]
"""The id a block of a document gets in the edition: (document, block id) → id."""


def esc(text: str) -> str:
    """Text escaped for XHTML content and double-quoted attributes, white space folded."""
    return html.escape(" ".join(text.split()), quote=True)


def _esc_piece(text: str) -> str:
    """A piece of a block escaped without losing the spaces at its edges."""
    return html.escape(text, quote=False)


@dataclass(frozen=True)
class Book:
    """An edition's metadata and content, in reading order."""

    title: str
    description: str
    identifier: str
    """``urn:uuid:`` derived from the title: the same for every build of the edition."""
    language: str
    authors: tuple[str, ...]
    epoch: int
    """SOURCE_DATE_EPOCH: the edition's date and every timestamp in its files."""
    texts: tuple[AnnotatedText, ...]
    corpus: Corpus
    by_entry: dict[str, Mentioned]

    @property
    def date(self) -> str:
        return datetime.fromtimestamp(self.epoch, timezone.utc).strftime("%Y-%m-%d")

    @property
    def timestamp(self) -> str:
        return datetime.fromtimestamp(self.epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def entries(self) -> list[Entry]:
        """Every glossary entry, by title."""
        return sorted(self.corpus.glossary, key=lambda e: (e.title.lower(), e.id))


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH (the Makefile sets it from the last commit), at least 1980 (zip dates start there)."""
    try:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    except ValueError:
        epoch = 0
    return max(epoch, 315532800)


def _site_names(settings: Settings) -> tuple[str, str]:
    """The site's name and description from mkdocs.yml, so that every edition carries the same title."""
    try:
        config = yaml.safe_load(settings.path(settings.mkdocs_config).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        config = {}
    return (str(config.get("site_name") or "The Annotated Reader"),
            str(config.get("site_description") or "A cross-referenced reading edition."))


def make_book(corpus: Corpus, settings: Settings) -> Book:
    title, description = _site_names(settings)
    texts = tuple(reading_order(corpus.texts))
    languages = Counter(t.document.meta.language for t in texts)
    authors: list[str] = []
    for text in texts:
        author = text.document.meta.author
        if author != "unknown" and author not in authors:
            authors.append(author)
    return Book(title=title, description=description,
                identifier=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'annotated-reader:' + title)}",
                language=sorted(languages, key=lambda lang: (-languages[lang], lang))[0] if languages else "en",
                authors=tuple(authors), epoch=source_date_epoch(), texts=texts, corpus=corpus,
                by_entry=mentions_by_entry(corpus.texts))


def build_edition(settings: Settings, out: Path | None, default: Path, stage: str,
                  render: Callable[[Book], bytes], edition: str) -> tuple[StageTimer, Path]:
    """Analyse the corpus, render one edition's bytes (timed as ``stage``) and write them to ``out``
    (default ``default`` below the project); the previous file stays when anything fails."""
    timer = StageTimer()
    corpus = analyse(settings, timer)
    with timer.stage(stage):
        data = render(make_book(corpus, settings))
    return timer, write_atomically(out if out is not None else settings.path(default), data, edition)


def write_atomically(path: Path, data: bytes, edition: str) -> Path:
    """Write ``data`` to ``path`` through a temporary file, so a failed run leaves the previous file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise ReaderError([E.EDITION_WRITE.at(None, edition=edition, path=path, detail=exc.strerror or exc)]) from None
    return path


# --------------------------------------------------------------------------- texts


def block_inner(block: Block, mentions: list[Mention], mention: MentionWriter) -> str:
    """A block's text, escaped, with its linked mentions written by ``mention``."""
    out, position = [], 0
    for m in sorted(mentions, key=lambda m: m.start):
        if not m.linked or m.start < position:
            continue
        out.append(_esc_piece(block.text[position:m.start]))
        out.append(mention(m, _esc_piece(block.text[m.start:m.end])))
        position = m.end
    out.append(_esc_piece(block.text[position:]))
    return "".join(out)


def text_blocks(text: AnnotatedText, mention: MentionWriter, anchor: Anchor) -> list[str]:
    """Every block of a text as XHTML: headings, paragraphs, lists, quotations and notes."""
    by_block: dict[str, list[Mention]] = defaultdict(list)
    for m in text.mentions:
        by_block[m.block_id].append(m)
    document = text.document
    lines: list[str] = []
    open_list: str | None = None
    for block in document.blocks:
        inner = block_inner(block, by_block.get(block.id, []), mention)
        ident = esc(anchor(document, block.id))
        list_tag = {"item": "ol", "bullet": "ul"}.get(block.kind)
        if open_list and list_tag != open_list:
            lines.append(f"</{open_list}>")
            open_list = None
        if list_tag:
            if not open_list:
                lines.append(f"<{list_tag}>")
                open_list = list_tag
            lines.append(f'<li id="{ident}">{inner}</li>')
        elif block.kind == "heading":
            lines.append(f'<h2 id="{ident}">{inner}</h2>')
        elif block.kind == "quote":
            lines.append(f'<blockquote id="{ident}"><p>{inner}</p></blockquote>')
        elif block.kind == "note":
            lines.append(f'<p id="{ident}" class="note">{inner}</p>')
        else:
            lines.append(f'<p id="{ident}">{inner}</p>')
    if open_list:
        lines.append(f"</{open_list}>")
    return lines


def text_metadata(document: Document) -> list[tuple[str, str]]:
    """(label, value) pairs describing a text, as its page on the site shows them."""
    meta = document.meta
    rows = [("Author", meta.author)]
    if meta.translator:
        rows.append(("Translator", meta.translator))
    rows.append(("Publication", meta.publication))
    if meta.first_published:
        rows.append(("First published", meta.first_published))
    rows.append(("Date", meta.date or "not stated"))
    if meta.date_note:
        rows.append(("About the date", meta.date_note))
    language = meta.language + (f" (translated from {meta.original_language})" if meta.original_language else "")
    rows.append(("Language", language))
    if meta.url:
        rows.append(("Source", meta.url))
    return rows


def metadata_list(document: Document) -> str:
    items = "".join(f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in text_metadata(document))
    return f'<dl class="text-meta">{items}</dl>'


# --------------------------------------------------------------------------- entries


def body_xhtml(entry: Entry) -> str:
    """An entry's body: the site's sanitised HTML as well-formed XHTML, its headings below the entry's."""
    from lxml import etree
    from lxml import html as lxml_html

    rendered = render_body(entry.body)
    if not rendered.strip():
        return ""
    container = lxml_html.fragment_fromstring(rendered, create_parent="div")
    for element in container.iter("h2", "h3"):
        element.tag = {"h2": "h4", "h3": "h5"}[element.tag]
    lead = _esc_piece(container.text) if container.text and container.text.strip() else ""
    return lead + "".join(etree.tostring(child, method="xml", encoding="unicode") for child in container)


def entry_line(entry: Entry, own: Mentioned) -> str:
    """"Person · 12 mentions in 2 texts", a dated entry's date after its type ("Document · 4 April 1949 · …")."""
    total = sum(len(ms) for _, ms in own)
    when = spoken(entry.date) if entry.date else spoken_span(entry.start, entry.end) if entry.start else ""
    return (f"{TYPES[entry.type].name} · {when + ' · ' if when else ''}"
            f"{plural(total, 'mention')} in {plural(len(own), 'text')}")


def mention_sentence(block: Block, mention: Mention) -> str:
    """The sentence of a mention, escaped, with the mention marked."""
    text = block.text
    return (_esc_piece(text[mention.sentence_start:mention.start]).lstrip() + "<mark>"
            + _esc_piece(text[mention.start:mention.end]) + "</mark>"
            + _esc_piece(text[mention.end:mention.sentence_end]).rstrip())


def sources_list(entry: Entry) -> str:
    """The entry's references as a list: title (linked), publisher."""
    if not entry.references:
        return ""
    items = "".join(f'<li><a href="{esc(r.url)}">{esc(r.title)}</a>, {esc(r.publisher)}</li>' for r in entry.references)
    return f'<ul class="sources">{items}</ul>'
