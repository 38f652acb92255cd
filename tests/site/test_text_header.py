"""A text's header reads like a citation: known parts in one line, the rest in "About this text"."""

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from annotated_reader.model import Block, Document, Source, SourceMeta
from annotated_reader.site.text_page import about, citation_line

WORDS = " ".join(["word"] * 460)  # two minutes of reading
RENDER = dict(extensions=["attr_list", "admonition", "pymdownx.details", "pymdownx.escapeall"],
              extension_configs={"pymdownx.escapeall": {"hardbreak": False, "nbsp": False}})


def document(**meta) -> Document:
    source = Source("t", SourceMeta(title="A title", **meta), (), "sources/t.txt")
    return Document(source, (Block("p-00000000", "paragraph", WORDS, 0, 1, 1),))


def shown(markdown_text: str) -> str:
    return HTMLParser(markdown.Markdown(**RENDER).convert(markdown_text)).body.text()


@pytest.mark.parametrize("meta,line", [
    (dict(author="Boris Kagarlitsky", translator="Dmitry Pozhidaev", publication="LINKS", date="2025-02-19",
          kind="letter"),
     "Boris Kagarlitsky (translated by Dmitry Pozhidaev), LINKS, 19 February 2025 · letter · 2 min read"),
    (dict(author="unknown", publication="unknown", date="2023-02", kind="opinion column"),
     "February 2023 · opinion column · 2 min read"),
    (dict(author="unknown", publication="unknown", kind="analysis essay"), "Analysis essay · 2 min read"),
    (dict(), "2 min read"),
    (dict(author="unknown", translator="A. Translator", publication="A Review"),
     "Translated by A. Translator, A Review · 2 min read"),
])
def test_the_citation_line_leaves_unknown_parts_out(meta, line):
    assert shown(citation_line(document(**meta))) == line
    assert "unknown" not in shown(citation_line(document(**meta))).lower()


def test_the_publication_is_set_in_italics():
    assert "<em>LINKS</em>" in markdown.Markdown(**RENDER).convert(citation_line(document(publication="LINKS")))


def test_about_this_text_is_collapsible_and_holds_the_date_note_and_first_publication():
    lines = about(document(date_note="No date is printed.", first_published="First published at Elusive Development.",
                           language="en", original_language="ru", url="https://example.org/a"))
    html = markdown.Markdown(**RENDER).convert("\n".join(lines))
    details = HTMLParser(html).css_first("details.about-text")
    assert details is not None and "open" not in details.attributes
    assert details.css_first("summary").text() == "About this text"
    text = details.text()
    for part in ("No date is printed.", "First published at Elusive Development.", "English, translated from Russian",
                 "https://example.org/a"):
        assert part in text


def test_nothing_to_say_about_a_text_gives_no_box():
    assert about(document()) == []
