"""Performance indicators (показатели эффективности) and the codes of the computable ones."""

from __future__ import annotations

from graph.loaders.regulations.duties import _fits
from graph.loaders.regulations.morph import lemma_sets, lemmas

__all__ = ["INDICATOR_CODES", "indicator_code", "is_indicator_list_head"]

# The indicators the operational graph can compute, by code, with the lemmas that name them.
# The first code whose patterns all fit wins; graph.queries computes each code.
INDICATOR_CODES: dict[str, tuple[tuple[str, ...], ...]] = {
    "share_registry_programmes_from_diagnostics": (("доля",), ("федеральный", "реестр"),
                                                   ("диагностика",)),
    "share_teachers_with_routes": (("доля",), ("индивидуальный", "образовательный", "маршрут")),
    "share_teachers_diagnosed": (("доля",), ("пройти", "диагностика")),
    "share_young_specialists_supported": (("доля",), ("до", "35")),
    "teachers_per_regional_methodist": (("количество",), ("региональный", "методист")),
    "methodists_per_school": (("количество",), ("муниципальный", "методист"), ("закрепить",)),
    "share_schools_with_methodological_service": (("количество",), ("методический", "служба")),
}
"""Indicator code → lemma patterns that must all occur in its text (see docs/regulations.md)."""


def indicator_code(text: str) -> str | None:
    """The code of a computable indicator, or ``None`` when the graph cannot compute it.

    >>> indicator_code("доля педагогических работников и управленческих кадров, прошедших "
    ...                "диагностику профессиональных компетенций;")
    'share_teachers_diagnosed'
    >>> indicator_code("количество управленческих команд, принявших участие в программах") is None
    True
    """
    seq = lemma_sets(text)
    for code, patterns in INDICATOR_CODES.items():
        if all(_fits(seq, p) for p in patterns):
            return code
    return None


def is_indicator_list_head(text: str) -> bool:
    """Whether a paragraph introduces a list of indicators ("Показателями … являются:").

    >>> is_indicator_list_head("Показателями эффективности функционирования ММС являются:")
    True
    >>> is_indicator_list_head("Методы сбора информации и инструменты оценки показателей:")
    False
    """
    keys = lemmas(text)
    return bool(keys) and keys[0] == "показатель" and text.rstrip().endswith(":")
