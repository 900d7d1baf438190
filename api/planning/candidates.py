"""Candidates wherever a gap is shown: one batched question per district and period.

A page of gaps (or of flagged schools) asks each row for its candidates; the rows of one
request are gathered by a DataLoader and answered with one :func:`graph.queries.plan.candidates`
per territory and period, as the caller sees them.
"""

from __future__ import annotations

from collections import defaultdict

from starlette.concurrency import run_in_threadpool
from strawberry.dataloader import DataLoader

from api.context import Info
from graph.queries import plan as q
from graph.queries.scope import Scope
from graph.store.base import Store

__all__ = ["CandidateKey", "candidates_of", "plan_kind"]

CandidateKey = tuple[str, str, str, str]
"""``(territory id, period, plan gap kind, node id)``."""

_LOADER = "plan.candidates"


def plan_kind(kind: str) -> q.PlanGapKind | None:
    """The plan's gap kind for a gap report's kind (``None``: no candidate closes it)."""
    try:
        return q.PlanGapKind(kind)
    except ValueError:
        return None


def _batch(store: Store, scope: Scope, keys: list[CandidateKey]
           ) -> list[list[q.GapCandidates]]:
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for territory, period, kind, _ in keys:
        groups[(territory, period)].add(kind)
    found: dict[tuple[str, str, str, str], list[q.GapCandidates]] = defaultdict(list)
    for (territory, period), kinds in groups.items():
        for row in q.candidates(store, territory, period, scope=scope, kinds=kinds):
            found[(territory, period, row.gap.kind.value, row.gap.node_id)].append(row)
    return [found.get(k, []) for k in keys]


def _loader(info: Info) -> DataLoader[CandidateKey, list[q.GapCandidates]]:
    loaders = info.context.loaders
    if _LOADER not in loaders:
        store, scope = info.context.store, info.context.scope

        async def load(keys: list[CandidateKey]) -> list[list[q.GapCandidates]]:
            return await run_in_threadpool(_batch, store, scope, list(keys))

        loaders[_LOADER] = DataLoader(load)
    loader: DataLoader[CandidateKey, list[q.GapCandidates]] = loaders[_LOADER]
    return loader


async def candidates_of(info: Info, territory_id: str | None, period: str | None,
                        kind: str, node_id: str) -> list[q.GapCandidates]:
    """The gap rows (one per subject of a school, one for a teacher) of ``node_id`` and their
    candidates; none when the kind is not one a plan closes or the period is not known."""
    plan = plan_kind(kind)
    if plan is None or not territory_id or not period:
        return []
    return await _loader(info).load((territory_id, period, plan.value, node_id))
