"""A tiny hand-built network whose answers to questions 5–8 are known by construction.

Two districts of Ленинградская область and one city of Амурская область. Bodies (V = the
Vsevolozhsk district's ``LEN-vsevolozhsky-…``)::

    LEN-koipo ─COORDINATES─▶ V-ko ◀─SUBORDINATE_TO─ sch-v1, sch-v2, sch-v3
       ▲                      ▲
    SUBORDINATE_TO       SUBORDINATE_TO        sch-v1-sms PART_OF sch-v1
    LEN-loiro                V-mms ◀─ATTACHED_TO─ V-pool      shmo-v1-math PART_OF sch-v1-sms
       ▲                      ▲  └─COORDINATES─▶ V-mo-math
    PART_OF ── LEN-cnppm ─COORDINATES─┘

People: t1 (young, sch-v1, member of the district's maths association), t2 (sch-v2), t3 (sch-v3,
nobody supports it), t4 (sch-l1), t5 (sch-l2), tz (sch-z1); m1 regional methodist of ЦНППМ
(supports t1 in maths), m2 municipal methodist of the Vsevolozhsk service and member of its pool
(supports the low-results school sch-v2, tutors t2), mentor1 (sch-v1, pool member, mentors t1),
m3 municipal methodist of Luga (pool member, supports no one).
Horizontal learning: sch-v1 → sch-v2, sch-l1 → sch-l2. Internship site: sch-v1 (by ЛОИРО).
Low results in 2025-H1: sch-v2 (математика), sch-l1 (русский язык); ЦНППМ curates sch-l1.
Duties: the generic municipal pools (004 §3.3.2: low-results support, mentoring, young
specialists); ЦНППМ (004 §3.2.4: programmes, diagnostics, monitoring); the Vsevolozhsk service
(001 §2.1: coordination, individual routes).
"""

from __future__ import annotations

import datetime as dt

from graph.model import (
    Assessment,
    AttachedTo,
    Batch,
    Clause,
    Coordinates,
    Curates,
    Diagnostic,
    Duty,
    EmployedAt,
    HasAssessment,
    HasDiagnostic,
    HasDuty,
    HasRole,
    HasRoute,
    HorizontalLearning,
    IndividualRoute,
    InternshipSite,
    MemberOf,
    Mentors,
    Municipality,
    Organization,
    PartOf,
    Person,
    Programme,
    ProvidedBy,
    Region,
    Regulation,
    SubordinateTo,
    Supports,
    Tutors,
)
from graph.store.base import Store

__all__ = ["DAY", "build", "load", "more"]

DAY = dt.date(2025, 10, 1)
V, L, Z = "RU-LEN-vsevolozhsky", "RU-LEN-luzhsky", "RU-AMU-zeya"


def _org(id_: str, name: str, kind: str, level: str, territory: str, **kw: object) -> Organization:
    return Organization(id=id_, name=name, kind=kind, level=level, territory_id=territory, **kw)


