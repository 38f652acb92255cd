"""Browser fixtures: Debian's Chromium driven by Playwright, the built site over HTTP and file://."""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from annotated_reader.settings import ENGINES

CHROMIUM = os.environ.get("READER_CHROMIUM", "/usr/bin/chromium")
"""Debian's Chromium by default; READER_CHROMIUM names another Chromium-based browser (e.g. on CI runners)."""
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test`, which installs it (tests/browser/install-deps.sh)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_dir(built) -> Path:
    return built.path(built.out)


@pytest.fixture(scope="session")
def offline_dir(built, tmp_path_factory) -> Path:
    """The offline edition of the real corpus, built into a temporary directory."""
    from annotated_reader.site.offline import build_offline

    base = tmp_path_factory.mktemp("offline")
    build_offline(built.with_(progress=False), base)
    return base / "site"


@pytest.fixture(scope="session")
def serve_engine(build_with):
    """``serve_engine(engine)``: the address of the site built with that engine, served over HTTP (once per session)."""
    servers: dict[str, ThreadingHTTPServer] = {}

    def get(engine: str) -> str:
        if engine not in servers:
            site = build_with(engine)
            handler = functools.partial(_Quiet, directory=str(site.path(site.out)))
            servers[engine] = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=servers[engine].serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{servers[engine].server_address[1]}/"

    yield get
    for server in servers.values():
        server.shutdown()


@pytest.fixture(scope="session")
def http_root(serve_engine):
    """The site built with the default engine (MkDocs), over HTTP."""
    return serve_engine("mkdocs")


@pytest.fixture(scope="session", params=ENGINES)
def engine_http_root(request, serve_engine):
    """The site built with each engine, over HTTP: tests taking this run once per engine."""
    return serve_engine(request.param)


def _offline_only(route) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


def _watched_page(context, errors: list[str]):
    """A new page whose script errors and refused (Content-Security-Policy) loads are collected."""
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text else None)
    return page


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    yield _watched_page(context, errors)
    context.close()
    assert errors == [], errors


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def offline_page(browser):
    """A page whose every non-file request fails: the network is blocked."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route("**/*", _offline_only)
    errors: list[str] = []
    yield _watched_page(context, errors)
    context.close()
    assert errors == [], errors
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:", "about:"))] == []
