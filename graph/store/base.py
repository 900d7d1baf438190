"""The one interface both stores implement, and what a write reports back."""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, ClassVar, Concatenate, ParamSpec, Self, TypeVar

import networkx as nx

from graph.errors import StoreError
from graph.model.base import EdgeRecord, NodeRecord
from graph.model.batch import Batch
from graph.store.primitives import (
    Direction,
    Neighbours,
    Reached,
    Walk,
    bare,
    bfs,
    check_direction,
    check_hops,
    far_ends,
    followed,
    grouping_key,
    kept,
    path_back,
)

__all__ = [
    "PRIVATE_LABELS",
    "GraphCounts",
    "KeptPartial",
    "Progress",
    "Store",
    "WriteSummary",
    "matches",
    "reads_together",
]

T = TypeVar("T")
P = ParamSpec("P")

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while a long write runs."""

KeptPartial = tuple[str, int, tuple[str, ...] | None]
"""One district's kept partial count of one kind of gap (``graph/queries/kept_counts.py``):
the generations it was counted at (a tag), the count, and the gaps counted (ids or subject
keys) for the kinds whose first page is read from them, else ``None``."""

PRIVATE_LABELS = ("User", "Token", "AuditEntry")
"""Records kept with the data but outside the graph (see :meth:`Store.put_private`): no
question, count, export or page sees them, because they are not nodes of the model."""


@dataclass
class WriteSummary:
    """What a write did, per node label and edge type."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def rows(self) -> list[tuple[str, int, int, int]]:
        """``(name, created, updated, unchanged)`` for every label and type touched, sorted."""
        names = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [(n, self.created[n], self.updated[n], self.unchanged[n]) for n in names]

    def __str__(self) -> str:
        c, u, s = (sum(x.values()) for x in (self.created, self.updated, self.unchanged))
        return f"created {c}, updated {u}, unchanged {s}"


@dataclass
class GraphCounts:
    """How many nodes of each label and edges of each type a store holds."""

    nodes: dict[str, int] = field(default_factory=dict)
    edges: dict[str, int] = field(default_factory=dict)

    @property
    def total_nodes(self) -> int:
        return sum(self.nodes.values())

    @property
    def total_edges(self) -> int:
        return sum(self.edges.values())


def matches(props: Mapping[str, Any], where: Mapping[str, Any] | None) -> bool:
    """The filter semantics both stores share: equality, or membership for a list of values.

    >>> matches({"kind": "school"}, {"kind": ["school", "council"]})
    True
    >>> matches({"kind": "school"}, {"level": "regional"})
    False
    """
    if not where:
        return True
    for key, wanted in where.items():
        value = props.get(key)
        if isinstance(wanted, list | tuple | set | frozenset):
            if value not in wanted:
                return False
        elif value != wanted:
            return False
    return True


