"""`make impact`: a branch that adds one entry prints the mentions it links."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   cwd=cwd, check=True, capture_output=True)


def impact(project: Path, base: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "annotated_reader", "impact", "--base", base, "--cache",
                           str(ROOT / ".cache" / "reader")], cwd=project, capture_output=True, text=True, timeout=600)


def test_adding_an_entry_reports_the_mentions_it_links(project):
    entry = project / "glossary" / "king-midas.md"
    saved = entry.read_bytes()
    entry.unlink()
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base without the entry")
    git(project, "checkout", "-q", "-b", "add-king-midas")
    entry.write_bytes(saved)
    result = impact(project, "main")
    assert result.returncode == 0, result.stderr
    assert "compared with main: 1 mention(s) change" in result.stdout
    assert "¶ 62 (p-cdcf6794): + “King Midas” → king-midas, now linked" in result.stdout
    assert "If everything King Midas touched turned to gold" in result.stdout


def test_no_change_says_so(project):
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    result = impact(project, "main")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("No mention changes")


def test_unknown_base_is_a_clear_error(project):
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    result = impact(project, "no-such-branch")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("[E602] cannot read the glossary at 'no-such-branch'")
