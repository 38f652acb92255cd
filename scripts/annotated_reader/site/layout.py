"""Where the circles and labels of a graph go: networkx lays the graph out, this module fits it to a
drawing and gives each node at most one label, never overlapping another label, a circle or the edge
of the drawing.

Label widths are estimated from the characters and then enforced when drawn (SVG ``textLength``), so
a label's box on screen is the box reserved for it here, whatever font the reader's browser uses.
The layout is seeded: the same graph gives the same drawing, byte for byte.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx
import numpy as np

SEED = 20250219
"""The layout's random seed: changing it changes every drawing, so it stays fixed."""

ASCENT, DESCENT = 1.1, 0.4
"""Room reserved above and below a label's baseline, in ems (more than any common font needs)."""
GAP = 3.0
"""Space kept between a label and any other label, circle or the edge of the drawing, in pixels."""

_EM = {" ": 0.32, "i": 0.28, "j": 0.28, "l": 0.28, "!": 0.33, ".": 0.32, ",": 0.32, ":": 0.34, ";": 0.34,
       "'": 0.28, "’": 0.28, "|": 0.34, "f": 0.36, "r": 0.42, "t": 0.4, "I": 0.3, "J": 0.3, "(": 0.39, ")": 0.39,
       "-": 0.36, "–": 0.5, "—": 1.0, "m": 0.92, "w": 0.8, "M": 0.86, "W": 0.99, "“": 0.45, "”": 0.45}


def text_width(text: str, size: float) -> float:
    """The width a label is drawn at: an estimate of the text in a common sans-serif face."""
    ems = 0.0
    for ch in text:
        if ch in _EM:
            ems += _EM[ch]
        elif ch.isdigit():
            ems += 0.62
        elif ch.isupper():
            ems += 0.7
        else:
            ems += 0.58
    return round(ems * size, 1)


@dataclass(frozen=True)
class Label:
    """A label's text, where its baseline starts (``x`` is its left edge) and the box kept free for it."""

    text: str
    x: float
    y: float
    width: float
    size: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x, self.y - ASCENT * self.size, self.x + self.width, self.y + DESCENT * self.size)


@dataclass(frozen=True)
class Drawing:
    """A graph fitted to a ``width`` × ``height`` drawing: a centre and a radius per node, some labels."""

    width: int
    height: int
    points: Mapping[str, tuple[float, float]]
    radii: Mapping[str, float]
    labels: Mapping[str, Label]


def positions(graph: nx.Graph, *, centre: str | None = None, seed: int = SEED) -> dict[str, tuple[float, float]]:
    """A force-directed layout, deterministic: nodes are taken in sorted order, the seed is fixed.

    A whole graph uses ForceAtlas2 with strong gravity (entries that share nothing stay near the
    rest) and node sizes (circles keep apart). A neighbourhood keeps its ``centre`` fixed in the
    middle and lets Fruchterman–Reingold spread the others around it from a ring. Layouts are kept
    for the life of the process, so the live preview lays out again only the graphs that changed.
    """
    nodes = tuple(sorted((str(n), float(d.get("size", 1.0))) for n, d in graph.nodes(data=True)))
    edges = tuple(sorted((min(a, b), max(a, b), float(d.get("weight", 1.0))) for a, b, d in graph.edges(data=True)))
    return dict(_layout(nodes, edges, centre, seed))


@lru_cache(maxsize=4096)
def _layout(nodes: tuple[tuple[str, float], ...], edges: tuple[tuple[str, str, float], ...], centre: str | None,
            seed: int) -> tuple[tuple[str, tuple[float, float]], ...]:
    ordered = nx.Graph()
    ordered.add_nodes_from((n, {"size": size}) for n, size in nodes)
    ordered.add_edges_from((a, b, {"weight": w}) for a, b, w in edges)
    if len(ordered) == 0:
        return ()
    if len(ordered) == 1:
        return ((nodes[0][0], (0.0, 0.0)),)
    if centre is not None and centre in ordered:
        others = [n for n in ordered if n != centre]
        start = {n: (math.cos(2 * math.pi * i / len(others)), math.sin(2 * math.pi * i / len(others)))
                 for i, n in enumerate(others)}
        start[centre] = (0.0, 0.0)
        found = nx.spring_layout(ordered, pos=start, fixed=[centre], seed=seed, iterations=60, weight="weight",
                                 k=1.2 / math.sqrt(len(ordered)), method="force")
    else:
        found = nx.forceatlas2_layout(ordered, max_iter=300, scaling_ratio=3.0, gravity=1.5, strong_gravity=True,
                                      node_size=dict(nodes), weight="weight", seed=seed)
    return tuple((node, (float(x), float(y))) for node, (x, y) in sorted(found.items()))


