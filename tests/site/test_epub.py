"""The EPUB edition of the real corpus: valid for epubcheck, every site link a pop-up note, the glossary
linked both ways, the package metadata and navigation, and the same bytes from a second run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from annotated_reader.inputs.glossary import load_glossary
from annotated_reader.inputs.sources import load_sources
from annotated_reader.model import TYPES
from annotated_reader.pipeline.convert import convert

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "build" / "reports"
X = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
NS = {"x": X[1:-1], "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "epub": EPUB_TYPE[1:].split("}")[0]}


@pytest.fixture(scope="module")
def book(epub_file) -> dict[str, bytes]:
    with zipfile.ZipFile(epub_file) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(book: dict[str, bytes], name: str):
    return etree.fromstring(book[name])


def words(element) -> str:
    return " ".join("".join(element.itertext()).split())


def epubcheck(path: Path) -> subprocess.CompletedProcess[str]:
    found = shutil.which("epubcheck")
    if found is None:
        pytest.fail("epubcheck is missing: run `make test-deps`, which installs Debian's epubcheck")
    real = os.path.realpath(found)
    command = ["java", "-jar", real] if real.endswith(".jar") else [found]  # Debian's is an executable jar
    return subprocess.run(command + [str(path)], capture_output=True, text=True, timeout=900)


def test_epubcheck_finds_no_error_and_no_warning(epub_file):
    result = epubcheck(epub_file)
    report = result.stdout + result.stderr
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "epubcheck.txt").write_text(report, encoding="utf-8")
    assert result.returncode == 0, report
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report


def test_every_linked_mention_on_the_site_is_a_noteref_to_its_entry(built, book):
    site = built.path(built.out)
    glossary = load_glossary(built.path(built.glossary))
    checked = 0
    for source in load_sources(built.path(built.sources)):
        page = LexborHTMLParser((site / "texts" / source.id / "index.html").read_text(encoding="utf-8"))
        on_site = [(a.attributes["data-entry"], " ".join(a.text().split())) for a in page.css("article a.gl")]
        chapter = xml(book, f"EPUB/text-{source.id}.xhtml")
        notes = {aside.get("id"): aside for aside in chapter.iter(f"{X}aside") if aside.get(EPUB_TYPE) == "footnote"}
        in_epub = []
        for link in chapter.iter(f"{X}a"):
            if link.get(EPUB_TYPE) != "noteref":
                continue
            target = link.get("href").removeprefix("#")
            assert target in notes, (source.id, target)
            in_epub.append((target.removeprefix("fn-"), words(link)))
        assert in_epub == on_site, source.id
        for entry_id in {e for e, _ in in_epub}:
            note = words(notes[f"fn-{entry_id}"])
            entry = glossary[entry_id]
            assert entry.title in note and TYPES[entry.type].name in note and " ".join(entry.summary.split()) in note
            more = [a.get("href") for a in notes[f"fn-{entry_id}"].iter(f"{X}a")]
            assert more == [f"glossary.xhtml#e-{entry_id}"]
        checked += len(in_epub)
    assert checked > 0


def test_each_chapter_has_its_title_metadata_headings_and_paragraph_anchors(book, root):
    for source in load_sources(root / "sources"):
        document = convert(source)
        chapter = xml(book, f"EPUB/text-{source.id}.xhtml")
        assert words(chapter.find(f".//{X}h1")) == source.meta.title
        listed = chapter.find(f".//{X}dl")
        meta = dict(zip([words(dt) for dt in listed.iter(f"{X}dt")], [words(dd) for dd in listed.iter(f"{X}dd")]))
        assert meta["Author"] == source.meta.author and meta["Publication"] == source.meta.publication
        assert meta["Date"] == (source.meta.date or "not stated")
        ids = {element.get("id") for element in chapter.iter() if element.get("id")}
        assert {b.id for b in document.blocks} <= ids, source.id
        headings = [words(h) for h in chapter.iter(f"{X}h2")]
        assert headings == [b.text for b in document.blocks if b.kind == "heading"]
        for block in document.blocks:
            element = chapter.find(f".//*[@id='{block.id}']")
            assert " ".join(block.text.split()) == words(element), (source.id, block.id)


def test_the_glossary_lists_every_entry_with_its_passages_and_sources(built, book):
    site = built.path(built.out)
    glossary_page = xml(book, "EPUB/glossary.xhtml")
    chapters = {name: {e.get("id") for e in xml(book, name).iter() if e.get("id")}
                for name in book if name.startswith("EPUB/text-")}
    for entry in load_glossary(built.path(built.glossary)):
        section = glossary_page.find(f".//{X}section[@id='e-{entry.id}']")
        assert section is not None, entry.id
        assert words(section.find(f"{X}h2")) == entry.title
        # The same counts as the entry's page on the site ("Person · 3 mentions in 2 texts").
        on_site = LexborHTMLParser((site / "glossary" / entry.id / "index.html").read_text(encoding="utf-8"))
        assert words(section.find(f"{X}p[@class='entry-type']")) == " ".join(on_site.css_first(".entry-type").text().split())
        passages = [a.get("href") for ul in section.iter(f"{X}ul") if ul.get("class") == "passages" for a in ul.iter(f"{X}a")]
        # One passage per mention (the site's entry page groups them by sentence and bounds the list).
        stated = int(re.search(r"(\d+) mentions? in", on_site.css_first(".entry-type").text()).group(1))
        assert len(passages) == stated, entry.id
        for href in passages:
            name, _, anchor = href.partition("#")
            assert anchor in chapters[f"EPUB/{name}"], (entry.id, href)
        sources = [a.get("href") for ul in section.iter(f"{X}ul") if ul.get("class") == "sources" for a in ul.iter(f"{X}a")]
        assert sources == [r.url for r in entry.references], entry.id
        if entry.references:
            assert "Sources" in [words(h) for h in section.iter(f"{X}h3")]


def test_package_metadata_and_navigation(book, root):
    opf = xml(book, "EPUB/content.opf")
    metadata = opf.find("opf:metadata", NS)
    identifier = metadata.find("dc:identifier", NS)
    assert opf.get("unique-identifier") == identifier.get("id")
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", identifier.text)
    assert metadata.find("dc:language", NS).text == "en"
    creators = [c.text for c in metadata.findall("dc:creator", NS)]
    sources = sorted(load_sources(root / "sources"), key=lambda s: s.id)
    assert sorted(creators) == sorted({s.meta.author for s in sources if s.meta.author != "unknown"})
    modified = next(m.text for m in metadata.findall("opf:meta", NS) if m.get("property") == "dcterms:modified")
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0), 315532800)
    assert modified == datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert metadata.find("dc:date", NS).text == modified[:10]
    nav = xml(book, "EPUB/nav.xhtml")
    navs = {n.get(EPUB_TYPE): n for n in nav.iter(f"{X}nav")}
    toc = [a.get("href") for a in navs["toc"].find(f"{X}ol").findall(f"{X}li/{X}a")]
    assert toc[0] == "cover.xhtml" and toc[-1] == "glossary.xhtml"
    assert sorted(toc[1:-1]) == sorted(f"text-{s.id}.xhtml" for s in sources)
    landmarks = {a.get(EPUB_TYPE): a.get("href") for a in navs["landmarks"].iter(f"{X}a")}
    assert landmarks["cover"] == "cover.xhtml" and landmarks["toc"] == "nav.xhtml"
    assert landmarks["bodymatter"] == toc[1] and landmarks["glossary"] == "glossary.xhtml"
    spine = [item.get("idref") for item in opf.find("opf:spine", NS)]
    assert spine[0] == "cover" and spine[-1] == "glossary"
    assert list(book)[0] == "mimetype" and book["mimetype"] == b"application/epub+zip"


def test_a_second_run_gives_the_same_bytes(epub_file, tmp_path, root):
    """Another process (another hash seed), through the command line: the EPUB is byte for byte the same."""
    again = tmp_path / "again.epub"
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run([sys.executable, "-m", "annotated_reader", "epub", "--out", str(again), "--jobs", "1",
                             "--no-progress", "--cache", str(root / ".cache" / "reader")],
                            cwd=root, env=environment, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == epub_file.read_bytes()
