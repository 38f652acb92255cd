"""Every input file is read one way: links and files that are not regular are refused unread.

Sources, glossary entries, gold annotation, the file given to ``import`` and the theme overrides
each meet a link to ``/dev/zero``, to ``/etc/passwd`` and to a well-formed file outside the
project, a named pipe, a directory in a file's place and a huge (sparse) file. Each is refused
with its file and line within a second or two, and nothing of the target is read or shown.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from annotated_reader.errors import E, ReaderError
from annotated_reader.inputs.files import MAX_BYTES, read_input
from annotated_reader.inputs.glossary import load_glossary
from annotated_reader.inputs.sources import load_sources
from annotated_reader.settings import Settings
from annotated_reader.site.build import build
from annotated_reader.tools.gold import load_gold
from annotated_reader.tools.import_source import import_file

from .conftest import ROOT, located

SECONDS = 5
"""A refusal reads nothing, so it is quick whatever the target."""


def _outside_source(tmp_path: Path) -> Path:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    shutil.copy(ROOT / "sources" / "us-rapprochement-with-russia.txt", outside)
    return outside


ATTACKS = {
    "link to /dev/zero": (lambda path, tmp: path.symlink_to("/dev/zero"), E.SYMLINK),
    "link to /etc/passwd": (lambda path, tmp: path.symlink_to("/etc/passwd"), E.SYMLINK),
    "link to a good file outside": (lambda path, tmp: path.symlink_to(_outside_source(tmp)), E.SYMLINK),
    "named pipe": (lambda path, tmp: os.mkfifo(path), E.NOT_REGULAR),
    "sparse 5 GB file": (lambda path, tmp: os.truncate(path.open("wb").name, 5_000_000_000), E.TOO_LARGE),
}


def within(seconds: float, function, *args):
    """``function(*args)`` in a thread; fail when it has not returned in ``seconds`` (a blocked read)."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = function(*args)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            outcome["error"] = exc
    thread = threading.Thread(target=run, daemon=True)
    started = time.perf_counter()
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still reading after {seconds} s"
    return outcome, time.perf_counter() - started


def refused(function, *args) -> list:
    outcome, _ = within(SECONDS, function, *args)
    error = outcome.get("error")
    assert isinstance(error, ReaderError), f"expected a refusal, got {outcome!r}"
    assert "root:" not in str(error)
    return error.problems


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_source_that_is_not_a_regular_file_is_refused_unread(inputs, attack):
    make, error = ATTACKS[attack]
    make(inputs / "sources" / "evil.txt", inputs)
    assert ("sources/evil.txt", 1, error.code) in located(refused(load_sources, inputs / "sources"))


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_an_entry_that_is_not_a_regular_file_is_refused_unread(inputs, attack):
    make, error = ATTACKS[attack]
    make(inputs / "glossary" / "evil.md", inputs)
    assert ("glossary/evil.md", 1, error.code) in located(refused(load_glossary, inputs / "glossary"))


def test_a_directory_in_the_place_of_a_source_is_refused(inputs):
    (inputs / "sources" / "folder.txt").mkdir()
    problems = refused(load_sources, inputs / "sources")
    assert ("sources/folder.txt", 1, E.NOT_REGULAR.code) in located(problems)
    assert "a directory" in str(problems[0])


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_gold_annotation_is_read_the_same_way(tmp_path, monkeypatch, attack):
    monkeypatch.chdir(tmp_path)
    make, error = ATTACKS[attack]
    make(tmp_path / "text.jsonl", tmp_path)
    problems = refused(load_gold, tmp_path, {"text": None}, None)
    assert ("text.jsonl", 1, error.code) in located(problems)


@pytest.mark.parametrize("target,error", [("/dev/zero", E.NOT_REGULAR), (None, E.NOT_REGULAR)],
                         ids=["link to /dev/zero", "named pipe"])
def test_the_file_to_import_is_never_a_device_or_a_pipe(tmp_path, monkeypatch, target, error):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "page.html"
    if target:
        path.symlink_to(target)
    else:
        os.mkfifo(path)
    (tmp_path / "sources").mkdir()
    problems = refused(import_file, Settings(root=tmp_path, progress=False), path)
    assert ("page.html", 1, error.code) in located(problems)


def test_no_more_than_the_limit_is_read(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * (MAX_BYTES + 1))
    problems: list = []
    assert read_input(path, problems, folder="sources", guide="-", limit=MAX_BYTES) is None
    assert [p.code for p in problems] == [E.TOO_LARGE.code]
    path.write_bytes(b"x" * MAX_BYTES)
    assert read_input(path, [], folder="sources", guide="-", limit=MAX_BYTES) == "x" * MAX_BYTES


def test_a_link_in_the_theme_overrides_is_refused_and_the_site_stays(project, root):
    settings = Settings(root=project, cache=root / ".cache" / "reader", progress=False, jobs=1)
    (project / "site").mkdir()
    for marker in ("index.html", "404.html", "assets/reader.js"):
        (project / "site" / marker).parent.mkdir(parents=True, exist_ok=True)
        (project / "site" / marker).write_text("earlier build\n")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    (project / "overrides" / "partials").symlink_to("/etc")
    (project / "overrides" / "404.html").symlink_to("/etc/passwd")
    with pytest.raises(ReaderError) as caught:
        build(settings)
    paths = {(Path(p.path).name, p.code) for p in caught.value.problems}
    assert paths == {("partials", E.SYMLINK.code), ("404.html", E.SYMLINK.code)}
    # The incremental build's state (.site.state) is a cache: a failed build leaves no record in it,
    # so the next build is a full one (site/incremental.py); everything else stays as it was.
    after = sorted(p.relative_to(project) for p in project.rglob("*")
                   if not p.is_symlink() and p.relative_to(project).parts[0] != ".site.state")
    assert after == [p for p in before], "a refused build changed the project"
    assert not (project / ".site.state" / "state.json").exists()
    assert (project / "site" / "index.html").read_text() == "earlier build\n"

