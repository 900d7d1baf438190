"""Territories: regions (субъекты РФ) and municipalities (районы, городские округа)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from graph.model.base import EdgeModel, Id, NodeModel

__all__ = ["LocatedIn", "Municipality", "Region"]


class Region(NodeModel):
    """A federal subject, e.g. Ленинградская область."""

    label: ClassVar[str] = "Region"
    name: str = Field(min_length=1)
    code: str | None = None  # ОКАТО / subject code, where known
    # Set by the regulations loader: a dataset may not redefine it (graph.loaders.dataset.guard).
    from_regulations: bool | None = None


class Municipality(NodeModel):
    """A municipal district or city district, e.g. Всеволожский район, город Зея."""

    label: ClassVar[str] = "Municipality"
    name: str = Field(min_length=1)
    region_id: Id
    code: str | None = None  # ОКТМО, where known
    # Set by the regulations loader: a dataset may not redefine it (graph.loaders.dataset.guard).
    from_regulations: bool | None = None


class LocatedIn(EdgeModel):
    """A body in a territory, or a municipality in its region."""

    type: ClassVar[str] = "LOCATED_IN"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (
        ("Organization", "Region"),
        ("Organization", "Municipality"),
        ("Municipality", "Region"),
    )
