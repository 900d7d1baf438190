"""Closing the gaps a plan could not close before: routes (ИОМ), mentors who are teachers,
methodist pools and communities, on hand-built networks whose answers are known."""

from __future__ import annotations

import pytest

from graph.errors import InvalidBatch
from graph.model import Batch, HasRole, MemberOf, Mentors, Organization, Person, Supports
from graph.queries.gaps import deficits_without_route, young_specialists_without_support
from graph.queries.plan import CandidateKind, accept, candidates, plan, route_id, what_if
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.test_plan import (
    PERIOD,
    START,
    _base,
    _low_school,
    _methodist,
    _org,
    _pairs,
    _teacher,
)


def _teaching(b: Batch, tid: str, school: str, subject: str, *, young: bool = False) -> None:
    """A teacher of ``subject`` without deficits: experienced (since 1995) or young."""
    b.extend([Person(id=tid, full_name=tid, birth_year=2000 if young else 1970,
                     career_start_year=2024 if young else 1995),
              HasRole(source=tid, target=school, role="teacher", subjects=[subject],
                      start=START)])


def _young_at_school(store: Store, *, mentors_taken: int = 0) -> None:
    """sA1 in A: the young specialist y (математика, no deficit), the experienced teachers e1
    (математика) and e2 (физика), the young y2 (математика); the methodist mA (математика,
    norm-free here) and the district's Школа молодого педагога. ``mentors_taken`` young
    teachers of another school are already e1's mentees."""
    b = _base()
    _methodist(b, "mA", "mms-A", ["математика"])
    b.add(_org("sA1", "school", "institutional", "A"))
    b.add(Organization(id="young-A", name="Школа молодого педагога А", kind="community",
                       level="municipal", territory_id="A",
                       community_kind="young_teacher_school"))
    _teaching(b, "e1", "sA1", "математика")
    _teaching(b, "e2", "sA1", "физика")
    _teaching(b, "y", "sA1", "математика", young=True)
    _teaching(b, "y2", "sA1", "математика", young=True)
    # y2 is supported already, so only y is a gap among the young
    b.add(Mentors(source="mA", target="y2", start=START))
    b.add(_org("sA2", "school", "institutional", "A"))
    for i in range(mentors_taken):
        _teacher(b, f"other{i}", "sA2", young=True)
        b.add(Mentors(source="e1", target=f"other{i}", start=START))
    store.write(b)


def _young_row(store: Store, norm: int = 5) -> list[tuple[str, str]]:
    (row,) = [r for r in candidates(store, "A", PERIOD, norm=norm)
              if r.gap.kind == "young_specialist_without_support" and r.gap.node_id == "y"]
    return [(c.candidate_id, c.kind.value) for c in row.candidates]


def test_young_specialist_mentor_of_the_same_school_first(store: Store) -> None:
    _young_at_school(store)
    assert _young_row(store) == [("e1", "mentor"), ("mA", "methodist"),
                                 ("young-A", "community")]
    p = plan(store, "A", PERIOD, norm=5)
    young = [a for a in p.assignments if a.gap_kind == "young_specialist_without_support"]
    assert [(a.source, a.target, a.edge_type) for a in young] == [("e1", "y", "MENTORS")]
    (mentor,) = [c for r in p.candidates for c in r.candidates if c.candidate_id == "e1"]
    assert "опытный педагог той же школы" in mentor.reasons_ru
    assert "наставляемых 0 из 2" in mentor.reasons_ru


def test_a_full_mentor_leaves_it_to_the_young_teachers_school(store: Store) -> None:
    """e1 mentors two already; mA has no headroom at norm 1 (y2): the district's Школа
    молодого педагога takes y in, by membership."""
    _young_at_school(store, mentors_taken=2)
    assert _young_row(store, norm=1)[-1] == ("e1", "mentor")  # no headroom: last
    p = plan(store, "A", PERIOD, norm=1)
    young = [a for a in p.assignments if a.target == "y"]
    assert [(a.source, a.edge_type, a.candidate_kind) for a in young] == [
        ("young-A", "MEMBER_OF", CandidateKind.community)]
    accept(store, p, actor="anna", revision=p.revision, keep=[("young-A", "y")])
    assert [(e.source, e.target) for e in store.edges("MEMBER_OF", sources=["y"])] == [
        ("y", "young-A")]
    assert "y" not in {g.node_id for g in young_specialists_without_support(
        store, territory_id="A", period=PERIOD)}


