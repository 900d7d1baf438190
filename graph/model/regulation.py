"""The knowledge part: regulations, their clauses, terms, duties and indicators."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field

from graph.model.base import EdgeModel, Id, NodeModel
from graph.model.enums import ActKind, DutyCategory, Level

__all__ = [
    "Cites",
    "Clause",
    "Defines",
    "Duty",
    "HasClause",
    "HasDuty",
    "HasIndicator",
    "Indicator",
    "Mentions",
    "Regulation",
    "StatedIn",
    "SubclauseOf",
    "Term",
]


class Regulation(NodeModel):
    """A normative document: a law, decree, order or a regulation (Положение)."""

    label: ClassVar[str] = "Regulation"
    title: str = Field(min_length=1)
    act_kind: ActKind = ActKind.other
    issuer: str | None = None
    date: dt.date | None = None
    number: str | None = None
    territory_id: Id | None = None
    level: Level | None = None
    source: str | None = None  # the file it was loaded from, for regulations with a text


class Clause(NodeModel):
    """A numbered part of a regulation (раздел, пункт, подпункт): ``3.2.4``."""

    label: ClassVar[str] = "Clause"
    regulation_id: Id
    number: str = Field(pattern=r"^\d+(\.\d+)*$")
    text: str = ""
    title: str | None = None

    @property
    def depth(self) -> int:
        return self.number.count(".") + 1


class Term(NodeModel):
    """A concept a regulation defines («термин» – определение)."""

    label: ClassVar[str] = "Term"
    name: str = Field(min_length=1)
    definition: str = ""
    regulation_id: Id
    abbreviation: str | None = None


class Duty(NodeModel):
    """What a regulation obliges a body to do (функция субъекта)."""

    label: ClassVar[str] = "Duty"
    text: str = Field(min_length=1)
    categories: list[DutyCategory] = Field(default_factory=list)
    regulation_id: Id
    clause_number: str | None = None


class Indicator(NodeModel):
    """A performance indicator a regulation defines (показатель эффективности)."""

    label: ClassVar[str] = "Indicator"
    text: str = Field(min_length=1)
    regulation_id: Id
    clause_number: str | None = None
    computable: bool = False
    code: str | None = None  # the query that computes it, when computable


class HasClause(EdgeModel):
    """A regulation and every one of its clauses."""

    type: ClassVar[str] = "HAS_CLAUSE"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Regulation", "Clause"),)


class SubclauseOf(EdgeModel):
    """A clause within its parent clause (3.2.4 within 3.2)."""

    type: ClassVar[str] = "SUBCLAUSE_OF"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Clause", "Clause"),)


class _Evidenced(EdgeModel):
    clause_id: Id | None = None


class Cites(_Evidenced):
    """A regulation's normative base cites another act."""

    type: ClassVar[str] = "CITES"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Regulation", "Regulation"),)


class Defines(_Evidenced):
    """A regulation defines a term."""

    type: ClassVar[str] = "DEFINES"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Regulation", "Term"),)


class HasDuty(_Evidenced):
    """A body has a duty, by a clause of a regulation."""

    type: ClassVar[str] = "HAS_DUTY"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Organization", "Duty"),)
    regulation_id: Id | None = None


class StatedIn(EdgeModel):
    """A duty, term or indicator and the clause it is stated in."""

    type: ClassVar[str] = "STATED_IN"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (
        ("Duty", "Clause"),
        ("Term", "Clause"),
        ("Indicator", "Clause"),
    )


class HasIndicator(_Evidenced):
    """A regulation defines a performance indicator."""

    type: ClassVar[str] = "HAS_INDICATOR"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Regulation", "Indicator"),)


class Mentions(_Evidenced):
    """A regulation names a body (as a subject, by one of its names)."""

    type: ClassVar[str] = "MENTIONS"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Regulation", "Organization"),)
    identity_fields: ClassVar[tuple[str, ...]] = ()
    name: str | None = None  # the name or abbreviation used
    rule: str | None = None  # how the name was resolved to the body
