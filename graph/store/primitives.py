"""What the graph primitives of a store answer, and the walks every store shares.

A primitive (:meth:`Store.neighbours <graph.store.base.Store.neighbours>`, ``reach``,
``shortest_path``, ``count_by``) is declared once on the store interface and answered by each
store its own way: Neo4j with one Cypher statement, the embedded store with networkx, any other
store (a wrapper) by the walk below over its bulk reads. The rules written here — which edges a
walk follows, which nodes a limit keeps, which of several shortest paths is the answer — are
what makes the answers the same everywhere; ``tests/test_primitives.py`` checks every store
against them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from graph.model.base import EdgeRecord, NodeRecord

__all__ = [
    "DIRECTIONS",
    "Direction",
    "Neighbours",
    "Reached",
    "Walk",
    "bare",
    "bfs",
    "check_direction",
    "check_hops",
    "far_ends",
    "followed",
    "grouping_key",
    "kept",
    "path_back",
]

Direction = Literal["both", "out", "in"]
"""Which way an edge may be followed: from its source to its target (``out``), back
(``in``), or either way (``both``)."""
DIRECTIONS: tuple[str, ...] = get_args(Direction)


@dataclass(frozen=True)
class Neighbours:
    """The edges touching some nodes, each once, sorted by id; with ``ends`` asked, the
    records of the nodes at their other ends, by id."""

    edges: tuple[EdgeRecord, ...]
    ends: Mapping[str, NodeRecord] = field(default_factory=dict)


@dataclass(frozen=True)
class Reached:
    """The nodes within some hops of the start nodes.

    ``distance`` maps each kept node's id to its hops from the nearest start, in the order
    (hops, id); ``nodes`` holds their records; ``edges`` (when asked) the edges walked: those
    of the given types joining two kept nodes, followed in the given direction from a node
    nearer than the bound on hops. ``truncated`` says a limit dropped nodes.
    """

    distance: dict[str, int]
    nodes: dict[str, NodeRecord]
    edges: tuple[EdgeRecord, ...] = ()
    truncated: bool = False


@dataclass(frozen=True)
class Walk:
    """A path: ``edges[i]`` joins ``nodes[i]`` and ``nodes[i + 1]`` (in its stored
    direction)."""

    nodes: tuple[NodeRecord, ...]
    edges: tuple[EdgeRecord, ...]


def check_direction(direction: str) -> Direction:
    """``direction`` if it is one of :data:`DIRECTIONS`, else ``ValueError``.

    >>> check_direction("in")
    'in'
    >>> check_direction("up")
    Traceback (most recent call last):
    ...
    ValueError: direction must be one of both, out, in, not 'up'
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    return direction  # type: ignore[return-value]


def check_hops(max_hops: int) -> int:
    """A bound on hops: a whole number, not negative (it is written into a Cypher pattern,
    where a bound cannot be a parameter, so it is checked to be an ``int``).

    >>> check_hops(3)
    3
    >>> check_hops(-1)
    Traceback (most recent call last):
    ...
    ValueError: max_hops must be a whole number >= 0, not -1
    """
    if isinstance(max_hops, bool) or not isinstance(max_hops, int) or max_hops < 0:
        raise ValueError(f"max_hops must be a whole number >= 0, not {max_hops!r}")
    return max_hops


def far_ends(edge: EdgeRecord, near: Collection[str], direction: Direction) -> list[str]:
    """The ends of ``edge`` a walk standing on ``near`` reaches by following it.

    >>> e = EdgeRecord("SUPPORTS", "m1", "s1")
    >>> far_ends(e, {"m1"}, "both"), far_ends(e, {"m1"}, "in"), far_ends(e, {"s1"}, "in")
    (['s1'], [], ['m1'])
    """
    found = []
    if direction != "in" and edge.source in near:
        found.append(edge.target)
    if direction != "out" and edge.target in near:
        found.append(edge.source)
    return found


