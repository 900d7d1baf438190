"""The coordination network with edges across every boundary, for the scope tests.

:mod:`tests.coordination_dataset` (Всеволожский and Лужский districts of Ленинградская область,
город Зея of Амурская область) plus links that cross districts and regions, so that a page or
a field that follows edges without the visibility rule would name a foreign person:

- ``mentor1`` (Всеволожский) mentors ``t5`` (Лужский); ``m1`` (regional methodist of ЦНППМ)
  supports ``t4`` (Лужский); ``tz`` (Зея) tutors ``t4``;
- ``t4`` is a member of Всеволожский's maths association; ``sch-l1`` learns with ``sch-v1``
  and with ``sch-z1``;
- ``t6`` works in both districts (``sch-l2`` and ``sch-v3``): a Лужский caller sees them.

For a caller scoped to Лужский the people the rule shows are exactly :data:`LUGA_PEOPLE`;
every other person's surname (and id) must never appear in an answer of theirs. Surnames are
unique and survive the pages' short labels («Орлова Н. П.»).
"""

from __future__ import annotations

import datetime as dt

from graph.model import (
    Batch,
    EmployedAt,
    HasRole,
    HorizontalLearning,
    MemberOf,
    Mentors,
    Person,
    Supports,
    Tutors,
)
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.coordination_dataset import L, build

__all__ = ["LUGA", "LUGA_PEOPLE", "SURNAMES", "build_crossing", "load_crossing"]

LUGA = Scope.of([L])
LUGA_PEOPLE = frozenset({"t4", "t5", "t6", "m3"})
"""The people who work in Лужский: all a Лужский caller may ever see."""

SURNAMES = {
    "t1": "Петрова", "t2": "Сидоров", "t3": "Кузнецова", "t4": "Орлова", "t5": "Волков",
    "tz": "Зайцева", "mentor1": "Белова", "m1": "Иванов", "m2": "Смирнова", "m3": "Лебедев",
    "t6": "Дубровская",
}
"""Each person's surname, by id."""


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
    return b


def load_crossing(store: Store) -> Store:
    """Write :func:`build_crossing` into ``store`` and return it."""
    store.write(build_crossing())
    return store
