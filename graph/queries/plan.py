"""Closing the gaps: who could take each one, an optimal plan, what-if, and accepting a plan."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

import networkx as nx

from graph.auth.audit import record
from graph.errors import MethodnetError
from graph.model import (
    Addresses,
    Batch,
    HasRoute,
    IndividualRoute,
    MemberOf,
    Mentors,
    Supports,
)
from graph.model.base import EdgeModel, NodeModel, NodeRecord
from graph.model.enums import CommunityKind, SupportKind
from graph.model.limits import MAX_ID_LENGTH
from graph.queries.area import Area
from graph.queries.gaps import (
    deficits_without_route,
    gap_report,
    teachers_without_methodist,
    young_specialists_without_support,
)
from graph.queries.indicators import IndicatorValue, indicators
from graph.queries.load import MethodistLoad, loads
from graph.queries.nodes import title_of
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.support import ResultsFlag, low_results_support
from graph.queries.where import Where
from graph.queries.writes import write_within
from graph.rules import (
    MENTEES,
    InvalidArgument,
    experienced,
    load_norm,
    period_bounds,
    region_of,
    territory_distance,
)
from graph.store.base import Store, WriteSummary, reads_together
from graph.store.tentative import TentativeStore

__all__ = [
    "Assignment",
    "Candidate",
    "CandidateKind",
    "GapCandidates",
    "Plan",
    "PlanGap",
    "PlanGapKind",
    "StalePlan",
    "Unclosable",
    "WhatIf",
    "accept",
    "best_candidates",
    "candidates",
    "check_revision",
    "plan",
    "route_id",
    "what_if",
    "who_could",
]


class PlanGapKind(StrEnum):
    """The gaps a plan closes, in the order of their priority."""

    low_results_school = "low_results_school"  # a ШНОР without support in a low subject
    teacher_without_methodist = "teacher_without_methodist"
    deficit_without_route = "deficit_without_route"  # closed by a new route and its methodist
    young_specialist_without_support = "young_specialist_without_support"


PRIORITY = {PlanGapKind.low_results_school: 0, PlanGapKind.teacher_without_methodist: 1,
            PlanGapKind.deficit_without_route: 1,
            PlanGapKind.young_specialist_without_support: 2}
"""Lower closes first: low-results schools, then teachers (without a methodist, or with
deficits and no route), then young specialists."""


class CandidateKind(StrEnum):
    """Who could close a gap."""

    mentor = "mentor"  # an experienced teacher (or the school's mentor) of the same school
    methodist = "methodist"  # a regional or municipal methodist
    pool = "pool"  # a methodist pool (методический актив)
    community = "community"  # a professional community (РМО, Школа молодого педагога)


_KIND_ORDER = {CandidateKind.mentor: 0, CandidateKind.methodist: 1, CandidateKind.pool: 2,
               CandidateKind.community: 3}

ACCEPTED_KINDS: dict[PlanGapKind, tuple[CandidateKind, ...]] = {
    PlanGapKind.low_results_school: (CandidateKind.methodist, CandidateKind.pool,
                                     CandidateKind.community),
    PlanGapKind.teacher_without_methodist: (CandidateKind.methodist,),
    PlanGapKind.deficit_without_route: (CandidateKind.methodist,),
    PlanGapKind.young_specialist_without_support: (CandidateKind.mentor,
                                                   CandidateKind.methodist,
                                                   CandidateKind.community),
}
"""Which candidates can close which gap: a teacher without a methodist needs a methodist, a
route its methodist; a school may be supported by a body; a young specialist may join a
Школа молодого педагога or get a mentor of their own school."""

UNLIMITED = 10**6
"""The headroom of a body whose membership has no limit (a Школа молодого педагога)."""

MAX_COST = 8
"""The largest :attr:`Candidate.cost`."""

DISTANCES = {0: "same district", 1: "regional methodist", 2: "another district of the region"}
_DISTANCES_RU = {0: "тот же район", 1: "региональный методист", 2: "другой район региона"}
_BODY_DISTANCES = {0: "same district", 1: "regional", 2: "another district of the region"}
_BODY_DISTANCES_RU = {0: "тот же район", 1: "региональный уровень", 2: "другой район региона"}


class StalePlan(MethodnetError):
    """A plan computed on an older revision of the store than the one it is accepted on."""


@dataclass(frozen=True)
class PlanGap:
    """One gap a plan could close: a school in one subject, or a teacher."""

    kind: PlanGapKind
    node_id: str
    title: str
    territory_id: str | None
    subject: str | None
    schools: tuple[str, ...]  # the school itself, or the teacher's schools
    competencies: tuple[str, ...] = ()  # a teacher's deficits (what a new route addresses)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.node_id}:{self.subject or ''}"


@dataclass(frozen=True)
class Candidate:
    """A person or body who could close a gap, and why they stand where they stand.

    ``load`` of ``limit`` is what ranks them by headroom: a methodist's teachers against the
    load norm, a mentor's young specialists against :data:`graph.rules.MENTEES`, a body's
    supported schools against its members (``limit`` 0: no limit)."""

    candidate_id: str
    kind: CandidateKind
    title: str
    territory_id: str | None
    distance: int  # 0 same district (or school), 1 regional, 2 another district
    headroom: int  # assignments they may still take
    load: int
    limit: int
    tie: str  # "" none, "school" already supports the school, "community" shares one
    subject: str | None

    @property
    def methodist_id(self) -> str:
        """The candidate's id (the name from when only methodists were proposed)."""
        return self.candidate_id

    @property
    def cost(self) -> int:
        """What the plan pays for choosing this candidate: distance first, then no tie, then
        a body rather than a person (0 … :data:`MAX_COST`)."""
        body = self.kind in (CandidateKind.pool, CandidateKind.community)
        return 3 * self.distance + (0 if self.tie else 1) + int(body)

    @property
    def reasons(self) -> tuple[str, ...]:
        out = [f"subject {self.subject}" if self.subject else "no subject asked"]
        if self.kind == CandidateKind.mentor:
            out.append("experienced teacher of the same school")
            out.append(f"mentees {self.load} of {self.limit}")
        elif self.kind == CandidateKind.methodist:
            out.append(DISTANCES[self.distance])
            out.append(f"load {self.load} of {self.limit}")
        else:
            out.append(f"{self.kind}, {_BODY_DISTANCES[self.distance]}")
            out.append("no limit" if not self.limit else
                       f"supports {self.load} schools with {self.limit} members")
        if self.tie == "school" and self.kind != CandidateKind.mentor:
            out.append("already supports this school")
        elif self.tie == "community":
            out.append("in a community with the teacher")
        return tuple(out)

    @property
    def reasons_ru(self) -> tuple[str, ...]:
        out = [f"предмет «{self.subject}»" if self.subject else "предмет не указан"]
        if self.kind == CandidateKind.mentor:
            out.append("опытный педагог той же школы")
            out.append(f"наставляемых {self.load} из {self.limit}")
        elif self.kind == CandidateKind.methodist:
            out.append(_DISTANCES_RU[self.distance])
            out.append(f"нагрузка {self.load} из {self.limit}")
        else:
            what = "методический актив" if self.kind == CandidateKind.pool else "сообщество"
            out.append(f"{what}, {_BODY_DISTANCES_RU[self.distance]}")
            out.append("без ограничения числа участников" if not self.limit else
                       f"участников {self.limit}, уже сопровождает школ: {self.load}")
        if self.tie == "school" and self.kind != CandidateKind.mentor:
            out.append("уже сопровождает эту школу")
        elif self.tie == "community":
            out.append("в одном сообществе с педагогом")
        return tuple(out)


