"""GraphQL types of the coordination questions: support, gaps, methodist load, indicators."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info
from api.pagination import Connection, paginate
from api.planning.candidates import candidates_of
from graph.queries import gaps, indicators, load, support
from graph.queries.area import Evidence

if TYPE_CHECKING:
    from api.planning.types import Candidate, GapCandidates

_PLANNING = "api.planning.types"
_CANDIDATES = ("Who could close it, best first, with the reasons of the rank "
               "(docs/planning.md); empty for a kind no plan closes or without a period.")

__all__ = [
    "Bucket",
    "EvidenceEdge",
    "Gap",
    "GapCount",
    "GapKindEnum",
    "GapList",
    "GapReport",
    "IndicatorSource",
    "IndicatorValue",
    "LoadDistribution",
    "LoadStats",
    "LowResultsSupport",
    "MethodistLevel",
    "MethodistLevelEnum",
    "MethodistLoad",
    "MethodistLoadReport",
    "ResultsFlagEnum",
    "SchoolSupport",
    "Supporter",
    "SupporterKindEnum",
]

ResultsFlagEnum = strawberry.enum(support.ResultsFlag, name="ResultsFlag",
                                  description="Which monitoring flag selects the schools.")
SupporterKindEnum = strawberry.enum(support.SupporterKind, name="SupporterKind",
                                    description="How a supporter stands to a school.")
GapKindEnum = strawberry.enum(gaps.GapKind, name="GapKind", description="Kinds of coverage gap.")


class MethodistLevel(StrEnum):
    """Which methodists: regional (ЦНППМ) or municipal (ММС)."""

    regional = "regional"
    municipal = "municipal"


MethodistLevelEnum = strawberry.enum(MethodistLevel, name="MethodistLevel")


@strawberry.type(description="An edge a finding rests on.")
class EvidenceEdge:
    edge_id: strawberry.ID
    type: str
    source: strawberry.ID
    target: strawberry.ID

    @classmethod
    def from_evidence(cls, e: Evidence) -> EvidenceEdge:
        return cls(edge_id=strawberry.ID(e.edge_id), type=e.type,
                   source=strawberry.ID(e.source), target=strawberry.ID(e.target))

    @classmethod
    def all_from(cls, items: tuple[Evidence, ...]) -> list[EvidenceEdge]:
        return [cls.from_evidence(e) for e in items]


# -- Q1 support of low-results schools ---------------------------------------------------------
@strawberry.type(description="A supporter of a school: direct when an edge joins it to the "
                             "school or its teachers.")
class Supporter:
    id: strawberry.ID
    label: str
    title: str
    kind: support.SupporterKind
    direct: bool
    subjects: list[str]
    teachers: list[strawberry.ID] = strawberry.field(
        description="the school's teachers it reaches; empty when it supports the school whole")
    evidence: list[EvidenceEdge]
    reason: str

    @classmethod
    def from_supporter(cls, s: support.Supporter) -> Supporter:
        return cls(id=strawberry.ID(s.id), label=s.label, title=s.title, kind=s.kind,
                   direct=s.direct, subjects=list(s.subjects),
                   teachers=[strawberry.ID(t) for t in s.teachers],
                   evidence=EvidenceEdge.all_from(s.evidence), reason=s.reason)


@strawberry.type(description="A flagged school, its supporters and the subjects they leave out.")
class SchoolSupport:
    school_id: strawberry.ID
    school_title: str
    territory_id: str | None
    assessment_id: strawberry.ID
    low_results: bool
    unreliable_results: bool
    low_subjects: list[str]
    supported: bool
    supporters: list[Supporter]
    covered_subjects: list[str]
    uncovered_subjects: list[str]
    evidence: list[EvidenceEdge]
    period: strawberry.Private[str | None] = None

    @strawberry.field(description="Each subject without support and who could take it. "
                                  + _CANDIDATES)
    async def candidates(self, info: Info, first: int = 3) -> list[
            Annotated[GapCandidates, strawberry.lazy(_PLANNING)]]:
        from api.planning.types import GapCandidates

        rows = await candidates_of(info, self.territory_id, self.period, "low_results_school",
                                   str(self.school_id))
        return [GapCandidates.from_row(r, first) for r in rows]

    @classmethod
    def from_school(cls, s: support.SchoolSupport, period: str | None = None
                    ) -> SchoolSupport:
        return cls(
            period=period,
            school_id=strawberry.ID(s.school_id), school_title=s.school_title,
            territory_id=s.territory_id, assessment_id=strawberry.ID(s.assessment_id),
            low_results=s.low_results, unreliable_results=s.unreliable_results,
            low_subjects=list(s.low_subjects), supported=s.supported,
            supporters=[Supporter.from_supporter(p) for p in s.supporters],
            covered_subjects=list(s.covered_subjects),
            uncovered_subjects=list(s.uncovered_subjects),
            evidence=EvidenceEdge.all_from(s.evidence),
        )


@strawberry.type(description="Support of the schools flagged in a period (ШНОР).")
class LowResultsSupport:
    period: str
    flag: support.ResultsFlag
    territory_id: str | None
    schools: list[SchoolSupport]
    unsupported: list[strawberry.ID] = strawberry.field(
        description="flagged schools without direct support")
    mismatched: list[strawberry.ID] = strawberry.field(
        description="supported schools whose support misses a subject of their low results")

    @classmethod
    def from_answer(cls, a: support.LowResultsSupport) -> LowResultsSupport:
        return cls(period=a.period, flag=a.flag, territory_id=a.territory_id,
                   schools=[SchoolSupport.from_school(s, a.period) for s in a.schools],
                   unsupported=[strawberry.ID(s) for s in a.unsupported],
                   mismatched=[strawberry.ID(s) for s in a.mismatched])


# -- Q2 coverage gaps -------------------------------------------------------------------------
@strawberry.type(description="One item the support system misses, with the reason.")
class Gap:
    kind: gaps.GapKind
    node_id: strawberry.ID
    label: str
    title: str
    territory_id: str | None
    reason: str
    reason_ru: str
    subject: str | None
    value: int | None
    evidence: list[EvidenceEdge]
    period: strawberry.Private[str | None] = None

    @strawberry.field(description=_CANDIDATES)
    async def candidates(self, info: Info, first: int = 3) -> list[
            Annotated[Candidate, strawberry.lazy(_PLANNING)]]:
        from api.planning.types import Candidate

        rows = await candidates_of(info, self.territory_id, self.period, self.kind.value,
                                   str(self.node_id))
        return [Candidate.from_candidate(c) for r in rows for c in r.candidates[:first]]

    @classmethod
    def from_gap(cls, g: gaps.Gap, period: str | None = None) -> Gap:
        return cls(kind=g.kind, node_id=strawberry.ID(g.node_id), label=g.label, title=g.title,
                   territory_id=g.territory_id, reason=g.reason, reason_ru=g.reason_ru,
                   subject=g.subject, value=g.value, evidence=EvidenceEdge.all_from(g.evidence),
                   period=period)


@strawberry.type(description="The gaps of one kind, a page at a time.")
class GapList:
    kind: gaps.GapKind
    count: int
    all_items: strawberry.Private[tuple[gaps.Gap, ...]]
    period: strawberry.Private[str | None] = None

    @strawberry.field(description="The gaps, a page at a time (in a stable order).")
    def items(self, first: int = 50, after: str | None = None) -> Connection[Gap]:
        # ``all_items`` may be the list's beginning only, as far as the query's pages reach
        # (api/coordination/queries.py): ``count`` is the whole list's.
        return paginate(self.all_items, first, after,
                        lambda g: Gap.from_gap(g, self.period), total=self.count)


@strawberry.type
class GapCount:
    kind: gaps.GapKind
    count: int


@strawberry.type(description="Every kind of coverage gap for a territory and period.")
class GapReport:
    territory_id: str | None
    period: str | None
    total: int
    counts: list[GapCount]
    lists: list[GapList]

    @strawberry.field(description="The list of one kind of gap.")
    def of_kind(self, kind: gaps.GapKind) -> GapList | None:
        return next((g for g in self.lists if g.kind == kind), None)

    @classmethod
    def from_report(cls, r: gaps.GapReport) -> GapReport:
        return cls(
            territory_id=r.territory_id, period=r.period, total=r.total,
            counts=[GapCount(kind=k, count=n) for k, n in r.counts.items()],
            lists=[GapList(kind=k, count=r.counts[k], all_items=v, period=r.period)
                   for k, v in r.gaps.items()],
        )


# -- Q3 methodist load ------------------------------------------------------------------------
@strawberry.type(description="A methodist's load: the teachers they support or tutor, the "
                             "schools they reach.")
class MethodistLoad:
    methodist_id: strawberry.ID
    title: str
    level: MethodistLevel
    body_id: strawberry.ID
    body_title: str
    territory_id: str | None
    subjects: list[str]
    teacher_count: int
    school_count: int
    teachers: list[strawberry.ID]
    schools: list[strawberry.ID]
    evidence: list[EvidenceEdge]

    @classmethod
    def from_load(cls, m: load.MethodistLoad) -> MethodistLoad:
        return cls(
            methodist_id=strawberry.ID(m.methodist_id), title=m.title,
            level=MethodistLevel(m.level), body_id=strawberry.ID(m.body_id),
            body_title=m.body_title, territory_id=m.territory_id, subjects=list(m.subjects),
            teacher_count=m.teacher_count, school_count=m.school_count,
            teachers=[strawberry.ID(t) for t in m.teachers],
            schools=[strawberry.ID(s) for s in m.schools],
            evidence=EvidenceEdge.all_from(m.evidence),
        )


@strawberry.type(description="Minimum, median, maximum and mean of counts.")
class LoadStats:
    min: int
    median: float
    max: int
    mean: float

    @classmethod
    def from_stats(cls, s: load.Stats) -> LoadStats:
        return cls(min=s.min, median=s.median, max=s.max, mean=s.mean)


@strawberry.type(description="How many methodists carry lower..upper teachers (upper null: "
                             "no bound).")
class Bucket:
    lower: int
    upper: int | None
    count: int


@strawberry.type(description="The load of the methodists of one territory (null: all).")
class LoadDistribution:
    territory_id: str | None
    methodists: int
    teachers: LoadStats
    schools: LoadStats
    histogram: list[Bucket]
    over_norm: list[strawberry.ID]

    @classmethod
    def from_distribution(cls, d: load.LoadDistribution) -> LoadDistribution:
        return cls(territory_id=d.territory_id, methodists=d.methodists,
                   teachers=LoadStats.from_stats(d.teachers),
                   schools=LoadStats.from_stats(d.schools),
                   histogram=[Bucket(lower=b.lower, upper=b.upper, count=b.count)
                              for b in d.histogram],
                   over_norm=[strawberry.ID(m) for m in d.over_norm])


@strawberry.type(description="Teachers and schools per methodist, per territory and overall.")
class MethodistLoadReport:
    norm: int
    by_territory: list[LoadDistribution]
    overall: LoadDistribution
    all_methodists: strawberry.Private[tuple[load.MethodistLoad, ...]]

    @strawberry.field(description="Every methodist's load, a page at a time (by id).")
    def methodists(self, first: int = 50, after: str | None = None) -> Connection[MethodistLoad]:
        return paginate(self.all_methodists, first, after, MethodistLoad.from_load)

    @classmethod
    def from_report(cls, r: load.MethodistLoadReport) -> MethodistLoadReport:
        return cls(norm=r.norm,
                   by_territory=[LoadDistribution.from_distribution(d) for d in r.by_territory],
                   overall=LoadDistribution.from_distribution(r.overall),
                   all_methodists=r.methodists)


# -- Q4 indicators ----------------------------------------------------------------------------
@strawberry.type(description="An Indicator node of a regulation that a computation answers.")
class IndicatorSource:
    indicator_id: strawberry.ID
    regulation_id: strawberry.ID
    clause_number: str | None


@strawberry.type(description="One indicator for one territory and period, with its numerator "
                             "and denominator.")
class IndicatorValue:
    code: str
    title: str
    unit: str
    territory_id: str | None
    period: str | None
    numerator: int
    denominator: int
    value: float | None
    numerator_means: str
    denominator_means: str
    sources: list[IndicatorSource]
    compare_to: str | None
    previous_value: float | None
    change: float | None

    @classmethod
    def from_value(cls, v: indicators.IndicatorValue) -> IndicatorValue:
        return cls(
            code=v.code, title=v.title, unit=v.unit, territory_id=v.territory_id,
            period=v.period, numerator=v.numerator, denominator=v.denominator, value=v.value,
            numerator_means=v.numerator_means, denominator_means=v.denominator_means,
            sources=[IndicatorSource(indicator_id=strawberry.ID(s.indicator_id),
                                     regulation_id=strawberry.ID(s.regulation_id),
                                     clause_number=s.clause_number) for s in v.sources],
            compare_to=v.compare_to, previous_value=v.previous_value, change=v.change,
        )
