"""A small hand-built network with known gaps, for the page and browser tests of ``viz``.

Known answers for period 2025-H1 (load norm 25):
- low-results schools: ``vsev-s1`` (supported by a methodist) and ``vsev-s2`` (NOT supported);
- overloaded methodist: ``m-kuznetsov`` supports 26 teachers; ``m-smirnova`` supports 3;
- deficits without a route: ``t01`` (no route) and ``t03`` (only a cancelled route);
  ``t02`` has deficits and an active route;
- young specialists: ``t04`` (mentored), ``t06`` (supported), ``t24`` (nobody: a gap);
- schools without a methodological service: ``vsev-s2`` and ``luga-s1``.
"""

from __future__ import annotations

import datetime as dt

from graph.model import (
    Assessment,
    AttachedTo,
    Batch,
    Clause,
    Competency,
    Coordinates,
    Diagnostic,
    Duty,
    EmployedAt,
    HasAssessment,
    HasClause,
    HasDeficit,
    HasDiagnostic,
    HasDuty,
    HasIndicator,
    HasRole,
    HasRoute,
    Indicator,
    IndividualRoute,
    Mentors,
    Municipality,
    Organization,
    PartOf,
    Person,
    Region,
    Regulation,
    StatedIn,
    SubclauseOf,
    Supports,
)
from graph.store.base import Store

__all__ = ["PERIOD", "SCHOOLS", "TEACHER_NAMES", "build", "load"]

PERIOD = "2025-H1"
START = dt.date(2024, 9, 1)
SCHOOLS = {
    "vsev-s1": ("МОБУ «СОШ № 1» г. Всеволожска", "RU-LEN-vsevolozhsky", 22),
    "vsev-s2": ("МОУ «Лицей № 2» г. Всеволожска", "RU-LEN-vsevolozhsky", 6),
    "luga-s1": ("МОУ «СОШ № 3» г. Луги", "RU-LEN-luzhsky", 8),
}
_SURNAMES = ["Иванова", "Петрова", "Сидорова", "Кузьмина", "Орлова", "Зайцева", "Морозова",
             "Волкова", "Лебедева", "Соколова"]
_NAMES = ["Анна", "Мария", "Елена", "Ольга", "Татьяна", "Наталья"]
_PATRONYMICS = ["Сергеевна", "Ивановна", "Петровна", "Алексеевна", "Юрьевна"]
TEACHER_NAMES = {
    f"t{i:02d}": f"{_SURNAMES[i % 10]} {_NAMES[i % 6]} {_PATRONYMICS[i % 5]}" for i in range(1, 37)
}


def _org(id_: str, name: str, kind: str, level: str, territory: str, **kw: object) -> Organization:
    return Organization.model_validate({"id": id_, "name": name, "kind": kind, "level": level,
                                        "territory_id": territory, **kw})


