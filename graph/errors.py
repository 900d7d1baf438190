"""The errors Methodnet raises: one root, one subclass per failure."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "EdgeEndError",
    "InvalidBatch",
    "MethodnetError",
    "NodeNotFound",
    "Problem",
    "StoreError",
    "StoreLocked",
    "StoreUnavailable",
]


class MethodnetError(Exception):
    """Root of every error Methodnet raises on purpose."""


class NodeNotFound(MethodnetError):
    """A node id that the store does not hold."""


class EdgeEndError(MethodnetError):
    """An edge whose source or target is of a kind the edge type does not allow."""


class StoreError(MethodnetError):
    """The store could not do what was asked (I/O, driver, server)."""


class StoreUnavailable(StoreError):
    """The store cannot be reached (Neo4j down, wrong address or credentials)."""


class StoreLocked(StoreError):
    """Another process holds the embedded store open for writing."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as the input allows.

    ``where`` is free-form ("people.csv", "batch"); ``row`` counts from 1 as a
    spreadsheet user sees it; ``column`` is the header or field name.
    """

    message: str
    where: str = ""
    row: int | None = None
    column: str | None = None
    message_ru: str = ""

    def __str__(self) -> str:
        place = self.where
        if self.row is not None:
            place += f", row {self.row}"
        if self.column:
            place += f", column {self.column!r}"
        text = self.message
        if self.message_ru and self.message_ru != self.message:
            text += f" / {self.message_ru}"
        # Values from the input are shown, never run by a terminal: control characters escaped.
        from graph.model.limits import printable

        return printable(f"{place}: {text}" if place else text)


@dataclass
class InvalidBatch(MethodnetError):
    """A batch of changes that cannot be accepted; nothing of it was written."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        head = f"{len(self.problems)} problem(s); nothing was written"
        shown = "\n".join(f"  - {p}" for p in self.problems[:50])
        more = f"\n  … and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        return f"{head}\n{shown}{more}"
