"""The timeline: the dated events and documents of the glossary and the texts' own dates on one axis.

Drawn as static SVG at build time, one row per item so that no two labels can meet: the title on
the left, a dot (a day, a month or a year) or a bar (a span) on the axis, and the date beside it.
Each row is a link to its entry or text. A table gives the same items in order, and texts with no
date are listed under the picture. Past ``ROWS_PER_PART`` rows the timeline is split into parts in
time order, each linking to the others by their years.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from ..inputs.dates import span, spoken, spoken_span
from ..model import TYPES, AnnotatedText, Glossary, Page
from .index_pages import reading_order
from .layout import text_width
from .markdown import attribute, escape, front_matter

PATH = "timeline.md"
TEXT_COLOUR = "#3949ab"
"""Marks of the texts (the site's primary colour family, 3:1 against white)."""
WIDTH, ROW, TOP, SIZE = 960, 26, 44, 13.0
LABELS = 300
"""Width of the title column, in pixels; the axis takes the rest."""


@dataclass(frozen=True)
class Mark:
    """One row of the timeline: an entry or a text, the days it covers, where it links."""

    title: str
    kind: str
    """The entry's type, or "text"."""
    first: datetime.date
    last: datetime.date
    when: str
    """The date as a reader says it."""
    target: str
    """The generated page it links to."""
    ongoing: bool = False

    @property
    def key(self) -> tuple:
        return (self.first, self.last, self.kind == "text", self.title.lower(), self.target)


def marks(glossary: Glossary, texts: tuple[AnnotatedText, ...]) -> list[Mark]:
    """Every dated entry and every dated text, in time order."""
    found = []
    for entry in glossary:
        if entry.date is not None:
            first, last = span(entry.date)
            found.append(Mark(entry.title, entry.type, first, last, spoken(entry.date), f"glossary/{entry.id}.md"))
        elif entry.start is not None:
            first = span(entry.start)[0]
            last = span(entry.end)[1] if entry.end else first
            found.append(Mark(entry.title, entry.type, first, last, spoken_span(entry.start, entry.end),
                              f"glossary/{entry.id}.md", ongoing=entry.end is None))
    for text in texts:
        meta = text.document.meta
        if meta.date:
            first, last = span(meta.date)
            found.append(Mark(meta.title, "text", first, last, spoken(meta.date), f"texts/{text.document.id}.md"))
    return sorted(found, key=lambda m: m.key)


def _step(years: float, most: float) -> int:
    """Years between labelled ticks: a round number giving at most ``most`` ticks (and never more than ten)."""
    most = min(10.0, most)
    return next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000) if years / s <= most), 1000)


def _axis(rows: list[Mark], today: datetime.date, frame: Frame) -> tuple[int, int, int]:
    """The first and the last year of the axis (the first a whole tick) and the years between ticks."""
    low = min(m.first for m in rows).year
    latest = max(m.last for m in rows)
    high = (max(latest, today) if any(m.ongoing for m in rows) else latest).year + 1
    step = _step(max(1, high - low), (frame.width - frame.left) / 60)
    return low // step * step, high, step


def _fraction(day: datetime.date, start: int, end: int) -> float:
    begin = datetime.date(start, 1, 1).toordinal()
    return (day.toordinal() - begin) / (datetime.date(end, 1, 1).toordinal() - begin)


@dataclass(frozen=True)
class Frame:
    """The geometry of one drawing of the timeline: wide (titles in a column beside the axis) or
    narrow (each title on a line of its own above its mark, the axis across the whole width)."""

    width: int
    row: int
    left: float
    """Where the axis begins; the title column, when there is one, lies before it."""
    title_room: float
    title_y: float
    """Baseline of a title, from the top of its row."""
    mark_y: float
    """Middle of a mark, from the top of its row."""
    css: str


WIDE = Frame(WIDTH, ROW, LABELS + 16, LABELS - 8, 17.5, ROW / 2, "wide")
NARROW = Frame(380, 44, 12, 364, 16, 31, "narrow")


