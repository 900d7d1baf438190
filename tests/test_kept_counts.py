"""The country's gap counts kept per district (graph/queries/kept_counts.py), on both stores.

Tiny hand-built networks (the demo network and a few writes on it) whose answers are known:
each district's partial counts every gap once (a teacher working in two districts in the
district of their first school), the partials sum to the exact count, and every kind of write
marks the districts whose counts it changes, so that the kept counts stay exact after it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from graph.model import Batch
from graph.model.base import EdgeRecord, NodeRecord
from graph.model.development import Competency, HasDeficit, HasRoute, IndividualRoute
from graph.model.enums import PersonRole
from graph.model.organization import Organization
from graph.model.person import EmployedAt, HasRole, MemberOf, Person
from graph.model.support import Supports
from graph.queries.demo import demo_store
from graph.queries.gaps import GapKind, gap_report
from graph.queries.kept_counts import kept_counts, kept_partials
from graph.queries.scope import Scope
from graph.store import Store

PERIOD = "2025-H1"


def exact(store: Store, period: str = PERIOD, **more: object) -> dict[GapKind, int]:
    """Every kind's count for the whole country, counted anew (partials off)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("METHODNET_GAP_PARTIALS", "0")
        return gap_report(store, period=period, counts_only=True, **more).counts  # type: ignore[arg-type]


def kept(store: Store, period: str = PERIOD) -> dict[GapKind, int]:
    found = kept_counts(store, list(GapKind), period=period)
    assert found is not None
    return found


@pytest.fixture
def demo(store: Store) -> Iterator[Store]:
    demo_store(store)
    yield store


def _batch(*items: object) -> Batch:
    b = Batch()
    b.extend(items)  # type: ignore[arg-type]
    return b


def test_the_partials_sum_to_the_exact_counts(demo: Store) -> None:
    assert kept(demo) == exact(demo)
    assert kept(demo, "2024-H2") == exact(demo, "2024-H2")


def test_a_teacher_in_two_districts_is_counted_once_in_their_first_schools(demo: Store) -> None:
    before = kept_partials(demo, [GapKind.teacher_without_methodist], period=PERIOD)
    assert before is not None
    # s1 is in RU-LEN-a, s3 in RU-LEN-b; no methodist supports the new teacher.
    demo.write(_batch(
        Person(id="t-two", full_name="Двухрайонова Анна"),
        EmployedAt(source="t-two", target="s3", start="2020-01-01"),
        EmployedAt(source="t-two", target="s1", start="2020-01-01")))
    after = kept_partials(demo, [GapKind.teacher_without_methodist], period=PERIOD)
    assert after is not None
    kind = GapKind.teacher_without_methodist
    mine, theirs = before[kind], after[kind]
    assert theirs.get("RU-LEN-a", 0) == mine.get("RU-LEN-a", 0) + 1
    assert theirs.get("RU-LEN-b", 0) == mine.get("RU-LEN-b", 0)
    assert sum(theirs.values()) == exact(demo)[kind]
    report = gap_report(demo, period=PERIOD)
    gap = next(g for g in report.gaps[kind] if g.node_id == "t-two")
    assert gap.territory_id == "RU-LEN-a"  # the district the gap itself names


def _role_change(store: Store) -> None:
    # m1 (regional methodist, supports t1) loses the role: t1 then has no methodist.
    store.write(_batch(HasRole(source="m1", target="cnppm", role=PersonRole.regional_methodist,
                               start="2020-09-01", end="2024-12-31")))
    edges = store.edges("HAS_ROLE", sources=["m1"])
    store.delete(edge_ids=[e.id for e in edges if not e.props.get("end")])


def _school_moves(store: Store) -> None:
    school = store.get_node("s1")
    assert school is not None
    store.write(Batch(nodes={"s1": NodeRecord("Organization", "s1", {
        **school.props, "territory_id": "RU-LEN-b"})}))


