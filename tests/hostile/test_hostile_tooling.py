"""Tooling: values given to make, revisions given to git, the CI's impact report, links in the repository.

A value can hold ``$(shell …)``, ``$$(…)``, backticks, quotes or a leading ``--`` and is still
only a value: the commands run, and a marker file the injected command would create never appears.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

INJECTIONS = {
    "make function": "$(shell touch {marker})",
    "escaped make function": "$$(touch {marker})",
    "backticks": "`touch {marker}`",
    "closing quote": '"; touch {marker}; echo "',
    "command substitution": "$(touch {marker})",
}


def make(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=900, env={**environment, **(env or {})})


@pytest.mark.parametrize("name", list(INJECTIONS))
def test_a_title_is_only_a_title(tmp_path, name):
    marker = tmp_path / "marker"
    title = "Cost of $5 " + INJECTIONS[name].format(marker=marker)
    result = make("new-entry", f"TITLE={title}", "TYPE=concept", f"GLOSSARY={tmp_path}")
    assert not marker.exists(), result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    written = list(tmp_path.glob("*.md"))
    if result.returncode == 0:  # quotes and backticks are refused in a title, with a message
        (path,) = written
        assert yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])["title"] == title
    else:
        assert "[E119]" in result.stderr and not written


@pytest.mark.parametrize("name", list(INJECTIONS))
def test_a_base_revision_is_only_a_revision(tmp_path, name):
    marker = tmp_path / "marker"
    result = make("impact", "BASE=" + INJECTIONS[name].format(marker=marker))
    assert not marker.exists(), result.stdout + result.stderr
    assert result.returncode != 0 and "[E602]" in result.stderr and "Traceback" not in result.stderr


def test_a_base_revision_is_never_an_option_of_git(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("still here\n")
    for base in (f"--output={victim}", "--help", "-o" + str(victim)):
        result = make("impact", f"BASE={base}")
        assert result.returncode != 0 and "[E602]" in result.stderr, result.stderr
    assert victim.read_text() == "still here\n"


@pytest.fixture
def here_marker(tmp_path):
    """A marker named without a slash (so it fits in a folder name), created where make runs if at all."""
    marker = ROOT / f"hostile-marker-{tmp_path.name}"
    yield marker
    marker.unlink(missing_ok=True)


def test_folders_with_strange_names_are_only_folders(tmp_path, here_marker):
    marker = here_marker
    sources = tmp_path / f"so$(shell touch {marker.name})`touch {marker.name}`\"'urces"
    sources.mkdir()
    shutil.copy(ROOT / "sources" / "us-rapprochement-with-russia.txt", sources)
    result = make("check", f"SOURCES={sources}", f"GLOSSARY={ROOT / 'glossary'}",
                  env={"SOURCE_DATE_EPOCH": f"$(shell touch {marker.name})"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok: 1 texts, " + str(len(list((ROOT / 'glossary').glob('*.md')))) + " glossary entries")
    assert not marker.exists()


def test_make_site_takes_the_site_address_and_strange_paths(tmp_path, here_marker):
    """The whole build through make: SITE_URL reaches 404.html, odd names stay names, neighbours stay."""
    marker = here_marker
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(ROOT / "sources" / "us-rapprochement-with-russia.txt", sources)
    site = tmp_path / f"si$(shell touch {marker.name})`touch {marker.name}`te"
    neighbours = [site.with_name(site.name + ".old"), site.with_name(site.name + ".staging")]
    for neighbour in neighbours:
        neighbour.mkdir()
        (neighbour / "mine.txt").write_text("mine\n")
    result = make("site", f"SOURCES={sources}", f"SITE={site}", f"DOCS={tmp_path / 'docs'}",
                  "SITE_URL=https://example.github.io/reader", f"CACHE={ROOT / '.cache' / 'reader'}")
    assert result.returncode == 0, result.stderr[-3000:]
    assert not marker.exists()
    page = (site / "404.html").read_text(encoding="utf-8")
    assert re.search(r'href="/reader/assets/stylesheets/main\.[0-9a-f]+\.min\.css"', page), page[:2000]
    assert 'src="/reader/assets/reader.js"' in page and 'href="/assets/' not in page
    assert all((n / "mine.txt").read_text() == "mine\n" for n in neighbours)
    state = f".{site.name}.state"  # the incremental build's state, beside the site (site/incremental.py)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["docs", "sources", site.name, state] + [n.name for n in neighbours])


def run_report(tmp_path: Path, report: str, summary: Path) -> subprocess.CompletedProcess:
    (tmp_path / "report.txt").write_text(report, encoding="utf-8")
    return subprocess.run(["bash", str(ROOT / ".github" / "impact-report.sh"), "cat", str(tmp_path / "report.txt")],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)})


HOSTILE_REPORT = """Impact on the texts compared with origin/main: 2 mention(s) change.

a-text:
  ¶ 3 (p-0123abcd): + “Putin” → vladimir-putin, now linked
::warning file=README.md,line=1::a forged annotation
::add-mask::the rest of the log
##[error]a forged error
```
</details><img src=x>
"""


def test_the_ci_impact_report_cannot_issue_workflow_commands(tmp_path):
    summary = tmp_path / "summary.md"
    first, second = run_report(tmp_path, HOSTILE_REPORT, summary), run_report(tmp_path, HOSTILE_REPORT, tmp_path / "s2.md")
    assert first.returncode == 0, first.stderr
    lines = first.stdout.split("\n")
    start = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", lines[0])
    assert start, lines[0]
    token = start.group(1)
    end = lines.index(f"::{token}::")
    assert "\n".join(lines[1:end]).strip() == HOSTILE_REPORT.strip()  # every line of the report is inside
    assert token not in HOSTILE_REPORT and token not in second.stdout  # drawn at random for each run
    fence = re.search(r"^(`{3,})text$", summary.read_text(), re.M).group(1)
    assert len(fence) > 3 and summary.read_text().rstrip().endswith(fence)  # longer than the report's own ```


def test_the_ci_prints_the_impact_report_through_the_wrapper():
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = [s for job in ci["jobs"].values() for s in job["steps"] if "make impact" in s.get("run", "")]
    assert steps and all(s["run"].startswith("bash .github/impact-report.sh make impact ") for s in steps)


def test_the_wrapper_keeps_the_reports_exit_status(tmp_path):
    result = subprocess.run(["bash", str(ROOT / ".github" / "impact-report.sh"), "false"], capture_output=True,
                            text=True, timeout=60, env={k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"})
    assert result.returncode == 1


def test_no_tracked_file_outside_tests_is_a_symbolic_link():
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-s", "-z"], capture_output=True, check=True).stdout
    links = [entry.split(b"\t", 1)[1].decode() for entry in listed.split(b"\0") if entry.startswith(b"120000 ")]
    assert [path for path in links if not path.startswith("tests/")] == []


def test_the_symbolic_link_check_sees_a_link(tmp_path):
    """Guards the test above: git lists a committed link with mode 120000."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "link").symlink_to("/etc/passwd")
    subprocess.run(["git", "-C", str(tmp_path), "add", "link"], check=True)
    assert subprocess.run(["git", "-C", str(tmp_path), "ls-files", "-s"], capture_output=True, text=True,
                          check=True).stdout.startswith("120000 ")
