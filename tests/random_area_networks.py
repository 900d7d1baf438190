"""Random small networks (hypothesis strategies) for testing the area questions on any store.

:func:`area_networks` draws a :class:`~graph.model.batch.Batch` of model records that the
model accepts: regions with their districts, schools (some flagged for low or unreliable
results in a period), bodies a methodist works for, district services, school services and
councils, communities (some a Школа молодого педагога), teachers with random birth and
career-start years and subjects, methodists with roles, and the edges the coordination
questions read — employment and teacher roles, SUPPORTS, TUTORS, MENTORS, CURATES,
membership, diagnostics and deficits, routes with their creation dates and statuses, completed
programmes — each dated inside, outside or across the periods :func:`periods` draws. Subjects
come in several spellings of the same word, as people type them. All of it is made up.

:func:`area_questions` draws what to ask of such a network: a territory (none, a region or a
district), a period and one to compare with, a subject, a flag, a level and a norm.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from graph.model import (
    Assessment,
    AttachedTo,
    Batch,
    Competency,
    Completed,
    Curates,
    Diagnostic,
    EmployedAt,
    HasAssessment,
    HasDeficit,
    HasDiagnostic,
    HasRole,
    HasRoute,
    IndividualRoute,
    MemberOf,
    Mentors,
    Municipality,
    Organization,
    PartOf,
    Person,
    Programme,
    Region,
    Supports,
    Tutors,
)
from graph.queries.area import period_bounds

__all__ = ["AreaNetwork", "AreaQuestion", "area_networks", "area_questions", "periods"]

YEARS = (2025, 2026)
SUBJECTS = ("математика", "Математика", "физика", "ФИЗИКА", "химия", "история")
# Days at and around the periods' bounds, so that dated facts fall inside, outside and across.
DAYS = tuple(
    dt.date(y, m, d).isoformat()
    for y in YEARS
    for m, d in ((1, 1), (3, 31), (4, 1), (6, 30), (7, 1), (9, 30), (10, 1), (12, 31))
)
METHODIST_BODY_KINDS = ("development_institute", "pd_center", "methodological_center",
                        "methodological_service")


@dataclass(frozen=True)
class AreaNetwork:
    """A drawn network: its records and the ids a question may be asked about."""

    batch: Batch
    regions: tuple[str, ...]
    districts: tuple[str, ...]
    schools: tuple[str, ...]
    periods: tuple[str, ...]  # the periods its assessments are of
    school_districts: tuple[str, ...]  # the districts with a school


@dataclass(frozen=True)
class AreaQuestion:
    """What to ask of a network (``None``: the question's default)."""

    territory_id: str | None
    period: str
    compare_to: str | None
    subject: str | None
    flag: str
    level: str | None
    norm: int


def periods() -> st.SearchStrategy[str]:
    """A monitoring period: a half-year, a quarter or a year of :data:`YEARS`."""
    return st.builds(lambda y, p: f"{y}-{p}", st.sampled_from(YEARS),
                     st.sampled_from(("H1", "H2", "Q1", "Q2", "Q3", "Q4", "Y")))


def _dates(draw: Any, day: st.SearchStrategy[str]) -> dict[str, Any]:
    """``start`` and ``end`` of a dated edge: open or not at either end, in order."""
    days = sorted(draw(st.lists(day, min_size=2, max_size=2)))
    start = days[0] if draw(st.booleans()) else None
    end = days[1] if draw(st.booleans()) else None
    return {"start": start, "end": end}


def _subject(draw: Any) -> str | None:
    return draw(st.none() | st.sampled_from(SUBJECTS))


def _subjects(draw: Any) -> list[str]:
    return sorted(set(draw(st.lists(st.sampled_from(SUBJECTS), max_size=2))))


@st.composite
def area_networks(draw: Any, *, max_schools: int = 5, max_teachers: int = 8,
                  max_methodists: int = 4) -> AreaNetwork:
    """A random small network of regions, districts, schools, people and what joins them."""
    b = Batch()
    this_year = dt.date.today().year
    regions = [f"R{i}" for i in range(draw(st.integers(1, 2)))]
    districts: list[str] = []
    for r in regions:
        b.add(Region(id=r, name=f"Регион {r}"))
        for j in range(draw(st.integers(1, 3))):
            districts.append(f"{r}-d{j}")
            b.add(Municipality(id=f"{r}-d{j}", name=f"Район {r}-{j}", region_id=r))
    territories = regions + districts
    pick = st.sampled_from

    # Most schools, services and communities are a district's, some the region's.
    place = st.one_of(pick(districts), pick(districts), pick(districts), pick(territories))
    assessed = draw(st.lists(periods(), min_size=1, max_size=2, unique=True))
    # Dates fall on and beside the bounds of the first of them most often (the questions ask
    # about it most), else at and around other periods' bounds.
    first, last = period_bounds(assessed[0])
    near = (first - dt.timedelta(days=1), first, last, last + dt.timedelta(days=1))
    day = st.sampled_from(tuple(dict.fromkeys([d.isoformat() for d in near] + list(DAYS))))
    schools = [f"s{i}" for i in range(draw(st.integers(1, max_schools)))]
    school_districts = set()
    for s in schools:
        territory = draw(place)
        if territory in districts:
            school_districts.add(territory)
        b.add(Organization(id=s, name=f"Школа {s}", kind="school", level="institutional",
                           territory_id=territory))
        for k in range(draw(st.integers(0, 2))):
            a = f"{s}-a{k}"
            low = draw(st.booleans())
            b.add(Assessment(id=a, period=draw(pick(assessed)), low_results=low,
                             unreliable_results=draw(st.booleans()),
                             low_subjects=_subjects(draw) if low else []))
            b.add(HasAssessment(source=s, target=a))
        service = draw(st.sampled_from((None, "school_methodological_service", "council")))
        if service is not None:
            b.add(Organization(id=f"{s}-svc", name=f"Служба {s}", kind=service,
                               level="institutional", territory_id=draw(pick(territories))))
            edge = PartOf if draw(st.booleans()) else AttachedTo
            b.add(edge(source=f"{s}-svc", target=s))

    for d in districts:
        if draw(st.booleans()):
            b.add(Organization(
                id=f"{d}-mms", name=f"Методическая служба {d}", kind="methodological_service",
                level=draw(pick(("municipal", "municipal", "regional"))), territory_id=d,
                generic_name=not draw(st.integers(0, 3)), subjects=_subjects(draw)))
    bodies = [f"b{i}" for i in range(draw(st.integers(1, 3)))]
    for body in bodies:
        kind = draw(pick(METHODIST_BODY_KINDS))
        b.add(Organization(
            id=body, name=f"Центр {body}", kind=kind,
            level=draw(pick(("regional", "municipal"))), territory_id=draw(place),
            generic_name=draw(st.booleans()) if kind == "methodological_service" else False,
            subjects=_subjects(draw)))
    communities = [f"c{i}" for i in range(draw(st.integers(1, 2)))]
    for c in communities:
        b.add(Organization(
            id=c, name=f"Сообщество {c}", kind="community", level="municipal",
            territory_id=draw(place), subjects=_subjects(draw),
            community_kind=draw(pick(("young_teacher_school", "club")))))
    b.add(Competency(id="k-math", name="Предметная", subject="математика"))
    b.add(Programme(id="pr-reg", title="Курс из реестра", in_federal_registry=True))
    b.add(Programme(id="pr-other", title="Другой курс"))

    def person(pid: str) -> None:
        birth = draw(st.integers(1960, 2004))
        career = min(this_year, max(birth + 14, draw(st.integers(2018, 2026))))
        b.add(Person(id=pid, full_name=f"Педагог {pid}",
                     birth_year=birth if draw(st.integers(0, 5)) else None,
                     career_start_year=career if draw(st.integers(0, 5)) else None,
                     subjects=_subjects(draw)))

    teachers = [f"t{i}" for i in range(draw(st.integers(1, max_teachers)))]
    methodists = [f"m{i}" for i in range(draw(st.integers(0, max_methodists)))]
    for pid in teachers + methodists:
        person(pid)
    for t in teachers:
        for s in draw(st.lists(pick(schools), min_size=1, max_size=2, unique=True)):
            if draw(st.booleans()):
                b.add(EmployedAt(source=t, target=s, **_dates(draw, day)))
            else:
                b.add(HasRole(source=t, target=s, role="teacher", subjects=_subjects(draw),
                              **_dates(draw, day)))
        if draw(st.booleans()):
            d = f"{t}-diag"
            b.add(Diagnostic(id=d, date=draw(day)))
            b.add(HasDiagnostic(source=t, target=d))
        if draw(st.booleans()):
            b.add(HasDeficit(source=t, target="k-math", diagnostic_id=f"{t}-diag",
                             date=draw(st.none() | day)))
        if draw(st.booleans()):
            r = f"{t}-route"
            b.add(IndividualRoute(id=r, created=draw(day),
                                  status=draw(pick(("active", "cancelled", "draft")))))
            b.add(HasRoute(source=t, target=r))
        if draw(st.booleans()):
            b.add(Completed(source=t, target=draw(pick(("pr-reg", "pr-other"))),
                            from_diagnostic=draw(st.booleans()), **_dates(draw, day)))
        for c in draw(st.lists(pick(communities), max_size=2, unique=True)) if communities \
                else ():
            b.add(MemberOf(source=t, target=c, **_dates(draw, day)))
        if len(teachers) > 1 and draw(st.booleans()):
            mentor = draw(pick([x for x in teachers if x != t]))
            b.add(Mentors(source=mentor, target=t, subject=_subject(draw), **_dates(draw, day)))
    for m in methodists:
        for _ in range(draw(st.integers(1, 2))):
            b.add(HasRole(source=m, target=draw(pick(bodies + schools)),
                          role=draw(pick(("regional_methodist", "municipal_methodist"))),
                          subjects=_subjects(draw), **_dates(draw, day)))
    supporters = methodists + teachers[:1]
    for _ in range(draw(st.integers(0, 8))):
        source = draw(pick(supporters))
        target = draw(pick(teachers + schools))
        if source == target:
            continue
        kind = draw(pick(("SUPPORTS", "TUTORS")))
        if kind == "TUTORS" and target in teachers:
            b.add(Tutors(source=source, target=target, subject=_subject(draw),
                         **_dates(draw, day)))
        else:
            b.add(Supports(source=source, target=target, subject=_subject(draw),
                           **_dates(draw, day)))
    for _ in range(draw(st.integers(0, 3))):
        source = draw(pick(bodies + schools))
        target = draw(pick(schools))
        if source == target:
            continue
        if draw(st.booleans()):
            b.add(Curates(source=source, target=target, subject=_subject(draw),
                          **_dates(draw, day)))
        else:
            b.add(Supports(source=source, target=target, subject=_subject(draw),
                           **_dates(draw, day)))
    return AreaNetwork(b, tuple(regions), tuple(districts), tuple(schools), tuple(assessed),
                       tuple(sorted(school_districts)))


@st.composite
def area_questions(draw: Any, network: AreaNetwork) -> AreaQuestion:
    """What to ask of ``network``: territory, periods, subject, flag, level and norm."""
    return AreaQuestion(
        territory_id=draw(st.none() | st.sampled_from(network.regions + network.districts)),
        period=draw(st.sampled_from(network.periods[:1]) | st.sampled_from(network.periods)
                    | periods()),
        compare_to=draw(st.none() | periods()),
        subject=_subject(draw),
        flag=draw(st.sampled_from(("low_results", "unreliable_results"))),
        level=draw(st.sampled_from((None, "regional", "municipal"))),
        norm=draw(st.integers(1, 4)),
    )
