"""A Content-Security-Policy ``<meta>`` on every built page, allowing only the theme's own inline scripts.

Which inline scripts are the theme's is decided without looking at our pages: the engine builds
a *probe* site of empty pages at several depths with the same theme configuration but none of our
template overrides, and the inline scripts of those pages are the allowed set (kept in the cache
under the engine's and the theme's versions and the configuration). A built page whose inline
script is not in that set fails the build, naming the page. Pages are parsed, not searched as
text, so no page content can add, remove or duplicate the policy.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path

from ..errors import E, Problem, ReaderError

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

EXECUTABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


class PageScan(HTMLParser):
    """The parts of a page the policy depends on: its inline scripts, CSP metas and where ``<head>`` ends."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self._lines = [0]
        for line in html.splitlines(keepends=True):
            self._lines.append(self._lines[-1] + len(line))
        self.scripts: list[str] = []
        self.policies = 0
        self.head_end: int | None = None
        self._inside = False
        self._buffer: list[str] = []
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag == "head" and self.head_end is None:
            self.head_end = self._offset() + len(self.get_starttag_text() or "")
        elif tag == "meta" and attributes.get("http-equiv", "").lower() == "content-security-policy":
            self.policies += 1
        elif tag == "script":
            kind = attributes.get("type", "").strip().lower()
            self._inside = "src" not in attributes and kind in EXECUTABLE
            self._buffer = []

    def handle_data(self, data: str) -> None:
        if self._inside:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inside:
            self.scripts.append("".join(self._buffer))
            self._inside = False


def script_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def policy(hashes: Iterable[str]) -> str:
    parts = []
    for directive, values in BASE_POLICY.items():
        values = values + sorted(set(hashes)) if directive == "script-src" else values
        parts.append(f"{directive} {' '.join(values)}")
    return "; ".join(parts)


def probe_scripts(site: Path) -> set[str]:
    """The inline scripts of every page of a probe site."""
    found: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        found.update(PageScan(page.read_text(encoding="utf-8")).scripts)
    return found


def cached_allowed(cache: Path, key: str, probe: Callable[[], set[str]]) -> set[str]:
    """The allowed inline scripts for ``key`` (engine, theme, configuration), probed once and kept."""
    path = cache / "csp" / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") == key:
            return set(data["scripts"])
    except (OSError, ValueError):
        pass
    scripts = probe()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"key": key, "scripts": sorted(scripts)}, indent=1), encoding="utf-8")
    return scripts


def check(name: str, html: str, allowed: set[str]) -> tuple[PageScan, list[Problem]]:
    """A page's scan and what is wrong with it for the policy (foreign inline script, a policy already, no head)."""
    scan = PageScan(html)
    problems = []
    foreign = [s for s in scan.scripts if s not in allowed]
    if foreign:
        problems.append(E.FOREIGN_SCRIPT.at(name, None, start=" ".join(foreign[0].split())[:60]))
    if scan.policies:
        problems.append(E.POLICY_PRESENT.at(name, None))
    if scan.head_end is None:
        problems.append(E.NO_HEAD.at(name, None))
    return scan, problems


def with_policy(html: str, scan: PageScan, frame_scripts: Callable[[str], list[str]] | None = None) -> str:
    """The page with its policy ``<meta>`` first in ``<head>``."""
    assert scan.head_end is not None
    hashes = [script_hash(s) for s in scan.scripts + (frame_scripts(html) if frame_scripts else [])]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    return html[: scan.head_end] + "\n    " + meta + html[scan.head_end:]


def secure(pages: list[tuple[str, str]], allowed: set[str],
           frame_scripts: Callable[[str], list[str]] | None = None) -> list[str]:
    """Each (name, html) page with its policy; raise ReaderError naming every page that cannot have one."""
    problems: list[Problem] = []
    scans = []
    for name, html in pages:
        scan, found = check(name, html, allowed)
        problems += found
        scans.append(scan)
    if problems:
        raise ReaderError(problems)
    return [with_policy(html, scan, frame_scripts) for (_, html), scan in zip(pages, scans)]


def apply(site: Path, allowed: set[str], frame_scripts: Callable[[str], list[str]] | None = None) -> int:
    """Add the policy to every page of ``site``; raise ReaderError naming each page with a foreign script.

    ``frame_scripts(html)`` names scripts a page will create at run time in a frame (the offline
    edition's search shim), which the frame inherits the policy for.
    """
    paths = sorted(site.rglob("*.html"))
    pages = [(path.relative_to(site).as_posix(), path.read_text(encoding="utf-8")) for path in paths]
    for path, html in zip(paths, secure(pages, allowed, frame_scripts)):
        path.write_text(html, encoding="utf-8")
    return len(paths)
