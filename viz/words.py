"""The Russian words users read for the codes the data keeps: categories and indicators."""

from __future__ import annotations

from graph.model.enums import DutyCategory

__all__ = ["CATEGORY_NAMES", "INDICATOR_NAMES", "category_ru", "district_short", "indicator_ru",
           "school_name"]

CATEGORY_NAMES: dict[str, str] = {
    DutyCategory.low_results_support: "поддержка ШНОР",
    DutyCategory.young_specialists: "молодые педагоги",
    DutyCategory.mentoring: "наставничество",
    DutyCategory.diagnostics: "диагностика профессиональных компетенций",
    DutyCategory.individual_routes: "индивидуальные образовательные маршруты",
    DutyCategory.pd_programmes: "программы повышения квалификации",
    DutyCategory.monitoring: "мониторинг",
    DutyCategory.information: "информационное сопровождение",
    DutyCategory.consulting: "консультирование",
    DutyCategory.best_practices: "лучшие практики",
    DutyCategory.coordination: "координация",
}
"""A function's direction (``duty_category``) as a coordinator says it."""

INDICATOR_NAMES: dict[str, str] = {
    "share_teachers_diagnosed": "Прошли диагностику",
    "share_teachers_with_routes": "Педагоги с ИОМ",
    "share_registry_programmes_from_diagnostics": "ДПП из реестра по итогам диагностики",
    "share_young_specialists_supported": "Молодые педагоги с поддержкой",
    "teachers_per_regional_methodist": "Педагогов на регионального методиста",
    "methodists_per_school": "Муниципальных методистов на ОО",
    "share_schools_with_methodological_service": "ОО с методической службой",
}
"""Short Russian names of the computed indicators (the regulation's wording is the long one)."""


def category_ru(code: str) -> str:
    """A category's Russian name; an unknown code is returned as it came.

    >>> category_ru("monitoring"), category_ru("individual_routes")
    ('мониторинг', 'индивидуальные образовательные маршруты')
    """
    return CATEGORY_NAMES.get(code, code)


def indicator_ru(code: str, fallback: str | None = None) -> str:
    """An indicator's Russian name: ours, else ``fallback`` (its title in the data), else the code.

    >>> indicator_ru("share_registry_programmes_from_diagnostics")
    'ДПП из реестра по итогам диагностики'
    >>> indicator_ru("share_other", "Доля прочего")
    'Доля прочего'
    """
    return INDICATOR_NAMES.get(code) or fallback or code


def district_short(name: str) -> str:
    """A district as coordinators say it: «Тосненский район» for «Тосненский муниципальный
    район»; other names as they are.

    >>> district_short("Тосненский муниципальный район"), district_short("город Зея")
    ('Тосненский район', 'город Зея')
    """
    return name.replace(" муниципальный район", " район")


def school_name(title: str, district: str = "", town: str | None = None) -> str:
    """A school named so it cannot be taken for another: its short name with its town, or its
    district when the data has no town («СОШ № 5, г. Тосно», «СОШ № 3, Лужский район»).

    >>> school_name("СОШ № 5", "Тосненский муниципальный район", town="г. Тосно")
    'СОШ № 5, г. Тосно'
    >>> school_name("СОШ № 3", "Лужский муниципальный район")
    'СОШ № 3, Лужский район'
    >>> school_name("СОШ № 3")
    'СОШ № 3'
    """
    place = town or district_short(district)
    return f"{title}, {place}" if place and place not in title else title
