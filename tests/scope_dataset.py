"""The coordination network with edges across every boundary, for the scope tests.

:mod:`tests.coordination_dataset` (Всеволожский and Лужский districts of Ленинградская область,
город Зея of Амурская область) plus links that cross districts and regions, so that a page or
a field that follows edges without the visibility rule would name a foreign person:

- ``mentor1`` (Всеволожский) mentors ``t5`` (Лужский); ``m1`` (regional methodist of ЦНППМ)
  supports ``t4`` (Лужский); ``tz`` (Зея) tutors ``t4``;
- ``t4`` is a member of Всеволожский's maths association; ``sch-l1`` learns with ``sch-v1``
  and with ``sch-z1``;
- ``t6`` works in both districts (``sch-l2`` and ``sch-v3``): a Лужский caller sees them;
- development records: ``t4`` and ``t6`` have diagnostics (``d4``, ``d6``), ``t4`` a route
  (``r4``) and a deficit in a competency, like ``t1`` (``d1``), ``t2`` (route ``r1``) and ``tz``
  (``dz``) of the other places; ``d-shared`` is wrongly linked to both ``t4`` and ``t1``;
  a programme of the Всеволожский service (``prog-v``) is a catalogue entry like ``prog1``.

For a caller scoped to Лужский the people the rule shows are exactly :data:`LUGA_PEOPLE`;
every other person's surname (and id) must never appear in an answer of theirs, nor the id
of a diagnostic, route or assessment of theirs (:data:`FOREIGN_RECORDS`). Surnames are
unique and survive the pages' short labels («Орлова Н. П.»).
"""

from __future__ import annotations

import datetime as dt

from graph.model import (
    Addresses,
    Batch,
    Competency,
    Completed,
    Diagnostic,
    EmployedAt,
    HasDeficit,
    HasDiagnostic,
    HasRole,
    HasRoute,
    HorizontalLearning,
    Includes,
    IndividualRoute,
    MemberOf,
    Mentors,
    Person,
    Programme,
    ProvidedBy,
    Supports,
    Tutors,
)
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.coordination_dataset import L, build

__all__ = ["FOREIGN_RECORDS", "LUGA", "LUGA_PEOPLE", "LUGA_RECORDS", "SURNAMES",
           "build_crossing", "load_crossing"]

LUGA = Scope.of([L])
LUGA_PEOPLE = frozenset({"t4", "t5", "t6", "m3"})
"""The people who work in Лужский: all a Лужский caller may ever see."""

SURNAMES = {
    "t1": "Петрова", "t2": "Сидоров", "t3": "Кузнецова", "t4": "Орлова", "t5": "Волков",
    "tz": "Зайцева", "mentor1": "Белова", "m1": "Иванов", "m2": "Смирнова", "m3": "Лебедев",
    "t6": "Дубровская",
}
"""Each person's surname, by id."""

LUGA_RECORDS = frozenset({"d4", "d6", "r4", "as-sch-l1"})
"""The diagnostics, routes and assessments of Лужский's people and schools."""
FOREIGN_RECORDS = frozenset({"d1", "dz", "d-shared", "r1", "as-sch-v1", "as-sch-v2"})
"""Those of people and schools elsewhere (``d-shared`` is ``t1``'s too): never shown to Лужский."""


def build_crossing() -> Batch:
    """The whole dataset with the crossing edges."""
    b = build()
    start = dt.date(2024, 9, 1)
    b.add(Person(id="t6", full_name="Дубровская Вера Львовна", birth_year=1988))
    for school in ("sch-l2", "sch-v3"):
        b.add(EmployedAt(source="t6", target=school, start=start))
        b.add(HasRole(source="t6", target=school, role="teacher", start=start))
    b.add(Mentors(source="mentor1", target="t5", start=start))
    b.add(Supports(source="m1", target="t4", subject="русский язык", start=start))
    b.add(Tutors(source="tz", target="t4", start=start))
    b.add(MemberOf(source="t4", target="LEN-vsevolozhsky-mo-math", start=start))
    b.add(HorizontalLearning(source="sch-l1", target="sch-v1", start=start))
    b.add(HorizontalLearning(source="sch-z1", target="sch-l1", start=start))
    b.add(Competency(id="comp-rus", name="Предметные компетенции: русский язык"))
    b.add(Competency(id="comp-math", name="Предметные компетенции: математика"))
    b.add(Programme(id="prog-v", title="Наставничество в школе", hours=36))
    b.add(ProvidedBy(source="prog-v", target="LEN-vsevolozhsky-mms"))
    for did, person, day in (("d4", "t4", dt.date(2025, 2, 3)), ("d6", "t6", dt.date(2025, 2, 4)),
                             ("dz", "tz", dt.date(2025, 2, 5)),
                             ("d-shared", "t4", dt.date(2025, 2, 6))):
        b.add(Diagnostic(id=did, date=day, instrument="ЕФС", score=55))
        b.add(HasDiagnostic(source=person, target=did))
    b.add(HasDiagnostic(source="t1", target="d-shared"))
    b.add(HasDeficit(source="t4", target="comp-rus", diagnostic_id="d4", severity=2))
    b.add(HasDeficit(source="t1", target="comp-math", diagnostic_id="d1", severity=3))
    b.add(IndividualRoute(id="r4", created=dt.date(2025, 3, 1)))
    b.add(HasRoute(source="t4", target="r4"))
    b.add(Addresses(source="r4", target="comp-rus"))
    b.add(Includes(source="r4", target="prog1"))
    b.add(Completed(source="t4", target="prog1", start=dt.date(2025, 4, 1)))
    b.add(Completed(source="t1", target="prog-v", start=dt.date(2025, 4, 1)))
    return b


def load_crossing(store: Store) -> Store:
    """Write :func:`build_crossing` into ``store`` and return it."""
    store.write(build_crossing())
    return store
