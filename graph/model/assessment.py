"""School results per monitoring period: low results (ШНОР) and unreliable results."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field, model_validator

from graph.model.base import EdgeModel, NodeModel, Period
from graph.model.enums import AssessmentProcedure
from graph.rules import period_of

__all__ = ["Assessment", "HasAssessment", "period_of"]


class Assessment(NodeModel):
    """A school's measured results in a period, with the flags monitoring sets."""

    label: ClassVar[str] = "Assessment"
    period: Period
    procedure: AssessmentProcedure = AssessmentProcedure.combined
    low_results: bool = False
    unreliable_results: bool = False
    low_subjects: list[str] = Field(default_factory=list)  # subjects in which results are low
    date: dt.date | None = None

    @model_validator(mode="after")
    def _subjects_need_flag(self) -> Assessment:
        if self.low_subjects and not self.low_results:
            raise ValueError("low_subjects are given but low_results is not set")
        return self


class HasAssessment(EdgeModel):
    """A school's assessment."""

    type: ClassVar[str] = "HAS_ASSESSMENT"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Organization:school", "Assessment"),)
