"""The domain rules of graph/rules.py, and the places that used to disagree with them.

Each divergence test is a tiny hand-built network, on both stores, on which the old copy of a
rule gave a different answer from the one rule."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.export import territory_scope
from graph.model import (
    Batch,
    Duty,
    HasDuty,
    HasRole,
    HasRoute,
    IndividualRoute,
    LocatedIn,
    Municipality,
    Organization,
    Person,
    Region,
    Tutors,
)
from graph.queries.area import Area
from graph.queries.compliance import duty_compliance
from graph.queries.search import search
from graph.rules import (
    InvalidArgument,
    PeriodSpan,
    active_during,
    latest_period,
    period_bounds,
    previous_period,
    route_open,
    territory_closure,
    young_specialist,
)
from graph.store.base import Store

_START = dt.date(2024, 9, 1)


def _district(store: Store, route_created: str) -> Store:
    """A district service whose methodist tutors one teacher; the teacher's route was made on
    ``route_created``; the service has the duty of individual routes (ИОМ)."""
    b = Batch()
    b.add(Region(id="R", name="Регион"))
    b.add(Municipality(id="M", name="Район", region_id="R"))
    b.add(Organization(id="mms", name="ММС", kind="methodological_service", level="municipal",
                       territory_id="M"))
    b.add(Organization(id="sch", name="Школа", kind="school", level="institutional",
                       territory_id="M"))
    b.add(Person(id="m", full_name="Методист"))
    b.add(Person(id="t", full_name="Учитель"))
    b.add(HasRole(source="m", target="mms", role="municipal_methodist", start=_START))
    b.add(HasRole(source="t", target="sch", role="teacher", start=_START))
    b.add(Tutors(source="m", target="t", start=_START))
    b.add(IndividualRoute(id="r", created=route_created, status="active"))
    b.add(HasRoute(source="t", target="r"))
    b.add(Duty(id="d", text="сопровождает ИОМ", categories=["individual_routes"],
               regulation_id="reg"))
    b.add(HasDuty(source="mms", target="d", regulation_id="reg"))
    store.write(b)
    return store


def test_compliance_routes_count_only_once_created(store: Store) -> None:
    """A route made after the period does not show the duty done in it — the rule the area's
    questions apply (before, compliance counted any route not cancelled)."""
    net = _district(store, "2025-09-01")
    (h1,) = duty_compliance(net, period="2025-H1")
    (h2,) = duty_compliance(net, period="2025-H2")
    assert (h1.not_met, h2.met) == (["mms"], ["mms"])
    # The area of the same period agrees: no route for the teacher in H1, one in H2.
    assert Area(net, period="2025-H1").routes("t") == []
    assert [e.target for e in Area(net, period="2025-H2").routes("t")] == ["r"]
    # With ``on`` the day decides.
    (before,) = duty_compliance(net, on=dt.date(2025, 8, 31))
    assert before.not_met == ["mms"]


def test_a_role_not_yet_begun_is_not_searched(store: Store) -> None:
    """Search reads what a person does now by the one "active on" rule: a role that starts
    later is not yet theirs (before, only the end date was checked)."""
    b = Batch()
    b.add(Organization(id="mms", name="ММС", kind="methodological_service", level="municipal"))
    b.add(Person(id="p1", full_name="Петрова Анна"))
    b.add(Person(id="p2", full_name="Сидорова Анна"))
    later = dt.date.today() + dt.timedelta(days=30)
    b.add(HasRole(source="p1", target="mms", role="municipal_methodist", start=later))
    b.add(HasRole(source="p2", target="mms", role="municipal_methodist", start=_START))
    store.write(b)
    assert [h.node.id for h in search(store, "муниципальный методист", labels=["Person"])] == [
        "p2"]


def test_export_takes_a_region_s_municipalities_by_the_one_rule(store: Store) -> None:
    """A region's export holds the municipalities whose region it is, as every question reads
    them — not one of another region that an extra LOCATED_IN edge points at."""
    b = Batch()
    b.add(Region(id="R", name="Регион"))
    b.add(Region(id="R2", name="Другой регион"))
    b.add(Municipality(id="M", name="Район", region_id="R"))
    b.add(Municipality(id="M2", name="Чужой район", region_id="R2"))
    b.add(LocatedIn(source="M2", target="R"))
    store.write(b)
    assert territory_closure(store, ["R"]) == {"R", "M"}
    assert {"R", "M"} <= territory_scope(store, "R")
    assert "M2" not in territory_scope(store, "R")
    assert territory_scope(store, "M") == {"M", "R"}


@pytest.mark.parametrize("code, first, last", [
    ("2025-H1", "2025-01-01", "2025-06-30"),
    ("2025-H2", "2025-07-01", "2025-12-31"),
    ("2024-Q1", "2024-01-01", "2024-03-31"),
    ("2024-Q4", "2024-10-01", "2024-12-31"),
    ("2024-Y", "2024-01-01", "2024-12-31"),
])
def test_period_bounds(code: str, first: str, last: str) -> None:
    assert tuple(d.isoformat() for d in period_bounds(code)) == (first, last)
    assert PeriodSpan.parse(code).previous().end < PeriodSpan.parse(code).start


@pytest.mark.parametrize("code", ["2025-H3", "2025-Q5", "2025", "25-H1", "2025-h1", ""])
def test_a_bad_period_is_refused_in_the_existing_words(code: str) -> None:
    with pytest.raises(InvalidArgument, match="is not like 2025-H1, 2025-Q3 or 2025-Y"):
        period_bounds(code)


def test_periods_follow_each_other() -> None:
    assert [previous_period(p) for p in ("2025-H1", "2025-H2", "2025-Q1", "2025-Q3")] == [
        "2024-H2", "2025-H1", "2024-Q4", "2025-Q2"]
    # The latest period is by its last day: the year outlasts its halves.
    assert latest_period(["2025-H2", "2025-Y", "2025-Q1"]) == "2025-Y"


def test_active_during_takes_dates_and_iso_strings() -> None:
    first, last = period_bounds("2025-H1")
    assert active_during({"start": dt.date(2025, 6, 30)}, first, last)
    assert not active_during({"start": "2025-07-01"}, first, last)
    assert not active_during({"end": dt.date(2024, 12, 31)}, first, last)


def test_young_specialist_edges() -> None:
    on = dt.date(2025, 9, 1)
    assert young_specialist(1991, 2023, on)  # 34, third year
    assert not young_specialist(1990, 2023, on)  # 35
    assert not young_specialist(1995, 2022, on)  # fourth year
    assert not young_specialist(2000, 2026, on)  # not started yet


def test_a_route_without_a_creation_day_counts() -> None:
    assert route_open({"status": "draft"}, dt.date(2025, 1, 1))
