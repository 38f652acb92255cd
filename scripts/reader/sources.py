"""Source texts: one file per text in ``sources/``, YAML metadata followed by the text as received.

The text after the front matter is kept exactly as it arrived (one paragraph per line). Page
furniture (menus, photo credits, newsletter prompts) is not edited out of it; the metadata
lists those lines under ``furniture`` and the conversion drops them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from . import frontmatter
from .problems import InputError, Problem, display_path
from .safety import check_plain_text


_FIXES = {
    "missing": "add it; write \"unknown\" where the text does not say",
    "extra_forbidden": "remove it; see sources/README.md for the keys",
}


class SourceMeta(BaseModel):
    """Metadata of one text. Unknown facts are written as "unknown", never guessed."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=300)
    author: str = Field(min_length=1, max_length=200)
    """Author as the text names them, or "unknown"."""
    translator: str | None = None
    publication: str = Field(min_length=1, max_length=200)
    """Where the text appeared, as far as the text says, or "unknown"."""
    first_published: str | None = None
    """What the text says about where it first appeared."""
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    """ISO date to the precision the text supports (YYYY, YYYY-MM or YYYY-MM-DD)."""
    date_note: str | None = None
    """How the date follows from the text."""
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")
    original_language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")
    kind: str | None = Field(default=None, max_length=60)
    """What sort of text it is: essay, opinion column, letter."""
    furniture: list[str] = []
    """Lines of the received text that are page furniture, quoted exactly; they are not shown."""
    headings: list[str] = []
    """Lines of the received text that are section headings, quoted exactly."""

    @field_validator("title", "author", "translator", "publication", "first_published", "date_note", "kind")
    @classmethod
    def _plain(cls, value: str | None) -> str | None:
        if value is not None:
            problem = check_plain_text(value)
            if problem:
                raise ValueError(problem)
        return value


@dataclass(frozen=True)
class Source:
    """A validated source: id (file name), metadata, and the received lines with their file line numbers."""

    id: str
    meta: SourceMeta
    lines: tuple[tuple[int, str], ...]
    path: str


def load_source(path: Path, problems: list[Problem]) -> Source | None:
    """Validate one source file; append problems, return the source when valid."""
    shown = display_path(path)
    found: list[Problem] = []
    fm, meta = frontmatter.parse_model(
        path, SourceMeta, found, what="text",
        rename_hint="rename the file to lowercase words joined by hyphens, ending in .txt",
        fixes=_FIXES, default_fix="correct the value (see sources/README.md)")
    if meta is None:
        problems.extend(found)
        return None
    lines = tuple((fm.body_line + i, line) for i, line in enumerate(fm.body.split("\n")))
    present = {line.strip() for _, line in lines}
    for key in ("furniture", "headings"):
        for index, quoted in enumerate(getattr(meta, key)):
            if quoted.strip() not in present:
                item_lines = fm.item_lines.get(key, [])
                found.append(Problem(shown, item_lines[index] if index < len(item_lines) else fm.line_of(key),
                                     f"{key} quotes '{quoted}', but no line of the text is exactly that",
                                     "copy the line exactly as it appears in the text, or remove it"))
    if not any(line.strip() for _, line in lines):
        found.append(Problem(shown, fm.body_line, "the source has no text after its metadata",
                             "paste the text after the closing '---'"))
    problems.extend(found)
    if found:
        return None
    return Source(path.stem, meta, lines, shown)


def load_sources(directory: Path) -> list[Source]:
    """Every ``*.txt`` source of a directory, sorted by id; raise InputError listing all problems."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError([Problem(display_path(directory), 1, "the sources directory does not exist",
                                  "create it or pass --sources DIR")])
    problems: list[Problem] = []
    sources = []
    for path in sorted(directory.glob("*.txt")):
        source = load_source(path, problems)
        if source is not None:
            sources.append(source)
    if not sources and not problems:
        problems.append(Problem(display_path(directory), 1, "there are no texts (*.txt) in the sources directory",
                                "import one with `reader import FILE`"))
    if problems:
        raise InputError(problems)
    return sources
