"""Base classes for nodes and edges, and the flat records the stores keep."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from graph.model.limits import MAX_ID_LENGTH, check_text
from graph.rules import PERIOD_PATTERN, active_on

__all__ = [
    "DatedEdge",
    "EdgeModel",
    "EdgeRecord",
    "Id",
    "NodeModel",
    "NodeRecord",
    "Period",
    "Scalar",
    "edge_id",
]

# Ids are stable strings chosen by the data's owner; whitespace and the characters the edge id
# uses as separators are kept out so that an edge id can be split back unambiguously.
Id = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_ID_LENGTH,
                      pattern=r"^[^\s|>@]+$"),
]
Period = Annotated[str, StringConstraints(pattern=PERIOD_PATTERN)]
"""A monitoring period: ``2025-H1``, ``2025-Q3`` or a whole year ``2025-Y``."""

Scalar = str | int | float | bool | list[str] | list[int] | list[float] | None


@dataclass(frozen=True, slots=True)
class NodeRecord:
    """A node as the stores keep it: a label, an id and flat properties."""

    label: str
    id: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EdgeRecord:
    """An edge as the stores keep it; ``id`` is derived from type, ends and key."""

    type: str
    source: str
    target: str
    key: str = ""
    props: dict[str, Any] = field(default_factory=dict)
    id: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Computed once: stores and loaders look edges up by id many times.
        object.__setattr__(self, "id", edge_id(self.type, self.source, self.target, self.key))


def edge_id(type_: str, source: str, target: str, key: str = "") -> str:
    """The identity of an edge, the same in both stores.

    Ids cannot hold ``|``, ``>`` or ``@`` and the key escapes its parts (see
    :meth:`EdgeModel.key`), so two different edges never get the same id.

    >>> edge_id("SUPPORTS", "p1", "s1", "math@2025-09-01")
    'p1|SUPPORTS>s1@math@2025-09-01'
    """
    base = f"{source}|{type_}>{target}"
    return f"{base}@{key}" if key else base


def _escape_key_part(text: str) -> str:
    return text.replace("%", "%25").replace("@", "%40")


def _flatten(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [_flatten(v) for v in value]
    if hasattr(value, "value"):  # enums
        return value.value
    return value


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_assignment=True,
        use_enum_values=False,
    )

    @field_validator("*", mode="after")
    @classmethod
    def _clean_text(cls, value: Any, info: ValidationInfo) -> Any:
        """Every text value within its field's length, without control characters."""
        if isinstance(value, str):
            return check_text(value, info.field_name or "")
        if isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    check_text(item, info.field_name or "")
        return value

    def props(self) -> dict[str, Any]:
        """Flat, JSON-ready properties: dates as ISO strings, enums as values, no ``None``."""
        data = self.model_dump(mode="json", exclude_none=True)
        # Empty lists are kept out too: Neo4j cannot tell an empty list's element type, and
        # "no aliases" reads the same either way.
        return {k: v for k, v in data.items() if v != []}


class NodeModel(_Model):
    """A node: every kind has a ``label`` and a stable string ``id``."""

    label: ClassVar[str] = ""
    id: Id

    def to_record(self) -> NodeRecord:
        props = self.props()
        return NodeRecord(self.label, props.pop("id"), props)

    @classmethod
    def from_record(cls, record: NodeRecord) -> NodeModel:
        return cls.model_validate({"id": record.id, **record.props})


class EdgeModel(_Model):
    """An edge between two nodes, with the node kinds it may join.

    ``ends`` lists the allowed (source, target) pairs as ``"Label"`` or
    ``"Label:kind"`` (for organizations, the kind must match too).
    """

    type: ClassVar[str] = ""
    ends: ClassVar[tuple[tuple[str, str], ...]] = ()
    identity_fields: ClassVar[tuple[str, ...]] = ()

    source: Id
    target: Id

    @model_validator(mode="after")
    def _no_self_loop(self) -> EdgeModel:
        if self.source == self.target:
            raise ValueError(f"{self.type} edge cannot join {self.source!r} to itself")
        return self

    def key(self) -> str:
        """The part of the identity beyond type and ends (for dated or per-subject edges).

        The parts are joined by ``@``; an ``@`` or ``%`` inside a part is escaped as ``%40`` or
        ``%25``, so the key splits back into its parts and different parts never give the same
        key (keys of values without those characters are as they always were).

        >>> from graph.model import Supports
        >>> Supports(source="p1", target="s1", subject="a@2025-09-01").key()
        'a%402025-09-01'
        >>> Supports(source="p1", target="s1", subject="a", start="2025-09-01").key()
        'a@2025-09-01'
        """
        parts = []
        for name in self.identity_fields:
            value = getattr(self, name)
            parts.append("" if value is None else _escape_key_part(str(_flatten(value))))
        return "@".join(parts).rstrip("@") if any(parts) else ""

    def to_record(self) -> EdgeRecord:
        props = self.props()
        source, target = props.pop("source"), props.pop("target")
        return EdgeRecord(self.type, source, target, self.key(), props)

    @classmethod
    def from_record(cls, record: EdgeRecord) -> EdgeModel:
        return cls.model_validate({"source": record.source, "target": record.target,
                                   **record.props})


class DatedEdge(EdgeModel):
    """An association valid from ``start`` to ``end`` (open if ``end`` is absent).

    The start date is part of the identity, so a renewed association is a new edge and the
    history is kept (as Ed-Fi's assignment associations do).
    """

    identity_fields: ClassVar[tuple[str, ...]] = ("start",)

    start: dt.date | None = None
    end: dt.date | None = None

    @model_validator(mode="after")
    def _end_after_start(self) -> DatedEdge:
        if self.start and self.end and self.end < self.start:
            raise ValueError(
                f"end date {self.end.isoformat()} is before start date {self.start.isoformat()}"
            )
        return self

    def active_on(self, day: dt.date) -> bool:
        """Whether the association holds on ``day`` (:func:`graph.rules.active_on`)."""
        return active_on({"start": self.start, "end": self.end}, day)


_NAME_RE = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    """Collapse runs of white space, as names from spreadsheets often carry them."""
    return _NAME_RE.sub(" ", text).strip()
