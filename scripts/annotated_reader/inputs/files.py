"""The one way an input file is read: sources, glossary entries, theme overrides, gold annotation.

A file is refused before it is read when it is a symbolic link or not a regular file (a
directory, a named pipe, a device), and no more than the size limit plus one byte is ever read,
so a link to ``/dev/zero`` or ``/etc/passwd``, or a huge file, costs nothing and shows nothing.
The file is opened without following links and without blocking, and checked again once open,
so swapping it for a link or a pipe between the check and the read changes nothing. Text is
UTF-8 (a byte-order mark is dropped), without NUL characters, with newlines normalised to ``\\n``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import E, Problem

MAX_BYTES = 1_000_000
"""Largest input file accepted; anything larger is certainly not a glossary entry or an essay."""

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def kind_of(mode: int) -> str:
    """What a file that is not regular is, in words ("a directory", "a named pipe" …)."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_bytes(path: Path, problems: list[Problem], *, folder: str, limit: int = MAX_BYTES,
               follow_symlinks: bool = False) -> bytes | None:
    """The bytes of an input file, or None after appending why it cannot be used.

    ``follow_symlinks`` is only for a file an operator names on the command line (``make import
    FILE=…``); a file found in one of the project's folders is never followed out of it.
    """
    try:
        info = os.stat(path) if follow_symlinks else os.lstat(path)
    except OSError as exc:
        problems.append(E.UNREADABLE.at(path, 1, reason=exc.strerror or type(exc).__name__))
        return None
    if stat.S_ISLNK(info.st_mode):
        problems.append(E.SYMLINK.at(path, 1, folder=folder))
        return None
    if not stat.S_ISREG(info.st_mode):
        problems.append(E.NOT_REGULAR.at(path, 1, kind=kind_of(info.st_mode), folder=folder))
        return None
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_symlinks else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        problems.append(E.UNREADABLE.at(path, 1, reason=exc.strerror or type(exc).__name__))
        return None
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):  # replaced between the check and the open
            problems.append(E.NOT_REGULAR.at(path, 1, kind=kind_of(opened.st_mode), folder=folder))
            return None
        try:
            raw = handle.read(limit + 1)
        except OSError as exc:
            problems.append(E.UNREADABLE.at(path, 1, reason=exc.strerror or type(exc).__name__))
            return None
    if len(raw) > limit:
        problems.append(E.TOO_LARGE.at(path, 1, limit=limit))
        return None
    return raw


def decode(raw: bytes, path: Path, problems: list[Problem], *, guide: str) -> str | None:
    """Bytes of an input file as text with ``\\n`` newlines, or None after appending why they are not text."""
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


def read_input(path: Path, problems: list[Problem], *, folder: str, guide: str, limit: int = MAX_BYTES,
               follow_symlinks: bool = False) -> str | None:
    """The text of an input file, or None after appending the reason it cannot be used."""
    raw = read_bytes(path, problems, folder=folder, limit=limit, follow_symlinks=follow_symlinks)
    return None if raw is None else decode(raw, path, problems, guide=guide)


def check_folder(directory: Path, *, folder: str, limit: int = MAX_BYTES) -> list[Problem]:
    """Problems of a folder another program reads (the theme overrides): links, odd files, huge files.

    Nothing below ``directory`` is followed: a symbolic link anywhere in it, to a file or to a
    directory, is refused, and so is anything that is not a regular file or a directory.
    """
    problems: list[Problem] = []
    try:
        top = os.lstat(directory)
    except FileNotFoundError:
        return problems
    if stat.S_ISLNK(top.st_mode):
        return [E.SYMLINK.at(directory, None, folder=folder)]
    for here, dirs, files in os.walk(directory, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(here) / name
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                problems.append(E.SYMLINK.at(path, 1, folder=folder))
            elif stat.S_ISREG(mode):
                if os.lstat(path).st_size > limit:
                    problems.append(E.TOO_LARGE.at(path, 1, limit=limit))
            elif not stat.S_ISDIR(mode):
                problems.append(E.NOT_REGULAR.at(path, 1, kind=kind_of(mode), folder=folder))
    return problems
