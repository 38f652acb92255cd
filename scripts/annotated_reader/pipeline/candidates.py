"""Candidates: statistical entities that name no glossary entry, normalised and counted.

They feed the JSON report and the "Wanted entries" page, the to-do list of the glossary.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from ..model import Candidate, Entity

_POSSESSIVE = re.compile(r"[’']s?$")
_EDGE = "[](){}“”\"‘’'«».,;:!?*–—-… "
_NOISE = frozenset({"n’t", "n't", "un", "’s", "'s", "s"})


def normalise(surface: str) -> str | None:
    """The name an entity stands for, or None when it is model noise.

    Drops a leading "the", a possessive, brackets and quotes, and folds white space.
    """
    text = " ".join(surface.replace("[", " ").replace("]", " ").split())
    text = text.strip(_EDGE)
    text = re.sub(r"^(?i:the)\s+", "", text)
    text = _POSSESSIVE.sub("", text) if re.search(r"\w[’']s?$", text) and not text.endswith("s'") else text
    text = text.strip(_EDGE)
    if text.lower() in _NOISE:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2:
        return None
    first = next(ch for ch in text if ch.isalnum())
    if first.isalpha() and first.islower():
        return None
    return text


def collect(entities: Iterable[Entity]) -> tuple[Candidate, ...]:
    """Group entities by normalised name; most frequent first, then alphabetical."""
    groups: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        name = normalise(entity.surface)
        if name is not None:
            groups[name].append(entity)
    result = []
    for name, items in groups.items():
        first = items[0]
        result.append(Candidate(name, tuple(sorted({e.label for e in items})), len(items),
                                tuple(sorted({e.text_id for e in items})), " ".join(first.sentence.split()),
                                f"{first.text_id}#{first.block_id}"))
    result.sort(key=lambda c: (-c.count, c.name.lower(), c.name))
    return tuple(result)
