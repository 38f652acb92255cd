"""The second site engine: Zensical, which reads the same ``mkdocs.yml`` and Material's templates.

Zensical builds only below the folder of its configuration file and keeps a cache there, so each
build runs in a fresh work folder: a generated configuration that inherits the project's
(``INHERIT``) and adds the generated navigation and the absolute theme overrides, a copy of the
generated pages, and the site, which is then moved to where it was asked for. Zensical runs as its
own process in strict mode: a broken link or anchor fails the build like it does with MkDocs, and
its report (colours stripped) becomes the reader's usual ``[code] problem; fix`` lines.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import yaml

from ..errors import E, Problem, ReaderError

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
ISSUE = re.compile(r"^\s*(Warning|Error):\s*(?P<message>.+?)\s*$")
LOCATION = re.compile(r"\[\s*(?P<file>[^\s\]]+?):(?P<line>\d+)(?::(?P<column>\d+))?\s*\]")
TIMEOUT = 600
"""Seconds a build may take before it counts as failed (the corpus builds in a few seconds)."""


def zensical_version() -> str:
    try:
        return version("zensical")
    except PackageNotFoundError:
        raise ReaderError([E.ENGINE_NOT_RUN.at(None, engine="Zensical", detail="the package is not installed")]) from None


def _theme_overrides(config: Path, docs_dir: Path) -> str | None:
    """The absolute folder of the project's template overrides (``theme.custom_dir``), as MkDocs resolves it."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        return load_config(str(config), docs_dir=str(docs_dir)).theme.custom_dir
    except (MkDocsException, SystemExit) as exc:
        raise ReaderError([E.ENGINE_FAILED.at(config, None, detail=f"configuration: {exc}")]) from None


def _write_config(work: Path, parent: Path, *, nav: list | None, custom_dir: str | None, strict: bool) -> Path:
    """A configuration in ``work`` that inherits ``parent`` and builds ``work/docs`` into ``work/site``."""
    config: dict = {"INHERIT": str(parent.resolve()), "docs_dir": "docs", "site_dir": "site", "strict": strict}
    if custom_dir:
        config["theme"] = {"custom_dir": custom_dir}
    if nav is not None:
        config["nav"] = nav
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


Issue = tuple[str, str | None, int | None, int | None]
"""(message, page, line, column) of one warning or error."""


def parse_report(output: str) -> list[Issue]:
    """Zensical's warnings and errors, from its terminal report."""
    found: list[Issue] = []
    lines = ANSI.sub("", output).splitlines()
    for index, line in enumerate(lines):
        issue = ISSUE.match(line)
        if not issue:
            continue
        where = next((LOCATION.search(after) for after in lines[index + 1:index + 3] if LOCATION.search(after)), None)
        if where:
            found.append((issue["message"], where["file"], int(where["line"]),
                          int(where["column"]) if where["column"] else None))
        else:
            found.append((issue["message"], None, None, None))
    return found


def _quoted(docs_dir: Path, page: str, line: int, column: int | None) -> str:
    """The link target a located issue points at, read from the page (`nowhere.md`, `no-such-anchor`)."""
    if column is None:
        return ""
    try:
        text = (docs_dir / page).read_text(encoding="utf-8").splitlines()[line - 1]
    except (OSError, IndexError):
        return ""
    target = re.match(r"[^\s)\]\"'>]+", text[column - 1:])
    return f" ('{target.group(0)}')" if target else ""


def _run(config: Path, *, strict: bool) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config)] + (["--strict"] if strict else [])
    environment = {**os.environ, "NO_COLOR": "1", "CLICOLOR": "0", "TERM": "dumb"}
    try:
        return subprocess.run(command, cwd=config.parent, env=environment, capture_output=True, text=True,
                              timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ReaderError([E.ENGINE_NOT_RUN.at(None, engine="Zensical", detail=str(exc))]) from None


def _problems(result: subprocess.CompletedProcess[str], config: Path, docs_dir: Path | None = None) -> list[Problem]:
    """What went wrong in a build, one problem per reported issue (any issue fails a strict build)."""
    report = parse_report(result.stdout + "\n" + result.stderr)
    kind = E.ENGINE_FAILED if result.returncode != 0 else E.ENGINE_WARNING  # strict: a warning aborts, as with MkDocs
    problems = [kind.at(config, None, detail=(
        f"{page}:{line}: {message}{_quoted(docs_dir, page, line, column) if docs_dir else ''}" if page else message))
        for message, page, line, column in report]
    if result.returncode != 0 and not problems:
        last = [line for line in ANSI.sub("", result.stderr or result.stdout).splitlines() if line.strip()]
        detail = last[-1].strip() if last else f"zensical exited with status {result.returncode}"
        if "No module named zensical" in detail:
            return [E.ENGINE_NOT_RUN.at(None, engine="Zensical", detail=detail)]
        problems.append(E.ENGINE_FAILED.at(config, None, detail=detail))
    return problems


def zensical_build(config: Path, docs_dir: Path, site_dir: Path, nav: list | None = None) -> None:
    """Zensical (strict) over ``docs_dir`` into ``site_dir`` with the generated ``nav``; raise ReaderError on any issue."""
    zensical_version()
    custom_dir = _theme_overrides(config, docs_dir)
    work = Path(tempfile.mkdtemp(prefix="reader-zensical-"))
    try:
        shutil.copytree(docs_dir, work / "docs")
        generated = _write_config(work, config, nav=nav, custom_dir=custom_dir, strict=True)
        result = _run(generated, strict=True)
        problems = _problems(result, config, docs_dir)
        if problems:
            raise ReaderError(problems)
        if site_dir.exists():
            shutil.rmtree(site_dir)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(work / "site", site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def zensical_probe(config: Path, pages: tuple[str, ...]) -> Path:
    """Empty ``pages`` built with the configured theme but an empty overrides folder; return the work folder.

    The inline scripts of the probe's pages are the theme's own (site/csp.py).
    """
    zensical_version()
    work = Path(tempfile.mkdtemp(prefix="reader-probe-"))
    for page in pages:
        (work / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        (work / "docs" / page).write_text("# Probe\n\nAn empty page.\n", encoding="utf-8")
    (work / "no-overrides").mkdir()
    generated = _write_config(work, config, nav=None, custom_dir=str(work / "no-overrides"), strict=False)
    result = _run(generated, strict=False)
    if result.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        raise ReaderError(_problems(result, config) or [E.ENGINE_FAILED.at(config, None, detail="probe build failed")])
    return work
