"""The glossary contract: every kind of broken entry is reported as file:line: problem; fix."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from annotated_reader.inputs.glossary import load_glossary
from annotated_reader.errors import E, ReaderError

GOOD = """---
title: Giovanni Arrighi
type: person
aliases: [Arrighi]
summary: An Italian political economist and world-systems scholar.
see_also: [david-harvey]
references:
  - {title: Giovanni Arrighi, publisher: Encyclopaedia, url: "https://example.org/arrighi", supports: the dates}
  - {title: The Long Twentieth Century, publisher: Verso, url: "https://example.org/ltc", supports: the book}
---
Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation. Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation. Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation. Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation. Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation. Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation. Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation. Giovanni Arrighi wrote about the long twentieth century and cycles of accumulation.
"""

HARVEY = """---
title: David Harvey
type: person
summary: A geographer.
references:
  - {title: David Harvey, publisher: Encyclopaedia, url: "https://example.org/harvey", supports: the dates}
  - {title: The New Imperialism, publisher: OUP, url: "https://example.org/ni", supports: the book}
---
David Harvey is a geographer who writes about capital, cities and the new imperialism. David Harvey is a geographer who writes about capital, cities and the new imperialism. David Harvey is a geographer who writes about capital, cities and the new imperialism. David Harvey is a geographer who writes about capital, cities and the new imperialism. David Harvey is a geographer who writes about capital, cities and the new imperialism. David Harvey is a geographer who writes about capital, cities and the new imperialism. David Harvey is a geographer who writes about capital, cities and the new imperialism.
"""

ONE_REFERENCE = GOOD.replace("  - {title: The Long", "  # - {title: The Long")


def problems_for(tmp_path: Path, files: dict[str, str]) -> list[str]:
    """The problems of a glossary made of ``files``, as printed (paths relative to ``tmp_path``)."""
    directory = tmp_path / "glossary"
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        load_glossary(directory)
    except ReaderError as exc:
        return [str(p) for p in exc.problems]
    finally:
        os.chdir(cwd)
    return []


def test_valid_glossary_loads(tmp_path):
    assert problems_for(tmp_path, {"giovanni-arrighi.md": GOOD, "david-harvey.md": HARVEY}) == []


CASES = [
    ("unknown key", GOOD.replace("type: person", "type: person\ncolour: red"), 4, E.UNKNOWN_KEY),
    ("missing key", GOOD.replace("summary: An Italian political economist and world-systems scholar.\n", ""), 1, E.MISSING_KEY),
    ("wrong type", GOOD.replace("type: person", "type: human"), 3, E.BAD_CHOICE),
    ("aliases not a list", GOOD.replace("aliases: [Arrighi]", "aliases: 12"), 4, E.BAD_VALUE),
    ("see_also naming no entry", GOOD.replace("[david-harvey]", "[david-harvy]"), 6, E.SEE_ALSO_MISSING),
    ("duplicate YAML key", GOOD.replace("type: person", "type: person\ntype: concept"), 4, E.DUPLICATE_KEY),
    ("invalid YAML", GOOD.replace("summary: An", "summary: [An"), 6, E.YAML_SYNTAX),
    ("no front matter", "just text\n", 1, E.NO_FRONT_MATTER),
    ("empty file", "", 1, E.EMPTY),
    ("body too short", GOOD.split("---\n")[0] + "---\n" + GOOD.split("---\n")[1] + "---\nShort body.\n", 11, E.BODY_LENGTH),
    ("placeholder", GOOD.replace("An Italian", "TODO An Italian"), 5, E.PLACEHOLDER),
    ("summary too long", GOOD.replace("An Italian", "word " * 41 + "An Italian"), 5, E.SUMMARY_LONG),
    ("title over two lines", GOOD.replace("title: Giovanni Arrighi", 'title: "Giovanni\\nArrighi"'), 2, E.PLAIN_TEXT),
    ("straight quote in summary", GOOD.replace("summary: An Italian", "summary: An \"Italian\""), 5, E.PLAIN_TEXT),
    ("reference URL that is not http(s)", GOOD.replace('"https://example.org/ltc"', "ftp://example.org/ltc"), 9, E.REFERENCE_URL),
    ("a reference listed twice", GOOD.replace("example.org/ltc", "example.org/arrighi"), 9, E.REFERENCE_TWICE),
    ("the same page under http, www. and a trailing slash",
     GOOD.replace('"https://example.org/ltc"', '"http://www.Example.org/arrighi/#life"'), 9, E.REFERENCE_TWICE),
    ("a person with one reference", GOOD.replace("  - {title: The Long", "  # - {title: The Long"), 7, E.FEW_REFERENCES),
    ("a place with one reference (a contested place)", ONE_REFERENCE.replace("type: person", "type: place"), 7, E.FEW_REFERENCES),
    ("a concept with one reference (a named originator)", ONE_REFERENCE.replace("type: person", "type: concept"), 7,
     E.FEW_REFERENCES),
    ("a state with one reference (a disputed territory)", ONE_REFERENCE.replace("type: person", "type: state"), 7,
     E.FEW_REFERENCES),
    ("no references", GOOD.split("references:")[0] + "---" + GOOD.split("\n---", 2)[1], 1, E.FEW_REFERENCES),
    ("a 5,000-digit number", GOOD.replace("type: person", "type: person\nwikipedia: " + "9" * 5000), 4, E.YAML_VALUE),
    ("a date that is no date", GOOD.replace("type: person", "type: event\ndate: 1945-02-30"), 4, E.DATE_FORMAT),
    ("a month that is no month", GOOD.replace("type: person", "type: event\nstart: 1945-13"), 4, E.DATE_FORMAT),
    ("a date in words", GOOD.replace("type: person", "type: event\ndate: February 1945"), 4, E.DATE_FORMAT),
    ("a date and a span", GOOD.replace("type: person", "type: event\ndate: 1945\nstart: 1945-02"), 5, E.DATE_AND_SPAN),
    ("an end without a start", GOOD.replace("type: person", "type: event\nend: 1945"), 4, E.END_WITHOUT_START),
    ("an end before its start", GOOD.replace("type: person", "type: event\nstart: 1945-02-11\nend: 1945-02-04"), 5,
     E.END_BEFORE_START),
    ("a date on a person", GOOD.replace("type: person", "type: person\ndate: 1937"), 4, E.DATE_NOT_TIMED),
]


@pytest.mark.parametrize("name,text,line,error", CASES, ids=[c[0] for c in CASES])
def test_broken_entry_is_reported_with_file_line_code_and_fix(tmp_path, name, text, line, error):
    found = problems_for(tmp_path, {"giovanni-arrighi.md": text, "david-harvey.md": HARVEY})
    assert any(p.startswith(f"glossary/giovanni-arrighi.md:{line}: [{error.code}] ") for p in found), found
    assert all(re.match(r"^glossary/[^:]+:\d+: \[E\d{3}\] [^;]+; .+", p) for p in found), found


@pytest.mark.parametrize("fields", ["date: 1945", "date: 1945-02", "date: 1945-02-04", "start: 2014-02",
                                    "start: 1945-02-04\nend: 1945-02-11", "start: 1947\nend: 1991-12",
                                    "start: 2023-01\nend: 2023-01-31"])
def test_dates_an_event_may_have(tmp_path, fields):
    text = GOOD.replace("type: person", "type: event\n" + fields)
    assert problems_for(tmp_path, {"giovanni-arrighi.md": text, "david-harvey.md": HARVEY}) == []


def test_a_case_fails_on_a_valid_file(tmp_path):
    """The table above is not vacuous: the valid entry gives none of its problems."""
    assert problems_for(tmp_path, {"giovanni-arrighi.md": GOOD, "david-harvey.md": HARVEY}) == []


@pytest.mark.parametrize("entry_type", ["organization", "document"])
def test_one_reference_is_enough_for_organisations_and_documents(tmp_path, entry_type):
    one = ONE_REFERENCE.replace("type: person", f"type: {entry_type}")
    assert problems_for(tmp_path, {"giovanni-arrighi.md": one, "david-harvey.md": HARVEY}) == []


def test_different_pages_of_one_site_are_different_sources(tmp_path):
    other_page = GOOD.replace('"https://example.org/ltc"', '"https://example.org/arrighi?page=2"')
    assert problems_for(tmp_path, {"giovanni-arrighi.md": other_page, "david-harvey.md": HARVEY}) == []


def test_alias_claimed_by_two_entries(tmp_path):
    other = HARVEY.replace("type: person", "type: person\naliases: [Arrighi]")
    found = problems_for(tmp_path, {"giovanni-arrighi.md": GOOD, "david-harvey.md": other})
    assert any(p.startswith(f"glossary/giovanni-arrighi.md:4: [{E.NAME_CLAIMED.code}] 'Arrighi' is also claimed by glossary/david-harvey.md")
               for p in found), found


@pytest.mark.parametrize("claims,clash", [
    ("aliases: [Arrighi]", True),  # both unrestricted
    ("aliases:\n  - text: Arrighi\n    period: [1922, 1991]", False),  # restricted wins in its years
    ("aliases:\n  - text: Arrighi\n    written: [1918, 1941]", False),
])
def test_a_name_restricted_to_some_years_may_share_an_unrestricted_one(tmp_path, claims, clash):
    other = HARVEY.replace("type: person", f"type: person\n{claims}")
    found = problems_for(tmp_path, {"giovanni-arrighi.md": GOOD, "david-harvey.md": other})
    assert any(f"[{E.NAME_CLAIMED.code}]" in p for p in found) == clash, found


def test_two_claims_restricted_to_overlapping_years_clash(tmp_path):
    one = GOOD.replace("aliases: [Arrighi]", "aliases:\n  - text: Arrighi\n    period: [1950, 2000]")
    other = HARVEY.replace("type: person", "type: person\naliases:\n  - text: Arrighi\n    period: [1990, null]")
    found = problems_for(tmp_path, {"giovanni-arrighi.md": one, "david-harvey.md": other})
    assert any(f"[{E.NAME_CLAIMED.code}] 'Arrighi'" in p for p in found), found


def test_invalid_id_and_duplicate_title(tmp_path):
    found = problems_for(tmp_path, {"giovanni-arrighi.md": GOOD, "david-harvey.md": HARVEY,
                                    "Arrighi_2.md": GOOD.replace("aliases: [Arrighi]", "aliases: []"),
                                    "arrighi-again.md": GOOD.replace("aliases: [Arrighi]", "aliases: []")})
    assert any(p.startswith(f"glossary/Arrighi_2.md:1: [{E.BAD_ID.code}] 'Arrighi_2' is not a valid entry id") for p in found), found
    assert any(p.startswith(f"glossary/giovanni-arrighi.md:2: [{E.NAME_CLAIMED.code}] 'Giovanni Arrighi' is also claimed by "
                            "glossary/arrighi-again.md") for p in found), found


def test_all_problems_are_reported_at_once(tmp_path):
    bad1 = GOOD.replace("type: person", "type: human")
    bad2 = HARVEY.replace("title: David Harvey", "title: David Harvey\ntitle: Again")
    found = problems_for(tmp_path, {"giovanni-arrighi.md": bad1, "david-harvey.md": bad2})
    assert {p.split(":")[0] for p in found} == {"glossary/giovanni-arrighi.md", "glossary/david-harvey.md"}


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "annotated_reader", *args], cwd=project,
                          capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("name,text,line,error", CASES[:6], ids=[c[0] for c in CASES[:6]])
def test_broken_entry_leaves_the_previous_site_untouched(project, name, text, line, error, root):
    if not (project / "site").exists():
        ok = run_cli(project, "build", "--no-progress", "--cache", str(root / ".cache" / "reader"))
        assert ok.returncode == 0, ok.stderr
    before = {p.relative_to(project): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    (project / "glossary" / "giovanni-arrighi.md").write_text(text, encoding="utf-8")
    result = run_cli(project, "build", "--no-progress")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"glossary/giovanni-arrighi.md:{line}: [{error.code}]" in result.stderr
    assert "nothing was changed" in result.stderr
    after = {p.relative_to(project): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    check = run_cli(project, "check")
    assert check.returncode == 1 and "glossary/giovanni-arrighi.md:" in check.stderr