def followed(edge: EdgeRecord, distance: Mapping[str, int], direction: Direction,
             bound: int) -> bool:
    """Whether a walk that kept the nodes of ``distance`` walked ``edge``: both ends kept, and
    the edge followed (in ``direction``) from an end nearer than ``bound`` hops.

    >>> e = EdgeRecord("SUPPORTS", "m1", "s1")
    >>> followed(e, {"s1": 0, "m1": 1}, "both", 1), followed(e, {"s1": 0, "m1": 1}, "out", 1)
    (True, False)
    """
    if edge.source not in distance or edge.target not in distance:
        return False
    return ((direction != "in" and distance[edge.source] < bound)
            or (direction != "out" and distance[edge.target] < bound))


def bare(node: NodeRecord) -> NodeRecord:
    """A node's record without its properties: its label and id, as ``reach`` gives them
    when properties are not wanted.

    >>> bare(NodeRecord("Person", "t1", {"full_name": "Петрова"}))
    NodeRecord(label='Person', id='t1', props={})
    """
    return NodeRecord(node.label, node.id, {})


def kept(distance: Mapping[str, int], limit: int | None) -> tuple[dict[str, int], bool]:
    """The nodes a limit keeps: the first ``limit`` by (hops, id), and whether any went.

    >>> kept({"b": 1, "a": 1, "s": 0}, 2)
    ({'s': 0, 'a': 1}, True)
    """
    ordered = sorted(distance.items(), key=lambda kv: (kv[1], kv[0]))
    if limit is not None and len(ordered) > limit:
        return dict(ordered[:limit]), True
    return dict(ordered), False


Step = Callable[[list[str]], Iterable[EdgeRecord]]
"""The edges (of the wanted types, in the wanted direction) touching a frontier of nodes."""


def bfs(step: Step, starts: Iterable[str], direction: Direction, max_hops: int, *,
        limit: int | None = None, target: str | None = None,
        ) -> tuple[dict[str, int], dict[str, list[EdgeRecord]]]:
    """Breadth first from ``starts`` (nodes known to exist), a frontier per call of ``step``.

    Returns each reached node's hops and the edges that reach it from the ring before. Stops
    after ``max_hops``, when nothing new is met, when ``target`` is met, or when more than
    ``limit`` nodes are known (a further ring could not be kept).
    """
    distance = {s: 0 for s in sorted(set(starts))}
    into: dict[str, list[EdgeRecord]] = {}
    frontier = sorted(distance)
    for hop in range(1, max_hops + 1):
        if not frontier or (target is not None and target in distance):
            break
        if limit is not None and len(distance) > limit:
            break
        here = set(frontier)
        new: set[str] = set()
        for e in step(frontier):
            for far in far_ends(e, here, direction):
                if far not in distance:
                    new.add(far)
                    into.setdefault(far, []).append(e)
        for n in new:
            distance[n] = hop
        frontier = sorted(new)
    return distance, into


def path_back(source: str, target: str, distance: Mapping[str, int],
              into: Callable[[str], Iterable[EdgeRecord]],
              ) -> tuple[list[str], list[EdgeRecord]]:
    """The shortest path to ``target`` that every store answers: from the target back, the
    edge with the smallest id to a node one hop nearer the source, then the same from there.

    Of all shortest paths this is the one whose edge ids, read from the target back, come
    first (a greedy choice from the target is that order's minimum, since every node one hop
    nearer has a shortest path of its own). ``into(node)`` gives the edges a walk follows to
    arrive at ``node`` (or a superset: those from nodes not one hop nearer are passed over).
    """
    ids = [target]
    edges: list[EdgeRecord] = []
    while ids[-1] != source:
        here = ids[-1]
        best = min((e for e in into(here)
                    if distance.get(_other(e, here), -1) == distance[here] - 1),
                   key=lambda e: e.id)
        edges.append(best)
        ids.append(_other(best, here))
    ids.reverse()
    edges.reverse()
    return ids, edges


def _other(edge: EdgeRecord, node_id: str) -> str:
    return edge.source if edge.target == node_id else edge.target


def grouping_key(value: Any) -> Any:
    """A property value as a key of :meth:`Store.count_by <graph.store.base.Store.count_by>`:
    lists become tuples (a list is one value, as Neo4j groups it).

    >>> grouping_key(["математика", "физика"])
    ('математика', 'физика')
    """
    return tuple(value) if isinstance(value, list) else value
