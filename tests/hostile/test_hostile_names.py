"""Names: no page may replace another, no invisible character in a shown field, no look-alike names."""

from __future__ import annotations

import pytest

from annotated_reader.errors import E, ReaderError
from annotated_reader.inputs.glossary import load_glossary
from annotated_reader.inputs.sources import load_sources
from annotated_reader.model import Corpus, Entry, Glossary
from annotated_reader.site.render import render_pages

from .conftest import SOURCE, entry, located


def test_an_entry_named_index_is_refused(inputs):
    (inputs / "glossary" / "index.md").write_text(entry(title="Index"), encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_glossary(inputs / "glossary")
    assert ("glossary/index.md", 1, E.RESERVED_NAME.code) in located(caught.value.problems)


def test_a_text_named_index_is_refused(inputs):
    (inputs / "sources" / "index.txt").write_text(SOURCE.format(extra=""), encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_sources(inputs / "sources")
    assert located(caught.value.problems) == {("sources/index.txt", 1, E.RESERVED_NAME.code)}


@pytest.mark.parametrize("directory_urls", [True, False], ids=["hosted", "offline"])
def test_two_pages_with_one_output_path_are_refused_whoever_makes_them(inputs, directory_urls):
    """Past the loader (an entry made in code), the render stage still refuses to replace the glossary index."""
    glossary = load_glossary(inputs / "glossary")
    some = next(iter(glossary))
    clash = Entry("index", "Index", "concept", (), "A summary.", (), None, some.body, "glossary/index.md")
    corpus = Corpus(Glossary({**glossary.entries, "index": clash}), (), ())
    with pytest.raises(ReaderError) as caught:
        render_pages(corpus, directory_urls)
    (problem,) = caught.value.problems
    assert (problem.path, problem.code) == ("glossary/index.md", E.PAGE_COLLISION.code)
    assert "the generated page glossary/index.md" in problem.message


INVISIBLE = {
    "C1 control (CSI)": "\\x9b",
    "C1 control (NEL)": "\\x85",
    "zero-width space": "\\u200b",
    "soft hyphen": "\\u00ad",
    "bidirectional isolate": "\\u2066",
    "variation selector": "\\ufe0f",
    "Hangul filler": "\\u3164",
    "tag character": "\\U000E0041",
}


@pytest.mark.parametrize("name", list(INVISIBLE))
@pytest.mark.parametrize("field,line", [("title", 2), ("summary", 4)])
def test_invisible_characters_are_refused_in_entry_fields(inputs, name, field, line):
    value = f'"Plain{INVISIBLE[name]}Name"'
    (inputs / "glossary" / "hostile-entry.md").write_text(entry(**{field: value}), encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_glossary(inputs / "glossary")
    assert ("glossary/hostile-entry.md", line, E.INVISIBLE_CHARACTER.code) in located(caught.value.problems)


@pytest.mark.parametrize("name", list(INVISIBLE))
def test_invisible_characters_are_refused_in_source_metadata(inputs, name):
    text = SOURCE.replace("title: A plain text", f'title: "A plain{INVISIBLE[name]} text"').format(extra="")
    (inputs / "sources" / "hostile-text.txt").write_text(text, encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_sources(inputs / "sources")
    assert ("sources/hostile-text.txt", 2, E.INVISIBLE_CHARACTER.code) in located(caught.value.problems)


def test_an_invisible_character_is_named_in_the_message(inputs):
    (inputs / "glossary" / "hostile-entry.md").write_text(entry(extra='aliases: ["Pu\\u200btin"]\n'), encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_glossary(inputs / "glossary")
    assert "U+200B ZERO WIDTH SPACE" in str(caught.value)


LOOKALIKES = {
    "Cyrillic Р in a title": ("title: Vladimir Рutin\n", 2, ""),
    "Cyrillic е in an alias": ("", 5, "aliases: [Zеlensky]\n"),
    "full-width letters": ("", 5, "aliases: [Ｐｕｔｉｎ]\n"),
    "Greek Ο for O in an alias": ("", 5, "aliases: [ΝΑΤΟ]\n"),
}


@pytest.mark.parametrize("name", list(LOOKALIKES))
def test_a_name_that_only_looks_like_another_entrys_is_refused(inputs, name):
    title, line, extra = LOOKALIKES[name]
    text = entry(extra=extra)
    if title:
        text = text.replace("title: Hostile Entry\n", title)
    (inputs / "glossary" / "hostile-entry.md").write_text(text, encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_glossary(inputs / "glossary")
    codes = {(p.path, p.line, p.code) for p in caught.value.problems if p.path == "glossary/hostile-entry.md"}
    assert codes == {("glossary/hostile-entry.md", line, E.NAME_LOOKALIKE.code)}, [str(p) for p in caught.value.problems]
    assert {p.code for p in caught.value.problems} == {E.NAME_LOOKALIKE.code}  # and the other entry, nothing else


def test_the_real_glossary_has_no_look_alike_names(root):
    load_glossary(root / "glossary")
