"""The build: sources and glossary in, a static site out, stage by stage.

Stages: analyse (load → convert → annotate → match → link) → render (Markdown pages) → site (the
engine, then the Content-Security-Policy). The site stage is incremental (``incremental.py``):
only pages whose Markdown changed since the last build go through the engine again. Pages and
site are assembled in staging directories and swapped in only when everything succeeded, so a
failed build leaves the previous ``docs/`` and ``site/`` untouched.
The output directories are checked first (``outputs.py``): a build never
replaces a directory that is not an earlier build, and removes nothing it did not make.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from ..model import Corpus, Page
from ..pipeline.analyse import StageTimer, analyse
from ..settings import Settings
from . import csp
from .engine import engine_build, probe, probe_key
from .incremental import build_incremental, link_tree, state_directory
from .index_pages import navigation
from .outputs import check_epoch, check_outputs, site_url
from .render import render_pages
from .shim import ASSET as SHIM_ASSET
from .shim import frame_script


def asset_files(settings: Settings) -> dict[str, bytes]:
    """The static files every site has besides its pages (path below the pages directory → bytes)."""
    files = {}
    assets = resources.files("annotated_reader.site") / "assets"
    for item in sorted(assets.iterdir(), key=lambda p: p.name):
        if item.is_file():
            files[f"assets/{item.name}"] = item.read_bytes()
    if settings.edition == "offline" and settings.shim is not None:
        files[f"assets/{SHIM_ASSET}"] = settings.shim.read_bytes()
    return files


def write_pages(pages: list[Page], target: Path, settings: Settings) -> None:
    """Write pages and the static assets into a new or empty directory."""
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise FileExistsError(f"{target} is not empty")
    files = {page.path: page.content.encode("utf-8") for page in pages} | asset_files(settings)
    for name, data in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def staging_for(final: Path, role: str) -> Path:
    """A new, empty directory beside ``final`` (same file system, so the swap is a rename)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    made = Path(tempfile.mkdtemp(prefix=f".{final.name}.{role}-", dir=final.parent))
    made.chmod(0o755)  # what mkdir would give; mkdtemp's 0700 would hide the site from a web server
    return made


def _swap(staging: Path, final: Path) -> None:
    """Replace ``final`` by ``staging`` with two renames; the old copy goes to a new directory, then away.

    Only ``final`` (checked by ``outputs.check_outputs``) and directories made here are removed.
    """
    if not final.exists():
        os.replace(staging, final)
        return
    old = staging_for(final, "old")
    os.replace(final, old)  # onto the new empty directory
    os.replace(staging, final)
    shutil.rmtree(old)


def theme_scripts(settings: Settings) -> set[str]:
    """The theme's own inline scripts, from a probe build (cached per engine, theme and configuration)."""
    def run_probe() -> set[str]:
        work = probe(settings)
        try:
            return csp.probe_scripts(work / "site")
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return csp.cached_allowed(settings.path(settings.cache), probe_key(settings), run_probe)


def build_site(settings: Settings, docs_dir: Path, site_dir: Path, nav: list | None = None) -> None:
    """The engine over ``docs_dir`` into ``site_dir``, then the Content-Security-Policy on every page."""
    engine_build(settings, docs_dir, site_dir, nav)
    extra = None
    if settings.edition == "offline" and settings.shim is not None:
        shim = settings.shim
        extra = lambda html: frame_script(shim, html)  # noqa: E731
    csp.apply(site_dir, theme_scripts(settings), extra)


def write_reports(corpus: Corpus, timer: StageTimer, settings: Settings, site: dict | None = None) -> None:
    reports = settings.path(settings.reports)
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "candidates.json").write_text(
        json.dumps([c.as_dict() for c in corpus.candidates], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (reports / "stages.json").write_text(
        json.dumps({"seconds": {k: round(v, 4) for k, v in timer.seconds.items()}, **corpus.stats,
                    **({"site": site} if site else {})}, indent=2) + "\n",
        encoding="utf-8")


def build(settings: Settings, *, site: bool = True) -> StageTimer:
    """The whole build. Raises ReaderError (nothing replaced) when an input or the site build fails."""
    timer = StageTimer()
    check_outputs(settings, site=site)
    check_epoch()
    settings = settings.with_(site_url=site_url(settings.site_url))
    corpus = analyse(settings, timer)
    docs = settings.path(settings.docs)
    out = settings.path(settings.out)
    with timer.stage("render"):
        pages = render_pages(corpus, settings.directory_urls, settings.engine)
    docs_staging = staging_for(docs, "staging")
    site_staging = staging_for(out, "staging") if site else None
    done = None
    try:
        if site_staging is None:
            with timer.stage("render"):
                write_pages(pages, docs_staging, settings)
        elif settings.engine != "mkdocs":  # incremental builds use MkDocs' dirty mode; other engines build whole
            with timer.stage("site"):
                write_pages(pages, docs_staging, settings)
                build_site(settings, docs_staging, site_staging, navigation(corpus.texts))
        else:
            with timer.stage("site"):
                frame = None
                if settings.edition == "offline" and settings.shim is not None:
                    shim = settings.shim
                    frame = lambda html: frame_script(shim, html)  # noqa: E731
                final, done = build_incremental(settings, pages, asset_files(settings), navigation(corpus.texts),
                                                theme_scripts(settings), frame)
                link_tree(final, site_staging)
                link_tree(state_directory(settings) / "docs", docs_staging)
        _swap(docs_staging, docs)
        if site_staging is not None:
            _swap(site_staging, out)
    finally:
        for staging in (docs_staging, site_staging):
            if staging is not None and staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    write_reports(corpus, timer, settings, done)
    return timer
