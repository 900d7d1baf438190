"""What the planner reads of a territory's region, on both stores (on Neo4j one statement,
graph/queries/plan_in_database.py): a methodist's load as a plan counts it, the ties to a
gap's school and to a teacher's community, a pool's members and borrowed subjects, and the
caller's scope. Hand-built networks in region R (districts A and B) whose answers are known."""

from __future__ import annotations

import datetime as dt

from graph.model import MemberOf, Organization, Supports, Tutors
from graph.queries.plan import Candidate, candidates, plan
from graph.queries.scope import Scope
from graph.store.base import Store
from tests.test_plan import PERIOD, START, _base, _low_school, _methodist, _org, _teacher

ENDED = dt.date(2024, 12, 31)  # before the period 2025-H1


def _row(store: Store, gap_node: str, *, norm: int = 5, scope: Scope | None = None,
         territory: str = "A") -> list[Candidate]:
    rows = candidates(store, territory, PERIOD, norm=norm,
                      **({"scope": scope} if scope else {}))
    (row,) = [r for r in rows if r.gap.node_id == gap_node]
    return list(row.candidates)


def _loaded(store: Store) -> None:
    """sA1 in A is low in математика. mA (A, математика) supports t1 and t2 of sB, t1 twice,
    tutors t3, supports the school sB2 as a whole, and supported t4 until before the period:
    load 3 people + 1 school = 4. mB (B, математика) carries nothing."""
    b = _base()
    _methodist(b, "mA", "mms-A", ["математика"])
    _methodist(b, "mB", "mms-B", ["математика"])
    _low_school(b, "sA1", "A", ["математика"])
    b.add(_org("sB", "school", "institutional", "B"))
    b.add(_org("sB2", "school", "institutional", "B"))
    for t in ("t1", "t2", "t3", "t4"):
        _teacher(b, t, "sB")
    b.extend([Supports(source="mA", target="t1", subject="математика", start=START),
              Supports(source="mA", target="t1", subject="физика", start=START),
              Supports(source="mA", target="t2", start=START),
              Tutors(source="mA", target="t3", start=START),
              Supports(source="mA", target="sB2", start=START),
              Supports(source="mA", target="t4", start=START, end=ENDED)])
    store.write(b)


def test_a_methodists_load_counts_people_once_and_whole_schools(store: Store) -> None:
    _loaded(store)
    found = [(c.candidate_id, c.load, c.headroom) for c in _row(store, "sA1", norm=5)]
    assert found == [("mA", 4, 1), ("mB", 0, 5)]  # the same district first


def test_a_methodist_at_the_norm_comes_last_with_no_headroom(store: Store) -> None:
    _loaded(store)
    found = [(c.candidate_id, c.load, c.headroom) for c in _row(store, "sA1", norm=4)]
    assert found == [("mB", 0, 4), ("mA", 4, 0)]
    assert "нагрузка 4 из 4" in _row(store, "sA1", norm=4)[1].reasons_ru
    (assigned,) = [a for a in plan(store, "A", PERIOD, norm=4).assignments
                   if a.target == "sA1"]
    assert assigned.source == "mB"


def test_a_tie_to_the_school_or_one_of_its_teachers_ranks_first(store: Store) -> None:
    """tA of sA (A) has a deficit in математика and no methodist. mA1 and mA2 (A), mR and
    mR3 (the region's) teach it. mA2 supports tA2, another teacher of sA; mR3 supports sA
    itself; mR did too, but before the period: no tie. Within each distance the tied first."""
    b = _base()
    for m, body in (("mA1", "mms-A"), ("mA2", "mms-A"), ("mR", "cnppm"), ("mR3", "cnppm")):
        _methodist(b, m, body, ["математика"])
    b.add(_org("sA", "school", "institutional", "A"))
    _teacher(b, "tA", "sA", "математика")
    _teacher(b, "tA2", "sA")
    b.extend([Supports(source="mA2", target="tA2", start=START),
              Supports(source="mR3", target="sA", start=START),
              Supports(source="mR", target="sA", start=START, end=ENDED)])
    store.write(b)
    (row,) = candidates(store, "A", PERIOD, kinds=["teacher_without_methodist"])
    found = [(c.candidate_id, c.tie, c.distance, c.load) for c in row.candidates]
    assert found == [("mA2", "school", 0, 1), ("mA1", "", 0, 0), ("mR3", "school", 1, 1),
                     ("mR", "", 1, 0)]
    assert "уже сопровождает эту школу" in row.candidates[0].reasons_ru


def test_a_methodist_in_the_teachers_community_is_tied(store: Store) -> None:
    """tA of sA (A) has no methodist and is a member of the club C; mB (B) is an active
    member of C, mB2 (B) left it before the period: mB is tied and ranks before mB2."""
    b = _base()
    _methodist(b, "mB", "mms-B", ["математика"])
    _methodist(b, "mB2", "mms-B", ["математика"])
    b.add(_org("sA", "school", "institutional", "A"))
    _teacher(b, "tA", "sA", "математика")
    b.extend([Organization(id="C", name="Клуб", kind="community", level="municipal",
                           territory_id="B", community_kind="club"),
              MemberOf(source="tA", target="C", start=START),
              MemberOf(source="mB", target="C", start=START),
              MemberOf(source="mB2", target="C", start=START, end=ENDED)])
    store.write(b)
    rows = candidates(store, "A", PERIOD, kinds=["teacher_without_methodist"])
    assert [(c.candidate_id, c.tie) for c in rows[0].candidates] == [("mB", "community"),
                                                                     ("mB2", "")]


