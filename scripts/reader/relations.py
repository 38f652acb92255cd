"""How entries relate through the texts: mention counts and co-occurrence in a paragraph."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations

from .match import TextAnnotation


@dataclass
class Relations:
    """Mention counts per entry and paragraph co-occurrence counts per pair of entries."""

    mentions: Counter
    pairs: Counter

    @cached_property
    def _by_entry(self) -> dict[str, list[tuple[str, int]]]:
        index: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for (a, b), n in self.pairs.items():
            index[a].append((b, n))
            index[b].append((a, n))
        for found in index.values():
            found.sort(key=lambda item: (-item[1], item[0]))
        return dict(index)

    def neighbours(self, entry_id: str, limit: int | None = None) -> list[tuple[str, int]]:
        """Entries that share a paragraph with ``entry_id``, most often first, then by id."""
        found = self._by_entry.get(entry_id, [])
        return found[:limit] if limit else list(found)


def relate(annotations: Iterable[TextAnnotation]) -> Relations:
    """Count mentions, and for each paragraph each unordered pair of distinct entries in it once."""
    mentions: Counter = Counter()
    pairs: Counter = Counter()
    for annotation in annotations:
        per_block: dict[str, set[str]] = {}
        for mention in annotation.mentions:
            mentions[mention.entry_id] += 1
            per_block.setdefault(mention.block_id, set()).add(mention.entry_id)
        for entries in per_block.values():
            for pair in combinations(sorted(entries), 2):
                pairs[pair] += 1
    return Relations(mentions, pairs)
