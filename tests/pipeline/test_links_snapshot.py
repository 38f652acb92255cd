"""The links of the project's own texts do not change unnoticed.

``links.json`` holds every link and every mention of the texts in ``sources/`` as they were
reviewed (a text added later is not in it, and is not compared). A change to the glossary, the rules or the model that adds or removes one makes this
test fail and list it; after reviewing the list (and saying so in the change's description),
write the new snapshot with ``python tests/pipeline/test_links_snapshot.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from annotated_reader.pipeline.analyse import analyse
from annotated_reader.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).with_name("links.json")


def current() -> dict[str, list[list]]:
    settings = Settings(root=ROOT, cache=ROOT / ".cache" / "reader", jobs=1, progress=False)
    corpus = analyse(settings)
    rows = {"links": [], "mentions": []}
    for text in corpus.texts:
        for m in text.mentions:
            row = [text.document.id, m.block_id, m.start, m.end, m.surface, m.entry_id]
            rows["mentions"].append(row)
            if m.linked:
                rows["links"].append(row)
    return {key: sorted(value) for key, value in rows.items()}


def changes(old: dict, new: dict) -> list[str]:
    """What changed in the texts the snapshot holds (a text added to sources/ since is not compared)."""
    texts = {row[0] for key in ("links", "mentions") for row in old[key]}
    lines = []
    for key in ("links", "mentions"):
        before = {tuple(r) for r in old[key]}
        after = {tuple(r) for r in new[key] if r[0] in texts}
        lines += [f"{key}: lost {r}" for r in sorted(before - after)]
        lines += [f"{key}: new  {r}" for r in sorted(after - before)]
    return lines


def test_links_of_the_texts_are_unchanged():
    found = changes(json.loads(SNAPSHOT.read_text(encoding="utf-8")), current())
    assert not found, "links changed (review, then rewrite the snapshot):\n" + "\n".join(found)


if __name__ == "__main__":
    data = current()
    if "--diff" in sys.argv:
        print("\n".join(changes(json.loads(SNAPSHOT.read_text(encoding="utf-8")), data)) or "no change")
    else:
        SNAPSHOT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
