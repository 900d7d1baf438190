"""Node positions computed in networkx before drawing, so the browser need not run physics."""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

from viz.scene import Scene

__all__ = ["PHYSICS_MAX_NODES", "SPRING_MAX_NODES", "lay_out", "layered_positions", "physics_on"]

# Above this many nodes vis-network's own physics makes the page crawl (the pyvis trap), so
# positions are final and physics stays off.
PHYSICS_MAX_NODES = 150
# networkx's spring layout is dense (numpy) below 500 nodes and needs scipy above; larger
# scenes get the layered layout, which is linear and reads well for hierarchies anyway.
SPRING_MAX_NODES = 450
_SEED = 47  # fixed, so the same data always gives the same picture
_ROW_GAP = 170.0
_COL_GAP = 120.0
_MAX_PER_ROW = 40


def physics_on(scene: Scene) -> bool:
    """Whether the page may let vis-network refine positions (small scenes only)."""
    return len(scene.nodes) <= PHYSICS_MAX_NODES


def lay_out(scene: Scene) -> Scene:
    """Give every node ``x``/``y``: spring layout (fixed seed) or layered by ``rank``.

    >>> from viz.scene import VisNode
    >>> s = Scene("t"); s.add_node(VisNode("a", "А", "school", "Organization"))
    >>> s.add_node(VisNode("b", "Б", "teacher", "Person", rank=1))
    >>> s.add_edge("b", "a", "EMPLOYED_AT", "работает в")
    >>> all(n.x is not None for n in lay_out(s).nodes.values())
    True
    """
    if not scene.nodes:
        return scene
    if scene.layout == "layered" or len(scene.nodes) > SPRING_MAX_NODES:
        pos = layered_positions(scene)
    else:
        pos = _spring(scene)
    for node_id, (x, y) in pos.items():
        node = scene.nodes[node_id]
        node.x, node.y = round(x, 1), round(y, 1)
    return scene


def _spring(scene: Scene) -> dict[str, tuple[float, float]]:
    g = nx.Graph()
    g.add_nodes_from(sorted(scene.nodes))
    g.add_edges_from((e.source, e.target) for e in scene.edges.values())
    n = len(g)
    # Seed the spring with the layered picture so hierarchies keep their direction.
    start = {k: (x / 1000.0, y / 1000.0) for k, (x, y) in layered_positions(scene).items()}
    raw = nx.spring_layout(g, pos=start, seed=_SEED, iterations=80, k=1.6 / math.sqrt(n))
    scale = 220.0 + 55.0 * math.sqrt(n)
    return {k: (float(v[0]) * scale, float(v[1]) * scale) for k, v in raw.items()}


def layered_positions(scene: Scene) -> dict[str, tuple[float, float]]:
    """Rows by ``rank``; within a row nodes follow their neighbours above (one barycentre
    sweep), and long rows wrap so that no row is wider than :data:`_MAX_PER_ROW` nodes.

    >>> from viz.scene import VisNode
    >>> s = Scene("t")
    >>> for i, r in (("r", 0), ("a", 1), ("b", 1)):
    ...     s.add_node(VisNode(i, i, "school", "Organization", rank=r))
    >>> p = layered_positions(s); p["r"][1] < p["a"][1] == p["b"][1]
    True
    """
    rows: dict[int, list[str]] = defaultdict(list)
    for node in scene.nodes.values():
        rows[node.rank].append(node.id)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for e in scene.edges.values():
        neighbours[e.source].append(e.target)
        neighbours[e.target].append(e.source)
    pos: dict[str, tuple[float, float]] = {}
    y = 0.0
    for rank in sorted(rows):
        ids = sorted(rows[rank], key=lambda i: (scene.nodes[i].group, scene.nodes[i].label, i))
        order = {i: k for k, i in enumerate(ids)}

        def barycentre(i: str, order: dict[str, int] = order) -> float:
            above = [pos[j][0] for j in neighbours[i] if j in pos]
            return sum(above) / len(above) if above else order[i] * _COL_GAP
        ids.sort(key=barycentre)
        for start in range(0, len(ids), _MAX_PER_ROW):
            chunk = ids[start:start + _MAX_PER_ROW]
            width = (len(chunk) - 1) * _COL_GAP
            for k, i in enumerate(chunk):
                # Alternate rows are nudged so labels of wrapped rows do not stack exactly.
                pos[i] = (k * _COL_GAP - width / 2 + (start // _MAX_PER_ROW % 2) * _COL_GAP / 2, y)
            y += _ROW_GAP * (0.6 if start + _MAX_PER_ROW < len(ids) else 1.0)
    return pos
