"""The command line: installed, importable from anywhere, every --help true, make passing values safely."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("annotated-reader")
COMMANDS = ["build", "offline", "epub", "pdf", "check", "impact", "eval", "new-entry"]


def run(*args: str, cwd: Path = Path("/")) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=600)


def test_the_package_imports_from_any_directory():
    result = run(sys.executable, "-c", "import annotated_reader, sys; print(annotated_reader.__file__)")
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(ROOT / "scripts" / "annotated_reader")


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_command_has_help(command):
    args = [str(SCRIPT)] + ([command] if command else []) + ["--help"]
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: annotated-reader")
    if command is None:
        assert all(name in result.stdout for name in COMMANDS)


def test_python_dash_m_runs_the_same_command_line():
    assert run(sys.executable, "-m", "annotated_reader", "check", "--help").stdout == run(str(SCRIPT), "check", "--help").stdout


def test_check_from_another_directory_names_paths_as_given(tmp_path):
    result = run(str(SCRIPT), "check", "--sources", str(tmp_path / "none"), "--glossary", str(ROOT / "glossary"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{tmp_path / 'none'}:1: [E122] the sources directory does not exist" in result.stderr


def test_offline_writes_where_out_says(tmp_path, root):
    result = run(str(SCRIPT), "offline", "--root", str(root), "--out", str(tmp_path / "edition"), "--no-progress",
                 "--cache", str(root / ".cache" / "reader"), cwd=root)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "edition" / "site" / "index.html").is_file()
    assert (tmp_path / "edition" / "annotated-reader-offline.zip").is_file()
