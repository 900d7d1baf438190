"""Question 5 on the hand-built network: duties of the regulations against the edges."""

from __future__ import annotations

import pytest

from graph.errors import MethodnetError
from graph.model import Batch, Supports
from graph.queries.compliance import CATEGORY_EVIDENCE, NOT_MEASURABLE, duty_compliance
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.coordination_dataset import DAY, load, more
from tests.reads import count_reads

V = "RU-LEN-vsevolozhsky"


@pytest.fixture
def net(store: Store) -> Store:
    return load(store)


def _table(rows: list) -> list[tuple]:
    return [(r.clause.regulation_id, r.clause.clause_number, r.category, r.assigned_to.id,
             [(b.body.id, b.status) for b in r.bodies]) for r in rows]


def test_every_duty_against_reality(net: Store) -> None:
    rows = duty_compliance(net, period="2025-H1", on=DAY)
    pools_met = [("LEN-luzhsky-pool", "not_met"), ("LEN-vsevolozhsky-pool", "met")]
    assert _table(rows) == [
        ("reg-001", "2.1", "coordination", "LEN-vsevolozhsky-mms",
         [("LEN-vsevolozhsky-mms", "met")]),
        ("reg-001", "2.1", "individual_routes", "LEN-vsevolozhsky-mms",
         [("LEN-vsevolozhsky-mms", "met")]),
        ("reg-004", "3.2.4", "diagnostics", "LEN-cnppm", [("LEN-cnppm", "met")]),
        ("reg-004", "3.2.4", "monitoring", "LEN-cnppm", [("LEN-cnppm", "not_measurable")]),
        ("reg-004", "3.2.4", "pd_programmes", "LEN-cnppm", [("LEN-cnppm", "met")]),
        ("reg-004", "3.3.2", "low_results_support", "gen-mun-pool", pools_met),
        ("reg-004", "3.3.2", "mentoring", "gen-mun-pool", pools_met),
        ("reg-004", "3.3.2", "young_specialists", "gen-mun-pool", pools_met),
    ]


def test_evidence_and_clause(net: Store) -> None:
    rows = {(r.category, r.assigned_to.id): r for r in duty_compliance(net, on=DAY)}
    low = rows["low_results_support", "gen-mun-pool"]
    assert low.clause.clause_id == "reg-004-3.3.2"
    assert low.clause.duty_id == "duty-reg-004-3.3.2"
    assert low.kind == "methodist_pool" and low.level == "municipal"
    assert low.rule == CATEGORY_EVIDENCE["low_results_support"]
    vsevolozhsk = low.bodies[1]
    # m2 supports the school itself and tutors t2, who teaches there.
    assert [e.id for e in vsevolozhsk.evidence] == [
        "m2|MEMBER_OF>LEN-vsevolozhsky-pool@2024-09-01",
        "m2|SUPPORTS>sch-v2@математика@2024-09-01",
        "m2|TUTORS>t2@2024-09-01",
        "t2|HAS_ROLE>sch-v2@teacher@2024-09-01",
    ]
    assert low.met == ["LEN-vsevolozhsky-pool"] and low.not_met == ["LEN-luzhsky-pool"]
    routes = rows["individual_routes", "LEN-vsevolozhsky-mms"]
    assert [e.type for e in routes.bodies[0].evidence] == ["HAS_ROLE", "TUTORS", "HAS_ROUTE"]
    diag = rows["diagnostics", "LEN-cnppm"]
    assert [e.id for e in diag.bodies[0].evidence] == [
        "m1|HAS_ROLE>LEN-cnppm@regional_methodist@2024-09-01",
        "m1|SUPPORTS>t1@математика@2024-09-01",
        "t1|HAS_DIAGNOSTIC>d1",
    ]
    assert not rows["monitoring", "LEN-cnppm"].measurable
    assert "monitoring" in NOT_MEASURABLE and "coordination" not in NOT_MEASURABLE


def test_filters(net: Store) -> None:
    assert {r.assigned_to.id for r in duty_compliance(net, level="regional")} == {"LEN-cnppm"}
    assert [r.category for r in duty_compliance(net, category="mentoring")] == ["mentoring"]
    assert {r.clause.regulation_id for r in duty_compliance(net, regulation_id="reg-001")} == {
        "reg-001"}
    # In another half-year no school is flagged, so no pool supports a low-results school.
    (later,) = duty_compliance(net, period="2025-H2", category="low_results_support")
    assert later.met == []
    with pytest.raises(MethodnetError, match="unknown duty category"):
        duty_compliance(net, category="dancing")
    with pytest.raises(MethodnetError, match="unknown level"):
        duty_compliance(net, level="galactic")
    with pytest.raises(MethodnetError, match="period"):
        duty_compliance(net, period="2025-06")


def test_dates_matter(net: Store) -> None:
    before = DAY.replace(year=2024, month=1)
    (mentoring,) = duty_compliance(net, category="mentoring", on=before)
    assert mentoring.met == []  # mentor1 joined the pool in September 2024


def test_territory_and_scope(net: Store) -> None:
    district = _table(duty_compliance(net, territory_id=V, period="2025-H1"))
    assert [(c, a) for _, _, c, a, _ in district] == [
        ("coordination", "LEN-vsevolozhsky-mms"), ("individual_routes", "LEN-vsevolozhsky-mms"),
        ("low_results_support", "gen-mun-pool"), ("mentoring", "gen-mun-pool"),
        ("young_specialists", "gen-mun-pool"),
    ]
    assert all(bodies == [(bodies[0][0], bodies[0][1])] for *_, bodies in district)
    scoped = duty_compliance(net, scope=Scope.of(["RU-LEN-luzhsky"]))
    assert {(r.category, tuple(r.not_met)) for r in scoped} == {
        ("low_results_support", ("LEN-luzhsky-pool",)),
        ("mentoring", ("LEN-luzhsky-pool",)),
        ("young_specialists", ("LEN-luzhsky-pool",)),
    }
    assert duty_compliance(net, scope=Scope.of(["RU-AMU"])) == []


def test_consulting_counts_only_consulting_support(net: Store) -> None:
    from graph.model import Duty, HasDuty

    b = Batch()
    b.add(Duty(id="duty-consult", text="консультирует", categories=["consulting"],
               regulation_id="reg-001", clause_number="2.2"))
    b.add(HasDuty(source="LEN-vsevolozhsky-mms", target="duty-consult", regulation_id="reg-001"))
    net.write(b)
    (row,) = duty_compliance(net, category="consulting")
    assert row.not_met == ["LEN-vsevolozhsky-mms"]
    b = Batch()
    b.add(Supports(source="m2", target="t3", kind="consulting", start=DAY))
    net.write(b)
    (row,) = duty_compliance(net, category="consulting")
    assert row.met == ["LEN-vsevolozhsky-mms"]


def test_reads_do_not_grow_with_the_network(net: Store) -> None:
    def question() -> object:
        return duty_compliance(net, period="2025-H1", on=DAY)

    small = count_reads(net, question)
    net.write(more(30))
    assert count_reads(net, question) == small
    assert small <= 14
