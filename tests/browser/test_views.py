"""The connections map, the timeline, both colour schemes and print, measured in a real browser."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from annotated_reader.inputs.glossary import load_glossary
from annotated_reader.inputs.sources import load_sources

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
TEXT = "texts/us-rapprochement-with-russia/"
NEIGHBOURHOODS = ["glossary/united-states/", "glossary/offshore-balancing/", "glossary/yalta-conference/"]
"""Three entry pages: the densest neighbourhood of the corpus, a middling one and a sparse one."""
WIDTHS = (1280, 390)

MEASURE = """(svg) => {
  const frame = svg.getBoundingClientRect();
  const box = (r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  return {
    frame: box(frame),
    labels: Array.from(svg.querySelectorAll('text.label')).map(t => ({entry: t.dataset.entry, text: t.textContent,
                                                                      ...box(t.getBoundingClientRect())})),
    circles: Array.from(svg.querySelectorAll('a.node circle')).map(c => box(c.getBoundingClientRect())),
    nodes: Array.from(svg.querySelectorAll('a.node')).map(a => ({entry: a.dataset.entry, href: a.getAttribute('href'),
                                                                 title: (a.querySelector('title') || {}).textContent || ''})),
  };
}"""


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(ROOT / "glossary")


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of boxes whose areas intersect (touching edges do not count)."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]:
                found.append((a.get("text", "?"), b.get("text", "?")))
    return found


def outside(boxes: list[dict], frame: dict, slack: float = 0.5) -> list[dict]:
    return [b for b in boxes if b["left"] < frame["left"] - slack or b["top"] < frame["top"] - slack
            or b["right"] > frame["right"] + slack or b["bottom"] > frame["bottom"] + slack]


def shown(page, selector: str):
    """The drawing on screen: pages carry a wide and a narrow drawing and the style sheet shows one."""
    drawing = page.locator(selector).filter(visible=True)
    assert drawing.count() == 1, f"{drawing.count()} drawings of {selector} are shown"
    return drawing.first


def check_drawing(page, selector: str) -> dict:
    """Measure one drawing: every label clear of the others and inside it, at most one per node."""
    measured = shown(page, selector).evaluate(MEASURE)
    labels, nodes = measured["labels"], measured["nodes"]
    assert nodes and labels, "the drawing has no nodes or no labels"
    assert overlapping(labels) == []
    assert outside(labels + measured["circles"], measured["frame"]) == []
    named = [label["entry"] for label in labels]
    assert len(named) == len(set(named)), "a node has two labels"
    assert set(named) <= {n["entry"] for n in nodes}
    assert all(n["href"] and n["title"] for n in nodes), "every dot links and has a title"
    return measured


@pytest.mark.parametrize("path", ["graph/", *NEIGHBOURHOODS])
def test_labels_never_overlap_and_stay_inside_the_drawing(browser, http_root, path):
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    page = context.new_page()
    page.goto(http_root + path)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        measured = check_drawing(page, "svg.reader-graph")
        if path == "graph/":
            assert len(measured["labels"]) < len(measured["nodes"]), "the whole view leaves the less connected unlabelled"
    context.close()


def test_every_view_of_the_connections_is_readable(page, http_root, root):
    """Each entry-type and each text has its own page, reached from the main one, with a table of the same data."""
    page.goto(http_root + "graph/")
    views = page.locator("nav.graph-views a").evaluate_all("links => links.map(a => a.href)")
    texts = load_sources(root / "sources")
    assert len([v for v in views if "/connections/texts/" in v]) == len(texts)
    assert any("/connections/types/" in v for v in views)
    for url in views:
        page.goto(url)
        check_drawing(page, "svg.reader-graph")
        nodes = shown(page, "svg.reader-graph").locator("a.node").count()
        assert page.locator("details table tbody tr").count() == nodes


def test_the_timeline_shows_every_dated_entry_and_every_text(page, http_root, glossary, root):
    page.goto(http_root + "timeline/")
    dated = {f"glossary/{e.id}.md" for e in glossary if e.dated}
    sources = load_sources(root / "sources")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        drawing = shown(page, "svg.reader-timeline")
        targets = drawing.locator("a.row").evaluate_all("rows => rows.map(a => a.dataset.target)")
        assert dated and dated <= set(targets)
        for source in sources:
            if source.meta.date:
                assert f"texts/{source.id}.md" in targets
            else:  # texts with no date are listed under the drawing
                assert page.locator(f"article a[href$='texts/{source.id}/']").count() >= 1
        assert len(targets) == len(dated) + sum(1 for s in sources if s.meta.date)
        frame = drawing.evaluate("s => { const r = s.getBoundingClientRect();"
                                 " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; }")
        labels = drawing.locator("text").evaluate_all(
            "ts => ts.map(t => { const r = t.getBoundingClientRect(); return {text: t.textContent, left: r.left,"
            " top: r.top, right: r.right, bottom: r.bottom}; })")
        assert overlapping(labels) == []
        assert outside(labels, frame) == []
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    shown(page, "svg.reader-timeline").locator("a.row[data-target='glossary/yalta-conference.md']").click()
    page.wait_for_url(re.compile(r".*/glossary/yalta-conference/$"))
    assert page.locator("h1").inner_text() == glossary["yalta-conference"].title


def test_the_scheme_toggle_switches_to_dark_and_is_remembered(page, http_root):
    page.goto(http_root + TEXT)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    assert page.evaluate(scheme) == "slate"
    page.goto(http_root + "graph/")
    assert page.evaluate(scheme) == "slate"


AXE_PAGES = ["", TEXT, "glossary/offshore-balancing/", "glossary/", "graph/", "timeline/", "find/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", AXE_PAGES, ids=["home", "text", "entry", "index", "graph", "timeline", "find"])
def test_no_serious_accessibility_violations(browser, http_root, path, scheme):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test`, which installs it from the npm registry")
    found = {}
    for width in WIDTHS:
        # axe is injected as an inline script, which the pages' Content-Security-Policy rightly refuses.
        context = browser.new_context(bypass_csp=True, color_scheme=scheme, viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(http_root + path)
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == ("slate" if scheme == "dark" else "default")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        found[width] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                        for v in result["violations"] if v["impact"] in ("serious", "critical")]
        context.close()
    assert found == {width: [] for width in WIDTHS}


@pytest.mark.parametrize("path", [TEXT, "glossary/yalta-conference/"], ids=["text", "entry"])
def test_printing_leaves_out_navigation_and_tools(browser, http_root, root, glossary, path):
    """Chromium's own PDF print of a page: the text is there, the frame and the tools are not."""
    from pypdf import PdfReader

    if path == TEXT:
        title = next(s for s in load_sources(root / "sources") if s.id == TEXT.split("/")[1]).meta.title
    else:
        title = glossary[path.split("/")[1]].title
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(http_root + path)
    if path == TEXT:
        page.locator(".para-tools").first.wait_for(state="attached")  # the tools exist on screen
    pdf = page.pdf(format="A4")
    context.close()
    printed = " ".join("".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert " ".join(title.split()[:4]) in printed
    assert "Words marked ° link to the glossary" in printed and "°" in printed.split("another page", 1)[1]
    for frame in ("Copy citation", "Wanted entries", "Timeline", "Connections", "Search", "Table of contents",
                  "In this text", "Skip to content", "Switch to the", "Made with", "Threats of a Sino-Russian"):
        assert frame not in printed, frame


SCREENS = [("graph", "graph/", "svg.reader-graph"), ("graph-people", "connections/types/person/", "svg.reader-graph"),
           ("graph-text", "connections/texts/kagarlitsky-moscow-washington-axis/", "svg.reader-graph"),
           ("entry-neighbourhood", "glossary/offshore-balancing/", "svg.neighbourhood"),
           ("timeline", "timeline/", "svg.reader-timeline"), ("text-header", TEXT, "h1")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_new_views(browser, http_root, screenshots, scheme):
    """build/screenshots/<view>-<width>[-dark].png, each new view at a desktop and a phone width."""
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for name, path, selector in SCREENS if scheme == "light" else SCREENS[:1] + SCREENS[-2:]:
            page.goto(http_root + path)
            view = page.locator(selector).filter(visible=True).first
            view.scroll_into_view_if_needed(timeout=5000)
            box = view.bounding_box()
            assert box and box["width"] > 0.5 * min(width - 32, 480) and box["y"] < 900, (name, width, box)
            suffix = "" if scheme == "light" else "-dark"
            shot = screenshots / f"{name}-{width}{suffix}.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000
        context.close()
