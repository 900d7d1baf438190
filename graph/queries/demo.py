"""A tiny hand-built network whose every coordination answer is known, for examples and tests.

Two districts of RU-LEN and the city of Zeya in RU-AMU; the period of interest is ``2025-H1``
(staff counted on 2025-06-30). What it holds, and so what the questions must answer:

- ``s1`` (RU-LEN-a) has low results in математика and физика. The regional methodist ``m1``
  (математика) supports its teacher ``t1``; ``mt1``, a tutor with no methodist role, tutors
  ``t2``; the strong school ``school-strong`` curates ``s1`` with no subject. So ``s1`` is
  supported but not in физика. ``s1`` has its own methodological service.
- ``s2`` (RU-LEN-a) has low results in математика and no support at all (an expired 2023
  support of ``t3`` by ``m2`` does not count); it has a council.
- ``s3`` (RU-LEN-b) is not flagged; ``m2`` supports ``t4``, ``m1`` supports ``t5`` (who came
  in 2025). ``school-strong`` and ``s3`` have neither service nor council.
- ``z1`` (RU-AMU-zeya) has unreliable results; the Zeya methodist ``mz`` supports the school.
- Deficits: ``t1`` математика (has a route), ``t2`` физика (no route), ``t3`` математика (its
  route is cancelled), ``t4`` химия (has a route). Young specialists: ``t2`` (tutored) and
  ``t3`` (no support). The pool of RU-LEN-a has ``m2``; the pool of RU-LEN-b has nobody;
  Zeya has no pool.
- Loads: ``m1`` 2 teachers in 2 schools, ``m2`` 1 in 1, ``m3`` none, ``mz`` 0 teachers, 1 school.
"""

from __future__ import annotations

import datetime as dt

from graph.model import (
    AttachedTo,
    Batch,
    Competency,
    Completed,
    Curates,
    Diagnostic,
    EmployedAt,
    HasAssessment,
    HasDeficit,
    HasDiagnostic,
    HasRole,
    HasRoute,
    IndividualRoute,
    MemberOf,
    Municipality,
    Organization,
    PartOf,
    Person,
    Programme,
    Region,
    Supports,
    Tutors,
)
from graph.model.assessment import Assessment
from graph.store.base import Store
from graph.store.memory import MemoryStore

__all__ = ["demo_batch", "demo_store"]

_D = dt.date
_STAFF_START = _D(2024, 9, 1)
_SUPPORT_START = _D(2025, 2, 1)


def _org(id_: str, name: str, kind: str, level: str, territory: str,
         **extra: object) -> Organization:
    return Organization.model_validate({"id": id_, "name": name, "kind": kind, "level": level,
                                        "territory_id": territory, **extra})


def demo_batch() -> Batch:
    """The demo network as one batch (see the module docstring for what it holds)."""
    b = Batch()
    b.extend([
        Region(id="RU-LEN", name="Ленинградская область"),
        Municipality(id="RU-LEN-a", name="Район А", region_id="RU-LEN"),
        Municipality(id="RU-LEN-b", name="Район Б", region_id="RU-LEN"),
        Region(id="RU-AMU", name="Амурская область"),
        Municipality(id="RU-AMU-zeya", name="город Зея", region_id="RU-AMU"),
        # bodies
        _org("cnppm", "ЦНППМ", "pd_center", "regional", "RU-LEN"),
        _org("mms-a", "ММС района А", "methodological_service", "municipal", "RU-LEN-a"),
        _org("mms-b", "ММС района Б", "methodological_service", "municipal", "RU-LEN-b"),
        _org("pool-a", "Методический актив района А", "methodist_pool", "municipal", "RU-LEN-a"),
        _org("pool-b", "Методический актив района Б", "methodist_pool", "municipal", "RU-LEN-b"),
        _org("comm-math", "РМО учителей математики", "community", "municipal", "RU-LEN-a",
             community_kind="methodological_association", subjects=["математика"]),
        _org("amu-gms", "ГМС города Зеи", "methodological_service", "municipal", "RU-AMU-zeya"),
        # schools
        _org("s1", "Школа № 1", "school", "institutional", "RU-LEN-a"),
        _org("s2", "Школа № 2", "school", "institutional", "RU-LEN-a"),
        _org("school-strong", "Сильная школа", "school", "institutional", "RU-LEN-a"),
        _org("s3", "Школа № 3", "school", "institutional", "RU-LEN-b"),
        _org("z1", "Школа Зеи", "school", "institutional", "RU-AMU-zeya"),
        _org("s1-service", "Методическая служба школы № 1", "school_methodological_service",
             "institutional", "RU-LEN-a"),
        _org("s2-council", "Методический совет школы № 2", "council", "institutional",
             "RU-LEN-a"),
        PartOf(source="s1-service", target="s1"),
        AttachedTo(source="s2-council", target="s2"),
        # results
        Assessment(id="a-s1", period="2025-H1", low_results=True,
                   low_subjects=["математика", "физика"]),
        Assessment(id="a-s2", period="2025-H1", low_results=True, low_subjects=["математика"]),
        Assessment(id="a-s3", period="2025-H1"),
        Assessment(id="a-z1", period="2025-H1", unreliable_results=True),
        Assessment(id="a-s1-old", period="2024-H2", low_results=True,
                   low_subjects=["математика"]),
        HasAssessment(source="s1", target="a-s1"),
        HasAssessment(source="s2", target="a-s2"),
        HasAssessment(source="s3", target="a-s3"),
        HasAssessment(source="z1", target="a-z1"),
        HasAssessment(source="s1", target="a-s1-old"),
    ])
    _people(b)
    _development(b)
    return b


