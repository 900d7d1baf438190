"""Bodies (организации, советы, службы, сообщества) and the relations between them."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, model_validator

from graph.model.base import DatedEdge, EdgeModel, Id, NodeModel
from graph.model.enums import CommunityKind, Level, OrganizationKind, SchoolKind

__all__ = [
    "AttachedTo",
    "Chairs",
    "Coordinates",
    "Guides",
    "HorizontalLearning",
    "InteractsWith",
    "InternshipSite",
    "Organization",
    "PartOf",
    "SubordinateTo",
]

_ORG = "Organization"
_SCHOOL = "Organization:school"


class Organization(NodeModel):
    """Any body of the support system; ``kind`` tells which (see the glossary)."""

    label: ClassVar[str] = "Organization"
    name: str = Field(min_length=1)
    kind: OrganizationKind
    level: Level
    short_name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    territory_id: Id | None = None
    school_kind: SchoolKind | None = None
    community_kind: CommunityKind | None = None
    subjects: list[str] = Field(default_factory=list)  # for subject communities and УМО sections
    # A generic name ("Комитет по образованию") must never be used to merge bodies.
    generic_name: bool = False
    # Set by the regulations loader: a dataset may not redefine it (graph.loaders.dataset.guard).
    from_regulations: bool | None = None

    @model_validator(mode="after")
    def _kind_details(self) -> Organization:
        if self.school_kind is not None and self.kind is not OrganizationKind.school:
            raise ValueError(f"school_kind is only for schools, not for kind {self.kind.value!r}")
        if self.kind is OrganizationKind.school and self.school_kind is None:
            self.school_kind = SchoolKind.general
        if self.community_kind is not None and self.kind is not OrganizationKind.community:
            raise ValueError(
                f"community_kind is only for communities, not for kind {self.kind.value!r}"
            )
        return self


class _BodyRelation(EdgeModel):
    """A relation between bodies, with the clause that states it where it comes from a text."""

    ends: ClassVar[tuple[tuple[str, str], ...]] = ((_ORG, _ORG),)
    clause_id: Id | None = None
    regulation_id: Id | None = None


class PartOf(_BodyRelation):
    """A structural unit of a body (структурное подразделение; «на базе»)."""

    type: ClassVar[str] = "PART_OF"


class AttachedTo(_BodyRelation):
    """A council attached to a body (совет «при» органе)."""

    type: ClassVar[str] = "ATTACHED_TO"


class Coordinates(_BodyRelation):
    """One body coordinates another's work (координирует)."""

    type: ClassVar[str] = "COORDINATES"


class Guides(_BodyRelation):
    """Scientific or methodological guidance (научное руководство)."""

    type: ClassVar[str] = "GUIDES"


class SubordinateTo(_BodyRelation):
    """An institution subordinate to an authority (подведомственно)."""

    type: ClassVar[str] = "SUBORDINATE_TO"


class InteractsWith(_BodyRelation):
    """Bodies that interact, by agreement or as the regulation says (взаимодействует)."""

    type: ClassVar[str] = "INTERACTS_WITH"


class Chairs(EdgeModel):
    """A person, or the head of a body, chairs a council (председатель)."""

    type: ClassVar[str] = "CHAIRS"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (
        ("Person", "Organization:council"),
        (_ORG, "Organization:council"),
        ("Person", "Organization:community"),
        ("Person", "Organization:methodist_pool"),
    )
    clause_id: Id | None = None
    regulation_id: Id | None = None


class HorizontalLearning(DatedEdge):
    """Schools that learn from each other (горизонтальное обучение)."""

    type: ClassVar[str] = "HORIZONTAL_LEARNING"
    ends: ClassVar[tuple[tuple[str, str], ...]] = ((_SCHOOL, _SCHOOL),)
    topic: str | None = None


class InternshipSite(DatedEdge):
    """A school designated an internship site (стажировочная площадка) by a body."""

    type: ClassVar[str] = "INTERNSHIP_SITE"
    ends: ClassVar[tuple[tuple[str, str], ...]] = ((_SCHOOL, _ORG),)
    topic: str | None = None
