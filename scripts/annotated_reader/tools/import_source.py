"""Import a text — a saved web page, text pasted from a page, or Markdown — as ``sources/<id>.txt``.

The source file is written in the project's format: metadata (what the text states, "unknown"
where it does not, provenance: address, date of import, SHA-256 of the file imported) and the
text's lines, with proposed headings and furniture declared for review. Nothing is written when
anything is wrong, and an existing source is never replaced. The summary shows every call made
and the names in the text that no glossary entry covers.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import E, Problem, ReaderError
from ..inputs.files import read_bytes
from ..inputs.frontmatter import FILE_ID
from ..inputs.sources import parse_source
from ..model import Candidate
from ..pipeline.analyse import analyse
from ..settings import Settings
from .extraction import Extracted, from_markdown, from_text
from .new_entry import entry_id_for

MAX_INPUT_BYTES = 20_000_000
"""Largest file accepted for import (a saved page with its markup can be large; its text is not)."""
KINDS = {".html": "html", ".htm": "html", ".xhtml": "html", ".md": "markdown", ".markdown": "markdown"}


@dataclass(frozen=True)
class Imported:
    """What an import wrote and the calls it made."""

    path: Path
    extracted: Extracted
    candidates: tuple[Candidate, ...]


def detect(path: Path, data: bytes) -> str:
    """html, markdown or text, from the file name, else from the content."""
    if path.suffix.lower() in KINDS:
        return KINDS[path.suffix.lower()]
    head = data[:2048].lstrip().lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"


def _read(path: Path) -> bytes:
    """The file to import, read like every input (never a device, a pipe or more than the limit)."""
    problems: list[Problem] = []
    data = read_bytes(path, problems, folder="the folder it was saved in", limit=MAX_INPUT_BYTES, follow_symlinks=True)
    if data is None:
        raise ReaderError(problems)
    if not data.strip():
        raise ReaderError([E.EMPTY.at(path, None, guide="sources/README.md")])
    return data


def extract(path: Path, data: bytes) -> Extracted:
    """The text and metadata of the file, by kind; ReaderError when there is no text to take."""
    kind = detect(path, data)
    if kind == "html":
        from .web_page import from_html

        extracted = from_html(data)
    else:
        if b"\x00" in data:
            raise ReaderError([E.NUL.at(path, data[: data.index(b"\x00")].count(b"\n") + 1)])
        try:
            text = data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError as exc:
            raise ReaderError([E.NOT_UTF8.at(path, data[: exc.start].count(b"\n") + 1, byte=exc.start)]) from None
        extracted = from_markdown(text) if kind == "markdown" else from_text(text)
    if not extracted.title or not [t for k, t in extracted.lines if t not in extracted.furniture and t != extracted.title]:
        raise ReaderError([E.NO_EXTRACTABLE_TEXT.at(path, None, kind=kind)])
    return extracted


def _body(extracted: Extracted) -> list[str]:
    """The text's lines in the source format: the title first, list items and quotations marked."""
    lines = [extracted.title]
    number = 0
    previous = None
    title_seen = False
    for kind, text in extracted.lines:
        if text == extracted.title and not title_seen:
            title_seen = True
            continue
        number = number + 1 if kind == "item" and previous == "item" else 1
        lines.append({"bullet": f"- {text}", "item": f"  {number}. {text}", "quote": f"> {text}"}.get(kind, text))
        previous = kind
    return lines