def _pool_and_community(store: Store, *, with_member: bool = True) -> None:
    """The low-results school sA1 (A, математика); no methodist of математика anywhere; the
    pool of A has one teacher of математика (p1, of sA2); the РМО математика of A has no
    active member."""
    b = _base()
    _methodist(b, "mA", "mms-A", ["химия"])
    _low_school(b, "sA1", "A", ["математика"])
    b.add(_org("sA2", "school", "institutional", "A"))
    b.add(Organization(id="pool-A", name="Методический актив А", kind="methodist_pool",
                       level="municipal", territory_id="A"))
    b.add(Organization(id="mo-A", name="РМО математики А", kind="community", level="municipal",
                       territory_id="A", community_kind="methodological_association",
                       subjects=["математика"]))
    _teaching(b, "p1", "sA2", "математика")
    if with_member:
        b.add(MemberOf(source="p1", target="pool-A", start=START))
    store.write(b)


def test_pool_and_community_candidates_for_a_low_results_school(store: Store) -> None:
    _pool_and_community(store)
    (row,) = [r for r in candidates(store, "A", PERIOD) if r.gap.node_id == "sA1"]
    assert [(c.candidate_id, c.kind.value, c.headroom) for c in row.candidates] == [
        ("pool-A", "pool", 1), ("mo-A", "community", 0)]
    assert row.candidates[0].reasons_ru == (
        "предмет «математика»", "методический актив, тот же район",
        "участников 1, уже сопровождает школ: 0")
    p = plan(store, "A", PERIOD)
    assert _pairs(p)[:1] == [("low_results_school", "pool-A", "sA1", "математика")]
    w = what_if(store, p)
    assert (w.gaps_before["low_results_school"], w.gaps_after["low_results_school"]) == (1, 0)
    accept(store, p, actor="anna", revision=p.revision, keep=[("pool-A", "sA1")])
    (edge,) = store.edges("SUPPORTS", sources=["pool-A"])
    assert (edge.target, edge.props["subject"], edge.props["kind"]) == (
        "sA1", "математика", "low_results_support")
    # the pool's one member now supports one school: no headroom for another
    assert [c.headroom for r in candidates(store, "A", PERIOD) for c in r.candidates
            if c.candidate_id == "pool-A"] == []  # and sA1 is no gap any more


def test_a_pool_without_members_stays_open(store: Store) -> None:
    _pool_and_community(store, with_member=False)
    p = plan(store, "A", PERIOD)
    (left,) = [u for u in p.unclosable if u.gap.node_id == "sA1"]
    # the pool has no subject without members; the РМО has no member: no headroom
    assert [c.candidate_id for r in p.candidates if r.gap.node_id == "sA1"
            for c in r.candidates] == ["mo-A"]
    assert left.reason == (
        "every methodist, methodist pool or community of математика is at the load norm")


def _route_gap(store: Store) -> None:
    """t1 (sA1 in A) has a deficit in математика and no route; mA (A) and mR (regional) teach
    математика; mA already supports t1, so only the route is a gap."""
    b = _base()
    _methodist(b, "mA", "mms-A", ["математика"])
    _methodist(b, "mR", "cnppm", ["математика"])
    b.add(_org("sA1", "school", "institutional", "A"))
    _teacher(b, "t1", "sA1", deficit="математика")
    b.add(Supports(source="mA", target="t1", subject="математика", start=START))
    store.write(b)


def test_accepting_a_route_creates_it_with_its_methodist(store: Store) -> None:
    _route_gap(store)
    p = plan(store, "A", PERIOD, norm=5)
    (a,) = p.assignments
    assert (a.gap_kind.value, a.source, a.target, a.edge_type, a.competencies) == (
        "deficit_without_route", "mA", "t1", "HAS_ROUTE", ("c-математика",))
    summary = accept(store, p, actor="anna", revision=p.revision, scope=Scope.of(["A"]))
    assert dict(summary.created) == {"IndividualRoute": 1, "HAS_ROUTE": 1, "ADDRESSES": 1,
                                     "SUPPORTS": 1}
    rid = route_id("t1", PERIOD)
    route = store.get_node(rid)
    assert route is not None and (route.label, route.props["created"]) == (
        "IndividualRoute", "2025-01-01")
    assert [e.target for e in store.edges("HAS_ROUTE", sources=["t1"])] == [rid]
    assert [e.target for e in store.edges("ADDRESSES", sources=[rid])] == ["c-математика"]
    kinds = sorted(e.props["kind"] for e in store.edges("SUPPORTS", sources=["mA"]))
    assert kinds == ["methodological", "route_support"]
    assert deficits_without_route(store, territory_id="A", period=PERIOD) == []


