"""Monitoring periods (``2025-H1``, ``2025-Q3``, ``2025-Y``): their days and the one before."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from graph.model.assessment import period_of
from graph.queries.area import period_bounds
from graph.queries.picture import assessed_periods
from graph.store.base import Store

__all__ = ["PeriodSpan", "data_period", "default_period", "latest_period", "parse_period",
           "period_ru"]

_PERIOD = re.compile(r"^(\d{4})-(H[12]|Q[1-4]|Y)$")


@dataclass(frozen=True)
class PeriodSpan:
    """A monitoring period with its first and last day.

    >>> p = parse_period("2025-H1")
    >>> p.start.isoformat(), p.end.isoformat(), p.previous().code
    ('2025-01-01', '2025-06-30', '2024-H2')
    >>> parse_period("2025-Q1").previous().code
    '2024-Q4'
    """

    code: str
    start: dt.date
    end: dt.date

    def previous(self) -> PeriodSpan:
        """The period of the same length just before this one."""
        year, part = self.code.split("-")
        y = int(year)
        if part == "Y":
            return parse_period(f"{y - 1}-Y")
        n = int(part[1])
        if n > 1:
            return parse_period(f"{y}-{part[0]}{n - 1}")
        return parse_period(f"{y - 1}-{part[0]}{2 if part[0] == 'H' else 4}")

    def overlaps(self, start: str | None, end: str | None) -> bool:
        """Whether a dated association (ISO strings, open ends allowed) holds during the period."""
        return (start is None or start <= self.end.isoformat()) and (
            end is None or end >= self.start.isoformat()
        )


def parse_period(code: str) -> PeriodSpan:
    """Parse a period code; raises ``InvalidArgument`` (a ``MethodnetError``) if malformed.

    >>> parse_period("2024-Y").end
    datetime.date(2024, 12, 31)
    """
    start, end = period_bounds(code)
    return PeriodSpan(code.strip(), start, end)


def default_period(store: Store) -> str:
    """The latest period any assessment in the store is for (or the current half-year)."""
    return latest_period(assessed_periods(store))


def latest_period(periods: list[str], today: dt.date | None = None) -> str:
    """The latest of the periods the data has, or the half-year of today when it has none.

    >>> latest_period(["2024-H2", "2025-H1"])
    '2025-H1'
    >>> latest_period([], dt.date(2025, 10, 1))
    '2025-H2'
    """
    valid = [p for p in periods if _PERIOD.match(p)]
    if valid:
        return max(valid, key=lambda p: parse_period(p).end)
    return period_of(today or dt.date.today())


_HALF = {"H1": "1-е полугодие", "H2": "2-е полугодие"}
_QUARTER = {"Q1": "1-й квартал", "Q2": "2-й квартал", "Q3": "3-й квартал", "Q4": "4-й квартал"}


def period_ru(code: str | None) -> str:
    """A period as a coordinator writes it; anything unlike a period is returned as it came.

    >>> period_ru("2025-H1"), period_ru("2024-Q3"), period_ru("2025-Y")
    ('1-е полугодие 2025', '3-й квартал 2024', '2025 год')
    >>> period_ru("весна")
    'весна'
    """
    text = (code or "").strip()
    m = _PERIOD.match(text)
    if not m:
        return text
    year, part = m.groups()
    if part == "Y":
        return f"{year} год"
    return f"{(_HALF | _QUARTER)[part]} {year}"


def data_period(store: Store) -> str:
    """The latest period in which monitoring flagged any school, so a first view shows the
    problem rather than a period where every count is zero; without flags, :func:`default_period`.

    >>> from graph.store import MemoryStore
    >>> from graph.model import Assessment, Batch
    >>> s = MemoryStore(); b = Batch()
    >>> b.add(Assessment(id="a1", period="2025-H1", low_results=True))
    >>> b.add(Assessment(id="a2", period="2025-H2"))
    >>> _ = s.write(b)
    >>> data_period(s), default_period(s)
    ('2025-H1', '2025-H2')
    """
    flagged = assessed_periods(store, flagged=True)
    return latest_period(flagged) if flagged else default_period(store)
