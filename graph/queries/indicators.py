"""Indicators (показатели эффективности) of the regulations, computed per territory and period."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from graph.queries.area import Area, InvalidArgument, Part
from graph.queries.gaps import school_services, young_specialist_supported, young_specialists
from graph.queries.in_database import in_database
from graph.queries.scope import EVERYTHING, Scope
from graph.queries.where import Where
from graph.rules import completed_by
from graph.store.base import Store, reads_together

__all__ = [
    "INDICATORS",
    "IndicatorDefinition",
    "IndicatorSource",
    "IndicatorValue",
    "compute_indicator",
    "indicators",
]

Computation = Callable[[Area, Part], tuple[int, int]]
"""``(area, part) -> (numerator, denominator)``."""


@dataclass(frozen=True)
class IndicatorDefinition:
    """A computable indicator: its code, the regulation's wording and how it is computed."""

    code: str
    title: str  # the wording of 004 §6.1 / 001 §4.1–4.2
    unit: str  # "share" (0..1) or "ratio"
    numerator: str
    denominator: str
    compute: Computation


@dataclass(frozen=True)
class IndicatorSource:
    """An ``Indicator`` node of a regulation that this computation answers."""

    indicator_id: str
    regulation_id: str
    clause_number: str | None


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator for one territory and period; ``change`` is against ``compare_to``."""

    code: str
    title: str
    unit: str
    territory_id: str | None
    period: str | None
    numerator: int
    denominator: int
    value: float | None  # None when the denominator is 0
    numerator_means: str
    denominator_means: str
    sources: tuple[IndicatorSource, ...]
    compare_to: str | None = None
    previous_value: float | None = None
    change: float | None = None


def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def _diagnosed(area: Area, part: Part) -> tuple[int, int]:
    return sum(1 for t in part.teachers if area.diagnosed(t)), len(part.teachers)


def _with_routes(area: Area, part: Part) -> tuple[int, int]:
    return sum(1 for t in part.teachers if area.routes(t)), len(part.teachers)


def _registry_from_diagnostics(area: Area, part: Part) -> tuple[int, int]:
    def done(t: str) -> bool:
        for e in area.edges_from_teacher(t, "COMPLETED"):
            programme = area.target(e)
            if (programme is not None and programme.props.get("in_federal_registry")
                    and e.props.get("from_diagnostic") and completed_by(e.props, area.on)):
                return True
        return False

    return sum(1 for t in part.teachers if done(t)), len(part.teachers)


def _young_supported(area: Area, part: Part) -> tuple[int, int]:
    young = [t for t in young_specialists(area) if t in part.teachers]
    return sum(1 for t in young if young_specialist_supported(area, t)), len(young)


def _teachers_per_regional_methodist(area: Area, part: Part) -> tuple[int, int]:
    regional = {m.id for m in area.methodists.values() if m.level == "regional"}
    teachers = set()
    methodists = {m.id for m in area.local_methodists(part) if m.level == "regional"}
    for t in part.teachers:
        for e in area.edges_into_teacher(t, "SUPPORTS", "TUTORS"):
            if e.source in regional:
                teachers.add(t)
                methodists.add(e.source)
    return len(teachers), len(methodists)


def _methodists_per_school(area: Area, part: Part) -> tuple[int, int]:
    municipal = [m for m in area.local_methodists(part) if m.level == "municipal"]
    return len(municipal), len(part.schools)


def _schools_with_service(area: Area, part: Part) -> tuple[int, int]:
    return sum(1 for s in part.schools if school_services(area, s)), len(part.schools)


_TEACHERS = "teachers working at the territory's schools on the period's last day"
INDICATORS: dict[str, IndicatorDefinition] = {d.code: d for d in (
    IndicatorDefinition(
        "share_teachers_diagnosed",
        "доля педагогических работников, прошедших диагностику профессиональных компетенций",
        "share", "teachers with a diagnostic by the period's end", _TEACHERS, _diagnosed),
    IndicatorDefinition(
        "share_teachers_with_routes",
        "доля педагогических работников, для которых разработаны индивидуальные "
        "образовательные маршруты",
        "share", "teachers with an uncancelled route created by the period's end", _TEACHERS,
        _with_routes),
    IndicatorDefinition(
        "share_registry_programmes_from_diagnostics",
        "доля педагогических работников, освоивших программы ДПО из Федерального реестра, "
        "подобранные с учетом диагностики",
        "share", "teachers who completed a federal-registry programme chosen from diagnostics",
        _TEACHERS, _registry_from_diagnostics),
    IndicatorDefinition(
        "share_young_specialists_supported",
        "доля педагогических работников в возрасте до 35 лет, участвующих в различных формах "
        "поддержки и сопровождения в первые три года работы",
        "share", "young specialists mentored, supported, tutored or in a young teachers' school",
        "young specialists among the teachers", _young_supported),
    IndicatorDefinition(
        "teachers_per_regional_methodist",
        "количество педагогических работников, закрепленных за 1 региональным методистом",
        "ratio", "teachers supported or tutored by a regional methodist",
        "regional methodists of the territory or supporting its teachers",
        _teachers_per_regional_methodist),
    IndicatorDefinition(
        "methodists_per_school",
        "количество муниципальных методистов, закрепленных за муниципальными образовательными "
        "организациями",
        "ratio", "municipal methodists of the territory's bodies", "schools of the territory",
        _methodists_per_school),
    IndicatorDefinition(
        "share_schools_with_methodological_service",
        "количество методических служб (советов) в образовательных организациях",
        "share", "schools with a methodological service or council of their own",
        "schools of the territory", _schools_with_service),
)}
"""Indicator ``code`` → its computation: an ``Indicator`` node's code selects the function."""