def test_a_route_outside_the_scope_writes_nothing(store: Store) -> None:
    """A caller of district B may not write a route for a teacher of A: neither the route nor
    its edges are written."""
    _route_gap(store)
    p = plan(store, "A", PERIOD, norm=5)
    with pytest.raises(InvalidBatch):
        accept(store, p, actor="boris", revision=p.revision, scope=Scope.of(["B"]))
    assert store.get_node(route_id("t1", PERIOD)) is None
    assert store.edges("HAS_ROUTE") == []


def test_a_route_is_never_written_over_an_existing_node(store: Store) -> None:
    _route_gap(store)
    p = plan(store, "A", PERIOD, norm=5)
    b = Batch()
    b.add(Person(id=route_id("t1", PERIOD), full_name="тёзка"))
    store.write(b)
    with pytest.raises(Exception, match="новые ИОМ"):
        accept(store, p, actor="anna", revision=store.revision)
    assert store.edges("HAS_ROUTE") == []


def test_both_stores_give_the_same_plan(store: Store) -> None:
    """The same network on each store: the plan is fixed by hand here, so both agree."""
    _young_at_school(store)
    assert [(a.gap_kind.value, a.source, a.target, a.edge_type)
            for a in plan(store, "A", PERIOD, norm=5).assignments] == [
        ("teacher_without_methodist", "mA", "e1", "SUPPORTS"),
        ("teacher_without_methodist", "mA", "y", "SUPPORTS"),
        ("teacher_without_methodist", "mA", "y2", "SUPPORTS"),
        ("young_specialist_without_support", "e1", "y", "MENTORS")]
    (open_,) = plan(store, "A", PERIOD, norm=5).unclosable
    assert (open_.gap.node_id, open_.reason) == ("e2", "no methodist of физика within reach")


def test_ties_and_limits_come_from_the_memberships_that_matter(store: Store) -> None:
    """A's low-results school sA1 is weak in математика; the РМО физики of A (two members)
    could take no school of физика here, so it is offered to no one. The teacher t1 (sA2, a
    deficit in математика, no methodist) shares the РМО with the methodist mB (district B)
    and the Школа молодого педагога with mA2 (A): both are marked as sharing a community, and
    mA2 ranks before mA (same district, no tie), mB after them (another district)."""
    b = _base()
    _methodist(b, "mA", "mms-A", ["математика"])
    _methodist(b, "mA2", "mms-A", ["математика"])
    _methodist(b, "mB", "mms-B", ["математика"])
    _low_school(b, "sA1", "A", ["математика"])
    b.add(_org("sA2", "school", "institutional", "A"))
    _teacher(b, "t1", "sA2", deficit="математика")
    b.add(Organization(id="mo-phys", name="РМО физики А", kind="community", level="municipal",
                       territory_id="A", community_kind="methodological_association",
                       subjects=["физика"]))
    b.add(Organization(id="young-A", name="Школа молодого педагога А", kind="community",
                       level="municipal", territory_id="A",
                       community_kind="young_teacher_school"))
    _teaching(b, "f1", "sA2", "физика")
    b.extend([MemberOf(source="f1", target="mo-phys", start=START),
              MemberOf(source="t1", target="mo-phys", start=START),
              MemberOf(source="mB", target="mo-phys", start=START),
              MemberOf(source="t1", target="young-A", start=START),
              MemberOf(source="mA2", target="young-A", start=START)])
    store.write(b)
    rows = candidates(store, "A", PERIOD)
    (school,) = [r for r in rows if r.gap.node_id == "sA1"]
    assert [c.candidate_id for c in school.candidates] == ["mA", "mA2", "mB"]
    (teacher,) = [r for r in rows if r.gap.node_id == "t1"
                  and r.gap.kind == "teacher_without_methodist"]
    assert [(c.candidate_id, c.tie) for c in teacher.candidates] == [
        ("mA2", "community"), ("mA", ""), ("mB", "community")]