def who_could(c: Candidate | None) -> str:
    """A gap's best candidate in one line of Russian: who, and the reasons of the rank (what
    the dashboard and ``methodnet gaps --candidates`` show).

    >>> print(who_could(None))
    нет кандидатов
    >>> print(who_could(Candidate("m1", CandidateKind.methodist, "Иванова А. А.", "A", 0, 15, 10,
    ...                           25, "", "география")))
    Иванова А. А. (тот же район, нагрузка 10 из 25)
    """
    if c is None:
        return "нет кандидатов"
    full = "нет запаса нагрузки — " if c.headroom == 0 else ""
    return f"{full}{c.title} ({', '.join(c.reasons_ru[1:])})"


def best_candidates(rows: Iterable[GapCandidates]) -> dict[tuple[str, str], str]:
    """``(gap kind, node id)`` → its best candidate in Russian (:func:`who_could`); a school's
    gaps (one per subject) are joined, each after its subject."""
    best: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        text = who_could(row.candidates[0] if row.candidates else None)
        if row.gap.kind == PlanGapKind.low_results_school:
            text = f"{row.gap.subject}: {text}"
        best[(row.gap.kind.value, row.gap.node_id)].append(text)
    return {k: "; ".join(v) for k, v in best.items()}


@dataclass(frozen=True)
class GapCandidates:
    """A gap and its candidates, best first; those without headroom come last."""

    gap: PlanGap
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class Assignment:
    """A new edge a plan proposes: ``source`` supports, mentors, takes in or builds the route
    of ``target``.

    ``edge_type`` is ``SUPPORTS`` or ``MENTORS``; ``MEMBER_OF`` when a young specialist joins
    the community ``source``; ``HAS_ROUTE`` when a new route (ИОМ) addressing the teacher's
    deficits is created with ``source`` supporting it (``SUPPORTS``, ``route_support``)."""

    gap_kind: PlanGapKind
    edge_type: str
    source: str
    target: str
    subject: str | None
    distance: int
    candidate_kind: CandidateKind = CandidateKind.methodist
    competencies: tuple[str, ...] = ()

    def items(self, period: str) -> list[NodeModel | EdgeModel]:
        """The nodes and edges to write, starting on the period's first day."""
        start = period_bounds(period)[0]
        if self.edge_type == "MENTORS":
            return [Mentors.model_validate({"source": self.source, "target": self.target,
                                            "subject": self.subject, "start": start})]
        if self.edge_type == "MEMBER_OF":
            return [MemberOf(source=self.target, target=self.source, start=start)]
        if self.edge_type == "HAS_ROUTE":
            route = route_id(self.target, period)
            return [IndividualRoute(id=route, created=start),
                    HasRoute(source=self.target, target=route),
                    *[Addresses(source=route, target=c) for c in self.competencies],
                    Supports.model_validate({"source": self.source, "target": self.target,
                                             "subject": self.subject, "start": start,
                                             "kind": SupportKind.route_support})]
        kind = (SupportKind.low_results_support
                if self.gap_kind == PlanGapKind.low_results_school
                else SupportKind.assigned_methodist)
        return [Supports.model_validate({"source": self.source, "target": self.target,
                                         "subject": self.subject, "start": start,
                                         "kind": kind})]


