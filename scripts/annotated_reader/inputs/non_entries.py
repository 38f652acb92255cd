"""``non-entries.yml``: names the texts use that the glossary leaves out on purpose, each with the reason.

They stay off the main list of the "Wanted entries" page (which shows them apart), so the list
shows only names still to decide. The file is optional.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import E, Problem, ReaderError
from .files import read_input
from .text import plain_text_problem

GUIDE = "CONTRIBUTING.md"


def load_non_entries(path: Path) -> dict[str, str]:
    """Name → reason; an empty mapping when the file does not exist."""
    if not path.exists() and not path.is_symlink():
        return {}
    problems: list[Problem] = []
    text = read_input(path, problems, folder=".", guide=GUIDE)
    if text is None:
        raise ReaderError(problems)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text) if node is not None else {}
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise ReaderError([E.YAML_SYNTAX.at(path, 1, detail=str(exc).splitlines()[0][:200])]) from None
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ReaderError([E.NOT_MAPPING.at(path, 1)])
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    for name, reason in data.items():
        line = lines.get(str(name), 1)
        if not isinstance(reason, str) or len(reason.split()) < 5:
            problems.append(E.BAD_VALUE.at(path, line, key=str(name), detail="the reason is missing or too short",
                                           fix="say in a sentence why the name is not an entry"))
        elif plain_text_problem(str(name)) or plain_text_problem(reason, allowed='"'):
            problems.append(E.PLAIN_TEXT.at(path, line, key=str(name), detail=plain_text_problem(str(name))
                                            or plain_text_problem(reason, allowed='"'), guide=GUIDE))
    if problems:
        raise ReaderError(problems)
    return {str(k): v for k, v in data.items()}
