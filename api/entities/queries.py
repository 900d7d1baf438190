"""Root fields of the typed entities: one by id, and lists with filters, sorting and pages."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import strawberry
from starlette.concurrency import run_in_threadpool

from api.context import Info
from api.entities.loaders import loaders_of
from api.entities.types import (
    ENTITY_TYPES,
    Body,
    Node,
    Person,
    Regulation,
    School,
    entity_of,
)
from api.pagination import Connection, paginate
from graph.queries.entities import entities

__all__ = ["ENTITY_TYPES", "EntityOrder", "EntityQuery"]

_TERRITORY = "a region (with its municipalities) or a municipality"


@strawberry.enum(description="How a list of entities is ordered.")
class EntityOrder(StrEnum):
    ID = "id"
    TITLE = "title"


@strawberry.type
class EntityQuery:
    @strawberry.field(description="Any entity by id, typed (School, Person, Clause…); null "
                                  "when nothing the caller may see has this id. The untyped "
                                  "`node` stays as it was.")
    async def entity(self, info: Info, id: strawberry.ID) -> Node | None:
        rec = await loaders_of(info.context).nodes.load(str(id))
        return entity_of(rec) if rec is not None else None

    @strawberry.field(description="Schools, a page at a time.")
    async def schools(
        self, info: Info,
        territory_id: Annotated[str | None, strawberry.argument(description=_TERRITORY)] = None,
        name: Annotated[str | None, strawberry.argument(
            description="part of the name, any case")] = None,
        order_by: EntityOrder = EntityOrder.TITLE, first: int = 50, after: str | None = None,
    ) -> Connection[School]:
        found = await run_in_threadpool(
            entities, info.context.store, "Organization", where={"kind": "school"},
            territory_id=territory_id or None, name=name or None,
            order_by=order_by.value, scope=info.context.scope)
        return paginate(found, first, after, School.of)

    @strawberry.field(description="Bodies (every kind but schools), a page at a time.")
    async def bodies(
        self, info: Info,
        territory_id: Annotated[str | None, strawberry.argument(description=_TERRITORY)] = None,
        kind: str | None = None, level: str | None = None, name: str | None = None,
        order_by: EntityOrder = EntityOrder.TITLE, first: int = 50, after: str | None = None,
    ) -> Connection[Body]:
        where = {"level": level} if level else {}
        found = await run_in_threadpool(
            entities, info.context.store, "Organization", where=where,
            kinds=[kind] if kind else None, territory_id=territory_id or None,
            name=name or None, order_by=order_by.value, scope=info.context.scope)
        return paginate([n for n in found if n.props.get("kind") != "school"], first, after,
                        Body.of)

    @strawberry.field(description="People, of one role (teacher, regional_methodist…) if "
                                  "given, a page at a time.")
    async def people(
        self, info: Info,
        territory_id: Annotated[str | None, strawberry.argument(description=_TERRITORY)] = None,
        role: str | None = None, name: str | None = None,
        order_by: EntityOrder = EntityOrder.TITLE, first: int = 50, after: str | None = None,
    ) -> Connection[Person]:
        found = await run_in_threadpool(
            entities, info.context.store, "Person", role=role or None,
            territory_id=territory_id or None, name=name or None, order_by=order_by.value,
            scope=info.context.scope)
        return paginate(found, first, after, Person.of)

    @strawberry.field(description="Regulations, a page at a time.")
    async def regulations(
        self, info: Info,
        territory_id: Annotated[str | None, strawberry.argument(description=_TERRITORY)] = None,
        level: str | None = None, name: str | None = None,
        order_by: EntityOrder = EntityOrder.TITLE, first: int = 50, after: str | None = None,
    ) -> Connection[Regulation]:
        found = await run_in_threadpool(
            entities, info.context.store, "Regulation", where={"level": level} if level else {},
            territory_id=territory_id or None, name=name or None, order_by=order_by.value,
            scope=info.context.scope)
        return paginate(found, first, after, Regulation.of)