def route_id(teacher: str, period: str) -> str:
    """The id of the route a plan creates for ``teacher`` in ``period`` (a teacher's id too
    long to fit is replaced by its digest).

    >>> route_id("t1", "2025-H1")
    'iom-t1-2025-H1'
    >>> len(route_id("t" * MAX_ID_LENGTH, "2025-H1")) <= MAX_ID_LENGTH
    True
    """
    found = f"iom-{teacher}-{period}"
    if len(found) <= MAX_ID_LENGTH:
        return found
    return f"iom-{hashlib.sha256(teacher.encode()).hexdigest()[:32]}-{period}"


@dataclass(frozen=True)
class Unclosable:
    """A gap the plan leaves open, and why."""

    gap: PlanGap
    reason: str
    reason_ru: str


@dataclass(frozen=True)
class Plan:
    """The assignments that close the most gaps, and those that remain open."""

    territory_id: str
    period: str
    revision: int | None
    norm: int
    assignments: tuple[Assignment, ...]
    unclosable: tuple[Unclosable, ...]
    candidates: tuple[GapCandidates, ...] = ()

    @property
    def closed(self) -> dict[str, int]:
        """How many gaps of each kind the plan closes."""
        return dict(Counter(str(a.gap_kind) for a in self.assignments))


def _planned(where: Where) -> Where:
    """A plan is made for one territory and period: both must be given."""
    if where.territory_id is None or where.period is None:
        raise InvalidArgument("a plan needs a territory and a period / для плана нужны "
                              "территория и период")
    return where


def _region_of(store: Store, territory_id: str) -> str:
    region = region_of(store.get_nodes([territory_id]).get(territory_id))
    if region is None:
        raise InvalidArgument(
            f"no territory has the id {territory_id!r} (or it is outside your scope)")
    return region


def _teacher_subject(area: Area, teacher: str) -> str | None:
    deficits = sorted({s for e in area.deficits(teacher) if (s := area.deficit_subject(e))})
    taught = sorted(set(area.teacher_subjects(teacher)))
    first = deficits or taught
    return first[0] if first else None


def _gaps(area: Area, store: Store, scope: Scope) -> list[PlanGap]:
    out: list[PlanGap] = []
    from graph.queries.in_database import in_database

    if (native := in_database(store)) is not None:  # a school's direct support is enough
        support = native.low_results_support(
            period=area.period, flag=ResultsFlag.low_results, territory_id=area.territory_id,
            subject=None, scope=scope, direct_only=True)
    else:
        support = low_results_support(store, period=area.period,
                                      territory_id=area.territory_id, scope=scope)
    for s in support.schools:
        for subject in s.uncovered_subjects:
            out.append(PlanGap(PlanGapKind.low_results_school, s.school_id, s.school_title,
                               s.territory_id, subject, (s.school_id,)))
    finders = ((PlanGapKind.teacher_without_methodist, teachers_without_methodist),
               (PlanGapKind.deficit_without_route, deficits_without_route),
               (PlanGapKind.young_specialist_without_support,
                young_specialists_without_support))
    for kind, find in finders:
        for g in find(store, area=area):
            deficits = (tuple(sorted({e.target for e in area.deficits(g.node_id)}))
                        if kind == PlanGapKind.deficit_without_route else ())
            out.append(PlanGap(kind, g.node_id, g.title, g.territory_id,
                               _teacher_subject(area, g.node_id),
                               tuple(area.schools_of(g.node_id)), deficits))
    return out


def _distance(territory: str | None, gap: PlanGap, region: str) -> int:
    return territory_distance(territory, gap.territory_id, region)


def _taken(m: MethodistLoad) -> int:
    """The methodist's load as a plan counts it: their teachers (as the load indicator
    counts them) plus each school they support or curate as a whole, one unit each, since a
    plan's school support is one assignment too."""
    whole = {e.target for e in m.evidence
             if e.type in ("SUPPORTS", "CURATES") and e.target in m.schools}
    return m.teacher_count + len(whole - set(m.teachers))


def _rank(c: Candidate) -> tuple[bool, int, bool, int, int, str]:
    return (c.headroom == 0, c.distance, not c.tie, _KIND_ORDER[c.kind], -c.headroom,
            c.candidate_id)


@dataclass(frozen=True)
class _Body:
    """A pool or community that could take a gap."""

    node: NodeRecord
    kind: CandidateKind
    subjects: frozenset[str]  # subject keys (its own, else its members'; none asked of a
    # Школа молодого педагога without its own)
    members: int | None  # its active members (None: not counted, no gap could take it)
    supported: int  # what it supports during the period
    schools: frozenset[str]  # of the gaps' schools, those it supports during the period
    young: bool  # a Школа молодого педагога

    @property
    def limit(self) -> int:
        if self.young:
            return 0
        assert self.members is not None, "a body offered to a gap has its members counted"
        return self.members

    @property
    def headroom(self) -> int:
        if self.young:
            return UNLIMITED
        return max(0, self.limit - self.supported)


