"""School subjects, competencies and programmes the generator draws from."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ADDITIONAL_SUBJECTS",
    "COMPETENCIES",
    "GENERAL_COMPETENCIES",
    "LOW_RESULT_SUBJECTS",
    "PRESCHOOL_SUBJECT",
    "SCHOOL_SUBJECTS",
    "SUBJECT_PAIRS",
    "SUBJECT_SLUGS",
    "VOCATIONAL_SUBJECT",
    "Competency",
    "Programme",
    "programmes_for",
    "subject_competency",
]

# Subject -> (slug for ids, share of a general school's teachers whose first subject it is).
_SUBJECTS: dict[str, tuple[str, float]] = {
    "начальные классы": ("primary", 0.20),
    "русский язык": ("russian", 0.10),
    "литература": ("literature", 0.03),
    "математика": ("math", 0.11),
    "информатика": ("informatics", 0.03),
    "физика": ("physics", 0.03),
    "химия": ("chemistry", 0.025),
    "биология": ("biology", 0.03),
    "география": ("geography", 0.025),
    "история": ("history", 0.04),
    "обществознание": ("social", 0.02),
    "английский язык": ("english", 0.08),
    "немецкий язык": ("german", 0.01),
    "физическая культура": ("pe", 0.06),
    "ОБЗР": ("obzr", 0.015),
    "музыка": ("music", 0.02),
    "изобразительное искусство": ("art", 0.015),
    "труд (технология)": ("technology", 0.03),
}
PRESCHOOL_SUBJECT = "дошкольное образование"
VOCATIONAL_SUBJECT = "профессиональные дисциплины"
SCHOOL_SUBJECTS: tuple[str, ...] = tuple(_SUBJECTS)
SUBJECT_WEIGHTS: tuple[float, ...] = tuple(w for _, w in _SUBJECTS.values())
SUBJECT_SLUGS: dict[str, str] = {
    **{s: slug for s, (slug, _) in _SUBJECTS.items()},
    PRESCHOOL_SUBJECT: "preschool",
    VOCATIONAL_SUBJECT: "vocational",
}
# The second subject a teacher of the first commonly also teaches.
SUBJECT_PAIRS: dict[str, str] = {
    "русский язык": "литература",
    "литература": "русский язык",
    "математика": "информатика",
    "информатика": "математика",
    "физика": "информатика",
    "химия": "биология",
    "биология": "химия",
    "география": "биология",
    "история": "обществознание",
    "обществознание": "история",
    "английский язык": "немецкий язык",
    "музыка": "изобразительное искусство",
    "изобразительное искусство": "труд (технология)",
    "физическая культура": "ОБЗР",
    "ОБЗР": "физическая культура",
}
ADDITIONAL_SUBJECTS: tuple[str, ...] = (
    "музыка", "изобразительное искусство", "физическая культура", "труд (технология)",
    "информатика",
)
# Results are measured (ВПР, ОГЭ, ЕГЭ) and flagged low in these.
LOW_RESULT_SUBJECTS: tuple[str, ...] = (
    "математика", "русский язык", "физика", "химия", "биология", "история", "обществознание",
    "английский язык", "география", "информатика",
)


@dataclass(frozen=True, slots=True)
class Competency:
    """A competency row: id, name, area and the subject it belongs to (if any)."""

    id: str
    name: str
    area: str
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class Programme:
    """A programme row before its provider and id prefix are known."""

    slug: str
    title: str
    hours: int
    in_federal_registry: bool
    subject: str | None
    competency_id: str


GENERAL_COMPETENCIES: tuple[Competency, ...] = (
    Competency("comp-fg", "Формирование функциональной грамотности обучающихся", "методическая"),
    Competency("comp-assessment", "Формирующее оценивание и работа с результатами оценочных "
               "процедур", "методическая"),
    Competency("comp-fop", "Реализация обновлённых ФГОС и ФОП", "методическая"),
    Competency("comp-digital", "Цифровые образовательные ресурсы и ФГИС «Моя школа»",
               "цифровая"),
    Competency("comp-inclusion", "Обучение детей с ОВЗ и инклюзивная практика",
               "психолого-педагогическая"),
    Competency("comp-upbringing", "Воспитательная работа и классное руководство",
               "психолого-педагогическая"),
    Competency("comp-communication", "Коммуникация с родителями и конфликтология",
               "коммуникативная"),
)


def subject_competency(subject: str) -> Competency:
    """The subject competency of a subject («предметные компетенции»).

    >>> subject_competency("математика").id
    'comp-subj-math'
    """
    return Competency(
        f"comp-subj-{SUBJECT_SLUGS[subject]}",
        f"Предметные компетенции: {subject}",
        "предметная",
        subject,
    )


COMPETENCIES: tuple[Competency, ...] = (
    *(subject_competency(s) for s in (*SCHOOL_SUBJECTS, PRESCHOOL_SUBJECT, VOCATIONAL_SUBJECT)),
    *GENERAL_COMPETENCIES,
)


def programmes_for() -> tuple[Programme, ...]:
    """The catalogue of programmes every region offers: one per competency.

    Roughly a third are in the federal registry (Федеральный реестр ДПП), as in 004 §3.1.

    >>> p = programmes_for()
    >>> len(p) == len(COMPETENCIES), sum(x.in_federal_registry for x in p) > 0
    (True, True)
    """
    out = []
    for i, comp in enumerate(COMPETENCIES):
        if comp.subject:
            title = f"Совершенствование предметных компетенций: {comp.subject}"
        else:
            title = comp.name
        out.append(Programme(
            slug=comp.id.removeprefix("comp-"),
            title=title,
            hours=(36, 72, 24, 48)[i % 4],
            in_federal_registry=i % 3 == 0,
            subject=comp.subject,
            competency_id=comp.id,
        ))
    return tuple(out)
