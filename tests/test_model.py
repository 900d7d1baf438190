"""The model rejects nonsense with messages a coordinator understands."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from graph.errors import InvalidBatch
from graph.model import (
    EDGE_TYPES,
    NODE_LABELS,
    Assessment,
    Batch,
    Clause,
    EmployedAt,
    HasAssessment,
    Mentors,
    Organization,
    Person,
    Region,
    Supports,
    edge_class,
    is_young_specialist,
    node_class,
)
from graph.model.base import NodeRecord


def school(id_: str = "s1") -> Organization:
    return Organization(id=id_, name="МОУ «СОШ № 1»", kind="school", level="institutional")


def test_every_glossary_label_and_type_is_modelled() -> None:
    assert {"Region", "Municipality", "Organization", "Person", "Diagnostic", "Competency",
            "IndividualRoute", "Programme", "Assessment", "Regulation", "Clause", "Term", "Duty",
            "Indicator"} <= set(NODE_LABELS)
    assert {"PART_OF", "ATTACHED_TO", "COORDINATES", "GUIDES", "SUBORDINATE_TO",
            "INTERACTS_WITH", "LOCATED_IN", "SUPPORTS", "MENTORS", "TUTORS", "CURATES",
            "HAS_DEFICIT", "COMPLETED", "HAS_CLAUSE", "CITES", "DEFINES", "HAS_DUTY"} <= set(
        EDGE_TYPES
    )


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: Person(id="p", full_name="А", birth_year=dt.date.today().year + 1),
         "birth year .* is in the future"),
        (lambda: Person(id="p", full_name="А", birth_year=1990, career_start_year=1995),
         "less than 14 years after birth"),
        (lambda: Supports(source="a", target="b", start=dt.date(2025, 9, 1),
                          end=dt.date(2025, 1, 1)),
         "end date 2025-01-01 is before start date 2025-09-01"),
        (lambda: Mentors(source="a", target="a"), "cannot join 'a' to itself"),
        (lambda: Organization(id="c", name="Совет", kind="council", level="regional",
                              school_kind="general"),
         "school_kind is only for schools"),
        (lambda: Organization(id="c", name="Совет", kind="парламент", level="regional"),
         "Input should be 'education_authority'"),
        (lambda: Assessment(id="a", period="2025-H3"), "String should match pattern"),
        (lambda: Assessment(id="a", period="2025-H1", low_subjects=["математика"]),
         "low_subjects are given but low_results is not set"),
        (lambda: Clause(id="c", regulation_id="r", number="3.a"), "String should match"),
        (lambda: Region(id="bad id", name="x"), "String should match pattern"),
    ],
)
def test_nonsense_is_rejected(make: object, match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        make()  # type: ignore[operator]


def test_school_kind_defaults_to_general() -> None:
    assert school().school_kind == "general"


def test_dated_edges_keep_history_by_start_date() -> None:
    a = EmployedAt(source="p1", target="s1", start=dt.date(2020, 9, 1))
    b = EmployedAt(source="p1", target="s1", start=dt.date(2024, 9, 1))
    assert a.to_record().id != b.to_record().id
    assert a.to_record().id == "p1|EMPLOYED_AT>s1@2020-09-01"
    assert a.active_on(dt.date(2021, 1, 1)) and not a.active_on(dt.date(2019, 1, 1))


def test_support_identity_includes_subject() -> None:
    math = Supports(source="m", target="s", subject="математика").to_record()
    phys = Supports(source="m", target="s", subject="физика").to_record()
    assert math.id != phys.id


def test_record_round_trip() -> None:
    p = Person(id="p1", full_name="Петрова Анна Сергеевна", birth_year=1990,
               career_start_year=2012, subjects=["математика", "информатика"], synthetic=True)
    rec = p.to_record()
    assert rec.props["subjects"] == ["математика", "информатика"]
    assert node_class("Person").from_record(rec) == p
    e = Supports(source="m", target="s", subject="физика", start=dt.date(2025, 9, 1))
    assert edge_class("SUPPORTS").from_record(e.to_record()) == e
    assert e.to_record().props["start"] == "2025-09-01"


def test_edge_with_wrong_end_kinds_is_rejected() -> None:
    b = Batch()
    b.add(school("s1"))
    b.add(Organization(id="c1", name="Совет", kind="council", level="municipal"))
    b.add(Assessment(id="a1", period="2025-H1"))
    b.add(HasAssessment(source="c1", target="a1"))  # only schools have assessments
    with pytest.raises(InvalidBatch, match=r"HAS_ASSESSMENT cannot join Organization:council"):
        b.validate(lambda ids: {})


def test_edge_to_unknown_id_is_reported_with_its_origin() -> None:
    from graph.model.batch import Origin

    b = Batch()
    b.add(school("s1"))
    b.add(Supports(source="ghost", target="s1"), Origin("support.csv", 7))
    problems = b.check_ends(lambda ids: {})
    assert len(problems) == 1
    assert str(problems[0]).startswith("support.csv, row 7, column 'source': SUPPORTS source")


def test_ends_may_exist_in_the_store_already() -> None:
    b = Batch()
    b.add(Supports(source="m1", target="s1"))
    known = {
        "m1": NodeRecord("Person", "m1", {}),
        "s1": NodeRecord("Organization", "s1", {"kind": "school"}),
    }
    assert b.check_ends(lambda ids: {i: known[i] for i in ids if i in known}) == []


def test_young_specialist() -> None:
    p = Person(id="p", full_name="А", birth_year=1995, career_start_year=2024)
    assert is_young_specialist(p, dt.date(2025, 6, 1))
    assert not is_young_specialist(p, dt.date(2031, 6, 1))  # 36 and 7 years in
    older = Person(id="q", full_name="Б", birth_year=1985, career_start_year=2024)
    assert not is_young_specialist(older, dt.date(2025, 6, 1))  # 40
