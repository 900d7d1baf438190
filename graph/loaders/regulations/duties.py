"""Classifying a body's duties into the glossary's ``duty_category`` values by their lemmas."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.loaders.regulations.morph import lemma_sets, lemmas
from graph.model.enums import DutyCategory

__all__ = ["CATEGORY_PATTERNS", "duty_categories", "is_duty_list_head"]

_C = DutyCategory
# A category fits when one of its patterns' lemmas occur in order, at most two words apart, so
# inflection ("наставничества", "наставничеством") and small insertions do not matter.
CATEGORY_PATTERNS: dict[DutyCategory, tuple[tuple[str, ...], ...]] = {
    _C.low_results_support: (("низкий", "результат"), ("необъективный", "результат"),
                             ("сложный", "социальный", "условие"), ("шнор",), ("нор",),
                             ("неблагоприятный", "социальный", "условие"), ("шнсу",),
                             ("резильентность",), ("низкий", "успеваемость"),
                             ("низкий", "ор"),
                             ("низкий", "качество", "образование"), ("низкорезультативный",),
                             ("антирисковый",), ("риск", "снижение", "результат"),
                             ("зона", "риск", "результат"), ("школа", "зона", "риск"),
                             ("организация", "зона", "риск"), ("оо", "зона", "риск"),
                             ("риск", "неуспешность"), ("учебный", "неуспешность"),
                             ("сложный", "социальный", "контекст"),
                             ("неблагоприятный", "социальный", "контекст"),
                             ("низкий", "достижение"), ("низкий", "результативность"),
                             ("низкий", "качество", "подготовка"), ("низкий", "балл"),
                             ("отрицательный", "динамика", "результат"),
                             ("функционировать", "сложный", "условие"),
                             ("работать", "сложный", "условие"),
                             ("функционировать", "неблагоприятный", "условие"),
                             ("работать", "неблагоприятный", "условие")),
    _C.young_specialists: (("молодой", "педагог"), ("молодой", "кадр"),
                           ("молодой", "специалист"), ("до", "35"), ("первый", "три", "год")),
    _C.mentoring: (("наставничество",), ("наставник",), ("менторство",)),
    _C.diagnostics: (("диагностика",), ("диагностический",), ("выявление", "дефицит"),
                     ("выявление", "затруднение"), ("определение", "дефицит"),
                     ("выявлять", "дефицит"), ("дефицит",)),
    _C.individual_routes: (("индивидуальный", "образовательный", "маршрут"), ("иом",),
                           ("индивидуальный", "образовательный", "программа"),
                           ("индивидуализация",), ("персонификация",)),
    _C.pd_programmes: (("повышение", "квалификация"), ("профессиональный", "программа"),
                       ("переподготовка",), ("федеральный", "реестр"), ("стажировка",),
                       ("курс",), ("посткурсовой",), ("образовательный", "услуга")),
    _C.monitoring: (("мониторинг",), ("оценка", "эффективность"), ("показатель",),
                    ("анализ",), ("экспертиза",), ("оценка",)),
    _C.information: (("информирование",), ("информационный",), ("информация",),
                     ("сайт",), ("банк",), ("размещение",), ("ознакомление",),
                     ("предоставление", "данные")),
    _C.consulting: (("консультирование",), ("консультация",), ("консультативный",),
                    ("консультационный",)),
    _C.best_practices: (("лучший", "практика"), ("передовой", "опыт"), ("опыт",),
                        ("тиражирование",), ("горизонтальный", "обучение"),
                        ("инновационный", "практика"), ("эффективный", "практика")),
    _C.coordination: (("координация",), ("координировать",), ("взаимодействие",),
                      ("согласование",), ("соглашение",), ("сетевой",)),
}


_PROJECT_500 = re.compile(r"500\s*\+")
# The abbreviations for schools with low results in any case, spacing or inflection: «ШНОР»,
# «шнор», «Ш НОР», «ШНОРам», «ОО-НОР», «НОР-школы», «ШНСУ», «ОО НРО», «ШНРО».
_LOW_RESULTS_ABBR = re.compile(r"(?<![а-яёa-z])(?:ш\s?нор|нор|шнсу|ш?\s?нро)"
                               r"(?:[-–]?(?:ам|ами|ах|ов|ом|ы|е|у|а|ой))?(?![а-яёa-z])",
                               re.IGNORECASE)


def _fits(seq: tuple[frozenset[str], ...], pattern: tuple[str, ...]) -> bool:
    """Whether the pattern's lemmas occur in order, each within three words of the last."""
    starts = [i for i, forms in enumerate(seq) if pattern[0] in forms]
    for start in starts:
        pos = start
        for word in pattern[1:]:
            window = seq[pos + 1:pos + 4]
            offset = next((k for k, forms in enumerate(window) if word in forms), None)
            if offset is None:
                break
            pos = pos + 1 + offset
        else:
            return True
    return False


def duty_categories(text: str) -> list[DutyCategory]:
    """Every category a duty's words fit, in the glossary's order.

    >>> [c.value for c in duty_categories("оказание методической помощи педагогическим "
    ...  "работникам общеобразовательных организаций с низкими образовательными результатами")]
    ['low_results_support']
    >>> [c.value for c in duty_categories("развитие наставничества")]
    ['mentoring']
    >>> [c.value for c in duty_categories("организация внедрения целевой модели "
    ...  "наставничества педагогических работников в возрасте до 35 лет")]
    ['young_specialists', 'mentoring']
    """
    return list(_categories(text))


@lru_cache(maxsize=50_000)
def _categories(text: str) -> tuple[DutyCategory, ...]:
    seq = lemma_sets(text)
    present = frozenset().union(*seq)
    found = [c for c, patterns in CATEGORY_PATTERNS.items()
             if any(present.issuperset(p) and _fits(seq, p) for p in patterns)]
    if _C.low_results_support not in found and (_PROJECT_500.search(text)
                                                 or _LOW_RESULTS_ABBR.search(text)):
        found.insert(0, _C.low_results_support)  # the federal project for low-results schools
    return tuple(found)


def is_duty_list_head(text: str) -> bool:
    """Whether a paragraph introduces a body's duties: "Функции:", "Задачи ММС:", "…:".

    >>> is_duty_list_head("Функции:"), is_duty_list_head("Задачи РМС:")
    (True, True)
    """
    keys = lemmas(text)
    return bool(keys) and keys[0] in ("функция", "задача") and text.rstrip().endswith(":")