@dataclass(frozen=True)
class _Staff:
    """A methodist of the region who could take a gap, with the load a plan counts
    (:func:`_taken`)."""

    methodist_id: str
    title: str
    territory_id: str | None
    subjects: tuple[str, ...]
    taken: int


@dataclass(frozen=True)
class _RegionFacts:
    """What a territory's gaps can be offered to in its region: the methodists, the pools and
    communities, who already supports each of the gaps' schools (``at_school``: school →
    methodist or body ids) and which methodists are members of each body (``in_community``).
    """

    staff: tuple[_Staff, ...]
    bodies: tuple[_Body, ...]
    at_school: dict[str, set[str]]
    in_community: dict[str, set[str]]


def _region_facts(store: Store, region: Area, wanted: frozenset[str] | None,
                  schools: frozenset[str]) -> _RegionFacts:
    """:class:`_RegionFacts` read through the area (the embedded store's way; Neo4j answers
    the same in one statement, :mod:`graph.queries.plan_in_database`)."""
    loaded = loads(region)
    staff = tuple(_Staff(m.methodist_id, m.title, m.territory_id, m.subjects, _taken(m))
                  for m in loaded)
    bodies = _bodies(store, region, wanted, schools)
    at_school: dict[str, set[str]] = defaultdict(set)  # school → who supports it
    for m in loaded:
        for school in schools.intersection(m.schools):
            at_school[school].add(m.methodist_id)
    for body in bodies:
        for school in body.schools:
            at_school[school].add(body.node.id)
    in_community = _communities_of(store, region, {m.methodist_id for m in loaded}, bodies)
    return _RegionFacts(staff, tuple(bodies), dict(at_school), dict(in_community))


def _bodies(store: Store, region: Area, wanted: frozenset[str] | None,
            schools: frozenset[str]) -> list[_Body]:
    """The pools and communities of the region the caller sees.

    Their members are read where a gap needs them: a body without subjects of its own takes
    its members' (except a Школа молодого педагога, offered to young specialists of any
    subject and never to a school), and a body that could take a low-results school of a
    subject in ``wanted`` (``None``: any subject) is limited by its members. A young
    teachers' school has no limit, so its many members are not read."""
    assert region.territories is not None
    found = [n for n in store.nodes("Organization", where={
        "kind": ["methodist_pool", "community"], "territory_id": sorted(region.territories)})
        if not n.props.get("generic_name")]
    if not found:
        return []
    ids = [n.id for n in found]
    own = {n.id: region.subject_keys(n.props.get("subjects", [])) for n in found}
    counted = [n.id for n in found if not _young(n) and
               (not own[n.id] or wanted is None or own[n.id] & wanted)]
    members: dict[str, set[str]] = {b: set() for b in counted}
    for e in store.edges("MEMBER_OF", targets=counted) if counted else []:
        if region.active(e):
            members[e.target].add(e.source)
    people = sorted({p for b in counted if not own[b] for p in members[b]})
    taught: dict[str, set[str]] = defaultdict(set)
    for e in store.edges("HAS_ROLE", sources=people) if people else []:
        if region.active(e):
            taught[e.source] |= region.subject_keys(e.props.get("subjects", []))
    supported: dict[str, set[str]] = defaultdict(set)
    for e in store.edges("SUPPORTS", sources=ids):
        if region.active(e):
            supported[e.source].add(e.target)
    out = []
    for n in found:
        young = _young(n)
        read = members.get(n.id)
        subjects = own[n.id] or (set() if young or read is None else
                                 {s for p in read for s in taught[p]})
        kind = (CandidateKind.pool if n.props["kind"] == "methodist_pool"
                else CandidateKind.community)
        out.append(_Body(n, kind, frozenset(subjects), None if read is None else len(read),
                         len(supported[n.id]), frozenset(schools & supported[n.id]), young))
    return out


def _young(body: NodeRecord) -> bool:
    """Whether a community is a Школа молодого педагога."""
    return body.props.get("community_kind") == CommunityKind.young_teacher_school


def _communities_of(store: Store, region: Area, staff: set[str],
                    bodies: Iterable[_Body]) -> dict[str, set[str]]:
    """Body → the methodists (of ``staff``) who are its active members: one read of the
    methodists' memberships, not of every body's members."""
    ids = {b.node.id for b in bodies}
    found: dict[str, set[str]] = defaultdict(set)
    for e in store.edges("MEMBER_OF", sources=sorted(staff)) if staff and ids else []:
        if e.target in ids and region.active(e):
            found[e.target].add(e.source)
    return found


def _wanted_subjects(area: Area, gaps: Iterable[PlanGap]) -> frozenset[str] | None:
    """The subject keys of the low-results schools' gaps (``None``: one has no subject, so a
    body of any subject could take it)."""
    keys: set[str] = set()
    for gap in gaps:
        if gap.kind == PlanGapKind.low_results_school:
            if gap.subject is None:
                return None
            keys |= area.subject_keys([gap.subject])
    return frozenset(keys)


