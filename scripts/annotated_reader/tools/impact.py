"""The impact of a glossary change: which mentions gain, lose or change their entry and link.

The texts are analysed twice from the same model output (the cache): once with the glossary of
a base revision (read with ``git archive`` from a verified commit) and once with the working
tree's glossary; the two readings are compared span by span.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import E, ReaderError
from ..inputs.glossary import load_glossary
from ..model import Corpus
from ..pipeline.analyse import analyse
from ..settings import Settings


@dataclass(frozen=True)
class Change:
    """One span whose glossary reading differs between the base and the change."""

    text_id: str
    block_id: str
    number: int
    """The block's position, shown as "¶ n"."""
    surface: str
    before: str | None
    after: str | None
    linked_before: bool
    linked_after: bool
    sentence: str

    @property
    def kind(self) -> str:
        if self.before is None:
            return "gains"
        if self.after is None:
            return "loses"
        if self.before != self.after:
            return "changes"
        return "link"


def _git(root: Path, *args: str) -> bytes:
    try:
        return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True).stdout
    except FileNotFoundError:
        raise ReaderError([E.GIT_MISSING.at(None)]) from None


def glossary_at(root: Path, revision: str, destination: Path, glossary_dir: str = "glossary") -> Path:
    """Extract ``glossary_dir`` as it is at ``revision`` into ``destination``; empty if it did not exist.

    The revision is resolved to a commit id first (``--end-of-options`` keeps a name that starts
    with ``-`` from being read as an option), and only that id reaches ``git archive``.
    """
    target = destination / glossary_dir
    target.mkdir(parents=True, exist_ok=True)
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
        data = _git(root, "archive", "--format=tar", commit, glossary_dir)
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode(errors="replace").strip().splitlines()
        if message and "did not match any files" in message[-1]:
            return target
        raise ReaderError([E.BAD_REVISION.at(None, revision=revision,
                                             detail=message[-1] if message else "no such branch or commit")]) from None
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        for member in archive.getmembers():
            name = member.name[len(glossary_dir) + 1:]
            if member.isfile() and member.name.startswith(glossary_dir + "/") and "/" not in name:
                (target / name).write_bytes(archive.extractfile(member).read())
    return target


def _readings(corpus: Corpus) -> dict[tuple[str, str, int, int], tuple[str, bool, str]]:
    out = {}
    for text in corpus.texts:
        for m in text.mentions:
            sentence = text.block(m.block_id).text[m.sentence_start:m.sentence_end]
            out[(m.text_id, m.block_id, m.start, m.end)] = (m.entry_id, m.linked, sentence)
    return out


def compare(settings: Settings, base: str) -> list[Change]:
    """Every span whose entry or link differs between ``base``'s glossary and the working tree's."""
    with tempfile.TemporaryDirectory() as tmp:
        base_glossary = load_glossary(glossary_at(settings.root, base, Path(tmp)))
    after_corpus = analyse(settings)
    before = _readings(analyse(settings, glossary=base_glossary))
    after = _readings(after_corpus)
    order = {(t.document.id, b.id): (i, j) for i, t in enumerate(after_corpus.texts) for j, b in enumerate(t.document.blocks)}
    blocks = {(t.document.id, b.id): b for t in after_corpus.texts for b in t.document.blocks}
    changes = []
    for key in sorted(set(before) | set(after), key=lambda k: (order[k[:2]], k[2])):
        b, a = before.get(key), after.get(key)
        if b and a and b[:2] == a[:2]:
            continue
        text_id, block_id, start, end = key
        block = blocks[(text_id, block_id)]
        changes.append(Change(text_id, block_id, block.number, block.text[start:end],
                              b[0] if b else None, a[0] if a else None, bool(b and b[1]), bool(a and a[1]),
                              (a or b)[2]))
    return changes


def report(changes: list[Change], base: str) -> str:
    """The changes as plain text, grouped by text, one line per mention."""
    if not changes:
        return f"No mention changes its entry or link compared with {base}.\n"
    lines = [f"Impact on the texts compared with {base}: {len(changes)} mention(s) change.", ""]
    current = None
    for c in changes:
        if c.text_id != current:
            current = c.text_id
            lines.append(f"{c.text_id}:")
        link = {(False, True): ", now linked", (True, False): ", no longer linked"}.get(
            (c.linked_before, c.linked_after), ", linked" if c.linked_after else "")
        if c.kind == "gains":
            what = f"+ “{c.surface}” → {c.after}{link}"
        elif c.kind == "loses":
            what = f"- “{c.surface}” was {c.before}{link}"
        elif c.kind == "changes":
            what = f"~ “{c.surface}” {c.before} → {c.after}{link}"
        else:
            what = f"· “{c.surface}” {c.after}{link}"
        lines.append(f"  ¶ {c.number} ({c.block_id}): {what}")
        lines.append(f"        {' '.join(c.sentence.split())}")
    return "\n".join(lines) + "\n"
