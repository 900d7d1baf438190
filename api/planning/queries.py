"""The ``plan`` root field: the optimal plan of a territory and period, off the event loop."""

from __future__ import annotations

from typing import Annotated

import strawberry
from starlette.concurrency import run_in_threadpool

from api.context import Info
from api.planning.types import (
    Assignment,
    Candidate,
    GapCandidates,
    PlanGap,
    PlanGapCount,
    PlanResult,
    Unclosable,
)
from graph.queries import plan as q
from graph.queries.scope import Scope
from graph.store.base import Store

__all__ = ["PlanningQuery"]


def _answer(store: Store, territory_id: str, period: str, scope: Scope, norm: int | None,
            first: int, top: int) -> PlanResult:
    def work() -> PlanResult:
        p = q.plan(store, territory_id, period, scope=scope, norm=norm)
        found = p.candidates
        return PlanResult(
            territory_id=p.territory_id, period=p.period,
            revision=None if p.revision is None else str(p.revision), norm=p.norm,
            closed=[PlanGapCount(kind=k, count=n) for k, n in p.closed.items()],
            assignment_count=len(p.assignments), unclosable_count=len(p.unclosable),
            assignments=[Assignment.from_assignment(a) for a in p.assignments[:first]],
            unclosable=[Unclosable(gap=PlanGap.from_gap(u.gap), reason=u.reason,
                                   reason_ru=u.reason_ru) for u in p.unclosable[:first]],
            candidates=[GapCandidates(gap=PlanGap.from_gap(r.gap),
                                      candidates=[Candidate.from_candidate(c)
                                                  for c in r.candidates[:top]])
                        for r in found[:first]],
            plan=p)
    return store.read_together(work)


@strawberry.type
class PlanningQuery:
    @strawberry.field(description="The new support and mentoring that close the most gaps of a "
                                  "territory without breaking a load norm or a subject; the "
                                  "gaps left open with the reason; each gap's candidates.")
    async def plan(
        self,
        info: Info,
        territory_id: Annotated[str, strawberry.argument(
            description="a region or a municipality id, e.g. RU-LEN-tosnensky")],
        period: Annotated[str, strawberry.argument(description="e.g. 2025-H1")],
        norm: Annotated[int | None, strawberry.argument(
            description="load per methodist (default: the METHODNET_LOAD_NORM setting)")
        ] = None,
        most: Annotated[int, strawberry.argument(
            description="at most this many assignments, open gaps and gaps with candidates "
                        "(the counts say how many there are)")] = 100,
        candidates_per_gap: Annotated[int, strawberry.argument(
            description="at most this many candidates per gap")] = 5,
    ) -> PlanResult:
        return await run_in_threadpool(_answer, info.context.store, territory_id, period,
                                       info.context.scope, norm, most, candidates_per_gap)
