"""The package's shape: layers that import one way, no cycles, plain data with no third-party imports."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scripts" / "annotated_reader"
LINT = Path(sys.executable).with_name("lint-imports")


def lint(package_parent: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(package_parent))
    return subprocess.run([str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_import_contracts_hold():
    result = lint(PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("module,bad_import", [
    ("pipeline/link.py", "from ..site import render  # a lower layer importing a higher one"),
    ("model.py", "import yaml  # plain data importing a third-party package"),
    ("site/markdown.py", "import spacy  # spaCy outside the stages that run it"),
])
def test_the_contracts_fail_on_a_broken_copy(tmp_path, module, bad_import):
    copy = tmp_path / "annotated_reader"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / module).open("a", encoding="utf-8") as handle:
        handle.write("\n" + bad_import + "\n")
    result = lint(tmp_path)
    assert result.returncode != 0 and "BROKEN" in result.stdout, result.stdout


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("name", ["model.py", "errors.py", "settings.py"])
def test_plain_data_uses_the_standard_library_only(name):
    assert imported_names(PACKAGE / name) <= set(sys.stdlib_module_names) | {"__future__"}


def test_no_module_is_over_400_lines():
    long = {p.relative_to(PACKAGE).as_posix(): n for p in modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_no_import_cycle():
    import grimp
    import networkx as nx

    graph = grimp.build_graph("annotated_reader", cache_dir=None)
    directed = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            directed.add_edge(module, imported)
    cycles = [c for c in nx.simple_cycles(directed) if len(c) > 1]
    # a package's __init__ importing nothing keeps packages themselves out of cycles
    assert cycles == []


def test_spacy_is_imported_only_by_the_stages_that_run_it():
    users = sorted(p.relative_to(PACKAGE).as_posix() for p in modules() if {"spacy", "srsly", "thinc"} & imported_names(p))
    assert users == ["pipeline/annotate.py", "pipeline/longer.py", "pipeline/match.py", "pipeline/metonyms.py",
                     "pipeline/nlp.py", "pipeline/periods.py", "pipeline/rules.py", "pipeline/shared.py",
                     "tools/evaluate.py"]
