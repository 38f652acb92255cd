"""Scaffold a new glossary entry: ``glossary/<id>.md`` with the id derived from the title.

The file written is a skeleton: its summary and body are ``TODO`` placeholders that the
contributor replaces. It is validated by the glossary's own loader before it is written, and
deliberately *not* mergeable: ``make check`` rejects placeholder text, so a forgotten skeleton
fails CI with a ``file:line: [code] problem; fix`` message instead of reaching readers.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

import yaml

from ..errors import E, Problem, ReaderError
from ..inputs.frontmatter import FILE_ID
from ..inputs.glossary import TIMED_TYPES, parse_entry
from ..model import TYPE_KEYS

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

SKELETON_ONLY = {E.PLACEHOLDER.code, E.BODY_LENGTH.code, E.FEW_REFERENCES.code}
"""The only problems a fresh skeleton may have: its placeholders, their short body, no references yet."""

# Letters that Unicode does not decompose into an ASCII base letter plus accents.
_FOLD_EXTRA = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i",
})
# Apostrophes join the letters around them ("People's" -> "peoples"), they do not split words.
_APOSTROPHES = re.compile(r"['’ʼ‘`´]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def ascii_fold(text: str) -> str:
    """``text`` with accents removed and other letters spelt in ASCII ("Türkiye" -> "Turkiye"); CJK is dropped."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return without_marks.encode("ascii", "ignore").decode("ascii")


def entry_id_for(title: str) -> str:
    """The entry id derived from a title: ASCII-folded, lowercase, words joined by single hyphens.

    >>> entry_id_for("“No limits” partnership")
    'no-limits-partnership'
    """
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFC", title))
    text = "".join(ch if ch.isalnum() else " " for ch in text)  # any punctuation separates words
    return _NON_ALNUM.sub("-", ascii_fold(text).lower()).strip("-")


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
    when = ("# date: when it happened or appeared (1945, 1945-02 or 1945-02-04), or start: and end: for a span;\n"
            "# only what you are sure of (CONTRIBUTING.md). Dated entries are drawn on the timeline.\n"
            if entry_type in TIMED_TYPES else "")
    return (f"---\ntitle: {_yaml_scalar(title)}\ntype: {entry_type}\naliases: []\n"
            f"summary: {_yaml_scalar(PLACEHOLDER_SUMMARY)}\n{when}"
            "# references: the published sources of the entry's facts (CONTRIBUTING.md, 'Sources'), e.g.\n"
            "#   - title: …\n#     publisher: …\n#     url: https://…\n#     supports: what in the entry it backs\n"
            f"references: []\n---\n{PLACEHOLDER_BODY}")


def _refuse(detail: str, fix: str) -> ReaderError:
    return ReaderError([E.SCAFFOLD.at(None, detail=detail, fix=fix)])


def _validate(name: str, content: str) -> list[Problem]:
    """The glossary loader's problems with ``content`` as an entry file called ``name``, skeleton ones aside."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(content, encoding="utf-8")
        problems: list[Problem] = []
        parse_entry(path, problems)
    return [Problem("--title", None, p.code, p.message, p.fix) for p in problems if p.code not in SKELETON_ONLY]


def scaffold(glossary_dir: Path, title: str, entry_type: str, *, entry_id: str | None = None) -> Path:
    """Write a skeleton entry ``<glossary_dir>/<id>.md`` and return its path.

    The id is derived from ``title`` unless ``entry_id`` is given (for titles such as "1984").
    Raises ``ReaderError``, writing nothing, when the type, the title or the id is not valid, the
    glossary directory does not exist, or an entry with that id already exists.
    """
    glossary_dir = Path(glossary_dir)
    if entry_type not in TYPE_KEYS:
        raise _refuse(f"'{entry_type}' is not a valid type", "use one of: " + ", ".join(TYPE_KEYS))
    new_id = entry_id if entry_id is not None else entry_id_for(title)
    if not FILE_ID.match(new_id):
        how = "given" if entry_id is not None else f"derived from the title {title!r}"
        raise _refuse(f"the id '{new_id}' {how} is not a valid entry id",
                      "pass one with --id: lowercase ASCII letters, digits and single hyphens, e.g. nineteen-eighty-four")
    content = skeleton(title, entry_type)
    problems = _validate(f"{new_id}.md", content)
    if problems:
        raise ReaderError(problems)
    if not glossary_dir.is_dir():
        raise _refuse(f"the glossary directory {glossary_dir} does not exist", "pass --glossary DIR")
    path = glossary_dir / f"{new_id}.md"
    exists = _refuse(f"{path} already exists", "edit that entry, or choose another title or --id")
    if path.exists() or path.is_symlink():
        raise exists
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, even in a race
            handle.write(content)
    except FileExistsError:
        raise exists from None
    return path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """This command's options."""
    parser.add_argument("--title", required=True, help="display name of the entry, e.g. 'Yalta Conference'")
    parser.add_argument("--type", dest="entry_type", required=True, choices=TYPE_KEYS, metavar="TYPE",
                        help="one of: " + ", ".join(TYPE_KEYS))
    parser.add_argument("--glossary", type=Path, default=Path("glossary"), metavar="DIR",
                        help="directory of glossary entries (default: glossary)")
    parser.add_argument("--id", dest="entry_id", metavar="ID", help="entry id to use instead of the one derived from the title")


def run(args: argparse.Namespace) -> int:
    """Scaffold the entry described by parsed ``args``; print its path."""
    path = scaffold(args.glossary, args.title, args.entry_type, entry_id=args.entry_id)
    print(path)
    print("next: replace every TODO in it, then run `make check` until it says ok", file=sys.stderr)
    return 0
