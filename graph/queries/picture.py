"""What the coordinator's pages read to draw: records by id, a label's nodes, the edges at some
nodes, the periods monitoring covered, territory names, schools per territory.

The pages (``viz/``) build their pictures from these and never call the store themselves
(``tests/test_viz_reads.py`` checks it): the reading stays in the query layer, on the store's
primitives — the edges at some nodes in both directions are one ``neighbours`` read, the
periods and the schools per territory are counted in the store (``count_by``). What a caller
may see is applied by the views on what they drew (:func:`graph.queries.visibility.visible_ids`),
and by the questions they ask.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.nodes import title_of
from graph.store.base import Store, matches, reads_together
from graph.store.primitives import Direction

__all__ = [
    "assessed_periods",
    "edges_at",
    "graph_size",
    "node_of",
    "nodes_of",
    "nodes_where",
    "place_names",
    "schools_per_territory",
]


@reads_together
def node_of(store: Store, node_id: str) -> NodeRecord | None:
    """The node with this id, ``None`` if there is none."""
    return store.get_node(node_id)


@reads_together
def nodes_of(store: Store, ids: Iterable[str]) -> dict[str, NodeRecord]:
    """The nodes with these ids that exist, by id (one read)."""
    return store.get_nodes(ids)


@reads_together
def nodes_where(store: Store, label: str,
                where: Mapping[str, Any] | None = None) -> list[NodeRecord]:
    """The nodes of ``label`` whose properties match ``where``, sorted by id."""
    return store.nodes(label, where)


@reads_together
def edges_at(
    store: Store,
    ids: Iterable[str],
    types: str | Sequence[str] | None = None,
    *,
    direction: Direction = "both",
    where: Mapping[str, Any] | None = None,
) -> list[EdgeRecord]:
    """The edges of ``types`` leaving (``out``), entering (``in``) or touching (``both``) the
    nodes ``ids``, each once, sorted by id, whose properties match ``where``: one read.

    >>> from graph.queries.demo import demo_store
    >>> [e.source for e in edges_at(demo_store(), ["s1"], "CURATES", direction="in")]
    ['school-strong']
    """
    found = store.neighbours(ids, types, direction=direction).edges
    return [e for e in found if matches(e.props, where)]


@reads_together
def assessed_periods(store: Store, *, flagged: bool = False) -> list[str]:
    """The periods monitoring assessed schools in (only those where it flagged low results,
    if ``flagged``), sorted as text; counted in the store, no assessment is read.

    >>> from graph.queries.demo import demo_store
    >>> assessed_periods(demo_store())
    ['2024-H2', '2025-H1']
    """
    where = {"low_results": True} if flagged else None
    return sorted(str(p) for p in store.count_by("Assessment", "period", where)
                  if p is not None)


@reads_together
def place_names(store: Store) -> dict[str, str]:
    """Territory id → its Russian name, for every region and district."""
    return {n.id: title_of(n) for label in ("Region", "Municipality")
            for n in store.nodes(label)}


@reads_together
def schools_per_territory(store: Store) -> dict[str, int]:
    """How many schools each territory holds directly (by their ``territory_id``; ``""`` for
    schools without one), counted in the store.

    >>> from graph.queries.demo import demo_store
    >>> schools_per_territory(demo_store())
    {'RU-AMU-zeya': 1, 'RU-LEN-a': 3, 'RU-LEN-b': 1}
    """
    return {"" if t is None else str(t): n
            for t, n in store.count_by("Organization", "territory_id",
                                       {"kind": "school"}).items()}


@reads_together
def graph_size(store: Store) -> tuple[int, int]:
    """How many nodes and edges the store holds (a cheap mark of its state)."""
    counts = store.counts()
    return counts.total_nodes, counts.total_edges
