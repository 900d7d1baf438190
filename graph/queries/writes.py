"""Writes a caller makes by hand, checked against the caller's scope before anything is written.

A caller may write an edge only when it may write both of its ends: a ``read_only`` caller
writes nothing, and a restricted one only between nodes located inside its own territories
(:func:`writable_ids`) — a district's coordinator sees the regional bodies above the district
but does not write to them. An end the caller may not write gets the very error an unknown id
gets, so the answer never tells whether a hidden node (or an edge between hidden nodes)
exists; the counts a write returns are of the caller's own edge, whose ends it sees.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.errors import InvalidBatch, MethodnetError, Problem
from graph.model import Batch, Supports
from graph.model.base import NodeRecord
from graph.queries.scope import EVERYTHING, Scope, territory_closure
from graph.queries.visibility import Visibility, visible_ids
from graph.store.base import Store, WriteSummary

__all__ = ["ReadOnlyCaller", "assign_support", "writable_ids", "write_within"]


class ReadOnlyCaller(MethodnetError):
    """A caller who may only read asked to write."""


def writable_ids(store: Store, nodes: Iterable[NodeRecord], *, scope: Scope = EVERYTHING
                 ) -> set[str]:
    """The ids among ``nodes`` the caller may write: nodes located inside its territories
    (people: working there; diagnostics, routes and assessments: of such people and schools),
    never the bodies above them nor the shared catalogue; none for a read-only caller.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Municipality, Organization, Region
    >>> s = MemoryStore(); b = Batch()
    >>> b.add(Region(id="R", name="Регион")); b.add(Municipality(id="M1", name="М", region_id="R"))
    >>> b.add(Organization(id="inst", name="ИРО", kind="development_institute",
    ...                    level="regional", territory_id="R"))
    >>> b.add(Organization(id="s1", name="Школа", kind="school", level="institutional",
    ...                    territory_id="M1")); _ = s.write(b)
    >>> nodes = s.get_nodes(["inst", "s1"]).values()
    >>> sorted(writable_ids(s, nodes, scope=Scope.of(["M1"])))
    ['s1']
    >>> writable_ids(s, nodes, scope=Scope.of(["M1"], read_only=True))
    set()
    """
    records = list(nodes)
    if scope.read_only:
        return set()
    if scope.unrestricted:
        return {n.id for n in records}
    assert scope.territories is not None
    # The shared catalogue (competencies, programmes) is seen by every caller, written by none.
    own = Visibility(frozenset(territory_closure(store, scope.territories)), catalogue=False)
    return visible_ids(store, records, own)


def write_within(store: Store, batch: Batch, *, scope: Scope = EVERYTHING) -> WriteSummary:
    """Write ``batch`` (edges between existing nodes) if the caller may write every end.

    Raises :class:`ReadOnlyCaller` for a read-only caller and :class:`InvalidBatch` — worded
    as the store words an unknown id — for any end that does not exist or that the caller may
    not write; nothing is written then. The only nodes written this way are new individual
    routes, each with the ``HAS_ROUTE`` of a person the caller may write (their ``ADDRESSES``
    may name any competency of the catalogue); other nodes come with a dataset load.
    """
    if scope.read_only:
        raise ReadOnlyCaller("this caller may only read / у вас доступ только на чтение")
    routes = _new_routes(store, batch)
    ends = sorted({x for e in batch.edges.values() for x in (e.source, e.target)} - routes)
    if not scope.unrestricted:
        allowed = writable_ids(store, store.get_nodes(ends).values(), scope=scope)
        owners = {e.target: e.source for e in batch.edges.values() if e.type == "HAS_ROUTE"}
        allowed |= {r for r in routes if owners.get(r) in allowed}
        catalogue = {e.target for e in batch.edges.values()
                     if e.type == "ADDRESSES" and e.source in allowed}
        allowed |= {n.id for n in store.get_nodes(sorted(catalogue)).values()
                    if n.label == "Competency"}
        problems = [
            Problem(f"{rec.type} {side} {node_id!r} is not a known id", "batch", None, side,
                    f"{rec.type}: {'источник' if side == 'source' else 'цель'} "
                    f"{node_id!r} не найден")
            for rec in batch.edges.values()
            for side, node_id in (("source", rec.source), ("target", rec.target))
            if node_id not in allowed
        ]
        if problems:
            raise InvalidBatch(problems)
    return store.write(batch)


def _new_routes(store: Store, batch: Batch) -> set[str]:
    """The batch's nodes, which must be new individual routes each owned (``HAS_ROUTE``) by a
    person of the batch."""
    if not batch.nodes:
        return set()
    owned = {e.target for e in batch.edges.values() if e.type == "HAS_ROUTE"}
    odd = [n for n in batch.nodes.values() if n.label != "IndividualRoute" or n.id not in owned]
    if odd or store.get_nodes(sorted(batch.nodes)):
        raise MethodnetError("only edges between existing nodes and new individual routes "
                             "can be written here / здесь записываются только связи и новые "
                             "ИОМ")
    return set(batch.nodes)


def assign_support(store: Store, edge: Supports, *, scope: Scope = EVERYTHING) -> WriteSummary:
    """Record that a methodist or body supports a school or person, within the caller's scope.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Batch, Municipality, Organization, Person, Region
    >>> s = MemoryStore(); b = Batch()
    >>> b.add(Region(id="R", name="Регион"))
    >>> for m in ("M1", "M2"):
    ...     b.add(Municipality(id=m, name=m, region_id="R"))
    ...     b.add(Organization(id=f"mms-{m}", name="ММС", kind="methodological_service",
    ...                        level="municipal", territory_id=m))
    ...     b.add(Organization(id=f"s-{m}", name="Школа", kind="school",
    ...                        level="institutional", territory_id=m))
    >>> _ = s.write(b)
    >>> str(assign_support(s, Supports(source="mms-M1", target="s-M1"), scope=Scope.of(["M1"])))
    'created 1, updated 0, unchanged 0'
    >>> assign_support(s, Supports(source="mms-M2", target="s-M2"), scope=Scope.of(["M1"]))
    Traceback (most recent call last):
    ...
    graph.errors.InvalidBatch: 2 problem(s); nothing was written
    ...
    """
    batch = Batch()
    batch.add(edge)
    return write_within(store, batch, scope=scope)