def fit(layout: Mapping[str, tuple[float, float]], radii: Mapping[str, float], width: int, height: int,
        margin: float, centre: str | None = None) -> dict[str, tuple[float, float]]:
    """Scale and move a layout into the drawing, keeping every circle ``margin`` inside its edges,
    then push apart circles that would touch (the scaling can bring them together). A ``centre``
    node (at the layout's origin) lands in the middle of the drawing."""
    nodes = sorted(layout)
    if not nodes:
        return {}
    xy = np.array([layout[n] for n in nodes], dtype=float)
    r = np.array([radii[n] for n in nodes], dtype=float)
    inner = margin + r.max()
    room = np.array([width, height], dtype=float) - 2 * inner
    if len(nodes) == 1:
        xy = np.array([[width / 2, height / 2]])
    elif centre is not None:
        reach = np.maximum(np.abs(xy).max(axis=0), 1e-9)
        xy = xy / reach * room / 2 + np.array([width, height]) / 2
    else:
        low = xy.min(axis=0)
        xy = (xy - low) / np.maximum(xy.max(axis=0) - low, 1e-9) * room + inner
    lower = margin + r[:, None]
    upper = np.array([width, height])[None, :] - margin - r[:, None]
    for _ in range(300):
        delta = xy[:, None, :] - xy[None, :, :]
        distance = np.sqrt((delta ** 2).sum(axis=2)) + np.eye(len(nodes))
        need = (r[:, None] + r[None, :] + 2.0) - distance
        np.fill_diagonal(need, 0.0)
        if need.max() <= 0.01:
            break
        push = (np.clip(need, 0, None) / distance / 2)[:, :, None] * delta
        xy = np.clip(xy + push.sum(axis=1), lower, upper)
    return {n: (round(float(xy[i, 0]), 1), round(float(xy[i, 1]), 1)) for i, n in enumerate(nodes)}


def _candidates(text: str, x: float, y: float, r: float, size: float) -> list[Label]:
    """Places to try for a node's label, best first: right, left, below, above, then the diagonals."""
    w = text_width(text, size)
    middle = y + 0.35 * size  # a baseline that centres the text on the circle
    below, above = y + r + GAP + ASCENT * size, y - r - GAP - DESCENT * size
    d = (r + GAP) / math.sqrt(2) + 0.5
    spots = [(x + r + GAP, middle), (x - r - GAP - w, middle), (x - w / 2, below), (x - w / 2, above),
             (x + d, y + d + ASCENT * size), (x - d - w, y + d + ASCENT * size),
             (x + d, y - d - DESCENT * size), (x - d - w, y - d - DESCENT * size)]
    return [Label(text, round(sx, 1), round(sy, 1), w, size) for sx, sy in spots]


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] + GAP and b[0] < a[2] + GAP and a[1] < b[3] + GAP and b[1] < a[3] + GAP


def _hits_circle(box: tuple[float, float, float, float], x: float, y: float, r: float) -> bool:
    nearest_x, nearest_y = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
    return math.hypot(x - nearest_x, y - nearest_y) < r + GAP


def place_labels(points: Mapping[str, tuple[float, float]], radii: Mapping[str, float], titles: Mapping[str, str],
                 order: Sequence[str], width: int, height: int, size: float, limit: int | None = None) -> dict[str, Label]:
    """Give the nodes of ``order``, in that order, a label where one fits; at most ``limit`` labels.

    A label fits where its box stays inside the drawing, clear of every label placed before it, and
    clear of every circle; failing that (in a dense cluster), clear of every circle's middle, so
    that it may cross the rim of a large circle but hides no dot. A node whose label fits nowhere
    is left unlabelled (its circle still has a title and a link).
    """
    placed: dict[str, Label] = {}
    circles = [(points[n][0], points[n][1], radii[n]) for n in sorted(points)]
    for node in order:
        if limit is not None and len(placed) >= limit:
            break
        x, y = points[node]
        candidates = _candidates(titles[node], x, y, radii[node], size)
        for strict in (True, False):
            label = next((c for c in candidates if _free(c.box, placed, circles, width, height, strict)), None)
            if label is not None:
                placed[node] = label
                break
    return placed


def _free(box: tuple[float, float, float, float], placed: Mapping[str, Label],
          circles: Sequence[tuple[float, float, float]], width: int, height: int, strict: bool) -> bool:
    if box[0] < GAP or box[1] < GAP or box[2] > width - GAP or box[3] > height - GAP:
        return False
    if any(_overlaps(box, other.box) for other in placed.values()):
        return False
    return not any(_hits_circle(box, cx, cy, cr if strict else min(cr, 4.0)) for cx, cy, cr in circles)
