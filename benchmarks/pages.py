"""What a built site weighs for a reader: page sizes, each page's own scripts and data, and search in Chromium."""

from __future__ import annotations

import functools
import os
import re
import statistics
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SCRIPT_SRC = re.compile(r'<script[^>]*\ssrc="([^"]+)"')
ENTRY = re.compile(r'data-entry="([a-z0-9-]+)"')
THEME = ("assets/javascripts/", "search/")
QUERY = "commerce"
"""A word every era of the addresses uses; only the time and the bytes are recorded, never the results."""


def measure(site: Path) -> dict:
    """The largest HTML page and the largest sum of a page's own scripts and data."""
    biggest, biggest_own = ("", 0), ("", 0)
    count = 0
    for page in site.rglob("*.html"):
        count += 1
        data = page.read_bytes()
        name = page.relative_to(site).as_posix()
        if len(data) > biggest[1]:
            biggest = (name, len(data))
        html = data.decode("utf-8")
        own = 0
        for src in SCRIPT_SRC.findall(html):
            path = (page.parent / src.split("?")[0]).resolve()
            relative = path.relative_to(site.resolve()).as_posix() if path.is_relative_to(site.resolve()) else ""
            if relative and not relative.startswith(THEME) and path.exists():
                own += path.stat().st_size
        for entry in set(ENTRY.findall(html)):
            preview = site / "assets" / "previews" / f"{entry}.js"
            own += preview.stat().st_size if preview.exists() else 0
        if own > biggest_own[1]:
            biggest_own = (name, own)
    index = site / "search" / "search_index.json"
    return {"html_pages": count, "largest_page": biggest[0], "largest_page_kib": biggest[1] / 1024,
            "largest_own": biggest_own[0], "largest_own_kib": biggest_own[1] / 1024,
            "search_index_mib": index.stat().st_size / 2**20 if index.exists() else None,
            "site_mib": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def search_figures(site: Path, repeats: int) -> dict:
    """Bytes of search data fetched and seconds until the first result, in Chromium over HTTP."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    chromium = os.environ.get("READER_CHROMIUM", "/usr/bin/chromium")
    runs = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for i in range(repeats + 1):  # the first is the warm-up
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                fetched: list[tuple[str, int]] = []
                context.on("requestfinished", lambda request: fetched.append(
                    (request.url, request.sizes().get("responseBodySize", 0))))
                page = context.new_page()
                opened = time.perf_counter()
                page.goto(url)
                page.locator(".md-search__input").click()
                typed = time.perf_counter()
                page.keyboard.type(QUERY)
                page.locator(".md-search-result__item").first.wait_for(timeout=300_000)
                done = time.perf_counter()
                searched = [(u, n) for u, n in fetched if "/search/" in u and not u.endswith(".js")]
                if not searched:  # a worker's fetch the browser did not report: the whole index is fetched
                    searched = [("search/search_index.json", (site / "search" / "search_index.json").stat().st_size)]
                if i:
                    runs.append({"seconds": done - typed, "from_open": done - opened,
                                 "bytes": sum(n for _, n in searched), "files": len(searched)})
                context.close()
            browser.close()
    finally:
        server.shutdown()

    def spread(values):
        return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}

    return {"query_words": len(QUERY.split()), "first_result_seconds": spread([r["seconds"] for r in runs]),
            "from_open_seconds": spread([r["from_open"] for r in runs]),
            "download_mib": spread([r["bytes"] / 2**20 for r in runs]), "files": runs[-1]["files"]}
