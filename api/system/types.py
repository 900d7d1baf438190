"""GraphQL types for nodes, edges and counts."""

from __future__ import annotations

import json

import strawberry

from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.nodes import title_of
from graph.store.base import GraphCounts, WriteSummary

__all__ = ["CountRow", "Counts", "EdgeRef", "NodeRef", "Property", "WriteResult"]


@strawberry.type(description="One property of a node or edge, its value written as text.")
class Property:
    key: str
    value: str

    @classmethod
    def all_from(cls, props: dict[str, object]) -> list[Property]:
        return [
            cls(key=k, value=v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
            for k, v in sorted(props.items())
        ]


@strawberry.type(description="Any node of the graph, with its label and a readable title.")
class NodeRef:
    id: strawberry.ID
    label: str
    title: str
    kind: str | None
    props: strawberry.Private[dict[str, object]]

    @strawberry.field
    def properties(self) -> list[Property]:
        # Written out only when asked for: a list of a few hundred nodes asking for their ids
        # would otherwise encode every property of every node.
        return Property.all_from(self.props)

    @classmethod
    def from_record(cls, rec: NodeRecord) -> NodeRef:
        if not rec.props:  # read without its properties (only its id is shown): named by id
            return cls(id=strawberry.ID(rec.id), label=rec.label, title=rec.id, kind=None,
                       props=rec.props)
        kind = rec.props.get("kind")
        return cls(id=strawberry.ID(rec.id), label=rec.label, title=title_of(rec),
                   kind=kind if isinstance(kind, str) else None, props=rec.props)


@strawberry.type(description="An edge: its type, ends and properties (evidence, dates, subject).")
class EdgeRef:
    id: strawberry.ID
    type: str
    source: strawberry.ID
    target: strawberry.ID
    props: strawberry.Private[dict[str, object]]

    @strawberry.field
    def properties(self) -> list[Property]:
        return Property.all_from(self.props)

    @classmethod
    def from_record(cls, rec: EdgeRecord) -> EdgeRef:
        return cls(id=strawberry.ID(rec.id), type=rec.type, source=strawberry.ID(rec.source),
                   target=strawberry.ID(rec.target), props=rec.props)


@strawberry.type
class CountRow:
    name: str
    count: int


@strawberry.type
class Counts:
    nodes: list[CountRow]
    edges: list[CountRow]
    total_nodes: int
    total_edges: int

    @classmethod
    def from_counts(cls, c: GraphCounts) -> Counts:
        return cls(
            nodes=[CountRow(name=k, count=v) for k, v in c.nodes.items()],
            edges=[CountRow(name=k, count=v) for k, v in c.edges.items()],
            total_nodes=c.total_nodes,
            total_edges=c.total_edges,
        )


@strawberry.type(description="What a write did: counts of created, updated and unchanged items.")
class WriteResult:
    created: int
    updated: int
    unchanged: int

    @classmethod
    def from_summary(cls, s: WriteSummary) -> WriteResult:
        return cls(created=sum(s.created.values()), updated=sum(s.updated.values()),
                   unchanged=sum(s.unchanged.values()))
