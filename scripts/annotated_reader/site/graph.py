"""Connections drawn as static SVG: entries as circles, shared paragraphs as lines.

networkx lays each picture out at build time (``layout``), so it needs no JavaScript and the same
input gives the same bytes. Every circle is a link to its entry and carries a ``<title>``; the most
connected entries are labelled, as many as fit without any two labels overlapping, and the others
are plain dots. The legend is HTML beside the picture, so nothing of it can be clipped.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from ..model import ENTRY_TYPES, TYPES, Glossary
from ..pipeline.relations import Relations
from .layout import Drawing, fit, place_labels, positions
from .markdown import attribute

Pair = tuple[str, str]
NEIGHBOURHOOD = (480, 380)
"""Size of an entry's neighbourhood drawing: small, so that its labels stay legible on a phone."""


def radius(mentions: int) -> float:
    """A circle's radius: its area grows with the entry's mentions, up to a limit."""
    return round(min(26.0, 4 + 1.5 * math.sqrt(mentions)), 1)


@dataclass(frozen=True)
class View:
    """What one picture shows: its entries, their mention counts, and the pairs joined by a line."""

    nodes: tuple[str, ...]
    mentions: Mapping[str, int]
    edges: Mapping[Pair, int]
    """Pairs of entries drawn as a line, with the number of paragraphs they share."""
    centre: str | None = None
    """The entry a neighbourhood is drawn around (always labelled)."""
    pull: Mapping[Pair, int] = field(default_factory=dict)
    """The pairs the layout brings together (every pair that shares a paragraph in a whole view, the
    lines to the centre in a neighbourhood, so that the others spread all round it)."""

    def degree(self, node: str) -> int:
        """Paragraphs shared with the entries it is drawn joined to: how connected it is in this view."""
        return sum(w for pair, w in self.edges.items() if node in pair)

    def neighbours(self, node: str) -> list[tuple[str, int]]:
        """The entries a node is joined to in this view, most shared paragraphs first."""
        found = [(b if a == node else a, w) for (a, b), w in self.edges.items() if node in (a, b)]
        return sorted(found, key=lambda item: (-item[1], item[0]))

    def ranking(self) -> list[str]:
        """Nodes from the most connected down: the order in which they get a label."""
        first = [self.centre] if self.centre in self.nodes else []
        rest = sorted((n for n in self.nodes if n != self.centre),
                      key=lambda n: (-self.degree(n), -self.mentions.get(n, 0), n))
        return first + rest


def corpus_view(relations: Relations, glossary: Glossary, *, only: Callable[[str], bool] = lambda e: True,
                min_weight: int = 2) -> View:
    """Every mentioned entry (that ``only`` keeps), joined where they share at least ``min_weight``
    paragraphs, and each to the one it shares most with, so that no entry floats alone when it has a link."""
    nodes = tuple(sorted(e for e in relations.mentions if e in glossary and only(e)))
    kept = set(nodes)
    edges = {pair: w for pair, w in relations.pairs.items() if w >= min_weight and pair[0] in kept and pair[1] in kept}
    for node in nodes:
        strongest = [(other, w) for other, w in relations.neighbours(node) if other in kept][:1]
        if strongest:
            other, w = strongest[0]
            edges.setdefault((min(node, other), max(node, other)), w)
    return View(nodes, {n: relations.mentions[n] for n in nodes}, dict(sorted(edges.items())),
                pull=_pairs_among(relations, kept))


def _pairs_among(relations: Relations, kept: set[str]) -> dict[Pair, int]:
    return dict(sorted((p, w) for p, w in relations.pairs.items() if p[0] in kept and p[1] in kept))


def neighbourhood_view(entry_id: str, relations: Relations, glossary: Glossary, limit: int = 12) -> View:
    """An entry and the ``limit`` entries it shares most paragraphs with, and the lines among them."""
    around = [e for e, _ in relations.neighbours(entry_id) if e in glossary][:limit]
    nodes = tuple(sorted([entry_id] + around))
    kept = set(nodes)
    edges = {pair: w for pair, w in relations.pairs.items() if pair[0] in kept and pair[1] in kept
             and (entry_id in pair or w >= 2)}
    mentions = {n: relations.mentions.get(n, 0) for n in nodes}
    spokes = {pair: w for pair, w in edges.items() if entry_id in pair}
    return View(nodes, mentions, dict(sorted(edges.items())), centre=entry_id, pull=spokes)


