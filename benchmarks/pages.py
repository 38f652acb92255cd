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
    sizes: list[tuple[int, str]] = []
    for page in site.rglob("*.html"):
        count += 1
        data = page.read_bytes()
        name = page.relative_to(site).as_posix()
        sizes.append((len(data), name))
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
            "largest_pages_kib": [[name, size / 1024] for size, name in sorted(sizes, reverse=True)[:10]],
            "largest_own": biggest_own[0], "largest_own_kib": biggest_own[1] / 1024,
            "search_index_mib": index.stat().st_size / 2**20 if index.exists() else None,
            "site_mib": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _one_search(context, url: str, site: Path, header: bool, query: str) -> dict:
    """Open the page, type the query, wait for the first result: seconds and bytes of search data fetched."""
    fetched: list[tuple[str, int]] = []
    context.on("requestfinished", lambda request: fetched.append(
        (request.url, request.sizes().get("responseBodySize", 0))))
    page = context.new_page()
    opened = time.perf_counter()
    page.goto(url)
    if header:
        page.locator(".md-search__input").click()
        typed = time.perf_counter()
        page.keyboard.type(query)
        page.locator(".md-search-result__item").first.wait_for(timeout=300_000)
    else:
        page.locator("#reader-search-input").wait_for()
        typed = time.perf_counter()
        page.locator("#reader-search-input").fill(query)
        page.locator("#reader-search-results li").first.wait_for(timeout=300_000)
    done = time.perf_counter()
    if header:
        searched = [(u, n) for u, n in fetched if "/search/search_index" in u]
        if not searched:  # fetched by the theme's worker, which the browser may not report: the whole index
            searched = [("search_index.json", (site / "search" / "search_index.json").stat().st_size)]
    else:
        searched = [(u, n) for u, n in fetched if "/assets/search" in u]
    page.close()
    return {"seconds": done - typed, "from_open": done - opened, "bytes": sum(n for _, n in searched),
            "files": len(searched)}


def search_figures(site: Path, repeats: int, query: str = QUERY) -> dict:
    """Both searches in Chromium over HTTP: the theme's (titles, headings, glossary) and "Search the texts"."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    chromium = os.environ.get("READER_CHROMIUM", "/usr/bin/chromium")
    runs: dict[str, list] = {"text_search": [], "header_search": []}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for i in range(repeats + 1):  # the first is the warm-up
                for name, target, header in (("text_search", url + "find/", False), ("header_search", url, True)):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})  # an empty browser cache
                    result = _one_search(context, target, site, header, query)
                    context.close()
                    if i:
                        runs[name].append(result)
            browser.close()
    finally:
        server.shutdown()

    def spread(values):
        return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}

    return {name: {"first_result_seconds": spread([r["seconds"] for r in found]),
                   "from_open_seconds": spread([r["from_open"] for r in found]),
                   "download_mib": spread([r["bytes"] / 2**20 for r in found]), "files": found[-1]["files"]}
            for name, found in runs.items()} | {"query": query}
