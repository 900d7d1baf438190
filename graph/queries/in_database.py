"""The area questions computed in Neo4j: indicators, low-results support, methodist load.

On a :class:`~graph.store.neo4j.Neo4jStore` these questions are answered by the statements of
:mod:`graph.store.cypher` (section "Indicators, support and load"): the server selects,
joins and counts, and returns a few compact rows (counts per district, supporters per school,
teachers and schools per methodist) that become the same answer objects the Python path
builds. The rules are those of :class:`~graph.queries.area.Area`: the territories (a
territory with its municipalities, within the caller's scope), the period's bounds and what
the caller may see are worked out by the query layer and passed as parameters.

The embedded store, and any store wrapping Neo4j (the analyst's
:class:`~graph.store.pseudonymised.PseudonymisedStore` rewrites what it reads, so its answers
must come from its records), keep the Python path: :func:`in_database` returns ``None`` for
them. ``tests/test_differential_indicators.py`` generates random networks and checks that both
paths give identical answers.

>>> from graph.store import MemoryStore
>>> in_database(MemoryStore()) is None
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.area import (
    Area,
    Evidence,
    Methodist,
    _methodists,
    same_subject,
)
from graph.queries.nodes import title_of
from graph.queries.scope import Scope
from graph.queries.visibility import sight_params, visibility_of
from graph.rules import (
    METHODIST_BODY_KINDS,
    METHODIST_ROLES,
    YOUNG_SPECIALIST_MAX_AGE,
    YOUNG_SPECIALIST_MAX_YEARS,
)
from graph.store import cypher
from graph.store.base import Store

if TYPE_CHECKING:
    from graph.queries.load import MethodistLoad
    from graph.queries.support import LowResultsSupport, ResultsFlag, SchoolSupport
    from graph.store.neo4j import Neo4jStore

__all__ = ["AreaInDatabase", "in_database"]


def in_database(store: Store) -> AreaInDatabase | None:
    """The in-database answers of ``store`` if it is a Neo4j store itself, else ``None``."""
    from graph.store.neo4j import Neo4jStore

    return AreaInDatabase(store) if isinstance(store, Neo4jStore) else None


@dataclass(frozen=True)
class _Counts:
    """What the indicators count in one part of an area (a district, or ``''``: all of it)."""

    schools: int = 0
    served: int = 0
    teachers: int = 0
    diagnosed: int = 0
    routed: int = 0
    registry: int = 0
    young: int = 0
    young_supported: int = 0
    regionally_supported: int = 0
    regional: frozenset[str] = frozenset()


class AreaInDatabase:
    """The area questions of one Neo4j store, each a few statements computed in the server."""

    def __init__(self, store: Neo4jStore) -> None:
        self.store = store
        self._counted: dict[int, tuple[Area, dict[str, _Counts]]] = {}
        self._methodists: dict[int, tuple[Area, dict[str, Methodist]]] = {}

    def _params(self, area: Area, **more: Any) -> dict[str, Any]:
        return {"territories": sorted(area.territories or ()), "first": area.first.isoformat(),
                "on": area.on.isoformat(), **more}

    # -- isolated schools ------------------------------------------------------------------------
    def isolated_schools(self, territory_id: str | None, scope: Scope, on: dt.date | None
                         ) -> list[tuple[NodeRecord, int]]:
        """The isolated schools the caller may see, located in ``territory_id`` (and, for a
        region, its municipalities) within ``scope``, and their numbers of teachers: one
        statement, the caller's sight composed in it (see
        :func:`graph.store.cypher.isolated_schools_query`, :func:`sight_params`)."""
        scoped = territory_id is not None or not scope.unrestricted
        rows = self.store.answer(cypher.isolated_schools_query(scoped=scoped),
                                 **sight_params(territory_id, scope),
                                 on=on.isoformat() if on is not None else None)
        return [(_node(row[:3]), row[3]) for row in rows]

    # -- methodists ------------------------------------------------------------------------------
    def local_roles(self, area: Area) -> tuple[list[EdgeRecord], dict[str, NodeRecord]]:
        """The active methodist roles ``Area._local_roles`` reads for a territory (of the
        people with a methodist role at a body located in it) and the nodes at their ends, in
        one statement (:data:`graph.store.cypher.AREA_ROLES`)."""
        return _roles_and_ends(self.store.answer(
            cypher.AREA_ROLES, **self._params(area, roles=list(METHODIST_ROLES),
                                              body_kinds=list(METHODIST_BODY_KINDS))))

    def methodists(self, area: Area) -> dict[str, Methodist]:
        """The area's local methodists (:meth:`Area.local_methodists`), by id, in one statement
        (for a territory, the one its area reads its methodists' roles with)."""
        known = self._methodists.get(id(area))
        if known is not None:
            return known[1]
        if area.territories is not None:
            local = {m.id: m for m in area.local_methodists()}
            self._methodists[id(area)] = (area, local)
            return local
        found = _methodists(*_roles_and_ends(self.store.answer(
            cypher.area_methodists(area.territories is not None),
            **self._params(area, roles=list(METHODIST_ROLES),
                           body_kinds=list(METHODIST_BODY_KINDS)))))
        self._methodists[id(area)] = (area, found)
        return found

    # -- indicators --------------------------------------------------------------------------------
    def indicator(self, area: Area, district: str | None, code: str) -> tuple[int, int]:
        """``(numerator, denominator)`` of the indicator ``code`` in ``district`` of the area
        (``None``: all of it); every district comes from the same three statements."""
        counted = self._counted.get(id(area))
        if counted is None:
            counted = self._counted[id(area)] = (area, self._count(area))
        c = counted[1].get(district or "", _Counts())
        local = [m for m in self.methodists(area).values()
                 if district is None or m.territory_id == district]
        if code == "share_teachers_diagnosed":
            return c.diagnosed, c.teachers
        if code == "share_teachers_with_routes":
            return c.routed, c.teachers
        if code == "share_registry_programmes_from_diagnostics":
            return c.registry, c.teachers
        if code == "share_young_specialists_supported":
            return c.young_supported, c.young
        if code == "teachers_per_regional_methodist":
            regional = {m.id for m in local if m.level == "regional"} | c.regional
            return c.regionally_supported, len(regional)
        if code == "methodists_per_school":
            return sum(1 for m in local if m.level == "municipal"), c.schools
        if code == "share_schools_with_methodological_service":
            return c.served, c.schools
        raise ValueError(f"no computation in the database for the indicator {code!r}")

    def _count(self, area: Area) -> dict[str, _Counts]:
        located = area.territories is not None
        # People in Neo4j carry their birth year (only the analyst's view replaces it with an
        # age band, and that view keeps the Python path).
        params = self._params(area, year=area.on.year, young_age=YOUNG_SPECIALIST_MAX_AGE,
                              young_years=YOUNG_SPECIALIST_MAX_YEARS)
        schools = {part: (n, served) for part, n, served in
                   self.store.answer(cypher.indicator_schools(located), **params)}
        teachers = {row[0]: row[1:] for row in
                    self.store.answer(cypher.indicator_teachers(located), **params)}
        counts: dict[str, _Counts] = {}
        for part in schools.keys() | teachers.keys():
            n, served = schools.get(part, (0, 0))
            t = teachers.get(part)
            if t is None:
                counts[part] = _Counts(schools=n, served=served)
                continue
            teachers_, diagnosed, routed, registry, young, supported, regionally, regional = t
            counts[part] = _Counts(n, served, teachers_, diagnosed, routed, registry, young,
                                   supported, regionally,
                                   frozenset(m for found in regional for m in found))
        return counts

    # -- methodist load ------------------------------------------------------------------------
    def loads(self, area: Area, *, level: str | None, subject: str | None
              ) -> list[MethodistLoad]:
        """:func:`graph.queries.load.loads` in two statements."""
        from graph.queries.load import MethodistLoad

        methodists = [m for m in self.methodists(area).values()
                      if (level is None or m.level == level)
                      and (subject is None or m.has_subject(subject))]
        if not methodists:
            return []
        rows = {row[0]: row for row in self.store.answer(
            cypher.METHODIST_LOAD, **self._params(area, methodists=[m.id for m in methodists]))}
        found = []
        for m in methodists:
            _, teachers, schools, evidence = rows.get(m.id, (m.id, [], [], []))
            found.append(MethodistLoad(
                methodist_id=m.id, title=m.title, level=m.level, body_id=m.body_id,
                body_title=m.body_title, territory_id=m.territory_id, subjects=m.subjects,
                teachers=tuple(sorted(set(teachers))), schools=tuple(sorted(set(schools))),
                evidence=_evidence(evidence),
            ))
        return found

    # -- low-results support ---------------------------------------------------------------------
    def low_results_support(
        self, *, period: str | None, flag: ResultsFlag, territory_id: str | None,
        subject: str | None, scope: Scope, direct_only: bool = False,
    ) -> LowResultsSupport:
        """:func:`graph.queries.support.low_results_support` in two or three statements;
        ``direct_only``: each school with its direct supporters only (what its covered and
        uncovered subjects rest on), without its teachers' communities and district services."""
        from graph.queries.support import LowResultsSupport

        area = Area(self.store, territory_id=territory_id, period=period, scope=scope)
        located = area.territories is not None
        if period is None:
            (latest,) = self.store.answer(cypher.flagged_period(located), flag=flag.value,
                                          territories=sorted(area.territories or ()))
            period = str(latest or "")
            if period:
                area = Area(self.store, territory_id=territory_id, period=period, scope=scope)
        flagged: dict[str, tuple[str, NodeRecord]] = {}
        rows = self.store.answer(cypher.flagged_schools(located), flag=flag.value,
                                 period=period, territories=sorted(area.territories or ()))
        for school_id, edge_id, assessment_id, props in sorted(rows, key=lambda r: r[1]):
            assessment = NodeRecord("Assessment", assessment_id, _without_id(props))
            if subject is not None and not any(
                    same_subject(s, subject) for s in assessment.props.get("low_subjects", [])):
                continue
            flagged.setdefault(school_id, (edge_id, assessment))
        schools = []
        if flagged:
            sight = visibility_of(self.store, scope=scope)
            found = {row[0][0]: row for row in self.store.answer(
                cypher.SCHOOL_SUPPORT_DIRECT if direct_only else cypher.SCHOOL_SUPPORT,
                **self._params(
                    area, schools=sorted(flagged), roles=list(METHODIST_ROLES),
                    unrestricted=sight.unrestricted, inside=sorted(sight.inside or ()),
                    above=sorted(sight.above)))}
            for school_id, (edge_id, assessment) in sorted(flagged.items()):
                schools.append(_school_support(found[school_id], edge_id, assessment))
        return LowResultsSupport(
            period=period or "", flag=flag, territory_id=territory_id, schools=tuple(schools),
            unsupported=tuple(s.school_id for s in schools if not s.supported),
            mismatched=tuple(s.school_id for s in schools
                             if s.supported and s.uncovered_subjects),
        )


def _school_support(row: Sequence[Any], edge_id: str, assessment: NodeRecord) -> SchoolSupport:
    """A school's support from its row of :data:`graph.store.cypher.SCHOOL_SUPPORT`, by the
    rules of :mod:`graph.queries.support`."""
    from graph.queries.support import SchoolSupport, Supporter, SupporterKind

    school = _node(row[0])
    _, _, direct, communities, services = row
    supporters = []
    for node_row, edges, roles in ((r[:3], r[3], r[4]) for r in direct):
        node = _node(node_row)
        types = {e[1] for e in edges}
        if node.label == "Person":
            if roles:
                level = "regional" if any(r == "regional_methodist" for r, _ in roles) \
                    else "municipal"
                kind = SupporterKind(f"{level}_methodist")
            else:
                kind = SupporterKind.tutor if "TUTORS" in types else SupporterKind.person
        elif node.props.get("kind") == "school":
            kind = SupporterKind.curating_school
        elif node.props.get("kind") == "methodological_service" and \
                node.props.get("level") != "regional":
            kind = SupporterKind.district_service
        else:
            kind = SupporterKind.curating_body
        own = {str(e[4]) for e in edges if e[4]}
        if any(not e[4] for e in edges):
            role_subjects = {s for _, subjects in roles for s in subjects or ()}
            if roles:
                own |= role_subjects or set(node.props.get("subjects", []))
            else:
                own |= set(node.props.get("subjects", []))
        supporters.append(Supporter(
            id=node.id, label=node.label, title=title_of(node), kind=kind, direct=True,
            subjects=tuple(sorted(own)),
            teachers=tuple(sorted({e[3] for e in edges if e[3] != school.id})),
            evidence=_evidence(e[:4] for e in edges), reason=", ".join(sorted(types)),
        ))
    supporters.sort(key=lambda s: s.id)
    district = school.props.get("territory_id")
    already = {s.id for s in supporters}
    for service in sorted((_node(r) for r in services), key=lambda n: n.id):
        if service.id in already:
            continue
        supporters.append(Supporter(
            id=service.id, label=service.label, title=title_of(service),
            kind=SupporterKind.district_service, direct=False,
            subjects=tuple(service.props.get("subjects", [])), teachers=(), evidence=(),
            reason=f"methodological service of the district {district}",
        ))
    for node_row, edges in sorted(((r[:3], r[3]) for r in communities), key=lambda r: r[0][0]):
        node = _node(node_row)
        ordered = sorted(edges, key=lambda e: (e[2], e[0]))
        supporters.append(Supporter(
            id=node.id, label=node.label, title=title_of(node), kind=SupporterKind.community,
            direct=False, subjects=tuple(node.props.get("subjects", [])),
            teachers=tuple(sorted({e[2] for e in edges})),
            evidence=tuple(Evidence(*e) for e in ordered),
            reason=f"{len(edges)} of its teachers are members",
        ))
    return SchoolSupport.of(school, assessment, supporters,
                            Evidence(edge_id, "HAS_ASSESSMENT", school.id, assessment.id))


def _evidence(rows: Any) -> tuple[Evidence, ...]:
    """Evidence from rows ``[edge id, type, source, target]``, ordered by edge id."""
    return tuple(sorted((Evidence(*r[:4]) for r in rows), key=lambda e: e.edge_id))


def _without_id(props: dict[str, Any]) -> dict[str, Any]:
    props.pop("id", None)
    return props



def _roles_and_ends(rows: Any) -> tuple[list[EdgeRecord], dict[str, NodeRecord]]:
    """Rows of ``[person, roles, bodies]`` as the roles (by id) and the nodes at their ends."""
    edges: list[EdgeRecord] = []
    nodes: dict[str, NodeRecord] = {}
    for person, roles, bodies in rows:
        for row in (person, *bodies):
            node = _node(row)
            nodes[node.id] = node
        edges += [_edge(r) for r in roles]
    return sorted(edges, key=lambda e: e.id), nodes

def _node(row: Sequence[Any]) -> NodeRecord:
    from graph.store.neo4j import node_of_row

    return node_of_row(row)


def _edge(row: Sequence[Any]) -> EdgeRecord:
    from graph.store.neo4j import edge_of_row

    return edge_of_row(row)
