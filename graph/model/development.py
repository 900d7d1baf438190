"""Professional development: diagnostics, deficits, individual routes, programmes."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field, model_validator

from graph.model.base import DatedEdge, EdgeModel, Id, NodeModel
from graph.model.enums import RouteStatus

__all__ = [
    "Addresses",
    "Competency",
    "Completed",
    "Diagnostic",
    "HasDeficit",
    "HasDiagnostic",
    "HasRoute",
    "Includes",
    "IndividualRoute",
    "Programme",
    "ProvidedBy",
]


class Diagnostic(NodeModel):
    """An assessment of a person's professional competencies at a date."""

    label: ClassVar[str] = "Diagnostic"
    date: dt.date
    instrument: str | None = None  # e.g. «ЕФС: диагностика предметных компетенций»
    score: float | None = Field(default=None, ge=0, le=100)


class Competency(NodeModel):
    """A professional competency in which deficits are diagnosed."""

    label: ClassVar[str] = "Competency"
    name: str = Field(min_length=1)
    area: str | None = None  # предметная, методическая, психолого-педагогическая…
    subject: str | None = None


class IndividualRoute(NodeModel):
    """An individual route (ИОМ): a person's development plan built on their deficits."""

    label: ClassVar[str] = "IndividualRoute"
    created: dt.date
    status: RouteStatus = RouteStatus.active
    end: dt.date | None = None

    @model_validator(mode="after")
    def _end_after_created(self) -> IndividualRoute:
        if self.end and self.end < self.created:
            raise ValueError(
                f"route end {self.end.isoformat()} is before its creation "
                f"{self.created.isoformat()}"
            )
        return self


class Programme(NodeModel):
    """An additional professional programme (ДПП), e.g. a PD course."""

    label: ClassVar[str] = "Programme"
    title: str = Field(min_length=1)
    hours: int | None = Field(default=None, gt=0, le=2000)
    in_federal_registry: bool = False
    subject: str | None = None


class HasDiagnostic(EdgeModel):
    """A person took a diagnostic."""

    type: ClassVar[str] = "HAS_DIAGNOSTIC"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Person", "Diagnostic"),)


class HasDeficit(EdgeModel):
    """A deficit (профессиональный дефицит) in a competency, found by a diagnostic."""

    type: ClassVar[str] = "HAS_DEFICIT"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Person", "Competency"),)
    identity_fields: ClassVar[tuple[str, ...]] = ("diagnostic_id",)
    diagnostic_id: Id | None = None
    date: dt.date | None = None
    severity: int | None = Field(default=None, ge=1, le=3)


class HasRoute(EdgeModel):
    """A person's individual route."""

    type: ClassVar[str] = "HAS_ROUTE"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Person", "IndividualRoute"),)


class Addresses(EdgeModel):
    """A route addresses a competency deficit."""

    type: ClassVar[str] = "ADDRESSES"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("IndividualRoute", "Competency"),)


class Includes(EdgeModel):
    """A route includes a programme."""

    type: ClassVar[str] = "INCLUDES"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("IndividualRoute", "Programme"),)


class ProvidedBy(EdgeModel):
    """A programme is run by an organization."""

    type: ClassVar[str] = "PROVIDED_BY"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Programme", "Organization"),)


class Completed(DatedEdge):
    """A person completed a programme; ``from_diagnostic`` if chosen on a diagnostic's results."""

    type: ClassVar[str] = "COMPLETED"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Person", "Programme"),)
    from_diagnostic: bool = False
