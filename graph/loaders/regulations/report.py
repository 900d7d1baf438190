"""What a regulations load reports: what it skipped, and where, and how names were resolved."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["LoadReport", "Skipped"]


@dataclass(frozen=True)
class Skipped:
    """A piece of a text the loader did not turn into graph facts, and why."""

    regulation_id: str
    where: str  # the file
    line: int | None
    what: str
    reason: str

    def __str__(self) -> str:
        place = f"{self.where}:{self.line}" if self.line is not None else self.where
        return f"{place} [{self.regulation_id}] {self.what} — {self.reason}"


@dataclass
class LoadReport:
    """Everything a load noticed but did not turn into graph facts, plus the resolutions made.

    >>> r = LoadReport()
    >>> r.skip("reg-x", "x.txt", 12, "paragraph 'Цель: …'", "no pattern matched")
    >>> print(r.skipped[0])
    x.txt:12 [reg-x] paragraph 'Цель: …' — no pattern matched
    """

    skipped: list[Skipped] = field(default_factory=list)
    resolutions: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def skip(self, regulation_id: str, where: str, line: int | None, what: str,
             reason: str) -> None:
        self.skipped.append(Skipped(regulation_id, where, line, what, reason))

    def extend(self, other: LoadReport) -> None:
        self.skipped.extend(other.skipped)
        self.resolutions.extend(other.resolutions)
        self.counts.update(other.counts)

    def skipped_in(self, regulation_id: str) -> list[Skipped]:
        return [s for s in self.skipped if s.regulation_id == regulation_id]
