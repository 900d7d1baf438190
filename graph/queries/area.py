"""The slice of the network a question looks at: territories, a period, and what is in them.

Every coordination question (support, gaps, load, indicators) reads its facts through an
:class:`Area`. An area reads the store in a few bulk calls — each a ``cached_property``, read
once and only if a question needs it — so a question costs the same handful of round trips
on Neo4j whatever the size of the region.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.nodes import title_of
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.where import Where
from graph.rules import (
    METHODIST_BODY_KINDS,
    METHODIST_ROLES,
    InvalidArgument,
    counts_in_period,
    counts_in_window,
    deficit_found,
    diagnosed_by,
    period_bounds,
    route_open,
    young_specialist,
)
from graph.store.base import Store

__all__ = [
    "METHODIST_ROLES",
    "Area",
    "Evidence",
    "InvalidArgument",
    "Methodist",
    "Part",
    "counts_in_period",
    "period_bounds",
    "same_subject",
]

_METHODIST_BODY_KINDS = list(METHODIST_BODY_KINDS)
_METHODIST = {"role": list(METHODIST_ROLES)}


def same_subject(a: str | None, b: str | None) -> bool:
    """Subjects compare without regard to case and surrounding spaces.

    >>> same_subject("Математика ", "математика")
    True
    """
    return a is not None and b is not None and a.strip().casefold() == b.strip().casefold()


def _key(subject: str) -> str:
    return subject.strip().casefold()


@dataclass(frozen=True)
class Evidence:
    """An edge a finding rests on: its id, type and ends."""

    edge_id: str
    type: str
    source: str
    target: str

    @classmethod
    def of(cls, edge: EdgeRecord) -> Evidence:
        return cls(edge.id, edge.type, edge.source, edge.target)


@dataclass(frozen=True)
class Methodist:
    """A person with an active methodist role, the body they work for and their subjects."""

    id: str
    title: str
    level: str  # "regional" or "municipal"
    body_id: str
    body_title: str
    territory_id: str | None
    subjects: tuple[str, ...]
    roles: tuple[Evidence, ...]

    def has_subject(self, subject: str) -> bool:
        return any(same_subject(s, subject) for s in self.subjects)


@dataclass(frozen=True)
class Part:
    """A part of an area (one district of a region): its territories, schools and teachers."""

    territories: frozenset[str] | None
    schools: frozenset[str]
    teachers: frozenset[str]

    def has_territory(self, territory_id: str | None) -> bool:
        return self.territories is None or territory_id in self.territories


class Area:
    """What a question sees: the territories (filter ∩ the caller's scope) and a period.

    Staff (employment, roles, membership) count when active on the period's last day, ``on``;
    support (SUPPORTS, TUTORS, MENTORS, CURATES) when active at any day of the period. Without a
    period both are today. It is made of a :class:`~graph.queries.where.Where` (or of its
    keywords): ``territory_id`` may be a region (with its municipalities) or a municipality; an
    unknown one, or one outside the scope, is an :class:`InvalidArgument`.

    >>> from graph.store import MemoryStore
    >>> Area(MemoryStore(), territory_id="RU-XXX")
    Traceback (most recent call last):
    ...
    graph.rules.InvalidArgument: no territory has the id 'RU-XXX' (or it is outside ...
    """

    def __init__(
        self,
        store: Store,
        where: Where | None = None,
        *,
        territory_id: str | None = None,
        period: str | None = None,
        scope: Scope = EVERYTHING,
    ) -> None:
        where = Where.of(where, territory_id=territory_id, period=period, scope=scope)
        self.where = where
        self.store = store
        self.scope = where.scope
        self.territory_id = where.territory_id
        self.period = where.period
        self.first, self.on = where.first, where.day
        self.territories = where.territories(store)
        self._parts: dict[frozenset[str] | None, Part] = {}
        # Per-teacher answers asked again for each district and indicator (and by gaps).
        self._memo: dict[tuple[str, str], list[EdgeRecord]] = {}

    def serves(self, territory_id: str | None, period: str | None, scope: Scope) -> bool:
        """Whether this area is the one a question about ``territory_id``, ``period`` and
        ``scope`` would read, so that several questions can share it."""
        return (self.territory_id, self.period, self.scope) == (territory_id, period, scope)

    def looks_at(self, where: Where) -> bool:
        """Whether this area is the one a question asked with ``where`` would read."""
        return self.where == where

    # -- territory ---------------------------------------------------------------------------
    def has_territory(self, territory_id: str | None) -> bool:
        """Whether data located in ``territory_id`` belongs to this area."""
        return self.territories is None or territory_id in self.territories

    def _located(self, **where: Any) -> dict[str, Any]:
        if self.territories is not None:
            where["territory_id"] = sorted(self.territories)
        return where

    @cached_property
    def districts(self) -> dict[str, NodeRecord]:
        """The municipalities of the area."""
        if self.territories is None:
            found = self.store.nodes("Municipality")
        else:
            found = [n for n in self.store.get_nodes(sorted(self.territories)).values()
                     if n.label == "Municipality"]
        return {n.id: n for n in sorted(found, key=lambda n: n.id)}

    # -- activity ------------------------------------------------------------------------------
    def active(self, edge: EdgeRecord) -> bool:
        """Support edges: active during the period; everything else: on its last day
        (:func:`graph.rules.counts_in_window`)."""
        return counts_in_window(edge.type, edge.props, self.first, self.on)

    # -- schools and what points at them ----------------------------------------------------------
    @cached_property
    def schools(self) -> dict[str, NodeRecord]:
        """The schools located in the area, by id."""
        found = self.store.nodes("Organization", where=self._located(kind="school"))
        return {n.id: n for n in found}

    @cached_property
    def _school_in(self) -> list[EdgeRecord]:
        types = ["EMPLOYED_AT", "HAS_ROLE", "SUPPORTS", "CURATES", "PART_OF", "ATTACHED_TO"]
        return [e for e in self.store.edges(types, targets=list(self.schools)) if self.active(e)]

    def edges_into_school(self, school_id: str, *types: str) -> list[EdgeRecord]:
        return _pick(self._school_in_by_target, school_id, types)

    @cached_property
    def _school_in_by_target(self) -> dict[tuple[str, str], list[EdgeRecord]]:
        return _index(self._school_in, by_source=False)

    @cached_property
    def teacher_edges(self) -> dict[str, list[EdgeRecord]]:
        """Active EMPLOYED_AT and HAS_ROLE teacher edges to the area's schools, per teacher."""
        by: dict[str, list[EdgeRecord]] = defaultdict(list)
        for e in self._school_in:
            if e.type == "EMPLOYED_AT" or (
                e.type == "HAS_ROLE" and e.props.get("role") == "teacher"
            ):
                by[e.source].append(e)
        return dict(sorted(by.items()))

    def schools_of(self, teacher_id: str) -> list[str]:
        return sorted({e.target for e in self.teacher_edges.get(teacher_id, [])})

    @cached_property
    def teachers_at(self) -> dict[str, list[str]]:
        """The teachers of each school of the area."""
        by: dict[str, set[str]] = defaultdict(set)
        for teacher, edges in self.teacher_edges.items():
            for e in edges:
                by[e.target].add(teacher)
        return {s: sorted(t) for s, t in by.items()}

    @cached_property
    def _around(self) -> dict[str, NodeRecord]:
        """One read for the nodes around the schools: teachers, whoever supports the schools or
        their teachers, services and councils, and what the teachers have (deficits, routes,
        programmes, communities)."""
        ids = {e.source for e in self._school_in} | {e.source for e in self._teacher_in}
        ids |= {e.target for e in self._teacher_out}
        return self.store.get_nodes(sorted(ids))

    def node(self, node_id: str) -> NodeRecord | None:
        """A node the area has read (teachers, supporters, services, targets of teachers)."""
        return self.schools.get(node_id) or self._around.get(node_id)

    @cached_property
    def people(self) -> dict[str, NodeRecord]:
        """The Person nodes of the area's teachers."""
        return {t: self._around[t] for t in self.teacher_edges if t in self._around}

    @cached_property
    def young_specialists(self) -> list[str]:
        """The teachers who are young specialists on the period's last day (computed once:
        several indicators and gaps ask, per district and for the whole area)."""
        return [
            t for t in self.teacher_edges
            if (rec := self.people.get(t)) is not None and rec.label == "Person"
            and young_specialist(rec.props.get("birth_year"), rec.props.get("career_start_year"),
                                 self.on, rec.props.get("age_band"))
        ]

    def teacher_subjects(self, teacher_id: str) -> list[str]:
        """Subjects from the teacher role edges, else the person's own."""
        subjects = [s for e in self.teacher_edges.get(teacher_id, [])
                    for s in e.props.get("subjects", [])]
        if not subjects:
            person = self.people.get(teacher_id)
            subjects = list(person.props.get("subjects", [])) if person else []
        return sorted(set(subjects))

    # -- what points at teachers and what they have ---------------------------------------------
    @cached_property
    def _teacher_in(self) -> list[EdgeRecord]:
        types = ["SUPPORTS", "TUTORS", "MENTORS"]
        return [e for e in self.store.edges(types, targets=list(self.teacher_edges))
                if self.active(e)]

    @cached_property
    def _teacher_in_by_target(self) -> dict[tuple[str, str], list[EdgeRecord]]:
        return _index(self._teacher_in, by_source=False)

    def edges_into_teacher(self, teacher_id: str, *types: str) -> list[EdgeRecord]:
        return _pick(self._teacher_in_by_target, teacher_id, types)

    @cached_property
    def _teacher_out(self) -> list[EdgeRecord]:
        types = ["HAS_DEFICIT", "HAS_DIAGNOSTIC", "HAS_ROUTE", "COMPLETED", "MEMBER_OF"]
        return [e for e in self.store.edges(types, sources=list(self.teacher_edges))
                if e.type != "MEMBER_OF" or self.active(e)]

    @cached_property
    def _teacher_out_by_source(self) -> dict[tuple[str, str], list[EdgeRecord]]:
        return _index(self._teacher_out, by_source=True)

    def edges_from_teacher(self, teacher_id: str, *types: str) -> list[EdgeRecord]:
        return _pick(self._teacher_out_by_source, teacher_id, types)

    def target(self, edge: EdgeRecord) -> NodeRecord | None:
        """The node an edge from a teacher leads to (competency, route, programme, community)."""
        return self._around.get(edge.target)

    def _per_teacher(self, question: str, teacher_id: str,
                     answer: Callable[[str], list[EdgeRecord]]) -> list[EdgeRecord]:
        """``answer(teacher_id)``, worked out once per teacher: indicators ask it again for
        each district, and gaps ask it too."""
        found = self._memo.get((question, teacher_id))
        if found is None:
            found = self._memo[(question, teacher_id)] = answer(teacher_id)
        return found

    def deficits(self, teacher_id: str) -> list[EdgeRecord]:
        """HAS_DEFICIT edges found by the period's end (undated deficits count)."""
        return self._per_teacher("deficits", teacher_id, self._deficits)

    def _deficits(self, teacher_id: str) -> list[EdgeRecord]:
        return [e for e in self.edges_from_teacher(teacher_id, "HAS_DEFICIT")
                if deficit_found(e.props, self.on)]

    def deficit_subject(self, edge: EdgeRecord) -> str | None:
        competency = self.target(edge)
        subject = competency.props.get("subject") if competency else None
        return subject if isinstance(subject, str) else None

    def diagnosed(self, teacher_id: str) -> list[EdgeRecord]:
        """Diagnostics taken by the period's end (HAS_DIAGNOSTIC, or a dated deficit found)."""
        return self._per_teacher("diagnosed", teacher_id, self._diagnosed)

    def _diagnosed(self, teacher_id: str) -> list[EdgeRecord]:
        found = [e for e in self.edges_from_teacher(teacher_id, "HAS_DIAGNOSTIC")
                 if (node := self.target(e)) is None or diagnosed_by(node.props, self.on)]
        return found or self.deficits(teacher_id)

    def routes(self, teacher_id: str) -> list[EdgeRecord]:
        """HAS_ROUTE edges to routes created by the period's end and not cancelled."""
        return self._per_teacher("routes", teacher_id, self._routes)

    def _routes(self, teacher_id: str) -> list[EdgeRecord]:
        return [e for e in self.edges_from_teacher(teacher_id, "HAS_ROUTE")
                if (route := self.target(e)) is not None and route_open(route.props, self.on)]

    # -- supporters and methodists ---------------------------------------------------------------
    @cached_property
    def _local_roles(self) -> _Roles:
        """The active methodist roles (all of them, wherever the body: a level or a subject may
        come from another one) of the people with a methodist role at a body located in the
        area. For the whole country: every role, in one read; for a territory: three reads
        narrowed to it, so that a district question does not read the country's methodists."""
        if self.territories is None:
            return self._roles_of(self.store.edges("HAS_ROLE", where=_METHODIST))
        from graph.queries.in_database import in_database

        if (native := in_database(self.store)) is not None:  # the same in one statement
            return _Roles(*native.local_roles(self))
        bodies = self.store.nodes("Organization",
                                  where=self._located(kind=_METHODIST_BODY_KINDS))
        local = self.store.edges("HAS_ROLE", targets=[b.id for b in bodies], where=_METHODIST)
        people = sorted({e.source for e in local})
        return self._roles_of(self.store.edges("HAS_ROLE", sources=people, where=_METHODIST)
                              if people else [])

    @cached_property
    def _roles(self) -> _Roles:
        """``_local_roles`` and those of whoever supports the area's schools or teachers."""
        if self.territories is None:
            return self._local_roles
        known = {e.source for e in self._local_roles.edges}
        supporters = ({e.source for e in self._school_in} | {e.source for e in self._teacher_in}
                      ) - known
        more = (self.store.edges("HAS_ROLE", sources=sorted(supporters), where=_METHODIST)
                if supporters else [])
        more = [e for e in more if self.active(e)]
        if not more:
            return self._local_roles
        nodes = {**self._local_roles.nodes, **self.store.get_nodes(
            sorted({e.source for e in more} | {e.target for e in more}))}
        return _Roles(sorted(self._local_roles.edges + more, key=lambda e: e.id), nodes)

    def _roles_of(self, edges: list[EdgeRecord]) -> _Roles:
        active = [e for e in edges if self.active(e)]
        ids = {e.source for e in active} | {e.target for e in active}
        return _Roles(active, self.store.get_nodes(sorted(ids)) if ids else {})

    @cached_property
    def methodists(self) -> dict[str, Methodist]:
        """Everyone with an active methodist role that the area knows of — at a body located
        in it, or supporting its schools or teachers — by person id.

        The level is regional if any of the person's roles is; subjects come from the role
        edges, else from the person.
        """
        return self._roles.methodists()

    def local_methodists(self, part: Part | None = None) -> list[Methodist]:
        """Methodists working for a body located in the area (or in ``part`` of it)."""
        roles = self._local_roles
        local = {e.source for e in roles.edges
                 if (b := roles.nodes.get(e.target)) is not None
                 and b.props.get("kind") in _METHODIST_BODY_KINDS
                 and self.has_territory(b.props.get("territory_id"))}
        return [m for pid, m in roles.methodists().items()
                if pid in local and (part is None or part.has_territory(m.territory_id))]

    @cached_property
    def district_services(self) -> dict[str, list[NodeRecord]]:
        """The municipal methodological services of the districts the area's schools are in."""
        districts = sorted({str(s.props["territory_id"]) for s in self.schools.values()
                            if s.props.get("territory_id")})
        if not districts:
            return {}
        found = self.store.nodes("Organization", where={"kind": "methodological_service",
                                                        "territory_id": districts})
        by: dict[str, list[NodeRecord]] = defaultdict(list)
        for n in found:
            if not n.props.get("generic_name") and n.props.get("level") != "regional":
                by[str(n.props["territory_id"])].append(n)
        return dict(by)

    def supporters_of(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        """Nodes of supporters (sources of support edges) among ``ids``."""
        return {i: n for i in ids if (n := self._around.get(i)) is not None}

    # -- the area's parts ------------------------------------------------------------------------
    def part(self, territories: Iterable[str] | None = None) -> Part:
        """The schools and teachers of some territories of the area (all without an argument)."""
        terrs = None if territories is None else frozenset(territories)
        if terrs not in self._parts:
            self._parts[terrs] = self._part(terrs)
        return self._parts[terrs]

    def _part(self, terrs: frozenset[str] | None) -> Part:
        schools = frozenset(s for s, n in self.schools.items()
                            if terrs is None or n.props.get("territory_id") in terrs)
        if terrs is None:
            return Part(terrs, schools, frozenset(self.teacher_edges))
        # From each school's teachers: an area is cut into a part per district.
        teachers = frozenset(t for s in schools for t in self.teachers_at.get(s, ()))
        return Part(terrs, schools, teachers)

    def subject_keys(self, subjects: Iterable[str]) -> set[str]:
        return {_key(s) for s in subjects}


@dataclass
class _Roles:
    """Active methodist role edges and the nodes at their ends."""

    edges: list[EdgeRecord]
    nodes: dict[str, NodeRecord]
    _methodists: dict[str, Methodist] | None = None

    def methodists(self) -> dict[str, Methodist]:
        """The people of these roles as methodists, by id (built once)."""
        if self._methodists is None:
            self._methodists = _methodists(self.edges, self.nodes)
        return self._methodists


def _methodists(edges: list[EdgeRecord], nodes: Mapping[str, NodeRecord]) -> dict[str, Methodist]:
    by_person: dict[str, list[EdgeRecord]] = defaultdict(list)
    for e in edges:
        by_person[e.source].append(e)
    found: dict[str, Methodist] = {}
    for pid, roles in sorted(by_person.items()):
        person = nodes.get(pid)
        if person is None:
            continue
        roles.sort(key=lambda e: (e.props.get("role") != "regional_methodist", e.id))
        body = nodes.get(roles[0].target)
        subjects = sorted({s for e in roles for s in e.props.get("subjects", [])})
        if not subjects:
            subjects = sorted(person.props.get("subjects", []))
        found[pid] = Methodist(
            id=pid,
            title=title_of(person),
            level="regional" if roles[0].props["role"] == "regional_methodist" else "municipal",
            body_id=roles[0].target,
            body_title=title_of(body) if body else roles[0].target,
            territory_id=body.props.get("territory_id") if body else None,
            subjects=tuple(subjects),
            roles=tuple(Evidence.of(e) for e in roles),
        )
    return found


def _index(
    edges: Iterable[EdgeRecord], *, by_source: bool
) -> dict[tuple[str, str], list[EdgeRecord]]:
    """Edges by (node, type), the node being the source or the target."""
    by: dict[tuple[str, str], list[EdgeRecord]] = defaultdict(list)
    for e in edges:
        by[(e.source if by_source else e.target, e.type)].append(e)
    return by


def _pick(index: Mapping[tuple[str, str], list[EdgeRecord]], node_id: str,
          types: tuple[str, ...]) -> list[EdgeRecord]:
    if len(types) == 1:
        return list(index.get((node_id, types[0]), ()))
    found = [edges for t in types if (edges := index.get((node_id, t)))]
    if not found:
        return []
    if len(found) == 1:  # most nodes have edges of one type only: nothing to merge
        return list(found[0])
    return sorted((e for edges in found for e in edges), key=lambda e: e.id)
