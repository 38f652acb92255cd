"""The one analysis function: load → convert → annotate (model) → match → link → candidates.

The build, the impact report, the evaluation and the benchmark all call ``analyse``; none of them
repeats a stage of it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..errors import Problem, ReaderError
from ..inputs.glossary import load_glossary
from ..inputs.non_entries import load_non_entries
from ..inputs.sources import load_sources
from ..model import Corpus, Document, Glossary, Source
from ..settings import Settings
from . import match_cache
from .annotate import annotate, cache_key, model_key
from .candidates import collect
from .convert import convert
from .link import link
from .match import GlossaryMatcher


@dataclass
class StageTimer:
    """Wall-clock seconds per stage, in order."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


def load_inputs(settings: Settings) -> tuple[list[Source], Glossary]:
    """Validate sources and glossary; raise ReaderError with every problem of both."""
    problems: list[Problem] = []
    sources: list[Source] = []
    glossary = None
    try:
        sources = load_sources(settings.path(settings.sources))
    except ReaderError as exc:
        problems += exc.problems
    try:
        glossary = load_glossary(settings.path(settings.glossary))
    except ReaderError as exc:
        problems += exc.problems
    if problems:
        raise ReaderError(problems)
    assert glossary is not None
    return sources, glossary


def convert_all(sources: list[Source]) -> list[Document]:
    """Every source converted; raise ReaderError with the problems of all of them."""
    documents, problems = [], []
    for source in sources:
        try:
            documents.append(convert(source))
        except ReaderError as exc:
            problems += exc.problems
    if problems:
        raise ReaderError(problems)
    return documents


def analyse(settings: Settings, timer: StageTimer | None = None, *, glossary: Glossary | None = None) -> Corpus:
    """Everything before rendering. ``glossary`` replaces the one in ``settings.glossary`` (impact report)."""
    timer = timer or StageTimer()
    with timer.stage("load"):
        sources, loaded = load_inputs(settings)
        glossary = glossary if glossary is not None else loaded
    with timer.stage("convert"):
        documents = convert_all(sources)
    stats: dict = {}
    with timer.stage("annotate"):
        # A text whose model output and glossary names are unchanged is not matched again (match_cache.py).
        cache = match_cache.MatchCache(settings.path(settings.cache))
        names, model = match_cache.names_key(glossary), model_key(settings)
        keys = {d.id: match_cache.key(cache_key(d, model), names, d.meta.date) for d in documents}
        texts = []
        for document in documents:
            raw = cache.get(keys[document.id])
            if raw is not None:
                texts.append(match_cache.decode(document, raw))
        done = {t.document.id for t in texts}
        analyses = list(annotate([d for d in documents if d.id not in done], settings, stats))
        stats["match_cache_hits"] = len(texts)
    with timer.stage("match"):
        if analyses:
            matcher = GlossaryMatcher(glossary)
            for analysis in analyses:
                text = matcher.annotate(analysis)
                cache.put(keys[text.document.id], match_cache.encode(text))
                texts.append(text)
        order = {d.id: i for i, d in enumerate(documents)}
        texts.sort(key=lambda t: order[t.document.id])
        demonyms = {d for entry in glossary for d in entry.demonyms}
        candidates = collect(texts, demonyms, load_non_entries(settings.path(settings.non_entries)))
    with timer.stage("link"):
        texts = [link(t, settings.link_policy) for t in texts]
    return Corpus(glossary, tuple(texts), candidates, stats)
