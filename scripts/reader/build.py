"""The build: sources and glossary in, a static site out, stage by stage.

Stages (each a plain function of the modules named): load (sources, glossary) → convert →
annotate (model, cached) → match (glossary) → link (policy) → render (Markdown pages) →
site (``mkdocs build --strict``). Pages and site are built in staging directories and swapped in
only when everything succeeded, so a failed build leaves the previous ``docs/`` and ``site/``.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import candidates as candidates_mod
from . import csp
from .annotate import annotate
from .convert import Document, convert
from .glossary import Glossary, load_glossary
from .link import choose_links
from .match import GlossaryMatcher, TextAnnotation
from .problems import InputError, Problem
from .relations import relate
from .render import (Page, entry_page, mentions_by_entry, glossary_data, glossary_index, graph_page, home_page, text_page,
                     wanted_page)
from .settings import Settings
from .sources import load_sources


@dataclass
class StageTimer:
    """Wall-clock seconds per stage, in order."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


@dataclass
class Corpus:
    """Everything the render stage needs."""

    glossary: Glossary
    annotations: list[TextAnnotation]
    links: dict[str, set[tuple[str, int]]]
    candidates: list[candidates_mod.Candidate]
    stats: dict


def check(settings: Settings) -> tuple[list, Glossary]:
    """Validate sources and glossary; raise InputError with every problem of both."""
    problems: list[Problem] = []
    sources, glossary = [], None
    try:
        sources = load_sources(settings.path(settings.sources))
    except InputError as exc:
        problems += exc.problems
    try:
        glossary = load_glossary(settings.path(settings.glossary))
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)
    return sources, glossary


def analyse(settings: Settings, timer: StageTimer) -> Corpus:
    """Load, convert, annotate, match and link: everything before rendering."""
    with timer.stage("load"):
        sources, glossary = check(settings)
    with timer.stage("convert"):
        documents: list[Document] = [convert(source) for source in sources]
    stats: dict = {}
    annotated = []
    with timer.stage("annotate"):
        annotated = list(annotate(documents, settings, stats))
    with timer.stage("match"):
        matcher = GlossaryMatcher(glossary)
        annotations = [matcher.annotate(item) for item in annotated]
        order = {d.id: i for i, d in enumerate(documents)}
        annotations.sort(key=lambda a: order[a.document.id])
        found = candidates_mod.collect(e for a in annotations for e in a.entities)
    with timer.stage("link"):
        links = {a.document.id: choose_links(a.document, a.mentions, settings.link_policy) for a in annotations}
    return Corpus(glossary, annotations, links, found, stats)


def render_pages(corpus: Corpus, directory_urls: bool = True) -> list[Page]:
    """Every generated page and data file, sorted by path."""
    relations = relate(corpus.annotations)
    pages = [home_page(corpus.annotations, corpus.glossary), glossary_index(corpus.glossary, relations.mentions),
             wanted_page(corpus.candidates), graph_page(corpus.glossary, relations, directory_urls),
             glossary_data(corpus.glossary)]
    pages += [text_page(a, corpus.links[a.document.id], corpus.glossary) for a in corpus.annotations]
    by_entry = mentions_by_entry(corpus.annotations)
    pages += [entry_page(e, corpus.glossary, by_entry.get(e.id, []), relations, directory_urls) for e in corpus.glossary]
    return sorted(pages, key=lambda p: p.path)


def write_pages(pages: list[Page], target: Path, extra_assets: dict[str, Path] | None = None) -> None:
    """Write pages and the static assets into a fresh directory."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for page in pages:
        path = target / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.content, encoding="utf-8")
    assets = resources.files("reader") / "assets"
    for item in sorted(assets.iterdir(), key=lambda p: p.name):
        if item.is_file():
            (target / "assets").mkdir(exist_ok=True)
            (target / "assets" / item.name).write_bytes(item.read_bytes())
    for name, source in sorted((extra_assets or {}).items()):
        path = target / "assets" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(Path(source).read_bytes())


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


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def frame_scripts(settings: Settings):
    """For the offline edition: the inline script the search shim writes into its frame, per page."""
    shim = settings.extra_assets.get("vendor/iframe-worker-shim.js")
    if shim is None:
        return None
    from .offline import shim_frame_script

    return lambda page, html: shim_frame_script(Path(shim), html)


def mkdocs_build(settings: Settings, docs_dir: Path, site_dir: Path) -> None:
    """Run MkDocs (strict) on ``docs_dir`` into ``site_dir``; raise InputError on any warning."""
    from mkdocs.commands.build import build as mkdocs_build_command
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(str(settings.path(settings.mkdocs_config)), strict=True,
                             docs_dir=str(docs_dir), site_dir=str(site_dir))
        mkdocs_build_command(config)
    except (MkDocsException, SystemExit) as exc:
        details = collector.messages or [str(exc)]
        raise InputError([Problem(str(settings.mkdocs_config), 1, f"mkdocs build --strict failed: {m}",
                                  "fix the page or configuration named in the message") for m in details]) from None
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise InputError([Problem(str(settings.mkdocs_config), 1, f"mkdocs warning: {m}", "fix the cause of the warning")
                          for m in collector.messages])
    csp.apply(site_dir, frame_scripts(settings))


def write_reports(corpus: Corpus, timer: StageTimer, settings: Settings) -> None:
    reports = settings.path(settings.reports)
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "candidates.json").write_text(
        json.dumps([c.as_dict() for c in corpus.candidates], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (reports / "stages.json").write_text(
        json.dumps({"seconds": {k: round(v, 4) for k, v in timer.seconds.items()}, **corpus.stats}, indent=2) + "\n",
        encoding="utf-8")


def build(settings: Settings, *, site: bool = True) -> StageTimer:
    """The whole build. Raises InputError (nothing replaced) when an input or the site build fails."""
    timer = StageTimer()
    corpus = analyse(settings, timer)
    docs = settings.path(settings.docs)
    out = settings.path(settings.out)
    docs_staging = docs.with_name(docs.name + ".staging")
    site_staging = out.with_name(out.name + ".staging")
    with timer.stage("render"):
        write_pages(render_pages(corpus, settings.directory_urls), docs_staging, settings.extra_assets)
    if site:
        with timer.stage("site"):
            try:
                mkdocs_build(settings, docs_staging, site_staging)
            except InputError:
                shutil.rmtree(docs_staging, ignore_errors=True)
                shutil.rmtree(site_staging, ignore_errors=True)
                raise
    _swap(docs_staging, docs)
    if site:
        _swap(site_staging, out)
    write_reports(corpus, timer, settings)
    return timer
