"""Incremental builds: after an edit, only what depends on it is rebuilt, and the site equals a clean build."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

from annotated_reader.inputs.glossary import load_glossary
from annotated_reader.settings import Settings
from annotated_reader.site.build import build

ROOT = Path(__file__).resolve().parents[2]


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def settings(project: Path, where: Path) -> Settings:
    return Settings(root=project, docs=where / "docs", out=where / "site", reports=where / "reports",
                    cache=ROOT / ".cache" / "reader", jobs=1, progress=False)


def edit_entry(project: Path) -> str:
    """A new sentence in the summary and the body of an entry the texts mention."""
    entry = next(e for e in load_glossary(project / "glossary") if e.aliases and e.see_also)
    path = project / "glossary" / f"{entry.id}.md"
    text = re.sub(r"(?m)^summary: (['\"]?)", r"summary: \1Edited. ", path.read_text(encoding="utf-8"), count=1)
    path.write_text(text.rstrip("\n") + "\n\nA sentence added to test incremental builds.\n", encoding="utf-8")
    return entry.id


def edit_source(project: Path) -> str:
    """One more paragraph at the end of the first text (new words each run, so no cache of an earlier run has it)."""
    path = sorted((project / "sources").glob("*.txt"))[0]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    fresh = uuid.uuid4().hex[:8]
    path.write_text(text + f"\n\nRussia and China were mentioned once more, and so was NATO (note {fresh}).\n",
                    encoding="utf-8")
    return path.stem


def site_report(where: Path) -> dict:
    return json.loads((where / "reports" / "stages.json").read_text(encoding="utf-8"))["site"]


def stages(where: Path) -> dict:
    return json.loads((where / "reports" / "stages.json").read_text(encoding="utf-8"))


def test_an_incremental_build_equals_a_clean_build_after_an_entry_edit_and_a_source_edit(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    incremental = settings(project, tmp_path / "incremental")
    build(incremental)
    first = site_report(tmp_path / "incremental")
    assert first["full"] and first["markdown_written"] > 0
    total = first["markdown_written"]
    texts = len(list((project / "sources").glob("*.txt")))
    for number, (edit, matched_again) in enumerate(((edit_entry, 0), (edit_source, 1))):
        edited = edit(project)
        build(incremental)
        done = site_report(tmp_path / "incremental")
        assert not done["full"], edited
        # Only the edited source is matched again (a summary and body edit changes no name).
        assert stages(tmp_path / "incremental")["match_cache_hits"] == texts - matched_again, edited
        assert 0 < done["markdown_written"] < total / 2, (edited, done)
        clean = settings(project, tmp_path / f"clean-{number}")
        build(clean)
        assert site_report(tmp_path / f"clean-{number}")["full"]
        ours, theirs = files(incremental.path(incremental.out)), files(clean.path(clean.out))
        assert ours.keys() == theirs.keys(), edited
        assert [name for name in ours if ours[name] != theirs[name]] == [], edited
        assert files(incremental.path(incremental.docs)) == files(clean.path(clean.docs)), edited


def test_a_failed_build_leaves_the_site_and_makes_the_next_build_a_full_one(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    from annotated_reader.errors import ReaderError

    where = settings(project, tmp_path / "site")
    build(where)
    before = files(where.path(where.out))
    page = next((project / "glossary").glob("*.md"))
    good = page.read_text(encoding="utf-8")
    page.write_text(good.replace("\nsummary: ", "\nsummary: TODO ", 1), encoding="utf-8")
    try:
        build(where)
    except ReaderError:
        pass
    else:
        raise AssertionError("a placeholder summary must fail the build")
    assert files(where.path(where.out)) == before
    page.write_text(good, encoding="utf-8")
    build(where)
    assert files(where.path(where.out)) == before
