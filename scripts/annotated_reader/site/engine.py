"""The site engine: MkDocs with the Material theme, strict, reading ``mkdocs.yml``.

Any warning fails the build, so a broken link or anchor in a generated page never ships.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import E, ReaderError
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


def mkdocs_build(settings: Settings, docs_dir: Path, site_dir: Path) -> None:
    """Run MkDocs (strict) on ``docs_dir`` into ``site_dir``; raise ReaderError on any warning."""
    from mkdocs.commands.build import build as mkdocs_build_command
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    config_path = config_file(settings)
    try:
        config = load_config(str(config_path), strict=True, docs_dir=str(docs_dir), site_dir=str(site_dir))
        mkdocs_build_command(config)
    except (MkDocsException, SystemExit) as exc:
        details = collector.messages or [str(exc)]
        raise ReaderError([E.ENGINE_FAILED.at(config_path, None, detail=m) for m in details]) from None
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise ReaderError([E.ENGINE_WARNING.at(config_path, None, detail=m) for m in collector.messages])
