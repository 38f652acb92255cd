"""A Content-Security-Policy ``<meta>`` tag on every built page.

Runs after MkDocs, over the staging site. Scripts may come only from the site itself and from
the exact inline scripts the theme writes (allowed by their SHA-256 hashes, computed here from
each page), so no other script, whatever a contributed file contained, could run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}
"""The policy before the inline-script hashes are added. Styles may be inline (the theme sets them)."""


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            attributes = dict(attrs)
            kind = (attributes.get("type") or "text/javascript").lower()
            self._inside = "src" not in attributes and ("javascript" in kind or kind == "module")
            self._buffer = []

    def handle_data(self, data):
        if self._inside:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._inside:
            self.scripts.append("".join(self._buffer))
            self._inside = False


def script_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def inline_scripts(html: str) -> list[str]:
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def policy_for(html: str, extra_scripts: list[str] = ()) -> str:
    hashes = sorted({script_hash(s) for s in [*inline_scripts(html), *extra_scripts]})
    parts = []
    for directive, values in BASE_POLICY.items():
        values = values + hashes if directive == "script-src" else values
        parts.append(f"{directive} {' '.join(values)}")
    return "; ".join(parts)


_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)


def apply(site: Path, extra_scripts=None) -> int:
    """Add the policy to every HTML page of ``site``; return the number of pages changed.

    ``extra_scripts(page_path, html)`` may name further inline scripts a page will create at run
    time (the offline edition's search shim writes one into a frame).
    """
    count = 0
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="Content-Security-Policy"' in html:
            continue
        extra = extra_scripts(path, html) if extra_scripts else []
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, extra)}">'
        match = _HEAD.search(html)
        if not match:
            continue
        html = html[: match.end()] + "\n    " + meta + html[match.end():]
        path.write_text(html, encoding="utf-8")
        count += 1
    return count
