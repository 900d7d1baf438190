"""Root fields of the typed entities: one by id, and lists with filters, sorting and pages."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import strawberry

from api.context import Info
from api.entities.connection import EntityConnection, entity_page
from api.entities.loaders import loaders_of
from api.entities.types import (
    ENTITY_TYPES,
    Assessment,
    Body,
    Diagnostic,
    IndividualRoute,
    Node,
    Person,
    Regulation,
    School,
    entity_of,
)
from api.offloop import off_the_loop
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
    ) -> EntityConnection[School]:
        found = await off_the_loop(
            entities, info.context.store, "Organization", where={"kind": "school"},
            territory_id=territory_id or None, name=name or None,
            order_by=order_by.value, scope=info.context.scope)
        return entity_page(found, first, after, School.of)

    @strawberry.field(description="Bodies (every kind but schools), a page at a time.")
    async def bodies(
        self, info: Info,
        territory_id: Annotated[str | None, strawberry.argument(description=_TERRITORY)] = None,
        kind: str | None = None, level: str | None = None, name: str | None = None,
        order_by: EntityOrder = EntityOrder.TITLE, first: int = 50, after: str | None = None,
    ) -> EntityConnection[Body]:
        where = {"level": level} if level else {}
        found = await off_the_loop(
            entities, info.context.store, "Organization", where=where,
            kinds=[kind] if kind else None, territory_id=territory_id or None,
            name=name or None, order_by=order_by.value, scope=info.context.scope)
        return entity_page([n for n in found if n.props.get("kind") != "school"], first, after,
                           Body.of)

    @strawberry.field(description="People, of one role (teacher, regional_methodist…) if "
                                  "given, a page at a time.")
    async def people(
        self, info: Info,
        territory_id: Annotated[str | None, strawberry.argument(description=_TERRITORY)] = None,
        role: str | None = None, name: str | None = None,
        order_by: EntityOrder = EntityOrder.TITLE, first: int = 50, after: str | None = None,
    ) -> EntityConnection[Person]:
        found = await off_the_loop(
            entities, info.context.store, "Person", role=role or None,
            territory_id=territory_id or None, name=name or None, order_by=order_by.value,
            scope=info.context.scope)
        return entity_page(found, first, after, Person.of)

    @strawberry.field(description="Regulations, a page at a time.")
    async def regulations(
        self, info: Info,
        territory_id: Annotated[str | None, strawberry.argument(description=_TERRITORY)] = None,
        level: str | None = None, name: str | None = None,
        order_by: EntityOrder = EntityOrder.TITLE, first: int = 50, after: str | None = None,
    ) -> EntityConnection[Regulation]:
        found = await off_the_loop(
            entities, info.context.store, "Regulation", where={"level": level} if level else {},
            territory_id=territory_id or None, name=name or None, order_by=order_by.value,
            scope=info.context.scope)
        return entity_page(found, first, after, Regulation.of)

    # -- records ---------------------------------------------------------------------------------
    @strawberry.field(description="Schools' assessments, a page at a time: of one period, "
                                  "flagged with low or unreliable results if asked; a "
                                  "territory's are those of its schools.")
    async def assessments(
        self, info: Info,
        territory_id: Annotated[str | None, strawberry.argument(description=_TERRITORY)] = None,
        period: str | None = None, low_results: bool | None = None,
        unreliable_results: bool | None = None, procedure: str | None = None,
        order_by: EntityOrder = EntityOrder.ID, first: int = 50, after: str | None = None,
    ) -> EntityConnection[Assessment]:
        where = _where(period=period, low_results=low_results,
                       unreliable_results=unreliable_results, procedure=procedure)
        found = await off_the_loop(
            entities, info.context.store, "Assessment", where=where,
            territory_id=territory_id or None, order_by=order_by.value,
            scope=info.context.scope)
        return entity_page(found, first, after, Assessment.of)

    @strawberry.field(description="Diagnostics of people's competencies, a page at a time; a "
                                  "territory's are those of the people who work there.")
    async def diagnostics(
        self, info: Info,
        territory_id: Annotated[str | None, strawberry.argument(description=_TERRITORY)] = None,
        instrument: str | None = None,
        order_by: EntityOrder = EntityOrder.ID, first: int = 50, after: str | None = None,
    ) -> EntityConnection[Diagnostic]:
        found = await off_the_loop(
            entities, info.context.store, "Diagnostic", where=_where(instrument=instrument),
            territory_id=territory_id or None, order_by=order_by.value,
            scope=info.context.scope)
        return entity_page(found, first, after, Diagnostic.of)

    @strawberry.field(description="Individual routes (ИОМ), a page at a time, of one status "
                                  "(active, completed, cancelled) if given; a territory's are "
                                  "those of the people who work there.")
    async def routes(
        self, info: Info,
        territory_id: Annotated[str | None, strawberry.argument(description=_TERRITORY)] = None,
        status: str | None = None,
        order_by: EntityOrder = EntityOrder.ID, first: int = 50, after: str | None = None,
    ) -> EntityConnection[IndividualRoute]:
        found = await off_the_loop(
            entities, info.context.store, "IndividualRoute", where=_where(status=status),
            territory_id=territory_id or None, order_by=order_by.value,
            scope=info.context.scope)
        return entity_page(found, first, after, IndividualRoute.of)


def _where(**values: object) -> dict[str, object]:
    """The property filters given (``None`` and ``""``: not filtered)."""
    return {k: v for k, v in values.items() if v is not None and v != ""}
