"""Closing the gaps: who could take each one, an optimal plan, what-if, and accepting a plan."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

import networkx as nx

from graph.auth.audit import record
from graph.errors import MethodnetError
from graph.model import Batch, Mentors, Supports
from graph.model.enums import SupportKind
from graph.queries.area import Area, InvalidArgument, period_bounds
from graph.queries.gaps import (
    deficits_without_route,
    gap_report,
    teachers_without_methodist,
    young_specialists_without_support,
)
from graph.queries.indicators import IndicatorValue, indicators
from graph.queries.load import MethodistLoad, loads
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.support import low_results_support
from graph.queries.writes import write_within
from graph.settings import get_settings
from graph.store.base import Store, WriteSummary, reads_together
from graph.store.memory import MemoryStore

__all__ = [
    "Assignment",
    "Candidate",
    "GapCandidates",
    "Plan",
    "PlanGap",
    "PlanGapKind",
    "StalePlan",
    "Unclosable",
    "WhatIf",
    "accept",
    "candidates",
    "check_revision",
    "plan",
    "what_if",
]


class PlanGapKind(StrEnum):
    """The gaps a plan closes, in the order of their priority."""

    low_results_school = "low_results_school"  # a ШНОР without support in a low subject
    teacher_without_methodist = "teacher_without_methodist"
    young_specialist_without_support = "young_specialist_without_support"
    deficit_without_route = "deficit_without_route"  # candidates only: a route is built, not
    # assigned, so a plan never closes it


PRIORITY = {PlanGapKind.low_results_school: 0, PlanGapKind.teacher_without_methodist: 1,
            PlanGapKind.young_specialist_without_support: 2}
"""Lower closes first; a gap kind absent here is not planned."""

_EDGE = {PlanGapKind.low_results_school: "SUPPORTS",
         PlanGapKind.teacher_without_methodist: "SUPPORTS",
         PlanGapKind.young_specialist_without_support: "MENTORS",
         PlanGapKind.deficit_without_route: "SUPPORTS"}

DISTANCES = {0: "same district", 1: "regional methodist", 2: "another district of the region"}
_DISTANCES_RU = {0: "тот же район", 1: "региональный методист", 2: "другой район региона"}


class StalePlan(MethodnetError):
    """A plan computed on an older revision of the store than the one it is accepted on."""


@dataclass(frozen=True)
class PlanGap:
    """One gap a methodist could close: a school in one subject, or a teacher."""

    kind: PlanGapKind
    node_id: str
    title: str
    territory_id: str | None
    subject: str | None
    schools: tuple[str, ...]  # the school itself, or the teacher's schools

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.node_id}:{self.subject or ''}"


@dataclass(frozen=True)
class Candidate:
    """A methodist who could close a gap, and why they stand where they stand."""

    methodist_id: str
    title: str
    territory_id: str | None
    distance: int  # 0 same district, 1 regional, 2 another district
    headroom: int  # assignments they may still take before the load norm
    tie: bool  # already supports the school (or a teacher of it)
    reasons: tuple[str, ...]
    reasons_ru: tuple[str, ...]


@dataclass(frozen=True)
class GapCandidates:
    """A gap and its candidates, best first; those at their norm come last."""

    gap: PlanGap
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class Assignment:
    """A new edge a plan proposes: ``source`` (a methodist) supports or mentors ``target``."""

    gap_kind: PlanGapKind
    edge_type: str  # SUPPORTS or MENTORS
    source: str
    target: str
    subject: str | None
    distance: int

    def edge(self, start: object) -> Supports | Mentors:
        """The edge to write, starting on ``start``."""
        if self.edge_type == "MENTORS":
            return Mentors.model_validate({"source": self.source, "target": self.target,
                                           "subject": self.subject, "start": start})
        kind = (SupportKind.low_results_support
                if self.gap_kind == PlanGapKind.low_results_school
                else SupportKind.assigned_methodist)
        return Supports.model_validate({"source": self.source, "target": self.target,
                                        "subject": self.subject, "start": start, "kind": kind})


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

    @property
    def closed(self) -> dict[str, int]:
        """How many gaps of each kind the plan closes."""
        return dict(Counter(str(a.gap_kind) for a in self.assignments))


def _region_of(store: Store, territory_id: str) -> str:
    found = store.get_nodes([territory_id]).get(territory_id)
    if found is None or found.label not in ("Region", "Municipality"):
        raise InvalidArgument(
            f"no territory has the id {territory_id!r} (or it is outside your scope)")
    return territory_id if found.label == "Region" else str(found.props["region_id"])


def _teacher_subject(area: Area, teacher: str) -> str | None:
    deficits = sorted({s for e in area.deficits(teacher) if (s := area.deficit_subject(e))})
    taught = sorted(set(area.teacher_subjects(teacher)))
    first = deficits or taught
    return first[0] if first else None


def _gaps(store: Store, territory_id: str, period: str, scope: Scope) -> list[PlanGap]:
    area = Area(store, territory_id=territory_id, period=period, scope=scope)
    out: list[PlanGap] = []
    support = low_results_support(store, period=period, territory_id=territory_id,
                                  scope=scope)
    for s in support.schools:
        for subject in s.uncovered_subjects:
            out.append(PlanGap(PlanGapKind.low_results_school, s.school_id, s.school_title,
                               s.territory_id, subject, (s.school_id,)))
    finders = ((PlanGapKind.teacher_without_methodist, teachers_without_methodist),
               (PlanGapKind.young_specialist_without_support,
                young_specialists_without_support),
               (PlanGapKind.deficit_without_route, deficits_without_route))
    for kind, find in finders:
        for g in find(store, area=area):
            out.append(PlanGap(kind, g.node_id, g.title, g.territory_id,
                               _teacher_subject(area, g.node_id),
                               tuple(area.schools_of(g.node_id))))
    return out


def _candidate(gap: PlanGap, m: MethodistLoad, region: str, norm: int) -> Candidate:
    distance = 0 if m.territory_id == gap.territory_id else 1 if m.territory_id == region else 2
    taken = _taken(m)
    headroom = max(0, norm - taken)
    tie = bool(set(gap.schools) & set(m.schools))
    reasons = [f"subject {gap.subject}" if gap.subject else "no subject asked",
               DISTANCES[distance], f"load {taken} of {norm}"]
    reasons_ru = [f"предмет «{gap.subject}»" if gap.subject else "предмет не указан",
                  _DISTANCES_RU[distance], f"нагрузка {taken} из {norm}"]
    if tie:
        reasons.append("already supports this school")
        reasons_ru.append("уже сопровождает эту школу")
    return Candidate(m.methodist_id, m.title, m.territory_id, distance, headroom, tie,
                     tuple(reasons), tuple(reasons_ru))


def _taken(m: MethodistLoad) -> int:
    """The methodist's load as a plan counts it: their teachers (as the load indicator
    counts them) plus each school they support or curate as a whole, one unit each, since a
    plan's school support is one assignment too."""
    whole = {e.target for e in m.evidence
             if e.type in ("SUPPORTS", "CURATES") and e.target in m.schools}
    return m.teacher_count + len(whole - set(m.teachers))


