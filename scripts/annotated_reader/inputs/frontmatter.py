"""Reading a file made of YAML front matter and a body, keeping the line of every key and item.

PyYAML's ``safe_load`` silently keeps the last of two equal keys and forgets where things
were; this module composes the node tree itself so that duplicate keys are reported and every
value can be traced back to its line. Parser failures of any kind (syntax, a constructor error,
an integer too long to convert, nesting too deep, anchors that expand too far) are problems with
a line, never exceptions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import E, Problem
from .files import read_input
from .limits import shape_problems

FILE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
"""An id taken from a file name (entries and texts): lowercase letters and digits, single hyphens."""

RESERVED_IDS = {"index": "the index page of its folder"}
"""Ids whose page the site itself writes: ``glossary/index.md`` is the glossary index, and
``texts/index.md`` is kept free the same way. The render stage refuses any other two pages that
would share an output path."""

MAX_NODES = 10_000
"""Most YAML nodes a front matter may expand to (anchors and aliases can multiply them)."""
MAX_DEPTH = 20
"""Deepest nesting of lists and mappings a front matter may have."""


@dataclass
class FrontMatterFile:
    """A parsed file: its metadata, the line of each key and list item, and its body."""

    path: Path
    data: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_line: int
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    """Line of each item of a top-level list, by key."""
    nested_lines: dict[tuple[str, int, str], int] = field(default_factory=dict)
    """Line of each key of a mapping that is an item of a top-level list: (key, index, subkey)."""

    def line_of(self, key: str, index: int | None = None, subkey: str | None = None) -> int:
        """Line of a key, of one of its list items, or of a key of such an item (the closest known)."""
        if index is not None:
            if subkey is not None and (key, index, subkey) in self.nested_lines:
                return self.nested_lines[(key, index, subkey)]
            items = self.item_lines.get(key, [])
            if index < len(items):
                return items[index]
        return self.key_lines.get(key, 1)


class _Limit(Exception):
    def __init__(self, problem: E):
        self.problem = problem


class _ScalarLoader(yaml.SafeLoader):
    def __init__(self) -> None:  # a loader used only to construct scalars
        super().__init__("")


_SCALAR_LOADER = _ScalarLoader()
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where PyYAML has it (the glossary's entries load in about a third of the time,
and the live preview reads every entry on each edit); the nodes, marks and errors are the same, and
scalars are still built by the loader above."""