class _Finder:
    """Everything a gap's candidates are drawn from, read once for a territory.

    A gap's candidates without a tie depend only on its kind, subject and district, so they
    are built and ranked once per such triple; a gap with ties (or mentors) re-ranks a copy."""

    def __init__(self, store: Store, area: Area, region_id: str, norm: int,
                 scope: Scope, gaps: list[PlanGap]) -> None:
        self.area, self.region_id, self.norm = area, region_id, norm
        wanted = Where(territory_id=region_id, period=area.period, scope=scope)
        schools = frozenset(s for gap in gaps for s in gap.schools)
        subjects = _wanted_subjects(area, gaps)
        from graph.queries.plan_in_database import planner_in_database

        if (native := planner_in_database(store)) is not None:
            facts = native.facts(area.territories if area.looks_at(wanted)
                                 else wanted.territories(store), area.first, area.on,
                                 schools, subjects)
        else:
            # A region's own plan reads the region once: its gaps' area is the candidates'.
            region = area if area.looks_at(wanted) else Area(store, wanted)
            facts = _region_facts(store, region, subjects, schools)
        self.staff, self.bodies = facts.staff, facts.bodies
        self.by_subject: dict[str, list[_Staff]] = defaultdict(list)
        for m in self.staff:
            for key in area.subject_keys(m.subjects):
                self.by_subject[key].append(m)
        self.at_school, self.in_community = facts.at_school, facts.in_community
        self.mentees = Counter(e.source for t in area.teacher_edges
                               for e in area.edges_into_teacher(t, "MENTORS"))
        self._base: dict[tuple[PlanGapKind, str | None, str | None], tuple[Candidate, ...]] = {}
        self._ids: dict[tuple[PlanGapKind, str | None, str | None], frozenset[str]] = {}

    def of(self, gap: PlanGap) -> tuple[Candidate, ...]:
        key = None if gap.subject is None else self.area.subject_keys([gap.subject]).pop()
        cache = (gap.kind, gap.subject, gap.territory_id)
        base = self._base.get(cache)
        if base is None:
            base = self._base[cache] = tuple(sorted(self._common(gap, key), key=_rank))
            self._ids[cache] = frozenset(c.candidate_id for c in base)
        ties = self._ties(gap)
        tied = ties.keys() & self._ids[cache]
        mentors = (self._mentors(gap, key)
                   if CandidateKind.mentor in ACCEPTED_KINDS[gap.kind] else [])
        if not mentors and not tied:
            return base
        found = [replace(c, tie=ties[c.candidate_id]) if c.candidate_id in tied else c
                 for c in base]
        return tuple(sorted(found + mentors, key=_rank))

    def _common(self, gap: PlanGap, key: str | None) -> list[Candidate]:
        """The gap's candidates as if none had a tie to it: methodists and bodies."""
        kinds = ACCEPTED_KINDS[gap.kind]
        found = []
        if CandidateKind.methodist in kinds:
            for m in self.staff if key is None else self.by_subject.get(key, []):
                taken = m.taken
                found.append(Candidate(m.methodist_id, CandidateKind.methodist, m.title,
                                       m.territory_id,
                                       _distance(m.territory_id, gap, self.region_id),
                                       max(0, self.norm - taken), taken, self.norm, "",
                                       gap.subject))
        for b in self.bodies:
            if b.kind not in kinds:
                continue
            if gap.kind == PlanGapKind.young_specialist_without_support and not b.young:
                continue
            if gap.kind == PlanGapKind.low_results_school and (
                    b.young or (key is not None and key not in b.subjects)):
                continue
            territory = b.node.props.get("territory_id")
            distance = _distance(territory, gap, self.region_id)
            if b.young and distance == 2:
                continue  # a young teachers' school of another district is not theirs
            found.append(Candidate(b.node.id, b.kind, title_of(b.node),
                                   str(territory) if territory else None, distance,
                                   b.headroom, b.supported, b.limit, "", gap.subject))
        return found

    def _ties(self, gap: PlanGap) -> dict[str, str]:
        """Who already supports the gap's school (or a teacher of it), or shares a community
        with the teacher."""
        ties: dict[str, str] = {}
        if gap.kind != PlanGapKind.low_results_school:
            for e in self.area.edges_from_teacher(gap.node_id, "MEMBER_OF"):
                ties.update(dict.fromkeys(self.in_community.get(e.target, ()), "community"))
        for school in gap.schools:
            ties.update(dict.fromkeys(self.at_school.get(school, ()), "school"))
        return ties

    def _mentors(self, gap: PlanGap, key: str | None) -> list[Candidate]:
        area, found = self.area, []
        young = set(area.young_specialists)
        for school in gap.schools:
            named = {e.source for e in area.edges_into_school(school, "HAS_ROLE")
                     if e.props.get("role") == "mentor"}
            for t in area.teachers_at.get(school, []):
                person = area.people.get(t)
                if t == gap.node_id or t in young or t in area.methodists or person is None:
                    continue
                if not (experienced(person.props.get("career_start_year"), area.on)
                        or t in named):
                    continue
                if key is not None and key not in area.subject_keys(area.teacher_subjects(t)):
                    continue
                n = self.mentees[t]
                found.append(Candidate(t, CandidateKind.mentor, title_of(person), gap.territory_id,
                                       0, max(0, MENTEES - n), n, MENTEES, "school",
                                       gap.subject))
        return found


