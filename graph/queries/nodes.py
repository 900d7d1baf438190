"""Looking at single nodes: a readable title for any node, and a node with its neighbours."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graph.errors import NodeNotFound
from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.visibility import visibility_of, visible_ids
from graph.store.base import Store, reads_together

__all__ = ["NodeView", "node_territory", "node_view", "title_in", "title_of"]

_TITLE_PROPS = ("short_name", "name", "full_name", "title", "number", "text")


def title_of(node: NodeRecord) -> str:
    """The name a person would call a node by.

    >>> title_of(NodeRecord("Organization", "o1", {"name": "ГАОУ ДПО «ЛОИРО»",
    ...                                             "short_name": "ЛОИРО"}))
    'ЛОИРО'
    >>> title_of(NodeRecord("Diagnostic", "d1", {}))
    'd1'
    """
    return title_in(node.props) or node.id


def title_in(props: Mapping[str, object]) -> str:
    """The title a node's ``props`` give it (``""``: none; :func:`title_of` then calls the
    node by its id).

    >>> title_in({"full_name": "Петрова Анна"}), title_in({"kind": "school"})
    ('Петрова Анна', '')
    """
    for prop in _TITLE_PROPS:
        value = props.get(prop)
        if isinstance(value, str) and value:
            return value if len(value) <= 120 else value[:117] + "…"
    return ""


def node_territory(node: NodeRecord) -> str | None:
    """The territory a node is located in, where the node itself says so."""
    if node.label in ("Region",):
        return node.id
    if node.label == "Municipality":
        return node.id
    value = node.props.get("territory_id")
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class NodeView:
    """A node and the edges that touch it."""

    node: NodeRecord
    outgoing: list[EdgeRecord]
    incoming: list[EdgeRecord]


@reads_together
def node_view(store: Store, node_id: str, *, scope: Scope = EVERYTHING) -> NodeView:
    """A node with its edges; raises :class:`NodeNotFound` for an unknown or hidden id.

    A restricted caller sees the node only as :mod:`graph.queries.visibility` allows, and
    only the edges whose other end it may see too.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Region
    >>> s = MemoryStore(); b = Batch(); b.add(Region(id="RU-LEN", name="Ленинградская область"))
    >>> _ = s.write(b)
    >>> node_view(s, "RU-LEN").node.props["name"]
    'Ленинградская область'
    """
    node = store.get_node(node_id)
    if node is None:
        raise NodeNotFound(f"nothing has the id {node_id!r}")
    if scope.unrestricted:
        return NodeView(node, store.edges(sources=[node_id]), store.edges(targets=[node_id]))
    # The visibility rule decides, for the node and for the other end of every edge: an edge
    # to a node the caller may not see is not shown (it would name a hidden person).
    sight = visibility_of(store, scope=scope)
    if node_id not in visible_ids(store, [node], sight):
        raise NodeNotFound(f"nothing has the id {node_id!r}")
    outgoing, incoming = store.edges(sources=[node_id]), store.edges(targets=[node_id])
    ends = store.get_nodes(sorted({e.target for e in outgoing} | {e.source for e in incoming}))
    shown = visible_ids(store, ends.values(), sight)
    return NodeView(node, [e for e in outgoing if e.target in shown],
                    [e for e in incoming if e.source in shown])