def build() -> Batch:
    """The batch of the whole dataset."""
    b = Batch()
    add = b.add
    add(Region(id="RU-LEN", name="Ленинградская область"))
    add(Region(id="RU-AMU", name="Амурская область"))
    add(Municipality(id=V, name="Всеволожский муниципальный район", region_id="RU-LEN"))
    add(Municipality(id=L, name="Лужский муниципальный район", region_id="RU-LEN"))
    add(Municipality(id=Z, name="город Зея", region_id="RU-AMU"))

    add(_org("LEN-koipo", "Комитет общего и профессионального образования Ленинградской области",
             "education_authority", "regional", "RU-LEN", short_name="КОиПО ЛО"))
    add(_org("LEN-loiro", "Ленинградский областной институт развития образования",
             "development_institute", "regional", "RU-LEN", short_name="ГАОУ ДПО «ЛОИРО»",
             aliases=["ЛОИРО"]))
    add(_org("LEN-cnppm", "Центр непрерывного повышения профессионального мастерства "
             "педагогических работников", "pd_center", "regional", "RU-LEN",
             short_name="ЦНППМ ЛО"))
    add(_org("LEN-vsevolozhsky-ko", "Комитет по образованию администрации МО «Всеволожский "
             "муниципальный район» ЛО", "education_authority", "municipal", V))
    add(_org("LEN-vsevolozhsky-mms", "МУ «Всеволожский районный методический центр»",
             "methodological_service", "municipal", V, short_name="МУ «ВРМЦ»"))
    add(_org("LEN-vsevolozhsky-pool", "Муниципальный методический актив Всеволожского района",
             "methodist_pool", "municipal", V))
    add(_org("LEN-vsevolozhsky-mo-math", "Районное методическое объединение учителей математики",
             "community", "municipal", V, community_kind="methodological_association"))
    add(_org("LEN-luzhsky-ko", "Комитет образования Лужского муниципального района",
             "education_authority", "municipal", L))
    add(_org("LEN-luzhsky-mms", "Информационно-методический центр Лужского района",
             "methodological_service", "municipal", L))
    add(_org("LEN-luzhsky-pool", "Муниципальный методический актив Лужского района",
             "methodist_pool", "municipal", L))
    add(_org("gen-mun-pool", "муниципальные методические активы", "methodist_pool",
             "municipal", "RU-LEN", generic_name=True))
    add(_org("AMU-zeya-uo", "Управление образования администрации города Зеи",
             "education_authority", "municipal", Z))
    for sid, name, territory in (
        ("sch-v1", "МОБУ «СОШ № 1» г. Всеволожска", V),
        ("sch-v2", "МОБУ «СОШ № 2» г. Всеволожска", V),
        ("sch-v3", "МОБУ «Ромашкинская СОШ»", V),
        ("sch-l1", "МОУ «СОШ № 1» г. Луги", L),
        ("sch-l2", "МОУ «СОШ № 2» г. Луги", L),
        ("sch-z1", "МОБУ СОШ № 1 г. Зеи", Z),
    ):
        add(_org(sid, name, "school", "institutional", territory))
    add(_org("sch-v1-sms", "Методическая служба СОШ № 1", "school_methodological_service",
             "institutional", V))
    add(_org("shmo-v1-math", "ШМО учителей математики СОШ № 1", "community", "institutional", V,
             community_kind="methodological_association"))

    for rel in (
        SubordinateTo(source="LEN-loiro", target="LEN-koipo"),
        PartOf(source="LEN-cnppm", target="LEN-loiro"),
        Coordinates(source="LEN-koipo", target="LEN-vsevolozhsky-ko"),
        Coordinates(source="LEN-cnppm", target="LEN-vsevolozhsky-mms"),
        SubordinateTo(source="LEN-vsevolozhsky-mms", target="LEN-vsevolozhsky-ko"),
        AttachedTo(source="LEN-vsevolozhsky-pool", target="LEN-vsevolozhsky-mms"),
        Coordinates(source="LEN-vsevolozhsky-mms", target="LEN-vsevolozhsky-mo-math"),
        SubordinateTo(source="sch-v1", target="LEN-vsevolozhsky-ko"),
        SubordinateTo(source="sch-v2", target="LEN-vsevolozhsky-ko"),
        SubordinateTo(source="sch-v3", target="LEN-vsevolozhsky-ko"),
        PartOf(source="sch-v1-sms", target="sch-v1"),
        PartOf(source="shmo-v1-math", target="sch-v1-sms"),
        SubordinateTo(source="LEN-luzhsky-mms", target="LEN-luzhsky-ko"),
        AttachedTo(source="LEN-luzhsky-pool", target="LEN-luzhsky-mms"),
    ):
        add(rel)

    people = (
        ("t1", "Петрова Анна Ивановна", 2000, 2024, "sch-v1"),
        ("t2", "Сидоров Олег Петрович", 1980, 2005, "sch-v2"),
        ("t3", "Кузнецова Мария Сергеевна", 1975, 1998, "sch-v3"),
        ("t4", "Орлова Нина Павловна", 1970, 1995, "sch-l1"),
        ("t5", "Волков Пётр Ильич", 1985, 2010, "sch-l2"),
        ("tz", "Зайцева Ольга Юрьевна", 1990, 2015, "sch-z1"),
        ("mentor1", "Белова Галина Андреевна", 1965, 1988, "sch-v1"),
    )
    start = dt.date(2024, 9, 1)
    for pid, name, born, career, school in people:
        add(Person(id=pid, full_name=name, birth_year=born, career_start_year=career))
        add(EmployedAt(source=pid, target=school, start=start, position="учитель"))
        add(HasRole(source=pid, target=school, role="teacher", start=start))
    add(Person(id="m1", full_name="Иванов Иван Иванович", subjects=["математика"]))
    add(HasRole(source="m1", target="LEN-cnppm", role="regional_methodist",
                subjects=["математика"], start=start))
    add(Person(id="m2", full_name="Смирнова Елена Викторовна"))
    add(HasRole(source="m2", target="LEN-vsevolozhsky-mms", role="municipal_methodist",
                subjects=["математика"], start=start))
    add(Person(id="m3", full_name="Лебедев Андрей Олегович"))
    add(HasRole(source="m3", target="LEN-luzhsky-mms", role="municipal_methodist",
                subjects=["русский язык"], start=start))
    for pid, pool in (("m2", "LEN-vsevolozhsky-pool"), ("mentor1", "LEN-vsevolozhsky-pool"),
                      ("m3", "LEN-luzhsky-pool")):
        add(MemberOf(source=pid, target=pool, start=start))
    add(MemberOf(source="t1", target="LEN-vsevolozhsky-mo-math", start=start))

    add(Supports(source="m1", target="t1", subject="математика", start=start))
    add(Supports(source="m2", target="sch-v2", subject="математика", kind="low_results_support",
                 start=start))
    add(Tutors(source="m2", target="t2", start=start))
    add(Mentors(source="mentor1", target="t1", start=start))
    add(Curates(source="LEN-cnppm", target="sch-l1", subject="русский язык", start=start))
    # An old support that ended before the day the tests ask about.
    add(Supports(source="m3", target="sch-l2", subject="русский язык", start=dt.date(2023, 9, 1),
                 end=dt.date(2024, 5, 31)))

    add(HorizontalLearning(source="sch-v1", target="sch-v2", start=start, topic="математика"))
    add(HorizontalLearning(source="sch-l1", target="sch-l2", start=start))
    add(InternshipSite(source="sch-v1", target="LEN-loiro", start=start, topic="наставничество"))

    for school, subject in (("sch-v2", "математика"), ("sch-l1", "русский язык")):
        add(Assessment(id=f"as-{school}", period="2025-H1", low_results=True,
                       low_subjects=[subject]))
        add(HasAssessment(source=school, target=f"as-{school}"))
    add(Assessment(id="as-sch-v1", period="2025-H1"))
    add(HasAssessment(source="sch-v1", target="as-sch-v1"))

    add(Diagnostic(id="d1", date=dt.date(2025, 2, 1)))
    add(HasDiagnostic(source="t1", target="d1"))
    add(IndividualRoute(id="r1", created=dt.date(2025, 3, 1)))
    add(HasRoute(source="t2", target="r1"))
    add(Programme(id="prog1", title="Формирование функциональной грамотности",
                  in_federal_registry=True))
    add(ProvidedBy(source="prog1", target="LEN-cnppm"))

    add(Regulation(id="reg-004", title="Положение о РСНМС Ленинградской области",
                   territory_id="RU-LEN", level="regional"))
    add(Regulation(id="reg-001", title="Положение о ММС Всеволожского района",
                   territory_id=V, level="municipal"))
    duties = (
        ("reg-004", "3.3.2", "gen-mun-pool",
         ["low_results_support", "mentoring", "young_specialists"],
         "оказывают адресную поддержку школам с низкими результатами, организуют наставничество"),
        ("reg-004", "3.2.4", "LEN-cnppm", ["pd_programmes", "diagnostics", "monitoring"],
         "реализует программы, проводит диагностику, осуществляет мониторинг"),
        ("reg-001", "2.1", "LEN-vsevolozhsky-mms", ["coordination", "individual_routes"],
         "координирует деятельность районных методических объединений"),
    )
    for reg, number, body, categories, text in duties:
        clause_id = f"{reg}-{number}"
        duty_id = f"duty-{reg}-{number}"
        add(Clause(id=clause_id, regulation_id=reg, number=number, text=text))
        add(Duty(id=duty_id, text=text, categories=categories, regulation_id=reg,
                 clause_number=number))
        add(HasDuty(source=body, target=duty_id, clause_id=clause_id, regulation_id=reg))
    return b


def load(store: Store) -> Store:
    """Write the dataset into ``store`` and return it."""
    store.write(build())
    return store


def more(n: int = 30) -> Batch:
    """``n`` more schools of the Vsevolozhsk district, each with a teacher m2 supports and a
    horizontal-learning link to the next: the same questions must cost the same reads."""
    b = Batch()
    start = dt.date(2024, 9, 1)
    for i in range(n):
        sid, tid = f"sch-x{i:03d}", f"tx{i:03d}"
        b.add(_org(sid, f"МОБУ «СОШ № {100 + i}»", "school", "institutional", V))
        b.add(SubordinateTo(source=sid, target="LEN-vsevolozhsky-ko"))
        b.add(Person(id=tid, full_name=f"Учитель {i}"))
        b.add(EmployedAt(source=tid, target=sid, start=start))
        b.add(Supports(source="m2", target=tid, subject="математика", start=start))
        if i:
            b.add(HorizontalLearning(source=f"sch-x{i - 1:03d}", target=sid, start=start))
    return b
