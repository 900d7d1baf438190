"""GraphQL types of a plan: gaps, candidates, assignments, the gaps left open and what-if."""

from __future__ import annotations

import strawberry
from starlette.concurrency import run_in_threadpool

from api.context import Info
from api.coordination.types import IndicatorValue
from graph.queries import plan as q

__all__ = [
    "Assignment",
    "Candidate",
    "PlanGap",
    "PlanGapCount",
    "PlanResult",
    "Unclosable",
    "WhatIf",
]

PlanGapKind = strawberry.enum(q.PlanGapKind, name="PlanGapKind")
CandidateKind = strawberry.enum(q.CandidateKind, name="CandidateKind",
                                description="mentor (an experienced teacher of the same "
                                            "school), methodist, pool or community")


@strawberry.type(description="A gap a methodist could close: a school in a subject, or a teacher.")
class PlanGap:
    kind: PlanGapKind  # type: ignore[valid-type]
    node_id: strawberry.ID
    title: str
    territory_id: str | None
    subject: str | None

    @classmethod
    def from_gap(cls, g: q.PlanGap) -> PlanGap:
        return cls(kind=g.kind, node_id=strawberry.ID(g.node_id), title=g.title,
                   territory_id=g.territory_id, subject=g.subject)


@strawberry.type(description="A person or body who could close a gap, with the reasons of the "
                             "rank.")
class Candidate:
    candidate_id: strawberry.ID
    kind: CandidateKind  # type: ignore[valid-type]
    methodist_id: strawberry.ID = strawberry.field(
        deprecation_reason="candidates are not only methodists: use candidateId")
    title: str
    territory_id: str | None
    distance: int = strawberry.field(description="0 same district (or school), 1 regional, "
                                                 "2 another district")
    headroom: int = strawberry.field(description="assignments left before the norm")
    tie: bool = strawberry.field(description="already supports the school, or shares a "
                                             "community with the teacher")
    reasons: list[str]
    reasons_ru: list[str]

    @classmethod
    def from_candidate(cls, c: q.Candidate) -> Candidate:
        return cls(candidate_id=strawberry.ID(c.candidate_id), kind=c.kind,
                   methodist_id=strawberry.ID(c.candidate_id), title=c.title,
                   territory_id=c.territory_id, distance=c.distance, headroom=c.headroom,
                   tie=bool(c.tie), reasons=list(c.reasons), reasons_ru=list(c.reasons_ru))


@strawberry.type(description="A gap and its candidates, best first.")
class GapCandidates:
    gap: PlanGap
    candidates: list[Candidate]

    @classmethod
    def from_row(cls, row: q.GapCandidates, first: int) -> GapCandidates:
        return cls(gap=PlanGap.from_gap(row.gap),
                   candidates=[Candidate.from_candidate(c) for c in row.candidates[:first]])


@strawberry.type(description="A new edge the plan proposes: the candidate supports, mentors, "
                             "takes in (MEMBER_OF) or builds a new route with (HAS_ROUTE) the "
                             "target.")
class Assignment:
    gap_kind: PlanGapKind  # type: ignore[valid-type]
    edge_type: str
    source_id: strawberry.ID
    source_kind: CandidateKind  # type: ignore[valid-type]
    target_id: strawberry.ID
    subject: str | None
    distance: int

    @classmethod
    def from_assignment(cls, a: q.Assignment) -> Assignment:
        return cls(gap_kind=a.gap_kind, edge_type=a.edge_type,
                   source_id=strawberry.ID(a.source), source_kind=a.candidate_kind,
                   target_id=strawberry.ID(a.target), subject=a.subject,
                   distance=a.distance)


@strawberry.type(description="A gap the plan leaves open, and why.")
class Unclosable:
    gap: PlanGap
    reason: str
    reason_ru: str


@strawberry.type(description="How many gaps of a kind.")
class PlanGapCount:
    kind: str
    count: int


@strawberry.type(description="Gaps and indicators before and after the plan, side by side.")
class WhatIf:
    gaps_before: list[PlanGapCount]
    gaps_after: list[PlanGapCount]
    indicators_before: list[IndicatorValue]
    indicators_after: list[IndicatorValue]

    @classmethod
    def from_answer(cls, w: q.WhatIf) -> WhatIf:
        return cls(gaps_before=[PlanGapCount(kind=k, count=n) for k, n in w.gaps_before.items()],
                   gaps_after=[PlanGapCount(kind=k, count=n) for k, n in w.gaps_after.items()],
                   indicators_before=[IndicatorValue.from_value(v)
                                      for v in w.indicators_before],
                   indicators_after=[IndicatorValue.from_value(v)
                                     for v in w.indicators_after])


@strawberry.type(description="The plan that closes the most gaps of a territory and period.")
class PlanResult:
    territory_id: str
    period: str
    revision: str | None = strawberry.field(description="the store revision to accept it on")
    norm: int
    closed: list[PlanGapCount]
    assignment_count: int
    unclosable_count: int
    assignments: list[Assignment]
    unclosable: list[Unclosable]
    candidates: list[GapCandidates]
    plan: strawberry.Private[q.Plan]

    @strawberry.field(description="The plan applied without writing it: gaps and indicators "
                                  "before and after.")
    async def what_if(self, info: Info) -> WhatIf:
        answer = await run_in_threadpool(q.what_if, info.context.store, self.plan,
                                         scope=info.context.scope)
        return WhatIf.from_answer(answer)
