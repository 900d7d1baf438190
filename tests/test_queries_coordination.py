"""Coordination questions 1–4 on the demo network, whose answers are known by construction.

Every test runs on both stores (the ``store`` fixture); see ``graph/queries/demo.py`` for what
the network holds and why each answer is what it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pytest

from graph.model import (
    Assessment,
    Batch,
    Competency,
    EmployedAt,
    HasAssessment,
    HasDeficit,
    Indicator,
    Organization,
    Person,
    Supports,
)
from graph.model.base import EdgeRecord, NodeRecord
from graph.queries.area import InvalidArgument
from graph.queries.demo import demo_batch
from graph.queries.gaps import GapKind, gap_report, methodists_over_load
from graph.queries.indicators import compute_indicator, indicators
from graph.queries.load import methodist_load
from graph.queries.scope import Scope
from graph.queries.support import ResultsFlag, SupporterKind, low_results_support
from graph.store.base import GraphCounts, Progress, Store, WriteSummary

H1 = "2025-H1"


@pytest.fixture
def demo(store: Store) -> Store:
    store.write(demo_batch())
    return store


# -- Q1 support of low-results schools ----------------------------------------------------------
def test_support_lists_supporters_with_evidence(demo: Store) -> None:
    answer = low_results_support(demo, period=H1)
    assert answer.period == H1 and answer.flag is ResultsFlag.low_results
    assert [s.school_id for s in answer.schools] == ["s1", "s2"]
    s1, s2 = answer.schools
    got = [(p.id, p.kind, p.direct, p.subjects, p.teachers) for p in s1.supporters]
    assert got == [
        ("m1", SupporterKind.regional_methodist, True, ("математика",), ("t1",)),
        ("mt1", SupporterKind.tutor, True, (), ("t2",)),
        ("school-strong", SupporterKind.curating_school, True, (), ()),
        ("mms-a", SupporterKind.district_service, False, (), ()),
        ("comm-math", SupporterKind.community, False, ("математика",), ("t1",)),
    ]
    evidence = {p.id: [(e.edge_id, e.type) for e in p.evidence] for p in s1.supporters}
    assert evidence["m1"] == [("m1|SUPPORTS>t1@математика@2025-02-01", "SUPPORTS")]
    assert evidence["mt1"] == [("mt1|TUTORS>t2@2025-02-01", "TUTORS")]
    assert evidence["school-strong"] == [("school-strong|CURATES>s1@@2025-02-01", "CURATES")]
    assert evidence["comm-math"] == [("t1|MEMBER_OF>comm-math@2024-09-01", "MEMBER_OF")]
    assert [e.edge_id for e in s1.evidence] == ["s1|HAS_ASSESSMENT>a-s1"]
    assert s1.low_subjects == ("математика", "физика")
    assert (s1.covered_subjects, s1.uncovered_subjects) == (("математика",), ("физика",))
    assert s1.supported and not s2.supported
    assert [(p.id, p.direct) for p in s2.supporters] == [("mms-a", False)]
    assert s2.uncovered_subjects == ("математика",)
    assert (answer.unsupported, answer.mismatched) == (("s2",), ("s1",))


def test_support_default_period_is_the_latest_flagged(demo: Store) -> None:
    assert low_results_support(demo).period == H1


def test_support_in_an_earlier_period_ignores_later_support(demo: Store) -> None:
    # In 2024-H2 s1 was flagged in математика, and every support edge began in 2025.
    answer = low_results_support(demo, period="2024-H2")
    assert [s.school_id for s in answer.schools] == ["s1"]
    assert [(p.id, p.direct) for p in answer.schools[0].supporters] == [
        ("mms-a", False), ("comm-math", False)]
    assert answer.unsupported == ("s1",)


def test_support_of_unreliable_results_and_subject_filter(demo: Store) -> None:
    answer = low_results_support(demo, period=H1, flag="unreliable_results")
    assert [s.school_id for s in answer.schools] == ["z1"]
    assert [(p.id, p.kind, p.direct) for p in answer.schools[0].supporters] == [
        ("mz", SupporterKind.municipal_methodist, True),
        ("amu-gms", SupporterKind.district_service, False),
    ]
    assert answer.unsupported == () and answer.mismatched == ()
    only_physics = low_results_support(demo, period=H1, subject="Физика")
    assert [s.school_id for s in only_physics.schools] == ["s1"]
    district_b = low_results_support(demo, period=H1, territory_id="RU-LEN-b")
    assert district_b.schools == ()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"flag": "bad"}, "flag must be one of low_results, unreliable_results"),
    ({"period": "2025-06"}, "is not like 2025-H1"),
    ({"territory_id": "RU-XXX"}, "no territory has the id 'RU-XXX'"),
])
def test_support_rejects_bad_arguments(demo: Store, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        low_results_support(demo, **kwargs)


# -- Q2 coverage gaps -------------------------------------------------------------------------
def _ids(report: Any) -> dict[str, list[str | tuple[str, str | None]]]:
    return {k.value: [(g.node_id, g.subject) if g.subject else g.node_id for g in v]
            for k, v in report.gaps.items()}


def test_gap_report_everywhere(demo: Store) -> None:
    report = gap_report(demo, period=H1)
    assert _ids(report) == {
        "deficit_without_route": ["t2", "t3"],
        "teacher_without_methodist": ["t2", "t3", "tz"],
        "young_specialist_without_support": ["t3"],
        "school_without_methodological_service": ["s3", "school-strong", "z1"],
        "district_without_methodist_pool": ["RU-AMU-zeya", "RU-LEN-b"],
        "subject_without_methodist": [("RU-LEN-a", "физика"), ("RU-LEN-b", "химия")],
        "methodist_over_load": [],
    }
    assert report.total == 13
    assert report.counts[GapKind.teacher_without_methodist] == 3


def test_gap_reasons_and_evidence(demo: Store) -> None:
    report = gap_report(demo, territory_id="RU-LEN", period=H1)
    by_kind = report.gaps
    t3 = by_kind[GapKind.deficit_without_route][1]
    assert (t3.node_id, t3.territory_id, t3.value) == ("t3", "RU-LEN-a", 1)
    assert t3.reason == "deficits in математика; no individual route"
    assert [e.edge_id for e in t3.evidence] == ["t3|HAS_DEFICIT>c-math@d-t3"]
    t2 = by_kind[GapKind.teacher_without_methodist][0]
    assert t2.reason == "no methodist supports or tutors this teacher " \
                        "(supported by non-methodists: mt1)"
    assert [e.type for e in t2.evidence] == ["EMPLOYED_AT", "TUTORS"]
    pool = by_kind[GapKind.district_without_methodist_pool][0]
    assert (pool.node_id, pool.reason) == ("RU-LEN-b", "the methodist pool pool-b has no members")
    chem = by_kind[GapKind.subject_without_methodist][1]
    assert (chem.subject, chem.value, [e.edge_id for e in chem.evidence]) == (
        "химия", 1, ["t4|HAS_DEFICIT>c-chem@d-t4"])
    assert by_kind[GapKind.young_specialist_without_support][0].reason_ru == \
        "молодой педагог (26 лет, 3-й год работы) без наставника и поддержки"


def test_gaps_of_one_district_and_subject(demo: Store) -> None:
    assert _ids(gap_report(demo, territory_id="RU-LEN-b", period=H1)) == {
        "deficit_without_route": [],
        "teacher_without_methodist": [],
        "young_specialist_without_support": [],
        "school_without_methodological_service": ["s3"],
        "district_without_methodist_pool": ["RU-LEN-b"],
        "subject_without_methodist": [("RU-LEN-b", "химия")],
        "methodist_over_load": [],
    }
    physics = gap_report(demo, period=H1, subject="физика",
                         kinds=[GapKind.deficit_without_route, GapKind.teacher_without_methodist])
    assert _ids(physics) == {"deficit_without_route": ["t2"],
                             "teacher_without_methodist": ["t2"]}


def test_methodists_over_load_follow_the_norm(demo: Store) -> None:
    over = methodists_over_load(demo, period=H1, norm=1)
    assert [(g.node_id, g.value, g.reason) for g in over] == [
        ("m1", 2, "2 teachers, over the norm of 1")]
    assert [e.edge_id for e in over[0].evidence] == [
        "m1|SUPPORTS>t1@математика@2025-02-01", "m1|SUPPORTS>t5@математика@2025-02-01"]
    assert methodists_over_load(demo, period=H1, norm=1, level="municipal") == []
    with pytest.raises(InvalidArgument, match="at least 1 teacher"):
        methodists_over_load(demo, norm=0)


# -- Q3 methodist load ------------------------------------------------------------------------
def test_methodist_load_per_methodist_and_district(demo: Store) -> None:
    report = methodist_load(demo, period=H1)
    assert [(m.methodist_id, m.level, m.teachers, m.schools) for m in report.methodists] == [
        ("m1", "regional", ("t1", "t5"), ("s1", "s3")),
        ("m2", "municipal", ("t4",), ("s3",)),
        ("m3", "municipal", (), ()),
        ("mz", "municipal", (), ("z1",)),
    ]
    got = [(d.territory_id, d.methodists, d.teachers.min, d.teachers.median, d.teachers.max,
            d.schools.max) for d in report.by_territory]
    assert got == [("RU-AMU-zeya", 1, 0, 0.0, 0, 1), ("RU-LEN", 1, 2, 2.0, 2, 2),
                   ("RU-LEN-a", 1, 1, 1.0, 1, 1), ("RU-LEN-b", 1, 0, 0.0, 0, 0)]
    assert report.overall.methodists == 4
    assert (report.overall.teachers.median, report.overall.teachers.mean) == (0.5, 0.75)
    assert [b.count for b in report.overall.histogram] == [2, 2, 0, 0, 0, 0, 0, 0]
    assert report.norm == 25 and report.overall.over_norm == ()


def test_methodist_load_filters(demo: Store) -> None:
    def ids(**kw: Any) -> list[str]:
        return [m.methodist_id for m in methodist_load(demo, period=H1, **kw).methodists]

    assert ids(territory_id="RU-LEN") == ["m1", "m2", "m3"]
    assert ids(territory_id="RU-LEN-a") == ["m2"]
    assert ids(level="municipal", territory_id="RU-LEN") == ["m2", "m3"]
    assert ids(subject="физика") == ["m3"]
    small = methodist_load(demo, period=H1, norm=1)
    assert small.overall.over_norm == ("m1",)
    assert [(b.lower, b.upper, b.count) for b in small.overall.histogram] == [
        (0, 0, 2), (1, 1, 1), (2, 2, 1), (3, None, 0)]
    with pytest.raises(InvalidArgument, match="level must be regional or municipal"):
        methodist_load(demo, level="federal")


# -- Q4 indicators ----------------------------------------------------------------------------
def _rows(rows: Iterable[Any]) -> list[tuple[Any, ...]]:
    return [(r.territory_id, r.code, r.numerator, r.denominator, r.value) for r in rows]


def test_indicators_of_a_region_with_change(demo: Store) -> None:
    rows = indicators(demo, territory_id="RU-LEN", period=H1, compare_to="2024-H2")
    assert [(r.code, r.numerator, r.denominator, r.value, r.previous_value, r.change)
            for r in rows] == [
        ("share_teachers_diagnosed", 4, 5, 0.8, 0.0, 0.8),
        ("share_teachers_with_routes", 2, 5, 0.4, 0.0, 0.4),
        ("share_registry_programmes_from_diagnostics", 1, 5, 0.2, 0.0, 0.2),
        ("share_young_specialists_supported", 1, 2, 0.5, 0.0, 0.5),
        ("teachers_per_regional_methodist", 2, 1, 2.0, 0.0, 2.0),
        ("methodists_per_school", 2, 4, 0.5, 0.5, 0.0),
        ("share_schools_with_methodological_service", 2, 4, 0.5, 0.5, 0.0),
    ]
    assert all(r.compare_to == "2024-H2" and r.period == H1 for r in rows)


def test_indicators_by_district(demo: Store) -> None:
    codes = ["share_teachers_diagnosed", "share_young_specialists_supported",
             "teachers_per_regional_methodist", "methodists_per_school",
             "share_schools_with_methodological_service"]
    rows = indicators(demo, territory_id="RU-LEN", period=H1, codes=codes, by_district=True)
    assert _rows(rows)[5:] == [
        ("RU-LEN-a", "share_teachers_diagnosed", 3, 3, 1.0),
        ("RU-LEN-a", "share_young_specialists_supported", 1, 2, 0.5),
        ("RU-LEN-a", "teachers_per_regional_methodist", 1, 1, 1.0),
        ("RU-LEN-a", "methodists_per_school", 1, 3, 0.3333),
        ("RU-LEN-a", "share_schools_with_methodological_service", 2, 3, 0.6667),
        ("RU-LEN-b", "share_teachers_diagnosed", 1, 2, 0.5),
        ("RU-LEN-b", "share_young_specialists_supported", 0, 0, None),
        ("RU-LEN-b", "teachers_per_regional_methodist", 1, 1, 1.0),
        ("RU-LEN-b", "methodists_per_school", 1, 1, 1.0),
        ("RU-LEN-b", "share_schools_with_methodological_service", 0, 1, 0.0),
    ]


def test_indicator_node_selects_its_computation(demo: Store) -> None:
    batch = Batch()
    batch.add(Indicator(id="ind-diag", text="доля педагогических работников, прошедших "
                        "диагностику", regulation_id="reg-004", clause_number="6.1",
                        computable=True, code="share_teachers_diagnosed"))
    batch.add(Indicator(id="ind-other", text="иные показатели", regulation_id="reg-004"))
    demo.write(batch)
    row = compute_indicator(demo, "ind-diag", territory_id="RU-AMU", period=H1)
    assert (row.code, row.numerator, row.denominator, row.value) == (
        "share_teachers_diagnosed", 0, 1, 0.0)
    assert [(s.indicator_id, s.regulation_id, s.clause_number) for s in row.sources] == [
        ("ind-diag", "reg-004", "6.1")]
    with pytest.raises(InvalidArgument, match="not computable"):
        compute_indicator(demo, "ind-other")
    with pytest.raises(InvalidArgument, match="no computation for the indicator code 'x'"):
        indicators(demo, codes=["x"])


# -- scope ------------------------------------------------------------------------------------
def test_scope_hides_other_regions(demo: Store) -> None:
    amur = Scope.of(["RU-AMU"])
    assert low_results_support(demo, period=H1, scope=amur).schools == ()
    assert [s.school_id for s in low_results_support(
        demo, period=H1, flag="unreliable_results", scope=amur).schools] == ["z1"]
    assert _ids(gap_report(demo, period=H1, scope=amur)) == {
        "deficit_without_route": [], "teacher_without_methodist": ["tz"],
        "young_specialist_without_support": [], "school_without_methodological_service": ["z1"],
        "district_without_methodist_pool": ["RU-AMU-zeya"], "subject_without_methodist": [],
        "methodist_over_load": [],
    }
    assert [m.methodist_id for m in methodist_load(demo, period=H1, scope=amur).methodists] \
        == ["mz"]
    assert {r.territory_id for r in indicators(demo, period=H1, scope=amur)} == {None}
    assert indicators(demo, period=H1, scope=amur,
                      codes=["methodists_per_school"])[0].denominator == 1
    for question in (low_results_support, gap_report, methodist_load, indicators):
        with pytest.raises(InvalidArgument, match="outside your scope"):
            question(demo, territory_id="RU-LEN", scope=amur)


def test_district_scope_sees_its_district_of_a_region(demo: Store) -> None:
    only_b = Scope.of(["RU-LEN-b"])
    rows = indicators(demo, territory_id="RU-LEN", period=H1, scope=only_b,
                      codes=["share_teachers_diagnosed"])
    assert _rows(rows) == [("RU-LEN", "share_teachers_diagnosed", 1, 2, 0.5)]


# -- cost: a few bulk reads, whatever the size ------------------------------------------------
class CountingStore(Store):
    """A store that counts the reads it passes on (Neo4j counts its own round trips too)."""

    kind = "counting"

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.reads = 0

    def write(self, batch: Batch, *, progress: Progress | None = None) -> WriteSummary:
        return self.inner.write(batch, progress=progress)

    def delete(self, node_ids: Iterable[str] = (), edge_ids: Iterable[str] = ()) -> int:
        return self.inner.delete(node_ids, edge_ids)

    def clear(self) -> None:
        self.inner.clear()

    def get_nodes(self, ids: Iterable[str]) -> dict[str, NodeRecord]:
        self.reads += 1
        return self.inner.get_nodes(ids)

    def nodes(self, label: str | None = None,
              where: Mapping[str, Any] | None = None) -> list[NodeRecord]:
        self.reads += 1
        return self.inner.nodes(label, where)

    def edges(self, types: str | Sequence[str] | None = None, *,
              sources: Iterable[str] | None = None, targets: Iterable[str] | None = None,
              where: Mapping[str, Any] | None = None) -> list[EdgeRecord]:
        self.reads += 1
        return self.inner.edges(types, sources=sources, targets=targets, where=where)

    def counts(self) -> GraphCounts:
        self.reads += 1
        return self.inner.counts()


def _more_schools(first: int, last: int) -> Batch:
    """More flagged schools in RU-LEN-b, each with a supported teacher with a deficit."""
    b = Batch()
    b.add(Competency(id="c-bio", name="Биология", subject="биология"))
    for i in range(first, last):
        s, t, a = f"x-school-{i}", f"x-teacher-{i}", f"x-assessment-{i}"
        b.extend([
            Organization(id=s, name=f"Школа {i}", kind="school", level="institutional",
                         territory_id="RU-LEN-b"),
            Assessment(id=a, period=H1, low_results=True, low_subjects=["биология"]),
            HasAssessment(source=s, target=a),
            Person(id=t, full_name=f"Учитель {i}", birth_year=1990, career_start_year=2015),
            EmployedAt(source=t, target=s),
            Supports(source="m3", target=t, subject="физика"),
            HasDeficit(source=t, target="c-bio", diagnostic_id=f"x-d-{i}"),
        ])
    return b


QUESTIONS: dict[str, Callable[[Store], object]] = {
    "support": lambda s: low_results_support(s, territory_id="RU-LEN", period=H1),
    "gaps": lambda s: gap_report(s, territory_id="RU-LEN", period=H1),
    "load": lambda s: methodist_load(s, territory_id="RU-LEN", period=H1),
    "indicators": lambda s: indicators(s, territory_id="RU-LEN", period=H1,
                                       compare_to="2024-H2", by_district=True),
}
MAX_READS = {"support": 15, "gaps": 18, "load": 9, "indicators": 26}


@pytest.mark.parametrize("question", list(QUESTIONS))
def test_reads_stay_few_whatever_the_size(demo: Store, question: str) -> None:
    ask = QUESTIONS[question]

    def cost() -> tuple[int, int | None]:
        counting = CountingStore(demo)
        before = getattr(demo, "round_trips", None)
        ask(counting)
        trips = None if before is None else demo.round_trips - before  # type: ignore[attr-defined]
        return counting.reads, trips

    demo.write(_more_schools(0, 5))
    small = cost()
    demo.write(_more_schools(5, 60))
    large = cost()
    assert small == large, f"{question}: reads grew with the data: {small} → {large}"
    assert small[0] <= MAX_READS[question]
    if small[1] is not None:  # Neo4j: at most one round trip per read
        assert small[1] <= small[0]
