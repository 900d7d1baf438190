"""Support of low-results schools (ШНОР): who supports each flagged school, and what is missing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.area import Area, Evidence, InvalidArgument, same_subject
from graph.queries.in_database import in_database
from graph.queries.nodes import title_of
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.visibility import visibility_of, visible_ids
from graph.queries.where import Where
from graph.store.base import Store, reads_together

__all__ = [
    "LowResultsSupport",
    "ResultsFlag",
    "SchoolSupport",
    "Supporter",
    "SupporterKind",
    "low_results_support",
]


class ResultsFlag(StrEnum):
    """Which monitoring flag selects the schools."""

    low_results = "low_results"  # ШНОР
    unreliable_results = "unreliable_results"  # необъективные результаты


class SupporterKind(StrEnum):
    """How a supporter stands to a school."""

    regional_methodist = "regional_methodist"
    municipal_methodist = "municipal_methodist"
    tutor = "tutor"  # a person tutoring its teachers who holds no methodist role
    person = "person"  # any other person supporting the school or its teachers
    curating_body = "curating_body"
    curating_school = "curating_school"
    district_service = "district_service"  # the district's methodological service
    community = "community"  # a community its teachers belong to


@dataclass(frozen=True)
class Supporter:
    """One supporter of a school; ``direct`` when an edge joins it to the school or its teachers.

    ``subjects`` are the subjects of the support: the edges' own, else the methodist's (role
    edge, then person), else the body's. Communities and the district service without an edge
    of their own are listed as indirect support.
    """

    id: str
    label: str
    title: str
    kind: SupporterKind
    direct: bool
    subjects: tuple[str, ...]
    teachers: tuple[str, ...]  # the school's teachers it reaches (empty: the school as a whole)
    evidence: tuple[Evidence, ...]
    reason: str


@dataclass(frozen=True)
class SchoolSupport:
    """A flagged school, its assessment, its supporters and what their subjects leave out."""

    school_id: str
    school_title: str
    territory_id: str | None
    assessment_id: str
    low_results: bool
    unreliable_results: bool
    low_subjects: tuple[str, ...]
    supporters: tuple[Supporter, ...]
    covered_subjects: tuple[str, ...]
    uncovered_subjects: tuple[str, ...]
    evidence: tuple[Evidence, ...]  # the HAS_ASSESSMENT edge

    @property
    def supported(self) -> bool:
        return any(s.direct for s in self.supporters)

    @classmethod
    def of(cls, school: NodeRecord, assessment: NodeRecord, supporters: list[Supporter],
           evidence: Evidence) -> SchoolSupport:
        """A flagged school with its supporters: the subjects its results are low in that the
        direct supporters' subjects cover (:func:`~graph.queries.area.same_subject`), and not."""
        district = school.props.get("territory_id")
        low = tuple(assessment.props.get("low_subjects", []))
        direct_subjects = [s for p in supporters if p.direct for s in p.subjects]
        covered = tuple(s for s in low if any(same_subject(s, d) for d in direct_subjects))
        return cls(
            school_id=school.id,
            school_title=title_of(school),
            territory_id=district if isinstance(district, str) else None,
            assessment_id=assessment.id,
            low_results=bool(assessment.props.get("low_results")),
            unreliable_results=bool(assessment.props.get("unreliable_results")),
            low_subjects=low,
            supporters=tuple(supporters),
            covered_subjects=covered,
            uncovered_subjects=tuple(s for s in low if s not in covered),
            evidence=(evidence,),
        )


@dataclass(frozen=True)
class LowResultsSupport:
    """The answer: every flagged school, and the ids of the unsupported and mismatched ones."""

    period: str
    flag: ResultsFlag
    territory_id: str | None
    schools: tuple[SchoolSupport, ...]
    unsupported: tuple[str, ...]
    mismatched: tuple[str, ...]  # supported, but not in every subject its results are low in