def test_a_pool_takes_its_members_subjects_and_is_limited_by_them(store: Store) -> None:
    """The pool P (R) has no subjects of its own: its active members mA (математика) and mR
    (история) lend theirs; mOld left it. It supports sB already: 1 school of 2 members. The
    pool Q has its own subject физика and is not offered for математика."""
    b = _base()
    _methodist(b, "mA", "mms-A", ["математика"])
    _methodist(b, "mR", "cnppm", ["история"])
    _methodist(b, "mOld", "cnppm", ["математика"])
    _low_school(b, "sA1", "A", ["математика"])
    b.add(_org("sB", "school", "institutional", "B"))
    b.extend([Organization(id="P", name="Актив", kind="methodist_pool", level="regional",
                           territory_id="R"),
              Organization(id="Q", name="Актив физиков", kind="methodist_pool",
                           level="regional", territory_id="R", subjects=["физика"]),
              MemberOf(source="mA", target="P", start=START),
              MemberOf(source="mR", target="P", start=START),
              MemberOf(source="mOld", target="P", start=START, end=ENDED),
              Supports(source="P", target="sB", start=START)])
    store.write(b)
    found = [(c.candidate_id, c.kind.value, c.load, c.limit, c.headroom)
             for c in _row(store, "sA1")]
    assert found == [("mA", "methodist", 0, 5, 5), ("mOld", "methodist", 0, 5, 5),
                     ("P", "pool", 1, 2, 1)]
    (pool,) = [c for c in _row(store, "sA1") if c.candidate_id == "P"]
    assert "участников 2, уже сопровождает школ: 1" in pool.reasons_ru


def test_a_district_coordinator_is_offered_the_district_only(store: Store) -> None:
    """Asked by A's coordinator, the region is what of it the scope holds: A's methodist,
    not the region's nor B's."""
    b = _base()
    for m, body in (("mA", "mms-A"), ("mB", "mms-B"), ("mR", "cnppm")):
        _methodist(b, m, body, ["математика"])
    _low_school(b, "sA1", "A", ["математика"])
    store.write(b)
    assert [c.candidate_id for c in _row(store, "sA1")] == ["mA", "mR", "mB"]
    assert [c.candidate_id for c in _row(store, "sA1", scope=Scope.of(["A"]))] == ["mA"]


def test_a_body_whose_subject_differs_from_its_key_in_case_still_has_its_members(
        store: Store) -> None:
    """Subjects compare by their case-folded key: the pool's «ß-курс» is the school's
    «SS-КУРС» (made up); the server, whose lower case is not a case fold, counts the members
    of a body with such a subject whatever the gaps ask."""
    b = _base()
    _low_school(b, "sA1", "A", ["SS-КУРС"])
    _methodist(b, "mA", "mms-A", ["математика"])
    b.extend([Organization(id="P", name="Актив", kind="methodist_pool", level="regional",
                           territory_id="R", subjects=["ß-курс"]),
              MemberOf(source="mA", target="P", start=START)])
    store.write(b)
    found = [(c.candidate_id, c.limit, c.headroom) for c in _row(store, "sA1")]
    assert found == [("P", 1, 1)]


def test_the_planner_reads_a_low_schools_direct_support_only(store: Store) -> None:
    """On Neo4j the planner asks a flagged school's direct supporters only (not its teachers'
    communities nor its district's service): the same schools, covered and uncovered subjects
    as the whole answer. sA1 is low in математика and физика; mA supports it in математика;
    its teacher t1 is a member of a community; A has a methodological service (mms-A)."""
    from graph.queries.in_database import in_database
    from graph.queries.scope import EVERYTHING
    from graph.queries.support import ResultsFlag, low_results_support

    b = _base()
    _methodist(b, "mA", "mms-A", ["математика"])
    _low_school(b, "sA1", "A", ["математика", "физика"])
    b.extend([Organization(id="comm", name="comm", kind="community", level="municipal",
                           territory_id="A"),
              Supports(source="mA", target="sA1", subject="математика", start=START),
              MemberOf(source="t1", target="comm", start=START)])
    _teacher(b, "t1", "sA1")
    store.write(b)
    whole = low_results_support(store, period=PERIOD, territory_id="A")
    (school,) = whole.schools
    assert (school.covered_subjects, school.uncovered_subjects) == (("математика",),
                                                                    ("физика",))
    assert {s.id for s in school.supporters} == {"mA", "mms-A", "comm"}
    native = in_database(store)
    if native is not None:
        direct = native.low_results_support(period=PERIOD, flag=ResultsFlag.low_results,
                                            territory_id="A", subject=None,
                                            scope=EVERYTHING,
                                            direct_only=True)
        (only,) = direct.schools
        assert [s.id for s in only.supporters] == ["mA"]
        assert (only.school_id, only.covered_subjects, only.uncovered_subjects) == (
            "sA1", ("математика",), ("физика",))
        assert (direct.unsupported, direct.mismatched) == (whole.unsupported, whole.mismatched)
    assert [(g.gap.node_id, g.gap.subject) for g in candidates(
        store, "A", PERIOD, kinds=["low_results_school"])] == [("sA1", "физика")]
