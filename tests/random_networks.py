"""Random small support networks, for property-based tests that compare stores or rules.

:func:`networks` draws a :class:`Network`: a :class:`~graph.model.Batch` of model records (each
one validated by its :mod:`graph.model` class, so the batch is one a loader could write) with
random territories (regions and their municipalities), schools, methodist bodies, pools,
services, councils, communities, competencies, routes and people, and random edges among them
of every kind the coordination questions read — work and roles, support, tutoring, mentoring,
curating, membership, deficits, routes, services and councils — dated inside, outside and
across monitoring periods. The draws favour the corners: dates on the first and last days of
quarters, subjects that differ only by case and spaces, open-ended dates, undated deficits,
cancelled routes, people without a birth year, schools located in a region or nowhere.

:func:`periods` draws a monitoring period (``2025-H1``, ``2024-Q3``, ``2023-Y`` …) of the
years the dates are drawn from.

Every name here is made up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hypothesis import strategies as st

from graph.model import Batch
from graph.model.development import Competency, HasDeficit, HasRoute, IndividualRoute
from graph.model.enums import CommunityKind, Level, PersonRole, RouteStatus
from graph.model.organization import AttachedTo, Organization, PartOf
from graph.model.person import EmployedAt, HasRole, MemberOf, Person
from graph.model.support import Curates, Mentors, Supports, Tutors
from graph.model.territory import Municipality, Region
from graph.queries.area import period_bounds

__all__ = ["SUBJECTS", "YEARS", "Network", "networks", "periods"]

YEARS = (2023, 2024, 2025)
"""The years of the periods and of most dates drawn."""

SUBJECTS = ("математика", "Математика", " математика ", "физика", "ФИЗИКА", "химия", "история")
"""Subjects as people type them: one subject may come in several spellings."""

_BOUNDS = ("01-01", "03-31", "04-01", "06-30", "07-01", "09-30", "10-01", "12-31")

_METHODIST_BODY_KINDS = ("development_institute", "pd_center", "methodological_center",
                         "methodological_service")


@dataclass
class Network:
    """A drawn network and the ids a test may ask about."""

    batch: Batch
    regions: list[str]
    districts: list[str]
    people: list[str] = field(default_factory=list)
    schools: list[str] = field(default_factory=list)

    @property
    def territories(self) -> list[str]:
        return [*self.regions, *self.districts]


def periods() -> st.SearchStrategy[str]:
    """A monitoring period of one of :data:`YEARS`."""
    return st.builds("{}-{}".format, st.sampled_from(YEARS),
                     st.sampled_from(("H1", "H2", "Q1", "Q2", "Q3", "Q4", "Y")))


def _days(around: str | None = None) -> st.SearchStrategy[dt.date]:
    """Days on the edges of periods, mostly, and a few anywhere in the years (and the one
    before them); with ``around`` (a period), half of them on its first or last day or the
    day next to either."""
    bound = st.builds(lambda y, md: dt.date.fromisoformat(f"{y}-{md}"),
                      st.sampled_from((YEARS[0] - 1, *YEARS)), st.sampled_from(_BOUNDS))
    anywhere = st.dates(dt.date(YEARS[0] - 1, 1, 1), dt.date(YEARS[-1], 12, 31))
    if around is None:
        return st.one_of(bound, bound, anywhere)
    first, last = period_bounds(around)
    one = dt.timedelta(days=1)
    edges = st.sampled_from([first - one, first, first + one, last - one, last, last + one])
    return st.one_of(edges, edges, edges, bound, bound, anywhere)


@st.composite
def _span(draw: st.DrawFn, around: str | None = None) -> dict[str, dt.date]:
    """``start`` and ``end`` of a dated edge, either may be open."""
    start = draw(st.none() | _days(around))
    end = draw(st.none() | _days(around))
    if start and end and end < start:
        start, end = end, start
    return {k: v for k, v in (("start", start), ("end", end)) if v is not None}


def _subjects(draw: st.DrawFn, most: int = 2) -> list[str]:
    return draw(st.lists(st.sampled_from(SUBJECTS), max_size=most, unique=True))


@st.composite
def networks(draw: st.DrawFn, *, around: str | None = None, max_people: int = 9,
             max_edges: int = 8) -> Network:
    """A random network of one or two regions (see the module's docstring); ``around``: a
    period on whose first and last days many dates fall."""
    b = Batch()
    regions = [f"R{i}" for i in range(draw(st.integers(1, 2)))]
    districts: list[str] = []
    for r in regions:
        b.add(Region(id=r, name=f"Область {r}"))
        for j in range(draw(st.integers(1, 3))):
            d = f"{r}-d{j}"
            districts.append(d)
            b.add(Municipality(id=d, name=f"Район {d}", region_id=r))
    places = st.sampled_from([*districts, *regions, None])
    near = st.sampled_from(districts)

    def orgs(prefix: str, kinds: tuple[str, ...], most: int, where: st.SearchStrategy[str | None],
             least: int = 0, **more: st.SearchStrategy[object]) -> list[str]:
        ids = []
        for i in range(draw(st.integers(least, most))):
            oid = f"{prefix}{i}"
            extra = {k: draw(v) for k, v in more.items()}
            level = draw(st.sampled_from(list(Level)))
            b.add(Organization(id=oid, name=f"Организация {oid}", kind=draw(st.sampled_from(kinds)),
                               level=level, territory_id=draw(where), **extra))
            ids.append(oid)
        return ids

    schools = orgs("s", ("school",), 5, places, least=1,
                   short_name=st.none() | st.sampled_from(["Школа № 1", "Лицей"]))
    bodies = orgs("b", (*_METHODIST_BODY_KINDS, "education_authority"), 3, places, least=1)
    pools = orgs("pool", ("methodist_pool",), 3, near, generic_name=st.booleans())
    services = orgs("svc", ("school_methodological_service", "methodological_service"), 2,
                    places)
    councils = orgs("c", ("council",), 2, places)
    communities = orgs("com", ("community",), 2, places,
                       community_kind=st.sampled_from([CommunityKind.young_teacher_school,
                                                       CommunityKind.club]))
    competencies = []
    for i in range(draw(st.integers(1, 4))):
        cid = f"k{i}"
        b.add(Competency(id=cid, name=f"Компетенция {i}",
                         subject=draw(st.none() | st.sampled_from(SUBJECTS))))
        competencies.append(cid)
    routes = []
    for i in range(draw(st.integers(0, 4))):
        rid = f"r{i}"
        b.add(IndividualRoute(id=rid, created=draw(_days(around)),
                              status=draw(st.sampled_from(list(RouteStatus)))))
        routes.append(rid)
    people = []
    this_year = dt.date.today().year
    for i in range(draw(st.integers(2, max_people))):
        pid = f"p{i}"
        # Ages and years of work around the young specialist's limits (35, three years).
        born = draw(st.none() | st.integers(YEARS[0] - 37, YEARS[-1] - 22)
                    | st.integers(1960, 2005))
        low, high = (born + 14) if born else 1990, min(this_year, YEARS[-1] + 1)
        started = draw(st.none() | st.integers(max(low, YEARS[0] - 3), high)
                       | st.integers(low, high))
        b.add(Person(id=pid, full_name=f"Педагог {i}", birth_year=born,
                     career_start_year=started, subjects=_subjects(draw)))
        people.append(pid)

    span = _span(around)
    subject = st.none() | st.sampled_from(SUBJECTS)
    methodist = st.sampled_from([PersonRole.regional_methodist, PersonRole.municipal_methodist])
    # Each person first gets a part to play, so that most networks have teachers, methodists
    # and support between them; random edges of every kind come on top.
    parts = st.sampled_from(["teacher", "teacher", "methodist", "both", "none"])
    for pid in people:
        part = draw(parts)
        if part in ("teacher", "both") and schools:
            for _ in range(draw(st.integers(1, 2))):
                school = draw(st.sampled_from(schools))
                if draw(st.booleans()):
                    b.add(EmployedAt(source=pid, target=school, **draw(span)))
                else:
                    b.add(HasRole(source=pid, target=school, role=PersonRole.teacher,
                                  subjects=_subjects(draw), **draw(span)))
        if part in ("methodist", "both"):
            for _ in range(draw(st.integers(1, 2))):
                b.add(HasRole(source=pid, target=draw(st.sampled_from([*bodies, *schools])),
                              role=draw(methodist), subjects=_subjects(draw), **draw(span)))
            for _ in range(draw(st.integers(0, 3))):
                target = draw(st.sampled_from([*people, *schools]))
                if target != pid:
                    b.add(draw(st.sampled_from([Supports, Tutors]))(
                        source=pid, target=target, subject=draw(subject), **draw(span))
                        if target in people else
                        Supports(source=pid, target=target, subject=draw(subject),
                                 **draw(span)))
    roles = st.sampled_from([PersonRole.teacher, PersonRole.regional_methodist,
                             PersonRole.municipal_methodist, PersonRole.mentor])
    for _ in range(draw(st.integers(0, max_edges))):
        targets = [*schools, *bodies, *pools]
        if targets:
            b.add(HasRole(source=draw(st.sampled_from(people)),
                          target=draw(st.sampled_from(targets)), role=draw(roles),
                          subjects=_subjects(draw), **draw(span)))
    for _ in range(draw(st.integers(0, 3))):
        if schools:
            b.add(EmployedAt(source=draw(st.sampled_from(people)),
                             target=draw(st.sampled_from(schools)), **draw(span)))
    for make, sources, targets in (
        (Supports, [*people, *bodies], [*people, *schools]),
        (Tutors, people, people),
        (Mentors, people, people),
        (Curates, [*bodies, *schools], schools),
    ):
        for _ in range(draw(st.integers(0, max_edges))):
            if not sources or not targets:
                break
            source, target = draw(st.sampled_from(sources)), draw(st.sampled_from(targets))
            if source == target:
                continue
            b.add(make(source=source, target=target, subject=draw(subject), **draw(span)))
    for _ in range(draw(st.integers(0, max_edges))):
        targets = [*pools, *communities, *councils]
        if people and targets:
            b.add(MemberOf(source=draw(st.sampled_from(people)),
                           target=draw(st.sampled_from(targets)), **draw(span)))
    for _ in range(draw(st.integers(0, max_edges)) + len(people) // 2):
        b.add(HasDeficit(source=draw(st.sampled_from(people)),
                         target=draw(st.sampled_from(competencies)),
                         diagnostic_id=draw(st.none() | st.sampled_from(["d1", "d2"])),
                         date=draw(st.none() | _days(around))))
    for _ in range(draw(st.integers(0, 3))):
        if routes:
            b.add(HasRoute(source=draw(st.sampled_from(people)),
                           target=draw(st.sampled_from(routes))))
    body_relations: tuple[tuple[type[PartOf | AttachedTo], list[str]], ...] = (
        (PartOf, [*services, *bodies]), (AttachedTo, [*councils, *bodies]))
    for relation, sources in body_relations:
        for _ in range(draw(st.integers(0, 3))):
            if sources and schools:
                b.add(relation(source=draw(st.sampled_from(sources)),
                               target=draw(st.sampled_from(schools))))
    return Network(b, regions, districts, people, schools)
