"""Linking accuracy against hand-made gold, for the tuning set and the held-out set apart.

Every figure is given twice: *exact* (the predicted span is the gold span, character for
character, with the same entry) and *overlap* (it overlaps a gold span of the same entry; each
gold span counts once). Counts follow spaCy's ``PRFScore``: no prediction means precision 0.

- **mentions**: every span the pipeline says names an entry (what entry pages list);
- **links**: the mentions the linking policy turns into links (precision), and the share of
  (entry, section) pairs of the gold that get a correct link in that section (recall);
- **wanted entries** (held-out): the share of the named entities without an entry that the
  candidates list shows, and the candidate rows that match no such name.

The first score of each held-out set is recorded in its ``first-score.json`` with its commit and is
never replaced; later scores are printed beside it.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from spacy.scorer import PRFScore

from ..errors import E, ReaderError
from ..inputs.text import fold
from ..model import Candidate, Corpus, Mention
from ..pipeline.analyse import analyse
from ..settings import Settings
from .gold import EvalSet, GoldMention, GoldName, load_gold, load_names, with_gold

FLOORS = {"mentions": (0.98, 0.95), "links": (0.98, 0.95)}
"""Minimum overlap (precision, recall) of the tuning set; the test suite asserts them."""
FIRST_SCORE = "first-score.json"


@dataclass
class SetScore:
    """The figures of one set and the itemised errors behind them."""

    name: str
    texts: int = 0
    words: int = 0
    gold: int = 0
    mentions_exact: PRFScore = field(default_factory=PRFScore)
    mentions_overlap: PRFScore = field(default_factory=PRFScore)
    links_exact: PRFScore = field(default_factory=PRFScore)
    links_overlap: PRFScore = field(default_factory=PRFScore)
    sections: PRFScore = field(default_factory=PRFScore)
    by_type: dict = field(default_factory=dict)
    names_listed: tuple[int, int] | None = None
    rows_unmatched: tuple[int, int] | None = None
    errors: list[str] = field(default_factory=list)

    def figures(self) -> dict:
        """The figures as plain numbers (what first-score.json records)."""
        def prf(s: PRFScore) -> dict:
            return {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f": round(s.fscore, 4),
                    "tp": s.tp, "fp": s.fp, "fn": s.fn}
        out = {"texts": self.texts, "words": self.words, "gold_mentions": self.gold,
               "mentions_exact": prf(self.mentions_exact), "mentions_overlap": prf(self.mentions_overlap),
               "link_precision_exact": prf(self.links_exact)["precision"],
               "link_precision_overlap": prf(self.links_overlap)["precision"],
               "entry_section_recall": round(self.sections.recall, 4)}
        if self.names_listed:
            out["wanted_names_listed"] = list(self.names_listed)
            out["wanted_rows_unmatched"] = list(self.rows_unmatched)
        return out


def _overlaps(a: Mention, g: GoldMention) -> bool:
    return a.text_id == g.text_id and a.block_id == g.block_id and a.start < g.end and g.start < a.end


def _key(m: Mention | GoldMention, entry: str | None) -> tuple:
    return (m.text_id, m.block_id, m.start, m.end, entry)


def _match(predicted: list[Mention], gold: list[GoldMention]) -> dict[int, int]:
    """Prediction index → gold index, one to one, overlap with the same entry (exact spans first)."""
    positives = [g for g in gold if g.entry]
    by_block: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, g in enumerate(positives):
        by_block[(g.text_id, g.block_id)].append(i)
    used: set[int] = set()
    matched: dict[int, int] = {}
    for exact_first in (True, False):
        for p, m in enumerate(predicted):
            if p in matched:
                continue
            for i in by_block[(m.text_id, m.block_id)]:
                g = positives[i]
                same = (g.start, g.end) == (m.start, m.end)
                if i not in used and g.entry == m.entry_id and (same if exact_first else _overlaps(m, g)):
                    matched[p] = i
                    used.add(i)
                    break
    return matched


def score_mentions(name: str, predicted: list[Mention], gold: list[GoldMention], types: dict[str, str],
                   sections: dict[tuple[str, str], int | None]) -> SetScore:
    """Exact and overlap scores of mentions and links, (entry, section) recall, per-type counts, errors."""
    result = SetScore(name)
    positives = [g for g in gold if g.entry]
    result.gold = len(positives)
    gold_keys = {_key(g, g.entry) for g in positives}
    result.mentions_exact.score_set({_key(m, m.entry_id) for m in predicted}, gold_keys)
    matched = _match(predicted, gold)
    result.mentions_overlap = PRFScore(tp=len(matched), fp=len(predicted) - len(matched), fn=len(positives) - len(matched))
    linked = [i for i, m in enumerate(predicted) if m.linked]
    correct_links = [i for i in linked if i in matched]
    result.links_exact = PRFScore(tp=sum(_key(predicted[i], predicted[i].entry_id) in gold_keys for i in linked),
                                  fp=sum(_key(predicted[i], predicted[i].entry_id) not in gold_keys for i in linked))
    result.links_overlap = PRFScore(tp=len(correct_links), fp=len(linked) - len(correct_links))
    found = {(positives[matched[i]].text_id, positives[matched[i]].block_id, positives[matched[i]].entry) for i in correct_links}
    result.sections = _section_recall(positives, found, sections)
    counts: dict[str, Counter] = defaultdict(Counter)
    for i, m in enumerate(predicted):
        counts[types.get(m.entry_id, "?")]["predicted"] += 1
        counts[types.get(m.entry_id, "?")]["correct"] += i in matched
    hit = set(matched.values())
    for i, g in enumerate(positives):
        counts[types.get(g.entry, "?")]["gold"] += 1
        counts[types.get(g.entry, "?")]["found"] += i in hit
    result.by_type = dict(sorted(counts.items()))
    result.errors = _errors(predicted, positives, matched, gold)
    return result


def _section_recall(positives: list[GoldMention], found: set, sections: dict) -> PRFScore:
    """Gold (text, section, entry) triples of linkable blocks, and how many got a correct link."""
    wanted = {(g.text_id, sections[(g.text_id, g.block_id)], g.entry) for g in positives
              if sections.get((g.text_id, g.block_id)) is not None}
    got = {(t, sections[(t, b)], e) for t, b, e in found if sections.get((t, b)) is not None}
    return PRFScore(tp=len(wanted & got), fn=len(wanted - got))


def _errors(predicted: list[Mention], positives: list[GoldMention], matched: dict[int, int],
            gold: list[GoldMention]) -> list[str]:
    lines = []
    for p, m in enumerate(predicted):
        if p not in matched:
            wanted = next((g.entry or "nothing" for g in gold if _overlaps(m, g)), "nothing")
            lines.append(f"false {'link' if m.linked else 'mention'} {m.text_id}#{m.block_id}: “{m.surface}” → {m.entry_id} (gold: {wanted})")
        elif (positives[matched[p]].start, positives[matched[p]].end) != (m.start, m.end):
            g = positives[matched[p]]
            lines.append(f"boundary {m.text_id}#{m.block_id}: “{m.surface}” where the gold has “{g.surface}” ({g.entry})")
    hit = set(matched.values())
    for i, g in enumerate(positives):
        if i not in hit:
            lines.append(f"miss {g.text_id}#{g.block_id}: “{g.surface}” should name {g.entry}")
    return lines


def score_names(candidates: tuple[Candidate, ...], names: list[GoldName], glossary_names: set[str]) -> tuple[tuple[int, int], tuple[int, int], list[str]]:
    """(names listed, names), (rows matching no name, rows), and the unmatched rows, for the wanted-entries list.

    A name is listed when a row holds it or is a part of it ("Guadalupe Hidalgo" lists "treaty of
    Guadalupe Hidalgo"); a row of lower-case words only ("of") is part of no name."""
    def words(text: str) -> str:
        return f" {fold(text)} "

    def match(row: str, name: str) -> bool:
        named = any(ch.isupper() or ch.isdigit() for ch in row)
        return (named and words(row) in words(name)) or words(name) in words(row)
    listed = sum(any(match(c.name, n.name) for c in candidates) for n in names)
    unmatched = [c.name for c in candidates
                 if not any(match(c.name, n.name) for n in names) and fold(c.name) not in glossary_names]
    return (listed, len(names)), (len(unmatched), len(candidates)), unmatched


def evaluate_set(settings: Settings, evalset: EvalSet) -> SetScore:
    """Run the build's own analysis over the set's texts and score it against its gold."""
    corpora: list[Corpus] = [analyse(settings.with_(sources=directory)) for directory in evalset.texts
                             if directory.is_dir() and any(directory.glob("*.txt"))]
    glossary = corpora[0].glossary
    documents = {t.document.id: t.document for c in corpora for t in c.texts}
    if not evalset.complete:
        documents = with_gold(evalset.gold, documents)
    gold = load_gold(evalset.gold, documents, glossary)
    predicted = [m for c in corpora for t in c.texts for m in t.mentions if m.text_id in documents]
    sections = {(d.id, b.id): (b.section if b.linkable else None) for d in documents.values() for b in d.blocks}
    result = score_mentions(evalset.name, predicted, gold, {e.id: e.type for e in glossary}, sections)
    result.texts = len(documents)
    result.words = sum(len(b.text.split()) for d in documents.values() for b in d.blocks)
    names = load_names(evalset.gold, documents)
    if names is not None:
        glossary_names = {fold(e.title) for e in glossary} | {fold(a.text) for e in glossary for a in e.aliases}
        candidates = tuple(c for corpus in corpora for c in corpus.candidates if set(c.texts) & set(documents))
        result.names_listed, result.rows_unmatched, unmatched = score_names(candidates, names, glossary_names)
        result.errors += [f"wanted row matching no name without an entry: “{name}”" for name in unmatched]
    return result


def fingerprint(evalset: EvalSet) -> str:
    """SHA-256 over the set's texts and gold files, to tell whether a recorded score is about the same data."""
    digest = hashlib.sha256()
    for directory in (*evalset.texts, evalset.gold):
        for path in sorted(directory.glob("*")) if directory.is_dir() else []:
            if path.is_file() and path.name != FIRST_SCORE:
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def first_score(evalset: EvalSet) -> dict | None:
    path = evalset.gold / FIRST_SCORE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def record_first(settings: Settings, evalset: EvalSet, score: SetScore) -> Path:
    """Write the first held-out score; refuse when one is recorded already (it is never replaced)."""
    path = evalset.gold / FIRST_SCORE
    if path.exists():
        raise ReaderError([E.FIRST_SCORE_EXISTS.at(path, None)])
    commit = subprocess.run(["git", "-C", str(settings.root), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    record = {"commit": commit or "unknown", "data_sha256": fingerprint(evalset), "figures": score.figures()}
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return path


def passes(score: SetScore) -> bool:
    (mp, mr), (lp, lr) = FLOORS["mentions"], FLOORS["links"]
    return (score.mentions_overlap.precision >= mp and score.mentions_overlap.recall >= mr
            and score.links_overlap.precision >= lp and score.sections.recall >= lr)


def _prf(s: PRFScore) -> str:
    return f"P {s.precision:.3f}  R {s.recall:.3f}  F {s.fscore:.3f}"


def report(score: SetScore, first: dict | None = None, details: bool = False) -> str:
    """The figures of a set as text, with the first recorded held-out figures beside them."""
    lines = [f"{score.name}: {score.texts} texts, {score.words:,} words, {score.gold} gold mentions",
             f"  mentions  exact   {_prf(score.mentions_exact)}   ({score.mentions_exact.tp} of "
             f"{score.mentions_exact.tp + score.mentions_exact.fp} predicted)",
             f"            overlap {_prf(score.mentions_overlap)}",
             f"  links     precision exact {score.links_exact.precision:.3f}, overlap {score.links_overlap.precision:.3f}"
             f"  ({score.links_overlap.tp + score.links_overlap.fp} links);"
             f" (entry, section) recall {score.sections.recall:.3f} ({score.sections.tp}/{score.sections.tp + score.sections.fn})"]
    if score.names_listed:
        (listed, names), (unmatched, rows) = score.names_listed, score.rows_unmatched
        lines.append(f"  wanted entries: {listed}/{names} names without an entry listed ({listed / max(names, 1):.2f}); "
                     f"{unmatched}/{rows} rows match no such name ({unmatched / max(rows, 1):.2f})")
    if first:
        figures = first["figures"]
        lines.append(f"  first recorded score (commit {first['commit'][:10]}): mentions exact P "
                     f"{figures['mentions_exact']['precision']:.3f} R {figures['mentions_exact']['recall']:.3f}, overlap P "
                     f"{figures['mentions_overlap']['precision']:.3f} R {figures['mentions_overlap']['recall']:.3f}; links P "
                     f"{figures['link_precision_exact']:.3f}/{figures['link_precision_overlap']:.3f}, (entry, section) R "
                     f"{figures['entry_section_recall']:.3f}"
                     + (f"; wanted {figures['wanted_names_listed'][0]}/{figures['wanted_names_listed'][1]}, unmatched rows "
                        f"{figures['wanted_rows_unmatched'][0]}/{figures['wanted_rows_unmatched'][1]}"
                        if "wanted_names_listed" in figures else ""))
    if details:
        for entry_type, c in score.by_type.items():
            lines.append(f"    {entry_type:<13} overlap P {c['correct'] / max(c['predicted'], 1):.3f} ({c['correct']}/{c['predicted']})"
                         f"  R {c['found'] / max(c['gold'], 1):.3f} ({c['found']}/{c['gold']})")
        lines += ["  " + error for error in score.errors]
    return "\n".join(lines) + "\n"
