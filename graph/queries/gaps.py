"""Coverage gaps: who and what the support system misses, each with a reason and evidence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from graph.model.base import EdgeRecord
from graph.queries.area import Area, Evidence, InvalidArgument, same_subject
from graph.queries.load import LEVELS, loads
from graph.queries.nodes import title_of
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.where import Where
from graph.rules import load_norm
from graph.store.base import Store, reads_together

if TYPE_CHECKING:
    from graph.queries.native_gaps import NativeGaps

__all__ = [
    "Gap",
    "GapKind",
    "GapReport",
    "deficits_without_route",
    "districts_without_methodist_pool",
    "gap_report",
    "methodists_over_load",
    "school_services",
    "schools_without_methodological_service",
    "subjects_without_methodist",
    "teachers_needing_methodist",
    "teachers_without_methodist",
    "young_specialist_supported",
    "young_specialists",
    "young_specialists_without_support",
]


class GapKind(StrEnum):
    """The kinds of coverage gap."""

    deficit_without_route = "deficit_without_route"
    teacher_without_methodist = "teacher_without_methodist"
    young_specialist_without_support = "young_specialist_without_support"
    school_without_methodological_service = "school_without_methodological_service"
    district_without_methodist_pool = "district_without_methodist_pool"
    subject_without_methodist = "subject_without_methodist"
    methodist_over_load = "methodist_over_load"


@dataclass(frozen=True)
class Gap:
    """One item missing something: a teacher, school, district (with a subject) or methodist."""

    kind: GapKind
    node_id: str
    label: str
    title: str
    territory_id: str | None
    reason: str
    reason_ru: str
    subject: str | None = None
    value: int | None = None  # a count the reason rests on (deficits, teachers, load)
    evidence: tuple[Evidence, ...] = field(default=())


@dataclass(frozen=True)
class GapReport:
    """Every kind of gap for one territory and period, with counts."""

    territory_id: str | None
    period: str | None
    gaps: dict[GapKind, tuple[Gap, ...]]
    counted: dict[GapKind, int] | None = None
    """Each kind's count when only counts were asked for (the lists are then empty), or only
    the first page of each list (``first``)."""
    first: int | None = None
    """When set, each list holds only its first ``first`` gaps (in the list's order) and
    ``counted`` every kind's count: what a coordinator's first screen shows."""

    @property
    def counts(self) -> dict[GapKind, int]:
        if self.counted is not None:
            return dict(self.counted)
        return {k: len(v) for k, v in self.gaps.items()}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cut(self, first: int) -> GapReport:
        """The report with each list cut to its first ``first`` gaps, the counts kept.

        >>> from graph.queries.demo import demo_store
        >>> report = gap_report(demo_store(), period="2025-H1")
        >>> page = report.cut(1)
        >>> page.counts == report.counts
        True
        >>> [g.node_id for g in page.gaps[GapKind.teacher_without_methodist]]
        ['t2']
        """
        return GapReport(self.territory_id, self.period,
                         {k: v[:first] for k, v in self.gaps.items()}, self.counts, first)


def _native(store: Store, area: Area | None) -> NativeGaps | None:
    """The gap questions computed in the database (Neo4j; see :mod:`graph.queries.native_gaps`)
    unless an area was read already, or ``None``: then they are computed here, in Python."""
    from graph.queries.native_gaps import in_database

    return None if area is not None else in_database(store)


def _teacher_gap(area: Area, kind: GapKind, teacher: str, reason: str, reason_ru: str,
                 edges: list[EdgeRecord], value: int | None = None) -> Gap:
    person = area.people.get(teacher)
    schools = area.schools_of(teacher)
    district = area.schools[schools[0]].props.get("territory_id") if schools else None
    return Gap(kind=kind, node_id=teacher, label="Person",
               title=title_of(person) if person else teacher,
               territory_id=district if isinstance(district, str) else None,
               reason=reason, reason_ru=reason_ru,
               value=value, evidence=tuple(Evidence.of(e) for e in edges))


def _teaches(area: Area, teacher: str, subject: str | None) -> bool:
    return subject is None or any(same_subject(s, subject) for s in area.teacher_subjects(teacher))


@reads_together
def deficits_without_route(
    store: Store, where: Where | None = None, *, territory_id: str | None = None,
    period: str | None = None,
    subject: str | None = None, scope: Scope = EVERYTHING, area: Area | None = None,
) -> list[Gap]:
    """Teachers with deficits diagnosed by the period's end but no (uncancelled) route.

    >>> from graph.queries.demo import demo_store
    >>> for g in deficits_without_route(demo_store(), period="2025-H1"):
    ...     print(g.node_id, g.reason)
    t2 deficits in физика; no individual route
    t3 deficits in математика; no individual route
    """
    if (native := _native(store, area)) is not None:
        w = Where.of(where, territory_id=territory_id, period=period, scope=scope)
        return native.deficits_without_route(w.territory_id, w.period, w.scope, subject=subject)
    area = area or Area(store, where, territory_id=territory_id, period=period, scope=scope)
    gaps = []
    for teacher in area.teacher_edges:
        deficits = [e for e in area.deficits(teacher)
                    if subject is None or same_subject(area.deficit_subject(e), subject)]
        if not deficits or area.routes(teacher):
            continue
        names = sorted({area.deficit_subject(e) or _competency(area, e) for e in deficits})
        gaps.append(_teacher_gap(
            area, GapKind.deficit_without_route, teacher,
            f"deficits in {', '.join(names)}; no individual route",
            f"дефициты: {', '.join(names)}; нет ИОМ", deficits, value=len(deficits)))
    return gaps


def _competency(area: Area, deficit: EdgeRecord) -> str:
    node = area.target(deficit)
    return title_of(node) if node else deficit.target


@reads_together
def teachers_without_methodist(
    store: Store, where: Where | None = None, *, territory_id: str | None = None,
    period: str | None = None,
    subject: str | None = None, scope: Scope = EVERYTHING, area: Area | None = None,
) -> list[Gap]:
    """Teachers whom no methodist supports or tutors directly during the period.

    ``subject`` keeps teachers of that subject.

    >>> from graph.queries.demo import demo_store
    >>> [g.node_id for g in teachers_without_methodist(demo_store(), period="2025-H1")]
    ['t2', 't3', 'tz']
    """
    if (native := _native(store, area)) is not None:
        w = Where.of(where, territory_id=territory_id, period=period, scope=scope)
        return native.teachers_without_methodist(w.territory_id, w.period, w.scope, subject=subject)
    area = area or Area(store, where, territory_id=territory_id, period=period, scope=scope)
    gaps = []
    for teacher, work in area.teacher_edges.items():
        if not _teaches(area, teacher, subject):
            continue
        support = area.edges_into_teacher(teacher, "SUPPORTS", "TUTORS")
        if any(e.source in area.methodists for e in support):
            continue
        others = sorted({e.source for e in support})
        more = f" (supported by non-methodists: {', '.join(others)})" if others else ""
        names = sorted({title_of(n) if (n := area.node(o)) else o for o in others})
        more_ru = f" (поддерживают не методисты: {', '.join(names)})" if others else ""
        gaps.append(_teacher_gap(
            area, GapKind.teacher_without_methodist, teacher,
            f"no methodist supports or tutors this teacher{more}",
            f"за педагогом не закреплён методист{more_ru}", [*work, *support]))
    return gaps


@reads_together
def teachers_needing_methodist(
    store: Store, where: Where | None = None, *, territory_id: str | None = None,
    period: str | None = None,
    subject: str | None = None, scope: Scope = EVERYTHING, area: Area | None = None,
    among: Iterable[Gap] | None = None,
) -> list[Gap]:
    """The teachers without a methodist for whom it matters: those with professional deficits
    found by the period's end, and young specialists.

    A region has thousands of teachers no methodist supports directly, and most need no one;
    a coordinator looks for those with deficits or in their first years. The gaps are
    :func:`teachers_without_methodist` ones (``among``: those already found for the same
    area), their reasons saying why the teacher matters.

    >>> from graph.queries.demo import demo_store
    >>> for g in teachers_needing_methodist(demo_store(), period="2025-H1"):
    ...     print(g.node_id, g.reason_ru)  # doctest: +NORMALIZE_WHITESPACE
    t2 за педагогом не закреплён методист (поддерживают не методисты: Тьюторов Павел);
       дефициты: физика; молодой педагог
    t3 за педагогом не закреплён методист; дефициты: математика; молодой педагог
    """
    area = area or Area(store, where, territory_id=territory_id, period=period, scope=scope)
    young = set(young_specialists(area))
    gaps = []
    if among is None:
        among = teachers_without_methodist(store, subject=subject, area=area)
    for gap in among:
        deficits = area.deficits(gap.node_id)
        if not deficits and gap.node_id not in young:
            continue
        why, why_ru = [], []
        if deficits:
            names = sorted({area.deficit_subject(e) or _competency(area, e) for e in deficits})
            why.append(f"deficits in {', '.join(names)}")
            why_ru.append(f"дефициты: {', '.join(names)}")
        if gap.node_id in young:
            why.append("young specialist")
            why_ru.append("молодой педагог")
        gaps.append(replace(gap, reason=f"{gap.reason}; {'; '.join(why)}",
                            reason_ru=f"{gap.reason_ru}; {'; '.join(why_ru)}",
                            value=len(deficits)))
    return gaps


@reads_together
def young_specialists_without_support(
    store: Store, where: Where | None = None, *, territory_id: str | None = None,
    period: str | None = None,
    subject: str | None = None, scope: Scope = EVERYTHING, area: Area | None = None,
) -> list[Gap]:
    """Young specialists (under 35, first three years, on the period's last day) with no mentor,
    supporter or tutor during the period and not in a Школа молодого педагога.

    >>> from graph.queries.demo import demo_store
    >>> gaps = young_specialists_without_support(demo_store(), period="2025-H1")
    >>> [(g.node_id, g.reason) for g in gaps]
    [('t3', 'young specialist (age 26, year 3 of work) with no mentor or support')]
    """
    if (native := _native(store, area)) is not None:
        w = Where.of(where, territory_id=territory_id, period=period, scope=scope)
        return native.young_specialists_without_support(w.territory_id, w.period, w.scope,
                                                        subject=subject)
    area = area or Area(store, where, territory_id=territory_id, period=period, scope=scope)
    gaps = []
    for teacher in young_specialists(area):
        if not _teaches(area, teacher, subject) or young_specialist_supported(area, teacher):
            continue
        p = area.people[teacher].props
        year = area.on.year - p["career_start_year"] + 1
        # An analyst's people carry an age band instead of the birth year.
        age, age_ru = ((f"age {area.on.year - p['birth_year']}",
                        f"{area.on.year - p['birth_year']} лет") if "birth_year" in p
                       else (f"age {p.get('age_band')}", f"возраст {p.get('age_band')}"))
        gaps.append(_teacher_gap(
            area, GapKind.young_specialist_without_support, teacher,
            f"young specialist ({age}, year {year} of work) with no mentor or support",
            f"молодой педагог ({age_ru}, {year}-й год работы) без наставника и поддержки",
            area.teacher_edges[teacher]))
    return gaps


def young_specialists(area: Area) -> list[str]:
    """The area's teachers who are young specialists on the period's last day."""
    return area.young_specialists


def young_specialist_supported(area: Area, teacher: str) -> bool:
    if area.edges_into_teacher(teacher, "MENTORS", "SUPPORTS", "TUTORS"):
        return True
    return any((n := area.target(e)) is not None
               and n.props.get("community_kind") == "young_teacher_school"
               for e in area.edges_from_teacher(teacher, "MEMBER_OF"))


@reads_together
def schools_without_methodological_service(
    store: Store, where: Where | None = None, *, territory_id: str | None = None,
    period: str | None = None,
    scope: Scope = EVERYTHING, area: Area | None = None,
) -> list[Gap]:
    """Schools with neither a methodological service of their own (PART_OF the school) nor a
    council attached to them (ATTACHED_TO).

    >>> from graph.queries.demo import demo_store
    >>> [g.node_id for g in schools_without_methodological_service(demo_store())]
    ['s3', 'school-strong', 'z1']
    """
    if (native := _native(store, area)) is not None:
        w = Where.of(where, territory_id=territory_id, period=period, scope=scope)
        return native.schools_without_methodological_service(w.territory_id, w.period, w.scope)
    area = area or Area(store, where, territory_id=territory_id, period=period, scope=scope)
    return [
        Gap(kind=GapKind.school_without_methodological_service, node_id=sid, label=school.label,
            title=title_of(school), territory_id=school.props.get("territory_id"),
            reason="no methodological service or council of its own",
            reason_ru="нет методической службы (совета) образовательной организации")
        for sid, school in area.schools.items() if not school_services(area, sid)
    ]


def school_services(area: Area, school_id: str) -> list[EdgeRecord]:
    """The PART_OF edges of the school's methodological services and ATTACHED_TO of its councils."""
    found = []
    for e in area.edges_into_school(school_id, "PART_OF", "ATTACHED_TO"):
        node = area.node(e.source)
        kind = node.props.get("kind") if node else None
        if (e.type, kind) in (("PART_OF", "school_methodological_service"),
                              ("ATTACHED_TO", "council")):
            found.append(e)
    return found


@reads_together
def districts_without_methodist_pool(
    store: Store, where: Where | None = None, *, territory_id: str | None = None,
    period: str | None = None,
    scope: Scope = EVERYTHING, area: Area | None = None,
) -> list[Gap]:
    """Districts with no municipal methodist pool, or whose pools have no active member.

    >>> from graph.queries.demo import demo_store
    >>> for g in districts_without_methodist_pool(demo_store()):
    ...     print(g.node_id, g.reason)
    RU-AMU-zeya no municipal methodist pool
    RU-LEN-b the methodist pool pool-b has no members
    """
    if (native := _native(store, area)) is not None:
        w = Where.of(where, territory_id=territory_id, period=period, scope=scope)
        return native.districts_without_methodist_pool(w.territory_id, w.period, w.scope)
    area = area or Area(store, where, territory_id=territory_id, period=period, scope=scope)
    if not area.districts:
        return []
    pools = [p for p in store.nodes("Organization", where={
        "kind": "methodist_pool", "territory_id": sorted(area.districts)})
        if not p.props.get("generic_name")]
    members = [e for e in store.edges("MEMBER_OF", targets=[p.id for p in pools])
               if area.active(e)]
    gaps = []
    for did, district in area.districts.items():
        mine = [p for p in pools if p.props.get("territory_id") == did]
        staffed = {e.target for e in members}
        if mine and any(p.id in staffed for p in mine):
            continue
        if mine:
            ids = ", ".join(p.id for p in mine)
            names = ", ".join(f"«{title_of(p)}»" for p in mine)
            reason, reason_ru = (f"the methodist pool {ids} has no members",
                                 f"в муниципальном методическом активе {names} нет участников")
        else:
            reason, reason_ru = ("no municipal methodist pool",
                                 "нет муниципального методического актива")
        gaps.append(Gap(kind=GapKind.district_without_methodist_pool, node_id=did,
                        label=district.label, title=title_of(district), territory_id=did,
                        reason=reason, reason_ru=reason_ru))
    return gaps


@reads_together
def subjects_without_methodist(
    store: Store, where: Where | None = None, *, territory_id: str | None = None,
    period: str | None = None,
    subject: str | None = None, scope: Scope = EVERYTHING, area: Area | None = None,
) -> list[Gap]:
    """Subjects in which a district's teachers have deficits but no methodist of that subject
    is there — neither working for a body of the district nor supporting its schools or
    teachers (with the subject of the support, or their own).

    >>> from graph.queries.demo import demo_store
    >>> gaps = subjects_without_methodist(demo_store(), period="2025-H1")
    >>> [(g.node_id, g.subject, g.value) for g in gaps]
    [('RU-LEN-a', 'физика', 1), ('RU-LEN-b', 'химия', 1)]
    """
    if (native := _native(store, area)) is not None:
        w = Where.of(where, territory_id=territory_id, period=period, scope=scope)
        return native.subjects_without_methodist(w.territory_id, w.period, w.scope, subject=subject)
    area = area or Area(store, where, territory_id=territory_id, period=period, scope=scope)
    deficits: dict[tuple[str, str], list[EdgeRecord]] = defaultdict(list)
    for teacher in area.teacher_edges:
        for district in _districts_of(area, teacher):
            for e in area.deficits(teacher):
                s = area.deficit_subject(e)
                if s and (subject is None or same_subject(s, subject)):
                    deficits[(district, s.strip().casefold())].append(e)
    covered = _methodist_subjects(area)
    gaps = []
    for (district, key), edges in sorted(deficits.items()):
        if key in covered.get(district, set()):
            continue
        name = area.deficit_subject(edges[0]) or key
        node = area.districts.get(district)
        teachers = len({e.source for e in edges})
        gaps.append(Gap(
            kind=GapKind.subject_without_methodist, node_id=district,
            label=node.label if node else "Municipality",
            title=title_of(node) if node else district, territory_id=district,
            reason=f"{teachers} teacher(s) with deficits in {name}; no methodist of {name} "
                   "works in or supports the district",
            reason_ru=f"педагогов с дефицитами по предмету «{name}»: {teachers}; "
                      "нет методиста по этому предмету",
            subject=name, value=teachers, evidence=tuple(Evidence.of(e) for e in edges)))
    return gaps


def _districts_of(area: Area, teacher: str) -> set[str]:
    return {str(d) for s in area.schools_of(teacher)
            if (d := area.schools[s].props.get("territory_id"))}


def _methodist_subjects(area: Area) -> dict[str, set[str]]:
    """Per district: subjects of methodists working there or supporting its schools/teachers."""
    by: dict[str, set[str]] = defaultdict(set)
    for m in area.local_methodists():
        if m.territory_id:
            by[m.territory_id] |= area.subject_keys(m.subjects)
    support = [(e, {str(area.schools[s].props.get("territory_id"))})
               for s in area.schools for e in area.edges_into_school(s, "SUPPORTS")]
    support += [(e, _districts_of(area, t))
                for t in area.teacher_edges for e in area.edges_into_teacher(t, "SUPPORTS",
                                                                              "TUTORS")]
    for e, districts in support:
        supporter = area.methodists.get(e.source)
        if supporter is None:
            continue
        subjects = area.subject_keys([e.props["subject"]] if e.props.get("subject")
                                     else supporter.subjects)
        for d in districts:
            by[d] |= subjects
    return by


@reads_together
def methodists_over_load(
    store: Store, where: Where | None = None, *, territory_id: str | None = None,
    period: str | None = None,
    subject: str | None = None, level: str | None = None, norm: int | None = None,
    scope: Scope = EVERYTHING, area: Area | None = None,
) -> list[Gap]:
    """Methodists who support or tutor more teachers than the load norm.

    The norm is the target of the indicator «количество педагогических работников,
    закрепленных за 1 региональным методистом для осуществления методического сопровождения»
    (приказ КОиПО ЛО № 17 of 11.05.2023, РСНМС §6.1; code ``teachers_per_regional_methodist``)
    and of «количество муниципальных методистов, закрепленных за … педагогическими
    работниками» (same clause; the Vsevolozhsk ММС regulation, §4.1, measures the same
    support). Neither regulation fixes a number, so the norm is a setting:
    ``METHODNET_LOAD_NORM`` (:func:`graph.rules.load_norm`); ``norm`` overrides it.

    >>> from graph.queries.demo import demo_store
    >>> [(g.node_id, g.value) for g in methodists_over_load(demo_store(), period="2025-H1", norm=1)]
    [('m1', 2)]
    """
    norm = norm_for(norm, level)
    if (native := _native(store, area)) is not None:
        w = Where.of(where, territory_id=territory_id, period=period, scope=scope)
        return native.methodists_over_load(w.territory_id, w.period, w.scope, subject=subject,
                                           level=level, norm=norm)
    area = area or Area(store, where, territory_id=territory_id, period=period, scope=scope)
    return [
        Gap(kind=GapKind.methodist_over_load, node_id=row.methodist_id, label="Person",
            title=row.title, territory_id=row.territory_id,
            reason=f"{row.teacher_count} teachers, over the norm of {norm}",
            reason_ru=f"закреплено педагогов: {row.teacher_count}, норматив {norm}",
            value=row.teacher_count, evidence=row.evidence)
        for row in loads(area, level=level, subject=subject) if row.teacher_count > norm
    ]


def norm_for(norm: int | None, level: str | None) -> int:
    """The load norm (:func:`graph.rules.load_norm`), checked with the level asked for."""
    norm = load_norm(norm)
    if level is not None and level not in LEVELS:
        raise InvalidArgument(f"level must be regional or municipal, not {level!r}")
    return norm


@reads_together
def gap_report(
    store: Store,
    where: Where | None = None,
    *,
    territory_id: str | None = None,
    period: str | None = None,
    subject: str | None = None,
    level: str | None = None,
    norm: int | None = None,
    kinds: list[GapKind] | None = None,
    counts_only: bool = False,
    first: int | None = None,
    scope: Scope = EVERYTHING,
    area: Area | None = None,
) -> GapReport:
    """Every kind of gap (or those in ``kinds``) from one shared read of the area.

    ``level`` (regional, municipal) and ``norm`` apply to the methodists over load; ``subject``
    to the teacher and subject gaps. ``where`` (:class:`~graph.queries.where.Where`) says
    where and when, or its keywords do; ``area`` is the area of it when another question
    read it already. With ``counts_only`` the report has each kind's count and empty lists (on
    Neo4j no gap then leaves the server). With ``first`` each list holds only its first
    ``first`` gaps, in the order of the whole list, and the counts are of every gap: a
    coordinator's first screen (on Neo4j the country's long lists are then not built; see
    :meth:`GapReport.cut`).

    >>> from graph.queries.demo import demo_store
    >>> report = gap_report(demo_store(), territory_id="RU-LEN", period="2025-H1")
    >>> {k.value: n for k, n in report.counts.items()}  # doctest: +NORMALIZE_WHITESPACE
    {'deficit_without_route': 2, 'teacher_without_methodist': 2,
     'young_specialist_without_support': 1, 'school_without_methodological_service': 2,
     'district_without_methodist_pool': 1, 'subject_without_methodist': 2,
     'methodist_over_load': 0}
    """
    where = Where.of(where, territory_id=territory_id, period=period, scope=scope)
    territory_id, period, scope = where.territory_id, where.period, where.scope
    wanted = list(GapKind) if kinds is None else [GapKind(k) for k in kinds]
    if first is not None and first < 0:
        raise InvalidArgument(f"first must be 0 or more, not {first}")
    if (native := _native(store, area)) is not None:
        if first is not None and not counts_only:
            return native.first_pages(wanted, territory_id, period, scope, first=first,
                                      subject=subject, level=level, norm=norm)
        if counts_only:
            return GapReport(territory_id, period, {k: () for k in wanted}, native.counts(
                wanted, territory_id, period, scope, subject=subject, level=level, norm=norm))
        return native.gap_report(wanted, territory_id, period, scope, subject=subject,
                                 level=level, norm=norm)
    if area is None or not area.looks_at(where):
        area = Area(store, where)
    compute: dict[GapKind, Callable[[], list[Gap]]] = {
        GapKind.deficit_without_route:
            lambda: deficits_without_route(store, subject=subject, area=area),
        GapKind.teacher_without_methodist:
            lambda: teachers_without_methodist(store, subject=subject, area=area),
        GapKind.young_specialist_without_support:
            lambda: young_specialists_without_support(store, subject=subject, area=area),
        GapKind.school_without_methodological_service:
            lambda: schools_without_methodological_service(store, area=area),
        GapKind.district_without_methodist_pool:
            lambda: districts_without_methodist_pool(store, area=area),
        GapKind.subject_without_methodist:
            lambda: subjects_without_methodist(store, subject=subject, area=area),
        GapKind.methodist_over_load: lambda: methodists_over_load(
            store, subject=subject, level=level, norm=norm, area=area),
    }
    found = {k: tuple(compute[k]()) for k in wanted}
    if counts_only:
        return GapReport(territory_id, period, {k: () for k in wanted},
                         {k: len(v) for k, v in found.items()})
    report = GapReport(territory_id=territory_id, period=period, gaps=found)
    return report if first is None else report.cut(first)
