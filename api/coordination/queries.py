"""Root fields of the coordination questions; each calls the query layer off the event loop."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types.nodes import SelectedField

from api import pagination as pages
from api.context import Info
from api.coordination.types import (
    GapReport,
    IndicatorValue,
    LowResultsSupport,
    MethodistLevel,
    MethodistLoadReport,
)
from api.questions import ask
from graph.errors import MethodnetError
from graph.queries.gaps import GapKind
from graph.queries.support import ResultsFlag

__all__ = ["CoordinationQuery", "counts_asked_only", "pages_reach"]

_TERRITORY = "a region (with its municipalities) or a municipality id, e.g. RU-LEN-vsevolozhsky"
_PERIOD = "a monitoring period, e.g. 2025-H1 (default: the latest / today)"


# The fields of a gap report that need no list: asked alone, the lists are not computed.
_COUNT_FIELDS = frozenset({"total", "counts", "territoryId", "period", "__typename"})


def counts_asked_only(info: Info) -> bool:
    """Whether the query asks a gap report for its counts only (no ``lists``, no ``ofKind``)."""
    return all(isinstance(sel, SelectedField) and sel.name in _COUNT_FIELDS
               for field in info.selected_fields for sel in field.selections)


def pages_reach(info: Info) -> int | None:
    """How far into each list of gaps the query's pages reach (the largest ``after`` position
    plus ``first`` of its ``items``), or ``None`` when it cannot tell (a fragment): then every
    list is read whole. A first screen reads only its first page of each list."""
    reach = 0
    for field in info.selected_fields:
        for sel in field.selections:
            if not isinstance(sel, SelectedField):
                return None
            if sel.name not in ("lists", "ofKind"):
                continue
            for sub in sel.selections:
                if not isinstance(sub, SelectedField):
                    return None
                if sub.name == "items":
                    try:
                        reach = max(reach, pages.reach(int(sub.arguments.get("first", 50)),
                                                       sub.arguments.get("after")))
                    except (MethodnetError, TypeError, ValueError):
                        return None  # the page itself says what is wrong
    return reach


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
        answer = await ask(info, "low_results_support", territory_id=territory_id,
                           period=period, flag=flag, subject=subject)
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
        counts_only = counts_asked_only(info)
        report = await ask(
            info, "gap_report", territory_id=territory_id, period=period, subject=subject,
            level=level.value if level else None, kinds=kinds, counts_only=counts_only,
            first=None if counts_only else pages_reach(info),
            norm=norm if norm is not None else info.context.settings.load_norm)
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
        report = await ask(
            info, "methodist_load", territory_id=territory_id, period=period, subject=subject,
            level=level.value if level else None,
            norm=norm if norm is not None else info.context.settings.load_norm)
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
        rows = await ask(info, "indicators", territory_id=territory_id, period=period,
                         compare_to=compare_to, codes=codes, by_district=by_district)
        return [IndicatorValue.from_value(r) for r in rows]
