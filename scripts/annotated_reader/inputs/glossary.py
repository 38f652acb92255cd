"""The glossary: one Markdown file per entry, validated as the contract for contributors.

The format is documented in CONTRIBUTING.md. ``load_glossary`` reads every ``*.md`` file of a
directory and reports all problems at once as ``file:line: [code] problem; fix``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import E, Problem, ReaderError, display_path
from ..model import TYPE_KEYS, Entry, Glossary
from . import dates, frontmatter
from .body import body_problem
from .formats import BODY_WORDS, ENTRY_KEYS, EntryFormat, repeated_references
from .text import fold, name_keys

GUIDE = "CONTRIBUTING.md"
FOLDER = "glossary"

PLACEHOLDER_PATTERN = re.compile(r"\b(?:TODO|TBD|FIXME|XXX)\b|(?i:\blorem\b)")
"""Placeholder text a skeleton or template leaves behind; an entry containing it is not finished."""

TIMED_TYPES = ("event", "document")
"""The entry types that may be placed in time (``date``, or ``start`` and ``end``) and so on the timeline."""

MIN_REFERENCES = {"person": 2, "event": 2, "place": 2, "state": 2, "concept": 2}
"""References an entry needs at least, by type (1 for the others); CONTRIBUTING.md explains what counts.

People and events need two. So do contested places (Crimea, Donbas; a disputed territory may be
typed as a place or as a state) and concepts with a named originator: the rule goes by type, so
every place, state and concept needs two, rather than by a flag each entry would have to set and
a contested place or a coined concept could leave out. Organisations and documents need one,
often their own official page or text."""


FIXES = {
    "missing": "add the key (see CONTRIBUTING.md for the format)",
    "extra_forbidden": "remove it; allowed keys are " + ", ".join(ENTRY_KEYS),
    "default": "correct the value (see CONTRIBUTING.md)",
}


def parse_entry(path: Path, problems: list[Problem]) -> Entry | None:
    """Validate one entry file; append its problems and return the entry when it is valid."""
    found: list[Problem] = []
    fm, meta = frontmatter.parse_model(
        path, EntryFormat, found, what="entry", folder=FOLDER, guide=GUIDE, fixes=FIXES,
        rename_hint="rename the file to lowercase words joined by hyphens, e.g. giovanni-arrighi.md")
    if fm is None:
        problems.extend(found)
        return None
    words = len(fm.body.split())
    low, high = BODY_WORDS
    unsafe = body_problem(fm.body) if words <= 2 * high else None  # a body far too long is refused unread
    if unsafe:
        line, what, fix = unsafe
        found.append(E.BODY_CONTROL.at(path, fm.body_line + line - 1) if what == "control"
                     else E.BODY_UNSAFE.at(path, fm.body_line + line - 1, what=what, fix=fix))
    if not fm.body.strip():
        found.append(E.NO_BODY.at(path, fm.body_line))
    elif not low <= words <= high:
        found.append(E.BODY_LENGTH.at(path, fm.body_line, words=words, low=low, high=high))
    found.extend(placeholder_problems(fm))
    if meta is not None:
        need = MIN_REFERENCES.get(meta.type, 1)
        if len(meta.references) < need:
            count = len(meta.references)
            found.append(E.FEW_REFERENCES.at(path, fm.line_of("references"), count=count, s="" if count == 1 else "s",
                                             kind=meta.type if need > 1 else "all", need=need))
        for index in repeated_references(meta.references):
            found.append(E.REFERENCE_TWICE.at(path, fm.line_of("references", index), url=meta.references[index].url))
        for index, ref in enumerate(meta.see_also):
            if not frontmatter.FILE_ID.match(ref):
                found.append(E.SEE_ALSO_NOT_ID.at(path, fm.line_of("see_also", index), ref=ref))
        found.extend(date_problems(meta, fm))
    problems.extend(found)
    if found or meta is None:
        return None
    return Entry(path.stem, meta.title, meta.type, tuple(a.to_model() for a in meta.aliases), meta.summary,
                 tuple(meta.see_also), meta.wikipedia, fm.body.strip() + "\n", display_path(path),
                 tuple(sorted(fm.key_lines.items())), tuple(r.to_model() for r in meta.references),
                 tuple(meta.labels), tuple(meta.demonyms), tuple(tuple(pair) for pair in meta.relations),
                 meta.date, meta.start, meta.end)


def date_problems(meta: EntryFormat, fm: frontmatter.FrontMatterFile) -> list[Problem]:
    """The date fields together: for events and documents only, a date or a span, a span in order."""
    given = [key for key in ("date", "start", "end") if getattr(meta, key) is not None]
    if given and meta.type not in TIMED_TYPES:
        return [E.DATE_NOT_TIMED.at(fm.path, fm.line_of(key), key=key, kind=meta.type) for key in given]
    if meta.date is not None and (meta.start is not None or meta.end is not None):
        other = "start" if meta.start is not None else "end"
        return [E.DATE_AND_SPAN.at(fm.path, fm.line_of(other), other=other)]
    if meta.end is not None and meta.start is None:
        return [E.END_WITHOUT_START.at(fm.path, fm.line_of("end"))]
    if meta.start is not None and meta.end is not None and dates.span(meta.end)[1] < dates.span(meta.start)[0]:
        return [E.END_BEFORE_START.at(fm.path, fm.line_of("end"), start=meta.start, end=meta.end)]
    return []


def placeholder_problems(fm: frontmatter.FrontMatterFile) -> list[Problem]:
    """Placeholder text (TODO, TBD, FIXME, XXX, lorem) left in the front matter or the body."""
    problems: list[Problem] = []
    for key in ("title", "summary", "wikipedia"):
        value = fm.data.get(key)
        found = PLACEHOLDER_PATTERN.search(value) if isinstance(value, str) else None
        if found:
            problems.append(E.PLACEHOLDER.at(fm.path, fm.line_of(key), where=key, text=found.group()))
    aliases = fm.data.get("aliases")
    if isinstance(aliases, list):
        for index, alias in enumerate(aliases):
            text = alias.get("text") if isinstance(alias, dict) else alias
            found = PLACEHOLDER_PATTERN.search(text) if isinstance(text, str) else None
            if found:
                problems.append(E.PLACEHOLDER.at(fm.path, fm.line_of("aliases", index), where="alias", text=found.group()))
    for offset, line_text in enumerate(fm.body.split("\n")):
        found = PLACEHOLDER_PATTERN.search(line_text)
        if found:
            problems.append(E.PLACEHOLDER.at(fm.path, fm.body_line + offset, where="the body", text=found.group()))
    return problems


def load_glossary(directory: Path) -> Glossary:
    """Load and cross-check every entry; raise ReaderError listing all problems."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ReaderError([E.MISSING_DIRECTORY.at(directory, 1, what="glossary", option="--glossary")])
    problems: list[Problem] = []
    entries: dict[str, Entry] = {}
    present: set[str] = set()
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or path.name.lower() == "readme.md" or (path.is_dir() and not path.is_symlink()):
            continue
        if path.suffix != ".md" and not path.is_symlink():
            problems.append(E.NOT_MARKDOWN.at(path, 1))
            continue
        if path.suffix == ".md" and path.is_file() and not path.is_symlink():
            present.add(path.stem)
        entry = parse_entry(path, problems)
        if entry is not None:
            entries[entry.id] = entry
    cross_check(entries, present, problems, directory)
    if problems:
        raise ReaderError(problems)
    return Glossary(dict(sorted(entries.items())))


