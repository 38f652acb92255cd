"""What readers see, in a real browser: previews, panel, citations, search, graph, accessibility."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from annotated_reader.inputs.glossary import load_glossary

ROOT = Path(__file__).resolve().parents[2]
TEXT = "texts/us-rapprochement-with-russia/"
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(ROOT / "glossary")


@pytest.fixture(params=["mkdocs", "zensical", "offline"])
def text_url(request, serve_engine):
    """The text page on the hosted site built with each engine, and in the offline edition opened from disk."""
    if request.param != "offline":
        return serve_engine(request.param) + TEXT
    return (request.getfixturevalue("offline_dir") / "texts" / "us-rapprochement-with-russia.html").as_uri()


def card(page):
    return page.locator("#gl-card")


def test_hover_opens_the_card_with_the_entry_summary(page, text_url, glossary, screenshots, http_root):
    page.goto(text_url)
    link = page.locator("article a.gl[data-entry='giovanni-arrighi']").first
    link.scroll_into_view_if_needed()
    link.hover()
    expect_card(page, glossary["giovanni-arrighi"])
    # Hoverable: the pointer can move onto the card without it closing.
    card(page).hover()
    page.wait_for_timeout(500)
    assert card(page).is_visible()
    if text_url == http_root + TEXT:
        page.screenshot(path=str(screenshots / "text-with-card.png"))
    page.keyboard.press("Escape")
    assert card(page).is_hidden()


def expect_card(page, entry):
    card(page).wait_for(state="visible", timeout=3000)
    assert card(page).locator(".gl-card__title").inner_text() == entry.title
    assert card(page).locator(".gl-card__summary").inner_text() == entry.summary
    assert card(page).get_attribute("aria-labelledby") == "gl-card-title"


def test_keyboard_focus_opens_the_card_and_escape_closes_it(page, text_url, glossary):
    page.goto(text_url)
    link = page.locator("article a.gl[data-entry='offshore-balancing']").first
    link.focus()
    expect_card(page, glossary["offshore-balancing"])
    assert link.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert card(page).is_hidden()
    assert link.get_attribute("aria-expanded") == "false"


def test_card_does_not_shift_the_layout(page, http_root):
    page.goto(http_root + TEXT)
    where = "(() => { const r = document.querySelector('[data-n=\\'8\\']').getBoundingClientRect();" \
            " return [r.left + scrollX, r.top + scrollY, r.width, r.height]; })()"
    before = page.evaluate(where)
    page.locator("[data-n='6'] a.gl").first.hover()
    card(page).wait_for(state="visible")
    assert page.evaluate(where) == before


def test_panel_links_land_on_the_first_mention(page, text_url):
    page.goto(text_url)
    page.locator(".in-this-text summary").click()
    link = page.locator(".in-this-text a[href='#m-article-5']")
    link.click()
    # Zensical's navigation.tracking then names the mention's section in the address bar.
    section = page.evaluate("""() => { const m = document.getElementById('m-article-5');
        const before = [...document.querySelectorAll('article h2[id]')].filter(
            h => h.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING);
        return before.length ? '#' + before[before.length - 1].id : null; }""")
    assert page.evaluate("location.hash") in ("#m-article-5", section)
    target = page.locator("#m-article-5")
    first = page.locator("article a.gl[data-entry='article-5']").first
    assert target.get_attribute("href") == first.get_attribute("href")
    assert page.evaluate("document.getElementById('m-article-5') === document.querySelector(\"article a.gl[data-entry='article-5']\")")
    assert target.is_visible() and 0 <= target.bounding_box()["y"] < 900


def test_paragraph_permalink_and_copy_citation(page, engine_http_root):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=engine_http_root.rstrip("/"))
    page.goto(engine_http_root + TEXT)
    paragraph = page.locator("[data-n='6']")
    paragraph.hover()
    pilcrow = paragraph.locator(".para-link")
    assert pilcrow.is_visible()
    pilcrow.click()
    assert page.evaluate("location.hash") == "#p-bb7fa17c"
    paragraph.locator(".para-cite").click()
    page.locator(".reader-status").wait_for(state="visible")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "From confrontation to engagement" in copied
    assert copied.endswith(engine_http_root + TEXT + "#p-bb7fa17c")
    assert "paragraph 6" in copied


def test_a_former_paragraph_link_still_lands_on_its_paragraph(page, engine_http_root):
    """p-6 was the positional id of this paragraph before ids were derived from the text."""
    page.goto(engine_http_root + TEXT + "#p-6")
    target = page.locator("[data-n='6']")
    assert target.get_attribute("id") == "p-bb7fa17c"
    assert 0 <= target.bounding_box()["y"] < 300


def test_search_finds_an_entry_and_the_text_search_finds_the_paragraph(page, engine_http_root, http_root):
    page.goto(engine_http_root)
    hrefs = search(page, "offshore balancing")
    assert any("glossary/offshore-balancing/" in h for h in hrefs), hrefs
    page.goto(http_root + "find/")
    hrefs = text_search(page, "offshore balancing")
    assert any(re.search(r"texts/us-rapprochement-with-russia/#p-[0-9a-f]{8}$", h) for h in hrefs), hrefs
    page.locator("#reader-search-results a").first.click()
    page.wait_for_url(re.compile(r".*/texts/[a-z0-9-]+/(part-\d+/)?#p-[0-9a-f]{8}$"))
    assert page.evaluate("document.getElementById(location.hash.slice(1)) !== null")


def text_search(page, query: str) -> list[str]:
    """Type a query into "Search the texts" and return the result links."""
    page.locator("#reader-search-input").fill(query)
    page.locator("#reader-search-results li a").first.wait_for(timeout=10000)
    return page.evaluate("Array.from(document.querySelectorAll('#reader-search-results li a')).map(a => a.getAttribute('href'))")


def search(page, query: str) -> list[str]:
    """Type a query into the theme's search and return the result links once they stop changing.

    Material has a search field with a result list; Zensical a search button opening a dialog (in a
    shadow root, which Playwright's locators enter) with a list box of options, ten at first. Zensical
    ignores the pages' search boost, so the texts come after the glossary entries there.
    """
    if page.locator(".md-search__input").count():
        page.locator(".md-search__input").click()
        results = page.locator(".md-search-result__item a")
    else:
        page.locator(".md-search__button").first.click()
        results = page.locator("ol[role='listbox'][aria-label='Search results'] a[role='option']")
    page.keyboard.type(query)
    results.first.wait_for(timeout=10000)

    def collect() -> list[str]:
        # One snapshot of the list in the page: the theme re-renders it as results arrive, so
        # counting first and reading the n-th item after can ask for an item that no longer exists.
        return results.evaluate_all("items => items.map(item => item.getAttribute('href') || '')")

    previous, current = None, collect()
    for _ in range(20):
        if current == previous:
            break
        # Zensical shows the first ten and more on scrolling; the scroll runs in the page on the list as it
        # is, since the theme may replace the last item while a locator waits for it to be stable
        results.evaluate_all("items => items.length && items[items.length - 1].scrollIntoView({block: 'end'})")
        page.wait_for_timeout(250)
        previous, current = current, collect()
    return current


def mentioned_entries(site: Path) -> int:
    """Entries that at least one text mentions, read from their pages: each is a node of the graph."""
    count = 0
    pages = list((site / "glossary").glob("*/index.html")) or [
        p for p in (site / "glossary").glob("*.html") if p.name != "index.html"]  # the offline edition's plain URLs
    for page in pages:
        # "Event · 4–11 February 1945 · 3 mentions in 1 text": a dated entry shows its date first
        found = re.search(r'class="entry-type">\w+ · (?:[^<]*<a [^>]*>[^<]*</a> · )?(\d+) mention',
                          page.read_text(encoding="utf-8"))
        count += bool(found and int(found.group(1)))
    return count


def test_graph_renders_and_nodes_link(page, engine_http_root, http_root, site_dir, screenshots):
    page.goto(engine_http_root + "graph/")
    nodes = page.locator("svg.reader-graph.wide a.node")
    assert nodes.count() == mentioned_entries(site_dir) > 0
    if engine_http_root == http_root:
        page.screenshot(path=str(screenshots / "graph.png"), full_page=True)
    node = page.locator("svg.reader-graph.wide a.node[data-entry='giovanni-arrighi']")
    node.click()
    page.wait_for_url(re.compile(r".*/glossary/giovanni-arrighi/$"))
    assert page.locator("h1").inner_text() == "Giovanni Arrighi"


def test_entry_page_lists_mentions_and_neighbours(page, http_root, screenshots):
    page.goto(http_root + "glossary/offshore-balancing/")
    assert page.locator("article li mark").count() >= 1
    assert page.locator("#appears-alongside").count() == 1
    listed = page.locator("#appears-alongside + p + ul > li").count()
    assert page.locator("svg.neighbourhood a.node").count() >= listed > 0
    page.screenshot(path=str(screenshots / "entry.png"), full_page=True)
    page.locator("article li a[href*='#p-']").first.click()
    page.wait_for_url(re.compile(r".*/texts/us-rapprochement-with-russia/#p-[0-9a-f]{8}$"))


AXE_PAGES = ["", TEXT, "glossary/offshore-balancing/", "glossary/", "graph/"]


@pytest.mark.parametrize("path", AXE_PAGES, ids=["home", "text", "entry", "index", "graph"])
def test_no_serious_accessibility_violations_on_each_engine(browser, engine_http_root, http_root, path):
    """axe on both engines (test_views.py checks the MkDocs site further, in both schemes at both widths)."""
    if engine_http_root == http_root:
        pytest.skip("the MkDocs site is checked in both schemes and at both widths in test_views.py")
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test`, which installs it from the npm registry")
    # axe is injected as an inline script, which the pages' Content-Security-Policy rightly refuses.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(engine_http_root + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert serious == []


def test_offline_edition_works_from_disk_with_the_network_blocked(offline_page, offline_dir, glossary, screenshots):
    page = offline_page
    page.goto((offline_dir / "index.html").as_uri())
    hrefs = search(page, "offshore balancing")
    assert any("glossary/offshore-balancing.html" in h for h in hrefs), hrefs
    page.goto((offline_dir / "find.html").as_uri())
    hrefs = text_search(page, "offshore balancing")
    assert any(re.search(r"texts/us-rapprochement-with-russia\.html#p-[0-9a-f]{8}$", h) for h in hrefs), hrefs
    page.goto((offline_dir / "texts" / "us-rapprochement-with-russia.html").as_uri())
    link = page.locator("article a.gl[data-entry='giovanni-arrighi']").first
    link.hover()
    expect_card(page, glossary["giovanni-arrighi"])
    page.keyboard.press("Escape")
    page.locator(".in-this-text summary").click()
    page.locator(".in-this-text a[href='#m-offshore-balancing']").click()
    assert page.evaluate("location.hash") == "#m-offshore-balancing"
    page.locator("article a.gl[data-entry='offshore-balancing']").first.click()
    page.wait_for_url(re.compile(r".*/glossary/offshore-balancing\.html$"))
    page.locator("article li a[href*='#p-']").first.click()
    page.wait_for_url(re.compile(r".*/texts/us-rapprochement-with-russia\.html#p-[0-9a-f]{8}$"))
    page.goto((offline_dir / "graph.html").as_uri())
    assert page.locator("svg.reader-graph.wide a.node").count() == mentioned_entries(offline_dir) > 0
    page.locator("svg.reader-graph.wide a.node[data-entry='john-mearsheimer']").click()
    page.wait_for_url(re.compile(r".*/glossary/john-mearsheimer\.html$"))
    page.screenshot(path=str(screenshots / "offline-entry.png"))


def test_content_security_policy_blocks_injected_inline_script(browser, engine_http_root):
    context = browser.new_context()
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(engine_http_root + TEXT)
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__injected = true'; document.body.appendChild(s); }""")
    assert page.evaluate("window.__injected === undefined")
    assert refused, "the browser did not report the refused script"
    context.close()