@reads_together
def low_results_support(
    store: Store,
    where: Where | None = None,
    *,
    period: str | None = None,
    flag: ResultsFlag | str = ResultsFlag.low_results,
    territory_id: str | None = None,
    subject: str | None = None,
    scope: Scope = EVERYTHING,
    area: Area | None = None,
) -> LowResultsSupport:
    """Who supports each school flagged in a period, and which schools lack (matching) support.

    Parameters
    ----------
    period
        The monitoring period of the assessments (``2025-H1``); by default the latest period
        any assessment of the territory has. Support counts if active at some day of it.
    flag
        ``low_results`` (ШНОР) or ``unreliable_results``.
    territory_id
        A region (with its municipalities) or a municipality.
    subject
        Only schools whose results are low in this subject.
    area
        The area of ``territory_id``, ``period`` and ``scope`` already read by another question
        (the dashboard asks several of one area); made here when not given.

    Returns
    -------
    LowResultsSupport
        Per school: direct supporters (methodists with their subjects and curators, by
        SUPPORTS/CURATES to the school and SUPPORTS/TUTORS to its teachers), the district's
        methodological service and the communities of its teachers; then the schools without
        direct support and those whose support misses a subject of their low results.

    Examples
    --------
    >>> from graph.queries.demo import demo_store
    >>> answer = low_results_support(demo_store(), period="2025-H1")
    >>> [(s.school_id, [p.id for p in s.supporters if p.direct], s.uncovered_subjects)
    ...  for s in answer.schools]
    [('s1', ['m1', 'mt1', 'school-strong'], ('физика',)), ('s2', [], ('математика',))]
    >>> answer.unsupported, answer.mismatched
    (('s2',), ('s1',))
    """
    where = Where.of(where, territory_id=territory_id, period=period, scope=scope)
    territory_id, period, scope = where.territory_id, where.period, where.scope
    try:
        flag = ResultsFlag(flag)
    except ValueError:
        raise InvalidArgument(
            f"flag must be one of {', '.join(f.value for f in ResultsFlag)}, not {flag!r}"
        ) from None
    if (native := in_database(store)) is not None:
        return native.low_results_support(period=period, flag=flag, territory_id=territory_id,
                                          subject=subject, scope=scope)
    if area is None or not area.looks_at(where):
        area = Area(store, where)
    assessed = store.edges("HAS_ASSESSMENT", sources=list(area.schools))
    assessments = store.get_nodes(sorted({e.target for e in assessed}))
    if period is None:
        periods = sorted({str(a.props.get("period")) for a in assessments.values()
                          if a.props.get(flag.value)})
        period = periods[-1] if periods else ""
        if period:
            where = where.replace(period=period)
            area = Area(store, where)
    flagged: dict[str, tuple[EdgeRecord, NodeRecord]] = {}
    for e in assessed:
        a = assessments.get(e.target)
        if a is None or a.props.get("period") != period or not a.props.get(flag.value):
            continue
        if subject is not None and not any(same_subject(s, subject)
                                           for s in a.props.get("low_subjects", [])):
            continue
        flagged.setdefault(e.source, (e, a))  # one assessment per school and period
    schools = [_school_support(area, sid, edge, node) for sid, (edge, node) in
               sorted(flagged.items())]
    return LowResultsSupport(
        period=period,
        flag=flag,
        territory_id=territory_id,
        schools=tuple(schools),
        unsupported=tuple(s.school_id for s in schools if not s.supported),
        mismatched=tuple(s.school_id for s in schools if s.supported and s.uncovered_subjects),
    )


def _school_support(area: Area, school_id: str, assessed: EdgeRecord,
                    assessment: NodeRecord) -> SchoolSupport:
    school = area.schools[school_id]
    district = school.props.get("territory_id")
    supporters = _direct_supporters(area, school_id)
    supporters += _district_services(area, school_id, district, {s.id for s in supporters})
    supporters += _communities(area, school_id)
    return SchoolSupport.of(school, assessment, supporters, Evidence.of(assessed))


