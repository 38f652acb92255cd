"""The impact of a glossary change: which mentions gain, lose or change their entry and link.

The texts are annotated once (from the model cache); the glossary of a base revision (read with
``git archive``) and the working tree's glossary are both matched against that output, and the
two sets of mentions and links are compared span by span.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .annotate import annotate
from .build import check
from .convert import convert
from .glossary import load_glossary
from .link import choose_links
from .match import GlossaryMatcher, TextAnnotation
from .problems import InputError, Problem
from .settings import Settings


@dataclass(frozen=True)
class Change:
    """One span whose glossary reading differs between the base and the change."""

    text_id: str
    block_id: str
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


def glossary_at(root: Path, revision: str, destination: Path, glossary_dir: str = "glossary") -> Path:
    """Extract ``glossary_dir`` as it is at ``revision`` into ``destination``; empty if it did not exist."""
    target = destination / glossary_dir
    target.mkdir(parents=True, exist_ok=True)
    try:
        data = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", revision, glossary_dir],
                              check=True, capture_output=True).stdout
    except FileNotFoundError:
        raise InputError([Problem("git", 1, "git is not installed", "install git to compare with a base revision")]) from None
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode(errors="replace").strip().splitlines()
        if message and "did not match any files" in message[-1]:
            return target
        raise InputError([Problem(revision, 1, f"cannot read the glossary at '{revision}' ({message[-1] if message else 'git failed'})",
                                  "name an existing branch or commit, e.g. BASE=origin/main")]) from None
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith(glossary_dir + "/") and "/" not in member.name[len(glossary_dir) + 1:]:
                (target / Path(member.name).name).write_bytes(archive.extractfile(member).read())
    return target


def _readings(annotations: list[TextAnnotation], policy) -> dict[tuple[str, str, int, int], tuple[str, bool, str]]:
    out = {}
    for annotation in annotations:
        links = choose_links(annotation.document, annotation.mentions, policy)
        blocks = {b.id: b for b in annotation.document.blocks}
        for m in annotation.mentions:
            sentence = blocks[m.block_id].text[m.sentence_start:m.sentence_end]
            out[(m.text_id, m.block_id, m.start, m.end)] = (m.entry_id, (m.block_id, m.start) in links, sentence)
    return out


def compare(settings: Settings, base: str) -> list[Change]:
    """Every span whose entry or link differs between ``base``'s glossary and the working tree's."""
    sources, glossary = check(settings)
    with tempfile.TemporaryDirectory() as tmp:
        base_glossary = load_glossary(glossary_at(settings.root, base, Path(tmp)))
    documents = [convert(source) for source in sources]
    annotated = list(annotate(documents, settings))
    texts: dict[str, str] = {}
    for item in annotated:
        for block in item.document.blocks:
            texts[(item.document.id, block.id)] = block.text
    before = _readings([GlossaryMatcher(base_glossary).annotate(a) for a in annotated], settings.link_policy)
    after = _readings([GlossaryMatcher(glossary).annotate(a) for a in annotated], settings.link_policy)
    changes = []
    for key in sorted(set(before) | set(after), key=lambda k: (k[0], int(k[1].split("-")[1]), k[2])):
        b, a = before.get(key), after.get(key)
        if b and a and b[:2] == a[:2]:
            continue
        text_id, block_id, start, end = key
        changes.append(Change(text_id, block_id, texts[(text_id, block_id)][start:end],
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
        link = {(False, True): ", now linked", (True, False): ", no longer linked"}.get((c.linked_before, c.linked_after), ", linked" if c.linked_after else "")
        if c.kind == "gains":
            what = f"+ “{c.surface}” → {c.after}{link}"
        elif c.kind == "loses":
            what = f"- “{c.surface}” was {c.before}{link}"
        elif c.kind == "changes":
            what = f"~ “{c.surface}” {c.before} → {c.after}{link}"
        else:
            what = f"· “{c.surface}” {c.after}{link}"
        lines.append(f"  {c.block_id}: {what}")
        lines.append(f"        {' '.join(c.sentence.split())}")
    return "\n".join(lines) + "\n"
