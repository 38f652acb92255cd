"""The print edition: one PDF through WeasyPrint, for reading on paper.

A title page, the contents with page numbers, each text starting on a new page with its title as
running header, and a glossary appendix with each entry's summary, body and sources. Each linked
mention is marked and followed by the page of its entry in the appendix; the numbers are CSS
``target-counter`` values that WeasyPrint resolves while it lays out the pages. Fonts are embedded
(subset), the PDF is tagged (PDF/UA-1, as far as WeasyPrint supports it) with the language, title and
authors in its metadata, and every date in it comes from SOURCE_DATE_EPOCH: same input, same bytes.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from ..errors import E, ReaderError
from ..model import Document, Mention
from ..pipeline.analyse import StageTimer
from ..settings import Settings
from .edition_html import (Book, body_xhtml, build_edition, entry_line, esc, metadata_list, sources_list,
                           text_blocks)

DEFAULT_OUT = Path("build/annotated-reader.pdf")
FONTS = ("DejaVu Serif", "DejaVu Sans")
"""The font families the print stylesheet names (Debian: fonts-dejavu-core); the build fails when fontconfig
substitutes another family for them, rather than print with whatever font happens to be installed."""


def block_anchor(document: Document, block_id: str) -> str:
    """A block's id in the one HTML document that holds every text."""
    return f"{document.id}--{block_id}"


def _mention(mention: Mention, surface: str) -> str:
    return f'<a class="gl" href="#e-{esc(mention.entry_id)}">{surface}</a>'


def book_html(book: Book) -> str:
    """The whole edition as one HTML document for WeasyPrint."""
    authors = ", ".join(book.authors)
    head = [f'<meta charset="utf-8"><title>{esc(book.title)}</title>',
            f'<meta name="description" content="{esc(book.description)}">',
            f'<meta name="dcterms.created" content="{book.timestamp}">',
            f'<meta name="dcterms.modified" content="{book.timestamp}">',
            '<meta name="generator" content="The Annotated Reader">']
    if authors:
        head.append(f'<meta name="author" content="{esc(authors)}">')
    body = ['<section class="title-page">', f"<h1>{esc(book.title)}</h1>",
            f'<p class="subtitle">{esc(book.description)}</p>', '<ul class="title-texts">']
    for text in book.texts:
        meta = text.document.meta
        by = f'<span class="by">{esc(meta.author)}</span>' if meta.author != "unknown" else ""
        body.append(f"<li><cite>{esc(meta.title)}</cite>{by}</li>")
    body += ["</ul>", f'<p class="edition">With a glossary of {len(book.corpus.glossary)} entries · '
                      f"edition of {esc(book.date)}</p>", "</section>"]
    body += ['<nav class="contents" aria-labelledby="contents-title">', '<h2 id="contents-title">Contents</h2>', "<ol>"]
    for text in book.texts:
        body.append(f'<li><a href="#t-{esc(text.document.id)}">{esc(text.document.title)}</a></li>')
    body += ['<li><a href="#glossary">Glossary</a></li>', "</ol>",
             '<p class="how-to-read">A name marked like this<span class="sample">→</span> with a page number '
             "is explained on that page of the glossary.</p>", "</nav>"]
    for text in book.texts:
        document = text.document
        body += [f'<article class="text" id="t-{esc(document.id)}" lang="{esc(document.meta.language)}">',
                 f"<h1>{esc(document.title)}</h1>", metadata_list(document)]
        body += text_blocks(text, _mention, block_anchor)
        body.append("</article>")
    body += ['<section class="glossary" id="glossary">', "<h1>Glossary</h1>"]
    for entry in book.entries:
        key = esc(entry.id)
        body += [f'<section class="entry" id="e-{key}">', f"<h2>{esc(entry.title)}</h2>",
                 f'<p class="entry-type">{esc(entry_line(entry, book.by_entry.get(entry.id, [])))}</p>',
                 f'<p class="entry-summary">{esc(entry.summary)}</p>', f'<div class="entry-body">{body_xhtml(entry)}</div>']
        if entry.see_also:
            links = ", ".join(f'<a class="see" href="#e-{esc(ref)}">{esc(book.corpus.glossary[ref].title)}</a>'
                              for ref in entry.see_also)
            body.append(f'<p class="see-also">See also: {links}</p>')
        if entry.references:
            body += ['<h3>Sources</h3>', sources_list(entry)]
        body.append("</section>")
    body.append("</section>")
    return (f'<!DOCTYPE html>\n<html lang="{esc(book.language)}">\n<head>\n' + "\n".join(head) + "\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


class _Warnings(logging.Handler):
    """WeasyPrint's warnings (a font it cannot find, CSS it ignores), kept for the report."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def pdf_bytes(book: Book) -> bytes:
    """The edition laid out and written by WeasyPrint."""
    try:
        from weasyprint import CSS, HTML
    except OSError as exc:  # Pango, HarfBuzz or fontconfig missing: WeasyPrint loads them when imported
        raise ReaderError([E.PRINT_LIBRARIES.at(None, detail=str(exc).splitlines()[0])]) from None

    style = (resources.files("annotated_reader.site") / "styles" / "print.css").read_text(encoding="utf-8")
    collector = _Warnings()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        document = HTML(string=book_html(book), base_url=None).render(stylesheets=[CSS(string=style)])
        data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=book.identifier.encode("ascii"))
        used = sorted({str(font.family) for font in document.fonts.values()})
    except ReaderError:
        raise
    except Exception as exc:  # noqa: BLE001 — any failure of the library is reported, never a traceback
        raise ReaderError([E.EDITION_FAILED.at(None, edition="print edition", detail=f"{type(exc).__name__}: {exc}")]) from None
    finally:
        logger.removeHandler(collector)
    substitutes = [family for family in used if family not in FONTS]
    if substitutes:
        raise ReaderError([E.NO_PRINT_FONT.at(None, detail=f"{' and '.join(FONTS)} asked for, {', '.join(substitutes)} found")])
    if collector.messages:
        raise ReaderError([E.EDITION_FAILED.at(None, edition="print edition", detail=f"WeasyPrint warned: {m}")
                           for m in collector.messages])
    return data


def build_pdf(settings: Settings, out: Path | None = None) -> tuple[StageTimer, Path]:
    """Analyse the corpus and write the PDF (default build/annotated-reader.pdf); the previous file stays on failure."""
    return build_edition(settings, out, DEFAULT_OUT, "pdf", pdf_bytes, "print edition")
