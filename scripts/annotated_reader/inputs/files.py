"""The one function that reads an input file people edit (sources, glossary entries).

A file is refused before it is read when it is a symbolic link or not a regular file, and no
more than the size limit plus one byte is ever read, so a link to ``/dev/zero`` or a huge file
costs nothing. Text is UTF-8 (a byte-order mark is dropped), without NUL characters, with
newlines normalised to ``\\n``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import E, Problem

MAX_BYTES = 1_000_000
"""Largest input file accepted; anything larger is certainly not a glossary entry or an essay."""


def read_input(path: Path, problems: list[Problem], *, folder: str, guide: str, limit: int = MAX_BYTES) -> str | None:
    """The text of an input file, or None after appending the reason it cannot be used."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        problems.append(E.UNREADABLE.at(path, 1, reason=exc.strerror or type(exc).__name__))
        return None
    if stat.S_ISLNK(info.st_mode):
        problems.append(E.SYMLINK.at(path, 1, folder=folder))
        return None
    if not stat.S_ISREG(info.st_mode):
        problems.append(E.UNREADABLE.at(path, 1, reason="not a regular file"))
        return None
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        problems.append(E.UNREADABLE.at(path, 1, reason=exc.strerror or type(exc).__name__))
        return None
    if len(raw) > limit:
        problems.append(E.TOO_LARGE.at(path, 1, limit=limit))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(E.NOT_UTF8.at(path, raw[: exc.start].count(b"\n") + 1, byte=exc.start))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        problems.append(E.NUL.at(path, text[: text.index("\x00")].count("\n") + 1))
        return None
    if not text.strip():
        problems.append(E.EMPTY.at(path, 1, guide=guide))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
