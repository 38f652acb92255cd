"""The print edition of the real corpus, read back with poppler (pdftotext, pdfinfo, pdffonts): every
paragraph of every text is there, every mention's page reference is the page of its entry, the
contents and running headers are right, fonts are embedded, and a second run gives the same bytes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata

import pytest
from selectolax.lexbor import LexborHTMLParser

from annotated_reader.inputs.sources import load_sources
from annotated_reader.pipeline.convert import convert

PAGE_REFERENCE = re.compile(r"→\s*(\d+)")
"""What follows a linked mention in print: an arrow and the page of its entry."""
HYPHENS_AND_SPACE = re.compile(r"[\s\-\u00ad\u2010\u2011]+")


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: run `make test-deps`, which installs Debian's poppler-utils")
    result = subprocess.run([tool, *args], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def canonical(text: str) -> str:
    """Text compared without white space and hyphens: pdftotext joins a word broken at a line end
    ("third-" / "most" → "thirdmost") the same way whether the hyphen was the text's or not."""
    return HYPHENS_AND_SPACE.sub("", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def pages(pdf_file) -> list[str]:
    """The text of each page without its page number (its first line is the running header)."""
    found = []
    for number, page in enumerate(poppler("pdftotext", "-enc", "UTF-8", str(pdf_file), "-").split("\f"), start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        if lines and lines[-1].strip() == str(number):
            lines = lines[:-1]
        found.append("\n".join(lines))
    return found[:-1] if found and not found[-1].strip() else found


@pytest.fixture(scope="module")
def destinations(pdf_file) -> dict[str, int]:
    """Page of every named destination (every id of the HTML WeasyPrint laid out)."""
    found = {}
    for line in poppler("pdfinfo", "-dests", str(pdf_file)).splitlines():
        match = re.match(r'\s*(\d+)\s+\[.*\]\s+"(.+)"$', line)
        if match:
            found[match[2]] = int(match[1])
    return found


def text_ranges(destinations: dict[str, int]) -> dict[str, range]:
    """The pages of each text: from its title to the page before the next text or the glossary."""
    starts = sorted((page, name.removeprefix("t-")) for name, page in destinations.items() if name.startswith("t-"))
    ends = [page for page, _ in starts[1:]] + [destinations["glossary"]]
    return {text_id: range(start, end) for (start, text_id), end in zip(starts, ends)}


def test_every_paragraph_of_every_text_is_in_the_extracted_text(pages, destinations, root):
    ranges = text_ranges(destinations)
    sources = load_sources(root / "sources")
    assert sorted(ranges) == sorted(s.id for s in sources)
    for source in sources:
        bodies = [pages[n - 1].split("\n", 1)[1] for n in ranges[source.id]]  # without the running header
        extracted = canonical(PAGE_REFERENCE.sub("", "\n".join(bodies)))
        position = extracted.find(canonical(source.meta.title))
        assert position >= 0, source.id
        for block in convert(source).blocks:  # in reading order, each after the one before
            found = extracted.find(canonical(block.text), position)
            assert found >= 0, (source.id, block.id, block.text[:80])
            position = found + len(canonical(block.text))


def test_every_mention_refers_to_the_page_of_its_entry(pages, destinations, built):
    site = built.path(built.out)
    checked = 0
    for text_id, numbers in text_ranges(destinations).items():
        page = LexborHTMLParser((site / "texts" / text_id / "index.html").read_text(encoding="utf-8"))
        expected = [destinations[f"e-{a.attributes['data-entry']}"] for a in page.css("article a.gl")]
        printed = [int(n) for n in PAGE_REFERENCE.findall("\n".join(pages[n - 1] for n in numbers))]
        assert printed == expected, text_id
        assert all(page_number >= destinations["glossary"] for page_number in printed)
        checked += len(printed)
    assert checked > 0


def test_contents_and_running_headers(pages, destinations, root):
    contents = next(page for page in pages if page.startswith("Contents"))
    listed = [int(n) for n in re.findall(r"\.{3,}\s*(\d+)\s*$", contents, re.M)]
    starts = sorted(page for name, page in destinations.items() if name.startswith("t-"))
    assert listed == starts + [destinations["glossary"]]
    titles = {s.id: s.meta.title for s in load_sources(root / "sources")}
    for text_id, numbers in text_ranges(destinations).items():
        for number in numbers:
            assert pages[number - 1].splitlines()[0] == titles[text_id], (text_id, number)
    for number in range(destinations["glossary"], len(pages) + 1):
        assert pages[number - 1].splitlines()[0] == "Glossary", number


def test_fonts_are_embedded_and_the_document_is_tagged(pdf_file):
    fonts = [line.split() for line in poppler("pdffonts", str(pdf_file)).splitlines()[2:] if line.strip()]
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # the "emb" column
    assert {row[0].split("+")[-1].split("-")[0] for row in fonts} == {"DejaVu"}
    info = poppler("pdfinfo", str(pdf_file))
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"^Title:\s+The Annotated Reader$", info, re.M), info


def test_a_second_run_gives_the_same_bytes(pdf_file, tmp_path, root):
    """Another process (another hash seed), through the command line: the PDF is byte for byte the same."""
    again = tmp_path / "again.pdf"
    environment = {**os.environ, "PYTHONHASHSEED": "4242"}
    result = subprocess.run([sys.executable, "-m", "annotated_reader", "pdf", "--out", str(again), "--jobs", "1",
                             "--no-progress", "--cache", str(root / ".cache" / "reader")],
                            cwd=root, env=environment, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == pdf_file.read_bytes()
