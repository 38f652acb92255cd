"""Hostile contributions: each is rejected with file:line: problem; fix, or rendered inert."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from annotated_reader.site.build import build
from annotated_reader.inputs.glossary import load_glossary
from annotated_reader.errors import E, ReaderError
from annotated_reader.settings import ENGINES, Settings

from .conftest import FILLER, REFERENCE, ROOT, entry


REJECTED = [
    ("script tag in body", entry(body=FILLER + "\n\n<script>alert(1)</script>"), 10, E.BODY_UNSAFE),
    ("event handler in body", entry(body=FILLER + "\n\n<img src=x onerror=alert(1)>"), 10, E.BODY_UNSAFE),
    ("javascript link", entry(body=FILLER + "\n\n[click](javascript:alert(1))"), 10, E.BODY_UNSAFE),
    ("data URL link", entry(body=FILLER + "\n\n[x](data:text/html;base64,PHNjcmlwdD4=)"), 10, E.BODY_UNSAFE),
    ("autolink to javascript", entry(body=FILLER + "\n\n<javascript:alert(1)>"), 10, E.BODY_UNSAFE),
    ("style element (CSS injection)", entry(body=FILLER + "\n\n<style>body{display:none}</style>"), 10, E.BODY_UNSAFE),
    ("style attribute", entry(body=FILLER + '\n\n<p style="background:url(x)">x</p>'), 10, E.BODY_UNSAFE),
    ("HTML comment", entry(body=FILLER + "\n\n<!-- hidden -->"), 10, E.BODY_UNSAFE),
    ("attribute breakout in summary", entry(summary='\'"><script>alert(1)</script>\''), 4, E.PLAIN_TEXT),
    ("attribute breakout in title", entry(title="'Quote \" onmouseover=\"alert(6)'"), 2, E.PLAIN_TEXT),
    ("markup in title", entry(title='"<b>bold</b>"'), 2, E.PLAIN_TEXT),
    ("script URL in wikipedia", entry(extra="wikipedia: 'javascript:alert(1)'\n"), 5, E.PLAIN_TEXT),
    ("markup in alias", entry(extra="aliases: ['<i>x</i>']\n"), 5, E.PLAIN_TEXT),
    ("path traversal in see_also", entry(extra="see_also: ['../../etc/passwd']\n"), 5, E.SEE_ALSO_NOT_ID),
    ("duplicate keys", entry(extra="type: person\n"), 5, E.DUPLICATE_KEY),
    ("five megabyte body", entry(body="word " * 1_000_000), 1, E.TOO_LARGE),
    ("invalid UTF-8", entry().encode() + b"\xff\xfe broken", 9, E.NOT_UTF8),
    ("empty file", "", 1, E.EMPTY),
    ("YAML alias bomb", "---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
     "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\nx\n", 2, E.YAML_TOO_BIG),
    ("control characters", entry(summary="bidi \u202e override"), 4, E.INVISIBLE_CHARACTER),
]


@pytest.mark.parametrize("name,content,line,error", REJECTED, ids=[c[0] for c in REJECTED])
def test_hostile_entry_is_rejected_with_a_clear_message(tmp_path, monkeypatch, name, content, line, error):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary").mkdir()
    path = tmp_path / "glossary" / "hostile-entry.md"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(ReaderError) as caught:
        load_glossary(tmp_path / "glossary")
    located = [(p.path, p.line, p.code) for p in caught.value.problems]
    assert ("glossary/hostile-entry.md", line, error.code) in located, [str(p) for p in caught.value.problems]


def test_path_traversal_in_the_file_name_and_symlinks_are_rejected(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "..hidden.md").write_text(entry())
    (glossary / "Evil Name.md").write_text(entry())
    outside = tmp_path / "secret.md"
    outside.write_text(entry())
    (glossary / "linked.md").symlink_to(outside)
    with pytest.raises(ReaderError) as caught:
        load_glossary(glossary)
    messages = "\n".join(str(p) for p in caught.value.problems)
    assert f"glossary/Evil Name.md:1: [{E.BAD_ID.code}] 'Evil Name' is not a valid entry id" in messages
    assert f"glossary/linked.md:1: [{E.SYMLINK.code}] the file is a symbolic link" in messages


HOSTILE_SOURCE = """---
title: A hostile text
author: Mallory
publication: unknown
language: en
notes: 'Credited elsewhere (https://example.org/credit"onmouseover="alert(10)) to *someone* [x](https://example.org/x).'
furniture: []
headings: []
---
A paragraph with <script>alert('source')</script> and <img src=x onerror=alert(2)> in it.

[link](javascript:alert(3)) and {: onclick="alert(4)" } and <a href="javascript:alert(5)">x</a>