def _to_python(node: yaml.Node, path: Path, problems: list[Problem], budget: list[int], depth: int = 0,
               lines: tuple[str, ...] = ()) -> Any:
    """Convert a composed node to plain Python, reporting duplicate mapping keys (``lines``: the YAML's own)."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _Limit(E.YAML_TOO_BIG)
    if depth > MAX_DEPTH:
        raise _Limit(E.YAML_TOO_DEEP)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _to_python(key_node, path, problems, budget, depth + 1, lines)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                problems.append(E.KEY_NOT_WORD.at(path, key_node.start_mark.line + 1))
                continue
            if key in out:
                problems.append(E.DUPLICATE_KEY.at(path, key_node.start_mark.line + 1, key=key))
                continue
            out[key] = _to_python(value_node, path, problems, budget, depth + 1, lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, path, problems, budget, depth + 1, lines) for item in node.value]
    try:
        value = yaml.SafeLoader.construct_object(_SCALAR_LOADER, node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError, TypeError) as exc:
        mark = node.start_mark
        line = lines[mark.line] if mark.line < len(lines) else ""
        explicit = line[mark.column:mark.column + 1] == "!"
        if isinstance(exc, ValueError) and node.tag == "tag:yaml.org,2002:timestamp" and not explicit:
            return node.value  # written like a date but none (1945-02-30): the text, for the field to judge
        problems.append(E.YAML_VALUE.at(path, node.start_mark.line + 1, detail=_first_line(exc)))
        return None
    if isinstance(value, bytes):  # !!binary: never text
        problems.append(E.YAML_VALUE.at(path, node.start_mark.line + 1, detail="binary data (!!binary) is not text"))
        return None
    return value


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def parse(path: Path, problems: list[Problem], *, folder: str, guide: str) -> FrontMatterFile | None:
    """Split and parse a front-matter file; append problems and return None when it cannot be read."""
    text = read_input(path, problems, folder=folder, guide=guide)
    if text is None:
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        problems.append(E.NO_FRONT_MATTER.at(path, 1))
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
    if end is None:
        problems.append(E.UNCLOSED.at(path, 1))
        return None
    shape = shape_problems(path, lines, 1, words_from=end + 1)
    if shape:
        problems.extend(shape)
        return None
    header = "\n".join(lines[1:end])
    try:
        node = yaml.compose(header, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problems.append(E.YAML_SYNTAX.at(path, (mark.line + 2) if mark else 2, detail=exc.problem or exc.context))
        return None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        problems.append(E.YAML_SYNTAX.at(path, 2, detail=_first_line(exc) if not isinstance(exc, RecursionError)
                                         else "nested too deeply"))
        return None
    if not isinstance(node, yaml.MappingNode):
        problems.append(E.NOT_MAPPING.at(path, 2))
        return None
    local: list[Problem] = []
    try:
        data = _to_python(node, path, local, [MAX_NODES], lines=tuple(header.split("\n")))
    except _Limit as limit:
        problems.append(limit.problem.at(path, 2, limit=MAX_NODES))
        return None
    except RecursionError:
        problems.append(E.YAML_TOO_DEEP.at(path, 2))
        return None
    problems.extend(p.moved(1) for p in local)  # the header starts on line 2 of the file
    fm = FrontMatterFile(path, data, {}, "\n".join(lines[end + 1:]), end + 2)
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value in fm.key_lines:
            continue
        key = key_node.value
        fm.key_lines[key] = key_node.start_mark.line + 2
        if isinstance(value_node, yaml.SequenceNode):
            fm.item_lines[key] = [item.start_mark.line + 2 for item in value_node.value]
            for index, item in enumerate(value_node.value):
                if isinstance(item, yaml.MappingNode):
                    for sub_key, _ in item.value:
                        if isinstance(sub_key, yaml.ScalarNode):
                            fm.nested_lines.setdefault((key, index, sub_key.value), sub_key.start_mark.line + 2)
    return fm


def validation_problems(exc: ValidationError, fm: FrontMatterFile, fixes: dict[str, str], guide: str) -> list[Problem]:
    """Pydantic's errors as problems on the lines of the keys (or list items) they concern.

    Validators of the formats raise ``PydanticCustomError`` named after a member of ``E``, with its
    values as context; pydantic's own error types become the generic messages, with the fix for
    that type taken from ``fixes`` (``missing``, ``extra_forbidden``, ``default``).
    """
    problems = []
    for err in exc.errors():
        loc = err["loc"]
        key = str(loc[0]) if loc else ""
        index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
        subkey = str(loc[2]) if index is not None and len(loc) > 2 else None
        line = fm.line_of(key, index, subkey)
        where = ".".join(str(part) for part in loc if not isinstance(part, int))
        kind = err["type"]
        context = dict(err.get("ctx") or {})
        if kind == "missing":
            problems.append(E.MISSING_KEY.at(fm.path, line, key=where, fix=fixes["missing"]))
        elif kind == "extra_forbidden":
            problems.append(E.UNKNOWN_KEY.at(fm.path, line, key=where, fix=fixes["extra_forbidden"]))
        elif kind == "literal_error":
            choices = context.get("expected", "").replace("'", "")
            problems.append(E.BAD_CHOICE.at(fm.path, line, value=err.get("input"), key=where, choices=choices))
        elif kind in E.__members__:
            problems.append(E[kind].at(fm.path, line, key=where, guide=guide, **context))
        else:
            detail = err["msg"].removeprefix("Value error, ")
            problems.append(E.BAD_VALUE.at(fm.path, line, key=where, detail=detail, fix=fixes["default"]))
    seen: dict[tuple[int | None, str], Problem] = {}
    for problem in problems:
        seen.setdefault((problem.line, problem.code + problem.message.split(":")[0]), problem)
    return list(seen.values())


def parse_model(path: Path, model: type[BaseModel], found: list[Problem], *, what: str, folder: str, guide: str,
                rename_hint: str, fixes: dict[str, str]) -> tuple[FrontMatterFile | None, Any]:
    """Check a file's id, parse its front matter and validate it with a pydantic ``model``.

    Appends every problem to ``found``; returns the parsed file (None when unreadable) and the
    validated metadata (None when invalid).
    """
    if not FILE_ID.match(path.stem):
        found.append(E.BAD_ID.at(path, 1, name=path.stem, what=what, fix=rename_hint))
    elif path.stem in RESERVED_IDS:
        found.append(E.RESERVED_NAME.at(path, 1, name=path.stem, page=RESERVED_IDS[path.stem], what=what))
    fm = parse(path, found, folder=folder, guide=guide)
    if fm is None:
        return None, None
    try:
        return fm, model.model_validate(fm.data)
    except ValidationError as exc:
        found.extend(validation_problems(exc, fm, fixes, guide))
        return fm, None
