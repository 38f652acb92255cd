"""Helpers of the hostile-input suite: a copy of the project's inputs and entry files to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILLER = " ".join(["This sentence pads the body so that it has a realistic length for an entry."] * 7)
REFERENCE = ("references: [{title: A source, publisher: A publisher, url: 'https://example.org/a', supports: the facts},\n"
             "  {title: Another source, publisher: A publisher, url: 'https://example.org/b', supports: the dates}]\n")


def entry(title="Hostile Entry", type_="concept", summary="A plain summary.", body=FILLER, extra="") -> str:
    """An entry file: title on line 2, type 3, summary 4, ``extra`` from line 5, two lines of references, the body."""
    return f"---\ntitle: {title}\ntype: {type_}\nsummary: {summary}\n{extra}{REFERENCE}---\n{body}\n"


SOURCE = "---\ntitle: A plain text\nauthor: unknown\npublication: unknown\n{extra}---\nA plain text\n\nIt has one paragraph.\n"
"""A source file: title on line 2, ``extra`` from line 5."""


@pytest.fixture
def inputs(tmp_path, monkeypatch) -> Path:
    """A working directory holding copies of the real glossary and sources (paths are shown relative to it)."""
    for name in ("sources", "glossary"):
        shutil.copytree(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def located(problems) -> set[tuple[str | None, int | None, str]]:
    return {(p.path, p.line, p.code) for p in problems}
