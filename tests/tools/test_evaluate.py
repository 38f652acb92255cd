"""`make eval` in the suite: linking accuracy against the hand-made gold, with its floors."""

from pathlib import Path

import pytest

from annotated_reader.model import Mention
from annotated_reader.tools.evaluate import Gold, evaluate, floors, report, score
from annotated_reader.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scores():
    return evaluate(Settings(root=ROOT, cache=ROOT / ".cache" / "reader", progress=False), ROOT / "tests" / "gold")


@pytest.mark.parametrize("name", ["corpus", "generalisation: generalisation-essay", "generalisation: blind-essay"])
def test_linking_meets_its_floors(scores, name):
    floor_precision, floor_recall = floors(name)
    s = scores[name]
    assert s.gold >= 90
    assert s.precision >= floor_precision and s.recall >= floor_recall, report({name: s})


def test_gold_is_consistent_with_the_texts(scores):
    # Every gold span was found in its block: misses carry the block text, so check they agree.
    for name, s in scores.items():
        for text_id, block_id, surface, entry, block in s.misses:
            assert surface in block


def m(block, start, end, entry):
    return Mention("t", block, start, end, entry, "x" * (end - start), 0, 10)


def g(block, start, end, entry):
    return Gold("t", block, start, end, "x" * (end - start), entry)


TEXTS = {("t", "p-1"): "0123456789" * 3, ("t", "p-2"): "0123456789" * 3}


@pytest.mark.parametrize("predicted,gold,expected", [
    ([m("p-1", 0, 5, "a")], [g("p-1", 0, 5, "a")], (1.0, 1.0)),
    ([m("p-1", 0, 5, "a")], [g("p-1", 2, 8, "a")], (1.0, 1.0)),          # overlap counts
    ([m("p-1", 0, 5, "b")], [g("p-1", 0, 5, "a")], (0.0, 0.0)),          # wrong entry
    ([m("p-1", 0, 5, "a")], [g("p-1", 0, 5, None)], (0.0, 1.0)),         # a must-not-link span
    ([m("p-1", 0, 5, "a"), m("p-1", 1, 3, "a")], [g("p-1", 0, 5, "a")], (0.5, 1.0)),  # gold counts once
    ([], [g("p-2", 0, 5, "a")], (1.0, 0.0)),
])
def test_score(predicted, gold, expected):
    s = score(predicted, gold, {"a": "person", "b": "state"}, TEXTS)
    assert (s.precision, s.recall) == expected
