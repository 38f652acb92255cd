"""The timeline: every dated entry and every dated text, in order, each row a link, undated texts listed."""

import datetime

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from annotated_reader.model import AnnotatedText, Block, Document, Entry, Glossary, Source, SourceMeta
from annotated_reader.site.timeline import NARROW, ROWS_PER_PART, WIDE, marks, svg, timeline_pages

TODAY = datetime.date(2026, 1, 1)


def entry(entry_id: str, kind: str, **dates) -> Entry:
    return Entry(entry_id, entry_id.replace("-", " ").title(), kind, (), "A summary.", (), None, "Body.\n",
                 f"glossary/{entry_id}.md", **dates)


def text(text_id: str, date: str | None) -> AnnotatedText:
    source = Source(text_id, SourceMeta(title=f"Text {text_id}", date=date), (), f"sources/{text_id}.txt")
    return AnnotatedText(Document(source, (Block("p-00000000", "paragraph", "Words.", 0, 1, 1),)), (), ())


GLOSSARY = Glossary({e.id: e for e in [
    entry("yalta", "event", start="1945-02-04", end="1945-02-11"),
    entry("war", "event", start="2014-02"),
    entry("treaty", "document", date="1949-04-04"),
    entry("undated-report", "document"),
    entry("a-person", "person"),
]})
TEXTS = (text("letter", "2025-02-19"), text("essay", None))


def test_marks_are_every_dated_entry_and_text_in_time_order():
    found = marks(GLOSSARY, TEXTS)
    assert [m.target for m in found] == ["glossary/yalta.md", "glossary/treaty.md", "glossary/war.md", "texts/letter.md"]
    assert [m.when for m in found] == ["4–11 February 1945", "4 April 1949", "since February 2014", "19 February 2025"]
    assert [m.ongoing for m in found] == [False, False, True, False]


def test_each_row_links_to_its_page_and_an_ongoing_bar_reaches_the_build_date():
    rows = marks(GLOSSARY, TEXTS)
    for frame in (WIDE, NARROW):
        drawing = HTMLParser(svg(rows, lambda target: "../" + target.removesuffix(".md") + "/", TODAY, frame))
        links = drawing.css("a.row")
        assert [a.attributes["href"] for a in links] == ["../glossary/yalta/", "../glossary/treaty/", "../glossary/war/",
                                                         "../texts/letter/"]
        assert all(a.css_first("title") for a in links)
        war = links[2].css_first("rect.ongoing")
        later = links[3].css_first("path.diamond")  # a text is a diamond
        assert war is not None and later is not None
        end = float(war.attributes["x"]) + float(war.attributes["width"])
        assert end > float(later.attributes["d"][1:].split()[0])  # the war's bar runs past the 2025 letter


def test_the_page_lists_undated_texts_and_gives_a_table():
    [page] = timeline_pages(GLOSSARY, TEXTS, lambda here, there: there, TODAY)
    assert page.path == "timeline.md"
    assert "[Text essay](texts/essay.md)" in page.content
    assert page.content.count("    | ") == 2 + len(marks(GLOSSARY, TEXTS))  # header, rule, one row per mark
    assert page.content.count('<svg class="reader-timeline') == 2  # wide and narrow


def test_nothing_dated_gives_a_page_that_says_so():
    [page] = timeline_pages(Glossary({}), (text("essay", None),), lambda here, there: there, TODAY)
    assert "No entry or text is dated yet." in page.content and "<svg" not in page.content


def test_many_dated_texts_split_the_timeline_into_light_parts_that_link_to_each_other():
    many = tuple(text(f"address-{year}", f"{year}-01-15") for year in range(1790, 2030)) + TEXTS
    rows = marks(GLOSSARY, many)
    pages = timeline_pages(GLOSSARY, many, lambda here, there: there, TODAY)
    assert len(pages) == -(-len(rows) // ROWS_PER_PART) > 1
    assert [p.path for p in pages] == ["timeline.md"] + [f"timeline-{n}.md" for n in range(2, len(pages) + 1)]
    drawn = [a.attributes["data-target"] for p in pages
             for a in HTMLParser(p.content).css("svg.reader-timeline.wide a.row")]
    assert drawn == [m.target for m in rows]  # every row once, in time order, across the parts
    for page in pages:
        assert len(page.content.encode()) < 110_000, (page.path, len(page.content.encode()))
        others = {p.path for p in pages} - {page.path}
        assert all(f"]({path})" in page.content for path in others)  # each part links to every other
    assert sum("[Text essay](texts/essay.md)" in p.content for p in pages) == 1  # undated texts: first part only