def test_tap_opens_the_card_and_its_link_opens_the_entry(browser, http_root, glossary):
    context = browser.new_context(viewport={"width": 400, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(http_root + TEXT)
    link = page.locator("article a.gl[data-entry='giovanni-arrighi']").first
    link.scroll_into_view_if_needed()
    link.tap()
    expect_card(page, glossary["giovanni-arrighi"])
    assert page.url == http_root + TEXT  # the first tap previews, it does not navigate
    page.locator("#gl-card .gl-card__link").tap()
    page.wait_for_url(re.compile(r".*/glossary/giovanni-arrighi/$"))
    context.close()


def test_the_live_preview_shows_an_edited_summary_in_its_card(browser, tmp_path, root, screenshots):
    """`make serve`: an edit to an entry's summary reaches its preview card, the page reloading by itself."""
    import socket
    import subprocess
    import sys
    import time

    for name in ("sources", "glossary", "overrides"):
        shutil.copytree(root / name, tmp_path / name)
    shutil.copy(root / "mkdocs.yml", tmp_path / "mkdocs.yml")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "annotated_reader", "serve", "--port", str(port), "--no-progress",
                               "--cache", str(root / ".cache" / "reader")], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/{TEXT}"
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        for _ in range(120):
            try:
                page.goto(url)
                break
            except Exception:
                time.sleep(0.5)
        page.evaluate("window.__before_edit = true")
        entry = tmp_path / "glossary" / "giovanni-arrighi.md"
        new = "An edited summary, written while the preview runs."
        text = entry.read_text(encoding="utf-8")
        old = next(line for line in text.splitlines() if line.startswith("summary:"))
        edited_at = time.perf_counter()
        entry.write_text(text.replace(old, f"summary: {new}"), encoding="utf-8")
        page.wait_for_function("window.__before_edit === undefined", timeout=15000)  # the page reloaded itself
        link = page.locator("article a.gl[data-entry='giovanni-arrighi']").first
        link.scroll_into_view_if_needed()
        link.hover()
        page.locator("#gl-card .gl-card__summary").wait_for(state="visible")
        assert page.locator("#gl-card .gl-card__summary").inner_text() == new
        seconds = time.perf_counter() - edited_at
        (screenshots / "preview-seconds.txt").write_text(f"{seconds:.2f}\n")
        assert seconds <= 5, seconds
        context.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
