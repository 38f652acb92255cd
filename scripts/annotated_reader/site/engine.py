"""The site engine: MkDocs with the Material theme (the default) or Zensical, strict, reading ``mkdocs.yml``.

Any warning fails the build, so a broken link or anchor in a generated page never ships.
``engine_build`` and ``probe`` run the engine the settings name; Zensical's side is in zensical.py.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from pathlib import Path

from ..errors import E, ReaderError
from ..inputs.files import check_folder
from ..settings import Settings


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def config_file(settings: Settings) -> Path:
    """The engine configuration of the edition being built."""
    if settings.edition == "offline":
        return settings.path(Path("mkdocs.offline.yml"))
    return settings.path(settings.mkdocs_config)


PROBE_PAGES = ("index.md", "a.md", "a/b.md", "a/b/c.md", "a/b/c/d.md")
"""Empty pages at every depth a site may have, for the probe build."""


def probe_key(settings: Settings) -> str:
    """What the theme's inline scripts depend on: engine and theme versions, the configuration files."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for name in ("mkdocs.yml", "mkdocs.offline.yml"):
        path = settings.path(Path(name))
        digest.update(path.read_bytes() if path.is_file() else b"")
    if settings.engine == "zensical":
        from .zensical import zensical_version

        engine = f"zensical-{zensical_version()}"
    else:
        engine = f"mkdocs-{version('mkdocs')}|material-{version('mkdocs-material')}"
    return f"{engine}|{settings.edition}|{digest.hexdigest()}|{settings.site_url or ''}"


def _site_url(settings: Settings) -> dict:
    return {"site_url": settings.site_url} if settings.site_url else {}


def check_theme_inputs(settings: Settings, custom_dir: str | None) -> None:
    """Refuse a configuration file or a theme override folder that holds links or odd files.

    The engine reads both itself and would follow a symbolic link out of the project into the
    site (and the offline zip); they are checked the way ``inputs.files`` reads every other input.
    """
    config = config_file(settings)
    problems = [E.SYMLINK.at(config, None, folder="the project")] if config.is_symlink() else []
    if custom_dir:
        problems += check_folder(Path(custom_dir), folder=Path(custom_dir).name)
    if problems:
        raise ReaderError(problems)


def probe(settings: Settings) -> Path:
    """Build empty pages with the theme as configured but without our template overrides; return the work folder.

    Their inline scripts (in ``site/`` below the folder returned) are the theme's own, whatever our pages contain.
    """
    if settings.engine == "zensical":
        from .zensical import zensical_probe

        return zensical_probe(config_file(settings), PROBE_PAGES)
    from mkdocs.commands.build import build as mkdocs_build_command
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    work = Path(tempfile.mkdtemp(prefix="reader-probe-"))
    for page in PROBE_PAGES:
        (work / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        (work / "docs" / page).write_text("# Probe\n\nAn empty page.\n", encoding="utf-8")
    try:
        configured = load_config(str(config_file(settings)), docs_dir=str(work / "docs"), site_dir=str(work / "site"),
                                 **_site_url(settings))
        theme = {key: configured.theme[key] for key in configured.theme
                 if key not in ("custom_dir", "locale") and configured.theme[key] is not None}
        config = load_config(str(config_file(settings)), docs_dir=str(work / "docs"), site_dir=str(work / "site"),
                             theme=theme, nav=None, strict=False, validation={"nav": {"omitted_files": "ignore"}},
                             **_site_url(settings))
    except (MkDocsException, SystemExit) as exc:
        raise ReaderError([E.ENGINE_FAILED.at(config_file(settings), None, detail=f"configuration: {exc}")]) from None
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        mkdocs_build_command(config)
    except (MkDocsException, SystemExit) as exc:
        raise ReaderError([E.ENGINE_FAILED.at(config_file(settings), None, detail=f"probe build: {exc}")]) from None
    finally:
        logger.setLevel(level)
    return work


def _not_the_dirty_notice(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty build; the reader decides when one is correct, so that notice is dropped."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def mkdocs_build(settings: Settings, docs_dir: Path, site_dir: Path, nav: list | None = None, *,
                 dirty: bool = False) -> list[tuple[str, str]]:
    """Run MkDocs (strict) on ``docs_dir`` into ``site_dir`` with the generated ``nav``; raise ReaderError on any warning.

    ``dirty`` rebuilds only the pages whose Markdown is newer than their HTML (MkDocs' own dirty
    mode; the caller decides when that is correct). Returns (source path, URL) of every page, in
    the engine's order.
    """
    from mkdocs.commands.build import build as mkdocs_build_command
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.structure.files import get_files

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    notices = logging.getLogger("mkdocs.commands.build")
    notices.addFilter(_not_the_dirty_notice)
    config_path = config_file(settings)
    try:
        extra = {"nav": nav} if nav is not None else {}
        config = load_config(str(config_path), strict=True, docs_dir=str(docs_dir), site_dir=str(site_dir), **extra,
                             **_site_url(settings))
        check_theme_inputs(settings, config.theme.custom_dir)
        mkdocs_build_command(config, dirty=dirty)
        # A page's URL as the theme's search index writes it ("" for the home page, not "./").
        pages = [(f.src_uri, "" if f.url == "./" else f.url) for f in get_files(config).documentation_pages()]
    except (MkDocsException, SystemExit) as exc:
        details = collector.messages or [str(exc)]
        raise ReaderError([E.ENGINE_FAILED.at(config_path, None, detail=m) for m in details]) from None
    finally:
        logger.removeHandler(collector)
        notices.removeFilter(_not_the_dirty_notice)
    if collector.messages:
        raise ReaderError([E.ENGINE_WARNING.at(config_path, None, detail=m) for m in collector.messages])
    return pages


def engine_build(settings: Settings, docs_dir: Path, site_dir: Path, nav: list | None = None) -> None:
    """The engine the settings name, strict, over ``docs_dir`` into ``site_dir``; raise ReaderError on any warning."""
    if settings.engine == "zensical":
        from .zensical import zensical_build

        zensical_build(config_file(settings), docs_dir, site_dir, nav)
    else:
        mkdocs_build(settings, docs_dir, site_dir, nav)


def require_mkdocs(settings: Settings, what: str) -> None:
    """Refuse, with E521, to build ``what`` with an engine that cannot build it yet."""
    if settings.engine != "mkdocs":
        raise ReaderError([E.ENGINE_CANNOT.at(None, what=what, engine=settings.engine.capitalize())])
