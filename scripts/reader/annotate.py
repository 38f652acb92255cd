"""The model stage: named-entity recognition over every block, cached by content hash.

Output per document is a serialised ``DocBin`` (one ``Doc`` per block, with entities and
sentence starts). It is cached under a key made of the block texts, the model's name and
version, the spaCy version and the components, so a glossary edit never re-runs the model and a
change of model invalidates the cache. A corrupt cache file is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
import srsly
from spacy.tokens import DocBin

from .convert import Document
from .nlp import _component_names, load_pipeline
from .settings import Settings

DOCBIN_ATTRS = ["ENT_IOB", "ENT_TYPE", "SENT_START"]
CACHE_FORMAT = "1"


@dataclass(frozen=True)
class Annotated:
    """A document and its model output (a DocBin with one Doc per block, serialised)."""

    document: Document
    docbin: bytes
    cached: bool


def model_key(settings: Settings) -> str:
    """What the cached output depends on besides the text: model, versions, components."""
    meta_version = "?"
    if spacy.util.is_package(settings.model):
        meta = srsly.read_json(spacy.util.get_package_path(settings.model) / "meta.json")
        meta_version = f"{meta.get('name')}-{meta.get('version')}"
    components = ",".join(sorted(settings.components))
    every = ",".join(_component_names(settings.model))
    return f"v{CACHE_FORMAT}|{settings.model}|{meta_version}|spacy-{spacy.__version__}|{components}|of:{every}|sentencizer"


def cache_key(document: Document, model: str) -> str:
    digest = hashlib.sha256(model.encode())
    for block in document.blocks:
        digest.update(b"\x00" + block.text.encode())
    return digest.hexdigest()


class DocCache:
    """Content-addressed files of serialised model output."""

    def __init__(self, directory: Path):
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.spacy"

    def get(self, key: str, expected: list[str]) -> bytes | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
            docs = list(DocBin(attrs=DOCBIN_ATTRS).from_bytes(data).get_docs(_VOCAB()))
        except Exception:  # a missing, truncated or foreign file is simply a miss
            return None
        if [d.text for d in docs] != expected:
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)


_BLANK = {}


def _VOCAB():
    if "en" not in _BLANK:
        _BLANK["en"] = spacy.blank("en")
    return _BLANK["en"].vocab


class Progress:
    """A progress bar on a terminal, plain lines otherwise (CI logs)."""

    def __init__(self, total: int, label: str, enabled: bool | None):
        self.total, self.label, self.done = total, label, 0
        interactive = sys.stderr.isatty() if enabled is None else enabled
        self.bar = None
        if interactive and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=label, unit="text", file=sys.stderr, leave=False)
        self.step = max(1, total // 10)
        self.quiet = enabled is False

    def update(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
        elif not self.quiet and self.total >= 20 and (self.done % self.step == 0 or self.done == self.total):
            print(f"{self.label}: {self.done}/{self.total} texts", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def annotate(documents: Iterable[Document], settings: Settings, stats: dict | None = None) -> Iterator[Annotated]:
    """Yield each document with its model output, from the cache or from the model.

    Cached documents come first, then the rest stream through ``nlp.pipe`` (with
    ``n_process=settings.jobs``); only one document's Docs are held in memory at a time.
    """
    key_model = model_key(settings)
    cache = DocCache(settings.path(settings.cache))
    misses: list[Document] = []
    documents = list(documents)
    progress = Progress(len(documents), "annotate", settings.progress)
    for document in documents:
        texts = [b.text for b in document.blocks]
        data = cache.get(cache_key(document, key_model), texts)
        if data is None:
            misses.append(document)
        else:
            progress.update()
            yield Annotated(document, data, True)
    if stats is not None:
        stats["cache_hits"] = len(documents) - len(misses)
        stats["cache_misses"] = len(misses)
        stats["model_seconds"] = 0.0
    if not misses:
        progress.close()
        return
    started = time.perf_counter()
    nlp = load_pipeline(settings.model, tuple(settings.components))
    stream = ((block.text, (index, len(doc.blocks)))
              for index, doc in enumerate(misses) for block in doc.blocks)
    jobs = settings.jobs if len(misses) > 1 else 1
    current: list = []
    for doc, (index, count) in nlp.pipe(stream, as_tuples=True, batch_size=settings.batch_size, n_process=jobs):
        current.append(doc)
        if len(current) == count:
            docbin = DocBin(attrs=DOCBIN_ATTRS, docs=current)
            data = docbin.to_bytes()
            document = misses[index]
            cache.put(cache_key(document, key_model), data)
            current = []
            progress.update()
            yield Annotated(document, data, False)
    progress.close()
    if stats is not None:
        stats["model_seconds"] = time.perf_counter() - started
