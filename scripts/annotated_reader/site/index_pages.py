"""The pages that list things: home, glossary index, wanted entries, preview data, and the navigation."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable

from ..model import ENTRY_TYPES, TYPES, AnnotatedText, Candidate, Entry, Glossary, Page
from .markdown import escape, front_matter, plural
from .text_page import citation_line, reading_minutes


def glossary_index(glossary: Glossary, counts: Counter) -> Page:
    lines = [front_matter(title="Glossary", description="People, states, organisations, places, concepts, events and documents in the texts."),
             "# Glossary", "",
             f"{len(glossary)} entries. Each explains a name or idea the texts rely on and lists every passage that mentions it.", ""]
    present = [t for t in ENTRY_TYPES if any(e.type == t.key for e in glossary)]
    lines += ["By type: " + " · ".join(f"[{t.plural}](#type-{t.key})" for t in present) + " — or [A–Z](#a-z).", ""]
    for entry_type in present:
        entries = sorted((e for e in glossary if e.type == entry_type.key), key=lambda e: e.title.lower())
        lines += [f"## {entry_type.plural} {{ #type-{entry_type.key} }}", ""]
        for entry in entries:
            lines.append(f"- [{escape(entry.title)}]({entry.id}.md) — {escape(entry.summary)} "
                         f"({plural(counts.get(entry.id, 0), 'mention')})")
        lines.append("")
    lines += ["## A–Z { #a-z }", ""]
    by_letter: dict[str, list[Entry]] = defaultdict(list)
    for entry in glossary:
        by_letter[_initial(entry.title)].append(entry)
    letters = sorted(by_letter)
    lines += [" · ".join(f"[{letter}](#letter-{_letter_anchor(letter)})" for letter in letters), ""]
    for letter in letters:
        lines += [f"### {escape(letter)} {{ #letter-{_letter_anchor(letter)} }}", ""]
        for entry in sorted(by_letter[letter], key=lambda e: e.title.lower()):
            lines.append(f"- [{escape(entry.title)}]({entry.id}.md) ({TYPES[entry.type].name.lower()})")
        lines.append("")
    return Page("glossary/index.md", "\n".join(lines).rstrip() + "\n")


def _letter_anchor(letter: str) -> str:
    return letter.lower() if letter.isalpha() else "other"


def _initial(title: str) -> str:
    for ch in unicodedata.normalize("NFKD", title):
        if ch.isalnum():
            return ch.upper() if ch.isascii() and ch.isalpha() else "#"
    return "#"


def reading_order(texts: tuple[AnnotatedText, ...]) -> list[AnnotatedText]:
    """Texts by date (undated ones last), then by title: the order of the home page and the navigation."""
    return sorted(texts, key=lambda t: (t.document.meta.date is None, t.document.meta.date or "", t.document.title.lower(), t.document.id))


def home_page(texts: tuple[AnnotatedText, ...], glossary: Glossary) -> Page:
    count = len(texts)
    how = " written from different political positions," if count > 1 else ""
    lines = [front_matter(title="Home", description="A cross-referenced reading edition of essays on US–Russia–China relations."),
             "# The annotated reader", "",
             f"{'One text' if count == 1 else f'{count} texts'} on relations between the United States, Russia and China,{how} "
             "with the people, states, organisations and ideas they rely on linked to a "
             "neutral glossary. Hover over or focus a linked name for a short explanation; every glossary entry "
             "lists each passage that mentions it.", "", '<div class="grid cards" markdown>', ""]
    if count > CARDS_AT_MOST:
        lines[-2:] = []
        lines += _text_list(texts)
    for text in reading_order(texts) if count <= CARDS_AT_MOST else ():
        document = text.document
        meta = document.meta
        counts = Counter(m.entry_id for m in text.mentions)
        top = sorted(counts, key=lambda e: (-counts[e], e))[:6]
        lines += [f"-   **[{escape(meta.title)}](texts/{document.id}.md)**", "", "    ---", "",
                  f"    {citation_line(document)}", "",
                  "    Leans on: " + ", ".join(f"[{escape(glossary[e].title)}](glossary/{e}.md)" for e in top), ""]
    lines += ["</div>" if count <= CARDS_AT_MOST else "", "",
              "Browse the [glossary](glossary/index.md), [search the texts](find.md), see [how the entries connect](graph.md) "
              "and [when the events happened](timeline.md), "
              "or the [wanted entries](wanted.md) the glossary does not cover yet.", ""]
    return Page("index.md", "\n".join(lines))


CARDS_AT_MOST = 40
"""Beyond this many texts the home page lists them in a compact list by decade instead of cards."""
NAV_GROUP_AT = 40
"""Beyond this many texts the navigation groups them by decade (each page then carries one group)."""


def decade(text: AnnotatedText) -> str:
    date = text.document.meta.date
    return f"{date[:3]}0s" if date and date[:4].isdigit() else "Undated"


def _text_list(texts: tuple[AnnotatedText, ...]) -> list[str]:
    """Every text in one line each, under its decade: the home page of a large corpus."""
    lines: list[str] = []
    current = None
    for text in reading_order(texts):
        if decade(text) != current:
            current = decade(text)
            lines += ["", f"## {current}", ""]
        document = text.document
        lines.append(f"- [{escape(document.title)}](texts/{document.id}.md) · {reading_minutes(document)} min read")
    return lines + [""]


def navigation(texts: tuple[AnnotatedText, ...]) -> list:
    """The site's navigation: home, every text (in reading order; by decade when there are many), the
    glossary and the other pages."""
    items = [{t.document.title: f"texts/{t.document.id}.md"} for t in reading_order(texts)]
    if len(texts) > NAV_GROUP_AT:
        groups: dict[str, list] = {}
        for text, item in zip(reading_order(texts), items):
            groups.setdefault(decade(text), []).append(item)
        items = [{name: group} for name, group in groups.items()]
    return [{"Home": "index.md"},
            {"Texts": items},
            {"Glossary": "glossary/index.md"}, {"Search the texts": "find.md"}, {"Connections": "graph.md"},
            {"Timeline": "timeline.md"}, {"Wanted entries": "wanted.md"}]


def preview_data(glossary: Glossary) -> list[Page]:
    """The preview cards' content, one small script per entry (``assets/previews/<id>.js``).

    A page loads the script of an entry only when a reader points at a link to it, so what a page
    loads grows with what it links to, not with the glossary; scripts (unlike fetch) also load
    from file://, so previews work in the offline edition.
    """
    pages = []
    for entry in glossary:
        data = {"title": entry.title, "type": TYPES[entry.type].name, "summary": entry.summary}
        payload = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
        payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        pages.append(Page(f"assets/previews/{entry.id}.js", f'window.READER_PREVIEW("{entry.id}", {payload});\n'))
    return pages


WANTED_AT_MOST = 200
"""Rows of the wanted-entries page (the most frequent names); the full list is build/reports/candidates.json."""


def _around(sentence: str, name: str, context: int = 100) -> str:
    """The sentence, or the part of it around the name when it is long (a sentence can be a whole table)."""
    if len(sentence) <= 3 * context:
        return sentence
    at = max(0, sentence.find(name))
    start, end = max(0, at - context), min(len(sentence), at + len(name) + context)
    return ("… " if start else "") + sentence[start:end].strip() + (" …" if end < len(sentence) else "")


def _candidate_rows(candidates: list[Candidate], last: str, pages_of: Callable[[str], dict[str, str]]) -> list[str]:
    lines = [f"| Name | Kind | Count | {last} |", "| --- | --- | --- | --- |"]
    for c in candidates:
        text_id, block_id = c.block.split("#")
        example = (escape(c.reviewed) if c.reviewed else
                   f"{escape(_around(c.context, c.name))} [¶]({pages_of(text_id)[block_id]}#{block_id})")
        lines.append(f"| {escape(c.name)} | {', '.join(c.labels)} | {c.count} | {example} |")
    return lines + [""]


def wanted_page(candidates: tuple[Candidate, ...], pages_of: Callable[[str], dict[str, str]]) -> Page:
    """The candidates table, reviewed non-entries apart; ``pages_of(text id)`` gives the page of each block."""
    wanted = [c for c in candidates if c.reviewed is None]
    reviewed = [c for c in candidates if c.reviewed is not None]
    lines = [front_matter(title="Wanted entries", description="Names the texts use that the glossary does not explain yet."),
             "# Wanted entries", "",
             "Names the texts use that no glossary entry covers, most frequent first: people, organisations, places, "
             "events, laws and works the statistical model found, and longer names that contain an entry's name. "
             "Each is a candidate for a new entry or an alias: `make new-entry FROM=\"Name\"` starts one "
             "(see CONTRIBUTING.md).", ""]
    if not wanted:
        lines += ["Every name the model found is covered by the glossary.", ""]
    else:
        if len(wanted) > WANTED_AT_MOST:
            lines += [f"The {WANTED_AT_MOST} most frequent of {len(wanted):,} names; the build writes all of them "
                      "to build/reports/candidates.json.", ""]
        lines += _candidate_rows(wanted[:WANTED_AT_MOST], "Example", pages_of)
    if reviewed:
        lines += ["## Reviewed, not entries { data-search-exclude }", "",
                  "Names the glossary leaves out on purpose (`non-entries.yml`), with the reason.", ""]
        lines += _candidate_rows(reviewed, "Why not", pages_of)
    return Page("wanted.md", "\n".join(lines))
