"""Incremental site builds: only the pages whose Markdown changed go through the engine again.

The last successful build is kept in a hidden state directory beside the output (``.site.state``
for ``site``): the generated Markdown (``docs/``, files rewritten only when their bytes
change), the engine's output (``engine/``), the final pages with their Content-Security-Policy
(``final/``) and a record of what the build depended on. A build then

1. brings ``docs/`` to the new pages (unchanged files keep their modification time);
2. runs the engine in its dirty mode, which renders only the pages newer than their HTML, when
   that is correct: same navigation, same engine, theme and configuration, a complete previous
   build; otherwise a full engine build;
3. completes the search index (the engine's dirty mode indexes only the pages it rendered) from
   the previous index, in the engine's own page order, so it equals a clean build's;
4. applies the Content-Security-Policy to the changed pages only and updates ``final/`` by
   writing new files and renaming them into place.

The caller hard-links ``final/`` into a staging directory and swaps it in, so a failed build
still leaves the previous site untouched. The record is removed before anything changes and
written back only on success, so an interrupted build makes the next one a full build.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from pathlib import Path

from ..model import Page
from ..settings import Settings
from . import csp
from .engine import mkdocs_build, probe_key

FORMAT = "1"
RECORD = "state.json"
SEARCH = "search/search_index.json"


def state_directory(settings: Settings) -> Path:
    """The state of the builds into ``settings.out``: ``.<name>.state`` beside it."""
    out = Path(os.path.abspath(settings.path(settings.out)))
    return out.with_name(f".{out.name}.state")


def _key(settings: Settings, nav: list | None, allowed: set[str]) -> str:
    """Everything besides the pages that the engine's output depends on."""
    overrides = settings.path(Path("overrides"))
    digest = hashlib.sha256()
    for path in sorted(overrides.rglob("*")) if overrides.is_dir() else []:
        if path.is_file():
            digest.update(path.relative_to(overrides).as_posix().encode() + b"\0" + path.read_bytes())
    shim = settings.shim.read_bytes() if settings.edition == "offline" and settings.shim else b""
    return json.dumps({"format": FORMAT, "engine": probe_key(settings), "nav": nav, "overrides": digest.hexdigest(),
                       "shim": hashlib.sha256(shim).hexdigest(), "scripts": sorted(allowed)}, sort_keys=True)


def sync_docs(pages: list[Page], target: Path, extra: dict[Path, bytes]) -> tuple[set[str], set[str]]:
    """Bring ``target`` to exactly these pages (and ``extra`` files); return (written, removed) relative paths.

    Unchanged files keep their modification time, so the engine's dirty mode skips them.
    """
    wanted: dict[Path, bytes] = {target / page.path: page.content.encode("utf-8") for page in pages}
    wanted.update(extra)
    written, removed = set(), set()
    for path, data in sorted(wanted.items()):
        try:
            same = path.stat().st_size == len(data) and path.read_bytes() == data
        except OSError:
            same = False
        if not same:
            _replace(path, data)
            written.add(path.relative_to(target).as_posix())
    for path in sorted(target.rglob("*"), reverse=True) if target.exists() else []:
        if path.is_file() and path not in wanted:
            path.unlink()
            removed.add(path.relative_to(target).as_posix())
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written, removed


def _engine_outputs(src: str, settings: Settings) -> list[str]:
    """Where the engine writes a source file of ``docs/`` (a page or a static file)."""
    if not src.endswith(".md"):
        return [src]
    stem = src[:-3]
    if not settings.directory_urls or stem == "index" or stem.endswith("/index"):
        return [stem + ".html"]
    return [stem + "/index.html"]


def complete_search(engine: Path, state: Path, pages: list[tuple[str, str]], rebuilt: set[str], dirty: bool) -> None:
    """Make the engine's search index whole again after a dirty build, in the engine's page order."""
    index_path = engine / SEARCH
    kept = state / "search-docs.json"
    if not index_path.exists():
        return
    current = json.loads(index_path.read_text(encoding="utf-8"))
    if dirty and kept.exists():
        previous: dict[str, list] = json.loads(kept.read_text(encoding="utf-8"))
        fresh: dict[str, list] = {}
        for doc in current["docs"]:
            fresh.setdefault(doc["location"].split("#")[0], []).append(doc)
        docs = []
        for src, url in pages:
            docs += fresh.get(url, []) if src in rebuilt else previous.get(url, [])
        current["docs"] = docs
        index_path.write_text(json.dumps(current, separators=(",", ":"), default=str), encoding="utf-8")
    by_page: dict[str, list] = {}
    for doc in current["docs"]:
        by_page.setdefault(doc["location"].split("#")[0], []).append(doc)
    kept.write_text(json.dumps(by_page, separators=(",", ":")), encoding="utf-8")


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file renamed over ``path`` (hard links to the old file keep the old bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def build_incremental(settings: Settings, pages: list[Page], extra: dict[str, bytes], nav: list | None,
                      allowed: set[str], frame_scripts=None) -> tuple[Path, dict]:
    """Bring the state's final pages up to date with ``pages``; return that directory and what was done."""
    state = state_directory(settings)
    docs, engine, final = state / "docs", state / "engine", state / "final"
    record = state / RECORD
    key = _key(settings, nav, allowed)
    try:
        valid = json.loads(record.read_text(encoding="utf-8")).get("key") == key and final.is_dir() and engine.is_dir()
    except (OSError, ValueError):
        valid = False
    record.unlink(missing_ok=True)
    if not valid:
        shutil.rmtree(state, ignore_errors=True)
    state.mkdir(parents=True, exist_ok=True)
    written, removed = sync_docs(pages, docs, {docs / k: v for k, v in extra.items()})
    for src in removed if valid else ():
        for out in _engine_outputs(src, settings):
            for tree in (engine, final):
                (tree / out).unlink(missing_ok=True)
    started = time.time()
    time.sleep(0.01)  # a file the engine writes now is strictly newer than ``started``
    page_order = mkdocs_build(settings, docs, engine, nav, dirty=valid)
    complete_search(engine, state, page_order, written, valid)
    fresh = [p for p in sorted(engine.rglob("*")) if p.is_file() and not (valid and p.stat().st_mtime < started)]
    html = [(p.relative_to(engine).as_posix(), p.read_text(encoding="utf-8")) for p in fresh if p.suffix == ".html"]
    secured = dict(zip((name for name, _ in html), csp.secure(html, allowed, frame_scripts)))
    changed = []
    for path in fresh:
        relative = path.relative_to(engine).as_posix()
        data = secured[relative].encode("utf-8") if relative in secured else path.read_bytes()
        target = final / relative
        try:
            if target.read_bytes() == data:
                continue
        except OSError:
            pass
        _replace(target, data)
        changed.append(relative)
    record.write_text(json.dumps({"key": key}), encoding="utf-8")
    return final, {"full": not valid, "markdown_written": len(written), "markdown_removed": len(removed),
                   "files_changed": len(changed), "changed": changed[:20]}


def link_tree(source: Path, target: Path) -> None:
    """A copy of ``source`` at ``target`` made of hard links (a plain copy where links are not possible)."""
    def copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)
    shutil.copytree(source, target, copy_function=copy, dirs_exist_ok=True)
