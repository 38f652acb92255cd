"""Page URLs, as the site engine gives them, and relative links between generated pages.

Raw HTML (the graphs' SVG links) is not rewritten by the engine, so those links are computed
here from the engine's own rule for a page's URL: MkDocs' ``File`` (which Zensical follows).
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
