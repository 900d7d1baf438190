"""A batch of changes: the unit a store accepts whole or not at all."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from graph.errors import InvalidBatch, Problem
from graph.model.base import EdgeModel, EdgeRecord, NodeModel, NodeRecord

__all__ = ["Batch", "Origin", "end_matches"]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an item of a batch came from, so a problem can point at it."""

    where: str = ""
    row: int | None = None


def end_matches(pattern: str, record: NodeRecord) -> bool:
    """Whether a node fits an edge end pattern, ``"Label"`` or ``"Label:kind"``.

    >>> end_matches("Organization:school", NodeRecord("Organization", "s1", {"kind": "school"}))
    True
    >>> end_matches("Organization:school", NodeRecord("Organization", "c1", {"kind": "council"}))
    False
    """
    label, _, kind = pattern.partition(":")
    return record.label == label and (not kind or record.props.get("kind") == kind)


@dataclass
class Batch:
    """Nodes and edges to write together. A later item with the same id replaces an earlier one.

    >>> from graph.model import Organization, Supports, Person
    >>> b = Batch()
    >>> b.add(Organization(id="s1", name="Школа № 1", kind="school", level="institutional"))
    >>> b.add(Person(id="p1", full_name="Петров П. П."))
    >>> b.add(Supports(source="p1", target="s1", subject="математика"))
    >>> len(b.nodes), len(b.edges)
    (2, 1)
    >>> b.check_ends(lambda ids: {})
    []
    """

    nodes: dict[str, NodeRecord] = field(default_factory=dict)
    edges: dict[str, EdgeRecord] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    edge_classes: dict[str, type[EdgeModel]] = field(default_factory=dict)

    def add(self, item: NodeModel | EdgeModel, origin: Origin | None = None) -> None:
        """Add a validated node or edge model."""
        if isinstance(item, NodeModel):
            rec = item.to_record()
            self.nodes[rec.id] = rec
            key = rec.id
        else:
            erec = item.to_record()
            self.edges[erec.id] = erec
            self.edge_classes[erec.id] = type(item)
            key = erec.id
        if origin is not None:
            self.origins[key] = origin

    def extend(self, items: Iterable[NodeModel | EdgeModel]) -> None:
        for item in items:
            self.add(item)

    def origin(self, key: str) -> Origin:
        """Where the node or edge with this id came from (``batch`` if not recorded)."""
        return self.origins.get(key, Origin("batch"))

    def relabel_problems(self, existing: Mapping[str, NodeRecord]) -> list[Problem]:
        """Nodes of the batch that the store already has under another label."""
        problems = []
        for rec in self.nodes.values():
            old = existing.get(rec.id)
            if old is not None and old.label != rec.label:
                o = self.origin(rec.id)
                problems.append(Problem(
                    f"id {rec.id!r} is already a {old.label}, it cannot become a {rec.label}",
                    o.where, o.row, "id",
                    f"id {rec.id!r} уже занят узлом {old.label}",
                ))
        return problems

    def __len__(self) -> int:
        return len(self.nodes) + len(self.edges)

    def check_ends(
        self, lookup: Callable[[list[str]], Mapping[str, NodeRecord]]
    ) -> list[Problem]:
        """Every edge's ends must exist (in the batch or the store) and be of allowed kinds.

        ``lookup`` fetches the nodes the store already has, for ids the batch does not carry.
        """
        missing = {
            end
            for rec in self.edges.values()
            for end in (rec.source, rec.target)
            if end not in self.nodes
        }
        known: dict[str, NodeRecord] = dict(lookup(sorted(missing))) if missing else {}
        problems: list[Problem] = []
        for eid, rec in self.edges.items():
            origin = self.origin(eid)
            ends = []
            for side, node_id in (("source", rec.source), ("target", rec.target)):
                node = self.nodes.get(node_id) or known.get(node_id)
                if node is None:
                    problems.append(Problem(
                        f"{rec.type} {side} {node_id!r} is not a known id",
                        origin.where, origin.row, side,
                        f"{rec.type}: {'источник' if side == 'source' else 'цель'} "
                        f"{node_id!r} не найден",
                    ))
                ends.append(node)
            source, target = ends
            if source is None or target is None:
                continue
            cls = self.edge_classes.get(eid)
            allowed = cls.ends if cls else ()
            if allowed and not any(
                end_matches(s, source) and end_matches(t, target) for s, t in allowed
            ):
                problems.append(Problem(
                    f"{rec.type} cannot join {_describe(source)} to {_describe(target)}; "
                    f"allowed: {', '.join(f'{s} → {t}' for s, t in allowed)}",
                    origin.where, origin.row, None,
                    f"связь {rec.type} не может соединять {_describe(source)} и "
                    f"{_describe(target)}",
                ))
        return problems

    def validate(self, lookup: Callable[[list[str]], Mapping[str, NodeRecord]]) -> None:
        """Raise :class:`InvalidBatch` listing every problem, or return if there is none."""
        problems = self.check_ends(lookup)
        if problems:
            raise InvalidBatch(problems)


def _describe(node: NodeRecord) -> str:
    kind = node.props.get("kind")
    return f"{node.label}{':' + kind if kind else ''} {node.id!r}"
