"""Page URLs, as the site engine gives them, and relative links between generated pages.

MkDocs does not rewrite links in raw HTML (the graphs' SVG links), so those links are computed
here from its own rule for a page's URL (``File``). Zensical rewrites them like Markdown links, so
for Zensical they are paths between the Markdown files (``relative_source``).
"""

from __future__ import annotations

import posixpath
from functools import lru_cache


@lru_cache(maxsize=4096)
def page_url(md_path: str, directory_urls: bool) -> str:
    """The URL path (relative to the site root) the engine gives a page: ``glossary/x/`` or ``glossary/x.html``."""
    from mkdocs.structure.files import File

    return File(md_path, "docs", "site", directory_urls).url


def relative_url(from_md: str, to_md: str, directory_urls: bool) -> str:
    """A relative link from one generated page to another."""
    source, target = page_url(from_md, directory_urls), page_url(to_md, directory_urls)
    source_dir = source.rstrip("/") if source.endswith("/") else posixpath.dirname(source)
    if target.endswith("/") or target in ("", "./"):
        target_dir, target_file = target.rstrip("/").removeprefix("./"), ""
    else:
        target_dir, target_file = posixpath.split(target)
    rel = posixpath.relpath(target_dir or ".", source_dir or ".")
    if target_file:
        return target_file if rel == "." else f"{rel}/{target_file}"
    return "./" if rel == "." else rel + "/"


def relative_source(from_md: str, to_md: str) -> str:
    """A relative link from one generated Markdown file to another, as written in Markdown (``../glossary/x.md``)."""
    return posixpath.relpath(to_md, posixpath.dirname(from_md) or ".")