def _periods_overlap(a: tuple | None, b: tuple | None) -> bool:
    """Two claims on one name clash unless one of them is restricted to a period: in its period the
    restricted claim wins, outside it the other one ("Russia" 1922–1991 names the Soviet Union, the
    Russia entry's title every other year). Two restricted claims clash when their periods overlap."""
    if a is None and b is None:
        return True
    if a is None or b is None:
        return False
    (a1, a2), (b1, b2) = a, b
    return (a1 is None or b2 is None or a1 <= b2) and (b1 is None or a2 is None or b1 <= a2)


def _not_an_entry(path: Path) -> str | None:
    """What a see_also target that exists but is no entry file is, or None when nothing is there."""
    if path.is_symlink():
        return "a symbolic link"
    if path.name.lower() == "readme.md" and path.exists():
        return "the folder's README"
    if path.is_dir():
        return "a directory"
    if path.exists():
        return "not a regular file"
    return None


def cross_check(entries: dict[str, Entry], present: set[str], problems: list[Problem], directory: Path) -> None:
    """Problems that involve more than one entry: see_also and relations targets, names claimed twice or
    looking alike. The same name may belong to two entries only when a period tells them apart: periods
    that do not overlap (Moscow: the Soviet Union until 1991, Russia from 1992), or a period on one
    claim, which wins in its years ("Russia" names the Soviet Union from 1922 to 1991).

    ``present`` holds the ids of the regular entry files (valid or not); a see_also naming anything
    else (a directory, a link, the README) is reported here rather than failing later.
    """
    owners: dict[str, list[tuple[Entry, tuple | None]]] = {}
    lookalikes: dict[str, tuple[Entry, str]] = {}
    for entry in entries.values():
        for ref in entry.see_also:
            if ref not in present:
                what = _not_an_entry(directory / f"{ref}.md")
                problems.append(E.SEE_ALSO_NOT_ENTRY.at(entry.path, entry.line_of("see_also"), ref=ref, what=what) if what
                                else E.SEE_ALSO_MISSING.at(entry.path, entry.line_of("see_also"), ref=ref))
            if ref == entry.id:
                problems.append(E.SEE_ALSO_SELF.at(entry.path, entry.line_of("see_also")))
        for pair in entry.relations:
            for ref in pair:
                if ref not in present:
                    problems.append(E.RELATION_MISSING.at(entry.path, entry.line_of("relations"), ref=ref))
        forms = [(entry.title, None, "title")] + [(a.text, a.period or a.written, "aliases") for a in entry.aliases]
        forms += [(d, None, "demonyms") for d in entry.demonyms]
        for form, period, key_name in forms:
            line = entry.line_of(key_name)
            claimed = [other for other, other_period in owners.get(fold(form), [])
                       if other.id != entry.id and _periods_overlap(period, other_period)]
            owners.setdefault(fold(form), []).append((entry, period))
            if claimed:
                problems.append(E.NAME_CLAIMED.at(entry.path, line, form=form, other=claimed[0].path))
                continue
            for key in sorted(name_keys(form)):
                other, other_form = lookalikes.setdefault(key, (entry, form))
                if fold(other_form) != fold(form):  # both are reported: either may be the impostor
                    problems.append(E.NAME_LOOKALIKE.at(entry.path, line, form=form, other_form=other_form, other=other.path))
                    problems.append(E.NAME_LOOKALIKE.at(other.path, other.line_of("title" if other_form == other.title else "aliases"),
                                                        form=other_form, other_form=form, other=entry.path))
                    break

assert set(TYPE_KEYS)  # the entry types are defined once, in annotated_reader.model
