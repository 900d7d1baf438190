"""What a network page draws: nodes and edges with their look, before vis-network gets them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Cluster", "Scene", "VisEdge", "VisNode"]


@dataclass
class VisNode:
    """A drawn node; ``facts`` are the tooltip's key facts, ``link`` a drill-down address."""

    id: str
    label: str
    group: str
    kind: str  # the graph label (Organization, Person…) or ``Aggregate``
    facts: list[tuple[str, str]] = field(default_factory=list)
    district: str | None = None  # where schools and bodies are, for aggregation
    school: str | None = None  # a teacher's school, for aggregation
    rank: int = 0  # row of the layered layout
    flags: list[str] = field(default_factory=list)
    count: int | None = None  # how many things an aggregate stands for
    flag_counts: dict[str, int] = field(default_factory=dict)
    link: str | None = None
    x: float | None = None
    y: float | None = None
    home: str | None = None  # the body a person has their role at
    cluster: str | None = None  # the innermost cluster it is folded into at first view
    expand: str | None = None  # where the page fetches what this node summarises

    def to_vis(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "label": self.label, "group": self.group,
                               "kind": self.kind, "facts": self.facts, "flags": self.flags}
        for name in ("count", "link", "x", "y", "cluster", "expand"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.flag_counts:
            out["flag_counts"] = self.flag_counts
        return out


@dataclass
class VisEdge:
    """A drawn edge; ``count`` > 1 when aggregation merged several."""

    source: str
    target: str
    type: str
    label: str
    count: int = 1

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.type)

    def to_vis(self) -> dict[str, Any]:
        label = self.label if self.count == 1 else f"{self.label} ×{self.count}"
        return {"id": f"{self.source}|{self.type}>{self.target}", "from": self.source,
                "to": self.target, "type": self.type, "label": label}


@dataclass
class Cluster:
    """Nodes the page folds into one (vis-network clustering) until it is opened in place.

    ``anchor`` is the node the cluster is drawn as (a school with its staff); ``parent`` the
    cluster it is folded into in turn; ``count`` the nodes it stands for.
    """

    id: str
    label: str
    group: str
    anchor: str | None = None
    facts: list[tuple[str, str]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    flag_counts: dict[str, int] = field(default_factory=dict)
    count: int = 0
    parent: str | None = None
    rank: int = 0
    x: float | None = None
    y: float | None = None

    def to_vis(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "label": self.label, "group": self.group,
                               "anchor": self.anchor, "facts": self.facts, "flags": self.flags,
                               "flag_counts": self.flag_counts, "count": self.count,
                               "parent": self.parent}
        if self.x is not None:
            out["x"], out["y"] = self.x, self.y
        return out


@dataclass
class Scene:
    """A view ready to lay out and draw.

    >>> s = Scene("Тест"); s.add_node(VisNode("a", "А", "school", "Organization"))
    >>> s.add_node(VisNode("b", "Б", "teacher", "Person"))
    >>> s.add_edge("b", "a", "EMPLOYED_AT", "работает в")
    >>> len(s.nodes), len(s.edges)
    (2, 1)
    >>> s.add_edge("b", "a", "EMPLOYED_AT", "работает в"); s.edges[("b", "a", "EMPLOYED_AT")].count
    1
    """

    title: str
    subtitle: str = ""
    nodes: dict[str, VisNode] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], VisEdge] = field(default_factory=dict)
    focus: str | None = None
    layout: str = "spring"  # or "layered" (ranks as rows)
    notes: list[str] = field(default_factory=list)
    period: str | None = None
    drawn_from: int = 0  # nodes before aggregation
    members: dict[str, set[str]] = field(default_factory=dict)  # count node → ids it stands for
    clusters: dict[str, Cluster] = field(default_factory=dict)  # folded at first view
    territory: str | None = None  # the district or region a view is of (search looks there)

    def add_node(self, node: VisNode) -> None:
        """Add a node; the first one added under an id wins (views add the richest first)."""
        self.nodes.setdefault(node.id, node)

    def add_edge(self, source: str, target: str, type_: str, label: str, count: int = 1) -> None:
        """Add an edge between drawn nodes; a repeat (e.g. a teacher's role edge and their
        employment, both drawn as «работает в») is the same line and is drawn once."""
        if source == target or source not in self.nodes or target not in self.nodes:
            return
        key = (source, target, type_)
        if key not in self.edges:
            self.edges[key] = VisEdge(source, target, type_, label, count)

    def groups(self) -> set[str]:
        return {n.group for n in self.nodes.values()}

    def flags(self) -> set[str]:
        return {f for n in self.nodes.values() for f in (*n.flags, *n.flag_counts)}
