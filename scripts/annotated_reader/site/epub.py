"""The EPUB 3 edition: each text a chapter, each linked mention a pop-up glossary note, the glossary at the end.

A linked mention is a ``noteref`` link to a footnote ``aside`` in its chapter holding the entry's
title, type and summary (reading systems show it as a pop-up, like the site's preview card) and
a link to the entry in the glossary, where each entry has its body, its sources and every passage
that mentions it, linking back into the chapters. The package is assembled by ebooklib (manifest,
spine, navigation document with landmarks, NCX for older readers); ebooklib stamps the current time
on the files of the zip, so the archive is then rewritten entry by entry with the
SOURCE_DATE_EPOCH date: the same input gives the same bytes.
"""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from importlib import resources
from pathlib import Path

from ..errors import E, ReaderError
from ..model import TYPES, AnnotatedText, Document, Mention
from ..pipeline.analyse import StageTimer
from ..settings import Settings
from .edition_html import (Book, body_xhtml, build_edition, entry_line, esc, mention_sentence, metadata_list,
                           sources_list, text_blocks)

DEFAULT_OUT = Path("build/annotated-reader.epub")
STYLE = "styles/epub.css"
GLOSSARY = "glossary.xhtml"


def chapter_file(text_id: str) -> str:
    return f"text-{text_id}.xhtml"


def xhtml(book: Book, title: str, body: str, *, lang: str | None = None) -> bytes:
    """A complete XHTML content document."""
    lang = esc(lang or book.language)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
            f'lang="{lang}" xml:lang="{lang}">\n<head>\n<meta charset="utf-8"/>\n<title>{esc(title)}</title>\n'
            f'<link rel="stylesheet" type="text/css" href="{STYLE}"/>\n</head>\n<body>\n{body}\n</body>\n</html>\n'
            ).encode("utf-8")


def cover(book: Book) -> bytes:
    """A generated cover page: title, description, the texts and their authors, the edition's date."""
    items = "".join(f"<li><cite>{esc(t.document.title)}</cite>"
                    + (f" — {esc(t.document.meta.author)}" if t.document.meta.author != "unknown" else "") + "</li>"
                    for t in book.texts)
    body = (f'<section epub:type="cover" class="cover" aria-labelledby="cover-title">\n'
            f'<h1 id="cover-title">{esc(book.title)}</h1>\n<p class="subtitle">{esc(book.description)}</p>\n'
            f'<ul class="cover-texts">{items}</ul>\n'
            f'<p class="cover-note">With a glossary of {len(book.corpus.glossary)} entries. Edition of {esc(book.date)}.</p>\n'
            f'</section>')
    return xhtml(book, book.title, body)


def _note(book: Book, entry_id: str) -> str:
    """The footnote a chapter's noterefs to ``entry_id`` point to."""
    entry = book.corpus.glossary[entry_id]
    return (f'<aside epub:type="footnote" role="doc-footnote" id="fn-{esc(entry_id)}" class="gl-note">'
            f'<p class="gl-note__title"><strong>{esc(entry.title)}</strong> · {esc(TYPES[entry.type].name)}</p>'
            f'<p class="gl-note__summary">{esc(entry.summary)}</p>'
            f'<p class="gl-note__more"><a href="{GLOSSARY}#e-{esc(entry_id)}">Glossary: {esc(entry.title)}</a></p>'
            f'</aside>')


def chapter(book: Book, text: AnnotatedText) -> bytes:
    """A text: title, metadata, every block with its linked mentions as noterefs, then the notes they open."""
    document = text.document

    def noteref(mention: Mention, surface: str) -> str:
        return f'<a epub:type="noteref" role="doc-noteref" class="gl" href="#fn-{esc(mention.entry_id)}">{surface}</a>'

    def anchor(_: Document, block_id: str) -> str:
        return block_id

    noted = sorted({m.entry_id for m in text.mentions if m.linked}, key=lambda e: (book.corpus.glossary[e].title.lower(), e))
    body = [f'<section epub:type="chapter" role="doc-chapter" aria-labelledby="t-{esc(document.id)}">',
            f'<h1 id="t-{esc(document.id)}">{esc(document.title)}</h1>', metadata_list(document)]
    body += text_blocks(text, noteref, anchor)
    body.append("</section>")
    if noted:
        body.append('<div class="gl-notes">')
        body += [_note(book, entry_id) for entry_id in noted]
        body.append("</div>")
    return xhtml(book, document.title, "\n".join(body), lang=document.meta.language)


def glossary(book: Book) -> bytes:
    """Every entry: type and counts, summary, body, see also, the passages that mention it, its sources."""
    glossary = book.corpus.glossary
    body = ['<section epub:type="glossary" role="doc-glossary" aria-labelledby="glossary-title">',
            '<h1 id="glossary-title">Glossary</h1>']
    for entry in book.entries:
        own = book.by_entry.get(entry.id, [])
        key = esc(entry.id)
        body += [f'<section class="entry" id="e-{key}" aria-labelledby="e-{key}-title">',
                 f'<h2 id="e-{key}-title">{esc(entry.title)}</h2>',
                 f'<p class="entry-type">{esc(entry_line(entry, own))}</p>',
                 f'<p class="entry-summary">{esc(entry.summary)}</p>',
                 f'<div class="entry-body">{body_xhtml(entry)}</div>']
        if entry.see_also:
            links = ", ".join(f'<a href="#e-{esc(ref)}">{esc(glossary[ref].title)}</a>' for ref in entry.see_also)
            body.append(f'<p class="see-also">See also: {links}</p>')
        body.append("<h3>Mentioned in</h3>")
        if not own:
            body.append("<p>No text mentions this entry yet.</p>")
        for text, mentions in own:
            document = text.document
            body.append(f'<h4><a href="{chapter_file(document.id)}">{esc(document.title)}</a></h4>')
            items = []
            for mention in mentions:
                block = text.block(mention.block_id)
                items.append(f"<li>{mention_sentence(block, mention)} "
                             f'<a href="{chapter_file(document.id)}#{esc(block.id)}">¶\u00a0{block.number}</a></li>')
            body.append(f'<ul class="passages">{"".join(items)}</ul>')
        if entry.references:
            body += ["<h3>Sources</h3>", sources_list(entry)]
        body.append("</section>")
    body.append("</section>")
    return xhtml(book, "Glossary", "\n".join(body))


