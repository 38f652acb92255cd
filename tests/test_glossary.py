"""The glossary contract: every kind of broken entry is reported as file:line: problem; fix."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.glossary import load_glossary
from reader.problems import InputError

GOOD = """---
title: Giovanni Arrighi
type: person
aliases: [Arrighi]
summary: An Italian political economist and world-systems scholar.
see_also: [david-harvey]
---
Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation. Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation. Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation. Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation. Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation. Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation. Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation. Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation.
"""

HARVEY = """---
title: David Harvey
type: person
summary: A geographer.
---
David Harvey is a geographer who writes about capital, cities and the new imperialism. David Harvey is a geographer who writes about capital, cities and the new imperialism. David Harvey is a geographer who writes about capital, cities and the new imperialism. David Harvey is a geographer who writes about capital, cities and the new imperialism. David Harvey is a geographer who writes about capital, cities and the new imperialism. David Harvey is a geographer who writes about capital, cities and the new imperialism. David Harvey is a geographer who writes about capital, cities and the new imperialism.
"""


def problems_for(tmp_path: Path, files: dict[str, str]) -> list[str]:
    directory = tmp_path / "glossary"
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        load_glossary(directory)
    except InputError as exc:
        return [str(p) for p in exc.problems]
    finally:
        os.chdir(cwd)
    return []


def test_valid_glossary_loads(tmp_path):
    assert problems_for(tmp_path, {"giovanni-arrighi.md": GOOD, "david-harvey.md": HARVEY}) == []


CASES = [
    ("unknown key", GOOD.replace("type: person", "type: person\ncolour: red"),
     "glossary/giovanni-arrighi.md:4: unknown key 'colour'; remove it"),
    ("missing key", GOOD.replace("summary: An Italian political economist and world-systems scholar.\n", ""),
     "glossary/giovanni-arrighi.md:1: missing required key 'summary'; add the key"),
    ("wrong type", GOOD.replace("type: person", "type: human"),
     "glossary/giovanni-arrighi.md:3: 'human' is not a valid type; use one of: person, state"),
    ("aliases not a list", GOOD.replace("aliases: [Arrighi]", "aliases: 12"),
     "glossary/giovanni-arrighi.md:4: aliases:"),
    ("see_also naming no entry", GOOD.replace("[david-harvey]", "[david-harvy]"),
     "glossary/giovanni-arrighi.md:6: see_also names 'david-harvy', but there is no glossary/david-harvy.md"),
    ("duplicate YAML key", GOOD.replace("type: person", "type: person\ntype: concept"),
     "glossary/giovanni-arrighi.md:4: duplicate key 'type'"),
    ("invalid YAML", GOOD.replace("summary: An", "summary: [An"),
     "glossary/giovanni-arrighi.md:"),
    ("no front matter", "just text\n", "glossary/giovanni-arrighi.md:1: the file does not start with a '---'"),
    ("empty file", "", "glossary/giovanni-arrighi.md:1: the file is empty"),
    ("body too short", GOOD.split("---\n")[0] + "---\n" + GOOD.split("---\n")[1] + "---\nShort body.\n",
     "glossary/giovanni-arrighi.md:8: the body has 2 words, outside 80–300"),
    ("placeholder", GOOD.replace("An Italian", "TODO An Italian"),
     "glossary/giovanni-arrighi.md:5: summary contains the placeholder 'TODO'"),
    ("summary too long", GOOD.replace("An Italian", "word " * 41 + "An Italian"),
     "glossary/giovanni-arrighi.md:5: summary: the summary has"),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_broken_entry_is_reported_with_file_line_and_fix(tmp_path, name, text, expected):
    found = problems_for(tmp_path, {"giovanni-arrighi.md": text, "david-harvey.md": HARVEY})
    assert any(p.startswith(expected) for p in found), found
    assert all(p.count(": ") >= 1 and "; " in p for p in found)


def test_alias_claimed_by_two_entries(tmp_path):
    other = HARVEY.replace("type: person", "type: person\naliases: [Arrighi]")
    found = problems_for(tmp_path, {"giovanni-arrighi.md": GOOD, "david-harvey.md": other})
    assert any("'Arrighi' is also claimed by" in p for p in found), found


def test_invalid_id_and_duplicate_title(tmp_path):
    found = problems_for(tmp_path, {"giovanni-arrighi.md": GOOD, "david-harvey.md": HARVEY,
                                    "Arrighi_2.md": GOOD.replace("aliases: [Arrighi]", "aliases: []")})
    assert any(p.startswith("glossary/Arrighi_2.md:1: 'Arrighi_2' is not a valid entry id") for p in found), found


def test_all_problems_are_reported_at_once(tmp_path):
    bad1 = GOOD.replace("type: person", "type: human")
    bad2 = HARVEY.replace("title: David Harvey", "title: David Harvey\ntitle: Again")
    found = problems_for(tmp_path, {"giovanni-arrighi.md": bad1, "david-harvey.md": bad2})
    assert {p.split(":")[0] for p in found} == {"glossary/giovanni-arrighi.md", "glossary/david-harvey.md"}


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "scripts"))
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("name,text,expected", CASES[:6], ids=[c[0] for c in CASES[:6]])
def test_broken_entry_leaves_the_previous_site_untouched(project, name, text, expected, request):
    if not (project / "site").exists():
        ok = run_cli(project, "build", "--no-progress", "--cache", str(Path(__file__).resolve().parents[1] / ".cache" / "reader"))
        assert ok.returncode == 0, ok.stderr
    before = {p.relative_to(project): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    (project / "glossary" / "giovanni-arrighi.md").write_text(
        text.replace("see_also: [david-harvey]", "see_also: [david-harvey]") , encoding="utf-8")
    result = run_cli(project, "build", "--no-progress")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "glossary/giovanni-arrighi.md:" in result.stderr
    assert "nothing was changed" in result.stderr
    after = {p.relative_to(project): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    check = run_cli(project, "check")
    assert check.returncode == 1 and "glossary/giovanni-arrighi.md:" in check.stderr
