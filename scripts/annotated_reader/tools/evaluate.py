"""Linking accuracy against a hand-made gold annotation (``tests/gold``).

The annotate stage's mentions (before the linking policy) are compared with the gold mentions
of each text: a predicted mention is correct when a gold mention of the same entry overlaps it
in the same block (each gold mention counts once). Gold spans with ``"entry": null`` are
look-alikes that must not be linked; a prediction there is a false link like any other.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import E, ReaderError
from ..model import Mention
from ..pipeline.analyse import analyse
from ..settings import Settings

FLOORS = {"corpus": (0.98, 0.95), "generalisation": (0.95, 0.90)}
"""Minimum (precision, recall) for the three texts and for the separate generalisation text."""


@dataclass(frozen=True)
class Gold:
    text_id: str
    block_id: str
    start: int
    end: int
    surface: str
    entry: str | None


@dataclass
class Score:
    """Counts and the itemised errors of one evaluation set."""

    predicted: int = 0
    gold: int = 0
    correct_predicted: int = 0
    found_gold: int = 0
    by_type: dict = field(default_factory=dict)
    false_links: list = field(default_factory=list)
    misses: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 1.0


def load_gold(path: Path, text_id: str) -> list[Gold]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            items.append(Gold(text_id, data["block"], int(data["start"]), int(data["end"]), data["surface"], data["entry"]))
        except (ValueError, KeyError) as exc:
            raise ReaderError([E.GOLD_RECORD.at(path, number, detail=f"not a gold line ({exc})",
                                                fix='write {"block": "p-1", "start": 0, "end": 5, "surface": "...", "entry": "id"}')]) from None
    return items


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score(predicted: list[Mention], gold: list[Gold], types: dict[str, str], texts: dict) -> Score:
    result = Score()
    positives = [g for g in gold if g.entry]
    used: set[int] = set()
    type_counts: dict[str, Counter] = {}

    def bump(entry_type: str, key: str) -> None:
        type_counts.setdefault(entry_type, Counter())[key] += 1

    for m in predicted:
        result.predicted += 1
        bump(types.get(m.entry_id, "?"), "predicted")
        match = next((i for i, g in enumerate(positives) if i not in used and g.text_id == m.text_id
                      and g.block_id == m.block_id and g.entry == m.entry_id
                      and _overlap(g.start, g.end, m.start, m.end)), None)
        if match is None:
            block = texts[(m.text_id, m.block_id)]
            wanted = next((g.entry for g in gold if g.text_id == m.text_id and g.block_id == m.block_id
                           and _overlap(g.start, g.end, m.start, m.end)), "nothing")
            result.false_links.append((m.text_id, m.block_id, m.surface, m.entry_id, wanted,
                                       block[m.sentence_start:m.sentence_end]))
        else:
            used.add(match)
            result.correct_predicted += 1
            bump(types.get(m.entry_id, "?"), "correct")
    for i, g in enumerate(positives):
        result.gold += 1
        bump(types.get(g.entry, "?"), "gold")
        if i in used:
            result.found_gold += 1
            bump(types.get(g.entry, "?"), "found")
        else:
            result.misses.append((g.text_id, g.block_id, g.surface, g.entry, texts[(g.text_id, g.block_id)]))
    result.by_type = type_counts
    return result


def evaluate_sources(settings: Settings, sources_dir: Path, gold_dir: Path) -> dict[str, Score]:
    """Scores per text of ``sources_dir`` (and ``"*"`` for all of them), through the build's own analysis."""
    corpus = analyse(settings.with_(sources=sources_dir))
    predicted, gold, texts = [], [], {}
    for annotation in corpus.texts:
        document = annotation.document
        predicted += annotation.mentions
        for block in document.blocks:
            texts[(document.id, block.id)] = block.text
        path = gold_dir / f"{document.id}.jsonl"
        if not path.exists():
            raise ReaderError([E.NO_GOLD.at(path, None, text_id=document.id)])
        gold += load_gold(path, document.id)
    types = {e.id: e.type for e in corpus.glossary}
    ids = sorted({text_id for text_id, _ in texts})
    per_text = {text_id: score([m for m in predicted if m.text_id == text_id], [g for g in gold if g.text_id == text_id],
                               types, texts) for text_id in ids}
    per_text["*"] = score(predicted, gold, types, texts)
    return per_text


def evaluate(settings: Settings, gold_dir: Path) -> dict[str, Score]:
    """Scores for the corpus texts together, and for each generalisation text in ``gold_dir/texts`` on its own."""
    scores = {"corpus": evaluate_sources(settings, settings.path(settings.sources), gold_dir)["*"]}
    for text_id, s in evaluate_sources(settings, gold_dir / "texts", gold_dir).items():
        if text_id != "*":
            scores[f"generalisation: {text_id}"] = s
    return scores


def floors(name: str) -> tuple[float, float]:
    return FLOORS[name.split(":")[0]]


def _sentence_around(block: str, surface: str) -> str:
    """The sentence of a block that contains ``surface`` (a simple split on full stops is enough here)."""
    for sentence in re.split(r"(?<=[.!?])\s+", block):
        if surface in sentence:
            return " ".join(sentence.split())
    return " ".join(block.split())[:200]


def report(scores: dict[str, Score], details: bool = True) -> str:
    lines = []
    for name, s in scores.items():
        floor_p, floor_r = floors(name)
        verdict = "ok" if s.precision >= floor_p and s.recall >= floor_r else "BELOW FLOOR"
        lines.append(f"{name}: precision {s.precision:.3f} ({s.correct_predicted}/{s.predicted}), "
                     f"recall {s.recall:.3f} ({s.found_gold}/{s.gold}) — floors {floor_p}/{floor_r}: {verdict}")
        for entry_type, c in sorted(s.by_type.items()):
            p = c["correct"] / c["predicted"] if c["predicted"] else 1.0
            r = c["found"] / c["gold"] if c["gold"] else 1.0
            lines.append(f"    {entry_type:<13} precision {p:.3f} ({c['correct']}/{c['predicted']})  recall {r:.3f} ({c['found']}/{c['gold']})")
        if details:
            for text_id, block_id, surface, entry, wanted, sentence in s.false_links:
                lines.append(f"  false link {text_id}#{block_id}: “{surface}” → {entry} (gold: {wanted})")
                lines.append(f"        {' '.join(sentence.split())}")
            for text_id, block_id, surface, entry, block in s.misses:
                lines.append(f"  miss {text_id}#{block_id}: “{surface}” should link {entry}")
                lines.append(f"        {_sentence_around(block, surface)}")
        lines.append("")
    return "\n".join(lines)


def passes(scores: dict[str, Score]) -> bool:
    return all(s.precision >= floors(n)[0] and s.recall >= floors(n)[1] for n, s in scores.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="annotated-reader eval", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=Path("tests/gold"), help="gold directory (default: tests/gold)")
    parser.add_argument("--summary", action="store_true", help="figures only, without the list of errors")
    args = parser.parse_args(argv)
    try:
        scores = evaluate(Settings(progress=False), args.gold)
    except ReaderError as exc:
        print("\n".join(str(p) for p in exc.problems), file=sys.stderr)
        return 1
    print(report(scores, details=not args.summary), end="")
    return 0 if passes(scores) else 1


if __name__ == "__main__":
    sys.exit(main())