def _people(b: Batch) -> None:
    s = _STAFF_START
    b.extend([
        Person(id="m1", full_name="Методистова Мария", subjects=["математика"]),
        Person(id="m2", full_name="Муниципалова Нина"),
        Person(id="m3", full_name="Физикова Ольга"),
        Person(id="mz", full_name="Зейская Вера"),
        Person(id="mt1", full_name="Тьюторов Павел"),
        HasRole(source="m1", target="cnppm", role="regional_methodist", start=s),
        HasRole(source="m2", target="mms-a", role="municipal_methodist",
                subjects=["русский язык"], start=s),
        HasRole(source="m3", target="mms-b", role="municipal_methodist", subjects=["физика"],
                start=s),
        HasRole(source="mz", target="amu-gms", role="municipal_methodist",
                subjects=["математика"], start=s),
        MemberOf(source="m2", target="pool-a", start=s),
        Person(id="t1", full_name="Учителева Анна", birth_year=1980, career_start_year=2005),
        Person(id="t2", full_name="Молодцов Борис", birth_year=2000, career_start_year=2024,
               subjects=["физика"]),
        Person(id="t3", full_name="Юнцова Вера", birth_year=1999, career_start_year=2023),
        Person(id="t4", full_name="Химиков Глеб", birth_year=1975, career_start_year=2000,
               subjects=["химия"]),
        Person(id="t5", full_name="Новикова Дарья", birth_year=1985, career_start_year=2008),
        Person(id="tz", full_name="Амурова Елена", birth_year=1990, career_start_year=2012),
        HasRole(source="t1", target="s1", role="teacher", subjects=["математика"], start=s),
        EmployedAt(source="t2", target="s1", start=s),
        HasRole(source="t3", target="s2", role="teacher", subjects=["математика"], start=s),
        EmployedAt(source="t4", target="s3", start=s),
        EmployedAt(source="t5", target="s3", start=_D(2025, 1, 15)),
        HasRole(source="tz", target="z1", role="teacher", start=s),
        # support
        Supports(source="m1", target="t1", subject="математика", start=_SUPPORT_START),
        Supports(source="m1", target="t5", subject="математика", start=_SUPPORT_START),
        Supports(source="m2", target="t4", start=_SUPPORT_START),
        Supports(source="m2", target="t3", start=_D(2023, 1, 1), end=_D(2023, 12, 31)),
        Supports(source="mz", target="z1", start=_SUPPORT_START),
        Tutors(source="mt1", target="t2", start=_SUPPORT_START),
        Curates(source="school-strong", target="s1", start=_SUPPORT_START),
        MemberOf(source="t1", target="comm-math", start=s),
    ])


def _development(b: Batch) -> None:
    b.extend([
        Competency(id="c-math", name="Предметные компетенции: математика", subject="математика"),
        Competency(id="c-phys", name="Предметные компетенции: физика", subject="физика"),
        Competency(id="c-chem", name="Предметные компетенции: химия", subject="химия"),
        Programme(id="p-reg", title="ДПП из Федерального реестра", in_federal_registry=True),
        Programme(id="p-local", title="Региональная ДПП"),
    ])
    diagnostics = {"t1": _D(2025, 3, 1), "t2": _D(2025, 3, 1), "t3": _D(2025, 5, 1),
                   "t4": _D(2025, 3, 1)}
    deficits = {"t1": "c-math", "t2": "c-phys", "t3": "c-math", "t4": "c-chem"}
    for teacher, day in diagnostics.items():
        d = f"d-{teacher}"
        b.add(Diagnostic(id=d, date=day))
        b.add(HasDiagnostic(source=teacher, target=d))
        b.add(HasDeficit(source=teacher, target=deficits[teacher], diagnostic_id=d, date=day))
    routes = {"t1": "active", "t3": "cancelled", "t4": "active"}
    for teacher, status in routes.items():
        b.add(IndividualRoute(id=f"r-{teacher}", created=_D(2025, 4, 1), status=status))
        b.add(HasRoute(source=teacher, target=f"r-{teacher}"))
    b.extend([
        Completed(source="t1", target="p-reg", start=_D(2025, 4, 10), end=_D(2025, 5, 20),
                  from_diagnostic=True),
        Completed(source="t2", target="p-reg", start=_D(2025, 4, 10), end=_D(2025, 5, 20)),
        Completed(source="t4", target="p-local", start=_D(2025, 4, 10), end=_D(2025, 5, 20),
                  from_diagnostic=True),
    ])


def demo_store(store: Store | None = None) -> Store:
    """The demo network written into ``store`` (a fresh :class:`MemoryStore` by default)."""
    store = store if store is not None else MemoryStore()
    store.write(demo_batch())
    return store
