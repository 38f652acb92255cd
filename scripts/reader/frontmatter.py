"""Reading a file made of YAML front matter and a body, keeping line numbers for every key.

PyYAML's ``safe_load`` silently keeps the last of two equal keys and forgets where things
were; this module composes the node tree itself so that duplicate keys are reported and every
value can be traced back to its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

import yaml

from .problems import Problem, display_path

FILE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
"""An id taken from a file name (entries and texts): lowercase letters and digits, single hyphens."""

MAX_BYTES = 1_000_000
"""Largest input file accepted; anything larger is certainly not a glossary entry or an essay."""


@dataclass
class FrontMatterFile:
    """A parsed file: its metadata, the line of each top-level key, and its body."""

    path: Path
    data: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_line: int
    item_lines: dict[str, list[int]] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        """Line of a top-level key, or of the opening ``---`` when the key is absent."""
        return self.key_lines.get(key, 1)


MAX_NODES = 10_000
"""Most YAML nodes a front matter may expand to (anchors and aliases can multiply them)."""


class _TooLarge(Exception):
    pass


def _to_python(node: yaml.Node, shown: str, problems: list[Problem], budget: list[int] | None = None) -> Any:
    """Convert a composed node to plain Python, reporting duplicate mapping keys."""
    budget = budget if budget is not None else [MAX_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _to_python(key_node, shown, problems, budget)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                problems.append(Problem(shown, key_node.start_mark.line + 1,
                                        "a key must be a plain word", "write the key as a simple name"))
                continue
            if key in out:
                problems.append(Problem(shown, key_node.start_mark.line + 1,
                                        f"duplicate key '{key}' (YAML would silently keep only the last one)",
                                        f"keep a single '{key}:' line and merge the values"))
                continue
            out[key] = _to_python(value_node, shown, problems, budget)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, shown, problems, budget) for item in node.value]
    return yaml.SafeLoader.construct_object(_SCALAR_LOADER, node, deep=True)


class _ScalarLoader(yaml.SafeLoader):
    def __init__(self) -> None:  # a loader used only to construct scalars
        super().__init__("")


_SCALAR_LOADER = _ScalarLoader()


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """Read a UTF-8 text file, reporting size, encoding and emptiness problems."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(shown, 1, f"cannot read the file ({exc.strerror})", "check that it exists and is readable"))
        return None
    if len(raw) > MAX_BYTES:
        problems.append(Problem(shown, 1, f"the file is {len(raw):,} bytes, over the {MAX_BYTES:,}-byte limit",
                                "shorten it; an entry or a text this long is almost certainly a mistake"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(shown, line, f"the file is not valid UTF-8 (byte {exc.start})",
                                "save the file as UTF-8"))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        problems.append(Problem(shown, text[: text.index("\x00")].count("\n") + 1,
                                "the file contains a NUL character", "remove it; the file must be plain text"))
        return None
    if not text.strip():
        problems.append(Problem(shown, 1, "the file is empty", "fill in the front matter (see CONTRIBUTING.md) or delete the file"))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(path: Path, problems: list[Problem]) -> FrontMatterFile | None:
    """Split and parse a front-matter file; append problems and return None when it cannot be read."""
    shown = display_path(path)
    text = read_text(path, problems)
    if text is None:
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        problems.append(Problem(shown, 1, "the file does not start with a '---' front matter line",
                                "begin the file with '---', the metadata, and a closing '---'"))
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    except StopIteration:
        problems.append(Problem(shown, 1, "the front matter is never closed",
                                "add a line '---' after the metadata"))
        return None
    header = "\n".join(lines[1:end])
    try:
        node = yaml.compose(header, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 2) if mark else 2
        problems.append(Problem(shown, line, f"invalid YAML: {exc.problem or exc.context}",
                                "fix the YAML syntax (quote values that contain ':', '#' or quotes)"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(shown, 2, f"invalid YAML: {exc}", "fix the YAML syntax"))
        return None
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(shown, 2, "the front matter is not a set of 'key: value' lines",
                                "write one 'key: value' per line"))
        return None
    local: list[Problem] = []
    try:
        data = _to_python(node, shown, local)
    except yaml.YAMLError as exc:
        problems.append(Problem(shown, 2, f"invalid YAML value: {exc}", "fix the value"))
        return None
    except _TooLarge:
        problems.append(Problem(shown, 2, f"the front matter expands to more than {MAX_NODES:,} values",
                                "write the metadata out plainly, without YAML anchors and aliases"))
        return None
    except RecursionError:
        problems.append(Problem(shown, 2, "the front matter is nested too deeply", "write the metadata out plainly"))
        return None
    # Shift line numbers: the header starts on line 2 of the file.
    problems.extend(Problem(p.path, p.line + 1, p.message, p.fix) for p in local)
    key_lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value not in key_lines:
            key_lines[key_node.value] = key_node.start_mark.line + 2
            if isinstance(value_node, yaml.SequenceNode):
                item_lines[key_node.value] = [item.start_mark.line + 2 for item in value_node.value]
    body = "\n".join(lines[end + 1:])
    return FrontMatterFile(path, data, key_lines, body, end + 2, item_lines)


def validation_problems(exc: ValidationError, fm: FrontMatterFile, shown: str, fixes: dict[str, str],
                        default_fix: str) -> list[Problem]:
    """Pydantic's errors as problems on the lines of the keys (or list items) they concern.

    ``fixes`` maps an error type (missing, extra_forbidden, literal_error …) to its fix.
    """
    problems = []
    for err in exc.errors():
        loc = err["loc"]
        key = str(loc[0]) if loc else ""
        line = fm.line_of(key)
        if len(loc) > 1 and isinstance(loc[1], int) and key in fm.item_lines and loc[1] < len(fm.item_lines[key]):
            line = fm.item_lines[key][loc[1]]
        kind = err["type"]
        where = ".".join(str(part) for part in loc if not isinstance(part, int))
        if kind == "missing":
            message = f"missing required key '{where}'"
        elif kind == "extra_forbidden":
            message = f"unknown key '{where}'"
        elif kind == "literal_error":
            message = f"'{err.get('input')}' is not a valid {where}"
        else:
            message = f"{where}: {err['msg'].removeprefix('Value error, ')}"
        problems.append(Problem(shown, line, message, fixes.get(kind, default_fix)))
    seen: dict[tuple[int, str], Problem] = {}
    for problem in problems:
        seen.setdefault((problem.line, problem.message.split(":")[0]), problem)
    return list(seen.values())


def parse_model(path: Path, model: type, found: list[Problem], *, what: str, rename_hint: str,
                fixes: dict[str, str], default_fix: str) -> tuple[FrontMatterFile | None, Any]:
    """Check a file's id, parse its front matter and validate it with a pydantic ``model``.

    Appends every problem to ``found``; returns the parsed file (None when unreadable) and the
    validated metadata (None when invalid).
    """
    shown = display_path(path)
    if not FILE_ID.match(path.stem):
        found.append(Problem(shown, 1, f"'{path.stem}' is not a valid {what} id", rename_hint))
    fm = parse(path, found)
    if fm is None:
        return None, None
    try:
        return fm, model.model_validate(fm.data)
    except ValidationError as exc:
        found.extend(validation_problems(exc, fm, shown, fixes, default_fix))
        return fm, None
