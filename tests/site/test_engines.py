"""Both site engines: strict link checking, the Content-Security-Policy on every page, the gaps of
Zensical reported (not silent), and a Zensical build that gives the same bytes twice."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from annotated_reader.errors import E, ReaderError
from annotated_reader.pipeline.analyse import analyse
from annotated_reader.site.build import build_site
from annotated_reader.site.index_pages import navigation
from annotated_reader.settings import ENGINES, Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_broken_link_and_a_broken_anchor_fail_the_build_naming_the_page(build_with, tmp_path, engine):
    built = build_with(engine)
    docs = tmp_path / "docs"
    shutil.copytree(built.path(built.docs), docs)
    with (docs / "wanted.md").open("a", encoding="utf-8") as page:
        page.write("\n[a broken link](nowhere.md)\n\n[a broken anchor](graph.md#no-such-anchor)\n")
    with pytest.raises(ReaderError) as caught:
        build_site(built, docs, tmp_path / "site")
    assert set(caught.value.codes) == {E.ENGINE_FAILED.code}, caught.value  # strict: the warnings abort
    for target in ("nowhere.md", "no-such-anchor"):
        assert any("wanted.md" in p.message and target in p.message for p in caught.value.problems), caught.value


@pytest.mark.parametrize("engine", ENGINES)
def test_every_page_carries_one_content_security_policy(build_with, engine):
    site = build_with(engine)
    pages = sorted(site.path(site.out).rglob("*.html"))
    assert pages
    for page in pages:
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        metas = tree.css('meta[http-equiv="Content-Security-Policy"]')
        assert len(metas) == 1 and metas[0].parent.tag == "head", page
        script_src = metas[0].attributes["content"].split("script-src")[1].split(";")[0]
        assert "'self'" in script_src and "'unsafe-inline'" not in script_src, page
        inline = [s for s in tree.css("script") if "src" not in s.attributes and s.attributes.get("type") != "application/json"]
        assert script_src.count("'sha256-") >= len({s.text() for s in inline}), page


def test_a_planted_inline_script_fails_the_zensical_build(project, root, build_with, tmp_path):
    """The policy is applied to Zensical's pages too: a template override planting a script is refused."""
    built = build_with("zensical")
    (project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block scripts %}{{ super() }}<script>console.log("planted")</script>{% endblock %}\n')
    settings = Settings(root=project, cache=root / ".cache" / "reader", progress=False, engine="zensical")
    with pytest.raises(ReaderError) as caught:
        build_site(settings, built.path(built.docs), tmp_path / "site")
    assert set(caught.value.codes) == {E.FOREIGN_SCRIPT.code}
    assert "index.html" in {p.path for p in caught.value.problems}


def test_two_zensical_builds_are_byte_identical(build_with, tmp_path):
    """Zensical and the policy over the same pages twice (the pages themselves: tests/test_determinism.py)."""
    first = build_with("zensical")
    build_site(first, first.path(first.docs), tmp_path / "site", navigation(analyse(first).texts))

    def files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    one, two = files(first.path(first.out)), files(tmp_path / "site")
    assert one.keys() == two.keys() and len(one) > 100
    assert [name for name in one if one[name] != two[name]] == []


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "annotated_reader", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("command,what", [("offline", "the offline edition"), ("serve", "the live preview")])
def test_what_zensical_cannot_do_yet_is_reported(command, what):
    result = run(command, "--engine", "zensical")
    assert result.returncode == 1
    assert f"[{E.ENGINE_CANNOT.code}] {what} is not available with Zensical yet" in result.stderr, result.stderr
    assert "ENGINE=mkdocs" in result.stderr and "Traceback" not in result.stderr


def test_an_unknown_engine_is_reported():
    result = run("build", "--engine", "hugo")
    assert result.returncode == 1
    assert f"[{E.UNKNOWN_ENGINE.code}] 'hugo' is not a site engine; use one of: mkdocs, zensical" in result.stderr
