"""Source texts: one file per text in ``sources/``, YAML metadata followed by the text as received.

The text after the front matter is kept exactly as it arrived (one paragraph per line). Page
furniture (menus, photo credits, newsletter prompts) is not edited out of it; the metadata
lists those lines under ``furniture`` and the conversion drops them.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import E, Problem, ReaderError, display_path
from ..model import Source
from . import frontmatter
from .formats import SOURCE_KEYS, SourceFormat

GUIDE = "sources/README.md"
FOLDER = "sources"

FIXES = {
    "missing": "add it; write \"unknown\" where the text does not say",
    "extra_forbidden": "remove it; the keys are " + ", ".join(SOURCE_KEYS) + " (sources/README.md)",
    "default": "correct the value (see sources/README.md)",
}


def parse_source(path: Path, problems: list[Problem]) -> Source | None:
    """Validate one source file; append problems, return the source when valid."""
    found: list[Problem] = []
    fm, meta = frontmatter.parse_model(
        path, SourceFormat, found, what="text", folder=FOLDER, guide=GUIDE, fixes=FIXES,
        rename_hint="rename the file to lowercase words joined by hyphens, ending in .txt")
    if meta is None:
        problems.extend(found)
        return None
    lines = tuple((fm.body_line + i, line) for i, line in enumerate(fm.body.split("\n")))
    present = {line.strip() for _, line in lines}
    for key in ("furniture", "headings"):
        for index, quoted in enumerate(getattr(meta, key)):
            if quoted.strip() not in present:
                found.append(E.QUOTED_LINE_MISSING.at(path, fm.line_of(key, index), key=key, quoted=quoted))
    if not any(line.strip() for _, line in lines):
        found.append(E.NO_TEXT.at(path, fm.body_line))
    problems.extend(found)
    if found:
        return None
    return Source(path.stem, meta.to_model(), lines, display_path(path), tuple(sorted(fm.key_lines.items())))


def load_sources(directory: Path) -> list[Source]:
    """Every ``*.txt`` source of a directory, sorted by id; raise ReaderError listing all problems."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ReaderError([E.MISSING_DIRECTORY.at(directory, 1, what="sources", option="--sources")])
    problems: list[Problem] = []
    sources = []
    for path in sorted(directory.glob("*.txt")):
        source = parse_source(path, problems)
        if source is not None:
            sources.append(source)
    if not sources and not problems:
        problems.append(E.NO_SOURCES.at(directory, None))
    if problems:
        raise ReaderError(problems)
    return sources