def layout_of(view: View) -> dict[str, tuple[float, float]]:
    """The view laid out by networkx, in the layout's own coordinates (``draw`` fits it to a drawing)."""
    graph = nx.Graph()
    for node in view.nodes:
        graph.add_node(node, size=radius(view.mentions.get(node, 0)) / 10)
    for (a, b), w in (view.pull or view.edges).items():
        graph.add_edge(a, b, weight=math.log1p(w))
    return positions(graph, centre=view.centre)


def draw(view: View, glossary: Glossary, width: int, height: int, *, size: float = 13.0, limit: int | None = None,
         layout: Mapping[str, tuple[float, float]] | None = None) -> Drawing:
    """Fit a view (laid out once, see ``layout_of``) to a ``width`` × ``height`` drawing and label what
    fits, most connected first."""
    radii = {n: radius(view.mentions.get(n, 0)) for n in view.nodes}
    points = fit(layout if layout is not None else layout_of(view), radii, width, height, margin=8, centre=view.centre)
    titles = {n: glossary[n].title for n in view.nodes}
    labels = place_labels(points, radii, titles, view.ranking(), width, height, size, limit)
    return Drawing(width, height, points, radii, labels)


def svg(view: View, glossary: Glossary, href: Callable[[str], str], *, width: int, height: int, title: str,
        ident: str, limit: int | None = None, size: float = 13.0, css: str = "",
        layout: Mapping[str, tuple[float, float]] | None = None) -> str:
    """The picture of a view: lines, then circles (links with a title), then the labels that fit."""
    drawing = draw(view, glossary, width, height, size=size, limit=limit, layout=layout)
    labels = drawing.labels
    parts = [f'<svg class="reader-graph{" " + css if css else ""}" viewBox="0 0 {width} {height}" '
             f'role="group" aria-labelledby="{ident}" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{ident}">{attribute(title)}</title>']
    for (a, b), w in view.edges.items():
        (x1, y1), (x2, y2) = drawing.points[a], drawing.points[b]
        parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" '
                     f'stroke-width="{round(0.6 + 0.8 * math.log1p(w), 2)}" class="edge"/>')
    for node in sorted(view.nodes, key=lambda e: (-drawing.radii[e], e)):
        entry = glossary[node]
        x, y = drawing.points[node]
        count = view.mentions.get(node, 0)
        shared = ""
        if view.centre is not None and node != view.centre:
            w = view.edges.get((min(node, view.centre), max(node, view.centre)), 0)
            shared = f", shares {w} paragraph{'s' if w != 1 else ''} with {glossary[view.centre].title}"
        note = f"{entry.title} ({TYPES[entry.type].name.lower()}, {count} mention{'s' if count != 1 else ''}{shared})"
        centre = " centre" if node == view.centre else ""
        parts.append(f'<a href="{attribute(href(node))}" class="node t-{entry.type}{centre}" '
                     f'data-entry="{node}"><title>{attribute(note)}</title>'
                     f'<circle cx="{x}" cy="{y}" r="{drawing.radii[node]}" fill="{TYPES[entry.type].colour}"/></a>')
    for node in view.ranking():
        label = labels.get(node)
        if label is not None:
            parts.append(f'<text x="{label.x}" y="{label.y}" font-size="{label.size:g}" textLength="{label.width}" '
                         f'lengthAdjust="spacingAndGlyphs" '
                         f'class="label" data-entry="{node}" aria-hidden="true">{attribute(label.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def legend(glossary: Glossary, nodes: tuple[str, ...]) -> str:
    """The colours of the entry types present, as an HTML list (it wraps; it cannot be clipped)."""
    present = [t for t in ENTRY_TYPES if any(glossary[n].type == t.key for n in nodes)]
    items = "".join(f'<li><span class="swatch" style="background:{t.colour}"></span>{t.name}</li>' for t in present)
    return f'<ul class="graph-legend" aria-label="Colours of the entry types">{items}</ul>'


def svg_neighbourhood(entry_id: str, glossary: Glossary, relations: Relations, href: Callable[[str], str],
                      limit: int = 12) -> str:
    """One entry and the entries it shares paragraphs with most often, after the colours of their types."""
    view = neighbourhood_view(entry_id, relations, glossary, limit)
    title = f"{glossary[entry_id].title} and the entries it shares paragraphs with"
    return legend(glossary, view.nodes) + svg(view, glossary, href, width=NEIGHBOURHOOD[0], height=NEIGHBOURHOOD[1], title=title, ident="nb-title",
               size=15.0, css="neighbourhood")
