"""Full build of the real corpus with the real model and each engine (MkDocs + Material, Zensical), checked in its HTML."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from annotated_reader.pipeline.convert import BULLET, LIST_ITEM, QUOTE
from annotated_reader.inputs.glossary import load_glossary
from annotated_reader.inputs.sources import load_sources


@lru_cache(maxsize=None)
def parse(path: Path) -> HTMLParser:
    return HTMLParser(path.read_text(encoding="utf-8"))


def page_file(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    base = "/" + page.relative_to(site).as_posix()
    target = urlsplit(urljoin(base, href))
    return page_file(site, target.path), target.fragment


def ids_of(path: Path) -> set[str]:
    return {node.attributes["id"] for node in parse(path).css("[id]")}


def prose_words(source) -> list[str]:
    """The words of a source's prose, straight from its received lines (furniture dropped)."""
    furniture = {line.strip() for line in source.meta.furniture}
    words = []
    for _, line in source.lines:
        stripped = line.strip()
        if not stripped or stripped in furniture or stripped == source.meta.title:
            continue
        item, bullet, quote = LIST_ITEM.match(line), BULLET.match(line), QUOTE.match(line)
        words += (item.group(2) if item else bullet.group(1) if bullet else quote.group(1) if quote else stripped).split()
    return words


def test_text_fidelity(engine_built, root):
    site = engine_built.path(engine_built.out)
    for source in load_sources(root / "sources"):
        html = parse(site / "texts" / source.id / "index.html")
        article = html.css_first("article")
        shown = []
        for node in article.css("[id^='p-'], [id^='h-']"):
            shown += node.text(deep=True).split()
        assert shown == prose_words(source), source.id
        assert article.css_first("h1").text().strip() == source.meta.title


def test_every_glossary_link_resolves(engine_built):
    site = engine_built.path(engine_built.out)
    checked = 0
    for page in sorted(site.rglob("*.html")):
        for link in parse(page).css("article a[href]"):
            href = link.attributes["href"]
            if href.startswith(("http:", "https:", "mailto:")) or href.startswith("#"):
                continue
            target, fragment = resolve(site, page, href)
            assert target.exists(), (page, href)
            if fragment:
                assert fragment in ids_of(target), (page, href)
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("text_id,surface,entry", [
    ("us-rapprochement-with-russia", "Arrighi", "giovanni-arrighi"),
    ("us-rapprochement-with-russia", "offshore balancing", "offshore-balancing"),
    ("us-rapprochement-with-russia", "Article V", "article-5"),
    ("threats-of-a-sino-russian-partnership", "Xi Jinping", "xi-jinping"),
    ("threats-of-a-sino-russian-partnership", "Xi", "xi-jinping"),
    ("kagarlitsky-moscow-washington-axis", "Wallerstein", "immanuel-wallerstein"),
])
def test_design_card_examples_link_to_their_entries(engine_built, text_id, surface, entry):
    site = engine_built.path(engine_built.out)
    page = site / "texts" / text_id / "index.html"
    links = [a for a in parse(page).css("article a.gl") if surface in a.text()]
    assert links, f"no link containing {surface!r}"
    for link in links:
        target, _ = resolve(site, page, link.attributes["href"])
        assert target == site / "glossary" / entry / "index.html"


def passage_rows(site: Path, page: Path) -> list:
    """The passage rows of an entry: on its page, or on the pages of its full list when the page links one."""
    full = parse(page).css_first(".mentions-note a")
    if full is None:
        return [(page, row) for row in parse(page).css("article li") if row.css_first("a[href*='#']")]
    rows, current = [], resolve(site, page, full.attributes["href"])[0]
    while current is not None:
        rows += [(current, row) for row in parse(current).css("article li")]
        following = [a for a in parse(current).css(".mentions-pager a") if a.text() == "next"]
        current = resolve(site, current, following[0].attributes["href"])[0] if following else None
    return rows