@reads_together
def candidates(
    store: Store, territory_id: str | None = None, period: str | None = None, *,
    where: Where | None = None, scope: Scope = EVERYTHING,
    norm: int | None = None, kinds: Iterable[PlanGapKind | str] | None = None,
    area: Area | None = None,
) -> list[GapCandidates]:
    """Every gap of the territory and period with who could close it, ranked.

    ``area`` is the territory's :class:`~graph.queries.area.Area` when another question (the
    dashboard's gap lists) read it already; it is used only if it is the one asked about.

    Candidates work in the territory's region (or the part of it the caller sees):

    - methodists of the gap's subject (any methodist when the gap has none), for every gap;
    - methodist pools and communities whose subjects (their own, else their active members')
      include it, for a low-results school;
    - for a young specialist, experienced teachers (:func:`graph.rules.experienced`, or the
      school's mentors) of their own school and subject, and the Школа молодого педагога of
      their district or region.

    Ranked: those with headroom first; then the same district, then the region's own bodies
    and methodists, then another district; then an existing tie (already supports the school,
    or shares a community with the teacher); then people before bodies; then the most
    headroom against the norm (:func:`graph.rules.load_norm` for methodists,
    :data:`graph.rules.MENTEES` for mentors, a body's members for the schools it supports).

    >>> from graph.queries.demo import demo_store
    >>> for row in candidates(demo_store(), "RU-LEN-a", "2025-H1", kinds=["low_results_school"]):
    ...     print(row.gap.node_id, row.gap.subject, [c.candidate_id for c in row.candidates])
    s1 физика ['m3']
    s2 математика ['comm-math', 'm1']
    """
    where = _planned(Where.of(where, territory_id=territory_id, period=period, scope=scope))
    territory_id, scope = str(where.territory_id), where.scope
    norm = load_norm(norm)
    region = _region_of(store, territory_id)
    wanted = set(PlanGapKind) if kinds is None else {PlanGapKind(k) for k in kinds}
    if area is None or not area.looks_at(where):
        area = Area(store, where)
    gaps = [gap for gap in _gaps(area, store, scope) if gap.kind in wanted]
    finder = _Finder(store, area, region, norm, scope, gaps)
    return [GapCandidates(gap, finder.of(gap)) for gap in gaps]


@reads_together
def plan(
    store: Store, territory_id: str | None = None, period: str | None = None, *,
    where: Where | None = None, scope: Scope = EVERYTHING, norm: int | None = None,
) -> Plan:
    """The new assignments that close the most gaps without breaking a norm or a subject.

    Solved exactly as a min-cost maximum flow: source → gap (1) → candidate (1) → sink (the
    candidate's headroom). The most gaps are closed first; among such plans, each closed gap
    earns a reward by its priority (see :func:`_rewards`) less the candidate's
    :attr:`~Candidate.cost`, so low-results schools come first, then teachers (without a
    methodist, or with deficits and no route), then young specialists, then the nearest
    candidates with a tie. Existing edges are never moved: their load is already in the
    headroom. Each new assignment counts as one unit of the candidate's load, and so does each
    school a methodist already supports as a whole (:func:`_taken`).

    >>> from graph.queries.demo import demo_store
    >>> p = plan(demo_store(), "RU-LEN-a", "2025-H1")
    >>> [(a.gap_kind.value, a.source, a.target, a.edge_type) for a in p.assignments]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('low_results_school', 'm3', 's1', 'SUPPORTS'),
     ('low_results_school', 'comm-math', 's2', 'SUPPORTS'),
     ('teacher_without_methodist', 'm3', 't2', 'SUPPORTS'),
     ('teacher_without_methodist', 'm1', 't3', 'SUPPORTS'),
     ('deficit_without_route', 'm3', 't2', 'HAS_ROUTE'),
     ('deficit_without_route', 'm1', 't3', 'HAS_ROUTE'),
     ('young_specialist_without_support', 'm1', 't3', 'MENTORS')]
    """
    where = _planned(Where.of(where, territory_id=territory_id, period=period, scope=scope))
    norm = load_norm(norm)
    found = candidates(store, where=where, norm=norm)
    chosen = _solve(found)
    assignments: list[Assignment] = []
    unclosable: list[Unclosable] = []
    for i, row in enumerate(found):
        if i in chosen:
            c = next(c for c in row.candidates if c.candidate_id == chosen[i])
            assignments.append(Assignment(
                row.gap.kind, _edge(row.gap.kind, c.kind), c.candidate_id, row.gap.node_id,
                row.gap.subject, c.distance, c.kind, row.gap.competencies))
        else:
            unclosable.append(_why(row))
    return Plan(str(where.territory_id), str(where.period), store.revision, norm,
                tuple(assignments),
                tuple(unclosable), tuple(found))


def _edge(gap: PlanGapKind, kind: CandidateKind) -> str:
    if gap == PlanGapKind.deficit_without_route:
        return "HAS_ROUTE"
    if gap == PlanGapKind.young_specialist_without_support:
        return "MEMBER_OF" if kind == CandidateKind.community else "MENTORS"
    return "SUPPORTS"


