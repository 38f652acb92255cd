"""The offline edition: a copy of the site that works opened from disk, packed as a zip.

It is the normal build with Material's offline plugin (search index inlined as a script, plain
``.html`` URLs) and the iframe-worker shim bundled from the npm registry instead of being
loaded from a CDN at run time.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from functools import lru_cache
from pathlib import Path

from .build import StageTimer, build
from .problems import InputError, Problem
from .settings import Settings

SHIM = Path("node_modules/iframe-worker/shim/index.js")
README = """The Annotated Reader — offline edition

Open index.html in a web browser. No server and no network connection are needed:
navigation, search, glossary previews, the "In this text" panels, the connections graph and
paragraph links all work from the files in this folder.
"""


def ensure_shim(root: Path) -> Path:
    """The iframe-worker shim from node_modules, installed from package-lock.json when missing."""
    shim = root / SHIM
    if not shim.exists():
        try:
            subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--silent"],
                           cwd=root, check=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            raise InputError([Problem("package.json", 1, f"cannot install the offline edition's front-end files ({exc})",
                                      "install Node.js and npm, then run `npm ci` in the project directory")]) from None
    return shim


def offline_settings(settings: Settings, base: Path | None = None) -> Settings:
    """The settings of an offline build below ``base`` (default build/offline)."""
    base = base or settings.path(Path("build/offline"))
    return settings.with_(mkdocs_config=Path("mkdocs.offline.yml"), directory_urls=False,
                          docs=base / "docs", out=base / "site",
                          extra_assets={"vendor/iframe-worker-shim.js": ensure_shim(settings.root)})


def pack(site: Path, archive: Path, epoch: int) -> Path:
    """Zip the site (sorted entries, fixed timestamps) with a short README under one folder."""
    stamp = max(epoch, 315532800)  # zip cannot store dates before 1980
    import time

    date_time = time.gmtime(stamp)[:6]
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
    """Build the offline edition into ``base``/site (default build/offline) and pack it beside."""
    offline = offline_settings(settings, base)
    timer = build(offline)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    with timer.stage("pack"):
        archive = pack(offline.path(offline.out), offline.path(offline.out).parent / "annotated-reader-offline.zip", epoch)
    return timer, archive


def _function_source(code: str, name: str) -> str:
    """The source text of ``function name(...){...}`` in minified code (what toString returns)."""
    start = code.index(f"function {name}(")
    depth, i, quote = 0, code.index("{", start), None
    while i < len(code):
        ch = code[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'`":
            quote = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return code[start:i + 1]
        i += 1
    raise ValueError(f"function {name} not closed")


@lru_cache(maxsize=4)
def _shim_template(shim: Path) -> str | None:
    """The shim's frame script with its two functions filled in; ``${e}`` (the worker URL) stays open."""
    code = shim.read_text(encoding="utf-8")
    template = re.search(r"<script>(postMessage=\$\{(\w)\};importScripts=\$\{(\w)\};.*?)<\\/script>", code)
    if not template:
        return None
    text = template.group(1)
    text = text.replace("${" + template.group(2) + "}", _function_source(code, template.group(2)))
    return text.replace("${" + template.group(3) + "}", _function_source(code, template.group(3)))


def shim_frame_script(shim: Path, page_html: str) -> list[str]:
    """The inline script the iframe-worker shim writes into its frame on this page.

    The frame inherits the page's Content-Security-Policy, so the script must be allowed by hash.
    Its text is the shim's template with two of the shim's own functions and the worker URL the
    theme passes (from the page's ``__config``) filled in.
    """
    template = _shim_template(shim)
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page_html, re.S)
    if not template or not config:
        return []
    worker = json.loads(config.group(1)).get("search")
    return [template.replace("${e}", worker)] if worker else []