def build() -> Batch:
    """The batch of the whole dataset."""
    b = Batch()
    b.add(Region(id="RU-LEN", name="Ленинградская область"))
    b.add(Municipality(id="RU-LEN-vsevolozhsky", name="Всеволожский муниципальный район",
                       region_id="RU-LEN"))
    b.add(Municipality(id="RU-LEN-luzhsky", name="Лужский муниципальный район",
                       region_id="RU-LEN"))
    b.add(_org("LEN-koipo", "Комитет общего и профессионального образования ЛО",
               "education_authority", "regional", "RU-LEN", short_name="КОиПО ЛО"))
    b.add(_org("LEN-loiro", "ГАОУ ДПО «Ленинградский областной институт развития образования»",
               "development_institute", "regional", "RU-LEN", short_name="ЛОИРО"))
    b.add(_org("LEN-cnppm", "Центр непрерывного повышения профессионального мастерства ЛО",
               "pd_center", "regional", "RU-LEN", short_name="ЦНППМ ЛО"))
    b.add(PartOf(source="LEN-cnppm", target="LEN-loiro"))
    b.add(Coordinates(source="LEN-koipo", target="LEN-loiro"))
    for slug, name in (("vsevolozhsky", "Всеволожского"), ("luzhsky", "Лужского")):
        m = f"RU-LEN-{slug}"
        b.add(_org(f"LEN-{slug}-ko", f"Комитет по образованию {name} района",
                   "education_authority", "municipal", m))
        b.add(_org(f"LEN-{slug}-mms", f"Методическая служба {name} района",
                   "methodological_service", "municipal", m))
        b.add(_org(f"LEN-{slug}-council", f"Методический совет {name} района", "council",
                   "municipal", m))
        b.add(AttachedTo(source=f"LEN-{slug}-council", target=f"LEN-{slug}-mms"))
        b.add(Coordinates(source="LEN-cnppm", target=f"LEN-{slug}-mms"))
    for sid, (name, district, _n) in SCHOOLS.items():
        b.add(_org(sid, name, "school", "institutional", district))
    b.add(_org("vsev-s1-ms", "Методическая служба СОШ № 1", "school_methodological_service",
               "institutional", "RU-LEN-vsevolozhsky"))
    b.add(PartOf(source="vsev-s1-ms", target="vsev-s1"))
    # Results: both Vsevolozhsk schools have low results in 2025-H1; only s1 did in 2024-H2.
    for sid in SCHOOLS:
        for period in ("2024-H2", PERIOD):
            low = sid == "vsev-s1" or (sid == "vsev-s2" and period == PERIOD)
            a = Assessment(id=f"a-{sid}-{period}", period=period, low_results=low,
                           low_subjects=["математика"] if low else [])
            b.add(a)
            b.add(HasAssessment(source=sid, target=a.id))
    # Teachers t01..t36: 22 in vsev-s1, 6 in vsev-s2, 8 in luga-s1.
    teachers = iter(sorted(TEACHER_NAMES))
    for sid, (_name, _district, n) in SCHOOLS.items():
        for _ in range(n):
            tid = next(teachers)
            young = tid in ("t04", "t06", "t24")
            b.add(Person(id=tid, full_name=TEACHER_NAMES[tid], subjects=["математика"],
                         birth_year=2001 if young else 1980,
                         career_start_year=2024 if young else 2005))
            b.add(HasRole(source=tid, target=sid, role="teacher", start=START))
            b.add(EmployedAt(source=tid, target=sid, start=START))
    b.add(Person(id="m-smirnova", full_name="Смирнова Ольга Петровна", subjects=["математика"]))
    b.add(HasRole(source="m-smirnova", target="LEN-cnppm", role="regional_methodist",
                  subjects=["математика"], start=START))
    b.add(Person(id="m-kuznetsov", full_name="Кузнецов Игорь Васильевич"))
    b.add(HasRole(source="m-kuznetsov", target="LEN-vsevolozhsky-mms",
                  role="municipal_methodist", start=START))
    b.add(Supports(source="m-smirnova", target="vsev-s1", subject="математика", start=START,
                   kind="low_results_support"))
    for tid in ("t01", "t02", "t03"):
        b.add(Supports(source="m-smirnova", target=tid, subject="математика", start=START))
    # 26 teachers of vsev-s1 and luga-s1, over the norm of 25; nobody supports vsev-s2.
    for i in [*range(5, 23), *range(29, 37)]:
        b.add(Supports(source="m-kuznetsov", target=f"t{i:02d}", start=START))
    b.add(Mentors(source="t05", target="t04", start=START))
    # Diagnostics, deficits and routes.
    b.add(Competency(id="c-methods", name="Методика преподавания математики",
                     subject="математика"))
    for tid in ("t01", "t02", "t03", "t04", "t05"):
        d = Diagnostic(id=f"d-{tid}", date=dt.date(2025, 2, 10))
        b.add(d)
        b.add(HasDiagnostic(source=tid, target=d.id))
    for tid in ("t01", "t02", "t03"):
        b.add(HasDeficit(source=tid, target="c-methods", diagnostic_id=f"d-{tid}",
                         date=dt.date(2025, 2, 10)))
    b.add(IndividualRoute(id="r-t02", created=dt.date(2025, 3, 1), status="active"))
    b.add(HasRoute(source="t02", target="r-t02"))
    b.add(IndividualRoute(id="r-t03", created=dt.date(2025, 3, 1), status="cancelled"))
    b.add(HasRoute(source="t03", target="r-t03"))
    # A regulation with one duty and one indicator.
    b.add(Regulation(id="LEN-reg-004", title="Положение о РСНМС Ленинградской области",
                     act_kind="regulation", territory_id="RU-LEN", source="2023-lo-rsnms.txt"))
    for num in ("3", "3.2", "3.2.4", "6", "6.1"):
        c = Clause(id=f"LEN-reg-004-{num}", regulation_id="LEN-reg-004", number=num,
                   text=f"Пункт {num}")
        b.add(c)
        b.add(HasClause(source="LEN-reg-004", target=c.id))
    b.add(SubclauseOf(source="LEN-reg-004-3.2", target="LEN-reg-004-3"))
    b.add(SubclauseOf(source="LEN-reg-004-3.2.4", target="LEN-reg-004-3.2"))
    b.add(Duty(id="LEN-reg-004-duty-1", text="Сопровождает ИОМ педагогических работников",
               categories=["individual_routes"], regulation_id="LEN-reg-004",
               clause_number="3.2.4"))
    b.add(HasDuty(source="LEN-cnppm", target="LEN-reg-004-duty-1",
                  clause_id="LEN-reg-004-3.2.4", regulation_id="LEN-reg-004"))
    b.add(StatedIn(source="LEN-reg-004-duty-1", target="LEN-reg-004-3.2.4"))
    b.add(Indicator(id="LEN-reg-004-ind-1", text="Доля педагогов с ИОМ",
                    regulation_id="LEN-reg-004", clause_number="6.1", computable=True,
                    code="share_teachers_with_routes"))
    b.add(HasIndicator(source="LEN-reg-004", target="LEN-reg-004-ind-1"))
    b.add(StatedIn(source="LEN-reg-004-ind-1", target="LEN-reg-004-6.1"))
    return b


def load(store: Store) -> Store:
    """Write the dataset into ``store`` and return it."""
    store.write(build())
    return store
