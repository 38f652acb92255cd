"""The connections graph: entries as nodes, shared paragraphs as edges, drawn as static SVG.

The layout is computed at build time (a seeded force-directed layout for the whole graph, a
ring for one entry's neighbourhood), so the picture needs no JavaScript, and the same input
gives the same bytes. Nodes are links to the entries.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable

import numpy as np

from ..model import ENTRY_TYPES, TYPES, Glossary
from ..pipeline.relations import Relations
from .markdown import attribute


def _radius(mentions: int) -> float:
    return round(5 + 2.4 * math.sqrt(mentions), 1)


def _seed_position(entry_id: str) -> tuple[float, float]:
    digest = hashlib.sha256(entry_id.encode()).digest()
    return digest[0] / 255 - 0.5, digest[1] / 255 - 0.5


def force_layout(nodes: list[str], edges: dict[tuple[str, str], int], iterations: int = 500,
                 sizes: dict[str, float] | None = None) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold layout scaled to the unit square, deterministic for the same input.

    Edge weights are damped (log), a gentle pull to the centre keeps unconnected entries near the
    rest, and a final pass pushes apart circles that overlap.
    """
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pos = np.array([_seed_position(node) for node in nodes], dtype=float)
    weight = np.zeros((n, n))
    for (a, b), w in edges.items():
        if a in index and b in index:
            weight[index[a], index[b]] = weight[index[b], index[a]] = math.log1p(w)
    k = 1.6 / math.sqrt(n)
    temperature = 0.2
    for step in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.sqrt((delta ** 2).sum(axis=2)) + 1e-6
        repulse = (k * k / distance ** 2)[:, :, None] * delta
        attract = (weight * distance / k)[:, :, None] * delta
        move = (repulse - attract).sum(axis=1) - pos * 2.0
        length = np.sqrt((move ** 2).sum(axis=1))[:, None] + 1e-9
        pos += move / length * np.minimum(length, temperature)
        temperature = 0.2 * (1 - step / iterations) + 0.001
    low, high = np.percentile(pos, 2, axis=0), np.percentile(pos, 98, axis=0)
    pos = np.clip((pos - low) / np.maximum(high - low, 1e-9), 0, 1)
    if sizes:
        radius = np.array([sizes.get(node, 0.0) for node in nodes])
        for _ in range(200):
            delta = pos[:, None, :] - pos[None, :, :]
            distance = np.sqrt((delta ** 2).sum(axis=2)) + np.eye(n) + 1e-6
            overlap = np.clip(radius[:, None] + radius[None, :] - distance, 0, None) * (1 - np.eye(n))
            if overlap.max() < 1e-4:
                break
            pos += ((overlap / distance)[:, :, None] * delta).sum(axis=1) * 0.5
            pos = np.clip(pos, 0, 1)
    return {node: (round(float(pos[i, 0]), 4), round(float(pos[i, 1]), 4)) for node, i in index.items()}


def _legend(types: list[str], x: float, y: float) -> list[str]:
    out = []
    for i, entry_type in enumerate(types):
        yy = y + i * 22
        out.append(f'<circle cx="{x}" cy="{yy}" r="7" fill="{TYPES[entry_type].colour}"/>'
                   f'<text x="{x + 14}" y="{yy + 5}" class="legend">{TYPES[entry_type].name}</text>')
    return out


