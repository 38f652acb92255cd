"""The two lock files agree: the benchmark's environment installs what the project needs, pinned the same.

``make site`` installs ``requirements.lock``; ``make bench`` installs ``benchmarks/requirements.lock``
(the project, its tests and the scale corpus) with ``--no-deps``, so a package the project gained
after the benchmark's lock was last compiled is simply missing there, and the benchmark fails at
its first import. Both locks are compiled by uv from ``pyproject.toml``; the commands are in their
first lines.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "requirements.lock"
BENCH = ROOT / "benchmarks" / "requirements.lock"

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)")
HASH = re.compile(r"--hash=(sha256:[0-9a-f]{64})")


def canonical(name: str) -> str:
    """A distribution name as the registry compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, tuple[str, frozenset[str]]]:
    """``name -> (version, hashes)`` of a hashed lock file written by ``uv pip compile``."""
    found: dict[str, tuple[str, frozenset[str]]] = {}
    name = None
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            name = canonical(match["name"])
            found[name] = (match["version"], frozenset())
        elif name and line.startswith(" "):
            version, hashes = found[name]
            found[name] = (version, hashes | set(HASH.findall(line)))
        else:
            name = None
    return found


def declared() -> set[str]:
    """Every distribution ``pyproject.toml`` names: the runtime dependencies and the test extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = [*project["dependencies"], *project.get("optional-dependencies", {}).get("test", [])]
    return {canonical(re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0]) for spec in names}


@pytest.mark.parametrize("text, expected", [
    ("a-b==1.0 \\\n    --hash=sha256:" + "0" * 64 + "\n    # via x\n",
     {"a-b": ("1.0", frozenset({"sha256:" + "0" * 64}))}),
    ("Foo_Bar==2 \\\n    --hash=sha256:" + "1" * 64 + " \\\n    --hash=sha256:" + "2" * 64 + "\nbaz==3\n",
     {"foo-bar": ("2", frozenset({"sha256:" + "1" * 64, "sha256:" + "2" * 64})), "baz": ("3", frozenset())}),
    ("# comment\n    # via\n", {}),
])
def test_pins_reads_a_lock(text, expected):
    assert pins(text) == expected


def missing_or_different(project: dict, bench: dict) -> list[str]:
    return sorted(f"{name}=={version}" + ("" if name not in bench else f" (benchmark: {bench[name][0]})")
                  for name, (version, hashes) in project.items()
                  if name not in bench or bench[name][0] != version or not hashes <= bench[name][1])


def test_missing_or_different_finds_a_package_the_benchmark_lacks():
    project = {"a": ("1", frozenset({"h1"})), "b": ("2", frozenset({"h2"}))}
    assert missing_or_different(project, {"a": ("1", frozenset({"h1"}))}) == ["b==2"]
    assert missing_or_different(project, {"a": ("1", frozenset({"h1"})), "b": ("3", frozenset({"h3"}))}) \
        == ["b==2 (benchmark: 3)"]
    assert missing_or_different(project, {"a": ("1", frozenset({"h1", "x"})), "b": ("2", frozenset({"h2"}))}) == []


def test_the_benchmark_lock_pins_everything_the_project_lock_pins_the_same_way():
    project, bench = pins(PROJECT.read_text()), pins(BENCH.read_text())
    assert project, f"{PROJECT} has no pins"
    problems = missing_or_different(project, bench)
    assert not problems, (f"{BENCH.relative_to(ROOT)} lacks or pins differently: {', '.join(problems)}; "
                          "compile it again with the command in its second line")


@pytest.mark.parametrize("lock", [PROJECT, BENCH], ids=lambda p: str(p.relative_to(ROOT)))
def test_every_declared_dependency_is_pinned_with_hashes(lock):
    locked = pins(lock.read_text())
    unpinned = sorted(declared() - {canonical("annotated-reader")} - locked.keys())
    assert not unpinned, f"{lock.name} does not pin {unpinned}"
    unhashed = sorted(name for name, (_, hashes) in locked.items() if not hashes)
    assert not unhashed, f"{lock.name} pins without hashes: {unhashed}"