class Store(ABC):
    """A graph of nodes and edges that accepts whole batches and answers simple reads.

    The query layer speaks only this interface, so every question runs on every store.
    Reads return records sorted by id, so both stores answer in the same order.
    """

    kind: ClassVar[str]
    concurrent_reads: ClassVar[bool] = False
    """Whether reads may run in another thread while a write is under way."""

    # -- writing -------------------------------------------------------------------------
    @abstractmethod
    def write(self, batch: Batch, *, progress: Progress | None = None) -> WriteSummary:
        """Validate and write a batch all-or-nothing; raises ``InvalidBatch`` and writes nothing
        if any edge end is unknown or of the wrong kind."""

    def bulk_write(
        self, batches: Iterable[Batch], *, progress: Progress | None = None,
        checked: bool = False,
    ) -> WriteSummary:
        """Write batches one after another, each all-or-nothing, the whole NOT atomic.

        For loads too big for one batch (a country): a failure leaves the batches before it
        written, and running the same load again converges (writes are upserts).
        ``progress(done, 0)`` gets the running count of items written. ``checked`` says the
        caller has checked every batch's edge ends against this store already (as
        :func:`graph.loaders.dataset.stream.iter_batches` does), so a store that pays a round
        trip for the check may skip it; an end gone since is still an error.
        """
        summary = WriteSummary()
        done = 0
        for batch in batches:
            part = self.write(batch)
            for mine, theirs in ((summary.created, part.created),
                                 (summary.updated, part.updated),
                                 (summary.unchanged, part.unchanged)):
                mine.update(theirs)
            done += len(batch)
            if progress:
                progress(done, 0)
        return summary

    @abstractmethod
    def delete(self, node_ids: Iterable[str] = (), edge_ids: Iterable[str] = ()) -> int:
        """Delete nodes (with their edges) and edges; returns how many items went."""

    @abstractmethod
    def clear(self) -> None:
        """Remove everything, private records (users, audit) included."""

    # -- reading -------------------------------------------------------------------------
    @abstractmethod
    def get_nodes(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        """The nodes with these ids that exist, by id."""

    def get_ends(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        """The nodes with these ids that exist, carrying only what an edge-end check reads
        (the label and the ``kind``): cheaper than :meth:`get_nodes` where a store must ship
        every property (see :meth:`Batch.check_ends <graph.model.batch.Batch.check_ends>`)."""
        return {
            i: NodeRecord(n.label, n.id, {"kind": n.props["kind"]} if "kind" in n.props else {})
            for i, n in self.get_nodes(ids).items()
        }

    def get_node(self, node_id: str) -> NodeRecord | None:
        return self.get_nodes([node_id]).get(node_id)

    @abstractmethod
    def nodes(
        self, label: str | None = None, where: Mapping[str, Any] | None = None
    ) -> list[NodeRecord]:
        """Nodes of a label (all if ``None``) whose properties match ``where`` (see ``matches``)."""

    @abstractmethod
    def edges(
        self,
        types: str | Sequence[str] | None = None,
        *,
        sources: Iterable[str] | None = None,
        targets: Iterable[str] | None = None,
        where: Mapping[str, Any] | None = None,
    ) -> list[EdgeRecord]:
        """Edges of the given types, optionally only from ``sources`` and/or to ``targets``."""

    @abstractmethod
    def counts(self) -> GraphCounts:
        """Nodes per label and edges per type."""

    def read_together(self, work: Callable[[], T]) -> T:
        """Run ``work``, which reads this store, as one question where the store has
        sessions (Neo4j): every read an auto-commit query in one session under one deadline,
        so every read is one round trip (a read in a transaction of its own is three: BEGIN,
        the query, COMMIT).

        ``work`` may run more than once (an error the server asks to retry), so it must
        only read. Calls nest: an inner one joins the outer question. Elsewhere it is just
        ``work()``.
        """
        return work()

    def check(self) -> None:  # noqa: B027 - a store in this process is always there
        """Raise :class:`~graph.errors.StoreUnavailable` at once if the store cannot answer
        now (its server is down), rather than after a read's retries."""

    def server_started(self) -> int | None:
        """When the store's server last started (any number that changes with a restart), where
        a server of its own can restart under a running app (``None`` otherwise): one short
        read (:class:`graph.queries.warm_up.ServerWatch`)."""
        return None

    @property
    def revision(self) -> int | None:
        """A number that changes with every accepted write, where the store can tell one
        cheaply (``None`` otherwise); lets callers cache answers safely."""
        return None

    # -- the country's gap counts, kept per district (graph/queries/kept_counts.py) -------
    def gap_generations(self) -> dict[str, int] | None:
        """Each district's generation, raised by every write that can change a gap count of
        the district (``*``: every district's, raised by writes too broad to bound; see
        :mod:`graph.store.stale`), or ``None`` where the store keeps no partial counts."""
        return None

    def kept_gap_partials(self, keys: Sequence[str]) -> dict[str, dict[str, KeptPartial]]:
        """The partial counts kept under each of ``keys``: per district, the generations they
        were counted at (as a tag), the count and, for the kinds whose lists are short, the
        gaps counted (their ids or subject keys; ``None`` where none were kept)."""
        return {}

    def forget_gap_partials(self) -> None:  # noqa: B027 - a store that keeps none has none
        """Mark every district's partial counts stale: after the database was written other
        than through this store (an import by the database's own tools, a statement by hand)."""

    def keep_gap_partials(  # noqa: B027 - a store that keeps none ignores them
            self, kept: Mapping[str, Mapping[str, KeptPartial]]) -> None:
        """Keep partial counts (each key's whole map, as :meth:`kept_gap_partials` gives)."""

    def subgraph(
        self, labels: Sequence[str] | None = None, types: Sequence[str] | None = None
    ) -> nx.MultiDiGraph:
        """A networkx copy of the nodes of ``labels`` and the edges of ``types`` between them,
        for the algorithms networkx has (betweenness, communities, paths)."""
        g = nx.MultiDiGraph()
        if labels is None:
            node_recs = self.nodes()
        else:
            node_recs = [n for label in labels for n in self.nodes(label)]
        for n in node_recs:
            g.add_node(n.id, label=n.label, **n.props)
        for e in self.edges(list(types) if types is not None else None):
            if e.source in g and e.target in g:
                g.add_edge(e.source, e.target, key=e.id, type=e.type, **e.props)
        return g

    # -- graph primitives ----------------------------------------------------------------
    # One contract, answered natively by each store (Neo4j: one Cypher statement each; the
    # embedded store: networkx). What is written here is the walk any other store (a wrapper)
    # falls back on, built on the bulk reads above; ``tests/test_primitives.py`` holds every
    # store to the same answers. A store knows no caller: a question that must not walk
    # through nodes its caller cannot see walks a ring at a time with ``neighbours``.
    def neighbours(
        self,
        ids: Iterable[str],
        types: str | Sequence[str] | None = None,
        *,
        direction: Direction = "both",
        ends: bool = False,
    ) -> Neighbours:
        """The edges of ``types`` (all if ``None``) touching the nodes ``ids``, leaving them
        (``out``), entering them (``in``) or ``both``, each once, sorted by id; with ``ends``,
        the records of the nodes at the edges' other ends too."""
        check_direction(direction)
        wanted = as_types(types)
        start = list(dict.fromkeys(ids))
        if not start or wanted == []:
            return Neighbours(())
        found: dict[str, EdgeRecord] = {}
        if direction != "in":
            found.update((e.id, e) for e in self.edges(wanted, sources=start))
        if direction != "out":
            found.update((e.id, e) for e in self.edges(wanted, targets=start))
        edges = tuple(e for _, e in sorted(found.items()))
        if not ends:
            return Neighbours(edges)
        here = set(start)
        far = {f for e in edges for f in far_ends(e, here, direction)}
        return Neighbours(edges, self.get_nodes(sorted(far)))

    def reach(
        self,
        ids: Iterable[str],
        types: str | Sequence[str] | None = None,
        *,
        direction: Direction = "both",
        max_hops: int = 1,
        limit: int | None = None,
        edges: bool = False,
        properties: bool = True,
    ) -> Reached:
        """The nodes within ``max_hops`` hops of the nodes ``ids`` (those that exist, at
        distance 0) along edges of ``types`` followed in ``direction``.

        At most ``limit`` nodes, the first by (hops, id), ``truncated`` set if any went; with
        ``edges``, the edges walked (see :class:`~graph.store.primitives.Reached`). Without
        ``properties`` the nodes' records carry their ids and labels only (empty ``props``):
        what a caller showing ids needs, for less.
        """
        check_direction(direction)
        check_hops(max_hops)
        wanted = as_types(types)
        starts = self.get_nodes(dict.fromkeys(ids))
        distance, _ = bfs(lambda frontier: self.neighbours(frontier, wanted,
                                                           direction=direction).edges,
                          starts, direction, max_hops if wanted != [] else 0, limit=limit)
        distance, truncated = kept(distance, limit)
        nodes = self.get_nodes(list(distance))
        if not properties:
            nodes = {n: bare(r) for n, r in nodes.items()}
        walked: tuple[EdgeRecord, ...] = ()
        if edges:
            inner = [n for n, d in distance.items() if d < max_hops]
            walked = tuple(e for e in self.neighbours(inner, wanted, direction=direction).edges
                           if followed(e, distance, direction, max_hops))
        return Reached(distance, nodes, walked, truncated)

    def shortest_path(
        self,
        source: str,
        target: str,
        types: str | Sequence[str] | None = None,
        *,
        direction: Direction = "both",
        max_hops: int = 6,
    ) -> Walk | None:
        """A shortest path from ``source`` to ``target`` along edges of ``types`` followed in
        ``direction``, of at most ``max_hops`` edges; ``None`` if there is none (or an end
        does not exist).

        Of several shortest paths, every store answers the same one: from the target back,
        the edge with the smallest id to a node one hop nearer the source, and so on (see
        :func:`~graph.store.primitives.path_back`).
        """
        check_direction(direction)
        check_hops(max_hops)
        wanted = as_types(types)
        ends = self.get_nodes([source, target])
        if source not in ends or target not in ends:
            return None
        if source == target:
            return Walk((ends[source],), ())
        distance, into = bfs(lambda frontier: self.neighbours(frontier, wanted,
                                                              direction=direction).edges,
                             [source], direction, max_hops if wanted != [] else 0,
                             target=target)
        if target not in distance:
            return None
        ids, path = path_back(source, target, distance, lambda n: into[n])
        records = self.get_nodes(ids)
        return Walk(tuple(records[i] for i in ids), tuple(path))

    def count_by(
        self, label: str, key: str, where: Mapping[str, Any] | None = None
    ) -> dict[Any, int]:
        """How many nodes of ``label`` matching ``where`` (see :func:`matches`) have each
        value of the property ``key`` (``None`` for those without it; a list value is one
        value, given as a tuple), sorted by value as text."""
        found = Counter(grouping_key(n.props.get(key)) for n in self.nodes(label, where))
        return dict(sorted(found.items(), key=lambda kv: _as_text(kv[0])))

    # -- private records -----------------------------------------------------------------
    # Users, their tokens and the audit log live beside the graph, in the same store (so a
    # backup or a second server has them too), but are not nodes: ``nodes()``, ``counts()``,
    # ``subgraph()`` and every question built on them never see them. A store that keeps
    # none refuses; both stores of Methodnet keep them.
    def put_private(self, records: Iterable[NodeRecord]) -> None:
        """Upsert private records (``label`` one of :data:`PRIVATE_LABELS`); each record's
        properties replace the old ones whole. All of them are written, or none."""
        raise StoreError(f"the {self.kind} store keeps no users or audit log")

    def get_private(self, label: str, ids: Iterable[str]) -> dict[str, NodeRecord]:
        """The private records of ``label`` with these ids that exist, by id."""
        raise StoreError(f"the {self.kind} store keeps no users or audit log")

    def private(
        self,
        label: str,
        where: Mapping[str, Any] | None = None,
        *,
        descending: bool = False,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[NodeRecord]:
        """Private records of ``label`` matching ``where``, sorted by id (``descending`` for
        newest first where ids grow with time), only those beyond ``after`` in that order,
        at most ``limit`` of them."""
        raise StoreError(f"the {self.kind} store keeps no users or audit log")

    def count_private(self, label: str, where: Mapping[str, Any] | None = None) -> int:
        """How many private records of ``label`` match ``where``."""
        raise StoreError(f"the {self.kind} store keeps no users or audit log")

    # -- life cycle ----------------------------------------------------------------------
    def close(self) -> None:  # noqa: B027 - stores without resources need nothing here
        """Release files, locks and connections."""

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called on a store that refuses work after it (work on
        other threads, such as a warm-up, ends instead of trying again)."""
        return False

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def check_private_label(label: str) -> str:
    """``label`` if it is one of :data:`PRIVATE_LABELS`, else ``ValueError``.

    >>> check_private_label("User")
    'User'
    >>> check_private_label("Person")
    Traceback (most recent call last):
    ...
    ValueError: not a private record label: 'Person'
    """
    if label not in PRIVATE_LABELS:
        raise ValueError(f"not a private record label: {label!r}")
    return label


def page_of(
    records: Iterable[NodeRecord], where: Mapping[str, Any] | None, *, descending: bool,
    after: str | None, limit: int | None,
) -> list[NodeRecord]:
    """The filtering, ordering and paging :meth:`Store.private` promises, over records."""
    found = sorted((r for r in records if matches(r.props, where)), key=lambda r: r.id,
                   reverse=descending)
    if after is not None:
        found = [r for r in found if (r.id < after if descending else r.id > after)]
    return found if limit is None else found[:limit]


def as_types(types: str | Sequence[str] | None) -> list[str] | None:
    """Normalise the ``types`` argument of :meth:`Store.edges`."""
    if types is None:
        return None
    return [types] if isinstance(types, str) else list(types)


def _as_text(value: Any) -> tuple[bool, str]:
    """The order :meth:`Store.count_by` lists values in: ``None`` last, the rest as text."""
    return (value is None, str(value))


def reads_together(
    question: Callable[Concatenate[Store, P], T],
) -> Callable[Concatenate[Store, P], T]:
    """Make a question (a function taking the store first) read in one transaction; see
    :meth:`Store.read_together`. The question must return its answer whole, not a generator
    that reads later."""

    @functools.wraps(question)
    def wrapper(store: Store, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return store.read_together(lambda: question(store, *args, **kwargs))

    return wrapper
