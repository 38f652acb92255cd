"""The glossary: one Markdown file per entry, validated as the contract for contributors.

The format is documented in CONTRIBUTING.md. ``load_glossary`` reads every ``*.md`` file of a
directory and reports all problems at once as ``file:line: problem; fix``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from . import frontmatter
from .problems import InputError, Problem, display_path
from .safety import check_body, check_plain_text

ENTRY_TYPES = ("person", "state", "organization", "place", "concept", "event", "document")
"""Allowed values of ``type``, in the order the index shows them."""

TYPE_LABELS = {
    "person": "People", "state": "States", "organization": "Organisations", "place": "Places",
    "concept": "Concepts", "event": "Events", "document": "Documents",
}

TYPE_NAMES = {
    "person": "Person", "state": "State", "organization": "Organisation", "place": "Place",
    "concept": "Concept", "event": "Event", "document": "Document",
}

ID_PATTERN = frontmatter.FILE_ID
"""An entry id (the file name without ``.md``): lowercase letters, digits, single hyphens."""

SUMMARY_MAX_WORDS = 40
BODY_WORDS = (80, 300)
"""Shortest and longest entry body, in words."""

PLACEHOLDER_PATTERN = re.compile(r"\b(?:TODO|TBD|FIXME|XXX)\b|(?i:\blorem\b)")
"""Placeholder text a skeleton or template leaves behind; an entry containing it is not finished."""

EntryType = Literal["person", "state", "organization", "place", "concept", "event", "document"]


class Alias(BaseModel):
    """One surface form that names an entry, with optional restrictions on where it counts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1, max_length=120)
    case_sensitive: bool | None = None
    """Match the exact letter case; by default an alias with a capital letter is case-sensitive."""
    after_first_mention: bool = False
    """Only a mention once another form of the entry has appeared earlier in the same text."""
    not_followed_by: tuple[str, ...] = ()
    """Words that, directly after the alias, mean it names something else."""
    not_preceded_by: tuple[str, ...] = ()
    """Words that, directly before the alias, mean it names something else."""
    requires_in_sentence: tuple[str, ...] = ()
    """At least one of these words must occur in the same sentence."""

    @property
    def is_case_sensitive(self) -> bool:
        if self.case_sensitive is not None:
            return self.case_sensitive
        return any(ch.isupper() for ch in self.text)

    @field_validator("text")
    @classmethod
    def _plain(cls, value: str) -> str:
        problem = check_plain_text(value)
        if problem:
            raise ValueError(problem)
        if value != value.strip() or "\n" in value:
            raise ValueError("an alias is one line without surrounding spaces")
        return value


class Reference(BaseModel):
    """A published source that supports claims of an entry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1, max_length=300)
    publisher: str = Field(min_length=1, max_length=200)
    """The publisher, site or journal."""
    url: str = Field(min_length=1, max_length=500)
    supports: str = Field(min_length=1, max_length=400)
    """What in the entry this source supports."""

    @field_validator("title", "publisher", "supports")
    @classmethod
    def _plain(cls, value: str) -> str:
        problem = check_plain_text(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("url")
    @classmethod
    def _web(cls, value: str) -> str:
        from urllib.parse import urlsplit

        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(ch.isspace() for ch in value):
            raise ValueError("a reference URL must be a full http:// or https:// address")
        if any(ch in value for ch in "<>\"\\`"):
            raise ValueError("the URL contains a character a web address may not")
        return value


class EntryMeta(BaseModel):
    """The front matter of an entry file."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=120)
    type: EntryType
    aliases: list[Alias] = []
    summary: str = Field(min_length=1, max_length=400)
    see_also: list[str] = []
    wikipedia: str | None = Field(default=None, max_length=200)
    references: list[Reference] = []

    @field_validator("references")
    @classmethod
    def _distinct(cls, value: list[Reference]) -> list[Reference]:
        urls = [r.url.rstrip("/") for r in value]
        for url in urls:
            if urls.count(url) > 1:
                raise ValueError(f"the reference {url} is listed twice")
        return value

    @field_validator("aliases", mode="before")
    @classmethod
    def _alias_strings(cls, value):
        """A plain string is shorthand for an alias with no restrictions."""
        if isinstance(value, list):
            return [{"text": item} if isinstance(item, str) else item for item in value]
        return value

    @field_validator("title", "summary", "wikipedia")
    @classmethod
    def _plain(cls, value: str | None) -> str | None:
        if value is None:
            return value
        problem = check_plain_text(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("summary")
    @classmethod
    def _short(cls, value: str) -> str:
        words = len(value.split())
        if words > SUMMARY_MAX_WORDS:
            raise ValueError(f"the summary has {words} words, more than {SUMMARY_MAX_WORDS}")
        return value


@dataclass(frozen=True)
class Entry:
    """A validated glossary entry."""

    id: str
    title: str
    type: str
    aliases: tuple[Alias, ...]
    summary: str
    see_also: tuple[str, ...]
    wikipedia: str | None
    body: str
    path: str
    lines: tuple[tuple[str, int], ...] = ()
    """Line of each front-matter key in the file, for messages about this entry."""

    def line_of(self, key: str) -> int:
        return dict(self.lines).get(key, 1)

    @property
    def surname(self) -> str | None:
        """For a person with a multi-word title, the last word: matched after the full name."""
        words = self.title.split()
        return words[-1] if self.type == "person" and len(words) > 1 else None


@dataclass(frozen=True)
class Glossary:
    """All entries, by id, sorted."""

    entries: dict[str, Entry]

    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, entry_id: str) -> Entry:
        return self.entries[entry_id]


_FIXES = {
    "missing": "add the key (see CONTRIBUTING.md for the format)",
    "extra_forbidden": "remove it; allowed keys are title, type, aliases, summary, see_also, wikipedia, references",
    "literal_error": "use one of: " + ", ".join(ENTRY_TYPES),
}