def _rank(c: Candidate) -> tuple[bool, int, bool, int, str]:
    return (c.headroom == 0, c.distance, not c.tie, -c.headroom, c.methodist_id)


@reads_together
def candidates(
    store: Store, territory_id: str, period: str, *, scope: Scope = EVERYTHING,
    norm: int | None = None, kinds: Iterable[PlanGapKind | str] | None = None,
) -> list[GapCandidates]:
    """Every gap of the territory and period with the methodists who could close it, ranked.

    A candidate is a methodist of the gap's subject (any methodist when the gap has none)
    working in the territory's region: in the same district first, then the region's own,
    then another district; within those, one who already supports the school, then the most
    headroom against the load norm (``settings.load_norm``). Methodists at their norm come last.

    >>> from graph.queries.demo import demo_store
    >>> for row in candidates(demo_store(), "RU-LEN-a", "2025-H1", kinds=["low_results_school"]):
    ...     print(row.gap.node_id, row.gap.subject, [c.methodist_id for c in row.candidates])
    s1 физика ['m3']
    s2 математика ['m1']
    """
    norm = get_settings().load_norm if norm is None else norm
    if norm < 1:
        raise InvalidArgument(f"the load norm must be at least 1 teacher, not {norm}")
    period_bounds(period)
    region = _region_of(store, territory_id)
    wanted = set(PlanGapKind) if kinds is None else {PlanGapKind(k) for k in kinds}
    staff = loads(Area(store, territory_id=region, period=period, scope=scope))
    by_subject: dict[str, list[MethodistLoad]] = defaultdict(list)
    for m in staff:
        for key in {s.strip().casefold() for s in m.subjects}:
            by_subject[key].append(m)
    out = []
    for gap in _gaps(store, territory_id, period, scope):
        if gap.kind not in wanted:
            continue
        fit = [_candidate(gap, m, region, norm) for m in
               (staff if gap.subject is None else by_subject[gap.subject.strip().casefold()])]
        out.append(GapCandidates(gap, tuple(sorted(fit, key=_rank))))
    return out


