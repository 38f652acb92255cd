from annotated_reader.errors import E, Problem
from annotated_reader.inputs.sources import load_sources, parse_source
from annotated_reader.pipeline.convert import convert

SOURCE = """---
title: A title
author: unknown
publication: unknown
language: en
furniture: [Menu Home About, Subscribe now]
headings: [A heading]
---
Menu Home About

A title

First paragraph with *stars*.

A heading

  1. First item.
  2. Second item.

[Editor’s note: a note.]
Subscribe now
"""


def load(tmp_path, text=SOURCE, name="a-text.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    return parse_source(path, problems), problems


def test_blocks_kinds_ids_and_sections(tmp_path):
    source, problems = load(tmp_path)
    assert problems == []
    document = convert(source)
    assert [(b.id, b.kind, b.text, b.section) for b in document.blocks] == [
        ("p-1", "paragraph", "First paragraph with *stars*.", 0),
        ("h-2", "heading", "A heading", 1),
        ("p-3", "item", "First item.", 1),
        ("p-4", "item", "Second item.", 1),
        ("p-5", "note", "[Editor’s note: a note.]", 1),
    ]


def test_furniture_that_is_not_in_the_text_is_reported_with_its_line(tmp_path):
    _, problems = load(tmp_path, SOURCE.replace("Subscribe now\n", ""))
    assert len(problems) == 1
    assert (problems[0].line, problems[0].code) == (6, E.QUOTED_LINE_MISSING.code)
    assert "'Subscribe now'" in problems[0].message


def test_unknown_metadata_key_is_reported(tmp_path):
    _, problems = load(tmp_path, SOURCE.replace("language: en", "language: en\nauthorr: x"))
    assert [(p.code, p.line) for p in problems] == [(E.UNKNOWN_KEY.code, 6)]


def test_real_sources_convert(root):
    documents = [convert(s) for s in load_sources(root / "sources")]
    assert [d.id for d in documents] == sorted(p.stem for p in (root / "sources").glob("*.txt"))
    assert all(d.blocks for d in documents)
    first = {d.id: d for d in documents}["us-rapprochement-with-russia"]
    assert sum(b.kind == "item" for b in first.blocks) == 3
    assert sum(b.kind == "heading" for b in first.blocks) == 6
    texts = " ".join(b.text for d in documents for b in d.blocks)
    for furniture in ("Subscribe to our newsletter", "EA09 Studio", "Fellows Program", "Trump and Putin talking"):
        assert furniture not in texts
