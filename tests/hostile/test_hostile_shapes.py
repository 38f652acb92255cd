"""Pathological texts: the three shapes that once stalled or swelled a build.

Each is refused at once, with its file and line, when it is over the limits of a line and of a
run without a space (``inputs/limits.py``); the worst text of each shape that the limits still
accept builds, with the real model and the real engine, within a time and a memory bound.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from annotated_reader.errors import E, ReaderError
from annotated_reader.inputs.glossary import load_glossary
from annotated_reader.inputs.limits import MAX_LINE, MAX_WORD
from annotated_reader.inputs.sources import load_sources
from annotated_reader.site.entry_page import SENTENCE_WINDOW

from .measure import measured

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).with_name("annotated-reader")
HEADER = "---\ntitle: A pathological text\nauthor: unknown\npublication: unknown\n---\n"
PARAGRAPHS = 4
"""Paragraphs of the worst accepted shape in the text built (each as long as the limits allow)."""
BUILD_SECONDS = 420
"""Time bound of one build, on a loaded two-core machine (the real corpus builds in well under a minute)."""
BUILD_BYTES = 2_500_000_000
"""Memory bound of one build: the model, the engine and the pages (the real corpus needs about a gigabyte)."""
REFUSAL_SECONDS = 10
"""A shape over the limits is refused before the model or the engine runs."""

PUNCTUATION = "’—'"
"""The characters the tokenizer is slowest on: each run of them is split one character at a time."""


def _names() -> list[str]:
    glossary = load_glossary(ROOT / "glossary")
    return sorted({e.title for e in glossary} | {a.text for e in glossary for a in e.aliases})


def punctuation_word(length: int) -> str:
    return (PUNCTUATION * length)[:length]


def original_shapes() -> dict[str, str]:
    """The shapes as they were reported: each one line of a text far over the limits."""
    names = ", ".join(_names())
    return {
        "100 KB word of punctuation": punctuation_word(100_000),
        "134 KB sentence of glossary names": ((names + ", ") * (134_000 // len(names) + 1))[:134_000],
        "long line of escaped punctuation": ("\\*\\_\\[\\`" * 40_000)[:120_000],
    }


def accepted_shapes() -> dict[str, str]:
    """The worst line of each shape under the limits."""
    names = ", ".join(_names())
    word = punctuation_word(MAX_WORD)
    escaped = " ".join(["\\*\\_\\[\\`\\<\\&" * (MAX_WORD // 12)] * (MAX_LINE // (MAX_WORD + 1)))
    return {
        "words of punctuation": " ".join([word] * (MAX_LINE // (MAX_WORD + 1))),
        "sentence of glossary names": ((names + ", ") * (MAX_LINE // len(names) + 1))[:MAX_LINE].rstrip(", "),
        "escaped punctuation": escaped,
    }


def text_with(line: str, paragraphs: int = 1) -> str:
    return HEADER + "A pathological text\n\n" + "\n\n".join([line] * paragraphs) + "\n"


@pytest.mark.parametrize("name", list(original_shapes()))
def test_the_original_shape_is_refused_at_once_with_its_line(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "shape.txt").write_text(text_with(original_shapes()[name]), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ReaderError) as caught:
        load_sources(tmp_path / "sources")
    assert time.perf_counter() - started < REFUSAL_SECONDS
    assert [(p.path, p.line, p.code) for p in caught.value.problems] == [("sources/shape.txt", 8, E.LINE_TOO_LONG.code)]


def test_a_long_run_without_a_space_is_refused_with_its_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources").mkdir()
    line = "Ordinary words, then " + punctuation_word(MAX_WORD + 1) + " and more words."
    (tmp_path / "sources" / "shape.txt").write_text(text_with(line), encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_sources(tmp_path / "sources")
    assert [(p.path, p.line, p.code) for p in caught.value.problems] == [("sources/shape.txt", 8, E.WORD_TOO_LONG.code)]


def test_an_entry_body_is_held_to_the_same_limits(tmp_path, monkeypatch, root):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(root / "glossary", tmp_path / "glossary")
    path = tmp_path / "glossary" / "china.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + original_shapes()["long line of escaped punctuation"] + "\n",
                    encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ReaderError) as caught:
        load_glossary(tmp_path / "glossary")
    assert time.perf_counter() - started < REFUSAL_SECONDS
    lines = path.read_text(encoding="utf-8").count("\n")
    assert [(p.path, p.line, p.code) for p in caught.value.problems] == [("glossary/china.md", lines, E.LINE_TOO_LONG.code)]


@pytest.mark.parametrize("name", list(accepted_shapes()))
def test_the_worst_accepted_shape_builds_within_time_and_memory(tmp_path, root, name):
    for folder in ("glossary", "overrides"):
        shutil.copytree(root / folder, tmp_path / folder)
    shutil.copy(root / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "shape.txt").write_text(text_with(accepted_shapes()[name], PARAGRAPHS), encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    run = measured([str(SCRIPT), "build", "--root", str(tmp_path), "--jobs", "1", "--no-progress",
                    "--cache", str(tmp_path / "cache")], tmp_path, limit_seconds=BUILD_SECONDS, env=env)
    print(f"{name}: {run.seconds:.1f} s, peak {run.peak_bytes / 1e6:.0f} MB")
    assert run.returncode is not None, f"{name}: still building after {BUILD_SECONDS} s"
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    assert run.peak_bytes < BUILD_BYTES, f"{name}: {run.peak_bytes / 1e6:.0f} MB"
    assert (tmp_path / "site" / "texts" / "shape" / "index.html").is_file()
    longest = max(len(line) for page in (tmp_path / "docs" / "glossary").glob("*.md")
                  for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("- "))
    assert longest < 6 * SENTENCE_WINDOW, "a mention on an entry page shows more than a window of its sentence"