@reads_together
def plan(
    store: Store, territory_id: str, period: str, *, scope: Scope = EVERYTHING,
    norm: int | None = None,
) -> Plan:
    """The new assignments that close the most gaps without breaking a norm or a subject.

    Solved exactly as a min-cost maximum flow: source → gap (1) → candidate methodist (1) →
    sink (the methodist's headroom under the norm). The most gaps are closed first; among
    such plans, each closed gap earns a reward by its priority (see :func:`_rewards`) less
    its distance, so low-results schools come first, then teachers without a methodist, then
    young specialists, then the nearest methodists. Existing edges are never moved: their
    load is already in the headroom. Each new assignment counts as one unit of the
    methodist's load, and so does each school they already support as a whole
    (:func:`_taken`).

    >>> from graph.queries.demo import demo_store
    >>> p = plan(demo_store(), "RU-LEN-a", "2025-H1")
    >>> [(a.gap_kind.value, a.source, a.target, a.subject) for a in p.assignments]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('low_results_school', 'm3', 's1', 'физика'),
     ('low_results_school', 'm1', 's2', 'математика'),
     ('teacher_without_methodist', 'm3', 't2', 'физика'),
     ('teacher_without_methodist', 'm1', 't3', 'математика'),
     ('young_specialist_without_support', 'm1', 't3', 'математика')]
    """
    norm = get_settings().load_norm if norm is None else norm
    found = candidates(store, territory_id, period, scope=scope, norm=norm)
    rows = [r for r in found if r.gap.kind in PRIORITY]
    # Gaps of one priority with the same open candidates at the same distances are
    # interchangeable: one node per such class (capacity: its size) keeps the network small
    # and the optimum the same.
    classes: dict[tuple[int, tuple[tuple[str, int], ...]], list[int]] = defaultdict(list)
    headroom: dict[str, int] = {}
    for i, row in enumerate(rows):
        open_ = tuple((c.methodist_id, c.distance) for c in row.candidates if c.headroom > 0)
        headroom.update((c.methodist_id, c.headroom) for c in row.candidates if c.headroom > 0)
        classes[(PRIORITY[row.gap.kind], open_)].append(i)
    reward = _rewards(len(rows))
    g = nx.DiGraph()
    for k, ((priority, open_), members) in enumerate(classes.items()):
        g.add_edge("source", ("class", k), capacity=len(members), weight=0)
        for mid, distance in open_:
            g.add_edge(("class", k), ("m", mid), capacity=len(members),
                       weight=distance - reward[priority])
    for mid, room in sorted(headroom.items()):
        g.add_edge(("m", mid), "sink", capacity=room, weight=0)
    flow = nx.max_flow_min_cost(g, "source", "sink") if headroom else {}
    chosen: dict[int, str] = {}
    for k, members in enumerate(classes.values()):
        sent = [(m[1], n) for m, n in flow.get(("class", k), {}).items() if n]
        queue = [mid for mid, n in sent for _ in range(n)]
        chosen.update(zip(members, queue, strict=False))
    assignments: list[Assignment] = []
    unclosable: list[Unclosable] = []
    for i, row in enumerate(rows):
        if i in chosen:
            c = next(c for c in row.candidates if c.methodist_id == chosen[i])
            assignments.append(Assignment(row.gap.kind, _EDGE[row.gap.kind], c.methodist_id,
                                          row.gap.node_id, row.gap.subject, c.distance))
        else:
            unclosable.append(_why(row))
    unclosable += [Unclosable(r.gap, "an individual route is built with the teacher; a plan "
                              "assigns no route (the candidates may build it)",
                              "ИОМ составляется вместе с педагогом; план его не назначает "
                              "(кандидаты могут его составить)")
                   for r in found if r.gap.kind not in PRIORITY]
    return Plan(territory_id, period, store.revision, norm, tuple(assignments),
                tuple(unclosable))


