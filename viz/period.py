"""Monitoring periods as pages write them; the rules of periods are :mod:`graph.rules`."""

from __future__ import annotations

from graph.rules import PeriodSpan, data_period, default_period, latest_period, period_parts

__all__ = ["PeriodSpan", "data_period", "default_period", "latest_period", "parse_period",
           "period_ru"]

parse_period = PeriodSpan.parse
"""Parse a period code; raises ``InvalidArgument`` (a ``MethodnetError``) if malformed.

>>> parse_period("2024-Y").end
datetime.date(2024, 12, 31)
"""

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
    parts = period_parts(text)
    if parts is None:
        return text
    year, part = parts
    if part == "Y":
        return f"{year} год"
    return f"{(_HALF | _QUARTER)[part]} {year}"