def source_text(extracted: Extracted, data: bytes, url: str | None, today: datetime.date) -> str:
    """The whole source file for an extracted text."""
    meta = extracted.meta
    headings = [h for h in extracted.headings if h != extracted.title and h not in extracted.furniture]
    front: dict = {"title": extracted.title, "author": meta.get("author", "unknown")}
    if meta.get("translator"):
        front["translator"] = meta["translator"]
    front["publication"] = meta.get("publication", "unknown")
    for key in ("first_published", "date", "date_note"):
        if meta.get(key):
            front[key] = meta[key]
    front["language"] = meta.get("language", "en")
    front["kind"] = {"html": "web article", "markdown": "text", "text": "text"}[extracted.kind]
    front["furniture"] = list(extracted.furniture)
    front["headings"] = headings
    if url or meta.get("url"):
        front["url"] = url or meta["url"]
    front["imported"] = today.isoformat()
    front["sha256"] = hashlib.sha256(data).hexdigest()
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False)
    if extracted.received is not None:  # pasted text: kept exactly as received, line for line
        return "---\n" + header + "---\n" + extracted.received.rstrip("\n") + "\n"
    return "---\n" + header + "---\n" + "\n\n".join(_body(extracted)) + "\n"


def source_id(title: str, given: str | None) -> str:
    """The id of the new source: given, or the title's first words as lowercase words joined by hyphens."""
    if given is not None:
        return given
    slug = entry_id_for(title)
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0]
    return slug


def import_file(settings: Settings, path: Path, *, url: str | None = None, text_id: str | None = None,
                today: datetime.date | None = None) -> Imported:
    """Write ``<sources>/<id>.txt`` for the file at ``path`` and return what was done; nothing written on error."""
    data = _read(path)
    extracted = extract(path, data)
    if url is not None and not re.match(r"^https?://\S+$", url):
        raise ReaderError([E.IMPORT_URL.at(None, url=url)])
    new_id = source_id(extracted.title, text_id)
    sources = settings.path(settings.sources)
    if not FILE_ID.match(new_id):
        raise ReaderError([E.IMPORT_ID.at(path, None, id=new_id)])
    target = sources / f"{new_id}.txt"
    if target.exists() or target.is_symlink():
        raise ReaderError([E.IMPORT_EXISTS.at(target, None)])
    if not sources.is_dir():
        raise ReaderError([E.MISSING_DIRECTORY.at(sources, None, what="sources", option="SOURCES=")])
    content = source_text(extracted, data, url, today or datetime.date.today())
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / target.name
        trial.write_text(content, encoding="utf-8")
        problems: list[Problem] = []
        if parse_source(trial, problems) is None:
            raise ReaderError([Problem(str(path), p.line, p.code, p.message, p.fix) for p in problems])
        candidates = analyse(settings.with_(sources=Path(tmp), progress=False)).candidates
    with target.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(content)
    return Imported(target, extracted, candidates)


def summary(result: Imported) -> str:
    """What the import took, for review."""
    x = result.extracted
    meta = x.meta
    lines = [f"wrote {result.path} ({x.kind})", f"  title: {x.title}"]
    found = [k for k in ("author", "translator", "publication", "first_published", "date", "url", "language") if meta.get(k)]
    missing = [k for k in ("author", "publication", "date") if not meta.get(k)]
    lines.append("  metadata found: " + (", ".join(f"{k} = {meta[k]}" for k in found) or "none"))
    lines.append("  metadata missing (written as unknown or left out): " + (", ".join(missing) or "none"))
    headings = [h for h in x.headings if h != x.title and h not in x.furniture]
    lines.append(f"  headings ({len(headings)}):" + "".join(f"\n    - {h}" for h in headings))
    lines.append(f"  furniture, not shown ({len(x.furniture)}):" + "".join(f"\n    - {f}  [{why}]" for f, why in x.furniture.items()))
    lines += [f"  note: {n}" for n in x.notes]
    wanted = [c for c in result.candidates if c.reviewed is None]
    reviewed = [c.name for c in result.candidates if c.reviewed is not None]
    lines.append(f"  names no glossary entry covers ({len(wanted)}):")
    for c in wanted:
        name = c.name.replace('"', "")
        lines.append(f"    - {c.name} ({', '.join(c.labels)}, {c.count}×): make new-entry FROM=\"{name}\"")
    if reviewed:
        lines.append("  left out on purpose (non-entries.yml): " + ", ".join(reviewed))
    lines.append("  review the file: move a line out of furniture or headings if the call is wrong, then make check")
    return "\n".join(lines) + "\n"
