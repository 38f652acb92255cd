"""Scaffolding a glossary entry: the id derived from the title, refusals, the skeleton, the template."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from annotated_reader.cli import main as cli_main
from annotated_reader.errors import E, ReaderError
from annotated_reader.inputs import frontmatter
from annotated_reader.inputs.formats import EntryFormat
from annotated_reader.inputs.glossary import parse_entry
from annotated_reader.model import TYPE_KEYS
from annotated_reader.tools.new_entry import entry_id_for, scaffold

ROOT = Path(__file__).resolve().parents[2]


def main(argv):
    return cli_main(["new-entry", *argv])


def parse(path):
    return frontmatter.parse(path, [], folder="glossary", guide="CONTRIBUTING.md")
TEMPLATE = ROOT / ".github" / "ENTRY_TEMPLATE.md"


@pytest.fixture
def glossary_dir(tmp_path) -> Path:
    directory = tmp_path / "glossary"
    directory.mkdir()
    return directory


@pytest.fixture
def in_tmp(tmp_path):
    """Run with tmp_path as the working directory, so problems name files as glossary/<id>.md."""
    cwd = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(cwd)


@pytest.mark.parametrize(("title", "expected"), [
    ("Giovanni Arrighi", "giovanni-arrighi"),
    ("Yalta Conference", "yalta-conference"),
    ("Türkiye", "turkiye"),
    ("Łódź", "lodz"),
    ("Straße", "strasse"),
    ("“No limits” partnership", "no-limits-partnership"),
    ("People's Republic of China", "peoples-republic-of-china"),
    ("China–Russia relations", "china-russia-relations"),
    ("Penal colony IK-4 (Torzhok)", "penal-colony-ik-4-torzhok"),
    ("  World   War  II ", "world-war-ii"),
])
def test_id_from_title(title, expected):
    assert entry_id_for(title) == expected
    assert frontmatter.FILE_ID.match(expected)


@pytest.mark.parametrize(("title", "entry_type", "name"), [
    ("Giovanni Arrighi", "person", "giovanni-arrighi.md"),
    ("Yalta Conference", "event", "yalta-conference.md"),
    ("Türkiye", "state", "turkiye.md"),
])
def test_scaffold_writes_the_expected_file(glossary_dir, title, entry_type, name):
    path = scaffold(glossary_dir, title, entry_type)
    assert path == glossary_dir / name
    assert path.is_file()
    problems: list = []
    fm = frontmatter.parse(path, problems, folder="glossary", guide="CONTRIBUTING.md")
    assert problems == [] and fm is not None
    meta = EntryFormat.model_validate(fm.data)  # every key and value has the right form
    assert (meta.title, meta.type, meta.aliases, meta.see_also) == (title, entry_type, [], [])
    assert meta.summary.startswith("TODO")
    assert fm.body.lstrip().startswith("TODO")
    assert set(fm.data) == {"title", "type", "aliases", "summary", "references"}
    assert [p.name for p in glossary_dir.iterdir()] == [name]


@pytest.mark.parametrize("title", ["Straße: eine Probe", "yes", "null", "#hashtag", "Sex & the City", "Title # not a comment"])
def test_titles_that_need_quoting_survive_the_round_trip(glossary_dir, title):
    path = scaffold(glossary_dir, title, "concept")
    fm = parse(path)
    assert fm is not None and fm.data["title"] == title


def test_refuses_an_existing_entry(glossary_dir):
    existing = glossary_dir / "yalta-conference.md"
    existing.write_text("an entry someone is writing\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="already exists"):
        scaffold(glossary_dir, "Yalta Conference", "event")
    assert existing.read_text(encoding="utf-8") == "an entry someone is writing\n"


def test_refuses_a_second_scaffold_of_the_same_title(glossary_dir):
    first = scaffold(glossary_dir, "Türkiye", "state")
    before = first.read_text(encoding="utf-8")
    with pytest.raises(ReaderError, match="turkiye.md already exists"):
        scaffold(glossary_dir, "Türkiye", "place")
    assert first.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("entry_type", ["human", "Person", "people", "", "organisation"])
def test_refuses_an_invalid_type(glossary_dir, entry_type):
    with pytest.raises(ReaderError, match="not a valid type; use one of: " + ", ".join(TYPE_KEYS)):
        scaffold(glossary_dir, "Giovanni Arrighi", entry_type)
    assert list(glossary_dir.iterdir()) == []


@pytest.mark.parametrize("title", ["1984", "北京", "---"])
def test_refuses_a_title_without_a_valid_id(glossary_dir, title):
    with pytest.raises(ReaderError, match="not a valid entry id"):
        scaffold(glossary_dir, title, "document")
    assert list(glossary_dir.iterdir()) == []


def test_an_explicit_id_is_used_when_given(glossary_dir):
    path = scaffold(glossary_dir, "1984", "document", entry_id="nineteen-eighty-four")
    assert path == glossary_dir / "nineteen-eighty-four.md"
    with pytest.raises(ReaderError, match="not a valid entry id"):
        scaffold(glossary_dir, "1984", "document", entry_id="Nineteen_84")


@pytest.mark.parametrize("title,code", [
    ("", E.SCAFFOLD), (" Padded", E.PLAIN_TEXT), ("Two\nlines", E.PLAIN_TEXT), ("<b>Bold</b>", E.PLAIN_TEXT),
    ("Say \"hi\"", E.PLAIN_TEXT), ("Name" + "x" * 117, E.BAD_VALUE),
])
def test_refuses_an_invalid_title_through_the_glossary_validation(glossary_dir, title, code):
    with pytest.raises(ReaderError) as caught:
        scaffold(glossary_dir, title, "concept")
    assert caught.value.codes == [code.code]
    assert list(glossary_dir.iterdir()) == []


def test_refuses_a_missing_glossary_directory(tmp_path):
    with pytest.raises(ReaderError, match="does not exist"):
        scaffold(tmp_path / "nowhere", "Yalta Conference", "event")


def test_skeleton_is_valid_apart_from_its_placeholders(glossary_dir, in_tmp):
    """Only placeholder text (and its short body) can make ``make check`` reject a fresh skeleton."""
    path = scaffold(glossary_dir, "Yalta Conference", "event")
    problems: list = []
    parse_entry(path, problems)
    assert problems and {p.code for p in problems} <= {E.PLACEHOLDER.code, E.BODY_LENGTH.code, E.FEW_REFERENCES.code}, \
        [str(p) for p in problems]


def test_make_check_rejects_a_skeleton(glossary_dir, in_tmp):
    path = scaffold(glossary_dir, "Yalta Conference", "event")
    problems: list = []
    assert parse_entry(path, problems) is None
    located = {(p.path, p.line, p.code) for p in problems}
    assert ("glossary/yalta-conference.md", 5, E.PLACEHOLDER.code) in located, located
    # an event's skeleton has two comment lines about its date (line 6 and 7) before the references
    assert ("glossary/yalta-conference.md", 15, E.PLACEHOLDER.code) in located, located
    assert ("glossary/yalta-conference.md", 13, E.FEW_REFERENCES.code) in located, located


def test_main_prints_the_path_written(glossary_dir, capsys):
    assert main(["--title", "Yalta Conference", "--type", "event", "--glossary", str(glossary_dir)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == str(glossary_dir / "yalta-conference.md")
    assert (glossary_dir / "yalta-conference.md").is_file()


def test_main_reports_a_refusal(glossary_dir, capsys):
    (glossary_dir / "yalta-conference.md").write_text("x\n", encoding="utf-8")
    assert main(["--title", "Yalta Conference", "--type", "event", "--glossary", str(glossary_dir)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "already exists" in captured.err


def test_main_rejects_an_invalid_type_with_usage(glossary_dir, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--title", "Yalta Conference", "--type", "human", "--glossary", str(glossary_dir)])
    assert exit_info.value.code == 2
    assert "invalid choice: 'human'" in capsys.readouterr().err
    assert list(glossary_dir.iterdir()) == []


def test_main_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for option in ("--title", "--type", "--glossary", "--id"):
        assert option in out


def test_entry_template_is_a_valid_entry(glossary_dir, in_tmp):
    """.github/ENTRY_TEMPLATE.md is a complete example: it passes the glossary contract as it stands."""
    copy = glossary_dir / "yalta-conference.md"
    copy.write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    problems: list = []
    entry = parse_entry(copy, problems)
    assert problems == [] and entry is not None, [str(p) for p in problems]
    for ref in entry.see_also:
        assert (ROOT / "glossary" / f"{ref}.md").is_file(), f"the template's see_also names '{ref}', which is no entry"
    words = len(entry.body.split())
    assert 80 <= words <= 300, f"the template's body has {words} words"
    fm = parse(copy)
    assert fm is not None and set(fm.data) <= set(EntryFormat.model_fields)


REPORT = [{"name": "Yalta Conference", "labels": ["EVENT"], "count": 3, "texts": ["a-text", "b-text"],
           "context": "The Yalta Conference divided   Europe.", "block": "a-text#p-1", "reviewed": None,
           "spellings": ["Yalta Conference", "the Yalta Conference’s"],
           "sentences": ["The Yalta Conference divided Europe.", "Critics of Yalta   spoke of betrayal."]},
          {"name": "Boris Kagarlitsky", "labels": ["PERSON"], "count": 1, "texts": ["a-text"],
           "context": "Boris Kagarlitsky wrote.", "block": "a-text#p-2", "reviewed": None}]


@pytest.fixture
def reports(tmp_path) -> Path:
    directory = tmp_path / "reports"
    directory.mkdir()
    (directory / "candidates.json").write_text(json.dumps(REPORT), encoding="utf-8")
    return directory


@pytest.mark.parametrize("name,path,entry_type", [
    ("Yalta Conference", "yalta-conference.md", "event"),
    ("boris kagarlitsky", "boris-kagarlitsky.md", "person"),
])
def test_from_a_wanted_name_fills_in_title_type_and_where_it_occurs(glossary_dir, reports, name, path, entry_type):
    assert main(["--from", name, "--glossary", str(glossary_dir), "--reports", str(reports)]) == 0
    written = (glossary_dir / path).read_text(encoding="utf-8")
    row = next(r for r in REPORT if r["name"].casefold() == name.casefold())
    assert f"title: {row['name']}\ntype: {entry_type}\n" in written
    assert f"# wanted: found {row['count']} time(s) in {', '.join(row['texts'])}" in written
    assert " ".join(row["context"].split()) in written
    for spelling in row.get("spellings", ()):
        assert spelling in written
    for sentence in row.get("sentences", ()):
        assert f"# e.g. {' '.join(sentence.split())}" in written
    problems = []
    parse_entry(glossary_dir / path, problems)
    assert {p.code for p in problems} <= {E.PLACEHOLDER.code, E.BODY_LENGTH.code, E.FEW_REFERENCES.code}


def test_from_refuses_a_name_that_is_not_wanted(glossary_dir, reports, capsys):
    assert main(["--from", "Atlantis", "--glossary", str(glossary_dir), "--reports", str(reports)]) == 1
    assert E.SCAFFOLD.code in capsys.readouterr().err
    assert list(glossary_dir.iterdir()) == []


def test_from_without_a_report_says_to_build_first(glossary_dir, tmp_path, capsys):
    assert main(["--from", "Yalta Conference", "--glossary", str(glossary_dir), "--reports", str(tmp_path / "none")]) == 1
    assert "make site" in capsys.readouterr().err