def _direct_supporters(area: Area, school_id: str) -> list[Supporter]:
    edges = area.edges_into_school(school_id, "SUPPORTS", "CURATES")
    for teacher in area.teachers_at.get(school_id, []):
        edges += area.edges_into_teacher(teacher, "SUPPORTS", "TUTORS")
    by_source: dict[str, list[EdgeRecord]] = defaultdict(list)
    for e in edges:
        by_source[e.source].append(e)
    nodes = area.supporters_of(by_source)
    shown = _shown(area, nodes.values())
    found = []
    for sid, its in sorted(by_source.items()):
        node = nodes.get(sid)
        if node is None or sid not in shown:
            continue
        kind = _kind(area, sid, node, its)
        found.append(Supporter(
            id=sid,
            label=node.label,
            title=title_of(node),
            kind=kind,
            direct=True,
            subjects=_subjects(area, sid, node, its),
            teachers=tuple(sorted({e.target for e in its if e.target != school_id})),
            evidence=tuple(Evidence.of(e) for e in sorted(its, key=lambda e: e.id)),
            reason=", ".join(sorted({e.type for e in its})),
        ))
    return found


def _shown(area: Area, nodes: Iterable[NodeRecord]) -> set[str]:
    """The ids among ``nodes`` the caller may see, by the one rule of
    :mod:`graph.queries.visibility` (a tutor from another region is no supporter to name)."""
    records = list(nodes)
    if area.scope.unrestricted:
        return {n.id for n in records}
    return visible_ids(area.store, records, visibility_of(area.store, scope=area.scope))


def _kind(area: Area, node_id: str, node: NodeRecord, edges: list[EdgeRecord]) -> SupporterKind:
    if node.label == "Person":
        methodist = area.methodists.get(node_id)
        if methodist is not None:
            return SupporterKind(f"{methodist.level}_methodist")
        if any(e.type == "TUTORS" for e in edges):
            return SupporterKind.tutor
        return SupporterKind.person
    if node.props.get("kind") == "school":
        return SupporterKind.curating_school
    if node.props.get("kind") == "methodological_service" and node.props.get("level") != "regional":
        return SupporterKind.district_service
    return SupporterKind.curating_body


def _subjects(area: Area, node_id: str, node: NodeRecord,
              edges: list[EdgeRecord]) -> tuple[str, ...]:
    own = {str(e.props["subject"]) for e in edges if e.props.get("subject")}
    if any(not e.props.get("subject") for e in edges):
        # A subject-less edge carries the supporter's own subjects.
        methodist = area.methodists.get(node_id)
        if methodist is not None:
            own |= set(methodist.subjects)
        else:
            own |= set(node.props.get("subjects", []))
    return tuple(sorted(own))


def _district_services(area: Area, school_id: str, district: object,
                       already: set[str]) -> list[Supporter]:
    found = []
    for service in area.district_services.get(str(district), []):
        if service.id in already:
            continue
        found.append(Supporter(
            id=service.id, label=service.label, title=title_of(service),
            kind=SupporterKind.district_service, direct=False,
            subjects=tuple(service.props.get("subjects", [])), teachers=(), evidence=(),
            reason=f"methodological service of the district {district}",
        ))
    return found


def _communities(area: Area, school_id: str) -> list[Supporter]:
    by_community: dict[str, list[EdgeRecord]] = defaultdict(list)
    for teacher in area.teachers_at.get(school_id, []):
        for e in area.edges_from_teacher(teacher, "MEMBER_OF"):
            node = area.target(e)
            if node is not None and node.props.get("kind") == "community":
                by_community[e.target].append(e)
    communities = {cid: area.target(its[0]) for cid, its in by_community.items()}
    shown = _shown(area, [n for n in communities.values() if n is not None])
    found = []
    for cid, its in sorted(by_community.items()):
        node = communities[cid]
        if node is None or cid not in shown:
            continue  # a community of another district: hidden
        found.append(Supporter(
            id=cid, label=node.label, title=title_of(node), kind=SupporterKind.community,
            direct=False, subjects=tuple(node.props.get("subjects", [])),
            teachers=tuple(sorted({e.source for e in its})),
            evidence=tuple(Evidence.of(e) for e in its),
            reason=f"{len(its)} of its teachers are members",
        ))
    return found
