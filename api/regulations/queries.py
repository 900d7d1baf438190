"""Root fields of the regulations' questions; each asks the registry's question."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.context import Info
from api.questions import ask
from api.regulations.types import Obligation, RegulationDiff

__all__ = ["RegulationsQuery"]


@strawberry.type
class RegulationsQuery:
    @strawberry.field(description="Who must perform a duty category, and by which clause of "
                                  "which regulation (the regulations are public: every caller "
                                  "reads them whole).")
    async def who_must(
        self, info: Info,
        category: Annotated[str, strawberry.argument(
            description="a duty category, e.g. low_results_support, mentoring")],
        territory_id: Annotated[str | None, strawberry.argument(
            description="only regulations of this territory (and its region or "
                        "municipalities)")] = None,
    ) -> list[Obligation]:
        rows = await ask(info, "who_must", category=category, territory_id=territory_id)
        return [Obligation.from_answer(o) for o in rows]

    @strawberry.field(description="What two regulations differ in: bodies, duty categories, "
                                  "and which body gets which category.")
    async def regulation_diff(self, info: Info, a_id: strawberry.ID,
                              b_id: strawberry.ID) -> RegulationDiff:
        diff = await ask(info, "regulation_diff", a_id=str(a_id), b_id=str(b_id))
        return RegulationDiff.from_answer(diff)
