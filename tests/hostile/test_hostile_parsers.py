"""Parser failures and references to things that are not entries: always file:line, never a traceback."""

from __future__ import annotations

import pytest

from annotated_reader.errors import E, ReaderError
from annotated_reader.inputs.glossary import load_glossary
from annotated_reader.inputs.sources import load_sources

from .conftest import SOURCE, entry, located

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

YAML = {
    "5,000-digit integer": ("wikipedia: " + "9" * 5000 + "\n", 5, {E.YAML_VALUE}),
    "3,000 levels of flow nesting": ("aliases: " + "[" * 3000 + "]" * 3000 + "\n", 5, {E.YAML_SYNTAX, E.YAML_TOO_DEEP}),
    "a mapping that contains itself": ("aliases: &a [*a]\n", 5, {E.YAML_TOO_DEEP, E.YAML_TOO_BIG}),
    "python object tag": ("wikipedia: !!python/object:os.system x\n", 5, {E.YAML_VALUE}),
    "python name tag": ("wikipedia: !!python/name:os.system\n", 5, {E.YAML_VALUE}),
    "invalid timestamp": ("wikipedia: !!timestamp 2025-13-45\n", 5, {E.YAML_VALUE}),
    "invalid float": ("wikipedia: !!float nope\n", 5, {E.YAML_VALUE}),
    "unknown local tag": ("wikipedia: !evil x\n", 5, {E.YAML_VALUE}),
    "invalid base64": ("wikipedia: !!binary '@@@'\n", 5, {E.YAML_VALUE, E.BAD_VALUE}),
    "a key that is a list": ("? [a, b]\n: c\n", 5, {E.KEY_NOT_WORD}),
    "tab indentation": ("aliases:\n\t- x\n", 6, {E.YAML_SYNTAX}),
    "unclosed quote": ("wikipedia: 'unclosed\n", 5, {E.YAML_SYNTAX}),
}


@pytest.mark.parametrize("name", list(YAML))
def test_every_yaml_failure_in_an_entry_is_a_located_problem(inputs, name):
    extra, line, errors = YAML[name]
    (inputs / "glossary" / "hostile-entry.md").write_text(entry(extra=extra), encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_glossary(inputs / "glossary")
    mine = {(p.line, p.code) for p in caught.value.problems if p.path == "glossary/hostile-entry.md"}
    assert {code for _, code in mine} & {e.code for e in errors}, [str(p) for p in caught.value.problems]
    assert all(p.path and p.line for p in caught.value.problems)
    assert all(number >= 2 for number, _ in mine)  # within the front matter (the line the parser noticed it)


@pytest.mark.parametrize("name", list(YAML))
def test_every_yaml_failure_in_a_source_is_a_located_problem(inputs, name):
    extra, _, errors = YAML[name]
    extra = extra.replace("wikipedia:", "date_note:").replace("aliases:", "furniture:")
    (inputs / "sources" / "hostile-text.txt").write_text(SOURCE.format(extra=extra), encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_sources(inputs / "sources")
    assert {p.code for p in caught.value.problems} & {e.code for e in errors} | {E.BAD_VALUE.code, E.UNKNOWN_KEY.code}
    assert all(p.path == "sources/hostile-text.txt" and p.line for p in caught.value.problems)


def test_a_multi_line_value_is_reported_on_one_line(inputs):
    (inputs / "glossary" / "hostile-entry.md").write_text(
        entry(type_='"person\\n::warning file=x::forged annotation"'), encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_glossary(inputs / "glossary")
    printed = str(caught.value).splitlines()
    assert printed and not any(line.startswith("::") for line in printed)
    assert ("glossary/hostile-entry.md", 3, E.BAD_CHOICE.code) in located(caught.value.problems)


def _see_also(inputs, target: str) -> set:
    path = inputs / "glossary" / "china.md"
    path.write_text(path.read_text(encoding="utf-8").replace("see_also: [", f"see_also: [{target}, "), encoding="utf-8")
    with pytest.raises(ReaderError) as caught:
        load_glossary(inputs / "glossary")
    return located(caught.value.problems)


SEE_ALSO_LINE = next(n for n, line in enumerate((ROOT / "glossary" / "china.md").read_text(encoding="utf-8").splitlines(), 1)
                     if line.startswith("see_also:"))


def test_see_also_naming_a_directory_is_refused(inputs):
    (inputs / "glossary" / "folder.md").mkdir()
    assert _see_also(inputs, "folder") == {("glossary/china.md", SEE_ALSO_LINE, E.SEE_ALSO_NOT_ENTRY.code)}


def test_see_also_naming_a_linked_directory_is_refused(inputs, tmp_path):
    (inputs / "glossary" / "elsewhere.md").symlink_to(tmp_path)
    assert ("glossary/china.md", SEE_ALSO_LINE, E.SEE_ALSO_NOT_ENTRY.code) in _see_also(inputs, "elsewhere")


def test_see_also_naming_the_readme_is_refused(inputs):
    (inputs / "glossary" / "readme.md").write_text("How this folder works.\n", encoding="utf-8")
    assert _see_also(inputs, "readme") == {("glossary/china.md", SEE_ALSO_LINE, E.SEE_ALSO_NOT_ENTRY.code)}


def test_see_also_naming_nothing_is_still_the_missing_entry_message(inputs):
    assert _see_also(inputs, "no-such-entry") == {("glossary/china.md", SEE_ALSO_LINE, E.SEE_ALSO_MISSING.code)}