def _rewards(n: int) -> list[int]:
    """What closing a gap of each priority is worth, so that among plans closing as many gaps
    one more gap of a higher priority outweighs any number of lower ones and any distance.

    >>> _rewards(2)  # distance at most 2 per gap: 4 in all
    [45, 15, 5]
    """
    step = 2 * n + 1
    return [step * (n + 1) ** (len(PRIORITY) - 1 - k) for k in range(len(PRIORITY))]


def _why(row: GapCandidates) -> Unclosable:
    subject = row.gap.subject or "—"
    if not row.candidates:
        return Unclosable(row.gap, f"no methodist of {subject} within reach",
                          f"нет методиста по предмету «{subject}» в регионе")
    if all(c.headroom == 0 for c in row.candidates):
        return Unclosable(row.gap, f"every methodist of {subject} is at the load norm",
                          f"все методисты по предмету «{subject}» загружены по нормативу")
    return Unclosable(row.gap, f"the methodists of {subject} are full: their headroom went "
                      "to other gaps of this plan", f"у методистов по предмету «{subject}» не "
                      "осталось запаса нагрузки: он отдан другим пробелам плана")


@dataclass(frozen=True)
class WhatIf:
    """Gaps (by kind) and indicators before and after a plan, without writing it."""

    gaps_before: dict[str, int]
    gaps_after: dict[str, int]
    indicators_before: tuple[IndicatorValue, ...]
    indicators_after: tuple[IndicatorValue, ...]


def _copy(store: Store) -> MemoryStore:
    batch = Batch()
    for node in store.nodes():
        batch.nodes[node.id] = node
    for edge in store.edges():
        batch.edges[edge.id] = edge
    copy = MemoryStore()
    copy.write(batch)
    return copy


def _plan_batch(assignments: Iterable[Assignment], period: str) -> Batch:
    start = period_bounds(period)[0]
    batch = Batch()
    for a in assignments:
        batch.add(a.edge(start))
    return batch


@reads_together
def what_if(store: Store, proposal: Plan, *, scope: Scope = EVERYTHING) -> WhatIf:
    """The plan applied to an in-memory copy of the store: gaps and indicators before and after.

    The store itself is not written.

    >>> from graph.queries.demo import demo_store
    >>> s = demo_store()
    >>> w = what_if(s, plan(s, "RU-LEN-a", "2025-H1"))
    >>> w.gaps_before["teacher_without_methodist"], w.gaps_after["teacher_without_methodist"]
    (2, 0)
    """
    copy = _copy(store)
    copy.write(_plan_batch(proposal.assignments, proposal.period))

    def measure(s: Store) -> tuple[dict[str, int], tuple[IndicatorValue, ...]]:
        report = gap_report(s, territory_id=proposal.territory_id, period=proposal.period,
                            scope=scope)
        low = low_results_support(s, period=proposal.period,
                                  territory_id=proposal.territory_id, scope=scope)
        counts = {str(k): n for k, n in report.counts.items()}
        counts["low_results_school"] = sum(len(x.uncovered_subjects) for x in low.schools)
        return counts, tuple(indicators(s, territory_id=proposal.territory_id,
                                        period=proposal.period, scope=scope))

    (gb, ib), (ga, ia) = measure(store), measure(copy)
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
    revision: int | None, keep: Iterable[tuple[str, str]] | None = None, via: str = "",
) -> WriteSummary:
    """Write the plan's assignments (or those whose ``(source, target)`` are in ``keep``) in
    one all-or-nothing write within the caller's scope, and record it in the audit log.

    Refuses with :class:`StalePlan` when the store changed since ``revision`` (the plan's).

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
    kept = None if keep is None else set(keep)
    chosen = [a for a in proposal.assignments
              if kept is None or (a.source, a.target) in kept]
    batch = _plan_batch(chosen, proposal.period)
    summary = write_within(store, batch, scope=scope)
    record(store, actor, "plan_accept", target=f"{proposal.territory_id} {proposal.period}",
           counts={"edges": len(batch.edges)}, ids=sorted(batch.edges), via=via)
    return summary


def with_revision(proposal: Plan, revision: int | None) -> Plan:
    """The same plan said to be computed on ``revision`` (a plan read back from a file)."""
    return replace(proposal, revision=revision)