@reads_together
def indicators(
    store: Store,
    where: Where | None = None,
    *,
    territory_id: str | None = None,
    period: str | None = None,
    compare_to: str | None = None,
    codes: list[str] | None = None,
    by_district: bool = False,
    scope: Scope = EVERYTHING,
    area: Area | None = None,
    compare_area: Area | None = None,
) -> list[IndicatorValue]:
    """The computable indicators for a territory and period, with numerator and denominator.

    Facts are counted as of the period's last day (staff, diagnostics, routes, completed
    programmes) or during the period (support). With ``compare_to`` (another period) each value
    carries the previous value and the change (in shares: a fraction, 0.1 = 10 points). With
    ``by_district`` the territory's districts follow it, each computed from the same reads.
    ``sources`` are the regulations' ``Indicator`` nodes carrying the code. ``area`` and
    ``compare_area`` are the areas of the two periods when another question read them already.

    Examples
    --------
    >>> from graph.queries.demo import demo_store
    >>> rows = indicators(demo_store(), territory_id="RU-LEN", period="2025-H1",
    ...                   compare_to="2024-H2")
    >>> [(r.code, r.numerator, r.denominator, r.value, r.change) for r in rows]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('share_teachers_diagnosed', 4, 5, 0.8, 0.8),
     ('share_teachers_with_routes', 2, 5, 0.4, 0.4),
     ('share_registry_programmes_from_diagnostics', 1, 5, 0.2, 0.2),
     ('share_young_specialists_supported', 1, 2, 0.5, 0.5),
     ('teachers_per_regional_methodist', 2, 1, 2.0, 2.0),
     ('methodists_per_school', 2, 4, 0.5, 0.0),
     ('share_schools_with_methodological_service', 2, 4, 0.5, 0.0)]
    """
    where = Where.of(where, territory_id=territory_id, period=period, scope=scope)
    territory_id, period, scope = where.territory_id, where.period, where.scope
    wanted = list(INDICATORS) if codes is None else codes
    for code in wanted:
        if code not in INDICATORS:
            raise InvalidArgument(f"no computation for the indicator code {code!r}; known: "
                                  f"{', '.join(INDICATORS)}")
    if area is None or not area.looks_at(where):
        area = Area(store, where)
    earlier = where.replace(period=compare_to, on=None)
    before = compare_area if compare_area is not None and compare_area.looks_at(earlier) \
        else (Area(store, earlier) if compare_to else None)
    sources = _sources(store, wanted)
    native = in_database(store)  # on Neo4j every part's counts come from three statements
    parts: list[str | None] = [territory_id]
    if by_district:
        parts += [d for d in area.districts if d != territory_id]
    rows = []
    for part_id in parts:
        terrs = None if part_id is None or part_id == territory_id else [part_id]
        for code in wanted:
            d = INDICATORS[code]
            n, m = (native.indicator(area, part_id if terrs else None, code) if native
                    else d.compute(area, area.part(terrs)))
            row = IndicatorValue(
                code=code, title=d.title, unit=d.unit, territory_id=part_id, period=period,
                numerator=n, denominator=m, value=_ratio(n, m), numerator_means=d.numerator,
                denominator_means=d.denominator, sources=sources.get(code, ()))
            if before is not None:
                pn, pm = (native.indicator(before, part_id if terrs else None, code) if native
                          else d.compute(before, before.part(terrs)))
                prev = _ratio(pn, pm)
                change = (round(row.value - prev, 4)
                          if row.value is not None and prev is not None else None)
                row = replace(row, compare_to=compare_to, previous_value=prev, change=change)
            rows.append(row)
    return rows


def _sources(store: Store, codes: list[str]) -> dict[str, tuple[IndicatorSource, ...]]:
    found: dict[str, list[IndicatorSource]] = {}
    for n in store.nodes("Indicator", where={"code": codes}):
        found.setdefault(str(n.props["code"]), []).append(IndicatorSource(
            n.id, str(n.props.get("regulation_id", "")), n.props.get("clause_number")))
    return {k: tuple(v) for k, v in found.items()}


@reads_together
def compute_indicator(
    store: Store,
    indicator_id: str,
    where: Where | None = None,
    *,
    territory_id: str | None = None,
    period: str | None = None,
    compare_to: str | None = None,
    scope: Scope = EVERYTHING,
) -> IndicatorValue:
    """Compute the ``Indicator`` node ``indicator_id`` of a regulation: its code selects how.

    >>> from graph.store import MemoryStore
    >>> compute_indicator(MemoryStore(), "nope")
    Traceback (most recent call last):
    ...
    graph.rules.InvalidArgument: no indicator has the id 'nope'
    """
    node = store.get_node(indicator_id)
    if node is None or node.label != "Indicator":
        raise InvalidArgument(f"no indicator has the id {indicator_id!r}")
    code = node.props.get("code")
    if not node.props.get("computable") or code not in INDICATORS:
        raise InvalidArgument(f"the indicator {indicator_id!r} is not computable from the graph")
    where = Where.of(where, territory_id=territory_id, period=period, scope=scope)
    (row,) = indicators(store, where, compare_to=compare_to, codes=[str(code)])
    return row