def svg_graph(glossary: Glossary, relations: Relations, href: Callable[[str], str], *, min_weight: int = 2,
              width: int = 1200, height: int = 1000, title: str = "How the entries connect") -> str:
    """The whole graph: every mentioned entry; edges for pairs sharing at least ``min_weight`` paragraphs
    (and each entry's strongest link, so no node floats alone)."""
    nodes = sorted(e for e in relations.mentions if e in glossary)
    edges = {pair: w for pair, w in relations.pairs.items() if w >= min_weight and pair[0] in glossary and pair[1] in glossary}
    for node in nodes:
        strongest = relations.neighbours(node, 1)
        if strongest:
            other, w = strongest[0]
            edges.setdefault(tuple(sorted((node, other))), w)
    margin = 70
    span_x, span_y = width - 2 * margin - 200, height - 2 * margin
    # Room each node needs, in unit-square coordinates: its circle plus a line of label.
    sizes = {node: (_radius(relations.mentions[node]) + 16) / min(span_x, span_y) for node in nodes}
    layout = force_layout(nodes, dict(relations.pairs), sizes=sizes)
    def xy(node: str) -> tuple[float, float]:
        x, y = layout[node]
        return round(margin + x * span_x, 1), round(margin + y * span_y, 1)
    parts = [f'<svg class="reader-graph" viewBox="0 0 {width} {height}" role="group" aria-labelledby="graph-title" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="graph-title">{attribute(title)}</title>']
    for (a, b), w in sorted(edges.items()):
        (x1, y1), (x2, y2) = xy(a), xy(b)
        parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="{round(0.6 + math.log1p(w), 2)}" class="edge"/>')
    for node in sorted(nodes, key=lambda e: (relations.mentions[e], e)):
        entry = glossary[node]
        x, y = xy(node)
        r = _radius(relations.mentions[node])
        count = relations.mentions[node]
        parts.append(f'<a href="{attribute(href(node))}" class="node" data-entry="{node}">'
                     f'<title>{attribute(entry.title)} ({TYPES[entry.type].name.lower()}, {count} mention{"s" if count != 1 else ""})</title>'
                     f'<circle cx="{x}" cy="{y}" r="{r}" fill="{TYPES[entry.type].colour}"/>'
                     f'<text x="{x}" y="{round(y + r + 12, 1)}" text-anchor="middle">{attribute(entry.title)}</text></a>')
    parts += _legend([t.key for t in ENTRY_TYPES if any(glossary[n].type == t.key for n in nodes)], width - 120, 40)
    parts.append("</svg>")
    return "".join(parts)


def svg_neighbourhood(entry_id: str, glossary: Glossary, relations: Relations, href: Callable[[str], str],
                      limit: int = 12, size: int = 560) -> str:
    """One entry in the middle, the entries it shares paragraphs with most often on a ring around it."""
    neighbours = [(e, w) for e, w in relations.neighbours(entry_id) if e in glossary][:limit]
    centre = size / 2
    ring = size / 2 - 120
    entry = glossary[entry_id]
    parts = [f'<svg class="reader-graph neighbourhood" viewBox="0 0 {size} {size}" width="{size}" role="group" aria-labelledby="nb-title" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="nb-title">{attribute(entry.title)} and the entries it shares paragraphs with</title>']
    points = []
    for i, (other, w) in enumerate(neighbours):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(neighbours))
        x, y = round(centre + ring * math.cos(angle), 1), round(centre + ring * math.sin(angle), 1)
        points.append((other, w, x, y))
        parts.append(f'<line x1="{centre}" y1="{centre}" x2="{x}" y2="{y}" stroke-width="{round(0.6 + math.log1p(w), 2)}" class="edge"/>')
    for other, w, x, y in points:
        o = glossary[other]
        parts.append(f'<a href="{attribute(href(other))}" class="node" data-entry="{other}">'
                     f'<title>{attribute(o.title)} (shares {w} paragraph{"s" if w != 1 else ""})</title>'
                     f'<circle cx="{x}" cy="{y}" r="{_radius(relations.mentions[other])}" fill="{TYPES[o.type].colour}"/>'
                     f'<text x="{x}" y="{round(y + _radius(relations.mentions[other]) + 12, 1)}" text-anchor="middle">{attribute(o.title)}</text></a>')
    r = _radius(relations.mentions.get(entry_id, 0))
    parts.append(f'<g class="node centre"><circle cx="{centre}" cy="{centre}" r="{r}" fill="{TYPES[entry.type].colour}"/>'
                 f'<text x="{centre}" y="{round(centre + r + 14, 1)}" text-anchor="middle">{attribute(entry.title)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
