"""Scaffold a new glossary entry: ``glossary/<id>.md`` with the id derived from the title.

The file written is a skeleton: its summary and body are ``TODO`` placeholders that the
contributor replaces. The skeleton is deliberately *not* mergeable: ``make check`` rejects
placeholder text (CONTRIBUTING.md: "No placeholder text (TODO, lorem, TBD, XXX)"), so a
forgotten skeleton fails CI with a ``file:line: problem; fix`` message instead of reaching
readers. Everything else in it (keys, quoting, type) is already valid.

Usage::

    python -m reader.new_entry --title "Yalta Conference" --type event
    python -m reader.new_entry --title "Türkiye" --type state --glossary path/to/glossary
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import yaml

from .glossary import ENTRY_TYPES, ID_PATTERN
from .safety import check_plain_text

TITLE_MAX_CHARS = 120
"""Longest title the glossary accepts (``EntryMeta.title``)."""

PLACEHOLDER_SUMMARY = ("TODO: one or two sentences, at most 40 words, that stand alone in a hover preview "
                       "(no 'see above', no 'this entry').")
"""Summary written into a skeleton; ``make check`` rejects it until it is replaced."""

PLACEHOLDER_BODY = """\
TODO: replace this paragraph with 80–300 words in your own words (see CONTRIBUTING.md and
.github/ENTRY_TEMPLATE.md). Neutral encyclopedic register; on contested matters state facts and
say whose claim is whose; leave out any date, figure or attribution you are not sure of.

TODO: say how the texts of this corpus use the term, referring to them by their titles.
"""
"""Body written into a skeleton; ``make check`` rejects it until it is replaced."""

# Letters that Unicode does not decompose into an ASCII base letter plus accents.
_FOLD_EXTRA = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i",
})
# Apostrophes join the letters around them ("People's" -> "peoples"), they do not split words.
_APOSTROPHES = re.compile(r"['’ʼ‘`´]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


class ScaffoldError(ValueError):
    """The entry cannot be scaffolded; the message says why and what to do instead."""


def ascii_fold(text: str) -> str:
    """``text`` with accents removed and other non-ASCII letters spelt in ASCII ("Türkiye" -> "Turkiye").

    Characters with no ASCII spelling (e.g. CJK) are dropped.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return without_marks.encode("ascii", "ignore").decode("ascii")


def entry_id_for(title: str) -> str:
    """The entry id derived from a title: ASCII-folded, lowercase, words joined by single hyphens.

    >>> entry_id_for("Giovanni Arrighi")
    'giovanni-arrighi'
    >>> entry_id_for("Türkiye")
    'turkiye'
    >>> entry_id_for("“No limits” partnership")
    'no-limits-partnership'

    The result may still be invalid (empty, or starting with a digit); ``scaffold`` checks it.
    """
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFC", title))
    # Any punctuation separates words, ASCII or not: "China–Russia" -> "china-russia".
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return _NON_ALNUM.sub("-", ascii_fold(text).lower()).strip("-")


def _check_title(title: str) -> None:
    if not title or title != title.strip():
        raise ScaffoldError("the title is empty or has surrounding spaces; give the display name, e.g. --title 'Yalta Conference'")
    if "\n" in title or "\r" in title:
        raise ScaffoldError("the title must be a single line")
    if len(title) > TITLE_MAX_CHARS:
        raise ScaffoldError(f"the title has {len(title)} characters, more than {TITLE_MAX_CHARS}; shorten it")
    problem = check_plain_text(title)
    if problem:
        raise ScaffoldError(f"the title {problem}; titles are plain text (see CONTRIBUTING.md)")
    if '"' in title:
        raise ScaffoldError("the title contains '\"'; titles may not contain straight double quotes (use “ ” instead)")


def _yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when that reads back unchanged, double-quoted otherwise."""
    try:
        if yaml.safe_load(f"key: {value}\n") == {"key": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def skeleton(title: str, entry_type: str) -> str:
    """The text of a skeleton entry file for ``title`` of ``entry_type`` (not validated here)."""
    return (
        "---\n"
        f"title: {_yaml_scalar(title)}\n"
        f"type: {entry_type}\n"
        "aliases: []\n"
        f"summary: {_yaml_scalar(PLACEHOLDER_SUMMARY)}\n"
        "---\n"
        f"{PLACEHOLDER_BODY}"
    )


def scaffold(glossary_dir: Path, title: str, entry_type: str, *, entry_id: str | None = None) -> Path:
    """Write a skeleton entry ``<glossary_dir>/<id>.md`` and return its path.

    The id is derived from ``title`` (see ``entry_id_for``) unless ``entry_id`` is given, for
    titles whose derived id is not valid (e.g. "1984") or too long. Raises ``ScaffoldError``,
    without writing anything, when the type is not one of ``ENTRY_TYPES``, the title is not a
    valid plain-text title, the id is not valid, the glossary directory does not exist, or an
    entry with that id already exists (it is never overwritten).
    """
    glossary_dir = Path(glossary_dir)
    if entry_type not in ENTRY_TYPES:
        raise ScaffoldError(f"'{entry_type}' is not a valid type; use one of: {', '.join(ENTRY_TYPES)}")
    _check_title(title)
    new_id = entry_id if entry_id is not None else entry_id_for(title)
    if not ID_PATTERN.match(new_id):
        how = "is given" if entry_id is not None else f"derived from the title {title!r}"
        raise ScaffoldError(
            f"the id '{new_id}' {how} is not a valid entry id (lowercase ASCII letters, digits and single "
            "hyphens, starting with a letter); pass one explicitly, e.g. --id nineteen-eighty-four")
    if not glossary_dir.is_dir():
        raise ScaffoldError(f"the glossary directory {glossary_dir} does not exist; pass --glossary DIR")
    path = glossary_dir / f"{new_id}.md"
    if path.exists() or path.is_symlink():
        raise ScaffoldError(f"{path} already exists; edit that entry, or choose another title or --id")
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, even in a race
            handle.write(skeleton(title, entry_type))
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; edit that entry, or choose another title or --id") from None
    return path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add this command's options to ``parser`` (shared by ``main`` and the ``reader`` CLI)."""
    parser.add_argument("--title", required=True, help="display name of the entry, e.g. 'Yalta Conference'")
    parser.add_argument("--type", dest="entry_type", required=True, choices=ENTRY_TYPES, metavar="TYPE",
                        help="one of: " + ", ".join(ENTRY_TYPES))
    parser.add_argument("--glossary", type=Path, default=Path("glossary"), metavar="DIR",
                        help="directory of glossary entries (default: glossary)")
    parser.add_argument("--id", dest="entry_id", metavar="ID",
                        help="entry id to use instead of the one derived from the title")


def run(args: argparse.Namespace) -> int:
    """Scaffold the entry described by parsed ``args``; print its path. Returns the exit status."""
    try:
        path = scaffold(args.glossary, args.title, args.entry_type, entry_id=args.entry_id)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(path)
    print("next: replace every TODO in it, then run `make check` until it says ok", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The stand-alone argument parser (``python -m reader.new_entry``)."""
    parser = argparse.ArgumentParser(
        prog="reader new-entry",
        description="Write a skeleton glossary entry glossary/<id>.md, the id derived from the title. "
                    "Replace its TODO summary and body before opening a pull request: "
                    "`make check` rejects placeholder text.")
    add_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the path written. Returns the exit status."""
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
