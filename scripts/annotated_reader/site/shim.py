"""The offline edition's search shim (iframe-worker, from npm) and the script it writes into a frame.

The frame inherits the page's Content-Security-Policy, so that script must be allowed by hash.
Its text is the shim's template with two of the shim's own functions and the worker URL the
theme passes (from the page's ``__config``) filled in.
"""

from __future__ import annotations

import json
import re
import subprocess
from functools import lru_cache
from pathlib import Path

from ..errors import E, ReaderError

SHIM = Path("node_modules/iframe-worker/shim/index.js")
"""Where ``npm ci`` (package-lock.json) installs the shim, below the project directory."""
ASSET = "vendor/iframe-worker-shim.js"
"""Where the shim goes below the site's ``assets/`` (named in mkdocs.offline.yml)."""


def ensure_shim(root: Path) -> Path:
    """The iframe-worker shim from node_modules, installed from package-lock.json when missing."""
    shim = root / SHIM
    if not shim.exists():
        try:
            subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--silent"],
                           cwd=root, check=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            raise ReaderError([E.FRONT_END_MISSING.at("package.json", None, detail=exc)]) from None
    return shim


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
def _template(shim: Path) -> str | None:
    """The shim's frame script with its two functions filled in; ``${e}`` (the worker URL) stays open."""
    code = shim.read_text(encoding="utf-8")
    template = re.search(r"<script>(postMessage=\$\{(\w)\};importScripts=\$\{(\w)\};.*?)<\\/script>", code)
    if not template:
        return None
    text = template.group(1)
    text = text.replace("${" + template.group(2) + "}", _function_source(code, template.group(2)))
    return text.replace("${" + template.group(3) + "}", _function_source(code, template.group(3)))


def frame_script(shim: Path, page_html: str) -> list[str]:
    """The inline script the iframe-worker shim writes into its frame on this page."""
    template = _template(shim)
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page_html, re.S)
    if not template or not config:
        return []
    worker = json.loads(config.group(1)).get("search")
    return [template.replace("${e}", worker)] if worker else []
