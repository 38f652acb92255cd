"""Shared fixtures: the repository, a real build of the real corpus, helpers to read its HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotated_reader.site.build import build
from annotated_reader.settings import ENGINES, Settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def build_with(tmp_path_factory):
    """``build_with(engine)``: the real texts and glossary built with the real model and that engine, once per session.

    One model process: the browser tests may already have threads running when this builds, and
    forking worker processes then is best avoided (tests/test_annotate.py covers the workers).
    """
    builds: dict[str, Settings] = {}

    def get(engine: str) -> Settings:
        if engine not in builds:
            work = tmp_path_factory.mktemp(f"build-{engine}")
            settings = Settings(root=ROOT, docs=work / "docs", out=work / "site", reports=work / "reports",
                                cache=ROOT / ".cache" / "reader", jobs=1, progress=False, engine=engine)
            build(settings)
            builds[engine] = settings
        return builds[engine]

    return get


@pytest.fixture(scope="session")
def built(build_with) -> Settings:
    """The site built with the default engine (MkDocs)."""
    return build_with("mkdocs")


@pytest.fixture(scope="session", params=ENGINES)
def engine_built(request, build_with) -> Settings:
    """The same site built with each engine: tests taking this run once per engine."""
    return build_with(request.param)


@pytest.fixture(scope="session")
def epub_file(built, tmp_path_factory) -> Path:
    """The EPUB edition of the real corpus (the same analysis as the MkDocs site)."""
    from annotated_reader.site.epub import build_epub

    _, path = build_epub(built, tmp_path_factory.mktemp("epub") / "annotated-reader.epub")
    return path


@pytest.fixture(scope="session")
def pdf_file(built, tmp_path_factory) -> Path:
    """The print edition of the real corpus, built once per session (WeasyPrint takes a while)."""
    from annotated_reader.site.pdf import build_pdf

    _, path = build_pdf(built, tmp_path_factory.mktemp("pdf") / "annotated-reader.pdf")
    return path


def write_entry(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's inputs (sources, glossary, mkdocs.yml, overrides) to break at will."""
    for name in ("sources", "glossary", "overrides"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path
