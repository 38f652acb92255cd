"""Graph layout and labels: deterministic positions, circles inside the drawing, labels that never meet."""

import random

import networkx as nx
import pytest

from annotated_reader.site.layout import GAP, fit, place_labels, positions, text_width


def boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def random_drawing(seed: int, nodes: int, width: int, height: int):
    rng = random.Random(seed)
    points = {f"n{i}": (rng.uniform(0, width), rng.uniform(0, height)) for i in range(nodes)}
    radii = {n: rng.choice([4.0, 6.0, 10.0, 20.0]) for n in points}
    titles = {n: rng.choice(["United States", "NATO", "Russo-Ukrainian War", "Xi Jinping", "Wall",
                             "Russia–United States relations", "Mm"]) for n in points}
    return points, radii, titles


@pytest.mark.parametrize("seed,nodes", [(1, 10), (2, 60), (3, 150), (4, 300)])
def test_labels_never_overlap_and_stay_inside(seed, nodes):
    width, height = 600, 400
    points, radii, titles = random_drawing(seed, nodes, width, height)
    labels = place_labels(points, radii, titles, sorted(points), width, height, 13.0)
    assert labels, "some label fits"
    boxes = [label.box for label in labels.values()]
    for i, a in enumerate(boxes):
        assert a[0] >= GAP and a[1] >= GAP and a[2] <= width - GAP and a[3] <= height - GAP
        for b in boxes[i + 1:]:
            assert not boxes_overlap(a, b)
    for node, label in labels.items():  # a label never hides the middle of any circle
        for other, (x, y) in points.items():
            assert not (label.box[0] < x < label.box[2] and label.box[1] < y < label.box[3]), (node, other)


def test_the_order_decides_who_is_labelled_and_the_limit_is_kept():
    points = {"a": (100.0, 100.0), "b": (104.0, 100.0), "c": (300.0, 300.0)}
    radii = {n: 4.0 for n in points}
    titles = {"a": "Alpha", "b": "Bravo", "c": "Charlie"}
    assert set(place_labels(points, radii, titles, ["a", "b", "c"], 400, 400, 13.0, limit=2)) == {"a", "b"}
    assert set(place_labels(points, radii, titles, ["c", "b", "a"], 400, 400, 13.0, limit=1)) == {"c"}


def test_a_label_that_fits_nowhere_is_left_out():
    points, radii = {"a": (20.0, 20.0)}, {"a": 10.0}
    assert place_labels(points, radii, {"a": "A very long title indeed"}, ["a"], 60, 40, 13.0) == {}


def test_text_width_grows_with_the_text_and_the_size():
    assert text_width("NATO", 13) < text_width("North Atlantic Treaty", 13) < text_width("North Atlantic Treaty", 16)
    assert text_width("", 13) == 0


def graph(edges):
    g = nx.Graph()
    for a, b, w in edges:
        g.add_edge(a, b, weight=w)
    return g


EDGES = [("russia", "china", 3.0), ("russia", "united-states", 4.0), ("china", "united-states", 2.0),
         ("nato", "united-states", 1.0), ("nato", "europe", 1.0), ("yalta", "russia", 0.5)]


@pytest.mark.parametrize("centre", [None, "russia"])
def test_positions_do_not_depend_on_the_order_of_the_input(centre):
    one = positions(graph(EDGES), centre=centre)
    two = positions(graph(list(reversed(EDGES))), centre=centre)
    assert one == two
    assert set(one) == {"russia", "china", "united-states", "nato", "europe", "yalta"}
    if centre:
        assert one[centre] == (0.0, 0.0)


def test_fit_keeps_every_circle_inside_and_apart():
    layout = positions(graph(EDGES))
    radii = {n: 20.0 for n in layout}
    points = fit(layout, radii, 300, 200, margin=8)
    for n, (x, y) in points.items():
        assert 8 + radii[n] - 0.1 <= x <= 300 - 8 - radii[n] + 0.1 and 8 + radii[n] - 0.1 <= y <= 200 - 8 - radii[n] + 0.1
    names = sorted(points)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            (x1, y1), (x2, y2) = points[a], points[b]
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= radii[a] + radii[b] - 0.5


def test_fit_puts_the_centre_in_the_middle():
    layout = positions(graph(EDGES), centre="russia")
    points = fit(layout, {n: 6.0 for n in layout}, 480, 380, margin=8, centre="russia")
    assert points["russia"] == (240.0, 190.0)
