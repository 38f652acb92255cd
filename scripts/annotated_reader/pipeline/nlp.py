"""Loading the spaCy pipeline with only the components annotation uses."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
import srsly
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_suffix_regex

from ..errors import E, ReaderError


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


def model_version(model: str) -> str:
    """``name-version`` of a pipeline package from its meta.json ("?" for a directory or a missing package)."""
    if spacy.util.is_package(model):
        meta = srsly.read_json(spacy.util.get_package_path(model) / "meta.json")
        return f"{meta.get('name')}-{meta.get('version')}"
    return "?"


@lru_cache(maxsize=4)
def load_pipeline(model: str, components: tuple[str, ...]) -> Language:
    """Load ``model`` with only ``components`` (plus a rule-based sentencizer for context sentences)."""
    excluded = [name for name in component_names(model) if name not in components]
    try:
        nlp = spacy.load(model, exclude=excluded)
    except (OSError, ImportError) as exc:
        first = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise ReaderError([E.MODEL_MISSING.at(None, model=model, detail=first)]) from None
    missing = [name for name in components if name not in nlp.pipe_names]
    if missing:
        raise ReaderError([E.MODEL_NO_NER.at(None, model=model, missing=", ".join(missing))])
    if not {"sentencizer", "senter", "parser"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer", first=True)
    use_project_tokenizer(nlp)
    return nlp


DASH_INFIXES = (r"[;:,](?=--)", r"(?<=[;:,.])--", r"(?<=[A-Za-z]\.)-(?=[A-Za-z])")
"""A double hyphen after a semicolon, colon, comma or full stop (old transcripts' dash: "the United
States;--the Alliance", "Washington, D.C.--the picture") splits from both words, and so does a
hyphen after an abbreviation's full stop ("U.S.-Canadian border", "U.S.-Soviet cooperation"); the
default rules keep "States;--the" and "U.S.-Canadian" as one token."""


DASH_SUFFIXES = (r"(?<=[A-Za-z]{2})-",)
"""A hyphen that ends a word before a space is a dash ("the Soviet Union- and", old transcripts'
spacing); the default rules keep "Union-" as one token, which no name matches."""


def use_project_tokenizer(nlp: Language) -> None:
    """The default English tokenizer plus the project's infixes and suffixes (``DASH_INFIXES``,
    ``DASH_SUFFIXES``): the model's pipeline and the matcher's patterns are tokenised alike."""
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *DASH_INFIXES]).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, *DASH_SUFFIXES]).search
