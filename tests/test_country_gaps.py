"""The whole country's gaps, on a tiny hand-built network whose answers are known.

On Neo4j the country's statements start elsewhere than a territory's (graph/store/cypher.py,
"The whole country"): young specialists from the index on their first year of work, the
teachers a methodist supports from the methodists, a subject's coverage in a district from
the methodists' coverage computed once. These cases pin each rule at its edges, on both
stores, for the report with lists and for its counts alone. All people and bodies are made up.
"""

from __future__ import annotations

import datetime as dt

from graph.model import (
    Batch,
    Competency,
    EmployedAt,
    HasDeficit,
    HasRole,
    MemberOf,
    Mentors,
    Municipality,
    Organization,
    Person,
    Region,
    Supports,
    Tutors,
)
from graph.queries.gaps import GapKind, gap_report
from graph.store.base import Store

PERIOD = "2025-H2"  # the period's last day: 2025-12-31
START = dt.date(2024, 9, 1)
A, B = "RU-XX-a", "RU-XX-b"


def _school(b: Batch, sid: str, territory: str) -> None:
    b.add(Organization(id=sid, name=f"Школа {sid} (вымышленная)", kind="school",
                       level="institutional", territory_id=territory))


def _teacher(b: Batch, pid: str, school: str, *, born: int = 1980, career: int = 2005,
             by_role: bool = False) -> None:
    b.add(Person(id=pid, full_name=f"Педагог {pid} (вымышленный)", birth_year=born,
                 career_start_year=career))
    if by_role:
        b.add(HasRole(source=pid, target=school, role="teacher", start=START))
    else:
        b.add(EmployedAt(source=pid, target=school, start=START, position="учитель"))


def _methodist(b: Batch, pid: str, body: str, subjects: list[str], *,
               end: dt.date | None = None) -> None:
    b.add(Person(id=pid, full_name=f"Методист {pid} (вымышленный)"))
    b.add(HasRole(source=pid, target=body, role="municipal_methodist", subjects=subjects,
                  start=START, end=end))


def network() -> Batch:
    """Two districts: A with schools a1, a2 and a methodological service; B with school b1.

    Deficits (all in 2025): ta1 физика (a local methodist of физика in A covers it), ta2 химия
    (a methodist of B supports school a2 in химия), ta3 биология (a methodist of B tutors ta3:
    his role's subject биология), ta4 история (a methodist whose role ended in 2024: not
    covered), tb1 физика (B has no methodist of физика: not covered; the one of A is A's).
    """
    b = Batch()
    b.add(Region(id="RU-XX", name="Вымышленная область"))
    b.add(Municipality(id=A, name="Район А (вымышленный)", region_id="RU-XX"))
    b.add(Municipality(id=B, name="Район Б (вымышленный)", region_id="RU-XX"))
    for sid, territory in (("a1", A), ("a2", A), ("b1", B)):
        _school(b, sid, territory)
    for oid, territory in (("a-mms", A), ("b-mms", B)):
        b.add(Organization(id=oid, name=f"Методический центр {oid} (вымышленный)",
                           kind="methodological_service", level="municipal",
                           territory_id=territory))
    for cid, subject in (("c-phys", "физика"), ("c-chem", "химия"), ("c-bio", "биология"),
                         ("c-hist", "история")):
        b.add(Competency(id=cid, name=f"Предметные компетенции: {subject}", subject=subject))
    # Teachers: ta1..ta4 in A (ta4 by a teacher role only), tb1 and tb2 in B.
    _teacher(b, "ta1", "a1")
    _teacher(b, "ta2", "a2")
    _teacher(b, "ta3", "a1")
    _teacher(b, "ta4", "a2", by_role=True)
    _teacher(b, "tb1", "b1")
    _teacher(b, "tb2", "b1")
    # Young specialists on 2025-12-31: under 35, career started in 2023, 2024 or 2025.
    _teacher(b, "y-first", "a1", born=2001, career=2025)   # year 1: young, alone
    _teacher(b, "y-third", "a1", born=2000, career=2023)   # year 3: young, alone
    _teacher(b, "y-fourth", "b1", born=2000, career=2022)  # year 4: not young
    _teacher(b, "y-old", "b1", born=1990, career=2024)     # 35: not young
    _teacher(b, "y-mentored", "b1", born=2000, career=2024)
    _teacher(b, "y-school", "a2", born=2000, career=2024)  # in a young teachers' school
    b.add(Person(id="mentor", full_name="Наставник (вымышленный)"))
    b.add(Mentors(source="mentor", target="y-mentored", start=START))
    b.add(Organization(id="a-young", name="Школа молодого педагога (вымышленная)",
                       kind="community", level="municipal", territory_id=A,
                       community_kind="young_teacher_school"))
    b.add(MemberOf(source="y-school", target="a-young", start=START))
    # Methodists.
    _methodist(b, "ma", "a-mms", ["Физика "])                 # local to A, физика
    _methodist(b, "mb", "b-mms", ["химия"])                   # B's, supports school a2
    b.add(Supports(source="mb", target="a2", subject="химия", start=START))
    _methodist(b, "mc", "b-mms", ["биология"])                # B's, tutors ta3
    b.add(Tutors(source="mc", target="ta3", start=START))
    _methodist(b, "gone", "a-mms", ["история"], end=dt.date(2024, 12, 31))
    b.add(Supports(source="gone", target="ta4", start=START))
    # tb2 is supported by someone who is no methodist.
    b.add(Person(id="helper", full_name="Коллега (вымышленный)"))
    b.add(Supports(source="helper", target="tb2", start=START))
    day = dt.date(2025, 3, 1)
    for teacher, competency in (("ta1", "c-phys"), ("ta2", "c-chem"), ("ta3", "c-bio"),
                                ("ta4", "c-hist"), ("tb1", "c-phys")):
        b.add(HasDeficit(source=teacher, target=competency, diagnostic_id="d", date=day))
    return b


def _ids(store: Store, kind: GapKind, **kw: object) -> list[tuple[str, str | None]]:
    report = gap_report(store, period=PERIOD, kinds=[kind], **kw)  # type: ignore[arg-type]
    counted = gap_report(store, period=PERIOD, kinds=[kind], counts_only=True,
                         **kw)  # type: ignore[arg-type]
    assert counted.counts == report.counts
    return [(g.node_id, g.subject) for g in report.gaps[kind]]


def test_a_subject_is_covered_three_ways_and_only_in_its_district(store: Store) -> None:
    store.write(network())
    assert _ids(store, GapKind.subject_without_methodist) == [
        (A, "история"), (B, "физика")]
    assert _ids(store, GapKind.subject_without_methodist, subject=" ФИЗИКА") == [(B, "физика")]


def test_young_specialists_at_the_edges_of_the_rule(store: Store) -> None:
    store.write(network())
    assert _ids(store, GapKind.young_specialist_without_support) == [
        ("y-first", None), ("y-third", None)]


def test_teachers_without_methodist_are_the_teachers_less_the_supported(store: Store) -> None:
    store.write(network())
    found = [t for t, _ in _ids(store, GapKind.teacher_without_methodist)]
    # ta3 alone is tutored by an active methodist; gone's role ended, helper is none.
    assert "ta3" not in found and "ta1" in found
    assert {"ta4", "tb2"} <= set(found)
    assert len(found) == 6 + 6 - 1