def svg(rows: list[Mark], href: Callable[[str], str], today: datetime.date, frame: Frame = WIDE) -> str:
    """The timeline drawing; ``href(target)`` gives the link to a generated page."""
    start, end, step = _axis(rows, today, frame)
    left, right = frame.left, frame.width - 16
    height = TOP + frame.row * len(rows) + 16
    def x(day: datetime.date) -> float:
        return round(left + (right - left) * _fraction(day, start, end), 1)
    ident = f"timeline-title-{frame.css}"
    parts = [f'<svg class="reader-timeline {frame.css}" viewBox="0 0 {frame.width} {height}" role="group" '
             f'aria-labelledby="{ident}" xmlns="http://www.w3.org/2000/svg">'
             f'<title id="{ident}">Events, documents and texts in time</title>']
    for year in range(start, end, step):
        gx = x(datetime.date(year, 1, 1))
        label = str(year)
        tx = min(max(2.0, gx - text_width(label, 12) / 2), frame.width - 2 - text_width(label, 12))
        parts.append(f'<line x1="{gx}" y1="{TOP - 8}" x2="{gx}" y2="{height - 8}" class="grid"/>'
                     f'<text x="{round(tx, 1)}" y="{TOP - 16}" font-size="12" '
                     f'textLength="{text_width(label, 12)}" lengthAdjust="spacingAndGlyphs" class="tick">{label}</text>')
    for i, mark in enumerate(rows):
        top = TOP + frame.row * i
        y = top + frame.mark_y
        colour = TEXT_COLOUR if mark.kind == "text" else TYPES[mark.kind].colour
        kind = "text" if mark.kind == "text" else TYPES[mark.kind].name.lower()
        title = _fit(mark.title, frame.title_room)
        x1, x2 = x(mark.first), x(max(today, mark.first) if mark.ongoing else mark.last + datetime.timedelta(days=1))
        ongoing = ' class="ongoing"' if mark.ongoing else ""
        mid = round((x1 + x2) / 2, 1)
        if (x2 - x1) > 6 or mark.ongoing:
            shape = f'<rect x="{x1}" y="{y - 5}" width="{round(max(x2 - x1, 3.0), 1)}" height="10" rx="2" fill="{colour}"{ongoing}/>'
        elif mark.kind == "text":  # a text is a diamond: told apart by its shape, not only its colour
            shape = f'<path d="M{mid} {y - 6.5}l6.5 6.5l-6.5 6.5l-6.5 -6.5z" fill="{colour}" class="diamond"/>'
        else:
            shape = f'<circle cx="{mid}" cy="{y}" r="5" fill="{colour}"/>'
        when_w = text_width(mark.when, 12)
        after, before = max(x2, mid + 6.5) + 8, min(x1, mid - 6.5) - 8 - when_w
        when_y = y + 4
        if after + when_w <= frame.width - 4:
            wx = after
        elif before >= left - 8:
            wx = before
        else:  # a span across the whole axis: the date goes at the end of the title's line
            wx, when_y = frame.width - 4 - when_w, top + frame.title_y
            title = _fit(mark.title, min(frame.title_room, wx - 16))
        row_css = "row text-row" if mark.kind == "text" else "row"
        parts.append(f'<a href="{attribute(href(mark.target))}" class="{row_css}" data-target="{attribute(mark.target)}">'
                     f'<title>{attribute(mark.title)} ({kind}, {attribute(mark.when)})</title>'
                     f'<rect x="0" y="{top}" width="{frame.width}" height="{frame.row}" class="band"/>'
                     f'<text x="8" y="{top + frame.title_y}" font-size="{SIZE:g}" textLength="{text_width(title, SIZE)}" '
                     f'lengthAdjust="spacingAndGlyphs" class="name">{attribute(title)}</text>{shape}'
                     f'<text x="{round(wx, 1)}" y="{when_y}" font-size="12" textLength="{when_w}" '
                     f'lengthAdjust="spacingAndGlyphs" class="when">{attribute(mark.when)}</text></a>')
    parts.append("</svg>")
    return "".join(parts)


