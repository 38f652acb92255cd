"""`make eval`: scoring rules, gold that validates itself, the tuning floors, the recorded held-out score."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from annotated_reader.errors import E, ReaderError
from annotated_reader.model import Block, Document, Entry, Glossary, Mention, Source, SourceMeta
from annotated_reader.settings import Settings
from annotated_reader.tools import evaluate
from annotated_reader.tools.gold import GoldMention, load_gold, sets

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = Settings(root=ROOT, cache=ROOT / ".cache" / "reader", progress=False)


# --------------------------------------------------------------------------- scoring rules


def m(block, start, end, entry, linked=True):
    return Mention("t", block, start, end, entry, "x" * (end - start), 0, 10, linked=linked)


def g(block, start, end, entry):
    return GoldMention("t", block, start, end, "x" * (end - start), entry)


SECTIONS = {("t", "p-1"): 0, ("t", "p-2"): 1, ("t", "h-3"): None}


def scored(predicted, gold):
    return evaluate.score_mentions("set", predicted, gold, {"a": "person", "b": "state"}, SECTIONS)


@pytest.mark.parametrize("predicted,gold,exact,overlap", [
    ([m("p-1", 0, 5, "a")], [g("p-1", 0, 5, "a")], (1.0, 1.0), (1.0, 1.0)),
    ([m("p-1", 0, 5, "a")], [g("p-1", 2, 8, "a")], (0.0, 0.0), (1.0, 1.0)),          # a boundary error
    ([m("p-1", 0, 5, "b")], [g("p-1", 0, 5, "a")], (0.0, 0.0), (0.0, 0.0)),          # wrong entry
    ([m("p-1", 0, 5, "a")], [g("p-1", 0, 5, None)], (0.0, 0.0), (0.0, 0.0)),         # a must-not-link span
    ([m("p-1", 0, 5, "a"), m("p-1", 1, 3, "a")], [g("p-1", 0, 5, "a")], (0.5, 1.0), (0.5, 1.0)),  # gold counts once
    ([], [g("p-2", 0, 5, "a")], (0.0, 0.0), (0.0, 0.0)),                              # no prediction: precision 0
    ([m("p-2", 0, 5, "a")], [], (0.0, 0.0), (0.0, 0.0)),
])
def test_exact_and_overlap_scores(predicted, gold, exact, overlap):
    s = scored(predicted, gold)
    assert (round(s.mentions_exact.precision, 6), round(s.mentions_exact.recall, 6)) == exact
    assert (round(s.mentions_overlap.precision, 6), round(s.mentions_overlap.recall, 6)) == overlap


def test_links_and_entry_section_recall():
    predicted = [m("p-1", 0, 5, "a"), m("p-1", 10, 15, "a", linked=False), m("p-2", 0, 5, "b")]
    gold = [g("p-1", 0, 5, "a"), g("p-1", 10, 15, "a"), g("p-2", 0, 5, "a")]
    s = scored(predicted, gold)
    assert (s.links_overlap.tp, s.links_overlap.fp) == (1, 1)
    assert (s.sections.tp, s.sections.fn) == (1, 1)  # (section 0, a) linked; (section 1, a) not
    assert any(e.startswith("false link t#p-2") for e in s.errors) and any(e.startswith("miss t#p-2") for e in s.errors)


@pytest.mark.parametrize("rows,listed,unmatched", [
    (["Guadalupe Hidalgo"], 1, 0),  # a row that is part of a name lists it
    (["treaty of Guadalupe Hidalgo and more"], 1, 0),  # a row that holds it too
    (["of"], 0, 1),  # lower-case words only are part of no name
    (["Mexico"], 0, 1),
])
def test_a_name_is_listed_by_a_row_that_holds_it_or_is_part_of_it(rows, listed, unmatched):
    from annotated_reader.model import Candidate
    from annotated_reader.tools.gold import GoldName
    candidates = tuple(Candidate(name, ("ORG",), 1, ("t",), "", "p-1") for name in rows)
    names = [GoldName("t", "treaty of Guadalupe Hidalgo", "LAW", "p-1")]
    (got, total), (rows_unmatched, _), _ = evaluate.score_names(candidates, names, set())
    assert (got, total, rows_unmatched) == (listed, 1, unmatched)


def test_a_boundary_error_is_listed():
    s = scored([m("p-1", 0, 5, "a")], [g("p-1", 0, 6, "a")])
    assert s.errors == ["boundary t#p-1: “xxxxx” where the gold has “xxxxxx” (a)"]


# --------------------------------------------------------------------------- gold that validates itself


DOCUMENT = Document(Source("t", SourceMeta(title="T"), (), "t.txt"), (Block("p-1a2b3c4d", "paragraph", "Russia and China.", 0, 9, 1),))
GLOSSARY = Glossary({i: Entry(i, i.title(), "state", (), "A state.", (), None, "Body.\n", f"glossary/{i}.md")
                     for i in ("china", "russia")})

GOOD = '{"block": "p-1a2b3c4d", "start": 0, "end": 6, "surface": "Russia", "entry": "russia"}'


@pytest.mark.parametrize("line,detail", [
    (GOOD.replace('"Russia"', '"Russie"'), "the block has 'Russia' at 0–6, not 'Russie'"),
    (GOOD.replace("p-1a2b3c4d", "p-00000000"), "the text has no block 'p-00000000'"),
    (GOOD.replace('"russia"}', '"rusia"}'), "'rusia' is not a glossary entry"),
    (GOOD.replace('"end": 6', '"end": 60'), "start 0 and end 60 are not a span of the block"),
    (GOOD.replace('"entry": "russia"', '"entity": "russia"'), "a gold record needs"),
    ("{not json", "not a JSON object"),
])
def test_a_bad_gold_record_is_a_file_line_problem(tmp_path, line, detail):
    (tmp_path / "t.jsonl").write_text(GOOD + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_gold(tmp_path, {"t": DOCUMENT}, GLOSSARY)
    [problem] = caught.value.problems
    assert (problem.line, problem.code) == (3, E.GOLD_RECORD.code) and problem.message.startswith(detail), str(problem)


def test_good_gold_loads_and_a_missing_file_is_named(tmp_path):
    (tmp_path / "t.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    assert load_gold(tmp_path, {"t": DOCUMENT}, GLOSSARY) == [GoldMention("t", "p-1a2b3c4d", 0, 6, "Russia", "russia")]
    (tmp_path / "t.jsonl").unlink()
    with pytest.raises(ReaderError) as caught:
        load_gold(tmp_path, {"t": DOCUMENT}, GLOSSARY)
    assert caught.value.codes == [E.NO_GOLD.code]


# --------------------------------------------------------------------------- the real sets


@pytest.fixture(scope="module")
def tuning():
    return evaluate.evaluate_set(SETTINGS, sets(ROOT / "tests" / "gold", ROOT / "sources")[0])


def test_the_tuning_set_meets_its_floors(tuning):
    assert tuning.texts == len(list(ROOT.glob("tests/gold/tuning/*.jsonl"))) and tuning.gold > 0
    assert evaluate.passes(tuning), evaluate.report(tuning, details=True)


def test_the_floors_fail_on_a_broken_linker(tuning):
    """The floor check is not vacuous: the same set with its links dropped does not pass."""
    broken = evaluate.SetScore("broken", mentions_overlap=tuning.mentions_overlap, links_overlap=tuning.links_overlap)
    assert not evaluate.passes(broken)  # (entry, section) recall 0


HELDOUT = sets(ROOT / "tests" / "gold", ROOT / "sources")[1]


def test_there_is_a_held_out_set():
    assert HELDOUT and all(s.name.startswith("held-out") for s in HELDOUT)


@pytest.mark.parametrize("heldout", HELDOUT, ids=[s.name for s in HELDOUT])
def test_the_first_held_out_score_is_recorded_with_its_commit_and_data(heldout):
    record = evaluate.first_score(heldout)
    assert record is not None, "record the first held-out score: annotated-reader eval --record-first"
    assert len(record["commit"]) == 40
    assert record["data_sha256"] == evaluate.fingerprint(heldout), "the held-out texts or gold changed since the first score"
    assert record["figures"]["texts"] == len(list(heldout.texts[0].glob("*.txt")))
    assert record["figures"]["words"] >= 3000 and record["figures"]["texts"] >= 2


def test_a_recorded_first_score_is_never_replaced(tmp_path):
    heldout = HELDOUT[0]
    copy = evaluate.EvalSet("held-out", heldout.texts, tmp_path)
    shutil.copy(heldout.gold / evaluate.FIRST_SCORE, tmp_path / evaluate.FIRST_SCORE)
    before = (tmp_path / evaluate.FIRST_SCORE).read_bytes()
    with pytest.raises(ReaderError) as caught:
        evaluate.record_first(SETTINGS, copy, evaluate.SetScore("held-out"))
    assert caught.value.codes == [E.FIRST_SCORE_EXISTS.code]
    assert (tmp_path / evaluate.FIRST_SCORE).read_bytes() == before
    assert json.loads(before)["figures"]
