"""Which directories a build may replace, and the site address it is built for.

A build replaces its output directories whole (``site/`` and ``docs/``), so before anything is
read it checks each of them: it must not be a symbolic link, the project directory or one that
holds it, nor hold or lie inside an input (sources, glossary, theme overrides, the site
configuration, the model cache); the two must not overlap; and an existing, non-empty directory
must look like an earlier build of this reader (its own script, ``assets/reader.js``, and the
pages every build writes). Anything else is refused, so ``--out .`` or ``--docs sources`` deletes
nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import E, Problem, ReaderError
from ..settings import Settings

MARKERS = {
    "site": ("index.html", "404.html", "assets/reader.js"),
    "pages": ("index.md", "glossary/index.md", "assets/reader.js"),
}
"""Files every earlier build leaves in each output directory."""


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inputs(settings: Settings) -> dict[str, Path]:
    """Everything a build reads or keeps, by name, resolved."""
    named = {"the sources": settings.sources, "the glossary": settings.glossary, "the model cache": settings.cache,
             "the theme overrides": Path("overrides"), "the site configuration": settings.mkdocs_config}
    return {name: _real(settings.path(path)) for name, path in named.items()}


def _output_problem(path: Path, what: str, option: str, default: str, settings: Settings) -> Problem | None:
    values = {"what": what, "option": option}
    if path.is_symlink():
        return E.OUTPUT_IS_LINK.at(path, None, **values)
    real, root = _real(path), _real(settings.root)
    if real == root or real in root.parents:
        relation = "is" if real == root else "holds"
        return E.OUTPUT_HOLDS_PROJECT.at(path, None, relation=relation, holds="the project directory",
                                         default=default, **values)
    for name, held in _inputs(settings).items():
        if real == held or real in held.parents:
            return E.OUTPUT_HOLDS_PROJECT.at(path, None, relation="is" if real == held else "holds", holds=name,
                                             default=default, **values)
        if held in real.parents:
            return E.OUTPUT_HOLDS_PROJECT.at(path, None, relation="lies inside", holds=name, default=default, **values)
    if path.exists() and not path.is_dir():
        return E.OUTPUT_NOT_DIRECTORY.at(path, None, **values)
    if path.is_dir() and any(path.iterdir()):
        missing = [m for m in MARKERS[what] if not (path / m).is_file()]
        if missing:
            return E.OUTPUT_NOT_A_BUILD.at(path, None, marker=missing[0], **values)
    return None


def check_outputs(settings: Settings, *, site: bool = True) -> None:
    """Raise ReaderError unless the pages (and, with ``site``, the site) directory may be replaced."""
    docs, out = settings.path(settings.docs), settings.path(settings.out)
    problems = [_output_problem(docs, "pages", "--docs", "docs", settings)]
    if site:
        problems.append(_output_problem(out, "site", "--out", "site", settings))
        real_docs, real_out = _real(docs), _real(out)
        overlap = real_docs == real_out or real_docs in real_out.parents or real_out in real_docs.parents
        if overlap and problems == [None, None]:
            problems.append(E.OUTPUTS_OVERLAP.at(None))
    found = [p for p in problems if p is not None]
    if found:
        raise ReaderError(found)


def check_epoch() -> None:
    """Raise ReaderError when ``SOURCE_DATE_EPOCH`` (the date the pages show) is set but is not whole seconds."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is not None and not (value.isascii() and value.isdigit() and len(value) <= 12):
        raise ReaderError([E.EPOCH.at(None, value=value[:80])])


def site_url(value: str | None) -> str | None:
    """The address the site is published at, ending in ``/``; ReaderError when it is not a web address."""
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment \
            or any(ch.isspace() or ch in "\"'<>\\`" for ch in value):
        raise ReaderError([E.SITE_URL.at(None, url=value)])
    return value if value.endswith("/") else value + "/"
