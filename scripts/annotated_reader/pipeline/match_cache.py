"""The match stage's output per text, cached: a rebuild re-matches only texts whose inputs changed.

A text's mentions and unmatched entities depend on its model output (keyed like the model cache,
by its blocks and the model), on its date (aliases with a period), and on the glossary's *names*:
ids, types, titles, aliases with their restrictions, labels, demonyms and relations, and the
matching code (match.py, rules.py, longer.py, metonyms.py, periods.py, words.py, nlp.py's tokenizer
rules, inputs/text.py, model.py). An edit of an entry's summary, body, references or see-also leaves
that key alone, so after such an edit no text is matched again; an edit of one
source re-matches that source only. A cache file carries a checksum, like the model cache.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from ..model import AnnotatedText, Document, Entity, Glossary, Mention
from .annotate import DocCache

FORMAT = "3"
_HERE = Path(__file__).parent
_CODE = [_HERE / name for name in ("match.py", "rules.py", "longer.py", "metonyms.py", "periods.py", "shared.py",
                                   "words.py", "nlp.py")]
_CODE += [_HERE.parent / "inputs" / "text.py", _HERE.parent / "model.py"]


def names_key(glossary: Glossary) -> str:
    """What matching depends on in the glossary and the code, as one digest."""
    digest = hashlib.sha256(FORMAT.encode())
    for path in _CODE:
        digest.update(path.read_bytes())
    for entry in glossary:
        names = {"id": entry.id, "type": entry.type, "title": entry.title, "aliases": [asdict(a) for a in entry.aliases],
                 "labels": list(entry.labels), "demonyms": list(entry.demonyms),
                 "relations": [list(pair) for pair in entry.relations]}
        digest.update(json.dumps(names, sort_keys=True).encode())
    return digest.hexdigest()


def key(model_output_key: str, names: str, date: str | None = None) -> str:
    """The key of one text's match output; its date counts too (an alias with a period reads it)."""
    return hashlib.sha256(f"match|{model_output_key}|{names}|{date or ''}".encode()).hexdigest()


def encode(text: AnnotatedText) -> bytes:
    data = {"mentions": [[m.block_id, m.start, m.end, m.entry_id, m.surface, m.sentence_start, m.sentence_end,
                          m.metonym] for m in text.mentions],
            "entities": [[e.block_id, e.start, e.end, e.label, e.surface, e.sentence, e.followed_by, e.starts_sentence]
                         for e in text.entities],
            "sentences": {block: [list(pair) for pair in pairs] for block, pairs in text.sentences.items()}}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(document: Document, raw: bytes) -> AnnotatedText:
    data = json.loads(raw.decode("utf-8"))
    mentions = tuple(Mention(document.id, *m[:7], metonym=m[7]) for m in data["mentions"])
    entities = tuple(Entity(document.id, *e) for e in data["entities"])
    sentences = {block: tuple(tuple(pair) for pair in pairs) for block, pairs in data["sentences"].items()}
    return AnnotatedText(document, mentions, entities, sentences)


class MatchCache(DocCache):
    """Checksummed files of match output below ``<cache>/match``."""

    def __init__(self, cache: Path):
        super().__init__(cache / "match")
