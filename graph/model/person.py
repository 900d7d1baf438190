"""People (педагоги, руководители, методисты) and their places: employment, roles, membership."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field, field_validator, model_validator

from graph.model.base import DatedEdge, NodeModel
from graph.model.enums import PersonRole
from graph.rules import young_specialist

__all__ = [
    "EmployedAt",
    "HasRole",
    "MemberOf",
    "Person",
    "is_young_specialist",
]

_MEMBERSHIP_BODIES = (
    "Organization:council",
    "Organization:methodist_pool",
    "Organization:community",
    "Organization:curriculum_association",
)


class Person(NodeModel):
    """A person of the system. Roles are edges (``HAS_ROLE``), not properties."""

    label: ClassVar[str] = "Person"
    full_name: str = Field(min_length=1)
    birth_year: int | None = None
    career_start_year: int | None = None  # first year of pedagogical work
    subjects: list[str] = Field(default_factory=list)
    synthetic: bool = False  # made-up people must say so

    @field_validator("birth_year")
    @classmethod
    def _birth_year_plausible(cls, value: int | None) -> int | None:
        this_year = dt.date.today().year
        if value is not None and value > this_year:
            raise ValueError(f"birth year {value} is in the future")
        if value is not None and value < this_year - 110:
            raise ValueError(f"birth year {value} is more than 110 years ago")
        return value

    @model_validator(mode="after")
    def _career_after_birth(self) -> Person:
        if self.career_start_year is not None:
            if self.career_start_year > dt.date.today().year:
                raise ValueError(f"career start year {self.career_start_year} is in the future")
            if self.birth_year is not None and self.career_start_year < self.birth_year + 14:
                raise ValueError(
                    f"career start year {self.career_start_year} is less than 14 years "
                    f"after birth year {self.birth_year}"
                )
        return self


def is_young_specialist(person: Person, on: dt.date) -> bool:
    """Under 35 and in the first three years of work on the given day
    (:func:`graph.rules.young_specialist`).

    >>> p = Person(id="t1", full_name="Иванова А. А.", birth_year=2000, career_start_year=2024)
    >>> is_young_specialist(p, dt.date(2025, 9, 1))
    True
    >>> is_young_specialist(p, dt.date(2028, 9, 1))
    False
    """
    return young_specialist(person.birth_year, person.career_start_year, on)


class EmployedAt(DatedEdge):
    """A person works at an organization in a position."""

    type: ClassVar[str] = "EMPLOYED_AT"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Person", "Organization"),)
    position: str | None = None


class HasRole(DatedEdge):
    """A person holds a role in a body (e.g. regional methodist of ЦНППМ)."""

    type: ClassVar[str] = "HAS_ROLE"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Person", "Organization"),)
    identity_fields: ClassVar[tuple[str, ...]] = ("role", "start")
    role: PersonRole
    subjects: list[str] = Field(default_factory=list)


class MemberOf(DatedEdge):
    """Membership of a council, pool, community or УМО; ``is_chair`` for its chair."""

    type: ClassVar[str] = "MEMBER_OF"
    ends: ClassVar[tuple[tuple[str, str], ...]] = tuple(
        (src, body) for src in ("Person", "Organization") for body in _MEMBERSHIP_BODIES
    )
    is_chair: bool = False
    role: str | None = None  # e.g. «секретарь», «руководитель секции»
