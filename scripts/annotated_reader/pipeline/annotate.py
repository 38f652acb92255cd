"""The model stage: tokens, named entities and sentences of every block, cached by content hash.

The output per document is plain data (``model.Analysis``): token offsets, entity spans with
their labels and sentence starts for each block. It is cached under a key made of the block
texts, the model's name and version, the spaCy version and the components, so a glossary edit
never re-runs the model and a change of model invalidates the cache. A cache file carries a
checksum; a corrupt one is a miss, recomputed and rewritten.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
import srsly

from ..model import Analysis, BlockAnalysis, Document
from ..settings import Settings
from .nlp import DASH_INFIXES, DASH_SUFFIXES, component_names, load_pipeline, model_version

CACHE_FORMAT = "4"
CHUNK_DOCUMENTS = 8
"""Documents per unit of work handed to a worker process, at most: fewer when there are few
documents, so that every worker has work until the end (at least eight units per worker)."""


def model_key(settings: Settings) -> str:
    """What the cached output depends on besides the text: model, versions, components, our tokenizer rules."""
    components = ",".join(sorted(settings.components))
    every = ",".join(component_names(settings.model))
    return (f"v{CACHE_FORMAT}|{settings.model}|{model_version(settings.model)}|spacy-{spacy.__version__}"
            f"|{components}|of:{every}|sentencizer|infixes:{'|'.join(DASH_INFIXES)}|suffixes:{'|'.join(DASH_SUFFIXES)}")


def cache_key(document: Document, model: str) -> str:
    digest = hashlib.sha256(model.encode())
    for block in document.blocks:
        digest.update(b"\x00" + block.text.encode())
    return digest.hexdigest()


def encode(blocks: Iterable[BlockAnalysis]) -> bytes:
    """Plain model output as compact bytes (msgpack of flat integer lists)."""
    out = []
    for block in blocks:
        out.append([[i for pair in block.tokens for i in pair],
                    [[s, e, label] for s, e, label in block.entities],
                    list(block.sentence_starts)])
    return srsly.msgpack_dumps(out)


def decode(data: bytes) -> tuple[BlockAnalysis, ...]:
    blocks = []
    for tokens, entities, starts in srsly.msgpack_loads(data):
        blocks.append(BlockAnalysis(tuple(zip(tokens[0::2], tokens[1::2])),
                                    tuple((s, e, label) for s, e, label in entities), tuple(starts)))
    return tuple(blocks)


def analyse_doc(doc) -> BlockAnalysis:
    """A spaCy ``Doc`` as plain data."""
    return BlockAnalysis(tuple((t.idx, t.idx + len(t.text)) for t in doc),
                         tuple((e.start, e.end, e.label_) for e in doc.ents),
                         tuple(s.start for s in doc.sents) if len(doc) else ())


class DocCache:
    """Content-addressed files of encoded model output, each guarded by a checksum.

    A file is the SHA-256 of its payload followed by the payload; a missing, truncated or
    altered file fails the check and is simply a miss (recomputed and rewritten), never an error.
    Writes go to a temporary file and are renamed into place, so concurrent workers are safe.
    """

    def __init__(self, directory: Path):
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.bin"

    def get(self, key: str) -> bytes | None:
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            return None
        if len(raw) < 32 or hashlib.sha256(raw[32:]).digest() != raw[:32]:
            return None
        return raw[32:]

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(hashlib.sha256(data).digest() + data)
        os.replace(tmp, path)


class Progress:
    """A progress bar on a terminal, plain lines otherwise (CI logs), nothing when disabled."""

    def __init__(self, total: int, label: str, enabled: bool | None):
        self.total, self.label, self.done = total, label, 0
        self.quiet = enabled is False
        interactive = sys.stderr.isatty() if enabled is None else enabled
        self.bar = None
        if interactive and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=label, unit="text", file=sys.stderr, leave=False)
        self.step = max(1, total // 10)

    def update(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
        elif not self.quiet and self.total >= 20 and (self.done % self.step == 0 or self.done == self.total):
            print(f"{self.label}: {self.done}/{self.total} texts", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


_WORKER: dict = {}


def _start_worker(model: str, components: tuple[str, ...], cache_dir: str, batch_size: int) -> None:
    """Pool initializer: the pipeline (inherited when forked, loaded otherwise) and the cache."""
    _WORKER.update(nlp=load_pipeline(model, components), cache=DocCache(Path(cache_dir)), batch_size=batch_size)


def _annotate_chunk(chunk: list[tuple[int, list[str], str]]) -> list[tuple[int, bytes]]:
    """Run the model over a few whole documents; encode and cache each one; return (index, bytes)."""
    nlp, cache = _WORKER["nlp"], _WORKER["cache"]
    texts = [text for _, blocks, _ in chunk for text in blocks]
    docs = iter(nlp.pipe(texts, batch_size=_WORKER["batch_size"]))
    out = []
    for index, blocks, key in chunk:
        data = encode(analyse_doc(next(docs)) for _ in blocks)
        cache.put(key, data)
        out.append((index, data))
    return out


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def annotate(documents: Iterable[Document], settings: Settings, stats: dict | None = None) -> Iterator[Analysis]:
    """Yield each document with its model output, from the cache or from the model.

    Cached documents come first, then the rest: in order with one process, longest first with
    several (the caller orders them). With ``settings.jobs`` > 1 the model
    runs in that many worker processes, each taking a few whole documents at a time and writing
    their cache files itself, so the main process only reads results. Only the output of the
    documents in flight is held in memory, never the corpus as spaCy ``Doc`` objects.
    """
    key_model = model_key(settings)
    cache_dir = settings.path(settings.cache)
    cache = DocCache(cache_dir)
    documents = list(documents)
    misses: list[tuple[int, list[str], str]] = []
    progress = Progress(len(documents), "annotate", settings.progress)
    for index, document in enumerate(documents):
        key = cache_key(document, key_model)
        data = cache.get(key)
        if data is None:
            misses.append((index, [b.text for b in document.blocks], key))
        else:
            progress.update()
            yield Analysis(document, decode(data), True)
    if stats is not None:
        stats.update(cache_hits=len(documents) - len(misses), cache_misses=len(misses), model_seconds=0.0)
    if not misses:
        progress.close()
        return
    started = time.perf_counter()
    args = (settings.model, tuple(settings.components), str(cache_dir), settings.batch_size)
    load_pipeline(*args[:2])  # loaded once here: forked workers inherit it
    jobs = max(1, min(settings.jobs, len(misses)))
    if jobs == 1:
        _start_worker(*args)
        results = (item for chunk in _chunks(misses, CHUNK_DOCUMENTS) for item in _annotate_chunk(chunk))
        yield from _collect(results, documents, progress)
    else:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        size = max(1, min(CHUNK_DOCUMENTS, len(misses) // (jobs * 8)))
        # Longest first: the last units handed out are the shortest, so the workers finish together
        # instead of one waiting while the other runs a long text at the end.
        longest_first = sorted(misses, key=lambda miss: (-sum(map(len, miss[1])), miss[0]))
        with context.Pool(jobs, initializer=_start_worker, initargs=args) as pool:
            results = (item for chunk in pool.imap(_annotate_chunk, _chunks(longest_first, size)) for item in chunk)
            yield from _collect(results, documents, progress)
    progress.close()
    if stats is not None:
        stats["model_seconds"] = time.perf_counter() - started


def _collect(results: Iterable[tuple[int, bytes]], documents: list[Document], progress: Progress) -> Iterator[Analysis]:
    for index, data in results:
        progress.update()
        yield Analysis(documents[index], decode(data), False)