def _route_cancelled(store: Store) -> None:
    store.write(_batch(Competency(id="k-new", name="Новая", subject="химия"),
                       HasDeficit(source="t1", target="k-new", date="2025-02-01"),
                       IndividualRoute(id="route-new", created="2025-01-10", status="active"),
                       HasRoute(source="t1", target="route-new")))
    route = store.get_node("route-new")
    assert route is not None
    store.write(Batch(nodes={"route-new": NodeRecord("IndividualRoute", "route-new", {
        **route.props, "status": "cancelled"})}))


def _community_kind(store: Store) -> None:
    store.write(_batch(
        Organization(id="com-young", name="Школа молодого педагога", kind="community",
                     level="municipal", territory_id="RU-LEN-b",
                     community_kind="young_teacher_school"),
        MemberOf(source="t3", target="com-young", start="2024-09-01")))
    node = store.get_node("com-young")
    assert node is not None
    store.write(Batch(nodes={"com-young": NodeRecord("Organization", "com-young", {
        **node.props, "community_kind": "club"})}))


def _body_kind(store: Store) -> None:
    body = store.get_node("mms-b")
    assert body is not None
    store.write(Batch(nodes={"mms-b": NodeRecord("Organization", "mms-b", {
        **body.props, "kind": "education_authority"})}))


def _support_added_and_removed(store: Store) -> None:
    store.write(_batch(Supports(source="m3", target="t3", subject="математика",
                                start="2025-01-01")))
    assert kept(store) == exact(store)
    store.delete(edge_ids=[e.id for e in store.edges("SUPPORTS", sources=["m3"],
                                                     targets=["t3"])])


def _teacher_deleted(store: Store) -> None:
    store.delete(node_ids=["t1"])


def _service_removed(store: Store) -> None:
    store.delete(node_ids=["s1-service"])


def _pool_member(store: Store) -> None:
    store.write(_batch(MemberOf(source="t3", target="pool-b", start="2024-01-01")))


def _bulk_load(store: Store) -> None:
    store.bulk_write([_batch(Person(id="t-bulk", full_name="Загрузкина Ирина"),
                             EmployedAt(source="t-bulk", target="z1", start="2020-01-01"))])


def _edge_dates(store: Store) -> None:
    work = store.edges("EMPLOYED_AT", sources=["t2"])[0]
    store.write(Batch(edges={work.id: EdgeRecord(work.type, work.source, work.target, work.key,
                                                 {**work.props, "end": "2025-01-31"})}))


WRITES: dict[str, Callable[[Store], None]] = {
    "a methodist's role ends": _role_change,
    "a school moves to another district": _school_moves,
    "a route is opened, then cancelled": _route_cancelled,
    "a community's kind changes": _community_kind,
    "a body's kind changes": _body_kind,
    "support added, then removed": _support_added_and_removed,
    "a teacher is deleted": _teacher_deleted,
    "a school's service is deleted": _service_removed,
    "a pool gets a member": _pool_member,
    "a bulk load": _bulk_load,
    "work ends earlier": _edge_dates,
}


@pytest.mark.parametrize("write", list(WRITES), ids=list(WRITES))
def test_every_kind_of_write_keeps_the_counts_exact(demo: Store, write: str) -> None:
    assert kept(demo) == exact(demo)  # every partial counted and kept
    WRITES[write](demo)
    assert kept(demo) == exact(demo)


def test_a_write_marks_only_the_districts_it_can_change(demo: Store) -> None:
    kept(demo)
    before = demo.gap_generations()
    assert before is not None
    # A teacher of Zeya gets a deficit: Zeya (and the bucket of gaps with no territory) only.
    demo.write(_batch(Competency(id="k-zeya", name="Зейская", subject="география"),
                      HasDeficit(source="tz", target="k-zeya", date="2025-03-01")))
    after = demo.gap_generations()
    assert after is not None
    raised = {d for d in after if after[d] != before.get(d, 0)}
    assert raised == {"", "RU-AMU-zeya"}
    assert kept(demo) == exact(demo)


