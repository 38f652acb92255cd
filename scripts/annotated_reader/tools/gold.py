"""Hand-made gold annotations, kept in sets that never mix, and validated as they are read.

``tests/gold/tuning/`` holds the gold of every text used to improve the glossary or the code:
the texts of ``sources/`` and those in ``tuning/texts/``. ``tests/gold/heldout/`` and each
``tests/gold/heldout-<name>/`` hold a held-out set: texts annotated by hand, all at once, before
the pipeline ever ran on them, with the glossary frozen at a recorded commit; each set's first
score is recorded once and is what the reader can expect on texts it has not seen. Once a
held-out text's errors are used to change the glossary or the code, it moves to the tuning set.
``history/`` keeps the first scores of sets that have since moved to the tuning set, because
their errors were read to improve the linking rules and the glossary: set A (four State of the
Union addresses, first scored at commit 4da9f8f), set B (four more, first scored at f9b38e0) and
set C (four more, first scored at 34b051e), set D (four more, first scored at 285e5ac), set E
(five more, first scored at 3a44868), set F (five more, first scored at 450bba5), set G (five
more, first scored at e654084), set H (six more, first scored at 0326951), set I (eight
more, first scored at eb02abc), set J (ten more, first scored at e57207e), set K (ten more,
first scored at eca6f98), set L (seven more, first scored at 490db6e), set M (two written
messages, first scored at 8847284), set N (four more, first scored at 4f057ed), set O (four
texts of 1900-1926, first scored at 2d74a2b), set P (six texts of 1905-1973, first scored at
13b8930), set Q (six texts of 1912-1973, first scored at 2e6def2), set R (seven texts of
1902-1973, first scored at e32d715), set S (seven texts of 1901-1973, first scored at 390e0b6)
set T (four texts of 1898-1973, first scored at 7b7e52e), set U (three written messages of
1899-1911, first scored at 16a5d51), set V (twelve texts of 1897-1928, first scored at
5d4b7ae), set W (eight written messages of 1887-1896, first scored at fcd1b94), set X (eight
written messages of 1878-1894, first scored at 96a8b27), set Y (eight written messages of
1873-1886, first scored at 14fb9ab), set Z (eight written messages of 1865-1872, first scored
at de72269), set AA (eight written messages of 1853-1864, first scored at 1b14bc6), set AB (eight
written messages of 1849-1860, first scored at 5edbb1d), set AC (eight written messages of
1837-1844, first scored by the same code, at f2b0d39), set AD (eight annual messages of
1829-1836, first scored at bb49e18), set AE (twelve of 1817-1828, first scored by the same
linking code, at d83ab0d), set AF (sixteen of 1801-1816, first scored at 921a7bd), set AG
(the twelve annual addresses of 1790-1800 and the annual message of 1845, first scored at
0f32af6), set AH (the annual messages of 1846-1848, first scored at 605943d), set AI (nine
texts of 1932-2026: Hoover 1932, Roosevelt 1943 and 1944, Truman 1953, Eisenhower 1956 (two), Ford
1976, Clinton 1995 and Trump 2026, first scored at 776692f; Roosevelt's radio address of 1945,
annotated with them, repeats paragraphs of his 1945 message, a tuning text, so it went straight
to the tuning set), set AJ (Taft 1909, Coolidge 1925 and Hoover 1929, with section headings,
first scored at 5e40932) and set AK (Truman's written message of January 1946 on the state of
the union and the budget for 1947, with section headings and a table, first scored at c82e5f8)
and set AL (fourteen inaugural addresses, Truman 1949 to Biden 2021, from a copy of the American
Presidency Project's texts, first scored at 237df72), set AM (ten inaugural addresses, McKinley
1897 to Roosevelt 1945, from the same copy, first scored at f8b913f), set AN (seventeen
inaugural addresses, Washington 1789 to Harrison 1889, from the same copy, first scored at
3c4279a) and set AO (William Henry Harrison's inaugural address of 1841, first scored at 7062a3b;
its errors unread, it moved to tuning because a held-out set needs two texts). ``heldout-ap``
(six inaugural addresses of 1853, 1861, 1885, 1905, 1933 and 2009, from another public copy,
marked up, whose paragraphs were taken with the markup removed; two sentences of Lincoln's and
one of Roosevelt's 1933 address are quoted in tuning texts) was annotated by hand before any
pipeline run on its texts.

A gold file ``<text id>.jsonl`` has one record per line:
``{"block": "p-1a2b3c4d", "start": 0, "end": 6, "surface": "Russia", "entry": "russia"}``
(``entry`` null for a look-alike that must not be linked). Every record is checked against the
text: the block exists, ``text[start:end]`` is the surface, the entry exists. A held-out text may
also have ``<text id>.names.yml``: the named entities in it that no entry covers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import E, Problem, ReaderError
from ..inputs.files import read_input
from ..model import Document, Glossary

FOLDER = "tests/gold"
GUIDE = "scripts/annotated_reader/tools/gold.py"
RECORD_FORM = 'write {"block": "p-1a2b3c4d", "start": 0, "end": 6, "surface": "Russia", "entry": "russia"}'


@dataclass(frozen=True)
class GoldMention:
    text_id: str
    block_id: str
    start: int
    end: int
    surface: str
    entry: str | None


@dataclass(frozen=True)
class GoldName:
    """A named entity of a text that no glossary entry covers."""

    text_id: str
    name: str
    kind: str
    block_id: str


@dataclass(frozen=True)
class EvalSet:
    """A set of texts with their gold: where the texts are and where the gold is."""

    name: str
    texts: tuple[Path, ...]
    gold: Path
    complete: bool = False
    """Every text of the set has gold (the held-out set); otherwise texts without gold are not scored."""


def sets(gold_root: Path, sources: Path) -> tuple[EvalSet, tuple[EvalSet, ...]]:
    """The tuning set (``sources`` and ``gold_root/tuning/texts``) and the held-out sets.

    Held-out sets are ``gold_root/heldout`` and every ``gold_root/heldout-<name>``, each annotated
    in one go and scored apart, each with its own first score.
    """
    tuning = EvalSet("tuning", (sources, gold_root / "tuning" / "texts"), gold_root / "tuning")
    folders = sorted(p for p in gold_root.glob("heldout*") if p.is_dir() and (p / "texts").is_dir())
    heldout = tuple(EvalSet(p.name.replace("heldout", "held-out"), (p / "texts",), p, complete=True) for p in folders)
    return tuning, heldout


def _record(data: object, documents: dict[str, Document], text_id: str, glossary: Glossary) -> tuple[GoldMention | None, str, str]:
    """A validated gold mention, or (None, problem, fix)."""
    if not isinstance(data, dict) or not {"block", "start", "end", "surface", "entry"} <= set(data):
        return None, "a gold record needs block, start, end, surface and entry", RECORD_FORM
    blocks = {b.id: b for b in documents[text_id].blocks}
    block = blocks.get(data["block"])
    if block is None:
        return None, f"the text has no block '{data['block']}'", "use the id of the paragraph (its ¶ link on the page)"
    start, end, surface, entry = data["start"], data["end"], data["surface"], data["entry"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(block.text)):
        return None, f"start {start} and end {end} are not a span of the block", "count characters from 0 within the block"
    if block.text[start:end] != surface:
        return None, (f"the block has '{block.text[start:end]}' at {start}–{end}, not '{surface}'"), \
            "correct start and end (or the surface) so that they agree"
    if entry is not None and entry not in glossary:
        return None, f"'{entry}' is not a glossary entry", "use an entry id, or null for a span that must not be linked"
    return GoldMention(text_id, block.id, start, end, surface, entry), "", ""


def with_gold(directory: Path, documents: dict[str, Document]) -> dict[str, Document]:
    """The documents that have a gold file in ``directory``."""
    return {text_id: d for text_id, d in documents.items() if _present(directory / f"{text_id}.jsonl")}


def _present(path: Path) -> bool:
    """Whether anything is at ``path`` (a link or a pipe too: reading it is what refuses it)."""
    return path.exists() or path.is_symlink()


def load_gold(directory: Path, documents: dict[str, Document], glossary: Glossary) -> list[GoldMention]:
    """Every gold mention of ``documents`` from ``directory``; ReaderError with file:line for any bad record."""
    problems: list[Problem] = []
    gold: list[GoldMention] = []
    for text_id in sorted(documents):
        path = directory / f"{text_id}.jsonl"
        if not _present(path):
            problems.append(E.NO_GOLD.at(path, None, text_id=text_id))
            continue
        text = read_input(path, problems, folder=FOLDER, guide=GUIDE)
        for number, line in enumerate((text or "").split("\n"), start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except ValueError as exc:
                problems.append(E.GOLD_RECORD.at(path, number, detail=f"not a JSON object ({exc})", fix=RECORD_FORM))
                continue
            mention, problem, fix = _record(data, documents, text_id, glossary)
            if mention is None:
                problems.append(E.GOLD_RECORD.at(path, number, detail=problem, fix=fix))
            else:
                gold.append(mention)
    if problems:
        raise ReaderError(problems)
    return gold


def load_names(directory: Path, documents: dict[str, Document]) -> list[GoldName] | None:
    """The named entities without an entry, when every text of the set has a names file (else None)."""
    names: list[GoldName] = []
    for text_id in sorted(documents):
        path = directory / f"{text_id}.names.yml"
        if not _present(path):
            return None
        problems: list[Problem] = []
        text = read_input(path, problems, folder=FOLDER, guide=GUIDE)
        if text is None:
            raise ReaderError(problems)
        try:
            items = yaml.safe_load(text) or []
        except (yaml.YAMLError, ValueError, RecursionError) as exc:
            mark = getattr(exc, "problem_mark", None)
            raise ReaderError([E.GOLD_RECORD.at(path, mark.line + 1 if mark else 1, detail="invalid YAML",
                                                fix="write a YAML list of '- name: …' items")]) from None
        if not isinstance(items, list):
            raise ReaderError([E.GOLD_RECORD.at(path, 1, detail="not a list of names", fix="write a YAML list of '- name: …' items")])
        blocks = {b.id for b in documents[text_id].blocks}
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not {"name", "kind", "block"} <= set(item) or item["block"] not in blocks:
                raise ReaderError([E.GOLD_RECORD.at(path, None, detail=f"item {index + 1} is not a name of this text",
                                                    fix="write '- name: …', 'kind: PERSON' and 'block: p-…' (a block of the text)")])
            names.append(GoldName(text_id, str(item["name"]), str(item["kind"]), item["block"]))
    return names
