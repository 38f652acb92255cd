"""The offline edition: a copy of the site that works opened from disk, packed as a zip.

It is the normal build with Material's offline plugin (search index inlined as a script, plain
``.html`` URLs) and the iframe-worker shim bundled from the npm registry instead of being
loaded from a CDN at run time.
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

from ..pipeline.analyse import StageTimer
from ..settings import Settings
from .build import build
from .engine import require_mkdocs
from .shim import ensure_shim

README = """The Annotated Reader — offline edition

Open index.html in a web browser. No server and no network connection are needed:
navigation, search, glossary previews, the "In this text" panels, the connections graph and
paragraph links all work from the files in this folder.
"""
ARCHIVE = "annotated-reader-offline.zip"


def offline_settings(settings: Settings, base: Path | None = None) -> Settings:
    """The settings of an offline build below ``base`` (default build/offline)."""
    base = base or settings.path(Path("build/offline"))
    return settings.with_(edition="offline", docs=base / "docs", out=base / "site", shim=ensure_shim(settings.root))


def pack(site: Path, archive: Path, epoch: int) -> Path:
    """Zip the site (sorted entries, fixed timestamps) with a short README under one folder."""
    date_time = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot store dates before 1980
    archive.parent.mkdir(parents=True, exist_ok=True)
    tmp = archive.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(f"annotated-reader/{name}", date_time=date_time)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
        add("README.txt", README.encode())
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            add(path.relative_to(site).as_posix(), path.read_bytes())
    os.replace(tmp, archive)
    return archive


def build_offline(settings: Settings, base: Path | None = None) -> tuple[StageTimer, Path]:
    """Build the offline edition into ``base``/site (default build/offline) and pack it beside.

    MkDocs only: the edition depends on Material's offline plugin and the search shim it loads.
    """
    require_mkdocs(settings, "the offline edition")
    offline = offline_settings(settings, base)
    timer = build(offline)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    site = offline.path(offline.out)
    with timer.stage("pack"):
        archive = pack(site, site.parent / ARCHIVE, epoch)
    return timer, archive
