"""The build: sources and glossary in, a static site out, stage by stage.

Stages: analyse (load → convert → annotate → match → link) → render (Markdown pages) → site (the
engine, then the Content-Security-Policy). Pages and site are built in staging directories and
swapped in only when everything succeeded, so a failed build leaves the previous ``docs/`` and
``site/`` untouched.
"""

from __future__ import annotations

import json
import os
import shutil
from importlib import resources
from pathlib import Path

from ..errors import ReaderError
from ..model import Corpus, Page
from ..pipeline.analyse import StageTimer, analyse
from ..settings import Settings
from . import csp
from .engine import engine_build, probe, probe_key
from .index_pages import navigation
from .render import render_pages
from .shim import ASSET as SHIM_ASSET
from .shim import frame_script


def write_pages(pages: list[Page], target: Path, settings: Settings) -> None:
    """Write pages and the static assets into a fresh directory."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for page in pages:
        path = target / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.content, encoding="utf-8")
    assets = resources.files("annotated_reader.site") / "assets"
    for item in sorted(assets.iterdir(), key=lambda p: p.name):
        if item.is_file():
            (target / "assets").mkdir(exist_ok=True)
            (target / "assets" / item.name).write_bytes(item.read_bytes())
    if settings.edition == "offline" and settings.shim is not None:
        path = target / "assets" / SHIM_ASSET
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(settings.shim.read_bytes())


def sync_pages(pages: list[Page], target: Path, settings: Settings) -> int:
    """Bring ``target`` to exactly these pages and assets, rewriting only files whose bytes change.

    Unchanged files keep their modification time, so an engine's dirty mode rebuilds only what
    changed. Returns the number of files written or removed.
    """
    wanted: dict[Path, bytes] = {target / page.path: page.content.encode("utf-8") for page in pages}
    assets = resources.files("annotated_reader.site") / "assets"
    for item in assets.iterdir():
        if item.is_file():
            wanted[target / "assets" / item.name] = item.read_bytes()
    if settings.edition == "offline" and settings.shim is not None:
        wanted[target / "assets" / SHIM_ASSET] = settings.shim.read_bytes()
    changed = 0
    for path, data in sorted(wanted.items()):
        try:
            same = path.read_bytes() == data
        except OSError:
            same = False
        if not same:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            changed += 1
    for path in sorted(target.rglob("*"), reverse=True) if target.exists() else []:
        if path.is_file() and path not in wanted:
            path.unlink()
            changed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed


def _swap(staging: Path, final: Path) -> None:
    """Replace ``final`` by ``staging`` with two renames (the old copy is removed afterwards)."""
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    if old.exists():
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


def write_reports(corpus: Corpus, timer: StageTimer, settings: Settings) -> None:
    reports = settings.path(settings.reports)
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "candidates.json").write_text(
        json.dumps([c.as_dict() for c in corpus.candidates], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (reports / "stages.json").write_text(
        json.dumps({"seconds": {k: round(v, 4) for k, v in timer.seconds.items()}, **corpus.stats}, indent=2) + "\n",
        encoding="utf-8")


def build(settings: Settings, *, site: bool = True) -> StageTimer:
    """The whole build. Raises ReaderError (nothing replaced) when an input or the site build fails."""
    timer = StageTimer()
    corpus = analyse(settings, timer)
    docs = settings.path(settings.docs)
    out = settings.path(settings.out)
    docs_staging = docs.with_name(docs.name + ".staging")
    site_staging = out.with_name(out.name + ".staging")
    with timer.stage("render"):
        write_pages(render_pages(corpus, settings.directory_urls, settings.engine), docs_staging, settings)
    if site:
        with timer.stage("site"):
            try:
                build_site(settings, docs_staging, site_staging, navigation(corpus.texts))
            except ReaderError:
                shutil.rmtree(docs_staging, ignore_errors=True)
                shutil.rmtree(site_staging, ignore_errors=True)
                raise
    _swap(docs_staging, docs)
    if site:
        _swap(site_staging, out)
    write_reports(corpus, timer, settings)
    return timer
