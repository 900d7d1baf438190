"""Root fields of the coordination questions; each calls the query layer off the event loop."""

from __future__ import annotations

from typing import Annotated

import strawberry
from starlette.concurrency import run_in_threadpool

from api.context import Info
from api.coordination.types import (
    GapReport,
    IndicatorValue,
    LowResultsSupport,
    MethodistLevel,
    MethodistLoadReport,
)
from graph.queries.gaps import GapKind, gap_report
from graph.queries.indicators import indicators
from graph.queries.load import methodist_load
from graph.queries.support import ResultsFlag, low_results_support

__all__ = ["CoordinationQuery"]

_TERRITORY = "a region (with its municipalities) or a municipality id, e.g. RU-LEN-vsevolozhsky"
_PERIOD = "a monitoring period, e.g. 2025-H1 (default: the latest / today)"


@strawberry.type
class CoordinationQuery:
    @strawberry.field(description="Who supports each school flagged with low (or unreliable) "
                                  "results in a period, and which schools lack matching support.")
    async def low_results_support(
        self,
        info: Info,
        territory_id: Annotated[str | None, strawberry.argument(description=_TERRITORY)] = None,
        period: Annotated[str | None, strawberry.argument(description=_PERIOD)] = None,
        flag: ResultsFlag = ResultsFlag.low_results,
        subject: str | None = None,
    ) -> LowResultsSupport:
        answer = await run_in_threadpool(
            low_results_support, info.context.store, territory_id=territory_id or None,
            period=period or None, flag=flag, subject=subject or None, scope=info.context.scope,
        )
        return LowResultsSupport.from_answer(answer)

    @strawberry.field(description="Coverage gaps, each kind a paginated list with reasons.")
    async def gaps(
        self,
        info: Info,
        territory_id: Annotated[str | None, strawberry.argument(description=_TERRITORY)] = None,
        period: Annotated[str | None, strawberry.argument(description=_PERIOD)] = None,
        subject: str | None = None,
        level: MethodistLevel | None = None,
        norm: Annotated[int | None, strawberry.argument(
            description="teachers per methodist (default: the METHODNET_LOAD_NORM setting)")
        ] = None,
        kinds: list[GapKind] | None = None,
    ) -> GapReport:
        report = await run_in_threadpool(
            gap_report, info.context.store, territory_id=territory_id or None,
            period=period or None, subject=subject or None,
            level=level.value if level else None,
            norm=norm if norm is not None else info.context.settings.load_norm,
            kinds=list(kinds) if kinds else None, scope=info.context.scope,
        )
        return GapReport.from_report(report)

    @strawberry.field(description="Teachers and schools per methodist, and their distribution "
                                  "per territory.")
    async def methodist_load(
        self,
        info: Info,
        territory_id: Annotated[str | None, strawberry.argument(description=_TERRITORY)] = None,
        period: Annotated[str | None, strawberry.argument(description=_PERIOD)] = None,
        subject: str | None = None,
        level: MethodistLevel | None = None,
        norm: int | None = None,
    ) -> MethodistLoadReport:
        report = await run_in_threadpool(
            methodist_load, info.context.store, territory_id=territory_id or None,
            period=period or None, subject=subject or None,
            level=level.value if level else None,
            norm=norm if norm is not None else info.context.settings.load_norm,
            scope=info.context.scope,
        )
        return MethodistLoadReport.from_report(report)

    @strawberry.field(description="The regulations' computable indicators for a territory and "
                                  "period, with numerator, denominator and change.")
    async def indicators(
        self,
        info: Info,
        territory_id: Annotated[str | None, strawberry.argument(description=_TERRITORY)] = None,
        period: Annotated[str | None, strawberry.argument(description=_PERIOD)] = None,
        compare_to: str | None = None,
        codes: list[str] | None = None,
        by_district: bool = False,
    ) -> list[IndicatorValue]:
        rows = await run_in_threadpool(
            indicators, info.context.store, territory_id=territory_id or None,
            period=period or None, compare_to=compare_to or None,
            codes=list(codes) if codes else None, by_district=by_district,
            scope=info.context.scope,
        )
        return [IndicatorValue.from_value(r) for r in rows]