def load_entry(path: Path, problems: list[Problem]) -> Entry | None:
    """Validate one entry file; append its problems and return the entry when it is valid."""
    shown = display_path(path)
    entry_id = path.stem
    found: list[Problem] = []
    fm, meta = frontmatter.parse_model(
        path, EntryMeta, found, what="entry",
        rename_hint="rename the file to lowercase words joined by hyphens, e.g. giovanni-arrighi.md",
        fixes=_FIXES, default_fix="correct the value (see CONTRIBUTING.md)")
    if fm is None:
        problems.extend(found)
        return None
    body_problem = check_body(fm.body)
    if body_problem:
        line, message, fix = body_problem
        found.append(Problem(shown, fm.body_line + line - 1, message, fix))
    if not fm.body.strip():
        found.append(Problem(shown, fm.body_line, "the entry has no body", "write a short explanation after the closing '---'"))
    else:
        words = len(fm.body.split())
        low, high = BODY_WORDS
        if not low <= words <= high:
            found.append(Problem(shown, fm.body_line, f"the body has {words} words, outside {low}–{high}",
                                 "write an explanation of 80 to 300 words (see CONTRIBUTING.md)"))
    found.extend(_placeholder_problems(fm, shown))
    if meta is not None:
        for index, ref in enumerate(meta.see_also):
            if not ID_PATTERN.match(ref):
                lines = fm.item_lines.get("see_also", [])
                found.append(Problem(shown, lines[index] if index < len(lines) else fm.line_of("see_also"),
                                     f"see_also names '{ref}', which is not an entry id",
                                     "use the id of an entry: its file name without .md"))
    problems.extend(found)
    if found or meta is None:
        return None
    aliases = tuple(meta.aliases)
    return Entry(entry_id, meta.title, meta.type, aliases, meta.summary, tuple(meta.see_also),
                 meta.wikipedia, fm.body.strip() + "\n", shown, tuple(sorted(fm.key_lines.items())))


def _placeholder_problems(fm: frontmatter.FrontMatterFile, shown: str) -> list[Problem]:
    """Placeholder text (TODO, TBD, FIXME, XXX, lorem) left in the front matter or the body."""
    fix = "replace it with finished text (see CONTRIBUTING.md); a skeleton entry cannot be merged"
    problems: list[Problem] = []
    for key in ("title", "summary", "wikipedia"):
        value = fm.data.get(key)
        found = PLACEHOLDER_PATTERN.search(value) if isinstance(value, str) else None
        if found:
            problems.append(Problem(shown, fm.line_of(key), f"{key} contains the placeholder '{found.group()}'", fix))
    aliases = fm.data.get("aliases")
    if isinstance(aliases, list):
        lines = fm.item_lines.get("aliases", [])
        for index, alias in enumerate(aliases):
            text = alias.get("text") if isinstance(alias, dict) else alias
            found = PLACEHOLDER_PATTERN.search(text) if isinstance(text, str) else None
            if found:
                line = lines[index] if index < len(lines) else fm.line_of("aliases")
                problems.append(Problem(shown, line, f"alias contains the placeholder '{found.group()}'", fix))
    for offset, line_text in enumerate(fm.body.split("\n")):
        found = PLACEHOLDER_PATTERN.search(line_text)
        if found:
            problems.append(Problem(shown, fm.body_line + offset, f"the body contains the placeholder '{found.group()}'", fix))
    return problems


def load_glossary(directory: Path) -> Glossary:
    """Load and cross-check every entry; raise InputError listing all problems."""
    directory = Path(directory)
    problems: list[Problem] = []
    if not directory.is_dir():
        raise InputError([Problem(display_path(directory), 1, "the glossary directory does not exist",
                                  "create it or pass --glossary DIR")])
    entries: dict[str, Entry] = {}
    present = {p.stem for p in directory.glob("*.md")}
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or path.name.lower() == "readme.md" or path.is_dir():
            continue
        if path.is_symlink():
            problems.append(Problem(display_path(path), 1, "the entry is a symbolic link",
                                    "replace the link by a regular file inside glossary/"))
            continue
        if path.suffix != ".md":
            problems.append(Problem(display_path(path), 1, "only .md files belong in the glossary directory",
                                    "rename it to <id>.md or move it elsewhere"))
            continue
        entry = load_entry(path, problems)
        if entry is not None:
            entries[entry.id] = entry
    _cross_check(entries, present, problems)
    if problems:
        raise InputError(problems)
    return Glossary(dict(sorted(entries.items())))


def _alias_key(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def _cross_check(entries: dict[str, Entry], present: set[str], problems: list[Problem]) -> None:
    """Problems that involve more than one entry: see_also targets, shared aliases."""
    owners: dict[str, Entry] = {}
    for entry in entries.values():
        for ref in entry.see_also:
            if ref not in present:
                problems.append(Problem(entry.path, entry.line_of("see_also"),
                                        f"see_also names '{ref}', but there is no glossary/{ref}.md",
                                        "correct the id or add that entry"))
            if ref == entry.id:
                problems.append(Problem(entry.path, entry.line_of("see_also"),
                                        "see_also names the entry itself", "remove it from see_also"))
        forms = [entry.title] + [a.text for a in entry.aliases]
        for form in forms:
            key = _alias_key(form)
            other = owners.get(key)
            if other is not None and other.id != entry.id:
                problems.append(Problem(entry.path, entry.line_of("aliases" if form != entry.title else "title"),
                                        f"'{form}' is also claimed by {other.path}",
                                        "keep the name in one entry only, or restrict it there (see CONTRIBUTING.md)"))
            else:
                owners[key] = entry