def test_every_entry_page_lists_its_mentions_with_working_links(engine_built):
    """One row per sentence, each mention in it marked, no sentence twice; counts stay per mention."""
    site = engine_built.path(engine_built.out)
    glossary = load_glossary(engine_built.path(engine_built.glossary))
    for entry in glossary:
        page = site / "glossary" / entry.id / "index.html"
        # "Event · 4–11 February 1945 · 3 mentions in 1 text": a dated entry shows its date first
        stated = int(re.match(r"\w+ · (?:[^·]+ · )?(\d+) mentions? in", parse(page).css_first(".entry-type").text()).group(1))
        rows = passage_rows(site, page)
        marks, seen = 0, set()
        for where, row in rows:
            [pilcrow] = [a for a in row.css("a[href]") if re.search(r"#[ph]-[0-9a-f]{8}(-\d+)?$", a.attributes["href"])]
            assert pilcrow.text().startswith("¶ ")
            target, fragment = resolve(site, where, pilcrow.attributes["href"])
            assert fragment in ids_of(target), (entry.id, pilcrow.attributes["href"])
            sentence = (target, fragment, row.text(deep=True))
            assert sentence not in seen, (entry.id, "the same sentence is listed twice", sentence[2][:80])
            seen.add(sentence)
            more = re.search(r"\(and (\d+) more mentions? in this sentence\)", row.text())
            marks += len(row.css("mark")) + (int(more.group(1)) if more else 0)
        assert marks == stated, entry.id
        assert len(rows) <= stated


def test_every_entry_page_lists_its_sources_as_safe_links(built):
    site = built.path(built.out)
    for entry in load_glossary(built.path(built.glossary)):
        page = parse(site / "glossary" / entry.id / "index.html")
        heading = next(h for h in page.css("article h2") if h.text().strip() == "Sources")
        items = page.css(".entry-sources li")
        assert len(items) == len(entry.references), entry.id
        for item, reference in zip(items, entry.references):
            link = item.css_first("cite a")
            assert link.attributes["href"] == reference.url and link.text() == reference.title, entry.id
            assert {"noopener", "noreferrer"} <= set(link.attributes["rel"].split())
            assert reference.publisher in item.text() and reference.supports.rstrip(".") in item.text()
        assert "data-search-exclude" in heading.attributes


def test_every_note_about_a_text_is_shown_on_its_page(built):
    site = built.path(built.out)
    for source in load_sources(built.path(built.sources)):
        note = parse(site / "texts" / source.id / "index.html").css_first(".text-notes")
        if not source.meta.notes:
            assert note is None, source.id
            continue
        shown = " ".join(note.text().split())
        for text in source.meta.notes:
            assert " ".join(text.split()) in shown, source.id
        hrefs = [a.attributes["href"] for a in note.css("a")]
        assert hrefs and all(h.startswith(("https://", "http://")) and h in " ".join(source.meta.notes) for h in hrefs)


def test_former_paragraph_ids_still_lead_to_their_paragraphs(engine_built):
    site = engine_built.path(engine_built.out)
    for source in load_sources(engine_built.path(engine_built.sources)):
        html = parse(site / "texts" / source.id / "index.html")
        for former, current in source.meta.former_ids:
            anchor = html.css_first(f"a.former-id[id='{former}']")
            assert anchor is not None, (source.id, former)
            assert anchor.parent.attributes.get("id") == current or anchor.parent.parent.attributes.get("id") == current


def test_strict_build_produced_the_pages(engine_built):
    site = engine_built.path(engine_built.out)
    assert (site / "index.html").exists()
    assert (site / "glossary" / "index.html").exists()
    assert (site / "wanted" / "index.html").exists()
    index = {"mkdocs": "search/search_index.json", "zensical": "search.json"}[engine_built.engine]
    assert (site / index).exists()
    built_texts = sorted(p.parent.name for p in (site / "texts").glob("*/index.html"))
    assert built_texts == sorted(s.id for s in load_sources(engine_built.path(engine_built.sources)))


def test_candidates_report_is_written_without_noise(built):
    import json

    report = json.loads((built.path(built.reports) / "candidates.json").read_text())
    names = {c["name"] for c in report}
    assert not names & {"n’t", "un", "’s"}
    for c in report:
        assert not re.match(r"(?i)the\s", c["name"]) and not c["name"].endswith(("’s", "'s")), c
        assert c["count"] >= 1 and c["context"]
