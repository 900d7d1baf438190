"""Per-request DataLoaders for the typed entities: one batch of store reads per level.

A nested query (schools → their teachers → their deficits → …) asks for each relationship of
every item of a level at once: the loaders gather the keys of one level and answer them with a
few store reads (one per relationship type asked, one for the nodes at the other ends, and the
visibility rule's own reads), so the reads grow with the depth of the query, not with the
number of items it returns. Every node a loader gives out passed the visibility rule of
:mod:`graph.queries.visibility` for the caller's scope; an edge is given out only when the node
at its other end did too (the end it was asked from is visible already).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from strawberry.dataloader import DataLoader

from api.offloop import off_the_loop
from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.scope import Scope
from graph.queries.visibility import Visibility, visibility_of, visible_ids
from graph.store.base import Store

__all__ = ["EntityLoaders", "Link", "LinkKey", "PropKey", "loaders_of"]

T = TypeVar("T")
Direction = Literal["out", "in"]
LinkKey = tuple[Direction, tuple[str, ...], str]
"""``(direction, edge types, node id)``: the edges of those types leaving (``out``) or
reaching (``in``) the node."""
PropKey = tuple[str, str, str]
"""``(label, property, value)``: the nodes of the label whose property has the value (the
clauses of a regulation, the municipalities of a region, the bodies of a territory)."""


@dataclass(frozen=True)
class Link:
    """An edge and the visible node at its other end."""

    edge: EdgeRecord
    node: NodeRecord


class EntityLoaders:
    """The loaders of one request, for one store and one caller's scope."""

    def __init__(self, store: Store, scope: Scope) -> None:
        self.store = store
        self.scope = scope
        self._sight: Visibility | None = None
        # Batches of one level run in worker threads at once: the first computes the sight.
        self._sight_lock = threading.Lock()
        self.nodes: DataLoader[str, NodeRecord | None] = DataLoader(self._load_nodes)
        self.links: DataLoader[LinkKey, list[Link]] = DataLoader(self._load_links)
        self.having: DataLoader[PropKey, list[NodeRecord]] = DataLoader(self._load_having)

    # -- the visibility rule, read once per request -----------------------------------------
    def _shown(self, records: Iterable[NodeRecord]) -> set[str]:
        found = list(records)
        if self.scope.unrestricted:
            return {n.id for n in found}
        with self._sight_lock:
            if self._sight is None:
                self._sight = visibility_of(self.store, scope=self.scope)
        return visible_ids(self.store, found, self._sight)

    async def _run(self, work: Callable[[], T]) -> T:
        return await off_the_loop(self.store.read_together, work)

    # -- batch functions -----------------------------------------------------------------------
    async def _load_nodes(self, ids: Sequence[str]) -> list[NodeRecord | None]:
        def work() -> list[NodeRecord | None]:
            found = self.store.get_nodes(sorted(set(ids)))
            shown = self._shown(found.values())
            return [found[i] if i in shown else None for i in ids]
        return await self._run(work)

    async def _load_links(self, keys: Sequence[LinkKey]) -> list[list[Link]]:
        def work() -> list[list[Link]]:
            groups: dict[tuple[Direction, tuple[str, ...]], set[str]] = defaultdict(set)
            for direction, types, node_id in keys:
                groups[(direction, types)].add(node_id)
            edges: dict[LinkKey, list[EdgeRecord]] = defaultdict(list)
            for (direction, types), ids in sorted(groups.items()):
                if direction == "out":
                    for e in self.store.edges(list(types), sources=sorted(ids)):
                        edges[(direction, types, e.source)].append(e)
                else:
                    for e in self.store.edges(list(types), targets=sorted(ids)):
                        edges[(direction, types, e.target)].append(e)
            ends = {e.target if key[0] == "out" else e.source
                    for key, found in edges.items() for e in found}
            records = self.store.get_nodes(sorted(ends)) if ends else {}
            shown = self._shown(records.values())
            out: list[list[Link]] = []
            for key in keys:
                links = []
                for e in sorted(edges.get(key, []), key=lambda e: e.id):
                    other = e.target if key[0] == "out" else e.source
                    if other in shown:
                        links.append(Link(e, records[other]))
                out.append(links)
            return out
        return await self._run(work)

    async def _load_having(self, keys: Sequence[PropKey]) -> list[list[NodeRecord]]:
        """One read per ``(label, property)`` asked, for all the values asked."""
        def work() -> list[list[NodeRecord]]:
            wanted: dict[tuple[str, str], set[str]] = defaultdict(set)
            for label, prop, value in keys:
                wanted[(label, prop)].add(value)
            found: dict[PropKey, list[NodeRecord]] = defaultdict(list)
            for (label, prop), values in sorted(wanted.items()):
                for n in self.store.nodes(label, where={prop: sorted(values)}):
                    found[(label, prop, str(n.props.get(prop)))].append(n)
            shown = self._shown(n for nodes in found.values() for n in nodes)
            return [sorted((n for n in found.get(key, []) if n.id in shown), key=_part_order)
                    for key in keys]
        return await self._run(work)


def _part_order(n: NodeRecord) -> tuple[tuple[int, ...], str]:
    number = n.props.get("number") or n.props.get("clause_number") or ""
    digits = tuple(int(x) for x in str(number).split(".") if x.isdigit())
    return digits, n.id


def loaders_of(context: object) -> EntityLoaders:
    """The request's :class:`EntityLoaders`, made on first use and kept in its context."""
    loaders: dict[str, object] = context.loaders  # type: ignore[attr-defined]
    found = loaders.get("entities")
    if not isinstance(found, EntityLoaders):
        found = EntityLoaders(context.store, context.scope)  # type: ignore[attr-defined]
        loaders["entities"] = found
    return found
