import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from annotated_reader.site.markdown import escape

SITE_MARKDOWN = dict(extensions=["attr_list", "admonition", "tables", "toc", "pymdownx.escapeall"],
                     extension_configs={"pymdownx.escapeall": {"hardbreak": False, "nbsp": False}})


@pytest.mark.parametrize("text", [
    "plain words",
    "*stars* and _underscores_ and **bold**",
    "[brackets](not-a-link) and ![image](x.png)",
    "<script>alert(1)</script> & &amp; entities",
    "# not a heading",
    "1. not a list",
    "- not a list either",
    "a | table | row",
    "{: #not-an-attribute } and {curly}",
    "back\\slash and `code` and ~~strike~~ and ==mark==",
    "> not a quote",
    "Trump’s “deals” — 24 hours… (A) and (B)",
    "http://example.com/a_b_c and <http://example.com>",
])
def test_escaped_text_renders_to_exactly_the_same_characters(text):
    html = markdown.Markdown(**SITE_MARKDOWN).convert(escape(text))
    rendered = HTMLParser(html).body.text()
    assert rendered == text
    assert "<script" not in html


def test_white_space_is_folded():
    assert escape("a  b\tc") == "a b c"
