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


def _days() -> st.SearchStrategy[dt.date]:
    """Days on the edges of periods, mostly, and a few anywhere in the years (and the one
    before them)."""
    bound = st.builds(lambda y, md: dt.date.fromisoformat(f"{y}-{md}"),
                      st.sampled_from((YEARS[0] - 1, *YEARS)), st.sampled_from(_BOUNDS))
    anywhere = st.dates(dt.date(YEARS[0] - 1, 1, 1), dt.date(YEARS[-1], 12, 31))
    return st.one_of(bound, bound, anywhere)


@st.composite
def _span(draw: st.DrawFn) -> dict[str, dt.date]:
    """``start`` and ``end`` of a dated edge, either may be open."""
    start = draw(st.none() | _days())
    end = draw(st.none() | _days())
    if start and end and end < start:
        start, end = end, start
    return {k: v for k, v in (("start", start), ("end", end)) if v is not None}


def _subjects(draw: st.DrawFn, most: int = 2) -> list[str]:
    return draw(st.lists(st.sampled_from(SUBJECTS), max_size=most, unique=True))


@st.composite
def networks(draw: st.DrawFn, *, max_people: int = 9, max_edges: int = 8) -> Network:
    """A random network of one or two regions (see the module's docstring)."""
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
             **more: st.SearchStrategy[object]) -> list[str]:
        ids = []
        for i in range(draw(st.integers(0, most))):
            oid = f"{prefix}{i}"
            extra = {k: draw(v) for k, v in more.items()}
            level = draw(st.sampled_from(list(Level)))
            b.add(Organization(id=oid, name=f"Организация {oid}", kind=draw(st.sampled_from(kinds)),
                               level=level, territory_id=draw(where), **extra))
            ids.append(oid)
        return ids

    schools = orgs("s", ("school",), 5, places,
                   short_name=st.none() | st.sampled_from(["Школа № 1", "Лицей"]))
    bodies = orgs("b", (*_METHODIST_BODY_KINDS, "education_authority"), 3, places)
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
        b.add(IndividualRoute(id=rid, created=draw(_days()),
                              status=draw(st.sampled_from(list(RouteStatus)))))
        routes.append(rid)
    people = []
    this_year = dt.date.today().year
    for i in range(draw(st.integers(1, max_people))):
        pid = f"p{i}"
        born = draw(st.none() | st.integers(1960, 2005))
        low = (born + 14) if born else 1990
        started = draw(st.none() | st.integers(low, min(this_year, YEARS[-1] + 1)))
        b.add(Person(id=pid, full_name=f"Педагог {i}", birth_year=born,
                     career_start_year=started, subjects=_subjects(draw)))
        people.append(pid)

    span = _span()
    subject = st.none() | st.sampled_from(SUBJECTS)
    for _ in range(draw(st.integers(0, max_edges))):
        if people and schools:
            b.add(EmployedAt(source=draw(st.sampled_from(people)),
                             target=draw(st.sampled_from(schools)), **draw(span)))
    roles = st.sampled_from([PersonRole.teacher, PersonRole.regional_methodist,
                             PersonRole.municipal_methodist, PersonRole.mentor])
    for _ in range(draw(st.integers(0, max_edges))):
        targets = [*schools, *bodies, *pools]
        if people and targets:
            b.add(HasRole(source=draw(st.sampled_from(people)),
                          target=draw(st.sampled_from(targets)), role=draw(roles),
                          subjects=_subjects(draw), **draw(span)))
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
    for _ in range(draw(st.integers(0, max_edges))):
        b.add(HasDeficit(source=draw(st.sampled_from(people)),
                         target=draw(st.sampled_from(competencies)),
                         diagnostic_id=draw(st.none() | st.sampled_from(["d1", "d2"])),
                         date=draw(st.none() | _days())))
    for _ in range(draw(st.integers(0, 3))):
        if routes:
            b.add(HasRoute(source=draw(st.sampled_from(people)),
                           target=draw(st.sampled_from(routes))))
    for make, sources in ((PartOf, [*services, *bodies]), (AttachedTo, [*councils, *bodies])):
        for _ in range(draw(st.integers(0, 3))):
            if sources and schools:
                b.add(make(source=draw(st.sampled_from(sources)),
                           target=draw(st.sampled_from(schools))))
    return Network(b, regions, districts, people, schools)