def _fit(title: str, room: float) -> str:
    """A title short enough for the title column, cut at a word with an ellipsis when it is not."""
    if text_width(title, SIZE) <= room:
        return title
    words = title.split()
    while words and text_width(" ".join(words) + " …", SIZE) > room:
        words.pop()
    return (" ".join(words) or title[: int(room // (SIZE * 0.7))]) + " …"


ROWS_PER_PART = 60
"""Most rows one timeline page draws: a row costs about 1.4 KB of HTML (two drawings and the table),
so a corpus of hundreds of dated texts is split into parts in time order, each page well under
150 KB."""


def part_path(number: int) -> str:
    return PATH if number == 1 else f"timeline-{number}.md"


def _years(rows: list[Mark]) -> str:
    first, last = rows[0].first.year, max(m.last.year for m in rows)
    return str(first) if first == last else f"{first}–{last}"


def timeline_pages(glossary: Glossary, texts: tuple[AnnotatedText, ...], href: Callable[[str, str], str],
                   today: datetime.date) -> list[Page]:
    """The timeline, in parts of at most ``ROWS_PER_PART`` rows in time order (one page when they fit);
    ``today`` ends the bars of what goes on (the build's date, for reproducibility)."""
    rows = marks(glossary, texts)
    parts = [rows[i:i + ROWS_PER_PART] for i in range(0, len(rows), ROWS_PER_PART)] or [[]]
    undated = [t for t in reading_order(texts) if not t.document.meta.date]
    return [_part(number, parts, undated, href, today) for number in range(1, len(parts) + 1)]


def _part(number: int, parts: list[list[Mark]], undated: list[AnnotatedText], href: Callable[[str, str], str],
          today: datetime.date) -> Page:
    rows, here = parts[number - 1], part_path(number)
    title = "Timeline" if len(parts) == 1 else f"Timeline, {_years(rows)}"
    lines = [front_matter(title=title, description="The events and documents of the glossary and the texts, in time.",
                          hide=("toc",)), f"# {escape(title)}", "",
             "The events and documents the glossary dates, with the texts of the reader on the same axis. A dot is a day, "
             "a month or a year; a bar is a span (an open bar goes on). Select a row to open its entry or text.", ""]
    if len(parts) > 1:
        def item(n: int) -> str:
            years = _years(parts[n - 1])
            return f"**{years}**" if n == number else f"[{years}]({part_path(n)})"  # parts share one folder
        lines += ['<nav class="graph-views" aria-label="Parts of the timeline" markdown>', "",
                  f"Part {number} of {len(parts)}: " + " · ".join(item(n) for n in range(1, len(parts) + 1)), "",
                  "</nav>", ""]
    if rows:
        link = lambda target: href(here, target)  # noqa: E731
        lines += [f'<figure class="graph-figure timeline-figure">{svg(rows, link, today, WIDE)}'
                  f'{svg(rows, link, today, NARROW)}</figure>', ""]
        lines += ['<ul class="graph-legend" aria-label="Colours of the rows">'
                  + "".join(f'<li><span class="swatch{" diamond" if n == "Texts" else ""}" style="background:{c}"></span>{n}</li>'
                          for n, c in _legend(rows))
                  + "</ul>", ""]
    else:
        lines += ["No entry or text is dated yet.", ""]
    if undated and number == 1:
        lines += ["Texts that give no date (each says what is known under “About this text”): "
                  + " · ".join(f"[{escape(t.document.title)}](texts/{t.document.id}.md)" for t in undated), ""]
    if rows:
        lines += ['??? note "The same events, documents and texts as a table"', "", "    | When | What | Kind |",
                  "    | --- | --- | --- |"]
        for mark in rows:
            kind = "Text" if mark.kind == "text" else TYPES[mark.kind].name
            lines.append(f"    | {escape(mark.when)} | [{escape(mark.title)}]({mark.target}) | {kind} |")
        lines.append("")
    return Page(here, "\n".join(lines).rstrip() + "\n")


def _legend(rows: list[Mark]) -> list[tuple[str, str]]:
    kinds = {m.kind for m in rows}
    found = [(t.plural, t.colour) for t in TYPES.values() if t.key in kinds]
    return found + ([("Texts", TEXT_COLOUR)] if "text" in kinds else [])

