"""A gap report's first page: every kind's count and the first gaps of each list, in order.

A coordinator's first screen asks ``gap_report(..., first=N)``. On Neo4j the country's long
lists are then not built: each kind is counted in the server and its first page found by a
statement bounded by the page (``cypher.gap_page_statement``). Whatever the store, the answer
must be the whole report cut to its first ``N`` gaps (``GapReport.cut``). These cases pin the
order (ids as text: ``t10`` before ``t2``), the page's edges (none, one, all but one, all,
more than all), a subject, and a district, on the hand-built network of
``tests/test_country_gaps.py`` and on one made for the order. All people are made up.
"""

from __future__ import annotations

import datetime as dt

import pytest

from graph.model import (
    Batch,
    EmployedAt,
    HasRole,
    Municipality,
    Organization,
    Person,
    Region,
    Supports,
)
from graph.queries.area import InvalidArgument
from graph.queries.gaps import GapKind, gap_report
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.test_country_gaps import PERIOD, A, network

START = dt.date(2024, 9, 1)


def _ordered() -> Batch:
    """Twelve teachers of one school whose ids sort as text, not as numbers (t1, t10, t11,
    t12, t2, …, t9), written in the reverse of that order; a methodist supports t10 and t3."""
    b = Batch()
    b.add(Region(id="RU-YY", name="Вымышленная область"))
    b.add(Municipality(id="RU-YY-a", name="Район (вымышленный)", region_id="RU-YY"))
    b.add(Organization(id="s", name="Школа (вымышленная)", kind="school", level="institutional",
                       territory_id="RU-YY-a"))
    b.add(Organization(id="mms", name="Методический центр (вымышленный)",
                       kind="methodological_service", level="municipal", territory_id="RU-YY-a"))
    b.add(Person(id="m", full_name="Методист (вымышленный)"))
    b.add(HasRole(source="m", target="mms", role="municipal_methodist", subjects=["физика"],
                  start=START))
    for n in range(12, 0, -1):
        b.add(Person(id=f"t{n}", full_name=f"Педагог {n} (вымышленный)"))
        b.add(EmployedAt(source=f"t{n}", target="s", start=START, position="учитель"))
    for t in ("t10", "t3"):
        b.add(Supports(source="m", target=t, start=START))
    return b


def test_the_first_page_is_the_first_ids_as_text(store: Store) -> None:
    store.write(_ordered())
    kind = GapKind.teacher_without_methodist
    for where in ({}, {"territory_id": "RU-YY-a"}):
        page = gap_report(store, period=PERIOD, kinds=[kind], first=4, **where)
        assert [g.node_id for g in page.gaps[kind]] == ["t1", "t11", "t12", "t2"]
        assert page.counts == {kind: 10} and page.first == 4


@pytest.mark.parametrize("first", [0, 1, 4, 5, 50])
def test_a_page_is_the_whole_report_cut(store: Store, first: int) -> None:
    store.write(network())
    whole = gap_report(store, period=PERIOD)
    page = gap_report(store, period=PERIOD, first=first)
    assert page == whole.cut(first)
    assert page.counts == whole.counts and page.total == whole.total
    for kind, gaps in whole.gaps.items():
        assert page.gaps[kind] == gaps[:first]


def test_a_page_ends_at_the_list_or_one_before(store: Store) -> None:
    store.write(network())
    kind = GapKind.teacher_without_methodist
    whole = gap_report(store, period=PERIOD, kinds=[kind]).gaps[kind]
    n = len(whole)
    assert n > 2
    for first in (n - 1, n, n + 1):
        page = gap_report(store, period=PERIOD, kinds=[kind], first=first)
        assert page.gaps[kind] == whole[:first] and page.counts[kind] == n


@pytest.mark.parametrize("subject", ["физика", " ХИМИЯ", "география"])
def test_a_page_of_one_subject(store: Store, subject: str) -> None:
    store.write(network())
    whole = gap_report(store, period=PERIOD, subject=subject)
    assert gap_report(store, period=PERIOD, subject=subject, first=1) == whole.cut(1)


def test_a_district_coordinators_page(store: Store) -> None:
    store.write(network())
    scope = Scope.of([A])
    whole = gap_report(store, period=PERIOD, scope=scope)
    page = gap_report(store, period=PERIOD, scope=scope, first=2)
    assert page == whole.cut(2)
    assert {g.territory_id for gaps in page.gaps.values() for g in gaps} <= {A}


def test_a_negative_page_is_refused(store: Store) -> None:
    with pytest.raises(InvalidArgument, match="first must be 0 or more"):
        gap_report(store, period=PERIOD, first=-1)
