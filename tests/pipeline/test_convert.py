import hashlib

import pytest

from annotated_reader.errors import E, Problem, ReaderError
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
- A bullet.
> A quotation.
Subscribe now
"""


def load(tmp_path, text=SOURCE, name="a-text.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    return parse_source(path, problems), problems


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def test_blocks_kinds_ids_and_sections(tmp_path):
    source, problems = load(tmp_path)
    assert problems == []
    document = convert(source)
    assert [(b.id, b.number, b.kind, b.text, b.section) for b in document.blocks] == [
        ("p-" + sha("First paragraph with *stars*."), 1, "paragraph", "First paragraph with *stars*.", 0),
        ("h-" + sha("A heading"), 2, "heading", "A heading", 1),
        ("p-" + sha("First item."), 3, "item", "First item.", 1),
        ("p-" + sha("Second item."), 4, "item", "Second item.", 1),
        ("p-" + sha("[Editor’s note: a note.]"), 5, "note", "[Editor’s note: a note.]", 1),
        ("p-" + sha("A bullet."), 6, "bullet", "A bullet.", 1),
        ("p-" + sha("A quotation."), 7, "quote", "A quotation.", 1),
    ]


def ids(tmp_path, text, name="a-text.txt"):
    source, problems = load(tmp_path, text, name)
    assert problems == [], problems
    return {b.text: b.id for b in convert(source).blocks}


@pytest.mark.parametrize("change", ["declare a paragraph as furniture", "append a paragraph", "undeclare a heading",
                                    "declare a heading", "insert a line at the top"])
def test_ids_do_not_move_when_another_line_changes(tmp_path, change):
    before = ids(tmp_path, SOURCE)
    edits = {
        "declare a paragraph as furniture": SOURCE.replace("furniture: [Menu Home About, Subscribe now]",
                                                           "furniture: [Menu Home About, Subscribe now, First paragraph with *stars*.]"),
        "append a paragraph": SOURCE + "\nA new last paragraph.\n",
        "undeclare a heading": SOURCE.replace("headings: [A heading]", "headings: []"),
        "declare a heading": SOURCE.replace("headings: [A heading]", "headings: [A heading, '[Editor’s note: a note.]']"),
        "insert a line at the top": SOURCE.replace("---\nMenu Home About", "---\nAn opening line.\nMenu Home About"),
    }
    after = ids(tmp_path, edits[change], "b-text.txt")
    changed = {text: (before[text], after.get(text)) for text in before if before[text] != after.get(text)}
    touched = {"declare a paragraph as furniture": {"First paragraph with *stars*."}, "undeclare a heading": {"A heading"},
               "declare a heading": {"[Editor’s note: a note.]"}}.get(change, set())
    assert set(changed) == touched, changed
    assert ids(tmp_path, SOURCE, "c-text.txt") == before  # and the check itself can fail: the same text, the same ids


def test_a_repeated_paragraph_gets_a_numbered_id(tmp_path):
    text = SOURCE + "Thank you.\n\nThank you.\n"
    source, _ = load(tmp_path, text)
    repeated = [b.id for b in convert(source).blocks if b.text == "Thank you."]
    assert repeated == ["p-" + sha("Thank you."), "p-" + sha("Thank you.") + "-2"]


def test_former_ids_become_anchors_and_must_name_a_block(tmp_path):
    current = "p-" + sha("First paragraph with *stars*.")
    source, _ = load(tmp_path, SOURCE.replace("headings: [A heading]", f"headings: [A heading]\nformer_ids: {{p-1: {current}}}"))
    [block] = [b for b in convert(source).blocks if b.id == current]
    assert block.former_ids == ("p-1",)
    source, _ = load(tmp_path, SOURCE.replace("headings: [A heading]", "headings: [A heading]\nformer_ids: {p-1: p-00000000}"))
    with pytest.raises(ReaderError) as caught:
        convert(source)
    assert [(p.line, p.code) for p in caught.value.problems] == [(8, E.FORMER_ID_TARGET.code)]


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
