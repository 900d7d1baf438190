"""Root fields about the store itself."""

from __future__ import annotations

import strawberry

import graph
from api.context import Info
from api.offloop import off_the_loop
from api.pagination import Connection, paginate
from api.system.types import Counts, EdgeRef, NodeRef
from graph.model.registry import NODE_LABELS
from graph.queries.nodes import node_view
from graph.queries.seen import seen_counts, seen_nodes

__all__ = ["SystemQuery"]


@strawberry.type
class NodeDetail:
    node: NodeRef
    outgoing: list[EdgeRef]
    incoming: list[EdgeRef]


@strawberry.type
class Health:
    status: str
    store: str
    version: str


@strawberry.type
class SystemQuery:
    @strawberry.field(description="Whether the API and its store answer.")
    async def health(self, info: Info) -> Health:
        store = info.context.store
        await off_the_loop(store.counts)
        return Health(status="ok", store=store.kind, version=graph.__version__)

    @strawberry.field(description="How many nodes of each label and edges of each type the "
                                  "caller can see.")
    async def counts(self, info: Info) -> Counts:
        return Counts.from_counts(await off_the_loop(
            seen_counts, info.context.store, scope=info.context.scope))

    @strawberry.field(description="One node by id, with the edges that touch it.")
    async def node(self, info: Info, id: strawberry.ID) -> NodeDetail:
        view = await off_the_loop(
            node_view, info.context.store, str(id), scope=info.context.scope
        )
        return NodeDetail(
            node=NodeRef.from_record(view.node),
            outgoing=[EdgeRef.from_record(e) for e in view.outgoing],
            incoming=[EdgeRef.from_record(e) for e in view.incoming],
        )

    @strawberry.field(description="Nodes of one label the caller can see, a page at a time "
                                  "(ordered by id).")
    async def nodes(
        self, info: Info, label: str, first: int = 50, after: str | None = None
    ) -> Connection[NodeRef]:
        if label not in NODE_LABELS:
            raise ValueError(
                f"unknown label {label!r}; known labels: {', '.join(sorted(NODE_LABELS))}"
            )
        records = await off_the_loop(seen_nodes, info.context.store, label,
                                          scope=info.context.scope)
        return paginate(records, first, after, NodeRef.from_record)
