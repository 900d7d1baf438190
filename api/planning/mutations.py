"""The ``acceptPlan`` mutation: write the pairs a coordinator keeps, all or nothing."""

from __future__ import annotations

import strawberry
from starlette.concurrency import run_in_threadpool

from api.context import Info
from api.planning.types import PlanGapKind
from api.system.types import WriteResult
from graph.errors import MethodnetError
from graph.queries import plan as q

__all__ = ["PlanningMutation"]


@strawberry.input(description="One assignment of the plan to keep: who takes the gap and the "
                              "target (and the gap's kind, when the two share several).")
class PlanPair:
    source_id: strawberry.ID
    target_id: strawberry.ID
    gap_kind: PlanGapKind | None = None  # type: ignore[valid-type]


def _accept(info: Info, territory_id: str, period: str, revision: str | None,
            pairs: list[PlanPair]) -> WriteResult:
    store, scope = info.context.store, info.context.scope
    try:
        number = None if revision is None else int(revision)
    except ValueError:
        raise MethodnetError(f"revision {revision!r} is not a number / версия {revision!r} "
                             "не число") from None
    q.check_revision(store, number)  # before the plan, so a stale plan is named as such
    p = q.plan(store, territory_id, period, scope=scope)
    offered: set[tuple[str, ...]] = {(a.source, a.target) for a in p.assignments}
    offered |= {(a.source, a.target, a.gap_kind.value) for a in p.assignments}
    keep: list[tuple[str, ...]] = [
        (str(x.source_id), str(x.target_id), *([x.gap_kind.value] if x.gap_kind else []))
        for x in pairs]
    strange = [f"{k[0]} → {k[1]}" for k in keep if k not in offered]
    if strange:
        raise MethodnetError(f"not in the plan: {', '.join(strange[:5])} / нет в плане: "
                             f"{', '.join(strange[:5])}")
    caller = info.context.caller
    summary = q.accept(store, p, scope=scope, actor=caller.name if caller else "in-process",
                       revision=number, keep=keep, via="graphql")
    return WriteResult.from_summary(summary)


@strawberry.type
class PlanningMutation:
    @strawberry.mutation(description="Accept the pairs kept of the plan computed on `revision`: "
                                     "new support and mentoring in one all-or-nothing write; "
                                     "refused when the store changed since.")
    async def accept_plan(self, info: Info, territory_id: str, period: str,
                          revision: str | None, pairs: list[PlanPair]) -> WriteResult:
        return await run_in_threadpool(_accept, info, territory_id, period, revision, pairs)
