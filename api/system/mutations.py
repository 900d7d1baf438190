"""Writes a coordinator makes by hand: assigning a methodist's support."""

from __future__ import annotations

import datetime as dt

import strawberry
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from api.context import Info
from api.system.types import WriteResult
from graph.errors import MethodnetError
from graph.model import SupportKind, Supports
from graph.queries.writes import assign_support

__all__ = ["SystemMutation"]

SupportKindEnum = strawberry.enum(SupportKind, name="SupportKind")


@strawberry.input(description="Who supports whom (закрепление методиста, адресная поддержка).")
class SupportInput:
    source_id: strawberry.ID
    target_id: strawberry.ID
    subject: str | None = None
    kind: SupportKindEnum = SupportKind.methodological  # type: ignore[valid-type]
    start: dt.date | None = None
    end: dt.date | None = None


@strawberry.type
class SystemMutation:
    @strawberry.mutation(description="Record that a methodist or body supports a school or person.")
    async def assign_support(self, info: Info, input: SupportInput) -> WriteResult:
        try:
            edge = Supports(source=str(input.source_id), target=str(input.target_id),
                            subject=input.subject, kind=input.kind, start=input.start,
                            end=input.end)
        except ValidationError as e:
            raise MethodnetError("; ".join(err["msg"] for err in e.errors())) from None
        # Both ends must be writable by the caller; a hidden end is refused like an unknown one.
        summary = await run_in_threadpool(assign_support, info.context.store, edge,
                                          scope=info.context.scope)
        return WriteResult.from_summary(summary)