The tag <meta http-equiv="Content-Security-Policy" content="script-src *"> and </head><script>alert(6)</script> are quoted here.
"""

INERT_ENTRIES = {
    "sources-attempt.md": entry(title="Sources Attempt", extra="references:\n"
                                "  - {title: '[x](https://evil.example/) & *bold*', publisher: P, url: 'https://example.org/a?x=1&y=2', supports: s}\n"
                                "  - {title: Second, publisher: '**P**', url: 'http://example.org/b#top', supports: '[y](https://evil.example/)'}\n"
                                ).replace(REFERENCE, ""),
    "attr-list-attempt.md": entry(title="Attr List", body=FILLER + '\n\nText {: onclick="alert(8)" } and &lt;script&gt;alert(9)&lt;/script&gt;.'),
}


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory):
    """The real inputs with a hostile text and entry added."""
    work = tmp_path_factory.mktemp("hostile")
    for name in ("sources", "glossary", "overrides"):
        shutil.copytree(ROOT / name, work / name)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    (work / "sources" / "hostile-text.txt").write_text(HOSTILE_SOURCE, encoding="utf-8")
    for name, text in INERT_ENTRIES.items():
        (work / "glossary" / name).write_text(text, encoding="utf-8")
    return work


@pytest.fixture(scope="module", params=ENGINES)
def hostile_site(hostile_project, request):
    """The hostile inputs built with each engine."""
    settings = Settings(root=hostile_project, cache=ROOT / ".cache" / "reader", progress=False, engine=request.param,
                        docs=Path(f"docs-{request.param}"), out=Path(f"site-{request.param}"))
    build(settings)
    return hostile_project / f"site-{request.param}"


def test_values_the_theme_puts_in_attributes_are_escaped():
    from annotated_reader.site.markdown import front_matter

    assert front_matter(title='a " onfocus="x', description="<b>") == \
        '---\ntitle: "a &quot; onfocus=&quot;x"\ndescription: "&lt;b&gt;"\n---\n'


def test_hostile_content_is_inert_in_the_built_html(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert pages
    for page in pages:
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        for node in tree.css("*"):
            for name, value in (node.attributes or {}).items():
                assert not name.lower().startswith("on"), (page, node.tag, name)
                if name in ("href", "src", "action", "formaction", "xlink:href"):
                    assert not re.match(r"(?i)\s*(javascript|vbscript|data):", value or ""), (page, name, value)
        for script in tree.css("script"):
            src = script.attributes.get("src")
            if src:
                assert re.match(r"^/?(\./)?(\.\./)*(assets/javascripts/bundle\.[0-9a-f]+\.min\.js|assets/glossary-data\.js|assets/reader\.js)$", src), (page, src)
            else:
                body = script.text()
                assert "alert(" not in body, (page, body[:200])
    text_page = LexborHTMLParser((hostile_site / "texts" / "hostile-text" / "index.html").read_text())
    shown = text_page.css_first("[data-n='1']").text()
    assert "<script>alert('source')</script>" in shown and "<img src=x onerror=alert(2)>" in shown
    entry_page = (hostile_site / "glossary" / "attr-list-attempt" / "index.html").read_text()
    body = LexborHTMLParser(entry_page).css_first(".entry-body")
    assert '{: onclick="alert(8)" }' in body.text() and "<script>alert(9)</script>" in body.text()


def test_sources_and_notes_show_as_text_with_only_their_own_http_links(hostile_site):
    """Reference fields and source notes are text; their only links are the listed http(s) addresses, rel noopener."""
    entry_page = LexborHTMLParser((hostile_site / "glossary" / "sources-attempt" / "index.html").read_text(encoding="utf-8"))
    sources = entry_page.css_first(".entry-sources")
    links = sources.css("a")
    assert [a.attributes["href"] for a in links] == ["https://example.org/a?x=1&y=2", "http://example.org/b#top"]
    assert all("noopener" in (a.attributes.get("rel") or "").split() for a in links)
    assert links[0].text() == "[x](https://evil.example/) & *bold*"
    assert "**P**" in sources.text() and "[y](https://evil.example/)" in sources.text()
    assert not sources.css("strong, em, script, img")
    text_page = LexborHTMLParser((hostile_site / "texts" / "hostile-text" / "index.html").read_text(encoding="utf-8"))
    note = text_page.css_first(".text-notes")
    assert [a.attributes["href"] for a in note.css("a")] == ["https://example.org/credit", "https://example.org/x"]
    assert all("noopener" in (a.attributes.get("rel") or "").split() for a in note.css("a"))
    assert '"onmouseover="alert(10))' in note.text() and "*someone*" in note.text()
    assert not note.css("em, strong")
    assert note.parent.tag == "details" and note.parent.css_first("summary").text() == "About this text"


def test_hostile_content_is_inert_in_the_epub(hostile_project, tmp_path):
    import zipfile

    from annotated_reader.site.epub import build_epub

    _, path = build_epub(Settings(root=hostile_project, cache=ROOT / ".cache" / "reader", progress=False),
                         tmp_path / "hostile.epub")
    with zipfile.ZipFile(path) as archive:
        documents = {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml")}
    for name, text in documents.items():
        tree = LexborHTMLParser(text)
        assert tree.css("script") == [] and tree.css("style") == [], name
        for node in tree.css("*"):
            for attribute, value in (node.attributes or {}).items():
                assert not attribute.lower().startswith("on"), (name, node.tag, attribute)
                if attribute in ("href", "src"):
                    assert not re.match(r"(?i)\s*(javascript|vbscript|data):", value or ""), (name, value)
    chapter = LexborHTMLParser(documents["EPUB/text-hostile-text.xhtml"])
    assert "<script>alert('source')</script>" in chapter.body.text()
    glossary = LexborHTMLParser(documents["EPUB/glossary.xhtml"]).css_first("#e-attr-list-attempt").text()
    assert '{: onclick="alert(8)" }' in glossary and "<script>alert(9)</script>" in glossary


def test_every_page_has_exactly_one_content_security_policy(hostile_site):
    quoted = LexborHTMLParser((hostile_site / "texts" / "hostile-text" / "index.html").read_text(encoding="utf-8"))
    assert 'http-equiv="Content-Security-Policy"' in quoted.css_first("article").text()  # the prose quotes the tag
    for page in sorted(hostile_site.rglob("*.html")):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        metas = tree.css('meta[http-equiv="Content-Security-Policy"]')
        assert len(metas) == 1 and metas[0].parent.tag == "head", page
        policy = metas[0].attributes["content"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        assert "object-src 'none'" in policy


def test_an_inline_script_that_is_not_the_themes_fails_the_build(project, root):
    """A template override that plants an inline script: the build fails, naming the page, and the site stays."""
    settings = Settings(root=project, cache=root / ".cache" / "reader", progress=False)
    build(settings)
    before = {p.relative_to(project): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    (project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block scripts %}{{ super() }}<script>console.log("planted")</script>{% endblock %}\n')
    with pytest.raises(ReaderError) as caught:
        build(settings)
    assert set(caught.value.codes) == {E.FOREIGN_SCRIPT.code}
    assert "index.html" in {p.path for p in caught.value.problems}
    after = {p.relative_to(project): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before


PROBES = [
    ("attr_list", "A sentence\n{: onclick=\"alert(1)\" }", lambda html: "<p onclick" not in html),
    ("snippets", '--8<-- "/etc/hostname"', lambda html: "--8&lt;--" in html or "--8<--" in html),
    ("md_in_html", '<div markdown="1">*x*</div>', lambda html: "<em>x</em>" not in html),
    ("footnotes", "A claim[^1]\n\n[^1]: A note.", lambda html: "[^1]" in html),
]
"""Markdown a hostile body could use, each with what an inert rendering of it looks like."""


def inert(md) -> list[str]:
    """The probes that ``md`` renders inert (all of them, for a safe body converter)."""
    return [name for name, text, is_inert in PROBES if is_inert(md.convert(text))]


def test_no_file_including_extension_sees_contributed_content():
    import yaml

    from annotated_reader.inputs.body import body_markdown

    site_extensions = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["markdown_extensions"]
    names = {next(iter(e)) if isinstance(e, dict) else e for e in site_extensions}
    assert not names & {"pymdownx.snippets", "pymdownx.b64", "markdown_include.include", "mdx_include"}
    assert inert(body_markdown()) == [name for name, _, _ in PROBES]


@pytest.mark.parametrize("extension", ["attr_list", "pymdownx.snippets", "md_in_html", "footnotes"])
def test_the_extension_check_fails_when_a_dangerous_extension_is_added(extension):
    import markdown

    md = markdown.Markdown(extensions=["sane_lists", extension],
                           extension_configs={"pymdownx.snippets": {"base_path": ["/etc"], "check_paths": False}})
    assert inert(md) != [name for name, _, _ in PROBES]


def test_pinned_versions_include_the_security_fixes():
    lock = (ROOT / "requirements.lock").read_text()
    material = tuple(int(x) for x in re.search(r"^mkdocs-material==([\d.]+)", lock, re.M).group(1).split("."))
    pymdown = tuple(int(x) for x in re.search(r"^pymdown-extensions==([\d.]+)", lock, re.M).group(1).split("."))
    assert material >= (9, 7, 7)
    assert pymdown >= (11, 0, 1)
