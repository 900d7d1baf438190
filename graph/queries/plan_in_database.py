"""The planner's reads of a region computed in Neo4j: who a territory's gaps can be offered to.

:func:`graph.queries.plan.candidates` draws every gap's candidates from the region of the
territory: its methodists with their load, its methodist pools and communities with their
members and the schools they support, who already supports the gaps' schools, and which
methodists are members of which community. The embedded store reads them through an
:class:`~graph.queries.area.Area` (the region's methodists' every edge, the bodies' members,
their roles); on a :class:`~graph.store.neo4j.Neo4jStore` one statement
(:data:`graph.store.cypher.PLANNER_REGION`) returns them counted in the server, ties only for
the gaps' own schools. The rules stay in Python: which roles and bodies make a methodist
(:data:`graph.rules.METHODIST_ROLES`, :data:`graph.rules.METHODIST_BODY_KINDS`), a methodist's
level, body and subjects (:func:`graph.queries.area._methodists`), subject keys, and what a
plan counts as load (:func:`graph.queries.plan._taken`: people supported or tutored, and
schools supported or curated as a whole). ``tests/test_differential_plan.py`` asks both stores
for the candidates and the plan of random networks and requires equal answers.

>>> from graph.store import MemoryStore
>>> planner_in_database(MemoryStore()) is None
True
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from graph.model.base import EdgeRecord, NodeRecord
from graph.model.enums import CommunityKind
from graph.queries.area import _key, _methodists
from graph.rules import METHODIST_BODY_KINDS, METHODIST_ROLES
from graph.store import cypher
from graph.store.base import Store

if TYPE_CHECKING:
    from graph.queries.plan import _RegionFacts
    from graph.store.neo4j import Neo4jStore

__all__ = ["PLAIN", "POOL_KINDS", "PlannerInDatabase", "planner_in_database"]

POOL_KINDS = ("methodist_pool", "community")
"""The kinds of body a low-results school or a young specialist may be offered to."""

PLAIN = r"[0-9a-zа-яё ,.;:()«»'\"/+\-]*"
"""Subjects whose lower case (Cypher's ``toLower(trim(s))``) is their key (Python's
``s.strip().casefold()``): digits, Latin and Cyrillic letters, spaces and common
punctuation. A body with a subject of other characters has its members counted whatever the
gaps' subjects, so that the server never leaves out a body the key would match."""


def planner_in_database(store: Store) -> PlannerInDatabase | None:
    """The planner's in-database reads of ``store`` if it is a Neo4j store itself (not a store
    wrapping one, whose answers must come from its own records), else ``None``."""
    from graph.store.neo4j import Neo4jStore

    return PlannerInDatabase(store) if isinstance(store, Neo4jStore) else None


class PlannerInDatabase:
    """The planner's region facts of one Neo4j store, in one statement."""

    def __init__(self, store: Neo4jStore) -> None:
        self.store = store

    def facts(self, territories: frozenset[str] | None, first: dt.date, on: dt.date,
              schools: frozenset[str], wanted: frozenset[str] | None) -> _RegionFacts:
        """:class:`~graph.queries.plan._RegionFacts` of the region ``territories`` (its
        territories within the caller's scope), for the period from ``first`` to ``on``, with
        the ties of ``schools`` (the gaps' schools); a body's members are counted where a
        low-results school of a subject key in ``wanted`` (``None``: any) could be offered to
        it (its ``members`` is ``None`` elsewhere, as the embedded store's)."""
        from graph.queries.plan import CandidateKind, _Body, _RegionFacts, _Staff, _young

        if not territories:
            return _RegionFacts((), (), {}, {})
        ((staff_rows, body_rows, reached),) = [self.store.answer(
            cypher.PLANNER_REGION, territories=sorted(territories), first=first.isoformat(),
            on=on.isoformat(), roles=list(METHODIST_ROLES),
            body_kinds=list(METHODIST_BODY_KINDS), pool_kinds=list(POOL_KINDS),
            young_kind=CommunityKind.young_teacher_school.value, schools=sorted(schools),
            wanted=None if wanted is None else sorted(wanted), plain=PLAIN)]
        edges: list[EdgeRecord] = []
        nodes: dict[str, NodeRecord] = {}
        load: dict[str, int] = {}
        in_community: dict[str, set[str]] = defaultdict(set)
        for person, roles, ends, teachers, whole, member_of in staff_rows:
            for row in (person, *ends):
                node = _node(row)
                nodes[node.id] = node
            edges += [_edge(r) for r in roles]
            load[person[0]] = teachers + whole
            for body in member_of:
                in_community[body].add(person[0])
        methodists = _methodists(sorted(edges, key=lambda e: e.id), nodes)
        staff = tuple(_Staff(m.id, m.title, m.territory_id, m.subjects, load[m.id])
                      for m in methodists.values())
        bodies = []
        at_school: dict[str, set[str]] = defaultdict(set)
        for *node_row, members, taught, supported, tied in body_rows:
            node = _node(node_row)
            young = _young(node)
            own = {_key(s) for s in node.props.get("subjects", [])}
            subjects = own or {_key(s) for s in taught or ()}
            kind = (CandidateKind.pool if node.props["kind"] == "methodist_pool"
                    else CandidateKind.community)
            bodies.append(_Body(node, kind, frozenset(subjects), members, supported,
                                frozenset(tied), young))
            for school in tied:
                at_school[school].add(node.id)
        for school, who in reached:
            if who in methodists:
                at_school[school].add(who)
        return _RegionFacts(staff, tuple(sorted(bodies, key=lambda b: b.node.id)),
                            dict(at_school), dict(in_community))


def _node(row: Any) -> NodeRecord:
    from graph.store.neo4j import node_of_row

    return node_of_row(row)


def _edge(row: Any) -> EdgeRecord:
    from graph.store.neo4j import edge_of_row

    return edge_of_row(row)
