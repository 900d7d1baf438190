"""The entity lists' connections: a page of typed entities, the total, and counts grouped by a
property over every match (not only the page)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Generic, TypeVar

import strawberry

from api.pagination import Edge, PageInfo, paginate
from api.system.types import CountRow
from graph.model.base import NodeRecord

__all__ = ["EntityConnection", "GroupBy", "entity_page"]

T = TypeVar("T")
NONE = "(нет)"
"""The group of the entities without the property."""


@strawberry.enum(description="A property entities are counted by (`countBy`).")
class GroupBy(StrEnum):
    KIND = "kind"
    LEVEL = "level"
    TERRITORY = "territory_id"
    SCHOOL_KIND = "school_kind"
    COMMUNITY_KIND = "community_kind"
    ACT_KIND = "act_kind"
    SUBJECTS = "subjects"
    PERIOD = "period"
    PROCEDURE = "procedure"
    LOW_RESULTS = "low_results"
    STATUS = "status"
    INSTRUMENT = "instrument"


def count_by(records: Sequence[NodeRecord], prop: str) -> list[CountRow]:
    """How many records hold each value of ``prop`` (a list counts once per value), most first.

    >>> rows = count_by([NodeRecord("Organization", "a", {"kind": "school"}),
    ...                  NodeRecord("Organization", "b", {"kind": "school"}),
    ...                  NodeRecord("Organization", "c", {})], "kind")
    >>> [(r.name, r.count) for r in rows]
    [('school', 2), ('(нет)', 1)]
    """
    counts: Counter[str] = Counter()
    for rec in records:
        value = rec.props.get(prop)
        values = value if isinstance(value, list | tuple) else [value]
        counts.update({NONE if v is None or v == "" else str(v).lower()
                       if isinstance(v, bool) else str(v) for v in values or [None]})
    return [CountRow(name=k, count=n) for k, n in
            sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


@strawberry.type(name="Connection", description="A page of entities, the total, and counts "
                                                 "grouped by a property over every match.")
class EntityConnection(Generic[T]):
    page_info: PageInfo
    edges: list[Edge[T]]
    records: strawberry.Private[Sequence[NodeRecord]]

    @strawberry.field
    def nodes(self) -> list[T]:
        return [e.node for e in self.edges]

    @strawberry.field(description="how many of all the matches (every page) hold each value "
                                  "of the property, most first; `(нет)` for none")
    def count_by(self, field: GroupBy) -> list[CountRow]:
        return count_by(self.records, field.value)


def entity_page(records: Sequence[NodeRecord], first: int, after: str | None,
                convert: Callable[[NodeRecord], T]) -> EntityConnection[T]:
    """One page of ``records`` as entities, keeping every match for ``countBy``."""
    page = paginate(records, first, after, convert)
    return EntityConnection(page_info=page.page_info, edges=page.edges, records=records)
