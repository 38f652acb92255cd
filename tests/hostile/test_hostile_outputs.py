"""Output directories: a build replaces only an earlier build, never a checkout or an input.

Each refusal comes before anything is read or written: the project is the same file for file
afterwards, and the message names the directory and the option to change.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotated_reader.errors import E, ReaderError
from annotated_reader.settings import Settings
from annotated_reader.site.build import build

SCRIPT = Path(sys.executable).with_name("annotated-reader")


def snapshot(directory: Path) -> dict[Path, bytes | str]:
    return {p.relative_to(directory): (p.read_bytes() if p.is_file() and not p.is_symlink() else str(p.is_symlink()))
            for p in sorted(directory.rglob("*"))}


def refused(project: Path, **options) -> set[str]:
    settings = Settings(root=project, progress=False, jobs=1, **options)
    before = snapshot(project)
    with pytest.raises(ReaderError) as caught:
        build(settings)
    assert snapshot(project) == before, "a refused build changed the project"
    return {p.code for p in caught.value.problems}


@pytest.mark.parametrize("out", [".", "..", "sources", "glossary", "overrides", "glossary/sub"],
                         ids=["the project", "above the project", "sources", "glossary", "overrides", "inside glossary"])
def test_the_site_directory_may_not_be_or_hold_the_project_or_an_input(project, out):
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    assert refused(project, out=Path(out)) == {E.OUTPUT_HOLDS_PROJECT.code}


@pytest.mark.parametrize("docs", [".", "sources", ".cache"], ids=["the project", "sources", "the cache"])
def test_the_pages_directory_may_not_be_or_hold_the_project_or_an_input(project, docs):
    (project / ".cache" / "reader").mkdir(parents=True)
    assert refused(project, docs=Path(docs), cache=Path(".cache/reader")) == {E.OUTPUT_HOLDS_PROJECT.code}


def test_a_directory_that_is_not_an_earlier_build_is_refused(project):
    (project / "notes").mkdir()
    (project / "notes" / "draft.md").write_text("my notes\n")
    assert refused(project, out=Path("notes")) == {E.OUTPUT_NOT_A_BUILD.code}
    assert refused(project, docs=Path("notes")) == {E.OUTPUT_NOT_A_BUILD.code}


def test_a_linked_output_directory_is_refused(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "keep.txt").write_text("keep\n")
    (project / "site").symlink_to(elsewhere)
    assert refused(project) == {E.OUTPUT_IS_LINK.code}
    assert (elsewhere / "keep.txt").read_text() == "keep\n"


def test_a_file_in_the_place_of_the_output_is_refused(project):
    (project / "site").write_text("not a directory\n")
    assert refused(project) == {E.OUTPUT_NOT_DIRECTORY.code}


def test_site_and_pages_in_one_directory_are_refused(project):
    assert refused(project, out=Path("build/x"), docs=Path("build/x")) == {E.OUTPUTS_OVERLAP.code}
    assert refused(project, out=Path("build/x"), docs=Path("build/x/docs")) == {E.OUTPUTS_OVERLAP.code}


def test_a_bad_site_address_is_refused(project):
    assert refused(project, site_url="javascript:alert(1)") == {E.SITE_URL.code}


def test_the_command_line_refuses_out_dot_without_a_traceback(project):
    before = snapshot(project)
    result = subprocess.run([str(SCRIPT), "build", "--out", ".", "--no-progress"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"[{E.OUTPUT_HOLDS_PROJECT.code}] the site directory is the project directory" in result.stderr
    assert snapshot(project) == before


def test_a_date_that_is_not_seconds_is_refused(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "$(shell touch marker)")
    assert refused(project) == {E.EPOCH.code}