def test_clear_marks_every_district(demo: Store) -> None:
    kept(demo)
    every = (demo.gap_generations() or {}).get("*", 0)
    demo.clear()
    assert (demo.gap_generations() or {}).get("*", 0) > every
    assert kept(demo) == exact(demo) == {k: 0 for k in GapKind}


def test_forgetting_marks_every_district_and_the_counts_stay_exact(demo: Store) -> None:
    # What `methodnet recount` does after the database was written other than through the store.
    kept(demo)
    every = (demo.gap_generations() or {}).get("*", 0)
    demo.forget_gap_partials()
    assert (demo.gap_generations() or {}).get("*", 0) == every + 1
    assert kept(demo) == exact(demo)


def test_the_first_screen_takes_its_counts_from_the_partials(demo: Store) -> None:
    screen = gap_report(demo, period=PERIOD, first=1)
    whole = exact(demo)
    assert screen.counts == whole
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("METHODNET_GAP_PARTIALS", "0")
        assert gap_report(demo, period=PERIOD, first=1) == screen


def test_a_restricted_caller_and_a_subject_are_counted_as_before(demo: Store) -> None:
    kept(demo)
    scoped = gap_report(demo, period=PERIOD, first=2, scope=Scope.of(["RU-LEN-a"]))
    assert scoped.counts == exact(demo, territory_id="RU-LEN-a")
    assert all(g.territory_id in (None, "RU-LEN-a")
               for found in scoped.gaps.values() for g in found)
    by_subject = gap_report(demo, period=PERIOD, first=2, subject="физика")
    assert by_subject.counts == exact(demo, subject="физика")


def test_a_school_that_closes_moves_its_teachers_to_their_next_district(demo: Store) -> None:
    # t-two works at s1 (RU-LEN-a, their first school) and s3 (RU-LEN-b).
    demo.write(_batch(
        Person(id="t-two", full_name="Двухрайонова Анна"),
        EmployedAt(source="t-two", target="s1", start="2020-01-01"),
        EmployedAt(source="t-two", target="s3", start="2020-01-01")))
    assert kept(demo) == exact(demo)
    school = demo.get_node("s1")
    assert school is not None
    demo.write(Batch(nodes={"s1": NodeRecord("Organization", "s1", {
        **school.props, "kind": "council"})}))
    partials = kept_partials(demo, [GapKind.teacher_without_methodist], period=PERIOD)
    assert partials is not None
    report = gap_report(demo, period=PERIOD)
    gap = next(g for g in report.gaps[GapKind.teacher_without_methodist] if g.node_id == "t-two")
    assert gap.territory_id == "RU-LEN-b"
    assert kept(demo) == exact(demo)


def test_a_recount_in_several_lists_of_districts_is_exact(
        demo: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # A recount sends its districts in lists of one size class (padded with a key no district
    # has); here one district a list, so the two districts below go in two lists and pads.
    from graph.queries import native_gaps

    monkeypatch.setattr(native_gaps, "_A_LIST", 1)
    monkeypatch.setattr(native_gaps, "_AT_LEAST", 2)
    assert kept(demo) == exact(demo)
    before = demo.gap_generations() or {}
    demo.write(_batch(
        Person(id="t-two", full_name="Двухрайонова Анна"),
        EmployedAt(source="t-two", target="s1", start="2020-01-01"),
        EmployedAt(source="t-two", target="s3", start="2020-01-01")))
    after = demo.gap_generations() or {}
    assert {"RU-LEN-a", "RU-LEN-b"} <= {d for d in after if after[d] != before.get(d, 0)}
    assert kept(demo) == exact(demo)
    assert native_gaps._lists_of_one_size(["RU-LEN-a", "RU-LEN-b"]) == [
        ["RU-LEN-a", native_gaps._NO_DISTRICT], ["RU-LEN-b", native_gaps._NO_DISTRICT]]