def _solve(rows: list[GapCandidates]) -> dict[int, str]:
    """Which candidate closes which gap (by row index), as a min-cost maximum flow.

    The network: source → class of gaps (capacity: its size; cost: minus the reward of its
    priority) → candidate (its :attr:`~Candidate.cost`) → sink (the candidate's headroom).
    Gaps of one priority with the same open candidates at the same costs are interchangeable,
    so they form one class. The candidates a gap has without a tie depend only on its kind,
    subject and district: the class reaches them through one shared hub node (cost on the
    hub's edges, as if none had a tie), and its tied candidates (for less) and mentors
    directly — a network of the size
    of the region's districts × subjects rather than its gaps × methodists, with the same
    optimum (every path costs what the direct edge would). Each connected component of the
    network is solved on its own: their flows are independent."""
    classes: dict[tuple[int, int, tuple[tuple[str, int], ...]], list[int]] = defaultdict(list)
    hubs: dict[tuple[tuple[str, int], ...], int] = {}
    headroom: dict[str, int] = {}
    for i, row in enumerate(rows):
        open_ = [c for c in row.candidates if c.headroom > 0]
        if not open_:
            continue
        headroom.update((c.candidate_id, c.headroom) for c in open_)
        # The hub offers every candidate at its cost without a tie; a tied one is also
        # reached directly, for less.
        common = tuple(sorted((c.candidate_id, c.cost + bool(c.tie)) for c in open_
                              if c.kind != CandidateKind.mentor))
        direct = tuple(sorted((c.candidate_id, c.cost) for c in open_
                              if c.tie or c.kind == CandidateKind.mentor))
        hub = hubs.setdefault(common, len(hubs)) if common else -1
        classes[(PRIORITY[row.gap.kind], hub, direct)].append(i)
    if not classes:
        return {}
    reward = _rewards(len(rows))
    g = nx.DiGraph()
    for common, h in hubs.items():
        for cid, cost in common:
            g.add_edge(("hub", h), ("c", cid), weight=cost)
    members_of = list(classes.values())
    for k, ((_, hub, direct), members) in enumerate(classes.items()):
        if hub >= 0:
            g.add_edge(("class", k), ("hub", hub), capacity=len(members), weight=0)
        for cid, cost in direct:
            g.add_edge(("class", k), ("c", cid), capacity=len(members), weight=cost)
    priority_of = [key[0] for key in classes]
    # Each component's network is built in the order the nodes were added (a component is a
    # set, whose order changes between runs), so equal optima are broken the same way always.
    part_of = {n: i for i, part in enumerate(nx.weakly_connected_components(g)) for n in part}
    subs = [nx.DiGraph() for _ in range(max(part_of.values()) + 1)]
    for node in g:
        sub = subs[part_of[node]]
        if node[0] == "class":
            sub.add_edge("source", node, capacity=len(members_of[node[1]]),
                         weight=-reward[priority_of[node[1]]])
        elif node[0] == "c":
            sub.add_edge(node, "sink", capacity=min(headroom[node[1]], len(rows)), weight=0)
    for u, v, data in g.edges(data=True):
        subs[part_of[u]].add_edge(u, v, **data)
    chosen: dict[int, str] = {}
    for sub in subs:
        part = [n for n in sub if n not in ("source", "sink")]
        chosen.update(_chosen(nx.max_flow_min_cost(sub, "source", "sink"), part, members_of))
    return chosen


def _chosen(flow: dict, part: list, members_of: list[list[int]]) -> dict[int, str]:
    """Gap (row index) → candidate id, from the flow of one component."""
    hub_units = {node: [m[1] for m, n in sorted(flow[node].items()) for _ in range(n)]
                 for node in part if node[0] == "hub"}
    chosen: dict[int, str] = {}
    for node in sorted(n for n in part if n[0] == "class"):
        queue: list[str] = []
        for to, n in sorted(flow[node].items()):
            if to[0] == "hub":
                queue += [hub_units[to].pop() for _ in range(n)]
            else:
                queue += [to[1]] * n
        chosen.update(zip(members_of[node[1]], queue, strict=False))
    return chosen


def _rewards(n: int) -> list[int]:
    """What closing a gap of each priority is worth, so that among plans closing as many gaps
    one more gap of a higher priority outweighs any number of lower ones and any cost.

    >>> _rewards(2)  # cost at most 8 per gap: 16 in all
    [153, 51, 17]
    """
    step = MAX_COST * n + 1
    levels = len(set(PRIORITY.values()))
    return [step * (n + 1) ** (levels - 1 - k) for k in range(levels)]


_WHO = {PlanGapKind.low_results_school: ("methodist, methodist pool or community",
                                         "методиста, методического актива или сообщества"),
        PlanGapKind.teacher_without_methodist: ("methodist", "методиста"),
        PlanGapKind.deficit_without_route: ("methodist", "методиста"),
        PlanGapKind.young_specialist_without_support: (
            "mentor, methodist or young teachers' school",
            "наставника, методиста или школы молодого педагога")}


