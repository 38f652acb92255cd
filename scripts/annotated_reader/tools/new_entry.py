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
from dataclasses import dataclass
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


TYPE_OF_LABEL = {"PERSON": "person", "GPE": "state", "LOC": "place", "FAC": "place", "ORG": "organization",
                 "NORP": "organization", "EVENT": "event", "LAW": "document", "WORK_OF_ART": "document",
                 "PRODUCT": "concept", "NAME": "concept"}
"""The entry type a wanted name's model label suggests (a GPE may be a city: check the type)."""


@dataclass(frozen=True)
class Wanted:
    """A wanted name from the last build's candidates report, to start an entry from."""

    name: str
    labels: tuple[str, ...]
    count: int
    texts: tuple[str, ...]
    context: str
    spellings: tuple[str, ...] = ()
    sentences: tuple[str, ...] = ()

    @property
    def suggested_type(self) -> str:
        return TYPE_OF_LABEL.get(self.labels[0], "concept") if self.labels else "concept"

    def comment(self) -> str:
        """YAML comment lines telling the contributor where the name was found."""
        where = ", ".join(self.texts)
        context = " ".join(self.context.split())
        context = context if len(context) <= 300 else context[:297] + "…"
        lines = [f"# wanted: found {self.count} time(s) in {where}, labelled {', '.join(self.labels)}; "
                 "type suggested from the label, check it"]
        if self.spellings:
            lines.append("# written as: " + "; ".join(" ".join(s.split()) for s in self.spellings))
        for sentence in self.sentences or (context,):
            sentence = " ".join(sentence.split())
            lines.append("# e.g. " + (sentence if len(sentence) <= 300 else sentence[:297] + "…"))
        return "".join(line + "\n" for line in lines)  # guidance for the contributor, who removes it


def find_wanted(report: Path, name: str) -> Wanted:
    """The wanted name ``name`` (compared without case) in the candidates report of the last build."""
    try:
        rows = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise _refuse(f"cannot read the candidates report {report} ({error.__class__.__name__})",
                      "build the site first (make site), then run this again") from None
    for row in rows:
        if isinstance(row, dict) and str(row.get("name", "")).casefold() == name.casefold():
            return Wanted(str(row["name"]), tuple(row.get("labels", ())), int(row.get("count", 0)),
                          tuple(row.get("texts", ())), str(row.get("context", "")),
                          tuple(str(x) for x in row.get("spellings", ())), tuple(str(x) for x in row.get("sentences", ())))
    raise _refuse(f"'{name}' is not a wanted name in {report}",
                  "copy the name as the Wanted entries page shows it (after make site, so that the newest texts "
                  "are in the report), or use TITLE= and TYPE= instead")


def skeleton(title: str, entry_type: str, note: str = "") -> str:
    """The text of a skeleton entry file for ``title`` of ``entry_type`` (not validated here)."""
    when = ("# date: when it happened or appeared (1945, 1945-02 or 1945-02-04), or start: and end: for a span;\n"
            "# only what you are sure of (CONTRIBUTING.md). Dated entries are drawn on the timeline.\n"
            if entry_type in TIMED_TYPES else "")
    return (f"---\ntitle: {_yaml_scalar(title)}\ntype: {entry_type}\n{note}aliases: []\n"
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


def scaffold(glossary_dir: Path, title: str, entry_type: str, *, entry_id: str | None = None,
             note: str = "") -> Path:
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
    content = skeleton(title, entry_type, note)
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
    parser.add_argument("--title", help="display name of the entry, e.g. 'Yalta Conference'")
    parser.add_argument("--type", dest="entry_type", choices=TYPE_KEYS, metavar="TYPE",
                        help="one of: " + ", ".join(TYPE_KEYS) + " (with --from: suggested from the model's label)")
    parser.add_argument("--from", dest="wanted", metavar="NAME",
                        help="start from a name of the Wanted entries page: title, suggested type and where the "
                             "name occurs are filled in from the last build's candidates report")
    parser.add_argument("--reports", type=Path, default=Path("build/reports"), metavar="DIR",
                        help="where the last build wrote candidates.json (default: build/reports)")
    parser.add_argument("--glossary", type=Path, default=Path("glossary"), metavar="DIR",
                        help="directory of glossary entries (default: glossary)")
    parser.add_argument("--id", dest="entry_id", metavar="ID", help="entry id to use instead of the one derived from the title")


def run(args: argparse.Namespace) -> int:
    """Scaffold the entry described by parsed ``args``; print its path."""
    title, entry_type, note = args.title, args.entry_type, ""
    if args.wanted:
        wanted = find_wanted(args.reports / "candidates.json", args.wanted)
        title, entry_type, note = title or wanted.name, entry_type or wanted.suggested_type, wanted.comment()
    if not title or not entry_type:
        raise _refuse("give --title and --type, or --from with a wanted name",
                      'e.g. make new-entry TITLE="Yalta Conference" TYPE=event, or make new-entry FROM="Yalta Conference"')
    path = scaffold(args.glossary, title, entry_type, entry_id=args.entry_id, note=note)
    print(path)
    print("next: replace every TODO in it, then run `make check` until it says ok", file=sys.stderr)
    return 0
