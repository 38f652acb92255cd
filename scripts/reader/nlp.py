"""Loading the spaCy pipeline with only the components annotation uses."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
import srsly
from spacy.language import Language

from .problems import InputError, Problem


def component_names(model: str) -> list[str]:
    """Names of a pipeline's components from its meta.json, without loading any weights."""
    if spacy.util.is_package(model):
        meta_path = spacy.util.get_package_path(model) / "meta.json"
    else:
        meta_path = Path(model) / "meta.json"
    if not meta_path.exists():
        return []
    meta = srsly.read_json(meta_path)
    return list(meta.get("pipeline") or meta.get("components") or [])


@lru_cache(maxsize=4)
def load_pipeline(model: str, components: tuple[str, ...]) -> Language:
    """Load ``model`` with only ``components`` (plus a rule-based sentencizer for context sentences)."""
    excluded = [name for name in component_names(model) if name not in components]
    try:
        nlp = spacy.load(model, exclude=excluded)
    except (OSError, ImportError) as exc:
        first = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise InputError([Problem(model, 1, f"cannot load the spaCy pipeline '{model}' ({first})",
                                  "install it (make site installs the default) or set --model / READER_MODEL")]) from None
    missing = [name for name in components if name not in nlp.pipe_names]
    if missing:
        raise InputError([Problem(model, 1, f"the pipeline has no component {', '.join(missing)}",
                                  "choose a pipeline with a named-entity recogniser")])
    if not {"sentencizer", "senter", "parser"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer", first=True)
    return nlp