def _package(book: Book) -> bytes:
    """The EPUB as ebooklib writes it."""
    from ebooklib import epub

    publication = epub.EpubBook()
    publication.set_identifier(book.identifier)
    publication.set_title(book.title)
    publication.set_language(book.language)
    for number, author in enumerate(book.authors, start=1):
        publication.add_author(author, uid=f"creator-{number}")
    publication.add_metadata("DC", "description", book.description)
    publication.add_metadata("DC", "date", book.date)
    translators = sorted({t.document.meta.translator for t in book.texts if t.document.meta.translator})
    for number, translator in enumerate(translators, start=1):
        publication.add_metadata("DC", "contributor", translator, {"id": f"translator-{number}"})
        publication.add_metadata(None, "meta", "trl", {"refines": f"#translator-{number}", "property": "role",
                                                       "scheme": "marc:relators"})
    publication.add_metadata("DC", "contributor", "The Annotated Reader glossary contributors")
    for text in book.texts:
        meta = text.document.meta
        where = f" ({meta.publication})" if meta.publication != "unknown" else ""
        publication.add_metadata("DC", "source", meta.url or f"{meta.title}{where}")
    for prop, value in (("schema:accessMode", "textual"), ("schema:accessModeSufficient", "textual"),
                        ("schema:accessibilityFeature", "structuralNavigation"),
                        ("schema:accessibilityFeature", "tableOfContents"),
                        ("schema:accessibilityHazard", "none"),
                        ("schema:accessibilitySummary", "Text with headings, a table of contents, and glossary notes "
                                                        "linked from each mention.")):
        publication.add_metadata(None, "meta", value, {"property": prop})

    style = resources.files("annotated_reader.site") / "styles" / "epub.css"
    publication.add_item(epub.EpubItem(uid="style", file_name=STYLE, media_type="text/css", content=style.read_bytes()))
    documents = [epub.EpubItem(uid="cover", file_name="cover.xhtml", media_type="application/xhtml+xml", content=cover(book))]
    for text in book.texts:
        documents.append(epub.EpubItem(uid=f"text-{text.document.id}", file_name=chapter_file(text.document.id),
                                       media_type="application/xhtml+xml", content=chapter(book, text)))
    documents.append(epub.EpubItem(uid="glossary", file_name=GLOSSARY, media_type="application/xhtml+xml",
                                   content=glossary(book)))
    for item in documents:
        publication.add_item(item)
    nav = epub.EpubNav(title="Contents")
    nav.add_link(href=STYLE, rel="stylesheet", type="text/css")
    publication.add_item(nav)
    publication.add_item(epub.EpubNcx())

    toc: list = [epub.Link("cover.xhtml", "Cover", "toc-cover")]
    for text in book.texts:
        document = text.document
        link = epub.Link(chapter_file(document.id), document.title, f"toc-{document.id}")
        headings = [epub.Link(f"{chapter_file(document.id)}#{b.id}", b.text, f"toc-{document.id}-{b.id}")
                    for b in document.blocks if b.kind == "heading"]
        toc.append((link, headings) if headings else link)
    toc.append(epub.Link(GLOSSARY, "Glossary", "toc-glossary"))
    publication.toc = toc
    publication.spine = [documents[0], nav] + documents[1:]
    first = chapter_file(book.texts[0].document.id) if book.texts else GLOSSARY
    publication.guide = [{"href": "cover.xhtml", "title": "Cover", "type": "cover"},
                         {"href": "nav.xhtml", "title": "Contents", "type": "toc"},
                         {"href": first, "title": "Start of the texts", "type": "text"},
                         {"href": GLOSSARY, "title": "Glossary", "type": "glossary"}]

    with tempfile.TemporaryDirectory(prefix="reader-epub-") as work:
        path = Path(work) / "book.epub"
        from datetime import datetime, timezone

        options = {"mtime": datetime.fromtimestamp(book.epoch, timezone.utc), "epub3_pages": False,
                   "raise_exceptions": True}
        try:
            epub.write_epub(str(path), publication, options)
        except Exception as exc:  # noqa: BLE001 — any failure of the library is reported, never a traceback
            raise ReaderError([E.EDITION_FAILED.at(None, edition="EPUB", detail=f"{type(exc).__name__}: {exc}")]) from None
        return path.read_bytes()


def fixed_zip(data: bytes, epoch: int) -> bytes:
    """The same archive with every entry dated ``epoch`` and given the same permissions: same input, same bytes.

    The ``mimetype`` entry stays first and uncompressed, as EPUB requires.
    """
    date_time = time.gmtime(epoch)[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
            fixed.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3
            target.writestr(fixed, source.read(info.filename), compresslevel=9)
    return out.getvalue()


def epub_bytes(book: Book) -> bytes:
    return fixed_zip(_package(book), book.epoch)


def build_epub(settings: Settings, out: Path | None = None) -> tuple[StageTimer, Path]:
    """Analyse the corpus and write the EPUB (default build/annotated-reader.epub); the previous file stays on failure."""
    return build_edition(settings, out, DEFAULT_OUT, "epub", epub_bytes, "EPUB")
