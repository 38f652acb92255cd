"""How entries relate through the texts: mention counts and co-occurrence in a paragraph."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from ..model import AnnotatedText


@dataclass(frozen=True)
class Relations:
    """Mention counts per entry and paragraph co-occurrence counts per pair of entries."""

    mentions: Counter
    pairs: Counter
    _by_entry: dict[str, list[tuple[str, int]]] = field(default_factory=dict, repr=False)

    def neighbours(self, entry_id: str, limit: int | None = None) -> list[tuple[str, int]]:
        """Entries that share a paragraph with ``entry_id``, most often first, then by id."""
        found = self._by_entry.get(entry_id, [])
        return found[:limit] if limit else list(found)


def relate(texts: Iterable[AnnotatedText]) -> Relations:
    """Count mentions, and for each paragraph each unordered pair of distinct entries in it once."""
    mentions: Counter = Counter()
    pairs: Counter = Counter()
    for text in texts:
        per_block: dict[str, set[str]] = {}
        for mention in text.mentions:
            mentions[mention.entry_id] += 1
            per_block.setdefault(mention.block_id, set()).add(mention.entry_id)
        for entries in per_block.values():
            for pair in combinations(sorted(entries), 2):
                pairs[pair] += 1
    index: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (a, b), n in pairs.items():
        index[a].append((b, n))
        index[b].append((a, n))
    for found in index.values():
        found.sort(key=lambda item: (-item[1], item[0]))
    return Relations(mentions, pairs, dict(index))
