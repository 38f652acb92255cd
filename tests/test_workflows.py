"""The GitHub Actions workflows: valid against the workflow schema, pinned, least privilege.

The schema is the one vendored in check-jsonschema (``--builtin-schema vendor.github-workflows``),
so these tests need no network.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
CI = WORKFLOWS / "ci.yml"
PAGES = WORKFLOWS / "pages.yml"
ALL = (CI, PAGES)

SHA = re.compile(r"^[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
PINNED_LINE = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^\s+# v\d+\.\d+\.\d+(?:\s|$)")


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return data


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """The ``on:`` section; YAML 1.1 (PyYAML) reads the bare key ``on`` as True."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    return on or {}


def steps_of(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(job_id, step) for job_id, job in workflow["jobs"].items() for step in job.get("steps", [])]


def grants_write(permissions: Any) -> bool:
    """Whether a ``permissions:`` value lets the token write anything."""
    if isinstance(permissions, str):
        return permissions == "write-all"
    return "write" in (permissions or {}).values()


def schema_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
        capture_output=True, text=True, timeout=120)


def test_workflow_files_exist():
    for path in ALL:
        assert path.is_file(), f"missing {path.relative_to(ROOT)}"


def test_workflows_match_the_github_workflow_schema():
    result = schema_check(*ALL)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_an_invalid_workflow(tmp_path):
    """Guards the test above: the vendored schema is really applied and does catch mistakes."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions:\n"
                   "      pages: maybe\n    steps: []\n", encoding="utf-8")
    result = schema_check(bad)
    assert result.returncode != 0
    assert "pages" in result.stdout + result.stderr


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_sha(path):
    workflow = load(path)
    refs = [step["uses"] for _, step in steps_of(workflow) if "uses" in step]
    refs += [job["uses"] for job in workflow["jobs"].values() if "uses" in job]  # reusable workflows
    assert refs, f"{path.name} uses no actions"
    for ref in refs:
        if ref.startswith("./"):
            continue  # an action of this repository, versioned with it
        name, _, version = ref.partition("@")
        assert SHA.match(version), f"{path.name}: '{ref}' is not pinned to a full 40-hex commit SHA"
        assert not name.startswith("docker://"), f"{path.name}: '{ref}' pulls a Docker image by tag"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_pin_names_its_release(path):
    """Each ``uses:`` line reads ``owner/repo@<sha> # vX.Y.Z`` so that reviewers and updaters know the version."""
    found = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = USES_LINE.match(line)
        if not match or match["ref"].startswith("./"):
            continue
        found += 1
        assert PINNED_LINE.match(match["ref"]), f"{path.name}:{number}: '{match['ref']}' is not owner/repo@<sha>"
        assert VERSION_COMMENT.match(match["rest"]), f"{path.name}:{number}: add the release as a comment, e.g. '# v4.2.2'"
    assert found


def test_the_same_action_has_the_same_pin_everywhere():
    pins: dict[str, set[str]] = {}
    for path in ALL:
        for _, step in steps_of(load(path)):
            if "uses" in step and not step["uses"].startswith("./"):
                name, _, version = step["uses"].partition("@")
                pins.setdefault(name, set()).add(version)
    assert {name: versions for name, versions in pins.items() if len(versions) > 1} == {}


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_top_level_permissions_are_read_only(path):
    assert load(path).get("permissions") == {"contents": "read"}


def test_only_the_pages_deploy_job_may_write_to_pages():
    workflow = load(PAGES)
    jobs = workflow["jobs"]
    assert set(jobs) == {"build", "deploy"}
    assert jobs["deploy"].get("permissions") == {"pages": "write", "id-token": "write"}
    assert jobs["build"].get("permissions", {"contents": "read"}) == {"contents": "read"}
    for job_id, job in jobs.items():
        if job_id != "deploy":
            assert not grants_write(job.get("permissions")), f"job '{job_id}' may write"


def test_ci_grants_no_write_permission_anywhere():
    workflow = load(CI)
    for job_id, job in workflow["jobs"].items():
        assert not grants_write(job.get("permissions")), f"job '{job_id}' may write"


def test_pages_deployments_do_not_overlap_or_cancel_each_other():
    concurrency = load(PAGES).get("concurrency")
    assert isinstance(concurrency, dict)
    assert concurrency.get("group") == "pages"
    assert concurrency.get("cancel-in-progress") is False


def test_pages_deploys_main_from_the_build_artifact():
    workflow = load(PAGES)
    assert triggers(workflow)["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    build_uses = [step.get("uses", "").partition("@")[0] for step in build["steps"]]
    assert "actions/configure-pages" in build_uses
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert any("make site" in step.get("run", "") for step in build["steps"])
    assert deploy["needs"] in ("build", ["build"])
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    deploy_step = next(step for step in deploy["steps"] if step.get("uses", "").startswith("actions/deploy-pages@"))
    assert deploy_step.get("id") == "deployment"


def test_ci_runs_the_contribution_checks():
    workflow = load(CI)
    on = triggers(workflow)
    assert "pull_request" in on and "push" in on
    (job,) = workflow["jobs"].values()
    runs = [step.get("run", "") for step in job["steps"]]
    order = []
    for command in ("make check", "make test", "make site", "make site ENGINE=zensical", "make offline",
                    "make epub", "make pdf"):
        positions = [index for index, run in enumerate(runs) if command in run]
        assert positions, f"CI does not run '{command}'"
        order.append(positions[0])
    assert order == sorted(order), "CI should run check, test, site (both engines), offline, epub, pdf in that order"
    assert not any("make test" in run and "ENGINE" in run for run in runs), "the tests cover both engines themselves"
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    setup = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"
    impact = next(step for step in job["steps"] if "make impact" in step.get("run", ""))
    assert impact.get("if") == "github.event_name == 'pull_request'"
    assert "BASE=" in impact["run"] and "origin/" in impact["run"]
    uploaded = {step["with"]["path"].rstrip("/") for step in job["steps"]
                if step.get("uses", "").startswith("actions/upload-artifact@")}
    assert uploaded == {"site", "build/reports/candidates.json", "build/offline/annotated-reader-offline.zip",
                        "build/annotated-reader.epub", "build/annotated-reader.pdf"}


def test_pages_publishes_the_epub_and_print_editions_beside_the_site():
    build = load(PAGES)["jobs"]["build"]
    runs = [step.get("run", "") for step in build["steps"]]
    editions = next(index for index, run in enumerate(runs) if "make epub" in run and "make pdf" in run)
    copy = runs[editions]
    assert "build/annotated-reader.epub" in copy and "build/annotated-reader.pdf" in copy and "site/" in copy
    upload = next(index for index, step in enumerate(build["steps"])
                  if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    site = next(index for index, run in enumerate(runs) if "make site" in run)
    assert site < editions < upload


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_no_event_data_is_pasted_into_scripts(path):
    """``${{ github.* }}`` inside ``run:`` is expanded before the shell sees it (script injection); use env."""
    for job_id, step in steps_of(load(path)):
        assert "${{" not in step.get("run", ""), f"job '{job_id}', step '{step.get('name')}': pass values via env"
