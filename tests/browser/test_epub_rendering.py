"""An EPUB chapter rendered by a browser engine: following a noteref shows its glossary note."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from annotated_reader.inputs.glossary import load_glossary

ROOT = Path(__file__).resolve().parents[2]
ENTRY = "giovanni-arrighi"
CHAPTER = "EPUB/text-us-rapprochement-with-russia.xhtml"


@pytest.fixture(scope="module")
def glossary_entries():
    return load_glossary(ROOT / "glossary")


def test_a_noteref_leads_to_its_note_with_the_entry_summary(browser, epub_file, tmp_path, screenshots, glossary_entries):
    with zipfile.ZipFile(epub_file) as archive:
        archive.extractall(tmp_path)
    context = browser.new_context(viewport={"width": 900, "height": 700})
    page = context.new_page()
    page.goto((tmp_path / CHAPTER).as_uri())
    noteref = page.locator(f"a.gl[href='#fn-{ENTRY}']").first
    noteref.scroll_into_view_if_needed()
    assert noteref.get_attribute("epub:type") == "noteref"
    page.screenshot(path=str(screenshots / "epub-noteref.png"))
    noteref.click()
    assert page.evaluate("location.hash") == f"#fn-{ENTRY}"
    note = page.locator(f"aside#fn-{ENTRY}")
    assert note.get_attribute("epub:type") == "footnote"
    box = note.bounding_box()
    assert box is not None and 0 <= box["y"] < 700
    entry = glossary_entries[ENTRY]
    assert note.locator(".gl-note__title strong").inner_text() == entry.title
    assert note.locator(".gl-note__summary").inner_text() == " ".join(entry.summary.split())
    page.screenshot(path=str(screenshots / "epub-footnote.png"))
    note.locator("a").click()
    page.wait_for_url(f"**/glossary.xhtml#e-{ENTRY}")
    assert page.locator(f"#e-{ENTRY} h2").inner_text() == entry.title
    context.close()
