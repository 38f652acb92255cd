"""Limits on the shape of a text, so that no input under the size limit can stall or swell a build.

Three shapes cost far more than their size: a line that is one long "word" of punctuation (the
tokenizer splits punctuation off one character at a time, quadratically), a very long line of
punctuation the pages escape (Markdown's inline patterns are quadratic on it), and one enormous
paragraph dense with glossary names (each mention's sentence is shown on the entry pages). A
line is a paragraph in a source, so a limit on the length of a line and on a run of characters
without a space bounds all three; real prose is far below both.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import E, Problem

MAX_LINE = 10_000
"""Longest line (a paragraph of a source) in characters: some 1,600 words, ten times a long paragraph."""
MAX_WORD = 200
"""Longest run of characters without white space: longer than any word or web address in a text."""
MAX_REPORTED = 20
"""At most this many lines over a limit are reported per file (the first ones)."""

_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_WORD + 1))


def shape_problems(path: Path, lines: list[str], first_line: int = 1, *, words_from: int = 0) -> list[Problem]:
    """Lines over ``MAX_LINE`` characters and, from index ``words_from`` on, runs over ``MAX_WORD``.

    ``first_line`` is the file line of ``lines[0]``; the front matter (before ``words_from``) may
    hold a long address or checksum and is only held to the line limit.
    """
    problems: list[Problem] = []
    for index, line in enumerate(lines):
        if len(problems) >= MAX_REPORTED:
            break
        number = first_line + index
        if len(line) > MAX_LINE:
            problems.append(E.LINE_TOO_LONG.at(path, number, length=len(line), limit=MAX_LINE))
        elif index >= words_from and len(line) > MAX_WORD:
            run = _LONG_RUN.search(line)
            if run:
                problems.append(E.WORD_TOO_LONG.at(path, number, length=len(run.group()), limit=MAX_WORD))
    return problems
