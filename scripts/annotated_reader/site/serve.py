"""Live preview of what contributors edit: the pages rebuild when ``glossary/`` or ``sources/`` change.

The reader's own rebuild (analysis from the model cache, rendering, the engine over the changed
pages only) runs inside the engine's live-reload server, which reloads every open browser when it
is done. A broken input is reported and the previous pages stay on screen until it is fixed. The
preview has no Content-Security-Policy (the reload script is inline); ``make site`` has one.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from ..errors import ReaderError
from ..pipeline.analyse import analyse
from ..settings import Settings
from .build import asset_files
from .engine import config_file, mkdocs_build, require_mkdocs
from .incremental import complete_search, sync_docs
from .index_pages import navigation
from .render import render_pages


class Preview:
    """The pages and site of a live preview, rebuilt on demand."""

    def __init__(self, settings: Settings, work: Path):
        self.settings = settings
        self.docs = work / "docs"
        self.site = work / "site"
        self.nav: list | None = None

    def rebuild(self) -> bool:
        """Rebuild what changed; report problems and keep the previous pages when an input is broken."""
        started = time.perf_counter()
        try:
            corpus = analyse(self.settings)
            extra = {self.docs / name: data for name, data in asset_files(self.settings).items()}
            written, removed = sync_docs(render_pages(corpus, self.settings.directory_urls, self.settings.engine), self.docs, extra)
            changed = len(written) + len(removed)
            nav = navigation(corpus.texts)
            dirty = nav == self.nav and self.site.exists() and not removed
            if changed or not dirty:
                order = mkdocs_build(self.settings, self.docs, self.site, nav, dirty=dirty)
                complete_search(self.site, self.docs.parent, order, written, dirty)  # the dirty index is partial
            self.nav = nav
        except ReaderError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print("the preview keeps the last pages that built; fix the problems above", file=sys.stderr, flush=True)
            return False
        print(f"rebuilt {changed} page(s) in {time.perf_counter() - started:.2f} s", file=sys.stderr, flush=True)
        return True


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the preview at http://host:port/ until interrupted (MkDocs only: its live-reload server and dirty builds)."""
    require_mkdocs(settings, "the live preview")
    from mkdocs.livereload import LiveReloadServer

    work = Path(tempfile.mkdtemp(prefix="reader-preview-"))
    preview = Preview(settings, work)
    try:
        preview.rebuild()
        # The engine's watcher polls; every 0.2 s instead of its 0.5 s: an edit starts rebuilding sooner.
        server = LiveReloadServer(builder=preview.rebuild, host=host, port=port, root=str(preview.site),
                                  polling_interval=0.2)
        for watched in (settings.path(settings.glossary), settings.path(settings.sources), config_file(settings),
                        settings.path(Path("overrides"))):
            if watched.exists():
                server.watch(str(watched))
        print(f"serving the preview at http://{host}:{port}/ (Ctrl-C stops it)", file=sys.stderr, flush=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)