def _why(row: GapCandidates) -> Unclosable:
    subject = row.gap.subject or "—"
    who, who_ru = _WHO[row.gap.kind]
    if not row.candidates:
        return Unclosable(row.gap, f"no {who} of {subject} within reach",
                          f"нет {who_ru} по предмету «{subject}» в регионе")
    if all(c.headroom == 0 for c in row.candidates):
        return Unclosable(row.gap, f"every {who} of {subject} is at the load norm",
                          f"все кандидаты по предмету «{subject}» загружены по нормативу")
    return Unclosable(row.gap, f"the candidates of {subject} are full: their headroom went "
                      "to other gaps of this plan", f"у кандидатов по предмету «{subject}» не "
                      "осталось запаса нагрузки: он отдан другим пробелам плана")


@dataclass(frozen=True)
class WhatIf:
    """Gaps (by kind) and indicators before and after a plan, without writing it."""

    gaps_before: dict[str, int]
    gaps_after: dict[str, int]
    indicators_before: tuple[IndicatorValue, ...]
    indicators_after: tuple[IndicatorValue, ...]


def _plan_batch(assignments: Iterable[Assignment], period: str) -> Batch:
    batch = Batch()
    for a in assignments:
        batch.extend(a.items(period))
    return batch


@reads_together
def what_if(store: Store, proposal: Plan, *, scope: Scope = EVERYTHING) -> WhatIf:
    """Gaps and indicators before and after the plan, read from the store as it would be
    with the plan written (:class:`~graph.store.tentative.TentativeStore`): each read asks
    the store for what it asks and lays the plan's edges and routes over the answer, so a
    district's what-if reads what the district's questions read, never the whole graph.

    The store itself is not written.

    >>> from graph.queries.demo import demo_store
    >>> s = demo_store()
    >>> w = what_if(s, plan(s, "RU-LEN-a", "2025-H1"))
    >>> w.gaps_before["teacher_without_methodist"], w.gaps_after["teacher_without_methodist"]
    (2, 0)
    """
    after = TentativeStore(store, _plan_batch(proposal.assignments, proposal.period))

    def measure(s: Store) -> tuple[dict[str, int], tuple[IndicatorValue, ...]]:
        report = gap_report(s, territory_id=proposal.territory_id, period=proposal.period,
                            scope=scope)
        low = low_results_support(s, period=proposal.period,
                                  territory_id=proposal.territory_id, scope=scope)
        counts = {str(k): n for k, n in report.counts.items()}
        counts["low_results_school"] = sum(len(x.uncovered_subjects) for x in low.schools)
        return counts, tuple(indicators(s, territory_id=proposal.territory_id,
                                        period=proposal.period, scope=scope))

    (gb, ib), (ga, ia) = measure(store), measure(after)
    return WhatIf(gb, ga, ib, ia)


def check_revision(store: Store, revision: int | None) -> None:
    """Raise :class:`StalePlan` unless the store is still at ``revision`` (a store that cannot
    tell its revision accepts any)."""
    now = store.revision
    if now is not None and revision != now:
        raise StalePlan(f"the plan was computed on revision {revision}, the store is at "
                        f"revision {now}; compute it again / план рассчитан на устаревших "
                        f"данных (версия {revision}, сейчас {now}); рассчитайте его заново")


def accept(
    store: Store, proposal: Plan, *, scope: Scope = EVERYTHING, actor: str,
    revision: int | None, keep: Iterable[tuple[str, ...]] | None = None, via: str = "",
) -> WriteSummary:
    """Write the plan's assignments (or those kept) in one all-or-nothing write within the
    caller's scope, and record it in the audit log.

    ``keep`` holds ``(source, target)`` pairs — or ``(source, target, gap_kind)`` to keep one
    of several assignments between the same two. A route assignment creates the route node
    (:func:`route_id`) with its ``HAS_ROUTE``, ``ADDRESSES`` and the methodist's ``SUPPORTS``
    in the same write. Refuses with :class:`StalePlan` when the store changed since
    ``revision`` (the plan's).

    >>> from graph.queries.demo import demo_store
    >>> s = demo_store()
    >>> p = plan(s, "RU-LEN-a", "2025-H1")
    >>> str(accept(s, p, actor="anna", revision=p.revision, keep=[("m3", "s1")]))
    'created 1, updated 0, unchanged 0'
    >>> accept(s, p, actor="anna", revision=p.revision)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.queries.plan.StalePlan: the plan was computed on revision 1, the store is at ...
    """
    check_revision(store, revision)
    kept = None if keep is None else {tuple(k) for k in keep}
    chosen = [a for a in proposal.assignments
              if kept is None or (a.source, a.target) in kept
              or (a.source, a.target, a.gap_kind.value) in kept]
    batch = _plan_batch(chosen, proposal.period)
    summary = write_within(store, batch, scope=scope)
    record(store, actor, "plan_accept", target=f"{proposal.territory_id} {proposal.period}",
           counts={"edges": len(batch.edges), "routes": len(batch.nodes)},
           ids=sorted(batch.edges) + sorted(batch.nodes), via=via)
    return summary


def with_revision(proposal: Plan, revision: int | None) -> Plan:
    """The same plan said to be computed on ``revision`` (a plan read back from a file)."""
    return replace(proposal, revision=revision)
