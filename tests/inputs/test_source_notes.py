"""A source's ``notes``: optional plain text about the text from outside it, validated like every field."""

from pathlib import Path

import pytest

from annotated_reader.errors import E, Problem
from annotated_reader.inputs.formats import NOTE_MAX_CHARS
from annotated_reader.inputs.sources import parse_source

SOURCE = """---
title: A title
author: unknown
publication: unknown
language: en
{notes}furniture: []
headings: []
---
A title

A paragraph.
"""


def parse(tmp_path: Path, notes: str):
    path = tmp_path / "a-text.txt"
    path.write_text(SOURCE.format(notes=notes), encoding="utf-8")
    problems: list[Problem] = []
    return parse_source(path, problems), problems


def test_no_notes_is_an_empty_tuple(tmp_path):
    source, problems = parse(tmp_path, "")
    assert problems == [] and source.meta.notes == ()


@pytest.mark.parametrize("notes,expected", [
    ("notes: Credited elsewhere to someone (https://example.org/a).\n", ("Credited elsewhere to someone (https://example.org/a).",)),
    ("notes:\n  - First   note,\n    over two lines.\n  - 'Second: with a colon.'\n", ("First note, over two lines.", "Second: with a colon.")),
], ids=["one note", "a list of notes"])
def test_a_note_or_a_list_of_notes_is_read_as_plain_text(tmp_path, notes, expected):
    source, problems = parse(tmp_path, notes)
    assert problems == [] and source.meta.notes == expected


@pytest.mark.parametrize("notes,line,error", [
    ("notes:\n  - A fine note.\n  - A <script>alert(1)</script> note.\n", 8, E.PLAIN_TEXT),
    ("notes: 'See javascript:alert(1) for details.'\n", 6, E.PLAIN_TEXT),
    ("notes:\n  - " + "x" * (NOTE_MAX_CHARS + 1) + "\n", 7, E.BAD_VALUE),
    ("notes:\n  - ''\n", 7, E.BAD_VALUE),
    ("notes: {a: b}\n", 6, E.BAD_VALUE),
], ids=["markup", "script URL", "too long", "empty", "not text"])
def test_a_bad_note_is_reported_at_its_line(tmp_path, notes, line, error):
    source, problems = parse(tmp_path, notes)
    assert source is None
    assert [(p.line, p.code) for p in problems] == [(line, error.code)], [str(p) for p in problems]
